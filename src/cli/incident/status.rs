//! `paraat incident status`: the text version of the incident screen. It answers
//! "what now?" from top to bottom: the deadlines, whom to call (with the number),
//! the first-hour steps, what is down and what to restore from, the latest entries.
//!
//! The text is built here and made safe for the terminal where it is printed.

use std::collections::BTreeSet;

use super::context::{short_when, when};
use crate::cli::{CliError, json};
use crate::model::Register;
use crate::model::bilingual::say;
use crate::model::labels::{Label, duration_words};
use crate::model::{
    Deadline, Incident, IncidentKind, Inject, Language, Scenario, Timestamp, Workbook,
};
use crate::response::{self, BackupCover, CallProgress, CallState, Clock, ClockState, Impact};

/// How many of the latest timeline entries the status shows.
const LATEST: usize = 8;

/// One clock on one line: `[!] NIS2 early warning (24 h)  due …  nearly due, 5 h left`.
pub fn clock_line(clock: &Clock, lang: Language) -> String {
    let mark = match clock.state {
        ClockState::Met { .. } => "[x]",
        ClockState::Running => "[ ]",
        ClockState::NearlyDue | ClockState::Overdue => "[!]",
    };
    let label = clock.deadline.label(lang);
    let state = clock.state.label(lang);
    let due = if clock.story {
        response::words::story_time(&when(clock.due), lang)
    } else {
        when(clock.due)
    };
    match clock.state {
        ClockState::Met { at, .. } => {
            let at = when(at);
            say!(
                lang,
                "  {mark} {label:<40} {state} {at} (due {due})",
                "  {mark} {label:<40} {state} {at} (uiterlijk {due})"
            )
        }
        _ => {
            let left = response::left_words(clock.left_seconds, lang);
            say!(
                lang,
                "  {mark} {label:<40} due {due}: {state}, {left}",
                "  {mark} {label:<40} uiterlijk {due}: {state}, {left}"
            )
        }
    }
}

/// One call of the call order: position, state, who, the number to dial, why.
pub fn call_line(call: &CallProgress, lang: Language, now: Timestamp) -> String {
    let state = match call.state {
        CallState::NotCalled => call.state.label(lang).to_owned(),
        CallState::NotReached { last } | CallState::Reached { at: last } => {
            format!("{} {}", call.state.label(lang), short_when(last, now))
        }
    };
    let mark = match call.state {
        CallState::Reached { .. } => "[x]",
        CallState::NotReached { .. } => "[~]",
        CallState::NotCalled => "[ ]",
    };
    let id = &call.call.contact;
    let (who, phone) = match call.contact {
        Some(c) => {
            let role = if c.role.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", c.role)
            };
            let phone = match (c.first_phone(), c.out_of_band_channel()) {
                (Some(p), _) => format!("{} {}", p.label, p.number),
                (None, Some(oob)) => oob.to_owned(),
                (None, None) => say!(
                    lang,
                    "no number in the workbook",
                    "geen nummer in het werkboek"
                ),
            };
            (format!("{id} {}{role}", c.name), phone)
        }
        None => (
            say!(lang, "{id} (not a contact)", "{id} (geen contact)"),
            String::new(),
        ),
    };
    let mut line = format!("  {mark} {}. {who} — {phone}  [{state}]", call.position);
    if !call.call.reason.trim().is_empty() {
        line.push_str(&format!("\n        {}", call.call.reason.trim()));
    }
    line
}

fn backup_line(cover: &BackupCover, lang: Language) -> String {
    let b = cover.backup;
    let test = match cover.last_test {
        Some(t) => {
            let (date, result) = (t.date, t.result.label(lang));
            let took = t
                .took
                .map(|d| duration_words(d, lang))
                .map(|d| say!(lang, ", took {d}", ", duurde {d}"))
                .unwrap_or_default();
            say!(
                lang,
                "last restore test {date}: {result}{took}",
                "laatste hersteltest {date}: {result}{took}"
            )
        }
        None => say!(lang, "never test-restored", "nooit hersteltest gedaan"),
    };
    format!("{} {} ({test})", b.id, b.what)
}

