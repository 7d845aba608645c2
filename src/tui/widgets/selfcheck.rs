//! The self-check's score per principle and overall, its level and how many
//! actions are open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::bar::bar;
use crate::model::bilingual::pick;
use crate::model::labels::Label;
use crate::tui::component::Context;
use crate::tui::screen_text::T;

/// The self-check's score per principle and overall, and its level.
pub fn draw(frame: &mut Frame, cx: &Context, area: Rect) {
    let lang = cx.lang();
    let theme = cx.theme;
    let result = crate::review::selfcheck::selfcheck_result(cx.workbook());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}% ", result.overall.percent), theme.title()),
        Span::styled(result.level.label(lang), theme.heading()),
        Span::raw(format!(
            " · {} {}",
            result.open_actions(),
            pick(lang, "actions open", "acties open")
        )),
    ])];
    for p in &result.principles {
        lines.push(Line::from(format!(
            "{} {:>3}%  {}",
            bar(usize::from(p.score.percent), 100, 10),
            p.score.percent,
            p.principle.label(lang)
        )));
    }
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::SelfCheckResult.get(lang)),
        theme.heading(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
