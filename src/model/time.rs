//! Dates, timestamps and durations as they appear in the files.
//!
//! Dates are `"YYYY-MM-DD"` strings and timestamps are UTC RFC 3339 to whole seconds
//! (`"2026-11-28T09:14:00Z"`), so a diff reads like a calendar. Durations carry their
//! unit (`Hours(24)`, `Days(3)`) because "24" alone means nothing in an RTO column.
//! "Today" is never read here: callers pass it in.

use std::cmp::Ordering;
use std::fmt;

use super::Language;
use super::bilingual::say;
use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, Months, NaiveDate, NaiveDateTime, SecondsFormat,
    TimeZone, Utc,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written `"YYYY-MM-DD"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Parses exactly `YYYY-MM-DD` (no times, no other separators).
    pub fn parse(text: &str) -> Result<Date, String> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(format!("\"{text}\" is not a date: expected YYYY-MM-DD"));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("\"{text}\" is not a date on the calendar"))
    }

    /// The date `months` calendar months later (clamped to the month's last day).
    pub fn plus_months(self, months: u32) -> Date {
        Date(
            self.0
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    pub fn plus_days(self, days: i64) -> Date {
        Date(
            self.0
                .checked_add_signed(chrono::Duration::days(days))
                .unwrap_or(if days < 0 {
                    NaiveDate::MIN
                } else {
                    NaiveDate::MAX
                }),
        )
    }

    /// Adds a duration, rounding sub-day units up to whole days.
    pub fn plus(self, duration: Duration) -> Date {
        match duration {
            Duration::Months(n) => self.plus_months(n),
            other => {
                let days = other.minutes().div_ceil(24 * 60);
                self.plus_days(i64::try_from(days).unwrap_or(i64::MAX / 2))
            }
        }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written out rather than through `format("%Y-%m-%d")`, which parses the
        // pattern on every call; findings and files print many dates.
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if (0..=9999).contains(&y) {
            write!(f, "{y:04}-{m:02}-{d:02}")
        } else {
            write!(f, "{}", self.0.format("%Y-%m-%d"))
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A moment in time, UTC, whole seconds, written `"2026-11-28T09:14:00Z"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// Builds a timestamp, dropping sub-second precision.
    pub fn from_utc(moment: DateTime<Utc>) -> Timestamp {
        let seconds = moment.timestamp();
        Timestamp(Utc.timestamp_opt(seconds, 0).single().unwrap_or(moment))
    }

    /// Parses RFC 3339 with any offset; the result is UTC.
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| Timestamp::from_utc(t.with_timezone(&Utc)))
            .map_err(|_| {
                format!("\"{text}\" is not a timestamp: expected YYYY-MM-DDTHH:MM:SSZ (UTC)")
            })
    }

    pub fn date(self) -> Date {
        Date(self.0.date_naive())
    }

    pub fn plus_minutes(self, minutes: i64) -> Timestamp {
        Timestamp(self.0 + chrono::Duration::minutes(minutes))
    }
}

/// Why a moment typed by a person is not one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MomentError {
    /// Not in any of the accepted shapes.
    NotATime,
    /// A local time that happened twice (the clocks went back): both candidates.
    Twice(DateTime<FixedOffset>, DateTime<FixedOffset>),
    /// A local time that did not exist (the clocks went forward).
    Skipped,
}

impl MomentError {
    /// Why `text` is not a moment, in `lang`.
    pub fn message(&self, text: &str, lang: Language) -> String {
        let text = text.trim();
        match self {
            MomentError::Twice(a, b) => {
                let (a, b) = (a.format("%Y-%m-%dT%H:%M%:z"), b.format("%Y-%m-%dT%H:%M%:z"));
                say!(
                    lang,
                    "\"{text}\" happened twice in local time (the clocks went back); give the offset: {a} or {b}",
                    "\"{text}\" kwam twee keer voor in lokale tijd (de klok ging terug); geef de tijdzone: {a} of {b}"
                )
            }
            MomentError::Skipped => say!(
                lang,
                "\"{text}\" did not exist in local time (the clocks went forward)",
                "\"{text}\" bestond niet in lokale tijd (de klok ging vooruit)"
            ),
            MomentError::NotATime => say!(
                lang,
                "\"{text}\" is not a time: use 2026-11-28T09:14:00Z, 2026-11-28T10:14+01:00 or local time \"2026-11-28 10:14\"",
                "\"{text}\" is geen tijdstip: gebruik 2026-11-28T09:14:00Z, 2026-11-28T10:14+01:00 of lokale tijd \"2026-11-28 10:14\""
            ),
        }
    }
}

