//! The sector view: the share file is anonymous by construction, the sector report
//! suppresses every small group (in JSON and in HTML), and the commands read other
//! people's files with care.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TestWorkbook, paraat};
use paraat::model::*;
use paraat::review::{Code, review};
use paraat::sector::report::{MIN_GROUP, SectorReport, roll_up};
use paraat::sector::share::*;
use paraat::sector::{html, share::summary};
use paraat::store::{Store, templates};
use proptest::prelude::*;
use serde_json::Value;

#[path = "../benches/generator.rs"]
mod generator;
#[path = "../benches/share_generator.rs"]
mod share_generator;

fn today() -> Date {
    Date::parse("2026-12-01").unwrap()
}

// ------------------------------------------------------------ anonymity

/// Puts a distinctive marker in every text of the organisation block and of every
/// contact (private details included), and in every free text of the registers.
/// Returns the markers.
fn mark(wb: &mut Workbook) -> Vec<String> {
    let mut markers = Vec::new();
    let mut next = |what: &str| {
        let m = format!("QQMARK{}{what}", markers.len());
        markers.push(m.clone());
        m
    };
    let o = &mut wb.manifest.organisation;
    o.name = next("name");
    o.city = next("city");
    o.address = next("address");
    o.chamber_of_commerce = next("kvk");
    o.sector = next("sector");
    o.insurance_policy = next("policy");
    wb.manifest.printed_copies = next("copies");
    wb.manifest.notes = next("notes");
    if let Some(last) = &mut wb.manifest.review.last {
        last.by = next("reviewer");
    }
    for c in &mut wb.contacts.contacts {
        c.name = next("contact");
        c.role = next("role");
        c.organisation = next("org");
        c.email = next("email");
        c.out_of_band = next("oob");
        c.availability = next("availability");
        c.needs = next("needs");
        c.notes = next("cnotes");
        for p in &mut c.phones {
            p.label = next("label");
            p.number = next("phone");
        }
        c.private.phones = vec![Phone {
            label: next("plabel"),
            number: next("pphone"),
        }];
        c.private.email = next("pemail");
        c.private.address = next("home");
        c.private.notes = next("pnotes");
        c.private.out_of_band = next("poob");
    }
    for s in &mut wb.processes.suppliers {
        s.name = next("supplier");
        s.service = next("service");
    }
    // A catalogue link typed as free text is not a catalogue id.
    if let Some(s) = wb.processes.suppliers.first_mut() {
        s.catalogue = Some(next("typed"));
    }
    // Every other free text: each string with a space in it, through JSON.
    fn walk(v: &mut Value, next: &mut dyn FnMut(&str) -> String) {
        match v {
            Value::String(s) if s.contains(' ') => *s = format!("{} {s}", next("text")),
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, next)),
            Value::Object(o) => o.values_mut().for_each(|x| walk(x, next)),
            _ => {}
        }
    }
    macro_rules! texts {
        ($($part:expr),+) => {$({
            let mut v = serde_json::to_value(&$part).unwrap();
            walk(&mut v, &mut next);
            $part = serde_json::from_value(v).unwrap();
        })+};
    }
    let private: Vec<PrivateDetails> = wb
        .contacts
        .contacts
        .iter()
        .map(|c| c.private.clone())
        .collect();
    texts!(
        wb.checklist,
        wb.selfcheck,
        wb.plan,
        wb.risks,
        wb.processes,
        wb.backups,
        wb.incidents,
        wb.contacts
    );
    for (c, p) in wb.contacts.contacts.iter_mut().zip(private) {
        c.private = p;
    }
    markers
}

