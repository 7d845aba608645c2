//! How the commands' output looks, decided once from `--quiet` and `--color`
//! and read where everything is printed (`out!`, `note!`, `tell!` and the
//! styled lines), so no command decides it for itself.
//!
//! `--quiet` keeps what a command is for (its report, its data, its errors) and
//! drops the rest: notes and hints on standard error (`note!`) and confirmations
//! such as "Saved risks.ron" (`tell!`). `--color auto` (the default) colours
//! only a terminal and follows `NO_COLOR` (https://no-color.org) and
//! `CLICOLOR_FORCE`; `always` and `never` decide it outright, for the terminal
//! UI too.

use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--color`: when to use colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set
    #[default]
    Auto,
    /// Always, also into a file or a pipe
    Always,
    /// Never
    Never,
}

/// Sets how output looks for the rest of the run.
pub fn set(quiet: bool, color: ColorWhen) {
    QUIET.store(quiet, Ordering::Relaxed);
    let choice = match color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

/// Writes `text` and `end` to standard output. A reader that went away (`paraat
/// status | head`) is not an error: the rest is dropped, nothing panics.
pub fn stdout(text: &str, end: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(end.as_bytes()));
}

/// `--quiet` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}
