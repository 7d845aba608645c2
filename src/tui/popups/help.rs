//! The keys, built from the live key map: those of the screen under the help
//! first, then the ones that work everywhere, then those of forms and pickers.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::component::{Context, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::screen_text::T;

#[derive(Debug)]
pub struct HelpPopup {
    /// The contexts of the screen under the help, most specific first.
    pub below: Vec<Keys>,
    pub scroll: usize,
}

impl HelpPopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Help]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::Cancel) => return Outcome::of(Request::Close),
            Some(Command::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Command::Down) => self.scroll += 1,
            _ => {}
        }
        Outcome::none()
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let lang = cx.lang();
        let theme = cx.theme;
        let screen = frame.area();
        let area = centred(screen, 76, screen.height.saturating_sub(2));
        frame.render_widget(Clear, area);
        let mut lines = Vec::new();
        let mut shown: Vec<Keys> = Vec::new();
        let sections = self.below.iter().copied().chain([
            Keys::Form,
            Keys::Picker,
            Keys::PickerMulti,
            Keys::Items,
        ]);
        for context in sections {
            if shown.contains(&context) {
                continue;
            }
            shown.push(context);
            let heading = match context {
                Keys::Global => T::HelpEverywhere,
                Keys::List => T::HelpLists,
                Keys::Records => T::HelpRecords,
                Keys::IncidentLog => T::HelpLogLine,
                Keys::Form => T::HelpForms,
                Keys::Picker => T::HelpPicker,
                Keys::PickerMulti => T::HelpPickerMulti,
                Keys::Items => T::HelpItems,
                _ => T::HelpHere,
            };
            lines.push(Line::from(Span::styled(heading.get(lang), theme.heading())));
            for (command, keys) in cx.keymap.for_context(context) {
                let keys: Vec<String> = keys.iter().map(|k| k.label(lang)).collect();
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<22}", keys.join(" ")), theme.key()),
                    Span::raw(command.doc(lang)),
                ]));
            }
            lines.push(Line::default());
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" {} ", T::HelpTitle.get(lang)),
                theme.title(),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", cx.keymap.hint_line(Keys::Help, lang)),
                theme.key(),
            ));
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .scroll((self.scroll as u16, 0)),
            area,
        );
    }
}
