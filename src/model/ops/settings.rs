//! The workbook's settings (the organisation and the rest of `paraat.ron`) changed
//! through a form instead of by hand: what the change must hold, and the edit.
//!
//! The terminal UI's settings form builds its change here, so the rules live
//! once: a name, a review cycle of 1 to 60 months, an insurer's window of at least
//! an hour, a notifier who is a contact; "full review done today" records today's
//! date and who did it.

use super::super::bilingual::say;
use super::super::edit::Edit;
use super::super::{Date, Duration, Language, LastReview, Manifest, Workbook};

/// What a settings change asks beyond the new manifest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsChange {
    /// The manifest as the form left it.
    pub after: Option<Manifest>,
    /// The full review was done today, by this person.
    pub reviewed_by: Option<String>,
}

/// Why the settings cannot be saved as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    NoName,
    ReviewCycle(u32),
    InsurerWindow,
    NoNotifier(String),
    NoReviewer,
}

impl SettingsError {
    pub fn message(&self, lang: Language) -> String {
        match self {
            SettingsError::NoName => say!(
                lang,
                "the organisation needs a name",
                "de organisatie heeft een naam nodig"
            ),
            SettingsError::ReviewCycle(n) => say!(
                lang,
                "a full review every {n} months: give 1 to 60",
                "een volledige controle elke {n} maanden: geef 1 tot 60"
            ),
            SettingsError::InsurerWindow => say!(
                lang,
                "the insurer's window must be at least an hour (or empty when the policy sets none)",
                "de termijn van de verzekeraar moet minstens een uur zijn (of leeg als de polis er geen noemt)"
            ),
            SettingsError::NoNotifier(id) => say!(
                lang,
                "the notifier {id} is not a contact",
                "de melder {id} is geen contactpersoon"
            ),
            SettingsError::NoReviewer => say!(
                lang,
                "say who did the full review (your name in the settings of paraat, or git's user.name)",
                "zeg wie de volledige controle deed (je naam in de instellingen van paraat, of user.name van git)"
            ),
        }
    }
}

/// The edit that makes the workbook's settings `after` (and records a full review
/// done `today` when asked); `None` when nothing changes.
pub fn settings(
    workbook: &Workbook,
    mut after: Manifest,
    reviewed_by: Option<&str>,
    today: Date,
) -> Result<Option<Edit>, SettingsError> {
    let org = &mut after.organisation;
    org.name = org.name.trim().to_owned();
    if org.name.is_empty() {
        return Err(SettingsError::NoName);
    }
    for text in [
        &mut org.city,
        &mut org.address,
        &mut org.chamber_of_commerce,
        &mut org.sector,
        &mut org.insurance_policy,
    ] {
        *text = text.trim().to_owned();
    }
    if !(1..=60).contains(&after.review.every_months) {
        return Err(SettingsError::ReviewCycle(after.review.every_months));
    }
    if let Some(window) = after.organisation.insurer_window
        && window.minutes() < Duration::Hours(1).minutes()
    {
        return Err(SettingsError::InsurerWindow);
    }
    if let Some(id) = &after.organisation.notifier
        && workbook.contact(id.as_str()).is_none()
    {
        return Err(SettingsError::NoNotifier(id.to_string()));
    }
    if let Some(by) = reviewed_by {
        let by = by.trim();
        if by.is_empty() {
            return Err(SettingsError::NoReviewer);
        }
        after.review.last = Some(LastReview {
            date: today,
            by: by.to_owned(),
        });
    }
    Ok((after != workbook.manifest).then(|| Edit::Manifest {
        before: Box::new(workbook.manifest.clone()),
        after: Box::new(after),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    fn example() -> Workbook {
        crate::review::testing::workbook()
    }

    #[test]
    fn a_full_review_today_records_the_date_and_who() {
        let wb = example();
        let today = Date::from_ymd(2026, 12, 1).unwrap();
        let edit = settings(&wb, wb.manifest.clone(), Some("Joris"), today)
            .unwrap()
            .expect("a change");
        let mut after = wb.clone();
        edit.apply(&mut after).unwrap();
        let last = after.manifest.review.last.unwrap();
        assert_eq!((last.date, last.by.as_str()), (today, "Joris"));
        assert_eq!(settings(&wb, wb.manifest.clone(), None, today), Ok(None));
    }

    #[test]
    fn the_rules_refuse_in_both_languages() {
        let wb = example();
        let today = Date::from_ymd(2026, 12, 1).unwrap();
        let with = |change: fn(&mut Manifest)| {
            let mut m = wb.manifest.clone();
            change(&mut m);
            settings(&wb, m, None, today).unwrap_err()
        };
        assert_eq!(
            with(|m| m.organisation.name = "  ".into()),
            SettingsError::NoName
        );
        assert_eq!(
            with(|m| m.review.every_months = 0),
            SettingsError::ReviewCycle(0)
        );
        assert_eq!(
            with(|m| m.organisation.insurer_window = Some(Duration::Minutes(5))),
            SettingsError::InsurerWindow
        );
        let e = with(|m| m.organisation.notifier = Some(Id::from("C-999")));
        assert!(e.message(Language::Nl).contains("geen contactpersoon"));
        assert!(e.message(Language::En).contains("not a contact"));
    }
}
