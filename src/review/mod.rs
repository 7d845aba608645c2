//! The review engine: one pure function from (workbook, today) to findings.
//!
//! Every finding has a severity, a stable code (`RPO_NOT_MET`), the record it is
//! about and one plain sentence in the workbook's language. The CLI `check`, the
//! TUI overview and the exports all show these same findings: a rule lives here
//! once. Rules index the workbook by id first, so each is linear in its size.
//! `docs/checks.md` lists every code.
//!
//! One module per group of rules (`integrity`, `freshness`, `continuity`, `risk`,
//! `readiness`, `hygiene`). Next to the findings, [`selfcheck`] turns the
//! self-check answers into a score, a level and an action list, and [`overview`]
//! condenses everything into the readiness overview (`paraat status`, the TUI's
//! Overview tab). All of it is pure: "today" is an argument.

mod conflicts;
mod continuity;
mod fields;
mod freshness;
mod hygiene;
mod index;
mod integrity;
pub mod overview;
mod readiness;
mod risk;
pub mod secrets;
pub mod selfcheck;
#[cfg(test)]
pub(crate) mod testing;

use serde::Serialize;

use crate::model::{Date, Language, RecordKind, RecordRef, Register, Workbook};

pub use continuity::{Part32110, Rule32110};
pub use freshness::{Due, last_exercise};
pub use index::Index;
pub use risk::{heat_cell, heat_map};

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Severity::Error, Language::En) => "error",
            (Severity::Warning, Language::En) => "warning",
            (Severity::Info, Language::En) => "info",
            (Severity::Error, Language::Nl) => "fout",
            (Severity::Warning, Language::Nl) => "waarschuwing",
            (Severity::Info, Language::Nl) => "info",
        }
    }
}

/// The group a rule belongs to; findings are shown grouped by area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Integrity,
    Freshness,
    Continuity,
    Risk,
    Readiness,
    Hygiene,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::Integrity,
        Area::Freshness,
        Area::Continuity,
        Area::Risk,
        Area::Readiness,
        Area::Hygiene,
    ];

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Area::Integrity, Language::En) => "Integrity",
            (Area::Freshness, Language::En) => "Freshness",
            (Area::Continuity, Language::En) => "Continuity",
            (Area::Risk, Language::En) => "Risks",
            (Area::Readiness, Language::En) => "Readiness",
            (Area::Hygiene, Language::En) => "Hygiene",
            (Area::Integrity, Language::Nl) => "Samenhang",
            (Area::Freshness, Language::Nl) => "Actualiteit",
            (Area::Continuity, Language::Nl) => "Continuïteit",
            (Area::Risk, Language::Nl) => "Risico's",
            (Area::Readiness, Language::Nl) => "Paraatheid",
            (Area::Hygiene, Language::Nl) => "Hygiëne",
        }
    }
}

/// Every rule's stable code. The string form (`as_str`) is the contract: it is in
/// JSON output, CI annotations and `docs/checks.md`, and never changes meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    // Integrity
    DuplicateId,
    MissingReference,
    MissingValue,
    ValueOutOfRange,
    StepIdOutsidePhase,
    PrivateWithoutContact,
    SeveralActiveIncidents,
    MergeConflict,
    MergeUnfinished,
    // Freshness
    RiskReviewOverdue,
    ContactUnverified,
    RestoreTestOverdue,
    StepOverdue,
    WorkbookReviewOverdue,
    NoRecentExercise,
    // Continuity
    RtoExceedsMtd,
    RpoNotMet,
    RestoreFailed,
    RestoreTooSlow,
    CriticalWithoutBackup,
    CriticalWithoutWorkaround,
    BackupNot32110,
    SinglePointOfFailure,
    SupplierWithoutIncidentContact,
    SupplierWithoutExitPlan,
    // Risk
    RiskUntreated,
    RiskWithoutAction,
    AcceptanceMissing,
    AcceptanceExpired,
    ResidualAboveCurrent,
    RiskWithoutOwner,
    // Readiness
    RoleUnfilled,
    RoleWithoutDeputy,
    RoleWithoutOutOfBand,
    AuthorityContactMissing,
    NotifierMissing,
    ChecklistIncomplete,
    SelfCheckIncomplete,
    // Hygiene
    SecretInWorkbook,
    PrivatePhoneInPublicFile,
    PrivateDetailInPublicFile,
}

