//! `paraat incident personal-data`: record that personal data is involved; the 72-hour clock runs.

use super::args::*;
use super::context::*;
use super::status;
use crate::cli::CliError;
use crate::model::bilingual::say;
use crate::model::{Deadline, EntryKind};
use crate::response::words;

pub fn run(ctx: &Context, target: &Target) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook_or_warn();
    let incident = ctx.pick(target.id.as_deref())?;
    let by = ctx.author(target.by.as_deref());
    let entry = ctx.entry(&by, EntryKind::Note, words::personal_data(lang));
    let (updated, changed) = ctx
        .writer()
        .mark_personal_data(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let id = updated.id.as_str();
    let mut out = if changed {
        say!(
            lang,
            "Recorded in {id}: personal data is involved.\n",
            "Vastgelegd in {id}: er zijn persoonsgegevens betrokken.\n"
        )
    } else {
        say!(
            lang,
            "{id} already records that personal data is involved.\n",
            "In {id} staat al dat er persoonsgegevens betrokken zijn.\n"
        )
    };
    out.push_str(&status::clock_of(
        ctx,
        workbook,
        &updated,
        Deadline::DataProtection,
    ));
    print(&out);
    Ok(())
}
