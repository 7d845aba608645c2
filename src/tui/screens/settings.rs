//! The settings form (`W` from any tab): the organisation and the rest of
//! `paraat.ron` without editing RON by hand. The rules of what may be saved live
//! in `model::ops::settings`; this only shows the fields and reads them back.

use serde_json::{Value, json};

use crate::model::fields::settings as f;
use crate::model::labels::Label;
use crate::model::ops;
use crate::model::{Manifest, OrganisationKind, RecordKind};
use crate::tui::component::{Context, Open, Outcome, Request};
use crate::tui::forms::{FieldKind, FieldSpec, Form};
use crate::tui::purpose::FormPurpose;
use crate::tui::screen_text::T;

/// `W`: the settings form, filled in with the workbook's settings.
pub fn form(cx: &Context) -> Outcome {
    if let Err(refused) = cx.session.can_edit() {
        return refused.into();
    }
    let lang = cx.lang();
    let kinds = OrganisationKind::ALL
        .iter()
        .map(|k| {
            (
                serde_json::to_value(k).unwrap_or(Value::Null),
                k.label(lang).to_owned(),
            )
        })
        .collect();
    let fields = vec![
        FieldSpec::of(f::NAME, lang, FieldKind::Line).required(),
        FieldSpec::of(f::KIND, lang, FieldKind::Choice(kinds)),
        FieldSpec::of(f::CITY, lang, FieldKind::Line),
        FieldSpec::of(f::ADDRESS, lang, FieldKind::Line),
        FieldSpec::of(f::CHAMBER_OF_COMMERCE, lang, FieldKind::Line),
        FieldSpec::of(f::SECTOR, lang, FieldKind::Line),
        FieldSpec::of(f::NIS2, lang, FieldKind::Bool),
        FieldSpec::of(f::INSURER_WINDOW, lang, FieldKind::Duration).optional(),
        FieldSpec::of(f::INSURANCE_POLICY, lang, FieldKind::Line),
        FieldSpec::of(f::NOTIFIER, lang, FieldKind::Ref(RecordKind::Contact)).optional(),
        FieldSpec::of(f::PRINTED_COPIES, lang, FieldKind::Multi),
        FieldSpec::of(
            f::REVIEW_MONTHS,
            lang,
            FieldKind::Number { min: 1, max: 60 },
        ),
        FieldSpec::of(f::FULL_REVIEW_TODAY, lang, FieldKind::Bool),
    ];
    let mut base = serde_json::to_value(&cx.workbook().manifest).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut base {
        map.insert(f::FULL_REVIEW_TODAY.path.to_owned(), json!(false));
    }
    let form = Form::new(
        T::SettingsTitle.get(lang).to_owned(),
        fields,
        base,
        vec![],
        lang,
    );
    Outcome::of(Request::Open(Open::Form(
        Box::new(form),
        FormPurpose::Settings,
    )))
}

/// The form was saved: the edit, or why not (the form stays open with it).
pub fn submitted(cx: &Context, mut value: Value) -> Result<Outcome, String> {
    let lang = cx.lang();
    let reviewed = match &mut value {
        Value::Object(map) => map
            .remove(f::FULL_REVIEW_TODAY.path)
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        _ => false,
    };
    let after: Manifest = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let by = cx.session.author.clone().unwrap_or_default();
    let edit = ops::settings::settings(
        cx.workbook(),
        after,
        reviewed.then_some(by.as_str()),
        cx.today(),
    )
    .map_err(|e| e.message(lang))?;
    let outcome = Outcome::of(Request::Close);
    Ok(match edit {
        Some(edit) => outcome.and(Request::Edit {
            edit,
            message: Some(T::SettingsChanged.get(lang).to_owned()),
            select: None,
        }),
        None => outcome,
    })
}
