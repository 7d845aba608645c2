//! What people call each kind of record and each of its fields, in English and
//! Dutch, written once.
//!
//! The form and the detail pane show a field by its label, the spreadsheet export
//! heads its column with it (and the import reads that heading back), and a list
//! column shows it in its short form where the column is narrow. Messages, form
//! titles and the offline pack's findings name a record by [`RecordKind::noun`].
//! So a record and its fields are called the same wherever a person meets them,
//! and renaming one is one edit here.
//!
//! Each record kind has a module of [`Field`] constants (`risk::TITLE`), named after
//! the field's path in the record as the form edits it (`current.likelihood`,
//! `acceptance.by`, `private.email`); [`of`] lists a kind's fields. The last few
//! entries of a kind are values worked out from its fields (a risk's score and
//! level, a backup's last restore test), which lists and spreadsheets show as
//! columns of their own; the form has no place for them.

use super::bilingual::same_placeholders;
use super::{Language, RecordKind};

/// One field: where it is in the record and what people call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's path in the record, as the form edits it.
    pub path: &'static str,
    en: &'static str,
    nl: &'static str,
    short_en: &'static str,
    short_nl: &'static str,
}

impl Field {
    /// The label: the form's, the detail pane's and the spreadsheet column's.
    pub const fn label(self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.en,
            Language::Nl => self.nl,
        }
    }

    /// The label for a narrow list column (the label itself unless a shorter one
    /// is given).
    pub const fn short(self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.short_en,
            Language::Nl => self.short_nl,
        }
    }

    /// The label in both languages, English first (for the import, which reads
    /// a heading in either).
    pub const fn both(self) -> [&'static str; 2] {
        [self.en, self.nl]
    }
}

macro_rules! fields {
    (@first $first:literal, $($rest:literal),*) => { $first };
    (@first $only:literal) => { $only };
    ($(
        $(#[$doc:meta])* $module:ident for $kind:ident {
            $($name:ident: $path:literal => ($en:literal, $nl:literal) $(short ($sen:literal, $snl:literal))?,)+
        }
    )+) => {
        $(
            $(#[$doc])*
            pub mod $module {
                use super::Field;
                $(
                    pub const $name: Field = Field {
                        path: $path,
                        en: $en,
                        nl: $nl,
                        short_en: fields!(@first $($sen,)? $en),
                        short_nl: fields!(@first $($snl,)? $nl),
                    };
                )+
                /// Every field of this kind, in the order of the form.
                pub const ALL: &[Field] = &[$($name),+];
            }
        )+

        /// Every field of a record kind (none for an incident, which has no form).
        pub fn of(kind: RecordKind) -> &'static [Field] {
            match kind {
                $(RecordKind::$kind => $module::ALL,)+
                RecordKind::Incident => incident::ALL,
            }
        }

        /// Every table, for the tests.
        pub const TABLES: &[&[Field]] = &[$($module::ALL,)+ incident::ALL, organisation::ALL, phone::ALL, copy::ALL, restore_test::ALL, call::ALL, call_order::ALL, crisis_role::ALL];

        const _: () = {
            $($(
                assert!(same_placeholders($en, $nl), stringify!($module::$name));
            )+)+
        };
    };
}