/// Every string in the share file, and every object key, comes from a fixed set.
fn only_known_values(share: &ShareFile) {
    let catalogue = templates::catalogue().unwrap();
    let mut allowed: BTreeSet<String> = BTreeSet::new();
    allowed.extend([
        SHARE_SCHEMA.to_owned(),
        env!("CARGO_PKG_VERSION").to_owned(),
    ]);
    allowed.insert(share.date.to_string());
    allowed.extend(OrganisationKind::ALL.iter().map(key));
    allowed.extend(StaffBand::ALL.iter().map(|s| s.key().to_owned()));
    allowed.extend(
        paraat::review::selfcheck::MaturityLevel::ALL
            .iter()
            .map(key),
    );
    allowed.extend(Principle::ALL.iter().map(key));
    allowed.extend(DEPENDENCIES.iter().map(|d| (*d).to_owned()));
    allowed.extend(catalogue.suppliers.iter().map(|e| e.id.clone()));
    let keys: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    fn walk(v: &Value, allowed: &BTreeSet<String>, codes: &BTreeSet<String>, in_findings: bool) {
        match v {
            Value::String(s) => assert!(allowed.contains(s), "the share file holds {s:?}"),
            Value::Array(a) => a.iter().for_each(|x| walk(x, allowed, codes, false)),
            Value::Object(o) => {
                for (k, x) in o {
                    if in_findings {
                        assert!(codes.contains(k), "a finding key {k:?}");
                    }
                    walk(x, allowed, codes, k == "findings");
                }
            }
            _ => {}
        }
    }
    walk(
        &serde_json::to_value(share).unwrap(),
        &allowed,
        &keys,
        false,
    );
}

fn assert_anonymous(wb: &Workbook, markers: &[String]) {
    let catalogue = templates::catalogue().unwrap();
    let share = summary(wb, &review(wb, today()), today(), &catalogue);
    let text = serde_json::to_string_pretty(&share).unwrap();
    for m in markers {
        assert!(!text.contains(m.as_str()), "{m} leaked into the share file");
    }
    assert!(!text.contains("QQMARK"));
    only_known_values(&share);
    // No record id either.
    for (_, step) in wb.steps() {
        assert!(!text.contains(&format!("\"{}\"", step.id)));
    }
    for c in &wb.contacts.contacts {
        assert!(!text.contains(&format!("\"{}\"", c.id)));
    }
}

#[test]
fn the_share_file_holds_nothing_from_contacts_organisation_or_free_text_of_the_example() {
    let example = TestWorkbook::example();
    let mut wb = Store::load(example.path()).unwrap().workbook;
    // Links to the catalogue so the supplier part is filled too.
    wb.processes.suppliers[1].catalogue = Some("tessitura".into());
    let markers = mark(&mut wb);
    assert!(markers.len() > 100, "{}", markers.len());
    assert_anonymous(&wb, &markers);

    // The binary writes the same: save the marked workbook and run `share`.
    let mut loaded = Store::open_for_editing(example.path()).unwrap();
    loaded.store.save(&wb).unwrap();
    drop(loaded);
    let out = paraat()
        .current_dir(example.path())
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["share", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("QQMARK"), "{text}");
    assert!(text.contains("\"tessitura\""), "{text}");
}

#[test]
fn the_share_file_holds_nothing_from_generated_workbooks() {
    for size in [
        generator::Size {
            risks: 40,
            processes: 20,
            contacts: 30,
            backups: 15,
        },
        generator::Size {
            risks: 300,
            processes: 120,
            contacts: 150,
            backups: 80,
        },
    ] {
        let mut wb = generator::generate(size);
        let markers = mark(&mut wb);
        if let Some(s) = wb.processes.suppliers.last_mut() {
            s.catalogue = Some("axiell".into());
        }
        assert_anonymous(&wb, &markers);
        let share = summary(
            &wb,
            &review(&wb, today()),
            today(),
            &templates::catalogue().unwrap(),
        );
        assert!(
            !share.suppliers.is_empty(),
            "generated suppliers link to the catalogue"
        );
    }
}

