//! Colours and emphasis. Meaning never depends on colour alone: every level,
//! status and severity also has a word or symbol on screen. With `NO_COLOR` set
//! (https://no-color.org) only bold, reverse and underline are used.

use ratatui::style::{Color, Modifier, Style};

use crate::model::{RiskLevel, StepStatus};
use crate::review::Severity;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value, or as `--color
    /// always|never` decided (`cli::output`).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colour = match anstream::ColorChoice::global() {
            anstream::ColorChoice::Never => false,
            anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi => true,
            anstream::ColorChoice::Auto => !no_color,
        };
        Theme { colour }
    }

    pub fn plain() -> Theme {
        Theme { colour: false }
    }

    fn fg(&self, colour: Color) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn muted(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn selected(&self) -> Style {
        if self.colour {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn active_tab(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn banner(&self) -> Style {
        if self.colour {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn alert(&self) -> Style {
        if self.colour {
            Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn level(&self, level: RiskLevel) -> Style {
        match level {
            RiskLevel::Low => self.fg(Color::Green),
            RiskLevel::Medium => self.fg(Color::Yellow),
            RiskLevel::High => self.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            RiskLevel::Critical => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    /// A heat-map cell of `level`, filled.
    pub fn cell(&self, level: RiskLevel) -> Style {
        if !self.colour {
            return Style::new();
        }
        let bg = match level {
            RiskLevel::Low => Color::Green,
            RiskLevel::Medium => Color::Yellow,
            RiskLevel::High => Color::LightRed,
            RiskLevel::Critical => Color::Red,
        };
        Style::new().bg(bg).fg(Color::Black)
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow),
            Severity::Info => self.fg(Color::Cyan),
        }
    }

    pub fn status(&self, status: StepStatus) -> Style {
        match status {
            StepStatus::Todo => Style::new(),
            StepStatus::Doing => self.fg(Color::Yellow),
            StepStatus::Done => self.fg(Color::Green),
            StepStatus::Skipped => self.muted(),
        }
    }
}

/// The symbol shown next to a level, so it reads without colour.
pub fn level_symbol(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "○",
        RiskLevel::Medium => "◐",
        RiskLevel::High => "●",
        RiskLevel::Critical => "▲",
    }
}

pub fn severity_symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

pub fn status_symbol(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Todo => "[ ]",
        StepStatus::Doing => "[~]",
        StepStatus::Done => "[x]",
        StepStatus::Skipped => "[-]",
    }
}
