//! One field of a form: what it holds ([`FieldKind`]), how it is described
//! ([`FieldSpec`]), its editing state ([`Editor`]), and the check that turns what
//! was typed into the record's JSON value (or says why not).

use ratatui_textarea::TextArea;
use serde_json::{Map, Value};

use crate::model::bilingual::pick;
use crate::model::{Date, Duration, Id, Language, RecordKind, SupplierCatalogue};
use crate::tui::screen_text::{T, fill};

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
    /// One entry of the supplier catalogue, by its id, chosen in the picker.
    Catalogue,
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
    /// What an empty optional choice means, shown instead of "none".
    pub empty_label: Option<String>,
}

impl FieldSpec {
    pub fn new(path: &str, label: impl Into<String>, kind: FieldKind) -> FieldSpec {
        FieldSpec {
            path: path.to_owned(),
            label: label.into(),
            kind,
            required: false,
            optional: false,
            empty_label: None,
        }
    }

    /// The form's field for `field`, with its label from the field table.
    pub fn of(field: crate::model::fields::Field, lang: Language, kind: FieldKind) -> FieldSpec {
        FieldSpec::new(field.path, field.label(lang), kind)
    }

    pub fn required(mut self) -> FieldSpec {
        self.required = true;
        self
    }

    pub fn optional(mut self) -> FieldSpec {
        self.optional = true;
        self
    }

    /// Optional, and empty means `meaning` (shown as the empty choice).
    pub fn optional_as(mut self, meaning: impl Into<String>) -> FieldSpec {
        self.optional = true;
        self.empty_label = Some(meaning.into());
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

pub fn text_area(text: &str) -> TextArea<'static> {
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

pub fn duration_units(lang: Language) -> Vec<String> {
    Duration::UNITS
        .iter()
        .map(|u| {
            crate::model::labels::duration_words(*u, lang)
                .trim_start_matches("1 ")
                .to_owned()
        })
        .collect()
}

pub fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The editor a field starts with, from its JSON value.
pub fn editor_for(spec: &FieldSpec, value: &Value) -> Editor {
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
        FieldKind::Ref(_) | FieldKind::Catalogue => Editor::Ref(value.as_str().map(Id::from)),
        FieldKind::Refs(_) => Editor::Refs(
            value
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).map(Id::from).collect())
                .unwrap_or_default(),
        ),
        FieldKind::Items(_) => Editor::Items(value.as_array().cloned().unwrap_or_default()),
    }
}

pub fn text_of(area: &TextArea<'_>) -> String {
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
        (FieldKind::Ref(_) | FieldKind::Catalogue, Editor::Ref(id)) => match id {
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
                    None => {
                        return format!(
                            "‹ {} ›",
                            field.spec.empty_label.as_deref().unwrap_or(none)
                        );
                    }
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
            let (yes, no) = pick(lang, ("yes", "no"), ("ja", "nee"));
            format!("‹ {} ›", if *b { yes } else { no })
        }
        (FieldKind::Ref(kind), Editor::Ref(id)) => match id {
            Some(id) => label_of(*kind, id),
            None => none.to_owned(),
        },
        (FieldKind::Catalogue, Editor::Ref(id)) => match id {
            Some(id) => SupplierCatalogue::builtin().label(id.as_str(), lang),
            None => field.spec.empty_label.as_deref().unwrap_or(none).to_owned(),
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
