//! What the incident screen says and shows once a change to its incident was
//! written (or could not be): the next person to call, the next step, the
//! processes hit, the deadline a notification met.

use super::state::{IncidentScreen, Pane, log_area};
use crate::model::labels::Label;
use crate::model::ops;
use crate::model::*;
use crate::response::{self, CallState, words};
use crate::store::incident::IncidentError;
use crate::tui::component::{Context, Outcome, Request};
use crate::tui::incident_change::{IncidentChange, Why, Written};
use crate::tui::screen_text::{T, fill};
use crate::tui::session::Message;

/// Why an incident could not be written, in the user's words.
pub fn write_error(cx: &Context, error: &IncidentError) -> String {
    let lang = cx.lang();
    match error {
        IncidentError::AlreadyActive(active) => fill(
            T::AlreadyActive.get(lang),
            &[
                active.id.as_str(),
                &active.title,
                &cx.clock.show(active.declared_at, lang),
                &active.declared_by,
            ],
        ),
        other => fill(T::IncidentWriteFailed.get(lang), &[&other.to_string()]),
    }
}

/// What to say once an incident was declared (the screen opens on it).
pub fn declared(cx: &Context, incident: &Incident) -> Message {
    let lang = cx.lang();
    let kind = incident.kind.label(lang);
    let mut kind_word: String = kind.chars().take(1).flat_map(char::to_uppercase).collect();
    kind_word.extend(kind.chars().skip(1));
    Message::info(fill(
        T::Declared.get(lang),
        &[&kind_word, &cx.clock.show(incident.declared_at, lang)],
    ))
}

impl IncidentScreen {
    /// The answer to a change this screen asked for.
    pub fn written(
        &mut self,
        change: &IncidentChange,
        result: Result<Written, IncidentError>,
        cx: &Context,
    ) -> Outcome {
        let lang = cx.lang();
        let written = match result {
            Ok(written) => written,
            Err(e) => {
                let text = write_error(cx, &e);
                return match change {
                    // The form stays open with the reason; nothing typed is lost.
                    IncidentChange::Notify { .. }
                    | IncidentChange::Close { .. }
                    | IncidentChange::Report { .. } => Outcome::of(Request::FormError(text)),
                    IncidentChange::Affected { .. } => {
                        Outcome::of(Request::Close).and(Request::Show(Message::error(text)))
                    }
                    // On the log line the typed text stays: nothing is lost.
                    _ => Outcome::error(text),
                };
            }
        };
        let updated = &written.incident;
        match change {
            IncidentChange::Append { entry, why, .. } => match why {
                Why::Log { decision } => {
                    self.log = Some(log_area());
                    self.decision = false;
                    self.timeline_back = 0;
                    let what = if *decision {
                        T::DecisionSaved
                    } else {
                        T::EntrySaved
                    };
                    Outcome::info(fill(
                        what.get(lang),
                        &[
                            &updated.timeline.len().to_string(),
                            &cx.clock.show(entry.at, lang),
                        ],
                    ))
                }
                Why::Call { index } => self.next_call(cx, updated, *index),
                Why::Step { index, step } => self.next_step(cx, updated, *index, step),
            },
            IncidentChange::Notify {
                notification, text, ..
            } => {
                let message = match notification.meets {
                    Some(d) => fill(T::NotifiedMeets.get(lang), &[d.label(lang)]),
                    None => fill(T::NotifiedNoDeadline.get(lang), &[text]),
                };
                Outcome::of(Request::Close).and(Request::Show(Message::info(message)))
            }
            IncidentChange::Affected { kept, .. } => {
                self.focus = Pane::Impact;
                self.lower = Pane::Impact;
                self.impact_scroll = 0;
                let impact = response::impact(cx.workbook(), &updated.affected_systems);
                let mut message = if written.added.is_empty() {
                    T::AffectedNothingNew.get(lang).to_owned()
                } else {
                    let list: Vec<&str> = written.added.iter().map(Id::as_str).collect();
                    fill(
                        T::AffectedMarked.get(lang),
                        &[
                            &list.join(", "),
                            &RecordKind::Process.count(impact.processes.len(), lang),
                        ],
                    )
                };
                let personal: Vec<String> = impact
                    .personal_data_systems()
                    .map(|s| s.id.to_string())
                    .collect();
                if !personal.is_empty() && !updated.personal_data {
                    message.push(' ');
                    message.push_str(&fill(
                        T::AffectedPersonalData.get(lang),
                        &[&personal.join(", ")],
                    ));
                }
                if !kept.is_empty() {
                    let kept: Vec<&str> = kept.iter().map(Id::as_str).collect();
                    message.push(' ');
                    message.push_str(&fill(
                        T::AffectedNeverRemoved.get(lang),
                        &[&kept.join(", ")],
                    ));
                }
                Outcome::of(Request::Close).and(Request::Show(Message::info(message)))
            }
            IncidentChange::PersonalData { id, .. } => {
                let what = if written.changed {
                    T::PersonalDataRecorded
                } else {
                    T::PersonalDataAlready
                };
                Outcome::info(fill(what.get(lang), &[id.as_str()]))
            }
            IncidentChange::Injects { .. } => Outcome::none(),
            IncidentChange::Report { patch, .. } => {
                let message = if written.changed {
                    ops::report::set_words(patch, lang)
                } else {
                    T::ReportDetailsUnchanged.get(lang).to_owned()
                };
                Outcome::of(Request::Close).and(Request::Show(Message::info(message)))
            }
            IncidentChange::Close {
                id,
                lessons,
                steps,
                step_ids,
                ..
            } => {
                let learned = words::lessons_learned(lessons.len(), lang);
                let mut message = fill(T::ClosedIncident.get(lang), &[id.as_str(), &learned]);
                let mut outcome = Outcome::of(Request::Close);
                if let Some(edit) = steps {
                    let ids: Vec<&str> = step_ids.iter().map(Id::as_str).collect();
                    message.push(' ');
                    message.push_str(&fill(T::LessonSteps.get(lang), &[&ids.join(", ")]));
                    outcome = outcome.and(Request::Edit {
                        edit: edit.clone(),
                        message: None,
                        select: None,
                    });
                }
                outcome.and(Request::Show(Message::info(message)))
            }
        }
    }

