//! `paraat incident details`: fill in what the data protection authority and the
//! insurer ask (the incident screen's `I` form does the same through the same
//! reading of each value), or show what is filled in. A closed incident takes
//! them too: the report is often written afterwards.

use chrono::Local;

use super::args::*;
use super::context::*;
use crate::cli::CliError;
use crate::model::bilingual::say;
use crate::model::fields::incident_report;
use crate::model::ops::report;
use crate::model::{EntryKind, Incident, Language};

pub fn run(ctx: &Context, args: &DetailsArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let incident = ctx.pick(args.target.id.as_deref())?;
    if args.set.is_empty() {
        print(&shown(incident, lang));
        return Ok(());
    }
    let mut typed = Vec::new();
    for pair in &args.set {
        let Some((key, value)) = pair.split_once('=') else {
            let pair = crate::sanitize::sanitize_line(pair);
            return Err(CliError::message(say!(
                lang,
                "\"{pair}\" is not DETAIL=VALUE (for example people=1200)",
                "\"{pair}\" is geen GEGEVEN=WAARDE (bijvoorbeeld people=1200)"
            )));
        };
        typed.push((key, value.to_owned()));
    }
    let patch = report::typed_changes(&incident.report, &typed, &Local, lang)
        .map_err(|e| CliError::message(crate::sanitize::sanitize_line(&e)))?;
    let id = incident.id.as_str();
    if patch.is_empty() {
        print(&say!(
            lang,
            "Nothing changed in the report details of {id}.\n",
            "Er is niets veranderd aan de verslaggegevens van {id}.\n"
        ));
        return Ok(());
    }
    let by = ctx.author(args.target.by.as_deref());
    let words = report::set_words(&patch, lang);
    let entry = ctx.entry(&by, EntryKind::Note, words.clone());
    let (updated, _) = ctx
        .writer()
        .set_report(id, &patch, entry)
        .map_err(|e| write_error(e, lang))?;
    let mut out = say!(
        lang,
        "{words} (logged in {id})\n",
        "{words} (vastgelegd in {id})\n"
    );
    out.push_str(&shown(&updated, lang));
    print(&out);
    Ok(())
}

/// Every detail with its value, or "not known yet".
fn shown(incident: &Incident, lang: Language) -> String {
    let id = incident.id.as_str();
    let mut out = say!(
        lang,
        "Report details of {id} (set with `paraat incident details DETAIL=VALUE`):\n",
        "Verslaggegevens van {id} (vul in met `paraat incident details GEGEVEN=WAARDE`):\n"
    );
    for field in incident_report::ALL {
        let value = report::text(&incident.report, *field, lang, &|t| when(t));
        let value = if value.trim().is_empty() {
            say!(lang, "(not known yet)", "(nog niet bekend)")
        } else {
            value.trim().replace('\n', " / ")
        };
        let (label, key) = (field.label(lang), field.path.replace('_', "-"));
        out.push_str(&format!("  {label} [{key}]: {value}\n"));
    }
    out
}
