//! Template packs: the starting content a workbook copies and can later be brought
//! up to (`paraat templates update`).
//!
//! A pack is the starting content of a workbook: checklist items, self-check
//! statements, plan steps, first-hour steps and authority contacts, each tagged with
//! the kinds of organisation it is for, and each with its [`Origin`] (pack id, the
//! version in which the item last changed, the item's id in the pack). The built-in
//! pack is the templates in `data/templates/<lang>/`; a sector body can ship its own
//! as one RON file (`docs/templates.md`).
//!
//! This module holds the pack as a value and checks it ([`TemplatePack::prepare`]).
//! Bringing a workbook up to a pack is a workbook operation like every other, in
//! [`super::ops::templates`]: it builds the edits, the caller applies and saves.
//!
//! Pure: no I/O.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::*;

/// The id of the built-in pack.
pub const BUILTIN_PACK: &str = "paraat";

/// A template pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatePack {
    /// Lower case, letters, digits and `-`: `paraat`, `den-cultuur`.
    pub id: String,
    /// Raised with every release of the pack; an item's origin says in which version
    /// it last changed.
    pub version: u32,
    /// The language of its texts; a pack only updates a workbook in its language.
    pub language: Language,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub checklist: Vec<PackItem<ChecklistItem>>,
    #[serde(default)]
    pub selfcheck: Vec<PackItem<Statement>>,
    /// Plan steps, each with the phase it belongs to.
    #[serde(default)]
    pub steps: Vec<PackStep>,
    #[serde(default)]
    pub first_hour: Vec<PackItem<FirstHourStep>>,
    /// Contacts every workbook should have (the authorities).
    #[serde(default)]
    pub contacts: Vec<PackItem<Contact>>,
    /// Ids of items earlier versions of the pack had and this one dropped, for
    /// workbooks made before origins existed.
    #[serde(default)]
    pub retired: Vec<String>,
}

/// One item and the kinds of organisation it is for (none listed: every kind).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackItem<T> {
    #[serde(default)]
    pub kinds: Vec<OrganisationKind>,
    pub item: T,
}

/// A plan step of a pack, and the phase it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackStep {
    #[serde(default)]
    pub kinds: Vec<OrganisationKind>,
    pub phase: u32,
    pub step: Step,
}

/// `data/templates/pack.ron`: the built-in pack's id, version and retired ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    pub id: String,
    pub version: u32,
    #[serde(default)]
    pub retired: Vec<String>,
}

/// What is wrong with a pack, or why it cannot update this workbook.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error(
        "the pack's id \"{0}\" is not a plain id (lower-case letters, digits and -, at most 40)"
    )]
    BadId(String),
    #[error("the pack's version must be 1 or more")]
    NoVersion,
    #[error("item {item} has an origin in pack \"{pack}\", not in this pack")]
    ForeignOrigin { item: String, pack: String },
    #[error("item {item} says it changed in version {version}, after the pack's own {pack}")]
    FutureVersion {
        item: String,
        version: u32,
        pack: u32,
    },
    #[error("the pack has two items with the id {0}")]
    Duplicate(String),
}

impl<T> PackItem<T> {
    /// Whether the item is for organisations of `kind`.
    pub fn for_kind(&self, kind: OrganisationKind) -> bool {
        for_kind(&self.kinds, kind)
    }
}

impl PackStep {
    /// Whether the step is for organisations of `kind`.
    pub fn for_kind(&self, kind: OrganisationKind) -> bool {
        for_kind(&self.kinds, kind)
    }
}

fn for_kind(kinds: &[OrganisationKind], kind: OrganisationKind) -> bool {
    kinds.is_empty() || kinds.contains(&kind)
}

impl TemplatePack {
    /// Checks the pack and gives every item without an origin one in this version.
    pub fn prepare(mut self) -> Result<TemplatePack, PackError> {
        if !is_plain_id(&self.id) {
            return Err(PackError::BadId(self.id));
        }
        if self.version == 0 {
            return Err(PackError::NoVersion);
        }
        let (id, version) = (self.id.clone(), self.version);
        let mut seen = HashSet::new();
        let mut check = |item: &mut dyn TemplateItem| -> Result<(), PackError> {
            let item_id = item.id().to_string();
            let kind = item.kind();
            let origin = item
                .origin_mut()
                .get_or_insert_with(|| Origin::new(&id, version, &item_id));
            if origin.pack != id {
                return Err(PackError::ForeignOrigin {
                    item: item_id,
                    pack: origin.pack.clone(),
                });
            }
            if origin.version > version {
                return Err(PackError::FutureVersion {
                    item: item_id,
                    version: origin.version,
                    pack: version,
                });
            }
            origin.retired = false;
            let key = (kind, origin.item.clone());
            if !seen.insert(key) {
                return Err(PackError::Duplicate(origin.item.clone()));
            }
            Ok(())
        };
        for entry in &mut self.checklist {
            check(&mut entry.item)?;
        }
        for entry in &mut self.selfcheck {
            check(&mut entry.item)?;
        }
        for entry in &mut self.steps {
            check(&mut entry.step)?;
        }
        for entry in &mut self.first_hour {
            check(&mut entry.item)?;
        }
        for entry in &mut self.contacts {
            check(&mut entry.item)?;
        }
        Ok(self)
    }

    /// Whether the pack holds an item of `kind` whose origin is `key`.
    pub fn has(&self, kind: RecordKind, key: &str) -> bool {
        fn any<T: TemplateItem>(items: &[PackItem<T>], key: &str) -> bool {
            items.iter().any(|e| origin_key(&e.item) == Some(key))
        }
        match kind {
            RecordKind::ChecklistItem => any(&self.checklist, key),
            RecordKind::Statement => any(&self.selfcheck, key),
            RecordKind::FirstHourStep => any(&self.first_hour, key),
            RecordKind::Contact => any(&self.contacts, key),
            RecordKind::Step => self.steps.iter().any(|e| origin_key(&e.step) == Some(key)),
            _ => false,
        }
    }
}

/// The item's id in its pack, when it has an origin.
pub fn origin_key(item: &dyn TemplateItem) -> Option<&str> {
    item.origin().as_ref().map(|o| o.item.as_str())
}

/// What a template item shares, whatever its kind.
pub trait TemplateItem {
    fn kind(&self) -> RecordKind;
    fn id(&self) -> &Id;
    fn set_id(&mut self, id: Id);
    fn origin(&self) -> &Option<Origin>;
    fn origin_mut(&mut self) -> &mut Option<Origin>;
}

macro_rules! template_item {
    ($ty:ty, $kind:expr) => {
        impl TemplateItem for $ty {
            fn kind(&self) -> RecordKind {
                $kind
            }
            fn id(&self) -> &Id {
                &self.id
            }
            fn set_id(&mut self, id: Id) {
                self.id = id;
            }
            fn origin(&self) -> &Option<Origin> {
                &self.origin
            }
            fn origin_mut(&mut self) -> &mut Option<Origin> {
                &mut self.origin
            }
        }
    };
}
template_item!(ChecklistItem, RecordKind::ChecklistItem);
template_item!(Statement, RecordKind::Statement);
template_item!(Step, RecordKind::Step);
template_item!(FirstHourStep, RecordKind::FirstHourStep);
template_item!(Contact, RecordKind::Contact);
