//! The text of each part of the incident screen, built from the incident's
//! overview ([`response::overview`]) for a given width: what the panes say, which
//! line a selection is on, how far each can scroll. Everything from files passes
//! through `sanitize_line`; states carry a word and a mark (`[!]`, `[x]`, `[~]`),
//! so colour is never the only sign.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{Areas, Counts, areas, detail_room, rect};
use super::state::{IncidentScreen, Pane, shown_now};
use crate::model::labels::{Label, duration_words};
use crate::model::*;
use crate::response::{self, CallState, ClockState, Overview};
use crate::review::Severity as FindingSeverity;
use crate::sanitize::sanitize_line;
use crate::tui::component::Context;
use crate::tui::screen_text::{T, fill};

/// Cuts `text` to `width` characters, marking the cut with `…`.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

pub fn pad(text: &str, width: usize) -> String {
    format!("{:<width$}", fit(text, width))
}

/// Word-wraps `text` to `width` characters a line (words longer than that are split).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut word: String = word.to_owned();
            loop {
                let used = line.chars().count();
                let len = word.chars().count();
                let gap = usize::from(used > 0);
                if used + gap + len <= width {
                    if gap == 1 {
                        line.push(' ');
                    }
                    line.push_str(&word);
                    break;
                }
                if used > 0 {
                    out.push(std::mem::take(&mut line));
                    continue;
                }
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                out.push(head);
                if word.is_empty() {
                    break;
                }
            }
        }
        out.push(line);
    }
    while out.len() > 1 && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Wrapped, indented lines of one style.
pub fn wrapped(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    wrap(
        &sanitize_line_keep_breaks(text),
        width.saturating_sub(indent),
    )
    .into_iter()
    .map(|l| Line::from(Span::styled(format!("{pad}{l}"), style)))
    .collect()
}

/// Makes file text safe line by line, keeping its line breaks for wrapping.
fn sanitize_line_keep_breaks(text: &str) -> String {
    text.lines()
        .map(sanitize_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What keeps a section's view in place when its text is longer than its area.
#[derive(Clone, Copy, Debug)]
pub enum Anchor {
    /// Keep lines `start..=end` (the selection and its details) in view.
    Keep(usize, usize),
    /// Scrolled down by this many lines.
    Scroll(usize),
    /// Scrolled back from the end by this many lines (the log follows its latest entry).
    FromEnd(usize),
}

/// The first line shown of `total` lines in `height` rows.
pub fn offset(anchor: Anchor, total: usize, height: usize) -> usize {
    let room = total.saturating_sub(height);
    match anchor {
        Anchor::Keep(start, end) => {
            let down = (end + 1).saturating_sub(height);
            down.min(start).min(room)
        }
        Anchor::Scroll(n) => n.min(room),
        Anchor::FromEnd(n) => room.saturating_sub(n),
    }
}

/// One part of the screen: a heading line and its text.
pub struct Section {
    heading: Vec<Span<'static>>,
    lines: Vec<Line<'static>>,
    anchor: Anchor,
    focused: bool,
}

/// A section's heading: its name, and after a dot what it counts (muted).
pub fn heading(cx: &Context, name: T, count: Option<String>) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(name.get(cx.lang()).to_owned())];
    if let Some(count) = count {
        spans.push(Span::styled(format!(" · {count}"), cx.theme.muted()));
    }
    spans
}

/// One muted line of screen text.
pub fn muted(cx: &Context, text: T) -> Line<'static> {
    Line::from(Span::styled(
        text.get(cx.lang()).to_owned(),
        cx.theme.muted(),
    ))
}

