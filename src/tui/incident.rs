//! The incident screen's state and what its keys do: declaring, marking calls and
//! first-hour steps, choosing the affected systems, recording notifications and
//! personal data, closing with lessons learned, and the log line.
//!
//! Every change to an incident goes through [`IncidentWriter`] (the incident's own
//! lock, read, change, atomic write) and is then taken into the app with
//! [`Store::adopt_incident`](crate::store::Store::adopt_incident): the store then
//! knows the file as written, so the disk check every two seconds does not take
//! the app's own entry for someone else's, while an entry that `paraat incident
//! log` adds from another shell is still seen and reloaded. Incident entries are
//! not [`Edit`]s: they are saved the moment they are made and never undone (a
//! correction is a new entry).
//!
//! "Now" is [`Clock::now`], an input like every other: the run loop sets it from
//! the system clock (or from `--now`), tests set it by hand, and neither `update`
//! nor `draw` reads the real time.

use chrono::{DateTime, Datelike, FixedOffset, Local, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use serde_json::{Value, json};

use crate::model::edit::{Edit, Record};
use crate::model::labels::Label;
use crate::model::*;
use crate::review::incident::{self as logic, CallState, NoIncident, words};
use crate::store::incident::{IncidentError, IncidentWriter, NewIncident};
use crate::store::{config, templates};
use crate::tui::app::{App, FormPurpose, Popup, Question, Tab};
use crate::tui::forms::{FieldKind, FieldSpec, Form, ItemsSpec};
use crate::tui::keymap::{Command, Context};
use crate::tui::rows::ListId;
use crate::tui::text::{T, fill};

/// Where times are shown: the local zone for people, UTC for reproducible tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Local,
    Utc,
}

/// The app's "now", and the zone times are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub now: Timestamp,
    pub zone: Zone,
    /// The run loop sets `now` from the system clock before every step; when false
    /// (`--now`, tests) `now` stays where it was put.
    pub follows_system: bool,
}

impl Clock {
    /// A clock standing still at `now`, showing local time.
    pub fn fixed(now: Timestamp) -> Clock {
        Clock {
            now,
            zone: Zone::Local,
            follows_system: false,
        }
    }

    /// A clock that follows the system clock (the real program).
    pub fn system() -> Clock {
        let mut clock = Clock::fixed(Timestamp::from_utc(Utc::now()));
        clock.follows_system = true;
        clock
    }

    /// Reads the system clock when this clock follows it. Only the run loop calls this.
    pub fn refresh(&mut self) {
        if self.follows_system {
            self.now = Timestamp::from_utc(Utc::now());
        }
    }

    pub fn local(&self, t: Timestamp) -> DateTime<FixedOffset> {
        match self.zone {
            Zone::Local => t.0.with_timezone(&Local).fixed_offset(),
            Zone::Utc => t.0.fixed_offset(),
        }
    }

    /// A moment as short as it can be read: `09:14` today, `Fri 09:14` within a
    /// week, else `2026-12-04 09:14`.
    pub fn show(&self, t: Timestamp, lang: Language) -> String {
        let (when, now) = (self.local(t), self.local(self.now));
        let days = (when.date_naive() - now.date_naive()).num_days();
        if days == 0 {
            when.format("%H:%M").to_string()
        } else if days.abs() <= 6 {
            let names: Vec<&str> = T::Weekdays.get(lang).split(' ').collect();
            let day = names
                .get(when.weekday().num_days_from_monday() as usize)
                .copied()
                .unwrap_or("");
            format!("{day} {}", when.format("%H:%M"))
        } else {
            when.format("%Y-%m-%d %H:%M").to_string()
        }
    }

    /// A moment typed by a person, read in this clock's zone.
    pub fn parse(&self, text: &str) -> Result<Timestamp, MomentError> {
        match self.zone {
            Zone::Local => parse_moment_in(text, &Local),
            Zone::Utc => parse_moment_in(text, &Utc),
        }
    }
}

/// The parts of the incident screen that take the arrow keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Calls,
    FirstHour,
    Impact,
    Injects,
    Timeline,
}

/// The incident screen on one incident or exercise.
#[derive(Debug)]
pub struct Screen {
    pub id: Id,
    /// The exercise's built-in scenario, read once when the screen opens.
    pub scenario: Option<Scenario>,
    pub focus: Pane,
    /// The pane shown below the call order on a small screen.
    pub lower: Pane,
    /// The selected call (index into the call order) and first-hour step.
    pub call: usize,
    pub step: usize,
    pub impact_scroll: usize,
    pub inject_scroll: usize,
    /// Lines scrolled back from the latest log entry (0: follow the latest).
    pub timeline_back: usize,
    /// The log line while it is being typed in.
    pub log: Option<TextArea<'static>>,
    /// The entry being typed is a decision.
    pub decision: bool,
    /// How many injects were due when last looked (a new one is announced).
    pub injects_seen: usize,
}

