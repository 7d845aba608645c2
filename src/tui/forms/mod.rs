//! One form component for every record type, driven by field descriptions.
//!
//! A record is turned into JSON (serde does that for every type), each field of the
//! form edits one path in it ("title", "current.likelihood", "private.phones"), and
//! submitting turns the JSON back into the record. So a new field is one line in
//! [`specs`], not a new screen. Values are checked per field as they are typed and
//! again on submit; a form with errors cannot be saved.

pub mod specs;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;
use serde_json::{Map, Value};

use crate::model::{Date, Duration, Id, Language, RecordKind};
use crate::tui::text::{T, fill};

/// What a field holds and how it is edited.
#[derive(Clone, Debug)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines of text.
    Multi,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// An amount with a unit (`Hours(24)`).
    Duration,
    /// One of a fixed set of values (JSON value, label).
    Choice(Vec<(Value, String)>),
    /// Any number of a fixed set of values (JSON value, label).
    Flags(Vec<(Value, String)>),
    /// A whole number in a range.
    Number { min: i64, max: i64 },
    /// Yes or no.
    Bool,
    /// One record of a kind, by id.
    Ref(RecordKind),
    /// Several records of a kind, by id, in order.
    Refs(RecordKind),
    /// A list of small records edited with a sub-form (phones, copies, …).
    Items(Box<ItemsSpec>),
}

/// The sub-form of a list field.
#[derive(Clone, Debug)]
pub struct ItemsSpec {
    /// What one item is called ("phone number").
    pub noun: String,
    pub fields: Vec<FieldSpec>,
    /// What a new item starts as.
    pub new_item: Value,
    /// One line describing an item in the list.
    pub summary: fn(&Value, Language) -> String,
}

#[derive(Clone, Debug)]
pub struct FieldSpec {
    /// Dotted path into the record's JSON.
    pub path: String,
    pub label: String,
    pub kind: FieldKind,
    /// Must not be empty.
    pub required: bool,
    /// May be empty (written as `None`); otherwise empty means the type's empty value.
    pub optional: bool,
}

impl FieldSpec {
    pub fn new(path: &str, label: impl Into<String>, kind: FieldKind) -> FieldSpec {
        FieldSpec {
            path: path.to_owned(),
            label: label.into(),
            kind,
            required: false,
            optional: false,
        }
    }

    pub fn required(mut self) -> FieldSpec {
        self.required = true;
        self
    }

    pub fn optional(mut self) -> FieldSpec {
        self.optional = true;
        self
    }
}

/// The editing state of one field.
#[derive(Debug)]
pub enum Editor {
    Text(TextArea<'static>),
    Choice(usize),
    Flags {
        on: Vec<bool>,
        cursor: usize,
    },
    Bool(bool),
    Ref(Option<Id>),
    Refs(Vec<Id>),
    Duration {
        amount: TextArea<'static>,
        unit: usize,
    },
    Items(Vec<Value>),
}

#[derive(Debug)]
pub struct Field {
    pub spec: FieldSpec,
    pub editor: Editor,
    pub error: Option<String>,
}

/// A list field being edited: its items, the selected one, and an open sub-form.
#[derive(Debug)]
pub struct ItemsEditor {
    pub field: usize,
    pub selected: usize,
    pub sub: Option<(Option<usize>, Box<Form>)>,
}

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

fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_owned).collect()
    };
    let mut area = TextArea::new(lines);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// The value at a dotted path (`Value::Null` when absent).
pub fn get_path<'a>(value: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .try_fold(value, |v, key| v.get(key))
        .unwrap_or(&Value::Null)
}

/// Sets the value at a dotted path, creating objects on the way.
pub fn set_path(value: &mut Value, path: &str, new: Value) {
    let mut current = value;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Value::Object(map) = current else {
            return;
        };
        if keys.peek().is_none() {
            map.insert(key.to_owned(), new);
            return;
        }
        current = map.entry(key.to_owned()).or_insert(Value::Null);
    }
}

