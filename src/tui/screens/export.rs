//! The export form (`x` from any tab): which format, the whole pack or only the
//! emergency card (on one page or two), private details left out or not, and where to.

use serde_json::{Value, json};

use crate::export::{ExportFormat, ExportOptions};
use crate::model::bilingual::pick;
use crate::tui::component::{Context, Effect, Open, Outcome, Request};
use crate::tui::forms::{FieldKind, FieldSpec, Form};
use crate::tui::purpose::FormPurpose;
use crate::tui::screen_text::T;

/// `x`: the form that writes the offline pack (or the card, or the CSV files).
pub fn form(cx: &Context) -> Outcome {
    let lang = cx.lang();
    let t = |en: &str, nl: &str| pick(lang, en, nl).to_owned();
    let fields = vec![
        FieldSpec::new(
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
        FieldSpec::new(
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
                (
                    json!(2),
                    t(
                        "the emergency card on two pages, with the recovery order",
                        "de noodkaart op twee pagina's, met de herstelvolgorde",
                    ),
                ),
            ]),
        ),
        FieldSpec::new(
            "redact",
            t(
                "Leave out private details (for copies shared wider than the crisis team)",
                "Privégegevens weglaten (voor kopieën buiten het crisisteam)",
            ),
            FieldKind::Bool,
        ),
        FieldSpec::new(
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
        "output": cx.session.export_dir.display().to_string(),
    });
    let form = Form::new(
        T::ExportTitle.get(lang).to_owned(),
        fields,
        base,
        vec![],
        lang,
    );
    Outcome::of(Request::Open(Open::Form(
        Box::new(form),
        FormPurpose::Export,
    )))
}

/// The form was saved: the export to write (the run loop writes it, with "now"),
/// its times in the clock's zone.
pub fn submitted(value: &Value, zone: crate::model::Zone) -> Outcome {
    let format = match value["format"].as_str() {
        Some("Markdown") => ExportFormat::Markdown,
        Some("Csv") => ExportFormat::Csv,
        _ => ExportFormat::Html,
    };
    let options = ExportOptions {
        format,
        card_only: (value["card"].as_bool().unwrap_or(false) || value["card"] == json!(2))
            && format != ExportFormat::Csv,
        two_pages: value["card"] == json!(2) && format != ExportFormat::Csv,
        redact: value["redact"].as_bool().unwrap_or(false),
        output: std::path::PathBuf::from(value["output"].as_str().unwrap_or(".")),
        zone,
    };
    Outcome::of(Request::Close).and(Request::Effect(Effect::Export(options)))
}