#[test]
fn a_share_file_someone_tampered_with_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let good = share_generator::share_files(1, 1, 1).remove(0);
    let write = |name: &str, text: String| {
        std::fs::write(dir.path().join(name), text).unwrap();
        dir.path().join(name)
    };
    let mut value = serde_json::to_value(&good).unwrap();
    value["kind"] = Value::String("\u{1b}[31mMuseum of <script>".into());
    let hostile = write("hostile.json", serde_json::to_string(&value).unwrap());
    let text = serde_json::to_string_pretty(&good).unwrap().replace(
        "\"unlisted_suppliers\"",
        "\"name\": \"Museum X\",\n  \"unlisted_suppliers\"",
    );
    let extra = write("extra.json", text);
    let mut newer = serde_json::to_value(&good).unwrap();
    newer["version"] = 9.into();
    newer["new_field"] = 1.into();
    let newer = write("newer.json", serde_json::to_string(&newer).unwrap());
    let other = write("other.json", "{\"schema\": \"paraat-sector\"}".into());
    let broken = write(
        "broken.json",
        "{\n  \"schema\": \"paraat-share\",\n  oops\n}".into(),
    );

    let read = |p: &Path| {
        paraat::sector::files::read_share(p)
            .unwrap_err()
            .to_string()
    };
    let e = read(&hostile);
    assert!(
        e.contains("\"kind\" holds a value no share file has"),
        "{e}"
    );
    assert!(!e.contains('\u{1b}'), "{e}");
    let e = read(&extra);
    assert!(
        e.contains("unknown field `name`") && e.contains("extra.json:"),
        "{e}"
    );
    assert!(read(&newer).contains("newer paraat (version 9"));
    assert!(read(&other).contains("not a paraat share file"));
    let e = read(&broken);
    assert!(e.contains("broken.json:3:3"), "{e}");
}

#[cfg(unix)]
#[test]
fn sector_reads_only_regular_files_leaves_out_the_bad_ones_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    for (i, file) in share_generator::share_files(12, 5, 1).iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("m{i:02}.json")),
            serde_json::to_string(file).unwrap(),
        )
        .unwrap();
    }
    // A FIFO would block a careless reader; a link could point anywhere; a folder.
    let fifo = dir.path().join("pipe.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.json"), "SECRET").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.json"),
        dir.path().join("link.json"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("folder.json")).unwrap();
    std::fs::write(dir.path().join("zz-broken.json"), "{").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not json").unwrap();

    let out = paraat()
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["sector", "--format", "json"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a file was left out");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("zz-broken.json"), "{stderr}");
    assert!(!stderr.contains("SECRET"), "{stderr}");
    let report: SectorReport = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.members, Some(12));

    // Named directly, a FIFO is refused at once rather than waited on.
    let out = paraat()
        .args(["sector"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn sector_takes_workbook_folders_and_share_files_together() {
    let museum = TestWorkbook::example();
    let others = tempfile::tempdir().unwrap();
    let mut args = vec![museum.path().to_path_buf()];
    for (i, file) in share_generator::share_files(6, 9, 1).iter().enumerate() {
        let path = others.path().join(format!("m{i}.json"));
        std::fs::write(&path, serde_json::to_string(file).unwrap()).unwrap();
        args.push(path);
    }
    let out = paraat()
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["sector", "--format", "json"])
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: SectorReport = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.members, Some(7));
    assert_eq!(report.period, "2026-Q4");
}

