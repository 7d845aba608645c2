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

    /// The name in the tab bar when the full titles do not fit ("Plan" for
    /// "Stappenplan").
    pub fn short_title(self, lang: Language) -> &'static str {
        match self {
            Tab::Plan => T::TabPlanShort.get(lang),
            tab => tab.title(lang),
        }
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

/// The labels of the tab bar for `width` columns with `active` shown (one space
/// between them): the full titles when they fit, else the short titles without
/// padding (every tab's whole name fits at 100 columns in both languages), and
/// only on a narrower screen are the other tabs' names cut.
pub fn labels(active: Tab, width: u16, lang: Language) -> Vec<String> {
    let width = usize::from(width);
    let fits = |labels: &[String]| {
        labels.iter().map(|l| l.chars().count() + 1).sum::<usize>() <= width + 1
    };
    let full: Vec<String> = Tab::ALL
        .iter()
        .map(|tab| format!(" {} {} ", tab.index() + 1, tab.title(lang)))
        .collect();
    if fits(&full) {
        return full;
    }
    // Without padding: the active tab is bold and underlined, so it stands out
    // without colour too.
    let compact = |tab: Tab, name: &str| format!("{} {name}", tab.index() + 1);
    let short: Vec<String> = Tab::ALL
        .iter()
        .map(|tab| compact(*tab, tab.short_title(lang)))
        .collect();
    if fits(&short) {
        return short;
    }
    let current = short[active.index()].chars().count() + 1;
    let others = Tab::ALL.len() - 1;
    // "5 Risk" = number, space, name, separator.
    let room = width.saturating_sub(current) / others;
    let name_room = room.saturating_sub(3).max(1);
    Tab::ALL
        .iter()
        .map(|tab| {
            if *tab == active {
                short[tab.index()].clone()
            } else {
                let name: String = tab.short_title(lang).chars().take(name_room).collect();
                compact(*tab, &name)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn width_of(labels: &[String]) -> usize {
        labels.iter().map(|l| l.chars().count() + 1).sum::<usize>() - 1
    }

    #[test]
    fn every_tab_name_is_whole_from_100_columns_in_both_languages() {
        for lang in [Language::En, Language::Nl] {
            for width in [100u16, 120, 200] {
                for active in Tab::ALL {
                    let labels = labels(active, width, lang);
                    assert!(width_of(&labels) <= usize::from(width), "{labels:?}");
                    for (tab, label) in Tab::ALL.iter().zip(&labels) {
                        let whole = label.contains(tab.short_title(lang))
                            || label.contains(tab.title(lang));
                        assert!(whole, "{lang:?} {width}: {label}");
                    }
                }
            }
        }
        assert!(labels(Tab::Plan, 200, Language::Nl)[3].contains("Stappenplan"));
    }

    #[test]
    fn a_narrow_bar_cuts_the_other_names_and_keeps_the_active_one_whole() {
        for lang in [Language::En, Language::Nl] {
            for width in [40u16, 60, 80, 99] {
                let labels = labels(Tab::Contacts, width, lang);
                assert!(labels[6].contains(Tab::Contacts.short_title(lang)));
                assert!(
                    width_of(&labels) <= usize::from(width) + 9,
                    "{width}: {labels:?}"
                );
            }
        }
    }
}
