//! A member against the sector (`paraat status --compare sector.json`): its own
//! share summary beside the sector report's medians and common findings.

use serde::Serialize;

use super::report::{SectorReport, Shown};
use super::share::ShareFile;
use crate::review::Code;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The quarter the sector report describes.
    pub period: String,
    pub members: Shown,
    pub overall: Standing,
    pub principles: Vec<Standing>,
    /// The sector's most common findings, and how many of each you have.
    pub findings: Vec<FindingStanding>,
    /// Your catalogue suppliers, and how many members depend on them (when the
    /// report names them).
    pub suppliers: Vec<SupplierStanding>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// `overall`, or the principle.
    pub principle: String,
    pub yours: u8,
    pub your_level: String,
    /// The sector's median, when published.
    pub median: Option<u8>,
    /// `above`, `at` or `below` the median; `null` without one.
    pub against_median: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingStanding {
    pub code: Code,
    /// Members with this finding.
    pub members: Shown,
    /// That as a percentage of the members.
    pub percent: Option<u8>,
    /// How many findings of this code your workbook has.
    pub yours: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SupplierStanding {
    pub catalogue: String,
    /// The name in the sector report; `null` when the report does not name the
    /// supplier (fewer than 5 members depend on it).
    pub name: Option<String>,
    pub members: Shown,
}

fn standing(principle: String, yours: u8, level: &str, median: Option<u8>) -> Standing {
    Standing {
        principle,
        yours,
        your_level: level.to_owned(),
        median,
        against_median: median.map(|m| match yours.cmp(&m) {
            std::cmp::Ordering::Greater => "above",
            std::cmp::Ordering::Equal => "at",
            std::cmp::Ordering::Less => "below",
        }),
    }
}

/// `own` (the member's share summary) against `sector`.
pub fn compare(own: &ShareFile, sector: &SectorReport) -> Comparison {
    let overall = &own.selfcheck.overall;
    let principles = own
        .selfcheck
        .principles
        .iter()
        .map(|p| {
            let median = sector
                .selfcheck
                .principles
                .iter()
                .find(|s| s.principle == p.principle)
                .and_then(|s| s.median);
            standing(p.principle.clone(), p.percent, &p.level, median)
        })
        .collect();
    let findings = sector
        .findings
        .iter()
        .filter_map(|f| {
            let code = Code::parse(&f.code)?;
            let percent = match (f.members, sector.members) {
                (Some(n), Some(all)) if all > 0 => {
                    u8::try_from((u64::from(n) * 100 + u64::from(all) / 2) / u64::from(all)).ok()
                }
                _ => None,
            };
            Some(FindingStanding {
                code,
                members: f.members,
                percent,
                yours: own.findings.get(&f.code).copied().unwrap_or(0),
            })
        })
        .collect();
    let suppliers = own
        .suppliers
        .iter()
        .map(|s| {
            let listed = sector.suppliers.iter().find(|x| x.catalogue == s.catalogue);
            SupplierStanding {
                catalogue: s.catalogue.clone(),
                name: listed.map(|x| x.name.clone()),
                members: listed.and_then(|x| x.members),
            }
        })
        .collect();
    Comparison {
        period: sector.period.clone(),
        members: sector.members,
        overall: standing(
            "overall".to_owned(),
            overall.percent,
            &overall.level,
            sector.selfcheck.overall.median,
        ),
        principles,
        findings,
        suppliers,
    }
}
