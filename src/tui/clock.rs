//! "Now" for the terminal UI, an input like every other: the run loop sets it
//! from the system clock (or from `--now`), tests set it by hand, and neither
//! `update` nor `draw` reads the real time. "Today" follows it, unless `--today`
//! fixed the day.

use chrono::{DateTime, Datelike, FixedOffset, Local, Utc};

/// Where times are shown: the model's one zone rule (the local zone for people,
/// a fixed offset such as UTC for reproducible tests). Files keep UTC.
pub use crate::model::Zone;
use crate::model::{Date, Language, MomentError, Timestamp, parse_moment_in};
use crate::tui::screen_text::T;

/// The app's "now", and the zone times are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub now: Timestamp,
    pub zone: Zone,
    /// The run loop sets `now` from the system clock before every step; when false
    /// (`--now`, tests) `now` stays where it was put.
    pub follows_system: bool,
}

impl Clock {
    /// A clock standing still at `now`, showing local time.
    pub fn fixed(now: Timestamp) -> Clock {
        Clock {
            now,
            zone: Zone::Local,
            follows_system: false,
        }
    }

    /// A clock that follows the system clock (the real program).
    pub fn system() -> Clock {
        let mut clock = Clock::fixed(Timestamp::from_utc(Utc::now()));
        clock.follows_system = true;
        clock
    }

    /// Reads the system clock when this clock follows it. Only the run loop calls this.
    pub fn refresh(&mut self) {
        if self.follows_system {
            self.now = Timestamp::from_utc(Utc::now());
        }
    }

    pub fn local(&self, t: Timestamp) -> DateTime<FixedOffset> {
        self.zone.at(t)
    }

    /// A moment in full, in this clock's zone: `2026-12-04 09:14`. For text that
    /// is kept while the clock moves on (the detail pane), where "today" would
    /// go stale.
    pub fn full(&self, t: Timestamp) -> String {
        self.local(t).format("%Y-%m-%d %H:%M").to_string()
    }

    /// The day it is now, in this clock's zone.
    pub fn today(&self) -> Date {
        Date(self.local(self.now).date_naive())
    }

    /// A moment as short as it can be read: `09:14` today, `Fri 09:14` within a
    /// week, else `2026-12-04 09:14`.
    pub fn show(&self, t: Timestamp, lang: Language) -> String {
        let (when, now) = (self.local(t), self.local(self.now));
        let days = (when.date_naive() - now.date_naive()).num_days();
        if days == 0 {
            when.format("%H:%M").to_string()
        } else if days.abs() <= 6 {
            let names: Vec<&str> = T::Weekdays.get(lang).split(' ').collect();
            let day = names
                .get(when.weekday().num_days_from_monday() as usize)
                .copied()
                .unwrap_or("");
            format!("{day} {}", when.format("%H:%M"))
        } else {
            when.format("%Y-%m-%d %H:%M").to_string()
        }
    }

    /// A moment typed by a person, read in this clock's zone.
    pub fn parse(&self, text: &str) -> Result<Timestamp, MomentError> {
        match self.zone {
            Zone::Local => parse_moment_in(text, &Local),
            Zone::Fixed(offset) => parse_moment_in(text, &offset),
        }
    }
}
