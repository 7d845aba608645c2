//! Declaring an incident or starting an exercise: what the declaration must
//! hold, checked once for the command line and the terminal UI. The incident file
//! itself is written by the store's incident writer, which takes the incident's
//! own lock; declaring is not an [`Edit`](crate::model::edit::Edit).

use crate::model::bilingual::say;
use crate::model::{IncidentKind, Language, NewIncident, Scenario, Severity, Timestamp};

/// What a person asks for when declaring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration<'a> {
    /// What happened, in a few words (with a scenario: instead of its title).
    pub title: &'a str,
    /// An exercise rather than a real incident (a scenario always is one).
    pub exercise: bool,
    pub scenario: Option<&'a Scenario>,
    /// How bad it is; `None`: the scenario's, else medium.
    pub severity: Option<Severity>,
    pub personal_data: bool,
    /// When it was discovered, if before now (the clocks run from then).
    pub discovered: Option<Timestamp>,
    pub by: String,
}

/// Why a declaration cannot be made. Nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclareError {
    /// No title and no scenario to take one from.
    NoTitle,
    /// The discovery is later than the declaration.
    DiscoveredLater {
        discovered: Timestamp,
        now: Timestamp,
    },
}

impl DeclareError {
    /// The message in `lang`; `show` writes a moment the way the front end shows
    /// times (local time on a terminal).
    pub fn message(&self, lang: Language, show: &dyn Fn(Timestamp) -> String) -> String {
        match self {
            DeclareError::NoTitle => say!(
                lang,
                "say in a few words what happened (the incident's title), or choose a scenario for an exercise",
                "zeg in een paar woorden wat er gebeurd is (de titel van het incident), of kies een scenario voor een oefening"
            ),
            DeclareError::DiscoveredLater { discovered, now } => {
                let (discovered, now) = (show(*discovered), show(*now));
                say!(
                    lang,
                    "the discovery ({discovered}) is later than now ({now}); discovery comes before the declaration",
                    "de ontdekking ({discovered}) ligt na nu ({now}); de ontdekking komt vóór de melding"
                )
            }
        }
    }
}

/// The new incident `declaration` asks for, declared `now`. A scenario gives the
/// title, the severity and whether personal data is involved, unless the
/// declaration says otherwise.
pub fn declare(declaration: Declaration, now: Timestamp) -> Result<NewIncident, DeclareError> {
    let title = declaration.title.trim();
    if title.is_empty() && declaration.scenario.is_none() {
        return Err(DeclareError::NoTitle);
    }
    if let Some(discovered) = declaration.discovered
        && discovered > now
    {
        return Err(DeclareError::DiscoveredLater { discovered, now });
    }
    let mut new = match declaration.scenario {
        Some(scenario) => NewIncident::exercise(scenario, now, declaration.by),
        None => NewIncident {
            title: String::new(),
            kind: if declaration.exercise {
                IncidentKind::Exercise
            } else {
                IncidentKind::Real
            },
            scenario: None,
            declared_at: now,
            declared_by: declaration.by,
            discovered_at: None,
            severity: Severity::Medium,
            personal_data: false,
            affected_systems: Vec::new(),
        },
    };
    if !title.is_empty() {
        new.title = title.to_owned();
    }
    if let Some(severity) = declaration.severity {
        new.severity = severity;
    }
    new.discovered_at = declaration.discovered;
    new.personal_data |= declaration.personal_data;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn scenario() -> Scenario {
        crate::store::templates::scenarios(Language::En)
            .unwrap()
            .into_iter()
            .next()
            .expect("a built-in scenario")
    }

    fn asking(title: &str) -> Declaration<'_> {
        Declaration {
            title,
            exercise: false,
            scenario: None,
            severity: None,
            personal_data: false,
            discovered: None,
            by: "Joris".into(),
        }
    }

    #[test]
    fn a_declaration_needs_a_title_or_a_scenario_and_no_discovery_after_now() {
        let now = moment("2026-12-01T10:00:00Z");
        assert_eq!(declare(asking("  "), now), Err(DeclareError::NoTitle));
        let later = Declaration {
            discovered: Some(moment("2026-12-01T11:00:00Z")),
            ..asking("Ransomware")
        };
        let error = declare(later, now).unwrap_err();
        assert!(
            error
                .message(Language::En, &|t| t.to_string())
                .contains("later than now")
        );
        let new = declare(asking(" Ransomware "), now).unwrap();
        assert_eq!(
            (new.title.as_str(), new.kind, new.severity),
            ("Ransomware", IncidentKind::Real, Severity::Medium)
        );
    }

    #[test]
    fn a_scenario_gives_its_severity_unless_another_one_is_chosen_even_medium() {
        let now = moment("2026-12-01T10:00:00Z");
        let scenario = scenario();
        let from_scenario = declare(
            Declaration {
                scenario: Some(&scenario),
                ..asking("")
            },
            now,
        )
        .unwrap();
        assert_eq!(from_scenario.severity, scenario.severity);
        assert_eq!(from_scenario.kind, IncidentKind::Exercise);
        assert_eq!(from_scenario.title, scenario.title);
        for severity in Severity::ALL {
            let chosen = declare(
                Declaration {
                    scenario: Some(&scenario),
                    severity: Some(severity),
                    ..asking("")
                },
                now,
            )
            .unwrap();
            assert_eq!(chosen.severity, severity);
        }
    }
}
