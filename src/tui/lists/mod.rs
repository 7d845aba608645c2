//! The lists on screen: which lists there are, one list's state (its rows, which
//! of them show, the selection, the filter, the sort), and the rows themselves.
//!
//! Rows are built from the workbook ([`rows`], [`findings`]) when a list is shown
//! and the registers it reads changed since it was built ([`ListId::reads`] and
//! the session's versions), then filtered and sorted as the user types. Drawing
//! reads only the visible slice, so its cost follows the screen, not the workbook.

pub mod findings;
pub mod rows;

use std::cmp::Ordering;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};

use crate::model::*;
use crate::review::Severity;
use crate::sanitize::sanitize_line;

/// Every list the screens show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListId {
    Findings,
    Checklist,
    SelfCheck,
    Plan,
    Risks,
    Processes,
    Systems,
    Suppliers,
    Contacts,
    Backups,
    Incidents,
}

impl ListId {
    pub const ALL: [ListId; 11] = [
        ListId::Findings,
        ListId::Checklist,
        ListId::SelfCheck,
        ListId::Plan,
        ListId::Risks,
        ListId::Processes,
        ListId::Systems,
        ListId::Suppliers,
        ListId::Contacts,
        ListId::Backups,
        ListId::Incidents,
    ];

    /// The kind of record a new row in this list is.
    pub fn kind(self) -> Option<RecordKind> {
        Some(match self {
            ListId::Findings | ListId::Incidents => return None,
            ListId::Checklist => RecordKind::ChecklistItem,
            ListId::SelfCheck => RecordKind::Statement,
            ListId::Plan => RecordKind::Step,
            ListId::Risks => RecordKind::Risk,
            ListId::Processes => RecordKind::Process,
            ListId::Systems => RecordKind::System,
            ListId::Suppliers => RecordKind::Supplier,
            ListId::Contacts => RecordKind::Contact,
            ListId::Backups => RecordKind::Backup,
        })
    }

    /// The register this list shows (the findings: the manifest's overview).
    pub fn register(self) -> Register {
        match self {
            ListId::Findings => Register::Manifest,
            ListId::Incidents => Register::Incidents,
            list => list.kind().map_or(Register::Manifest, Register::of),
        }
    }

    /// The registers this list's rows are built from (the manifest, which holds
    /// the language and the scales, counts for every list). The findings list also
    /// follows the findings.
    pub fn reads(self) -> &'static [Register] {
        use Register as R;
        match self {
            ListId::Findings => &[R::Manifest],
            ListId::Checklist => &[R::Checklist],
            ListId::SelfCheck => &[R::SelfCheck, R::Plan],
            ListId::Plan => &[R::Plan, R::Contacts],
            ListId::Risks => &[R::Risks, R::Contacts],
            ListId::Processes | ListId::Systems => &[R::Processes],
            ListId::Suppliers => &[R::Processes, R::Contacts],
            ListId::Contacts => &[R::Contacts],
            ListId::Backups => &[R::Backups],
            ListId::Incidents => &[R::Incidents],
        }
    }

    /// The list a record of `kind` is shown in.
    pub fn of(kind: RecordKind) -> ListId {
        match kind {
            RecordKind::ChecklistItem => ListId::Checklist,
            RecordKind::Statement => ListId::SelfCheck,
            RecordKind::Step | RecordKind::FirstHourStep => ListId::Plan,
            RecordKind::Risk => ListId::Risks,
            RecordKind::Process => ListId::Processes,
            RecordKind::System => ListId::Systems,
            RecordKind::Supplier => ListId::Suppliers,
            RecordKind::Contact => ListId::Contacts,
            RecordKind::Backup => ListId::Backups,
            RecordKind::Incident => ListId::Incidents,
        }
    }
}

/// How wide a column may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Fixed(u16),
    Fill,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    pub width: Width,
}

/// What colours one cell of a row (always alongside a word or symbol).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Level(RiskLevel),
    Severity(Severity),
    Status(StepStatus),
    Answer(Answer),
    Muted,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// The record this row shows; `None` for group headings.
    pub record: Option<RecordRef>,
    /// The plan phase of a step.
    pub phase: Option<u32>,
    pub cells: Vec<String>,
    /// A group heading (principle, phase): shown only unfiltered and unsorted.
    pub header: bool,
    pub tone: Tone,
    pub tone_column: usize,
    /// The text the filter matches, made the first time a filter needs it.
    haystack: std::sync::OnceLock<Utf32String>,
}

