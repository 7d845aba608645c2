//! What the incident screen's keys do: the log line, the calls and first-hour
//! steps, moving between and within the panes, and the announcement of a new
//! inject. Changes to the incident become [`Request::Incident`]s; their answers
//! come back through [`IncidentScreen::written`](super::written).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::content::scroll_room;
use super::state::{IncidentScreen, Pane, log_area, shown_now};
use crate::model::*;
use crate::response::{self, words};
use crate::tui::component::{Context, Open, Outcome, Request};
use crate::tui::incident_change::{IncidentChange, Why};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::purpose::{IncidentQuestion, Question};
use crate::tui::screen_text::{T, fill};

impl IncidentScreen {
    /// The keys' contexts while the screen is up.
    pub fn contexts(&self) -> Vec<Keys> {
        if self.typing() {
            vec![Keys::IncidentLog]
        } else {
            vec![Keys::Incident, Keys::Global]
        }
    }

    /// A key typed into the log line; `None` when the line is not being typed in.
    pub fn key(&mut self, key: KeyEvent, cx: &Context, area: Rect) -> Option<Outcome> {
        self.log.as_ref()?;
        if let Some(command) = cx.keymap.lookup(&[Keys::IncidentLog], &key) {
            return Some(self.command(command, cx, area).unwrap_or_default());
        }
        let control = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let typed = match key.code {
            KeyCode::Char(_) => !control,
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down | KeyCode::Enter => false,
            _ => true,
        };
        if typed && let Some(line) = self.log.as_mut() {
            line.input_without_shortcuts(key);
        }
        Some(Outcome::none())
    }

    /// Runs a command of the incident screen; `None` when it is not one (the
    /// caller runs it as a command of the whole app). `area` is the screen's.
    pub fn command(&mut self, command: Command, cx: &Context, area: Rect) -> Option<Outcome> {
        if self.typing() {
            return match command {
                Command::SaveEntry => Some(self.append_log(cx)),
                Command::Cancel => {
                    self.log = None;
                    Some(Outcome::none())
                }
                Command::Decision => {
                    self.decision = !self.decision;
                    Some(Outcome::none())
                }
                _ => None,
            };
        }
        Some(match command {
            Command::WriteLog => match self.writable(cx) {
                Ok(_) => {
                    self.log = Some(log_area());
                    self.timeline_back = 0;
                    self.bring_forward(Pane::Timeline);
                    Outcome::none()
                }
                Err(refused) => refused,
            },
            Command::CallReached => self.call(cx, true),
            Command::CallNotReached => self.call(cx, false),
            Command::StepDone => self.step_done(cx),
            Command::AffectedSystems => self.affected_form(cx),
            Command::PersonalData => self.ask_personal_data(cx),
            Command::Notify => self.notify_form(cx),
            Command::CloseIncident => self.close_form(cx),
            Command::NextPane => self.next_pane(1),
            Command::PrevPane => self.next_pane(-1),
            Command::Up => self.move_by(cx, -1, area),
            Command::Down => self.move_by(cx, 1, area),
            Command::PageUp => self.move_by(cx, -5, area),
            Command::PageDown => self.move_by(cx, 5, area),
            Command::Top => self.move_by(cx, -10_000, area),
            Command::Bottom => self.move_by(cx, 10_000, area),
            Command::Cancel => Outcome::of(Request::CloseIncident),
            _ => return None,
        })
    }

    /// Every quarter second: a new inject of the exercise is announced and shown;
    /// a screen whose incident is gone from disk closes.
    pub fn tick(&mut self, cx: &Context) -> Outcome {
        let Some(incident) = self.incident(cx) else {
            return Outcome::of(Request::CloseIncident).and(Request::Show(
                crate::tui::session::Message::error(fill(
                    T::IncidentGone.get(cx.lang()),
                    &[self.id.as_str()],
                )),
            ));
        };
        let Some(scenario) = &self.scenario else {
            return Outcome::none();
        };
        let now = shown_now(cx, incident);
        let due = response::injects_due(scenario, incident, now);
        if due.len() <= self.injects_seen {
            return Outcome::none();
        }
        let newest = due
            .last()
            .map(|d| (d.inject.minute, d.inject.title.clone()));
        self.injects_seen = due.len();
        self.lower = Pane::Injects;
        self.inject_scroll = 0;
        match newest {
            Some((minute, title)) => Outcome::info(fill(
                T::NewInject.get(cx.lang()),
                &[&minute.to_string(), &title],
            )),
            None => Outcome::none(),
        }
    }

