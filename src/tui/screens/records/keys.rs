//! What the keys do on the tabs: moving through a list, filtering and sorting
//! it, the heat map, and the record commands, which build their edit with the
//! workbook operations (`model::ops`) or open the record's form.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

use super::state::RecordsScreen;
use crate::find;
use crate::model::ops::{self, Located, Place};
use crate::model::references;
use crate::model::*;
use crate::tui::component::{Context, Effect, Open, Outcome, Request};
use crate::tui::forms::specs;
use crate::tui::forms::{FieldKind, FieldSpec, Form};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::lists::ListId;
use crate::tui::purpose::{FormPurpose, Question};
use crate::tui::screen_text::{T, fill};
use crate::tui::tabs::Tab;
use crate::tui::widgets::heat_map::HeatMapFocus;

/// How many kinds of reference a delete question names before "and N more".
const MAX_REFERENCES_SAID: usize = 6;

impl RecordsScreen {
    /// A key while the filter is typed (`None` when it is not).
    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Option<Outcome> {
        if !self.filtering {
            return None;
        }
        if let Some(command) = cx.keymap.lookup(&self.contexts(), &key) {
            return self.command(command, cx, 1);
        }
        let id = self.current_list_id();
        let list = self.list_mut(id);
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                list.filter.push(c)
            }
            KeyCode::Backspace => {
                list.filter.pop();
            }
            _ => return Some(Outcome::none()),
        }
        self.refilter(id, cx.workbook());
        Some(Outcome::none())
    }

    /// Runs a command of the tabs; `None` when it is none of theirs. `page` is how
    /// many rows of the list show.
    pub fn command(&mut self, command: Command, cx: &Context, page: usize) -> Option<Outcome> {
        let id = self.current_list_id();
        let workbook = cx.workbook();
        if self.filtering {
            match command {
                Command::KeepFilter => self.filtering = false,
                Command::ClearFilter => {
                    self.filtering = false;
                    self.list_mut(id).filter.clear();
                    self.refilter(id, workbook);
                }
                Command::Up => self.list_mut(id).move_by(-1),
                Command::Down => self.list_mut(id).move_by(1),
                _ => {}
            }
            return Some(Outcome::none());
        }
        if let Some(focus) = self.heat_map {
            match command {
                Command::Up | Command::Down | Command::Left | Command::Right => {
                    let mut f = focus;
                    match command {
                        Command::Up => f.likelihood = (f.likelihood + 1).min(5),
                        Command::Down => f.likelihood = f.likelihood.saturating_sub(1).max(1),
                        Command::Left => f.impact = f.impact.saturating_sub(1).max(1),
                        _ => f.impact = (f.impact + 1).min(5),
                    }
                    self.heat_map = Some(f);
                    return Some(Outcome::none());
                }
                Command::Confirm => {
                    let residual = self.residual;
                    self.list_mut(ListId::Risks).cell =
                        Some((focus.likelihood, focus.impact, residual));
                    self.refilter(ListId::Risks, workbook);
                    self.heat_map = None;
                    return Some(Outcome::none());
                }
                Command::Cancel => {
                    self.heat_map = None;
                    self.list_mut(ListId::Risks).cell = None;
                    self.refilter(ListId::Risks, workbook);
                    return Some(Outcome::none());
                }
                _ => {}
            }
        }
        if self.roles_shown && command == Command::Cancel {
            self.roles_shown = false;
            return Some(Outcome::none());
        }
        let page = page.max(1) as isize;
        Some(match command {
            Command::Up => self.moved(id, -1),
            Command::Down => self.moved(id, 1),
            Command::PageUp => self.moved(id, -page),
            Command::PageDown => self.moved(id, page),
            Command::Top => {
                self.list_mut(id).to_top();
                Outcome::none()
            }
            Command::Bottom => {
                self.list_mut(id).to_bottom();
                Outcome::none()
            }
            Command::Filter => {
                self.filtering = true;
                self.list(id).prepare_search();
                Outcome::none()
            }
            Command::Cancel => {
                let list = self.list_mut(id);
                if !list.filter.is_empty() || list.cell.is_some() || list.sort.is_some() {
                    list.filter.clear();
                    list.cell = None;
                    list.sort = None;
                    self.refilter(id, workbook);
                }
                Outcome::none()
            }
            Command::Sort | Command::SortReverse => {
                let list = self.list_mut(id);
                let columns = list.columns.len().max(1);
                list.sort = match (list.sort, command) {
                    (None, Command::Sort) => Some((0, false)),
                    (Some((c, _)), Command::Sort) if c + 1 >= columns => None,
                    (Some((c, d)), Command::Sort) => Some((c + 1, d)),
                    (Some((c, d)), _) => Some((c, !d)),
                    (None, _) => Some((0, true)),
                };
                self.refilter(id, workbook);
                Outcome::none()
            }
            Command::Jump | Command::Edit if id == ListId::Findings => self.jump(cx),
            Command::Add => self.add(cx),
            Command::Edit => self.edit(cx),
            Command::Duplicate => self.duplicate(cx),
            Command::Delete => self.delete(cx),
            Command::OpenInEditor => self.open_in_editor(cx),
            Command::AnswerYes => self.answer(cx, Answer::Yes),
            Command::AnswerPartly => self.answer(cx, Answer::Partly),
            Command::AnswerNo => self.answer(cx, Answer::No),
            Command::AnswerNotApplicable => self.answer(cx, Answer::NotApplicable),
            Command::Note => self.note(cx),
            Command::CycleStatus => self.cycle_status(cx),
            Command::HeatMap => {
                self.heat_map = Some(HeatMapFocus {
                    likelihood: 3,
                    impact: 3,
                });
                Outcome::none()
            }
            Command::Residual => {
                self.residual = !self.residual;
                if let Some((l, i, _)) = self.list(ListId::Risks).cell {
                    let residual = self.residual;
                    self.list_mut(ListId::Risks).cell = Some((l, i, residual));
                    self.refilter(ListId::Risks, workbook);
                }
                Outcome::none()
            }
            Command::Section => {
                self.section = match self.section {
                    ListId::Processes => ListId::Systems,
                    ListId::Systems => ListId::Suppliers,
                    _ => ListId::Processes,
                };
                Outcome::none()
            }
            Command::GoToContact => self.go_to_contact(cx),
            Command::ShowRoles => {
                self.roles_shown = !self.roles_shown;
                Outcome::none()
            }
            Command::CrisisRoles => self.special_form(cx, FormPurpose::CrisisRoles),
            Command::CallOrder => self.special_form(cx, FormPurpose::CallOrder),
            Command::RestoreTest => self.restore_test(cx),
            Command::Adopt => self.adopt(cx),
            Command::OpenIncident if self.tab == Tab::Incidents => Outcome::of(
                Request::OpenIncident(self.current_list().selected_record().cloned()),
            ),
            _ => return None,
        })
    }

    fn moved(&mut self, id: ListId, by: isize) -> Outcome {
        self.list_mut(id).move_by(by);
        Outcome::none()
    }

    /// Enter on a finding: to the tab and the record it is about.
    fn jump(&mut self, cx: &Context) -> Outcome {
        if let Some(record) = self.list(ListId::Findings).selected_record().cloned() {
            self.go_to(&record, cx);
        }
        Outcome::none()
    }

    /// Goes to the tab of `record` and selects it (clearing a filter that hides it).
    pub fn go_to(&mut self, record: &RecordRef, cx: &Context) {
        let list = ListId::of(record.kind);
        self.switch_tab(Tab::of_register(list.register()));
        if matches!(
            list,
            ListId::Processes | ListId::Systems | ListId::Suppliers
        ) {
            self.section = list;
        }
        self.build(list, cx);
        let view = self.list_mut(list);
        if !view.select_record(record) {
            view.filter.clear();
            view.cell = None;
            self.refilter(list, cx.workbook());
            self.list_mut(list).select_record(record);
        }
    }

    /// `w` on a supplier, system or process: to the contact to call about it.
    fn go_to_contact(&mut self, cx: &Context) -> Outcome {
        let Some(found) = self.selected(cx) else {
            return Outcome::none();
        };
        match find::call::first_contact(cx.workbook(), &found.record) {
            Some(contact) => {
                self.go_to(&RecordRef::new(RecordKind::Contact, contact), cx);
                Outcome::none()
            }
            None => Outcome::info(find::call::nobody(found.record.kind(), cx.lang())),
        }
    }

    /// The selected record and where it sits.
    fn selected(&self, cx: &Context) -> Option<Located> {
        let record = self.current_list().selected_record()?;
        cx.session.locate(record)
    }

    /// The selected record, when the workbook may be edited (else says why).
    fn editable(&self, cx: &Context) -> Result<Located, Outcome> {
        let found = self.selected(cx).ok_or_else(Outcome::none)?;
        cx.session.can_edit().map_err(Outcome::from)?;
        Ok(found)
    }

    fn form(cx: &Context, title: String, record: &edit::Record, purpose: FormPurpose) -> Outcome {
        let (fields, groups) = specs::fields(record.kind(), cx.lang());
        let form = Form::new(title, fields, specs::to_json(record), groups, cx.lang());
        Outcome::of(Request::Open(Open::Form(Box::new(form), purpose)))
    }

    fn add(&mut self, cx: &Context) -> Outcome {
        if let Err(refused) = cx.session.can_edit() {
            return refused.into();
        }
        let lang = cx.lang();
        let Some(mut kind) = self.current_list_id().kind() else {
            return Outcome::info(T::CannotAddHere.get(lang));
        };
        let selected = self.selected(cx);
        let mut place = Place {
            phase: None,
            index: usize::MAX,
        };
        if let Some(found) = &selected {
            place = Place {
                phase: found.place.phase,
                index: found.place.index + 1,
            };
            if found.record.kind() == RecordKind::FirstHourStep {
                kind = RecordKind::FirstHourStep;
            }
        }
        // A step goes to the selected step's phase (on a heading row: the first).
        let Ok((blank, phase)) = ops::records::blank(cx.workbook(), kind, place.phase, cx.today())
        else {
            return Outcome::info(T::CannotAddHere.get(lang));
        };
        place.phase = phase;
        if kind == RecordKind::Step
            && selected.is_none()
            && let Some(p) = cx
                .workbook()
                .plan
                .phases
                .iter()
                .find(|p| Some(p.number) == phase)
        {
            place.index = p.steps.len();
        }
        let title = fill(
            T::FormNew.get(lang),
            &[&kind.named(blank.id().as_str(), lang)],
        );
        Self::form(cx, title, &blank, FormPurpose::Add { kind, place })
    }

    fn edit(&mut self, cx: &Context) -> Outcome {
        let found = match self.editable(cx) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let title = fill(
            T::FormEdit.get(lang),
            &[&found.record.kind().named(found.record.id().as_str(), lang)],
        );
        let record = found.record.clone();
        Self::form(cx, title, &record, FormPurpose::Change(found))
    }

    fn duplicate(&mut self, cx: &Context) -> Outcome {
        let found = match self.editable(cx) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let kind = found.record.kind();
        let Ok((copy, place)) = ops::records::duplicate(cx.workbook(), &found, lang) else {
            return Outcome::none();
        };
        let title = fill(
            T::FormNew.get(lang),
            &[&kind.named(copy.id().as_str(), lang)],
        );
        Self::form(cx, title, &copy, FormPurpose::Add { kind, place })
    }

    fn delete(&mut self, cx: &Context) -> Outcome {
        let found = match self.editable(cx) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let kind = found.record.kind();
        let named = kind.named(found.record.id().as_str(), lang);
        let undo = cx
            .keymap
            .key_for(Keys::Global, Command::Undo)
            .map(|k| k.label(lang))
            .unwrap_or_default();
        let referrers = references::referrers(cx.workbook(), kind, found.record.id());
        let text = if referrers.is_empty() {
            fill(T::DeleteConfirm.get(lang), &[&named, &undo])
        } else {
            // Everything that would point at nothing, so the user can cancel.
            let mut said = references::describe(&referrers, lang);
            let more = said.len().saturating_sub(MAX_REFERENCES_SAID);
            said.truncate(MAX_REFERENCES_SAID);
            let mut list = said.join(", ");
            if more > 0 {
                list.push_str(&fill(T::AndMore.get(lang), &[&more.to_string()]));
            }
            fill(
                T::DeleteReferenced.get(lang),
                &[
                    &named,
                    found.record.id().as_str(),
                    &list,
                    &crate::model::bilingual::counted(
                        lang,
                        referrers.len(),
                        ("reference would", "references would"),
                        ("verwijzing zou", "verwijzingen zouden"),
                    ),
                    &undo,
                ],
            )
        };
        Outcome::of(Request::Open(Open::Ask(Question::Delete(found), text)))
    }

    fn open_in_editor(&mut self, cx: &Context) -> Outcome {
        let Some(record) = self.current_list().selected_record() else {
            return Outcome::none();
        };
        let (file, path, line) = cx.session.file_of(record);
        if let Some(register) = Register::of_file(&file)
            && cx.session.dirty().contains(&register)
        {
            return Outcome::error(fill(T::EditorUnsaved.get(cx.lang()), &[&file]));
        }
        Outcome::of(Request::Effect(Effect::OpenEditor { file: path, line }))
    }

    fn answer(&mut self, cx: &Context, answer: Answer) -> Outcome {
        let found = match self.editable(cx) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let id = self.current_list_id();
        let outcome = match ops::answers::answer_located(&found, answer, cx.today()) {
            Ok(Some(edit)) => Outcome::of(Request::Edit {
                edit,
                message: None,
                select: None,
            }),
            Ok(None) => Outcome::none(),
            Err(_) => return Outcome::none(),
        };
        // On to the next question, as on paper.
        self.list_mut(id).move_by(1);
        outcome
    }

    fn note(&mut self, cx: &Context) -> Outcome {
        let found = match self.editable(cx) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let Some(text) = ops::answers::note_of(&found.record).map(str::to_owned) else {
            return Outcome::none();
        };
        let title = fill(T::NoteTitle.get(lang), &[found.record.id().as_str()]);
        // A checklist item and a statement both call it the note.
        let spec = FieldSpec::of(fields::checklist_item::NOTE, lang, FieldKind::Multi);
        let form = Form::new(title, vec![spec], json!({ "note": text }), vec![], lang);
        Outcome::of(Request::Open(Open::Form(
            Box::new(form),
            FormPurpose::Note(found),
        )))
    }

    fn cycle_status(&mut self, cx: &Context) -> Outcome {
        let found = match self.editable(cx) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        match ops::plan::cycle_status(&found, cx.today()) {
            Ok(Some(edit)) => Outcome::of(Request::Edit {
                edit,
                message: None,
                select: None,
            }),
            _ => Outcome::none(),
        }
    }

    fn special_form(&mut self, cx: &Context, purpose: FormPurpose) -> Outcome {
        if let Err(refused) = cx.session.can_edit() {
            return refused.into();
        }
        let lang = cx.lang();
        let contacts = &cx.workbook().contacts;
        let (title, fields, base) = match &purpose {
            FormPurpose::CrisisRoles => (
                T::CrisisRoles.get(lang).to_owned(),
                specs::crisis_role_fields(lang),
                specs::crisis_roles_to_json(&contacts.crisis_roles),
            ),
            FormPurpose::CallOrder => (
                T::CallOrder.get(lang).to_owned(),
                specs::call_order_fields(lang),
                json!({ "calls": serde_json::to_value(&contacts.call_order).unwrap_or_default() }),
            ),
            _ => return Outcome::none(),
        };
        let form = Form::new(title, fields, base, vec![], lang);
        Outcome::of(Request::Open(Open::Form(Box::new(form), purpose)))
    }

    fn restore_test(&mut self, cx: &Context) -> Outcome {
        let Some(found) = self.selected(cx) else {
            return Outcome::none();
        };
        if let Err(refused) = cx.session.can_edit() {
            return refused.into();
        }
        let crate::model::edit::Record::Backup(backup) = &found.record else {
            return Outcome::none();
        };
        let lang = cx.lang();
        let title = fill(T::LogRestoreTest.get(lang), &[found.record.id().as_str()]);
        let base = ops::backups::new_restore_test(backup, cx.today());
        let form = Form::new(title, specs::restore_test_fields(lang), base, vec![], lang);
        Outcome::of(Request::Open(Open::Form(
            Box::new(form),
            FormPurpose::RestoreTest(found),
        )))
    }

    /// `A`: asks for the phase, the owner and the due date of the step the
    /// selected statement's action becomes (the phase its principle belongs to is
    /// filled in), then adopts it: the statement and the new step change together.
    fn adopt(&mut self, cx: &Context) -> Outcome {
        let found = match self.editable(cx) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let edit::Record::Statement(statement) = &found.record else {
            return Outcome::none();
        };
        let lang = cx.lang();
        let workbook = cx.workbook();
        // Refused at once (answered yes, planned already) rather than after the form.
        let defaults = ops::selfcheck::AdoptOptions::default();
        if let Err(e) =
            ops::selfcheck::adopt_action(workbook, statement.id.as_str(), &defaults, cx.today())
        {
            return Outcome::error(e.message(lang));
        }
        let phase = ops::selfcheck::default_phase(workbook, statement.principle);
        let phases = workbook
            .plan
            .phases
            .iter()
            .map(|p| (json!(p.number), format!("{} {}", p.number, p.title)))
            .collect();
        let fields = vec![
            FieldSpec::of(fields::step::PHASE, lang, FieldKind::Choice(phases)),
            FieldSpec::of(
                fields::step::OWNER,
                lang,
                FieldKind::Ref(RecordKind::Contact),
            )
            .optional(),
            FieldSpec::of(fields::step::DUE, lang, FieldKind::Date).optional(),
        ];
        let base = json!({ "phase": phase, "owner": null, "due": null });
        let title = fill(T::AdoptTitle.get(lang), &[statement.id.as_str()]);
        let form = Form::new(title, fields, base, vec![], lang);
        Outcome::of(Request::Open(Open::Form(
            Box::new(form),
            FormPurpose::Adopt(statement.id.clone()),
        )))
    }

    /// The answer yes to "delete this record?".
    pub fn answered_delete(&mut self, found: Located, cx: &Context) -> Outcome {
        let id = found.record.id().clone();
        Outcome::of(Request::Edit {
            edit: found.removed(),
            message: Some(fill(T::Deleted.get(cx.lang()), &[id.as_str()])),
            select: None,
        })
    }
}
