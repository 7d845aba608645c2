//! The pack as Markdown that renders well on git hosting sites (GitHub-flavoured
//! tables) and still reads as plain text.
//!
//! No workbook text becomes markup: every string goes through [`push_escaped`],
//! which backslash-escapes the characters Markdown acts on (`\ ` * _ [ ] < > | & ~ #`)
//! and, at the start of a line, what would start a list, a quote or a heading.
//! The only HTML in the output is `<br>` written by this renderer for a line break
//! inside a table cell, where Markdown has no other way to write one.

use super::document::*;

/// Where text is written: a table cell (one line) or a block with this indent.
#[derive(Clone, Copy)]
enum Context<'a> {
    Cell,
    Block(&'a str),
}

/// Renders the document.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("# ");
    push_escaped(&mut out, &doc.title, Context::Cell);
    out.push_str("\n\n> ");
    if doc.notice == Notice::Private {
        out.push_str("⚠ **");
        push_escaped(&mut out, &doc.notice_text, Context::Cell);
        out.push_str("**");
    } else {
        push_escaped(&mut out, &doc.notice_text, Context::Cell);
    }
    out.push_str("\n\n");
    for (label, value) in &doc.stamp {
        out.push_str("- **");
        push_escaped(&mut out, label, Context::Cell);
        out.push_str(":** ");
        push_escaped(&mut out, value, Context::Cell);
        out.push('\n');
    }
    out.push('\n');
    if !doc.card_only {
        out.push_str("**");
        push_escaped(&mut out, &doc.contents_label, Context::Cell);
        out.push_str("**\n\n");
        for (i, section) in doc.sections.iter().enumerate() {
            out.push_str(&format!("{}. [", i + 1));
            push_escaped(&mut out, &section.title, Context::Cell);
            out.push_str("](#");
            out.push_str(&slug(&section.title));
            out.push_str(")\n");
        }
        out.push('\n');
    }
    for section in &doc.sections {
        out.push_str("## ");
        push_escaped(&mut out, &section.title, Context::Cell);
        out.push_str("\n\n");
        for block in &section.blocks {
            render_block(&mut out, block);
        }
    }
    out.push_str("---\n\n*");
    push_escaped(&mut out, &doc.stamp_line, Context::Cell);
    out.push_str("*\n");
    out
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading(text) => {
            out.push_str("### ");
            render_text(out, text, Context::Cell);
            out.push_str("\n\n");
        }
        Block::Paragraph(text) => {
            render_text(out, text, Context::Block(""));
            out.push_str("\n\n");
        }
        Block::Facts(facts) => {
            for (label, value) in facts {
                out.push_str("- **");
                push_escaped(out, label, Context::Cell);
                out.push_str(":** ");
                render_text(out, value, Context::Block("  "));
                out.push('\n');
            }
            out.push('\n');
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                if *ordered {
                    let marker = format!("{}. ", i + 1);
                    let indent = " ".repeat(marker.len());
                    out.push_str(&marker);
                    render_text(out, item, Context::Block(&indent));
                } else {
                    out.push_str("- ");
                    render_text(out, item, Context::Block("  "));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Table(table) => render_table(out, table),
        Block::HeatMap(map) => {
            out.push_str("| ");
            push_escaped(out, &map.corner, Context::Cell);
            out.push_str(" |");
            for label in &map.column_labels {
                out.push(' ');
                push_escaped(out, label, Context::Cell);
                out.push_str(" |");
            }
            out.push_str("\n|---|");
            for _ in &map.column_labels {
                out.push_str(":---:|");
            }
            out.push('\n');
            for row in &map.rows {
                out.push_str("| **");
                push_escaped(out, &row.label, Context::Cell);
                out.push_str("** |");
                for cell in &row.cells {
                    if cell.count == 0 {
                        out.push_str(" 0 ");
                    } else {
                        out.push_str(&format!(" **{}** ", cell.count));
                    }
                    push_escaped(out, &cell.level_word, Context::Cell);
                    out.push_str(" |");
                }
                out.push('\n');
            }
            out.push('\n');
            push_escaped(out, &map.legend, Context::Block(""));
            out.push_str("\n\n");
        }
        Block::Group(blocks) => {
            for block in blocks {
                render_block(out, block);
            }
        }
    }
}