impl Code {
    /// The code whose string form is `text` (`RPO_NOT_MET`).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    pub const ALL: &'static [Code] = &[
        Code::DuplicateId,
        Code::MissingReference,
        Code::MissingValue,
        Code::ValueOutOfRange,
        Code::StepIdOutsidePhase,
        Code::PrivateWithoutContact,
        Code::SeveralActiveIncidents,
        Code::MergeConflict,
        Code::MergeUnfinished,
        Code::RiskReviewOverdue,
        Code::ContactUnverified,
        Code::RestoreTestOverdue,
        Code::StepOverdue,
        Code::WorkbookReviewOverdue,
        Code::NoRecentExercise,
        Code::RtoExceedsMtd,
        Code::RpoNotMet,
        Code::RestoreFailed,
        Code::RestoreTooSlow,
        Code::CriticalWithoutBackup,
        Code::CriticalWithoutWorkaround,
        Code::BackupNot32110,
        Code::SinglePointOfFailure,
        Code::SupplierWithoutIncidentContact,
        Code::SupplierWithoutExitPlan,
        Code::RiskUntreated,
        Code::RiskWithoutAction,
        Code::AcceptanceMissing,
        Code::AcceptanceExpired,
        Code::ResidualAboveCurrent,
        Code::RiskWithoutOwner,
        Code::RoleUnfilled,
        Code::RoleWithoutDeputy,
        Code::RoleWithoutOutOfBand,
        Code::AuthorityContactMissing,
        Code::NotifierMissing,
        Code::ChecklistIncomplete,
        Code::SelfCheckIncomplete,
        Code::SecretInWorkbook,
        Code::PrivatePhoneInPublicFile,
        Code::PrivateDetailInPublicFile,
    ];

    pub fn as_str(self) -> &'static str {
        self.info().0
    }

    pub fn area(self) -> Area {
        self.info().1
    }

    pub fn severity(self) -> Severity {
        self.info().2
    }

    fn info(self) -> (&'static str, Area, Severity) {
        use Area::*;
        use Severity::*;
        match self {
            Code::DuplicateId => ("DUPLICATE_ID", Integrity, Error),
            Code::MissingReference => ("MISSING_REFERENCE", Integrity, Error),
            Code::MissingValue => ("MISSING_VALUE", Integrity, Error),
            Code::ValueOutOfRange => ("VALUE_OUT_OF_RANGE", Integrity, Error),
            Code::StepIdOutsidePhase => ("STEP_ID_OUTSIDE_PHASE", Integrity, Warning),
            Code::PrivateWithoutContact => ("PRIVATE_WITHOUT_CONTACT", Integrity, Warning),
            Code::SeveralActiveIncidents => ("SEVERAL_ACTIVE_INCIDENTS", Integrity, Error),
            Code::MergeConflict => ("MERGE_CONFLICT", Integrity, Error),
            Code::MergeUnfinished => ("MERGE_UNFINISHED", Integrity, Error),
            Code::RiskReviewOverdue => ("RISK_REVIEW_OVERDUE", Freshness, Warning),
            Code::ContactUnverified => ("CONTACT_UNVERIFIED", Freshness, Warning),
            Code::RestoreTestOverdue => ("RESTORE_TEST_OVERDUE", Freshness, Warning),
            Code::StepOverdue => ("STEP_OVERDUE", Freshness, Warning),
            Code::WorkbookReviewOverdue => ("WORKBOOK_REVIEW_OVERDUE", Freshness, Warning),
            Code::NoRecentExercise => ("NO_RECENT_EXERCISE", Freshness, Warning),
            Code::RtoExceedsMtd => ("RTO_EXCEEDS_MTD", Continuity, Error),
            Code::RpoNotMet => ("RPO_NOT_MET", Continuity, Error),
            Code::RestoreFailed => ("RESTORE_FAILED", Continuity, Error),
            Code::RestoreTooSlow => ("RESTORE_TOO_SLOW", Continuity, Error),
            Code::CriticalWithoutBackup => ("CRITICAL_WITHOUT_BACKUP", Continuity, Error),
            Code::CriticalWithoutWorkaround => ("CRITICAL_WITHOUT_WORKAROUND", Continuity, Warning),
            Code::BackupNot32110 => ("BACKUP_NOT_3_2_1_1_0", Continuity, Warning),
            Code::SinglePointOfFailure => ("SINGLE_POINT_OF_FAILURE", Continuity, Warning),
            Code::SupplierWithoutIncidentContact => {
                ("SUPPLIER_WITHOUT_INCIDENT_CONTACT", Continuity, Warning)
            }
            Code::SupplierWithoutExitPlan => ("SUPPLIER_WITHOUT_EXIT_PLAN", Continuity, Warning),
            Code::RiskUntreated => ("RISK_UNTREATED", Risk, Warning),
            Code::RiskWithoutAction => ("RISK_WITHOUT_ACTION", Risk, Warning),
            Code::AcceptanceMissing => ("ACCEPTANCE_MISSING", Risk, Warning),
            Code::AcceptanceExpired => ("ACCEPTANCE_EXPIRED", Risk, Warning),
            Code::ResidualAboveCurrent => ("RESIDUAL_ABOVE_CURRENT", Risk, Warning),
            Code::RiskWithoutOwner => ("RISK_WITHOUT_OWNER", Risk, Warning),
            Code::RoleUnfilled => ("ROLE_UNFILLED", Readiness, Warning),
            Code::RoleWithoutDeputy => ("ROLE_WITHOUT_DEPUTY", Readiness, Warning),
            Code::RoleWithoutOutOfBand => ("ROLE_WITHOUT_OUT_OF_BAND", Readiness, Warning),
            Code::AuthorityContactMissing => ("AUTHORITY_CONTACT_MISSING", Readiness, Warning),
            Code::NotifierMissing => ("NOTIFIER_MISSING", Readiness, Warning),
            Code::ChecklistIncomplete => ("CHECKLIST_INCOMPLETE", Readiness, Info),
            Code::SelfCheckIncomplete => ("SELFCHECK_INCOMPLETE", Readiness, Info),
            Code::SecretInWorkbook => ("SECRET_IN_WORKBOOK", Hygiene, Error),
            Code::PrivatePhoneInPublicFile => ("PRIVATE_PHONE_IN_PUBLIC_FILE", Hygiene, Warning),
            Code::PrivateDetailInPublicFile => ("PRIVATE_DETAIL_IN_PUBLIC_FILE", Hygiene, Warning),
        }
    }

    /// A short name for the rule, for lists and the overview's reasons.
    pub fn title(self, lang: Language) -> &'static str {
        let (en, nl) = match self {
            Code::DuplicateId => ("duplicate id", "dubbel id"),
            Code::MissingReference => (
                "reference to a missing record",
                "verwijzing naar iets dat ontbreekt",
            ),
            Code::MissingValue => ("required value missing", "verplichte waarde ontbreekt"),
            Code::ValueOutOfRange => ("value out of range", "waarde buiten bereik"),
            Code::StepIdOutsidePhase => ("step id outside its phase", "stap-id buiten zijn fase"),
            Code::PrivateWithoutContact => (
                "private details without a contact",
                "privégegevens zonder contactpersoon",
            ),
            Code::SeveralActiveIncidents => {
                ("several active incidents", "meerdere actieve incidenten")
            }
            Code::MergeConflict => (
                "changed on both sides of a merge",
                "aan beide kanten van een merge gewijzigd",
            ),
            Code::MergeUnfinished => (
                "renumbering of a merge not finished",
                "hernummering van een merge niet afgemaakt",
            ),
            Code::RiskReviewOverdue => ("risk review overdue", "risico niet op tijd herzien"),
            Code::ContactUnverified => ("contact not verified", "contact niet gecontroleerd"),
            Code::RestoreTestOverdue => ("restore test overdue", "hersteltest te laat"),
            Code::StepOverdue => ("plan step past due", "planstap over datum"),
            Code::WorkbookReviewOverdue => {
                ("workbook review overdue", "herziening werkboek te laat")
            }
            Code::NoRecentExercise => ("no recent exercise", "geen recente oefening"),
            Code::RtoExceedsMtd => ("RTO longer than MTD", "RTO langer dan MTD"),
            Code::RpoNotMet => (
                "RPO not met by the backups",
                "RPO niet gehaald met de back-ups",
            ),
            Code::RestoreFailed => ("latest restore test failed", "laatste hersteltest mislukt"),
            Code::RestoreTooSlow => ("restore slower than the RTO", "herstel trager dan de RTO"),
            Code::CriticalWithoutBackup => (
                "critical process without backup",
                "kritiek proces zonder back-up",
            ),
            Code::CriticalWithoutWorkaround => (
                "critical process without workaround",
                "kritiek proces zonder noodprocedure",
            ),
            Code::BackupNot32110 => ("3-2-1-1-0 not met", "3-2-1-1-0 niet gehaald"),
            Code::SinglePointOfFailure => ("single point of failure", "enkelvoudig faalpunt"),
            Code::SupplierWithoutIncidentContact => (
                "supplier without incident contact",
                "leverancier zonder incidentcontact",
            ),
            Code::SupplierWithoutExitPlan => {
                ("supplier without exit plan", "leverancier zonder exitplan")
            }
            Code::RiskUntreated => (
                "risk above appetite untreated",
                "risico boven de risicobereidheid onbehandeld",
            ),
            Code::RiskWithoutAction => (
                "treatment without a plan step",
                "behandeling zonder planstap",
            ),
            Code::AcceptanceMissing => (
                "accepted without a record",
                "geaccepteerd zonder vastlegging",
            ),
            Code::AcceptanceExpired => ("acceptance expired", "acceptatie verlopen"),
            Code::ResidualAboveCurrent => ("residual above current", "restrisico hoger dan nu"),
            Code::RiskWithoutOwner => ("high risk without owner", "hoog risico zonder eigenaar"),
            Code::RoleUnfilled => ("crisis role unfilled", "crisisrol niet bezet"),
            Code::RoleWithoutDeputy => ("crisis role without deputy", "crisisrol zonder vervanger"),
            Code::RoleWithoutOutOfBand => ("no out-of-band channel", "geen noodkanaal"),
            Code::AuthorityContactMissing => (
                "authority contact missing",
                "contact met instantie ontbreekt",
            ),
            Code::NotifierMissing => ("no notifier named", "geen melder aangewezen"),
            Code::ChecklistIncomplete => ("checklist not finished", "checklist niet af"),
            Code::SelfCheckIncomplete => ("self-check not finished", "zelftest niet af"),
            Code::SecretInWorkbook => (
                "password or key in the workbook",
                "wachtwoord of sleutel in het werkboek",
            ),
            Code::PrivatePhoneInPublicFile => (
                "private phone in a public file",
                "privénummer in een gedeeld bestand",
            ),
            Code::PrivateDetailInPublicFile => (
                "bank account number in a public file",
                "rekeningnummer in een gedeeld bestand",
            ),
        };
        pick(lang, en, nl)
    }

    /// The register a finding without a record is about, when the rule knows it.
    pub fn register(self) -> Option<Register> {
        match self {
            Code::RoleUnfilled | Code::RoleWithoutDeputy | Code::AuthorityContactMissing => {
                Some(Register::Contacts)
            }
            Code::WorkbookReviewOverdue | Code::NotifierMissing => Some(Register::Manifest),
            Code::ChecklistIncomplete => Some(Register::Checklist),
            Code::SelfCheckIncomplete => Some(Register::SelfCheck),
            _ => None,
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One thing the workbook tells you.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub area: Area,
    /// The record it is about; `None` for the workbook as a whole.
    pub record: Option<RecordRef>,
    /// One plain sentence: what is wrong and what to do. It quotes names from the
    /// files, so sanitise it (`crate::sanitize`) before it reaches a terminal.
    pub message: String,
    /// For date rules: the day the thing fell due (a review, a test, a step).
    pub due: Option<Date>,
    /// The field it is about (`current.likelihood`), so a tool can point at its line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The file it is about, when that is not the record's own file (or there is
    /// no record), relative to the workbook folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Finding {
    pub fn new(code: Code, record: Option<RecordRef>, message: String) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            area: code.area(),
            record,
            message,
            due: None,
            field: None,
            file: None,
        }
    }

    /// The same finding, about one field of its record.
    pub fn field(mut self, field: impl Into<String>) -> Finding {
        self.field = Some(field.into());
        self
    }

    /// The same finding, about a place in `file`.
    pub fn in_file(mut self, file: impl Into<String>) -> Finding {
        self.file = Some(file.into());
        self
    }

    pub fn about(code: Code, kind: RecordKind, id: &crate::model::Id, message: String) -> Finding {
        Finding::new(code, Some(RecordRef::new(kind, id.clone())), message)
    }

    /// The same finding, with the day it fell due (if known).
    pub fn due(mut self, date: impl Into<Option<Date>>) -> Finding {
        self.due = date.into();
        self
    }
}