    /// After a call: on to the next person not reached yet.
    fn next_call(&mut self, cx: &Context, updated: &Incident, selected: usize) -> Outcome {
        let lang = cx.lang();
        let calls = response::call_progress(cx.workbook(), updated);
        let n = calls.len().max(1);
        let next = (1..=n).map(|d| (selected + d) % n).find(|&i| {
            calls
                .get(i)
                .is_some_and(|c| !matches!(c.state, CallState::Reached { .. }))
        });
        Outcome::info(match next.and_then(|i| calls.get(i).map(|c| (i, c))) {
            Some((i, next)) => {
                self.call = i;
                let name = next
                    .contact
                    .map_or_else(|| next.call.contact.to_string(), |c| c.name.clone());
                let phone = next
                    .contact
                    .and_then(Contact::first_phone)
                    .map(|p| p.number.clone())
                    .unwrap_or_default();
                fill(
                    T::CallLoggedNext.get(lang),
                    &[&next.position.to_string(), &name, &phone],
                )
            }
            None => T::CallLoggedAll.get(lang).to_owned(),
        })
    }

    /// After a first-hour step: on to the next one not done.
    fn next_step(
        &mut self,
        cx: &Context,
        updated: &Incident,
        selected: usize,
        step: &Id,
    ) -> Outcome {
        let steps = response::first_hour_progress(&cx.workbook().plan, updated);
        let done = steps.iter().filter(|s| s.done.is_some()).count();
        let n = steps.len().max(1);
        let next = (1..=n)
            .map(|d| (selected + d) % n)
            .find(|&i| steps.get(i).is_some_and(|s| s.done.is_none()));
        self.step = next.unwrap_or(selected);
        self.bring_forward(Pane::FirstHour);
        Outcome::info(fill(
            T::StepLogged.get(cx.lang()),
            &[step.as_str(), &done.to_string(), &steps.len().to_string()],
        ))
    }
}
