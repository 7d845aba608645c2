//! `paraat incident list`: every incident and exercise on disk.

use super::args::ListArgs;
use super::context::*;
use crate::cli::{CliError, json};
use crate::model::bilingual::pick;
use crate::model::bilingual::say;
use crate::model::labels::Label;
use crate::sanitize::sanitize_line;

pub fn run(ctx: &Context, args: &ListArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    if args.format == json::Format::Json {
        let list = json::incident_list(&ctx.incidents, ctx.failed_incidents());
        crate::cli::print_out(&json::to_text(&list)?);
        return Ok(());
    }
    let broken = ctx.broken_incidents();
    if ctx.incidents.is_empty() && broken.is_empty() {
        print(&say!(
            lang,
            "No incidents or exercises yet.\nDeclare one with `paraat incident start \"TITLE\"`, or practise with `paraat incident start --scenario ransomware-supplier` (`paraat incident scenarios` lists them).\n",
            "Nog geen incidenten of oefeningen.\nMeld er een met `paraat incident start \"TITEL\"`, of oefen met `paraat incident start --scenario ransomware-supplier` (`paraat incident scenarios` toont ze).\n"
        ));
        return Ok(());
    }
    let width = ctx
        .incidents
        .iter()
        .map(|i| i.id.as_str().chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut out = String::new();
    let (h_kind, h_status, h_sev, h_declared, h_title) = pick(
        lang,
        ("kind", "status", "severity", "declared", "title"),
        ("soort", "status", "ernst", "gemeld", "titel"),
    );
    out.push_str(&format!(
        "{:<width$}  {h_kind:<9} {h_status:<8} {h_sev:<9} {h_declared:<26} {h_title}\n",
        "ID"
    ));
    for i in &ctx.incidents {
        out.push_str(&format!(
            "{:<width$}  {:<9} {:<8} {:<9} {:<26} {}\n",
            i.id.as_str(),
            i.kind.label(lang),
            i.status.label(lang),
            i.severity.label(lang),
            when(i.declared_at),
            sanitize_line(&i.title)
        ));
    }
    for error in broken {
        out.push_str(&say!(
            lang,
            "\ncould not be read: {error}\n",
            "\nkon niet worden gelezen: {error}\n"
        ));
    }
    print(&out);
    Ok(())
}