/// The affected systems and the processes they take down, in recovery order.
pub fn impact_text(impact: &Impact, lang: Language) -> String {
    let mut out = String::new();
    if impact.systems.is_empty() {
        out.push_str(&say!(
            lang,
            "Affected systems: none recorded yet (`paraat incident affected S-001 …`)\n",
            "Getroffen systemen: nog geen vastgelegd (`paraat incident affected S-001 …`)\n"
        ));
        return out;
    }
    out.push_str(&say!(lang, "Affected systems\n", "Getroffen systemen\n"));
    for s in &impact.systems {
        let name = match s.system {
            Some(sys) => format!("{} ({})", sys.name, sys.kind.label(lang)),
            None => say!(lang, "(not in the process map)", "(niet in de proceskaart)"),
        };
        out.push_str(&format!("  {} {name}\n", s.id));
    }
    if impact.processes.is_empty() {
        out.push_str(&say!(
            lang,
            "No process in the process map depends on these systems.\n",
            "Geen proces in de proceskaart hangt van deze systemen af.\n"
        ));
        return out;
    }
    out.push_str(&say!(
        lang,
        "\nProcesses hit, in recovery order\n",
        "\nGetroffen processen, in herstelvolgorde\n"
    ));
    for (i, hit) in impact.processes.iter().enumerate() {
        let p = hit.process;
        let n = i + 1;
        let criticality = p.criticality.label(lang);
        let rto = p
            .rto
            .map(|d| duration_words(d, lang))
            .unwrap_or_else(|| say!(lang, "not set", "niet vastgesteld"));
        let via = hit
            .via
            .iter()
            .map(|id| id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&say!(
            lang,
            "  {n}. {} {} — {criticality}, back within {rto} (RTO); via {via}\n",
            "  {n}. {} {} — {criticality}, terug binnen {rto} (RTO); via {via}\n",
            p.id,
            p.name
        ));
        let workaround = p.workaround.trim();
        if workaround.is_empty() {
            out.push_str(&say!(
                lang,
                "     workaround: none written down\n",
                "     noodoplossing: niets beschreven\n"
            ));
        } else {
            out.push_str(&say!(
                lang,
                "     workaround: {}\n",
                "     noodoplossing: {}\n",
                indent(workaround, 6)
            ));
        }
        if hit.backups.is_empty() {
            out.push_str(&say!(
                lang,
                "     restore from: no backup covers these systems\n",
                "     herstellen uit: geen back-up dekt deze systemen\n"
            ));
        }
        for cover in &hit.backups {
            out.push_str(&say!(
                lang,
                "     restore from: {}\n",
                "     herstellen uit: {}\n",
                backup_line(cover, lang)
            ));
        }
    }
    out
}

/// Continuation lines of a multi-line text, indented to sit under the first.
fn indent(text: &str, by: usize) -> String {
    text.lines()
        .collect::<Vec<_>>()
        .join(&format!("\n{}", " ".repeat(by)))
}