#[test]
fn share_writes_the_file_it_shows_in_a_dry_run() {
    let wb = TestWorkbook::example();
    let shown = paraat()
        .current_dir(wb.path())
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["share", "--dry-run"])
        .output()
        .unwrap();
    let out = paraat()
        .current_dir(wb.path())
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["share"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let written = std::fs::read(wb.file("paraat-share-2026-12-01.json")).unwrap();
    assert_eq!(
        written, shown.stdout,
        "--dry-run prints exactly what is written"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no names"));
    let read = paraat::sector::files::read_share(&wb.file("paraat-share-2026-12-01.json"));
    assert!(read.is_ok(), "what paraat writes, paraat reads: {read:?}");
}

// ------------------------------------------------------------ suppression

fn shows(n: u64) -> bool {
    n == 0 || n >= u64::from(MIN_GROUP)
}

/// The rules of docs/json.md ("Small groups"), over the JSON: every count of
/// members is null, 0 or at least 5; every `by_…` breakdown of a group leaves
/// hidden parts that are 0 or at least 5 together; every other group inside a
/// group leaves a rest of 0 or at least 5.
fn check_suppression(v: &Value, parent: Option<u64>, path: &str, problems: &mut Vec<String>) {
    let Value::Object(o) = v else {
        if let Value::Array(a) = v {
            for (i, x) in a.iter().enumerate() {
                check_suppression(x, parent, &format!("{path}[{i}]"), problems);
            }
        }
        return;
    };
    let members = o.get("members").and_then(Value::as_u64);
    if let Some(n) = members {
        if !shows(n) {
            problems.push(format!("{path}: {n} members shown"));
        }
        if let Some(p) = parent
            && !shows(p.saturating_sub(n))
        {
            problems.push(format!("{path}: {n} of {p} leaves a rest of {}", p - n));
        }
    }
    for (key, child) in o {
        let child_path = format!("{path}.{key}");
        if key.starts_with("by_")
            && let (Some(whole), Value::Array(parts)) = (members, child)
        {
            let shown: u64 = parts
                .iter()
                .filter_map(|p| p.get("members").and_then(Value::as_u64))
                .sum();
            if !shows(whole.saturating_sub(shown)) {
                problems.push(format!(
                    "{child_path}: the hidden parts add up to {}",
                    whole - shown
                ));
            }
            for (i, part) in parts.iter().enumerate() {
                // Parts are checked on their own; their rest is the hidden sum.
                check_suppression(part, None, &format!("{child_path}[{i}]"), problems);
            }
        } else if key.starts_with("by_") {
            check_suppression(child, None, &child_path, problems);
        } else {
            check_suppression(child, members.or(parent), &child_path, problems);
        }
    }
}

/// The counts in the HTML tables: each "not shown" or 0 or at least 5; and no
/// supplier fewer than 5 members depend on is named.
fn check_html(page: &str, files: &[ShareFile], lang: Language) {
    assert!(!page.contains("<script"), "no scripts");
    assert!(page.contains("Content-Security-Policy"));
    for cell in page.split("<td class=\"n\">").skip(1) {
        let value = &cell[..cell.find("</td>").unwrap()];
        if value.is_empty()
            || value.ends_with('%')
            || value == "not shown"
            || value == "niet getoond"
        {
            continue;
        }
        let n: u64 = value
            .parse()
            .unwrap_or_else(|_| panic!("a count cell holds {value:?}"));
        assert!(shows(n), "the HTML shows a group of {n}");
    }
    let catalogue = templates::catalogue().unwrap();
    let mut users: std::collections::BTreeMap<&str, u32> = Default::default();
    let latest = files
        .iter()
        .map(|f| paraat::sector::report::quarter(f.date))
        .max();
    for f in files
        .iter()
        .filter(|f| Some(paraat::sector::report::quarter(f.date)) == latest)
    {
        for s in &f.suppliers {
            *users.entry(s.catalogue.as_str()).or_default() += 1;
        }
    }
    for (id, n) in users {
        if n < MIN_GROUP
            && let Some(entry) = catalogue.entry(id)
        {
            assert!(
                !page.contains(&paraat::export::html::escape(&entry.name)),
                "{} ({n} members) is named in the {lang:?} report",
                entry.name
            );
        }
    }
}

fn small_sector() -> impl Strategy<Value = Vec<ShareFile>> {
    // Few members, and few per attribute, so small groups are everywhere.
    (0usize..40, any::<u64>(), 1u32..4)
        .prop_map(|(n, seed, quarters)| share_generator::share_files(n, seed, quarters))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn no_group_under_five_shows_in_the_json_or_the_html(files in small_sector()) {
        let catalogue = templates::catalogue().unwrap();
        let report = roll_up(&files, &catalogue, today());
        let json = serde_json::to_value(&report).unwrap();
        let mut problems = Vec::new();
        check_suppression(&json, None, "", &mut problems);
        prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
        for lang in [Language::En, Language::Nl] {
            check_html(&html::render(&report, lang), &files, lang);
        }
    }
}

#[test]
fn the_supplier_concentration_is_said_in_words_and_small_suppliers_are_not_named() {
    let mut files = share_generator::share_files(40, 2, 1);
    for f in &mut files {
        f.suppliers.clear();
    }
    // 30 depend on Axiell, 20 of them untested for a year; 3 on Zetcom.
    for (i, f) in files.iter_mut().enumerate() {
        if i < 30 {
            f.suppliers.push(ShareSupplier {
                catalogue: "axiell".into(),
                dependency: "critical".into(),
                restore_test: if i < 20 { None } else { Some(30) },
            });
        }
        if i < 3 {
            f.suppliers.push(ShareSupplier {
                catalogue: "zetcom".into(),
                dependency: "high".into(),
                restore_test: Some(10),
            });
        }
    }
    let report = roll_up(&files, &templates::catalogue().unwrap(), today());
    let page = html::render(&report, Language::En);
    assert!(
        page.contains("30 of 40 members depend on Axiell (Axiell Collections, Adlib) for collection management; 20 of them have had no restore test of its systems in 12 months."),
        "{page}"
    );
    assert!(!page.contains("Zetcom"));
    assert_eq!(report.suppliers_not_shown, 1);
    // All but 2 of 40: named, the number withheld.
    for f in files.iter_mut().take(38) {
        f.suppliers.push(ShareSupplier {
            catalogue: "microsoft".into(),
            dependency: "low".into(),
            restore_test: None,
        });
    }
    let report = roll_up(&files, &templates::catalogue().unwrap(), today());
    let microsoft = report
        .suppliers
        .iter()
        .find(|s| s.catalogue == "microsoft")
        .unwrap();
    assert_eq!(microsoft.members, None);
    assert!(microsoft.by_dependency.iter().all(|g| g.members.is_none()));
    let page = html::render(&report, Language::Nl);
    assert!(page.contains("Bijna alle 40 leden (op minder dan 5 na) zijn voor hosting en cloud afhankelijk van Microsoft"), "{page}");
}

#[test]
fn fewer_than_five_members_show_nothing() {
    let files = share_generator::share_files(4, 8, 1);
    let report = roll_up(&files, &templates::catalogue().unwrap(), today());
    assert_eq!(report.members, None);
    assert!(report.findings.is_empty() && report.suppliers.is_empty());
    assert_eq!(report.selfcheck.overall.median, None);
    let page = html::render(&report, Language::En);
    assert!(page.contains("Fewer than 5 members sent a share file"));
}

#[test]
fn readiness_over_time_has_a_row_per_quarter() {
    let files = share_generator::share_files(90, 4, 3);
    let report = roll_up(&files, &templates::catalogue().unwrap(), today());
    let keys: Vec<&str> = report
        .over_time
        .by_period
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(keys, ["2026-Q2", "2026-Q3", "2026-Q4"]);
    assert_eq!(report.members, Some(30));
    assert!(
        report
            .over_time
            .by_period
            .iter()
            .all(|p| p.median.is_some())
    );
    let page = html::render(&report, Language::En);
    assert!(page.contains("Readiness over time"));
}

#[test]
fn status_compare_says_where_the_member_stands() {
    let wb = TestWorkbook::example();
    let shares = tempfile::tempdir().unwrap();
    for (i, file) in share_generator::share_files(50, 6, 1).iter().enumerate() {
        std::fs::write(
            shares.path().join(format!("m{i}.json")),
            serde_json::to_string(file).unwrap(),
        )
        .unwrap();
    }
    paraat()
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["sector", "--format", "json", "-o"])
        .arg(wb.file("sector.json"))
        .arg(shares.path())
        .assert()
        .success();
    let out = paraat()
        .current_dir(wb.path())
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["status", "--compare", "sector.json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Against the sector (2026-Q4, 50 members)"),
        "{text}"
    );
    assert!(
        text.contains("Map your risks") && text.contains("sector median"),
        "{text}"
    );
    assert!(text.contains("The sector's most common findings"), "{text}");

    // Not a sector report, or a newer one: said so.
    wb.write("wrong.json", "{\"schema\": \"paraat-share\"}");
    let out = paraat()
        .current_dir(wb.path())
        .args(["status", "--compare", "wrong.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a sector report"));
}

#[test]
fn the_suppression_check_itself_catches_small_groups() {
    let flagged = |text: &str| {
        let mut problems = Vec::new();
        check_suppression(
            &serde_json::from_str(text).unwrap(),
            None,
            "",
            &mut problems,
        );
        problems.len()
    };
    assert_eq!(flagged(r#"{"members": 3}"#), 1);
    assert_eq!(flagged(r#"{"members": 10, "x": {"members": 8}}"#), 1);
    assert_eq!(
        flagged(r#"{"members": 10, "by_level": [{"members": 7}, {"members": null}]}"#),
        1
    );
    assert_eq!(
        flagged(
            r#"{"members": 10, "by_level": [{"members": 5}, {"members": 5}], "x": {"members": null}}"#
        ),
        0
    );
}
