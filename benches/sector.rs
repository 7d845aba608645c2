//! The sector roll-up: `paraat sector` on 1,000 share files (target: at most 2 s
//! on 2 cores). `read_and_roll_up` is what the command does: read and check every
//! file from disk, roll them up, render the HTML and the JSON.

use std::path::PathBuf;
use std::sync::OnceLock;

#[path = "share_generator.rs"]
mod share_generator;

use paraat::model::Date;
use paraat::sector::files::collect;
use paraat::sector::{html, report};

fn main() {
    divan::main();
}

fn files() -> &'static (tempfile::TempDir, Vec<PathBuf>) {
    static FILES: OnceLock<(tempfile::TempDir, Vec<PathBuf>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        for (i, file) in share_generator::share_files(1000, 7, 4).iter().enumerate() {
            let text = serde_json::to_string_pretty(file).expect("json");
            std::fs::write(dir.path().join(format!("member-{i:04}.json")), text).expect("write");
        }
        let path = dir.path().to_path_buf();
        (dir, vec![path])
    })
}

#[divan::bench(sample_count = 20)]
fn read_and_roll_up(bencher: divan::Bencher) {
    let (_, paths) = files();
    let catalogue = paraat::store::templates::catalogue().expect("catalogue");
    let today = Date::parse("2026-12-01").expect("date");
    bencher.bench(|| {
        let collected = collect(paths, today, &catalogue);
        assert_eq!(collected.files.len(), 1000);
        let report = report::roll_up(&collected.files, &catalogue, today);
        let page = html::render(&report, paraat::model::Language::En);
        let json = serde_json::to_string_pretty(&report).expect("json");
        (page.len(), json.len())
    });
}

#[divan::bench(sample_count = 20)]
fn roll_up_only(bencher: divan::Bencher) {
    let shares = share_generator::share_files(1000, 7, 4);
    let catalogue = paraat::store::templates::catalogue().expect("catalogue");
    let today = Date::parse("2026-12-01").expect("date");
    bencher.bench(|| report::roll_up(&shares, &catalogue, today));
}
