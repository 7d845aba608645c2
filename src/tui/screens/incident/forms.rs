//! The forms of the incident screen: declaring an incident or starting an
//! exercise, recording a notification, choosing the affected systems, closing
//! with the lessons learned; and what their values become when saved.

use serde_json::{Value, json};

use super::state::IncidentScreen;
use crate::model::labels::Label;
use crate::model::*;
use crate::model::{fields, ops};
use crate::response::{self, words};
use crate::store::templates;
use crate::tui::clock::Zone;
use crate::tui::component::{Context, Open, Outcome, Request};
use crate::tui::forms::{FieldKind, FieldSpec, Form, ItemsSpec};
use crate::tui::incident_change::IncidentChange;
use crate::tui::purpose::{FormPurpose, IncidentForm};
use crate::tui::screen_text::{T, fill};
use crate::tui::session::Message;
use chrono::Local;

fn choice(values: Vec<(Value, String)>) -> FieldKind {
    FieldKind::Choice(values)
}

fn enum_choices<E: serde::Serialize + Label + Copy>(all: &[E], lang: Language) -> FieldKind {
    choice(
        all.iter()
            .map(|e| {
                (
                    serde_json::to_value(e).unwrap_or(Value::Null),
                    e.label(lang).to_owned(),
                )
            })
            .collect(),
    )
}

fn open(title: String, fields: Vec<FieldSpec>, base: Value, lang: Language) -> Form {
    Form::new(title, fields, base, vec![], lang)
}

fn request(form: Form, which: IncidentForm) -> Outcome {
    Outcome::of(Request::Open(Open::Form(
        Box::new(form),
        FormPurpose::Incident(which),
    )))
}

/// `!`: the form that declares an incident or starts an exercise (from any tab).
pub fn declare_form(cx: &Context) -> Outcome {
    let lang = cx.lang();
    let by = cx.session.author.clone().unwrap_or_default();
    let scenarios = templates::scenarios(lang).unwrap_or_default();
    let fields = vec![
        FieldSpec::new("title", T::FieldWhatHappened.get(lang), FieldKind::Line),
        FieldSpec::new(
            "kind",
            T::FieldKind.get(lang),
            choice(vec![
                (json!("Real"), T::RealIncident.get(lang).to_owned()),
                (json!("Exercise"), T::Exercise.get(lang).to_owned()),
            ]),
        ),
        FieldSpec::new(
            "scenario",
            T::FieldScenario.get(lang),
            choice(
                scenarios
                    .iter()
                    .map(|s| {
                        (
                            json!(s.name),
                            format!("{} ({} min)", s.title, s.duration_minutes),
                        )
                    })
                    .collect(),
            ),
        )
        .optional(),
        FieldSpec::new(
            "severity",
            T::FieldSeverity.get(lang),
            enum_choices(&Severity::ALL, lang),
        )
        .optional_as(T::SeverityByDefault.get(lang)),
        FieldSpec::new(
            "personal_data",
            T::FieldPersonalData.get(lang),
            FieldKind::Bool,
        ),
        FieldSpec::new("discovered", T::FieldDiscovered.get(lang), FieldKind::Line),
        FieldSpec::new("by", T::FieldDeclaredBy.get(lang), FieldKind::Line).required(),
    ];
    let base = json!({
        "title": "",
        "kind": "Real",
        "scenario": null,
        "severity": null,
        "personal_data": false,
        "discovered": "",
        "by": by,
    });
    let title = match cx.workbook().active_incident() {
        Some(active) => fill(T::DeclareWhileActive.get(lang), &[active.id.as_str()]),
        None => T::DeclareTitle.get(lang).to_owned(),
    };
    let form = open(title, fields, base, lang);
    request(form, IncidentForm::Declare)
}

fn text_of(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().trim().to_owned()
}

/// The declare form was saved: the new incident to write, or why not.
pub fn declare(cx: &Context, value: &Value) -> Result<Outcome, String> {
    let lang = cx.lang();
    let now = cx.clock.now;
    let scenario = value["scenario"]
        .as_str()
        .and_then(|name| templates::scenario(lang, name).ok().flatten());
    let discovered = match text_of(value, "discovered") {
        text if text.is_empty() => None,
        text => Some(cx.clock.parse(&text).map_err(|e| e.message(&text, lang))?),
    };
    let title = text_of(value, "title");
    let declaration = ops::incidents::Declaration {
        title: &title,
        exercise: value["kind"] == json!("Exercise"),
        scenario: scenario.as_ref(),
        severity: serde_json::from_value(value["severity"].clone()).ok(),
        personal_data: value["personal_data"].as_bool().unwrap_or(false),
        discovered,
        by: text_of(value, "by"),
    };
    let clock = cx.clock;
    let new = ops::incidents::declare(declaration, now)
        .map_err(|e| e.message(lang, &|t| clock.show(t, lang)))?;
    Ok(Outcome::of(Request::Declare(Box::new(new))))
}

