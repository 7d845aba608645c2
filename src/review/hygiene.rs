//! Hygiene: the workbook lives in git, where everything typed into it is copied to
//! every clone and kept in the history. Two things must not be there: secrets
//! (passwords, keys, tokens; see [`super::secrets`]) and personal details, which
//! belong in `private/` (kept out of git by `.gitignore`).
//!
//! Every text field of every record is scanned, found through serde (see
//! [`super::fields`]) so a field added later is scanned too. A contact's private
//! details are not: they never reach the public files. The message names the field
//! and the kind of secret, never the secret itself, because CI logs are read widely.

use serde::Serialize;

use super::fields::each_text;
use super::secrets::{SecretKind, find_secret};
use super::{Code, Context, Finding, named, say};
use crate::model::{ContactKind, Id, Language, Phone, RecordKind, RecordRef, Register};

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    secrets(cx, out);
    private_phones(cx, out);
}

/// Reports each text field of `value` that holds a secret.
/// `place` names the record in the message; it is only built when something is found.
fn scan<T: Serialize + ?Sized>(
    lang: Language,
    value: &T,
    record: Option<(RecordKind, &Id)>,
    place: &dyn Fn() -> String,
    out: &mut Vec<Finding>,
) {
    each_text(value, &mut |path, text| {
        if let Some(kind) = find_secret(text) {
            let record = record.map(|(kind, id)| RecordRef::new(kind, id.clone()));
            out.push(secret_finding(
                lang,
                record,
                &place(),
                &path.join("."),
                kind,
            ));
        }
        false
    });
}

fn secret_finding(
    lang: Language,
    record: Option<RecordRef>,
    place: &str,
    field: &str,
    kind: SecretKind,
) -> Finding {
    let what = kind.describe(lang);
    Finding::new(
        Code::SecretInWorkbook,
        record,
        say!(
            lang,
            "{place}: `{field}` holds what looks like {what}; remove it, change it (git keeps the old text), and keep secrets in a password manager",
            "{place}: `{field}` bevat iets dat lijkt op {what}; haal het weg, verander het (git bewaart de oude tekst) en bewaar geheimen in een wachtwoordmanager",
        ),
    )
}

fn secrets(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    let wb = cx.workbook;
    // Each record with its kind and the field that names it in a message.
    macro_rules! records {
        ($records:expr, $kind:expr, $name:ident) => {
            for record in $records {
                let place = || named(&record.id, &record.$name).to_string();
                scan(lang, record, Some(($kind, &record.id)), &place, out);
            }
        };
    }
    if cx.covers(Register::Manifest) {
        scan(lang, &wb.manifest, None, &|| "paraat.ron".to_owned(), out);
    }
    records!(cx.checklist(), RecordKind::ChecklistItem, question);
    records!(cx.statements(), RecordKind::Statement, statement);
    for phase in cx.phases() {
        for (field, text) in [("title", &phase.title), ("goal", &phase.goal)] {
            if let Some(kind) = find_secret(text) {
                let n = phase.number;
                let place = say!(lang, "plan.ron, phase {n}", "plan.ron, fase {n}");
                out.push(secret_finding(lang, None, &place, field, kind));
            }
        }
        records!(&phase.steps, RecordKind::Step, title);
    }
    records!(cx.first_hour(), RecordKind::FirstHourStep, title);
    records!(cx.risks(), RecordKind::Risk, title);
    records!(cx.processes(), RecordKind::Process, name);
    records!(cx.systems(), RecordKind::System, name);
    records!(cx.suppliers(), RecordKind::Supplier, name);
    records!(cx.contacts(), RecordKind::Contact, name);
    let call_order = || {
        say!(
            lang,
            "contacts.ron, call order",
            "contacts.ron, belvolgorde"
        )
    };
    scan(lang, cx.call_order(), None, &call_order, out);
    records!(cx.backups(), RecordKind::Backup, what);
    records!(cx.incidents(), RecordKind::Incident, title);
}

/// Words in a phone label that say the number is personal.
const PRIVATE_WORDS: &[&str] = &["priv", "personal", "persoonlijk", "home", "thuis", "eigen"];
/// Words that say a number is a mobile phone.
const MOBILE_WORDS: &[&str] = &["mobile", "mobiel", "cell", "gsm", "handy"];
/// Words that say a mobile phone is a work phone.
const WORK_WORDS: &[&str] = &[
    "work", "werk", "business", "zakelijk", "office", "kantoor", "company", "bedrijf", "dienst",
    "duty", "on-call", "on call", "piket", "24/7", "service", "desk", "balie", "team", "crisis",
];