fields! {
    /// A basic checklist item.
    checklist_item for ChecklistItem {
        QUESTION: "question" => ("Question", "Vraag"),
        PRINCIPLE: "principle" => ("Principle", "Principe"),
        ANSWER: "answer" => ("Answer", "Antwoord"),
        NOTE: "note" => ("Note", "Notitie"),
        ANSWERED: "answered" => ("Answered on", "Beantwoord op"),
        GUIDANCE: "guidance" => ("Guidance", "Toelichting"),
        ORIGIN: "origin" => ("Template origin", "Herkomst uit sjabloon"),
    }
    /// A self-check statement.
    statement for Statement {
        STATEMENT: "statement" => ("Statement", "Stelling"),
        PRINCIPLE: "principle" => ("Principle", "Principe"),
        ANSWER: "answer" => ("Answer", "Antwoord"),
        NOTE: "note" => ("Note", "Notitie"),
        ANSWERED: "answered" => ("Answered on", "Beantwoord op"),
        WEIGHT: "weight" => ("Weight", "Gewicht"),
        ACTION: "action" => ("Improvement action", "Verbeteractie") short ("Action", "Actie"),
        PRIORITY: "priority" => ("Priority", "Prioriteit"),
        PLAN_STEP: "plan_step" => ("Plan step", "Stap in het plan"),
        ORIGIN: "origin" => ("Template origin", "Herkomst uit sjabloon"),
    }
    /// A step of the plan.
    step for Step {
        TITLE: "title" => ("Title", "Titel") short ("Step", "Stap"),
        DESCRIPTION: "description" => ("Description", "Beschrijving"),
        OWNER: "owner" => ("Owner", "Eigenaar"),
        STATUS: "status" => ("Status", "Status"),
        DUE: "due" => ("Due", "Deadline"),
        DONE: "done" => ("Done on", "Klaar op"),
        RISKS: "risks" => ("Risks it treats", "Risico's die het behandelt"),
        STATEMENTS: "statements" => ("Self-check statements", "Zelftestvragen"),
        NOTES: "notes" => ("Notes", "Notities"),
        ORIGIN: "origin" => ("Template origin", "Herkomst uit sjabloon"),
    }
    /// A step of the first hour.
    first_hour_step for FirstHourStep {
        TITLE: "title" => ("Title", "Titel"),
        DESCRIPTION: "description" => ("Description", "Beschrijving"),
        ROLE: "role" => ("Crisis role", "Crisisrol"),
        ORIGIN: "origin" => ("Template origin", "Herkomst uit sjabloon"),
    }
    /// A risk.
    risk for Risk {
        TITLE: "title" => ("Title", "Titel") short ("Risk", "Risico"),
        LIKELIHOOD: "current.likelihood" => ("Likelihood", "Kans") short ("L", "K"),
        IMPACT: "current.impact" => ("Impact", "Impact") short ("I", "I"),
        OWNER: "owner" => ("Owner", "Eigenaar"),
        TREATMENT: "treatment" => ("Treatment", "Behandeling"),
        STATUS: "status" => ("Status", "Status"),
        REVIEW_BY: "review_by" => ("Review by", "Herzien voor"),
        DESCRIPTION: "description" => ("Description", "Beschrijving"),
        THREAT: "threat" => ("Threat", "Dreiging"),
        VULNERABILITY: "vulnerability" => ("Vulnerability", "Kwetsbaarheid"),
        CATEGORY: "category" => ("Category", "Categorie"),
        PROCESSES: "processes" => ("Affected processes", "Geraakte processen"),
        SYSTEMS: "systems" => ("Affected systems", "Geraakte systemen"),
        SUPPLIERS: "suppliers" => ("Affected suppliers", "Geraakte leveranciers"),
        MEASURES: "measures" => ("Existing measures", "Bestaande maatregelen"),
        ACTIONS: "actions" => ("Planned actions (plan steps)", "Geplande acties (stappen)"),
        RESIDUAL_LIKELIHOOD: "residual.likelihood" => ("Residual likelihood", "Restkans"),
        RESIDUAL_IMPACT: "residual.impact" => ("Residual impact", "Restimpact"),
        ACCEPTED_BY: "acceptance.by" => ("Accepted by", "Geaccepteerd door"),
        ACCEPTED_ON: "acceptance.on" => ("Accepted on", "Geaccepteerd op"),
        ACCEPTANCE_REASON: "acceptance.reason" => ("Why accepted", "Waarom geaccepteerd"),
        ACCEPTED_UNTIL: "acceptance.until" => ("Acceptance holds until", "Acceptatie geldt tot"),
        NOTES: "notes" => ("Notes", "Notities"),
        SCORE: "score" => ("Score", "Score"),
        LEVEL: "level" => ("Level", "Niveau"),
        OWNER_ID: "owner_id" => ("Owner ID", "Eigenaar-ID"),
    }
    /// A process.
    process for Process {
        NAME: "name" => ("Name", "Naam") short ("Process", "Proces"),
        CRITICALITY: "criticality" => ("Criticality", "Kritikaliteit") short ("Criticality", "Kritiek"),
        OWNER: "owner" => ("Owner", "Eigenaar"),
        MTD: "mtd" => ("Maximum tolerable downtime", "Maximaal toelaatbare uitval") short ("MTD", "MTD"),
        RTO: "rto" => ("Recovery time objective (RTO)", "Hersteltijd (RTO)") short ("RTO", "RTO"),
        RPO: "rpo" => ("Recovery point objective (RPO)", "Maximaal dataverlies (RPO)") short ("RPO", "RPO"),
        RECOVERY_ORDER: "recovery_order" => ("Recovery order", "Herstelvolgorde") short ("Order", "Volgorde"),
        SYSTEMS: "systems" => ("Depends on systems", "Hangt af van systemen"),
        SUPPLIERS: "suppliers" => ("Depends on suppliers", "Hangt af van leveranciers"),
        WORKAROUND: "workaround" => ("Manual workaround", "Handmatige noodoplossing"),
        MINIMUM_SERVICE: "minimum_service" => ("Minimum service while degraded", "Minimale dienstverlening bij uitval"),
        DESCRIPTION: "description" => ("Description", "Beschrijving"),
        NOTES: "notes" => ("Notes", "Notities"),
    }
    /// A system.
    system for System {
        NAME: "name" => ("Name", "Naam") short ("System", "Systeem"),
        KIND: "kind" => ("Kind", "Soort"),
        DATA: "data" => ("Data it holds", "Gegevens erin"),
        LOCATION: "location" => ("Location", "Locatie"),
        SUPPLIER: "supplier" => ("Supplier", "Leverancier"),
        OWNER: "owner" => ("Owner", "Eigenaar"),
        NOTES: "notes" => ("Notes", "Notities"),
    }
    /// A supplier.
    supplier for Supplier {
        NAME: "name" => ("Name", "Naam") short ("Supplier", "Leverancier"),
        SERVICE: "service" => ("Service", "Dienst"),
        CATALOGUE: "catalogue" => ("In the supplier catalogue as", "In de leverancierscatalogus als") short ("Catalogue", "Catalogus"),
        CONTRACT_END: "contract_end" => ("Contract ends", "Contract loopt af"),
        SECURITY_AGREEMENTS: "security_agreements" => ("Security agreements in the contract", "Beveiligingsafspraken in het contract"),
        INCIDENT_CONTACT: "incident_contact" => ("Incident contact", "Contact bij incidenten") short ("Incident contact", "Incidentcontact"),
        EXIT_PLAN: "exit_plan" => ("Exit plan / alternative", "Exitplan / alternatief"),
        NOTES: "notes" => ("Notes", "Notities"),
    }
    /// A contact, with the private details kept out of git.
    contact for Contact {
        NAME: "name" => ("Name", "Naam"),
        ROLE: "role" => ("Role", "Rol"),
        ORGANISATION: "organisation" => ("Organisation", "Organisatie"),
        KIND: "kind" => ("Kind", "Soort"),
        PHONES: "phones" => ("Work phone numbers (in git)", "Werktelefoonnummers (in git)") short ("Phone", "Telefoon"),
        EMAIL: "email" => ("E-mail", "E-mail"),
        OUT_OF_BAND: "out_of_band" => ("Out-of-band channel (works without e-mail)", "Alternatief kanaal (werkt zonder e-mail)"),
        AVAILABILITY: "availability" => ("Availability", "Bereikbaarheid"),
        VERIFIED: "verified" => ("Details verified on", "Gegevens gecontroleerd op") short ("Verified", "Gecontroleerd"),
        AUTHORITY: "authority" => ("Authority", "Overheidsinstantie"),
        NEEDS: "needs" => ("What they need from you", "Wat ze van je nodig hebben"),
        NOTES: "notes" => ("Notes", "Notities"),
        PRIVATE_PHONES: "private.phones" => ("Private phone numbers (kept out of git)", "Privételefoonnummers (buiten git)"),
        PRIVATE_EMAIL: "private.email" => ("Private e-mail", "Privé-e-mail"),
        PRIVATE_OUT_OF_BAND: "private.out_of_band" => ("Private out-of-band channel", "Privé alternatief kanaal"),
        PRIVATE_ADDRESS: "private.address" => ("Home address", "Huisadres"),
        PRIVATE_NOTES: "private.notes" => ("Private notes", "Privénotities"),
        ORIGIN: "origin" => ("Template origin", "Herkomst uit sjabloon"),
    }
    /// A backup.
    backup for Backup {
        WHAT: "what" => ("What is backed up", "Wat wordt geback-upt") short ("Backup", "Back-up"),
        SYSTEMS: "systems" => ("Systems covered", "Systemen"),
        METHOD: "method" => ("Method", "Methode"),
        FREQUENCY: "frequency" => ("Runs every", "Draait elke") short ("Every", "Elke"),
        RETENTION: "retention" => ("Kept for", "Bewaard gedurende"),
        COPIES: "copies" => ("Copies", "Kopieën"),
        ENCRYPTED: "encrypted" => ("Encrypted", "Versleuteld"),
        RESPONSIBLE: "responsible" => ("Responsible", "Verantwoordelijke"),
        LAST_SUCCESS: "last_success" => ("Last successful run", "Laatste geslaagde run") short ("Last run", "Laatste run"),
        RESTORE_TEST_EVERY: "restore_test_every" => ("Test a restore every", "Herstel testen elke"),
        RESTORE_TESTS: "restore_tests" => ("Restore tests", "Hersteltests"),
        NOTES: "notes" => ("Notes", "Notities"),
        LAST_RESTORE_TEST: "last_restore_test" => ("Last restore test", "Laatste hersteltest"),
        LAST_RESTORE_RESULT: "last_restore_result" => ("Last restore result", "Resultaat laatste hersteltest"),
        RESTORE_TESTS_HELD: "restore_tests_held" => ("Restore tests held", "Aantal hersteltests"),
    }
}

