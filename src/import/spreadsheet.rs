//! Bringing an existing spreadsheet register in: risks and contacts from CSV.
//!
//! Spreadsheets name their columns every which way, so each field accepts common
//! English and Dutch column names (and always the names paraat's own CSV export
//! uses, so an export imports again). Columns nobody recognises are reported as
//! ignored. Every row is checked; one bad row means nothing is imported, and each
//! bad row is reported with its row number as a spreadsheet shows it (the header is
//! row 1) and the reason. New records get fresh ids that were never used.
//!
//! Private columns of a contact list (private phones, e-mail, address) go to the
//! contact's private details, so they end up in `private/contacts.ron`, not in git.
//!
//! This module is pure: it reads bytes and returns a plan; the CLI loads, applies
//! the edit that adds the plan's records and saves.

use crate::model::bilingual::{pick, say};
use std::collections::HashMap;
use std::fmt;

use crate::export::spreadsheet::restore_cell;
use crate::export::words::words;
use crate::model::fields::{Field, contact, risk};
use crate::model::labels::Label;
use crate::model::*;

/// One CSV file to import: its name (for messages) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct CsvInput<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What an import would add.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub contacts: Vec<Contact>,
    pub risks: Vec<Risk>,
    /// Things worth knowing that do not stop the import (ignored columns,
    /// records that look like ones already there).
    pub notes: Vec<String>,
}

/// One reason the import cannot go ahead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// The spreadsheet row (header = 1); `None` for the file as a whole.
    pub row: Option<usize>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "{}: row {row}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Lower case, accents folded, only letters and digits: "Privé-e-mail" → "priveemail".
