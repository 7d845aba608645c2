//! The supplier catalogue: the well-known suppliers of the sector (collection
//! management systems, library systems, e-depots, ticketing and web shop platforms,
//! hosting), by id and name only.
//!
//! A supplier in a workbook may point at a catalogue entry (`Supplier::catalogue`).
//! That link is what `paraat share` reports and what `paraat sector` counts, so a
//! sector body sees how many members depend on one supplier, without any member
//! naming its suppliers in free text. The catalogue holds no contact details: whom
//! to call is the organisation's own record (`Supplier::incident_contact`).
//! It ships in `data/templates/suppliers.ron`, embedded in the binary when it is
//! compiled (so the review can check a link without reading a file).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Language;
use super::bilingual::say;

/// Where the built-in catalogue comes from, for messages and tests.
pub const CATALOGUE_FILE: &str = "data/templates/suppliers.ron";
/// The built-in catalogue's text, embedded when compiled.
pub const CATALOGUE_TEXT: &str = include_str!("../../data/templates/suppliers.ron");

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierCatalogue {
    pub suppliers: Vec<CatalogueEntry>,
}

/// One well-known supplier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    /// Stable, lower case, letters, digits and `-` (`axiell`).
    pub id: String,
    /// The supplier's name, with its products where that helps recognise it.
    pub name: String,
    /// What members buy from it.
    pub services: Vec<ServiceKind>,
}

/// What a catalogue supplier provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ServiceKind {
    /// Collection management (museums and archives), often hosted by the supplier.
    CollectionManagement,
    /// The library system: catalogue, members and lending.
    LibrarySystem,
    /// Digital preservation: the e-depot.
    EDepot,
    /// Ticketing and admissions.
    Ticketing,
    /// The web shop.
    Webshop,
    /// Hosting, cloud and office services.
    Hosting,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 6] = [
        ServiceKind::CollectionManagement,
        ServiceKind::LibrarySystem,
        ServiceKind::EDepot,
        ServiceKind::Ticketing,
        ServiceKind::Webshop,
        ServiceKind::Hosting,
    ];
}

impl SupplierCatalogue {
    /// The catalogue that ships with paraat, parsed once. Its text is part of the
    /// binary and a test holds it to the format, so it cannot fail on a user's
    /// machine; were it ever broken, the catalogue would be empty (every link then
    /// reported as unknown) rather than the program stopping.
    pub fn builtin() -> &'static SupplierCatalogue {
        static BUILTIN: OnceLock<SupplierCatalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| ron::from_str(CATALOGUE_TEXT).unwrap_or_default())
    }

    pub fn entry(&self, id: &str) -> Option<&CatalogueEntry> {
        self.suppliers.iter().find(|e| e.id == id)
    }

    /// A link to the catalogue as people read it: "Axiell (Axiell Collections,
    /// Adlib) · axiell", or the id and that it is not in the catalogue.
    pub fn label(&self, id: &str, lang: Language) -> String {
        let id = id.trim();
        match self.entry(id) {
            Some(entry) => format!("{} · {id}", entry.name),
            None => say!(
                lang,
                "{id} (not in the supplier catalogue)",
                "{id} (niet in de leverancierscatalogus)"
            ),
        }
    }
}

/// Whether `id` has the form of a catalogue or pack id: 1–40 characters, lower-case
/// ASCII letters, digits and `-`, starting with a letter or digit.
pub fn is_plain_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalogue_parses_and_every_id_is_plain_and_unique() {
        let parsed: SupplierCatalogue =
            ron::from_str(CATALOGUE_TEXT).expect("data/templates/suppliers.ron parses");
        assert!(!parsed.suppliers.is_empty());
        assert_eq!(SupplierCatalogue::builtin(), &parsed);
        let mut ids: Vec<&str> = parsed.suppliers.iter().map(|e| e.id.as_str()).collect();
        assert!(ids.iter().all(|id| is_plain_id(id)), "{ids:?}");
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), parsed.suppliers.len());
    }
}
