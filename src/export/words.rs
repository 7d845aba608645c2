//! Every word the exports and the import print, in English and Dutch, in one place.
//!
//! Enum values (levels, statuses, kinds) take their words from
//! [`crate::model::labels`] and the columns of the spreadsheets that are a record's
//! fields from [`crate::model::fields`]; this table holds the headings, column names and
//! sentences of the offline pack, the CSV files and the import: each word a pair of
//! English and Dutch (the same pairs as every other text of the program), picked by
//! the language a [`Words`] is for. A missing translation does not compile.

use crate::model::bilingual::{same_placeholders, say};
use crate::model::{Language, RecordKind};

macro_rules! words {
    ($($(#[$doc:meta])* $field:ident => ($en:literal, $nl:literal),)+) => {
        /// The export's words in one language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct Words {
            pub lang: Language,
        }

        impl Words {
            $(
                $(#[$doc])*
                pub fn $field(&self) -> &'static str {
                    match self.lang {
                        Language::En => $en,
                        Language::Nl => $nl,
                    }
                }
            )+

            /// Every word, English and Dutch (for the test that both fill the
            /// same places).
            pub fn pairs() -> Vec<(&'static str, &'static str)> {
                vec![$(($en, $nl)),+]
            }
        }

        const _: () = {
            $(assert!(same_placeholders($en, $nl), stringify!($field));)+
        };
    };
}

words! {
    /// The pack and its stamp.
    pack_title => ("Offline incident pack", "Offline incidentmap"),
    card_title => ("Emergency card", "Noodkaart"),
    contents => ("Contents", "Inhoud"),
    private_notice => ("This copy holds private details (personal phone numbers, e-mail addresses, home addresses). Keep it with the crisis team and do not share it wider; for a wider copy export with --redact.", "Deze kopie bevat privégegevens (privételefoonnummers, e-mailadressen, huisadressen). Bewaar haar bij het crisisteam en deel haar niet breder; exporteer voor een bredere kopie met --redact."),
    redacted_notice => ("Redacted copy: personal details (everything from private/ and personal phone numbers) are left out.", "Geschoonde kopie: persoonlijke gegevens (alles uit private/ en privételefoonnummers) zijn weggelaten."),
    /// Where the files that did not load are named (`{}`).
    incomplete => ("Incomplete copy: {} did not load when it was made, so what those files hold is missing here. Repair them (paraat check) and make the card again.", "Onvolledige kopie: {} laadde niet toen deze kopie werd gemaakt, dus wat daarin staat ontbreekt hier. Herstel de bestanden (paraat check) en maak de kaart opnieuw."),
    organisation => ("Organisation", "Organisatie"),
    generated_at => ("Generated at", "Gemaakt op"),
    generated_at_short => ("generated", "gemaakt"),
    workbook_commit => ("Workbook commit", "Commit van het werkboek"),
    commit_short => ("commit", "commit"),
    no_commit => ("no git commit", "geen git-commit"),
    uncommitted_changes => ("with uncommitted changes", "met niet-gecommitte wijzigingen"),
    printed_copies => ("Printed copies held by", "Papieren exemplaren bij"),
    not_recorded => ("not recorded", "niet vastgelegd"),
    unknown_record => ("not in the workbook", "niet in het werkboek"),
    yes => ("yes", "ja"),
    no => ("no", "nee"),
    /// The emergency card.
    who_decides => ("Who decides", "Wie beslist"),
    who_decides_explained => ("The decision-maker declares an incident and authorises isolating systems.", "De beslisser verklaart een incident en geeft toestemming om systemen af te sluiten."),
    crisis_roles => ("Crisis roles", "Crisisrollen"),
    role => ("Role", "Rol"),
    primary => ("Primary", "Eerste"),
    deputy => ("Deputy", "Vervanger"),
    no_deputy => ("no deputy", "geen vervanger"),
    not_assigned => ("not assigned", "niet toegewezen"),
    no_phone => ("no phone number", "geen telefoonnummer"),
    no_out_of_band => ("no out-of-band channel", "geen noodkanaal"),
    out_of_band => ("Out of band", "Noodkanaal"),
    call_order => ("Call order", "Belvolgorde"),
    no_call_order => ("No call order recorded", "Geen belvolgorde vastgelegd"),
    call => ("Call", "Bel"),
    phone => ("Phone", "Telefoon"),
    when_and_why => ("When and why", "Wanneer en waarom"),
    first_hour => ("The first hour", "Het eerste uur"),
    no_first_hour => ("No first-hour steps recorded", "Geen stappen voor het eerste uur vastgelegd"),
    deadlines => ("Deadlines that start running", "Termijnen die gaan lopen"),
    deadline => ("Deadline", "Termijn"),
    clock => ("Clock", "Klok"),
    report_to => ("Report to", "Melden bij"),
    data_breach_clock => ("If personal data is involved: report within 72 hours of discovery.", "Als persoonsgegevens betrokken zijn: melden binnen 72 uur na ontdekking."),
    nis2_early_clock => ("Early warning within 24 hours of becoming aware of a significant incident.", "Vroege waarschuwing binnen 24 uur nadat je van een significant incident weet."),
    nis2_notification_clock => ("Incident notification within 72 hours of becoming aware of it.", "Incidentmelding binnen 72 uur nadat je ervan weet."),
    insurer_clock => ("Notify within this window from discovery, before hiring outside help.", "Melden binnen deze termijn na ontdekking, voordat je externe hulp inschakelt."),
    no_contact_for_deadline => ("no contact in the workbook", "geen contact in het werkboek"),
    for_the_reports => ("For the reports", "Voor de meldingen"),
    chamber_of_commerce => ("Chamber of Commerce (KvK)", "KvK-nummer"),
    address => ("Address", "Adres"),
    sector => ("Sector", "Sector"),
    nis2_applies => ("NIS2 applies", "NIS2 van toepassing"),
    insurance_policy => ("Cyber insurance policy", "Polisnummer cyberverzekering"),
    notifier => ("Notifier", "Melder"),
    /// The recovery order.
    recovery_title => ("Recovery order", "Herstelvolgorde"),
    recovery_explained => ("Processes in the order they come back: the recovery order set in the workbook first, then the rest by criticality and RTO. MTD: maximum tolerable downtime; RTO: back within; RPO: at most this much data lost.", "Processen in de volgorde waarin ze terugkomen: eerst de herstelvolgorde uit het werkboek, daarna de rest op kritikaliteit en RTO. MTD: maximaal toelaatbare uitval; RTO: terug binnen; RPO: maximaal zoveel gegevens kwijt."),
    no_processes => ("No processes recorded", "Geen processen vastgelegd"),
    process => ("Process", "Proces"),
    criticality => ("Criticality", "Kritikaliteit"),
    owner => ("Owner", "Eigenaar"),
    minimum_service => ("Minimum service", "Minimale dienstverlening"),
    workaround => ("Manual workaround", "Handmatige noodoplossing"),
    no_workaround => ("no manual workaround recorded", "geen handmatige noodoplossing vastgelegd"),
    systems => ("Systems", "Systemen"),
    suppliers => ("Suppliers", "Leveranciers"),
    incident_contact => ("Incident contact", "Contact bij incidenten"),
    no_incident_contact => ("no incident contact recorded", "geen contact bij incidenten vastgelegd"),
    backups => ("Backups", "Back-ups"),
    no_backups_for_process => ("no backup covers these systems", "geen back-up dekt deze systemen"),
    copies => ("Copies", "Kopieën"),
    offline => ("offline", "offline"),
    immutable => ("immutable", "onveranderbaar"),
    last_success => ("Last successful run", "Laatste geslaagde back-up"),
    last_restore_test => ("Last restore test", "Laatste hersteltest"),
    never_tested => ("never tested", "nooit getest"),
    took => ("Took", "Duur"),
    /// Contacts.
    contacts_title => ("Contacts", "Contacten"),
    contacts_internal => ("Our people", "Eigen mensen"),
    contacts_suppliers => ("Suppliers", "Leveranciers"),
    contacts_authorities => ("Authorities", "Overheid"),
    contacts_insurers => ("Insurers", "Verzekeraars"),
    contacts_other => ("Others", "Overige"),
    no_contacts => ("No contacts recorded", "Geen contacten vastgelegd"),
    name => ("Name", "Naam"),
    phones => ("Phones", "Telefoonnummers"),
    reach_otherwise => ("E-mail and other channels", "E-mail en andere kanalen"),
    availability => ("Availability", "Bereikbaarheid"),
    notes => ("Notes", "Notities"),
    verified => ("Verified", "Gecontroleerd"),
    never_verified => ("never verified", "nooit gecontroleerd"),
    what_to_have_ready => ("What to have ready when you call or report", "Wat je klaar moet hebben als je belt of meldt"),
    /// Backups.
    backups_title => ("Backups", "Back-ups"),
    no_backups => ("No backups recorded", "Geen back-ups vastgelegd"),
    backup => ("Backup", "Back-up"),
    schedule => ("Schedule", "Schema"),
    every => ("Every", "Elke"),
    retention => ("Kept", "Bewaard"),
    encrypted => ("Encrypted", "Versleuteld"),
    responsible => ("Responsible", "Verantwoordelijk"),
    restore_test => ("Restore test", "Hersteltest"),
    restore_log => ("Restore-test log", "Logboek hersteltests"),
    no_restore_tests => ("No restore tests recorded", "Geen hersteltests vastgelegd"),
    date => ("Date", "Datum"),
    restored => ("Restored", "Hersteld"),
    result => ("Result", "Resultaat"),
    /// Risks.
    risks_title => ("Risk register", "Risicoregister"),
    heat_map => ("Heat map", "Risicomatrix"),
    heat_corner => ("Likelihood ↓ / impact →", "Kans ↓ / impact →"),
    heat_explained => ("Number of risks that are not closed, by current likelihood and impact.", "Aantal risico's dat niet gesloten is, naar huidige kans en impact."),
    levels => ("Levels (likelihood × impact)", "Niveaus (kans × impact)"),
    appetite_explained => ("Risk appetite: a risk scoring above this needs a treatment:", "Risicobereidheid: een risico met een hogere score dan dit heeft een behandeling nodig:"),
    risk_register => ("Risks, highest score first", "Risico's, hoogste score eerst"),
    no_risks => ("No risks recorded", "Geen risico's vastgelegd"),
    id => ("ID", "ID"),
    risk => ("Risk", "Risico"),
    current => ("Current", "Huidig"),
    treatment => ("Treatment", "Behandeling"),
    no_treatment => ("no treatment", "geen behandeling"),
    accepted_by => ("Accepted by", "Geaccepteerd door"),
    until => ("until", "tot"),
    residual => ("Residual", "Rest"),
    status => ("Status", "Status"),
    review_by => ("Review by", "Herzien voor"),
    overdue => ("overdue", "te laat"),
    /// The plan.
    plan_title => ("Plan and status", "Plan en voortgang"),
    phase => ("Phase", "Fase"),
    step => ("Step", "Stap"),
    title => ("Title", "Titel"),
    due => ("Due", "Deadline"),
    done => ("Done", "Klaar"),
    /// Findings.
    findings_title => ("Open findings", "Openstaande bevindingen"),
    no_findings => ("No open findings.", "Geen openstaande bevindingen."),
    severity => ("Severity", "Ernst"),
    code => ("Code", "Code"),
    record => ("Record", "Record"),
    message => ("Message", "Melding"),
    /// Incidents and exercises.
    incidents_title => ("Incidents and exercises", "Incidenten en oefeningen"),
    no_incidents => ("No incidents or exercises recorded.", "Geen incidenten of oefeningen vastgelegd."),
    kind => ("Kind", "Soort"),
    declared => ("Declared", "Verklaard"),
    scenario => ("Scenario", "Scenario"),
    discovered => ("Discovered", "Ontdekt"),
    closed => ("Closed", "Gesloten"),
    personal_data => ("Personal data involved", "Persoonsgegevens betrokken"),
    notifications => ("Notifications", "Meldingen"),
    lessons => ("Lessons learned", "Lessen"),
    /// CSV columns that are not a field of a record (the fields' labels are in
    /// `model::fields`).
    phase_title => ("Phase title", "Fasetitel"),
}

impl Words {
    /// "12 of 51 steps done".
    pub fn steps_done(&self, done: usize, total: usize) -> String {
        say!(
            self.lang,
            "{done} of {total} steps done",
            "{done} van {total} stappen klaar"
        )
    }

    /// The kind of a record, as a finding names it (the model's one noun for it).
    pub fn record_kind(&self, kind: RecordKind) -> &'static str {
        kind.noun(self.lang)
    }
}

pub const EN: Words = Words { lang: Language::En };
pub const NL: Words = Words { lang: Language::Nl };

/// The words of `lang`.
pub fn words(lang: Language) -> &'static Words {
    match lang {
        Language::En => &EN,
        Language::Nl => &NL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_the_same_placeholders_in_english_and_dutch() {
        for (en, nl) in Words::pairs() {
            assert!(same_placeholders(en, nl), "{en:?} / {nl:?}");
            assert!(!en.is_empty() && !nl.is_empty());
        }
    }
}
