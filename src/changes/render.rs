//! [`Changes`] written out: plain text for a terminal, Markdown for a pull request,
//! and JSON for tools (its shape is documented in `docs/diff-json.md`).

use serde::Serialize;
use serde_json::Value;

use super::words::{ChangesContext, kind_heading, part_line, record_line};
use super::{Change, Changes, FieldChange, RecordChange};
use crate::model::{Language, RecordKind, Workbook};
use crate::review::Finding;
use crate::sanitize::sanitize_line;

/// The version of the JSON structure; raised only when a field changes meaning.
pub const JSON_VERSION: u32 = 1;

/// Which two versions were compared, in words (`HEAD`, `the working tree`).
pub struct Versions<'a> {
    pub from: &'a str,
    pub to: &'a str,
}

fn pick(lang: Language, en: &'static str, nl: &'static str) -> &'static str {
    match lang {
        Language::En => en,
        Language::Nl => nl,
    }
}

/// The order registers are listed in.
const ORDER: [RecordKind; 11] = [
    RecordKind::Risk,
    RecordKind::Process,
    RecordKind::System,
    RecordKind::Supplier,
    RecordKind::Contact,
    RecordKind::Backup,
    RecordKind::Step,
    RecordKind::FirstHourStep,
    RecordKind::ChecklistItem,
    RecordKind::Statement,
    RecordKind::Incident,
];

/// The changes grouped under headings, each a list of lines.
pub fn sections(
    changes: &Changes,
    old: &Workbook,
    new: &Workbook,
    lang: Language,
) -> Vec<(String, Vec<String>)> {
    let cx = ChangesContext {
        old,
        new,
        scales: &new.manifest.risk_scales,
    };
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut push = |heading: String, line: String| match out.iter_mut().find(|(h, _)| *h == heading)
    {
        Some((_, lines)) => lines.push(line),
        None => out.push((heading, vec![line])),
    };
    for kind in ORDER {
        for c in changes.records.iter().filter(|c| c.kind == kind) {
            push(
                kind_heading(kind, lang).to_owned(),
                record_line(c, &cx, lang),
            );
        }
    }
    for p in &changes.parts {
        let (heading, line) = part_line(p, new, lang);
        push(heading, line);
    }
    out
}

fn finding_line(f: &Finding, lang: Language) -> String {
    format!(
        "{} {} {}",
        f.severity.label(lang),
        f.code.as_str(),
        f.message
    )
}

