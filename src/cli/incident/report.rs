//! `paraat incident export ID --format md`: a report for the insurer, the police or
//! the data protection authority.
//!
//! It holds what they ask for: the organisation's details and the notifier from the
//! manifest, the incident, its deadlines, the systems and processes hit, the
//! timeline, the decisions and the notifications, and for personal data the data
//! protection authority's questions with what the workbook knows (and which
//! answers are still to be filled in). Text from the workbook is escaped so it
//! cannot change the report's structure.

use super::context::when;
use crate::model::bilingual::say;
use crate::model::fields::incident_report as f;
use crate::model::labels::{Label, duration_words};
use crate::model::ops::report;
use crate::model::{
    Contact, EntryKind, Incident, IncidentKind, Language, Scenario, Timestamp, Workbook,
};
use crate::response::{self, ClockState};

/// Escapes Markdown's structural characters so file text stays text.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped text for a list item: continuation lines indented under it.
fn md_block(text: &str, indent: usize) -> String {
    md(text.trim())
        .lines()
        .collect::<Vec<_>>()
        .join(&format!("\n{}", " ".repeat(indent)))
}

/// Escaped text on one line (for table cells).
fn md_cell(text: &str) -> String {
    md(text.trim()).replace('\n', " / ")
}

fn yes_no(value: bool, lang: Language) -> String {
    match (value, lang) {
        (true, Language::En) => "yes",
        (false, Language::En) => "no",
        (true, Language::Nl) => "ja",
        (false, Language::Nl) => "nee",
    }
    .to_owned()
}

fn or_unknown(text: &str, lang: Language) -> String {
    if text.trim().is_empty() {
        say!(lang, "_not in the workbook_", "_niet in het werkboek_")
    } else {
        md_cell(text)
    }
}

fn contact_name(workbook: &Workbook, id: &crate::model::Id) -> String {
    match workbook.contact(id.as_str()) {
        Some(c) if !c.organisation.trim().is_empty() => {
            format!(
                "{} ({}, {})",
                md_cell(&c.name),
                md_cell(&c.organisation),
                id
            )
        }
        Some(c) => format!("{} ({id})", md_cell(&c.name)),
        None => id.to_string(),
    }
}

