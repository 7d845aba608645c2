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

    /// Whether a phone number in the public file is really someone's own and
    /// belongs in `private/`: the one rule for it. The review reports such a
    /// number, `export --redact` and the CSV export leave it out, and the form
    /// only suggests labels this rule lets through ([`PUBLIC_PHONE_LABELS`]).
    ///
    /// A label that says private, personal or home (in English or Dutch) makes
    /// any contact's number personal. A mobile phone (`mobile`, `mobiel`, `gsm`)
    /// is personal for the organisation's own people unless the label says it is
    /// a work phone (`work mobile`, `on-call`, `24/7`); a supplier's or an
    /// authority's mobile is their business line.
    pub fn phone_is_personal(&self, phone: &Phone) -> bool {
        let label = phone.label.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| has_word(&label, w));
        has(PRIVATE_WORDS)
            || (self.kind == ContactKind::Internal && has(MOBILE_WORDS) && !has(WORK_WORDS))
    }

    /// The public phone numbers that are personal by [`Contact::phone_is_personal`].
    pub fn personal_public_phones(&self) -> impl Iterator<Item = &Phone> {
        self.phones.iter().filter(|p| self.phone_is_personal(p))
    }

    /// The out-of-band channel, private one included.
    pub fn out_of_band_channel(&self) -> Option<&str> {
        [self.out_of_band.as_str(), self.private.out_of_band.as_str()]
            .into_iter()
            .map(str::trim)
            .find(|s| !s.is_empty())
    }
}

/// Words in a phone label that say the number is someone's own.
const PRIVATE_WORDS: &[&str] = &[
    "priv*",
    "personal",
    "persoonlijk",
    "home",
    "thuis",
    "eigen",
    "own",
];
/// Words that say a number is a mobile phone.
const MOBILE_WORDS: &[&str] = &["mobile", "mobiel", "cell*", "gsm", "handy"];
/// Words that say a mobile phone is a work phone.
const WORK_WORDS: &[&str] = &[
    "work*", "werk*", "business", "zakelijk", "office", "kantoor", "company", "bedrijf*",
    "dienst*", "duty", "on-call", "on call", "piket", "24/7", "service", "desk", "balie", "team",
    "crisis",
];

/// The labels the form suggests for a public phone number, in English and Dutch:
/// none of them is personal by [`Contact::phone_is_personal`].
pub const PUBLIC_PHONE_LABELS: [(&str, &str); 3] = [
    ("work mobile", "werk mobiel"),
    ("office", "kantoor"),
    ("24/7 line", "24/7-lijn"),
];

/// Whether `word` stands in `label` as a word of its own (`home`, not
/// `homepage`); a `*` at its end lets it go on (`priv*` matches `privé`).
fn has_word(label: &str, word: &str) -> bool {
    let (word, open_end) = match word.strip_suffix('*') {
        Some(w) => (w, true),
        None => (word, false),
    };
    label.match_indices(word).any(|(at, _)| {
        let before = label[..at].chars().next_back();
        let after = label[at + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric())
            && (open_end || after.is_none_or(|c| !c.is_alphanumeric()))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(kind: ContactKind) -> Contact {
        Contact {
            id: Id::from("C-001"),
            name: "Someone".into(),
            role: String::new(),
            organisation: String::new(),
            kind,
            authority: None,
            phones: Vec::new(),
            email: String::new(),
            out_of_band: String::new(),
            availability: String::new(),
            verified: None,
            needs: String::new(),
            notes: String::new(),
            origin: None,
            private: PrivateDetails::default(),
        }
    }

    fn personal(kind: ContactKind, label: &str) -> bool {
        contact(kind).phone_is_personal(&Phone {
            label: label.into(),
            number: "0570 555 0199".into(),
        })
    }

    #[test]
    fn phone_labels_are_read_in_both_languages() {
        for label in [
            "Mobile (private)",
            "Privé",
            "Home",
            "thuis",
            "Mobiel",
            "Mobile",
            "Personal cell",
            "Cellphone",
            "GSM",
        ] {
            assert!(personal(ContactKind::Internal, label), "{label}");
        }
        for label in [
            "Work mobile",
            "Werk mobiel",
            "Office",
            "24/7 line",
            "Front desk",
            "Zakelijk mobiel",
            "On-call mobile",
            "Werkmobiel",
            "Eigenaar",
            "Homepage contact",
        ] {
            assert!(!personal(ContactKind::Internal, label), "{label}");
        }
        // A supplier's mobile is their business line; a home number is still personal.
        assert!(!personal(ContactKind::Supplier, "Mobile"));
        assert!(personal(ContactKind::Supplier, "Home"));
    }

    #[test]
    fn the_labels_the_form_suggests_are_never_flagged_as_personal() {
        for (en, nl) in PUBLIC_PHONE_LABELS {
            for kind in ContactKind::ALL {
                assert!(!personal(kind, en), "{en}");
                assert!(!personal(kind, nl), "{nl}");
            }
        }
        // The form's label for a phone gives these as its examples.
        use crate::model::Language;
        let label = crate::model::fields::phone::LABEL;
        for (lang, examples) in [
            (Language::En, PUBLIC_PHONE_LABELS.map(|(en, _)| en)),
            (Language::Nl, PUBLIC_PHONE_LABELS.map(|(_, nl)| nl)),
        ] {
            assert_eq!(
                label.label(lang),
                format!("Label ({})", examples.join(", "))
            );
        }
    }
}
