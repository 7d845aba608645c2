//! `paraat incident call`: record a call from the call order, and whether the person was reached.

use super::args::*;
use super::context::*;
use super::status;
use crate::cli::CliError;
use crate::model::EntryKind;
use crate::model::Register;
use crate::model::bilingual::say;
use crate::response::{self, words};

pub fn run(ctx: &Context, args: &CallArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    ctx.workbook_or_warn();
    let workbook = ctx.with(Register::Contacts);
    let contact = known_contact(ctx, &args.contact)?;
    let incident = ctx.pick(args.target.id.as_deref())?;
    let by = ctx.author(args.target.by.as_deref());
    let who = words::contact_label(workbook, &contact);
    let text = words::call(&who, args.reached, lang);
    let entry = ctx.entry(
        &by,
        EntryKind::Call {
            contact: contact.clone(),
            reached: args.reached,
        },
        words::with_note(text.clone(), args.note.as_deref()),
    );
    let updated = ctx
        .writer()
        .append_entry(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let id = updated.id.as_str();
    let mut out = say!(
        lang,
        "{text} (logged in {id}).\n",
        "{text} (vastgelegd in {id}).\n"
    );
    if let Some(wb) = workbook {
        let calls = response::call_progress(wb, &updated);
        if !calls.iter().any(|c| c.call.contact == contact) {
            out.push_str(&say!(
                lang,
                "(not in the call order)\n",
                "(staat niet in de belvolgorde)\n"
            ));
        }
        match calls
            .iter()
            .find(|c| !matches!(c.state, response::CallState::Reached { .. }))
        {
            Some(next) => {
                let line = status::call_line(next, lang, ctx.now);
                out.push_str(&say!(
                    lang,
                    "Next in the call order:\n{line}\n",
                    "Volgende in de belvolgorde:\n{line}\n"
                ));
            }
            None if !calls.is_empty() => out.push_str(&say!(
                lang,
                "Everyone in the call order has been reached.\n",
                "Iedereen in de belvolgorde is bereikt.\n"
            )),
            None => {}
        }
    }
    print(&out);
    Ok(())
}