pub fn render(frame: &mut Frame, cx: &Context, area: Rect, section: Section, with_heading: bool) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = cx.theme;
    let body_h = usize::from(area.height) - usize::from(with_heading);
    let first = offset(section.anchor, section.lines.len(), body_h);
    let more_above = first > 0;
    let more_below = first + body_h < section.lines.len();
    if with_heading {
        let mut spans = vec![Span::styled(
            if section.focused { "▶ " } else { "  " },
            theme.key(),
        )];
        let style = if section.focused {
            theme.title()
        } else {
            theme.heading()
        };
        spans.extend(
            section
                .heading
                .into_iter()
                .map(|s| Span::styled(s.content, style.patch(s.style))),
        );
        let marks = match (more_above, more_below) {
            (true, true) => " ▲▼",
            (true, false) => " ▲",
            (false, true) => " ▼",
            (false, false) => "",
        };
        spans.push(Span::styled(marks, theme.muted()));
        frame.render_widget(
            Paragraph::new(Line::from(spans)),
            rect(area.x, area.y, area.width, 1),
        );
    }
    let lines: Vec<Line> = section.lines.into_iter().skip(first).take(body_h).collect();
    let y = area.y + u16::from(with_heading);
    frame.render_widget(
        Paragraph::new(lines),
        rect(area.x, y, area.width, area.height - u16::from(with_heading)),
    );
}

/// Where a pane below the call order is, and its text, when it is on screen.
pub fn pane_section(
    cx: &Context,
    screen: &IncidentScreen,
    view: &Overview,
    areas: &Areas,
    pane: Pane,
) -> Option<(Rect, Section)> {
    let big = areas.strip.is_none();
    let r = match pane {
        Pane::FirstHour => areas.first_hour,
        Pane::Impact => areas.impact,
        Pane::Injects => areas.injects,
        Pane::Timeline => areas.timeline,
        Pane::Calls => None,
    }?;
    let section = match pane {
        Pane::FirstHour => first_hour(cx, screen, view, r.width, big),
        Pane::Impact => impact(cx, screen, view, r.width),
        Pane::Injects => injects(cx, screen, view, r.width),
        Pane::Timeline => timeline(cx, screen, view.incident, r.width),
        Pane::Calls => return None,
    };
    Some((r, section))
}

/// How far the text of `pane` can scroll in `area` (the incident screen's), from
/// the layout and the pane's text: the keys stop there.
pub fn scroll_room(cx: &Context, screen: &IncidentScreen, pane: Pane, area: Rect) -> usize {
    let Some(incident) = screen.incident(cx) else {
        return 0;
    };
    let now = shown_now(cx, incident);
    let view = response::overview(cx.workbook(), incident, screen.scenario.as_ref(), now);
    let areas = areas(screen, Counts::of(&view), area);
    let heading = usize::from(areas.strip.is_none());
    if pane == Pane::FirstHour {
        return 0; // a selection, not a scroll position
    }
    let Some((r, section)) = pane_section(cx, screen, &view, &areas, pane) else {
        return 0;
    };
    let lines = section.lines.len();
    lines.saturating_sub(usize::from(r.height).saturating_sub(heading))
}

