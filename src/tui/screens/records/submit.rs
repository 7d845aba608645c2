//! What the tabs' forms become when saved: each purpose's values turned into
//! the edit a workbook operation builds.

use serde_json::Value;

use super::state::RecordsScreen;
use crate::model::ops;
use crate::model::*;
use crate::tui::component::{Context, Outcome, Request};
use crate::tui::forms::specs;
use crate::tui::purpose::FormPurpose;
use crate::tui::screen_text::{T, fill};
use crate::tui::session::record_of;

impl RecordsScreen {
    /// A form of the tabs was saved: the edit to make, or why not (the form then
    /// stays open with the reason).
    pub fn submit(
        &mut self,
        purpose: FormPurpose,
        value: Value,
        cx: &Context,
    ) -> Result<Outcome, String> {
        let lang = cx.lang();
        let workbook = cx.workbook();
        let (edit, message) = match purpose {
            FormPurpose::Add { kind, place } => {
                let record = specs::from_json(kind, value)?;
                let id = record.id().clone();
                let edit =
                    ops::records::add(workbook, record, place).map_err(|e| e.message(lang))?;
                (Some(edit), fill(T::Added.get(lang), &[id.as_str()]))
            }
            FormPurpose::Change(found) => {
                let after = specs::from_json(found.record.kind(), value)?;
                let id = after.id().clone();
                (
                    Some(found.replaced_by(after)),
                    fill(T::Changed.get(lang), &[id.as_str()]),
                )
            }
            FormPurpose::Note(found) => {
                let note = value["note"].as_str().unwrap_or_default().to_owned();
                let id = found.record.id().clone();
                let edit = ops::answers::note(&found, &note).map_err(|e| e.message(lang))?;
                (edit, fill(T::Changed.get(lang), &[id.as_str()]))
            }
            FormPurpose::CrisisRoles => (
                ops::records::set_crisis_roles(workbook, specs::crisis_roles_from_json(&value)),
                fill(T::Changed.get(lang), &[T::CrisisRoles.get(lang)]),
            ),
            FormPurpose::CallOrder => {
                let calls = serde_json::from_value::<Vec<Call>>(value["calls"].clone())
                    .map_err(|e| e.to_string())?;
                (
                    ops::records::set_call_order(workbook, calls),
                    fill(T::Changed.get(lang), &[T::CallOrder.get(lang)]),
                )
            }
            FormPurpose::RestoreTest(found) => {
                let test =
                    serde_json::from_value::<RestoreTest>(value).map_err(|e| e.to_string())?;
                let id = found.record.id().clone();
                let edit = ops::backups::log_restore_test_located(&found, test)
                    .map_err(|e| e.message(lang))?;
                (Some(edit), fill(T::Changed.get(lang), &[id.as_str()]))
            }
            FormPurpose::Export | FormPurpose::Incident(_) => return Ok(Outcome::none()),
        };
        let outcome = Outcome::of(Request::Close);
        Ok(match edit {
            Some(edit) => {
                // A record added or changed is selected in its list.
                let select = match &edit {
                    edit::Edit::Record { .. } => record_of(&edit),
                    _ => None,
                };
                outcome.and(Request::Edit {
                    edit,
                    message: Some(message),
                    select,
                })
            }
            None => outcome.and(Request::Show(crate::tui::session::Message::info(message))),
        })
    }
}