fn render_table(out: &mut String, table: &Table) {
    out.push('|');
    for column in &table.columns {
        out.push(' ');
        push_escaped(out, column, Context::Cell);
        out.push_str(" |");
    }
    out.push_str("\n|");
    for _ in &table.columns {
        out.push_str("---|");
    }
    out.push('\n');
    for row in &table.rows {
        out.push('|');
        for cell in row {
            out.push(' ');
            render_text(out, cell, Context::Cell);
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn render_text(out: &mut String, text: &Text, context: Context) {
    for span in &text.0 {
        match span {
            Span::Plain(s) | Span::Phone(s) | Span::Whole(s) | Span::Code(s) => {
                push_escaped(out, s, context)
            }
            Span::Strong(s) => {
                // Emphasis only closes next to text, so spaces stay outside the `**`.
                let inner = s.trim();
                if inner.is_empty() {
                    continue;
                }
                if s.starts_with(char::is_whitespace) {
                    out.push(' ');
                }
                out.push_str("**");
                push_escaped(out, inner, context);
                out.push_str("**");
                if s.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            Span::Flag(s) => {
                out.push_str("*⚠ ");
                push_escaped(out, s, context);
                out.push('*');
            }
            Span::Break => push_break(out, context),
        }
    }
}

fn push_break(out: &mut String, context: Context) {
    match context {
        Context::Cell => out.push_str("<br>"),
        Context::Block(indent) => {
            out.push_str("\\\n");
            out.push_str(indent);
        }
    }
}

/// True when `out` ends at the start of a line of the text being written
/// (after a newline and the indent of the block).
fn at_line_start(out: &str, context: Context) -> bool {
    match context {
        Context::Cell => out.ends_with("<br>") || out.ends_with("| "),
        Context::Block(indent) => out
            .strip_suffix(indent)
            .is_some_and(|before| before.is_empty() || before.ends_with('\n')),
    }
}

/// Appends `text` so that Markdown shows it as written: characters Markdown acts
/// on are backslash-escaped, control characters become visible stand-ins, and line
/// breaks become `<br>` (in a cell) or a hard break (in a block).
fn push_escaped(out: &mut String, text: &str, context: Context) {
    let mut line_start = at_line_start(out, context);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            push_break(out, context);
            line_start = true;
            continue;
        }
        if line_start {
            if c == ' ' || c == '\t' {
                // Leading spaces would turn a line into code; drop them.
                continue;
            }
            line_start = false;
            match c {
                '#' | '>' | '-' | '+' | '=' | '*' | '_' => {
                    out.push('\\');
                    out.push(c);
                    continue;
                }
                '0'..='9' => {
                    // "1. " or "1) " would start a numbered list: escape the dot.
                    out.push(c);
                    while let Some(&d) = chars.peek() {
                        if d.is_ascii_digit() {
                            out.push(d);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    if let Some(&d) = chars.peek()
                        && (d == '.' || d == ')')
                    {
                        out.push('\\');
                        out.push(d);
                        chars.next();
                    }
                    continue;
                }
                _ => {}
            }
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            c if (c.is_ascii() && c.is_ascii_control())
                || (!c.is_ascii() && !crate::sanitize::is_safe(c.encode_utf8(&mut [0; 4]))) =>
            {
                out.push_str(&crate::sanitize::sanitize_line(c.encode_utf8(&mut [0; 4])));
            }
            c => out.push(c),
        }
    }
}

/// The anchor a git hosting site gives a heading: lower case, spaces as hyphens,
/// punctuation dropped.
fn slug(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> String {
        let mut out = String::from("| ");
        push_escaped(&mut out, text, Context::Cell);
        out
    }

    #[test]
    fn pipes_and_html_never_break_a_table() {
        let out = cell("a | b <img src=x onerror=alert(1)> & c");
        assert_eq!(out, "| a \\| b \\<img src=x onerror=alert(1)\\> \\& c");
    }

    #[test]
    fn leading_markdown_characters_are_escaped_on_every_line() {
        let mut out = String::new();
        push_escaped(
            &mut out,
            "# not a heading\n- not a list\n1. not numbered\n  > no quote",
            Context::Block(""),
        );
        assert_eq!(
            out,
            "\\# not a heading\\\n\\- not a list\\\n1\\. not numbered\\\n\\> no quote"
        );
    }

    #[test]
    fn line_breaks_in_cells_are_br() {
        assert_eq!(cell("a\nb"), "| a<br>b");
    }

    #[test]
    fn slugs_follow_git_hosting() {
        assert_eq!(slug("Recovery order"), "recovery-order");
        assert_eq!(slug("Risico's"), "risicos");
    }
}