fn duration_units(lang: Language) -> Vec<String> {
    Duration::UNITS
        .iter()
        .map(|u| {
            crate::model::labels::duration_words(*u, lang)
                .trim_start_matches("1 ")
                .to_owned()
        })
        .collect()
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
        for group in &self.groups {
            let members: Vec<&mut Field> = self
                .fields
                .iter_mut()
                .filter(|f| f.spec.path.starts_with(&format!("{group}.")))
                .collect();
            let empty: Vec<bool> = members
                .iter()
                .map(|f| is_empty_value(get_path(&value, &f.spec.path)))
                .collect();
            if empty.iter().all(|e| *e) {
                set_path(&mut value, group, Value::Null);
            } else if empty.iter().any(|e| *e) {
                let message = match lang {
                    Language::En => "fill in all of these fields or none".to_owned(),
                    Language::Nl => "vul al deze velden in of geen enkele".to_owned(),
                };
                for (field, empty) in members.into_iter().zip(empty) {
                    if empty {
                        field.error = Some(message.clone());
                        ok = false;
                    }
                }
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
}

fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The editor a field starts with, from its JSON value.
fn editor_for(spec: &FieldSpec, value: &Value) -> Editor {
    match &spec.kind {
        FieldKind::Line | FieldKind::Multi | FieldKind::Date => {
            Editor::Text(text_area(value.as_str().unwrap_or_default()))
        }
        FieldKind::Number { .. } => Editor::Text(text_area(
            &value.as_i64().map(|n| n.to_string()).unwrap_or_default(),
        )),
        FieldKind::Duration => {
            let duration: Option<Duration> = serde_json::from_value(value.clone()).ok();
            Editor::Duration {
                amount: text_area(&duration.map(|d| d.amount().to_string()).unwrap_or_default()),
                unit: duration.map_or(1, Duration::unit_index),
            }
        }
        FieldKind::Choice(options) => {
            let found = options.iter().position(|(v, _)| v == value);
            let index = match (found, spec.optional) {
                (Some(i), true) => i + 1,
                (Some(i), false) => i,
                (None, _) => 0,
            };
            Editor::Choice(index)
        }
        FieldKind::Flags(options) => {
            let set = value.as_array().cloned().unwrap_or_default();
            Editor::Flags {
                on: options.iter().map(|(v, _)| set.contains(v)).collect(),
                cursor: 0,
            }
        }
        FieldKind::Bool => Editor::Bool(value.as_bool().unwrap_or(false)),
        FieldKind::Ref(_) => Editor::Ref(value.as_str().map(Id::from)),
        FieldKind::Refs(_) => Editor::Refs(
            value
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).map(Id::from).collect())
                .unwrap_or_default(),
        ),
        FieldKind::Items(_) => Editor::Items(value.as_array().cloned().unwrap_or_default()),
    }
}

