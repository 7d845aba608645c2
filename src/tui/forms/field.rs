//! One field of a form: what it holds ([`FieldKind`]), how it is described
//! ([`FieldSpec`]), its editing state ([`Editor`]), and the check that turns what
//! was typed into the record's JSON value (or says why not).

use ratatui_textarea::TextArea;
use serde_json::Value;

use crate::model::bilingual::pick;
use crate::model::form::{self, Input, Invalid};
use crate::model::{Duration, Id, Language, RecordKind, SupplierCatalogue};
use crate::tui::screen_text::T;

pub use crate::model::form::{FieldKind, FieldSpec, ItemsSpec, get_path, is_empty_value, set_path};

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

/// The field's JSON value, or why it is not valid: what the editor holds, checked
/// by the one check below every front end ([`crate::model::form::check`]).
pub fn check_field(field: &Field, lang: Language) -> Result<Value, String> {
    let spec = &field.spec;
    let text;
    let input = match (&spec.kind, &field.editor) {
        (FieldKind::Choice(_), Editor::Choice(index)) => Input::Choice(if spec.optional {
            index.checked_sub(1)
        } else {
            Some(*index)
        }),
        (_, Editor::Text(area)) => {
            text = text_of(area);
            Input::Text(&text)
        }
        (_, Editor::Duration { amount, unit }) => {
            text = text_of(amount);
            Input::Duration {
                amount: &text,
                unit: *unit,
            }
        }
        (_, Editor::Choice(index)) => Input::Choice(Some(*index)),
        (_, Editor::Flags { on, .. }) => Input::Flags(on),
        (_, Editor::Bool(b)) => Input::Bool(*b),
        (_, Editor::Ref(id)) => Input::Ref(id.as_ref()),
        (_, Editor::Refs(ids)) => Input::Refs(ids),
        (_, Editor::Items(items)) => Input::Items(items),
    };
    form::check(spec, input).map_err(|invalid| match invalid {
        // The form has a key for today's date.
        Invalid::NotADate => format!("{} {}", invalid.message(lang), T::TodayKey.get(lang)),
        other => other.message(lang),
    })
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