pub fn header(cx: &Context, screen: &IncidentScreen, view: &Overview) -> Line<'static> {
    let lang = cx.lang();
    let theme = cx.theme;
    let incident = view.incident;
    let (tag, style) = match (incident.is_active(), incident.kind) {
        (false, _) => (T::TagClosed, theme.banner()),
        (true, IncidentKind::Real) => (T::TagIncident, theme.alert()),
        (true, IncidentKind::Exercise) => (T::TagExercise, theme.banner()),
    };
    let declared = cx.clock.show(incident.declared_at, lang);
    let when = match &screen.scenario {
        // Closed: how long it was open (the clocks stopped at the close).
        _ if !incident.is_active() => fill(
            T::OpenFor.get(lang),
            &[&response::span_words(view.since_declared, lang)],
        ),
        Some(scenario) => fill(
            T::ExerciseMinute.get(lang),
            &[
                &(view.since_declared.max(0) / 60).to_string(),
                &scenario.duration_minutes.to_string(),
            ],
        ),
        None => fill(
            T::SinceDeclared.get(lang),
            &[&response::span_words(view.since_declared, lang)],
        ),
    };
    let mut spans = vec![
        Span::styled(format!(" {} ", tag.get(lang)), style),
        Span::styled(format!(" {when} "), theme.heading()),
    ];
    if let Some(story) = view.story {
        let moved = response::seconds_between(incident.declared_at, story);
        spans.push(Span::styled(
            format!(
                "({}) ",
                fill(
                    T::StoryTime.get(lang),
                    &[&response::span_words(moved, lang)]
                )
            ),
            theme.heading(),
        ));
    }
    spans.push(Span::raw(format!("· {}", incident.severity.label(lang))));
    if incident.personal_data {
        spans.push(Span::styled(
            format!(" · {}", T::PersonalDataInvolved.get(lang)),
            theme.error(),
        ));
    }
    spans.push(Span::raw(format!(" · {}", sanitize_line(&incident.title))));
    if let Some(closed) = incident.closed_at {
        spans.push(Span::raw(format!(
            " · {}",
            fill(T::ClosedAt.get(lang), &[&cx.clock.show(closed, lang)])
        )));
    }
    spans.push(Span::styled(
        fill(
            T::DeclaredBy.get(lang),
            &[&declared, &sanitize_line(&incident.declared_by)],
        ),
        theme.muted(),
    ));
    Line::from(spans)
}

fn deadline_label(clock: &response::Clock, lang: Language) -> String {
    let label = clock.deadline.label(lang);
    let mut out: String = label.chars().take(1).flat_map(char::to_uppercase).collect();
    out.extend(label.chars().skip(1));
    if clock.deadline == Deadline::Insurer {
        out.push_str(&format!(" ({})", duration_words(clock.window, lang)));
    }
    out
}

pub fn deadlines(cx: &Context, view: &Overview, width: u16, big: bool) -> Section {
    let lang = cx.lang();
    let theme = cx.theme;
    let mut lines = Vec::new();
    if view.clocks.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(T::NoClocks.get(lang), usize::from(width)),
            theme.muted(),
        )));
    }
    let label_w = view
        .clocks
        .iter()
        .map(|c| deadline_label(c, lang).chars().count())
        .max()
        .unwrap_or(0)
        .min(usize::from(width) / 2);
    for clock in &view.clocks {
        let (mark, style) = match clock.state {
            ClockState::Met { .. } => ("[x]", theme.ok()),
            ClockState::Running => ("[ ]", Style::new()),
            ClockState::NearlyDue => ("[!]", theme.severity(FindingSeverity::Warning)),
            ClockState::Overdue => ("[!]", theme.error()),
        };
        let state = clock.state.label(lang);
        let mut due = cx.clock.show(clock.due, lang);
        if clock.story {
            due = response::words::story_time(&due, lang);
        }
        let what = match clock.state {
            ClockState::Met { at, .. } => {
                let by = clock
                    .met_by
                    .as_ref()
                    .map(|n| {
                        let mut by = words_to(cx, n);
                        if !n.reference.trim().is_empty() {
                            by.push_str(&format!(", {}", sanitize_line(&n.reference)));
                        }
                        by
                    })
                    .unwrap_or_default();
                fill(
                    T::ClockMet.get(lang),
                    &[state, &cx.clock.show(at, lang), &by, &due],
                )
            }
            _ => fill(
                T::ClockRunning.get(lang),
                &[state, &response::left_words(clock.left_seconds, lang), &due],
            ),
        };
        let bold = if clock.state.needs_action() {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), bold),
            Span::styled(pad(&deadline_label(clock, lang), label_w), Style::new()),
            Span::raw("  "),
            Span::styled(what, bold),
        ]));
    }
    if big {
        let n = view.incident.notifications.len();
        for note in view.incident.notifications.iter().skip(n.saturating_sub(3)) {
            let mut text = fill(
                T::NotificationLine.get(lang),
                &[
                    &cx.clock.show(note.at, lang),
                    &words_to(cx, note),
                    &sanitize_line(&note.reference),
                ],
            );
            if let Some(d) = note.meets {
                text.push_str(&fill(T::Meets.get(lang), &[d.label(lang)]));
            }
            lines.push(Line::from(Span::styled(
                fit(&text, usize::from(width)),
                theme.muted(),
            )));
        }
    }
    let notified = view.incident.notifications.len();
    Section {
        heading: heading(
            cx,
            T::Deadlines,
            (notified > 0).then(|| {
                fill(
                    T::NotificationsRecorded.get(lang),
                    &[&response::words::notifications(notified, lang)],
                )
            }),
        ),
        lines,
        anchor: Anchor::Scroll(0),
        focused: false,
    }
}

