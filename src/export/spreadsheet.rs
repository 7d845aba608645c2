//! The registers as CSV files for spreadsheets: one file per register, headers and
//! values in the workbook's language, written with the `csv` crate (quoting,
//! embedded line breaks).
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be
//! run as a formula by a spreadsheet (CSV injection), so it is written with a
//! leading `'`, which spreadsheets show as text. [`restore_cell`] undoes exactly
//! that on import, so a round trip gives back what was exported.

use std::collections::HashMap;

use super::words::{Words, words};
use crate::model::fields::*;
use crate::model::labels::{Label, duration_words};
use crate::model::*;

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when a spreadsheet would run the cell as a formula.
fn runs_as_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Makes a cell safe to open in a spreadsheet: a formula start gets a leading `'`
/// (as does a cell that already looks neutralised, so [`restore_cell`] is exact),
/// and control characters other than tab and line breaks become visible stand-ins.
pub fn neutralise(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 1);
    if runs_as_formula(cell) {
        out.push('\'');
    }
    for c in cell.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(c),
            c if c.is_control() || !crate::sanitize::is_safe(c.encode_utf8(&mut [0; 4])) => {
                out.push_str(&crate::sanitize::sanitize_line(c.encode_utf8(&mut [0; 4])))
            }
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`neutralise`]'s leading `'` (used by the import).
pub fn restore_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if runs_as_formula(rest) => rest,
        _ => cell,
    }
}

/// One CSV file being built.
struct Sheet {
    name: &'static str,
    writer: csv::Writer<Vec<u8>>,
}

impl Sheet {
    fn new(name: &'static str, header: &[&str]) -> Sheet {
        let mut sheet = Sheet {
            name,
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        };
        sheet.row(header.iter().map(|h| (*h).to_owned()).collect());
        sheet
    }

    fn row(&mut self, cells: Vec<String>) {
        let cells: Vec<String> = cells.iter().map(|c| neutralise(c)).collect();
        // Writing to memory cannot fail.
        let _ = self.writer.write_record(&cells);
    }

    fn finish(self) -> (String, String) {
        let bytes = self.writer.into_inner().unwrap_or_default();
        (
            format!("{}.csv", self.name),
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }
}

fn ids(ids: &[Id]) -> String {
    ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ")
}

fn date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn phones<'a>(phones: impl Iterator<Item = &'a Phone>) -> String {
    phones
        .filter(|p| !p.number.trim().is_empty())
        .map(|p| {
            if p.label.trim().is_empty() {
                p.number.trim().to_owned()
            } else {
                format!("{}: {}", p.label.trim(), p.number.trim())
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The CSV files of the workbook: `(file name, content)`, in a fixed order.
pub fn files(workbook: &Workbook, redact: bool) -> Vec<(String, String)> {
    let lang = workbook.language();
    let w = words(lang);
    let names: HashMap<&str, &str> = workbook
        .contacts
        .contacts
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let name = |id: Option<&Id>| -> String {
        id.map(|id| {
            names
                .get(id.as_str())
                .map_or_else(|| id.to_string(), |n| (*n).to_owned())
        })
        .unwrap_or_default()
    };
    let duration = |d: Option<Duration>| d.map(|d| duration_words(d, lang)).unwrap_or_default();
    let yes_no = |b: bool| if b { w.yes() } else { w.no() }.to_owned();
    vec![
        risks(workbook, w, lang, &name),
        processes(workbook, w, lang, &name, &duration),
        systems(workbook, w, lang, &name),
        suppliers(workbook, w, &name, &yes_no),
        contacts(workbook, w, lang, redact),
        backups(workbook, w, lang, &name, &duration, &yes_no),
        restore_tests(workbook, w, lang, &duration),
        plan(workbook, w, lang, &name),
    ]
}

/// The columns of `risks.csv`, in order.
pub fn risk_columns(lang: Language) -> Vec<&'static str> {
    let w = words(lang);
    vec![
        w.id(),
        risk::TITLE.label(w.lang),
        risk::DESCRIPTION.label(w.lang),
        risk::THREAT.label(w.lang),
        risk::VULNERABILITY.label(w.lang),
        risk::CATEGORY.label(w.lang),
        risk::PROCESSES.label(w.lang),
        risk::SYSTEMS.label(w.lang),
        risk::SUPPLIERS.label(w.lang),
        risk::OWNER.label(w.lang),
        risk::OWNER_ID.label(w.lang),
        risk::LIKELIHOOD.label(w.lang),
        risk::IMPACT.label(w.lang),
        risk::SCORE.label(w.lang),
        risk::LEVEL.label(w.lang),
        risk::MEASURES.label(w.lang),
        risk::TREATMENT.label(w.lang),
        risk::ACTIONS.label(w.lang),
        risk::RESIDUAL_LIKELIHOOD.label(w.lang),
        risk::RESIDUAL_IMPACT.label(w.lang),
        risk::STATUS.label(w.lang),
        risk::REVIEW_BY.label(w.lang),
        risk::ACCEPTED_BY.label(w.lang),
        risk::ACCEPTED_ON.label(w.lang),
        risk::ACCEPTANCE_REASON.label(w.lang),
        risk::ACCEPTED_UNTIL.label(w.lang),
        risk::NOTES.label(w.lang),
    ]
}

fn risks(
    workbook: &Workbook,
    w: &Words,
    lang: Language,
    name: &dyn Fn(Option<&Id>) -> String,
) -> (String, String) {
    let scales = &workbook.manifest.risk_scales;
    let mut sheet = Sheet::new("risks", &risk_columns(w.lang));
    for r in &workbook.risks.risks {
        let acceptance = r.acceptance.as_ref();
        sheet.row(vec![
            r.id.to_string(),
            r.title.clone(),
            r.description.clone(),
            r.threat.clone(),
            r.vulnerability.clone(),
            r.category.clone(),
            ids(&r.processes),
            ids(&r.systems),
            ids(&r.suppliers),
            name(r.owner.as_ref()),
            r.owner.as_ref().map(Id::to_string).unwrap_or_default(),
            r.current.likelihood.to_string(),
            r.current.impact.to_string(),
            r.score().to_string(),
            r.level(scales).label(lang).to_owned(),
            r.measures.clone(),
            r.treatment
                .map(|t| t.label(lang).to_owned())
                .unwrap_or_default(),
            ids(&r.actions),
            r.residual
                .map(|x| x.likelihood.to_string())
                .unwrap_or_default(),
            r.residual.map(|x| x.impact.to_string()).unwrap_or_default(),
            r.status.label(lang).to_owned(),
            date(r.review_by),
            acceptance.map(|a| name(Some(&a.by))).unwrap_or_default(),
            date(acceptance.map(|a| a.on)),
            acceptance.map(|a| a.reason.clone()).unwrap_or_default(),
            date(acceptance.map(|a| a.until)),
            r.notes.clone(),
        ]);
    }
    sheet.finish()
}

fn processes(
    workbook: &Workbook,
    w: &Words,
    lang: Language,
    name: &dyn Fn(Option<&Id>) -> String,
    duration: &dyn Fn(Option<Duration>) -> String,
) -> (String, String) {
    let mut sheet = Sheet::new(
        "processes",
        &[
            w.id(),
            process::NAME.label(w.lang),
            process::OWNER.label(w.lang),
            process::DESCRIPTION.label(w.lang),
            process::CRITICALITY.label(w.lang),
            process::MTD.label(w.lang),
            process::RTO.label(w.lang),
            process::RPO.label(w.lang),
            process::MINIMUM_SERVICE.label(w.lang),
            process::WORKAROUND.label(w.lang),
            process::SYSTEMS.label(w.lang),
            process::SUPPLIERS.label(w.lang),
            process::RECOVERY_ORDER.label(w.lang),
            process::NOTES.label(w.lang),
        ],
    );
    for p in &workbook.processes.processes {
        sheet.row(vec![
            p.id.to_string(),
            p.name.clone(),
            name(p.owner.as_ref()),
            p.description.clone(),
            p.criticality.label(lang).to_owned(),
            duration(p.mtd),
            duration(p.rto),
            duration(p.rpo),
            p.minimum_service.clone(),
            p.workaround.clone(),
            ids(&p.systems),
            ids(&p.suppliers),
            p.recovery_order.map(|n| n.to_string()).unwrap_or_default(),
            p.notes.clone(),
        ]);
    }
    sheet.finish()
}

fn systems(
    workbook: &Workbook,
    w: &Words,
    lang: Language,
    name: &dyn Fn(Option<&Id>) -> String,
) -> (String, String) {
    let mut sheet = Sheet::new(
        "systems",
        &[
            w.id(),
            system::NAME.label(w.lang),
            system::KIND.label(w.lang),
            system::DATA.label(w.lang),
            system::LOCATION.label(w.lang),
            system::SUPPLIER.label(w.lang),
            system::OWNER.label(w.lang),
            system::NOTES.label(w.lang),
        ],
    );
    for s in &workbook.processes.systems {
        sheet.row(vec![
            s.id.to_string(),
            s.name.clone(),
            s.kind.label(lang).to_owned(),
            s.data
                .iter()
                .map(|d| d.label(lang))
                .collect::<Vec<_>>()
                .join(", "),
            s.location.clone(),
            s.supplier.as_ref().map(Id::to_string).unwrap_or_default(),
            name(s.owner.as_ref()),
            s.notes.clone(),
        ]);
    }
    sheet.finish()
}

fn suppliers(
    workbook: &Workbook,
    w: &Words,
    name: &dyn Fn(Option<&Id>) -> String,
    yes_no: &dyn Fn(bool) -> String,
) -> (String, String) {
    let mut sheet = Sheet::new(
        "suppliers",
        &[
            w.id(),
            supplier::NAME.label(w.lang),
            supplier::SERVICE.label(w.lang),
            supplier::CATALOGUE.label(w.lang),
            supplier::CONTRACT_END.label(w.lang),
            supplier::SECURITY_AGREEMENTS.label(w.lang),
            supplier::INCIDENT_CONTACT.label(w.lang),
            supplier::EXIT_PLAN.label(w.lang),
            supplier::NOTES.label(w.lang),
        ],
    );
    for s in &workbook.processes.suppliers {
        sheet.row(vec![
            s.id.to_string(),
            s.name.clone(),
            s.service.clone(),
            s.catalogue
                .as_deref()
                .map(|id| SupplierCatalogue::builtin().label(id, w.lang))
                .unwrap_or_default(),
            date(s.contract_end),
            yes_no(s.security_agreements),
            name(s.incident_contact.as_ref()),
            s.exit_plan.clone(),
            s.notes.clone(),
        ]);
    }
    sheet.finish()
}

/// The columns of `contacts.csv`, in order (the private ones only without redaction).
pub fn contact_columns(lang: Language, redact: bool) -> Vec<&'static str> {
    let w = words(lang);
    let mut columns = vec![
        w.id(),
        contact::NAME.label(w.lang),
        contact::ROLE.label(w.lang),
        contact::ORGANISATION.label(w.lang),
        contact::KIND.label(w.lang),
        contact::AUTHORITY.label(w.lang),
        contact::PHONES.label(w.lang),
        contact::EMAIL.label(w.lang),
        contact::OUT_OF_BAND.label(w.lang),
        contact::AVAILABILITY.label(w.lang),
        contact::VERIFIED.label(w.lang),
        contact::NEEDS.label(w.lang),
        contact::NOTES.label(w.lang),
    ];
    if !redact {
        columns.extend([
            contact::PRIVATE_PHONES.label(w.lang),
            contact::PRIVATE_EMAIL.label(w.lang),
            contact::PRIVATE_OUT_OF_BAND.label(w.lang),
            contact::PRIVATE_ADDRESS.label(w.lang),
            contact::PRIVATE_NOTES.label(w.lang),
        ]);
    }
    columns
}

fn contacts(workbook: &Workbook, w: &Words, lang: Language, redact: bool) -> (String, String) {
    let mut sheet = Sheet::new("contacts", &contact_columns(w.lang, redact));
    for c in &workbook.contacts.contacts {
        let public_phones = c
            .phones
            .iter()
            .filter(|p| !(redact && c.phone_is_personal(p)));
        let mut row = vec![
            c.id.to_string(),
            c.name.clone(),
            c.role.clone(),
            c.organisation.clone(),
            c.kind.label(lang).to_owned(),
            c.authority
                .map(|a| a.label(lang).to_owned())
                .unwrap_or_default(),
            phones(public_phones),
            c.email.clone(),
            c.out_of_band.clone(),
            c.availability.clone(),
            date(c.verified),
            c.needs.clone(),
            c.notes.clone(),
        ];
        if !redact {
            row.extend([
                phones(c.private.phones.iter()),
                c.private.email.clone(),
                c.private.out_of_band.clone(),
                c.private.address.clone(),
                c.private.notes.clone(),
            ]);
        }
        sheet.row(row);
    }
    sheet.finish()
}

fn backups(
    workbook: &Workbook,
    w: &Words,
    lang: Language,
    name: &dyn Fn(Option<&Id>) -> String,
    duration: &dyn Fn(Option<Duration>) -> String,
    yes_no: &dyn Fn(bool) -> String,
) -> (String, String) {
    let mut sheet = Sheet::new(
        "backups",
        &[
            w.id(),
            backup::WHAT.label(w.lang),
            backup::SYSTEMS.label(w.lang),
            backup::METHOD.label(w.lang),
            backup::FREQUENCY.label(w.lang),
            backup::RETENTION.label(w.lang),
            backup::COPIES.label(w.lang),
            backup::ENCRYPTED.label(w.lang),
            backup::RESPONSIBLE.label(w.lang),
            backup::LAST_SUCCESS.label(w.lang),
            backup::RESTORE_TEST_EVERY.label(w.lang),
            backup::LAST_RESTORE_TEST.label(w.lang),
            backup::LAST_RESTORE_RESULT.label(w.lang),
            backup::RESTORE_TESTS_HELD.label(w.lang),
            backup::NOTES.label(w.lang),
        ],
    );
    for b in &workbook.backups.backups {
        let copies = b
            .copies
            .iter()
            .map(|copy| {
                let mut text = format!("{} {}", copy.medium.label(lang), copy.location.label(lang));
                let mut marks = Vec::new();
                if !copy.place.trim().is_empty() {
                    marks.push(copy.place.trim().to_owned());
                }
                if copy.offline {
                    marks.push(w.offline().to_owned());
                }
                if copy.immutable {
                    marks.push(w.immutable().to_owned());
                }
                if !marks.is_empty() {
                    text.push_str(&format!(" ({})", marks.join(", ")));
                }
                text
            })
            .collect::<Vec<_>>()
            .join("; ");
        let last = b.last_restore_test();
        sheet.row(vec![
            b.id.to_string(),
            b.what.clone(),
            ids(&b.systems),
            b.method.clone(),
            duration_words(b.frequency, lang),
            duration(b.retention),
            copies,
            yes_no(b.encrypted),
            name(b.responsible.as_ref()),
            date(b.last_success),
            duration(b.restore_test_every),
            date(last.map(|t| t.date)),
            last.map(|t| t.result.label(lang).to_owned())
                .unwrap_or_default(),
            b.restore_tests.len().to_string(),
            b.notes.clone(),
        ]);
    }
    sheet.finish()
}

fn restore_tests(
    workbook: &Workbook,
    w: &Words,
    lang: Language,
    duration: &dyn Fn(Option<Duration>) -> String,
) -> (String, String) {
    let mut sheet = Sheet::new(
        "restore-tests",
        &[
            w.backup(),
            backup::WHAT.label(w.lang),
            restore_test::DATE.label(w.lang),
            restore_test::RESTORED.label(w.lang),
            restore_test::RESULT.label(w.lang),
            restore_test::TOOK.label(w.lang),
            restore_test::NOTES.label(w.lang),
        ],
    );
    for b in &workbook.backups.backups {
        for t in &b.restore_tests {
            sheet.row(vec![
                b.id.to_string(),
                b.what.clone(),
                t.date.to_string(),
                t.restored.clone(),
                t.result.label(lang).to_owned(),
                duration(t.took),
                t.notes.clone(),
            ]);
        }
    }
    sheet.finish()
}

fn plan(
    workbook: &Workbook,
    w: &Words,
    lang: Language,
    name: &dyn Fn(Option<&Id>) -> String,
) -> (String, String) {
    let mut sheet = Sheet::new(
        "plan",
        &[
            w.phase(),
            w.phase_title(),
            w.id(),
            step::TITLE.label(w.lang),
            step::DESCRIPTION.label(w.lang),
            step::OWNER.label(w.lang),
            step::STATUS.label(w.lang),
            step::DUE.label(w.lang),
            step::DONE.label(w.lang),
            step::RISKS.label(w.lang),
            step::NOTES.label(w.lang),
        ],
    );
    for (phase, s) in workbook.steps() {
        sheet.row(vec![
            phase.number.to_string(),
            phase.title.clone(),
            s.id.to_string(),
            s.title.clone(),
            s.description.clone(),
            name(s.owner.as_ref()),
            s.status.label(lang).to_owned(),
            date(s.due),
            date(s.done),
            ids(&s.risks),
            s.notes.clone(),
        ]);
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_csv_column_of_a_record_field_is_headed_by_its_label() {
        let dir = tempfile::tempdir().unwrap();
        crate::store::templates::write_example(dir.path()).unwrap();
        let mut workbook = crate::store::Store::load(dir.path()).unwrap().workbook;
        for lang in [Language::En, Language::Nl] {
            workbook.manifest.language = lang;
            let w = words(lang);
            // The columns that are not a field of the file's records.
            let other = [w.id(), w.backup(), w.phase(), w.phase_title()];
            for (file, text) in files(&workbook, false) {
                let kind = match file.as_str() {
                    "risks.csv" => RecordKind::Risk,
                    "processes.csv" => RecordKind::Process,
                    "systems.csv" => RecordKind::System,
                    "suppliers.csv" => RecordKind::Supplier,
                    "contacts.csv" => RecordKind::Contact,
                    "backups.csv" => RecordKind::Backup,
                    "plan.csv" => RecordKind::Step,
                    "restore-tests.csv" => RecordKind::Backup,
                    other => panic!("{other} is new: say which record kind it holds"),
                };
                let header = text.lines().next().unwrap_or_default();
                for column in header.split(',') {
                    let labels = fields::of(kind).iter().chain(restore_test::ALL);
                    assert!(
                        other.contains(&column) || labels.clone().any(|f| f.label(lang) == column),
                        "{file} {lang:?}: {column}"
                    );
                }
            }
        }
    }

    #[test]
    fn formula_starts_are_neutralised_and_restored_exactly() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+31 6 55555 0101",
            "-2+3",
            "@SUM(A1)",
            "\tcmd",
            "\r=1",
            "'=already quoted",
            "''=twice",
        ] {
            let safe = neutralise(cell);
            assert!(safe.starts_with('\''), "{cell:?} -> {safe:?}");
            assert_eq!(restore_cell(&safe), cell);
        }
        for cell in ["'t Hoogt", "plain", "", "''", "100"] {
            assert_eq!(neutralise(cell), cell);
            assert_eq!(restore_cell(cell), cell);
        }
    }
}
