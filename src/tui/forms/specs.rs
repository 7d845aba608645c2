//! The fields of every record type's form, and the way records become JSON and back.

use serde::Serialize;
use serde_json::{Value, json};

use super::{FieldKind, FieldSpec, ItemsSpec};
use crate::model::edit::Record;
use crate::model::labels::{Label, duration_words};
use crate::model::*;

fn l(lang: Language, en: &str, nl: &str) -> String {
    match lang {
        Language::En => en.to_owned(),
        Language::Nl => nl.to_owned(),
    }
}

/// The choices of an enum, as JSON values with their labels.
fn choices<E: Serialize + Label>(all: &[E], lang: Language) -> FieldKind {
    FieldKind::Choice(
        all.iter()
            .map(|e| {
                (
                    serde_json::to_value(e).unwrap_or(Value::Null),
                    e.label(lang).to_owned(),
                )
            })
            .collect(),
    )
}

fn text(path: &str, label: String) -> FieldSpec {
    FieldSpec::new(path, label, FieldKind::Line)
}

fn multi(path: &str, label: String) -> FieldSpec {
    FieldSpec::new(path, label, FieldKind::Multi)
}

fn date(path: &str, label: String) -> FieldSpec {
    FieldSpec::new(path, label, FieldKind::Date).optional()
}

fn one_to_five(path: &str, label: String) -> FieldSpec {
    FieldSpec::new(path, label, FieldKind::Number { min: 1, max: 5 })
}

