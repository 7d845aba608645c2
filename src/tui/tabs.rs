//! The tabs along the top, in order (number keys 1–9), and the tab bar's labels,
//! shortened on a narrow screen. Layout is a function of the width alone, so a
//! click is mapped with the same numbers that drew the bar.

use crate::model::{Language, Register};
use crate::tui::screen_text::T;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    Overview,
    Checklist,
    SelfCheck,
    Plan,
    Risks,
    Processes,
    Contacts,
    Backups,
    Incidents,
}

impl Tab {
    pub const ALL: [Tab; 9] = [
        Tab::Overview,
        Tab::Checklist,
        Tab::SelfCheck,
        Tab::Plan,
        Tab::Risks,
        Tab::Processes,
        Tab::Contacts,
        Tab::Backups,
        Tab::Incidents,
    ];

    pub fn title(self, lang: Language) -> &'static str {
        match self {
            Tab::Overview => T::TabOverview,
            Tab::Checklist => T::TabChecklist,
            Tab::SelfCheck => T::TabSelfCheck,
            Tab::Plan => T::TabPlan,
            Tab::Risks => T::TabRisks,
            Tab::Processes => T::TabProcesses,
            Tab::Contacts => T::TabContacts,
            Tab::Backups => T::TabBackups,
            Tab::Incidents => T::TabIncidents,
        }
        .get(lang)
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab `n` places on (wrapping round).
    pub fn step(self, n: isize) -> Tab {
        let len = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + n).rem_euclid(len) as usize]
    }

    /// The tab that shows `register` (the manifest's findings are on the Overview).
    pub fn of_register(register: Register) -> Tab {
        match register {
            Register::Manifest => Tab::Overview,
            Register::Checklist => Tab::Checklist,
            Register::SelfCheck => Tab::SelfCheck,
            Register::Plan => Tab::Plan,
            Register::Risks => Tab::Risks,
            Register::Processes => Tab::Processes,
            Register::Contacts => Tab::Contacts,
            Register::Backups => Tab::Backups,
            Register::Incidents => Tab::Incidents,
        }
    }
}

/// The labels of the tab bar for `width` columns with `active` shown; on a narrow
/// screen the other tabs' names are shortened.
pub fn labels(active: Tab, width: u16, lang: Language) -> Vec<String> {
    let full: Vec<String> = Tab::ALL
        .iter()
        .map(|tab| format!(" {} {} ", tab.index() + 1, tab.title(lang)))
        .collect();
    let total: usize = full.iter().map(|l| l.chars().count() + 1).sum();
    let width = usize::from(width);
    if total <= width {
        return full;
    }
    let current = full[active.index()].chars().count() + 1;
    let others = Tab::ALL.len() - 1;
    // " 5 Risk " = number, space, name, two pads, separator.
    let room = width.saturating_sub(current) / others;
    let name_room = room.saturating_sub(5).max(1);
    Tab::ALL
        .iter()
        .map(|tab| {
            if *tab == active {
                full[tab.index()].clone()
            } else {
                let name: String = tab.title(lang).chars().take(name_room).collect();
                format!(" {} {name} ", tab.index() + 1)
            }
        })
        .collect()
}

/// The tab at column `x` of the tab bar.
pub fn at(active: Tab, width: u16, lang: Language, x: u16) -> Option<Tab> {
    let mut start = 0u16;
    for (tab, label) in Tab::ALL.iter().zip(labels(active, width, lang)) {
        let width = label.chars().count() as u16;
        if x >= start && x < start + width {
            return Some(*tab);
        }
        start += width + 1;
    }
    None
}
