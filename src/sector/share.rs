//! The share file: the anonymous readiness summary a member sends to its sector body.
//!
//! Anonymity is by construction. [`summary`] builds the file from fixed sets of
//! values only: the kind and size band (choices), version numbers, scores and
//! counts, finding codes (the fixed list of `review::Code`), dates turned into day
//! counts, and catalogue ids taken from the catalogue itself (never the workbook's
//! spelling of them). No field of the share file holds text from the workbook, so
//! no name, number, address or note can end up in it, however a workbook was
//! filled in. The JSON structure is documented in `docs/json.md`.
//!
//! Reading a share file someone sent is strict the other way round: every string
//! must be one of the known codes, so a tampered file cannot carry text into the
//! sector report either.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    Criticality, Date, FORMAT, OrganisationKind, Principle, StaffBand, SupplierCatalogue, Workbook,
    is_plain_id, key,
};
use crate::review::selfcheck::{MaturityLevel, Score, selfcheck_result};
use crate::review::{Code, Finding};

/// What the `schema` field of a share file says.
pub const SHARE_SCHEMA: &str = "paraat-share";
/// The version of the share file's structure this paraat writes and reads.
pub const SHARE_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareFile {
    pub schema: String,
    pub version: u32,
    /// The paraat that wrote it.
    pub paraat: String,
    /// The workbook's file format.
    pub format: u32,
    /// The day it was made; the sector report groups share files by quarter.
    pub date: Date,
    /// `museum`, `archive`, `library`, `heritage` or `other`.
    pub kind: String,
    /// The staff band: `1-9`, `10-49`, `50-249`, `250+` or `unknown`.
    pub size: String,
    pub selfcheck: ShareSelfCheck,
    pub checklist: Answered,
    pub plan: Done,
    /// How many findings of each code the review gives.
    pub findings: BTreeMap<String, u32>,
    pub days_since: DaysSince,
    /// The catalogue suppliers the organisation depends on.
    pub suppliers: Vec<ShareSupplier>,
    /// Suppliers in the workbook not linked to the catalogue (counted, never named).
    pub unlisted_suppliers: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareSelfCheck {
    pub overall: ShareScore,
    /// One per principle, in the order of the five basic principles.
    pub principles: Vec<SharePrinciple>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareScore {
    pub percent: u8,
    pub level: String,
    pub answered: u32,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharePrinciple {
    pub principle: String,
    pub percent: u8,
    pub level: String,
    pub answered: u32,
    pub total: u32,
}

impl SharePrinciple {
    pub fn new(principle: String, score: ShareScore) -> SharePrinciple {
        SharePrinciple {
            principle,
            percent: score.percent,
            level: score.level,
            answered: score.answered,
            total: score.total,
        }
    }

    pub fn score(&self) -> ShareScore {
        ShareScore {
            percent: self.percent,
            level: self.level.clone(),
            answered: self.answered,
            total: self.total,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answered {
    pub answered: u32,
    pub total: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Done {
    pub done: u32,
    pub total: u32,
}

/// Days since something last happened; `null` when it never did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaysSince {
    pub exercise: Option<u32>,
    pub full_review: Option<u32>,
    pub restore_test: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareSupplier {
    /// The catalogue id.
    pub catalogue: String,
    /// The most critical process that depends on it (directly or through one of
    /// its systems): `critical`, `high`, `medium`, `low`, or `none` when no process
    /// in the process map does.
    pub dependency: String,
    /// Days since the last restore test of a backup of one of its systems; `null`
    /// when there is none.
    pub restore_test: Option<u32>,
}

/// The dependency keys, most critical first.
pub const DEPENDENCIES: [&str; 5] = ["critical", "high", "medium", "low", "none"];

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn score(score: Score) -> ShareScore {
    ShareScore {
        percent: score.percent,
        level: key(&MaturityLevel::from_percent(score.percent)),
        answered: u32_of(score.answered),
        total: u32_of(score.total),
    }
}

/// Days from `then` to `today`, never negative.
fn days(then: Date, today: Date) -> u32 {
    u32::try_from(then.days_until(today).max(0)).unwrap_or(u32::MAX)
}

/// The share file of `workbook` on `today`, given its findings.
pub fn summary(
    workbook: &Workbook,
    findings: &[Finding],
    today: Date,
    catalogue: &SupplierCatalogue,
) -> ShareFile {
    let result = selfcheck_result(workbook);
    // The same counts as `paraat status` shows (retired items and skipped steps
    // left out).
    let progress = crate::review::overview::progress(workbook);
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for finding in findings {
        *counts.entry(finding.code.as_str().to_owned()).or_default() += 1;
    }
    let last_restore = workbook
        .backups
        .backups
        .iter()
        .filter_map(|b| b.last_restore_test())
        .map(|t| t.date)
        .filter(|d| *d <= today)
        .max();
    let (suppliers, unlisted) = suppliers(workbook, today, catalogue);
    ShareFile {
        schema: SHARE_SCHEMA.to_owned(),
        version: SHARE_VERSION,
        paraat: env!("CARGO_PKG_VERSION").to_owned(),
        format: FORMAT,
        date: today,
        kind: key(&workbook.manifest.organisation.kind),
        size: workbook.manifest.organisation.staff.key().to_owned(),
        selfcheck: ShareSelfCheck {
            overall: score(result.overall),
            principles: result
                .principles
                .iter()
                .map(|p| SharePrinciple::new(key(&p.principle), score(p.score)))
                .collect(),
        },
        checklist: Answered {
            answered: u32_of(progress.checklist.done),
            total: u32_of(progress.checklist.total),
        },
        plan: Done {
            done: u32_of(progress.plan.done),
            total: u32_of(progress.plan.total),
        },
        findings: counts,
        days_since: DaysSince {
            exercise: crate::review::last_exercise(workbook, today).map(|d| days(d, today)),
            full_review: workbook
                .manifest
                .review
                .last
                .as_ref()
                .map(|l| days(l.date, today)),
            restore_test: last_restore.map(|d| days(d, today)),
        },
        suppliers,
        unlisted_suppliers: unlisted,
    }
}

/// The catalogue suppliers the workbook depends on (one entry per catalogue id,
/// the most critical dependency and the most recent restore test of the ones
/// linked to it), and how many suppliers are not linked to the catalogue.
fn suppliers(
    workbook: &Workbook,
    today: Date,
    catalogue: &SupplierCatalogue,
) -> (Vec<ShareSupplier>, u32) {
    let mut by_id: BTreeMap<&str, (Option<Criticality>, Option<Date>)> = BTreeMap::new();
    let mut unlisted = 0u32;
    let processes = &workbook.processes;
    for supplier in &processes.suppliers {
        let entry = supplier
            .catalogue
            .as_deref()
            .and_then(|id| catalogue.entry(id.trim()));
        let Some(entry) = entry else {
            unlisted += 1;
            continue;
        };
        let systems: Vec<&crate::model::Id> = processes
            .systems
            .iter()
            .filter(|s| s.supplier.as_ref() == Some(&supplier.id))
            .map(|s| &s.id)
            .collect();
        let most_critical = processes
            .processes
            .iter()
            .filter(|p| {
                p.suppliers.contains(&supplier.id) || p.systems.iter().any(|s| systems.contains(&s))
            })
            .map(|p| p.criticality)
            .min();
        let tested = workbook
            .backups
            .backups
            .iter()
            .filter(|b| b.systems.iter().any(|s| systems.contains(&s)))
            .filter_map(|b| b.last_restore_test())
            .map(|t| t.date)
            .filter(|d| *d <= today)
            .max();
        let slot = by_id.entry(entry.id.as_str()).or_insert((None, None));
        slot.0 = match (slot.0, most_critical) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        slot.1 = slot.1.max(tested);
    }
    let list = by_id
        .into_iter()
        .map(|(id, (criticality, tested))| ShareSupplier {
            catalogue: id.to_owned(),
            dependency: criticality.map_or_else(|| "none".to_owned(), |c| key(&c)),
            restore_test: tested.map(|d| days(d, today)),
        })
        .collect();
    (list, unlisted)
}

/// Why a share file was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    #[error("this is not a paraat share file (it has no \"schema\": \"paraat-share\")")]
    NotAShareFile,
    #[error(
        "this share file was written by a newer paraat (version {0}; this paraat reads version {SHARE_VERSION}); update paraat"
    )]
    Newer(u32),
    #[error("\"{field}\" holds a value no share file has: {value}")]
    Unknown { field: &'static str, value: String },
    #[error("\"{field}\" is out of range: {value}")]
    OutOfRange { field: &'static str, value: u32 },
}

/// Reads the schema and version first, so another file or a newer version gets
/// its own message instead of a field error.
pub fn peek(value: &serde_json::Value) -> Result<(), ShareError> {
    if value.get("schema").and_then(|s| s.as_str()) != Some(SHARE_SCHEMA) {
        return Err(ShareError::NotAShareFile);
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(SHARE_VERSION) => {
            Err(ShareError::Newer(u32::try_from(v).unwrap_or(u32::MAX)))
        }
        _ => Ok(()),
    }
}

impl ShareFile {
    /// Checks that every value is one a share file can hold: known codes, levels,
    /// kinds and catalogue-shaped ids, percentages up to 100.
    pub fn check(&self) -> Result<(), ShareError> {
        let unknown = |field: &'static str, value: &str| ShareError::Unknown {
            field,
            value: crate::sanitize::sanitize_line(value),
        };
        let one_of = |field: &'static str, value: &str, known: &[String]| {
            if known.iter().any(|k| k == value) {
                Ok(())
            } else {
                Err(unknown(field, value))
            }
        };
        let kinds: Vec<String> = OrganisationKind::ALL.iter().map(key).collect();
        let sizes: Vec<String> = StaffBand::ALL.iter().map(|s| s.key().to_owned()).collect();
        let levels: Vec<String> = MaturityLevel::ALL.iter().map(key).collect();
        let principles: Vec<String> = Principle::ALL.iter().map(key).collect();
        let dependencies: Vec<String> = DEPENDENCIES.iter().map(|d| (*d).to_owned()).collect();
        one_of("kind", &self.kind, &kinds)?;
        one_of("size", &self.size, &sizes)?;
        let score = |s: &ShareScore| {
            one_of("level", &s.level, &levels)?;
            if s.percent > 100 {
                return Err(ShareError::OutOfRange {
                    field: "percent",
                    value: u32::from(s.percent),
                });
            }
            Ok(())
        };
        score(&self.selfcheck.overall)?;
        for p in &self.selfcheck.principles {
            one_of("principle", &p.principle, &principles)?;
            score(&p.score())?;
        }
        for code in self.findings.keys() {
            if Code::parse(code).is_none() {
                return Err(unknown("findings", code));
            }
        }
        for s in &self.suppliers {
            if !is_plain_id(&s.catalogue) {
                return Err(unknown("suppliers.catalogue", &s.catalogue));
            }
            one_of("suppliers.dependency", &s.dependency, &dependencies)?;
        }
        Ok(())
    }
}