/// Whether a public phone label says the number is someone's own.
pub fn label_looks_private(label: &str) -> bool {
    let label = label.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| label.contains(w));
    has(PRIVATE_WORDS) || (has(MOBILE_WORDS) && !has(WORK_WORDS))
}

fn private_phones(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    for contact in cx.contacts() {
        if contact.kind != ContactKind::Internal {
            continue;
        }
        let private: Vec<&Phone> = contact
            .phones
            .iter()
            .filter(|p| label_looks_private(&p.label))
            .collect();
        let Some(first) = private.first() else {
            continue;
        };
        let name = named(&contact.id, &contact.name);
        let label = first.label.trim();
        out.push(Finding::about(
            Code::PrivatePhoneInPublicFile,
            RecordKind::Contact,
            &contact.id,
            say!(
                lang,
                "{name}: the phone “{label}” looks like a personal number, but contacts.ron is shared in git; move it to private/contacts.ron, or label it as a work phone if it is one",
                "{name}: het nummer „{label}” lijkt privé, maar contacts.ron wordt gedeeld via git; zet het in private/contacts.ron, of noem het een werknummer als het dat is",
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::label_looks_private;
    use crate::model::*;
    use crate::review::Code;

    const TODAY: &str = "2026-12-01";

    #[test]
    fn a_password_in_any_text_field_is_found_and_never_repeated() {
        let mut wb = workbook();
        let mut r = risk("R-001", 1, 1);
        r.notes = "Password manager: Bitwarden".into();
        wb.risks.risks.push(r);
        assert!(about(&wb, date(TODAY), Code::SecretInWorkbook).is_empty());
        wb.risks.risks[0].notes = "NAS password: Zomer2024!".into();
        let found = found(&wb, date(TODAY), Code::SecretInWorkbook);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`notes`"));
        assert!(
            !found[0].message.contains("Zomer2024"),
            "never repeat the secret"
        );
    }

    #[test]
    fn secrets_are_found_in_nested_fields_incidents_and_the_manifest() {
        let mut wb = workbook();
        let mut i = incident(date("2026-06-01"), IncidentKind::Exercise);
        i.timeline.push(TimelineEntry {
            at: i.declared_at,
            by: "IT lead".into(),
            kind: EntryKind::Note,
            text: "VPN login: admin / Reiger#2026".into(),
        });
        wb.incidents.push(i);
        wb.manifest.notes = "-----BEGIN RSA PRIVATE KEY-----".into();
        let found = found(&wb, date(TODAY), Code::SecretInWorkbook);
        assert_eq!(found.len(), 2);
        assert!(found.iter().any(|f| f.message.contains("`timeline.text`")));
        assert!(found.iter().any(|f| f.record.is_none()));
    }

    #[test]
    fn private_details_are_not_scanned_because_they_never_reach_git() {
        let mut wb = workbook();
        let mut c = contact("C-010", ContactKind::Internal);
        c.private.notes = "Home alarm pin: 4821".into();
        wb.contacts.contacts.push(c);
        assert!(about(&wb, date(TODAY), Code::SecretInWorkbook).is_empty());
    }

    #[test]
    fn a_private_phone_of_an_internal_contact_in_the_public_file_is_reported() {
        let mut wb = workbook();
        let mut c = contact("C-010", ContactKind::Internal);
        c.phones.push(Phone {
            label: "Work mobile".into(),
            number: "06 55555 0193".into(),
        });
        wb.contacts.contacts.push(c);
        let mut supplier = contact("C-011", ContactKind::Supplier);
        supplier.phones.push(Phone {
            label: "Mobile".into(),
            number: "06 55555 0111".into(),
        });
        wb.contacts.contacts.push(supplier);
        assert!(about(&wb, date(TODAY), Code::PrivatePhoneInPublicFile).is_empty());
        let at = wb.contacts.contacts.len() - 2;
        wb.contacts.contacts[at].phones.push(Phone {
            label: "Mobiel (privé)".into(),
            number: "06 55555 0177".into(),
        });
        assert_eq!(
            about(&wb, date(TODAY), Code::PrivatePhoneInPublicFile),
            ["C-010"]
        );
    }

    #[test]
    fn phone_labels_are_read_in_both_languages() {
        for label in [
            "Mobile (private)",
            "Privé",
            "Home",
            "thuis",
            "Mobiel",
            "Mobile",
            "Personal cell",
        ] {
            assert!(label_looks_private(label), "{label}");
        }
        for label in [
            "Work mobile",
            "Werk mobiel",
            "Office",
            "24/7 line",
            "Front desk",
            "Zakelijk mobiel",
            "On-call mobile",
        ] {
            assert!(!label_looks_private(label), "{label}");
        }
    }
}
