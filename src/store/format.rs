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
///
/// Strings are written as they are, line breaks included, except where that
/// would make the file lie: a string with a line that starts like a git conflict
/// marker (`=======`, `<<<<<<<`, …) gets an escaped `\n` before that line, and
/// control characters and bidirectional overrides are written as `\u{…}`
/// escapes. So no line of a file paraat wrote looks like a conflict marker, a
/// `\r` cannot be lost to git's line-ending conversion, and `cat` or `git diff`
/// of the file never sends an escape sequence to a terminal.
pub fn render<T: Serialize>(value: &T) -> Result<String, String> {
    let mut text = ron::ser::to_string_pretty(value, pretty_config()).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(escape_risky_strings(text))
}

/// A line starting with one of these would look like a git conflict marker.
const MARKER_STARTS: [&str; 4] = ["<<<<<<<", ">>>>>>>", "|||||||", "======="];

/// Whether `c` is written as an escape inside a string.
fn is_risky_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a line starting at `at` looks like a conflict marker.
fn marker_at(bytes: &[u8], at: usize) -> bool {
    MARKER_STARTS
        .iter()
        .any(|m| bytes[at..].starts_with(m.as_bytes()))
}

/// Rewrites the string literals of freshly rendered RON that hold a marker-like
/// line or a risky character as escaped strings (see [`render`]).
fn escape_risky_strings(text: String) -> String {
    let bytes = text.as_bytes();
    let line_starts = memchr::memchr_iter(b'\n', bytes).map(|p| p + 1);
    let has_marker = line_starts.clone().any(|at| {
        at < bytes.len() && matches!(bytes[at], b'<' | b'>' | b'|' | b'=') && marker_at(bytes, at)
    });
    // Control characters are ASCII or two bytes from 0xC2; the overrides start 0xE2.
    let may_be_risky = bytes
        .iter()
        .any(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xC2 || b == 0xE2);
    let risky = may_be_risky && text.chars().any(is_risky_char);
    if !has_marker && !risky {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for span in super::quoted::quoted(&text) {
        let literal = &text[span.clone()];
        let Some(content) = string_content(literal) else {
            continue;
        };
        let risky = content.chars().any(is_risky_char)
            || memchr::memchr_iter(b'\n', content.as_bytes())
                .any(|p| marker_at(content.as_bytes(), p + 1));
        if !risky {
            continue;
        }
        out.push_str(&text[last..span.start]);
        push_escaped(&mut out, content);
        last = span.end;
    }
    out.push_str(&text[last..]);
    out
}

/// The text of a string literal as the serializer wrote it: the part between the
/// quotes (ron writes strings unescaped or raw, so that is the text itself).
fn string_content(literal: &str) -> Option<&str> {
    if let Some(rest) = literal.strip_prefix('"') {
        // An unescaped string only: ron writes a raw string when there is a `"` or `\`.
        return rest.strip_suffix('"').filter(|c| !c.contains('\\'));
    }
    let rest = literal.strip_prefix('r')?;
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let inner = rest.get(hashes..)?.strip_prefix('"')?;
    inner.get(..inner.len().checked_sub(hashes + 1)?)
}

/// `content` as a RON string with escapes where [`render`] needs them.
fn push_escaped(out: &mut String, content: &str) {
    out.push('"');
    let bytes = content.as_bytes();
    for (at, c) in content.char_indices() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if marker_at(bytes, at + 1) => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_risky_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
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
    if let Some((line, source_line)) = conflict(text) {
        return Err(FileError::MergeConflict {
            file: file.to_owned(),
            line,
            source_line,
        });
    }
    Ok(text)
}

/// What kind of git conflict marker a line is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    Ours,
    Base,
    Split,
    Theirs,
}

