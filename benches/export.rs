//! Exporting a large workbook: `cargo bench --bench export`.
//!
//! Target (issue: the offline incident pack): exporting the generated
//! 10,000-risk workbook to HTML takes under 1 s and at most 3× the time of loading
//! it. Divan prints the two side by side: `load` is `Store::load` of the folder,
//! `export_html` is what `paraat export` does after loading (the review, the stamp,
//! building and rendering the pack, writing the file atomically). The size of the
//! HTML is printed first.

#[path = "generator.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use paraat::export::{ExportFormat, ExportOptions};
use paraat::model::{Date, Timestamp};
use paraat::store::Store;

const GENERATE: &str = "PARAAT_BENCH_GENERATE";

fn main() {
    if let Some(dir) = std::env::var_os(GENERATE) {
        generator::write(Path::new(&dir), generator::Size::LARGE).expect("generate");
        return;
    }
    let loaded = Store::load(workbook_dir()).expect("load");
    let written = export(&loaded.workbook);
    let bytes = std::fs::metadata(&written).map(|m| m.len()).unwrap_or(0);
    println!(
        "HTML pack of the generated workbook ({} risks): {:.1} MB",
        loaded.workbook.risks.risks.len(),
        bytes as f64 / 1_000_000.0
    );
    drop(loaded);
    divan::main();
}

/// The generated workbook, written once per run by a child process (this binary).
fn workbook_dir() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("large");
        let exe = std::env::current_exe().expect("own path");
        let status = std::process::Command::new(exe)
            .env(GENERATE, &dir)
            .status()
            .expect("run the generator");
        assert!(status.success(), "generating the workbook failed");
        (tmp, dir)
    })
    .1
}

fn output() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| tempfile::tempdir().expect("temp dir"))
        .path()
}

fn export(workbook: &paraat::model::Workbook) -> PathBuf {
    let options = ExportOptions {
        format: ExportFormat::Html,
        card_only: false,
        two_pages: false,
        redact: false,
        output: output().join("readiness.html"),
        zone: paraat::model::Zone::utc(),
    };
    let today = Date::parse("2026-12-01").expect("date");
    let now = Timestamp::parse("2026-12-01T10:00:00Z").expect("time");
    let written =
        paraat::export::write(workbook, workbook_dir(), today, now, &options).expect("export");
    written.into_iter().next().expect("one file")
}

/// Baseline: loading the workbook folder.
#[divan::bench(sample_count = 10)]
fn load(bencher: Bencher) {
    let dir = workbook_dir();
    bencher.bench(|| Store::load(dir).expect("load"));
}

/// `paraat export --format html` after loading: review, stamp, render, write.
#[divan::bench(sample_count = 10)]
fn export_html(bencher: Bencher) {
    let loaded = Store::load(workbook_dir()).expect("load");
    bencher.bench(|| export(&loaded.workbook));
}
