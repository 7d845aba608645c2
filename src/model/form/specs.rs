//! The fields of every record type's form, and the way records become JSON and back.
//!
//! Below every front end: the terminal UI's forms show these fields and `paraat
//! set` / `paraat log-restore` change them, both checked by [`super::check`].

use serde::Serialize;
use serde_json::{Value, json};

use super::{FieldKind, FieldSpec, ItemsSpec};
use crate::model::bilingual::pick;
use crate::model::edit::Record;
use crate::model::fields::*;
use crate::model::labels::{Label, duration_words};
use crate::model::{
    Answer, Authority, BackupCopy, Contact, ContactKind, CopyLocation, CrisisRole, Criticality,
    DataKind, Id, Language, Medium, Principle, Priority, RecordKind, RestoreResult, RestoreTest,
    RiskStatus, RoleKind, StepStatus, SystemKind, Treatment,
};

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

fn text(field: Field, lang: Language) -> FieldSpec {
    FieldSpec::of(field, lang, FieldKind::Line)
}

fn multi(field: Field, lang: Language) -> FieldSpec {
    FieldSpec::of(field, lang, FieldKind::Multi)
}

fn date(field: Field, lang: Language) -> FieldSpec {
    FieldSpec::of(field, lang, FieldKind::Date).optional()
}

/// A number on a scale; the label says the scale: "Likelihood (1–5)".
fn scale(field: Field, lang: Language, min: i64, max: i64) -> FieldSpec {
    FieldSpec::new(
        field.path,
        format!("{} ({min}–{max})", field.label(lang)),
        FieldKind::Number { min, max },
    )
}

fn one_to_five(field: Field, lang: Language) -> FieldSpec {
    scale(field, lang, 1, 5)
}

