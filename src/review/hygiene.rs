//! Hygiene: the workbook lives in git, where everything typed into it is copied to
//! every clone and kept in the history. Two things must not be there: secrets
//! (passwords, keys, tokens; see [`super::secrets`]) and personal details, which
//! belong in `private/` (kept out of git by `.gitignore`).
//!
//! Every text field of every record is scanned, found through serde (see
//! [`super::fields`]) so a field added later is scanned too. A contact's private
//! details are not: they never reach the public files. The message names the field
//! and the kind of secret, and shows it masked (`Summ••••••!`) so the person can
//! find it, never in full, because CI logs are read widely.

use serde::Serialize;

use super::fields::each_text;
use super::secrets::{find_iban, find_secret, mask, masked};
use super::{Code, Context, Finding, named, say};
use crate::model::{Id, Language, RecordKind, RecordRef, Register};

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    secrets(cx, out);
    private_phones(cx, out);
}

/// Reports each text field of `value` that holds a secret or a bank account number.
/// `place` names the record in the message; it is only built when something is found.
fn scan<T: Serialize + ?Sized>(
    lang: Language,
    value: &T,
    record: Option<(RecordKind, &Id)>,
    place: &dyn Fn() -> String,
    out: &mut Vec<Finding>,
) {
    each_text(value, &mut |path, text| {
        let record = record.map(|(kind, id)| RecordRef::new(kind, id.clone()));
        check_text(lang, record, place, &path.join("."), text, out);
        false
    });
}

/// Reports what `text`, the field `field` of the record `place` names, holds.
fn check_text(
    lang: Language,
    record: Option<RecordRef>,
    place: &dyn Fn() -> String,
    field: &str,
    text: &str,
    out: &mut Vec<Finding>,
) {
    if let Some(found) = find_secret(text) {
        let what = found.kind.describe(lang);
        let shown = masked(text, &found);
        out.push(Finding::new(
            Code::SecretInWorkbook,
            record.clone(),
            say!(
                lang,
                "{}: `{field}` holds what looks like {what} ({shown}); remove it, change it (git keeps the old text), and keep secrets in a password manager",
                "{}: `{field}` bevat iets dat lijkt op {what} ({shown}); haal het weg, verander het (git bewaart de oude tekst) en bewaar geheimen in een wachtwoordmanager",
                place(),
            ),
        ));
    }
    if let Some(at) = find_iban(text) {
        let shown = mask(&text[at]);
        out.push(Finding::new(
            Code::PrivateDetailInPublicFile,
            record,
            say!(
                lang,
                "{}: `{field}` holds a bank account number ({shown}); someone's own account is a private detail: keep it in private/contacts.ron or out of the workbook",
                "{}: `{field}` bevat een rekeningnummer ({shown}); iemands eigen rekening is een privégegeven: zet het in private/contacts.ron of haal het uit het werkboek",
                place(),
            ),
        ));
    }
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
            let n = phase.number;
            let place = || say!(lang, "plan.ron, phase {n}", "plan.ron, fase {n}");
            check_text(lang, None, &place, field, text, out);
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

fn private_phones(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    for contact in cx.contacts() {
        // The one rule of what is personal lives in the model.
        let Some(first) = contact.personal_public_phones().next() else {
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
        assert!(
            found[0].message.contains("Zome•••••!"),
            "{}",
            found[0].message
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
    fn a_bank_account_number_in_a_public_field_is_a_private_detail() {
        let mut wb = workbook();
        let mut c = contact("C-010", ContactKind::Internal);
        c.notes = "Expenses to NL60 ABNA 5417 1643 00".into();
        wb.contacts.contacts.push(c);
        let found = found(&wb, date(TODAY), Code::PrivateDetailInPublicFile);
        assert_eq!(found.len(), 1);
        assert!(
            !found[0].message.contains("5417 1643"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("`notes`"));
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
}
