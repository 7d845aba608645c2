//! `contacts.ron`: recovery contacts, crisis roles and the call order; and
//! `private/contacts.ron`, the personal details kept out of git.
//!
//! A [`Contact`] in memory carries its [`PrivateDetails`] too, so screens and
//! exports see one record. The field is skipped when the public file is written:
//! private values cannot reach `contacts.ron` by construction. The store writes
//! them to `private/contacts.ron` as [`PrivateContact`] records keyed by id.

use serde::{Deserialize, Serialize};

use super::{Date, Id, Origin};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    #[serde(default)]
    pub next_number: u32,
    pub contacts: Vec<Contact>,
    /// The crisis roles, each with a primary and a deputy.
    pub crisis_roles: Vec<CrisisRole>,
    /// Who to call in the first hour, in order.
    pub call_order: Vec<Call>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organisation: String,
    pub kind: ContactKind,
    /// Which authority this is, for the authorities the templates ship.
    #[serde(default)]
    pub authority: Option<Authority>,
    /// Work numbers that may be in git. Personal numbers go in `private`.
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub email: String,
    /// A way to reach this person when e-mail and the network are down.
    #[serde(default)]
    pub out_of_band: String,
    #[serde(default)]
    pub availability: String,
    /// When the details were last checked to be right.
    #[serde(default)]
    pub verified: Option<Date>,
    /// What this contact needs from you when you call or report.
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub notes: String,
    /// The template pack item it came from (the authorities; see [`Origin`]).
    #[serde(default)]
    pub origin: Option<Origin>,
    /// Personal details from `private/contacts.ron`; never written to the public file.
    #[serde(skip)]
    pub private: PrivateDetails,
}

impl Contact {
    /// Every phone number, public ones first.
    pub fn all_phones(&self) -> impl Iterator<Item = &Phone> {
        self.phones.iter().chain(self.private.phones.iter())
    }

    /// The first number to dial.
    pub fn first_phone(&self) -> Option<&Phone> {
        self.all_phones().find(|p| !p.number.trim().is_empty())
    }

    /// The out-of-band channel, private one included.
    pub fn out_of_band_channel(&self) -> Option<&str> {
        [self.out_of_band.as_str(), self.private.out_of_band.as_str()]
            .into_iter()
            .map(str::trim)
            .find(|s| !s.is_empty())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// "Mobile", "Office", "24/7 line", ...
    pub label: String,
    pub number: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContactKind {
    Internal,
    Supplier,
    Authority,
    Insurer,
    Other,
}

impl ContactKind {
    pub const ALL: [ContactKind; 5] = [
        ContactKind::Internal,
        ContactKind::Supplier,
        ContactKind::Authority,
        ContactKind::Insurer,
        ContactKind::Other,
    ];
}

/// The Dutch authorities an organisation reports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Authority {
    /// The national cyber security centre (voluntary reports, 24-hour assistance).
    CyberSecurityCentre,
    /// The police (cybercrime reports).
    Police,
    /// The data protection authority (personal-data breaches within 72 hours).
    DataProtection,
    /// The computer security incident response team for the sector, where there is one.
    SectorCsirt,
}

impl Authority {
    /// The authorities every workbook should have a contact for.
    pub const REQUIRED: [Authority; 3] = [
        Authority::CyberSecurityCentre,
        Authority::Police,
        Authority::DataProtection,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisRole {
    pub role: RoleKind,
    #[serde(default)]
    pub primary: Option<Id>,
    #[serde(default)]
    pub deputy: Option<Id>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RoleKind {
    /// May declare an incident and authorise isolation.
    DecisionMaker,
    IncidentLead,
    TechnicalLead,
    Communications,
}

impl RoleKind {
    pub const ALL: [RoleKind; 4] = [
        RoleKind::DecisionMaker,
        RoleKind::IncidentLead,
        RoleKind::TechnicalLead,
        RoleKind::Communications,
    ];
}

/// One entry of the call order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    pub contact: Id,
    /// Why and when to call ("at once: isolate the network").
    #[serde(default)]
    pub reason: String,
}

/// Personal details of a contact, kept in `private/contacts.ron` (gitignored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateDetails {
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub out_of_band: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub notes: String,
}

impl PrivateDetails {
    pub fn is_empty(&self) -> bool {
        self == &PrivateDetails::default()
    }
}

/// `private/contacts.ron` on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateContacts {
    pub contacts: Vec<PrivateContact>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateContact {
    pub id: Id,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub out_of_band: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub notes: String,
}

impl PrivateContact {
    pub fn new(id: Id, details: PrivateDetails) -> Self {
        PrivateContact {
            id,
            phones: details.phones,
            email: details.email,
            out_of_band: details.out_of_band,
            address: details.address,
            notes: details.notes,
        }
    }

    pub fn details(&self) -> PrivateDetails {
        PrivateDetails {
            phones: self.phones.clone(),
            email: self.email.clone(),
            out_of_band: self.out_of_band.clone(),
            address: self.address.clone(),
            notes: self.notes.clone(),
        }
    }
}
