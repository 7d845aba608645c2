//! Saving is deterministic: model → RON → model is the same data, and a
//! canonical file loads and saves to identical bytes.

mod common;

use common::TestWorkbook;
use paraat::model::*;
use paraat::store::{Store, format, render_workbook};
use proptest::prelude::*;

/// Text with everything that makes RON strings hard: quotes, hashes, backslashes,
/// line breaks, non-ASCII; and now and then any Unicode at all (control
/// characters, bidirectional overrides), lines that look like git's conflict
/// markers or like the start of a record, and very long lines.
fn text() -> impl Strategy<Value = String> {
    let hard =
        prop::string::string_regex("[a-zA-Z0-9 \"#\\\\\n\t'é€ß{}()\\[\\],:r-]{0,30}").unwrap();
    let lines = prop::collection::vec(
        prop_oneof![
            Just("=======".to_owned()),
            Just("<<<<<<< HEAD".to_owned()),
            Just(">>>>>>> theirs".to_owned()),
            Just("||||||| base".to_owned()),
            Just("        Risk(".to_owned()),
            Just("    ],".to_owned()),
            Just("\"#\"##r#\"".to_owned()),
            Just("’s café — ë é".to_owned()),
            "\\PC{0,12}",
        ],
        1..5,
    )
    .prop_map(|lines| lines.join("\n"));
    prop_oneof![
        6 => hard,
        2 => lines,
        1 => any::<String>(),
        1 => "[a-zé ]{0,8}".prop_map(|w| w.repeat(400)),
    ]
}

fn id(prefix: &'static str) -> impl Strategy<Value = Id> {
    (1u32..999).prop_map(move |n| Id::with_number(prefix, n, 3))
}

fn date() -> impl Strategy<Value = Date> {
    (2000i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (0u32..1000).prop_map(Duration::Minutes),
        (0u32..1000).prop_map(Duration::Hours),
        (0u32..1000).prop_map(Duration::Days),
        (0u32..100).prop_map(Duration::Weeks),
        (0u32..100).prop_map(Duration::Months),
    ]
}

fn rating() -> impl Strategy<Value = Rating> {
    (0u8..=6, 0u8..=6).prop_map(|(likelihood, impact)| Rating { likelihood, impact })
}

prop_compose! {
    fn risk()(
        id in id("R"), title in text(), description in text(), notes in text(),
        processes in prop::collection::vec(id("P"), 0..3),
        owner in prop::option::of(id("C")),
        current in rating(), residual in prop::option::of(rating()),
        treatment in prop::option::of(prop::sample::select(Treatment::ALL.to_vec())),
        status in prop::sample::select(RiskStatus::ALL.to_vec()),
        review_by in prop::option::of(date()),
        acceptance in prop::option::of((id("C"), date(), text(), date())),
    ) -> Risk {
        Risk {
            id, title, description, threat: String::new(), vulnerability: notes.clone(),
            category: String::new(), processes, systems: vec![], suppliers: vec![], owner,
            current, measures: String::new(), treatment, actions: vec![], residual, status,
            review_by,
            acceptance: acceptance.map(|(by, on, reason, until)| Acceptance { by, on, reason, until }),
            notes,
        }
    }
}

prop_compose! {
    fn contact()(
        id in id("C"), name in text(), email in text(), number in text(),
        private_number in text(), verified in prop::option::of(date()),
        kind in prop::sample::select(ContactKind::ALL.to_vec()),
    ) -> Contact {
        Contact {
            origin: Some(Origin { pack: name.clone(), version: 1, item: email.clone(), retired: false }),
            id, name, role: String::new(), organisation: String::new(), kind, authority: None,
            phones: vec![Phone { label: "Office".into(), number }],
            email, out_of_band: String::new(), availability: String::new(), verified,
            needs: String::new(), notes: String::new(),
            private: PrivateDetails {
                phones: vec![Phone { label: "Mobile".into(), number: private_number }],
                ..PrivateDetails::default()
            },
        }
    }
}

