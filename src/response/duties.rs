//! Whom an organisation must tell, and whom it may: per authority, whether
//! reporting is mandatory, required by contract, voluntary or not needed, why,
//! and the deadlines it brings.
//!
//! The report, `paraat incident status` and the incident screen say the same, and
//! closing warns when a mandatory deadline is not yet met ([`unmet`]). The rules
//! (Dutch practice): a personal-data breach goes to the data protection
//! authority within 72 hours of discovery, unless it is unlikely to put people at
//! risk; an organisation under NIS2 reports a significant incident to its CSIRT
//! (early warning within 24 hours, notification within 72, final report within a
//! month); the cyber security centre and the police take voluntary reports; the
//! insurer's policy sets its own window.

use crate::model::bilingual::say;
use crate::model::labels::{Label, duration_words};
use crate::model::{Deadline, Incident, Language, Manifest};

use super::{Clock, ClockState};

/// Whether telling someone is required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duty {
    /// Required by law.
    Mandatory,
    /// Required by the insurance policy.
    ByContract,
    /// Up to the organisation, and advised.
    Voluntary,
    /// Not needed for this incident (as far as the workbook knows).
    NotNeeded,
}

impl Duty {
    pub fn label(self, lang: Language) -> String {
        match self {
            Duty::Mandatory => say!(lang, "mandatory", "verplicht"),
            Duty::ByContract => say!(lang, "required by the policy", "verplicht volgens de polis"),
            Duty::Voluntary => say!(lang, "voluntary", "vrijwillig"),
            Duty::NotNeeded => say!(lang, "not needed", "niet nodig"),
        }
    }

    /// Mandatory by law or by contract.
    pub fn required(self) -> bool {
        matches!(self, Duty::Mandatory | Duty::ByContract)
    }
}

/// Whom to tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipient {
    DataProtection,
    /// Under NIS2 the CSIRT; otherwise the cyber security centre's voluntary report.
    Csirt,
    Police,
    Insurer,
}

/// One recipient: whether telling them is required, why, and its deadlines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reporting {
    pub to: Recipient,
    pub duty: Duty,
    /// The recipient and the reason, in a sentence.
    pub why: String,
    pub deadlines: Vec<Deadline>,
}

/// For each recipient, whether `incident` must be reported to them.
pub fn reporting(incident: &Incident, manifest: &Manifest, lang: Language) -> Vec<Reporting> {
    let org = &manifest.organisation;
    let mut out = Vec::new();
    out.push(if incident.personal_data {
        Reporting {
            to: Recipient::DataProtection,
            duty: Duty::Mandatory,
            why: say!(
                lang,
                "Data protection authority (AP): a personal-data breach is reported within 72 hours of its discovery, unless it is unlikely to put the people affected at risk (then it is recorded in your own breach register).",
                "Autoriteit Persoonsgegevens (AP): een datalek wordt binnen 72 uur na de ontdekking gemeld, tenzij het waarschijnlijk geen risico voor de betrokkenen oplevert (leg het dan vast in het eigen datalekregister)."
            ),
            deadlines: vec![Deadline::DataProtection],
        }
    } else {
        Reporting {
            to: Recipient::DataProtection,
            duty: Duty::NotNeeded,
            why: say!(
                lang,
                "Data protection authority (AP): not needed while no personal data is involved; mark it as soon as it is, and the 72 hours run from discovery.",
                "Autoriteit Persoonsgegevens (AP): niet nodig zolang er geen persoonsgegevens bij betrokken zijn; leg het vast zodra dat wel zo is, de 72 uur lopen vanaf de ontdekking."
            ),
            deadlines: Vec::new(),
        }
    });
    out.push(if org.nis2 {
        Reporting {
            to: Recipient::Csirt,
            duty: Duty::Mandatory,
            why: say!(
                lang,
                "CSIRT under NIS2: a significant incident is reported with an early warning within 24 hours, a notification within 72 hours and a final report within one month.",
                "CSIRT onder NIS2: een significant incident meld je met een vroege waarschuwing binnen 24 uur, een melding binnen 72 uur en een eindrapport binnen een maand."
            ),
            deadlines: vec![
                Deadline::Nis2EarlyWarning,
                Deadline::Nis2Notification,
                Deadline::Nis2FinalReport,
            ],
        }
    } else {
        Reporting {
            to: Recipient::Csirt,
            duty: Duty::Voluntary,
            why: say!(
                lang,
                "National cyber security centre (NCSC): NIS2 does not apply, so a report is voluntary; it helps warn others and the centre offers 24-hour assistance.",
                "Nationaal Cyber Security Centrum (NCSC): NIS2 geldt niet, dus melden is vrijwillig; het helpt anderen te waarschuwen en het centrum biedt 24 uur per dag hulp."
            ),
            deadlines: Vec::new(),
        }
    });
    out.push(Reporting {
        to: Recipient::Police,
        duty: Duty::Voluntary,
        why: say!(
            lang,
            "Police: reporting a crime (aangifte) is voluntary and advised; insurers often ask for the police report.",
            "Politie: aangifte doen is vrijwillig en aan te raden; verzekeraars vragen vaak om het proces-verbaal."
        ),
        deadlines: Vec::new(),
    });
    let policy = org.insurance_policy.trim();
    out.push(match (org.insurer_window, policy.is_empty()) {
        (Some(window), _) => {
            let window = duration_words(window, lang);
            Reporting {
                to: Recipient::Insurer,
                duty: Duty::ByContract,
                why: say!(
                    lang,
                    "Insurer: the policy asks to be told within {window}; report before you hire help or pay anything, or the costs may not be covered.",
                    "Verzekeraar: de polis vraagt melding binnen {window}; meld voordat je hulp inhuurt of iets betaalt, anders worden de kosten misschien niet vergoed."
                ),
                deadlines: vec![Deadline::Insurer],
            }
        }
        (None, false) => Reporting {
            to: Recipient::Insurer,
            duty: Duty::ByContract,
            why: say!(
                lang,
                "Insurer: the policy ({policy}) asks to be told; its window is not in the workbook (set it in the settings).",
                "Verzekeraar: de polis ({policy}) vraagt om melding; de termijn staat niet in het werkboek (vul die in bij de instellingen)."
            ),
            deadlines: Vec::new(),
        },
        (None, true) => Reporting {
            to: Recipient::Insurer,
            duty: Duty::NotNeeded,
            why: say!(
                lang,
                "Insurer: the workbook names no cyber insurance policy.",
                "Verzekeraar: het werkboek noemt geen cyberverzekering."
            ),
            deadlines: Vec::new(),
        },
    });
    out
}