/// Parses a moment typed by a person: RFC 3339 (`2026-11-28T09:14:00Z`), the same
/// without seconds (`2026-11-28T10:14+01:00`), or a time without offset
/// (`2026-11-28 10:14`), which is read in `zone` (the local zone for people; the
/// caller passes it in, so tests choose UTC).
pub fn parse_moment_in<Tz: TimeZone>(text: &str, zone: &Tz) -> Result<Timestamp, MomentError> {
    let text = text.trim();
    if let Ok(t) = Timestamp::parse(text) {
        return Ok(t);
    }
    for format in ["%Y-%m-%dT%H:%M%#z", "%Y-%m-%d %H:%M%#z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Ok(Timestamp::from_utc(t.with_timezone(&Utc)));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return match zone.from_local_datetime(&naive) {
                LocalResult::Single(t) => Ok(Timestamp::from_utc(t.with_timezone(&Utc))),
                LocalResult::Ambiguous(a, b) => {
                    Err(MomentError::Twice(a.fixed_offset(), b.fixed_offset()))
                }
                LocalResult::None => Err(MomentError::Skipped),
            };
        }
    }
    Err(MomentError::NotATime)
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A length of time with its unit, as people say it: `Hours(4)`, `Days(3)`.
///
/// For comparisons a month counts as 30 days; adding months to a date uses the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Duration {
    Minutes(u32),
    Hours(u32),
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl Duration {
    pub fn minutes(self) -> u64 {
        let (n, factor) = match self {
            Duration::Minutes(n) => (n, 1),
            Duration::Hours(n) => (n, 60),
            Duration::Days(n) => (n, 60 * 24),
            Duration::Weeks(n) => (n, 60 * 24 * 7),
            Duration::Months(n) => (n, 60 * 24 * 30),
        };
        u64::from(n) * factor
    }

    pub fn amount(self) -> u32 {
        match self {
            Duration::Minutes(n)
            | Duration::Hours(n)
            | Duration::Days(n)
            | Duration::Weeks(n)
            | Duration::Months(n) => n,
        }
    }

    /// The same unit with another amount.
    pub fn with_amount(self, n: u32) -> Duration {
        match self {
            Duration::Minutes(_) => Duration::Minutes(n),
            Duration::Hours(_) => Duration::Hours(n),
            Duration::Days(_) => Duration::Days(n),
            Duration::Weeks(_) => Duration::Weeks(n),
            Duration::Months(_) => Duration::Months(n),
        }
    }

    /// The unit's index in [`Duration::UNITS`].
    pub fn unit_index(self) -> usize {
        match self {
            Duration::Minutes(_) => 0,
            Duration::Hours(_) => 1,
            Duration::Days(_) => 2,
            Duration::Weeks(_) => 3,
            Duration::Months(_) => 4,
        }
    }

    /// Every unit, smallest first, with amount 1.
    pub const UNITS: [Duration; 5] = [
        Duration::Minutes(1),
        Duration::Hours(1),
        Duration::Days(1),
        Duration::Weeks(1),
        Duration::Months(1),
    ];

    /// Compact form for tables: `30m`, `4h`, `3d`, `2w`, `6mo`.
    pub fn short(self) -> String {
        let unit = match self {
            Duration::Minutes(_) => "m",
            Duration::Hours(_) => "h",
            Duration::Days(_) => "d",
            Duration::Weeks(_) => "w",
            Duration::Months(_) => "mo",
        };
        format!("{}{unit}", self.amount())
    }

    /// Parses the compact form (`4h`, `3d`, `6mo`), as typed in a form.
    pub fn parse_short(text: &str) -> Option<Duration> {
        let text = text.trim();
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (digits, unit) = text.split_at(split);
        let n: u32 = digits.parse().ok()?;
        Some(match unit.trim().to_ascii_lowercase().as_str() {
            "m" | "min" | "minutes" => Duration::Minutes(n),
            "h" | "u" | "hours" | "uur" => Duration::Hours(n),
            "d" | "days" | "dagen" => Duration::Days(n),
            "w" | "weeks" | "wk" => Duration::Weeks(n),
            "mo" | "mnd" | "months" | "maanden" => Duration::Months(n),
            _ => return None,
        })
    }
}

impl PartialOrd for Duration {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Duration {
    fn cmp(&self, other: &Self) -> Ordering {
        self.minutes()
            .cmp(&other.minutes())
            .then(self.unit_index().cmp(&other.unit_index()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_only_the_documented_shape() {
        assert!(Date::parse("2026-11-28").is_ok());
        assert!(Date::parse("2026-2-28").is_err());
        assert!(Date::parse("2026-02-30").is_err());
        assert!(Date::parse("28-11-2026").is_err());
        assert!(Date::parse("2026-11-28T10:00").is_err());
    }

    #[test]
    fn timestamps_are_utc_whole_seconds() {
        let t = Timestamp::parse("2026-03-29T03:30:00+02:00").unwrap();
        assert_eq!(t.to_string(), "2026-03-29T01:30:00Z");
        let t = Timestamp::parse("2026-03-29T01:30:00.75Z").unwrap();
        assert_eq!(t.to_string(), "2026-03-29T01:30:00Z");
    }

    #[test]
    fn durations_compare_by_length() {
        assert!(Duration::Hours(25) > Duration::Days(1));
        assert!(Duration::Weeks(1) == Duration::Weeks(1));
        assert!(Duration::Days(7) < Duration::Weeks(1));
        assert_eq!(Duration::parse_short("6mo"), Some(Duration::Months(6)));
        assert_eq!(Duration::parse_short("4 h"), Some(Duration::Hours(4)));
        assert_eq!(Duration::parse_short("4x"), None);
    }

    #[test]
    fn adding_months_follows_the_calendar() {
        let d = Date::parse("2026-01-31").unwrap();
        assert_eq!(d.plus_months(1).to_string(), "2026-02-28");
        assert_eq!(d.plus(Duration::Hours(25)).to_string(), "2026-02-02");
    }
}