fn normalise(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RiskField {
    Title,
    Description,
    Threat,
    Vulnerability,
    Category,
    Owner,
    Likelihood,
    Impact,
    Measures,
    Treatment,
    ResidualLikelihood,
    ResidualImpact,
    Status,
    ReviewBy,
    Notes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ContactField {
    Name,
    Role,
    Organisation,
    Kind,
    Authority,
    Phone,
    Email,
    OutOfBand,
    Availability,
    Verified,
    Needs,
    Notes,
    PrivatePhone,
    PrivateEmail,
    PrivateOutOfBand,
    Address,
    PrivateNotes,
}

/// The column names each risk field accepts.
fn risk_names() -> Vec<(RiskField, Vec<&'static str>)> {
    use RiskField::*;
    let both = |field: Field| field.both().to_vec();
    let with = |mut names: Vec<&'static str>, more: &[&'static str]| {
        names.extend_from_slice(more);
        names
    };
    vec![
        (
            Title,
            with(
                both(risk::TITLE),
                &[
                    "risk",
                    "risico",
                    "risk title",
                    "risicotitel",
                    "name",
                    "naam",
                    "onderwerp",
                ],
            ),
        ),
        (
            Description,
            with(
                both(risk::DESCRIPTION),
                &["omschrijving", "details", "toelichting", "scenario"],
            ),
        ),
        (Threat, with(both(risk::THREAT), &["threats", "dreigingen"])),
        (
            Vulnerability,
            with(
                both(risk::VULNERABILITY),
                &["vulnerabilities", "kwetsbaarheden", "weakness", "zwakte"],
            ),
        ),
        (
            Category,
            with(
                both(risk::CATEGORY),
                &["type", "soort", "kind", "risk type"],
            ),
        ),
        (
            Owner,
            with(
                both(risk::OWNER),
                &[
                    "risk owner",
                    "risico-eigenaar",
                    "risicoeigenaar",
                    "verantwoordelijke",
                    "responsible",
                    "eigenaar risico",
                ],
            ),
        ),
        (
            Likelihood,
            with(
                both(risk::LIKELIHOOD),
                &[
                    "probability",
                    "waarschijnlijkheid",
                    "kans (1-5)",
                    "likelihood (1-5)",
                ],
            ),
        ),
        (
            Impact,
            with(
                both(risk::IMPACT),
                &[
                    "gevolg",
                    "gevolgen",
                    "effect",
                    "ernst",
                    "impact (1-5)",
                    "consequence",
                ],
            ),
        ),
        (
            Measures,
            with(
                both(risk::MEASURES),
                &[
                    "measures",
                    "maatregelen",
                    "existing measures",
                    "bestaande maatregelen",
                    "controls",
                    "beheersmaatregelen",
                ],
            ),
        ),
        (
            Treatment,
            with(
                both(risk::TREATMENT),
                &[
                    "risk treatment",
                    "risicobehandeling",
                    "strategy",
                    "strategie",
                    "response",
                ],
            ),
        ),
        (
            ResidualLikelihood,
            with(
                both(risk::RESIDUAL_LIKELIHOOD),
                &["target likelihood", "kans na maatregelen", "doelkans"],
            ),
        ),
        (
            ResidualImpact,
            with(
                both(risk::RESIDUAL_IMPACT),
                &["target impact", "impact na maatregelen", "doelimpact"],
            ),
        ),
        (Status, with(both(risk::STATUS), &["state", "stand"])),
        (
            ReviewBy,
            with(
                both(risk::REVIEW_BY),
                &[
                    "review date",
                    "next review",
                    "evaluatiedatum",
                    "herzien op",
                    "herziening",
                ],
            ),
        ),
        (
            Notes,
            with(
                both(risk::NOTES),
                &[
                    "note",
                    "notitie",
                    "opmerkingen",
                    "opmerking",
                    "remarks",
                    "comments",
                ],
            ),
        ),
    ]
}

/// The column names each contact field accepts.
fn contact_names() -> Vec<(ContactField, Vec<&'static str>)> {
    use ContactField::*;
    let both = |field: Field| field.both().to_vec();
    let with = |mut names: Vec<&'static str>, more: &[&'static str]| {
        names.extend_from_slice(more);
        names
    };
    vec![
        (
            Name,
            with(
                both(contact::NAME),
                &[
                    "full name",
                    "volledige naam",
                    "contact",
                    "contactpersoon",
                    "person",
                    "persoon",
                ],
            ),
        ),
        (
            Role,
            with(
                both(contact::ROLE),
                &["function", "functie", "job title", "title", "titel"],
            ),
        ),
        (
            Organisation,
            with(
                both(contact::ORGANISATION),
                &[
                    "organization",
                    "company",
                    "bedrijf",
                    "firm",
                    "firma",
                    "employer",
                ],
            ),
        ),
        (
            Kind,
            with(both(contact::KIND), &["type", "category", "categorie"]),
        ),
        (
            Authority,
            with(both(contact::AUTHORITY), &["authority", "instantie"]),
        ),
        (
            Phone,
            with(
                both(contact::PHONES),
                &[
                    "phones",
                    "telefoonnummers",
                    "phone",
                    "telephone",
                    "telefoon",
                    "telefoonnummer",
                    "tel",
                    "mobile",
                    "mobiel",
                    "mobile phone",
                    "mobiele telefoon",
                    "gsm",
                    "office phone",
                    "work phone",
                    "werktelefoon",
                    "phone number",
                ],
            ),
        ),
        (
            Email,
            with(
                both(contact::EMAIL),
                &["email address", "e-mailadres", "mail", "emailadres"],
            ),
        ),
        (
            OutOfBand,
            with(
                both(contact::OUT_OF_BAND),
                &[
                    "out of band",
                    "noodkanaal",
                    "out-of-band channel",
                    "alternative channel",
                    "alternatief kanaal",
                    "fallback",
                ],
            ),
        ),
        (
            Availability,
            with(
                both(contact::AVAILABILITY),
                &["beschikbaarheid", "available", "hours"],
            ),
        ),
        (
            Verified,
            with(
                both(contact::VERIFIED),
                &[
                    "verified",
                    "gecontroleerd",
                    "last verified",
                    "geverifieerd",
                    "laatst gecontroleerd",
                    "checked",
                ],
            ),
        ),
        (
            Needs,
            with(
                both(contact::NEEDS),
                &["needs", "nodig", "what they need", "wat zij nodig hebben"],
            ),
        ),
        (
            Notes,
            with(
                both(contact::NOTES),
                &[
                    "note",
                    "notitie",
                    "opmerkingen",
                    "opmerking",
                    "remarks",
                    "comments",
                ],
            ),
        ),
        (
            PrivatePhone,
            with(
                both(contact::PRIVATE_PHONES),
                &[
                    "private phones",
                    "privételefoon",
                    "private phone",
                    "personal phone",
                    "prive telefoon",
                    "privenummer",
                    "home phone",
                    "telefoon thuis",
                ],
            ),
        ),
        (
            PrivateEmail,
            with(
                both(contact::PRIVATE_EMAIL),
                &["personal email", "persoonlijke e-mail"],
            ),
        ),
        (
            PrivateOutOfBand,
            with(
                both(contact::PRIVATE_OUT_OF_BAND),
                &["private out of band", "privé-noodkanaal"],
            ),
        ),
        (
            Address,
            with(
                both(contact::PRIVATE_ADDRESS),
                &[
                    "private address",
                    "privéadres",
                    "address",
                    "adres",
                    "home address",
                    "huisadres",
                    "woonadres",
                ],
            ),
        ),
        (PrivateNotes, both(contact::PRIVATE_NOTES)),
    ]
}

