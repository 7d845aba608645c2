//! Writes generated share files, to try `paraat sector` without a sector:
//! `cargo run --example share_files -- 300 /tmp/shares && paraat sector /tmp/shares`.
//! The files are made up (deterministic), in the format `paraat share` writes.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/share_generator.rs"]
mod share_generator;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next().and_then(|n| n.parse().ok()), args.next()) else {
        eprintln!("usage: share_files COUNT DIR [QUARTERS]");
        return ExitCode::from(2);
    };
    let quarters = args.next().and_then(|q| q.parse().ok()).unwrap_or(3);
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (i, file) in share_generator::share_files(n, 7, quarters)
        .iter()
        .enumerate()
    {
        let text = serde_json::to_string_pretty(file).expect("share files serialise");
        let path = dir.join(format!("member-{i:04}.json"));
        if let Err(e) = std::fs::write(&path, text + "\n") {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!("wrote {n} share files to {}", dir.display());
    ExitCode::SUCCESS
}