/// The incident part of the app.
#[derive(Debug, Default)]
pub struct IncidentState {
    /// Who is writing; found once (config, git, login) and changeable when declaring.
    pub author: Option<String>,
    pub screen: Option<Screen>,
}

/// The forms of incident mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncidentForm {
    Declare,
    Notify(Id),
    Affected(Id),
    Close(Id),
}

/// The yes/no questions of incident mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncidentQuestion {
    PersonalData(Id),
}

/// The keys' contexts while the incident screen is up (none when it is not).
pub fn contexts(app: &App) -> Option<Vec<Context>> {
    let screen = app.incident.screen.as_ref()?;
    Some(if screen.log.is_some() {
        vec![Context::IncidentLog]
    } else {
        vec![Context::Incident, Context::Global]
    })
}

/// Opens the screen on the active real incident, if there is one (the app opens there).
pub fn open_active(app: &mut App) {
    if let Some(id) = app.workbook.active_incident().map(|i| i.id.clone()) {
        open_screen(app, &id);
    }
}

/// Opens the incident screen on `id`.
pub fn open_screen(app: &mut App, id: &Id) {
    let Some(incident) = app.workbook.incident(id.as_str()) else {
        return;
    };
    let scenario = match (&incident.kind, &incident.scenario) {
        (IncidentKind::Exercise, Some(name)) => templates::scenario(app.lang, name).ok().flatten(),
        _ => None,
    };
    let now = shown_now(app, incident);
    let due = scenario
        .as_ref()
        .map_or(0, |s| logic::injects_due(s, incident, now).len());
    let first_open_call = logic::call_progress(&app.workbook, incident)
        .iter()
        .position(|c| !matches!(c.state, CallState::Reached { .. }))
        .unwrap_or(0);
    let first_open_step = logic::first_hour_progress(&app.workbook.plan, incident)
        .iter()
        .position(|s| s.done.is_none())
        .unwrap_or(0);
    app.tab = Tab::Incidents;
    app.filtering = false;
    app.heat_map = None;
    app.list_mut(ListId::Incidents)
        .select_record(&RecordRef::new(RecordKind::Incident, id.clone()));
    app.incident.screen = Some(Screen {
        id: id.clone(),
        focus: Pane::Calls,
        lower: if due > 0 {
            Pane::Injects
        } else {
            Pane::FirstHour
        },
        scenario,
        call: first_open_call,
        step: first_open_step,
        impact_scroll: 0,
        inject_scroll: 0,
        timeline_back: 0,
        log: None,
        decision: false,
        injects_seen: due,
    });
}

/// The moment the screen shows `incident` at: now, or when it was closed.
pub fn shown_now(app: &App, incident: &Incident) -> Timestamp {
    match incident.closed_at {
        Some(closed) if !incident.is_active() => closed,
        _ => app.clock.now,
    }
}

/// The incident on screen.
fn on_screen(app: &App) -> Option<&Incident> {
    let id = &app.incident.screen.as_ref()?.id;
    app.workbook.incident(id.as_str())
}

/// Keys typed into the log line. Returns false when the line is not being typed in.
pub fn on_key(app: &mut App, key: KeyEvent) -> bool {
    if app.popup.is_some() || app.incident.screen.as_ref().is_none_or(|s| s.log.is_none()) {
        return false;
    }
    if let Some(command) = app.keymap.lookup(&[Context::IncidentLog], &key) {
        run(app, command);
        return true;
    }
    let control = key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let typed = match key.code {
        KeyCode::Char(_) => !control,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down | KeyCode::Enter => false,
        _ => true,
    };
    if typed && let Some(line) = app.incident.screen.as_mut().and_then(|s| s.log.as_mut()) {
        line.input_without_shortcuts(key);
    }
    true
}

