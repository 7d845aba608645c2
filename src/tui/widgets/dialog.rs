//! The box a question is asked in: a title, the question, and the line of
//! choices built from the key map.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::sanitize::sanitize_line;
use crate::tui::component::Context;
use crate::tui::keymap::Context as Keys;
use crate::tui::layout::centred;

/// Draws a question with the choices of `keys` under it.
pub fn question(frame: &mut Frame, cx: &Context, title: &str, text: &str, keys: Keys) {
    let area = centred(frame.area(), 70, 10);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), cx.theme.title()));
    let choices = cx.keymap.hint_line(keys, cx.lang());
    let lines = vec![
        Line::from(sanitize_line(text)),
        Line::default(),
        Line::from(Span::styled(choices, cx.theme.key())),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
