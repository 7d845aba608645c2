//! Drawing a tab: the list with its title, and beside or below it the pane that
//! gives the shape of things on that tab (the overview, the heat map, the crisis
//! roles and call order, the self-check result) and the selected record's details.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::state::RecordsScreen;
use crate::tui::component::Context;
use crate::tui::layout::Areas;
use crate::tui::lists::ListId;
use crate::tui::screen_text::{T, fill};
use crate::tui::tabs::Tab;
use crate::tui::widgets::{heat_map, overview, roles, selfcheck, table};

impl RecordsScreen {
    pub fn draw(&self, frame: &mut Frame, cx: &Context, areas: &Areas) {
        if self.roles_shown && self.tab == Tab::Contacts {
            roles::draw(frame, cx, areas.list.union(areas.side));
            return;
        }
        let id = self.current_list_id();
        table::draw(
            frame,
            cx,
            self.list(id),
            list_title(self, cx, id),
            self.heat_map.is_none(),
            self.filtering,
            areas.list,
        );
        self.side(frame, cx, areas.side);
    }

    fn side(&self, frame: &mut Frame, cx: &Context, area: Rect) {
        match self.tab {
            Tab::Overview => overview::draw(frame, cx, self.list(ListId::Findings), area),
            Tab::Risks => {
                let heat_height = 10u16;
                if self.heat_map.is_some() || area.height >= heat_height + 6 {
                    let parts = Layout::default()
                        .direction(Direction::Vertical)
                        .constraints([
                            Constraint::Length(heat_height.min(area.height)),
                            Constraint::Min(0),
                        ])
                        .split(area);
                    heat_map::draw(
                        frame,
                        cx,
                        self.heat_map,
                        self.residual,
                        self.list(ListId::Risks).cell,
                        parts[0],
                    );
                    self.details(frame, cx, parts[1]);
                } else {
                    self.details(frame, cx, area);
                }
            }
            Tab::Contacts => {
                let contacts = &cx.workbook().contacts;
                let wanted = (contacts.crisis_roles.len() + contacts.call_order.len() + 4) as u16;
                if area.height >= 14 {
                    let parts = Layout::default()
                        .direction(Direction::Vertical)
                        .constraints([
                            Constraint::Length(wanted.min(area.height / 2)),
                            Constraint::Min(0),
                        ])
                        .split(area);
                    roles::draw(frame, cx, parts[0]);
                    self.details(frame, cx, parts[1]);
                } else {
                    self.details(frame, cx, area);
                }
            }
            Tab::SelfCheck if area.height >= 14 => {
                let parts = Layout::default()
                    .direction(Direction::Vertical)
                    .constraints([
                        Constraint::Length(9.min(area.height / 2)),
                        Constraint::Min(0),
                    ])
                    .split(area);
                selfcheck::draw(frame, cx, parts[0]);
                self.details(frame, cx, parts[1]);
            }
            _ => self.details(frame, cx, area),
        }
    }

    fn details(&self, frame: &mut Frame, cx: &Context, area: Rect) {
        if area.height == 0 {
            return;
        }
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            format!(" {} ", T::Details.get(cx.lang())),
            cx.theme.heading(),
        ));
        let lines = match self.detail_lines() {
            Some(lines) => lines.to_vec(),
            None => vec![Line::from(Span::styled(
                T::NothingSelected.get(cx.lang()),
                cx.theme.muted(),
            ))],
        };
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            area,
        );
    }
}

fn list_title(screen: &RecordsScreen, cx: &Context, id: ListId) -> String {
    let lang = cx.lang();
    let base = match id {
        ListId::Findings => T::NeedsAttention.get(lang),
        ListId::Systems => T::Systems.get(lang),
        ListId::Suppliers => T::Suppliers.get(lang),
        _ => screen.tab.title(lang),
    };
    let list = screen.list(id);
    let mut title = format!(" {base} ({}) ", list.record_count());
    // Overall progress of the lists that are answered.
    let progress = cx.session.progress();
    let answered = match id {
        ListId::Checklist => Some(progress.checklist),
        ListId::SelfCheck => Some(progress.selfcheck),
        _ => None,
    };
    if let Some(count) = answered {
        title.push_str(&format!(
            "· {} ",
            fill(
                T::Answered.get(lang),
                &[&count.done.to_string(), &count.total.to_string()]
            )
        ));
    }
    if id == ListId::Processes || id == ListId::Systems || id == ListId::Suppliers {
        let names = [
            (ListId::Processes, screen.tab.title(lang)),
            (ListId::Systems, T::Systems.get(lang)),
            (ListId::Suppliers, T::Suppliers.get(lang)),
        ];
        let tabs: Vec<String> = names
            .iter()
            .map(|(l, n)| {
                if *l == id {
                    format!("[{n}]")
                } else {
                    (*n).to_owned()
                }
            })
            .collect();
        title = format!(" {} ({}) ", tabs.join(" "), list.record_count());
    }
    if let Some((column, descending)) = list.sort
        && let Some(col) = list.columns.get(column)
    {
        let arrow = if descending { "↓" } else { "↑" };
        title.push_str(&format!(
            "· {} {arrow} ",
            fill(T::SortedBy.get(lang), &[&col.title])
        ));
    }
    if let Some((l, i, residual)) = list.cell {
        let which = if residual { T::Residual } else { T::Current }.get(lang);
        title.push_str(&format!(
            "· {} ({which}) ",
            fill(T::CellFilter.get(lang), &[&l.to_string(), &i.to_string()])
        ));
    }
    title
}
