//! What a record's fields may hold, and the one check of a value given for a field.
//!
//! A record is edited as JSON (serde does that for every type): each field is a
//! dotted path in it ("title", "current.likelihood", "private.phones") with a
//! [`FieldKind`] that says what it holds, and [`specs`] lists every record type's
//! fields. The terminal UI's forms and the command line's `paraat set`,
//! `paraat answer` and `paraat log-restore` both turn what a person gave into the
//! field's JSON value through [`check`], so they refuse the same values with the
//! same words ([`Invalid::message`]). The form hands over what its editors hold
//! ([`Input`]); the command line first reads a typed word as that input
//! ([`read`]), which is where a choice is found by its label and a reference is
//! looked up in the workbook (the form's picker offers only what exists).

pub mod specs;

use serde_json::{Map, Value};

use super::bilingual::{pick, say};
use super::{Duration, Id, Language, RecordKind, SupplierCatalogue, Workbook};

/// What a field holds and how it is edited.
#[derive(Clone, Debug)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines of text.
    Multi,
    /// A date: typed `DD-MM-YYYY`, `D-M-YYYY` or `YYYY-MM-DD`, kept `YYYY-MM-DD`.
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
    pub fn of(field: super::fields::Field, lang: Language, kind: FieldKind) -> FieldSpec {
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

pub fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// What a person gave for one field, as the form's editors hold it.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// Typed text (lines, dates, numbers).
    Text(&'a str),
    /// An amount typed and a unit chosen (an index into [`Duration::UNITS`]).
    Duration {
        amount: &'a str,
        unit: usize,
    },
    /// One of the choices by index, or the empty choice.
    Choice(Option<usize>),
    /// Which of the choices are on.
    Flags(&'a [bool]),
    Bool(bool),
    Ref(Option<&'a Id>),
    Refs(&'a [Id]),
    Items(&'a [Value]),
}

/// Why a value does not fit its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    Required,
    NotADate,
    NotANumber,
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A duration that is not an amount with a unit.
    NotADuration,
    /// A word that is none of the field's choices (which are listed).
    NotAChoice {
        given: String,
        choices: Vec<String>,
    },
    NotYesOrNo,
    NoRecord(RecordKind, String),
    NotInCatalogue(String),
    /// A list of small records (phones, copies): edited in the form or the file.
    List,
    /// A field of an optional group (a residual rating) left empty while others
    /// of the group are filled.
    AllOrNone,
}

impl Invalid {
    /// The message in `lang`, as the form shows it under the field.
    pub fn message(&self, lang: Language) -> String {
        match self {
            Invalid::Required => pick(lang, "required", "verplicht").to_owned(),
            Invalid::NotADate => pick(
                lang,
                "not a date: use DD-MM-YYYY or YYYY-MM-DD",
                "geen datum: gebruik DD-MM-JJJJ of JJJJ-MM-DD",
            )
            .to_owned(),
            Invalid::NotANumber => pick(lang, "not a whole number", "geen heel getal").to_owned(),
            Invalid::OutOfRange { min, max } => {
                say!(lang, "must be {min} to {max}", "moet {min} tot {max} zijn")
            }
            Invalid::NotADuration => pick(
                lang,
                "not a duration: use an amount and a unit (30m, 4h, 3d, 2w, 6mo)",
                "geen duur: gebruik een aantal en een eenheid (30m, 4u, 3d, 2w, 6mnd)",
            )
            .to_owned(),
            Invalid::NotAChoice { given, choices } => {
                let choices = choices.join(", ");
                say!(
                    lang,
                    "`{given}` is not one of: {choices}",
                    "`{given}` is niet een van: {choices}"
                )
            }
            Invalid::NotYesOrNo => pick(lang, "answer yes or no", "antwoord ja of nee").to_owned(),
            Invalid::NoRecord(kind, id) => {
                let noun = kind.noun(lang);
                say!(lang, "there is no {noun} {id}", "er is geen {noun} {id}")
            }
            Invalid::NotInCatalogue(id) => say!(
                lang,
                "{id} is not in the supplier catalogue",
                "{id} staat niet in de leverancierscatalogus"
            ),
            Invalid::AllOrNone => pick(
                lang,
                "fill in all of these fields or none",
                "vul al deze velden in of geen enkele",
            )
            .to_owned(),
            Invalid::List => pick(
                lang,
                "a list: change it in the form (paraat open) or in the file",
                "een lijst: wijzig die in het formulier (paraat open) of in het bestand",
            )
            .to_owned(),
        }
    }
}

/// The field's JSON value for what was given, or why it does not fit. The one
/// check of a field's value: the form runs it as it is typed and on submit, the
/// command line on every `field=value`.
pub fn check(spec: &FieldSpec, input: Input<'_>) -> Result<Value, Invalid> {
    let empty = || {
        if spec.required {
            Err(Invalid::Required)
        } else if spec.optional {
            Ok(Value::Null)
        } else {
            Ok(Value::String(String::new()))
        }
    };
    match (&spec.kind, input) {
        (FieldKind::Line | FieldKind::Multi, Input::Text(text)) => {
            let text = if matches!(spec.kind, FieldKind::Line) {
                text.trim()
            } else {
                text.trim_end()
            };
            if text.trim().is_empty() {
                return empty();
            }
            Ok(Value::String(text.to_owned()))
        }
        (FieldKind::Date, Input::Text(text)) => {
            let text = text.trim();
            if text.is_empty() {
                return if spec.required {
                    Err(Invalid::Required)
                } else {
                    Ok(Value::Null)
                };
            }
            super::Date::parse_typed(text)
                .map(|d| Value::String(d.to_string()))
                .map_err(|_| Invalid::NotADate)
        }
        (FieldKind::Number { min, max }, Input::Text(text)) => {
            let text = text.trim();
            if text.is_empty() {
                return if spec.required || !spec.optional {
                    Err(Invalid::Required)
                } else {
                    Ok(Value::Null)
                };
            }
            let n: i64 = text.parse().map_err(|_| Invalid::NotANumber)?;
            if n < *min || n > *max {
                return Err(Invalid::OutOfRange {
                    min: *min,
                    max: *max,
                });
            }
            Ok(Value::from(n))
        }
        (FieldKind::Duration, Input::Duration { amount, unit }) => {
            let text = amount.trim();
            if text.is_empty() {
                return if spec.required {
                    Err(Invalid::Required)
                } else {
                    Ok(Value::Null)
                };
            }
            let n: u32 = text.parse().map_err(|_| Invalid::NotANumber)?;
            let duration = Duration::UNITS
                .get(unit)
                .copied()
                .unwrap_or(Duration::Hours(1))
                .with_amount(n)
                .checked()
                .map_err(|max| Invalid::OutOfRange {
                    min: 0,
                    max: i64::from(max.amount()),
                })?;
            serde_json::to_value(duration).map_err(|_| Invalid::NotADuration)
        }
        (FieldKind::Choice(options), Input::Choice(index)) => match index {
            None if spec.optional && !spec.required => Ok(Value::Null),
            None => Err(Invalid::Required),
            Some(i) => options
                .get(i)
                .map(|(v, _)| v.clone())
                .ok_or(Invalid::Required),
        },
        (FieldKind::Flags(options), Input::Flags(on)) => Ok(Value::Array(
            options
                .iter()
                .zip(on)
                .filter(|(_, on)| **on)
                .map(|((v, _), _)| v.clone())
                .collect(),
        )),
        (FieldKind::Bool, Input::Bool(b)) => Ok(Value::Bool(b)),
        (FieldKind::Ref(_) | FieldKind::Catalogue, Input::Ref(id)) => match id {
            Some(id) => Ok(Value::String(id.to_string())),
            None if spec.required => Err(Invalid::Required),
            None => Ok(Value::Null),
        },
        (FieldKind::Refs(_), Input::Refs(ids)) => {
            if ids.is_empty() && spec.required {
                return Err(Invalid::Required);
            }
            Ok(Value::Array(
                ids.iter().map(|id| Value::String(id.to_string())).collect(),
            ))
        }
        (FieldKind::Items(_), Input::Items(items)) => {
            if items.is_empty() && spec.required {
                return Err(Invalid::Required);
            }
            Ok(Value::Array(items.to_vec()))
        }
        _ => empty(),
    }
}

/// The rule of the optional groups (`residual`: both ratings or neither): a
/// group whose fields are all empty becomes `None` in `value`; one that is only
/// partly filled is refused, and the paths of its empty fields are returned.
pub fn check_groups(value: &mut Value, specs: &[FieldSpec], groups: &[String]) -> Vec<String> {
    let mut refused = Vec::new();
    for group in groups {
        let members: Vec<&FieldSpec> = specs
            .iter()
            .filter(|f| f.path.starts_with(&format!("{group}.")))
            .collect();
        let empty: Vec<bool> = members
            .iter()
            .map(|f| is_empty_value(get_path(value, &f.path)))
            .collect();
        if empty.iter().all(|e| *e) {
            set_path(value, group, Value::Null);
        } else {
            refused.extend(
                members
                    .iter()
                    .zip(&empty)
                    .filter(|(_, empty)| **empty)
                    .map(|(f, _)| f.path.clone()),
            );
        }
    }
    refused
}

/// A word as it is compared with a label or a name: lower case, without spaces,
/// dashes and underscores (`Review by`, `review_by` and `review-by` are one).
pub fn folded(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '/' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A choice's word as typed: its label in either language or the name in the
/// file (`Reduce`, `NotApplicable`), in any case.
fn choice_index(
    options: &[(Value, String)],
    other: &[(Value, String)],
    text: &str,
) -> Option<usize> {
    let given = folded(text);
    let matches = |value: &Value, label: &str| {
        folded(label) == given || value.as_str().is_some_and(|name| folded(name) == given)
    };
    options
        .iter()
        .position(|(v, l)| matches(v, l))
        .or_else(|| other.iter().position(|(v, l)| matches(v, l)))
}

/// The field's JSON value for a word typed on the command line: the word is
/// read as the form's editor would hold it, then [`check`]ed. `other` is the same
/// field in the other language, so a choice's label is understood in both.
/// References must name a record of the right kind in `workbook`.
pub fn read(
    spec: &FieldSpec,
    other: Option<&FieldSpec>,
    text: &str,
    workbook: &Workbook,
) -> Result<Value, Invalid> {
    let none = || matches!(folded(text).as_str(), "" | "none" | "geen" | "-");
    match &spec.kind {
        FieldKind::Line | FieldKind::Multi | FieldKind::Date | FieldKind::Number { .. } => {
            check(spec, Input::Text(text))
        }
        FieldKind::Duration => {
            if text.trim().is_empty() {
                return check(
                    spec,
                    Input::Duration {
                        amount: "",
                        unit: 0,
                    },
                );
            }
            let duration = Duration::parse_short(text).ok_or(Invalid::NotADuration)?;
            let amount = duration.amount().to_string();
            check(
                spec,
                Input::Duration {
                    amount: &amount,
                    unit: duration.unit_index(),
                },
            )
        }
        FieldKind::Choice(options) | FieldKind::Flags(options) => {
            let other_options = match other.map(|o| &o.kind) {
                Some(FieldKind::Choice(o) | FieldKind::Flags(o)) => o.as_slice(),
                _ => &[],
            };
            let find = |word: &str| {
                choice_index(options, other_options, word).ok_or_else(|| Invalid::NotAChoice {
                    given: word.trim().to_owned(),
                    choices: options.iter().map(|(_, l)| l.clone()).collect(),
                })
            };
            if let FieldKind::Flags(_) = spec.kind {
                let mut on = vec![false; options.len()];
                for word in text.split(',').filter(|w| !w.trim().is_empty()) {
                    on[find(word)?] = true;
                }
                return check(spec, Input::Flags(&on));
            }
            if none() {
                return check(spec, Input::Choice(None));
            }
            check(spec, Input::Choice(Some(find(text)?)))
        }
        FieldKind::Bool => match folded(text).as_str() {
            "yes" | "y" | "true" | "ja" | "j" => check(spec, Input::Bool(true)),
            "no" | "n" | "false" | "nee" => check(spec, Input::Bool(false)),
            _ => Err(Invalid::NotYesOrNo),
        },
        FieldKind::Ref(kind) => {
            if none() {
                return check(spec, Input::Ref(None));
            }
            let id = existing(workbook, *kind, text)?;
            check(spec, Input::Ref(Some(&id)))
        }
        FieldKind::Catalogue => {
            if none() {
                return check(spec, Input::Ref(None));
            }
            let id = Id::new(text.trim());
            if SupplierCatalogue::builtin().entry(id.as_str()).is_none() {
                return Err(Invalid::NotInCatalogue(id.to_string()));
            }
            check(spec, Input::Ref(Some(&id)))
        }
        FieldKind::Refs(kind) => {
            let ids = text
                .split(',')
                .filter(|w| !w.trim().is_empty())
                .map(|w| existing(workbook, *kind, w))
                .collect::<Result<Vec<Id>, Invalid>>()?;
            check(spec, Input::Refs(&ids))
        }
        FieldKind::Items(_) => Err(Invalid::List),
    }
}

/// The id of an existing record of `kind`, as the picker would offer it.
fn existing(workbook: &Workbook, kind: RecordKind, text: &str) -> Result<Id, Invalid> {
    let text = text.trim();
    let wb = workbook;
    let found = match kind {
        RecordKind::ChecklistItem => wb.checklist.items.iter().any(|r| r.id.as_str() == text),
        RecordKind::Statement => wb.statement(text).is_some(),
        RecordKind::Step => wb.step(text).is_some(),
        RecordKind::FirstHourStep => wb.plan.first_hour.iter().any(|r| r.id.as_str() == text),
        RecordKind::Risk => wb.risk(text).is_some(),
        RecordKind::Process => wb.process(text).is_some(),
        RecordKind::System => wb.system(text).is_some(),
        RecordKind::Supplier => wb.supplier(text).is_some(),
        RecordKind::Contact => wb.contact(text).is_some(),
        RecordKind::Backup => wb.backup(text).is_some(),
        RecordKind::Incident => wb.incident(text).is_some(),
    };
    match found {
        true => Ok(Id::new(text)),
        false => Err(Invalid::NoRecord(kind, text.to_owned())),
    }
}

/// A field given by name on the command line that the form does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField {
    pub name: String,
    /// The names it could have been, in the form's order.
    pub known: Vec<String>,
}

/// The name of a field on the command line: its label folded (`likelihood`,
/// `residual_likelihood`, `review_by`).
pub fn name_of(spec: &FieldSpec, kind: Option<RecordKind>, lang: Language) -> String {
    label_of(spec, kind, lang).map_or_else(
        || spec.path.replace('.', "_"),
        |label| {
            let words: Vec<String> = label
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words.join("_")
        },
    )
}

/// The field's label as the field table has it (without a scale's range).
fn label_of(spec: &FieldSpec, kind: Option<RecordKind>, lang: Language) -> Option<String> {
    let tables: Vec<&[super::fields::Field]> = match kind {
        Some(kind) => vec![super::fields::of(kind)],
        None => super::fields::TABLES.to_vec(),
    };
    tables
        .into_iter()
        .flatten()
        .find(|f| f.path == spec.path)
        .map(|f| f.label(lang).to_owned())
}

/// The field `name` names: its path (`current.likelihood`), or its label in
/// either language, in any case, with `_`, `-` or a space between words
/// (`likelihood`, `review-by`, `kans`).
pub fn find_field<'a>(
    specs: &'a [FieldSpec],
    kind: Option<RecordKind>,
    name: &str,
    lang: Language,
) -> Result<&'a FieldSpec, UnknownField> {
    let given = folded(name);
    specs
        .iter()
        .find(|s| s.path == name.trim())
        .or_else(|| {
            specs.iter().find(|s| {
                [Language::En, Language::Nl]
                    .into_iter()
                    .any(|l| folded(&name_of(s, kind, l)) == given)
            })
        })
        .ok_or_else(|| UnknownField {
            name: name.trim().to_owned(),
            known: specs.iter().map(|s| name_of(s, kind, lang)).collect(),
        })
}

/// Why a `field=value` from the command line was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    Unknown(UnknownField),
    /// The field's label and why its value does not fit.
    Invalid(String, Invalid),
}

/// Writes the words given for fields (`likelihood=2`) into a form's JSON: each
/// field found by name and its word read and checked as the form checks it. The
/// first word that does not fit stops it, with the field's label.
pub fn fill(
    value: &mut Value,
    specs: (&[FieldSpec], &[FieldSpec]),
    kind: Option<RecordKind>,
    words: &[(String, String)],
    workbook: &Workbook,
    lang: Language,
) -> Result<(), Refused> {
    let (specs, others) = specs;
    for (name, word) in words {
        let spec = find_field(specs, kind, name, lang).map_err(Refused::Unknown)?;
        let other = others.iter().find(|o| o.path == spec.path);
        let new = read(spec, other, word, workbook)
            .map_err(|invalid| Refused::Invalid(spec.label.clone(), invalid))?;
        set_path(value, &spec.path, new);
    }
    Ok(())
}