prop_compose! {
    fn backup()(
        id in id("B"), what in text(), frequency in duration(),
        retention in prop::option::of(duration()),
        copies in prop::collection::vec(
            (prop::sample::select(Medium::ALL.to_vec()), prop::sample::select(CopyLocation::ALL.to_vec()), text(), any::<bool>(), any::<bool>()),
            0..4),
        tests in prop::collection::vec((date(), text(), prop::sample::select(RestoreResult::ALL.to_vec()), prop::option::of(duration())), 0..3),
    ) -> Backup {
        Backup {
            id, what, systems: vec![], method: String::new(), frequency, retention,
            copies: copies.into_iter().map(|(medium, location, place, offline, immutable)| BackupCopy { medium, location, place, offline, immutable }).collect(),
            encrypted: true, responsible: None, last_success: None, restore_test_every: retention,
            restore_tests: tests.into_iter().map(|(date, restored, result, took)| RestoreTest { date, restored, result, took, notes: String::new() }).collect(),
            notes: String::new(),
        }
    }
}

prop_compose! {
    fn process()(id in id("P"), name in text(), mtd in prop::option::of(duration()), rto in prop::option::of(duration()),
                 rpo in prop::option::of(duration()), workaround in text(),
                 criticality in prop::sample::select(Criticality::ALL.to_vec()), order in prop::option::of(0u32..20)) -> Process {
        Process {
            id, name, owner: None, description: String::new(), criticality, mtd, rto, rpo,
            minimum_service: String::new(), workaround, systems: vec![], suppliers: vec![],
            recovery_order: order, notes: String::new(),
        }
    }
}

prop_compose! {
    fn incident()(title in text(), minutes in 0i64..10_000_000, entries in prop::collection::vec((0i64..10_000, text()), 0..4),
                  personal_data in any::<bool>()) -> Incident {
        let declared_at = Timestamp::parse("2026-01-01T00:00:00Z").unwrap().plus_minutes(minutes);
        Incident {
            id: Id::from(format!("{}-test", declared_at.date())),
            title, kind: IncidentKind::Exercise, scenario: None, declared_at, declared_by: "IT lead".into(),
            discovered_at: None, severity: Severity::High, affected_systems: vec![], personal_data,
            status: IncidentStatus::Closed,
            timeline: entries.into_iter().map(|(m, text)| TimelineEntry {
                at: declared_at.plus_minutes(m), by: "x".into(),
                kind: EntryKind::Call { contact: Id::from("C-001"), reached: m % 2 == 0 }, text,
            }).collect(),
            notifications: vec![], closed_at: None, lessons: vec![], notes: String::new(),
        }
    }
}

