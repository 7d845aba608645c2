//! The offline pack as a format-neutral document: sections of headings, facts,
//! lists, tables and a heat map, holding text in spans.
//!
//! [`super::pack`] decides *what* goes in the pack (order, redaction, words);
//! [`super::html`] and [`super::markdown`] only decide *how* it looks. That is how
//! both formats carry the same content, and why escaping lives in exactly two
//! places: every workbook string reaches a renderer as a [`Span`], never as markup.

use crate::model::RiskLevel;

/// The whole pack, ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// `en` or `nl`, for the HTML `lang` attribute.
    pub lang: &'static str,
    pub title: String,
    /// Said at the top: private details are in, or they were left out.
    pub notice: Notice,
    pub notice_text: String,
    /// The stamp as label/value pairs (top of the first page).
    pub stamp: Vec<(String, String)>,
    /// The stamp as one line (on every printed page).
    pub stamp_line: String,
    /// "Contents", for the list of sections.
    pub contents_label: String,
    /// Only the emergency card (one or two pages), not the whole pack.
    pub card_only: bool,
    pub sections: Vec<Section>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The pack holds private details: keep it within the crisis team.
    Private,
    /// Private details were left out (`--redact`).
    Redacted,
    /// The workbook has none to put in (a clone without `private/`).
    NoPrivate,
}

/// One part of the pack; printed starting on a new page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// A stable anchor (`card`, `recovery`, …).
    pub anchor: &'static str,
    pub title: String,
    /// The emergency card: laid out compactly to fit one A4 page.
    pub compact: bool,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A sub-heading within a section.
    Heading(Text),
    Paragraph(Text),
    /// Label/value pairs.
    Facts(Vec<(String, Text)>),
    List {
        ordered: bool,
        items: Vec<Text>,
    },
    Table(Table),
    HeatMap(HeatMap),
    /// Blocks kept together on paper (one process of the recovery order).
    Group(Vec<Block>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    /// Column widths in percent of the page, where the layout needs them; empty: automatic.
    pub widths: Vec<u8>,
    pub rows: Vec<Vec<Text>>,
}

/// Risks per likelihood (rows, highest first) and impact (columns, lowest first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatMap {
    /// "Likelihood ↓ / impact →".
    pub corner: String,
    pub column_labels: Vec<String>,
    pub rows: Vec<HeatRow>,
    /// What the level words mean, e.g. "critical: 16 and above".
    pub legend: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatRow {
    pub label: String,
    pub cells: Vec<HeatCell>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatCell {
    pub count: usize,
    pub level: RiskLevel,
    /// The level in words, so the map reads without colour.
    pub level_word: String,
}

/// Text made of spans; renderers escape every span.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub Vec<Span>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    /// Text as written in the workbook (may hold line breaks).
    Plain(String),
    Strong(String),
    /// A phone number (a `tel:` link in HTML).
    Phone(String),
    /// Something missing or wrong, marked with a symbol so it reads in black and white.
    Flag(String),
    /// Text kept on one line in print (an id, a date, a duration): a column may
    /// wrap between words, but never inside `P-005` or `2026-11-30`.
    Whole(String),
    /// A finding's code (`CRITICAL_WITHOUT_WORKAROUND`): one word to read, which
    /// a narrow column may break only after an underscore.
    Code(String),
    Break,
}

impl Text {
    pub fn new() -> Text {
        Text(Vec::new())
    }

    pub fn plain(text: impl Into<String>) -> Text {
        Text(vec![Span::Plain(text.into())])
    }

    pub fn strong(text: impl Into<String>) -> Text {
        Text(vec![Span::Strong(text.into())])
    }

    pub fn flag(text: impl Into<String>) -> Text {
        Text(vec![Span::Flag(text.into())])
    }

    pub fn push(&mut self, span: Span) -> &mut Text {
        self.0.push(span);
        self
    }

    pub fn add(&mut self, text: impl Into<String>) -> &mut Text {
        let text = text.into();
        if !text.is_empty() {
            self.0.push(Span::Plain(text));
        }
        self
    }

    /// Adds text that is never broken across lines ([`Span::Whole`]).
    pub fn add_whole(&mut self, text: impl Into<String>) -> &mut Text {
        self.0.push(Span::Whole(text.into()));
        self
    }

    pub fn add_strong(&mut self, text: impl Into<String>) -> &mut Text {
        self.0.push(Span::Strong(text.into()));
        self
    }

    /// A line break, unless the text is still empty.
    pub fn line(&mut self) -> &mut Text {
        if !self.0.is_empty() {
            self.0.push(Span::Break);
        }
        self
    }

    /// Appends another text on a new line.
    pub fn append_line(&mut self, other: Text) -> &mut Text {
        if !other.0.is_empty() {
            self.line();
            self.0.extend(other.0);
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|span| match span {
            Span::Plain(s)
            | Span::Strong(s)
            | Span::Phone(s)
            | Span::Flag(s)
            | Span::Whole(s)
            | Span::Code(s) => s.is_empty(),
            Span::Break => true,
        })
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::plain(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::plain(text)
    }
}
