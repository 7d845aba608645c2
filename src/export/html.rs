//! The pack as one self-contained HTML file: inline CSS, no scripts, nothing
//! fetched from anywhere (a Content-Security-Policy says so to the browser too).
//!
//! Printing: A4, every section on a new page, table rows and process blocks never
//! cut, table headers repeated on each page, levels and statuses in words and
//! symbols so it reads in black and white. The stamp is on every printed page:
//! Chromium does not draw `@page` margin boxes, so the stamp is a `position: fixed`
//! footer (repeated on every page by the browser), and the whole page sits in a
//! layout table whose `tfoot` is an empty spacer of the footer's height, which the
//! browser also repeats, so text never runs under the stamp.
//!
//! Table cells wrap between words only (`overflow-wrap: normal`), and the column
//! widths the pack asks for are a wish the browser may widen (`table-layout:
//! auto`): a column is never narrower than its longest word, so no word is cut and
//! none runs into the next column. Ids and dates on the card stay whole
//! (`Span::Whole`); a finding's code may break after an underscore.
//!
//! On a phone the data tables turn into one card per row, each cell labelled with
//! its column (`data-label`).
//!
//! Escaping: every workbook string goes through [`push_escaped`], which escapes the
//! five HTML-significant characters and replaces control characters and
//! bidirectional overrides with visible stand-ins. Nothing else writes text.

use super::document::*;
use crate::model::RiskLevel;

/// Renders the document.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(doc.lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"generator\" content=\"paraat\">\n<title>");
    push_escaped(&mut out, &doc.title, false);
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n");
    out.push_str(if doc.card_only {
        "<body class=\"card-only\">\n"
    } else {
        "<body>\n"
    });

    out.push_str("<div class=\"stamp-footer\">");
    push_escaped(&mut out, &doc.stamp_line, false);
    out.push_str("</div>\n");
    out.push_str("<table class=\"layout\"><tfoot><tr><td><div class=\"footer-space\"></div></td></tr></tfoot><tbody><tr><td>\n");

    out.push_str("<header>\n<h1>");
    push_escaped(&mut out, &doc.title, false);
    out.push_str("</h1>\n");
    let notice_class = match doc.notice {
        Notice::Private => "notice private",
        Notice::Redacted | Notice::NoPrivate => "notice redacted",
    };
    out.push_str("<p class=\"");
    out.push_str(notice_class);
    out.push_str("\">");
    if doc.notice == Notice::Private {
        out.push_str("⚠ ");
    }
    push_escaped(&mut out, &doc.notice_text, false);
    out.push_str("</p>\n<dl class=\"stamp\">");
    for (label, value) in &doc.stamp {
        out.push_str("<div><dt>");
        push_escaped(&mut out, label, false);
        out.push_str("</dt><dd>");
        push_escaped(&mut out, value, false);
        out.push_str("</dd></div>");
    }
    out.push_str("</dl>\n</header>\n");

    if !doc.card_only {
        out.push_str("<nav><strong>");
        push_escaped(&mut out, &doc.contents_label, false);
        out.push_str("</strong><ol>");
        for section in &doc.sections {
            out.push_str("<li><a href=\"#");
            out.push_str(section.anchor);
            out.push_str("\">");
            push_escaped(&mut out, &section.title, false);
            out.push_str("</a></li>");
        }
        out.push_str("</ol></nav>\n");
    }

    for section in &doc.sections {
        out.push_str("<section id=\"");
        out.push_str(section.anchor);
        out.push_str(if section.compact {
            "\" class=\"part compact\">\n<h2>"
        } else {
            "\" class=\"part\">\n<h2>"
        });
        push_escaped(&mut out, &section.title, false);
        out.push_str("</h2>\n");
        for block in &section.blocks {
            render_block(&mut out, block);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</td></tr></tbody></table>\n</body>\n</html>\n");
    out
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading(text) => {
            out.push_str("<h3>");
            render_text(out, text);
            out.push_str("</h3>\n");
        }
        Block::Paragraph(text) => {
            out.push_str("<p>");
            render_text(out, text);
            out.push_str("</p>\n");
        }
        Block::Facts(facts) => {
            out.push_str("<dl class=\"facts\">\n");
            for (label, value) in facts {
                out.push_str("<div><dt>");
                push_escaped(out, label, false);
                out.push_str("</dt><dd>");
                render_text(out, value);
                out.push_str("</dd></div>\n");
            }
            out.push_str("</dl>\n");
        }
        Block::List { ordered, items } => {
            out.push_str(if *ordered { "<ol>\n" } else { "<ul>\n" });
            for item in items {
                out.push_str("<li>");
                render_text(out, item);
                out.push_str("</li>\n");
            }
            out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
        }
        Block::Table(table) => render_table(out, table),
        Block::HeatMap(map) => render_heat_map(out, map),
        Block::Group(blocks) => {
            out.push_str("<div class=\"keep\">\n");
            for block in blocks {
                render_block(out, block);
            }
            out.push_str("</div>\n");
        }
    }
}

