//! `paraat status --compare sector.json`: reading the sector report and saying
//! where the workbook stands against it.

use std::path::Path;

use super::CliError;
use crate::model::bilingual::{pick, say};
use crate::model::{Date, Language, Workbook};
use crate::review::Finding;
use crate::sanitize::{sanitize_line, sanitize_text};
use crate::sector::compare::{Comparison, compare};
use crate::sector::report::{SECTOR_SCHEMA, SECTOR_VERSION, SectorReport};
use crate::sector::share::summary;
use crate::store::{FileError, format, outside, templates};

/// A file error as a message safe for the terminal.
pub fn file_error(error: FileError) -> CliError {
    CliError::message(sanitize_text(&error.to_string()))
}

/// Reads a sector report written by `paraat sector --format json`; what is wrong
/// with it is said in `lang`.
pub fn read_sector(path: &Path, lang: Language) -> Result<SectorReport, CliError> {
    let shown = super::shown(path);
    let bytes = outside::read_regular(path, &shown, outside::MAX_PACK_BYTES).map_err(file_error)?;
    let text = format::check_text(&shown, &bytes).map_err(file_error)?;
    let value: serde_json::Value = outside::parse_json(&shown, text).map_err(file_error)?;
    let name = sanitize_line(&shown);
    if value.get("schema").and_then(|s| s.as_str()) != Some(SECTOR_SCHEMA) {
        return Err(CliError::message(say!(
            lang,
            "{name}: this is not a sector report (make one with `paraat sector … --format json -o sector.json`)",
            "{name}: dit is geen sectorrapport (maak er een met `paraat sector … --format json -o sector.json`)"
        )));
    }
    if let Some(v) = value.get("version").and_then(|v| v.as_u64())
        && v > u64::from(SECTOR_VERSION)
    {
        return Err(CliError::message(say!(
            lang,
            "{name}: this sector report was made by a newer paraat (version {v}; this paraat reads version {SECTOR_VERSION}); update paraat",
            "{name}: dit sectorrapport is gemaakt door een nieuwere paraat (versie {v}; deze paraat leest versie {SECTOR_VERSION}); werk paraat bij"
        )));
    }
    outside::parse_json(&shown, text).map_err(file_error)
}

/// The comparison of `workbook` with the sector report at `path`.
pub fn against(
    workbook: &Workbook,
    findings: &[Finding],
    today: Date,
    path: &Path,
) -> Result<Comparison, CliError> {
    let catalogue = templates::catalogue().map_err(file_error)?;
    let own = summary(workbook, findings, today, &catalogue);
    let sector = read_sector(path, workbook.language())?;
    Ok(compare(&own, &sector))
}

fn words(key: &str, lang: Language) -> String {
    use crate::model::labels::Label;
    use crate::model::{Principle, key as key_of};
    use crate::review::selfcheck::MaturityLevel;
    if key == "overall" {
        return pick(lang, "Overall", "Totaal").to_owned();
    }
    if let Some(p) = Principle::ALL.iter().find(|p| key_of(*p) == key) {
        return p.label(lang).to_owned();
    }
    if let Some(l) = MaturityLevel::ALL.iter().find(|l| key_of(*l) == key) {
        return l.label(lang).to_owned();
    }
    key.to_owned()
}

/// The comparison as text for `paraat status`.
pub fn text(c: &Comparison, lang: Language) -> String {
    let mut out = String::new();
    let members = c.members.map_or_else(|| "?".to_owned(), |n| n.to_string());
    let period = sanitize_line(&c.period);
    out.push_str(&say!(
        lang,
        "\nAgainst the sector ({period}, {members} members)\n",
        "\nTegenover de sector ({period}, {members} leden)\n"
    ));
    let rows: Vec<_> = std::iter::once(&c.overall).chain(&c.principles).collect();
    let width = rows
        .iter()
        .map(|r| words(&r.principle, lang).chars().count())
        .max()
        .unwrap_or(0);
    let (you, median) = pick(lang, ("you", "sector median"), ("jij", "mediaan sector"));
    out.push_str(&format!("  {:<width$}  {you:>5}  {median}\n", ""));
    for r in rows {
        let median = r.median.map_or_else(|| "–".to_owned(), |m| format!("{m}%"));
        let against = match r.against_median {
            Some("above") => pick(lang, "above", "erboven"),
            Some("below") => pick(lang, "below", "eronder"),
            Some(_) => pick(lang, "at the median", "op de mediaan"),
            None => "",
        };
        out.push_str(&format!(
            "  {:<width$}  {:>5}  {median:<6} {against}\n",
            words(&r.principle, lang),
            format!("{}%", r.yours),
        ));
    }
    if !c.findings.is_empty() {
        out.push_str(pick(
            lang,
            "\n  The sector's most common findings     of members  you\n",
            "\n  Meest voorkomend in de sector         van de leden  jij\n",
        ));
        for f in &c.findings {
            let share = f
                .percent
                .map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
            let yours = match f.yours {
                0 => pick(lang, "no", "nee").to_owned(),
                n => say!(lang, "yes ({n})", "ja ({n})"),
            };
            out.push_str(&format!(
                "  {:<40} {share:>5}  {yours}\n",
                f.code.title(lang)
            ));
        }
    }
    if !c.suppliers.is_empty() {
        out.push_str(pick(
            lang,
            "\n  Your catalogue suppliers in the sector\n",
            "\n  Jouw leveranciers uit de catalogus in de sector\n",
        ));
        for s in &c.suppliers {
            let line = match (&s.name, s.members) {
                (Some(name), Some(n)) => {
                    let name = sanitize_line(name);
                    say!(
                        lang,
                        "{name} — {n} members depend on it",
                        "{name} — {n} leden hangen ervan af"
                    )
                }
                _ => {
                    let id = sanitize_line(&s.catalogue);
                    say!(
                        lang,
                        "{id} — fewer than 5 members, not named in the report",
                        "{id} — minder dan 5 leden, niet genoemd in het rapport"
                    )
                }
            };
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}