use crate::model::bilingual::pick;
/// Messages are written with the one bilingual mechanism of the program.
pub(crate) use crate::model::bilingual::say;

/// What every rule reads: the workbook, its index, the date and the language,
/// and which register's records the rules are about this time.
///
/// A rule loops over the records it is about through the accessors below
/// (`cx.risks()`, not `workbook.risks.risks`) and guards a finding about the
/// workbook as a whole with [`Context::covers`]. A review of one register
/// ([`Review::update`]) then runs every rule with only that register covered:
/// the others' loops run over nothing. Records a rule only looks up (a risk's
/// owner) come from the index or the workbook, whatever is covered.
pub(crate) struct Context<'a> {
    pub workbook: &'a Workbook,
    pub index: &'a Index<'a>,
    pub today: Date,
    pub lang: Language,
    /// The register whose records the rules report on; `None`: all of them.
    pub only: Option<Register>,
}

impl<'a> Context<'a> {
    pub fn settings(&self) -> &crate::model::RuleSettings {
        &self.workbook.manifest.rules
    }

    /// Whether findings about `register` are wanted this time.
    pub fn covers(&self, register: Register) -> bool {
        self.only.is_none_or(|only| only == register)
    }

    fn covered<T>(&self, register: Register, records: &'a [T]) -> &'a [T] {
        if self.covers(register) { records } else { &[] }
    }

    pub fn checklist(&self) -> &'a [crate::model::ChecklistItem] {
        self.covered(Register::Checklist, &self.workbook.checklist.items)
    }

