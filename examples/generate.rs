//! Writes a large generated workbook for benchmarks and for trying the TUI at scale.
//!
//! `cargo run --release --example generate -- --risks 10000 --processes 2000 --contacts 2000 --backups 2000 DIR`

#[path = "../benches/generator.rs"]
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a large generated workbook")]
struct Args {
    #[arg(long, default_value_t = 10_000)]
    risks: usize,
    #[arg(long, default_value_t = 2_000)]
    processes: usize,
    #[arg(long, default_value_t = 2_000)]
    contacts: usize,
    #[arg(long, default_value_t = 2_000)]
    backups: usize,
    /// The folder to create (must not hold a workbook yet)
    dir: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.dir.join("paraat.ron").exists() {
        eprintln!("{} already holds a workbook", args.dir.display());
        return ExitCode::from(2);
    }
    let size = generator::Size {
        risks: args.risks,
        processes: args.processes,
        contacts: args.contacts,
        backups: args.backups,
    };
    match generator::write(&args.dir, size) {
        Ok(()) => {
            println!("wrote a generated workbook to {}", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", args.dir.display());
            ExitCode::from(2)
        }
    }
}
