//! Events become actions; one `update` changes the state.
//!
//! Keys are looked up in the key map for the current context; keys that are not
//! commands go to whatever takes text (a form field, the filter, the picker).

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use serde_json::{Value, json};

use crate::model::edit::{Edit, Record};
use crate::model::*;
use crate::tui::app::{App, Effect, FormPurpose, HeatMapFocus, Popup, Question, Tab};
use crate::tui::forms::specs::{self, noun};
use crate::tui::forms::{Editor, FieldKind, Form, ItemsEditor, Picker};
use crate::tui::incident;
use crate::tui::keymap::{Command, Context};
use crate::tui::rows::ListId;
use crate::tui::text::{T, fill};
use crate::tui::views;

/// Something that happened, for `update`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A quarter second passed (the disk is checked every two seconds).
    Tick,
    Command(Command),
}

impl Action {
    pub fn from_event(event: Event) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => Some(Action::Key(key)),
            Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        }
    }
}

/// The contexts whose keys apply now, most specific first.
pub fn contexts(app: &App) -> Vec<Context> {
    if app.popup.is_none()
        && let Some(contexts) = incident::contexts(app)
    {
        return contexts;
    }
    match &app.popup {
        Some(Popup::Form(form, _)) => {
            if innermost(form).picker.is_some() {
                vec![Context::Picker]
            } else {
                vec![Context::Form]
            }
        }
        Some(Popup::Help { .. }) => vec![Context::Help],
        Some(_) => vec![Context::Dialog],
        None if app.filtering => vec![Context::Filter],
        None if app.heat_map.is_some() => vec![Context::HeatMap, Context::Global],
        None => {
            let tab = match app.tab {
                Tab::Overview => Some(Context::Overview),
                Tab::Checklist => Some(Context::Answering),
                Tab::SelfCheck => Some(Context::SelfCheck),
                Tab::Plan => Some(Context::Plan),
                Tab::Risks => Some(Context::Risks),
                Tab::Processes => Some(Context::Processes),
                Tab::Contacts => Some(Context::Contacts),
                Tab::Backups => Some(Context::Backups),
                Tab::Incidents => Some(Context::Incidents),
            };
            let records = app.current_list_id().kind().map(|_| Context::Records);
            let answering = (app.tab == Tab::SelfCheck).then_some(Context::Answering);
            tab.into_iter()
                .chain(answering)
                .chain(records)
                .chain([Context::List, Context::Global])
                .collect()
        }
    }
}

/// The deepest open form (a sub-form of a list field, or the form itself).
pub fn innermost(form: &Form) -> &Form {
    match &form.items {
        Some(ItemsEditor {
            sub: Some((_, sub)),
            ..
        }) => innermost(sub),
        _ => form,
    }
}

fn innermost_mut(form: &mut Form) -> &mut Form {
    let has_sub = matches!(&form.items, Some(ItemsEditor { sub: Some(_), .. }));
    if has_sub {
        match &mut form.items {
            Some(ItemsEditor {
                sub: Some((_, sub)),
                ..
            }) => innermost_mut(sub),
            _ => unreachable!("checked just above"),
        }
    } else {
        form
    }
}

pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Resize(w, h) => app.size = (w, h),
        Action::Tick => {
            app.ticks += 1;
            if app.ticks.is_multiple_of(8) && app.popup.is_none() {
                app.check_disk();
            }
            incident::on_tick(app);
        }
        Action::Mouse(mouse) => on_mouse(app, mouse),
        Action::Command(command) => run(app, command),
        Action::Key(key) => on_key(app, key),
    }
    let id = app.current_list_id();
    app.ensure_built(id);
    keep_selection_visible(app);
}

fn keep_selection_visible(app: &mut App) {
    let height = views::list_height(app);
    let id = app.current_list_id();
    app.list_mut(id).scroll_for(height);
}