impl Row {
    pub fn new(record: Option<RecordRef>, cells: Vec<String>) -> Row {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| {
                if crate::sanitize::is_plain_line(&c) {
                    c
                } else {
                    sanitize_line(&c)
                }
            })
            .collect();
        Row {
            record,
            phase: None,
            cells,
            header: false,
            tone: Tone::Plain,
            tone_column: 0,
            haystack: std::sync::OnceLock::new(),
        }
    }

    fn haystack(&self) -> &Utf32String {
        self.haystack
            .get_or_init(|| Utf32String::from(self.cells.join("  ").as_str()))
    }

    pub fn heading(text: String, columns: usize) -> Row {
        let mut cells = vec![String::new(); columns.max(1)];
        cells[0] = sanitize_line(&text);
        let mut row = Row::new(None, vec![]);
        row.cells = cells;
        row.header = true;
        row
    }

    pub fn tone(mut self, tone: Tone, column: usize) -> Row {
        self.tone = tone;
        self.tone_column = column;
        self
    }
}

/// One list: its rows, which of them show, the selection and the scroll position.
#[derive(Clone, Debug)]
pub struct ListView {
    pub id: ListId,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Indexes into `rows`, in display order.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// First visible row drawn.
    pub offset: usize,
    pub filter: String,
    /// Sorted by column (index) and descending?
    pub sort: Option<(usize, bool)>,
    /// An extra filter (the heat-map cell), applied with the text filter.
    pub cell: Option<(u8, u8, bool)>,
    /// The query `visible` was last narrowed by (to filter incrementally).
    narrowed_by: String,
    /// How many records (not headings) show.
    count: usize,
    /// The versions of the registers (and findings) the rows were built from;
    /// `None` before the first build.
    pub built_from: Option<u64>,
}

impl ListView {
    pub fn new(id: ListId) -> ListView {
        ListView {
            id,
            columns: Vec::new(),
            rows: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            filter: String::new(),
            sort: None,
            cell: None,
            narrowed_by: String::new(),
            count: 0,
            built_from: None,
        }
    }

    pub fn selected_row(&self) -> Option<&Row> {
        // `visible` may still index the previous rows while `set_rows` replaces them.
        self.visible
            .get(self.selected)
            .and_then(|&i| self.rows.get(i))
    }

    pub fn selected_record(&self) -> Option<&RecordRef> {
        self.selected_row().and_then(|r| r.record.as_ref())
    }

    /// Replaces the rows, keeping the selection on the same record where it still exists.
    pub fn set_rows(
        &mut self,
        columns: Vec<Column>,
        rows: Vec<Row>,
        matcher: &mut Matcher,
        workbook: &Workbook,
    ) {
        let keep = self.selected_record().cloned();
        self.columns = columns;
        self.rows = rows;
        self.narrowed_by.clear();
        self.refresh(matcher, workbook);
        if let Some(record) = keep {
            self.select_record(&record);
        }
    }

