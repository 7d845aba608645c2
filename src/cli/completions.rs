//! `paraat completions bash|zsh|fish|powershell|elvish` and `paraat man`: what a
//! shell needs to complete paraat's commands, and the manual page, both written
//! from the same command definitions as `--help` (clap_complete, clap_mangen),
//! so they cannot fall behind.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, CliError, EXIT_OK};

#[derive(Debug, clap::Args)]
#[command(after_help = "Install them, for example:\n  \
bash: paraat completions bash > ~/.local/share/bash-completion/completions/paraat\n  \
zsh:  paraat completions zsh > ~/.zfunc/_paraat   (with fpath+=~/.zfunc before compinit)\n  \
fish: paraat completions fish > ~/.config/fish/completions/paraat.fish\n  \
PowerShell: paraat completions powershell >> $PROFILE")]
pub struct Args {
    /// The shell to complete for
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Install it, for example:\n  \
paraat man > ~/.local/share/man/man1/paraat.1   (then: man paraat)")]
pub struct ManArgs {}

pub fn run(args: &Args) -> Result<ExitCode, CliError> {
    let mut command = Cli::command();
    let mut text = Vec::new();
    clap_complete::generate(args.shell, &mut command, "paraat", &mut text);
    write(&text)
}

pub fn man(_: &ManArgs) -> Result<ExitCode, CliError> {
    let mut text = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut text)
        .map_err(|e| CliError::message(format!("cannot write the manual page: {e}")))?;
    write(&text)
}

/// Our own text, not the workbook's: written as it is (a closed pipe is fine).
fn write(text: &[u8]) -> Result<ExitCode, CliError> {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text).and_then(|()| out.flush());
    Ok(ExitCode::from(EXIT_OK))
}