/// The fields of an incident that its list shows (an incident has no form: it is
/// changed through the incident screen and `paraat incident`).
pub mod incident {
    use super::Field;
    pub const TITLE: Field = Field::new("title", "Title", "Titel");
    pub const KIND: Field = Field::new("kind", "Kind", "Soort");
    pub const STATUS: Field = Field::new("status", "Status", "Status");
    /// Every field.
    pub const ALL: &[Field] = &[TITLE, KIND, STATUS];
}

/// The organisation block of the manifest: the fields a sector report groups
/// members by (the manifest has no form; these name the groups).
pub mod organisation {
    use super::Field;
    pub const KIND: Field = Field::new(
        "organisation.kind",
        "Kind of organisation",
        "Soort organisatie",
    );
    pub const STAFF: Field = Field::new("organisation.staff", "Staff", "Medewerkers");
    /// Every field.
    pub const ALL: &[Field] = &[KIND, STAFF];
}

/// One phone number of a contact.
pub mod phone {
    use super::Field;
    /// The examples are [`PUBLIC_PHONE_LABELS`](crate::model::PUBLIC_PHONE_LABELS):
    /// none of them is a personal number by the one rule for it.
    pub const LABEL: Field = Field::new(
        "label",
        "Label (work mobile, office, 24/7 line)",
        "Label (werk mobiel, kantoor, 24/7-lijn)",
    );
    pub const NUMBER: Field = Field::new("number", "Number", "Nummer");
    /// Every field.
    pub const ALL: &[Field] = &[LABEL, NUMBER];
}

