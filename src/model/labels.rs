//! The words for every choice in the files, in English and Dutch.
//!
//! One table, so the CLI, the screens and the exports say the same thing, and a
//! translation is an edit here rather than a hunt. Each label is short enough for a
//! table column; meaning never depends on colour, so levels and statuses have words.

use super::*;

/// A value with a name a person reads, in the workbook's language.
pub trait Label: Copy {
    fn label(self, lang: Language) -> &'static str;
}

macro_rules! labels {
    ($ty:ty { $($variant:ident => ($en:literal, $nl:literal)),+ $(,)? }) => {
        impl Label for $ty {
            fn label(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $(
                        (<$ty>::$variant, Language::En) => $en,
                        (<$ty>::$variant, Language::Nl) => $nl,
                    )+
                }
            }
        }

        const _: () = {
            $(assert!(super::bilingual::same_placeholders($en, $nl));)+
        };
    };
}

labels!(Principle {
    Risks => ("Map your risks", "Breng risico's in kaart"),
    Behaviour => ("Promote safe behaviour", "Stimuleer veilig gedrag"),
    Systems => ("Protect systems and devices", "Bescherm systemen en apparaten"),
    Access => ("Manage access", "Beheer toegang"),
    Incidents => ("Prepare for incidents", "Bereid je voor op incidenten"),
});

labels!(Answer {
    Unanswered => ("unanswered", "onbeantwoord"),
    Yes => ("yes", "ja"),
    Partly => ("partly", "deels"),
    No => ("no", "nee"),
    NotApplicable => ("n/a", "n.v.t."),
});

labels!(Priority {
    High => ("high", "hoog"),
    Medium => ("medium", "gemiddeld"),
    Low => ("low", "laag"),
});

labels!(StepStatus {
    Todo => ("to do", "te doen"),
    Doing => ("doing", "bezig"),
    Done => ("done", "klaar"),
    Skipped => ("skipped", "overgeslagen"),
});

labels!(Treatment {
    Reduce => ("reduce", "verminderen"),
    Accept => ("accept", "accepteren"),
    Avoid => ("avoid", "vermijden"),
    Transfer => ("transfer", "overdragen"),
});

labels!(RiskStatus {
    Open => ("open", "open"),
    InTreatment => ("in treatment", "in behandeling"),
    Monitoring => ("monitoring", "bewaken"),
    Closed => ("closed", "gesloten"),
});

labels!(RiskLevel {
    Low => ("low", "laag"),
    Medium => ("medium", "gemiddeld"),
    High => ("high", "hoog"),
    Critical => ("critical", "kritiek"),
});

labels!(Criticality {
    Critical => ("critical", "kritiek"),
    High => ("high", "hoog"),
    Medium => ("medium", "gemiddeld"),
    Low => ("low", "laag"),
});

labels!(SystemKind {
    Saas => ("SaaS", "SaaS"),
    OnPremises => ("on premises", "eigen beheer"),
    Workstation => ("workstation", "werkplek"),
    Network => ("network", "netwerk"),
    BuildingControl => ("building control", "gebouwbeheer"),
    Other => ("other", "anders"),
});

labels!(DataKind {
    Collection => ("collection", "collectie"),
    PersonalData => ("personal data", "persoonsgegevens"),
    Financial => ("financial", "financieel"),
    Operational => ("operational", "bedrijfsvoering"),
    Other => ("other", "anders"),
});

labels!(ContactKind {
    Internal => ("internal", "intern"),
    Supplier => ("supplier", "leverancier"),
    Authority => ("authority", "overheid"),
    Insurer => ("insurer", "verzekeraar"),
    Other => ("other", "anders"),
});

labels!(Authority {
    CyberSecurityCentre => ("national cyber security centre", "Nationaal Cyber Security Centrum"),
    Police => ("police (cybercrime)", "politie (cybercrime)"),
    DataProtection => ("data protection authority", "Autoriteit Persoonsgegevens"),
    SectorCsirt => ("sector CSIRT", "sector-CSIRT"),
});

labels!(RoleKind {
    DecisionMaker => ("decision-maker", "beslisser"),
    IncidentLead => ("incident lead", "incidentleider"),
    TechnicalLead => ("technical lead", "technisch leider"),
    Communications => ("communications", "communicatie"),
});

labels!(Medium {
    Disk => ("disk", "schijf"),
    Nas => ("NAS", "NAS"),
    Tape => ("tape", "tape"),
    RemovableDisk => ("removable disk", "losse schijf"),
    Cloud => ("cloud", "cloud"),
    Other => ("other", "anders"),
});

labels!(CopyLocation {
    OnSite => ("on site", "op locatie"),
    OffSite => ("off site", "elders"),
    Cloud => ("cloud", "cloud"),
});

labels!(RestoreResult {
    Success => ("success", "gelukt"),
    Partial => ("partial", "deels gelukt"),
    Failed => ("failed", "mislukt"),
});