/// "C-015 Polderzeker cyber incident line by phone" for a notification.
fn words_to(cx: &Context, note: &Notification) -> String {
    let who = cx
        .workbook()
        .contact(note.to.as_str())
        .map_or_else(|| note.to.to_string(), |c| c.name.clone());
    sanitize_line(&fill(T::ToBy.get(cx.lang()), &[&who, note.channel.trim()]))
}

pub fn calls(
    cx: &Context,
    screen: &IncidentScreen,
    view: &Overview,
    width: u16,
    big: bool,
) -> Section {
    let lang = cx.lang();
    let theme = cx.theme;
    let width = usize::from(width);
    let reached = view
        .calls
        .iter()
        .filter(|c| matches!(c.state, CallState::Reached { .. }))
        .count();
    let heading = heading(
        cx,
        T::CallOrder,
        Some(fill(
            T::Reached.get(lang),
            &[&reached.to_string(), &view.calls.len().to_string()],
        )),
    );
    let mut lines = Vec::new();
    // Without contacts.ron there is no call order to show: the printed card has it.
    let contacts_broken = cx.session.did_not_load(Register::Contacts);
    if contacts_broken {
        lines.push(Line::from(Span::styled(
            T::NoContactsUseCard.get(lang).to_owned(),
            theme.alert(),
        )));
    }
    if view.calls.is_empty() {
        if !contacts_broken {
            lines.push(muted(cx, T::NoCallOrder));
        }
        return Section {
            heading,
            lines,
            anchor: Anchor::Scroll(0),
            focused: screen.focus == Pane::Calls,
        };
    }
    // Not called yet: the mark `[ ]` says so, and the room goes to the other columns.
    let state_text = |state: CallState| match state {
        CallState::NotCalled => String::new(),
        CallState::NotReached { last } | CallState::Reached { at: last } => {
            format!("{} {}", state.label(lang), cx.clock.show(last, lang))
        }
    };
    let phone_w = view
        .calls
        .iter()
        .filter_map(|c| c.contact.and_then(Contact::first_phone))
        .map(|p| p.number.chars().count())
        .max()
        .unwrap_or(9)
        .clamp(9, 16);
    let state_w = view
        .calls
        .iter()
        .map(|c| state_text(c.state).chars().count())
        .max()
        .unwrap_or(0);
    let name_w = (width * 30 / 100).clamp(14, 30);
    let used = 8 + name_w + 1 + phone_w + 1 + state_w + usize::from(state_w > 0);
    let rest = width.saturating_sub(used);
    let detail = detail_room(screen, Pane::Calls, big);
    let mut keep = (0, 0);
    for (i, call) in view.calls.iter().enumerate() {
        let selected = i == screen.call;
        let (mark, mark_style) = match call.state {
            CallState::Reached { .. } => ("[x]", theme.ok()),
            CallState::NotReached { .. } => ("[~]", theme.severity(FindingSeverity::Warning)),
            CallState::NotCalled => ("[ ]", Style::new()),
        };
        let (name, phone, oob) = match call.contact {
            Some(c) => (
                sanitize_line(&c.name),
                c.first_phone().map(|p| sanitize_line(&p.number)),
                c.out_of_band_channel().map(sanitize_line),
            ),
            None => (
                fill(T::NotAContact.get(lang), &[call.call.contact.as_str()]),
                None,
                None,
            ),
        };
        let phone = match phone {
            Some(p) => Span::styled(pad(&p, phone_w), theme.key()),
            None => Span::styled(pad(T::NoNumber.get(lang), phone_w), theme.muted()),
        };
        let mut spans = vec![
            Span::styled(mark, mark_style),
            Span::raw(format!(" {:>2}. ", call.position)),
            Span::styled(pad(&name, name_w), theme.heading()),
            Span::raw(" "),
            phone,
        ];
        if state_w > 0 {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                pad(&state_text(call.state), state_w),
                mark_style,
            ));
        }
        if rest > 3
            && let Some(oob) = &oob
        {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(fit(oob, rest), theme.muted()));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(theme.selected());
            keep.0 = lines.len();
        }
        lines.push(line);
        if selected && detail > 0 {
            let more = call_details(cx, call, oob.as_deref(), width.saturating_sub(8));
            for text in more.into_iter().take(detail) {
                lines.push(Line::from(Span::styled(
                    format!("        {text}"),
                    theme.muted(),
                )));
            }
        }
        if selected {
            keep.1 = lines.len() - 1;
        }
    }
    Section {
        heading,
        lines,
        anchor: Anchor::Keep(keep.0, keep.1),
        focused: screen.focus == Pane::Calls,
    }
}

