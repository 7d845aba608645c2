//! A large, deterministic workbook for benchmarks: `cargo run --release --example
//! generate -- --risks 10000 --processes 2000 --contacts 2000 --backups 2000 DIR`.
//!
//! Shared by the `generate` example and the benchmarks (included with `#[path]`).
//! Records are plausible (references resolve, values in range, texts of realistic
//! length), so the rules and screens do real work on them.
#![allow(dead_code)]

use paraat::model::*;

/// How many records of each kind.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub risks: usize,
    pub processes: usize,
    pub contacts: usize,
    pub backups: usize,
}

impl Size {
    pub const LARGE: Size = Size {
        risks: 10_000,
        processes: 2_000,
        contacts: 2_000,
        backups: 2_000,
    };
}

/// A small deterministic pseudo-random source (xorshift), so every run makes the same workbook.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn one_to_five(&mut self) -> u8 {
        1 + self.below(5) as u8
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "collection",
    "server",
    "supplier",
    "backup",
    "ransomware",
    "phishing",
    "donor",
    "ticket",
    "climate",
    "network",
    "archive",
    "laptop",
    "invoice",
    "website",
    "depot",
    "catalogue",
    "storage",
    "account",
    "password",
    "update",
    "firewall",
    "exhibition",
    "loan",
    "register",
];

fn sentence(dice: &mut Dice, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[dice.below(WORDS.len())]);
    }
    out
}

fn date(dice: &mut Dice) -> Date {
    Date::from_ymd(
        2025 + dice.below(3) as i32,
        1 + dice.below(12) as u32,
        1 + dice.below(28) as u32,
    )
    .expect("a valid day")
}

/// A risk's notes as people write them: mostly words, often a dated remark with
/// a reference, and one in a thousand with a password that should not be there.
fn note(dice: &mut Dice, n: usize) -> String {
    match n % 1000 {
        500 => format!("NAS admin password: Reiger{n}!"),
        _ if n.is_multiple_of(4) => format!(
            "Checked on {}: {} (ref. SUP-{:02}/{}, see STEP-5.{})",
            date(dice),
            sentence(dice, 6),
            1 + dice.below(20),
            2025 + dice.below(2),
            1 + dice.below(8)
        ),
        _ => sentence(dice, 6),
    }
}