fn on_key(app: &mut App, key: KeyEvent) {
    // Answering a dialog with letters.
    if let Some(popup) = &app.popup {
        let letter = match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(c.to_ascii_lowercase())
            }
            _ => None,
        };
        match (popup, letter) {
            (Popup::Quit, Some('s')) => {
                app.popup = None;
                app.save();
                if app.dirty.is_empty() && app.popup.is_none() {
                    app.quit = true;
                }
                return;
            }
            (Popup::Quit, Some('q')) => {
                app.popup = None;
                app.drop_unsaved();
                app.quit = true;
                return;
            }
            (Popup::Confirm { .. }, Some('y' | 'j')) => {
                if let Some(Popup::Confirm { question, .. }) = app.popup.take() {
                    answer_yes(app, question);
                }
                return;
            }
            (Popup::Confirm { .. }, Some('n')) => {
                close_question(app);
                return;
            }
            (Popup::Conflict(_), Some('r' | 'd' | 'o')) => {
                if let Some(Popup::Conflict(conflicts)) = app.popup.take() {
                    resolve_conflict(app, conflicts, letter.unwrap_or('r'));
                }
                return;
            }
            (Popup::Recovery(_), Some('r' | 'd')) => {
                if let Some(Popup::Recovery(edits)) = app.popup.take() {
                    if letter == Some('r') {
                        app.restore(edits);
                    } else {
                        // Discarding cannot be undone: it asks once more.
                        let text = fill(
                            T::DiscardRecoveryQuestion.get(app.lang),
                            &[&edits.len().to_string()],
                        );
                        app.popup = Some(Popup::Confirm {
                            question: Question::DiscardRecovery(edits),
                            text,
                        });
                    }
                }
                return;
            }
            // Any other letter at the recovery prompt does nothing.
            (Popup::Recovery(_), Some(_)) => return,
            _ => {}
        }
    }
    // A form: confirm-discard answers, then commands, then typing.
    if let Some(Popup::Form(form, _)) = &mut app.popup {
        let form = innermost_mut(form);
        if form.confirm_discard {
            match key.code {
                KeyCode::Char('y' | 'j') => {
                    close_innermost(app);
                }
                _ => {
                    form.confirm_discard = false;
                }
            }
            return;
        }
        if let Some(picker) = &mut form.picker {
            match app.keymap.lookup(&[Context::Picker], &key) {
                Some(command) => run(app, command),
                None => {
                    match key.code {
                        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                            picker.query.push(c)
                        }
                        KeyCode::Backspace => {
                            picker.query.pop();
                        }
                        _ => return,
                    }
                    picker.refilter();
                }
            }
            return;
        }
        if form.items.is_some() {
            items_key(app, key);
            return;
        }
        // Enter makes a new line in a multi-line field; Tab moves on.
        let multiline_enter =
            key.code == KeyCode::Enter && form.focus_is_multiline() && key.modifiers.is_empty();
        let typed_letter = form.focus_is_text()
            && matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let command = if multiline_enter
            || typed_letter
            || (form.focus_is_text() && matches!(key.code, KeyCode::Left | KeyCode::Right))
        {
            None
        } else {
            app.keymap.lookup(&[Context::Form], &key)
        };
        match command {
            Some(command) => run(app, command),
            None => {
                if let Some(Popup::Form(form, _)) = &mut app.popup {
                    innermost_mut(form).type_key(key);
                }
            }
        }
        return;
    }
    if incident::on_key(app, key) {
        return;
    }
    if app.filtering {
        match app.keymap.lookup(&[Context::Filter], &key) {
            Some(command) => run(app, command),
            None => {
                let id = app.current_list_id();
                let list = app.list_mut(id);
                match key.code {
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        list.filter.push(c)
                    }
                    KeyCode::Backspace => {
                        list.filter.pop();
                    }
                    _ => return,
                }
                app.refilter(id);
            }
        }
        return;
    }
    let contexts = contexts(app);
    if let Some(command) = app.keymap.lookup(&contexts, &key) {
        run(app, command);
    }
}

fn close_innermost(app: &mut App) {
    let Some(Popup::Form(form, _)) = &mut app.popup else {
        return;
    };
    // Walk to the parent of the innermost sub-form, if any.
    fn close(form: &mut Form) -> bool {
        match &mut form.items {
            Some(ItemsEditor {
                sub: Some((_, sub)),
                ..
            }) => {
                if !close(sub)
                    && let Some(items) = &mut form.items
                {
                    items.sub = None;
                }
                true
            }
            _ => false,
        }
    }
    if !close(form) {
        app.popup = None;
    }
}

fn on_mouse(app: &mut App, mouse: MouseEvent) {
    if app.popup.is_some() {
        return;
    }
    if app.incident.screen.is_some() {
        // The incident screen takes keys only; a click on the tab bar still works.
        if let MouseEventKind::Down(MouseButton::Left) = mouse.kind
            && mouse.row == views::layout(app).tabs.y
            && let Some(tab) = views::tab_at(app, mouse.column)
        {
            switch_tab(app, tab);
        }
        return;
    }
    let layout = views::layout(app);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if mouse.row == layout.tabs.y {
                if let Some(tab) = views::tab_at(app, mouse.column) {
                    switch_tab(app, tab);
                }
                return;
            }
            let list = layout.list;
            // Row 0 of the list area is its border, row 1 the header.
            let first = list.y + 2;
            if mouse.column >= list.x
                && mouse.column < list.x + list.width
                && mouse.row >= first
                && mouse.row < list.y + list.height.saturating_sub(1)
            {
                let id = app.current_list_id();
                let view = app.list_mut(id);
                let at = view.offset + usize::from(mouse.row - first);
                if at < view.visible.len() && !view.rows[view.visible[at]].header {
                    view.selected = at;
                }
            }
        }
        MouseEventKind::ScrollDown => {
            let id = app.current_list_id();
            app.list_mut(id).move_by(3);
        }
        MouseEventKind::ScrollUp => {
            let id = app.current_list_id();
            app.list_mut(id).move_by(-3);
        }
        _ => {}
    }
}

pub fn switch_tab(app: &mut App, tab: Tab) {
    app.incident.screen = None;
    app.tab = tab;
    app.filtering = false;
    app.heat_map = None;
}

