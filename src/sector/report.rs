//! The sector report: many share files rolled into where the sector stands, with
//! every group smaller than five members suppressed.
//!
//! Share files are grouped by the quarter they were made in. The report describes
//! the latest quarter (one share file per member per quarter is the assumption: a
//! share file carries no member identity, by design) and shows the earlier ones
//! under "readiness over time".
//!
//! Suppression happens while the report is built, so the HTML and the JSON
//! renderers only ever see published numbers ([`MIN_GROUP`]):
//!
//! - a count of members is published only when it is 0 or at least 5;
//! - a part of a published group is published only when the rest of the group is
//!   also 0 or at least 5 (else subtracting it from the group gives the small rest);
//! - in a breakdown (`by_level`, `by_kind`, `by_dependency`, …), whose parts add up
//!   to the group, the unpublished parts together are 0 or at least 5: when they
//!   would be fewer, the smallest published parts are withheld too;
//! - a median is published only for a published group of at least 5;
//! - lists (findings, suppliers) hold only entries at least 5 members share: a
//!   supplier with fewer than 5 members is not named at all; one that all but 1 to
//!   4 members share is named with its count withheld ("nearly all").
//!
//! A withheld count is `None` (`null` in JSON, "fewer than 5" or "not shown" in
//! HTML). `tests/sector.rs` checks these rules over generated sets of share files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::share::{DEPENDENCIES, ShareFile};
use crate::model::{
    Date, OrganisationKind, Principle, ServiceKind, StaffBand, SupplierCatalogue, key,
};
use crate::review::selfcheck::MaturityLevel;

/// The smallest group of members the report shows.
pub const MIN_GROUP: u32 = 5;
/// What the `schema` field of a sector report says.
pub const SECTOR_SCHEMA: &str = "paraat-sector";
pub const SECTOR_VERSION: u32 = 1;
/// How many of the most common findings the report lists.
pub const TOP_FINDINGS: usize = 15;
/// "In the last 12 months", in days.
pub const YEAR_DAYS: u32 = 365;

/// A count of members, or `None` when it is withheld.
pub type Shown = Option<u32>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorReport {
    pub schema: String,
    pub version: u32,
    /// The paraat that made the report.
    pub paraat: String,
    pub min_group: u32,
    /// The day the report was made.
    pub made: Date,
    /// The quarter the report describes (`2026-Q4`): the latest in the share files.
    pub period: String,
    /// Members in that quarter: share files made in it.
    pub members: Shown,
    pub by_kind: Vec<Group>,
    pub by_size: Vec<Group>,
    pub selfcheck: SectorSelfCheck,
    pub checklist: Median,
    pub plan: Median,
    /// The most common findings: members with at least one finding of the code.
    pub findings: Vec<FindingShare>,
    /// Members for whom something has not happened in the last 12 months.
    pub not_in_12_months: NotIn12Months,
    /// The catalogue suppliers members depend on, most members first.
    pub suppliers: Vec<SupplierShare>,
    /// Catalogue suppliers left out because fewer than 5 members depend on them.
    pub suppliers_not_shown: u32,
    pub over_time: OverTime,
}

/// One part of a breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub key: String,
    pub members: Shown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorSelfCheck {
    pub overall: Distribution,
    pub principles: Vec<PrincipleDistribution>,
}

/// How the members' self-check levels are spread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    pub members: Shown,
    /// The median score in percent.
    pub median: Option<u8>,
    pub by_level: Vec<Group>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipleDistribution {
    pub principle: String,
    pub members: Shown,
    pub median: Option<u8>,
    pub by_level: Vec<Group>,
}

impl PrincipleDistribution {
    fn new(principle: String, d: Distribution) -> PrincipleDistribution {
        PrincipleDistribution {
            principle,
            members: d.members,
            median: d.median,
            by_level: d.by_level,
        }
    }

    pub fn distribution(&self) -> Distribution {
        Distribution {
            members: self.members,
            median: self.median,
            by_level: self.by_level.clone(),
        }
    }
}

