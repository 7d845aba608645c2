//! The crisis roles with their primary and deputy, and the call order with the
//! number to dial.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::labels::Label;
use crate::model::*;
use crate::sanitize::sanitize_line;
use crate::tui::component::Context;
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::screen_text::T;

pub fn draw(frame: &mut Frame, cx: &Context, area: Rect) {
    let lang = cx.lang();
    let wb = cx.workbook();
    let theme = cx.theme;
    let name = |id: Option<&Id>| -> String {
        match id {
            Some(id) => wb
                .contact(id.as_str())
                .map_or_else(|| format!("{id}?"), |c| sanitize_line(&c.name)),
            None => "—".to_owned(),
        }
    };
    let mut lines = vec![Line::from(Span::styled(
        T::CrisisRoles.get(lang),
        theme.heading(),
    ))];
    for role in RoleKind::ALL {
        let held = wb.crisis_role(role);
        let primary = held.and_then(|r| r.primary.as_ref());
        let deputy = held.and_then(|r| r.deputy.as_ref());
        let mut spans = vec![Span::raw(format!(
            "{:<18} {}",
            role.label(lang),
            name(primary)
        ))];
        match deputy {
            Some(_) => spans.push(Span::raw(format!(" / {}", name(deputy)))),
            None => spans.push(Span::styled(
                format!(" / ✗ {}", T::NoDeputy.get(lang)),
                theme.error(),
            )),
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        T::CallOrder.get(lang),
        theme.heading(),
    )));
    if wb.contacts.call_order.is_empty() {
        lines.push(Line::from(Span::styled(
            T::NoCallOrder.get(lang),
            theme.muted(),
        )));
    }
    for (n, call) in wb.contacts.call_order.iter().enumerate() {
        let phone = wb
            .contact(call.contact.as_str())
            .and_then(Contact::first_phone)
            .map(|p| sanitize_line(&p.number))
            .unwrap_or_default();
        lines.push(Line::from(format!(
            "{}. {} {}  {}",
            n + 1,
            name(Some(&call.contact)),
            phone,
            sanitize_line(&call.reason)
        )));
    }
    // The keys that edit what is shown, from the key map.
    let keys: Vec<String> = [Command::CrisisRoles, Command::CallOrder]
        .into_iter()
        .filter_map(|command| {
            let key = cx.keymap.key_for(Keys::Contacts, command)?;
            Some(format!("{} {}", key.label(lang), command.doc(lang)))
        })
        .collect();
    let mut block = Block::default().borders(Borders::ALL);
    if !keys.is_empty() {
        block = block.title(Span::styled(
            format!(" {} ", keys.join(" · ")),
            theme.muted(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