    /// Recomputes which rows show (filter, heat-map cell, sort), keeping the selection.
    pub fn refresh(&mut self, matcher: &mut Matcher, workbook: &Workbook) {
        let keep = self.selected_record().cloned();
        let flat = !self.filter.is_empty() || self.sort.is_some() || self.cell.is_some();
        // Typing one more character only narrows: filter the rows already shown.
        let incremental = !self.narrowed_by.is_empty()
            && self.filter.starts_with(&self.narrowed_by)
            && self.cell.is_none();
        let candidates: Vec<usize> = if incremental {
            std::mem::take(&mut self.visible)
        } else {
            (0..self.rows.len()).collect()
        };
        let pattern = (!self.filter.is_empty())
            .then(|| Pattern::parse(&self.filter, CaseMatching::Ignore, Normalization::Smart));
        let cell = self.cell;
        let mut visible: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| {
                let row = &self.rows[i];
                if row.header {
                    return !flat;
                }
                if let Some((likelihood, impact, residual)) = cell
                    && !in_cell(workbook, row, likelihood, impact, residual)
                {
                    return false;
                }
                match &pattern {
                    Some(p) => p.score(row.haystack().slice(..), matcher).is_some(),
                    None => true,
                }
            })
            .collect();
        if let Some((column, descending)) = self.sort {
            visible.sort_by(|&a, &b| {
                let (x, y) = (&self.rows[a].cells, &self.rows[b].cells);
                let order = natural(
                    x.get(column).map_or("", String::as_str),
                    y.get(column).map_or("", String::as_str),
                );
                if descending { order.reverse() } else { order }
            });
        }
        self.count = visible.iter().filter(|&&i| !self.rows[i].header).count();
        self.visible = visible;
        self.narrowed_by = if self.sort.is_none() {
            self.filter.clone()
        } else {
            String::new()
        };
        self.selected = 0;
        match keep {
            Some(record) if self.select_record(&record) => {}
            _ => self.skip_headers(1),
        }
    }

    /// Prepares every row for fuzzy matching, so typing a filter costs only the
    /// match itself (done when the filter opens, not at start-up).
    pub fn prepare_search(&self) {
        for row in &self.rows {
            let _ = row.haystack();
        }
    }

    /// Selects the row of `record`; false when it is not shown.
    pub fn select_record(&mut self, record: &RecordRef) -> bool {
        match self
            .visible
            .iter()
            .position(|&i| self.rows[i].record.as_ref() == Some(record))
        {
            Some(at) => {
                self.selected = at;
                true
            }
            None => false,
        }
    }

    /// Moves the selection by `delta` rows, stepping over headings.
    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        let target = (self.selected as isize + delta).clamp(0, last as isize) as usize;
        self.selected = target;
        self.skip_headers(if delta < 0 { -1 } else { 1 });
    }

    pub fn to_top(&mut self) {
        self.selected = 0;
        self.skip_headers(1);
    }

    pub fn to_bottom(&mut self) {
        self.selected = self.visible.len().saturating_sub(1);
        self.skip_headers(-1);
    }

    fn skip_headers(&mut self, direction: isize) {
        let is_header = |s: &Self, at: usize| s.visible.get(at).is_some_and(|&i| s.rows[i].header);
        while is_header(self, self.selected) {
            let next = self.selected as isize + direction;
            if next < 0 || next as usize >= self.visible.len() {
                break;
            }
            self.selected = next as usize;
        }
        if is_header(self, self.selected) {
            // Only headings this way: try the other direction.
            while is_header(self, self.selected) && self.selected + 1 < self.visible.len() {
                self.selected += 1;
            }
        }
    }

    /// Keeps the selection inside a window of `height` rows; returns the first row to draw.
    pub fn scroll_for(&mut self, height: usize) -> usize {
        if height == 0 {
            return self.offset;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.visible.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
        self.offset
    }

    pub fn record_count(&self) -> usize {
        self.count
    }
}

fn in_cell(workbook: &Workbook, row: &Row, likelihood: u8, impact: u8, residual: bool) -> bool {
    let Some(record) = &row.record else {
        return false;
    };
    workbook
        .risk(record.id.as_str())
        .and_then(|risk| crate::review::heat_cell(risk, residual))
        == Some((likelihood, impact))
}

/// Compares text with digit runs as numbers ("R-9" before "R-10", "4h" before "24h").
pub fn natural(a: &str, b: &str) -> Ordering {
    let mut a = a.chars().peekable();
    let mut b = b.chars().peekable();
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut digits = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(c);
                        it.next();
                    }
                    digits
                };
                let (x, y) = (take(&mut a), take(&mut b));
                let (xt, yt) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                let order = xt.len().cmp(&yt.len()).then(xt.cmp(yt));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                a.next();
                b.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_the_rows_with_fewer_keeps_a_selection_without_panicking() {
        let dir = tempfile::tempdir().unwrap();
        crate::store::templates::write_example(dir.path()).unwrap();
        let workbook = crate::store::Store::load(dir.path()).unwrap().workbook;
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut list = ListView::new(ListId::Risks);
        let (columns, rows) = rows::build(ListId::Risks, &workbook, Language::En);
        list.set_rows(columns.clone(), rows, &mut matcher, &workbook);
        list.to_bottom();
        list.set_rows(columns, Vec::new(), &mut matcher, &workbook);
        assert!(list.selected_record().is_none());
    }

    #[test]
    fn every_list_column_but_the_id_is_a_fields_short_label() {
        let dir = tempfile::tempdir().unwrap();
        crate::store::templates::write_example(dir.path()).unwrap();
        let workbook = crate::store::Store::load(dir.path()).unwrap().workbook;
        for lang in [Language::En, Language::Nl] {
            for list in ListId::ALL {
                let kind = match list {
                    ListId::Findings => continue,
                    ListId::Incidents => RecordKind::Incident,
                    list => list.kind().unwrap(),
                };
                let (columns, _) = rows::build(list, &workbook, lang);
                for column in columns.iter().skip(1) {
                    assert!(
                        crate::model::fields::of(kind)
                            .iter()
                            .any(|f| f.short(lang) == column.title),
                        "{list:?} {lang:?}: {}",
                        column.title
                    );
                }
            }
        }
    }

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        assert_eq!(natural("R-9", "R-10"), Ordering::Less);
        assert_eq!(natural("R-010", "R-9"), Ordering::Greater);
        assert_eq!(natural("abc", "ABD"), Ordering::Less);
        assert_eq!(natural("12", "12"), Ordering::Equal);
    }
}
