//! The tabs' state: which tab, the list of each (rows, filter, sort, selection),
//! the heat map's cursor and the detail pane's text, kept for as long as the
//! record and the workbook stay as they were.

use std::collections::BTreeMap;

use ratatui::text::Line;

use crate::model::*;
use crate::tui::component::Context;
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::lists::{ListId, ListView, findings, rows};
use crate::tui::tabs::Tab;
use crate::tui::widgets::detail;
use crate::tui::widgets::heat_map::HeatMapFocus;

pub struct RecordsScreen {
    pub tab: Tab,
    /// The list shown on the Processes tab.
    pub section: ListId,
    pub lists: BTreeMap<ListId, ListView>,
    /// Typing into the current list's filter.
    pub filtering: bool,
    /// The heat map has the keyboard.
    pub heat_map: Option<HeatMapFocus>,
    /// The heat map shows residual ratings.
    pub residual: bool,
    /// The Contacts tab shows the crisis roles and the call order over the whole
    /// screen (read-only; on a small screen the side pane has no room for them).
    pub roles_shown: bool,
    /// A record to select once its list is rebuilt (after an edit added it).
    pub select: Option<RecordRef>,
    /// The detail pane's lines for a record, as of a version of the session.
    pub(super) detail: Option<(RecordRef, u64, Vec<Line<'static>>)>,
}

impl std::fmt::Debug for RecordsScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordsScreen")
            .field("tab", &self.tab)
            .finish_non_exhaustive()
    }
}

impl Default for RecordsScreen {
    fn default() -> Self {
        RecordsScreen::new()
    }
}

impl RecordsScreen {
    pub fn new() -> RecordsScreen {
        RecordsScreen {
            tab: Tab::Overview,
            section: ListId::Processes,
            lists: ListId::ALL
                .iter()
                .map(|id| (*id, ListView::new(*id)))
                .collect(),
            filtering: false,
            heat_map: None,
            residual: false,
            roles_shown: false,
            select: None,
            detail: None,
        }
    }

    /// The list on the current tab.
    pub fn current_list_id(&self) -> ListId {
        match self.tab {
            Tab::Overview => ListId::Findings,
            Tab::Checklist => ListId::Checklist,
            Tab::SelfCheck => ListId::SelfCheck,
            Tab::Plan => ListId::Plan,
            Tab::Risks => ListId::Risks,
            Tab::Processes => self.section,
            Tab::Contacts => ListId::Contacts,
            Tab::Backups => ListId::Backups,
            Tab::Incidents => ListId::Incidents,
        }
    }

    pub fn list(&self, id: ListId) -> &ListView {
        &self.lists[&id]
    }

    pub fn list_mut(&mut self, id: ListId) -> &mut ListView {
        self.lists.entry(id).or_insert_with(|| ListView::new(id))
    }

    pub fn current_list(&self) -> &ListView {
        self.list(self.current_list_id())
    }

    /// The keys' contexts on this tab, most specific first.
    pub fn contexts(&self) -> Vec<Keys> {
        if self.filtering {
            return vec![Keys::Filter];
        }
        if self.heat_map.is_some() {
            return vec![Keys::HeatMap, Keys::Global];
        }
        self.tab_contexts(false)
    }

    /// The contexts the help lists for this tab (on the risks the heat map's too).
    pub fn help_contexts(&self) -> Vec<Keys> {
        self.tab_contexts(true)
    }

    fn tab_contexts(&self, with_heat_map: bool) -> Vec<Keys> {
        let tab = match self.tab {
            Tab::Overview => Keys::Overview,
            Tab::Checklist => Keys::Answering,
            Tab::SelfCheck => Keys::SelfCheck,
            Tab::Plan => Keys::Plan,
            Tab::Risks => Keys::Risks,
            Tab::Processes => Keys::Processes,
            Tab::Contacts => Keys::Contacts,
            Tab::Backups => Keys::Backups,
            Tab::Incidents => Keys::Incidents,
        };
        let answering = (self.tab == Tab::SelfCheck).then_some(Keys::Answering);
        let heat_map = (with_heat_map && self.tab == Tab::Risks).then_some(Keys::HeatMap);
        let records = self.current_list_id().kind().map(|_| Keys::Records);
        std::iter::once(tab)
            .chain(answering)
            .chain(heat_map)
            .chain(records)
            .chain([Keys::List, Keys::Global])
            .collect()
    }

    /// Builds the current list's rows when the registers they come from changed
    /// since, selects a record an edit asked for, keeps the selection in the
    /// `height` rows that show, and the detail pane's text current.
    pub fn prepare(&mut self, cx: &Context, height: usize) {
        let id = self.current_list_id();
        self.build(id, cx);
        if id != ListId::Findings && self.tab == Tab::Overview {
            self.build(ListId::Findings, cx);
        }
        if let Some(record) = self.select.take() {
            let list = ListId::of(record.kind);
            self.build(list, cx);
            self.list_mut(list).select_record(&record);
        }
        self.list_mut(id).scroll_for(height);
        let selected = self.current_list().selected_record().cloned();
        let version = cx.session.version();
        self.detail = match selected {
            Some(record) => match self.detail.take() {
                Some((r, v, lines)) if r == record && v == version => Some((r, v, lines)),
                _ => {
                    let lines = detail::lines(cx, &record);
                    Some((record, version, lines))
                }
            },
            None => None,
        };
    }

    /// Builds the rows of `id` if the registers they come from changed since.
    pub fn build(&mut self, id: ListId, cx: &Context) {
        let session = cx.session;
        let mut stamp: u64 = id.reads().iter().map(|r| session.version_of(*r)).sum();
        if id == ListId::Findings {
            stamp += session.findings_version() + session.version();
        }
        let list = self.lists.entry(id).or_insert_with(|| ListView::new(id));
        if list.built_from == Some(stamp) {
            return;
        }
        let workbook = session.workbook();
        let (columns, rows) = if id == ListId::Findings {
            match session.computed_overview() {
                Some(overview) => {
                    let settings_key = cx
                        .keymap
                        .key_for(Keys::Global, Command::Settings)
                        .map(|k| k.label(cx.lang()));
                    findings::build(
                        workbook,
                        session.sorted_findings(),
                        overview,
                        settings_key.as_deref(),
                        cx.lang(),
                    )
                }
                // Not put together yet: built once the coordinator has.
                None => return,
            }
        } else {
            rows::build(id, workbook, cx.lang())
        };
        list.set_rows(columns, rows, workbook);
        list.built_from = Some(stamp);
    }

    /// Re-filters one list (after the filter or the heat-map cell changed).
    pub fn refilter(&mut self, id: ListId, workbook: &Workbook) {
        if let Some(list) = self.lists.get_mut(&id) {
            list.refresh(workbook);
        }
    }

    /// The detail pane's text for the selected record, as prepared.
    pub fn detail_lines(&self) -> Option<&[Line<'static>]> {
        self.detail.as_ref().map(|(_, _, lines)| lines.as_slice())
    }

    /// Goes to `tab`, leaving the filter and the heat map.
    pub fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.filtering = false;
        self.heat_map = None;
        self.roles_shown = false;
    }
}
