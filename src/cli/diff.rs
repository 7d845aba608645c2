//! placeholder
use super::{Cli, CliError};
use std::process::ExitCode;
#[derive(Debug, clap::Args)]
pub struct Args {}
pub fn run(_cli: &Cli, _args: &Args) -> Result<ExitCode, CliError> {
    Ok(ExitCode::SUCCESS)
}
