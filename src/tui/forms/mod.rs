//! One form component for every record type, driven by field descriptions.
//!
//! A record is turned into JSON (serde does that for every type), each field of the
//! form edits one path in it ("title", "current.likelihood", "private.phones"), and
//! submitting turns the JSON back into the record. So a new field is one line in
//! [`specs`] (in the model, with the one check of a value), not a new screen. Values are checked per field as they are typed and
//! again on submit; a form with errors cannot be saved. The form popup
//! (`popups::form`) turns keys into the operations here.

mod field;
mod form;
mod picker;

pub use crate::model::form::specs;
pub use field::*;
pub use form::{Form, ItemsEditor};
pub use picker::{Picker, record_choices};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use serde_json::{Value, json};

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
        // Typed day first, as people write it; the file keeps ISO.
        form.fields[1].editor = Editor::Text(text_area("1-3-2026"));
        assert_eq!(
            form.build().unwrap(),
            json!({"title": "Ransomware", "due": "2026-03-01"})
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