/// The selected call's details, wrapped: who they are, every number, the way to
/// reach them when the network is down, and why they are called.
fn call_details(
    cx: &Context,
    call: &response::CallProgress,
    oob: Option<&str>,
    width: usize,
) -> Vec<String> {
    let lang = cx.lang();
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = call.contact {
        let mut who = c.role.trim().to_owned();
        if c.kind != ContactKind::Internal && !c.organisation.trim().is_empty() {
            if !who.is_empty() {
                who.push_str(" · ");
            }
            who.push_str(c.organisation.trim());
        }
        if !who.is_empty() {
            parts.push(who);
        }
        let phones: Vec<String> = c
            .all_phones()
            .filter(|p| !p.number.trim().is_empty())
            .map(|p| format!("{}: {}", p.label.trim(), p.number.trim()))
            .collect();
        if phones.is_empty() {
            if !c.email.trim().is_empty() {
                parts.push(fill(T::EmailOnly.get(lang), &[c.email.trim()]));
            }
        } else {
            parts.push(phones.join("; "));
        }
        if let Some(oob) = oob {
            parts.push(fill(T::OutOfBand.get(lang), &[oob]));
        }
    }
    if !call.call.reason.trim().is_empty() {
        parts.push(fill(T::WhyCall.get(lang), &[call.call.reason.trim()]));
    }
    parts
        .iter()
        .flat_map(|p| wrap(&sanitize_line(p), width))
        .collect()
}