/// Runs one named command.
pub fn run(app: &mut App, command: Command) {
    if let Some(popup) = &app.popup {
        match popup {
            Popup::Form(..) => return form_command(app, command),
            Popup::Help { .. } | Popup::Diff { .. } => {
                match command {
                    Command::Cancel => {
                        app.popup = app.pending_conflict.take().map(Popup::Conflict);
                    }
                    Command::Up | Command::Down => {
                        if let Some(Popup::Help { scroll } | Popup::Diff { scroll, .. }) =
                            &mut app.popup
                        {
                            *scroll = if command == Command::Up {
                                scroll.saturating_sub(1)
                            } else {
                                *scroll + 1
                            };
                        }
                    }
                    _ => {}
                }
                return;
            }
            Popup::Quit | Popup::Confirm { .. } | Popup::Conflict(_) => {
                if command == Command::Cancel {
                    close_question(app);
                }
                return;
            }
            Popup::Recovery(_) => {
                // Esc: decide later; the earlier session's edits stay in the file.
                if command == Command::Cancel {
                    app.popup = None;
                    app.keep_recovery_for_later();
                }
                return;
            }
        }
    }
    if incident::run(app, command) {
        return;
    }
    if app.filtering {
        let id = app.current_list_id();
        match command {
            Command::Confirm => app.filtering = false,
            Command::Cancel => {
                app.filtering = false;
                app.list_mut(id).filter.clear();
                app.refilter(id);
            }
            Command::Up => app.list_mut(id).move_by(-1),
            Command::Down => app.list_mut(id).move_by(1),
            _ => {}
        }
        return;
    }
    if let Some(focus) = app.heat_map {
        match command {
            Command::Up | Command::Down | Command::Left | Command::Right => {
                let mut f = focus;
                match command {
                    Command::Up => f.likelihood = (f.likelihood + 1).min(5),
                    Command::Down => f.likelihood = f.likelihood.saturating_sub(1).max(1),
                    Command::Left => f.impact = f.impact.saturating_sub(1).max(1),
                    _ => f.impact = (f.impact + 1).min(5),
                }
                app.heat_map = Some(f);
                return;
            }
            Command::Confirm => {
                let residual = app.residual;
                app.list_mut(ListId::Risks).cell = Some((focus.likelihood, focus.impact, residual));
                app.refilter(ListId::Risks);
                app.heat_map = None;
                return;
            }
            Command::Cancel => {
                app.heat_map = None;
                app.list_mut(ListId::Risks).cell = None;
                app.refilter(ListId::Risks);
                return;
            }
            _ => {}
        }
    }
    let id = app.current_list_id();
    let page = views::list_height(app).max(1) as isize;
    match command {
        Command::Quit => {
            if app.dirty.is_empty() || app.read_only.is_some() {
                app.quit = true;
            } else {
                app.popup = Some(Popup::Quit);
            }
        }
        Command::Save => app.save(),
        Command::Undo if app.can_edit() => app.undo(),
        Command::Redo if app.can_edit() => app.redo(),
        Command::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Command::NextTab => switch_tab(app, Tab::ALL[(app.tab.index() + 1) % Tab::ALL.len()]),
        Command::PrevTab => switch_tab(
            app,
            Tab::ALL[(app.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()],
        ),
        Command::Tab1 => switch_tab(app, Tab::Overview),
        Command::Tab2 => switch_tab(app, Tab::Checklist),
        Command::Tab3 => switch_tab(app, Tab::SelfCheck),
        Command::Tab4 => switch_tab(app, Tab::Plan),
        Command::Tab5 => switch_tab(app, Tab::Risks),
        Command::Tab6 => switch_tab(app, Tab::Processes),
        Command::Tab7 => switch_tab(app, Tab::Contacts),
        Command::Tab8 => switch_tab(app, Tab::Backups),
        Command::Tab9 => switch_tab(app, Tab::Incidents),
        Command::Up => app.list_mut(id).move_by(-1),
        Command::Down => app.list_mut(id).move_by(1),
        Command::PageUp => app.list_mut(id).move_by(-page),
        Command::PageDown => app.list_mut(id).move_by(page),
        Command::Top => app.list_mut(id).to_top(),
        Command::Bottom => app.list_mut(id).to_bottom(),
        Command::Filter => {
            app.filtering = true;
            app.list(id).prepare_search();
        }
        Command::Cancel => {
            let list = app.list_mut(id);
            if !list.filter.is_empty() || list.cell.is_some() || list.sort.is_some() {
                list.filter.clear();
                list.cell = None;
                list.sort = None;
                app.refilter(id);
            }
        }
        Command::Sort | Command::SortReverse => {
            let list = app.list_mut(id);
            let columns = list.columns.len().max(1);
            list.sort = match (list.sort, command) {
                (None, Command::Sort) => Some((0, false)),
                (Some((c, _)), Command::Sort) if c + 1 >= columns => None,
                (Some((c, d)), Command::Sort) => Some((c + 1, d)),
                (Some((c, d)), _) => Some((c, !d)),
                (None, _) => Some((0, true)),
            };
            app.refilter(id);
        }
        Command::Jump | Command::Edit if id == ListId::Findings => jump(app),
        Command::Add => add(app),
        Command::Edit => edit(app),
        Command::Duplicate => duplicate(app),
        Command::Delete => delete(app),
        Command::OpenInEditor => open_in_editor(app),
        Command::AnswerYes => answer(app, Answer::Yes),
        Command::AnswerPartly => answer(app, Answer::Partly),
        Command::AnswerNo => answer(app, Answer::No),
        Command::AnswerNotApplicable => answer(app, Answer::NotApplicable),
        Command::Note => note(app),
        Command::CycleStatus => cycle_status(app),
        Command::HeatMap => {
            app.heat_map = Some(HeatMapFocus {
                likelihood: 3,
                impact: 3,
            });
        }
        Command::Residual => {
            app.residual = !app.residual;
            if let Some((l, i, _)) = app.list(ListId::Risks).cell {
                let residual = app.residual;
                app.list_mut(ListId::Risks).cell = Some((l, i, residual));
                app.refilter(ListId::Risks);
            }
        }
        Command::Section => {
            app.section = match app.section {
                ListId::Processes => ListId::Systems,
                ListId::Systems => ListId::Suppliers,
                _ => ListId::Processes,
            };
        }
        Command::CrisisRoles => open_special(app, FormPurpose::CrisisRoles),
        Command::CallOrder => open_special(app, FormPurpose::CallOrder),
        Command::RestoreTest => restore_test(app),
        Command::Export => open_export(app),
        Command::Adopt => adopt(app),
        _ => {}
    }
}

fn answer_yes(app: &mut App, question: Question) {
    match question {
        Question::Delete {
            record,
            phase,
            index,
        } => {
            let id = record.id().clone();
            let edit = Edit::Record {
                phase,
                index,
                before: Some(record),
                after: None,
            };
            match app.apply(edit) {
                Ok(()) => {
                    let text = fill(T::Deleted.get(app.lang), &[id.as_str()]);
                    app.info(text);
                }
                Err(e) => app.error(e.to_string()),
            }
        }
        Question::SaveNormalising => app.save(),
        Question::Incident(question) => incident::answer_yes(app, question),
        Question::DiscardRecovery(_) => app.discard_recovery(),
    }
}

/// Closes a question with "no": the recovery prompt comes back after "discard?",
/// anything else just closes.
fn close_question(app: &mut App) {
    match app.popup.take() {
        Some(Popup::Confirm {
            question: Question::DiscardRecovery(edits),
            ..
        }) => app.popup = Some(Popup::Recovery(edits)),
        _ => app.popup = None,
    }
}

fn resolve_conflict(app: &mut App, conflicts: Vec<crate::store::Conflict>, choice: char) {
    let files: Vec<String> = conflicts.iter().map(|c| c.file.clone()).collect();
    match choice {
        'r' => app.reload_files(&files, true),
        'o' => app.save_overwriting(&files),
        _ => {
            let mut lines = Vec::new();
            for conflict in &conflicts {
                lines.push(('#', conflict.file.clone()));
                let theirs = conflict.on_disk.clone().unwrap_or_default();
                let diff = similar::TextDiff::from_lines(&theirs, &conflict.ours);
                for group in diff.grouped_ops(2) {
                    for op in group {
                        for change in diff.iter_changes(&op) {
                            let sign = match change.tag() {
                                similar::ChangeTag::Delete => '-',
                                similar::ChangeTag::Insert => '+',
                                similar::ChangeTag::Equal => ' ',
                            };
                            lines.push((sign, change.value().trim_end_matches('\n').to_owned()));
                        }
                    }
                    lines.push(('~', String::new()));
                }
            }
            let title = fill(T::DiffTitle.get(app.lang), &[&files.join(", ")]);
            // After reading the difference the choice comes back.
            app.popup = Some(Popup::Diff {
                title,
                lines,
                scroll: 0,
            });
            app.pending_conflict = Some(conflicts);
        }
    }
}

fn jump(app: &mut App) {
    let Some(record) = app.list(ListId::Findings).selected_record().cloned() else {
        return;
    };
    let list = ListId::of(record.kind);
    switch_tab(app, Tab::of(list));
    app.ensure_built(list);
    if matches!(
        list,
        ListId::Processes | ListId::Systems | ListId::Suppliers
    ) {
        app.section = list;
    }
    let view = app.list_mut(list);
    if !view.select_record(&record) {
        view.filter.clear();
        view.cell = None;
        app.refilter(list);
        app.list_mut(list).select_record(&record);
    }
}

fn selected(app: &App) -> Option<(Record, Option<u32>, usize)> {
    let record = app.current_list().selected_record()?.clone();
    app.locate(&record)
}

/// The selected record, when the workbook may be edited (else says why).
fn editable_selection(app: &mut App) -> Option<(Record, Option<u32>, usize)> {
    let found = selected(app)?;
    app.can_edit().then_some(found)
}

fn open_form(app: &mut App, title: String, kind: RecordKind, base: Value, purpose: FormPurpose) {
    let (fields, groups) = specs::fields(kind, app.lang);
    let form = Form::new(title, fields, base, groups, app.lang);
    app.popup = Some(Popup::Form(Box::new(form), purpose));
}

fn add(app: &mut App) {
    if !app.can_edit() {
        return;
    }
    let id = app.current_list_id();
    let Some(mut kind) = id.kind() else {
        app.info(T::CannotAddHere.get(app.lang));
        return;
    };
    let selected = selected(app);
    let mut phase = None;
    let mut step_id = None;
    let mut index = usize::MAX;
    if let Some((record, p, i)) = &selected {
        index = i + 1;
        phase = *p;
        if record.kind() == RecordKind::FirstHourStep {
            kind = RecordKind::FirstHourStep;
        }
    }
    if kind == RecordKind::Step {
        let number = phase.or_else(|| {
            // A heading row: the phase of the next step, else the first phase.
            app.workbook.plan.phases.first().map(|p| p.number)
        });
        let Some(found) =
            number.and_then(|n| app.workbook.plan.phases.iter().find(|p| p.number == n))
        else {
            app.info(T::CannotAddHere.get(app.lang));
            return;
        };
        phase = Some(found.number);
        step_id = Some(found.next_step_id());
        if selected.is_none() {
            index = found.steps.len();
        }
    }
    let Some(blank) = specs::blank(kind, &app.workbook, step_id, app.today) else {
        return;
    };
    let title = fill(
        T::FormNew.get(app.lang),
        &[&format!("{} {}", noun(kind, app.lang), blank.id())],
    );
    open_form(
        app,
        title,
        kind,
        specs::to_json(&blank),
        FormPurpose::Add { kind, phase, index },
    );
}

fn edit(app: &mut App) {
    let Some((record, phase, index)) = editable_selection(app) else {
        return;
    };
    let kind = record.kind();
    let title = fill(
        T::FormEdit.get(app.lang),
        &[&format!("{} {}", noun(kind, app.lang), record.id())],
    );
    open_form(
        app,
        title,
        kind,
        specs::to_json(&record),
        FormPurpose::Change {
            before: record,
            phase,
            index,
        },
    );
}

fn duplicate(app: &mut App) {
    let Some((record, phase, index)) = editable_selection(app) else {
        return;
    };
    let kind = record.kind();
    let new_id = match kind {
        RecordKind::Step => match app
            .workbook
            .plan
            .phases
            .iter()
            .find(|p| Some(p.number) == phase)
        {
            Some(p) => p.next_step_id(),
            None => return,
        },
        other => app.workbook.next_id(other),
    };
    let copy = specs::duplicate(&record, new_id, app.lang);
    let title = fill(
        T::FormNew.get(app.lang),
        &[&format!("{} {}", noun(kind, app.lang), copy.id())],
    );
    open_form(
        app,
        title,
        kind,
        specs::to_json(&copy),
        FormPurpose::Add {
            kind,
            phase,
            index: index + 1,
        },
    );
}

fn delete(app: &mut App) {
    let Some((record, phase, index)) = editable_selection(app) else {
        return;
    };
    let text = fill(
        T::DeleteConfirm.get(app.lang),
        &[&format!(
            "{} {}",
            noun(record.kind(), app.lang),
            record.id()
        )],
    );
    app.popup = Some(Popup::Confirm {
        question: Question::Delete {
            record,
            phase,
            index,
        },
        text,
    });
}

fn open_in_editor(app: &mut App) {
    let Some((file, path, line)) = app.file_of_selected() else {
        return;
    };
    if let Some(part) = crate::store::layout::part_of_file(&file)
        && app.dirty.contains(&part)
    {
        let text = fill(T::EditorUnsaved.get(app.lang), &[&file]);
        app.error(text);
        return;
    }
    app.effects.push(Effect::OpenEditor { file: path, line });
}

fn set_answer(record: &Record, answer: Answer, today: Date) -> Option<Record> {
    let answered = if answer.is_answered() {
        Some(today)
    } else {
        None
    };
    Some(match record {
        Record::ChecklistItem(item) => Record::ChecklistItem(ChecklistItem {
            answer,
            answered,
            ..item.clone()
        }),
        Record::Statement(s) => Record::Statement(Statement {
            answer,
            answered,
            ..s.clone()
        }),
        _ => return None,
    })
}

fn answer(app: &mut App, answer: Answer) {
    let Some((record, phase, index)) = editable_selection(app) else {
        return;
    };
    let Some(after) = set_answer(&record, answer, app.today) else {
        return;
    };
    if after != record {
        let edit = Edit::Record {
            phase,
            index,
            before: Some(record),
            after: Some(after),
        };
        if let Err(e) = app.apply(edit) {
            app.error(e.to_string());
            return;
        }
    }
    let id = app.current_list_id();
    app.list_mut(id).move_by(1);
}

fn note(app: &mut App) {
    let Some((record, phase, index)) = editable_selection(app) else {
        return;
    };
    let text = match &record {
        Record::ChecklistItem(i) => i.note.clone(),
        Record::Statement(s) => s.note.clone(),
        _ => return,
    };
    let title = fill(T::NoteTitle.get(app.lang), &[record.id().as_str()]);
    let spec = crate::tui::forms::FieldSpec::new(
        "note",
        match app.lang {
            Language::En => "Note",
            Language::Nl => "Notitie",
        },
        FieldKind::Multi,
    );
    let form = Form::new(title, vec![spec], json!({ "note": text }), vec![], app.lang);
    app.popup = Some(Popup::Form(
        Box::new(form),
        FormPurpose::Note {
            before: record,
            phase,
            index,
        },
    ));
}

fn cycle_status(app: &mut App) {
    let Some((record, phase, index)) = editable_selection(app) else {
        return;
    };
    let Record::Step(step) = &record else {
        return;
    };
    let status = match step.status {
        StepStatus::Todo => StepStatus::Doing,
        StepStatus::Doing => StepStatus::Done,
        StepStatus::Done => StepStatus::Skipped,
        StepStatus::Skipped => StepStatus::Todo,
    };
    let done = if status == StepStatus::Done {
        Some(step.done.unwrap_or(app.today))
    } else {
        None
    };
    let after = Record::Step(Step {
        status,
        done,
        ..step.clone()
    });
    let edit = Edit::Record {
        phase,
        index,
        before: Some(record),
        after: Some(after),
    };
    if let Err(e) = app.apply(edit) {
        app.error(e.to_string());
    }
}

fn open_special(app: &mut App, purpose: FormPurpose) {
    if !app.can_edit() {
        return;
    }
    let lang = app.lang;
    let (title, fields, base) = match &purpose {
        FormPurpose::CrisisRoles => (
            T::CrisisRoles.get(lang).to_owned(),
            specs::crisis_role_fields(lang),
            specs::crisis_roles_to_json(&app.workbook.contacts.crisis_roles),
        ),
        FormPurpose::CallOrder => (
            T::CallOrder.get(lang).to_owned(),
            specs::call_order_fields(lang),
            json!({ "calls": serde_json::to_value(&app.workbook.contacts.call_order).unwrap_or(Value::Null) }),
        ),
        _ => return,
    };
    let form = Form::new(title, fields, base, vec![], lang);
    app.popup = Some(Popup::Form(Box::new(form), purpose));
}

fn restore_test(app: &mut App) {
    let Some((record, _, index)) = selected(app) else {
        return;
    };
    if !app.can_edit() || record.kind() != RecordKind::Backup {
        return;
    }
    let title = fill(T::LogRestoreTest.get(app.lang), &[record.id().as_str()]);
    let base = json!({"date": app.today.to_string(), "restored": "", "result": "Success", "took": null, "notes": ""});
    let form = Form::new(
        title,
        specs::restore_test_fields(app.lang),
        base,
        vec![],
        app.lang,
    );
    app.popup = Some(Popup::Form(
        Box::new(form),
        FormPurpose::RestoreTest {
            before: record,
            index,
        },
    ));
}

/// Adopts the selected statement's action into the plan: the statement and the new
/// step change together, as one edit.
fn adopt(app: &mut App) {
    let Some((record, _, index)) = editable_selection(app) else {
        return;
    };
    let Record::Statement(before) = &record else {
        return;
    };
    let mut copy = app.workbook.clone();
    let step_id = match crate::review::selfcheck::adopt_action(
        &mut copy,
        before.id.as_str(),
        None,
        app.today,
    ) {
        Ok(id) => id,
        Err(e) => {
            let text = e.message(app.lang);
            app.error(text);
            return;
        }
    };
    let Some(after) = copy.statement(before.id.as_str()).cloned() else {
        return;
    };
    let Some((phase, step_index, step)) = copy.plan.phases.iter().find_map(|p| {
        p.steps
            .iter()
            .position(|s| s.id == step_id)
            .map(|i| (p.number, i, p.steps[i].clone()))
    }) else {
        return;
    };
    let edit = Edit::Group(vec![
        Edit::Record {
            phase: None,
            index,
            before: Some(record.clone()),
            after: Some(Record::Statement(after)),
        },
        Edit::Record {
            phase: Some(phase),
            index: step_index,
            before: None,
            after: Some(Record::Step(step)),
        },
    ]);
    match app.apply(edit) {
        Ok(()) => {
            let text = fill(
                T::Adopted.get(app.lang),
                &[before.id.as_str(), step_id.as_str()],
            );
            app.info(text);
        }
        Err(e) => app.error(e.to_string()),
    }
}

fn open_export(app: &mut App) {
    let lang = app.lang;
    let t = |en: &str, nl: &str| match lang {
        Language::En => en.to_owned(),
        Language::Nl => nl.to_owned(),
    };
    let fields = vec![
        crate::tui::forms::FieldSpec::new(
            "format",
            t("Format", "Formaat"),
            FieldKind::Choice(vec![
                (
                    json!("Html"),
                    t(
                        "HTML: one file for printing and phones",
                        "HTML: één bestand om te printen en op de telefoon",
                    ),
                ),
                (
                    json!("Markdown"),
                    t(
                        "Markdown: for git hosting sites",
                        "Markdown: voor git-hostingsites",
                    ),
                ),
                (
                    json!("Csv"),
                    t(
                        "CSV: one file per register, for spreadsheets",
                        "CSV: één bestand per register, voor spreadsheets",
                    ),
                ),
            ]),
        ),
        crate::tui::forms::FieldSpec::new(
            "card",
            t("Content", "Inhoud"),
            FieldKind::Choice(vec![
                (json!(false), t("the full pack", "de hele map")),
                (
                    json!(true),
                    t(
                        "only the emergency card (one A4 page)",
                        "alleen de noodkaart (één A4)",
                    ),
                ),
            ]),
        ),
        crate::tui::forms::FieldSpec::new(
            "redact",
            t(
                "Leave out private details (for copies shared wider than the crisis team)",
                "Privégegevens weglaten (voor kopieën buiten het crisisteam)",
            ),
            FieldKind::Bool,
        ),
        crate::tui::forms::FieldSpec::new(
            "output",
            t("Folder or file", "Map of bestand"),
            FieldKind::Line,
        )
        .required(),
    ];
    let base = json!({
        "format": "Html",
        "card": false,
        "redact": false,
        "output": app.export_dir.display().to_string(),
    });
    let form = Form::new(
        T::ExportTitle.get(lang).to_owned(),
        fields,
        base,
        vec![],
        lang,
    );
    app.popup = Some(Popup::Form(Box::new(form), FormPurpose::Export));
}

/// A command while a form is open.
fn form_command(app: &mut App, command: Command) {
    let lang = app.lang;
    let today = app.today;
    let Some(Popup::Form(top, _)) = &mut app.popup else {
        return;
    };
    let form = innermost_mut(top);
    if let Some(picker) = &mut form.picker {
        // A form that is only a picker is saved (or dropped) with the choice.
        let (mut then_submit, mut then_close) = (false, false);
        match command {
            Command::Up => picker.selected = picker.selected.saturating_sub(1),
            Command::Down => {
                picker.selected = (picker.selected + 1).min(picker.visible.len().saturating_sub(1))
            }
            Command::Toggle if picker.multi => picker.toggle(),
            Command::Toggle => {}
            Command::Confirm => {
                let field = picker.field;
                let ids = if picker.multi {
                    picker.chosen.clone()
                } else {
                    picker
                        .current()
                        .and_then(|(id, _)| id.clone())
                        .into_iter()
                        .collect()
                };
                form.picker = None;
                form.set_refs(field, ids);
                then_submit = form.submit_on_pick;
            }
            Command::Cancel if form.submit_on_pick => then_close = true,
            Command::Cancel => form.picker = None,
            _ => {}
        }
        if then_submit {
            submit(app);
        } else if then_close {
            app.popup = None;
        }
        return;
    }
    match command {
        Command::NextField => form.next_field(),
        Command::PrevField => form.prev_field(),
        Command::Today => form.today(today),
        Command::Clear => form.clear(),
        Command::FieldAction => {
            let focus = form.focus;
            let Some(field) = form.fields.get(focus) else {
                return;
            };
            match (&field.spec.kind, &field.editor) {
                (FieldKind::Ref(kind) | FieldKind::Refs(kind), editor) => {
                    let multi = matches!(field.spec.kind, FieldKind::Refs(_));
                    let chosen = match editor {
                        Editor::Refs(ids) => ids.clone(),
                        Editor::Ref(Some(id)) => vec![id.clone()],
                        _ => vec![],
                    };
                    let mut options: Vec<(Option<Id>, String)> = Vec::new();
                    if !multi {
                        options.push((None, T::NoneChosen.get(lang).to_owned()));
                    }
                    options.extend(record_choices(&app.workbook, *kind));
                    let mut picker = Picker {
                        field: focus,
                        multi,
                        options,
                        query: String::new(),
                        visible: Vec::new(),
                        selected: 0,
                        chosen,
                    };
                    picker.refilter();
                    if let Some(first) = picker.chosen.first()
                        && let Some(at) = picker
                            .visible
                            .iter()
                            .position(|&i| picker.options[i].0.as_ref() == Some(first))
                    {
                        picker.selected = at;
                    }
                    form.picker = Some(picker);
                }
                (FieldKind::Items(_), Editor::Items(_)) => {
                    form.items = Some(ItemsEditor {
                        field: focus,
                        selected: 0,
                        sub: None,
                    });
                }
                (FieldKind::Choice(_) | FieldKind::Bool | FieldKind::Flags(_), _) => {
                    form.type_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
                }
                _ => form.next_field(),
            }
        }
        Command::Cancel => {
            if form.touched {
                form.confirm_discard = true;
            } else {
                close_innermost(app);
            }
        }
        Command::SubmitForm => submit(app),
        _ => {}
    }
}

/// Every record of `kind` as (id, "id — name") for the picker.
pub fn record_choices(workbook: &Workbook, kind: RecordKind) -> Vec<(Option<Id>, String)> {
    let label = |id: &Id, name: &str| {
        (
            Some(id.clone()),
            crate::text::sanitize_line(&format!("{id} — {name}")),
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

/// Keys while a list field's items are shown.
fn items_key(app: &mut App, key: KeyEvent) {
    let lang = app.lang;
    let Some(Popup::Form(top, _)) = &mut app.popup else {
        return;
    };
    let form = innermost_mut(top);
    let Some(items) = &mut form.items else {
        return;
    };
    let field_index = items.field;
    let Some(field) = form.fields.get(field_index) else {
        return;
    };
    let (FieldKind::Items(spec), Editor::Items(values)) = (&field.spec.kind, &field.editor) else {
        return;
    };
    let spec = spec.clone();
    let mut values = values.clone();
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => items.selected = items.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            items.selected = (items.selected + 1).min(values.len().saturating_sub(1))
        }
        KeyCode::Char('a') => {
            let sub = Form::new(
                format!("+ {}", spec.noun),
                spec.fields.clone(),
                spec.new_item.clone(),
                vec![],
                lang,
            );
            items.sub = Some((None, Box::new(sub)));
        }
        KeyCode::Enter | KeyCode::Char('e') => {
            if let Some(value) = values.get(items.selected) {
                let sub = Form::new(
                    spec.noun.clone(),
                    spec.fields.clone(),
                    value.clone(),
                    vec![],
                    lang,
                );
                items.sub = Some((Some(items.selected), Box::new(sub)));
            }
        }
        KeyCode::Char('d') | KeyCode::Delete if items.selected < values.len() => {
            values.remove(items.selected);
            items.selected = items.selected.min(values.len().saturating_sub(1));
            form.set_items(field_index, values);
        }
        KeyCode::Char('K') if items.selected > 0 => {
            values.swap(items.selected, items.selected - 1);
            items.selected -= 1;
            form.set_items(field_index, values);
        }
        KeyCode::Char('J') if items.selected + 1 < values.len() => {
            values.swap(items.selected, items.selected + 1);
            items.selected += 1;
            form.set_items(field_index, values);
        }
        KeyCode::Esc | KeyCode::Tab => form.items = None,
        _ => {}
    }
}

/// Saves the innermost form: a sub-form goes back into its list field; the top
/// form becomes an edit.
fn submit(app: &mut App) {
    let Some(Popup::Form(top, purpose)) = &mut app.popup else {
        return;
    };
    // A sub-form of a list field?
    fn submit_sub(form: &mut Form) -> Option<Result<(), String>> {
        let items = form.items.as_mut()?;
        let (slot, sub) = items.sub.as_mut()?;
        if let Some(result) = submit_sub(sub) {
            return Some(result);
        }
        let value = match sub.build() {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        let slot = *slot;
        let field = items.field;
        let mut values = match form.fields.get(field).map(|f| &f.editor) {
            Some(Editor::Items(v)) => v.clone(),
            _ => Vec::new(),
        };
        let at = match slot {
            Some(i) if i < values.len() => {
                values[i] = value;
                i
            }
            _ => {
                values.push(value);
                values.len() - 1
            }
        };
        if let Some(items) = &mut form.items {
            items.sub = None;
            items.selected = at;
        }
        form.set_items(field, values);
        Some(Ok(()))
    }
    if let Some(result) = submit_sub(top) {
        if let Err(e) = result {
            top.message = Some(e);
        }
        return;
    }
    let value = match top.build() {
        Ok(value) => value,
        Err(_) => return,
    };
    let purpose = purpose.clone();
    let lang = app.lang;
    if let FormPurpose::Incident(which) = purpose {
        if let Err(message) = incident::submit(app, which, value)
            && let Some(Popup::Form(form, _)) = &mut app.popup
        {
            form.message = Some(message);
        }
        return;
    }
    let edit = match purpose {
        FormPurpose::Add { kind, phase, index } => match specs::from_json(kind, value) {
            Ok(record) => {
                let id = record.id().clone();
                Ok((
                    Edit::Record {
                        phase,
                        index,
                        before: None,
                        after: Some(record),
                    },
                    fill(T::Added.get(lang), &[id.as_str()]),
                    Some((kind, id)),
                ))
            }
            Err(e) => Err(e),
        },
        FormPurpose::Change {
            before,
            phase,
            index,
        } => match specs::from_json(before.kind(), value) {
            Ok(after) => {
                let id = after.id().clone();
                let kind = after.kind();
                Ok((
                    Edit::Record {
                        phase,
                        index,
                        before: Some(before),
                        after: Some(after),
                    },
                    fill(T::Changed.get(lang), &[id.as_str()]),
                    Some((kind, id)),
                ))
            }
            Err(e) => Err(e),
        },
        FormPurpose::Note {
            before,
            phase,
            index,
        } => {
            let note = value["note"].as_str().unwrap_or_default().to_owned();
            let after = match &before {
                Record::ChecklistItem(i) => {
                    Record::ChecklistItem(ChecklistItem { note, ..i.clone() })
                }
                Record::Statement(s) => Record::Statement(Statement { note, ..s.clone() }),
                other => other.clone(),
            };
            let id = before.id().clone();
            Ok((
                Edit::Record {
                    phase,
                    index,
                    before: Some(before),
                    after: Some(after),
                },
                fill(T::Changed.get(lang), &[id.as_str()]),
                None,
            ))
        }
        FormPurpose::CrisisRoles => Ok((
            Edit::CrisisRoles {
                before: app.workbook.contacts.crisis_roles.clone(),
                after: specs::crisis_roles_from_json(&value),
            },
            fill(T::Changed.get(lang), &[T::CrisisRoles.get(lang)]),
            None,
        )),
        FormPurpose::CallOrder => match serde_json::from_value::<Vec<Call>>(value["calls"].clone())
        {
            Ok(calls) => Ok((
                Edit::CallOrder {
                    before: app.workbook.contacts.call_order.clone(),
                    after: calls,
                },
                fill(T::Changed.get(lang), &[T::CallOrder.get(lang)]),
                None,
            )),
            Err(e) => Err(e.to_string()),
        },
        FormPurpose::Export => {
            let format = match value["format"].as_str() {
                Some("Markdown") => crate::export::ExportFormat::Markdown,
                Some("Csv") => crate::export::ExportFormat::Csv,
                _ => crate::export::ExportFormat::Html,
            };
            let options = crate::export::ExportOptions {
                format,
                card_only: value["card"].as_bool().unwrap_or(false)
                    && format != crate::export::ExportFormat::Csv,
                redact: value["redact"].as_bool().unwrap_or(false),
                output: std::path::PathBuf::from(value["output"].as_str().unwrap_or(".")),
            };
            app.popup = None;
            app.effects.push(Effect::Export(options));
            return;
        }
        FormPurpose::RestoreTest { before, index } => {
            match (serde_json::from_value::<RestoreTest>(value), &before) {
                (Ok(test), Record::Backup(backup)) => {
                    let mut after = backup.clone();
                    let at = after
                        .restore_tests
                        .iter()
                        .position(|t| t.date > test.date)
                        .unwrap_or(after.restore_tests.len());
                    after.restore_tests.insert(at, test);
                    let id = backup.id.clone();
                    Ok((
                        Edit::Record {
                            phase: None,
                            index,
                            before: Some(before.clone()),
                            after: Some(Record::Backup(after)),
                        },
                        fill(T::Changed.get(lang), &[id.as_str()]),
                        None,
                    ))
                }
                (Err(e), _) => Err(e.to_string()),
                _ => Err("not a backup".to_owned()),
            }
        }
        FormPurpose::Incident(_) => return,
    };
    match edit {
        Ok((edit, message, select)) => {
            app.popup = None;
            match app.apply(edit) {
                Ok(()) => {
                    app.info(message);
                    if let Some((kind, id)) = select {
                        let list = ListId::of(kind);
                        app.list_mut(list).select_record(&RecordRef::new(kind, id));
                    }
                }
                Err(e) => app.error(e.to_string()),
            }
        }
        Err(e) => {
            if let Some(Popup::Form(form, _)) = &mut app.popup {
                form.message = Some(e);
            }
        }
    }
}