/// The clocks of deadlines that are required (by law or by the policy) and not
/// yet met: what closing the incident warns about.
pub fn unmet(clocks: &[Clock]) -> Vec<&Clock> {
    clocks
        .iter()
        .filter(|c| !matches!(c.state, ClockState::Met { .. }))
        .collect()
}

/// "data protection authority (72 h): running, 50 h left (due …)" for a warning.
pub fn unmet_line(clock: &Clock, due: &str, lang: Language) -> String {
    let (label, state, left) = (
        clock.deadline.label(lang),
        clock.state.label(lang),
        super::left_words(clock.left_seconds, lang),
    );
    say!(
        lang,
        "{label}: {state}, {left} (due {due})",
        "{label}: {state}, {left} (uiterlijk {due})"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, IncidentKind, IncidentStatus, Severity, Timestamp};

    fn manifest() -> Manifest {
        let files = crate::store::templates::template(Language::En);
        let text = files
            .iter()
            .find(|(p, _)| *p == "paraat.ron")
            .map(|(_, t)| *t)
            .unwrap();
        ron::from_str(text).unwrap()
    }

    fn incident(personal_data: bool) -> Incident {
        Incident {
            id: Id::from("2026-03-28-x"),
            title: "x".into(),
            kind: IncidentKind::Real,
            scenario: None,
            declared_at: Timestamp::parse("2026-03-28T08:00:00Z").unwrap(),
            declared_by: "T".into(),
            discovered_at: None,
            severity: Severity::High,
            affected_systems: vec![],
            personal_data,
            status: IncidentStatus::Active,
            timeline: vec![],
            notifications: vec![],
            closed_at: None,
            lessons: vec![],
            notes: String::new(),
            report: Default::default(),
        }
    }

    #[test]
    fn a_personal_data_breach_is_mandatory_for_the_authority_and_the_ncsc_voluntary_without_nis2() {
        let m = manifest();
        let r = reporting(&incident(true), &m, Language::En);
        assert_eq!(r[0].to, Recipient::DataProtection);
        assert_eq!(r[0].duty, Duty::Mandatory);
        assert_eq!(r[1].duty, Duty::Voluntary);
        assert_eq!(r[2].duty, Duty::Voluntary);
        let r = reporting(&incident(false), &m, Language::Nl);
        assert_eq!(r[0].duty, Duty::NotNeeded);
    }

    #[test]
    fn nis2_makes_the_csirt_mandatory_with_three_deadlines() {
        let mut m = manifest();
        m.organisation.nis2 = true;
        let r = reporting(&incident(false), &m, Language::En);
        assert_eq!(r[1].duty, Duty::Mandatory);
        assert_eq!(r[1].deadlines.len(), 3);
    }
}
