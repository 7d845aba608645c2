//! A form on screen: its fields, which one has the focus, and the picker or list
//! editor opened from one of them; typing, moving and building the record.

use ratatui::crossterm::event::KeyEvent;
use serde_json::Value;

use super::field::*;
use super::picker::Picker;
use crate::model::{Date, Duration, Id, Language};
use crate::tui::screen_text::T;

/// A list field being edited: its items, the selected one, and an open sub-form.
#[derive(Debug)]
pub struct ItemsEditor {
    pub field: usize,
    pub selected: usize,
    pub sub: Option<(Option<usize>, Box<Form>)>,
}

/// A form on screen.
#[derive(Debug)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The JSON the form started from; fields write into a copy of it.
    pub base: Value,
    /// Paths of optional groups (`residual`): all members empty means `None`.
    pub groups: Vec<String>,
    pub touched: bool,
    pub message: Option<String>,
    pub picker: Option<Picker>,
    pub items: Option<ItemsEditor>,
    /// Asking whether to throw away what was typed.
    pub confirm_discard: bool,
    /// The focus just moved: a digit typed into a number field replaces it.
    pub fresh: bool,
    pub lang: Language,
    /// Choosing in the picker saves the form at once (a form that is only a picker).
    pub submit_on_pick: bool,
}

