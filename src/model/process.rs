//! `processes.ron`: the process map. Processes depend on systems (assets) and
//! suppliers; the recovery times say how long each process may be down.

use serde::{Deserialize, Serialize};

use super::{Date, Duration, Id};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processes {
    #[serde(default)]
    pub next_process: u32,
    #[serde(default)]
    pub next_system: u32,
    #[serde(default)]
    pub next_supplier: u32,
    pub processes: Vec<Process>,
    pub systems: Vec<System>,
    pub suppliers: Vec<Supplier>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Process {
    pub id: Id,
    pub name: String,
    /// A contact id.
    #[serde(default)]
    pub owner: Option<Id>,
    #[serde(default)]
    pub description: String,
    pub criticality: Criticality,
    /// Maximum tolerable downtime.
    #[serde(default)]
    pub mtd: Option<Duration>,
    /// Recovery time objective: back within this time.
    #[serde(default)]
    pub rto: Option<Duration>,
    /// Recovery point objective: at most this much data may be lost.
    #[serde(default)]
    pub rpo: Option<Duration>,
    /// What must still work while the process is degraded.
    #[serde(default)]
    pub minimum_service: String,
    /// How people keep going by hand while the systems are down.
    #[serde(default)]
    pub workaround: String,
    #[serde(default)]
    pub systems: Vec<Id>,
    #[serde(default)]
    pub suppliers: Vec<Id>,
    /// Position in the recovery order (1 comes back first).
    #[serde(default)]
    pub recovery_order: Option<u32>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Criticality {
    Critical,
    High,
    Medium,
    Low,
}

impl Criticality {
    pub const ALL: [Criticality; 4] = [
        Criticality::Critical,
        Criticality::High,
        Criticality::Medium,
        Criticality::Low,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub id: Id,
    pub name: String,
    pub kind: SystemKind,
    /// What kinds of data it holds.
    #[serde(default)]
    pub data: Vec<DataKind>,
    #[serde(default)]
    pub location: String,
    /// A supplier id.
    #[serde(default)]
    pub supplier: Option<Id>,
    /// A contact id.
    #[serde(default)]
    pub owner: Option<Id>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SystemKind {
    Saas,
    OnPremises,
    Workstation,
    Network,
    BuildingControl,
    Other,
}

impl SystemKind {
    pub const ALL: [SystemKind; 6] = [
        SystemKind::Saas,
        SystemKind::OnPremises,
        SystemKind::Workstation,
        SystemKind::Network,
        SystemKind::BuildingControl,
        SystemKind::Other,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DataKind {
    Collection,
    PersonalData,
    Financial,
    Operational,
    Other,
}

impl DataKind {
    pub const ALL: [DataKind; 5] = [
        DataKind::Collection,
        DataKind::PersonalData,
        DataKind::Financial,
        DataKind::Operational,
        DataKind::Other,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub service: String,
    /// The entry of the supplier catalogue this supplier is, when it is one of the
    /// sector's well-known suppliers (`axiell`); see [`super::SupplierCatalogue`].
    #[serde(default)]
    pub catalogue: Option<String>,
    #[serde(default)]
    pub contract_end: Option<Date>,
    /// Security and incident agreements are in the contract.
    #[serde(default)]
    pub security_agreements: bool,
    /// The contact to call when this supplier has an incident (a contact id).
    #[serde(default)]
    pub incident_contact: Option<Id>,
    /// How to leave, or what the alternative is.
    #[serde(default)]
    pub exit_plan: String,
    #[serde(default)]
    pub notes: String,
}
