//! Text from workbook files is untrusted: it came from git and from other people.
//!
//! Before any of it reaches a terminal, control characters and escape sequences
//! are replaced by visible stand-ins, so a crafted note cannot move the cursor,
//! change colours, set the window title or hide text. Every layer that prints
//! file text goes through here.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Makes one line safe for a terminal: control characters (C0, DEL, C1) and
/// line breaks become visible stand-ins; tabs become spaces.
pub fn sanitize_line(text: &str) -> String {
    // Most text is plain: one scan, one copy.
    if is_plain_line(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_safe(&mut out, c, false);
    }
    out
}

/// Like [`sanitize_line`] but keeps line breaks (for multi-line fields).
pub fn sanitize_text(text: &str) -> String {
    if !text
        .chars()
        .any(|c| (is_unsafe_char(c) && c != '\n') || c == '\t')
    {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_safe(&mut out, c, true);
    }
    out
}

/// True when [`sanitize_line`] would return the text unchanged.
pub fn is_plain_line(text: &str) -> bool {
    !text.chars().any(|c| is_unsafe_char(c) || c == '\t')
}

/// True when the text holds nothing a terminal would interpret.
pub fn is_safe(text: &str) -> bool {
    !text.chars().any(is_unsafe_char)
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidirectional overrides can make a line read differently from what it holds.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_safe(out: &mut String, c: char, keep_newlines: bool) {
    match c {
        '\n' if keep_newlines => out.push('\n'),
        '\n' => out.push('⏎'),
        '\t' => out.push_str("    "),
        '\r' => {}
        c if (c as u32) < 0x20 => {
            // Control Pictures block: U+2400 + code, visible and harmless.
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�'));
        }
        '\u{7f}' => out.push('␡'),
        c if c.is_control() || is_bidi_control(c) => out.push('�'),
        c => out.push(c),
    }
}

/// Pretty JSON in which no string holds a character a terminal acts on: besides
/// the control characters JSON always escapes, C1 controls, DEL and
/// bidirectional overrides are written as `\u` escapes. The JSON means the same;
/// a tool that prints it raw (a CI log) shows nothing hidden.
pub fn terminal_safe_json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut serializer)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// [`PrettyFormatter`] with more characters escaped (see [`terminal_safe_json`]).
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut last = 0;
        for (at, c) in fragment.char_indices() {
            if c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c) {
                writer.write_all(&fragment.as_bytes()[last..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                last = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[last..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_survive() {
        let hostile = "a\x1b[2J\x1b]0;title\x07b\u{9b}31m\u{202e}c";
        let safe = sanitize_line(hostile);
        assert!(is_safe(&safe), "{safe:?}");
        assert!(safe.contains('a') && safe.contains('b') && safe.contains('c'));
        assert!(!safe.contains('\x1b'));
    }

    #[test]
    fn newlines_kept_only_when_asked() {
        assert_eq!(sanitize_text("a\r\nb"), "a\nb");
        assert_eq!(sanitize_line("a\nb"), "a⏎b");
    }
}
