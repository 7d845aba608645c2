//! Freshness: what was true when it was written down goes stale. A contact's number
//! changes, a backup that restored last year may not today, a plan step slips. The
//! rules compare the dates in the workbook with "today" and the intervals in
//! `paraat.ron` (`rules`); a month setting of 0 switches its rule off.
//!
//! The due dates are computed here once and also feed the overview's "falls due
//! soon" list, so the two can never disagree. Something is overdue the day after
//! it fell due.

use super::{Code, Context, Finding, every, named, say};
use crate::model::Register;
use crate::model::labels::Label;
use crate::model::{
    Backup, Contact, Date, Duration, IncidentKind, Manifest, RecordKind, Risk, RiskStatus, Workbook,
};

/// When something is next due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// It has never been done, so it is due now.
    Never,
    /// It falls due on this day.
    On(Date),
}

impl Due {
    /// Overdue on `today`: never done, or its day has passed.
    pub fn is_overdue(self, today: Date) -> bool {
        match self {
            Due::Never => true,
            Due::On(date) => date < today,
        }
    }

    pub fn date(self) -> Option<Date> {
        match self {
            Due::Never => None,
            Due::On(date) => Some(date),
        }
    }
}

/// A risk's next review: its review-by date, else the last full review plus
/// `risk_review_months`. `None` for a closed risk or when nothing says when.
pub fn risk_review_due(risk: &Risk, manifest: &Manifest) -> Option<Date> {
    if risk.status == RiskStatus::Closed {
        return None;
    }
    risk.review_by.or_else(|| {
        let months = manifest.rules.risk_review_months;
        let last = manifest.review.last.as_ref()?;
        (months > 0).then(|| last.date.plus_months(months))
    })
}

/// When a contact's details are next to be verified.
pub fn contact_verify_due(contact: &Contact, manifest: &Manifest) -> Option<Due> {
    let months = manifest.rules.contact_verify_months;
    if months == 0 {
        return None;
    }
    Some(match contact.verified {
        None => Due::Never,
        Some(date) => Due::On(date.plus_months(months)),
    })
}

/// The interval at which a backup is restore-tested: its own, else the default.
pub fn restore_test_interval(backup: &Backup, manifest: &Manifest) -> Option<Duration> {
    backup.restore_test_every.or_else(|| {
        let months = manifest.rules.restore_test_months;
        (months > 0).then_some(Duration::Months(months))
    })
}

/// When a backup's next restore test is due.
pub fn restore_test_due(backup: &Backup, manifest: &Manifest) -> Option<Due> {
    let interval = restore_test_interval(backup, manifest)?;
    Some(match backup.last_restore_test() {
        None => Due::Never,
        Some(test) => Due::On(test.date.plus(interval)),
    })
}

/// When the next full review of the workbook is due.
pub fn workbook_review_due(manifest: &Manifest) -> Option<Due> {
    let months = manifest.review.every_months;
    if months == 0 {
        return None;
    }
    Some(match &manifest.review.last {
        None => Due::Never,
        Some(last) => Due::On(last.date.plus_months(months)),
    })
}

/// The day of the most recent exercise held on or before `today`.
pub fn last_exercise(workbook: &Workbook, today: Date) -> Option<Date> {
    workbook
        .incidents
        .iter()
        .filter(|i| i.kind == IncidentKind::Exercise)
        .map(|i| i.declared_at.date())
        .filter(|d| *d <= today)
        .max()
}

