//! The searchable list to choose records from, opened from a reference field.

use crate::model::{Id, Language, RecordKind, SupplierCatalogue, Workbook};

/// A searchable list to choose records from, opened from a reference field.
#[derive(Debug)]
pub struct Picker {
    pub field: usize,
    pub multi: bool,
    /// Id and label of every choice; `None` is "no record" for optional fields.
    pub options: Vec<(Option<Id>, String)>,
    pub query: String,
    pub visible: Vec<usize>,
    pub selected: usize,
    pub chosen: Vec<Id>,
}

impl Picker {
    pub fn refilter(&mut self) {
        let query = self.query.to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        self.visible = self
            .options
            .iter()
            .enumerate()
            .filter(|(_, (_, label))| {
                let label = label.to_lowercase();
                words.iter().all(|w| label.contains(w))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&(Option<Id>, String)> {
        self.visible.get(self.selected).map(|&i| &self.options[i])
    }

    pub fn toggle(&mut self) {
        if let Some((Some(id), _)) = self.current().cloned() {
            if let Some(at) = self.chosen.iter().position(|c| *c == id) {
                self.chosen.remove(at);
            } else {
                self.chosen.push(id);
            }
        }
    }
}

/// Every record of `kind` as (id, "id — name") for the picker.
pub fn record_choices(workbook: &Workbook, kind: RecordKind) -> Vec<(Option<Id>, String)> {
    let label = |id: &Id, name: &str| {
        (
            Some(id.clone()),
            crate::sanitize::sanitize_line(&format!("{id} — {name}")),
        )
    };
    match kind {
        RecordKind::Contact => workbook
            .contacts
            .contacts
            .iter()
            .map(|c| label(&c.id, &format!("{} ({})", c.name, c.role)))
            .collect(),
        RecordKind::Process => workbook
            .processes
            .processes
            .iter()
            .map(|r| label(&r.id, &r.name))
            .collect(),
        RecordKind::System => workbook
            .processes
            .systems
            .iter()
            .map(|r| label(&r.id, &r.name))
            .collect(),
        RecordKind::Supplier => workbook
            .processes
            .suppliers
            .iter()
            .map(|r| label(&r.id, &r.name))
            .collect(),
        RecordKind::Risk => workbook
            .risks
            .risks
            .iter()
            .map(|r| label(&r.id, &r.title))
            .collect(),
        RecordKind::Step => workbook
            .steps()
            .map(|(_, s)| label(&s.id, &s.title))
            .collect(),
        RecordKind::Statement => workbook
            .selfcheck
            .statements
            .iter()
            .map(|r| label(&r.id, &r.statement))
            .collect(),
        RecordKind::Backup => workbook
            .backups
            .backups
            .iter()
            .map(|r| label(&r.id, &r.what))
            .collect(),
        RecordKind::ChecklistItem => workbook
            .checklist
            .items
            .iter()
            .map(|r| label(&r.id, &r.question))
            .collect(),
        RecordKind::FirstHourStep => workbook
            .plan
            .first_hour
            .iter()
            .map(|r| label(&r.id, &r.title))
            .collect(),
        RecordKind::Incident => workbook
            .incidents
            .iter()
            .map(|r| label(&r.id, &r.title))
            .collect(),
    }
}

/// Every entry of the supplier catalogue as (id, "name · id") for the picker.
pub fn catalogue_choices(lang: Language) -> Vec<(Option<Id>, String)> {
    let catalogue = SupplierCatalogue::builtin();
    catalogue
        .suppliers
        .iter()
        .map(|e| (Some(Id::from(e.id.as_str())), catalogue.label(&e.id, lang)))
        .collect()
}
