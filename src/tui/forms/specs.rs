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

/// The well-known suppliers of the catalogue (`paraat share` reports these).
fn catalogue_choices() -> FieldKind {
    let entries = crate::store::templates::catalogue()
        .map(|c| c.suppliers)
        .unwrap_or_default();
    FieldKind::Choice(
        entries
            .into_iter()
            .map(|e| (Value::String(e.id), e.name))
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

/// What a record of `kind` is called ("risk", "risico").
pub fn noun(kind: RecordKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (RecordKind::ChecklistItem, Language::En) => "checklist item",
        (RecordKind::Statement, Language::En) => "self-check statement",
        (RecordKind::Step, Language::En) => "plan step",
        (RecordKind::FirstHourStep, Language::En) => "first-hour step",
        (RecordKind::Risk, Language::En) => "risk",
        (RecordKind::Process, Language::En) => "process",
        (RecordKind::System, Language::En) => "system",
        (RecordKind::Supplier, Language::En) => "supplier",
        (RecordKind::Contact, Language::En) => "contact",
        (RecordKind::Backup, Language::En) => "backup",
        (RecordKind::Incident, Language::En) => "incident",
        (RecordKind::ChecklistItem, Language::Nl) => "checklistvraag",
        (RecordKind::Statement, Language::Nl) => "zelftestvraag",
        (RecordKind::Step, Language::Nl) => "stap",
        (RecordKind::FirstHourStep, Language::Nl) => "eerste-uurstap",
        (RecordKind::Risk, Language::Nl) => "risico",
        (RecordKind::Process, Language::Nl) => "proces",
        (RecordKind::System, Language::Nl) => "systeem",
        (RecordKind::Supplier, Language::Nl) => "leverancier",
        (RecordKind::Contact, Language::Nl) => "contactpersoon",
        (RecordKind::Backup, Language::Nl) => "back-up",
        (RecordKind::Incident, Language::Nl) => "incident",
    }
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
                FieldSpec::new(
                    "catalogue",
                    t(
                        "In the supplier catalogue as",
                        "In de leverancierscatalogus als",
                    ),
                    catalogue_choices(),
                )
                .optional(),
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

/// A new, empty record of `kind` with a fresh id (`step_id` for plan steps).
pub fn blank(
    kind: RecordKind,
    workbook: &Workbook,
    step_id: Option<Id>,
    today: Date,
) -> Option<Record> {
    let id = match kind {
        RecordKind::Step => step_id?,
        RecordKind::Incident => return None,
        other => workbook.next_id(other),
    };
    Some(match kind {
        RecordKind::ChecklistItem => Record::ChecklistItem(ChecklistItem {
            id,
            principle: Principle::Risks,
            question: String::new(),
            guidance: String::new(),
            answer: Answer::Unanswered,
            note: String::new(),
            answered: None,
            origin: None,
        }),
        RecordKind::Statement => Record::Statement(Statement {
            id,
            principle: Principle::Risks,
            statement: String::new(),
            weight: 2,
            answer: Answer::Unanswered,
            note: String::new(),
            answered: None,
            action: String::new(),
            priority: Priority::Medium,
            plan_step: None,
            origin: None,
        }),
        RecordKind::Step => Record::Step(Step {
            id,
            title: String::new(),
            description: String::new(),
            owner: None,
            status: StepStatus::Todo,
            due: None,
            done: None,
            risks: vec![],
            statements: vec![],
            incident: None,
            notes: String::new(),
            origin: None,
        }),
        RecordKind::FirstHourStep => Record::FirstHourStep(FirstHourStep {
            id,
            title: String::new(),
            description: String::new(),
            role: None,
            origin: None,
        }),
        RecordKind::Risk => Record::Risk(Risk {
            review_by: Some(today.plus_months(workbook.manifest.rules.risk_review_months)),
            ..Risk::new(
                id,
                String::new(),
                Rating {
                    likelihood: 3,
                    impact: 3,
                },
            )
        }),
        RecordKind::Process => Record::Process(Process {
            id,
            name: String::new(),
            owner: None,
            description: String::new(),
            criticality: Criticality::Medium,
            mtd: None,
            rto: None,
            rpo: None,
            minimum_service: String::new(),
            workaround: String::new(),
            systems: vec![],
            suppliers: vec![],
            recovery_order: None,
            notes: String::new(),
        }),
        RecordKind::System => Record::System(System {
            id,
            name: String::new(),
            kind: SystemKind::Saas,
            data: vec![],
            location: String::new(),
            supplier: None,
            owner: None,
            notes: String::new(),
        }),
        RecordKind::Supplier => Record::Supplier(Supplier {
            id,
            name: String::new(),
            service: String::new(),
            catalogue: None,
            contract_end: None,
            security_agreements: false,
            incident_contact: None,
            exit_plan: String::new(),
            notes: String::new(),
        }),
        RecordKind::Contact => Record::Contact(Contact {
            id,
            name: String::new(),
            role: String::new(),
            organisation: String::new(),
            kind: ContactKind::Internal,
            authority: None,
            phones: vec![],
            email: String::new(),
            out_of_band: String::new(),
            availability: String::new(),
            verified: Some(today),
            needs: String::new(),
            notes: String::new(),
            origin: None,
            private: PrivateDetails::default(),
        }),
        RecordKind::Backup => Record::Backup(Backup {
            id,
            what: String::new(),
            systems: vec![],
            method: String::new(),
            frequency: Duration::Days(1),
            retention: None,
            copies: vec![],
            encrypted: false,
            responsible: None,
            last_success: None,
            restore_test_every: Some(Duration::Months(6)),
            restore_tests: vec![],
            notes: String::new(),
        }),
        RecordKind::Incident => return None,
    })
}

/// A copy of `record` with a new id (and the `(copy)` mark on its title).
pub fn duplicate(record: &Record, new_id: Id, lang: Language) -> Record {
    let mark = l(lang, " (copy)", " (kopie)");
    let mut copy = record.clone();
    match &mut copy {
        Record::ChecklistItem(r) => r.id = new_id,
        Record::Statement(r) => {
            r.id = new_id;
            r.plan_step = None;
        }
        Record::Step(r) => {
            r.id = new_id;
            r.title.push_str(&mark);
        }
        Record::FirstHourStep(r) => {
            r.id = new_id;
            r.title.push_str(&mark);
        }
        Record::Risk(r) => {
            r.id = new_id;
            r.title.push_str(&mark);
        }
        Record::Process(r) => {
            r.id = new_id;
            r.name.push_str(&mark);
        }
        Record::System(r) => {
            r.id = new_id;
            r.name.push_str(&mark);
        }
        Record::Supplier(r) => {
            r.id = new_id;
            r.name.push_str(&mark);
        }
        Record::Contact(r) => {
            r.id = new_id;
            r.name.push_str(&mark);
        }
        Record::Backup(r) => {
            r.id = new_id;
            r.what.push_str(&mark);
        }
    }
    copy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_of_the_example_survives_the_form_json() {
        let example = crate::store::templates::EXAMPLE;
        let _ = example;
        let wb = crate::store::templates::new_workbook(Language::En, "M", OrganisationKind::Museum)
            .unwrap();
        for contact in &wb.contacts.contacts {
            let record = Record::Contact(contact.clone());
            assert_eq!(
                from_json(RecordKind::Contact, to_json(&record)).unwrap(),
                record
            );
        }
        for (_, step) in wb.steps() {
            let record = Record::Step(step.clone());
            assert_eq!(
                from_json(RecordKind::Step, to_json(&record)).unwrap(),
                record
            );
        }
    }

    #[test]
    fn every_field_path_exists_in_the_blank_record() {
        let wb = crate::store::templates::new_workbook(Language::En, "M", OrganisationKind::Museum)
            .unwrap();
        let today = Date::parse("2026-12-01").unwrap();
        for kind in RecordKind::ALL {
            let Some(record) = blank(kind, &wb, Some(Id::from("STEP-1.99")), today) else {
                continue;
            };
            let json = to_json(&record);
            let (specs, groups) = fields(kind, Language::En);
            for spec in specs {
                let top = spec.path.split('.').next().unwrap_or_default();
                assert!(
                    json.get(top).is_some() || groups.iter().any(|g| g == top),
                    "{kind:?}: no field {}",
                    spec.path
                );
            }
        }
    }
}