/// When the next exercise is due.
pub fn exercise_due(workbook: &Workbook, today: Date) -> Option<Due> {
    let months = workbook.manifest.rules.exercise_months;
    if months == 0 {
        return None;
    }
    Some(match last_exercise(workbook, today) {
        None => Due::Never,
        Some(date) => Due::On(date.plus_months(months)),
    })
}

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let wb = cx.workbook;
    let manifest = &wb.manifest;
    let (lang, today) = (cx.lang, cx.today);

    for risk in cx.risks() {
        if let Some(due) = risk_review_due(risk, manifest)
            && due < today
        {
            let name = named(&risk.id, &risk.title);
            out.push(
                Finding::about(
                    Code::RiskReviewOverdue,
                    RecordKind::Risk,
                    &risk.id,
                    say!(
                        lang,
                        "{name} was due for review on {due}; go through it with its owner and set a new review-by date",
                        "{name} had op {due} herzien moeten worden; loop het na met de eigenaar en zet een nieuwe herziendatum (`review_by`)",
                    ),
                )
                .due(due),
            );
        }
    }

    let months = manifest.rules.contact_verify_months;
    for contact in cx.contacts() {
        let Some(due) = contact_verify_due(contact, manifest) else {
            continue;
        };
        if !due.is_overdue(today) {
            continue;
        }
        let name = named(&contact.id, &contact.name);
        let message = match contact.verified {
            None => say!(
                lang,
                "{name} has never been verified; check the phone numbers and e-mail address and set `verified` to the date you did",
                "{name} is nog nooit gecontroleerd; controleer de telefoonnummers en het e-mailadres en zet `verified` op de datum waarop je dat deed",
            ),
            Some(last) => say!(
                lang,
                "{name} was last verified on {last}, more than {months} months ago; check the details still work and update `verified`",
                "{name} is voor het laatst gecontroleerd op {last}, meer dan {months} maanden geleden; controleer of de gegevens nog kloppen en werk `verified` bij",
            ),
        };
        let finding = Finding::about(
            Code::ContactUnverified,
            RecordKind::Contact,
            &contact.id,
            message,
        );
        out.push(finding.due(due.date()));
    }

    for backup in cx.backups() {
        let Some(due) = restore_test_due(backup, manifest) else {
            continue;
        };
        if !due.is_overdue(today) {
            continue;
        }
        let name = named(&backup.id, &backup.what);
        let message = match (
            backup.last_restore_test(),
            restore_test_interval(backup, manifest),
        ) {
            (Some(last), Some(interval)) => {
                let (last, every) = (last.date, every(interval, lang));
                let due = due.date().unwrap_or(last);
                say!(
                    lang,
                    "{name} was due for a restore test on {due} (last test {last}, {every}); restore from it and log the result and how long it took",
                    "{name} had op {due} een hersteltest moeten krijgen (laatste test {last}, {every}); zet er iets uit terug en leg het resultaat en de duur vast",
                )
            }
            _ => say!(
                lang,
                "{name} has never been restore-tested; restore something from it and log the result and how long it took",
                "{name} is nog nooit getest met een herstel; zet er iets uit terug en leg het resultaat en de duur vast",
            ),
        };
        let finding = Finding::about(
            Code::RestoreTestOverdue,
            RecordKind::Backup,
            &backup.id,
            message,
        );
        out.push(finding.due(due.date()));
    }

    for (_, step) in cx.steps() {
        if let Some(due) = step.due
            && due < today
            && !step.status.is_closed()
        {
            let name = named(&step.id, &step.title);
            let status = step.status.label(lang);
            out.push(
                Finding::about(
                    Code::StepOverdue,
                    RecordKind::Step,
                    &step.id,
                    say!(
                        lang,
                        "{name} was due on {due} and is still “{status}”; finish it, or agree a new due date with its owner",
                        "{name} moest op {due} klaar zijn en staat nog op „{status}”; rond de stap af of spreek met de eigenaar een nieuwe datum af",
                    ),
                )
                .due(due),
            );
        }
    }

    if let Some(due) = workbook_review_due(manifest)
        && due.is_overdue(today)
        && cx.covers(Register::Manifest)
    {
        let every = manifest.review.every_months;
        let message = match (&manifest.review.last, due) {
            (Some(last), Due::On(next)) => {
                let last = last.date;
                say!(
                    lang,
                    "the last full review of the workbook was on {last} and the cycle is {every} months, so the next was due on {next}; go through every register and record the review in paraat.ron",
                    "de laatste volledige herziening van het werkboek was op {last} en de cyclus is {every} maanden, dus de volgende moest op {next}; loop alle registers na en leg de herziening vast in paraat.ron",
                )
            }
            _ => say!(
                lang,
                "paraat.ron records no full review of the workbook; go through every register and record the date and who did it under `review.last`",
                "paraat.ron vermeldt geen volledige herziening van het werkboek; loop alle registers na en leg datum en wie het deed vast onder `review.last`",
            ),
        };
        let finding = Finding::new(Code::WorkbookReviewOverdue, None, message);
        out.push(finding.due(due.date()));
    }

    if let Some(due) = exercise_due(wb, today)
        && due.is_overdue(today)
        && cx.covers(Register::Incidents)
    {
        let months = manifest.rules.exercise_months;
        let message = match last_exercise(wb, today) {
            Some(last) => say!(
                lang,
                "the last exercise was held on {last}, more than {months} months ago; plan the next 90-minute tabletop exercise with the crisis team",
                "de laatste oefening was op {last}, meer dan {months} maanden geleden; plan met het crisisteam de volgende tafeloefening van 90 minuten",
            ),
            None => say!(
                lang,
                "no exercise is recorded; hold a 90-minute tabletop exercise with the crisis team and record it in incidents/",
                "er is geen oefening vastgelegd; houd met het crisisteam een tafeloefening van 90 minuten en leg die vast in incidents/",
            ),
        };
        let finding = Finding::new(Code::NoRecentExercise, None, message);
        out.push(finding.due(due.date()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::model::*;
    use crate::review::Code;

    #[test]
    fn a_risk_is_overdue_the_day_after_its_review_by_date() {
        let mut wb = workbook();
        let mut r = risk("R-001", 2, 2);
        r.review_by = Some(date("2026-11-30"));
        wb.risks.risks.push(r);
        assert_eq!(
            about(&wb, date("2026-11-30"), Code::RiskReviewOverdue),
            Vec::<String>::new()
        );
        let found = found(&wb, date("2026-12-01"), Code::RiskReviewOverdue);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].due, Some(date("2026-11-30")));
        assert!(found[0].message.contains("2026-11-30"));
    }

    #[test]
    fn a_risk_without_review_date_is_due_a_set_time_after_the_last_full_review() {
        let mut wb = workbook();
        wb.manifest.review.last = Some(LastReview {
            date: date("2025-12-01"),
            by: "IT lead".into(),
        });
        wb.risks.risks.push(risk("R-001", 2, 2));
        assert!(about(&wb, date("2026-12-01"), Code::RiskReviewOverdue).is_empty());
        assert_eq!(
            about(&wb, date("2026-12-02"), Code::RiskReviewOverdue),
            ["R-001"]
        );
        let mut closed = wb.clone();
        closed.risks.risks[0].status = RiskStatus::Closed;
        assert!(about(&closed, date("2026-12-02"), Code::RiskReviewOverdue).is_empty());
    }

    #[test]
    fn a_contact_is_unverified_when_never_checked_or_checked_over_a_year_ago() {
        let mut wb = workbook();
        wb.contacts.contacts.clear();
        wb.contacts
            .contacts
            .push(contact("C-010", ContactKind::Internal));
        let mut checked = contact("C-011", ContactKind::Supplier);
        checked.verified = Some(date("2025-12-01"));
        wb.contacts.contacts.push(checked);
        assert_eq!(
            about(&wb, date("2026-12-01"), Code::ContactUnverified),
            ["C-010"]
        );
        assert_eq!(
            about(&wb, date("2026-12-02"), Code::ContactUnverified),
            ["C-010", "C-011"]
        );
        wb.manifest.rules.contact_verify_months = 0;
        assert!(about(&wb, date("2026-12-02"), Code::ContactUnverified).is_empty());
    }

    #[test]
    fn a_restore_test_is_overdue_after_its_backups_interval() {
        let mut wb = workbook();
        let mut b = backup("B-001", &[], Duration::Days(1), date("2026-06-01"));
        b.restore_test_every = Some(Duration::Months(6));
        wb.backups.backups.push(b);
        assert!(about(&wb, date("2026-12-01"), Code::RestoreTestOverdue).is_empty());
        assert_eq!(
            about(&wb, date("2026-12-02"), Code::RestoreTestOverdue),
            ["B-001"]
        );
    }

    #[test]
    fn a_backup_without_interval_uses_the_default_and_an_untested_one_is_overdue() {
        let mut wb = workbook();
        let mut b = backup("B-001", &[], Duration::Days(1), date("2025-12-01"));
        b.restore_test_every = None;
        let mut untested = backup("B-002", &[], Duration::Days(1), date("2026-01-01"));
        untested.restore_tests.clear();
        wb.backups.backups.extend([b, untested]);
        assert_eq!(
            about(&wb, date("2026-12-01"), Code::RestoreTestOverdue),
            ["B-002"]
        );
        assert_eq!(
            about(&wb, date("2026-12-02"), Code::RestoreTestOverdue),
            ["B-001", "B-002"]
        );
        wb.manifest.rules.restore_test_months = 0;
        assert_eq!(
            about(&wb, date("2027-12-02"), Code::RestoreTestOverdue),
            ["B-002"]
        );
    }

    #[test]
    fn an_open_step_is_overdue_the_day_after_it_was_due() {
        let mut wb = workbook();
        let step = &mut wb.plan.phases[0].steps[0];
        step.due = Some(date("2026-11-30"));
        let id = step.id.0.clone();
        assert!(about(&wb, date("2026-11-30"), Code::StepOverdue).is_empty());
        assert_eq!(about(&wb, date("2026-12-01"), Code::StepOverdue), [id]);
        wb.plan.phases[0].steps[0].status = StepStatus::Done;
        assert!(about(&wb, date("2026-12-01"), Code::StepOverdue).is_empty());
    }

    #[test]
    fn the_workbook_review_is_overdue_when_never_held_or_a_cycle_ago() {
        let mut wb = workbook();
        assert_eq!(
            about(&wb, date("2026-12-01"), Code::WorkbookReviewOverdue),
            [""]
        );
        wb.manifest.review.last = Some(LastReview {
            date: date("2025-12-01"),
            by: "IT lead".into(),
        });
        assert!(about(&wb, date("2026-12-01"), Code::WorkbookReviewOverdue).is_empty());
        assert_eq!(
            about(&wb, date("2026-12-02"), Code::WorkbookReviewOverdue),
            [""]
        );
    }

    #[test]
    fn no_exercise_in_twelve_months_is_reported_and_real_incidents_do_not_count() {
        let mut wb = workbook();
        assert_eq!(about(&wb, date("2026-12-01"), Code::NoRecentExercise), [""]);
        wb.incidents
            .push(incident(date("2025-12-01"), IncidentKind::Exercise));
        wb.incidents
            .push(incident(date("2026-06-01"), IncidentKind::Real));
        assert!(about(&wb, date("2026-12-01"), Code::NoRecentExercise).is_empty());
        assert_eq!(about(&wb, date("2026-12-02"), Code::NoRecentExercise), [""]);
        wb.manifest.rules.exercise_months = 0;
        assert!(about(&wb, date("2026-12-02"), Code::NoRecentExercise).is_empty());
    }
}