    pub fn statements(&self) -> &'a [crate::model::Statement] {
        self.covered(Register::SelfCheck, &self.workbook.selfcheck.statements)
    }

    pub fn phases(&self) -> &'a [crate::model::Phase] {
        self.covered(Register::Plan, &self.workbook.plan.phases)
    }

    /// Every plan step with its phase.
    pub fn steps(
        &self,
    ) -> impl Iterator<Item = (&'a crate::model::Phase, &'a crate::model::Step)> + use<'a> {
        self.phases()
            .iter()
            .flat_map(|phase| phase.steps.iter().map(move |step| (phase, step)))
    }

    pub fn first_hour(&self) -> &'a [crate::model::FirstHourStep] {
        self.covered(Register::Plan, &self.workbook.plan.first_hour)
    }

    pub fn risks(&self) -> &'a [crate::model::Risk] {
        self.covered(Register::Risks, &self.workbook.risks.risks)
    }

    pub fn processes(&self) -> &'a [crate::model::Process] {
        self.covered(Register::Processes, &self.workbook.processes.processes)
    }

    pub fn systems(&self) -> &'a [crate::model::System] {
        self.covered(Register::Processes, &self.workbook.processes.systems)
    }

    pub fn suppliers(&self) -> &'a [crate::model::Supplier] {
        self.covered(Register::Processes, &self.workbook.processes.suppliers)
    }

    pub fn contacts(&self) -> &'a [crate::model::Contact] {
        self.covered(Register::Contacts, &self.workbook.contacts.contacts)
    }

    pub fn crisis_roles(&self) -> &'a [crate::model::CrisisRole] {
        self.covered(Register::Contacts, &self.workbook.contacts.crisis_roles)
    }

    pub fn call_order(&self) -> &'a [crate::model::Call] {
        self.covered(Register::Contacts, &self.workbook.contacts.call_order)
    }

    pub fn private_orphans(&self) -> &'a [crate::model::PrivateContact] {
        self.covered(Register::Contacts, &self.workbook.private_orphans)
    }

    pub fn backups(&self) -> &'a [crate::model::Backup] {
        self.covered(Register::Backups, &self.workbook.backups.backups)
    }

    pub fn incidents(&self) -> &'a [crate::model::Incident] {
        self.covered(Register::Incidents, &self.workbook.incidents)
    }
}

