//! The lists on screen: rows built once from the workbook (after each change), then
//! filtered and sorted as the user types. Drawing reads only the visible slice, so
//! its cost follows the screen, not the workbook.

use std::cmp::Ordering;
use std::collections::HashMap;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};

use crate::model::labels::{Label, duration_words};
use crate::model::*;
use crate::review::overview::Overview;
use crate::review::{Area, Finding, Severity};
use crate::text::sanitize_line;
use crate::tui::text::{T, fill};
use crate::tui::theme::{level_symbol, severity_symbol, status_symbol};

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
    fn new(record: Option<RecordRef>, cells: Vec<String>) -> Row {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| {
                if crate::text::is_plain_line(&c) {
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

    fn heading(text: String, columns: usize) -> Row {
        let mut cells = vec![String::new(); columns.max(1)];
        cells[0] = sanitize_line(&text);
        let mut row = Row::new(None, vec![]);
        row.cells = cells;
        row.header = true;
        row
    }

    fn tone(mut self, tone: Tone, column: usize) -> Row {
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
    /// The rows no longer match the workbook; rebuilt before the list is shown.
    pub stale: bool,
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
            stale: true,
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
        self.stale = false;
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

fn col(title: &str, width: Width) -> Column {
    Column {
        title: title.to_owned(),
        width,
    }
}

fn w(lang: Language, en: &str, nl: &str) -> String {
    match lang {
        Language::En => en.to_owned(),
        Language::Nl => nl.to_owned(),
    }
}

pub fn answer_symbol(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "✓",
        Answer::Partly => "◐",
        Answer::No => "✗",
        Answer::NotApplicable => "–",
        Answer::Unanswered => "?",
    }
}

/// Contact names by id, for owner columns.
pub struct Names<'a> {
    contacts: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    pub fn new(workbook: &'a Workbook) -> Names<'a> {
        Names {
            contacts: workbook
                .contacts
                .contacts
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
        }
    }

    pub fn contact(&self, id: Option<&Id>) -> String {
        match id {
            Some(id) => self
                .contacts
                .get(id.as_str())
                .map_or_else(|| format!("{id}?"), |name| (*name).to_owned()),
            None => String::new(),
        }
    }
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn short(d: Option<Duration>) -> String {
    d.map(Duration::short).unwrap_or_else(|| "—".to_owned())
}

/// Builds the columns and rows of `list`.
pub fn build(
    list: ListId,
    workbook: &Workbook,
    findings: &[Finding],
    overview: &Overview,
    lang: Language,
) -> (Vec<Column>, Vec<Row>) {
    let names = Names::new(workbook);
    let t = |en: &str, nl: &str| w(lang, en, nl);
    match list {
        ListId::Findings => findings_rows(workbook, findings, overview, lang),
        ListId::Checklist => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(&t("Answer", "Antwoord"), Width::Fixed(14)),
                col(&t("Question", "Vraag"), Width::Fill),
            ];
            let rows = by_principle(
                &workbook.checklist.items,
                |i| (i.principle, i.answer),
                3,
                lang,
                |item| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::ChecklistItem, item.id.clone())),
                        vec![
                            item.id.to_string(),
                            answer_cell(item.answer, lang),
                            item.question.clone(),
                        ],
                    )
                    .tone(Tone::Answer(item.answer), 1)
                },
            );
            (columns, rows)
        }
        ListId::SelfCheck => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(&t("Answer", "Antwoord"), Width::Fixed(14)),
                col(&t("Statement", "Stelling"), Width::Fill),
                col(&t("Action", "Actie"), Width::Fixed(16)),
                col(&t("Weight", "Gewicht"), Width::Fixed(7)),
            ];
            let rows = by_principle(
                &workbook.selfcheck.statements,
                |s| (s.principle, s.answer),
                5,
                lang,
                |s| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Statement, s.id.clone())),
                        vec![
                            s.id.to_string(),
                            answer_cell(s.answer, lang),
                            s.statement.clone(),
                            action_state(workbook, s, lang),
                            "●".repeat(usize::from(s.weight.min(3))),
                        ],
                    )
                    .tone(Tone::Answer(s.answer), 1)
                },
            );
            (columns, rows)
        }
        ListId::Plan => {
            let columns = vec![
                col("Id", Width::Fixed(9)),
                col("Status", Width::Fixed(16)),
                col(&t("Step", "Stap"), Width::Fill),
                col(&t("Owner", "Eigenaar"), Width::Fixed(18)),
                col(&t("Due", "Deadline"), Width::Fixed(10)),
            ];
            let mut rows = Vec::new();
            for phase in &workbook.plan.phases {
                let done = phase.steps.iter().filter(|s| s.status.is_closed()).count();
                rows.push(Row::heading(
                    format!(
                        "{}. {} — {}",
                        phase.number,
                        phase.title,
                        fill(
                            T::StepsDone.get(lang),
                            &[&done.to_string(), &phase.steps.len().to_string()]
                        )
                    ),
                    5,
                ));
                for step in &phase.steps {
                    let mut row = Row::new(
                        Some(RecordRef::new(RecordKind::Step, step.id.clone())),
                        vec![
                            step.id.to_string(),
                            format!("{} {}", status_symbol(step.status), step.status.label(lang)),
                            step.title.clone(),
                            names.contact(step.owner.as_ref()),
                            date(step.due),
                        ],
                    )
                    .tone(Tone::Status(step.status), 1);
                    row.phase = Some(phase.number);
                    rows.push(row);
                }
            }
            rows.push(Row::heading(T::FirstHour.get(lang).to_owned(), 5));
            for step in &workbook.plan.first_hour {
                rows.push(Row::new(
                    Some(RecordRef::new(RecordKind::FirstHourStep, step.id.clone())),
                    vec![
                        step.id.to_string(),
                        step.role
                            .map(|r| r.label(lang).to_owned())
                            .unwrap_or_default(),
                        step.title.clone(),
                        String::new(),
                        String::new(),
                    ],
                ));
            }
            (columns, rows)
        }
        ListId::Risks => {
            let scales = &workbook.manifest.risk_scales;
            let columns = vec![
                col("Id", Width::Fixed(7)),
                col(&t("Risk", "Risico"), Width::Fill),
                col(&t("L", "K"), Width::Fixed(2)),
                col("I", Width::Fixed(2)),
                col("Score", Width::Fixed(5)),
                col(&t("Level", "Niveau"), Width::Fixed(11)),
                col(&t("Treatment", "Behandeling"), Width::Fixed(12)),
                col(&t("Owner", "Eigenaar"), Width::Fixed(16)),
            ];
            let mut risks: Vec<&Risk> = workbook.risks.risks.iter().collect();
            risks.sort_by(|a, b| {
                b.score()
                    .cmp(&a.score())
                    .then_with(|| natural(a.id.as_str(), b.id.as_str()))
            });
            let rows = risks
                .into_iter()
                .map(|r| {
                    let level = r.level(scales);
                    Row::new(
                        Some(RecordRef::new(RecordKind::Risk, r.id.clone())),
                        vec![
                            r.id.to_string(),
                            r.title.clone(),
                            r.current.likelihood.to_string(),
                            r.current.impact.to_string(),
                            r.score().to_string(),
                            format!("{} {}", level_symbol(level), level.label(lang)),
                            r.treatment
                                .map(|t| t.label(lang).to_owned())
                                .unwrap_or_else(|| "—".to_owned()),
                            names.contact(r.owner.as_ref()),
                        ],
                    )
                    .tone(Tone::Level(level), 5)
                })
                .collect();
            (columns, rows)
        }
        ListId::Processes => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(&t("Process", "Proces"), Width::Fill),
                col(&t("Criticality", "Kritiek"), Width::Fixed(10)),
                col("MTD", Width::Fixed(5)),
                col("RTO", Width::Fixed(5)),
                col("RPO", Width::Fixed(5)),
                col(&t("Order", "Volgorde"), Width::Fixed(8)),
            ];
            let rows = workbook
                .processes
                .processes
                .iter()
                .map(|p| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Process, p.id.clone())),
                        vec![
                            p.id.to_string(),
                            p.name.clone(),
                            p.criticality.label(lang).to_owned(),
                            short(p.mtd),
                            short(p.rto),
                            short(p.rpo),
                            p.recovery_order.map(|n| n.to_string()).unwrap_or_default(),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Systems => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(&t("System", "Systeem"), Width::Fill),
                col(&t("Kind", "Soort"), Width::Fixed(16)),
                col(&t("Supplier", "Leverancier"), Width::Fixed(18)),
            ];
            let rows = workbook
                .processes
                .systems
                .iter()
                .map(|s| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::System, s.id.clone())),
                        vec![
                            s.id.to_string(),
                            s.name.clone(),
                            s.kind.label(lang).to_owned(),
                            s.supplier
                                .as_ref()
                                .map(|id| {
                                    workbook
                                        .supplier(id.as_str())
                                        .map_or_else(|| format!("{id}?"), |x| x.name.clone())
                                })
                                .unwrap_or_default(),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Suppliers => {
            let columns = vec![
                col("Id", Width::Fixed(7)),
                col(&t("Supplier", "Leverancier"), Width::Fill),
                col(&t("Service", "Dienst"), Width::Fixed(22)),
                col(&t("Incident contact", "Incidentcontact"), Width::Fixed(18)),
            ];
            let rows = workbook
                .processes
                .suppliers
                .iter()
                .map(|s| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Supplier, s.id.clone())),
                        vec![
                            s.id.to_string(),
                            s.name.clone(),
                            s.service.clone(),
                            names.contact(s.incident_contact.as_ref()),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Contacts => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(&t("Name", "Naam"), Width::Fill),
                col(&t("Role", "Rol"), Width::Fixed(18)),
                col(&t("Phone", "Telefoon"), Width::Fixed(15)),
                col(&t("Verified", "Gecontroleerd"), Width::Fixed(13)),
            ];
            let rows = workbook
                .contacts
                .contacts
                .iter()
                .map(|c| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Contact, c.id.clone())),
                        vec![
                            c.id.to_string(),
                            c.name.clone(),
                            if c.role.is_empty() {
                                c.organisation.clone()
                            } else {
                                c.role.clone()
                            },
                            c.first_phone()
                                .map(|p| p.number.clone())
                                .unwrap_or_default(),
                            c.verified.map_or_else(
                                || T::NeverVerified.get(lang).to_owned(),
                                |d| d.to_string(),
                            ),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Backups => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(&t("Backup", "Back-up"), Width::Fill),
                col(&t("Every", "Elke"), Width::Fixed(6)),
                col(&t("Copies", "Kopieën"), Width::Fixed(8)),
                col(&t("Last run", "Laatste run"), Width::Fixed(11)),
                col(
                    &t("Last restore test", "Laatste hersteltest"),
                    Width::Fixed(22),
                ),
            ];
            let rows = workbook
                .backups
                .backups
                .iter()
                .map(|b| {
                    let last = b.last_restore_test();
                    Row::new(
                        Some(RecordRef::new(RecordKind::Backup, b.id.clone())),
                        vec![
                            b.id.to_string(),
                            b.what.clone(),
                            b.frequency.short(),
                            b.copies.len().to_string(),
                            date(b.last_success),
                            last.map(|t| format!("{} {}", t.date, t.result.label(lang)))
                                .unwrap_or_else(|| "—".to_owned()),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Incidents => {
            let columns = vec![
                col("Id", Width::Fixed(32)),
                col(&t("Kind", "Soort"), Width::Fixed(10)),
                col("Status", Width::Fixed(9)),
                col(&t("Title", "Titel"), Width::Fill),
            ];
            let rows = workbook
                .incidents
                .iter()
                .rev()
                .map(|i| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Incident, i.id.clone())),
                        vec![
                            i.id.to_string(),
                            i.kind.label(lang).to_owned(),
                            i.status.label(lang).to_owned(),
                            i.title.clone(),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
    }
}

/// The Overview's list: the next things to do, what falls due soon, then every
/// finding grouped by area. Enter on any of them goes to its record.
fn findings_rows(
    workbook: &Workbook,
    findings: &[Finding],
    overview: &Overview,
    lang: Language,
) -> (Vec<Column>, Vec<Row>) {
    let t = |en: &str, nl: &str| w(lang, en, nl);
    let columns = vec![
        col(&t("Severity", "Ernst"), Width::Fixed(14)),
        col(&t("About", "Over"), Width::Fixed(11)),
        col(&t("What to do", "Wat te doen"), Width::Fill),
        col(&t("Code", "Code"), Width::Fixed(26)),
    ];
    let id_of = |r: &Option<RecordRef>| r.as_ref().map(|r| r.id.to_string()).unwrap_or_default();
    let mut rows = Vec::new();
    if !overview.next.is_empty() {
        rows.push(Row::heading(T::NextActions.get(lang).to_owned(), 4));
        for action in &overview.next {
            let text = match action.due {
                Some(due) => format!("{} ({due})", action.text),
                None => action.text.clone(),
            };
            rows.push(
                Row::new(
                    action.record.clone(),
                    vec![
                        format!(
                            "{} {}",
                            severity_symbol(action.severity),
                            action.severity.label(lang)
                        ),
                        id_of(&action.record),
                        text,
                        String::new(),
                    ],
                )
                .tone(Tone::Severity(action.severity), 0),
            );
        }
    }
    if !overview.due_soon.is_empty() {
        let days = workbook.manifest.rules.due_soon_days.to_string();
        rows.push(Row::heading(fill(T::DueSoon.get(lang), &[&days]), 4));
        for item in &overview.due_soon {
            rows.push(Row::new(
                item.record.clone(),
                vec![
                    item.date.to_string(),
                    id_of(&item.record),
                    item.text.clone(),
                    String::new(),
                ],
            ));
        }
    }
    for area in Area::ALL {
        let in_area: Vec<&Finding> = findings.iter().filter(|f| f.area == area).collect();
        if in_area.is_empty() {
            continue;
        }
        rows.push(Row::heading(
            format!("{} ({})", area.label(lang), in_area.len()),
            4,
        ));
        let mut sorted = in_area;
        sorted.sort_by_key(|f| f.severity);
        for f in sorted {
            rows.push(
                Row::new(
                    f.record.clone(),
                    vec![
                        format!("{} {}", severity_symbol(f.severity), f.severity.label(lang)),
                        id_of(&f.record),
                        f.message.clone(),
                        f.code.as_str().to_owned(),
                    ],
                )
                .tone(Tone::Severity(f.severity), 0),
            );
        }
    }
    (columns, rows)
}

/// Rows grouped under the five principles, each group headed by its progress.
fn by_principle<R>(
    items: &[R],
    key: impl Fn(&R) -> (Principle, Answer),
    columns: usize,
    lang: Language,
    row: impl Fn(&R) -> Row,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for principle in Principle::ALL {
        let group: Vec<&R> = items.iter().filter(|i| key(i).0 == principle).collect();
        if group.is_empty() {
            continue;
        }
        let answered = group.iter().filter(|i| key(i).1.is_answered()).count();
        let progress = fill(
            T::Answered.get(lang),
            &[&answered.to_string(), &group.len().to_string()],
        );
        rows.push(Row::heading(
            format!("{} — {progress}", principle.label(lang)),
            columns,
        ));
        rows.extend(group.into_iter().map(&row));
    }
    rows
}

/// "✓ yes", "◐ partly", …
fn answer_cell(answer: Answer, lang: Language) -> String {
    format!("{} {}", answer_symbol(answer), answer.label(lang))
}

/// "open" or "planned STEP-5.8" for an unmet statement; nothing otherwise.
fn action_state(workbook: &Workbook, statement: &Statement, lang: Language) -> String {
    if !crate::review::selfcheck::is_unmet(statement.answer) {
        return String::new();
    }
    match &statement.plan_step {
        Some(step) if workbook.step(step.as_str()).is_some() => {
            format!("{} {step}", T::Planned.get(lang))
        }
        _ => T::Open.get(lang).to_owned(),
    }
}

/// Words for a duration, or a dash.
pub fn duration_text(d: Option<Duration>, lang: Language) -> String {
    d.map(|d| duration_words(d, lang))
        .unwrap_or_else(|| "—".to_owned())
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
        let overview =
            crate::review::overview::overview(&workbook, &[], Date::parse("2026-12-01").unwrap());
        let (columns, rows) = build(ListId::Risks, &workbook, &[], &overview, Language::En);
        list.set_rows(columns.clone(), rows, &mut matcher, &workbook);
        list.to_bottom();
        list.set_rows(columns, Vec::new(), &mut matcher, &workbook);
        assert!(list.selected_record().is_none());
    }

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        assert_eq!(natural("R-9", "R-10"), Ordering::Less);
        assert_eq!(natural("R-010", "R-9"), Ordering::Greater);
        assert_eq!(natural("abc", "ABD"), Ordering::Less);
        assert_eq!(natural("12", "12"), Ordering::Equal);
    }
}
