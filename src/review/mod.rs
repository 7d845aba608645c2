//! The review engine: one pure function from (workbook, today) to findings.
//!
//! Every finding has a severity, a stable code (`RPO_NOT_MET`), the record it is
//! about and one plain sentence in the workbook's language. The CLI `check`, the
//! TUI overview and the exports all show these same findings: a rule lives here
//! once. Rules index the workbook by id first, so each is linear in its size.
//! `docs/checks.md` lists every code.

pub mod incident;
mod index;
mod integrity;

use serde::Serialize;

use crate::model::{Date, Language, RecordKind, RecordRef, Workbook};

pub use index::Index;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
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
    DuplicateId,
    MissingReference,
    MissingValue,
    ValueOutOfRange,
    StepIdOutsidePhase,
    PrivateWithoutContact,
    SeveralActiveIncidents,
}

impl Code {
    pub const ALL: &'static [Code] = &[
        Code::DuplicateId,
        Code::MissingReference,
        Code::MissingValue,
        Code::ValueOutOfRange,
        Code::StepIdOutsidePhase,
        Code::PrivateWithoutContact,
        Code::SeveralActiveIncidents,
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
    /// One plain sentence: what is wrong and what to do.
    pub message: String,
}

impl Finding {
    pub fn new(code: Code, record: Option<RecordRef>, message: String) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            area: code.area(),
            record,
            message,
        }
    }

    pub fn about(code: Code, kind: RecordKind, id: &crate::model::Id, message: String) -> Finding {
        Finding::new(code, Some(RecordRef::new(kind, id.clone())), message)
    }
}

/// Everything the workbook can tell, in a stable order: by area, then severity,
/// then record, then code.
pub fn review(workbook: &Workbook, today: Date) -> Vec<Finding> {
    let index = Index::new(workbook);
    let mut findings = Vec::new();
    integrity::check(workbook, &index, today, &mut findings);
    sort(&mut findings);
    findings
}

/// Only the integrity rules (duplicate ids, missing references, missing values).
pub fn integrity(workbook: &Workbook) -> Vec<Finding> {
    let index = Index::new(workbook);
    let mut findings = Vec::new();
    integrity::check(
        workbook,
        &index,
        Date(chrono::NaiveDate::MIN),
        &mut findings,
    );
    sort(&mut findings);
    findings
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.area, a.severity, &a.record, a.code).cmp(&(b.area, b.severity, &b.record, b.code))
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
        let mut summary = Summary::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.info += 1,
            }
        }
        summary
    }
}