/// Runs a command of incident mode. Returns false when it is not one (the caller
/// runs it as usual).
pub fn run(app: &mut App, command: Command) -> bool {
    match command {
        Command::Declare => {
            declare_form(app);
            return true;
        }
        Command::OpenIncident => {
            open_chosen(app);
            return true;
        }
        _ => {}
    }
    let Some(typing) = app.incident.screen.as_ref().map(|s| s.log.is_some()) else {
        return false;
    };
    if typing {
        match command {
            Command::SaveEntry => append_log(app),
            Command::Cancel | Command::Decision => {
                if let Some(screen) = app.incident.screen.as_mut() {
                    if command == Command::Cancel {
                        screen.log = None;
                    } else {
                        screen.decision = !screen.decision;
                    }
                }
            }
            _ => return false,
        }
        return true;
    }
    match command {
        Command::WriteLog => {
            if writable(app).is_some()
                && let Some(screen) = app.incident.screen.as_mut()
            {
                screen.log = Some(log_area());
                screen.timeline_back = 0;
                bring_forward(screen, Pane::Timeline);
            }
        }
        Command::CallReached => call(app, true),
        Command::CallNotReached => call(app, false),
        Command::StepDone => step_done(app),
        Command::AffectedSystems => affected_form(app),
        Command::PersonalData => ask_personal_data(app),
        Command::Notify => notify_form(app),
        Command::CloseIncident => close_form(app),
        Command::NextPane => next_pane(app, 1),
        Command::PrevPane => next_pane(app, -1),
        Command::Up => move_by(app, -1),
        Command::Down => move_by(app, 1),
        Command::PageUp => move_by(app, -5),
        Command::PageDown => move_by(app, 5),
        Command::Top => move_by(app, -10_000),
        Command::Bottom => move_by(app, 10_000),
        Command::Cancel => app.incident.screen = None,
        _ => return false,
    }
    true
}

/// Shows `pane` below the call order (small screens); it takes the arrow keys
/// unless the call order has them.
fn bring_forward(screen: &mut Screen, pane: Pane) {
    screen.lower = pane;
    if screen.focus != Pane::Calls {
        screen.focus = pane;
    }
}

/// Tab / Shift-Tab: the next or previous pane takes the arrow keys; on a small
/// screen it is the one shown below the call order.
fn next_pane(app: &mut App, direction: isize) {
    let Some(screen) = app.incident.screen.as_mut() else {
        return;
    };
    let exercise = screen.scenario.is_some();
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
    let at = panes.iter().position(|p| *p == screen.focus).unwrap_or(0);
    let next = (at + panes.len()).saturating_add_signed(direction) % panes.len();
    screen.focus = panes[next];
    if screen.focus != Pane::Calls {
        screen.lower = screen.focus;
    }
}

fn log_area() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(ratatui::style::Style::new());
    area
}

/// Moves the selection or the scroll position of the focused pane.
fn move_by(app: &mut App, delta: isize) {
    let calls = app.workbook.contacts.call_order.len();
    let steps = app.workbook.plan.first_hour.len();
    let Some(screen) = app.incident.screen.as_mut() else {
        return;
    };
    let step = |value: usize, delta: isize, len: usize| -> usize {
        let moved = value.saturating_add_signed(delta);
        moved.min(len.saturating_sub(1))
    };
    match screen.focus {
        Pane::Calls => screen.call = step(screen.call, delta, calls),
        Pane::FirstHour => screen.step = step(screen.step, delta, steps),
        Pane::Impact | Pane::Injects | Pane::Timeline => {}
    }
    // The text panes scroll as far as their text goes at this screen size.
    let focus = screen.focus;
    let room = crate::tui::views::incident::scroll_room(app, focus) + 1;
    let Some(screen) = app.incident.screen.as_mut() else {
        return;
    };
    match focus {
        Pane::Impact => screen.impact_scroll = step(screen.impact_scroll, delta, room),
        Pane::Injects => screen.inject_scroll = step(screen.inject_scroll, delta, room),
        Pane::Timeline => screen.timeline_back = step(screen.timeline_back, -delta, room),
        Pane::Calls | Pane::FirstHour => {}
    }
}

/// Opens the incident chosen on the Incidents tab, else the active one.
fn open_chosen(app: &mut App) {
    if app.incident.screen.is_none()
        && app.tab == Tab::Incidents
        && let Some(record) = app.list(ListId::Incidents).selected_record().cloned()
    {
        open_screen(app, &record.id);
        return;
    }
    match logic::default_incident(&app.workbook.incidents) {
        Ok(incident) => {
            let id = incident.id.clone();
            open_screen(app, &id);
        }
        Err(NoIncident::SeveralExercises(ids)) => {
            crate::tui::update::switch_tab(app, Tab::Incidents);
            let ids: Vec<&str> = ids.iter().map(Id::as_str).collect();
            let text = fill(T::SeveralExercises.get(app.lang), &[&ids.join(", ")]);
            app.info(text);
        }
        Err(_) => {
            let text = T::NoActiveIncident.get(app.lang).to_owned();
            app.info(text);
        }
    }
}