impl Form {
    /// A form over `base` (the record as JSON).
    pub fn new(
        title: String,
        specs: Vec<FieldSpec>,
        base: Value,
        groups: Vec<String>,
        lang: Language,
    ) -> Form {
        let fields = specs
            .into_iter()
            .map(|spec| {
                let value = get_path(&base, &spec.path);
                let editor = editor_for(&spec, value);
                Field {
                    spec,
                    editor,
                    error: None,
                }
            })
            .collect();
        Form {
            title,
            fields,
            focus: 0,
            base,
            groups,
            touched: false,
            message: None,
            picker: None,
            items: None,
            confirm_discard: false,
            fresh: true,
            lang,
            submit_on_pick: false,
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn next_field(&mut self) {
        self.fresh = true;
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev_field(&mut self) {
        self.fresh = true;
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// Whether the focused field takes typed text.
    pub fn focus_is_text(&self) -> bool {
        matches!(
            self.focused().map(|f| &f.editor),
            Some(Editor::Text(_)) | Some(Editor::Duration { .. })
        )
    }

    /// Whether the focused field is multi-line (Enter makes a new line).
    pub fn focus_is_multiline(&self) -> bool {
        matches!(self.focused().map(|f| &f.spec.kind), Some(FieldKind::Multi))
    }

    /// A key typed into the focused field.
    pub fn type_key(&mut self, key: KeyEvent) {
        let lang = self.lang;
        let fresh = std::mem::replace(&mut self.fresh, false);
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if fresh
            && matches!(field.spec.kind, FieldKind::Number { .. })
            && matches!(key.code, ratatui::crossterm::event::KeyCode::Char(c) if c.is_ascii_digit())
        {
            field.editor = Editor::Text(text_area(""));
        }
        let changed = match &mut field.editor {
            Editor::Text(area) => {
                if matches!(field.spec.kind, FieldKind::Multi) {
                    area.input(key)
                } else {
                    area.input_without_shortcuts(key)
                }
            }
            Editor::Duration { amount, unit } => {
                use ratatui::crossterm::event::KeyCode;
                match key.code {
                    KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                        // Letters pick the unit: m(inutes) h d w M(onths).
                        let pick = match c {
                            'm' => Some(0),
                            'h' | 'u' => Some(1),
                            'd' => Some(2),
                            'w' => Some(3),
                            'M' | 'o' => Some(4),
                            _ => None,
                        };
                        if let Some(p) = pick {
                            *unit = p;
                        }
                        true
                    }
                    KeyCode::Left => {
                        *unit = (*unit + Duration::UNITS.len() - 1) % Duration::UNITS.len();
                        true
                    }
                    KeyCode::Right => {
                        *unit = (*unit + 1) % Duration::UNITS.len();
                        true
                    }
                    _ => amount.input_without_shortcuts(key),
                }
            }
            Editor::Choice(index) => {
                use ratatui::crossterm::event::KeyCode;
                let n = match &field.spec.kind {
                    FieldKind::Choice(options) => options.len() + usize::from(field.spec.optional),
                    _ => 1,
                };
                match key.code {
                    KeyCode::Left => {
                        *index = (*index + n - 1) % n.max(1);
                        true
                    }
                    KeyCode::Right | KeyCode::Char(' ') => {
                        *index = (*index + 1) % n.max(1);
                        true
                    }
                    _ => false,
                }
            }
            Editor::Flags { on, cursor } => {
                use ratatui::crossterm::event::KeyCode;
                let n = on.len().max(1);
                match key.code {
                    KeyCode::Left => {
                        *cursor = (*cursor + n - 1) % n;
                        true
                    }
                    KeyCode::Right => {
                        *cursor = (*cursor + 1) % n;
                        true
                    }
                    KeyCode::Char(' ') => {
                        if let Some(flag) = on.get_mut(*cursor) {
                            *flag = !*flag;
                        }
                        true
                    }
                    _ => false,
                }
            }
            Editor::Bool(value) => {
                use ratatui::crossterm::event::KeyCode;
                match key.code {
                    KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => {
                        *value = !*value;
                        true
                    }
                    KeyCode::Char('y' | 'j') => {
                        *value = true;
                        true
                    }
                    KeyCode::Char('n') => {
                        *value = false;
                        true
                    }
                    _ => false,
                }
            }
            Editor::Ref(_) | Editor::Refs(_) | Editor::Items(_) => false,
        };
        if changed {
            self.touched = true;
            field.error = check_field(field, lang).err();
        }
    }

    /// Fills in `today` in a date field.
    pub fn today(&mut self, today: Date) {
        let lang = self.lang;
        if let Some(field) = self.fields.get_mut(self.focus)
            && matches!(field.spec.kind, FieldKind::Date)
        {
            field.editor = Editor::Text(text_area(&today.to_string()));
            field.error = check_field(field, lang).err();
            self.touched = true;
        }
    }

    /// Empties the focused field.
    pub fn clear(&mut self) {
        let lang = self.lang;
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.editor = editor_for(&field.spec, &Value::Null);
            field.error = check_field(field, lang).err();
            self.touched = true;
        }
    }

    /// Sets a reference field (from the picker).
    pub fn set_refs(&mut self, index: usize, ids: Vec<Id>) {
        let lang = self.lang;
        if let Some(field) = self.fields.get_mut(index) {
            field.editor = match field.editor {
                Editor::Ref(_) => Editor::Ref(ids.into_iter().next()),
                _ => Editor::Refs(ids),
            };
            field.error = check_field(field, lang).err();
            self.touched = true;
        }
    }

    /// Replaces the items of a list field.
    pub fn set_items(&mut self, index: usize, items: Vec<Value>) {
        if let Some(field) = self.fields.get_mut(index) {
            field.editor = Editor::Items(items);
            self.touched = true;
        }
    }

    /// Checks every field and builds the record's JSON; on errors marks the fields
    /// and says so.
    pub fn build(&mut self) -> Result<Value, String> {
        let lang = self.lang;
        let mut value = self.base.clone();
        let mut ok = true;
        for field in &mut self.fields {
            match check_field(field, lang) {
                Ok(v) => {
                    field.error = None;
                    set_path(&mut value, &field.spec.path, v);
                }
                Err(e) => {
                    field.error = Some(e);
                    ok = false;
                }
            }
        }
        let specs: Vec<_> = self.fields.iter().map(|f| f.spec.clone()).collect();
        let unfilled = crate::model::form::check_groups(&mut value, &specs, &self.groups);
        for field in &mut self.fields {
            if unfilled.contains(&field.spec.path) {
                field.error = Some(crate::model::form::Invalid::AllOrNone.message(lang));
                ok = false;
            }
        }
        if ok {
            self.message = None;
            Ok(value)
        } else {
            let text = T::FormHasErrors.get(lang).to_owned();
            self.message = Some(text.clone());
            if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
                self.focus = first;
                self.fresh = true;
            }
            Err(text)
        }
    }

    /// The deepest open form (a sub-form of a list field, or this one).
    pub fn innermost(&self) -> &Form {
        match &self.items {
            Some(ItemsEditor {
                sub: Some((_, sub)),
                ..
            }) => sub.innermost(),
            _ => self,
        }
    }

    pub fn innermost_mut(&mut self) -> &mut Form {
        let has_sub = matches!(&self.items, Some(ItemsEditor { sub: Some(_), .. }));
        if !has_sub {
            return self;
        }
        match &mut self.items {
            Some(ItemsEditor {
                sub: Some((_, sub)),
                ..
            }) => sub.innermost_mut(),
            _ => unreachable!("checked just above"),
        }
    }

    /// Closes the innermost sub-form; false when there is none (the form itself
    /// is the innermost, and closing it is the caller's).
    pub fn close_innermost(&mut self) -> bool {
        match &mut self.items {
            Some(ItemsEditor {
                sub: Some((_, sub)),
                ..
            }) => {
                if !sub.close_innermost()
                    && let Some(items) = &mut self.items
                {
                    items.sub = None;
                }
                true
            }
            _ => false,
        }
    }

    /// Enter on the focused field: the picker for a reference, the items of a
    /// list, the next value of a choice; otherwise on to the next field.
    pub fn field_action(&mut self, workbook: &crate::model::Workbook) {
        let lang = self.lang;
        let focus = self.focus;
        let Some(field) = self.fields.get(focus) else {
            return;
        };
        match (&field.spec.kind, &field.editor) {
            (FieldKind::Ref(_) | FieldKind::Refs(_) | FieldKind::Catalogue, editor) => {
                let multi = matches!(field.spec.kind, FieldKind::Refs(_));
                let chosen = match editor {
                    Editor::Refs(ids) => ids.clone(),
                    Editor::Ref(Some(id)) => vec![id.clone()],
                    _ => vec![],
                };
                let mut options: Vec<(Option<Id>, String)> = Vec::new();
                if !multi {
                    let none = field.spec.empty_label.as_deref();
                    let none = none.unwrap_or(T::NoneChosen.get(lang));
                    options.push((None, none.to_owned()));
                }
                options.extend(match &field.spec.kind {
                    FieldKind::Ref(kind) | FieldKind::Refs(kind) => {
                        super::picker::record_choices(workbook, *kind)
                    }
                    _ => super::picker::catalogue_choices(lang),
                });
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
                self.picker = Some(picker);
            }
            (FieldKind::Items(_), Editor::Items(_)) => {
                self.items = Some(ItemsEditor {
                    field: focus,
                    selected: 0,
                    sub: None,
                });
            }
            (FieldKind::Choice(_) | FieldKind::Bool | FieldKind::Flags(_), _) => {
                self.type_key(KeyEvent::new(
                    ratatui::crossterm::event::KeyCode::Char(' '),
                    ratatui::crossterm::event::KeyModifiers::NONE,
                ));
            }
            _ => self.next_field(),
        }
    }

    /// Saves the innermost sub-form into its list field. `None` when no sub-form
    /// is open; `Some(Err)` when it has errors (it stays open).
    pub fn submit_sub(&mut self) -> Option<Result<(), String>> {
        let items = self.items.as_mut()?;
        let (slot, sub) = items.sub.as_mut()?;
        if let Some(result) = sub.submit_sub() {
            return Some(result);
        }
        let value = match sub.build() {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        let slot = *slot;
        let field = items.field;
        let mut values = match self.fields.get(field).map(|f| &f.editor) {
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
        if let Some(items) = &mut self.items {
            items.sub = None;
            items.selected = at;
        }
        self.set_items(field, values);
        Some(Ok(()))
    }

    /// A command on the items of the open list field (this form's).
    pub fn items_command(&mut self, command: crate::tui::keymap::Command) {
        use crate::tui::keymap::Command as C;
        let lang = self.lang;
        let Some(items) = &mut self.items else {
            return;
        };
        let field_index = items.field;
        let Some(field) = self.fields.get(field_index) else {
            return;
        };
        let (FieldKind::Items(spec), Editor::Items(values)) = (&field.spec.kind, &field.editor)
        else {
            return;
        };
        let spec = spec.clone();
        let mut values = values.clone();
        match command {
            C::Up => items.selected = items.selected.saturating_sub(1),
            C::Down => items.selected = (items.selected + 1).min(values.len().saturating_sub(1)),
            C::AddItem => {
                let sub = Form::new(
                    format!("+ {}", spec.noun),
                    spec.fields.clone(),
                    spec.new_item.clone(),
                    vec![],
                    lang,
                );
                items.sub = Some((None, Box::new(sub)));
            }
            C::EditItem => {
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
            C::DeleteItem if items.selected < values.len() => {
                values.remove(items.selected);
                items.selected = items.selected.min(values.len().saturating_sub(1));
                self.set_items(field_index, values);
            }
            C::MoveItemUp if items.selected > 0 => {
                values.swap(items.selected, items.selected - 1);
                items.selected -= 1;
                self.set_items(field_index, values);
            }
            C::MoveItemDown if items.selected + 1 < values.len() => {
                values.swap(items.selected, items.selected + 1);
                items.selected += 1;
                self.set_items(field_index, values);
            }
            C::Done => self.items = None,
            _ => {}
        }
    }
}