pub fn first_hour(
    cx: &Context,
    screen: &IncidentScreen,
    view: &Overview,
    width: u16,
    big: bool,
) -> Section {
    let lang = cx.lang();
    let theme = cx.theme;
    let width = usize::from(width);
    let done = view.first_hour.iter().filter(|s| s.done.is_some()).count();
    let heading = heading(
        cx,
        T::FirstHour,
        Some(fill(
            T::StepsDoneOf.get(lang),
            &[&done.to_string(), &view.first_hour.len().to_string()],
        )),
    );
    let mut lines = Vec::new();
    if view.first_hour.is_empty() {
        lines.push(muted(cx, T::NoFirstHour));
    }
    let detail = if big {
        detail_room(screen, Pane::FirstHour, true)
    } else {
        2
    };
    let mut keep = (0, 0);
    for (i, step) in view.first_hour.iter().enumerate() {
        let selected = i == screen.step;
        let (mark, style) = match step.done {
            Some(_) => ("[x]", theme.ok()),
            None => ("[ ]", Style::new()),
        };
        let tail = match (step.done, step.step.role) {
            (Some(e), _) => format!(" — {} {}", cx.clock.show(e.at, lang), sanitize_line(&e.by)),
            (None, Some(role)) => format!(" ({})", role.label(lang)),
            (None, None) => String::new(),
        };
        let head = format!("{mark} {} ", step.step.id);
        let title_w = width.saturating_sub(head.chars().count() + tail.chars().count());
        let mut line = Line::from(vec![
            Span::styled(head, style),
            Span::raw(fit(&sanitize_line(&step.step.title), title_w.max(10))),
            Span::styled(tail, theme.muted()),
        ]);
        if selected {
            line = line.style(theme.selected());
            keep.0 = lines.len();
        }
        lines.push(line);
        if selected && detail > 0 && !step.step.description.trim().is_empty() {
            lines.extend(
                wrapped(&step.step.description, width, 4, theme.muted())
                    .into_iter()
                    .take(detail),
            );
        }
        if selected {
            keep.1 = lines.len() - 1;
        }
    }
    Section {
        heading,
        lines,
        anchor: Anchor::Keep(keep.0, keep.1),
        focused: screen.focus == Pane::FirstHour,
    }
}

fn backup_words(cx: &Context, cover: &response::BackupCover) -> String {
    let lang = cx.lang();
    let test = match cover.last_test {
        Some(t) => {
            let took = t
                .took
                .map(|d| fill(T::Took.get(lang), &[&duration_words(d, lang)]))
                .unwrap_or_default();
            fill(
                T::LastRestoreTest.get(lang),
                &[&t.date.to_string(), t.result.label(lang), &took],
            )
        }
        None => T::NeverRestoreTested.get(lang).to_owned(),
    };
    format!("{} {} ({test})", cover.backup.id, cover.backup.what)
}

pub fn impact(cx: &Context, screen: &IncidentScreen, view: &Overview, width: u16) -> Section {
    let lang = cx.lang();
    let theme = cx.theme;
    let width = usize::from(width);
    let hit = &view.impact;
    let heading = heading(
        cx,
        T::AffectedSystems,
        (!hit.systems.is_empty()).then(|| {
            fill(
                T::ProcessesHitCount.get(lang),
                &[&RecordKind::Process.count(hit.processes.len(), lang)],
            )
        }),
    );
    let mut lines = Vec::new();
    if hit.systems.is_empty() {
        lines.extend(wrapped(T::NoAffected.get(lang), width, 0, theme.muted()));
    } else {
        let systems: Vec<String> = hit
            .systems
            .iter()
            .map(|s| match s.system {
                Some(sys) => format!("{} {} ({})", s.id, sys.name, sys.kind.label(lang)),
                None => fill(T::NotInProcessMap.get(lang), &[s.id.as_str()]),
            })
            .collect();
        lines.extend(wrapped(&systems.join(" · "), width, 0, theme.heading()));
        let personal: Vec<String> = hit
            .personal_data_systems()
            .map(|s| s.id.to_string())
            .collect();
        if !personal.is_empty() && !view.incident.personal_data {
            lines.extend(wrapped(
                &fill(T::HoldsPersonalData.get(lang), &[&personal.join(", ")]),
                width,
                0,
                theme.severity(FindingSeverity::Warning),
            ));
        }
        if hit.processes.is_empty() {
            lines.extend(wrapped(T::NoProcessHit.get(lang), width, 0, theme.muted()));
        } else {
            lines.push(Line::from(Span::styled(
                T::ProcessesHit.get(lang).to_owned(),
                theme.heading(),
            )));
        }
        for (n, p) in hit.processes.iter().enumerate() {
            let process = p.process;
            let rto = process
                .rto
                .map(|d| duration_words(d, lang))
                .unwrap_or_else(|| T::NotSet.get(lang).to_owned());
            let via: Vec<&str> = p.via.iter().map(|id| id.as_str()).collect();
            let line = fill(
                T::ProcessHitLine.get(lang),
                &[
                    &(n + 1).to_string(),
                    process.id.as_str(),
                    &process.name,
                    process.criticality.label(lang),
                    &rto,
                    &via.join(", "),
                ],
            );
            lines.extend(wrapped(&line, width, 0, Style::new()));
            let workaround = process.workaround.trim();
            let workaround = if workaround.is_empty() {
                T::NoWorkaround.get(lang).to_owned()
            } else {
                fill(T::Workaround.get(lang), &[workaround])
            };
            lines.extend(wrapped(&workaround, width, 4, Style::new()));
            if p.backups.is_empty() {
                lines.extend(wrapped(
                    T::NoBackupCovers.get(lang),
                    width,
                    4,
                    theme.error(),
                ));
            }
            for cover in &p.backups {
                lines.extend(wrapped(
                    &fill(T::RestoreFrom.get(lang), &[&backup_words(cx, cover)]),
                    width,
                    4,
                    theme.muted(),
                ));
            }
        }
    }
    Section {
        heading,
        lines,
        anchor: Anchor::Scroll(screen.impact_scroll),
        focused: screen.focus == Pane::Impact,
    }
}