fn text_of(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

/// The field's JSON value, or why it is not valid.
pub fn check_field(field: &Field, lang: Language) -> Result<Value, String> {
    let spec = &field.spec;
    let required = || T::Required.get(lang).to_owned();
    let empty = |spec: &FieldSpec| -> Result<Value, String> {
        if spec.required {
            Err(required())
        } else if spec.optional {
            Ok(Value::Null)
        } else {
            Ok(Value::String(String::new()))
        }
    };
    match (&spec.kind, &field.editor) {
        (FieldKind::Line | FieldKind::Multi, Editor::Text(area)) => {
            let mut text = text_of(area);
            if matches!(spec.kind, FieldKind::Line) {
                text = text.trim().to_owned();
            } else {
                text = text.trim_end().to_owned();
            }
            if text.trim().is_empty() {
                if spec.required {
                    return Err(required());
                }
                return Ok(if spec.optional {
                    Value::Null
                } else {
                    Value::String(String::new())
                });
            }
            Ok(Value::String(text))
        }
        (FieldKind::Date, Editor::Text(area)) => {
            let text = text_of(area).trim().to_owned();
            if text.is_empty() {
                return if spec.required {
                    Err(required())
                } else {
                    Ok(Value::Null)
                };
            }
            Date::parse(&text)
                .map(|d| Value::String(d.to_string()))
                .map_err(|_| T::NotADate.get(lang).to_owned())
        }
        (FieldKind::Number { min, max }, Editor::Text(area)) => {
            let text = text_of(area).trim().to_owned();
            if text.is_empty() {
                return if spec.required || !spec.optional {
                    Err(required())
                } else {
                    Ok(Value::Null)
                };
            }
            let n: i64 = text
                .parse()
                .map_err(|_| T::NotANumber.get(lang).to_owned())?;
            if n < *min || n > *max {
                return Err(fill(
                    T::OutOfRange.get(lang),
                    &[&min.to_string(), &max.to_string()],
                ));
            }
            Ok(Value::from(n))
        }
        (FieldKind::Duration, Editor::Duration { amount, unit }) => {
            let text = text_of(amount).trim().to_owned();
            if text.is_empty() {
                return if spec.required {
                    Err(required())
                } else {
                    Ok(Value::Null)
                };
            }
            let n: u32 = text
                .parse()
                .map_err(|_| T::NotANumber.get(lang).to_owned())?;
            let duration = Duration::UNITS
                .get(*unit)
                .copied()
                .unwrap_or(Duration::Hours(1))
                .with_amount(n)
                .checked()
                .map_err(|max| fill(T::OutOfRange.get(lang), &["0", &max.amount().to_string()]))?;
            serde_json::to_value(duration).map_err(|e| e.to_string())
        }
        (FieldKind::Choice(options), Editor::Choice(index)) => {
            let index = if spec.optional {
                match index.checked_sub(1) {
                    None => {
                        return if spec.required {
                            Err(required())
                        } else {
                            Ok(Value::Null)
                        };
                    }
                    Some(i) => i,
                }
            } else {
                *index
            };
            options
                .get(index)
                .map(|(v, _)| v.clone())
                .ok_or_else(required)
        }
        (FieldKind::Flags(options), Editor::Flags { on, .. }) => Ok(Value::Array(
            options
                .iter()
                .zip(on)
                .filter(|(_, on)| **on)
                .map(|((v, _), _)| v.clone())
                .collect(),
        )),
        (FieldKind::Bool, Editor::Bool(b)) => Ok(Value::Bool(*b)),
        (FieldKind::Ref(_), Editor::Ref(id)) => match id {
            Some(id) => Ok(Value::String(id.to_string())),
            None => {
                if spec.required {
                    Err(required())
                } else {
                    Ok(Value::Null)
                }
            }
        },
        (FieldKind::Refs(_), Editor::Refs(ids)) => {
            if ids.is_empty() && spec.required {
                return Err(required());
            }
            Ok(Value::Array(
                ids.iter().map(|id| Value::String(id.to_string())).collect(),
            ))
        }
        (FieldKind::Items(_), Editor::Items(items)) => {
            if items.is_empty() && spec.required {
                return Err(required());
            }
            Ok(Value::Array(items.clone()))
        }
        _ => empty(spec),
    }
}

/// How a field's value reads on screen (for everything but text areas being edited).
pub fn display_value(
    field: &Field,
    lang: Language,
    label_of: &dyn Fn(RecordKind, &Id) -> String,
) -> String {
    let none = T::NoneChosen.get(lang);
    match (&field.spec.kind, &field.editor) {
        (FieldKind::Choice(options), Editor::Choice(index)) => {
            let index = if field.spec.optional {
                match index.checked_sub(1) {
                    None => return format!("‹ {none} ›"),
                    Some(i) => i,
                }
            } else {
                *index
            };
            format!(
                "‹ {} ›",
                options.get(index).map_or(none, |(_, l)| l.as_str())
            )
        }
        (FieldKind::Flags(options), Editor::Flags { on, .. }) => options
            .iter()
            .zip(on)
            .map(|((_, label), on)| format!("[{}] {label}", if *on { "x" } else { " " }))
            .collect::<Vec<_>>()
            .join("  "),
        (FieldKind::Bool, Editor::Bool(b)) => {
            let (yes, no) = match lang {
                Language::En => ("yes", "no"),
                Language::Nl => ("ja", "nee"),
            };
            format!("‹ {} ›", if *b { yes } else { no })
        }
        (FieldKind::Ref(kind), Editor::Ref(id)) => match id {
            Some(id) => label_of(*kind, id),
            None => none.to_owned(),
        },
        (FieldKind::Refs(kind), Editor::Refs(ids)) => {
            if ids.is_empty() {
                none.to_owned()
            } else {
                ids.iter()
                    .map(|id| label_of(*kind, id))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        (FieldKind::Items(spec), Editor::Items(items)) => {
            if items.is_empty() {
                none.to_owned()
            } else {
                items
                    .iter()
                    .map(|item| (spec.summary)(item, lang))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }
        (FieldKind::Duration, Editor::Duration { amount, unit }) => {
            let units = duration_units(lang);
            format!(
                "{} ‹ {} ›",
                text_of(amount),
                units.get(*unit).map_or("", String::as_str)
            )
        }
        (_, Editor::Text(area)) => text_of(area),
        _ => String::new(),
    }
}

/// The unit names for the duration editor.
pub fn unit_label(unit: usize, lang: Language) -> String {
    duration_units(lang).get(unit).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_and_write_nested_values() {
        let mut v = json!({"title": "a", "current": {"likelihood": 2}});
        assert_eq!(get_path(&v, "current.likelihood"), &json!(2));
        assert_eq!(get_path(&v, "residual.impact"), &Value::Null);
        set_path(&mut v, "residual.impact", json!(4));
        assert_eq!(v["residual"]["impact"], json!(4));
    }

    #[test]
    fn a_required_empty_field_and_a_bad_date_stop_the_form() {
        let specs = vec![
            FieldSpec::new("title", "Title", FieldKind::Line).required(),
            FieldSpec::new("due", "Due", FieldKind::Date).optional(),
        ];
        let mut form = Form::new(
            "t".into(),
            specs,
            json!({"title": "", "due": null}),
            vec![],
            Language::En,
        );
        assert!(form.build().is_err());
        assert_eq!(form.fields[0].error.as_deref(), Some("required"));
        form.fields[0].editor = Editor::Text(text_area("Ransomware"));
        form.fields[1].editor = Editor::Text(text_area("2026-02-30"));
        assert!(form.build().is_err());
        assert!(
            form.fields[1]
                .error
                .as_deref()
                .unwrap()
                .contains("YYYY-MM-DD")
        );
        form.fields[1].editor = Editor::Text(text_area("2026-02-28"));
        assert_eq!(
            form.build().unwrap(),
            json!({"title": "Ransomware", "due": "2026-02-28"})
        );
    }

    #[test]
    fn an_optional_group_is_none_when_empty_and_complete_or_refused_otherwise() {
        let number = FieldKind::Number { min: 1, max: 5 };
        let specs = vec![
            FieldSpec::new("residual.likelihood", "L", number.clone()).optional(),
            FieldSpec::new("residual.impact", "I", number).optional(),
        ];
        let mut form = Form::new(
            "t".into(),
            specs,
            json!({"residual": null}),
            vec!["residual".into()],
            Language::En,
        );
        assert_eq!(form.build().unwrap(), json!({"residual": null}));
        form.fields[0].editor = Editor::Text(text_area("3"));
        assert!(form.build().is_err(), "half a rating is refused");
        form.fields[1].editor = Editor::Text(text_area("9"));
        assert!(form.build().is_err(), "9 is out of range");
        form.fields[1].editor = Editor::Text(text_area("4"));
        assert_eq!(
            form.build().unwrap(),
            json!({"residual": {"likelihood": 3, "impact": 4}})
        );
    }
}