fn phones(contact: &Contact) -> String {
    contact
        .all_phones()
        .filter(|p| !p.number.trim().is_empty())
        .map(|p| format!("{} {}", md_cell(&p.label), md_cell(&p.number)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report on `incident`, as of `now`, in `lang`. `scenario` is an exercise's
/// scenario (its reveal of personal data starts the data-breach clock).
pub fn markdown(
    workbook: &Workbook,
    incident: &Incident,
    scenario: Option<&Scenario>,
    now: Timestamp,
    lang: Language,
) -> String {
    let mut out = String::new();
    let org = &workbook.manifest.organisation;
    let title = md_cell(&incident.title);
    out.push_str(&say!(
        lang,
        "# Incident report: {title}\n\n",
        "# Incidentverslag: {title}\n\n"
    ));
    let (name, made) = (or_unknown(&org.name, lang), when(now));
    out.push_str(&say!(
        lang,
        "{name} — report made {made}. Times are local, with their offset from UTC.\n\n",
        "{name} — verslag gemaakt {made}. Tijden zijn lokaal, met hun verschil met UTC.\n\n"
    ));
    if incident.kind == IncidentKind::Exercise {
        out.push_str(&say!(
            lang,
            "**This was an exercise, not a real incident.**\n\n",
            "**Dit was een oefening, geen echt incident.**\n\n"
        ));
    }

    // The organisation, as the authorities' forms ask for it.
    out.push_str(&say!(
        lang,
        "## The organisation\n\n",
        "## De organisatie\n\n"
    ));
    let address = if org.address.contains(org.city.trim()) {
        org.address.trim().to_owned()
    } else {
        [org.address.trim(), org.city.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = [
        (say!(lang, "Name", "Naam"), or_unknown(&org.name, lang)),
        (
            say!(lang, "Chamber of Commerce (KvK) number", "KvK-nummer"),
            or_unknown(&org.chamber_of_commerce, lang),
        ),
        (say!(lang, "Address", "Adres"), or_unknown(&address, lang)),
        (
            say!(lang, "Sector", "Sector"),
            or_unknown(&org.sector, lang),
        ),
        (
            say!(lang, "NIS2 applies", "NIS2 van toepassing"),
            yes_no(org.nis2, lang),
        ),
        (
            say!(
                lang,
                "Cyber insurance policy",
                "Polisnummer cyberverzekering"
            ),
            or_unknown(&org.insurance_policy, lang),
        ),
    ];
    for (label, value) in rows {
        out.push_str(&format!("- {label}: {value}\n"));
    }

    out.push_str(&say!(lang, "\n## Notifier\n\n", "\n## Melder\n\n"));
    match org
        .notifier
        .as_ref()
        .and_then(|id| workbook.contact(id.as_str()))
    {
        Some(c) => {
            let rows = [
                (say!(lang, "Name", "Naam"), or_unknown(&c.name, lang)),
                (say!(lang, "Job title", "Functie"), or_unknown(&c.role, lang)),
                (say!(lang, "Phone", "Telefoon"), or_unknown(&phones(c), lang)),
                (say!(lang, "E-mail", "E-mail"), or_unknown(&c.email, lang)),
                (
                    say!(lang, "Availability", "Bereikbaarheid"),
                    or_unknown(&c.availability, lang),
                ),
            ];
            for (label, value) in rows {
                out.push_str(&format!("- {label}: {value}\n"));
            }
        }
        None => out.push_str(&say!(
            lang,
            "_No notifier is set in paraat.ron (organisation.notifier): fill in name, job title, e-mail, phone and availability._\n",
            "_Er is geen melder ingesteld in paraat.ron (organisation.notifier): vul naam, functie, e-mail, telefoon en bereikbaarheid in._\n"
        )),
    }

    // The incident.
    out.push_str(&say!(
        lang,
        "\n## The incident\n\n",
        "\n## Het incident\n\n"
    ));
    let mut rows = vec![
        ("Id".to_owned(), incident.id.to_string()),
        (
            say!(lang, "Kind", "Soort"),
            incident.kind.label(lang).to_owned(),
        ),
        (
            say!(lang, "Severity", "Ernst"),
            incident.severity.label(lang).to_owned(),
        ),
        (
            say!(lang, "Status", "Status"),
            incident.status.label(lang).to_owned(),
        ),
        (
            say!(lang, "Declared", "Gemeld"),
            format!(
                "{} {} {}",
                when(incident.declared_at),
                say!(lang, "by", "door"),
                md_cell(&incident.declared_by)
            ),
        ),
    ];
    if let Some(d) = incident.discovered_at {
        rows.push((say!(lang, "Discovered", "Ontdekt"), when(d)));
    }
    if let Some(c) = incident.closed_at {
        rows.push((say!(lang, "Closed", "Gesloten"), when(c)));
    }
    rows.push((
        say!(lang, "Personal data involved", "Persoonsgegevens betrokken"),
        yes_no(incident.personal_data, lang),
    ));
    if let Some(scenario) = &incident.scenario {
        rows.push((say!(lang, "Scenario", "Scenario"), md_cell(scenario)));
    }
    for (label, value) in rows {
        out.push_str(&format!("- {label}: {value}\n"));
    }
    if !incident.notes.trim().is_empty() {
        out.push_str(&format!("\n{}\n", md(incident.notes.trim())));
    }

    out.push_str(&say!(
        lang,
        "\n## Whom to tell\n\n",
        "\n## Wie moet het weten\n\n"
    ));
    for r in response::duties::reporting(incident, &workbook.manifest, lang) {
        let duty = r.duty.label(lang);
        out.push_str(&format!("- **{duty}** — {}\n", md_block(&r.why, 2)));
    }

    let clocks = response::clocks(incident, &workbook.manifest, scenario, now);
    out.push_str(&say!(lang, "\n## Deadlines\n\n", "\n## Termijnen\n\n"));
    if let Some(closed) = incident.closed_at.filter(|_| !incident.is_active()) {
        let closed = when(closed);
        out.push_str(&say!(
            lang,
            "As they stood at the close ({closed}).\n\n",
            "Zoals ze stonden bij het sluiten ({closed}).\n\n"
        ));
    }
    if clocks.is_empty() {
        out.push_str(&say!(
            lang,
            "No notification deadline ran for this incident.\n",
            "Voor dit incident liep geen meldtermijn.\n"
        ));
    } else {
        out.push_str(&say!(
            lang,
            "| Deadline | Due | State |\n|---|---|---|\n",
            "| Termijn | Uiterlijk | Stand |\n|---|---|---|\n"
        ));
        for clock in &clocks {
            let state = match clock.state {
                ClockState::Met { at, .. } => format!("{} {}", clock.state.label(lang), when(at)),
                other => format!(
                    "{}, {}",
                    other.label(lang),
                    response::left_words(clock.left_seconds, lang)
                ),
            };
            let due = if clock.story {
                response::words::story_time(&when(clock.due), lang)
            } else {
                when(clock.due)
            };
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                clock.deadline.label(lang),
                due,
                state
            ));
        }
    }

    affected(&mut out, workbook, incident, lang);

    out.push_str(&say!(lang, "\n## Timeline\n\n", "\n## Tijdlijn\n\n"));
    let declared_by = md_cell(&incident.declared_by);
    out.push_str(&say!(
        lang,
        "- **{}** — {declared_by}: declared the {}\n",
        "- **{}** — {declared_by}: {} gemeld\n",
        when(incident.declared_at),
        incident.kind.label(lang)
    ));
    // In time order; entries recorded at the same moment keep the order they were written.
    let mut timeline: Vec<_> = incident.timeline.iter().collect();
    timeline.sort_by_key(|e| e.at);
    for entry in timeline {
        let tag = match entry.kind {
            EntryKind::Decision => say!(lang, "**Decision:** ", "**Besluit:** "),
            _ => String::new(),
        };
        out.push_str(&format!(
            "- **{}** — {}: {tag}{}\n",
            when(entry.at),
            md_cell(&entry.by),
            md_block(&entry.text, 2)
        ));
    }

    out.push_str(&say!(lang, "\n## Decisions\n\n", "\n## Besluiten\n\n"));
    let mut any = false;
    for entry in response::decisions(incident) {
        any = true;
        out.push_str(&format!(
            "- **{}** — {}: {}\n",
            when(entry.at),
            md_cell(&entry.by),
            md_block(&entry.text, 2)
        ));
    }
    if !any {
        out.push_str(&say!(
            lang,
            "No decisions were logged.\n",
            "Er zijn geen besluiten vastgelegd.\n"
        ));
    }

    out.push_str(&say!(lang, "\n## Notifications\n\n", "\n## Meldingen\n\n"));
    if incident.notifications.is_empty() {
        out.push_str(&say!(
            lang,
            "No notifications were recorded.\n",
            "Er zijn geen meldingen vastgelegd.\n"
        ));
    } else {
        out.push_str(&say!(
            lang,
            "| When | To | Channel | Reference | Deadline |\n|---|---|---|---|---|\n",
            "| Wanneer | Aan | Kanaal | Kenmerk | Termijn |\n|---|---|---|---|---|\n"
        ));
        for n in &incident.notifications {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                when(n.at),
                contact_name(workbook, &n.to),
                md_cell(&n.channel),
                md_cell(&n.reference),
                n.meets
                    .map_or_else(String::new, |d| d.label(lang).to_owned())
            ));
        }
    }

    personal_data(&mut out, workbook, incident, lang);
    insurer(&mut out, workbook, incident, lang);

    if !incident.lessons.is_empty() {
        out.push_str(&say!(
            lang,
            "\n## Lessons learned\n\n",
            "\n## Geleerde lessen\n\n"
        ));
        for lesson in &incident.lessons {
            let step = lesson
                .plan_step
                .as_ref()
                .map(|s| say!(lang, " (plan step {s})", " (planstap {s})"))
                .unwrap_or_default();
            out.push_str(&format!("- {}{step}\n", md_block(&lesson.text, 2)));
        }
    }
    out
}

fn affected(out: &mut String, workbook: &Workbook, incident: &Incident, lang: Language) {
    let impact = response::impact(workbook, &incident.affected_systems);
    out.push_str(&say!(
        lang,
        "\n## Affected systems and processes\n\n",
        "\n## Getroffen systemen en processen\n\n"
    ));
    if impact.systems.is_empty() {
        out.push_str(&say!(
            lang,
            "No affected systems were recorded.\n",
            "Er zijn geen getroffen systemen vastgelegd.\n"
        ));
        return;
    }
    for s in &impact.systems {
        match s.system {
            Some(sys) => {
                let data = sys
                    .data
                    .iter()
                    .map(|d| d.label(lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                let data = if data.is_empty() {
                    String::new()
                } else {
                    say!(lang, "; holds {data}", "; bevat {data}")
                };
                out.push_str(&format!(
                    "- {} {} ({}{data})\n",
                    s.id,
                    md_cell(&sys.name),
                    sys.kind.label(lang)
                ));
            }
            None => out.push_str(&format!("- {}\n", s.id)),
        }
    }
    if !impact.processes.is_empty() {
        out.push_str(&say!(
            lang,
            "\nProcesses hit, in recovery order:\n\n",
            "\nGetroffen processen, in herstelvolgorde:\n\n"
        ));
    }
    for (i, hit) in impact.processes.iter().enumerate() {
        let p = hit.process;
        let rto = p
            .rto
            .map(|d| duration_words(d, lang))
            .unwrap_or_else(|| say!(lang, "not set", "niet vastgesteld"));
        out.push_str(&say!(
            lang,
            "{}. {} {} — {}, RTO {rto}\n",
            "{}. {} {} — {}, RTO {rto}\n",
            i + 1,
            p.id,
            md_cell(&p.name),
            p.criticality.label(lang)
        ));
        if !p.workaround.trim().is_empty() {
            out.push_str(&say!(
                lang,
                "   - workaround: {}\n",
                "   - noodoplossing: {}\n",
                md_block(&p.workaround, 5)
            ));
        }
        for cover in &hit.backups {
            let test = match cover.last_test {
                Some(t) => say!(
                    lang,
                    "last restore test {}: {}",
                    "laatste hersteltest {}: {}",
                    t.date,
                    t.result.label(lang)
                ),
                None => say!(lang, "never test-restored", "nooit hersteltest gedaan"),
            };
            out.push_str(&say!(
                lang,
                "   - backup {} {} ({test})\n",
                "   - back-up {} {} ({test})\n",
                cover.backup.id,
                md_cell(&cover.backup.what)
            ));
        }
    }
}

/// The data protection authority's questions, with what the workbook knows.
fn personal_data(out: &mut String, workbook: &Workbook, incident: &Incident, lang: Language) {
    let impact = response::impact(workbook, &incident.affected_systems);
    let holding: Vec<String> = impact
        .personal_data_systems()
        .map(|s| format!("{} {}", s.id, md_cell(&s.name)))
        .collect();
    out.push_str(&say!(
        lang,
        "\n## Personal data\n\n",
        "\n## Persoonsgegevens\n\n"
    ));
    if !incident.personal_data && holding.is_empty() {
        out.push_str(&say!(
            lang,
            "The log does not record that personal data is involved, and no affected system holds personal data.\n",
            "Volgens het logboek zijn er geen persoonsgegevens betrokken, en geen getroffen systeem bevat persoonsgegevens.\n"
        ));
        return;
    }
    out.push_str(&say!(
        lang,
        "What the data protection authority asks in a breach notification, with what the workbook knows. Fill in what is marked _to fill in_.\n\n",
        "Wat de Autoriteit Persoonsgegevens vraagt bij een melding van een datalek, met wat het werkboek weet. Vul aan wat _in te vullen_ is.\n\n"
    ));
    let fill = say!(lang, "_to fill in_", "_in te vullen_");
    let notifier = org_notifier(workbook, lang);
    let kinds = if holding.is_empty() {
        fill.clone()
    } else {
        let list = holding.join(", ");
        say!(
            lang,
            "affected systems holding personal data: {list}. Which kinds (names and addresses, phone numbers, e-mail addresses, login data, financial data, identity documents, sensitive categories): {fill}",
            "getroffen systemen met persoonsgegevens: {list}. Welke soorten (namen en adressen, telefoonnummers, e-mailadressen, inloggegevens, financiële gegevens, identiteitsbewijzen, bijzondere persoonsgegevens): {fill}"
        )
    };
    let measures: Vec<String> = response::decisions(incident)
        .chain(
            incident
                .timeline
                .iter()
                .filter(|e| matches!(e.kind, EntryKind::StepDone { .. })),
        )
        .map(|e| format!("{} {}", when(e.at), md_cell(&e.text)))
        .collect();
    let after = if measures.is_empty() {
        fill.clone()
    } else {
        measures.join("; ")
    };
    let told: Vec<String> = incident
        .notifications
        .iter()
        .filter(|n| {
            workbook.contact(n.to.as_str()).is_none_or(|c| {
                !matches!(
                    c.kind,
                    crate::model::ContactKind::Authority | crate::model::ContactKind::Insurer
                )
            })
        })
        .map(|n| format!("{} {}", when(n.at), contact_name(workbook, &n.to)))
        .collect();
    let told = if told.is_empty() {
        fill.clone()
    } else {
        say!(
            lang,
            "recorded notifications to others than authorities and the insurer: {}; is that everyone affected? {fill}",
            "vastgelegde meldingen aan anderen dan overheden en de verzekeraar: {}; zijn dat alle betrokkenen? {fill}",
            told.join("; ")
        )
    };
    let known = |field: crate::model::fields::Field| detail(incident, field, lang);
    let or_fill = |text: String| if text.is_empty() { fill.clone() } else { text };
    let kinds = match known(f::DATA_KINDS) {
        text if text.is_empty() => kinds,
        text => text,
    };
    let rows = [
        (
            say!(
                lang,
                "Notifier (name, job title, phone)",
                "Melder (naam, functie, telefoon)"
            ),
            notifier,
        ),
        (
            f::NOTIFICATION.label(lang).to_owned(),
            or_fill(known(f::NOTIFICATION)),
        ),
        (
            say!(
                lang,
                "When the breach was discovered",
                "Wanneer het lek is ontdekt"
            ),
            when(incident.clock_start()),
        ),
        (
            f::BREACH_STARTED.label(lang).to_owned(),
            or_fill(known(f::BREACH_STARTED)),
        ),
        (
            f::BREACH_ENDED.label(lang).to_owned(),
            or_fill(known(f::BREACH_ENDED)),
        ),
        (
            f::HOW_FOUND.label(lang).to_owned(),
            or_fill(known(f::HOW_FOUND)),
        ),
        (
            say!(
                lang,
                "Nature of the breach (read, copied, changed, deleted or destroyed, stolen)",
                "Aard van het lek (ingezien, gekopieerd, veranderd, verwijderd of vernietigd, gestolen)"
            ),
            or_fill(known(f::NATURE)),
        ),
        (
            say!(lang, "Kinds of personal data", "Soorten persoonsgegevens"),
            kinds,
        ),
        (f::PEOPLE.label(lang).to_owned(), or_fill(known(f::PEOPLE))),
        (
            f::RECORDS.label(lang).to_owned(),
            or_fill(known(f::RECORDS)),
        ),
        (
            f::CONSEQUENCES.label(lang).to_owned(),
            or_fill(known(f::CONSEQUENCES)),
        ),
        (
            f::ENCRYPTED.label(lang).to_owned(),
            or_fill(known(f::ENCRYPTED)),
        ),
        (f::ABROAD.label(lang).to_owned(), or_fill(known(f::ABROAD))),
        (
            say!(
                lang,
                "Measures taken before the breach",
                "Maatregelen vóór het lek"
            ),
            fill.clone(),
        ),
        (
            say!(
                lang,
                "Measures taken after the breach (decisions and first-hour steps in the log)",
                "Maatregelen na het lek (besluiten en stappen van het eerste uur in het logboek)"
            ),
            after,
        ),
        (
            say!(
                lang,
                "Whether the people affected are told",
                "Of de betrokkenen worden ingelicht"
            ),
            told,
        ),
    ];
    for (question, answer) in rows {
        out.push_str(&format!("- {question}: {answer}\n"));
    }
}

/// A report detail of `incident` as report text, empty when not known.
fn detail(incident: &Incident, field: crate::model::fields::Field, lang: Language) -> String {
    md_cell(&report::text(&incident.report, field, lang, &|t| when(t)))
}

/// What the insurer asks for a claim, with what the workbook knows.
fn insurer(out: &mut String, workbook: &Workbook, incident: &Incident, lang: Language) {
    out.push_str(&say!(
        lang,
        "\n## For the insurer\n\n",
        "\n## Voor de verzekeraar\n\n"
    ));
    let fill = say!(lang, "_to fill in_", "_in te vullen_");
    let or_fill = |text: String| if text.is_empty() { fill.clone() } else { text };
    let policy = &workbook.manifest.organisation.insurance_policy;
    let rows = [
        (
            say!(lang, "Policy number", "Polisnummer"),
            or_unknown(policy, lang),
        ),
        (
            f::RANSOM.label(lang).to_owned(),
            or_fill(detail(incident, f::RANSOM, lang)),
        ),
        (
            f::OUTSIDE_HELP.label(lang).to_owned(),
            or_fill(detail(incident, f::OUTSIDE_HELP, lang)),
        ),
        (
            f::EVIDENCE.label(lang).to_owned(),
            or_fill(detail(incident, f::EVIDENCE, lang)),
        ),
        (
            f::COSTS.label(lang).to_owned(),
            or_fill(detail(incident, f::COSTS, lang)),
        ),
    ];
    for (question, answer) in rows {
        out.push_str(&format!("- {question}: {answer}\n"));
    }
    out.push_str(&say!(
        lang,
        "\nFill these in with `paraat incident details` (or `I` on the incident screen).\n",
        "\nVul dit aan met `paraat incident details` (of `I` op het incidentscherm).\n"
    ));
}

fn org_notifier(workbook: &Workbook, lang: Language) -> String {
    match workbook
        .manifest
        .organisation
        .notifier
        .as_ref()
        .and_then(|id| workbook.contact(id.as_str()))
    {
        Some(c) => {
            let parts = [md_cell(&c.name), md_cell(&c.role), phones(c)];
            let known: Vec<&String> = parts.iter().filter(|p| !p.is_empty()).collect();
            if known.is_empty() {
                say!(lang, "_to fill in_", "_in te vullen_")
            } else {
                known
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        None => say!(
            lang,
            "_to fill in (no notifier set in paraat.ron)_",
            "_in te vullen (geen melder in paraat.ron)_"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_structure_in_file_text_is_escaped() {
        assert_eq!(
            md("# <b>x</b> | [y](z)"),
            "\\# \\<b\\>x\\</b\\> \\| \\[y\\](z)"
        );
        assert_eq!(md_cell("a\nb|c"), "a / b\\|c");
    }
}