labels!(IncidentKind {
    Real => ("incident", "incident"),
    Exercise => ("exercise", "oefening"),
});

labels!(Severity {
    Low => ("low", "laag"),
    Medium => ("medium", "gemiddeld"),
    High => ("high", "hoog"),
    Critical => ("critical", "kritiek"),
});

labels!(IncidentStatus {
    Active => ("active", "actief"),
    Closed => ("closed", "gesloten"),
});

labels!(Deadline {
    DataProtection => ("data protection authority (72 h)", "Autoriteit Persoonsgegevens (72 uur)"),
    Nis2EarlyWarning => ("NIS2 early warning (24 h)", "NIS2 vroege waarschuwing (24 uur)"),
    Nis2Notification => ("NIS2 notification (72 h)", "NIS2 melding (72 uur)"),
    Nis2FinalReport => ("NIS2 final report (1 month)", "NIS2 eindrapport (1 maand)"),
    Insurer => ("insurer", "verzekeraar"),
});

labels!(BreachNature {
    Read => ("read", "ingezien"),
    Copied => ("copied", "gekopieerd"),
    Changed => ("changed", "veranderd"),
    Deleted => ("deleted or destroyed", "verwijderd of vernietigd"),
    Stolen => ("stolen", "gestolen"),
});

labels!(PersonalDataKind {
    NamesAddresses => ("names and addresses", "namen en adressen"),
    PhoneNumbers => ("phone numbers", "telefoonnummers"),
    EmailAddresses => ("e-mail addresses", "e-mailadressen"),
    LoginData => ("login data", "inloggegevens"),
    Financial => ("financial data", "financiële gegevens"),
    IdentityDocuments => ("identity documents", "identiteitsbewijzen"),
    Sensitive => ("special categories such as health or religion", "bijzondere persoonsgegevens zoals gezondheid of geloof"),
});

labels!(Encryption {
    Yes => ("encrypted", "versleuteld"),
    Partly => ("partly encrypted", "deels versleuteld"),
    No => ("not encrypted", "niet versleuteld"),
});

labels!(OrganisationKind {
    Museum => ("museum", "museum"),
    Archive => ("archive", "archief"),
    Library => ("library", "bibliotheek"),
    Heritage => ("heritage organisation", "erfgoedorganisatie"),
    Other => ("other", "anders"),
});

labels!(StaffBand {
    Unknown => ("size not given", "grootte niet ingevuld"),
    Under10 => ("1–9 staff", "1–9 medewerkers"),
    From10To49 => ("10–49 staff", "10–49 medewerkers"),
    From50To249 => ("50–249 staff", "50–249 medewerkers"),
    From250 => ("250 staff or more", "250 medewerkers of meer"),
});

labels!(ServiceKind {
    CollectionManagement => ("collection management", "collectiebeheer"),
    LibrarySystem => ("library system", "bibliotheeksysteem"),
    EDepot => ("e-depot", "e-depot"),
    Ticketing => ("ticketing", "kaartverkoop"),
    Webshop => ("web shop", "webwinkel"),
    Hosting => ("hosting and cloud", "hosting en cloud"),
});

labels!(Language {
    En => ("English", "Engels"),
    Nl => ("Dutch", "Nederlands"),
});

/// A duration in words: "24 hours", "3 dagen".
pub fn duration_words(duration: Duration, lang: Language) -> String {
    let n = duration.amount();
    let one = n == 1;
    let unit = match (duration, lang) {
        (Duration::Minutes(_), Language::En) => {
            if one {
                "minute"
            } else {
                "minutes"
            }
        }
        (Duration::Hours(_), Language::En) => {
            if one {
                "hour"
            } else {
                "hours"
            }
        }
        (Duration::Days(_), Language::En) => {
            if one {
                "day"
            } else {
                "days"
            }
        }
        (Duration::Weeks(_), Language::En) => {
            if one {
                "week"
            } else {
                "weeks"
            }
        }
        (Duration::Months(_), Language::En) => {
            if one {
                "month"
            } else {
                "months"
            }
        }
        (Duration::Minutes(_), Language::Nl) => {
            if one {
                "minuut"
            } else {
                "minuten"
            }
        }
        (Duration::Hours(_), Language::Nl) => "uur",
        (Duration::Days(_), Language::Nl) => {
            if one {
                "dag"
            } else {
                "dagen"
            }
        }
        (Duration::Weeks(_), Language::Nl) => {
            if one {
                "week"
            } else {
                "weken"
            }
        }
        (Duration::Months(_), Language::Nl) => {
            if one {
                "maand"
            } else {
                "maanden"
            }
        }
    };
    format!("{n} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages() {
        for p in Principle::ALL {
            assert_ne!(p.label(Language::En), p.label(Language::Nl));
        }
        assert_eq!(duration_words(Duration::Hours(1), Language::En), "1 hour");
        assert_eq!(duration_words(Duration::Days(3), Language::Nl), "3 dagen");
    }
}
