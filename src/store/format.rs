//! The canonical text of a workbook file, and strict parsing with positions.
//!
//! Canonical form is whatever `render` writes: RON with struct names, four-space
//! indent, `\n` line endings, one field per line, multi-line strings written as
//! they are, and a trailing newline. Loading and saving unchanged data therefore
//! writes identical bytes, which keeps git diffs to what a person changed.

use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::FileError;

fn pretty_config() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(true)
        .escape_strings(false)
}

/// The canonical text of `value`.
pub fn render<T: Serialize>(value: &T) -> Result<String, String> {
    let mut text = ron::ser::to_string_pretty(value, pretty_config()).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// Checks the bytes are text worth parsing: UTF-8, not empty, no merge markers.
pub fn check_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let col = 1 + String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count();
        FileError::NotUtf8 {
            file: file.to_owned(),
            line,
            col,
        }
    })?;
    if text.trim().is_empty() {
        return Err(FileError::Empty {
            file: file.to_owned(),
        });
    }
    if let Some((index, line)) = text
        .lines()
        .enumerate()
        .find(|(_, line)| is_conflict_marker(line))
    {
        return Err(FileError::MergeConflict {
            file: file.to_owned(),
            line: index + 1,
            source_line: line.to_owned(),
        });
    }
    Ok(text)
}

fn is_conflict_marker(line: &str) -> bool {
    let marker = |m: &str| {
        line.strip_prefix(m)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    marker("<<<<<<<") || marker(">>>>>>>") || marker("|||||||") || line == "======="
}

/// Parses `text` as `T`, turning a RON error into one that names file, line and column.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, FileError> {
    ron::from_str(text).map_err(|e| {
        let line = e.span.start.line.max(1);
        let col = e.span.start.col.max(1);
        FileError::Syntax {
            file: file.to_owned(),
            line,
            col,
            message: describe(&e.code),
            source_line: text.lines().nth(line - 1).unwrap_or_default().to_owned(),
        }
    })
}

/// RON's own messages, reworded where a person editing by hand needs a hint.
fn describe(error: &ron::Error) -> String {
    match error {
        ron::Error::NoSuchStructField {
            found,
            outer,
            expected,
        } => {
            let place = outer
                .as_deref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default();
            format!(
                "unknown field `{found}`{place} (a typo, or a field from a newer paraat?); the fields here are: {}",
                expected.join(", ")
            )
        }
        ron::Error::MissingStructField { field, outer } => {
            let place = outer
                .as_deref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default();
            format!("missing field `{field}`{place}")
        }
        ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "`{found}` is not one of the choices here: {}",
            expected.join(", ")
        ),
        ron::Error::Message(message) => message.clone(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Risks};

    #[test]
    fn render_ends_with_one_newline_and_uses_lf() {
        let text = render(&Risks::default()).unwrap();
        assert!(text.ends_with(")\n"));
        assert!(!text.contains('\r'));
        assert!(text.starts_with("Risks("));
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let text = "Risks(\n    next_number: 1,\n    risks: [\n        oops\n    ],\n)\n";
        let error = parse::<Risks>("risks.ron", text).unwrap_err();
        let shown = error.to_string();
        assert!(shown.starts_with("risks.ron:4:9:"), "{shown}");
        assert!(shown.contains("oops"), "{shown}");
    }

    #[test]
    fn conflict_markers_get_their_own_message() {
        let text = "Risks(\n<<<<<<< HEAD\n    risks: [],\n=======\n>>>>>>> theirs\n)\n";
        let error = check_text("risks.ron", text.as_bytes()).unwrap_err();
        assert!(matches!(error, FileError::MergeConflict { line: 2, .. }));
        assert!(error.to_string().contains("merge conflict"));
    }

    #[test]
    fn bad_date_is_reported_at_its_place() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct D {
            d: Date,
        }
        let error = parse::<D>("x.ron", "(\n    d: \"2026-02-30\",\n)\n").unwrap_err();
        assert_eq!(error.line(), Some(2), "{error}");
        assert!(error.to_string().contains("not a date"), "{error}");
    }
}
