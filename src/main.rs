//! The `paraat` binary: parse arguments, run the command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use paraat::cli::{self, Cli, EXIT_FAILURE};
use paraat::sanitize::sanitize_text;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(report_panic));
    let cli = Cli::parse();
    match cli::run(&cli) {
        Ok(code) => code,
        Err(error) => {
            // Errors quote names, ids and values from the files: made safe here.
            eprintln!("paraat: {}", sanitize_text(&error.for_person()));
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// A panic is a bug in paraat. Its message can quote text from a workbook file
/// (a panic about a string shows the string), and this report may end up in a CI
/// log, so it names only the place in paraat's code, never the message.
fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    eprintln!(
        "paraat: internal error{place}. This is a bug in paraat, not in your workbook; please report it with the command you ran (the message is not shown, as it may quote your files)."
    );
    let backtrace = std::backtrace::Backtrace::capture();
    if backtrace.status() == std::backtrace::BacktraceStatus::Captured {
        eprintln!("{backtrace}");
    }
}