/// Who is writing: found once (config, `git config user.name`, login name).
pub fn author(app: &mut App) -> String {
    if let Some(name) = &app.incident.author {
        return name.clone();
    }
    let (name, problem) = config::author(None, &app.root);
    if let Some(error) = problem {
        let text = fill(T::ConfigNotUsed.get(app.lang), &[&error.to_string()]);
        app.error(text);
    }
    app.incident.author = Some(name.clone());
    name
}

fn entry(app: &mut App, kind: EntryKind, text: String) -> TimelineEntry {
    TimelineEntry {
        at: app.clock.now,
        by: author(app),
        kind,
        text,
    }
}

/// The incident on screen when it takes entries; says why not otherwise.
fn writable(app: &mut App) -> Option<Incident> {
    let incident = on_screen(app)?.clone();
    if incident.is_active() {
        Some(incident)
    } else {
        let text = fill(
            T::IncidentClosedNoEntries.get(app.lang),
            &[incident.id.as_str()],
        );
        app.error(text);
        None
    }
}

/// Takes an incident just written into the app and the store (see the module docs).
fn adopt(app: &mut App, incident: Incident) {
    if let Err(e) = app.store.adopt_incident(&mut app.workbook, incident) {
        let text = fill(T::IncidentWriteFailed.get(app.lang), &[&e.to_string()]);
        app.error(text);
    }
    app.saved.incidents = app.workbook.incidents.clone();
    app.rebuild();
}

fn write_error(app: &App, error: &IncidentError) -> String {
    match error {
        IncidentError::AlreadyActive(active) => fill(
            T::AlreadyActive.get(app.lang),
            &[
                active.id.as_str(),
                &active.title,
                &app.clock.show(active.declared_at, app.lang),
                &active.declared_by,
            ],
        ),
        other => fill(T::IncidentWriteFailed.get(app.lang), &[&other.to_string()]),
    }
}

/// Writes with `change` and adopts the result; an error goes to the status line.
fn write(
    app: &mut App,
    change: impl FnOnce(&IncidentWriter) -> Result<Incident, IncidentError>,
) -> Option<Incident> {
    match change(&IncidentWriter::new(&app.root)) {
        Ok(incident) => {
            adopt(app, incident.clone());
            Some(incident)
        }
        Err(e) => {
            let text = write_error(app, &e);
            app.error(text);
            None
        }
    }
}

/// Enter on the log line: the entry is saved at once, with the time and the author.
fn append_log(app: &mut App) {
    let Some(screen) = app.incident.screen.as_ref() else {
        return;
    };
    let text = screen
        .log
        .as_ref()
        .map(|l| l.lines().join(" ").trim().to_owned())
        .unwrap_or_default();
    let decision = screen.decision;
    if text.is_empty() {
        let text = T::EmptyEntry.get(app.lang).to_owned();
        app.info(text);
        return;
    }
    let Some(incident) = writable(app) else {
        return;
    };
    let kind = if decision {
        EntryKind::Decision
    } else {
        EntryKind::Note
    };
    let entry = entry(app, kind, text);
    let at = entry.at;
    // On failure the typed text stays on the line: nothing is lost.
    if let Some(updated) = write(app, |w| w.append_entry(incident.id.as_str(), entry)) {
        if let Some(screen) = app.incident.screen.as_mut() {
            screen.log = Some(log_area());
            screen.decision = false;
            screen.timeline_back = 0;
        }
        let what = if decision {
            T::DecisionSaved
        } else {
            T::EntrySaved
        };
        let text = fill(
            what.get(app.lang),
            &[
                &updated.timeline.len().to_string(),
                &app.clock.show(at, app.lang),
            ],
        );
        app.info(text);
    }
}

