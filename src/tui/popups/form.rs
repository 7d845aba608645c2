//! A form on screen, with the picker or list editor opened from one of its
//! fields: keys become the form's operations (`tui::forms`), and saving hands
//! the values to whoever opened the form, with what it is for.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::sanitize::sanitize_line;
use crate::tui::component::{Context, Outcome, Request};
use crate::tui::forms::{Editor, FieldKind, Form, Picker, display_value};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::purpose::FormPurpose;
use crate::tui::screen_text::T;
use crate::tui::widgets::detail::ref_label;

#[derive(Debug)]
pub struct FormPopup {
    pub form: Box<Form>,
    pub purpose: FormPurpose,
}

impl FormPopup {
    /// The contexts whose keys apply: the innermost form's picker, its list of
    /// items, or the form.
    pub fn contexts(&self) -> Vec<Keys> {
        let form = self.form.innermost();
        match &form.picker {
            Some(picker) if picker.multi => vec![Keys::PickerMulti],
            Some(_) => vec![Keys::Picker],
            None if form.items.is_some() => vec![Keys::Items],
            None => vec![Keys::Form],
        }
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        let form = self.form.innermost_mut();
        if form.confirm_discard {
            // Asked whether to throw away what was typed: yes closes, any other key stays.
            if cx.keymap.lookup(&[Keys::Confirm], &key) == Some(Command::Yes) {
                return self.close_innermost();
            }
            form.confirm_discard = false;
            return Outcome::none();
        }
        let contexts = self.contexts();
        let form = self.form.innermost_mut();
        if let Some(picker) = &mut form.picker {
            if let Some(command) = cx.keymap.lookup(&contexts, &key) {
                return self.picker_command(command);
            }
            match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    picker.query.push(c)
                }
                KeyCode::Backspace => {
                    picker.query.pop();
                }
                _ => return Outcome::none(),
            }
            picker.refilter();
            return Outcome::none();
        }
        if form.items.is_some() {
            if let Some(command) = cx.keymap.lookup(&contexts, &key) {
                form.items_command(command);
            }
            return Outcome::none();
        }
        // Enter makes a new line in a multi-line field; letters and ← → go to the
        // text being typed.
        let multiline_enter =
            key.code == KeyCode::Enter && form.focus_is_multiline() && key.modifiers.is_empty();
        let typed_letter = form.focus_is_text()
            && matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let command = if multiline_enter
            || typed_letter
            || (form.focus_is_text() && matches!(key.code, KeyCode::Left | KeyCode::Right))
        {
            None
        } else {
            cx.keymap.lookup(&[Keys::Form], &key)
        };
        match command {
            Some(command) => self.form_command(command, cx),
            None => {
                self.form.innermost_mut().type_key(key);
                Outcome::none()
            }
        }
    }

    /// Closes the innermost sub-form, or the whole form when there is none.
    fn close_innermost(&mut self) -> Outcome {
        if self.form.close_innermost() {
            Outcome::none()
        } else {
            Outcome::of(Request::Close)
        }
    }

    fn picker_command(&mut self, command: Command) -> Outcome {
        let form = self.form.innermost_mut();
        let Some(picker) = &mut form.picker else {
            return Outcome::none();
        };
        match command {
            Command::Up => picker.selected = picker.selected.saturating_sub(1),
            Command::Down => {
                picker.selected = (picker.selected + 1).min(picker.visible.len().saturating_sub(1))
            }
            Command::Toggle => picker.toggle(),
            Command::Choose | Command::Done => {
                let field = picker.field;
                let ids = if picker.multi {
                    picker.chosen.clone()
                } else {
                    picker
                        .current()
                        .and_then(|(id, _)| id.clone())
                        .into_iter()
                        .collect()
                };
                form.picker = None;
                form.set_refs(field, ids);
                // A form that is only a picker is saved with the choice.
                if form.submit_on_pick {
                    return self.submit();
                }
            }
            // ... and closed without it.
            Command::Cancel if form.submit_on_pick => return Outcome::of(Request::Close),
            Command::Cancel => form.picker = None,
            _ => {}
        }
        Outcome::none()
    }

    fn form_command(&mut self, command: Command, cx: &Context) -> Outcome {
        let today = cx.today();
        let form = self.form.innermost_mut();
        match command {
            Command::NextField => form.next_field(),
            Command::PrevField => form.prev_field(),
            Command::Today => form.today(today),
            Command::Clear => form.clear(),
            Command::FieldAction => form.field_action(cx.workbook()),
            Command::Cancel => {
                if form.touched {
                    form.confirm_discard = true;
                } else {
                    return self.close_innermost();
                }
            }
            Command::SubmitForm => return self.submit(),
            _ => {}
        }
        Outcome::none()
    }

    /// Saves the innermost form: a sub-form goes back into its list field; the top
    /// form's values go to whoever opened it (which closes it, or says why not).
    fn submit(&mut self) -> Outcome {
        if let Some(result) = self.form.submit_sub() {
            if let Err(e) = result {
                self.form.message = Some(e);
            }
            return Outcome::none();
        }
        match self.form.build() {
            Ok(value) => Outcome::of(Request::Submitted(self.purpose.clone(), value)),
            Err(_) => Outcome::none(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        draw_form(frame, cx, &self.form, frame.area(), 0);
    }
}

fn field_height(form: &Form, index: usize) -> u16 {
    let field = &form.fields[index];
    let value_lines = match (&field.spec.kind, &field.editor) {
        (FieldKind::Multi, Editor::Text(area)) => {
            area.lines().len().clamp(1, 4) as u16 + u16::from(index == form.focus)
        }
        _ => 1,
    };
    1 + value_lines + u16::from(field.error.is_some())
}

fn draw_form(frame: &mut Frame, cx: &Context, form: &Form, screen: Rect, depth: u16) {
    let lang = cx.lang();
    let theme = cx.theme;
    let width = screen.width.saturating_sub(4 + depth * 4).min(100);
    let height = screen.height.saturating_sub(2 + depth * 2);
    let area = centred(screen, width, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} ", sanitize_line(&form.title)),
            theme.title(),
        ))
        .title_bottom(Span::styled(
            format!(
                " {} ",
                cx.keymap
                    .hint_line_within(Keys::Form, lang, usize::from(width.saturating_sub(6)))
            ),
            theme.muted(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    // The message line at the bottom.
    let message_area = Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1);
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    if form.confirm_discard {
        frame.render_widget(
            Paragraph::new(format!(
                "{} ({})",
                T::DiscardForm.get(lang),
                cx.keymap.hint_line(Keys::Confirm, lang)
            ))
            .style(theme.error()),
            message_area,
        );
    } else if let Some(message) = &form.message {
        frame.render_widget(
            Paragraph::new(sanitize_line(message)).style(theme.error()),
            message_area,
        );
    }
    // Scroll so the focused field shows.
    let heights: Vec<u16> = (0..form.fields.len())
        .map(|i| field_height(form, i))
        .collect();
    let mut first = 0;
    loop {
        let used: u16 = heights[first..=form.focus.min(heights.len().saturating_sub(1)).max(first)]
            .iter()
            .sum();
        if used <= body.height || first >= form.focus {
            break;
        }
        first += 1;
    }
    let label_of = |kind, id: &crate::model::Id| sanitize_line(&ref_label(cx.workbook(), kind, id));
    let mut y = body.y;
    for (index, field) in form.fields.iter().enumerate().skip(first) {
        let h = heights[index];
        if y + h > body.y + body.height {
            break;
        }
        let focused = index == form.focus;
        let mark = if field.spec.required { " *" } else { "" };
        let label_style = if focused {
            theme.key()
        } else {
            theme.heading()
        };
        let pointer = if focused { "▶ " } else { "  " };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{pointer}{}{mark}", sanitize_line(&field.spec.label)),
                label_style,
            )),
            Rect::new(body.x, y, body.width, 1),
        );
        let value_area = Rect::new(
            body.x + 4,
            y + 1,
            body.width.saturating_sub(4),
            h - 1 - u16::from(field.error.is_some()),
        );
        match (&field.editor, focused) {
            (Editor::Text(area), true) => {
                let mut area = area.clone();
                area.set_cursor_line_style(Style::new());
                area.set_style(theme.selected());
                frame.render_widget(&area, value_area);
            }
            _ => {
                let text = display_value(field, lang, &label_of);
                let style = if focused {
                    theme.selected()
                } else {
                    Style::new()
                };
                let shown: Vec<Line> = crate::sanitize::sanitize_text(&text)
                    .split('\n')
                    .take(usize::from(value_area.height))
                    .map(|l| Line::from(l.to_owned()))
                    .collect();
                frame.render_widget(Paragraph::new(shown).style(style), value_area);
            }
        }
        if let Some(error) = &field.error {
            frame.render_widget(
                Paragraph::new(format!("✗ {}", sanitize_line(error))).style(theme.error()),
                Rect::new(body.x + 4, y + h - 1, body.width.saturating_sub(4), 1),
            );
        }
        y += h;
    }
    if let Some(picker) = &form.picker {
        draw_picker(frame, cx, picker, screen);
    }
    if let Some(items) = &form.items {
        let Some(field) = form.fields.get(items.field) else {
            return;
        };
        if let (FieldKind::Items(spec), Editor::Items(values)) = (&field.spec.kind, &field.editor) {
            let area = centred(
                screen,
                width.saturating_sub(6),
                (values.len() as u16 + 4).clamp(6, height),
            );
            frame.render_widget(Clear, area);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(
                    format!(" {} ", sanitize_line(&field.spec.label)),
                    theme.title(),
                ))
                .title_bottom(Span::styled(
                    format!(" {} ", cx.keymap.hint_line(Keys::Items, lang)),
                    theme.muted(),
                ));
            let lines: Vec<Line> = if values.is_empty() {
                vec![Line::from(Span::styled(
                    T::NoneChosen.get(lang),
                    theme.muted(),
                ))]
            } else {
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let text = sanitize_line(&(spec.summary)(v, lang));
                        if i == items.selected {
                            Line::from(Span::styled(format!("▶ {text}"), theme.selected()))
                        } else {
                            Line::from(format!("  {text}"))
                        }
                    })
                    .collect()
            };
            frame.render_widget(Paragraph::new(lines).block(block), area);
            if let Some((_, sub)) = &items.sub {
                draw_form(frame, cx, sub, screen, depth + 1);
            }
        }
    }
}

fn draw_picker(frame: &mut Frame, cx: &Context, picker: &Picker, screen: Rect) {
    let lang = cx.lang();
    let theme = cx.theme;
    let area = centred(
        screen,
        screen.width.saturating_sub(10).min(80),
        screen.height.saturating_sub(4).min(20),
    );
    frame.render_widget(Clear, area);
    let keys = if picker.multi {
        Keys::PickerMulti
    } else {
        Keys::Picker
    };
    let hint = format!(
        "{} · {}",
        T::PickerHint.get(lang),
        cx.keymap.hint_line(keys, lang)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" / {}▏ ", sanitize_line(&picker.query)),
            theme.key(),
        ))
        .title_bottom(Span::styled(format!(" {hint} "), theme.muted()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let offset = picker.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = picker
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &i)| {
            let (id, label) = &picker.options[i];
            let mark = if picker.multi {
                if id.as_ref().is_some_and(|id| picker.chosen.contains(id)) {
                    "[x] "
                } else {
                    "[ ] "
                }
            } else {
                ""
            };
            let text = format!("{mark}{label}");
            if n == picker.selected {
                Line::from(Span::styled(text, theme.selected()))
            } else {
                Line::from(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