/// Builds the workbook in memory, starting from the English template.
pub fn generate(size: Size) -> Workbook {
    let mut dice = Dice(0x5eed_cafe_f00d_d00d);
    let mut wb = paraat::store::templates::new_workbook(
        Language::En,
        "Generated Museum",
        OrganisationKind::Museum,
    )
    .expect("the template loads");
    let systems = (size.processes / 2).max(1);
    let suppliers = (size.processes / 10).max(1);

    wb.contacts.contacts = (1..=size.contacts)
        .map(|n| Contact {
            id: Id::with_number("C", n as u32, 3),
            name: format!("Contact {n} {}", sentence(&mut dice, 1)),
            role: sentence(&mut dice, 2),
            organisation: sentence(&mut dice, 1),
            kind: dice.pick(&ContactKind::ALL),
            authority: None,
            phones: if n % 97 == 0 {
                vec![Phone {
                    label: "Mobile".into(),
                    number: format!("06 5555 {:04}", n % 10_000),
                }]
            } else {
                vec![Phone {
                    label: "Office".into(),
                    number: format!("020 555 {:04}", n % 10_000),
                }]
            },
            email: format!("contact{n}@example.org"),
            out_of_band: if n % 3 == 0 {
                String::new()
            } else {
                "Signal".into()
            },
            availability: "office hours".into(),
            verified: Some(date(&mut dice)),
            needs: String::new(),
            notes: sentence(&mut dice, 6),
            origin: None,
            private: PrivateDetails::default(),
        })
        .collect();
    let contact = |dice: &mut Dice| {
        Some(Id::with_number(
            "C",
            1 + dice.below(size.contacts) as u32,
            3,
        ))
    };

    wb.processes.suppliers = (1..=suppliers)
        .map(|n| Supplier {
            id: Id::with_number("SUP", n as u32, 2),
            name: format!("Supplier {n}"),
            service: sentence(&mut dice, 3),
            // Every third supplier is one of the catalogue's (no dice thrown, so
            // the rest of the workbook stays as it was).
            catalogue: (n % 3 == 0)
                .then(|| ["axiell", "microsoft", "tessitura", "shopify"][n / 3 % 4].to_owned()),
            contract_end: Some(date(&mut dice)),
            security_agreements: n % 2 == 0,
            incident_contact: contact(&mut dice),
            exit_plan: sentence(&mut dice, 5),
            notes: String::new(),
        })
        .collect();
    wb.processes.systems = (1..=systems)
        .map(|n| System {
            id: Id::with_number("S", n as u32, 3),
            name: format!("System {n} {}", sentence(&mut dice, 1)),
            kind: dice.pick(&SystemKind::ALL),
            data: vec![dice.pick(&DataKind::ALL)],
            location: sentence(&mut dice, 2),
            supplier: Some(Id::with_number("SUP", 1 + dice.below(suppliers) as u32, 2)),
            owner: contact(&mut dice),
            notes: String::new(),
        })
        .collect();
    let hours = [4, 8, 24, 48, 72];
    wb.processes.processes = (1..=size.processes)
        .map(|n| Process {
            id: Id::with_number("P", n as u32, 3),
            name: format!("Process {n} {}", sentence(&mut dice, 2)),
            owner: contact(&mut dice),
            description: sentence(&mut dice, 12),
            criticality: dice.pick(&Criticality::ALL),
            mtd: Some(Duration::Hours(dice.pick(&hours) * 2)),
            rto: Some(Duration::Hours(dice.pick(&hours))),
            rpo: Some(Duration::Hours(dice.pick(&hours))),
            minimum_service: sentence(&mut dice, 6),
            workaround: if n % 5 == 0 {
                String::new()
            } else {
                sentence(&mut dice, 10)
            },
            systems: (0..2)
                .map(|_| Id::with_number("S", 1 + dice.below(systems) as u32, 3))
                .collect(),
            suppliers: vec![Id::with_number("SUP", 1 + dice.below(suppliers) as u32, 2)],
            recovery_order: Some(n as u32),
            notes: String::new(),
        })
        .collect();
    wb.backups.backups = (1..=size.backups)
        .map(|n| Backup {
            id: Id::with_number("B", n as u32, 3),
            what: format!("Backup {n} {}", sentence(&mut dice, 2)),
            systems: vec![Id::with_number("S", 1 + dice.below(systems) as u32, 3)],
            method: sentence(&mut dice, 4),
            frequency: Duration::Hours(dice.pick(&hours)),
            retention: Some(Duration::Days(30)),
            copies: (0..1 + dice.below(3))
                .map(|_| BackupCopy {
                    medium: dice.pick(&Medium::ALL),
                    location: dice.pick(&CopyLocation::ALL),
                    place: sentence(&mut dice, 2),
                    offline: dice.below(3) == 0,
                    immutable: dice.below(3) == 0,
                })
                .collect(),
            encrypted: true,
            responsible: contact(&mut dice),
            last_success: Some(date(&mut dice)),
            restore_test_every: Some(Duration::Months(6)),
            restore_tests: (0..dice.below(4))
                .map(|_| RestoreTest {
                    date: date(&mut dice),
                    restored: sentence(&mut dice, 3),
                    result: dice.pick(&RestoreResult::ALL),
                    took: Some(Duration::Hours(dice.pick(&hours))),
                    notes: String::new(),
                })
                .collect(),
            notes: String::new(),
        })
        .collect();
    let steps: Vec<Id> = wb.steps().map(|(_, s)| s.id.clone()).collect();
    wb.risks.risks = (1..=size.risks)
        .map(|n| Risk {
            id: Id::with_number("R", n as u32, 3),
            title: format!("Risk {n}: {}", sentence(&mut dice, 4)),
            description: format!("{}\n{}", sentence(&mut dice, 14), sentence(&mut dice, 10)),
            threat: sentence(&mut dice, 5),
            vulnerability: sentence(&mut dice, 5),
            category: sentence(&mut dice, 1),
            processes: vec![Id::with_number(
                "P",
                1 + dice.below(size.processes) as u32,
                3,
            )],
            systems: vec![Id::with_number("S", 1 + dice.below(systems) as u32, 3)],
            suppliers: vec![Id::with_number("SUP", 1 + dice.below(suppliers) as u32, 2)],
            owner: contact(&mut dice),
            current: Rating {
                likelihood: dice.one_to_five(),
                impact: dice.one_to_five(),
            },
            measures: sentence(&mut dice, 8),
            treatment: Some(dice.pick(&Treatment::ALL)),
            actions: vec![steps[dice.below(steps.len())].clone()],
            residual: Some(Rating {
                likelihood: dice.one_to_five(),
                impact: dice.one_to_five(),
            }),
            status: dice.pick(&RiskStatus::ALL),
            review_by: Some(date(&mut dice)),
            acceptance: None,
            notes: note(&mut dice, n),
        })
        .collect();
    // Most accepted risks have their acceptance on record; some have expired.
    for risk in &mut wb.risks.risks {
        if risk.treatment == Some(Treatment::Accept) && dice.below(4) != 0 {
            let on = date(&mut dice);
            risk.acceptance = Some(Acceptance {
                by: contact(&mut dice).expect("a contact"),
                on,
                reason: sentence(&mut dice, 8),
                until: on.plus_months(12),
            });
        }
    }
    // The crisis roles are filled, some without a deputy.
    for (i, role) in wb.contacts.crisis_roles.iter_mut().enumerate() {
        role.primary = contact(&mut dice);
        role.deputy = if i == 3 { None } else { contact(&mut dice) };
    }
    wb.manifest.organisation.notifier = contact(&mut dice);
    wb.manifest.review.last = Some(LastReview {
        date: date(&mut dice),
        by: "IT lead".into(),
    });
    // A yearly exercise.
    wb.incidents = (2025..=2026)
        .map(|year| {
            let at = Timestamp::parse(&format!("{year}-06-12T09:00:00Z")).expect("a timestamp");
            Incident {
                id: Id::new(format!("{year}-06-12-tabletop")),
                title: format!("Tabletop exercise {year}"),
                kind: IncidentKind::Exercise,
                scenario: Some(sentence(&mut dice, 12)),
                declared_at: at,
                declared_by: "Director".into(),
                discovered_at: None,
                severity: Severity::High,
                affected_systems: vec![Id::with_number("S", 1, 3)],
                personal_data: false,
                status: IncidentStatus::Closed,
                timeline: (0..40)
                    .map(|m| TimelineEntry {
                        at: at.plus_minutes(m * 2),
                        by: "Incident lead".into(),
                        kind: EntryKind::Note,
                        text: sentence(&mut dice, 12),
                    })
                    .collect(),
                notifications: Vec::new(),
                closed_at: Some(at.plus_minutes(90)),
                lessons: Vec::new(),
                report: Default::default(),
                notes: String::new(),
            }
        })
        .collect();
    wb.risks.next_number = size.risks as u32 + 1;
    wb.contacts.next_number = size.contacts as u32 + 1;
    wb.backups.next_number = size.backups as u32 + 1;
    wb.processes.next_process = size.processes as u32 + 1;
    wb.processes.next_system = systems as u32 + 1;
    wb.processes.next_supplier = suppliers as u32 + 1;
    wb
}

/// Generates and writes a workbook folder at `dir` (which must not hold one yet).
pub fn write(dir: &std::path::Path, size: Size) -> std::io::Result<()> {
    let workbook = generate(size);
    std::fs::create_dir_all(dir.join("incidents"))?;
    std::fs::create_dir_all(dir.join("private"))?;
    let files = paraat::store::render_workbook(&workbook, false).map_err(std::io::Error::other)?;
    for file in files {
        std::fs::write(dir.join(&file.path), file.text)?;
    }
    Ok(())
}