/// The whole status of `incident` at `now`.
pub fn text(
    workbook: &Workbook,
    missing: &BTreeSet<Register>,
    incident: &Incident,
    scenario: Option<&Scenario>,
    now: Timestamp,
    lang: Language,
) -> String {
    let view = response::overview(workbook, incident, scenario, now);
    let mut out = String::new();
    let gone = |register: Register| missing.contains(&register);
    let kind = match incident.kind {
        IncidentKind::Real => say!(lang, "INCIDENT", "INCIDENT"),
        IncidentKind::Exercise => say!(lang, "EXERCISE", "OEFENING"),
    };
    out.push_str(&format!("{kind} {} — {}\n", incident.id, incident.title));
    let (status, severity, declared, by, ago) = (
        incident.status.label(lang),
        incident.severity.label(lang),
        when(incident.declared_at),
        &incident.declared_by,
        response::span_words(view.since_declared, lang),
    );
    out.push_str(&if incident.is_active() {
        say!(
            lang,
            "{status} · severity {severity} · declared {declared} by {by} ({ago} ago)\n",
            "{status} · ernst {severity} · gemeld {declared} door {by} ({ago} geleden)\n"
        )
    } else {
        say!(
            lang,
            "{status} · severity {severity} · declared {declared} by {by} (open for {ago})\n",
            "{status} · ernst {severity} · gemeld {declared} door {by} ({ago} open)\n"
        )
    });
    if let Some(story) = view.story {
        let moved =
            response::span_words(response::seconds_between(incident.declared_at, story), lang);
        out.push_str(&say!(
            lang,
            "in the story: {moved} in; the exercise's deadlines run on story time\n",
            "in het verhaal: {moved} verder; de termijnen van de oefening lopen op verhaaltijd\n"
        ));
    }
    if let Some(discovered) = incident.discovered_at {
        let d = when(discovered);
        out.push_str(&say!(lang, "discovered {d}\n", "ontdekt {d}\n"));
    }
    if let Some(closed) = incident.closed_at {
        let c = when(closed);
        out.push_str(&say!(
            lang,
            "closed {c}; the clocks stopped there\n",
            "gesloten {c}; de klokken zijn daar gestopt\n"
        ));
    }
    if incident.personal_data {
        out.push_str(&say!(
            lang,
            "personal data is involved\n",
            "er zijn persoonsgegevens betrokken\n"
        ));
    }

    out.push_str(&say!(lang, "\nDeadlines\n", "\nTermijnen\n"));
    if gone(Register::Manifest) {
        out.push_str(&say!(
            lang,
            "  paraat.ron did not load: whether NIS2 applies and the insurer's window are not known here\n",
            "  paraat.ron laadde niet: of NIS2 geldt en de termijn van de verzekeraar zijn hier niet bekend\n"
        ));
    } else if view.clocks.is_empty() {
        out.push_str(&say!(
            lang,
            "  none run: no personal data recorded (`paraat incident personal-data`), NIS2 does not apply and no insurer's window is set in paraat.ron\n",
            "  er loopt geen: geen persoonsgegevens vastgelegd (`paraat incident personal-data`), NIS2 geldt niet en paraat.ron noemt geen termijn van de verzekeraar\n"
        ));
    }
    for clock in &view.clocks {
        out.push_str(&clock_line(clock, lang));
        out.push('\n');
    }

    if incident.kind == IncidentKind::Exercise {
        injects(&mut out, &view, incident, scenario, now, lang);
    }

    let reached = view
        .calls
        .iter()
        .filter(|c| matches!(c.state, CallState::Reached { .. }))
        .count();
    let total = view.calls.len();
    out.push_str(&say!(
        lang,
        "\nCall order ({reached} of {total} reached; `paraat incident call C-… --reached`)\n",
        "\nBelvolgorde ({reached} van {total} bereikt; `paraat incident call C-… --reached`)\n"
    ));
    if gone(Register::Contacts) {
        out.push_str(&say!(
            lang,
            "  contacts.ron did not load, so the call order is not available here: use the printed emergency card\n",
            "  contacts.ron laadde niet, dus de belvolgorde is hier niet beschikbaar: gebruik de geprinte noodkaart\n"
        ));
    } else if view.calls.is_empty() {
        out.push_str(&say!(
            lang,
            "  no call order in contacts.ron\n",
            "  geen belvolgorde in contacts.ron\n"
        ));
    }
    for call in &view.calls {
        out.push_str(&call_line(call, lang, now));
        out.push('\n');
    }

    let done = view.first_hour.iter().filter(|s| s.done.is_some()).count();
    let total = view.first_hour.len();
    out.push_str(&say!(
        lang,
        "\nFirst hour ({done} of {total} done; `paraat incident step FH-…`)\n",
        "\nEerste uur ({done} van {total} gedaan; `paraat incident step FH-…`)\n"
    ));
    if gone(Register::Plan) {
        out.push_str(&say!(
            lang,
            "  plan.ron did not load: the first-hour steps are not available here\n",
            "  plan.ron laadde niet: de stappen voor het eerste uur zijn hier niet beschikbaar\n"
        ));
    }
    for step in &view.first_hour {
        let (mark, tail) = match step.done {
            Some(e) => ("[x]", format!("  ({}, {})", short_when(e.at, now), e.by)),
            None => ("[ ]", String::new()),
        };
        out.push_str(&format!(
            "  {mark} {} {}{tail}\n",
            step.step.id, step.step.title
        ));
    }

    out.push('\n');
    if gone(Register::Processes) {
        out.push_str(&say!(
            lang,
            "processes.ron did not load: which processes are hit is not known here\n",
            "processes.ron laadde niet: welke processen geraakt zijn is hier niet bekend\n"
        ));
    } else {
        out.push_str(&impact_text(&view.impact, lang));
    }

    if !incident.notifications.is_empty() {
        out.push_str(&say!(lang, "\nNotifications\n", "\nMeldingen\n"));
        for n in &incident.notifications {
            let to = match workbook.contact(n.to.as_str()) {
                Some(c) => format!("{} {}", n.to, c.name),
                None => n.to.to_string(),
            };
            let at = short_when(n.at, now);
            let mut line = format!("  {at} {to} — {}", n.channel);
            if !n.reference.trim().is_empty() {
                let r = &n.reference;
                line.push_str(&say!(lang, ", reference {r}", ", kenmerk {r}"));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }

    let total = incident.timeline.len();
    let shown = total.min(LATEST);
    out.push_str(&say!(
        lang,
        "\nLatest entries ({shown} of {total}; `paraat incident log \"…\"`)\n",
        "\nLaatste regels ({shown} van {total}; `paraat incident log \"…\"`)\n"
    ));
    for entry in &incident.timeline[total - shown..] {
        let decision = if entry.kind == crate::model::EntryKind::Decision {
            say!(lang, "DECISION: ", "BESLUIT: ")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  {} {}: {decision}{}\n",
            short_when(entry.at, now),
            entry.by,
            indent(entry.text.trim(), 4)
        ));
    }
    if !incident.lessons.is_empty() {
        out.push_str(&say!(lang, "\nLessons learned\n", "\nGeleerde lessen\n"));
        for lesson in &incident.lessons {
            let step = lesson
                .plan_step
                .as_ref()
                .map(|s| format!(" → {s}"))
                .unwrap_or_default();
            out.push_str(&format!("  - {}{step}\n", indent(lesson.text.trim(), 4)));
        }
    }
    out
}

fn injects(
    out: &mut String,
    view: &response::Overview,
    incident: &Incident,
    scenario: Option<&Scenario>,
    now: Timestamp,
    lang: Language,
) {
    let Some(scenario) = scenario else {
        if let Some(name) = &incident.scenario {
            out.push_str(&say!(
                lang,
                "\nScenario: {name} (not a built-in scenario; no injects to show)\n",
                "\nScenario: {name} (geen ingebouwd scenario; geen injects te tonen)\n"
            ));
        }
        return;
    };
    let title = &scenario.title;
    out.push_str(&say!(
        lang,
        "\nScenario: {title}\n",
        "\nScenario: {title}\n"
    ));
    for due in &view.injects {
        let (minute, at, title) = (
            due.inject.minute,
            short_when(due.due, now),
            &due.inject.title,
        );
        out.push_str(&say!(
            lang,
            "  minute {minute} ({at}) — {title}\n",
            "  minuut {minute} ({at}) — {title}\n"
        ));
        out.push_str(&story_line(due.inject, lang, 4));
        out.push_str(&format!("    {}\n", indent(due.inject.text.trim(), 4)));
        for q in &due.inject.questions {
            out.push_str(&format!("    ? {}\n", q.trim()));
        }
    }
    match &view.next_inject {
        Some(next) => {
            let (minute, at, left) = (
                next.inject.minute,
                short_when(next.due, now),
                response::span_words(response::seconds_between(now, next.due), lang),
            );
            out.push_str(&say!(
                lang,
                "  next: minute {minute} at {at} (in {left})\n",
                "  volgende: minuut {minute} om {at} (over {left})\n"
            ));
        }
        None => {
            out.push_str(&say!(
                lang,
                "  every inject has been shown; discuss:\n",
                "  alle injects zijn getoond; bespreek:\n"
            ));
            for q in &scenario.questions {
                out.push_str(&format!("    ? {}\n", q.trim()));
            }
        }
    }
}

/// "In the story: Monday 09:15", indented, or nothing when the inject has no story time.
fn story_line(inject: &Inject, lang: Language, indent_by: usize) -> String {
    let story = inject.story_time.trim();
    if story.is_empty() {
        return String::new();
    }
    let pad = " ".repeat(indent_by);
    say!(
        lang,
        "{pad}in the story: {story}\n",
        "{pad}in het verhaal: {story}\n"
    )
}

/// A list under a heading, each item on its own line after `mark`.
fn listed(out: &mut String, heading: String, items: &[String], mark: &str) {
    if items.is_empty() {
        return;
    }
    out.push_str(&heading);
    for item in items {
        out.push_str(&format!("  {mark} {}\n", indent(item.trim(), 4)));
    }
}

/// A scenario's whole script, for whoever leads the exercise: the objectives, the
/// pre-brief, every inject with its story time, questions and the answers expected,
/// the debrief and the feedback form. (The incident screen shows the players only
/// the injects and their questions.)
pub fn scenario_script(scenario: &Scenario, lang: Language) -> String {
    let mut out = String::new();
    let (title, name, minutes, severity) = (
        &scenario.title,
        &scenario.name,
        scenario.duration_minutes,
        scenario.severity.label(lang),
    );
    out.push_str(&format!("{title}\n"));
    out.push_str(&say!(
        lang,
        "{name} · {minutes} minutes · severity {severity}\n\n",
        "{name} · {minutes} minuten · ernst {severity}\n\n"
    ));
    out.push_str(scenario.summary.trim());
    out.push('\n');
    listed(
        &mut out,
        say!(lang, "\nIn the room\n", "\nAanwezig\n"),
        &scenario.participants,
        "-",
    );
    listed(
        &mut out,
        say!(lang, "\nObjectives\n", "\nDoelen\n"),
        &scenario.objectives,
        "-",
    );
    if !scenario.pre_brief.trim().is_empty() {
        out.push_str(&say!(
            lang,
            "\nPre-brief (before the clock starts)\n",
            "\nVoorbespreking (voordat de klok start)\n"
        ));
        out.push_str(&format!("  {}\n", indent(scenario.pre_brief.trim(), 2)));
    }
    for inject in &scenario.injects {
        let (minute, title) = (inject.minute, &inject.title);
        out.push_str(&say!(
            lang,
            "\nMinute {minute} — {title}\n",
            "\nMinuut {minute} — {title}\n"
        ));
        out.push_str(&story_line(inject, lang, 2));
        out.push_str(&format!("  {}\n", indent(inject.text.trim(), 2)));
        if inject.reveals_personal_data {
            out.push_str(&say!(
                lang,
                "  (Here the story reveals that personal data is involved: the exercise’s data-breach clock starts.)\n",
                "  (Hier onthult het verhaal dat er persoonsgegevens bij betrokken zijn: de datalektermijn van de oefening begint.)\n"
            ));
        }
        for (n, q) in inject.questions.iter().enumerate() {
            out.push_str(&format!("  ? {}\n", indent(q.trim(), 4)));
            if let Some(answer) = inject.expected.get(n) {
                out.push_str(&say!(
                    lang,
                    "    expected: {}\n",
                    "    verwacht: {}\n",
                    indent(answer.trim(), 6)
                ));
            }
        }
    }
    if !scenario.questions.is_empty() || scenario.debrief_minutes > 0 {
        let (from, length) = (scenario.debrief_starts(), scenario.debrief_minutes);
        out.push_str(&say!(
            lang,
            "\nDebrief (from minute {from}, {length} minutes)\n",
            "\nNabespreking (vanaf minuut {from}, {length} minuten)\n"
        ));
        for q in &scenario.questions {
            out.push_str(&format!("  ? {}\n", indent(q.trim(), 4)));
        }
    }
    listed(
        &mut out,
        say!(
            lang,
            "\nFeedback form (for each participant, afterwards)\n",
            "\nFeedbackformulier (voor elke deelnemer, na afloop)\n"
        ),
        &scenario.feedback,
        "-",
    );
    if !scenario.facilitator_notes.trim().is_empty() {
        out.push_str(&say!(
            lang,
            "\nFor the facilitator\n",
            "\nVoor de gespreksleider\n"
        ));
        out.push_str(&format!(
            "  {}\n",
            indent(scenario.facilitator_notes.trim(), 2)
        ));
    }
    out
}

/// `paraat incident status`: the clocks, the call order, the first-hour steps and
/// the processes hit, now.
pub fn run(ctx: &super::context::Context, args: &super::args::StatusArgs) -> Result<(), CliError> {
    let workbook = ctx.workbook_or_warn();
    let incident = ctx.pick(args.which.id())?;
    let scenario = ctx.scenario_of(incident);
    if args.format == json::Format::Json {
        let view = response::overview(workbook, incident, scenario.as_ref(), ctx.now);
        crate::cli::print_out(&json::to_text(&json::incident_status(&view, ctx.now))?);
        return Ok(());
    }
    super::context::print(&text(
        workbook,
        ctx.missing(),
        incident,
        scenario.as_ref(),
        ctx.now,
        ctx.lang,
    ));
    Ok(())
}

/// The line of the clock of `deadline`, if it runs.
pub fn clock_of(
    ctx: &super::context::Context,
    workbook: &Workbook,
    incident: &Incident,
    deadline: Deadline,
) -> String {
    let scenario = ctx.scenario_of(incident);
    response::clocks(incident, &workbook.manifest, scenario.as_ref(), ctx.now)
        .iter()
        .filter(|c| c.deadline == deadline)
        .map(|c| clock_line(c, ctx.lang) + "\n")
        .collect()
}
