//! The readiness overview: the whole workbook on one screen (`paraat status`, the
//! TUI's Overview tab).
//!
//! - **A traffic light per section** with its reason in words. Sections with
//!   records take the worst finding about them (an error is red, a warning amber);
//!   the checklist and the self-check also light up by how far they are answered
//!   and how they score; an empty register is amber, because nothing recorded is
//!   not the same as nothing wrong; an active incident makes the incidents red.
//! - **The next things to do**: findings and open plan steps, by severity, then by
//!   the date they fell or fall due.
//! - **What falls due soon**: every dated obligation (plan steps, risk reviews,
//!   acceptances, contact checks, restore tests, the workbook review, the next
//!   exercise, supplier contracts) within `due_soon_days` from today.
//! - **Progress** of the checklist, the self-check and the plan.
//!
//! Pure like the rest of `review`: findings and "today" come in, nothing is read.

use crate::model::bilingual::{pick, say};
use serde::Serialize;

use super::freshness::{
    contact_verify_due, exercise_due, last_exercise, restore_test_due, risk_review_due,
    workbook_review_due,
};
use super::selfcheck::{MaturityLevel, selfcheck_result};
use super::{Code, Finding, Severity, Summary, named};
use crate::model::{
    Answer, Date, Language, RecordKind, RecordRef, Register, StepStatus, Treatment, Workbook,
};

/// A traffic light. Ordered from good to bad, so the worst of several is the max.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Amber,
    Red,
}

