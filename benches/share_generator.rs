//! Deterministic share files for the sector benchmark and tests, included with
//! `#[path]`: members of every kind and size, scores spread over the levels, the
//! common findings, catalogue suppliers with a skewed popularity (a few suppliers
//! many members share, a long tail with few), and several quarters.
#![allow(dead_code)]

use std::collections::BTreeMap;

use paraat::model::{Date, OrganisationKind, Principle, StaffBand, key};
use paraat::review::Code;
use paraat::review::selfcheck::MaturityLevel;
use paraat::sector::share::*;

struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Catalogue ids, most popular first.
pub const SUPPLIERS: &[&str] = &[
    "axiell",
    "microsoft",
    "museumkaart",
    "google",
    "shopify",
    "zetcom",
    "tessitura",
    "picturae",
    "woocommerce",
    "preservica",
    "oclc",
    "gomus",
    "gallery-systems",
    "collectiveaccess",
    "docbyte",
    "aws",
    "mais-flexis",
];

fn score(percent: u8, total: u32) -> ShareScore {
    ShareScore {
        percent,
        level: key(&MaturityLevel::from_percent(percent)),
        answered: total,
        total,
    }
}

/// `n` share files made from `seed`, spread over `quarters` quarters ending in 2026-Q4.
pub fn share_files(n: usize, seed: u64, quarters: u32) -> Vec<ShareFile> {
    let mut dice = Dice(seed | 1);
    let days = [
        "2025-02-14",
        "2025-05-20",
        "2025-08-30",
        "2025-11-03",
        "2026-02-10",
        "2026-05-06",
        "2026-08-19",
        "2026-11-24",
    ];
    let quarters = quarters.clamp(1, days.len() as u32) as usize;
    (0..n)
        .map(|i| {
            let base = 20 + dice.below(70) as u8;
            let principles = Principle::ALL
                .iter()
                .map(|p| {
                    SharePrinciple::new(
                        key(p),
                        score(
                            (i32::from(base) + dice.below(30) as i32 - 15).clamp(0, 100) as u8,
                            5,
                        ),
                    )
                })
                .collect();
            let mut findings = BTreeMap::new();
            for code in Code::ALL.iter().take(30) {
                if dice.below(3) == 0 {
                    findings.insert(code.as_str().to_owned(), 1 + dice.below(4) as u32);
                }
            }
            let mut suppliers = Vec::new();
            for (rank, id) in SUPPLIERS.iter().enumerate() {
                // The first suppliers are used by most members, the tail by few.
                if dice.below(rank as u64 * 3 + 2) == 0 {
                    suppliers.push(ShareSupplier {
                        catalogue: (*id).to_owned(),
                        dependency: DEPENDENCIES[dice.below(5) as usize].to_owned(),
                        restore_test: (dice.below(3) > 0).then(|| dice.below(700) as u32),
                    });
                }
            }
            let day = days[days.len() - 1 - (i % quarters)];
            ShareFile {
                schema: SHARE_SCHEMA.to_owned(),
                version: SHARE_VERSION,
                paraat: "0.1.0".to_owned(),
                format: 1,
                date: Date::parse(day).expect("a date"),
                kind: key(&OrganisationKind::ALL[dice.below(5) as usize]),
                size: StaffBand::ALL[dice.below(5) as usize].key().to_owned(),
                selfcheck: ShareSelfCheck {
                    overall: score(base, 28),
                    principles,
                },
                checklist: Answered {
                    answered: dice.below(28) as u32,
                    total: 27,
                },
                plan: Done {
                    done: dice.below(60) as u32,
                    total: 60,
                },
                findings,
                days_since: DaysSince {
                    exercise: (dice.below(2) == 0).then(|| dice.below(900) as u32),
                    full_review: Some(dice.below(800) as u32),
                    restore_test: (dice.below(4) > 0).then(|| dice.below(600) as u32),
                },
                suppliers,
                unlisted_suppliers: dice.below(8) as u32,
            }
        })
        .collect()
}