/// The header, mapped: which field each column fills.
struct Columns<F> {
    fields: Vec<Option<F>>,
    /// The header as written, for messages and phone labels.
    headers: Vec<String>,
}

impl<F: Copy + PartialEq> Columns<F> {
    fn has(&self, field: F) -> bool {
        self.fields.contains(&Some(field))
    }
}

fn map_header<F: Copy + PartialEq + fmt::Debug>(
    file: &str,
    header: &[String],
    names: &[(F, Vec<&'static str>)],
    repeatable: &[F],
    lang: Language,
    notes: &mut Vec<String>,
    errors: &mut Vec<ImportError>,
) -> Columns<F> {
    let lookup: HashMap<String, F> = names
        .iter()
        .flat_map(|(field, names)| names.iter().map(move |n| (normalise(n), *field)))
        .collect();
    let mut fields = Vec::new();
    let mut ignored = Vec::new();
    let mut first_column: HashMap<usize, usize> = HashMap::new();
    for (i, title) in header.iter().enumerate() {
        let field = lookup.get(&normalise(title)).copied();
        if let Some(f) = field
            && !repeatable.contains(&f)
        {
            let key = names
                .iter()
                .position(|(g, _)| *g == f)
                .unwrap_or(usize::MAX);
            if let Some(&earlier) = first_column.get(&key) {
                errors.push(ImportError {
                    file: file.to_owned(),
                    row: Some(1),
                    message: say!(
                        lang,
                        "the columns \"{}\" and \"{}\" both hold the same field; keep one",
                        "de kolommen \"{}\" en \"{}\" bevatten hetzelfde veld; houd er één",
                        header[earlier].trim(),
                        title.trim()
                    ),
                });
            } else {
                first_column.insert(key, i);
            }
        }
        if field.is_none() && !title.trim().is_empty() {
            ignored.push(title.trim().to_owned());
        }
        fields.push(field);
    }
    if !ignored.is_empty() {
        notes.push(say!(
            lang,
            "{file}: columns not imported: {}",
            "{file}: kolommen die niet worden ingelezen: {}",
            ignored.join(", ")
        ));
    }
    Columns {
        fields,
        headers: header.to_vec(),
    }
}

/// The rows of a CSV file: the header and each record with its spreadsheet row.
struct Sheet {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// Guesses the separator from the header line: spreadsheets in Dutch settings
/// write `;`.
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    [(b';', count(';')), (b'\t', count('\t')), (b',', count(','))]
        .into_iter()
        .max_by_key(|&(sep, n)| (n, sep == b','))
        .map_or(b',', |(sep, _)| sep)
}

fn read_sheet(input: CsvInput, lang: Language) -> Result<Sheet, ImportError> {
    let fail = |message: String| ImportError {
        file: input.name.to_owned(),
        row: None,
        message,
    };
    let bytes = input
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input.bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        fail(
            pick(
                lang,
                "the file is not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\"",
                "het bestand is geen UTF-8-tekst; sla het in de spreadsheet op als \"CSV UTF-8\"",
            )
            .to_owned(),
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(|c| c.trim().to_owned()).collect(),
        Some(Err(e)) => return Err(fail(e.to_string())),
        None => {
            return Err(fail(
                pick(
                    lang,
                    "the file is empty; it needs a header row with column names",
                    "het bestand is leeg; het heeft een kopregel met kolomnamen nodig",
                )
                .to_owned(),
            ));
        }
    };
    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        let row = index + 2;
        let record = record.map_err(|e| ImportError {
            file: input.name.to_owned(),
            row: Some(row),
            message: e.to_string(),
        })?;
        let cells: Vec<String> = record
            .iter()
            .map(|c| restore_cell(&c.replace("\r\n", "\n").replace('\r', "\n")).to_owned())
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((row, cells));
    }
    Ok(Sheet { header, rows })
}

/// A row's cells by field.
struct Row<'a, F> {
    cells: &'a [String],
    columns: &'a Columns<F>,
}