/// The fields of a record type's form, and its optional groups.
pub fn fields(kind: RecordKind, lang: Language) -> (Vec<FieldSpec>, Vec<String>) {
    match kind {
        RecordKind::ChecklistItem => (
            vec![
                multi(checklist_item::QUESTION, lang).required(),
                FieldSpec::of(
                    checklist_item::PRINCIPLE,
                    lang,
                    choices(&Principle::ALL, lang),
                ),
                FieldSpec::of(
                    checklist_item::ANSWER,
                    lang,
                    choices(&Answer::CHOICES, lang),
                ),
                multi(checklist_item::NOTE, lang),
                date(checklist_item::ANSWERED, lang),
                multi(checklist_item::GUIDANCE, lang),
            ],
            vec![],
        ),
        RecordKind::Statement => (
            vec![
                multi(statement::STATEMENT, lang).required(),
                FieldSpec::of(statement::PRINCIPLE, lang, choices(&Principle::ALL, lang)),
                FieldSpec::of(statement::ANSWER, lang, choices(&Answer::CHOICES, lang)),
                multi(statement::NOTE, lang),
                date(statement::ANSWERED, lang),
                scale(statement::WEIGHT, lang, 1, 3).required(),
                multi(statement::ACTION, lang).required(),
                FieldSpec::of(statement::PRIORITY, lang, choices(&Priority::ALL, lang)),
                FieldSpec::of(statement::PLAN_STEP, lang, FieldKind::Ref(RecordKind::Step))
                    .optional(),
            ],
            vec![],
        ),
        RecordKind::Step => (
            vec![
                text(step::TITLE, lang).required(),
                multi(step::DESCRIPTION, lang),
                FieldSpec::of(step::OWNER, lang, FieldKind::Ref(RecordKind::Contact)).optional(),
                FieldSpec::of(step::STATUS, lang, choices(&StepStatus::ALL, lang)),
                date(step::DUE, lang),
                date(step::DONE, lang),
                FieldSpec::of(step::RISKS, lang, FieldKind::Refs(RecordKind::Risk)),
                FieldSpec::of(
                    step::STATEMENTS,
                    lang,
                    FieldKind::Refs(RecordKind::Statement),
                ),
                multi(step::NOTES, lang),
            ],
            vec![],
        ),
        RecordKind::FirstHourStep => (
            vec![
                text(first_hour_step::TITLE, lang).required(),
                multi(first_hour_step::DESCRIPTION, lang),
                FieldSpec::of(first_hour_step::ROLE, lang, choices(&RoleKind::ALL, lang))
                    .optional(),
            ],
            vec![],
        ),
        RecordKind::Risk => (
            vec![
                text(risk::TITLE, lang).required(),
                one_to_five(risk::LIKELIHOOD, lang).required(),
                one_to_five(risk::IMPACT, lang).required(),
                FieldSpec::of(risk::OWNER, lang, FieldKind::Ref(RecordKind::Contact)).optional(),
                FieldSpec::of(risk::TREATMENT, lang, choices(&Treatment::ALL, lang)).optional(),
                FieldSpec::of(risk::STATUS, lang, choices(&RiskStatus::ALL, lang)),
                date(risk::REVIEW_BY, lang),
                multi(risk::DESCRIPTION, lang),
                multi(risk::THREAT, lang),
                multi(risk::VULNERABILITY, lang),
                text(risk::CATEGORY, lang),
                FieldSpec::of(risk::PROCESSES, lang, FieldKind::Refs(RecordKind::Process)),
                FieldSpec::of(risk::SYSTEMS, lang, FieldKind::Refs(RecordKind::System)),
                FieldSpec::of(risk::SUPPLIERS, lang, FieldKind::Refs(RecordKind::Supplier)),
                multi(risk::MEASURES, lang),
                FieldSpec::of(risk::ACTIONS, lang, FieldKind::Refs(RecordKind::Step)),
                one_to_five(risk::RESIDUAL_LIKELIHOOD, lang).optional(),
                one_to_five(risk::RESIDUAL_IMPACT, lang).optional(),
                FieldSpec::of(risk::ACCEPTED_BY, lang, FieldKind::Ref(RecordKind::Contact))
                    .optional(),
                date(risk::ACCEPTED_ON, lang),
                multi(risk::ACCEPTANCE_REASON, lang).optional(),
                date(risk::ACCEPTED_UNTIL, lang),
                multi(risk::NOTES, lang),
            ],
            vec!["residual".to_owned(), "acceptance".to_owned()],
        ),
        RecordKind::Process => (
            vec![
                text(process::NAME, lang).required(),
                FieldSpec::of(process::CRITICALITY, lang, choices(&Criticality::ALL, lang)),
                FieldSpec::of(process::OWNER, lang, FieldKind::Ref(RecordKind::Contact)).optional(),
                FieldSpec::of(process::MTD, lang, FieldKind::Duration).optional(),
                FieldSpec::of(process::RTO, lang, FieldKind::Duration).optional(),
                FieldSpec::of(process::RPO, lang, FieldKind::Duration).optional(),
                FieldSpec::of(
                    process::RECOVERY_ORDER,
                    lang,
                    FieldKind::Number { min: 1, max: 999 },
                )
                .optional(),
                FieldSpec::of(process::SYSTEMS, lang, FieldKind::Refs(RecordKind::System)),
                FieldSpec::of(
                    process::SUPPLIERS,
                    lang,
                    FieldKind::Refs(RecordKind::Supplier),
                ),
                multi(process::WORKAROUND, lang),
                multi(process::MINIMUM_SERVICE, lang),
                multi(process::DESCRIPTION, lang),
                multi(process::NOTES, lang),
            ],
            vec![],
        ),
        RecordKind::System => (
            vec![
                text(system::NAME, lang).required(),
                FieldSpec::of(system::KIND, lang, choices(&SystemKind::ALL, lang)),
                FieldSpec::of(system::DATA, lang, flags(&DataKind::ALL, lang)),
                text(system::LOCATION, lang),
                FieldSpec::of(system::SUPPLIER, lang, FieldKind::Ref(RecordKind::Supplier))
                    .optional(),
                FieldSpec::of(system::OWNER, lang, FieldKind::Ref(RecordKind::Contact)).optional(),
                multi(system::NOTES, lang),
            ],
            vec![],
        ),
        RecordKind::Supplier => {
            (
                vec![
                    text(supplier::NAME, lang).required(),
                    text(supplier::SERVICE, lang),
                    FieldSpec::of(supplier::CATALOGUE, lang, FieldKind::Catalogue)
                        .optional_as(pick(lang, "not in the catalogue", "niet in de catalogus")),
                    date(supplier::CONTRACT_END, lang),
                    FieldSpec::of(supplier::SECURITY_AGREEMENTS, lang, FieldKind::Bool),
                    FieldSpec::of(
                        supplier::INCIDENT_CONTACT,
                        lang,
                        FieldKind::Ref(RecordKind::Contact),
                    )
                    .optional(),
                    multi(supplier::EXIT_PLAN, lang),
                    multi(supplier::NOTES, lang),
                ],
                vec![],
            )
        }
        RecordKind::Contact => (
            vec![
                text(contact::NAME, lang).required(),
                text(contact::ROLE, lang),
                text(contact::ORGANISATION, lang),
                FieldSpec::of(contact::KIND, lang, choices(&ContactKind::ALL, lang)),
                FieldSpec::of(contact::PHONES, lang, phones(lang)),
                text(contact::EMAIL, lang),
                text(contact::OUT_OF_BAND, lang),
                text(contact::AVAILABILITY, lang),
                date(contact::VERIFIED, lang),
                FieldSpec::of(
                    contact::AUTHORITY,
                    lang,
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
                multi(contact::NEEDS, lang),
                multi(contact::NOTES, lang),
                FieldSpec::of(contact::PRIVATE_PHONES, lang, phones(lang)),
                text(contact::PRIVATE_EMAIL, lang),
                text(contact::PRIVATE_OUT_OF_BAND, lang),
                multi(contact::PRIVATE_ADDRESS, lang),
                multi(contact::PRIVATE_NOTES, lang),
            ],
            vec![],
        ),
        RecordKind::Backup => (
            vec![
                text(backup::WHAT, lang).required(),
                FieldSpec::of(backup::SYSTEMS, lang, FieldKind::Refs(RecordKind::System)),
                text(backup::METHOD, lang),
                FieldSpec::of(backup::FREQUENCY, lang, FieldKind::Duration).required(),
                FieldSpec::of(backup::RETENTION, lang, FieldKind::Duration).optional(),
                FieldSpec::of(backup::COPIES, lang, copies(lang)),
                FieldSpec::of(backup::ENCRYPTED, lang, FieldKind::Bool),
                FieldSpec::of(
                    backup::RESPONSIBLE,
                    lang,
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                date(backup::LAST_SUCCESS, lang),
                FieldSpec::of(backup::RESTORE_TEST_EVERY, lang, FieldKind::Duration).optional(),
                FieldSpec::of(backup::RESTORE_TESTS, lang, restore_tests(lang)),
                multi(backup::NOTES, lang),
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
        noun: pick(lang, "phone number", "telefoonnummer").to_owned(),
        fields: vec![
            text(phone::LABEL, lang).required(),
            text(phone::NUMBER, lang).required(),
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
        noun: pick(lang, "copy", "kopie").to_owned(),
        fields: vec![
            FieldSpec::of(copy::MEDIUM, lang, choices(&Medium::ALL, lang)),
            FieldSpec::of(copy::LOCATION, lang, choices(&CopyLocation::ALL, lang)),
            text(copy::PLACE, lang),
            FieldSpec::of(copy::OFFLINE, lang, FieldKind::Bool),
            FieldSpec::of(copy::IMMUTABLE, lang, FieldKind::Bool),
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
        parts.push(pick(lang, "immutable", "onveranderbaar").to_owned());
    }
    parts.join(", ")
}

/// The fields of one restore test (also the form of the "log a restore test" key).
pub fn restore_test_fields(lang: Language) -> Vec<FieldSpec> {
    vec![
        FieldSpec::of(restore_test::DATE, lang, FieldKind::Date).required(),
        text(restore_test::RESTORED, lang).required(),
        FieldSpec::of(
            restore_test::RESULT,
            lang,
            choices(&RestoreResult::ALL, lang),
        ),
        FieldSpec::of(restore_test::TOOK, lang, FieldKind::Duration).optional(),
        multi(restore_test::NOTES, lang),
    ]
}

fn restore_tests(lang: Language) -> FieldKind {
    FieldKind::Items(Box::new(ItemsSpec {
        noun: pick(lang, "restore test", "hersteltest").to_owned(),
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
                    format!("{name}: {}", crisis_role::PRIMARY.label(lang)),
                    FieldKind::Ref(RecordKind::Contact),
                )
                .optional(),
                FieldSpec::new(
                    &format!("{key}.deputy"),
                    format!("{name}: {}", crisis_role::DEPUTY.label(lang)),
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
    vec![FieldSpec::of(
        call_order::CALLS,
        lang,
        FieldKind::Items(Box::new(ItemsSpec {
            noun: pick(lang, "call", "telefoontje").to_owned(),
            fields: vec![
                FieldSpec::of(call::CONTACT, lang, FieldKind::Ref(RecordKind::Contact)).required(),
                text(call::REASON, lang),
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
    use crate::model::form::FieldKind;
    use crate::model::{Date, Workbook, fields};

    #[test]
    fn every_form_label_is_its_fields_label_in_the_field_table() {
        for lang in [Language::En, Language::Nl] {
            for kind in RecordKind::ALL {
                let (specs, _) = fields(kind, lang);
                for spec in specs {
                    let field = fields::of(kind)
                        .iter()
                        .find(|f| f.path == spec.path)
                        .unwrap_or_else(|| panic!("{kind:?} {} is not in the table", spec.path));
                    // A scale adds its range: "Likelihood (1–5)".
                    let label = match &spec.kind {
                        FieldKind::Number { min, max } if spec.label.ends_with(')') => {
                            format!("{} ({min}–{max})", field.label(lang))
                        }
                        _ => field.label(lang).to_owned(),
                    };
                    assert_eq!(spec.label, label, "{kind:?} {}", spec.path);
                }
            }
            for (specs, table) in [
                (restore_test_fields(lang), fields::restore_test::ALL),
                (call_order_fields(lang), fields::call_order::ALL),
            ] {
                for spec in specs {
                    assert!(
                        table
                            .iter()
                            .any(|f| f.path == spec.path && f.label(lang) == spec.label),
                        "{}",
                        spec.path
                    );
                }
            }
        }
    }

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
                        crate::model::form::get_path(v, &spec.path)
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