    /// The incident on screen when it takes entries; says why not otherwise.
    pub(super) fn writable<'a>(&self, cx: &Context<'a>) -> Result<&'a Incident, Outcome> {
        let Some(incident) = self.incident(cx) else {
            return Err(Outcome::none());
        };
        if incident.is_active() {
            Ok(incident)
        } else {
            Err(Outcome::error(fill(
                T::IncidentClosedNoEntries.get(cx.lang()),
                &[incident.id.as_str()],
            )))
        }
    }

    /// Tab / Shift-Tab: the next or previous pane takes the arrow keys; on a small
    /// screen it is the one shown below the call order.
    fn next_pane(&mut self, direction: isize) -> Outcome {
        let exercise = self.scenario.is_some();
        let panes: Vec<Pane> = [
            Pane::Calls,
            Pane::FirstHour,
            Pane::Impact,
            Pane::Injects,
            Pane::Timeline,
        ]
        .into_iter()
        .filter(|p| *p != Pane::Injects || exercise)
        .collect();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
        let next = (at + panes.len()).saturating_add_signed(direction) % panes.len();
        self.focus = panes[next];
        if self.focus != Pane::Calls {
            self.lower = self.focus;
        }
        Outcome::none()
    }

    /// Moves the selection or the scroll position of the focused pane.
    fn move_by(&mut self, cx: &Context, delta: isize, area: Rect) -> Outcome {
        let calls = cx.workbook().contacts.call_order.len();
        let steps = cx.workbook().plan.first_hour.len();
        let step = |value: usize, delta: isize, len: usize| -> usize {
            let moved = value.saturating_add_signed(delta);
            moved.min(len.saturating_sub(1))
        };
        match self.focus {
            Pane::Calls => self.call = step(self.call, delta, calls),
            Pane::FirstHour => self.step = step(self.step, delta, steps),
            Pane::Impact | Pane::Injects | Pane::Timeline => {}
        }
        // The text panes scroll as far as their text goes at this screen size.
        let room = scroll_room(cx, self, self.focus, area) + 1;
        match self.focus {
            Pane::Impact => self.impact_scroll = step(self.impact_scroll, delta, room),
            Pane::Injects => self.inject_scroll = step(self.inject_scroll, delta, room),
            Pane::Timeline => self.timeline_back = step(self.timeline_back, -delta, room),
            Pane::Calls | Pane::FirstHour => {}
        }
        Outcome::none()
    }

    /// A timeline entry made now by whoever is writing.
    pub(super) fn entry(cx: &Context, kind: EntryKind, text: String) -> TimelineEntry {
        TimelineEntry {
            at: cx.clock.now,
            by: cx.session.author.clone().unwrap_or_default(),
            kind,
            text,
        }
    }

    /// Enter on the log line: the entry is saved at once, with the time and the author.
    fn append_log(&mut self, cx: &Context) -> Outcome {
        let text = self
            .log
            .as_ref()
            .map(|l| l.lines().join(" ").trim().to_owned())
            .unwrap_or_default();
        if text.is_empty() {
            return Outcome::info(T::EmptyEntry.get(cx.lang()));
        }
        let incident = match self.writable(cx) {
            Ok(incident) => incident,
            Err(refused) => return refused,
        };
        let decision = self.decision;
        let kind = if decision {
            EntryKind::Decision
        } else {
            EntryKind::Note
        };
        Outcome::of(Request::Incident(IncidentChange::Append {
            id: incident.id.clone(),
            entry: Self::entry(cx, kind, text),
            why: Why::Log { decision },
        }))
    }

    /// `r` / `n`: the selected call was made, and the person reached or not.
    fn call(&mut self, cx: &Context, reached: bool) -> Outcome {
        let incident = match self.writable(cx) {
            Ok(incident) => incident,
            Err(refused) => return refused,
        };
        let workbook = cx.workbook();
        let Some(contact) = workbook
            .contacts
            .call_order
            .get(self.call)
            .map(|c| c.contact.clone())
        else {
            return Outcome::info(T::NoCallOrder.get(cx.lang()));
        };
        let who = words::contact_label(Some(workbook), &contact);
        let text = words::call(&who, reached, cx.lang());
        Outcome::of(Request::Incident(IncidentChange::Append {
            id: incident.id.clone(),
            entry: Self::entry(cx, EntryKind::Call { contact, reached }, text),
            why: Why::Call { index: self.call },
        }))
    }

    /// `x`: the selected first-hour step is done.
    fn step_done(&mut self, cx: &Context) -> Outcome {
        let incident = match self.writable(cx) {
            Ok(incident) => incident,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        let Some(step) = cx.workbook().plan.first_hour.get(self.step).cloned() else {
            return Outcome::info(T::NoFirstHour.get(lang));
        };
        if let Some(done) = response::step_done(incident, &step.id) {
            return Outcome::info(fill(
                T::StepAlreadyDone.get(lang),
                &[step.id.as_str(), &cx.clock.show(done.at, lang), &done.by],
            ));
        }
        let text = words::step_done(&step.id, &step.title, lang);
        Outcome::of(Request::Incident(IncidentChange::Append {
            id: incident.id.clone(),
            entry: Self::entry(
                cx,
                EntryKind::StepDone {
                    step: step.id.clone(),
                },
                text,
            ),
            why: Why::Step {
                index: self.step,
                step: step.id,
            },
        }))
    }

    /// `p`: asks first, since it cannot be taken back.
    fn ask_personal_data(&mut self, cx: &Context) -> Outcome {
        let incident = match self.writable(cx) {
            Ok(incident) => incident,
            Err(refused) => return refused,
        };
        let lang = cx.lang();
        if incident.personal_data {
            return Outcome::info(fill(
                T::PersonalDataAlready.get(lang),
                &[incident.id.as_str()],
            ));
        }
        // In an exercise the story's reveal starts the clock, as the clock pane shows.
        let starts = response::personal_data_revealed(incident, self.scenario.as_ref());
        let start = cx
            .clock
            .show(starts.unwrap_or(incident.clock_start()), lang);
        let text = fill(
            T::PersonalDataQuestion.get(lang),
            &[incident.id.as_str(), &start],
        );
        Outcome::of(Request::Open(Open::Ask(
            Question::Incident(IncidentQuestion::PersonalData(incident.id.clone())),
            text,
        )))
    }

    /// The answer yes to a question of the incident screen.
    pub fn answered(&mut self, question: IncidentQuestion, cx: &Context) -> Outcome {
        match question {
            IncidentQuestion::PersonalData(id) => {
                let entry = Self::entry(cx, EntryKind::Note, words::personal_data(cx.lang()));
                Outcome::of(Request::Incident(IncidentChange::PersonalData {
                    id,
                    entry,
                }))
            }
        }
    }
}