/// Plain text for a terminal; every string from the files is sanitised.
pub fn text(
    changes: &Changes,
    old: &Workbook,
    new: &Workbook,
    versions: &Versions,
    lang: Language,
) -> String {
    let mut out = String::new();
    let org = sanitize_line(&new.manifest.organisation.name);
    out.push_str(&match lang {
        Language::En => format!(
            "{org} — changes from {} to {}\n",
            versions.from, versions.to
        ),
        Language::Nl => format!(
            "{org} — wijzigingen van {} naar {}\n",
            versions.from, versions.to
        ),
    });
    if changes.is_empty() {
        out.push_str(pick(lang, "\nNo changes.\n", "\nGeen wijzigingen.\n"));
        return out;
    }
    for (heading, lines) in sections(changes, old, new, lang) {
        out.push_str(&format!("\n{}\n", sanitize_line(&heading)));
        for line in lines {
            out.push_str(&format!("  {}\n", sanitize_line(&line)));
        }
    }
    for (title, list) in [
        (
            pick(lang, "Findings that appear", "Bevindingen die erbij komen"),
            &changes.new_findings,
        ),
        (
            pick(lang, "Findings that are gone", "Bevindingen die verdwijnen"),
            &changes.gone_findings,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n"));
        for f in list {
            out.push_str(&format!("  {}\n", sanitize_line(&finding_line(f, lang))));
        }
    }
    out
}

/// Escapes text for Markdown (and the HTML a host renders it into).
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize_line(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// A pull request summary in Markdown.
pub fn markdown(
    changes: &Changes,
    old: &Workbook,
    new: &Workbook,
    versions: &Versions,
    lang: Language,
) -> String {
    let mut out = String::new();
    out.push_str(&match lang {
        Language::En => format!(
            "### Workbook changes ({} → {})\n",
            md(versions.from),
            md(versions.to)
        ),
        Language::Nl => format!(
            "### Wijzigingen in het werkboek ({} → {})\n",
            md(versions.from),
            md(versions.to)
        ),
    });
    if changes.is_empty() {
        out.push_str(pick(lang, "\nNo changes.\n", "\nGeen wijzigingen.\n"));
        return out;
    }
    for (heading, lines) in sections(changes, old, new, lang) {
        out.push_str(&format!("\n**{}**\n\n", md(&heading)));
        for line in lines {
            out.push_str(&format!("- {}\n", md(&line)));
        }
    }
    for (title, list) in [
        (
            pick(lang, "Findings that appear", "Bevindingen die erbij komen"),
            &changes.new_findings,
        ),
        (
            pick(lang, "Findings that are gone", "Bevindingen die verdwijnen"),
            &changes.gone_findings,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n**{title}** ({})\n\n", list.len()));
        for f in list {
            out.push_str(&format!(
                "- {} `{}` {}\n",
                md(f.severity.label(lang)),
                f.code.as_str(),
                md(&f.message)
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    from: &'a str,
    to: &'a str,
    language: &'static str,
    records: Vec<JsonRecord<'a>>,
    parts: Vec<JsonPart>,
    findings: JsonFindings<'a>,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    kind: &'static str,
    id: &'a str,
    name: &'a str,
    change: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    renumbered_from: Option<&'a str>,
    fields: &'a [FieldChange],
    text: String,
}

#[derive(Serialize)]
struct JsonPart {
    #[serde(flatten)]
    part: Value,
    text: String,
}

#[derive(Serialize)]
struct JsonFindings<'a> {
    new: Vec<JsonFinding<'a>>,
    gone: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    severity: crate::review::Severity,
    kind: Option<&'static str>,
    id: Option<&'a str>,
    message: &'a str,
}

fn json_finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        code: f.code.as_str(),
        severity: f.severity,
        kind: f.record.as_ref().map(|r| r.kind.key()),
        id: f.record.as_ref().map(|r| r.id.as_str()),
        message: &f.message,
    }
}

fn record_parts(c: &RecordChange) -> (&'static str, Option<&str>, &[FieldChange]) {
    match &c.change {
        Change::Added => ("added", None, &[]),
        Change::Removed => ("removed", None, &[]),
        Change::Renumbered { from, fields } => ("renumbered", Some(from.as_str()), fields),
        Change::Changed { fields } => ("changed", None, fields),
    }
}

/// The documented JSON structure.
pub fn json(
    changes: &Changes,
    old: &Workbook,
    new: &Workbook,
    versions: &Versions,
    lang: Language,
) -> String {
    let cx = ChangesContext {
        old,
        new,
        scales: &new.manifest.risk_scales,
    };
    let report = JsonReport {
        version: JSON_VERSION,
        from: versions.from,
        to: versions.to,
        language: lang.code(),
        records: changes
            .records
            .iter()
            .map(|c| {
                let (change, renumbered_from, fields) = record_parts(c);
                JsonRecord {
                    kind: c.kind.key(),
                    id: c.id.as_str(),
                    name: &c.name,
                    change,
                    renumbered_from,
                    fields,
                    text: record_line(c, &cx, lang),
                }
            })
            .collect(),
        parts: changes
            .parts
            .iter()
            .map(|p| JsonPart {
                part: serde_json::to_value(p).unwrap_or(Value::Null),
                text: part_line(p, new, lang).1,
            })
            .collect(),
        findings: JsonFindings {
            new: changes.new_findings.iter().map(json_finding).collect(),
            gone: changes.gone_findings.iter().map(json_finding).collect(),
        },
    };
    crate::sanitize::terminal_safe_json(&report).unwrap_or_default()
}