fn workbook_with(
    risks: Vec<Risk>,
    contacts: Vec<Contact>,
    backups: Vec<Backup>,
    processes: Vec<Process>,
    incident: Option<Incident>,
) -> Workbook {
    let mut workbook =
        paraat::store::templates::new_workbook(Language::En, "Museum", OrganisationKind::Museum)
            .unwrap();
    workbook.risks.risks = risks;
    workbook.contacts.contacts = contacts;
    workbook.backups.backups = backups;
    workbook.processes.processes = processes;
    workbook.incidents = incident.into_iter().collect();
    workbook
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn every_record_survives_a_round_trip_through_its_file(r in risk(), b in backup(), p in process(), i in incident()) {
        let risks = Risks { next_number: 3, risks: vec![r] };
        let text = format::render(&risks).unwrap();
        prop_assert_eq!(format::parse::<Risks>("risks.ron", &text).unwrap(), risks);
        let backups = Backups { next_number: 0, backups: vec![b] };
        let text = format::render(&backups).unwrap();
        prop_assert_eq!(format::parse::<Backups>("backups.ron", &text).unwrap(), backups);
        let processes = Processes { processes: vec![p], ..Processes::default() };
        let text = format::render(&processes).unwrap();
        prop_assert_eq!(format::parse::<Processes>("processes.ron", &text).unwrap(), processes);
        let text = format::render(&i).unwrap();
        prop_assert_eq!(format::parse::<Incident>("incidents/x.ron", &text).unwrap(), i);
    }

    #[test]
    fn a_saved_workbook_loads_equal_and_saves_to_identical_bytes(
        risks in prop::collection::vec(risk(), 0..4),
        contacts in prop::collection::vec(contact(), 0..4),
        backups in prop::collection::vec(backup(), 0..3),
        processes in prop::collection::vec(process(), 0..3),
        incident in prop::option::of(incident()),
    ) {
        // Contact ids must be unique for the private overlay to map back.
        let mut contacts = contacts;
        contacts.sort_by(|a, b| a.id.cmp(&b.id));
        contacts.dedup_by(|a, b| a.id == b.id);
        let workbook = workbook_with(risks, contacts, backups, processes, incident);

        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("private")).unwrap();
        std::fs::create_dir_all(dir.path().join("incidents")).unwrap();
        let files = render_workbook(&workbook, false).unwrap();
        for file in &files {
            std::fs::write(dir.path().join(&file.path), &file.text).unwrap();
        }
        let mut loaded = Store::open_for_editing(dir.path()).unwrap();
        prop_assert_eq!(&loaded.workbook, &workbook);
        let report = loaded.store.save(&loaded.workbook).unwrap();
        prop_assert!(report.written.is_empty(), "unchanged data rewrote {:?}", report.written);
        for file in &files {
            let on_disk = std::fs::read_to_string(dir.path().join(&file.path)).unwrap();
            prop_assert_eq!(&on_disk, &file.text);
            prop_assert!(on_disk.ends_with('\n') && !on_disk.contains("\r\n"));
        }
    }
}

#[test]
fn the_templates_load_and_save_byte_identically() {
    for lang in [Language::En, Language::Nl] {
        // "Other" gets the shared files only, so init writes them as they are.
        let dir = tempfile::tempdir().unwrap();
        paraat::store::templates::init(dir.path(), lang, "Museum", OrganisationKind::Other)
            .unwrap();
        let wb = TestWorkbook { dir };
        for (name, text) in paraat::store::templates::template(lang) {
            // The template files are already canonical; init writes them unchanged.
            if *name != "paraat.ron" {
                assert_eq!(
                    &wb.read(name),
                    text,
                    "{name} ({lang:?}) is not canonical in data/templates"
                );
            }
        }
    }
}

proptest! {
    // Each case writes and reads a register past the parallel parser's threshold.
    #![proptest_config(ProptestConfig { cases: 3, .. ProptestConfig::default() })]

    #[test]
    fn a_large_register_of_any_text_saves_loads_equal_and_byte_stable(
        risks in prop::collection::vec(risk(), 8..16),
    ) {
        // Repeat the generated records under new ids until the file is past 1 MiB.
        let mut all = Vec::new();
        let mut n = 0;
        let mut size = 0;
        while size < (1 << 20) + (1 << 18) {
            for r in &risks {
                n += 1;
                let mut r = r.clone();
                r.id = Id::with_number("R", n, 4);
                size += format::render(&r).unwrap().len();
                all.push(r);
            }
        }
        let workbook = workbook_with(all, Vec::new(), Vec::new(), Vec::new(), None);
        let dir = tempfile::tempdir().unwrap();
        let files = render_workbook(&workbook, false).unwrap();
        for file in &files {
            std::fs::write(dir.path().join(&file.path), &file.text).unwrap();
        }
        let risks_text = std::fs::read_to_string(dir.path().join("risks.ron")).unwrap();
        prop_assert!(risks_text.len() > 1 << 20);
        let mut loaded = Store::open_for_editing(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(&loaded.workbook.risks, &workbook.risks);
        let report = loaded.store.save(&loaded.workbook).unwrap();
        prop_assert!(report.written.is_empty());
        let canonical = loaded.store.non_canonical(&loaded.workbook).unwrap();
        prop_assert!(canonical.is_empty(), "{:?}", canonical);
        prop_assert!(
            !risks_text.lines().any(|l| l == "=======" || l.starts_with("<<<<<<< ")),
            "no line of a written file looks like a conflict marker"
        );
    }
}
