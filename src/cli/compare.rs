//! `paraat status --compare sector.json`: reading the sector report and saying
//! where the workbook stands against it.

use std::path::Path;

use super::CliError;
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

/// Reads a sector report written by `paraat sector --format json`.
pub fn read_sector(path: &Path) -> Result<SectorReport, CliError> {
    let shown = super::shown(path);
    let bytes = outside::read_regular(path, &shown, outside::MAX_PACK_BYTES).map_err(file_error)?;
    let text = format::check_text(&shown, &bytes).map_err(file_error)?;
    let value: serde_json::Value = outside::parse_json(&shown, text).map_err(file_error)?;
    let name = sanitize_line(&shown);
    if value.get("schema").and_then(|s| s.as_str()) != Some(SECTOR_SCHEMA) {
        return Err(CliError::message(format!(
            "{name}: this is not a sector report (make one with `paraat sector … --format json -o sector.json`)"
        )));
    }
    if let Some(v) = value.get("version").and_then(|v| v.as_u64())
        && v > u64::from(SECTOR_VERSION)
    {
        return Err(CliError::message(format!(
            "{name}: this sector report was made by a newer paraat (version {v}; this paraat reads version {SECTOR_VERSION}); update paraat"
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
    let sector = read_sector(path)?;
    Ok(compare(&own, &sector))
}

fn words(key: &str, lang: Language) -> String {
    use crate::model::labels::Label;
    use crate::model::{Principle, key as key_of};
    use crate::review::selfcheck::MaturityLevel;
    if key == "overall" {
        return match lang {
            Language::En => "Overall".into(),
            Language::Nl => "Totaal".into(),
        };
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
    let en = lang == Language::En;
    let mut out = String::new();
    let members = c.members.map_or_else(|| "?".to_owned(), |n| n.to_string());
    out.push_str(&if en {
        format!(
            "\nAgainst the sector ({}, {members} members)\n",
            sanitize_line(&c.period)
        )
    } else {
        format!(
            "\nTegenover de sector ({}, {members} leden)\n",
            sanitize_line(&c.period)
        )
    });
    let rows: Vec<_> = std::iter::once(&c.overall).chain(&c.principles).collect();
    let width = rows
        .iter()
        .map(|r| words(&r.principle, lang).chars().count())
        .max()
        .unwrap_or(0);
    let (you, median) = if en {
        ("you", "sector median")
    } else {
        ("jij", "mediaan sector")
    };
    out.push_str(&format!("  {:<width$}  {you:>5}  {median}\n", ""));
    for r in rows {
        let median = r.median.map_or_else(|| "–".to_owned(), |m| format!("{m}%"));
        let against = match (r.against_median, en) {
            (Some("above"), true) => "above",
            (Some("above"), false) => "erboven",
            (Some("below"), true) => "below",
            (Some("below"), false) => "eronder",
            (Some(_), true) => "at the median",
            (Some(_), false) => "op de mediaan",
            (None, _) => "",
        };
        out.push_str(&format!(
            "  {:<width$}  {:>5}  {median:<6} {against}\n",
            words(&r.principle, lang),
            format!("{}%", r.yours),
        ));
    }
    if !c.findings.is_empty() {
        out.push_str(if en {
            "\n  The sector's most common findings     of members  you\n"
        } else {
            "\n  Meest voorkomend in de sector         van de leden  jij\n"
        });
        for f in &c.findings {
            let share = f
                .percent
                .map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
            let yours = if f.yours == 0 {
                if en {
                    "no".to_owned()
                } else {
                    "nee".to_owned()
                }
            } else if en {
                format!("yes ({})", f.yours)
            } else {
                format!("ja ({})", f.yours)
            };
            out.push_str(&format!(
                "  {:<40} {share:>5}  {yours}\n",
                f.code.title(lang)
            ));
        }
    }
    if !c.suppliers.is_empty() {
        out.push_str(if en {
            "\n  Your catalogue suppliers in the sector\n"
        } else {
            "\n  Jouw leveranciers uit de catalogus in de sector\n"
        });
        for s in &c.suppliers {
            let line = match (&s.name, s.members) {
                (Some(name), Some(n)) if en => {
                    format!("{} — {n} members depend on it", sanitize_line(name))
                }
                (Some(name), Some(n)) => {
                    format!("{} — {n} leden hangen ervan af", sanitize_line(name))
                }
                _ if en => format!(
                    "{} — fewer than 5 members, not named in the report",
                    sanitize_line(&s.catalogue)
                ),
                _ => format!(
                    "{} — minder dan 5 leden, niet genoemd in het rapport",
                    sanitize_line(&s.catalogue)
                ),
            };
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}
