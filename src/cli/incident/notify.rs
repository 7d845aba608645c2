//! `paraat incident notify`: record a notification and the deadline it meets.

use super::args::*;
use super::context::*;
use super::status;
use crate::cli::CliError;
use crate::model::Register;
use crate::model::bilingual::say;
use crate::model::{Deadline, EntryKind, Notification};
use crate::response::words;

pub fn run(ctx: &Context, args: &NotifyArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook_or_warn();
    let contacts = ctx.with(Register::Contacts);
    let to = known_contact(ctx, &args.contact)?;
    let channel = args.channel.trim();
    if channel.is_empty() {
        return Err(CliError::message(say!(
            lang,
            "--channel says how the notification was made (\"online form\", \"phone\")",
            "--channel zegt hoe de melding is gedaan (\"online formulier\", \"telefoon\")"
        )));
    }
    let at = args.at.unwrap_or(ctx.now);
    if at > ctx.now {
        let at = when(at);
        return Err(CliError::message(say!(
            lang,
            "--at {at} is in the future",
            "--at {at} ligt in de toekomst"
        )));
    }
    let contact = contacts.and_then(|wb| wb.contact(to.as_str()));
    let meets = args
        .meets
        .map(Deadline::from)
        .or_else(|| words::default_meets(contact));
    let incident = ctx.pick(args.target.id.as_deref())?;
    let by = ctx.author(args.target.by.as_deref());
    let who = words::contact_label(contacts, &to);
    let reference = args.reference.as_deref().unwrap_or("").trim().to_owned();
    let at_words = (at != ctx.now).then(|| when(at));
    let text = words::notified(&who, at_words.as_deref(), channel, &reference, meets, lang);
    let notification = Notification {
        to: to.clone(),
        at,
        channel: channel.to_owned(),
        reference,
        meets,
    };
    let entry = ctx.entry(&by, EntryKind::Notified { to }, text.clone());
    let updated = ctx
        .writer()
        .record_notification(incident.id.as_str(), notification, entry)
        .map_err(|e| write_error(e, lang))?;
    let id = updated.id.as_str();
    let mut out = say!(
        lang,
        "{text} (logged in {id}).\n",
        "{text} (vastgelegd in {id}).\n"
    );
    if let Some(d) = meets {
        out.push_str(&status::clock_of(ctx, workbook, &updated, d));
    }
    print(&out);
    Ok(())
}