pub fn injects(cx: &Context, screen: &IncidentScreen, view: &Overview, width: u16) -> Section {
    let lang = cx.lang();
    let theme = cx.theme;
    let width = usize::from(width);
    let mut lines = Vec::new();
    let Some(scenario) = &screen.scenario else {
        return Section {
            heading: heading(cx, T::Injects, None),
            lines,
            anchor: Anchor::Scroll(0),
            focused: false,
        };
    };
    let heading = vec![Span::raw(fill(
        T::ScenarioHeading.get(lang),
        &[&sanitize_line(&scenario.title)],
    ))];
    match &view.next_inject {
        Some(next) => {
            let left =
                response::span_words(response::seconds_between(cx.clock.now, next.due), lang);
            lines.extend(wrapped(
                &fill(
                    T::NextInject.get(lang),
                    &[
                        &next.inject.minute.to_string(),
                        &cx.clock.show(next.due, lang),
                        &left,
                    ],
                ),
                width,
                0,
                theme.key(),
            ));
        }
        None => {
            lines.extend(wrapped(T::AllInjectsShown.get(lang), width, 0, theme.key()));
            for q in &scenario.questions {
                lines.extend(wrapped(&format!("? {q}"), width, 2, Style::new()));
            }
        }
    }
    for (n, due) in view.injects.iter().rev().enumerate() {
        let title = fill(
            T::InjectTitle.get(lang),
            &[
                &due.inject.minute.to_string(),
                &cx.clock.show(due.due, lang),
                &due.inject.title,
            ],
        );
        let style = if n == 0 {
            theme.title()
        } else {
            theme.heading()
        };
        lines.extend(wrapped(&title, width, 0, style));
        if !due.inject.story_time.trim().is_empty() {
            let story = fill(T::InjectStory.get(lang), &[&due.inject.story_time]);
            lines.extend(wrapped(&story, width, 2, theme.muted()));
        }
        lines.extend(wrapped(&due.inject.text, width, 2, Style::new()));
        for q in &due.inject.questions {
            lines.extend(wrapped(&format!("? {q}"), width, 2, theme.muted()));
        }
    }
    Section {
        heading,
        lines,
        anchor: Anchor::Scroll(screen.inject_scroll),
        focused: screen.focus == Pane::Injects,
    }
}