/// "R-009 (Leaver or insider keeps access)": an id with its name, as messages say
/// it. Written straight into the message, without a string of its own.
pub(crate) fn named<'a>(id: &'a crate::model::Id, name: &'a str) -> Named<'a> {
    Named(id, name)
}

pub(crate) struct Named<'a>(&'a crate::model::Id, &'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = trimmed(self.1);
        f.write_str(self.0.as_str())?;
        if !name.is_empty() {
            f.write_str(" (")?;
            f.write_str(name)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// `text.trim()`, quick for the usual text that starts and ends with a letter.
pub(crate) fn trimmed(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether a text is empty or only white space.
pub(crate) fn is_blank(text: &str) -> bool {
    trimmed(text).is_empty()
}

/// "every day", "every 3 months" / "elke dag", "elke 3 maanden".
pub(crate) fn every(duration: crate::model::Duration, lang: Language) -> String {
    use crate::model::Duration as D;
    if duration.amount() == 1 {
        let unit = match (duration, lang) {
            (D::Minutes(_), Language::En) => "every minute",
            (D::Hours(_), Language::En) => "every hour",
            (D::Days(_), Language::En) => "every day",
            (D::Weeks(_), Language::En) => "every week",
            (D::Months(_), Language::En) => "every month",
            (D::Minutes(_), Language::Nl) => "elke minuut",
            (D::Hours(_), Language::Nl) => "elk uur",
            (D::Days(_), Language::Nl) => "elke dag",
            (D::Weeks(_), Language::Nl) => "elke week",
            (D::Months(_), Language::Nl) => "elke maand",
        };
        return unit.to_owned();
    }
    let words = crate::model::labels::duration_words(duration, lang);
    say!(lang, "every {words}", "elke {words}")
}

/// Up to `most` ids, then "and N more" in the workbook's language.
pub(crate) fn id_list<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    most: usize,
    lang: Language,
) -> String {
    let ids: Vec<&str> = ids.into_iter().collect();
    let shown = ids
        .iter()
        .take(most)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let rest = ids.len().saturating_sub(most);
    match (rest, lang) {
        (0, _) => shown,
        (n, Language::En) => format!("{shown} and {n} more"),
        (n, Language::Nl) => format!("{shown} en nog {n}"),
    }
}

/// Everything the workbook can tell, in a stable order: by area, then severity,
/// then record, then code.
pub fn review(workbook: &Workbook, today: Date) -> Vec<Finding> {
    let index = Index::new(workbook);
    let cx = Context {
        workbook,
        index: &index,
        today,
        lang: workbook.language(),
        only: None,
    };
    // Scanning every text for secrets is the largest single job; it runs with
    // the integrity rules on a second thread while the other rules run here (or
    // here too, when no thread can be had).
    let secrets_of = || {
        let mut out = Vec::new();
        integrity::check(&cx, &mut out);
        conflicts::check(&cx, &mut out);
        hygiene::check(&cx, &mut out);
        out
    };
    let (mut findings, secrets) = std::thread::scope(|scope| {
        let hygiene = std::thread::Builder::new()
            .name("paraat-review".to_owned())
            .spawn_scoped(scope, secrets_of)
            .ok();
        let mut findings = Vec::new();
        others(&cx, &mut findings);
        let secrets = match hygiene {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => secrets_of(),
        };
        (findings, secrets)
    });
    findings.extend(secrets);
    sort(&mut findings);
    findings
}

/// Every rule group but integrity and hygiene.
fn others(cx: &Context, out: &mut Vec<Finding>) {
    freshness::check(cx, out);
    continuity::check(cx, out);
    risk::check(cx, out);
    readiness::check(cx, out);
}

/// Every rule, for the records of `register` only (and the findings about the
/// workbook as a whole that count for it).
fn review_register<'a>(
    workbook: &'a Workbook,
    index: &'a Index<'a>,
    today: Date,
    register: Register,
) -> Vec<Finding> {
    let cx = Context {
        workbook,
        index,
        today,
        lang: workbook.language(),
        only: Some(register),
    };
    let mut out = Vec::new();
    integrity::check(&cx, &mut out);
    conflicts::check(&cx, &mut out);
    hygiene::check(&cx, &mut out);
    others(&cx, &mut out);
    out
}

