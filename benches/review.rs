//! The review engine over a large workbook: `cargo bench --bench review`.
//!
//! Target (issue: the review engine): all rules over the generated workbook with
//! 10,000 risks, 2,000 processes, 2,000 contacts and 2,000 backups run in under
//! 50 ms, and in at most 0.5× the time of loading the same workbook. Divan prints
//! the two side by side (`load_workbook`, `review_engine`), plus the readiness
//! overview the TUI draws from the same findings.

#[path = "generator.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use paraat::model::{Date, Workbook};
use paraat::review;
use paraat::store::Store;

/// The date the rules use; the generator's dates spread around it.
fn today() -> Date {
    Date::parse("2026-12-01").expect("date")
}

fn main() {
    let workbook = workbook();
    let findings = review::review(workbook, today());
    let summary = review::Summary::of(&findings);
    println!(
        "review of the generated workbook ({} risks, {} processes, {} contacts, {} backups): {} findings ({} errors, {} warnings, {} info); target: review under 50 ms and at most 0.5× load",
        workbook.risks.risks.len(),
        workbook.processes.processes.len(),
        workbook.contacts.contacts.len(),
        workbook.backups.backups.len(),
        findings.len(),
        summary.errors,
        summary.warnings,
        summary.info,
    );
    divan::main();
}

/// The generated workbook, written once per run to a temporary folder.
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

/// The workbook as `paraat check` sees it: loaded from the files.
fn workbook() -> &'static Workbook {
    static WORKBOOK: OnceLock<Workbook> = OnceLock::new();
    WORKBOOK.get_or_init(|| Store::load(workbook_dir()).expect("load").workbook)
}

/// Baseline: reading and parsing every file (what `check` does before the rules).
#[divan::bench(sample_count = 20)]
fn load_workbook(bencher: Bencher) {
    let dir = workbook_dir();
    bencher.bench(|| Store::load(dir).expect("load"));
}

/// Every rule: integrity, freshness, continuity, risk, readiness, hygiene.
#[divan::bench(sample_count = 50)]
fn review_engine(bencher: Bencher) {
    let workbook = workbook();
    bencher.bench(|| review::review(workbook, today()));
}

/// The readiness overview from ready findings (what the TUI redraws after an edit).
#[divan::bench(sample_count = 50)]
fn overview_from_findings(bencher: Bencher) {
    let workbook = workbook();
    let findings = review::review(workbook, today());
    bencher.bench(|| review::overview::overview(workbook, &findings, today()));
}

/// The terminal UI's review, kept per register so an edit reviews only what it can
/// change: the whole workbook once, as at start.
#[divan::bench(sample_count = 50)]
fn review_per_register(bencher: Bencher) {
    let workbook = workbook();
    bencher.bench(|| review::Review::new(workbook, today()));
}

/// After an answer to a checklist item: only the checklist's findings again, then
/// every finding put in order (as the Overview tab does when it is shown next).
#[divan::bench(sample_count = 50)]
fn review_after_a_checklist_answer(bencher: Bencher) {
    let workbook = workbook();
    let mut kept = review::Review::new(workbook, today());
    bencher.bench_local(|| {
        kept.update(workbook, today(), &[paraat::model::Register::Checklist]);
        kept.findings().len()
    });
}