/// `r` / `n`: the selected call was made, and the person reached or not.
fn call(app: &mut App, reached: bool) {
    let Some(incident) = writable(app) else {
        return;
    };
    let selected = app.incident.screen.as_ref().map_or(0, |s| s.call);
    let Some(contact) = app
        .workbook
        .contacts
        .call_order
        .get(selected)
        .map(|c| c.contact.clone())
    else {
        let text = T::NoCallOrder.get(app.lang).to_owned();
        app.info(text);
        return;
    };
    let who = words::contact_label(Some(&app.workbook), &contact);
    let text = words::call(&who, reached, app.lang);
    let entry = entry(
        app,
        EntryKind::Call {
            contact: contact.clone(),
            reached,
        },
        text,
    );
    let Some(updated) = write(app, |w| w.append_entry(incident.id.as_str(), entry)) else {
        return;
    };
    // On to the next person not reached yet.
    let calls = logic::call_progress(&app.workbook, &updated);
    let n = calls.len().max(1);
    let next = (1..=n).map(|d| (selected + d) % n).find(|&i| {
        calls
            .get(i)
            .is_some_and(|c| !matches!(c.state, CallState::Reached { .. }))
    });
    let message = match next.and_then(|i| calls.get(i).map(|c| (i, c))) {
        Some((i, next)) => {
            if let Some(screen) = app.incident.screen.as_mut() {
                screen.call = i;
            }
            let name = next
                .contact
                .map_or_else(|| next.call.contact.to_string(), |c| c.name.clone());
            let phone = next
                .contact
                .and_then(Contact::first_phone)
                .map(|p| p.number.clone())
                .unwrap_or_default();
            fill(
                T::CallLoggedNext.get(app.lang),
                &[&next.position.to_string(), &name, &phone],
            )
        }
        None => T::CallLoggedAll.get(app.lang).to_owned(),
    };
    app.info(message);
}

/// `x`: the selected first-hour step is done.
fn step_done(app: &mut App) {
    let Some(incident) = writable(app) else {
        return;
    };
    let selected = app.incident.screen.as_ref().map_or(0, |s| s.step);
    let Some(step) = app.workbook.plan.first_hour.get(selected).cloned() else {
        let text = T::NoFirstHour.get(app.lang).to_owned();
        app.info(text);
        return;
    };
    if let Some(done) = logic::step_done(&incident, &step.id) {
        let text = fill(
            T::StepAlreadyDone.get(app.lang),
            &[
                step.id.as_str(),
                &app.clock.show(done.at, app.lang),
                &done.by,
            ],
        );
        app.info(text);
        return;
    }
    let text = words::step_done(&step.id, &step.title, app.lang);
    let entry = entry(
        app,
        EntryKind::StepDone {
            step: step.id.clone(),
        },
        text,
    );
    let Some(updated) = write(app, |w| w.append_entry(incident.id.as_str(), entry)) else {
        return;
    };
    let steps = logic::first_hour_progress(&app.workbook.plan, &updated);
    let done = steps.iter().filter(|s| s.done.is_some()).count();
    let n = steps.len().max(1);
    let next = (1..=n)
        .map(|d| (selected + d) % n)
        .find(|&i| steps.get(i).is_some_and(|s| s.done.is_none()));
    if let Some(screen) = app.incident.screen.as_mut() {
        screen.step = next.unwrap_or(selected);
        bring_forward(screen, Pane::FirstHour);
    }
    let message = fill(
        T::StepLogged.get(app.lang),
        &[
            step.id.as_str(),
            &done.to_string(),
            &steps.len().to_string(),
        ],
    );
    app.info(message);
}

fn ask_personal_data(app: &mut App) {
    let Some(incident) = writable(app) else {
        return;
    };
    if incident.personal_data {
        let text = fill(
            T::PersonalDataAlready.get(app.lang),
            &[incident.id.as_str()],
        );
        app.info(text);
        return;
    }
    // In an exercise the story's reveal starts the clock, as the clock pane shows.
    let scenario = app
        .incident
        .screen
        .as_ref()
        .and_then(|s| s.scenario.as_ref());
    let starts = logic::personal_data_revealed(&incident, scenario);
    let start = app
        .clock
        .show(starts.unwrap_or(incident.clock_start()), app.lang);
    let text = fill(
        T::PersonalDataQuestion.get(app.lang),
        &[incident.id.as_str(), &start],
    );
    app.popup = Some(Popup::Confirm {
        question: Question::Incident(IncidentQuestion::PersonalData(incident.id.clone())),
        text,
    });
}

/// The answer yes to a question of incident mode.
pub fn answer_yes(app: &mut App, question: IncidentQuestion) {
    match question {
        IncidentQuestion::PersonalData(id) => {
            let entry = entry(app, EntryKind::Note, words::personal_data(app.lang));
            let mut changed = false;
            let written = write(app, |w| {
                w.mark_personal_data(id.as_str(), entry).map(|(i, c)| {
                    changed = c;
                    i
                })
            });
            if written.is_some() {
                let what = if changed {
                    T::PersonalDataRecorded
                } else {
                    T::PersonalDataAlready
                };
                let text = fill(what.get(app.lang), &[id.as_str()]);
                app.info(text);
            }
        }
    }
}

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