/// One copy of a backup.
pub mod copy {
    use super::Field;
    pub const MEDIUM: Field = Field::new("medium", "Medium", "Medium");
    pub const LOCATION: Field = Field::new("location", "Location", "Locatie");
    pub const PLACE: Field = Field::new("place", "Where exactly", "Waar precies");
    pub const OFFLINE: Field = Field::new(
        "offline",
        "Offline (disconnected)",
        "Offline (losgekoppeld)",
    );
    pub const IMMUTABLE: Field = Field::new("immutable", "Immutable", "Onveranderbaar");
    /// Every field.
    pub const ALL: &[Field] = &[MEDIUM, LOCATION, PLACE, OFFLINE, IMMUTABLE];
}

/// One restore test of a backup.
pub mod restore_test {
    use super::Field;
    pub const DATE: Field = Field::new("date", "Date", "Datum");
    pub const RESTORED: Field = Field::new("restored", "What was restored", "Wat is hersteld");
    pub const RESULT: Field = Field::new("result", "Result", "Resultaat");
    pub const TOOK: Field = Field::new("took", "Time it took", "Duur");
    pub const NOTES: Field = Field::new("notes", "Notes", "Notities");
    /// Every field.
    pub const ALL: &[Field] = &[DATE, RESTORED, RESULT, TOOK, NOTES];
}