fn conflict_marker(line: &str) -> Option<Marker> {
    let marker = |m: &str| {
        line.strip_prefix(m)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    if marker("<<<<<<<") {
        Some(Marker::Ours)
    } else if marker("|||||||") {
        Some(Marker::Base)
    } else if line == "=======" {
        Some(Marker::Split)
    } else if marker(">>>>>>>") {
        Some(Marker::Theirs)
    } else {
        None
    }
}

/// The first line of an unresolved git conflict in `text`, with its text.
///
/// Git writes its markers at the start of a line. A marker line outside any
/// string or comment is a conflict (RON has no other use for it). Inside a
/// string a marker-like line may be what someone typed (paraat itself escapes
/// such lines, but a hand edit may not), so there it only counts when a whole
/// conflict is there in order: `<<<<<<<`, `=======`, `>>>>>>>`, which is what
/// git writes when both sides changed the same multi-line text.
fn conflict(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|p| p + 1));
    // Only lines starting with a marker character are looked at.
    let mut found: Vec<(usize, usize, Marker)> = Vec::new();
    for (index, start) in starts.enumerate() {
        if matches!(bytes.get(start), Some(b'<' | b'>' | b'|' | b'=')) {
            let line = text[start..].lines().next().unwrap_or_default();
            if let Some(marker) = conflict_marker(line) {
                found.push((index + 1, start, marker));
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let line_text = |start: usize| text[start..].lines().next().unwrap_or_default().to_owned();
    let spans = super::quoted::quoted(text);
    if let Some(&(line, start, _)) = found
        .iter()
        .find(|(_, start, _)| !super::quoted::inside(&spans, *start))
    {
        return Some((line, line_text(start)));
    }
    // All inside strings: only a complete conflict counts.
    let mut open: Option<(usize, usize)> = None;
    let mut split = false;
    for &(line, start, marker) in &found {
        match marker {
            Marker::Ours => {
                open = Some((line, start));
                split = false;
            }
            Marker::Split if open.is_some() => split = true,
            Marker::Theirs if split => {
                return open.map(|(line, start)| (line, line_text(start)));
            }
            _ => {}
        }
    }
    None
}

/// Parses `text` as `T`, turning a RON error into one that names file, line and column.
/// RON extensions (`#![enable(...)]`) are refused: a workbook file is plain RON,
/// so every tool and every reader sees the same values.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, FileError> {
    refuse_extensions(file, text)?;
    options().from_str(text).map_err(|e| {
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

/// The parser's options: no extensions, and RON's limit on nesting (a deeply
/// nested hand edit is an error, not a stack overflow).
fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(64)
}

/// Where the first value of `text` starts: after white space and comments.
pub fn value_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if bytes[at..].starts_with(b"//") || bytes[at..].starts_with(b"/*") {
            match super::quoted::quoted(&text[at..]).first() {
                Some(span) if span.start == 0 => at += span.end,
                _ => return at,
            }
            continue;
        }
        return at;
    }
}

/// Refuses a `#![…]` attribute before the value (after white space and comments).
fn refuse_extensions(file: &str, text: &str) -> Result<(), FileError> {
    let bytes = text.as_bytes();
    let at = value_start(text);
    if bytes.get(at) != Some(&b'#') {
        return Ok(());
    }
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count();
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    Err(FileError::Extension {
        file: file.to_owned(),
        line,
        col: 1 + text[line_start..at].chars().count(),
        source_line: text[line_start..]
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
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

/// A register file with one long list of records, which [`parse_register`] may
/// parse in parts on several threads.
pub trait Register: DeserializeOwned + Send {
    type Item: DeserializeOwned + Send;
    /// The list's field name (`risks`).
    const FIELD: &'static str;
    /// The struct name of one record (`Risk`).
    const RECORD: &'static str;
    fn put(&mut self, items: Vec<Self::Item>);
}

impl Register for crate::model::Risks {
    type Item = crate::model::Risk;
    const FIELD: &'static str = "risks";
    const RECORD: &'static str = "Risk";
    fn put(&mut self, items: Vec<Self::Item>) {
        self.risks = items;
    }
}

impl Register for crate::model::Backups {
    type Item = crate::model::Backup;
    const FIELD: &'static str = "backups";
    const RECORD: &'static str = "Backup";
    fn put(&mut self, items: Vec<Self::Item>) {
        self.backups = items;
    }
}

impl Register for crate::model::Contacts {
    type Item = crate::model::Contact;
    const FIELD: &'static str = "contacts";
    const RECORD: &'static str = "Contact";
    fn put(&mut self, items: Vec<Self::Item>) {
        self.contacts = items;
    }
}

/// Below this size a file is parsed in one go.
const SPLIT_FROM_BYTES: usize = 1 << 20;

/// Parses a register like [`parse`]; a large file in canonical layout is cut at
/// record boundaries and the parts are parsed on parallel threads (RON parsing is
/// the bulk of loading a large workbook). When the file is not laid out as `fmt`
/// writes it, or any part fails, it is parsed whole, so errors keep their exact
/// line and column.
pub fn parse_register<T: Register>(file: &str, text: &str) -> Result<T, FileError> {
    refuse_extensions(file, text)?;
    if text.len() >= SPLIT_FROM_BYTES
        && let Some(value) = parse_in_parts::<T>(text)
    {
        return Ok(value);
    }
    parse(file, text)
}

fn parse_in_parts<T: Register>(text: &str) -> Option<T> {
    let open = format!("\n    {}: [\n", T::FIELD);
    let record = format!("\n        {}(\n", T::RECORD);
    let close = "\n    ],\n";
    // Structure is only looked for outside strings and comments: a note may hold a
    // line that reads `        Risk(` or `    ],`. Every position found is at a
    // `\n`, so every cut is on a character boundary.
    let spans = super::quoted::quoted(text);
    let bytes = text.as_bytes();
    let find_from = |needle: &str, from: usize| {
        memchr::memmem::find_iter(&bytes[from..], needle.as_bytes())
            .map(|at| from + at)
            .find(|&at| !super::quoted::inside(&spans, at))
    };
    // The list's items run from the line after `open` to the `close` line.
    let items_start = find_from(&open, 0)? + open.len();
    let items_end = find_from(close, items_start)? + 1;
    // The list must start with a record, exactly as `fmt` writes it.
    if !bytes[..items_start].ends_with(b"[\n")
        || !bytes[items_start - 1..].starts_with(record.as_bytes())
    {
        return None;
    }
    let items = &text[items_start..items_end];
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4);
    // Cut at record starts near equal shares of the text.
    let mut bounds = vec![0];
    for k in 1..threads {
        let wanted = items_start + items.len() * k / threads;
        if let Some(at) = find_from(&record, wanted.saturating_sub(1)) {
            let cut = at + 1 - items_start;
            if cut > *bounds.last().unwrap_or(&0) && cut < items.len() {
                bounds.push(cut);
            }
        }
    }
    bounds.push(items.len());
    let mut skeleton = String::with_capacity(items_start + text.len() - items_end + 32);
    skeleton.push_str(&text[..items_start - open.len() + 1]);
    skeleton.push_str(&format!("    {}: [],\n", T::FIELD));
    skeleton.push_str(&text[items_end + close.len() - 1..]);
    let parts: Vec<String> = bounds
        .windows(2)
        .map(|w| format!("[\n{}]", &items[w[0]..w[1]]))
        .collect();
    let parse_part = |part: &String| options().from_str::<Vec<T::Item>>(part).ok();
    let (mut value, lists) = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .skip(1)
            .map(|part| scope.spawn(move || parse_part(part)))
            .collect();
        let first = parts.first().and_then(parse_part);
        let value = options().from_str::<T>(&skeleton).ok();
        let mut lists = vec![first];
        lists.extend(handles.into_iter().map(|h| h.join().ok().flatten()));
        (value, lists)
    });
    let mut all = Vec::new();
    for list in lists {
        all.extend(list?);
    }
    if let Some(v) = value.as_mut() {
        v.put(all);
    }
    value
}

#[cfg(test)]
mod split_tests {
    use super::*;
    use crate::model::{Rating, Risk, Risks};

    fn risk(n: u32) -> Risk {
        let title = format!(
            "Risk {n} with \"quotes\"
and a second line"
        );
        let mut risk = Risk::new(
            crate::model::Id::with_number("R", n, 3),
            title,
            Rating {
                likelihood: 2,
                impact: 3,
            },
        );
        risk.description = "x".repeat(200);
        risk
    }

    #[test]
    fn a_large_register_parsed_in_parts_equals_one_parsed_whole() {
        let risks = Risks {
            next_number: 5001,
            risks: (1..=5000).map(risk).collect(),
        };
        let text = render(&risks).unwrap();
        assert!(text.len() > SPLIT_FROM_BYTES);
        let parts = parse_in_parts::<Risks>(&text).expect("canonical text splits");
        assert_eq!(parts, risks);
        assert_eq!(parse_register::<Risks>("risks.ron", &text).unwrap(), risks);
    }

    #[test]
    fn an_error_in_a_large_register_keeps_its_exact_position() {
        let risks = Risks {
            next_number: 0,
            risks: (1..=5000).map(risk).collect(),
        };
        // Break one record far into the second half of the file.
        let text = render(&risks).unwrap();
        let at = text.match_indices("likelihood: 2,").nth(4000).unwrap().0;
        let text = format!(
            "{}likelihood: two,{}",
            &text[..at],
            &text[at + "likelihood: 2,".len()..]
        );
        let expected = text
            .lines()
            .position(|l| l.contains("likelihood: two"))
            .unwrap()
            + 1;
        let error = parse_register::<Risks>("risks.ron", &text).unwrap_err();
        assert_eq!(error.line(), Some(expected), "{error}");
    }
}