fn open_form(
    app: &mut App,
    title: String,
    fields: Vec<FieldSpec>,
    base: Value,
    which: IncidentForm,
) {
    let form = Form::new(title, fields, base, vec![], app.lang);
    app.popup = Some(Popup::Form(Box::new(form), FormPurpose::Incident(which)));
}

/// `!`: the form that declares an incident or starts an exercise.
fn declare_form(app: &mut App) {
    let lang = app.lang;
    let by = author(app);
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
        ),
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
        "severity": "Medium",
        "personal_data": false,
        "discovered": "",
        "by": by,
    });
    let title = match app.workbook.active_incident() {
        Some(active) => fill(T::DeclareWhileActive.get(lang), &[active.id.as_str()]),
        None => T::DeclareTitle.get(lang).to_owned(),
    };
    open_form(app, title, fields, base, IncidentForm::Declare);
}

/// `N`: the form that records a notification. The selected call's contact is
/// filled in when it is an authority or the insurer.
fn notify_form(app: &mut App) {
    let Some(incident) = writable(app) else {
        return;
    };
    let lang = app.lang;
    let selected = app.incident.screen.as_ref().map_or(0, |s| s.call);
    let to = app
        .workbook
        .contacts
        .call_order
        .get(selected)
        .and_then(|c| app.workbook.contact(c.contact.as_str()))
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
            enum_choices(&logic::ALL_DEADLINES, lang),
        )
        .optional(),
    ];
    let base = json!({"to": to, "channel": "", "reference": "", "meets": null});
    let title = fill(T::NotifyTitle.get(lang), &[incident.id.as_str()]);
    open_form(app, title, fields, base, IncidentForm::Notify(incident.id));
}

