//! The heat map: how many risks in each cell of likelihood × impact, current or
//! residual; it takes the arrow keys to choose a cell that filters the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::labels::Label;
use crate::model::*;
use crate::tui::component::Context;
use crate::tui::screen_text::{T, fill};
use crate::tui::theme::level_symbol;

/// The cell the heat map's cursor is on, while it has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeatMapFocus {
    pub likelihood: u8,
    pub impact: u8,
}

pub fn draw(
    frame: &mut Frame,
    cx: &Context,
    focus: Option<HeatMapFocus>,
    residual: bool,
    chosen: Option<(u8, u8, bool)>,
    area: Rect,
) {
    let lang = cx.lang();
    let theme = cx.theme;
    let which = if residual { T::Residual } else { T::Current };
    let focused = focus.is_some();
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", fill(T::HeatMapTitle.get(lang), &[which.get(lang)])),
        if focused {
            theme.title()
        } else {
            theme.heading()
        },
    ));
    let scales = &cx.workbook().manifest.risk_scales;
    let counts = cx.session.heat(residual);
    let mut lines = vec![Line::from(format!(
        "{:>3}  {}",
        T::Likelihood
            .get(lang)
            .chars()
            .next()
            .unwrap_or('L')
            .to_uppercase()
            .to_string(),
        (1..=5).map(|i| format!("  {i}  ")).collect::<String>()
    ))];
    for likelihood in (1..=5u8).rev() {
        let mut spans = vec![Span::raw(format!("{likelihood:>3}  "))];
        for impact in 1..=5u8 {
            let level = scales.level(likelihood * impact);
            let n = counts[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let is_focus = focus.is_some_and(|f| f.likelihood == likelihood && f.impact == impact);
            let is_chosen = chosen.is_some_and(|(l, i, _)| l == likelihood && i == impact);
            let text = if n == 0 {
                "  ·  ".to_owned()
            } else {
                format!("{n:^5}")
            };
            let text = if is_focus {
                format!("[{}]", &text[1..text.len() - 1])
            } else if is_chosen {
                format!("<{}>", &text[1..text.len() - 1])
            } else {
                text
            };
            let mut style = theme.cell(level);
            if is_focus || is_chosen {
                style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
            }
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    let legend: Vec<Span> = [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Critical,
    ]
    .iter()
    .map(|l| {
        Span::styled(
            format!("{} {}  ", level_symbol(*l), l.label(lang)),
            theme.level(*l),
        )
    })
    .collect();
    lines.push(Line::from(format!("     {} →", T::Impact.get(lang))));
    lines.push(Line::from(legend));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
