//! The terminal UI. Only this module touches ratatui and crossterm.
//!
//! The Elm shape, as components. Terminal events become [`app::Action`]s; the
//! coordinator ([`app::App`]) hands each to the component that has the keyboard
//! (the popup on top, else the incident screen, else the tabs), which changes
//! its own state and answers with an [`component::Outcome`]: requests for an
//! edit, a save, a popup, an incident entry, an effect for the run loop. `App`
//! carries them out through the [`session::Session`], the one place the workbook
//! changes; drawing reads the state only.
//!
//! Who may call whom, from the top down (no file reaches up, so there is no
//! circle between them; `docs/architecture.md` has the picture):
//!
//! - `mod.rs` (the run loop) → `app`
//! - `app` (the coordinator) → `screens`, `popups`, and everything below
//! - `screens`, `popups` (the components) → `widgets`, `forms`, `lists`, and the
//!   bottom modules; never each other
//! - `widgets`, `forms`, `lists` → the bottom modules
//! - the bottom modules: `component` (the contract: context, requests, outcome),
//!   `session` (the workbook being edited), `incident_change`, `purpose`, `layout`,
//!   `tabs`, `keymap`, `theme`, `clock`, `screen_text`, `git_view`; `component`
//!   may name `session`, `forms`, `incident_change` and `git_view`, `session` and
//!   `git_view` only the layers below the terminal UI (and `git_view` the screen
//!   texts)
//!
//! The terminal is restored on every way out: normal exit, errors, and panics
//! (the panic hook restores it before the report is printed). The run loop is also
//! the only place that reads the system clock: it sets [`App::clock`] before every
//! step, so `update` and `draw` get "now" as an input.

pub mod app;
pub mod clock;
pub mod component;
pub mod forms;
pub mod git_view;
pub mod incident_change;
pub mod keymap;
pub mod layout;
pub mod lists;
pub mod popups;
pub mod purpose;
pub mod screen_text;
pub mod screens;
pub mod session;
pub mod tabs;
pub mod theme;
pub mod widgets;

use std::io;
use std::process::Command as Process;
use std::time::Duration as StdDuration;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use app::{Action, update};
pub use app::{App, Options};
use clock::Clock;
use component::Effect;

/// Why the UI stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Load(#[from] crate::store::LoadError),
    #[error("terminal: {0}")]
    Terminal(#[from] io::Error),
}

/// Restores the terminal when dropped (also when unwinding from a panic).
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        enable_raw_mode()?;
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
        )?;
        Ok(TerminalGuard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), ratatui::crossterm::cursor::Show);
}

/// Opens the workbook and runs the UI until the user quits.
pub fn run(options: Options) -> Result<(), TuiError> {
    run_at(options, None)
}

/// Runs the UI with "now" standing still at `now` when given (`--now`, for
/// demonstrations), else following the system clock.
pub fn run_at(options: Options, now: Option<crate::model::Timestamp>) -> Result<(), TuiError> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let guard = TerminalGuard::enter()?;
    // A fresh terminal draws everything on its first frame; `Terminal::clear` is
    // avoided because it asks the terminal for the cursor position, which not
    // every terminal answers.
    let new_terminal =
        || ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()));
    let mut terminal = new_terminal()?;
    // Something on screen at once: a large workbook takes a moment to load and check.
    terminal.draw(|frame| widgets::chrome::loading(frame, &options.root))?;
    let mut app = match App::open(options) {
        Ok(app) => app,
        Err(e) => {
            drop(guard);
            return Err(e.into());
        }
    };
    app.clock = match now {
        Some(now) => Clock::fixed(now),
        None => Clock::system(),
    };
    app.session.author();
    let size = terminal.size()?;
    update(&mut app, Action::Resize(size.width, size.height));
    loop {
        app.clock.refresh();
        terminal.draw(|frame| app.draw(frame))?;
        if app.quit {
            break;
        }
        if event::poll(StdDuration::from_millis(250))? {
            if let Some(action) = Action::from_event(event::read()?) {
                app.clock.refresh();
                update(&mut app, action);
            }
        } else {
            app.clock.refresh();
            update(&mut app, Action::Tick);
        }
        for effect in std::mem::take(&mut app.effects) {
            match effect {
                Effect::OpenEditor { file, line } => {
                    restore();
                    let result = open_editor(&file, line);
                    enable_raw_mode()?;
                    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
                    terminal = new_terminal()?;
                    if let Err(message) = result {
                        app.error(message);
                    }
                    app.check_disk();
                }
                Effect::Export(options) => {
                    app.clock.refresh();
                    let now = app.clock.now;
                    app.export(&options, now);
                }
            }
        }
    }
    drop(guard);
    Ok(())
}

/// Runs `$VISUAL` / `$EDITOR` (else `vi`) on `file`, at `line` where the editor takes `+N`.
fn open_editor(file: &std::path::Path, line: Option<usize>) -> Result<(), String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_owned());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_owned();
    let mut command = Process::new(&program);
    command.args(words);
    if let Some(line) = line {
        command.arg(format!("+{line}"));
    }
    command.arg(file);
    match command.status() {
        Ok(_) => Ok(()),
        Err(e) => Err(screen_text::fill(
            screen_text::T::EditorFailed.get(crate::model::Language::En),
            &[&program, &e.to_string()],
        )),
    }
}
