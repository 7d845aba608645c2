//! Merging two branches of a large workbook: `cargo bench --bench merge`.
//!
//! Target (issue: teamwork in git): merging two branches of the generated
//! 10,000-risk workbook, each changing 100 records, takes at most 3× loading that
//! workbook. `merge_two_branches` does what the merge driver does for such a merge:
//! the renumbering plan over every file's three versions, then the merge of each
//! file both sides changed (risks, contacts and backups here), rendered to
//! canonical text. `load_workbook` is `Store::load` of the same folder. Divan
//! prints the two side by side; the ratio is printed first.

#[path = "generator.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use divan::Bencher;
use paraat::merge::{Options, Snapshot, merge_texts, plan};
use paraat::model::*;
use paraat::store::Store;

fn main() {
    let (base, ours, theirs) = branches();
    let changed = ours
        .iter()
        .filter(|(path, text)| {
            base.get(*path) != Some(text) && theirs.get(*path) != base.get(*path)
        })
        .count();
    // A rough ratio before divan's careful timings.
    let time = |f: &dyn Fn()| {
        let runs = 5;
        let start = Instant::now();
        for _ in 0..runs {
            f();
        }
        start.elapsed().as_secs_f64() / runs as f64
    };
    let load = time(&|| drop(Store::load(workbook_dir()).expect("load")));
    let merge = time(&|| merge_all(base, ours, theirs));
    println!(
        "merging two branches that each change 100 records ({changed} files changed on both sides): {:.0} ms, loading: {:.0} ms, {:.2}× (target: at most 3×)",
        merge * 1000.0,
        load * 1000.0,
        merge / load
    );
    divan::main();
}

/// The base and the two branches, as the texts of every file.
fn branches() -> &'static (Snapshot, Snapshot, Snapshot) {
    static BRANCHES: OnceLock<(Snapshot, Snapshot, Snapshot)> = OnceLock::new();
    BRANCHES.get_or_init(|| {
        let base = generator::generate(generator::Size::LARGE);
        let mut ours = base.clone();
        let mut theirs = base.clone();
        // Each side changes 100 records: 60 risks, 20 contacts, 20 backups, spread
        // through the registers, some of them on both sides in different fields.
        for k in 0..60 {
            ours.risks.risks[k * 150].measures = format!("measured {k}");
            theirs.risks.risks[k * 150 + 75].notes = format!("reviewed {k}");
        }
        for k in 0..20 {
            ours.contacts.contacts[k * 90].availability = format!("office hours, week {k}");
            theirs.contacts.contacts[k * 90 + 45].role = format!("deputy {k}");
            ours.backups.backups[k * 90].method = format!("snapshot {k}");
            theirs.backups.backups[k * 90].notes = format!("checked {k}");
        }
        let snapshot = |w: &Workbook| -> Snapshot {
            paraat::store::render_workbook(w, false)
                .expect("renders")
                .into_iter()
                .map(|f| (f.path, f.text))
                .collect()
        };
        (snapshot(&base), snapshot(&ours), snapshot(&theirs))
    })
}

/// What the driver does for the merge: plan, then each file changed on both sides.
fn merge_all(base: &Snapshot, ours: &Snapshot, theirs: &Snapshot) {
    let (renumbering, taken) = plan(base, ours, theirs, &[]);
    let options = Options {
        renumbering,
        taken,
        ..Options::default()
    };
    for (path, o) in ours {
        let (b, t) = (base.get(path), theirs.get(path));
        if b == Some(o) || t == b || t == Some(o) {
            continue;
        }
        let merged = merge_texts(
            path,
            b.map(String::as_str),
            o,
            t.expect("both sides have it"),
            &options,
        )
        .expect("merges");
        assert!(!merged.has_conflicts(), "{path} conflicts");
        divan::black_box(merged.text.len());
    }
}

/// The base workbook, written once per run to a temporary folder.
fn workbook_dir() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("large");
        generator::write(&dir, generator::Size::LARGE).expect("generate");
        (tmp, dir)
    })
    .1
}

#[divan::bench(sample_count = 10)]
fn load_workbook(bencher: Bencher) {
    let dir = workbook_dir();
    bencher.bench(|| Store::load(dir).expect("load"));
}

#[divan::bench(sample_count = 10)]
fn merge_two_branches(bencher: Bencher) {
    let (base, ours, theirs) = branches();
    bencher.bench(|| merge_all(base, ours, theirs));
}
