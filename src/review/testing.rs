//! Small workbooks built in memory for the rule tests: a template workbook plus
//! the few records a rule needs, so each test reads as the situation it checks.

use super::{Code, Finding, review};
use crate::model::*;
use crate::store::templates::new_workbook;

pub fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

/// A new English workbook from the template, with no records in the registers.
pub fn workbook() -> Workbook {
    new_workbook(Language::En, "Museum Test", OrganisationKind::Museum).expect("template")
}

/// The template's self-check statements, all answered "not applicable" so each
/// test answers only the ones it is about.
pub fn blank_selfcheck() -> Workbook {
    let mut wb = workbook();
    for s in &mut wb.selfcheck.statements {
        s.answer = Answer::NotApplicable;
        s.plan_step = None;
    }
    wb
}

/// Answers the statement at `index` (under "manage access") and returns its id.
pub fn answer_statement(
    wb: &mut Workbook,
    index: usize,
    answer: Answer,
    weight: u8,
    priority: Priority,
) -> Id {
    let s = &mut wb.selfcheck.statements[index];
    s.answer = answer;
    s.weight = weight;
    s.priority = priority;
    s.principle = Principle::Access;
    s.id.clone()
}

pub fn process(id: &str, criticality: Criticality, systems: &[&str]) -> Process {
    Process {
        id: Id::from(id),
        name: format!("Process {id}"),
        owner: None,
        description: String::new(),
        criticality,
        mtd: None,
        rto: None,
        rpo: None,
        minimum_service: String::new(),
        workaround: "Paper forms".into(),
        systems: systems.iter().map(|s| Id::from(*s)).collect(),
        suppliers: Vec::new(),
        recovery_order: None,
        notes: String::new(),
    }
}

pub fn system(id: &str) -> System {
    System {
        id: Id::from(id),
        name: format!("System {id}"),
        kind: SystemKind::OnPremises,
        data: vec![DataKind::Operational],
        location: String::new(),
        supplier: None,
        owner: None,
        notes: String::new(),
    }
}

pub fn supplier(id: &str) -> Supplier {
    Supplier {
        id: Id::from(id),
        name: format!("Supplier {id}"),
        service: String::new(),
        catalogue: None,
        contract_end: None,
        security_agreements: true,
        incident_contact: Some(Id::from("C-001")),
        exit_plan: "Another supplier within a month".into(),
        notes: String::new(),
    }
}

pub fn copy(medium: Medium, location: CopyLocation, offline: bool) -> BackupCopy {
    BackupCopy {
        medium,
        location,
        place: String::new(),
        offline,
        immutable: false,
    }
}

/// A backup that meets 3-2-1-1-0, tested today.
pub fn backup(id: &str, systems: &[&str], frequency: Duration, tested: Date) -> Backup {
    Backup {
        id: Id::from(id),
        what: format!("Backup {id}"),
        systems: systems.iter().map(|s| Id::from(*s)).collect(),
        method: String::new(),
        frequency,
        retention: None,
        copies: vec![
            copy(Medium::Nas, CopyLocation::OnSite, false),
            copy(Medium::Cloud, CopyLocation::Cloud, false),
            copy(Medium::RemovableDisk, CopyLocation::OffSite, true),
        ],
        encrypted: true,
        responsible: None,
        last_success: None,
        restore_test_every: Some(Duration::Months(12)),
        restore_tests: vec![test(tested, RestoreResult::Success, Duration::Hours(1))],
        notes: String::new(),
    }
}

pub fn test(date: Date, result: RestoreResult, took: Duration) -> RestoreTest {
    RestoreTest {
        date,
        restored: "Everything".into(),
        result,
        took: Some(took),
        notes: String::new(),
    }
}

/// An open risk with an owner, treated by reducing it through STEP-1.1.
pub fn risk(id: &str, likelihood: u8, impact: u8) -> Risk {
    Risk {
        id: Id::from(id),
        title: format!("Risk {id}"),
        description: String::new(),
        threat: String::new(),
        vulnerability: String::new(),
        category: String::new(),
        processes: Vec::new(),
        systems: Vec::new(),
        suppliers: Vec::new(),
        owner: Some(Id::from("C-001")),
        current: Rating { likelihood, impact },
        measures: String::new(),
        treatment: Some(Treatment::Reduce),
        actions: vec![Id::from("STEP-1.1")],
        residual: None,
        status: RiskStatus::Open,
        review_by: None,
        acceptance: None,
        notes: String::new(),
    }
}

pub fn contact(id: &str, kind: ContactKind) -> Contact {
    Contact {
        id: Id::from(id),
        name: format!("Person {id}"),
        role: String::new(),
        organisation: String::new(),
        kind,
        authority: None,
        phones: Vec::new(),
        email: String::new(),
        out_of_band: "Signal group".into(),
        availability: String::new(),
        verified: None,
        needs: String::new(),
        notes: String::new(),
        origin: None,
        private: PrivateDetails::default(),
    }
}

pub fn incident(day: Date, kind: IncidentKind) -> Incident {
    Incident {
        id: Id::new(format!("{day}-test")),
        title: "Test".into(),
        kind,
        scenario: None,
        declared_at: Timestamp::parse(&format!("{day}T09:00:00Z")).expect("timestamp"),
        declared_by: "Director".into(),
        discovered_at: None,
        severity: Severity::Medium,
        affected_systems: Vec::new(),
        personal_data: false,
        status: IncidentStatus::Closed,
        timeline: Vec::new(),
        notifications: Vec::new(),
        closed_at: None,
        lessons: Vec::new(),
        report: Default::default(),
        notes: String::new(),
    }
}

/// The findings of `code`.
pub fn found(workbook: &Workbook, today: Date, code: Code) -> Vec<Finding> {
    review(workbook, today)
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

/// The ids of the records the findings of `code` are about ("" for the workbook).
pub fn about(workbook: &Workbook, today: Date, code: Code) -> Vec<String> {
    found(workbook, today, code)
        .into_iter()
        .map(|f| f.record.map(|r| r.id.0).unwrap_or_default())
        .collect()
}