impl<F: Copy + PartialEq> Row<'_, F> {
    /// The trimmed value of the first column holding `field` ("" when none).
    fn get(&self, field: F) -> &str {
        self.all(field).next().unwrap_or("")
    }

    /// The trimmed, non-empty values of every column holding `field`, with headers.
    fn all(&self, field: F) -> impl Iterator<Item = &str> {
        self.with_header(field).map(|(_, v)| v)
    }

    fn with_header(&self, field: F) -> impl Iterator<Item = (&str, &str)> {
        self.columns
            .fields
            .iter()
            .enumerate()
            .filter(move |(_, f)| **f == Some(field))
            .filter_map(|(i, _)| {
                let value = self.cells.get(i).map_or("", |c| c.trim());
                (!value.is_empty()).then(|| (self.columns.headers[i].trim(), value))
            })
    }
}

/// Picks the choice whose label (English or Dutch) or name matches `value`.
fn choice<T: Label + fmt::Debug>(value: &str, all: &[T]) -> Option<T> {
    let wanted = normalise(value);
    all.iter().copied().find(|c| {
        [
            normalise(c.label(Language::En)),
            normalise(c.label(Language::Nl)),
            normalise(&format!("{c:?}")),
        ]
        .contains(&wanted)
    })
}

fn choices_list<T: Label>(all: &[T], lang: Language) -> String {
    all.iter()
        .map(|c| c.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `YYYY-MM-DD`, or day first as Dutch spreadsheets write it (`31-12-2026`,
/// `31.12.2026`): what people type anywhere ([`Date::parse_typed`]).
fn parse_date(value: &str) -> Option<Date> {
    Date::parse_typed(value).ok()
}

/// A likelihood or impact: 1–5, or a label of the workbook's scale.
fn parse_level(value: &str, labels: &[String]) -> Option<u8> {
    let value = value.trim();
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let rest = value[digits.len()..].trim_start();
        // "3", "3 - Possible", "3 (possible)"; not "3.5".
        if rest.is_empty() || !rest.starts_with(['.', ',']) {
            return digits.parse().ok().filter(|n| (1..=5).contains(n));
        }
        return None;
    }
    let wanted = normalise(value);
    labels
        .iter()
        .position(|l| normalise(l) == wanted)
        .and_then(|i| u8::try_from(i + 1).ok())
        .filter(|n| (1..=5).contains(n))
}

/// Splits "Office: 020 5555 0101; Mobile: 06 55555 0101" into phones; a number
/// without a label gets `default_label`.
fn parse_phones(value: &str, default_label: &str) -> Vec<Phone> {
    value
        .split([';', '\n'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| match entry.rsplit_once(':') {
            Some((label, number))
                if !label.trim().is_empty() && number.chars().any(|c| c.is_ascii_digit()) =>
            {
                Phone {
                    label: label.trim().to_owned(),
                    number: number.trim().to_owned(),
                }
            }
            _ => Phone {
                label: default_label.to_owned(),
                number: entry.to_owned(),
            },
        })
        .collect()
}

/// The label for numbers in a phone column: the column's own name, unless it is a
/// generic one ("Phones", or the export's own headings), which gives "Phone".
fn phone_label(header: &str, lang: Language) -> String {
    let generic = [
        "phones",
        "phone",
        "telephone",
        "tel",
        "telefoon",
        "telefoonnummer",
        "telefoonnummers",
        "phonenumber",
        "privatephones",
        "privatephone",
        "privetelefoon",
    ];
    let header_name = normalise(header);
    let ours = contact::PHONES
        .both()
        .into_iter()
        .chain(contact::PRIVATE_PHONES.both())
        .any(|label| normalise(label) == header_name);
    if ours || generic.contains(&header_name.as_str()) || header.trim().is_empty() {
        words(lang).phone().to_owned()
    } else {
        header.trim().to_owned()
    }
}

/// Checks every row of the files and returns what would be added; contacts are
/// read first, so a risk's owner may be a contact from the same import.
pub fn plan(
    workbook: &Workbook,
    contacts: Option<CsvInput>,
    risks: Option<CsvInput>,
) -> Result<ImportPlan, Vec<ImportError>> {
    let lang = workbook.language();
    let mut plan = ImportPlan::default();
    let mut errors = Vec::new();
    if let Some(input) = contacts {
        match read_sheet(input, lang) {
            Ok(sheet) => plan_contacts(workbook, input.name, &sheet, &mut plan, &mut errors),
            Err(e) => errors.push(e),
        }
    }
    if let Some(input) = risks {
        match read_sheet(input, lang) {
            Ok(sheet) => plan_risks(workbook, input.name, &sheet, &mut plan, &mut errors),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

fn missing_column(file: &str, what: &str, names: &[&str], lang: Language) -> ImportError {
    ImportError {
        file: file.to_owned(),
        row: Some(1),
        message: pick(
            lang,
            format!(
                "no column for the {what}; name one of the columns {}",
                names.join(" or ")
            ),
            format!(
                "geen kolom voor de {what}; noem een van de kolommen {}",
                names.join(" of ")
            ),
        ),
    }
}

/// Reads the cells of one row and collects what is wrong with them.
struct Cells {
    lang: Language,
    problems: Vec<String>,
}

impl Cells {
    fn new(lang: Language) -> Cells {
        Cells {
            lang,
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, en: impl Into<String>, nl: impl Into<String>) {
        self.problems.push(pick(self.lang, en.into(), nl.into()));
    }

    /// One of `all` by its label or name; `None` for an empty cell.
    fn choice<T: Label + fmt::Debug>(
        &mut self,
        value: &str,
        all: &[T],
        en: &str,
        nl: &str,
    ) -> Option<T> {
        if value.is_empty() {
            return None;
        }
        let found = choice(value, all);
        if found.is_none() {
            let list = choices_list(all, self.lang);
            self.problem(
                format!("{en} \"{value}\" is not one of: {list}"),
                format!("{nl} \"{value}\" is niet een van: {list}"),
            );
        }
        found
    }

    /// A date; `None` for an empty cell.
    fn date(&mut self, value: &str, en: &str, nl: &str) -> Option<Date> {
        if value.is_empty() {
            return None;
        }
        let date = parse_date(value);
        if date.is_none() {
            self.problem(
                format!("{en} \"{value}\" is not a date (write 2026-12-31 or 31-12-2026)"),
                format!("{nl} \"{value}\" is geen datum (schrijf 2026-12-31 of 31-12-2026)"),
            );
        }
        date
    }

    /// A likelihood or impact: 1–5 or a label of the scale.
    fn level(&mut self, value: &str, labels: &[String], en: &str, nl: &str) -> Option<u8> {
        if value.is_empty() {
            return None;
        }
        let level = parse_level(value, labels);
        if level.is_none() {
            let list = labels.join(", ");
            self.problem(
                format!("{en} \"{value}\" is not 1–5 or a label of the scale ({list})"),
                format!("{nl} \"{value}\" is niet 1–5 of een label van de schaal ({list})"),
            );
        }
        level
    }

    /// Moves the problems into `errors` for `row`; true when there were any.
    fn report(self, file: &str, row: usize, errors: &mut Vec<ImportError>) -> bool {
        let any = !self.problems.is_empty();
        errors.extend(self.problems.into_iter().map(|message| ImportError {
            file: file.to_owned(),
            row: Some(row),
            message,
        }));
        any
    }
}

/// A note that a row looks like a record that is already there.
fn looks_like_existing(file: &str, row: usize, what: &str, lang: Language) -> String {
    say!(
        lang,
        "{file}: row {row}: {what} is already there; it will be added again",
        "{file}: rij {row}: {what} staat er al; het wordt nog eens toegevoegd"
    )
}

fn plan_contacts(
    workbook: &Workbook,
    file: &str,
    sheet: &Sheet,
    plan: &mut ImportPlan,
    errors: &mut Vec<ImportError>,
) {
    use ContactField::*;
    let lang = workbook.language();
    let columns = map_header(
        file,
        &sheet.header,
        &contact_names(),
        &[Phone, PrivatePhone],
        lang,
        &mut plan.notes,
        errors,
    );
    if !columns.has(Name) {
        let what = pick(lang, "name", "naam");
        errors.push(missing_column(file, what, &contact::NAME.both(), lang));
        return;
    }
    let mut number = workbook
        .next_id(RecordKind::Contact)
        .number(RecordKind::Contact.prefix())
        .unwrap_or(1);
    let authorities = [
        crate::model::Authority::CyberSecurityCentre,
        crate::model::Authority::Police,
        crate::model::Authority::DataProtection,
        crate::model::Authority::SectorCsirt,
    ];
    for (row_number, cells) in &sheet.rows {
        let row = Row {
            cells,
            columns: &columns,
        };
        let mut check = Cells::new(lang);
        let name = row.get(Name);
        if name.is_empty() {
            check.problem("the name is empty", "de naam is leeg");
        }
        let kind = check
            .choice(row.get(Kind), &ContactKind::ALL, "kind", "soort")
            .unwrap_or(ContactKind::Other);
        let authority = check.choice(row.get(Authority), &authorities, "authority", "instantie");
        let verified = check.date(row.get(Verified), "verified date", "controledatum");
        if check.report(file, *row_number, errors) {
            continue;
        }
        let phones = |field| {
            row.with_header(field)
                .flat_map(|(header, value)| parse_phones(value, &phone_label(header, lang)))
                .collect::<Vec<_>>()
        };
        if workbook
            .contacts
            .contacts
            .iter()
            .chain(plan.contacts.iter())
            .any(|c| c.name.trim().eq_ignore_ascii_case(name))
        {
            let what = say!(
                lang,
                "a contact named \"{name}\"",
                "een contact met de naam \"{name}\""
            );
            plan.notes
                .push(looks_like_existing(file, *row_number, &what, lang));
        }
        plan.contacts.push(Contact {
            id: Id::with_number(
                RecordKind::Contact.prefix(),
                number,
                RecordKind::Contact.width(),
            ),
            name: name.to_owned(),
            role: row.get(Role).to_owned(),
            organisation: row.get(Organisation).to_owned(),
            kind,
            authority,
            phones: phones(Phone),
            email: row.get(Email).to_owned(),
            out_of_band: row.get(OutOfBand).to_owned(),
            availability: row.get(Availability).to_owned(),
            verified,
            needs: row.get(Needs).to_owned(),
            notes: row.get(Notes).to_owned(),
            origin: None,
            private: PrivateDetails {
                phones: phones(PrivatePhone),
                email: row.get(PrivateEmail).to_owned(),
                out_of_band: row.get(PrivateOutOfBand).to_owned(),
                address: row.get(Address).to_owned(),
                notes: row.get(PrivateNotes).to_owned(),
            },
        });
        number += 1;
    }
}

/// Finds the contact a risk's owner cell names: an id, or a name (case does not
/// matter) among the contacts there and those being imported.
fn owner(
    workbook: &Workbook,
    planned: &[Contact],
    value: &str,
    lang: Language,
) -> Result<Id, String> {
    let all = || workbook.contacts.contacts.iter().chain(planned.iter());
    if let Some(c) = workbook
        .contacts
        .contacts
        .iter()
        .find(|c| c.id.as_str() == value)
    {
        return Ok(c.id.clone());
    }
    let wanted = value.to_lowercase();
    let found: Vec<&Contact> = all()
        .filter(|c| c.name.trim().to_lowercase() == wanted)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(say!(
            lang,
            "owner \"{value}\" is not a contact in the workbook; import the contacts too (--contacts), or write a contact's id or name",
            "eigenaar \"{value}\" is geen contact in het werkboek; lees de contacten ook in (--contacts), of schrijf het id of de naam van een contact"
        )),
        several => {
            let ids = several
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Err(say!(
                lang,
                "owner \"{value}\" matches several contacts ({ids}); write the contact's id instead",
                "eigenaar \"{value}\" past bij meerdere contacten ({ids}); schrijf het id van het contact"
            ))
        }
    }
}

fn plan_risks(
    workbook: &Workbook,
    file: &str,
    sheet: &Sheet,
    plan: &mut ImportPlan,
    errors: &mut Vec<ImportError>,
) {
    use RiskField::*;
    let lang = workbook.language();
    let scales = &workbook.manifest.risk_scales;
    let columns = map_header(
        file,
        &sheet.header,
        &risk_names(),
        &[],
        lang,
        &mut plan.notes,
        errors,
    );
    let mut missing = false;
    for (field, label, what_en, what_nl) in [
        (Title, risk::TITLE, "title", "titel"),
        (Likelihood, risk::LIKELIHOOD, "likelihood", "kans"),
        (Impact, risk::IMPACT, "impact", "impact"),
    ] {
        if !columns.has(field) {
            let what = pick(lang, what_en, what_nl);
            errors.push(missing_column(file, what, &label.both(), lang));
            missing = true;
        }
    }
    if missing {
        return;
    }
    let mut number = workbook
        .next_id(RecordKind::Risk)
        .number(RecordKind::Risk.prefix())
        .unwrap_or(1);
    for (row_number, cells) in &sheet.rows {
        let row = Row {
            cells,
            columns: &columns,
        };
        let mut check = Cells::new(lang);
        let title = row.get(Title);
        if title.is_empty() {
            check.problem("the title is empty", "de titel is leeg");
        }
        for (field, en, nl) in [
            (Likelihood, "likelihood", "kans"),
            (Impact, "impact", "impact"),
        ] {
            if row.get(field).is_empty() {
                check.problem(
                    format!("the {en} is empty (1–5)"),
                    format!("de {nl} is leeg (1–5)"),
                );
            }
        }
        let likelihood = check.level(
            row.get(Likelihood),
            &scales.likelihood,
            "likelihood",
            "kans",
        );
        let impact = check.level(row.get(Impact), &scales.impact, "impact", "impact");
        let residual_likelihood = check.level(
            row.get(ResidualLikelihood),
            &scales.likelihood,
            "residual likelihood",
            "restkans",
        );
        let residual_impact = check.level(
            row.get(ResidualImpact),
            &scales.impact,
            "residual impact",
            "restimpact",
        );
        let residual = match (residual_likelihood, residual_impact) {
            (Some(likelihood), Some(impact)) => Some(Rating { likelihood, impact }),
            _ => {
                if row.get(ResidualLikelihood).is_empty() != row.get(ResidualImpact).is_empty() {
                    check.problem(
                        "a residual rating needs both the residual likelihood and the residual impact",
                        "een restrisico heeft zowel de restkans als de restimpact nodig",
                    );
                }
                None
            }
        };
        let treatment = check.choice(
            row.get(Treatment),
            &crate::model::Treatment::ALL,
            "treatment",
            "behandeling",
        );
        let status = check
            .choice(row.get(Status), &RiskStatus::ALL, "status", "status")
            .unwrap_or(RiskStatus::Open);
        let review_by = check.date(row.get(ReviewBy), "review date", "herzieningsdatum");
        let owner = match row.get(Owner) {
            "" => None,
            value => match owner(workbook, &plan.contacts, value, lang) {
                Ok(id) => Some(id),
                Err(message) => {
                    check.problems.push(message);
                    None
                }
            },
        };
        if check.report(file, *row_number, errors) {
            continue;
        }
        let (Some(likelihood), Some(impact)) = (likelihood, impact) else {
            continue;
        };
        if workbook
            .risks
            .risks
            .iter()
            .chain(plan.risks.iter())
            .any(|r| r.title.trim().eq_ignore_ascii_case(title))
        {
            let what = say!(
                lang,
                "a risk titled \"{title}\"",
                "een risico met de titel \"{title}\""
            );
            plan.notes
                .push(looks_like_existing(file, *row_number, &what, lang));
        }
        plan.risks.push(Risk {
            id: Id::with_number(RecordKind::Risk.prefix(), number, RecordKind::Risk.width()),
            title: title.to_owned(),
            description: row.get(Description).to_owned(),
            threat: row.get(Threat).to_owned(),
            vulnerability: row.get(Vulnerability).to_owned(),
            category: row.get(Category).to_owned(),
            processes: Vec::new(),
            systems: Vec::new(),
            suppliers: Vec::new(),
            owner,
            current: Rating { likelihood, impact },
            measures: row.get(Measures).to_owned(),
            treatment,
            actions: Vec::new(),
            residual,
            status,
            review_by,
            acceptance: None,
            notes: row.get(Notes).to_owned(),
        });
        number += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields a header fills, in the order of `names`.
    fn filled<F: Copy + PartialEq + fmt::Debug>(
        header: &[&str],
        names: &[(F, Vec<&'static str>)],
        repeatable: &[F],
    ) -> Vec<F> {
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        let (mut notes, mut errors) = (Vec::new(), Vec::new());
        let columns = map_header(
            "x.csv",
            &header,
            names,
            repeatable,
            Language::En,
            &mut notes,
            &mut errors,
        );
        assert_eq!(errors, []);
        names
            .iter()
            .map(|(field, _)| *field)
            .filter(|field| columns.has(*field))
            .collect()
    }

    #[test]
    fn the_export_headings_in_either_language_fill_every_field_the_import_takes() {
        use crate::export::spreadsheet::{contact_columns, risk_columns};
        for lang in [Language::En, Language::Nl] {
            let contacts = contact_names();
            let every: Vec<ContactField> = contacts.iter().map(|(f, _)| *f).collect();
            let repeatable = [ContactField::Phone, ContactField::PrivatePhone];
            assert_eq!(
                filled(&contact_columns(lang, false), &contacts, &repeatable),
                every,
                "{lang:?}"
            );
            let risks = risk_names();
            let every: Vec<RiskField> = risks.iter().map(|(f, _)| *f).collect();
            assert_eq!(filled(&risk_columns(lang), &risks, &[]), every, "{lang:?}");
        }
    }

    #[test]
    fn the_headings_of_earlier_exports_still_import() {
        let contacts = contact_names();
        let old = [
            "Name",
            "Authority",
            "Phones",
            "Out of band",
            "Verified",
            "Needs",
            "Private phones",
            "Private out of band",
            "Private address",
        ];
        assert_eq!(filled(&old, &contacts, &[]).len(), old.len());
        let oud = [
            "Naam",
            "Instantie",
            "Telefoonnummers",
            "Noodkanaal",
            "Gecontroleerd",
            "Nodig",
            "Privételefoon",
            "Privé-noodkanaal",
            "Privéadres",
        ];
        assert_eq!(filled(&oud, &contacts, &[]).len(), oud.len());
        let risks = risk_names();
        for old in [["Title", "Measures"], ["Titel", "Maatregelen"]] {
            assert_eq!(filled(&old, &risks, &[]).len(), 2);
        }
    }

    #[test]
    fn headers_match_in_english_and_dutch_whatever_the_spelling() {
        assert_eq!(normalise("Privé-E-mail "), "priveemail");
        let names = contact_names();
        let lookup: HashMap<String, ContactField> = names
            .iter()
            .flat_map(|(f, ns)| ns.iter().map(move |n| (normalise(n), *f)))
            .collect();
        for (header, field) in [
            ("Naam", ContactField::Name),
            ("Telefoon", ContactField::Phone),
            ("E-mail", ContactField::Email),
            ("e-mailadres", ContactField::Email),
            ("Rol", ContactField::Role),
            ("Organisatie", ContactField::Organisation),
        ] {
            assert_eq!(lookup.get(&normalise(header)), Some(&field), "{header}");
        }
    }

    #[test]
    fn no_column_name_means_two_fields() {
        for names in [
            risk_names()
                .into_iter()
                .map(|(f, n)| (format!("{f:?}"), n))
                .collect::<Vec<_>>(),
            contact_names()
                .into_iter()
                .map(|(f, n)| (format!("{f:?}"), n))
                .collect(),
        ] {
            let mut seen: HashMap<String, String> = HashMap::new();
            for (field, list) in names {
                for name in list {
                    if let Some(other) = seen.insert(normalise(name), field.clone()) {
                        assert_eq!(other, field, "\"{name}\" is used by {other} and {field}");
                    }
                }
            }
        }
    }

    #[test]
    fn levels_accept_numbers_and_scale_labels() {
        let labels: Vec<String> = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]
            .map(String::from)
            .to_vec();
        assert_eq!(parse_level("3", &labels), Some(3));
        assert_eq!(parse_level("4 - Likely", &labels), Some(4));
        assert_eq!(parse_level("almost certain", &labels), Some(5));
        assert_eq!(parse_level("7", &labels), None);
        assert_eq!(parse_level("3.5", &labels), None);
        assert_eq!(parse_level("often", &labels), None);
    }

    #[test]
    fn dates_accept_iso_and_day_first() {
        assert_eq!(parse_date("2026-12-31"), Date::from_ymd(2026, 12, 31));
        assert_eq!(parse_date("31-12-2026"), Date::from_ymd(2026, 12, 31));
        assert_eq!(parse_date("1.2.2026"), Date::from_ymd(2026, 2, 1));
        assert_eq!(parse_date("12/31/2026"), None);
        assert_eq!(parse_date("31-02-2026"), None);
    }

    #[test]
    fn phones_keep_their_labels() {
        let phones = parse_phones("Office: 020 5555 0101; 06 55555 0101", "Mobiel");
        assert_eq!(phones.len(), 2);
        assert_eq!(phones[0].label, "Office");
        assert_eq!(phones[0].number, "020 5555 0101");
        assert_eq!(phones[1].label, "Mobiel");
    }

    #[test]
    fn the_separator_follows_the_header() {
        assert_eq!(separator("Titel;Kans;Impact\n"), b';');
        assert_eq!(separator("Title,Likelihood,Impact\n"), b',');
        assert_eq!(separator("Title\n"), b',');
    }
}
