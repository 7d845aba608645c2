//! The incident screen's state: which incident, which pane has the arrow keys,
//! what is selected and how far each text is scrolled, the log line being typed.

use ratatui_textarea::TextArea;

use crate::model::*;
use crate::response::{self, CallState};
use crate::store::templates;
use crate::tui::component::Context;

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
pub struct IncidentScreen {
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

impl IncidentScreen {
    /// The screen on incident `id`, on the first call not reached and the first
    /// step not done (`None` when there is no such incident).
    pub fn open(id: &Id, cx: &Context) -> Option<IncidentScreen> {
        let workbook = cx.workbook();
        let incident = workbook.incident(id.as_str())?;
        let scenario = match (&incident.kind, &incident.scenario) {
            (IncidentKind::Exercise, Some(name)) => {
                templates::scenario(cx.lang(), name).ok().flatten()
            }
            _ => None,
        };
        let now = shown_now(cx, incident);
        let due = scenario
            .as_ref()
            .map_or(0, |s| response::injects_due(s, incident, now).len());
        let first_open_call = response::call_progress(workbook, incident)
            .iter()
            .position(|c| !matches!(c.state, CallState::Reached { .. }))
            .unwrap_or(0);
        let first_open_step = response::first_hour_progress(&workbook.plan, incident)
            .iter()
            .position(|s| s.done.is_none())
            .unwrap_or(0);
        Some(IncidentScreen {
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
        })
    }

    /// The incident on screen, as the session holds it.
    pub fn incident<'a>(&self, cx: &Context<'a>) -> Option<&'a Incident> {
        cx.workbook().incident(self.id.as_str())
    }

    /// Typing into the log line.
    pub fn typing(&self) -> bool {
        self.log.is_some()
    }

    /// Shows `pane` below the call order (small screens); it takes the arrow keys
    /// unless the call order has them.
    pub fn bring_forward(&mut self, pane: Pane) {
        self.lower = pane;
        if self.focus != Pane::Calls {
            self.focus = pane;
        }
    }
}

/// The moment the screen shows `incident` at: now, or when it was closed.
pub fn shown_now(cx: &Context, incident: &Incident) -> Timestamp {
    match incident.closed_at {
        Some(closed) if !incident.is_active() => closed,
        _ => cx.clock.now,
    }
}

/// An empty log line.
pub fn log_area() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(ratatui::style::Style::new());
    area
}