/// The fields of a record type's form, and its optional groups.
pub fn fields(kind: RecordKind, lang: Language) -> (Vec<FieldSpec>, Vec<String>) {
    let t = |en: &str, nl: &str| l(lang, en, nl);
    let notes = || multi("notes", t("Notes", "Notities"));
    match kind {
        RecordKind::ChecklistItem => (
            vec![
                multi("question", t("Question", "Vraag")).required(),
                FieldSpec::new(
                    "principle",
                    t("Principle", "Principe"),
                    choices(&Principle::ALL, lang),
                ),
                FieldSpec::new(
                    "answer",
                    t("Answer", "Antwoord"),
                    choices(&Answer::CHOICES, lang),
                ),
                multi("note", t("Note", "Notitie")),
                date("answered", t("Answered on", "Beantwoord op")),
                multi("guidance", t("Guidance", "Toelichting")),
            ],
            vec![],
        ),
        RecordKind::Statement => (
            vec![
                multi("statement", t("Statement", "Stelling")).required(),
                FieldSpec::new(
                    "principle",
                    t("Principle", "Principe"),
                    choices(&Principle::ALL, lang),
                ),
                FieldSpec::new(
                    "answer",
                    t("Answer", "Antwoord"),
                    choices(&Answer::CHOICES, lang),
                ),
                multi("note", t("Note", "Notitie")),
                date("answered", t("Answered on", "Beantwoord op")),
                FieldSpec::new(
                    "weight",
                    t("Weight (1–3)", "Gewicht (1–3)"),
                    FieldKind::Number { min: 1, max: 3 },
                )
                .required(),
                multi("action", t("Improvement action", "Verbeteractie")).required(),
                FieldSpec::new(
                    "priority",
                    t("Priority", "Prioriteit"),
                    choices(&Priority::ALL, lang),
                ),
                FieldSpec::new(
                    "plan_step",
                    t("Plan step", "Stap in het plan"),
                    FieldKind::Ref(RecordKind::Step),
                )
                .optional(),
            ],
            vec![],
        ),
        RecordKind::Step => (
            vec![
                text("title", t("Title", "Titel")).required(),
                multi("description", t("Description", "Omschrijving")),
                FieldSpec::new(
                    "owner",
                    t("Owner", "Eigenaar"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                FieldSpec::new(
                    "status",
                    t("Status", "Status"),
                    choices(&StepStatus::ALL, lang),
                ),
                date("due", t("Due", "Deadline")),
                date("done", t("Done on", "Klaar op")),
                FieldSpec::new(
                    "risks",
                    t("Risks it treats", "Risico's die het behandelt"),
                    FieldKind::Refs(RecordKind::Risk),
                ),
                FieldSpec::new(
                    "statements",
                    t("Self-check statements", "Zelftestvragen"),
                    FieldKind::Refs(RecordKind::Statement),
                ),
                notes(),
            ],
            vec![],
        ),
        RecordKind::FirstHourStep => (
            vec![
                text("title", t("Title", "Titel")).required(),
                multi("description", t("Description", "Omschrijving")),
                FieldSpec::new(
                    "role",
                    t("Crisis role", "Crisisrol"),
                    choices(&RoleKind::ALL, lang),
                )
                .optional(),
            ],
            vec![],
        ),
        RecordKind::Risk => (
            vec![
                text("title", t("Title", "Titel")).required(),
                one_to_five("current.likelihood", t("Likelihood (1–5)", "Kans (1–5)")).required(),
                one_to_five("current.impact", t("Impact (1–5)", "Impact (1–5)")).required(),
                FieldSpec::new(
                    "owner",
                    t("Owner", "Eigenaar"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                FieldSpec::new(
                    "treatment",
                    t("Treatment", "Behandeling"),
                    choices(&Treatment::ALL, lang),
                )
                .optional(),
                FieldSpec::new(
                    "status",
                    t("Status", "Status"),
                    choices(&RiskStatus::ALL, lang),
                ),
                date("review_by", t("Review by", "Herzien voor")),
                multi("description", t("Description", "Omschrijving")),
                multi("threat", t("Threat", "Dreiging")),
                multi("vulnerability", t("Vulnerability", "Kwetsbaarheid")),
                text("category", t("Category", "Categorie")),
                FieldSpec::new(
                    "processes",
                    t("Affected processes", "Geraakte processen"),
                    FieldKind::Refs(RecordKind::Process),
                ),
                FieldSpec::new(
                    "systems",
                    t("Affected systems", "Geraakte systemen"),
                    FieldKind::Refs(RecordKind::System),
                ),
                FieldSpec::new(
                    "suppliers",
                    t("Affected suppliers", "Geraakte leveranciers"),
                    FieldKind::Refs(RecordKind::Supplier),
                ),
                multi("measures", t("Existing measures", "Bestaande maatregelen")),
                FieldSpec::new(
                    "actions",
                    t("Planned actions (plan steps)", "Geplande acties (stappen)"),
                    FieldKind::Refs(RecordKind::Step),
                ),
                one_to_five(
                    "residual.likelihood",
                    t("Residual likelihood (1–5)", "Restkans (1–5)"),
                )
                .optional(),
                one_to_five(
                    "residual.impact",
                    t("Residual impact (1–5)", "Restimpact (1–5)"),
                )
                .optional(),
                FieldSpec::new(
                    "acceptance.by",
                    t("Accepted by", "Geaccepteerd door"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                date("acceptance.on", t("Accepted on", "Geaccepteerd op")),
                multi(
                    "acceptance.reason",
                    t("Why accepted", "Waarom geaccepteerd"),
                )
                .optional(),
                date(
                    "acceptance.until",
                    t("Acceptance holds until", "Acceptatie geldt tot"),
                ),
                notes(),
            ],
            vec!["residual".to_owned(), "acceptance".to_owned()],
        ),
        RecordKind::Process => (
            vec![
                text("name", t("Name", "Naam")).required(),
                FieldSpec::new(
                    "criticality",
                    t("Criticality", "Kritiekheid"),
                    choices(&Criticality::ALL, lang),
                ),
                FieldSpec::new(
                    "owner",
                    t("Owner", "Eigenaar"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                FieldSpec::new(
                    "mtd",
                    t("Maximum tolerable downtime", "Maximaal toelaatbare uitval"),
                    FieldKind::Duration,
                )
                .optional(),
                FieldSpec::new(
                    "rto",
                    t("Recovery time objective (RTO)", "Hersteltijd (RTO)"),
                    FieldKind::Duration,
                )
                .optional(),
                FieldSpec::new(
                    "rpo",
                    t(
                        "Recovery point objective (RPO)",
                        "Maximaal dataverlies (RPO)",
                    ),
                    FieldKind::Duration,
                )
                .optional(),
                FieldSpec::new(
                    "recovery_order",
                    t("Recovery order", "Herstelvolgorde"),
                    FieldKind::Number { min: 1, max: 999 },
                )
                .optional(),
                FieldSpec::new(
                    "systems",
                    t("Depends on systems", "Hangt af van systemen"),
                    FieldKind::Refs(RecordKind::System),
                ),
                FieldSpec::new(
                    "suppliers",
                    t("Depends on suppliers", "Hangt af van leveranciers"),
                    FieldKind::Refs(RecordKind::Supplier),
                ),
                multi(
                    "workaround",
                    t("Manual workaround", "Handmatige noodoplossing"),
                ),
                multi(
                    "minimum_service",
                    t(
                        "Minimum service while degraded",
                        "Minimale dienstverlening bij uitval",
                    ),
                ),
                multi("description", t("Description", "Omschrijving")),
                notes(),
            ],
            vec![],
        ),
        RecordKind::System => (
            vec![
                text("name", t("Name", "Naam")).required(),
                FieldSpec::new("kind", t("Kind", "Soort"), choices(&SystemKind::ALL, lang)),
                FieldSpec::new(
                    "data",
                    t("Data it holds", "Gegevens erin"),
                    flags(&DataKind::ALL, lang),
                ),
                text("location", t("Location", "Locatie")),
                FieldSpec::new(
                    "supplier",
                    t("Supplier", "Leverancier"),
                    FieldKind::Ref(RecordKind::Supplier),
                )
                .optional(),
                FieldSpec::new(
                    "owner",
                    t("Owner", "Eigenaar"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                notes(),
            ],
            vec![],
        ),
        RecordKind::Supplier => (
            vec![
                text("name", t("Name", "Naam")).required(),
                text("service", t("Service", "Dienst")),
                date("contract_end", t("Contract ends", "Contract loopt af")),
                FieldSpec::new(
                    "security_agreements",
                    t(
                        "Security agreements in the contract",
                        "Beveiligingsafspraken in het contract",
                    ),
                    FieldKind::Bool,
                ),
                FieldSpec::new(
                    "incident_contact",
                    t("Incident contact", "Contact bij incidenten"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                multi(
                    "exit_plan",
                    t("Exit plan / alternative", "Exitplan / alternatief"),
                ),
                notes(),
            ],
            vec![],
        ),
        RecordKind::Contact => (
            vec![
                text("name", t("Name", "Naam")).required(),
                text("role", t("Role", "Rol")),
                text("organisation", t("Organisation", "Organisatie")),
                FieldSpec::new("kind", t("Kind", "Soort"), choices(&ContactKind::ALL, lang)),
                FieldSpec::new(
                    "phones",
                    t(
                        "Work phone numbers (in git)",
                        "Werktelefoonnummers (in git)",
                    ),
                    phones(lang),
                ),
                text("email", t("E-mail", "E-mail")),
                text(
                    "out_of_band",
                    t(
                        "Out-of-band channel (works without e-mail)",
                        "Alternatief kanaal (werkt zonder e-mail)",
                    ),
                ),
                text("availability", t("Availability", "Bereikbaarheid")),
                date(
                    "verified",
                    t("Details verified on", "Gegevens gecontroleerd op"),
                ),
                FieldSpec::new(
                    "authority",
                    t("Authority", "Overheidsinstantie"),
                    choices(
                        &[
                            Authority::CyberSecurityCentre,
                            Authority::Police,
                            Authority::DataProtection,
                            Authority::SectorCsirt,
                        ],
                        lang,
                    ),
                )
                .optional(),
                multi(
                    "needs",
                    t("What they need from you", "Wat ze van je nodig hebben"),
                ),
                notes(),
                FieldSpec::new(
                    "private.phones",
                    t(
                        "Private phone numbers (kept out of git)",
                        "Privételefoonnummers (buiten git)",
                    ),
                    phones(lang),
                ),
                text("private.email", t("Private e-mail", "Privé-e-mail")),
                text(
                    "private.out_of_band",
                    t("Private out-of-band channel", "Privé alternatief kanaal"),
                ),
                multi("private.address", t("Home address", "Huisadres")),
                multi("private.notes", t("Private notes", "Privénotities")),
            ],
            vec![],
        ),
        RecordKind::Backup => (
            vec![
                text("what", t("What is backed up", "Wat wordt geback-upt")).required(),
                FieldSpec::new(
                    "systems",
                    t("Systems covered", "Systemen"),
                    FieldKind::Refs(RecordKind::System),
                ),
                text("method", t("Method", "Methode")),
                FieldSpec::new(
                    "frequency",
                    t("Runs every", "Draait elke"),
                    FieldKind::Duration,
                )
                .required(),
                FieldSpec::new(
                    "retention",
                    t("Kept for", "Bewaard gedurende"),
                    FieldKind::Duration,
                )
                .optional(),
                FieldSpec::new("copies", t("Copies", "Kopieën"), copies(lang)),
                FieldSpec::new("encrypted", t("Encrypted", "Versleuteld"), FieldKind::Bool),
                FieldSpec::new(
                    "responsible",
                    t("Responsible", "Verantwoordelijke"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                date(
                    "last_success",
                    t("Last successful run", "Laatste geslaagde run"),
                ),
                FieldSpec::new(
                    "restore_test_every",
                    t("Test a restore every", "Herstel testen elke"),
                    FieldKind::Duration,
                )
                .optional(),
                FieldSpec::new(
                    "restore_tests",
                    t("Restore tests", "Hersteltests"),
                    restore_tests(lang),
                ),
                notes(),
            ],
            vec![],
        ),
        RecordKind::Incident => (vec![], vec![]),
    }
}

fn flags<E: Serialize + Label>(all: &[E], lang: Language) -> FieldKind {
    match choices(all, lang) {
        FieldKind::Choice(options) => FieldKind::Flags(options),
        other => other,
    }
}

fn phones(lang: Language) -> FieldKind {
    FieldKind::Items(Box::new(ItemsSpec {
        noun: l(lang, "phone number", "telefoonnummer"),
        fields: vec![
            text(
                "label",
                l(
                    lang,
                    "Label (mobile, office, 24/7 line)",
                    "Label (mobiel, kantoor, 24/7-lijn)",
                ),
            )
            .required(),
            text("number", l(lang, "Number", "Nummer")).required(),
        ],
        new_item: json!({"label": "", "number": ""}),
        summary: |item, _| {
            format!(
                "{}: {}",
                item["label"].as_str().unwrap_or_default(),
                item["number"].as_str().unwrap_or_default()
            )
        },
    }))
}

fn copies(lang: Language) -> FieldKind {
    FieldKind::Items(Box::new(ItemsSpec {
        noun: l(lang, "copy", "kopie"),
        fields: vec![
            FieldSpec::new(
                "medium",
                l(lang, "Medium", "Medium"),
                choices(&Medium::ALL, lang),
            ),
            FieldSpec::new(
                "location",
                l(lang, "Location", "Locatie"),
                choices(&CopyLocation::ALL, lang),
            ),
            text("place", l(lang, "Where exactly", "Waar precies")),
            FieldSpec::new(
                "offline",
                l(lang, "Offline (disconnected)", "Offline (losgekoppeld)"),
                FieldKind::Bool,
            ),
            FieldSpec::new(
                "immutable",
                l(lang, "Immutable", "Onveranderbaar"),
                FieldKind::Bool,
            ),
        ],
        new_item: json!({"medium": "Disk", "location": "OnSite", "place": "", "offline": false, "immutable": false}),
        summary: |item, lang| {
            let copy: Option<BackupCopy> = serde_json::from_value(item.clone()).ok();
            copy.map(|c| copy_summary(&c, lang)).unwrap_or_default()
        },
    }))
}

/// "cloud, off site (supplier DC), immutable".
pub fn copy_summary(copy: &BackupCopy, lang: Language) -> String {
    let mut parts = vec![
        copy.medium.label(lang).to_owned(),
        copy.location.label(lang).to_owned(),
    ];
    if !copy.place.is_empty() {
        parts.push(copy.place.clone());
    }
    if copy.offline {
        parts.push("offline".to_owned());
    }
    if copy.immutable {
        parts.push(l(lang, "immutable", "onveranderbaar"));
    }
    parts.join(", ")
}

/// The fields of one restore test (also the form of the "log a restore test" key).
pub fn restore_test_fields(lang: Language) -> Vec<FieldSpec> {
    vec![
        FieldSpec::new("date", l(lang, "Date", "Datum"), FieldKind::Date).required(),
        text("restored", l(lang, "What was restored", "Wat is hersteld")).required(),
        FieldSpec::new(
            "result",
            l(lang, "Result", "Resultaat"),
            choices(&RestoreResult::ALL, lang),
        ),
        FieldSpec::new("took", l(lang, "Time it took", "Duur"), FieldKind::Duration).optional(),
        multi("notes", l(lang, "Notes", "Notities")),
    ]
}

fn restore_tests(lang: Language) -> FieldKind {
    FieldKind::Items(Box::new(ItemsSpec {
        noun: l(lang, "restore test", "hersteltest"),
        fields: restore_test_fields(lang),
        new_item: json!({"date": null, "restored": "", "result": "Success", "took": null, "notes": ""}),
        summary: |item, lang| {
            let test: Option<RestoreTest> = serde_json::from_value(item.clone()).ok();
            test.map(|t| {
                format!(
                    "{} {} ({})",
                    t.date,
                    t.result.label(lang),
                    t.took.map(|d| duration_words(d, lang)).unwrap_or_default()
                )
            })
            .unwrap_or_default()
        },
    }))
}

/// The crisis-roles form: a primary and a deputy for each role.
pub fn crisis_role_fields(lang: Language) -> Vec<FieldSpec> {
    RoleKind::ALL
        .iter()
        .flat_map(|role| {
            let name = role.label(lang);
            let key = format!("{role:?}");
            [
                FieldSpec::new(
                    &format!("{key}.primary"),
                    format!("{name}: {}", l(lang, "primary", "eerste")),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                FieldSpec::new(
                    &format!("{key}.deputy"),
                    format!("{name}: {}", l(lang, "deputy", "vervanger")),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
            ]
        })
        .collect()
}

pub fn crisis_roles_to_json(roles: &[CrisisRole]) -> Value {
    let mut map = serde_json::Map::new();
    for role in RoleKind::ALL {
        let found = roles.iter().find(|r| r.role == role);
        map.insert(
            format!("{role:?}"),
            json!({
                "primary": found.and_then(|r| r.primary.as_ref()).map(|i| i.to_string()),
                "deputy": found.and_then(|r| r.deputy.as_ref()).map(|i| i.to_string()),
            }),
        );
    }
    Value::Object(map)
}

pub fn crisis_roles_from_json(value: &Value) -> Vec<CrisisRole> {
    RoleKind::ALL
        .iter()
        .map(|role| {
            let entry = &value[format!("{role:?}")];
            let id = |key: &str| entry[key].as_str().map(Id::from);
            CrisisRole {
                role: *role,
                primary: id("primary"),
                deputy: id("deputy"),
            }
        })
        .collect()
}

/// The call-order form: one list of calls.
pub fn call_order_fields(lang: Language) -> Vec<FieldSpec> {
    vec![FieldSpec::new(
        "calls",
        l(lang, "Calls, in order", "Telefoontjes, op volgorde"),
        FieldKind::Items(Box::new(ItemsSpec {
            noun: l(lang, "call", "telefoontje"),
            fields: vec![
                FieldSpec::new(
                    "contact",
                    l(lang, "Who", "Wie"),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .required(),
                text("reason", l(lang, "Why / when", "Waarom / wanneer")),
            ],
            new_item: json!({"contact": null, "reason": ""}),
            summary: |item, _| {
                format!(
                    "{} {}",
                    item["contact"].as_str().unwrap_or("?"),
                    item["reason"].as_str().unwrap_or_default()
                )
            },
        })),
    )]
}

/// A record as the JSON a form edits; a contact includes its private details.
pub fn to_json(record: &Record) -> Value {
    let value = match record {
        Record::ChecklistItem(r) => serde_json::to_value(r),
        Record::Statement(r) => serde_json::to_value(r),
        Record::Step(r) => serde_json::to_value(r),
        Record::FirstHourStep(r) => serde_json::to_value(r),
        Record::Risk(r) => serde_json::to_value(r),
        Record::Process(r) => serde_json::to_value(r),
        Record::System(r) => serde_json::to_value(r),
        Record::Supplier(r) => serde_json::to_value(r),
        Record::Contact(r) => serde_json::to_value(r).map(|mut v| {
            if let Value::Object(map) = &mut v {
                map.insert(
                    "private".to_owned(),
                    serde_json::to_value(&r.private).unwrap_or(Value::Null),
                );
            }
            v
        }),
        Record::Backup(r) => serde_json::to_value(r),
    };
    value.unwrap_or(Value::Null)
}

/// The record a form's JSON describes.
pub fn from_json(kind: RecordKind, value: Value) -> Result<Record, String> {
    let e = |e: serde_json::Error| e.to_string();
    Ok(match kind {
        RecordKind::ChecklistItem => {
            Record::ChecklistItem(serde_json::from_value(value).map_err(e)?)
        }
        RecordKind::Statement => Record::Statement(serde_json::from_value(value).map_err(e)?),
        RecordKind::Step => Record::Step(serde_json::from_value(value).map_err(e)?),
        RecordKind::FirstHourStep => {
            Record::FirstHourStep(serde_json::from_value(value).map_err(e)?)
        }
        RecordKind::Risk => Record::Risk(serde_json::from_value(value).map_err(e)?),
        RecordKind::Process => Record::Process(serde_json::from_value(value).map_err(e)?),
        RecordKind::System => Record::System(serde_json::from_value(value).map_err(e)?),
        RecordKind::Supplier => Record::Supplier(serde_json::from_value(value).map_err(e)?),
        RecordKind::Contact => {
            let mut value = value;
            let private = match &mut value {
                Value::Object(map) => map.remove("private"),
                _ => None,
            };
            let mut contact: Contact = serde_json::from_value(value).map_err(e)?;
            if let Some(private) = private {
                contact.private = serde_json::from_value(private).map_err(e)?;
            }
            Record::Contact(contact)
        }
        RecordKind::Backup => Record::Backup(serde_json::from_value(value).map_err(e)?),
        RecordKind::Incident => return Err("incidents are not edited with a form".to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::tui::forms::FieldKind;

    /// The example museum, with its private details, as the app loads it.
    fn example() -> Workbook {
        let dir = tempfile::tempdir().unwrap();
        crate::store::templates::write_example(dir.path()).unwrap();
        crate::store::Store::load(dir.path()).unwrap().workbook
    }

    /// Every record of the workbook, of every kind a form edits.
    fn records(wb: &Workbook) -> Vec<Record> {
        let mut out: Vec<Record> = Vec::new();
        out.extend(
            wb.checklist
                .items
                .iter()
                .cloned()
                .map(Record::ChecklistItem),
        );
        out.extend(
            wb.selfcheck
                .statements
                .iter()
                .cloned()
                .map(Record::Statement),
        );
        out.extend(wb.steps().map(|(_, s)| Record::Step(s.clone())));
        out.extend(
            wb.plan
                .first_hour
                .iter()
                .cloned()
                .map(Record::FirstHourStep),
        );
        out.extend(wb.risks.risks.iter().cloned().map(Record::Risk));
        out.extend(wb.processes.processes.iter().cloned().map(Record::Process));
        out.extend(wb.processes.systems.iter().cloned().map(Record::System));
        out.extend(wb.processes.suppliers.iter().cloned().map(Record::Supplier));
        out.extend(wb.contacts.contacts.iter().cloned().map(Record::Contact));
        out.extend(wb.backups.backups.iter().cloned().map(Record::Backup));
        out
    }

    #[test]
    fn every_record_of_the_example_survives_the_form_json() {
        let wb = example();
        let all = records(&wb);
        for kind in RecordKind::ALL {
            if kind != RecordKind::Incident {
                assert!(
                    all.iter().any(|r| r.kind() == kind),
                    "the example has a {kind:?}"
                );
            }
        }
        assert!(
            wb.contacts.contacts.iter().any(|c| !c.private.is_empty()),
            "private details are part of the round trip"
        );
        for record in all {
            assert_eq!(from_json(record.kind(), to_json(&record)).unwrap(), record);
        }
        let roles = &wb.contacts.crisis_roles;
        assert_eq!(&crisis_roles_from_json(&crisis_roles_to_json(roles)), roles);
    }

    /// Every dotted path to a value in `value` (into objects, not into lists).
    fn paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        if let Value::Object(map) = value {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                paths(inner, &path, out);
                out.insert(path);
            }
        }
    }

    /// Checks every field of `specs` (and of its lists' sub-forms) against the
    /// paths found in `values`.
    fn check(what: &str, specs: &[FieldSpec], values: &[Value]) {
        let mut found = BTreeSet::new();
        for value in values {
            paths(value, "", &mut found);
        }
        for spec in specs {
            assert!(
                found.contains(&spec.path),
                "{what}: `{}` names no field (the fields are {found:?})",
                spec.path
            );
            if let FieldKind::Items(items) = &spec.kind {
                let elements: Vec<Value> = values
                    .iter()
                    .flat_map(|v| {
                        crate::tui::forms::get_path(v, &spec.path)
                            .as_array()
                            .cloned()
                            .unwrap_or_default()
                    })
                    .chain([items.new_item.clone()])
                    .collect();
                check(&format!("{what} → {}", spec.path), &items.fields, &elements);
            }
        }
    }

    #[test]
    fn every_field_path_names_a_field_of_its_record_to_the_last_segment() {
        let wb = example();
        let today = Date::parse("2026-12-01").unwrap();
        let all = records(&wb);
        for kind in RecordKind::ALL {
            let Ok((blank, _)) = crate::model::ops::records::blank(&wb, kind, None, today) else {
                continue;
            };
            // The blank record and every example record of the kind: an optional
            // group (a risk's acceptance) is filled in in at least one of them.
            let values: Vec<Value> = std::iter::once(&blank)
                .chain(all.iter().filter(|r| r.kind() == kind))
                .map(to_json)
                .collect();
            let (specs, groups) = fields(kind, Language::En);
            check(&format!("{kind:?}"), &specs, &values);
            for group in groups {
                assert!(
                    specs
                        .iter()
                        .any(|s| s.path.starts_with(&format!("{group}."))),
                    "{kind:?}: group {group} has no fields"
                );
            }
        }
        let roles = crisis_roles_to_json(&wb.contacts.crisis_roles);
        check("crisis roles", &crisis_role_fields(Language::En), &[roles]);
        let calls = serde_json::json!({ "calls": wb.contacts.call_order });
        check("call order", &call_order_fields(Language::En), &[calls]);
        let test = serde_json::to_value(&wb.backups.backups[0].restore_tests[0]).unwrap();
        check("restore test", &restore_test_fields(Language::En), &[test]);
    }

    #[test]
    fn a_misspelt_field_path_is_caught() {
        let wb = example();
        let accepted = wb
            .risks
            .risks
            .iter()
            .find(|r| r.acceptance.is_some())
            .expect("an accepted risk in the example");
        let risk = to_json(&Record::Risk(accepted.clone()));
        let right = FieldSpec::new("acceptance.reason", "Why", FieldKind::Multi);
        check("risk", &[right], std::slice::from_ref(&risk));
        let wrong = FieldSpec::new("acceptance.reasn", "Why", FieldKind::Multi);
        let caught = std::panic::catch_unwind(|| check("risk", &[wrong], &[risk]));
        assert!(caught.is_err(), "only the first segment was checked");
    }
}