pub fn timeline(cx: &Context, screen: &IncidentScreen, incident: &Incident, width: u16) -> Section {
    let lang = cx.lang();
    let theme = cx.theme;
    let width = usize::from(width);
    let heading = heading(
        cx,
        T::Log,
        Some(crate::model::bilingual::counted(
            lang,
            incident.timeline.len(),
            ("entry", "entries"),
            ("regel", "regels"),
        )),
    );
    let mut lines = Vec::new();
    if incident.timeline.is_empty() {
        lines.extend(wrapped(T::LogEmpty.get(lang), width, 0, theme.muted()));
    }
    for entry in &incident.timeline {
        let decision = entry.kind == EntryKind::Decision;
        let head = format!(
            "{} {}: ",
            cx.clock.show(entry.at, lang),
            sanitize_line(&entry.by)
        );
        let word = if decision {
            format!("{}: ", T::DecisionWord.get(lang))
        } else {
            String::new()
        };
        let text = format!("{head}{word}{}", entry.text.trim());
        let style = if decision {
            theme.heading()
        } else {
            Style::new()
        };
        lines.extend(
            wrap(&sanitize_line_keep_breaks(&text), width.saturating_sub(2))
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    let l = if i == 0 { l } else { format!("  {l}") };
                    Line::from(Span::styled(l, style))
                }),
        );
    }
    Section {
        heading,
        lines,
        anchor: Anchor::FromEnd(screen.timeline_back),
        focused: screen.focus == Pane::Timeline,
    }
}

/// The tab strip of the shared pane below the call order (small screens).
pub fn strip(cx: &Context, screen: &IncidentScreen, view: &Overview) -> Line<'static> {
    let lang = cx.lang();
    let theme = cx.theme;
    let done = view.first_hour.iter().filter(|s| s.done.is_some()).count();
    let mut panes = vec![
        (
            Pane::FirstHour,
            format!(
                "{} {done}/{}",
                T::FirstHour.get(lang),
                view.first_hour.len()
            ),
        ),
        (
            Pane::Impact,
            format!(
                "{} {}",
                T::Affected.get(lang),
                view.incident.affected_systems.len()
            ),
        ),
    ];
    if screen.scenario.is_some() {
        panes.push((
            Pane::Injects,
            format!("{} {}", T::Injects.get(lang), view.injects.len()),
        ));
    }
    panes.push((
        Pane::Timeline,
        format!("{} {}", T::Log.get(lang), view.incident.timeline.len()),
    ));
    let focused = screen.focus == screen.lower;
    let mut spans = vec![Span::styled(if focused { "▶ " } else { "  " }, theme.key())];
    for (pane, label) in panes {
        if pane == screen.lower {
            let style = if focused {
                theme.title()
            } else {
                theme.heading()
            };
            spans.push(Span::styled(
                format!("[{label}]"),
                style.add_modifier(Modifier::UNDERLINED),
            ));
        } else {
            spans.push(Span::styled(format!(" {label} "), theme.muted()));
        }
        spans.push(Span::raw(" "));
    }
    let key = cx
        .keymap
        .key_for(
            crate::tui::keymap::Context::Incident,
            crate::tui::keymap::Command::NextPane,
        )
        .map(|k| k.label(lang))
        .unwrap_or_default();
    spans.push(Span::styled(
        fill(T::PaneKey.get(lang), &[&key]),
        theme.muted(),
    ));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_words_and_splits_only_words_too_long_for_a_line() {
        assert_eq!(
            wrap("call the incident lead by phone", 12),
            ["call the", "incident", "lead by", "phone"]
        );
        assert_eq!(wrap("abcdefghijkl", 8), ["abcdefgh", "ijkl"]);
        assert_eq!(wrap("one\ntwo", 20), ["one", "two"]);
    }

    #[test]
    fn the_view_keeps_the_selection_and_its_details_on_screen() {
        assert_eq!(offset(Anchor::Keep(0, 0), 20, 5), 0);
        assert_eq!(offset(Anchor::Keep(8, 10), 20, 5), 6);
        assert_eq!(offset(Anchor::Scroll(99), 20, 5), 15);
        assert_eq!(offset(Anchor::FromEnd(0), 20, 5), 15);
        assert_eq!(offset(Anchor::FromEnd(3), 20, 5), 12);
        assert_eq!(offset(Anchor::Keep(3, 3), 4, 5), 0);
    }
}
