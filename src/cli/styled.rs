//! Lines with styles (bold headings, coloured severities) for the terminal.
//!
//! `out!` makes a whole message safe for the terminal, which would also undo the
//! escape sequences of a style. So a styled line is built in pieces: every piece
//! is made safe where it is printed, exactly as `out!` does, and the styles are
//! put around the pieces afterwards; text from a file can never bring its own.
//! `anstream` drops the styles when the output is not a terminal or `NO_COLOR`
//! is set.

use std::io::Write;

use anstyle::Style;

use crate::sanitize::sanitize_text;

/// One line of output, in pieces.
#[derive(Debug, Default)]
#[must_use]
pub struct Styled(Vec<(Style, String)>);

impl Styled {
    pub fn new() -> Styled {
        Styled::default()
    }

    /// A piece without a style.
    pub fn plain(self, text: impl AsRef<str>) -> Styled {
        self.styled(Style::new(), text)
    }

    /// A piece in `style`.
    pub fn styled(mut self, style: Style, text: impl AsRef<str>) -> Styled {
        self.0.push((style, sanitize_text(text.as_ref())));
        self
    }

    /// The first line of a report: the organisation and what the report is, in
    /// bold (`Museum De Zilveren Reiger — readiness`).
    pub fn title(organisation: &str, what: &str) -> Styled {
        let organisation = crate::sanitize::sanitize_line(organisation);
        Styled::new().styled(Style::new().bold(), format!("{organisation} — {what}"))
    }

    /// Prints the line to standard output.
    pub fn print(self) {
        let mut out = anstream::stdout().lock();
        for (style, text) in &self.0 {
            let _ = write!(out, "{style}{text}{style:#}");
        }
        let _ = writeln!(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_piece_is_made_safe_and_only_the_styles_are_escape_sequences() {
        let line = Styled::new()
            .styled(Style::new().bold(), "Museum\u{1b}]0;title\u{7}")
            .plain(" \u{9b}31m\u{202e}");
        for (_, text) in &line.0 {
            assert!(crate::sanitize::is_safe(text), "{text:?}");
        }
    }
}