impl Light {
    /// The word that goes with the colour; the colour never stands alone.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Light::Green, Language::En) => "on track",
            (Light::Amber, Language::En) => "needs attention",
            (Light::Red, Language::En) => "act now",
            (Light::Green, Language::Nl) => "op koers",
            (Light::Amber, Language::Nl) => "aandacht nodig",
            (Light::Red, Language::Nl) => "nu handelen",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AreaLight {
    pub section: Register,
    pub light: Light,
    /// Why, in words: the state of the section and what the findings are about.
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NextAction {
    /// The finding's code; `None` for an open plan step.
    pub code: Option<Code>,
    pub text: String,
    pub record: Option<RecordRef>,
    pub due: Option<Date>,
    pub severity: Severity,
    /// For a finding the settings form fixes (see [`super::SettingsFix`]).
    #[serde(skip)]
    pub settings: Option<super::SettingsFix>,
}

/// What falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    PlanStep,
    RiskReview,
    AcceptanceEnds,
    ContactCheck,
    RestoreTest,
    ContractEnds,
    WorkbookReview,
    Exercise,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub what: DueKind,
    pub date: Date,
    pub text: String,
    pub record: Option<RecordRef>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Questions answered.
    pub checklist: Count,
    /// Statements answered.
    pub selfcheck: Count,
    /// Steps done, out of the steps not skipped.
    pub plan: Count,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overview {
    /// One per section, in the order of [`Register::SECTIONS`].
    pub areas: Vec<AreaLight>,
    /// At most five.
    pub next: Vec<NextAction>,
    /// By date.
    pub due_soon: Vec<DueItem>,
    pub progress: Progress,
}

/// How many next things to do the overview lists.
pub const NEXT_ACTIONS: usize = 5;

/// The section a finding belongs to, when it belongs to one.
pub fn section_of(finding: &Finding) -> Option<Register> {
    match finding.code {
        Code::WorkbookReviewOverdue => return Some(Register::Plan),
        Code::NoRecentExercise | Code::SeveralActiveIncidents => return Some(Register::Incidents),
        Code::RoleUnfilled
        | Code::RoleWithoutDeputy
        | Code::AuthorityContactMissing
        | Code::NotifierMissing => return Some(Register::Contacts),
        Code::ChecklistIncomplete => return Some(Register::Checklist),
        Code::SelfCheckIncomplete => return Some(Register::SelfCheck),
        _ => {}
    }
    Some(Register::of(finding.record.as_ref()?.kind))
}

/// The readiness overview of `workbook` on `today`, given its findings.
pub fn overview(workbook: &Workbook, findings: &[Finding], today: Date) -> Overview {
    let lang = workbook.language();
    let progress = progress(workbook);
    let areas = Register::SECTIONS
        .iter()
        .map(|&section| {
            let about: Vec<&Finding> = findings
                .iter()
                .filter(|f| section_of(f) == Some(section))
                .collect();
            let (state_light, state) = state(workbook, section, progress, today);
            let (finding_light, summary) = findings_summary(&about, lang);
            let reason = match summary {
                Some(summary) => format!("{state}; {summary}"),
                None => state,
            };
            AreaLight {
                section,
                light: state_light.max(finding_light),
                reason,
            }
        })
        .collect();
    Overview {
        areas,
        next: next_actions(workbook, findings, today),
        due_soon: due_soon(workbook, today),
        progress,
    }
}

/// How far the checklist, the self-check and the plan are (cheap: it reads only
/// those three registers). Items the template pack retired do not count.
pub fn progress(workbook: &Workbook) -> Progress {
    fn count<T>(records: impl Iterator<Item = T>, done: impl Fn(&T) -> bool) -> Count {
        records.fold(Count { done: 0, total: 0 }, |c, r| Count {
            done: c.done + usize::from(done(&r)),
            total: c.total + 1,
        })
    }
    Progress {
        checklist: count(workbook.checklist_in_use(), |i| i.answer.is_answered()),
        selfcheck: count(workbook.statements_in_use(), |s| s.answer.is_answered()),
        plan: count(
            workbook
                .steps_in_use()
                .map(|(_, s)| s.status)
                .filter(|s| *s != StepStatus::Skipped),
            |s| *s == StepStatus::Done,
        ),
    }
}

/// The light and words for a section's own state, apart from its findings.
fn state(
    workbook: &Workbook,
    section: Register,
    progress: Progress,
    today: Date,
) -> (Light, String) {
    let lang = workbook.language();
    let empty = |what_en: &str, what_nl: &str| {
        (Light::Amber, {
            let what = pick(lang, what_en, what_nl);
            say!(lang, "no {what} recorded yet", "nog geen {what} vastgelegd")
        })
    };
    match section {
        Register::Checklist => {
            let Count { done, total } = progress.checklist;
            let answers: Vec<Answer> = workbook.checklist_in_use().map(|i| i.answer).collect();
            let no = answers.iter().filter(|a| **a == Answer::No).count();
            let partly = answers.iter().filter(|a| **a == Answer::Partly).count();
            let light = if done * 2 < total {
                Light::Red
            } else if done < total || no + partly > 0 {
                Light::Amber
            } else {
                Light::Green
            };
            let text = say!(
                lang,
                "{done} of {total} answered; {no} no, {partly} partly",
                "{done} van {total} beantwoord; {no} nee, {partly} deels"
            );
            (light, text)
        }
        Register::SelfCheck => {
            let result = selfcheck_result(workbook);
            let score = result.overall;
            let open = result.open_actions();
            let planned = result.actions.len() - open;
            let light = if score.percent < 50 {
                Light::Red
            } else if result.level < MaturityLevel::Resilient
                || open > 0
                || score.answered < score.total
            {
                Light::Amber
            } else {
                Light::Green
            };
            let (percent, level) = (score.percent, result.level.label(lang));
            let (answered, total) = (score.answered, score.total);
            let text = say!(
                lang,
                "{percent}% ({level}); {answered} of {total} answered; {open} actions open, {planned} planned",
                "{percent}% ({level}); {answered} van {total} beantwoord; {open} acties open, {planned} gepland"
            );
            (light, text)
        }
        Register::Plan => {
            let Count { done, total } = progress.plan;
            if total == 0 {
                return empty("plan steps", "planstappen");
            }
            let text = say!(
                lang,
                "{done} of {total} steps done",
                "{done} van {total} stappen klaar"
            );
            (Light::Green, text)
        }
        Register::Risks => {
            let risks = &workbook.risks.risks;
            if risks.is_empty() {
                return empty("risks", "risico's");
            }
            let appetite = workbook.manifest.risk_scales.appetite;
            let above = risks.iter().filter(|r| r.score() > appetite).count();
            let n = risks.len();
            let text = say!(
                lang,
                "{n} risks, {above} above the appetite",
                "{n} risico's, {above} boven de risicobereidheid"
            );
            (Light::Green, text)
        }
        Register::Processes => {
            let processes = &workbook.processes.processes;
            if processes.is_empty() {
                return empty("processes", "processen");
            }
            let critical = processes
                .iter()
                .filter(|p| p.criticality == crate::model::Criticality::Critical)
                .count();
            let n = processes.len();
            let text = say!(
                lang,
                "{n} processes, {critical} critical",
                "{n} processen, {critical} kritiek"
            );
            (Light::Green, text)
        }
        Register::Contacts => {
            let n = workbook.contacts.contacts.len();
            let calls = workbook.contacts.call_order.len();
            let text = say!(
                lang,
                "{n} contacts, {calls} in the call order",
                "{n} contacten, {calls} in de belvolgorde"
            );
            (Light::Green, text)
        }
        Register::Backups => {
            let n = workbook.backups.backups.len();
            if n == 0 {
                return empty("backups", "back-ups");
            }
            let text = say!(lang, "{n} backups", "{n} back-ups");
            (Light::Green, text)
        }
        Register::Incidents => {
            if let Some(incident) = workbook.active_incident() {
                let (id, since) = (&incident.id, incident.declared_at.date());
                let text = say!(
                    lang,
                    "incident {id} in progress since {since}",
                    "incident {id} loopt sinds {since}"
                );
                return (Light::Red, text);
            }
            let text = match last_exercise(workbook, today) {
                Some(date) => say!(
                    lang,
                    "last exercise on {date}",
                    "laatste oefening op {date}"
                ),
                None => say!(lang, "no exercise recorded", "geen oefening vastgelegd"),
            };
            (Light::Green, text)
        }
        // The manifest has no light of its own; its findings count elsewhere.
        Register::Manifest => (Light::Green, String::new()),
    }
}

/// The light the findings give, and "1 error, 2 warnings: title, title".
fn findings_summary(findings: &[&Finding], lang: Language) -> (Light, Option<String>) {
    let counts = Summary::count(findings.iter().map(|f| f.severity));
    let light = if counts.errors > 0 {
        Light::Red
    } else if counts.warnings > 0 {
        Light::Amber
    } else {
        Light::Green
    };
    if counts.errors + counts.warnings == 0 {
        return (light, None);
    }
    let mut titles: Vec<(Severity, &str)> = Vec::new();
    for f in findings.iter().filter(|f| f.severity != Severity::Info) {
        let title = f.code.title(lang);
        if !titles.iter().any(|(_, t)| *t == title) {
            titles.push((f.severity, title));
        }
    }
    titles.sort_by_key(|(severity, _)| *severity);
    let shown: Vec<&str> = titles.iter().take(3).map(|(_, t)| *t).collect();
    let more = titles.len().saturating_sub(3);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut counted = Vec::new();
    let (error, errors, warning, warnings, and_more) = pick(
        lang,
        ("error", "errors", "warning", "warnings", "more"),
        ("fout", "fouten", "waarschuwing", "waarschuwingen", "meer"),
    );
    if counts.errors > 0 {
        counted.push(plural(counts.errors, error, errors));
    }
    if counts.warnings > 0 {
        counted.push(plural(counts.warnings, warning, warnings));
    }
    let mut text = format!("{}: {}", counted.join(", "), shown.join(", "));
    if more > 0 {
        text.push_str(&format!(" (+{more} {and_more})"));
    }
    (light, Some(text))
}

fn next_actions(workbook: &Workbook, findings: &[Finding], today: Date) -> Vec<NextAction> {
    let lang = workbook.language();
    // Candidates by reference first; only the chosen few are copied.
    enum Candidate<'a> {
        Finding(&'a Finding),
        Step(&'a crate::model::Step),
    }
    let key = |c: &Candidate| match c {
        Candidate::Finding(f) => (f.severity, f.due.is_none(), f.due),
        Candidate::Step(s) => (Severity::Info, s.due.is_none(), s.due),
    };
    let mut candidates: Vec<Candidate> = findings.iter().map(Candidate::Finding).collect();
    // Open plan steps not yet overdue (overdue ones are findings already).
    candidates.extend(
        workbook
            .steps()
            .map(|(_, s)| s)
            .filter(|s| !s.status.is_closed() && s.due.is_some_and(|d| d >= today))
            .map(Candidate::Step),
    );
    // Severity first, then the earliest date; undated after dated. Stable, so
    // findings keep the review's order among equals.
    candidates.sort_by_key(key);
    candidates
        .into_iter()
        .take(NEXT_ACTIONS)
        .map(|c| match c {
            Candidate::Finding(f) => NextAction {
                code: Some(f.code),
                text: f.message.clone(),
                record: f.record.clone(),
                due: f.due,
                severity: f.severity,
                settings: f.settings.clone(),
            },
            Candidate::Step(s) => NextAction {
                code: None,
                text: step_text(&s.id, &s.title, lang),
                record: Some(RecordRef::new(RecordKind::Step, s.id.clone())),
                due: s.due,
                severity: Severity::Info,
                settings: None,
            },
        })
        .collect()
}

fn step_text(id: &crate::model::Id, title: &str, lang: Language) -> String {
    let name = named(id, title);
    say!(lang, "Plan step {name}", "Planstap {name}")
}

fn due_soon(workbook: &Workbook, today: Date) -> Vec<DueItem> {
    let lang = workbook.language();
    let until = today.plus_days(i64::from(workbook.manifest.rules.due_soon_days));
    let soon = |date: Date| today <= date && date <= until;
    let mut items = Vec::new();
    let mut push = |what: DueKind, date: Date, text: String, record: Option<RecordRef>| {
        if soon(date) {
            items.push(DueItem {
                what,
                date,
                text,
                record,
            });
        }
    };
    let manifest = &workbook.manifest;
    for (_, step) in workbook.steps() {
        if let Some(due) = step.due
            && !step.status.is_closed()
        {
            let record = RecordRef::new(RecordKind::Step, step.id.clone());
            push(
                DueKind::PlanStep,
                due,
                step_text(&step.id, &step.title, lang),
                Some(record),
            );
        }
    }
    for risk in &workbook.risks.risks {
        let name = || named(&risk.id, &risk.title);
        let record = || Some(RecordRef::new(RecordKind::Risk, risk.id.clone()));
        if let Some(due) = risk_review_due(risk, manifest) {
            let name = name();
            let text = say!(lang, "Review risk {name}", "Risico herzien: {name}");
            push(DueKind::RiskReview, due, text, record());
        }
        if risk.treatment == Some(Treatment::Accept)
            && let Some(acceptance) = &risk.acceptance
        {
            let name = name();
            let text = say!(
                lang,
                "Acceptance ends: {name}",
                "Acceptatie loopt af: {name}"
            );
            push(DueKind::AcceptanceEnds, acceptance.until, text, record());
        }
    }
    for contact in &workbook.contacts.contacts {
        if let Some(due) = contact_verify_due(contact, manifest).and_then(|d| d.date()) {
            let name = named(&contact.id, &contact.name);
            let text = say!(lang, "Verify contact {name}", "Contact controleren: {name}");
            push(
                DueKind::ContactCheck,
                due,
                text,
                Some(RecordRef::new(RecordKind::Contact, contact.id.clone())),
            );
        }
    }
    for backup in &workbook.backups.backups {
        if let Some(due) = restore_test_due(backup, manifest).and_then(|d| d.date()) {
            let name = named(&backup.id, &backup.what);
            let text = say!(lang, "Restore test of {name}", "Hersteltest van {name}");
            push(
                DueKind::RestoreTest,
                due,
                text,
                Some(RecordRef::new(RecordKind::Backup, backup.id.clone())),
            );
        }
    }
    for supplier in &workbook.processes.suppliers {
        if let Some(end) = supplier.contract_end {
            let name = named(&supplier.id, &supplier.name);
            let text = say!(lang, "Contract ends: {name}", "Contract loopt af: {name}");
            push(
                DueKind::ContractEnds,
                end,
                text,
                Some(RecordRef::new(RecordKind::Supplier, supplier.id.clone())),
            );
        }
    }
    if let Some(due) = workbook_review_due(manifest).and_then(|d| d.date()) {
        let text = pick(
            lang,
            "Full review of the workbook",
            "Volledige herziening van het werkboek",
        );
        push(DueKind::WorkbookReview, due, text.to_owned(), None);
    }
    if let Some(due) = exercise_due(workbook, today).and_then(|d| d.date()) {
        let text = pick(lang, "Next exercise", "Volgende oefening");
        push(DueKind::Exercise, due, text.to_owned(), None);
    }
    items.sort_by(|a, b| (a.date, &a.text).cmp(&(b.date, &b.text)));
    items
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::*;
    use crate::review::review;

    const TODAY: &str = "2026-12-01";

    fn view(wb: &Workbook) -> Overview {
        let today = date(TODAY);
        overview(wb, &review(wb, today), today)
    }

    fn light(view: &Overview, section: Register) -> (Light, String) {
        let area = view
            .areas
            .iter()
            .find(|a| a.section == section)
            .expect("every section has a light");
        (area.light, area.reason.clone())
    }

    #[test]
    fn a_new_workbook_is_not_on_track_anywhere_and_says_why() {
        let v = view(&workbook());
        assert_eq!(v.areas.len(), Register::SECTIONS.len());
        assert_eq!(light(&v, Register::Checklist).0, Light::Red);
        assert_eq!(light(&v, Register::SelfCheck).0, Light::Red);
        for section in [Register::Risks, Register::Processes, Register::Backups] {
            let (l, reason) = light(&v, section);
            assert_eq!(l, Light::Amber, "{section:?}");
            assert!(
                reason.contains("no ") && reason.contains("recorded yet"),
                "{reason}"
            );
        }
        let (l, reason) = light(&v, Register::Contacts);
        assert_eq!(l, Light::Amber);
        assert!(reason.contains("crisis role unfilled"), "{reason}");
    }

    #[test]
    fn an_error_makes_its_section_red_and_names_the_problem() {
        let mut wb = workbook();
        wb.processes.systems.push(system("S-001"));
        let mut p = process("P-001", Criticality::High, &["S-001"]);
        p.mtd = Some(Duration::Hours(4));
        p.rto = Some(Duration::Hours(8));
        wb.processes.processes.push(p);
        let (l, reason) = light(&view(&wb), Register::Processes);
        assert_eq!(l, Light::Red);
        assert!(
            reason.contains("1 error") && reason.contains("RTO longer than MTD"),
            "{reason}"
        );
    }

    #[test]
    fn an_active_incident_makes_the_incidents_red() {
        let mut wb = workbook();
        wb.incidents
            .push(incident(date("2026-11-01"), IncidentKind::Exercise));
        assert_eq!(light(&view(&wb), Register::Incidents).0, Light::Green);
        let mut real = incident(date("2026-11-30"), IncidentKind::Real);
        real.status = IncidentStatus::Active;
        wb.incidents.push(real);
        let (l, reason) = light(&view(&wb), Register::Incidents);
        assert_eq!(l, Light::Red);
        assert!(reason.contains("in progress since 2026-11-30"), "{reason}");
    }

    #[test]
    fn the_next_things_to_do_come_by_severity_then_date_five_at_most() {
        let mut wb = workbook();
        for step in wb.plan.phases.iter_mut().flat_map(|p| p.steps.iter_mut()) {
            step.status = StepStatus::Done;
        }
        let steps = &mut wb.plan.phases[0].steps;
        steps[0].status = StepStatus::Todo;
        steps[0].due = Some(date("2027-03-01"));
        steps[1].status = StepStatus::Todo;
        steps[1].due = Some(date("2026-12-10"));
        steps[2].status = StepStatus::Todo;
        steps[2].due = Some(date("2026-11-01")); // overdue: a warning
        let v = view(&wb);
        assert_eq!(v.next.len(), NEXT_ACTIONS);
        let severities: Vec<_> = v.next.iter().map(|n| n.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        assert_eq!(severities, sorted, "most severe first");
        // Among the warnings, the overdue step (with a date) comes first.
        assert_eq!(v.next[0].due, Some(date("2026-11-01")));

        // With nothing wrong, the dated plan steps are next, earliest first.
        let findings: Vec<Finding> = Vec::new();
        let v = overview(&wb, &findings, date(TODAY));
        let dates: Vec<_> = v.next.iter().map(|n| n.due).collect();
        assert_eq!(dates, [Some(date("2026-12-10")), Some(date("2027-03-01"))]);
        assert!(v.next[0].text.starts_with("Plan step"));
    }

    #[test]
    fn what_falls_due_soon_is_listed_within_the_window_only() {
        let mut wb = workbook();
        let steps = &mut wb.plan.phases[0].steps;
        steps[0].due = Some(date("2026-12-31")); // day 30: in
        steps[1].due = Some(date("2027-01-01")); // day 31: out
        steps[2].due = Some(date("2026-11-30")); // past: a finding, not "soon"
        let mut r = risk("R-001", 1, 1);
        r.review_by = Some(date(TODAY));
        wb.risks.risks.push(r);
        let mut c = contact("C-010", ContactKind::Internal);
        c.verified = Some(date("2025-12-15"));
        wb.contacts.contacts.push(c);
        wb.backups
            .backups
            .push(backup("B-001", &[], Duration::Days(1), date("2025-12-20")));
        let mut s = supplier("SUP-01");
        s.contract_end = Some(date("2026-12-05"));
        wb.processes.suppliers.push(s);
        let v = view(&wb);
        let listed: Vec<_> = v
            .due_soon
            .iter()
            .map(|d| (d.date.to_string(), d.text.clone()))
            .collect();
        let dates: Vec<_> = listed.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(
            dates,
            [
                "2026-12-01",
                "2026-12-05",
                "2026-12-15",
                "2026-12-20",
                "2026-12-31"
            ],
            "{listed:?}"
        );
        assert!(listed[0].1.starts_with("Review risk R-001"));
        assert!(listed[2].1.starts_with("Verify contact C-010"));
        assert!(listed[3].1.starts_with("Restore test of B-001"));
    }

    #[test]
    fn progress_counts_answers_and_done_steps_but_not_skipped_ones() {
        let mut wb = workbook();
        wb.checklist.items[0].answer = Answer::NotApplicable;
        wb.selfcheck.statements[0].answer = Answer::No;
        let total = wb.steps().count();
        wb.plan.phases[0].steps[0].status = StepStatus::Done;
        wb.plan.phases[0].steps[1].status = StepStatus::Skipped;
        let p = view(&wb).progress;
        assert_eq!(p.checklist.done, 1);
        assert_eq!(p.selfcheck.done, 1);
        assert_eq!(
            p.plan,
            Count {
                done: 1,
                total: total - 1
            }
        );
    }

    #[test]
    fn lights_have_words_in_both_languages() {
        for l in [Light::Green, Light::Amber, Light::Red] {
            assert_ne!(l.label(Language::En), l.label(Language::Nl));
        }
        let mut nl = workbook();
        nl.manifest.language = Language::Nl;
        let v = view(&nl);
        assert!(light(&v, Register::Risks).1.contains("nog geen"));
    }
}