/// `a`: the record picker over the systems, the affected ones already chosen.
fn affected_form(app: &mut App) {
    let Some(incident) = writable(app) else {
        return;
    };
    let lang = app.lang;
    let fields = vec![FieldSpec::new(
        "systems",
        T::FieldAffectedSystems.get(lang),
        FieldKind::Refs(RecordKind::System),
    )];
    let base = json!({ "systems": incident.affected_systems });
    let title = fill(T::AffectedTitle.get(lang), &[incident.id.as_str()]);
    open_form(
        app,
        title,
        fields,
        base,
        IncidentForm::Affected(incident.id),
    );
    if let Some(Popup::Form(form, _)) = &mut app.popup {
        form.submit_on_pick = true;
    }
    // Straight into the picker: Space chooses, Enter records.
    crate::tui::update::run(app, Command::FieldAction);
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

/// `C`: close with the lessons learned, each optionally a plan step.
fn close_form(app: &mut App) {
    let Some(incident) = writable(app) else {
        return;
    };
    let lang = app.lang;
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
    open_form(
        app,
        title,
        fields,
        json!({"lessons": []}),
        IncidentForm::Close(incident.id),
    );
}

/// A form of incident mode was saved. `Err` keeps the form open with the message.
pub fn submit(app: &mut App, which: IncidentForm, value: Value) -> Result<(), String> {
    match which {
        IncidentForm::Declare => declare(app, &value),
        IncidentForm::Notify(id) => notify(app, &id, &value),
        IncidentForm::Affected(id) => mark_affected(app, &id, &value),
        IncidentForm::Close(id) => close(app, &id, &value),
    }
}

fn text_of(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().trim().to_owned()
}

fn declare(app: &mut App, value: &Value) -> Result<(), String> {
    let lang = app.lang;
    let now = app.clock.now;
    let scenario = value["scenario"]
        .as_str()
        .and_then(|name| templates::scenario(lang, name).ok().flatten());
    let title = text_of(value, "title");
    if title.is_empty() && scenario.is_none() {
        return Err(T::TitleNeeded.get(lang).to_owned());
    }
    let discovered = match text_of(value, "discovered") {
        text if text.is_empty() => None,
        text => match app.clock.parse(&text) {
            Ok(t) if t > now => {
                return Err(fill(T::DiscoveredLater.get(lang), &[&text]));
            }
            Ok(t) => Some(t),
            Err(MomentError::Twice(a, b)) => {
                return Err(fill(
                    T::MomentTwice.get(lang),
                    &[
                        &text,
                        &a.format("%Y-%m-%dT%H:%M%:z").to_string(),
                        &b.format("%Y-%m-%dT%H:%M%:z").to_string(),
                    ],
                ));
            }
            Err(MomentError::Skipped) => return Err(fill(T::MomentSkipped.get(lang), &[&text])),
            Err(MomentError::NotATime) => return Err(fill(T::NotAMoment.get(lang), &[&text])),
        },
    };
    let by = text_of(value, "by");
    app.incident.author = Some(by.clone());
    let severity: Severity =
        serde_json::from_value(value["severity"].clone()).unwrap_or(Severity::Medium);
    let mut new = match &scenario {
        Some(s) => {
            let mut new = NewIncident::exercise(s, now, by);
            // The scenario's severity stands unless another was chosen.
            if severity != Severity::Medium {
                new.severity = severity;
            }
            new
        }
        None => NewIncident {
            title: String::new(),
            kind: if value["kind"] == json!("Exercise") {
                IncidentKind::Exercise
            } else {
                IncidentKind::Real
            },
            scenario: None,
            declared_at: now,
            declared_by: by,
            discovered_at: None,
            severity,
            personal_data: false,
            affected_systems: Vec::new(),
        },
    };
    if !title.is_empty() {
        new.title = title;
    }
    new.discovered_at = discovered;
    new.personal_data |= value["personal_data"].as_bool().unwrap_or(false);
    let created = IncidentWriter::new(&app.root)
        .create(new)
        .map_err(|e| write_error(app, &e))?;
    app.popup = None;
    let (id, kind) = (created.id.clone(), created.kind);
    adopt(app, created);
    open_screen(app, &id);
    let mut kind_word: String = kind
        .label(lang)
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .collect();
    kind_word.extend(kind.label(lang).chars().skip(1));
    let text = fill(
        T::Declared.get(lang),
        &[&kind_word, &app.clock.show(now, lang)],
    );
    app.info(text);
    Ok(())
}

fn notify(app: &mut App, id: &Id, value: &Value) -> Result<(), String> {
    let lang = app.lang;
    let to = Id::from(text_of(value, "to").as_str());
    let channel = text_of(value, "channel");
    let reference = text_of(value, "reference");
    let meets = serde_json::from_value::<Option<Deadline>>(value["meets"].clone())
        .ok()
        .flatten()
        .or_else(|| words::default_meets(app.workbook.contact(to.as_str())));
    let who = words::contact_label(Some(&app.workbook), &to);
    let text = words::notified(&who, None, &channel, &reference, meets, lang);
    let notification = Notification {
        to: to.clone(),
        at: app.clock.now,
        channel,
        reference,
        meets,
    };
    let entry = entry(app, EntryKind::Notified { to }, text.clone());
    let updated = IncidentWriter::new(&app.root)
        .record_notification(id.as_str(), notification, entry)
        .map_err(|e| write_error(app, &e))?;
    app.popup = None;
    adopt(app, updated);
    let message = match meets {
        Some(d) => fill(T::NotifiedMeets.get(lang), &[d.label(lang)]),
        None => fill(T::NotifiedNoDeadline.get(lang), &[&text]),
    };
    app.info(message);
    Ok(())
}

fn mark_affected(app: &mut App, id: &Id, value: &Value) -> Result<(), String> {
    let lang = app.lang;
    let Some(incident) = app.workbook.incident(id.as_str()).cloned() else {
        return Err(fill(T::IncidentGone.get(lang), &[id.as_str()]));
    };
    let chosen: Vec<Id> = value["systems"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(Id::from).collect())
        .unwrap_or_default();
    let kept: Vec<&str> = incident
        .affected_systems
        .iter()
        .filter(|s| !chosen.contains(s))
        .map(Id::as_str)
        .collect();
    let kept_note =
        (!kept.is_empty()).then(|| fill(T::AffectedNeverRemoved.get(lang), &[&kept.join(", ")]));
    app.popup = None;
    let (at, by) = (app.clock.now, author(app));
    let workbook = app.workbook.clone();
    let result =
        IncidentWriter::new(&app.root).add_affected_systems(id.as_str(), &chosen, |added| {
            TimelineEntry {
                at,
                by,
                kind: EntryKind::Note,
                text: words::affected(Some(&workbook), added, lang),
            }
        });
    let (updated, added) = match result {
        Ok(done) => done,
        Err(e) => {
            let text = write_error(app, &e);
            app.error(text);
            return Ok(());
        }
    };
    adopt(app, updated.clone());
    if let Some(screen) = app.incident.screen.as_mut() {
        screen.focus = Pane::Impact;
        screen.lower = Pane::Impact;
        screen.impact_scroll = 0;
    }
    let impact = logic::impact(&app.workbook, &updated.affected_systems);
    let mut message = if added.is_empty() {
        T::AffectedNothingNew.get(lang).to_owned()
    } else {
        let list: Vec<&str> = added.iter().map(Id::as_str).collect();
        fill(
            T::AffectedMarked.get(lang),
            &[&list.join(", "), &impact.processes.len().to_string()],
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
    if let Some(note) = kept_note {
        message.push(' ');
        message.push_str(&note);
    }
    app.info(message);
    Ok(())
}

fn close(app: &mut App, id: &Id, value: &Value) -> Result<(), String> {
    let lang = app.lang;
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
    if wants_steps && app.read_only.is_some() {
        return Err(T::PlanLessonReadOnly.get(lang).to_owned());
    }
    // The plan steps get their ids before anything is written, so each lesson
    // can name its step.
    let mut steps = Vec::new();
    let mut lessons = Vec::new();
    let mut phase = app.workbook.plan.phases.last().cloned();
    for (text, plan) in items {
        let mut lesson = Lesson {
            text,
            plan_step: None,
        };
        if plan {
            let Some(phase) = phase.as_mut() else {
                return Err(T::NoPhaseForLessons.get(lang).to_owned());
            };
            let step = words::lesson_step(phase, id, &lesson.text, lang);
            if let Some(n) = phase.step_number(&step.id) {
                phase.next_step = n.saturating_add(1);
            }
            phase.steps.push(step.clone());
            lesson.plan_step = Some(step.id.clone());
            steps.push(step);
        }
        lessons.push(lesson);
    }
    let Some(incident) = app.workbook.incident(id.as_str()).cloned() else {
        return Err(fill(T::IncidentGone.get(lang), &[id.as_str()]));
    };
    let entry = entry(
        app,
        EntryKind::Note,
        words::closed(incident.kind, lessons.len(), lang),
    );
    let learned = words::lessons_learned(lessons.len(), lang);
    let closed = IncidentWriter::new(&app.root)
        .close(id.as_str(), entry, lessons)
        .map_err(|e| write_error(app, &e))?;
    app.popup = None;
    adopt(app, closed);
    let mut message = fill(T::ClosedIncident.get(lang), &[id.as_str(), &learned]);
    if let (Some(number), false) = (phase.map(|p| p.number), steps.is_empty()) {
        let ids: Vec<String> = steps.iter().map(|s| s.id.to_string()).collect();
        let edit = Edit::Group(
            steps
                .into_iter()
                .map(|step| Edit::Record {
                    phase: Some(number),
                    index: usize::MAX,
                    before: None,
                    after: Some(Record::Step(step)),
                })
                .collect(),
        );
        match app.apply(edit) {
            Ok(()) => {
                message.push(' ');
                message.push_str(&fill(T::LessonSteps.get(lang), &[&ids.join(", ")]));
            }
            Err(e) => {
                let text = fill(T::IncidentWriteFailed.get(lang), &[&e.to_string()]);
                app.error(text);
                return Ok(());
            }
        }
    }
    app.info(message);
    Ok(())
}

/// Every quarter second: a new inject of the exercise on screen is announced and
/// shown; a screen whose incident is gone from disk closes.
pub fn on_tick(app: &mut App) {
    let Some(screen) = app.incident.screen.as_ref() else {
        return;
    };
    let Some(incident) = app.workbook.incident(screen.id.as_str()) else {
        let text = fill(T::IncidentGone.get(app.lang), &[screen.id.as_str()]);
        app.incident.screen = None;
        app.error(text);
        return;
    };
    let Some(scenario) = &screen.scenario else {
        return;
    };
    let now = shown_now(app, incident);
    let due = logic::injects_due(scenario, incident, now);
    if due.len() <= screen.injects_seen {
        return;
    }
    let newest = due
        .last()
        .map(|d| (d.inject.minute, d.inject.title.clone()));
    let count = due.len();
    if let Some(screen) = app.incident.screen.as_mut() {
        screen.injects_seen = count;
        screen.lower = Pane::Injects;
        screen.inject_scroll = 0;
    }
    if let Some((minute, title)) = newest {
        let text = fill(T::NewInject.get(app.lang), &[&minute.to_string(), &title]);
        app.info(text);
    }
}

/// Incident files on disk the store has not read: declared from another shell
/// while the app is open. The disk check loads them like changed files.
pub fn unknown_files(app: &App) -> Vec<String> {
    let dir = app.root.join(crate::store::layout::INCIDENTS_DIR);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.ends_with(".ron") && !name.starts_with('.'))
        .map(|name| format!("{}/{name}", crate::store::layout::INCIDENTS_DIR))
        .filter(|rel| !app.store.files().any(|known| known == rel))
        .collect();
    found.sort();
    found
}
