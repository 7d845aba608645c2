//! Where a template item came from: the pack, the version of the item in that pack,
//! and the item's id there.
//!
//! A workbook copies its checklist, self-check, plan, authority contacts and
//! first-hour steps from a template pack (the built-in one, or one a sector body
//! ships). The origin lets `paraat templates update` find each item again in a newer
//! pack, even after the workbook gave it another id, and tell an item the pack
//! changed since (its version in the pack is higher) from one the organisation
//! reworded itself (same version: left alone). Items the organisation added have no
//! origin. The field is optional so workbooks made before origins existed still
//! load; `templates update` gives them origins by matching ids against the pack.

use serde::{Deserialize, Serialize};

use super::Language;
use super::bilingual::{pick, say};

/// The origin of one template item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The pack's id (`paraat` for the built-in templates).
    pub pack: String,
    /// The version of the pack in which this item last changed.
    pub version: u32,
    /// The item's id in the pack.
    pub item: String,
    /// The pack no longer has this item: it stays in the workbook, with its answer,
    /// but no longer counts in scores and progress.
    #[serde(default)]
    pub retired: bool,
}

impl Origin {
    pub fn new(pack: &str, version: u32, item: &str) -> Origin {
        Origin {
            pack: pack.to_owned(),
            version,
            item: item.to_owned(),
            retired: false,
        }
    }
}

impl Origin {
    /// The origin in words: "pack paraat, version 1 (retired)".
    pub fn words(&self, lang: Language) -> String {
        let (pack, version) = (&self.pack, self.version);
        let mut text = say!(
            lang,
            "pack {pack}, version {version}",
            "pakket {pack}, versie {version}"
        );
        if self.retired {
            text.push_str(pick(lang, " (retired)", " (vervallen)"));
        }
        text
    }
}

/// Whether an item with this origin is retired.
pub fn is_retired(origin: &Option<Origin>) -> bool {
    origin.as_ref().is_some_and(|o| o.retired)
}
