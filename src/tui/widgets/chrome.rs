//! What is on every screen: the tab bar, the banner (unsaved work the recovery
//! file does not hold, a file that did not load, an active incident, a read-only
//! workbook, a scratch copy), the status lines with the hints built from the key
//! map, and the first frame drawn before the workbook is loaded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::Language;
use crate::sanitize::sanitize_line;
use crate::tui::component::Context;
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::screen_text::{T, fill};
use crate::tui::session::Message;
use crate::tui::tabs::{self, Tab};

/// The warning that stays up whatever screen is on show, the incident screen
/// too: unsaved work a crash would lose (until the recovery file can be written
/// again), else the files that did not load.
pub fn warning_text(cx: &Context) -> Option<String> {
    let session = cx.session;
    if let Some(warning) = session.recovery_warning() {
        return Some(warning);
    }
    if session.broken().is_empty() {
        return None;
    }
    let reason = session.read_only()?;
    Some(fill(T::ReadOnly.get(cx.lang()), &[reason]))
}

/// The banner's text, and whether it is an alert (an incident in progress, a
/// warning).
pub fn banner_text(cx: &Context) -> Option<(String, bool)> {
    let lang = cx.lang();
    let session = cx.session;
    if let Some(warning) = warning_text(cx) {
        return Some((warning, true));
    }
    if let Some(incident) = session.workbook().active_incident() {
        let mut text = fill(
            T::ActiveIncident.get(lang),
            &[&incident.title, &cx.clock.show(incident.declared_at, lang)],
        );
        if let Some(key) = cx.keymap.key_for(Keys::Global, Command::OpenIncident) {
            text.push_str(&fill(T::OpenWithKey.get(lang), &[&key.label(lang)]));
        }
        return Some((text, true));
    }
    if let Some(reason) = session.read_only() {
        return Some((fill(T::ReadOnly.get(lang), &[reason]), false));
    }
    if session.scratch() {
        return Some((
            fill(
                T::ScratchCopy.get(lang),
                &[&session.root().display().to_string()],
            ),
            false,
        ));
    }
    None
}

pub fn banner(frame: &mut Frame, cx: &Context, area: Rect) {
    if let Some((text, alert)) = banner_text(cx) {
        let style = if alert {
            cx.theme.alert()
        } else {
            cx.theme.banner()
        };
        frame.render_widget(Paragraph::new(sanitize_line(&text)).style(style), area);
    }
}

/// The warning line above the incident screen (see [`warning_text`]).
pub fn warning(frame: &mut Frame, cx: &Context, area: Rect) {
    if let Some(text) = warning_text(cx) {
        frame.render_widget(
            Paragraph::new(sanitize_line(&text)).style(cx.theme.alert()),
            area,
        );
    }
}

pub fn tab_bar(frame: &mut Frame, cx: &Context, active: Tab, area: Rect) {
    let mut spans = Vec::new();
    for (tab, label) in Tab::ALL
        .iter()
        .zip(tabs::labels(active, cx.size.0, cx.lang()))
    {
        let style = if *tab == active {
            cx.theme.active_tab()
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The organisation, what is unsaved, the last message; below it the keys of
/// `contexts`.
pub fn status(
    frame: &mut Frame,
    cx: &Context,
    message: Option<&Message>,
    contexts: &[Keys],
    area: Rect,
) {
    let theme = cx.theme;
    let lang = cx.lang();
    let session = cx.session;
    let name = sanitize_line(&session.workbook().manifest.organisation.name);
    let files = session.dirty_files();
    let (state, short_state) = if session.dirty().is_empty() {
        let text = format!("✓ {}", T::AllSaved.get(lang));
        ((text.clone(), theme.ok()), (text, theme.ok()))
    } else {
        (
            (
                format!("● {}", fill(T::Unsaved.get(lang), &[&files.join(", ")])),
                theme.error(),
            ),
            (
                format!(
                    "● {}",
                    fill(T::UnsavedCount.get(lang), &[&files.len().to_string()])
                ),
                theme.error(),
            ),
        )
    };
    // git's part, only inside a repository: branch, ahead/behind, uncommitted.
    let git = cx.git.status().map(|git| {
        let key = |command| {
            cx.keymap
                .key_for(Keys::Global, command)
                .map(|k| k.label(lang))
                .unwrap_or_default()
        };
        let (text, attention) = crate::tui::git_view::status_words(
            git,
            crate::tui::git_view::conflicts_left(session.workbook()),
            lang,
            &key(Command::GitChanges),
            &key(Command::MergeConflicts),
        );
        let style = if attention {
            theme.alert()
        } else {
            theme.muted()
        };
        (sanitize_line(&text), style)
    });
    let git_text = git.as_ref().map(|(t, _)| t.as_str()).unwrap_or_default();
    // The message matters most: when the line is short, the names of the unsaved
    // files, then the organisation's name give way to it.
    let message_text = message.map(|m| sanitize_line(&m.text)).unwrap_or_default();
    let room = usize::from(area.width);
    let used = |parts: &[&str]| parts.iter().map(|p| p.chars().count() + 2).sum::<usize>();
    let (state, with_name) = if used(&[&name, &state.0, git_text, &message_text]) <= room {
        (state, true)
    } else if used(&[&name, &short_state.0, git_text, &message_text]) <= room {
        (short_state, true)
    } else {
        (short_state, false)
    };
    let mut first = Vec::new();
    if with_name {
        first.push(Span::styled(name, theme.heading()));
        first.push(Span::raw("  "));
    }
    first.push(Span::styled(state.0, state.1));
    if let Some((text, style)) = git {
        first.push(Span::raw("  "));
        first.push(Span::styled(text, style));
    }
    if let Some(message) = message {
        let style = if message.error {
            theme.error()
        } else {
            Style::new()
        };
        first.push(Span::raw("  "));
        first.push(Span::styled(message_text, style));
    }
    // The most specific keys first; when they do not all fit, the last ones give
    // way, but never the key to the help, which lists them all, nor find, the way
    // to anyone from anywhere.
    let mut shown = cx.keymap.hints(contexts, lang);
    let width = |shown: &[(crate::tui::keymap::Key, Command)]| -> usize {
        shown
            .iter()
            .map(|(k, c)| k.label(lang).chars().count() + 1 + c.short(lang).chars().count())
            .sum::<usize>()
            + 3 * shown.len().saturating_sub(1)
    };
    while width(&shown) > usize::from(area.width) {
        match shown
            .iter()
            .rposition(|(_, c)| !matches!(c, Command::Help | Command::Find))
        {
            Some(at) => {
                shown.remove(at);
            }
            None => break,
        }
    }
    let mut hints = Vec::new();
    for (key, command) in shown {
        if !hints.is_empty() {
            hints.push(Span::styled(" · ", theme.muted()));
        }
        hints.push(Span::styled(key.label(lang), theme.key()));
        hints.push(Span::raw(format!(" {}", command.short(lang))));
    }
    let lines = vec![Line::from(first), Line::from(hints)];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The first frame, drawn before the workbook is loaded (the workbook's language is
/// not known yet, so it speaks both).
pub fn loading(frame: &mut Frame, root: &std::path::Path) {
    let area = frame.area();
    let shown = sanitize_line(&root.display().to_string());
    let lines = vec![
        Line::from(Span::styled(
            "paraat",
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from(fill(T::Loading.get(Language::En), &[&shown])),
        Line::from(fill(T::Loading.get(Language::Nl), &[&shown])),
    ];
    frame.render_widget(Paragraph::new(lines), centred(area, area.width.min(100), 3));
}
