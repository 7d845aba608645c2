//! Where each part of the screen goes: a function of the terminal size (and
//! whether a banner shows) alone, so mouse clicks are mapped with the same numbers
//! that drew the screen, and `update` keeps the selection in the rows that fit.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// The parts of the screen.
#[derive(Clone, Copy, Debug)]
pub struct Areas {
    pub tabs: Rect,
    pub banner: Option<Rect>,
    pub list: Rect,
    pub side: Rect,
    pub status: Rect,
    /// Everything between the tab bar and the status lines (the incident screen).
    pub body: Rect,
    /// The line above the incident screen for a warning that must not be
    /// missed (see [`Areas::with_warning`]).
    pub warning: Option<Rect>,
}

impl Areas {
    /// The same areas with the first line of the body kept for a warning.
    pub fn with_warning(mut self) -> Areas {
        if self.body.height > 0 {
            self.warning = Some(Rect {
                height: 1,
                ..self.body
            });
            self.body.y += 1;
            self.body.height -= 1;
        }
        self
    }
}

/// Whether the screen is wide enough for list and details side by side.
pub fn wide(size: (u16, u16)) -> bool {
    size.0 >= 100
}

pub fn areas(size: (u16, u16), banner: bool) -> Areas {
    let area = Rect::new(0, 0, size.0, size.1);
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Length(1),
            Constraint::Length(u16::from(banner)),
            Constraint::Min(3),
            Constraint::Length(2),
        ])
        .split(area);
    let main = rows[2];
    let split = if wide(size) {
        Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Percentage(58), Constraint::Percentage(42)])
            .split(main)
    } else {
        Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Percentage(55), Constraint::Percentage(45)])
            .split(main)
    };
    let top = rows[0].y + rows[0].height;
    Areas {
        tabs: rows[0],
        banner: banner.then_some(rows[1]),
        list: split[0],
        side: split[1],
        status: rows[3],
        body: Rect::new(rows[0].x, top, rows[0].width, rows[3].y.saturating_sub(top)),
        warning: None,
    }
}

/// How many rows of a list fit in its area (border, header and border off).
pub fn list_height(list: Rect) -> usize {
    usize::from(list.height.saturating_sub(3))
}

/// A rectangle of `width`×`height` (clamped) centred in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