/// The other registers the rules about `register`'s records read (beyond the
/// register itself and the manifest, which every rule may read): a risk's rules
/// look up its processes, owner and plan steps, and so on. An edit to one of
/// these can change the findings about `register`.
pub fn reads(register: Register) -> &'static [Register] {
    use Register::*;
    match register {
        Manifest => &[Contacts],
        Checklist => &[],
        SelfCheck => &[Plan],
        Plan => &[Contacts, Risks, SelfCheck, Incidents],
        Risks => &[Processes, Contacts, Plan],
        Processes => &[Contacts, Backups],
        Contacts => &[],
        Backups => &[Processes, Contacts],
        Incidents => &[Processes, Contacts, Plan],
    }
}

/// The registers whose findings can change when the registers in `changed` do.
pub fn affected(changed: &[Register]) -> Vec<Register> {
    if changed.contains(&Register::Manifest) {
        // The language, the rule settings and the risk scales touch every rule.
        return Register::ALL.to_vec();
    }
    Register::ALL
        .into_iter()
        .filter(|r| changed.contains(r) || reads(*r).iter().any(|x| changed.contains(x)))
        .collect()
}

/// The findings of a workbook kept up to date edit by edit: the findings about
/// each register are kept apart, so an edit reviews only the registers it can
/// change ([`affected`]), and the sorted list is put together when asked for.
/// The result is always what [`review`] gives for the same workbook and day.
#[derive(Clone, Debug)]
pub struct Review {
    today: Date,
    by_register: Vec<Vec<Finding>>,
    /// The findings of every register in the documented order, once asked for.
    sorted: Option<Vec<Finding>>,
    /// Counts up with every change of the findings (for screens that cache).
    version: u64,
}