fn render_table(out: &mut String, table: &Table) {
    out.push_str(if table.widths.is_empty() {
        "<table class=\"data\">\n"
    } else {
        "<table class=\"data sized\">\n"
    });
    if !table.widths.is_empty() {
        out.push_str("<colgroup>");
        for width in &table.widths {
            out.push_str(&format!("<col style=\"width: {width}%\">"));
        }
        out.push_str("</colgroup>\n");
    }
    out.push_str("<thead><tr>");
    for column in &table.columns {
        out.push_str("<th>");
        push_escaped(out, column, false);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            out.push_str("<td data-label=\"");
            if let Some(column) = table.columns.get(i) {
                push_escaped(out, column, false);
            }
            out.push_str("\">");
            render_text(out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn level_class(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "lvl-low",
        RiskLevel::Medium => "lvl-medium",
        RiskLevel::High => "lvl-high",
        RiskLevel::Critical => "lvl-critical",
    }
}

fn render_heat_map(out: &mut String, map: &HeatMap) {
    out.push_str("<table class=\"heat\">\n<thead><tr><th>");
    push_escaped(out, &map.corner, false);
    out.push_str("</th>");
    for label in &map.column_labels {
        out.push_str("<th>");
        push_escaped(out, label, false);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &map.rows {
        out.push_str("<tr><th>");
        push_escaped(out, &row.label, false);
        out.push_str("</th>");
        for cell in &row.cells {
            out.push_str("<td class=\"");
            out.push_str(level_class(cell.level));
            if cell.count == 0 {
                out.push_str(" empty");
            }
            out.push_str("\"><span class=\"n\">");
            out.push_str(&cell.count.to_string());
            out.push_str("</span> <span class=\"w\">");
            push_escaped(out, &cell.level_word, false);
            out.push_str("</span></td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n<p class=\"legend\">");
    push_escaped(out, &map.legend, false);
    out.push_str("</p>\n");
}

fn render_text(out: &mut String, text: &Text) {
    for span in &text.0 {
        match span {
            Span::Plain(s) => push_escaped(out, s, true),
            Span::Strong(s) => {
                out.push_str("<strong>");
                push_escaped(out, s, true);
                out.push_str("</strong>");
            }
            Span::Phone(number) => {
                let dial = dial_string(number);
                if dial.chars().any(|c| c.is_ascii_digit()) {
                    out.push_str("<a class=\"tel\" href=\"tel:");
                    out.push_str(&dial);
                    out.push_str("\">");
                    push_escaped(out, number, false);
                    out.push_str("</a>");
                } else {
                    push_escaped(out, number, false);
                }
            }
            Span::Code(s) => {
                for (i, part) in s.split('_').enumerate() {
                    if i > 0 {
                        out.push_str("_<wbr>");
                    }
                    push_escaped(out, part, false);
                }
            }
            Span::Whole(s) => {
                out.push_str("<span class=\"whole\">");
                push_escaped(out, s, false);
                out.push_str("</span>");
            }
            Span::Flag(s) => {
                out.push_str("<em class=\"flag\">⚠ ");
                push_escaped(out, s, true);
                out.push_str("</em>");
            }
            Span::Break => out.push_str("<br>"),
        }
    }
}

/// The digits of a phone number (and a leading `+`), for a `tel:` link. Nothing
/// else from the workbook ever reaches an attribute unescaped.
fn dial_string(number: &str) -> String {
    let trimmed = number.trim_start();
    let mut dial = String::new();
    if trimmed.starts_with('+') {
        dial.push('+');
    }
    dial.extend(trimmed.chars().filter(char::is_ascii_digit));
    dial
}

/// Escapes text for HTML (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text, false);
    out
}

/// Appends `text` escaped: `& < > " '` as entities, control characters and
/// bidirectional overrides as visible stand-ins, and line breaks as `<br>` when
/// `breaks` (else as spaces).
pub fn push_escaped(out: &mut String, text: &str, breaks: bool) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\n' => {
                if breaks {
                    "<br>"
                } else {
                    " "
                }
            }
            c if c.is_ascii() && !c.is_ascii_control() => continue,
            c if !c.is_ascii() && crate::sanitize::is_safe(c.encode_utf8(&mut [0; 4])) => continue,
            c => {
                out.push_str(&text[start..i]);
                out.push_str(&crate::sanitize::sanitize_line(c.encode_utf8(&mut [0; 4])));
                start = i + c.len_utf8();
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// The style sheet: screen first, then print (A4, black and white), then phones.
const CSS: &str = r#":root { color: #000; background: #fff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1rem; font: 15px/1.4 "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.3em; margin: 1.2em 0 .4em; padding-bottom: .15em; border-bottom: 2px solid #000; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: .3em 0 .6em; }
a { color: inherit; }
a.tel { font-weight: bold; white-space: nowrap; }
.notice { border: 2px solid #000; padding: .4em .6em; font-weight: bold; }
.notice.redacted { border-style: dashed; font-weight: normal; }
dl { margin: .3em 0 .8em; }
dl > div { display: grid; grid-template-columns: 12em 1fr; gap: .6em; padding: .15em 0; border-bottom: 1px dotted #999; }
dt { font-weight: bold; }
dd { margin: 0; }
dl.stamp > div { grid-template-columns: 12em 1fr; border: 0; padding: 0; }
nav ol { margin: .2em 0 1em; padding-left: 1.6em; columns: 2; }
ol, ul { padding-left: 1.6em; margin: .3em 0 .8em; }
li { margin: .2em 0; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .9em; }
th, td { border: 1px solid #444; padding: .2em .35em; text-align: left; vertical-align: top; overflow-wrap: normal; word-break: normal; hyphens: auto; -webkit-hyphens: auto; }
thead th { background: #e8e8e8; }
thead { display: table-header-group; }
tr, .keep, dl > div { break-inside: avoid; page-break-inside: avoid; }
.keep { margin-bottom: .6em; }
em.flag { font-style: italic; font-weight: bold; }
.whole { white-space: nowrap; }
table.sized { table-layout: auto; }
table.heat { width: auto; }
table.heat th, table.heat td { text-align: center; padding: .3em .5em; min-width: 5.5em; }
table.heat tbody th { text-align: right; background: #e8e8e8; }
table.heat td .n { font-size: 1.2em; font-weight: bold; display: block; }
table.heat td .w { font-size: .75em; }
table.heat td.empty .n { font-weight: normal; }
.lvl-low { background: #fff; }
.lvl-medium { background: #e4e4e4; }
.lvl-high { background: #bdbdbd; border: 2px solid #000; }
.lvl-critical { background: #9e9e9e; border: 3px double #000; }
.legend { font-size: .85em; }
.stamp-footer { display: none; }
table.layout, table.layout > tbody, table.layout > tbody > tr, table.layout > tbody > tr > td { display: block; border: 0; padding: 0; margin: 0; width: auto; }
table.layout > tfoot { display: none; }
table.layout > tfoot > tr > td, table.layout > tbody > tr > td { border: 0; padding: 0; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }

@page { size: A4; margin: 9mm 10mm 6mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 8.6pt; line-height: 1.3; }
  a { text-decoration: none; }
  nav { display: none; }
  section.part { break-before: page; page-break-before: always; }
  section.part:first-of-type { break-before: auto; page-break-before: auto; }
  table.layout { display: table; width: 100%; }
  table.layout > tbody { display: table-row-group; }
  table.layout > tbody > tr { display: table-row; }
  table.layout > tbody > tr > td { display: table-cell; }
  table.layout > tfoot { display: table-footer-group; }
  .footer-space { height: 10mm; }
  .stamp-footer { display: block; position: fixed; left: 0; right: 0; bottom: 0; height: 8.5mm; padding-top: 1mm; border-top: 1px solid #000; font-size: 8pt; line-height: 1.15; overflow: hidden; }
  header .notice { padding: .2em .5em; margin: .2em 0; }
  dl.stamp { display: none; }
  .compact dl.facts dt::after { content: ":"; }
  .compact dl.facts dd { margin-left: .3em; }
  .compact dl.facts { display: flex; flex-wrap: wrap; gap: 0 1.2em; }
  .compact dl.facts > div { display: block; border: 0; padding: 0; }
  .compact dl.facts dt, .compact dl.facts dd { display: inline; }
  .compact { font-size: 8pt; line-height: 1.12; }
  body.card-only #card > h2 { display: none; }
  .compact > :last-child, .compact dl.facts { margin-bottom: 0; }
  header h1 { font-size: 1.3em; margin-bottom: .2em; }
  header .notice { font-size: 8pt; }
  .compact h2 { font-size: 1.1em; margin: .2em 0 .1em; }
  .compact h2 { margin-top: .3em; }
  .compact h3 { margin: .45em 0 .1em; }
  .compact p { margin: .1em 0 .3em; }
  .compact table { margin-bottom: .4em; }
  .compact th, .compact td { padding: .05em .25em; }
  .compact ol { columns: 2; column-gap: 1.2em; margin-bottom: .3em; }
  .compact li { margin: 0 0 .25em; }
}

@media screen and (max-width: 40rem) {
  body { padding: .6rem; font-size: 16px; overflow-wrap: anywhere; }
  table, pre { max-width: 100%; }
  dl > div, dl.stamp > div { grid-template-columns: 1fr; gap: 0; }
  nav ol { columns: 1; }
  table.data, table.data > tbody, table.data tr, table.data td { display: block; width: auto; }
  table.data > thead { display: none; }
  table.data tr { border: 1px solid #444; margin: 0 0 .6em; }
  table.data td { border: 0; border-bottom: 1px dotted #999; }
  table.data td:last-child { border-bottom: 0; }
  table.data td::before { content: attr(data-label); display: block; font-size: .8em; font-weight: bold; }
  table.heat th, table.heat td { min-width: 0; padding: .2em; }
  table.heat { width: 100%; font-size: .8em; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_quotes_and_control_characters() {
        let hostile =
            "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;\x1b[31m\u{202e}";
        let safe = escape(hostile);
        for bad in ["<", ">", "\"", "'", "\x1b", "\u{202e}"] {
            assert!(!safe.contains(bad), "{bad:?} survived in {safe}");
        }
        assert!(safe.contains("&lt;script&gt;"));
        assert!(safe.contains("&amp;amp;"));
        assert!(safe.contains("&quot;&gt;&lt;img"));
    }

    #[test]
    fn line_breaks_become_br_only_where_asked() {
        let mut out = String::new();
        push_escaped(&mut out, "a\nb", true);
        assert_eq!(out, "a<br>b");
        assert_eq!(escape("a\nb"), "a b");
    }

    #[test]
    fn phone_links_carry_only_digits() {
        assert_eq!(dial_string("+31 (0)20 5555-0101"), "+3102055550101");
        assert_eq!(dial_string("\"><script>1"), "1");
    }
}
