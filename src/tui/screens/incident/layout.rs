//! Where each part of the incident screen goes: a pure function of the area, the
//! screen's state and how many clocks, calls and steps there are. Drawing and the
//! scroll limits of the keys both read it, so they agree at every size.
//!
//! Most urgent first, and never off screen: the header, the deadline clocks and
//! the call order at the top; below them the first-hour steps, the affected
//! systems, the injects of an exercise and the log. At 80×24 those share one pane
//! below the call order (Tab switches); from 100 columns and 30 rows they sit side
//! by side. The last line is the log line.

use ratatui::layout::Rect;

use super::state::{IncidentScreen, Pane};

/// How many of each thing the screen lists (what the layout makes room for).
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub clocks: usize,
    pub notifications: usize,
    pub calls: usize,
    pub first_hour: usize,
}

impl Counts {
    pub fn of(view: &crate::response::Overview) -> Counts {
        Counts {
            clocks: view.clocks.len(),
            notifications: view.incident.notifications.len(),
            calls: view.calls.len(),
            first_hour: view.first_hour.len(),
        }
    }
}

/// Where each part of the incident screen goes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Areas {
    pub header: Rect,
    pub log: Rect,
    pub deadlines: Rect,
    pub calls: Rect,
    /// The tab strip of the shared lower pane (small screens only).
    pub strip: Option<Rect>,
    pub first_hour: Option<Rect>,
    pub impact: Option<Rect>,
    pub injects: Option<Rect>,
    pub timeline: Option<Rect>,
}

/// Side by side from 100 columns and 30 rows.
pub fn roomy(area: Rect) -> bool {
    area.width >= 100 && area.height >= 30
}

pub fn rect(x: u16, y: u16, width: u16, height: u16) -> Rect {
    Rect::new(x, y, width, height)
}

/// The lines a call's or step's details take when it is selected.
pub fn detail_room(screen: &IncidentScreen, pane: Pane, roomy: bool) -> usize {
    match (roomy, screen.focus == pane) {
        (true, true) => 3,
        (true, false) => 2,
        (false, true) => 2,
        (false, false) => 0,
    }
}

pub fn areas(screen: &IncidentScreen, counts: Counts, area: Rect) -> Areas {
    let mut out = Areas::default();
    if area.height < 4 {
        out.header = rect(area.x, area.y, area.width, area.height.min(1));
        return out;
    }
    out.header = rect(area.x, area.y, area.width, 1);
    out.log = rect(area.x, area.y + area.height - 1, area.width, 1);
    let body = rect(area.x, area.y + 1, area.width, area.height - 2);
    let big = roomy(area);
    let clocks = counts.clocks.max(1);
    let notifications = if big { counts.notifications.min(3) } else { 0 };
    let deadlines_h = (1 + clocks + notifications) as u16;
    let calls_needed = (1 + counts.calls.max(1) + detail_room(screen, Pane::Calls, big)) as u16;
    let lower_min = if big { 8 } else { 4 };
    let deadlines_h = deadlines_h.min(body.height / 3).max(2);
    let calls_h = calls_needed
        .min(body.height.saturating_sub(deadlines_h + lower_min))
        .max(2.min(body.height));
    out.deadlines = rect(body.x, body.y, body.width, deadlines_h.min(body.height));
    out.calls = rect(
        body.x,
        body.y + out.deadlines.height,
        body.width,
        calls_h.min(body.height.saturating_sub(out.deadlines.height)),
    );
    let used = out.deadlines.height + out.calls.height;
    let lower = rect(
        body.x,
        body.y + used,
        body.width,
        body.height.saturating_sub(used),
    );
    if lower.height == 0 {
        return out;
    }
    if big {
        let left_w = lower.width * 55 / 100;
        let left = rect(lower.x, lower.y, left_w, lower.height);
        let right = rect(
            lower.x + left_w + 2,
            lower.y,
            lower.width.saturating_sub(left_w + 2),
            lower.height,
        );
        let steps_needed =
            (1 + counts.first_hour.max(1) + detail_room(screen, Pane::FirstHour, true)) as u16;
        let steps_h = steps_needed.min(left.height * 65 / 100).max(3);
        out.first_hour = Some(rect(left.x, left.y, left.width, steps_h));
        out.impact = Some(rect(
            left.x,
            left.y + steps_h,
            left.width,
            left.height.saturating_sub(steps_h),
        ));
        if screen.scenario.is_some() {
            let injects_h = right.height / 2;
            out.injects = Some(rect(right.x, right.y, right.width, injects_h));
            out.timeline = Some(rect(
                right.x,
                right.y + injects_h,
                right.width,
                right.height - injects_h,
            ));
        } else {
            out.timeline = Some(right);
        }
    } else {
        out.strip = Some(rect(lower.x, lower.y, lower.width, 1));
        let pane = rect(
            lower.x,
            lower.y + 1,
            lower.width,
            lower.height.saturating_sub(1),
        );
        match screen.lower {
            Pane::Impact => out.impact = Some(pane),
            Pane::Injects if screen.scenario.is_some() => out.injects = Some(pane),
            Pane::Timeline => out.timeline = Some(pane),
            _ => out.first_hour = Some(pane),
        }
    }
    out
}