/// One call of the call order.
pub mod call {
    use super::Field;
    pub const CONTACT: Field = Field::new("contact", "Who", "Wie");
    pub const REASON: Field = Field::new("reason", "Why / when", "Waarom / wanneer");
    /// Every field.
    pub const ALL: &[Field] = &[CONTACT, REASON];
}

/// The call order of the contacts register (its one field).
pub mod call_order {
    use super::Field;
    pub const CALLS: Field = Field::new("calls", "Calls, in order", "Telefoontjes, op volgorde");
    /// Every field.
    pub const ALL: &[Field] = &[CALLS];
}

/// The two people of a crisis role (the crisis-roles form names each role first:
/// "Decision-maker: primary").
pub mod crisis_role {
    use super::Field;
    pub const PRIMARY: Field = Field::new("primary", "primary", "eerste");
    pub const DEPUTY: Field = Field::new("deputy", "deputy", "vervanger");
    /// Every field.
    pub const ALL: &[Field] = &[PRIMARY, DEPUTY];
}

impl Field {
    /// A field whose short label is its label.
    const fn new(path: &'static str, en: &'static str, nl: &'static str) -> Field {
        assert!(same_placeholders(en, nl));
        Field {
            path,
            en,
            nl,
            short_en: en,
            short_nl: nl,
        }
    }
}

impl RecordKind {
    /// What a record of this kind is called ("risk", "risico").
    pub fn noun(self, lang: Language) -> &'static str {
        match (self, lang) {
            (RecordKind::ChecklistItem, Language::En) => "checklist item",
            (RecordKind::Statement, Language::En) => "self-check statement",
            (RecordKind::Step, Language::En) => "plan step",
            (RecordKind::FirstHourStep, Language::En) => "first-hour step",
            (RecordKind::Risk, Language::En) => "risk",
            (RecordKind::Process, Language::En) => "process",
            (RecordKind::System, Language::En) => "system",
            (RecordKind::Supplier, Language::En) => "supplier",
            (RecordKind::Contact, Language::En) => "contact",
            (RecordKind::Backup, Language::En) => "backup",
            (RecordKind::Incident, Language::En) => "incident",
            (RecordKind::ChecklistItem, Language::Nl) => "checklistvraag",
            (RecordKind::Statement, Language::Nl) => "zelftestvraag",
            (RecordKind::Step, Language::Nl) => "planstap",
            (RecordKind::FirstHourStep, Language::Nl) => "eerste-uurstap",
            (RecordKind::Risk, Language::Nl) => "risico",
            (RecordKind::Process, Language::Nl) => "proces",
            (RecordKind::System, Language::Nl) => "systeem",
            (RecordKind::Supplier, Language::Nl) => "leverancier",
            (RecordKind::Contact, Language::Nl) => "contactpersoon",
            (RecordKind::Backup, Language::Nl) => "back-up",
            (RecordKind::Incident, Language::Nl) => "incident",
        }
    }

    /// A record of this kind named by its id: "risk R-017", "risico R-017".
    pub fn named(self, id: &str, lang: Language) -> String {
        format!("{} {id}", self.noun(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_both_languages_with_the_same_placeholders_and_one_entry_per_path() {
        for table in TABLES {
            let mut paths = std::collections::HashSet::new();
            for field in *table {
                assert!(paths.insert(field.path), "{} twice", field.path);
                for lang in [Language::En, Language::Nl] {
                    assert!(!field.label(lang).trim().is_empty(), "{}", field.path);
                    assert!(!field.short(lang).trim().is_empty(), "{}", field.path);
                }
                let [en, nl] = field.both();
                assert!(same_placeholders(en, nl), "{}", field.path);
                assert!(
                    !en.contains(['{', '}']) && !nl.contains(['{', '}']),
                    "{}",
                    field.path
                );
            }
        }
    }

    #[test]
    fn every_record_kind_has_its_table() {
        for kind in RecordKind::ALL {
            assert!(!of(kind).is_empty(), "{kind:?}");
        }
    }
}
