//! Where the strings and comments of a RON text are.
//!
//! A text that people type can hold anything: a line that is exactly `=======`,
//! a line that looks like the start of a record (`        Risk(`), quotes and
//! hashes. Whoever looks for structure in a workbook file (merge-conflict
//! markers, the record boundaries where a large register is cut for parallel
//! parsing) must therefore know which bytes are inside a string or a comment.
//! [`quoted`] finds them in one pass over the bytes. Every delimiter is ASCII, so
//! every position it returns is a character boundary.
//!
//! It follows RON's lexical rules: `"…"` strings with `\` escapes, raw strings
//! `r"…"`, `r#"…"#` (any number of `#`), `//` line comments and `/* … */` block
//! comments, which nest. An unterminated string or comment runs to the end.

use std::ops::Range;

/// The byte ranges of every string literal and comment in `text` (delimiters
/// included), in order.
pub fn quoted(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Only these bytes can open a string or a comment.
        let Some(at) = memchr::memchr3(b'"', b'/', b'r', &bytes[i..]).map(|n| i + n) else {
            break;
        };
        match bytes[at] {
            b'"' => {
                let end = string_end(bytes, at + 1);
                spans.push(at..end);
                i = end;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                spans.push(at..end);
                i = end;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                let end = block_comment_end(bytes, at + 2);
                spans.push(at..end);
                i = end;
            }
            b'r' if starts_token(bytes, at) => match raw_string_end(bytes, at + 1) {
                Some(end) => {
                    spans.push(at..end);
                    i = end;
                }
                None => i = at + 1,
            },
            _ => i = at + 1,
        }
    }
    spans
}

/// Whether `at` begins a token: not in the middle of an identifier (`Rater(`).
fn starts_token(bytes: &[u8], at: usize) -> bool {
    at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_')
}

/// The end (one past the closing quote) of a `"` string whose content starts at `from`.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(n) = memchr::memchr2(b'"', b'\\', &bytes[i..]) {
        let at = i + n;
        if bytes[at] == b'\\' {
            i = at + 2;
            if i >= bytes.len() {
                return bytes.len();
            }
        } else {
            return at + 1;
        }
    }
    bytes.len()
}

/// After the `r` of a raw string: `#`s, a quote, and the end after the quote
/// followed by as many `#`s. `None` when this is not a raw string after all.
fn raw_string_end(bytes: &[u8], from: usize) -> Option<usize> {
    let hashes = bytes[from..].iter().take_while(|&&b| b == b'#').count();
    if bytes.get(from + hashes) != Some(&b'"') {
        return None;
    }
    let mut i = from + hashes + 1;
    while let Some(n) = memchr::memchr(b'"', &bytes[i..]) {
        let at = i + n;
        let closing = bytes[at + 1..]
            .iter()
            .take(hashes)
            .take_while(|&&b| b == b'#');
        if closing.count() == hashes {
            return Some(at + 1 + hashes);
        }
        i = at + 1;
    }
    Some(bytes.len())
}

/// The end of a block comment whose content starts at `from` (comments nest).
fn block_comment_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 1;
    let mut i = from;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Whether byte `at` lies inside one of `spans` (as returned by [`quoted`]).
pub fn inside(spans: &[Range<usize>], at: usize) -> bool {
    let after = spans.partition_point(|span| span.start <= at);
    after > 0 && spans[after - 1].contains(&at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        quoted(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn strings_raw_strings_and_comments_are_found() {
        let text = "Risk(\n    // a \"comment\"\n    title: \"a \\\" b\",\n    notes: r#\"x \"quoted\" y\"#,\n    /* outer /* inner */ still */\n    Rater: r,\n)";
        assert_eq!(
            pieces(text),
            [
                "// a \"comment\"",
                "\"a \\\" b\"",
                "r#\"x \"quoted\" y\"#",
                "/* outer /* inner */ still */",
            ]
        );
    }

    #[test]
    fn an_unterminated_string_runs_to_the_end() {
        assert_eq!(pieces("a: \"open\n======="), ["\"open\n======="]);
        let spans = quoted("a: \"open\n=======");
        assert!(inside(&spans, 10));
        assert!(!inside(&spans, 1));
    }
}