impl IncidentScreen {
    /// `N`: the form that records a notification. The selected call's contact is
    /// filled in when it is an authority or the insurer.
    pub(super) fn notify_form(&mut self, cx: &Context) -> Outcome {
        let incident = match self.writable(cx) {
            Ok(incident) => incident,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let workbook = cx.workbook();
        let to = workbook
            .contacts
            .call_order
            .get(self.call)
            .and_then(|c| workbook.contact(c.contact.as_str()))
            .filter(|c| matches!(c.kind, ContactKind::Authority | ContactKind::Insurer))
            .map(|c| c.id.to_string());
        let fields = vec![
            FieldSpec::new(
                "to",
                T::FieldNotifiedWho.get(lang),
                FieldKind::Ref(RecordKind::Contact),
            )
            .required(),
            FieldSpec::new("channel", T::FieldChannel.get(lang), FieldKind::Line).required(),
            FieldSpec::new("reference", T::FieldReference.get(lang), FieldKind::Line),
            FieldSpec::new(
                "meets",
                T::FieldMeets.get(lang),
                enum_choices(&response::ALL_DEADLINES, lang),
            )
            .optional(),
        ];
        let base = json!({"to": to, "channel": "", "reference": "", "meets": null});
        let title = fill(T::NotifyTitle.get(lang), &[incident.id.as_str()]);
        let which = IncidentForm::Notify(incident.id.clone());
        request(open(title, fields, base, lang), which)
    }

    /// `a`: the record picker over the systems, the affected ones already chosen;
    /// Space chooses, Enter records.
    pub(super) fn affected_form(&mut self, cx: &Context) -> Outcome {
        let incident = match self.writable(cx) {
            Ok(incident) => incident,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let fields = vec![FieldSpec::new(
            "systems",
            T::FieldAffectedSystems.get(lang),
            FieldKind::Refs(RecordKind::System),
        )];
        let base = json!({ "systems": incident.affected_systems });
        let title = fill(T::AffectedTitle.get(lang), &[incident.id.as_str()]);
        let which = IncidentForm::Affected(incident.id.clone());
        let mut form = open(title, fields, base, lang);
        form.submit_on_pick = true;
        // Straight into the picker.
        form.field_action(cx.workbook());
        request(form, which)
    }

    /// `C`: close with the lessons learned, each optionally a plan step.
    pub(super) fn close_form(&mut self, cx: &Context) -> Outcome {
        let incident = match self.writable(cx) {
            Ok(incident) => incident,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let lesson = ItemsSpec {
            noun: T::Lesson.get(lang).to_owned(),
            fields: vec![
                FieldSpec::new("text", T::Lesson.get(lang), FieldKind::Multi).required(),
                FieldSpec::new("plan_step", T::FieldPlanStep.get(lang), FieldKind::Bool),
            ],
            new_item: json!({"text": "", "plan_step": false}),
            summary: lesson_summary,
        };
        let fields = vec![FieldSpec::new(
            "lessons",
            T::Lessons.get(lang),
            FieldKind::Items(Box::new(lesson)),
        )];
        let title = fill(T::CloseTitle.get(lang), &[incident.id.as_str()]);
        let which = IncidentForm::Close(incident.id.clone());
        request(open(title, fields, json!({"lessons": []}), lang), which)
    }

    /// `D`: the report details (what the authority and the insurer ask), each
    /// typed as text and read by its kind when saved.
    /// A closed incident takes them too: the report is often written afterwards.
    pub(super) fn details_form(&mut self, cx: &Context) -> Outcome {
        let Some(incident) = self.incident(cx) else {
            return Outcome::none();
        };
        let lang = cx.lang();
        let clock = cx.clock;
        let time = |t: Timestamp| clock.full(t);
        let mut base = serde_json::Map::new();
        let fields = fields::incident_report::ALL
            .iter()
            .map(|field| {
                let text = ops::report::text(&incident.report, *field, lang, &time);
                base.insert(field.path.to_owned(), json!(text));
                let kind = match field.path {
                    "how_found" | "consequences" | "ransom" | "outside_help" | "evidence" => {
                        FieldKind::Multi
                    }
                    _ => FieldKind::Line,
                };
                FieldSpec::new(field.path, field.label(lang), kind)
            })
            .collect();
        let title = fill(T::ReportDetailsTitle.get(lang), &[incident.id.as_str()]);
        let which = IncidentForm::Details(incident.id.clone());
        request(open(title, fields, Value::Object(base), lang), which)
    }

    /// A form of the incident screen was saved: what to write, or why not (the
    /// form then stays open with the message).
    pub fn submit(
        &mut self,
        which: IncidentForm,
        value: Value,
        cx: &Context,
    ) -> Result<Outcome, String> {
        match which {
            IncidentForm::Declare => declare(cx, &value),
            IncidentForm::Notify(id) => Ok(self.notify(cx, id, &value)),
            IncidentForm::Affected(id) => self.mark_affected(cx, id, &value),
            IncidentForm::Close(id) => self.close(cx, id, &value),
            IncidentForm::Details(id) => self.set_details(cx, id, &value),
        }
    }

    fn set_details(&mut self, cx: &Context, id: Id, value: &Value) -> Result<Outcome, String> {
        let lang = cx.lang();
        let Some(incident) = cx.workbook().incident(id.as_str()) else {
            return Err(fill(T::IncidentGone.get(lang), &[id.as_str()]));
        };
        let typed: Vec<(&str, String)> = fields::incident_report::ALL
            .iter()
            .map(|f| (f.path, text_of(value, f.path)))
            .collect();
        let patch = match cx.clock.zone {
            Zone::Local => ops::report::typed_changes(&incident.report, &typed, &Local, lang),
            Zone::Fixed(offset) => {
                ops::report::typed_changes(&incident.report, &typed, &offset, lang)
            }
        }?;
        if patch.is_empty() {
            return Ok(Outcome::of(Request::Close).and(Request::Show(Message::info(
                T::ReportDetailsUnchanged.get(lang),
            ))));
        }
        let entry = Self::entry(cx, EntryKind::Note, ops::report::set_words(&patch, lang));
        Ok(Outcome::of(Request::Incident(IncidentChange::Report {
            id,
            patch,
            entry,
        })))
    }

    fn notify(&mut self, cx: &Context, id: Id, value: &Value) -> Outcome {
        let lang = cx.lang();
        let workbook = cx.workbook();
        let to = Id::from(text_of(value, "to").as_str());
        let channel = text_of(value, "channel");
        let reference = text_of(value, "reference");
        let meets = serde_json::from_value::<Option<Deadline>>(value["meets"].clone())
            .ok()
            .flatten()
            .or_else(|| words::default_meets(workbook.contact(to.as_str())));
        let who = words::contact_label(Some(workbook), &to);
        let text = words::notified(&who, None, &channel, &reference, meets, lang);
        let notification = Notification {
            to: to.clone(),
            at: cx.clock.now,
            channel,
            reference,
            meets,
        };
        let entry = Self::entry(cx, EntryKind::Notified { to }, text.clone());
        Outcome::of(Request::Incident(IncidentChange::Notify {
            id,
            notification,
            entry,
            text,
        }))
    }

    fn mark_affected(&mut self, cx: &Context, id: Id, value: &Value) -> Result<Outcome, String> {
        let lang = cx.lang();
        let Some(incident) = cx.workbook().incident(id.as_str()) else {
            return Err(fill(T::IncidentGone.get(lang), &[id.as_str()]));
        };
        let chosen: Vec<Id> = value["systems"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(Id::from).collect())
            .unwrap_or_default();
        let kept: Vec<Id> = incident
            .affected_systems
            .iter()
            .filter(|s| !chosen.contains(s))
            .cloned()
            .collect();
        Ok(Outcome::of(Request::Incident(IncidentChange::Affected {
            id,
            systems: chosen,
            at: cx.clock.now,
            by: cx.session.author.clone().unwrap_or_default(),
            kept,
        })))
    }

    fn close(&mut self, cx: &Context, id: Id, value: &Value) -> Result<Outcome, String> {
        let lang = cx.lang();
        let items: Vec<(String, bool)> = value["lessons"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|l| {
                        (
                            text_of(l, "text"),
                            l["plan_step"].as_bool().unwrap_or(false),
                        )
                    })
                    .filter(|(text, _)| !text.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let wants_steps = items.iter().any(|(_, plan)| *plan);
        if wants_steps && cx.session.read_only().is_some() {
            return Err(T::PlanLessonReadOnly.get(lang).to_owned());
        }
        // The plan steps get their ids before anything is written, so each lesson
        // can name its step.
        let planned =
            ops::lessons::lessons(cx.workbook(), &id, &items, lang).map_err(|e| e.message(lang))?;
        let Some(incident) = cx.workbook().incident(id.as_str()) else {
            return Err(fill(T::IncidentGone.get(lang), &[id.as_str()]));
        };
        let entry = Self::entry(
            cx,
            EntryKind::Note,
            words::closed(incident.kind, planned.lessons.len(), lang),
        );
        Ok(Outcome::of(Request::Incident(IncidentChange::Close {
            id,
            entry,
            lessons: planned.lessons,
            step_ids: planned.steps.iter().map(|s| s.id.clone()).collect(),
            steps: planned.edit,
        })))
    }
}

fn lesson_summary(value: &Value, lang: Language) -> String {
    let text = value["text"]
        .as_str()
        .unwrap_or_default()
        .replace('\n', " ");
    if value["plan_step"].as_bool().unwrap_or(false) {
        format!("{text} → {}", T::BecomesPlanStep.get(lang))
    } else {
        text
    }
}