impl Review {
    /// Reviews the whole workbook.
    pub fn new(workbook: &Workbook, today: Date) -> Review {
        let index = Index::new(workbook);
        let run = |registers: &[Register]| -> Vec<(Register, Vec<Finding>)> {
            registers
                .iter()
                .map(|r| (*r, review_register(workbook, &index, today, *r)))
                .collect()
        };
        // The risk register is usually the largest: it gets a thread of its own.
        let (first, second) = std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .name("paraat-review".to_owned())
                .spawn_scoped(scope, || run(&[Register::Risks, Register::Checklist]))
                .ok();
            let here = run(&[
                Register::Manifest,
                Register::SelfCheck,
                Register::Plan,
                Register::Processes,
                Register::Contacts,
                Register::Backups,
                Register::Incidents,
            ]);
            let there = match other {
                Some(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => run(&[Register::Risks, Register::Checklist]),
            };
            (here, there)
        });
        let mut by_register = vec![Vec::new(); Register::ALL.len()];
        for (register, findings) in first.into_iter().chain(second) {
            by_register[register as usize] = findings;
        }
        Review {
            today,
            by_register,
            sorted: None,
            version: 0,
        }
    }

    /// Brings the findings up to date after the registers in `changed` changed
    /// (all of them when `today` moved on).
    pub fn update(&mut self, workbook: &Workbook, today: Date, changed: &[Register]) {
        let registers = if today != self.today {
            self.today = today;
            Register::ALL.to_vec()
        } else {
            affected(changed)
        };
        if registers.is_empty() {
            return;
        }
        let index = Index::new(workbook);
        for register in registers {
            self.by_register[register as usize] =
                review_register(workbook, &index, today, register);
        }
        self.sorted = None;
        self.version += 1;
    }

    /// Every finding, in the documented order.
    pub fn findings(&mut self) -> &[Finding] {
        let by_register = &self.by_register;
        self.sorted.get_or_insert_with(|| {
            let mut all: Vec<Finding> = by_register.iter().flatten().cloned().collect();
            sort(&mut all);
            all
        })
    }

    /// The findings in the documented order, if they were put together since the
    /// last change (`findings` puts them together).
    pub fn sorted(&self) -> Option<&[Finding]> {
        self.sorted.as_deref()
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn today(&self) -> Date {
        self.today
    }
}

/// Only the integrity rules (duplicate ids, missing references, missing values).
pub fn integrity(workbook: &Workbook) -> Vec<Finding> {
    let index = Index::new(workbook);
    let cx = Context {
        workbook,
        index: &index,
        today: Date(chrono::NaiveDate::MIN),
        lang: workbook.language(),
        only: None,
    };
    let mut findings = Vec::new();
    integrity::check(&cx, &mut findings);
    conflicts::check(&cx, &mut findings);
    sort(&mut findings);
    findings
}

/// The documented order; the message and the due date break the rare ties, so the
/// order never depends on the sorting algorithm (an unstable sort moves large
/// findings less).
fn sort(findings: &mut [Finding]) {
    findings.sort_unstable_by(|a, b| {
        (a.area, a.severity, &a.record, a.code, &a.message, a.due)
            .cmp(&(b.area, b.severity, &b.record, b.code, &b.message, b.due))
    });
}