/// The median of a percentage over the members (checklist answered, plan done).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Median {
    pub median_percent: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingShare {
    pub code: String,
    pub members: Shown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subset {
    pub members: Shown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotIn12Months {
    pub exercise: Subset,
    pub full_review: Subset,
    pub restore_test: Subset,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierShare {
    pub catalogue: String,
    /// The name from the catalogue (the id when this paraat's catalogue lacks it).
    pub name: String,
    pub services: Vec<String>,
    pub members: Shown,
    /// How critical the dependency is, by the members' most critical process.
    pub by_dependency: Vec<Group>,
    /// Of these members, those with no restore test of that supplier's systems in
    /// the last 12 months (or none at all).
    pub no_restore_test_12_months: Subset,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverTime {
    /// One row per quarter, oldest first; each published on its own.
    pub by_period: Vec<PeriodRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodRow {
    /// The quarter, `2026-Q3`.
    pub key: String,
    pub members: Shown,
    /// The median overall self-check score.
    pub median: Option<u8>,
    pub by_level: Vec<Group>,
}

/// The quarter a day falls in: `2026-Q4`.
pub fn quarter(date: Date) -> String {
    let text = date.to_string();
    let month: u32 = text.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!("{}-Q{}", date.year(), month.div_ceil(3))
}

fn shows(n: u32) -> bool {
    n == 0 || n >= MIN_GROUP
}

/// A part of a published group of `whole`: published when it and the rest are
/// each 0 or at least [`MIN_GROUP`].
pub fn part(count: u32, whole: Shown) -> Shown {
    let whole = whole?;
    (shows(count) && shows(whole.saturating_sub(count))).then_some(count)
}

/// A breakdown of a published group of `whole` into `counts` that add up to it.
pub fn breakdown(counts: &[u32], whole: Shown) -> Vec<Shown> {
    let Some(whole) = whole else {
        return vec![None; counts.len()];
    };
    let mut shown: Vec<Shown> = counts.iter().map(|&c| shows(c).then_some(c)).collect();
    loop {
        let published: u32 = shown.iter().flatten().sum();
        let hidden = whole.saturating_sub(published);
        if shows(hidden) {
            return shown;
        }
        // Withhold the smallest published part that is not 0 as well.
        let smallest = shown
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.filter(|&n| n > 0).map(|n| (n, i)))
            .min();
        match smallest {
            Some((_, i)) => shown[i] = None,
            None => return shown,
        }
    }
}

/// The median of `values` when the group is published and large enough.
fn median(values: &mut [u8], whole: Shown) -> Option<u8> {
    whole.filter(|&n| n >= MIN_GROUP)?;
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        // The mean of the middle two, rounded half up; integers only.
        let sum = u16::from(values[mid - 1]) + u16::from(values[mid]);
        u8::try_from(sum.div_ceil(2)).unwrap_or(100)
    })
}

fn percent(part: u32, whole: u32) -> u8 {
    if whole == 0 {
        return 0;
    }
    let p = (u64::from(part) * 100 + u64::from(whole) / 2) / u64::from(whole);
    u8::try_from(p.min(100)).unwrap_or(100)
}

fn groups(keys: &[String], counts: &[u32], whole: Shown) -> Vec<Group> {
    keys.iter()
        .zip(breakdown(counts, whole))
        .map(|(key, members)| Group {
            key: key.clone(),
            members,
        })
        .collect()
}

fn level_keys() -> Vec<String> {
    MaturityLevel::ALL.iter().map(key).collect()
}

/// The level distribution of some scores (in percent).
fn distribution(mut scores: Vec<u8>, whole: Shown) -> Distribution {
    let keys = level_keys();
    let counts: Vec<u32> = MaturityLevel::ALL
        .iter()
        .map(|level| {
            count(
                scores
                    .iter()
                    .filter(|p| MaturityLevel::from_percent(**p) == *level),
            )
        })
        .collect();
    Distribution {
        members: whole,
        median: median(&mut scores, whole),
        by_level: groups(&keys, &counts, whole),
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// Rolls share files into the report, on `made` (the day it is made).
pub fn roll_up(files: &[ShareFile], catalogue: &SupplierCatalogue, made: Date) -> SectorReport {
    let mut periods: BTreeMap<String, Vec<&ShareFile>> = BTreeMap::new();
    for file in files {
        periods.entry(quarter(file.date)).or_default().push(file);
    }
    let (period, current) = periods
        .iter()
        .next_back()
        .map(|(p, f)| (p.clone(), f.clone()))
        .unwrap_or_default();
    let total = count(current.iter());
    let members = shows(total).then_some(total).filter(|&n| n > 0);

    let kind_keys: Vec<String> = OrganisationKind::ALL.iter().map(key).collect();
    let by_kind_counts: Vec<u32> = kind_keys
        .iter()
        .map(|k| count(current.iter().filter(|f| &f.kind == k)))
        .collect();
    let size_keys: Vec<String> = StaffBand::ALL.iter().map(|s| s.key().to_owned()).collect();
    let by_size_counts: Vec<u32> = size_keys
        .iter()
        .map(|k| count(current.iter().filter(|f| &f.size == k)))
        .collect();

    let overall: Vec<u8> = current
        .iter()
        .map(|f| f.selfcheck.overall.percent)
        .collect();
    let principles = Principle::ALL
        .iter()
        .map(|p| {
            let name = key(p);
            let scores: Vec<u8> = current
                .iter()
                .filter_map(|f| {
                    f.selfcheck
                        .principles
                        .iter()
                        .find(|s| s.principle == name)
                        .map(|s| s.percent)
                })
                .collect();
            let with = count(scores.iter());
            PrincipleDistribution::new(name, distribution(scores, part(with, members)))
        })
        .collect();

    let mut checklist: Vec<u8> = current
        .iter()
        .map(|f| percent(f.checklist.answered, f.checklist.total))
        .collect();
    let mut plan: Vec<u8> = current
        .iter()
        .map(|f| percent(f.plan.done, f.plan.total))
        .collect();

    let mut finding_counts: BTreeMap<&str, u32> = BTreeMap::new();
    for file in &current {
        for (code, n) in &file.findings {
            if *n > 0 {
                *finding_counts.entry(code.as_str()).or_default() += 1;
            }
        }
    }
    let mut findings: Vec<(u32, &str)> = finding_counts.into_iter().map(|(c, n)| (n, c)).collect();
    findings.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    // Listed when at least 5 members have it; the count is withheld when the
    // members without it are fewer than 5 ("nearly all").
    let findings = findings
        .into_iter()
        .filter(|(n, _)| members.is_some() && *n >= MIN_GROUP)
        .map(|(n, code)| FindingShare {
            code: code.to_owned(),
            members: part(n, members),
        })
        .take(TOP_FINDINGS)
        .collect();

    let stale = |days: fn(&ShareFile) -> Option<u32>| Subset {
        members: part(
            count(
                current
                    .iter()
                    .filter(|f| days(f).is_none_or(|d| d > YEAR_DAYS)),
            ),
            members,
        ),
    };
    let not_in_12_months = NotIn12Months {
        exercise: stale(|f| f.days_since.exercise),
        full_review: stale(|f| f.days_since.full_review),
        restore_test: stale(|f| f.days_since.restore_test),
    };

    let (suppliers, suppliers_not_shown) = suppliers(&current, catalogue, members);

    // Each quarter on its own: no total over the quarters is published, so no
    // small quarter can be found by subtraction from it.
    let by_period = periods
        .iter()
        .map(|(key, files)| {
            let n = count(files.iter());
            let shown = shows(n).then_some(n);
            let scores: Vec<u8> = files.iter().map(|f| f.selfcheck.overall.percent).collect();
            let d = distribution(scores, shown);
            PeriodRow {
                key: key.clone(),
                members: shown,
                median: d.median,
                by_level: d.by_level,
            }
        })
        .collect();

    SectorReport {
        schema: SECTOR_SCHEMA.to_owned(),
        version: SECTOR_VERSION,
        paraat: env!("CARGO_PKG_VERSION").to_owned(),
        min_group: MIN_GROUP,
        made,
        period,
        members,
        by_kind: groups(&kind_keys, &by_kind_counts, members),
        by_size: groups(&size_keys, &by_size_counts, members),
        selfcheck: SectorSelfCheck {
            overall: distribution(overall, members),
            principles,
        },
        checklist: Median {
            median_percent: median(&mut checklist, members),
        },
        plan: Median {
            median_percent: median(&mut plan, members),
        },
        findings,
        not_in_12_months,
        suppliers,
        suppliers_not_shown,
        over_time: OverTime { by_period },
    }
}

fn suppliers(
    current: &[&ShareFile],
    catalogue: &SupplierCatalogue,
    members: Shown,
) -> (Vec<SupplierShare>, u32) {
    let mut by_id: BTreeMap<&str, Vec<&super::share::ShareSupplier>> = BTreeMap::new();
    for file in current {
        for s in &file.suppliers {
            by_id.entry(s.catalogue.as_str()).or_default().push(s);
        }
    }
    let mut shown = Vec::new();
    let mut not_shown = 0u32;
    for (id, deps) in by_id {
        let n = count(deps.iter());
        // Named when at least 5 members depend on it; the count (and what is
        // counted within it) is withheld when fewer than 5 do not.
        if members.is_none() || n < MIN_GROUP {
            not_shown += 1;
            continue;
        }
        let whole = part(n, members);
        let dep_keys: Vec<String> = DEPENDENCIES.iter().map(|d| (*d).to_owned()).collect();
        let dep_counts: Vec<u32> = DEPENDENCIES
            .iter()
            .map(|d| count(deps.iter().filter(|s| s.dependency == *d)))
            .collect();
        let untested = count(
            deps.iter()
                .filter(|s| s.restore_test.is_none_or(|d| d > YEAR_DAYS)),
        );
        let entry = catalogue.entry(id);
        shown.push((
            n,
            SupplierShare {
                catalogue: id.to_owned(),
                name: entry.map_or_else(|| id.to_owned(), |e| e.name.clone()),
                services: entry.map_or_else(Vec::new, |e| {
                    e.services.iter().map(|s: &ServiceKind| key(s)).collect()
                }),
                members: whole,
                by_dependency: groups(&dep_keys, &dep_counts, whole),
                no_restore_test_12_months: Subset {
                    members: part(untested, whole),
                },
            },
        ));
    }
    shown.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.catalogue.cmp(&y.catalogue)));
    (shown.into_iter().map(|(_, s)| s).collect(), not_shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_shown_only_when_it_and_the_rest_are_not_small() {
        assert_eq!(part(5, Some(10)), Some(5));
        assert_eq!(part(4, Some(10)), None);
        assert_eq!(part(7, Some(10)), None, "the rest, 3, would show");
        assert_eq!(part(10, Some(10)), Some(10));
        assert_eq!(part(0, Some(10)), Some(0));
        assert_eq!(part(5, None), None, "nothing of a withheld group");
    }

    #[test]
    fn a_breakdown_never_leaves_a_small_remainder() {
        // 3 hidden alone would be derivable from the total: withhold the 6 too.
        assert_eq!(breakdown(&[3, 6, 20], Some(29)), vec![None, None, Some(20)]);
        // Two small parts together are 5: both hidden, the rest shown.
        assert_eq!(breakdown(&[2, 3, 20], Some(25)), vec![None, None, Some(20)]);
        assert_eq!(
            breakdown(&[0, 5, 7], Some(12)),
            vec![Some(0), Some(5), Some(7)]
        );
        assert_eq!(breakdown(&[1, 2], None), vec![None, None]);
    }

    #[test]
    fn quarters_and_medians() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(quarter(d("2026-01-01")), "2026-Q1");
        assert_eq!(quarter(d("2026-06-30")), "2026-Q2");
        assert_eq!(quarter(d("2026-12-31")), "2026-Q4");
        assert_eq!(median(&mut [50, 10, 30, 20, 40], Some(5)), Some(30));
        assert_eq!(median(&mut [10, 20, 30, 41, 50, 60], Some(6)), Some(36));
        assert_eq!(median(&mut [10, 20, 30, 40], Some(4)), None);
    }
}
