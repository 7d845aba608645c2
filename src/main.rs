//! The `paraat` binary: parse arguments, run the command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use paraat::cli::{self, Cli, EXIT_FAILURE};

fn main() -> ExitCode {
    let _ = color_eyre::install();
    let cli = Cli::parse();
    match cli::run(&cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("paraat: {error}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
