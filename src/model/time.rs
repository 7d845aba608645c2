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
    TimeDelta, TimeZone, Utc,
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

    /// Parses a date typed by a person: `YYYY-MM-DD`, or day first as people in
    /// the Netherlands write it, `DD-MM-YYYY`, `D-M-YYYY` or with dots
    /// (`31.12.2026`). Slashes are refused: `01/02/2026` reads differently in
    /// different countries. Files keep `YYYY-MM-DD` ([`Date::parse`]).
    pub fn parse_typed(text: &str) -> Result<Date, String> {
        let text = text.trim();
        if let Ok(date) = Date::parse(text) {
            return Ok(date);
        }
        let parts: Vec<&str> = text.split(['-', '.']).collect();
        let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if let [d, m, y] = parts[..]
            && digits(d, 1..=2)
            && digits(m, 1..=2)
            && digits(y, 4..=4)
        {
            let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
                return Err(format!("\"{text}\" is not a date on the calendar"));
            };
            return Date::from_ymd(y, m, d)
                .ok_or_else(|| format!("\"{text}\" is not a date on the calendar"));
        }
        Err(format!(
            "\"{text}\" is not a date: expected DD-MM-YYYY or YYYY-MM-DD"
        ))
    }

    /// The date `months` calendar months later (clamped to the month's last day).
    pub fn plus_months(self, months: u32) -> Date {
        Date(
            self.0
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    /// The date `days` later (earlier when negative), saturating at the ends of
    /// the calendar rather than overflowing.
    pub fn plus_days(self, days: i64) -> Date {
        let end = if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        };
        Date(
            TimeDelta::try_days(days)
                .and_then(|delta| self.0.checked_add_signed(delta))
                .unwrap_or(end),
        )
    }

    /// Adds a duration, rounding sub-day units up to whole days.
    pub fn plus(self, duration: Duration) -> Date {
        match duration {
            Duration::Months(n) => self.plus_months(n),
            other => {
                let days = other.minutes().div_ceil(24 * 60);
                self.plus_days(i64::try_from(days).unwrap_or(i64::MAX))
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

    /// The moment `minutes` later (earlier when negative), saturating at the ends
    /// of time rather than overflowing: a window read from a file can be huge.
    pub fn plus_minutes(self, minutes: i64) -> Timestamp {
        let end = if minutes < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        };
        Timestamp(
            TimeDelta::try_minutes(minutes)
                .and_then(|delta| self.0.checked_add_signed(delta))
                .unwrap_or(end),
        )
    }

    /// The moment `duration` later: months by the calendar (the same day and
    /// time a month on, clamped to the month's last day, in UTC), the other units
    /// in real minutes, so a daylight-saving change never moves a 72-hour deadline.
    pub fn plus(self, duration: Duration) -> Timestamp {
        match duration {
            Duration::Months(n) => Timestamp(
                self.0
                    .checked_add_months(Months::new(n))
                    .unwrap_or(DateTime::<Utc>::MAX_UTC),
            ),
            other => self.plus_minutes(i64::try_from(other.minutes()).unwrap_or(i64::MAX / 120)),
        }
    }
}

/// Where moments are shown to people. Files always keep UTC; what people read
/// (the CLI, the pack) is in the machine's local zone, or a fixed offset where the
/// output must not depend on the machine (tests, reproducible exports).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// The machine's zone (`TZ`, else the system's), with its daylight-saving rules.
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    /// UTC as a fixed zone.
    pub fn utc() -> Zone {
        Zone::Fixed(chrono::Offset::fix(&Utc))
    }

    /// The moment as a local date and time in this zone.
    pub fn at(self, t: Timestamp) -> DateTime<FixedOffset> {
        match self {
            Zone::Local => t.0.with_timezone(&chrono::Local).fixed_offset(),
            Zone::Fixed(offset) => t.0.with_timezone(&offset),
        }
    }

    /// A moment as people read it: local date, time and offset
    /// (`2026-11-28 10:14 (+01:00)`).
    pub fn when(self, t: Timestamp) -> String {
        self.at(t).format("%Y-%m-%d %H:%M (%:z)").to_string()
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
                "\"{text}\" is not a time: use local time \"28-11-2026 10:14\" or \"2026-11-28 10:14\", or 2026-11-28T09:14:00Z, 2026-11-28T10:14+01:00",
                "\"{text}\" is geen tijdstip: gebruik lokale tijd \"28-11-2026 10:14\" of \"2026-11-28 10:14\", of 2026-11-28T09:14:00Z, 2026-11-28T10:14+01:00"
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
        // Day first, as people in the Netherlands write it.
        "%d-%m-%Y %H:%M:%S",
        "%d-%m-%Y %H:%M",
        "%d.%m.%Y %H:%M",
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
/// A duration is at most 100 years ([`Duration::MAX_DAYS`]); a file with a longer
/// one is refused at the place it is written, so no sum of durations and dates
/// can overflow, and every form and import keeps to the same bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DurationInFile")]
pub enum Duration {
    Minutes(u32),
    Hours(u32),
    Days(u32),
    Weeks(u32),
    Months(u32),
}

/// [`Duration`] as it is read, before its bound is checked.
#[derive(Deserialize)]
#[serde(rename = "Duration")]
enum DurationInFile {
    Minutes(u32),
    Hours(u32),
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl TryFrom<DurationInFile> for Duration {
    type Error = String;

    fn try_from(read: DurationInFile) -> Result<Self, Self::Error> {
        let duration = match read {
            DurationInFile::Minutes(n) => Duration::Minutes(n),
            DurationInFile::Hours(n) => Duration::Hours(n),
            DurationInFile::Days(n) => Duration::Days(n),
            DurationInFile::Weeks(n) => Duration::Weeks(n),
            DurationInFile::Months(n) => Duration::Months(n),
        };
        duration.checked().map_err(|max| {
            format!(
                "{duration:?} is longer than any period paraat plans for (100 years); the most here is {max:?}"
            )
        })
    }
}

impl Duration {
    /// The longest duration, in days: 100 years.
    pub const MAX_DAYS: u32 = 36_500;

    /// The largest amount of this duration's unit (100 years of it).
    pub fn max_amount(self) -> u32 {
        match self {
            Duration::Minutes(_) => Self::MAX_DAYS * 24 * 60,
            Duration::Hours(_) => Self::MAX_DAYS * 24,
            Duration::Days(_) => Self::MAX_DAYS,
            Duration::Weeks(_) => Self::MAX_DAYS / 7,
            Duration::Months(_) => 1_200,
        }
    }

    /// The duration when it is within the bound, else the longest one of its unit.
    pub fn checked(self) -> Result<Duration, Duration> {
        let max = self.max_amount();
        if self.amount() <= max {
            Ok(self)
        } else {
            Err(self.with_amount(max))
        }
    }

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
        let duration = match unit.trim().to_ascii_lowercase().as_str() {
            "m" | "min" | "minutes" => Duration::Minutes(n),
            "h" | "u" | "hours" | "uur" => Duration::Hours(n),
            "d" | "days" | "dagen" => Duration::Days(n),
            "w" | "weeks" | "wk" => Duration::Weeks(n),
            "mo" | "mnd" | "months" | "maanden" => Duration::Months(n),
            _ => return None,
        };
        duration.checked().ok()
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
    fn dates_people_type_are_day_first_or_iso_and_never_ambiguous() {
        let d = Date::from_ymd(2026, 3, 1);
        for text in ["2026-03-01", "01-03-2026", "1-3-2026", " 1.3.2026 "] {
            assert_eq!(Date::parse_typed(text).ok(), d, "{text}");
        }
        for text in [
            "03/01/2026",
            "31-02-2026",
            "1-3-26",
            "x-3-2026",
            "",
            "１-3-2026",
        ] {
            assert!(Date::parse_typed(text).is_err(), "{text}");
        }
        assert!(
            Date::parse_typed("31-02-2026")
                .unwrap_err()
                .contains("calendar")
        );
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
    fn a_duration_past_100_years_is_refused_where_it_is_read() {
        let read = |text: &str| crate::store::format::parse::<Duration>("x.ron", text);
        assert_eq!(read("Days(36500)").unwrap(), Duration::Days(36_500));
        let error = read("Days(4294967295)").unwrap_err();
        assert_eq!(error.line(), Some(1), "{error}");
        assert!(error.to_string().contains("100 years"), "{error}");
        for too_long in [
            "Minutes(4294967295)",
            "Hours(876001)",
            "Weeks(5215)",
            "Months(1201)",
        ] {
            assert!(read(too_long).is_err(), "{too_long}");
        }
        assert_eq!(Duration::parse_short("36501d"), None);
    }

    #[test]
    fn sums_of_dates_and_times_saturate_instead_of_overflowing() {
        let t = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
        assert_eq!(t.plus_minutes(i64::MAX).0, DateTime::<Utc>::MAX_UTC);
        assert_eq!(t.plus_minutes(i64::MIN).0, DateTime::<Utc>::MIN_UTC);
        let d = Date::parse("2026-01-01").unwrap();
        assert_eq!(d.plus_days(i64::MAX).0, NaiveDate::MAX);
        assert!(d.plus(Duration::Minutes(u32::MAX)) > d);
        assert_eq!(d.plus_months(u32::MAX).0, NaiveDate::MAX);
    }

    #[test]
    fn adding_months_follows_the_calendar() {
        let d = Date::parse("2026-01-31").unwrap();
        assert_eq!(d.plus_months(1).to_string(), "2026-02-28");
        assert_eq!(d.plus(Duration::Hours(25)).to_string(), "2026-02-02");
    }
}