/// Counts per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        Summary::count(findings.iter().map(|f| f.severity))
    }

    /// Counts these severities.
    pub fn count(severities: impl IntoIterator<Item = Severity>) -> Summary {
        let mut summary = Summary::default();
        for severity in severities {
            match severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.info += 1,
            }
        }
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_a_unique_screaming_snake_name_with_titles_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                    && name.as_bytes()[0].is_ascii_uppercase(),
                "{name}"
            );
            assert!(!code.title(Language::En).is_empty());
            assert_ne!(code.title(Language::En), code.title(Language::Nl), "{name}");
        }
        // `ALL` lists every variant: the last one is the hygiene rule added last.
        assert_eq!(
            Code::ALL.len(),
            Code::PrivateDetailInPublicFile as usize + 1
        );
    }

    #[test]
    fn a_review_kept_up_to_date_edit_by_edit_finds_what_a_whole_review_finds() {
        use crate::model::ops;
        use crate::model::{Answer, RecordKind, StepStatus};
        let dir = tempfile::tempdir().expect("temp dir");
        crate::store::templates::write_example(dir.path()).expect("example");
        let mut wb = crate::store::Store::load(dir.path())
            .expect("loads")
            .workbook;
        let today = Date::parse("2026-12-01").expect("date");
        // A merge left a conflict in the risks and one in the manifest.
        for (file, record) in [("risks.ron", Some("R-001")), ("paraat.ron", None)] {
            wb.conflicts.entry(file.to_owned()).or_default().push(
                crate::model::conflict::Conflict::Changed {
                    record: record.map(crate::model::Id::from),
                    fields: vec!["title".to_owned()],
                    kept: "HEAD".to_owned(),
                    other_side: "theirs".to_owned(),
                    other: None,
                },
            );
        }
        let mut kept = Review::new(&wb, today);
        assert_eq!(kept.findings(), review(&wb, today));
        assert!(
            kept.findings()
                .iter()
                .any(|f| f.code == Code::MergeConflict)
        );
        let mut apply = |wb: &mut Workbook, edit: crate::model::edit::Edit| {
            edit.apply(wb).expect("fits");
            kept.update(wb, today, &edit.registers());
            assert_eq!(kept.findings(), review(wb, today), "{edit:?}");
        };
        // An answer, a step done, a contact gone (risks and steps refer to it), a
        // risk with a secret in it, a backup copy less.
        let item = wb.checklist.items[0].id.to_string();
        let edit = ops::answers::answer(&wb, &item, Answer::No, today)
            .unwrap()
            .unwrap();
        apply(&mut wb, edit);
        let step = wb
            .steps()
            .find(|(_, s)| s.status != StepStatus::Done)
            .map(|(_, s)| s.id.to_string())
            .unwrap();
        let edit = ops::plan::set_status(&wb, &step, StepStatus::Done, today)
            .unwrap()
            .unwrap();
        apply(&mut wb, edit);
        let owner = wb.risks.risks.iter().find_map(|r| r.owner.clone()).unwrap();
        let edit = ops::locate(&wb, RecordKind::Contact, owner.as_str())
            .unwrap()
            .removed();
        apply(&mut wb, edit);
        let found = ops::locate(&wb, RecordKind::Risk, "R-001").unwrap();
        let crate::model::edit::Record::Risk(mut risk) = found.record.clone() else {
            panic!("a risk");
        };
        risk.notes = "admin password: Zomer2026!Museum".into();
        risk.current.likelihood = 5;
        apply(
            &mut wb,
            found.replaced_by(crate::model::edit::Record::Risk(risk)),
        );
        let found = ops::locate(&wb, RecordKind::Backup, "B-001").unwrap();
        let crate::model::edit::Record::Backup(mut backup) = found.record.clone() else {
            panic!("a backup");
        };
        backup.copies.pop();
        apply(
            &mut wb,
            found.replaced_by(crate::model::edit::Record::Backup(backup)),
        );
        // A contact renumbered, with the references that follow it.
        let contact = first_id(&wb, RecordKind::Contact).unwrap();
        let free = wb.next_id(RecordKind::Contact);
        let edit = ops::renumber(&wb, &contact, free.as_str()).unwrap();
        apply(&mut wb, edit);
        // Every kind of record taken away in turn: each is referred to elsewhere.
        for kind in RecordKind::ALL {
            let first = match kind {
                RecordKind::Step => wb.steps().next().map(|(_, s)| s.id.to_string()),
                RecordKind::Incident => None,
                other => first_id(&wb, other),
            };
            if let Some(id) = first
                && let Some(found) = ops::find(&wb, kind, &id)
            {
                apply(&mut wb, found.removed());
            }
        }
        // A new day reviews everything again.
        let tomorrow = Date::parse("2027-06-01").expect("date");
        kept.update(&wb, tomorrow, &[]);
        assert_eq!(kept.findings(), review(&wb, tomorrow));
    }

    /// The id of the first record of `kind`.
    fn first_id(wb: &Workbook, kind: crate::model::RecordKind) -> Option<String> {
        use crate::model::RecordKind as K;
        let id = match kind {
            K::ChecklistItem => wb.checklist.items.first().map(|r| &r.id),
            K::Statement => wb.selfcheck.statements.first().map(|r| &r.id),
            K::FirstHourStep => wb.plan.first_hour.first().map(|r| &r.id),
            K::Risk => wb.risks.risks.first().map(|r| &r.id),
            K::Process => wb.processes.processes.first().map(|r| &r.id),
            K::System => wb.processes.systems.first().map(|r| &r.id),
            K::Supplier => wb.processes.suppliers.first().map(|r| &r.id),
            K::Contact => wb.contacts.contacts.first().map(|r| &r.id),
            K::Backup => wb.backups.backups.first().map(|r| &r.id),
            K::Step | K::Incident => None,
        };
        id.map(ToString::to_string)
    }

    #[test]
    fn an_edit_reviews_only_the_registers_it_can_change() {
        assert_eq!(affected(&[Register::Checklist]), [Register::Checklist]);
        let contacts = affected(&[Register::Contacts]);
        assert!(contacts.contains(&Register::Risks) && !contacts.contains(&Register::Checklist));
        assert_eq!(affected(&[Register::Manifest]).len(), Register::ALL.len());
    }

    #[test]
    fn findings_are_sorted_by_area_severity_record_and_code() {
        let wb = crate::store::templates::new_workbook(
            Language::En,
            "Museum",
            crate::model::OrganisationKind::Museum,
        )
        .expect("template");
        let findings = review(&wb, Date::parse("2026-12-01").expect("date"));
        assert!(!findings.is_empty());
        let keys: Vec<_> = findings
            .iter()
            .map(|f| (f.area, f.severity, f.record.clone(), f.code))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(
            findings.iter().all(|f| f.severity != Severity::Error),
            "{findings:?}"
        );
    }
}
