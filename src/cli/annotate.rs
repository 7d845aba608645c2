//! What `paraat check` needs to annotate a pull request: the line of the field a
//! finding is about, paths from the top of the repository (a workbook in a
//! subfolder still gets inline annotations), the findings a change introduced
//! first (GitHub shows only ten annotations of each kind), and GitLab's Code
//! Quality report.

use std::path::Path;

use serde::Serialize;

use crate::model::Date;
use crate::review::{self, Finding, Severity};

/// The workbook folder relative to the top of its repository (`""` or `wb/`).
pub fn repo_prefix(dir: &Path) -> String {
    crate::git::Repo::find(dir)
        .map(|r| r.prefix)
        .unwrap_or_default()
}

/// The line of `field` (a path like `current.likelihood`) inside the record that
/// starts on `record_line` of canonical `text`.
pub fn field_line(text: &str, record_line: usize, field: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = record_line.checked_sub(1)?;
    let opening = lines.get(start)?;
    let mut indent = opening.len() - opening.trim_start().len();
    // A record's first line may be its id line (records inside a `Conflicted`
    // wrapper start one line above); the fields are one level deeper.
    if !opening.trim_end().ends_with('(') {
        indent = indent.saturating_sub(4);
    }
    let mut at = start;
    for part in field.split('.') {
        let name = part.split('[').next().unwrap_or(part);
        let wanted = format!("{}{name}: ", " ".repeat(indent + 4));
        let wanted_end = format!("{}{name}:", " ".repeat(indent + 4));
        let mut found = None;
        for (i, line) in lines.iter().enumerate().skip(at) {
            let this = line.len() - line.trim_start().len();
            if i > start
                && this <= indent
                && !line.trim().is_empty()
                && line.trim_start().starts_with(')')
            {
                break;
            }
            if line.starts_with(&wanted) || *line == wanted_end {
                found = Some(i);
                break;
            }
        }
        at = found?;
        indent += 4;
    }
    Some(at + 1)
}

/// The line of each finding's field, for findings that name one: `places` are the
/// file, the record's line and the field of each finding.
pub fn field_lines<'a>(
    places: impl Iterator<Item = (Option<&'a str>, Option<usize>, Option<&'a str>)>,
    root: &Path,
) -> Vec<Option<usize>> {
    let mut texts: std::collections::BTreeMap<&str, Option<String>> = Default::default();
    places
        .map(|place| {
            let (Some(file), Some(line), Some(field)) = place else {
                return None;
            };
            let text = texts
                .entry(file)
                .or_insert_with(|| std::fs::read_to_string(root.join(file)).ok());
            text.as_deref()
                .and_then(|text| field_line(text, line, field))
        })
        .collect()
}

/// Puts the findings that `rev` did not have first (in their usual order), so the
/// ones a change introduced are the ones a host shows. `None` when `rev` cannot be
/// read.
pub fn new_first(findings: &mut Vec<Finding>, dir: &Path, rev: &str, today: Date) -> Option<usize> {
    let repo = crate::git::Repo::find(dir)?;
    let old = repo.workbook_at(rev).ok()?;
    let before = review::review(&old, today);
    let key = |f: &Finding| (f.code, f.record.clone(), f.message.clone());
    let known: std::collections::HashSet<_> = before.iter().map(key).collect();
    let (mut new, old): (Vec<Finding>, Vec<Finding>) =
        findings.drain(..).partition(|f| !known.contains(&key(f)));
    let count = new.len();
    new.extend(old);
    *findings = new;
    Some(count)
}

#[derive(Serialize)]
struct Quality<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: QualityLocation,
}

#[derive(Serialize)]
struct QualityLocation {
    path: String,
    lines: QualityLines,
}

#[derive(Serialize)]
struct QualityLines {
    begin: usize,
}

/// One finding as the Code Quality report needs it.
pub struct Issue<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    /// `(kind, id)` of its record.
    pub record: Option<(&'a str, &'a str)>,
    /// Relative to the workbook folder.
    pub file: Option<&'a str>,
    pub line: Option<usize>,
}

/// GitLab's Code Quality report (a JSON array), paths from the repository top.
pub fn gitlab(issues: &[Issue], prefix: &str) -> String {
    let issues: Vec<Quality> = issues
        .iter()
        .map(|f| {
            let path = format!("{prefix}{}", f.file.unwrap_or("paraat.ron"));
            // Stable across runs: the code, the record and the message.
            let mut hasher = rustc_hash::FxHasher::default();
            use std::hash::{Hash, Hasher};
            (f.code, f.record, f.message, &path).hash(&mut hasher);
            Quality {
                description: crate::sanitize::sanitize_line(f.message),
                check_name: f.code,
                fingerprint: format!("{:016x}", hasher.finish()),
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: QualityLocation {
                    path,
                    lines: QualityLines {
                        begin: f.line.unwrap_or(1),
                    },
                },
            }
        })
        .collect();
    crate::sanitize::terminal_safe_json(&issues).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_of_a_field_is_found_inside_its_record() {
        let text = "Risks(\n    next_number: 3,\n    risks: [\n        Risk(\n            id: \"R-001\",\n            title: \"a\",\n            current: Rating(\n                likelihood: 3,\n                impact: 4,\n            ),\n        ),\n        Risk(\n            id: \"R-002\",\n            title: \"b\",\n        ),\n    ],\n)\n";
        assert_eq!(field_line(text, 4, "title"), Some(6));
        assert_eq!(field_line(text, 4, "current.impact"), Some(9));
        assert_eq!(field_line(text, 12, "title"), Some(14));
        assert_eq!(field_line(text, 12, "current"), None, "not in this record");
        assert_eq!(field_line(text, 4, "id"), Some(5));
    }
}
