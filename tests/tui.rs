//! The terminal UI driven through `update`, as a user drives it with keys, and
//! snapshots of every tab at 80×24 and 120×40 (ratatui's TestBackend + insta).

mod common;

use common::TestWorkbook;
use paraat::model::*;
use paraat::tui::app::{App, Options, Popup, Tab};
use paraat::tui::rows::ListId;
use paraat::tui::theme::Theme;
use paraat::tui::update::{Action, update};
use paraat::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

struct Session {
    wb: TestWorkbook,
    _data: tempfile::TempDir,
    app: App,
}

fn today() -> Date {
    Date::parse("2026-12-01").unwrap()
}

fn open(wb: TestWorkbook, data: tempfile::TempDir) -> Session {
    let mut app = App::open(Options {
        root: wb.path().to_path_buf(),
        today: today(),
        scratch: false,
        data_dir: Some(data.path().to_path_buf()),
        export_dir: std::env::temp_dir(),
    })
    .expect("opens");
    app.theme = Theme::plain();
    update(&mut app, Action::Resize(120, 40));
    Session {
        wb,
        _data: data,
        app,
    }
}

fn example() -> Session {
    open(TestWorkbook::example(), tempfile::tempdir().unwrap())
}

impl Session {
    fn key(&mut self, code: KeyCode) -> &mut Self {
        update(
            &mut self.app,
            Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
        self
    }

    fn ctrl(&mut self, c: char) -> &mut Self {
        update(
            &mut self.app,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        );
        self
    }

    /// Types each character as a key press.
    fn keys(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn screen(&mut self, width: u16, height: u16) -> String {
        update(&mut self.app, Action::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| views::draw(frame, &self.app))
            .unwrap();
        terminal.backend().to_string()
    }

    fn selected(&self) -> Option<String> {
        self.app
            .current_list()
            .selected_record()
            .map(|r| r.id.to_string())
    }
}

#[test]
fn number_keys_and_tab_move_between_tabs() {
    let mut s = example();
    assert_eq!(s.app.tab, Tab::Overview);
    s.keys("5");
    assert_eq!(s.app.tab, Tab::Risks);
    s.key(KeyCode::Tab);
    assert_eq!(s.app.tab, Tab::Processes);
    s.key(KeyCode::BackTab).key(KeyCode::BackTab);
    assert_eq!(s.app.tab, Tab::Plan);
}

#[test]
fn one_key_answers_a_checklist_item_and_moves_to_the_next() {
    let mut s = example();
    s.keys("2");
    let first = s.selected().unwrap();
    s.keys("n");
    let item = s
        .app
        .workbook
        .checklist
        .items
        .iter()
        .find(|i| i.id.as_str() == first)
        .unwrap();
    assert_eq!(item.answer, Answer::No);
    assert_eq!(item.answered, Some(today()));
    assert_ne!(s.selected().unwrap(), first, "moved to the next item");
    assert!(s.app.dirty_files().contains(&"checklist.ron"));
}

#[test]
fn a_note_can_be_added_to_an_answer() {
    let mut s = example();
    s.keys("3");
    let id = s.selected().unwrap();
    s.keys("m");
    assert!(matches!(s.app.popup, Some(Popup::Form(..))));
    s.keys("Asked the director");
    s.ctrl('s');
    assert!(s.app.popup.is_none());
    let statement = s.app.workbook.statement(&id).unwrap();
    assert!(
        statement.note.ends_with("Asked the director"),
        "{}",
        statement.note
    );
}

#[test]
fn adding_a_risk_through_the_form_then_undo_and_redo() {
    let mut s = example();
    let before = s.app.workbook.risks.risks.len();
    s.keys("5a");
    s.keys("Ransomware via the ticketing vendor");
    s.key(KeyCode::Tab).keys("4").key(KeyCode::Tab).keys("5");
    s.ctrl('s');
    assert!(s.app.popup.is_none(), "the form closed");
    assert_eq!(s.app.workbook.risks.risks.len(), before + 1);
    let added = s
        .app
        .workbook
        .risk("R-017")
        .expect("the new risk has the next id");
    assert_eq!(added.title, "Ransomware via the ticketing vendor");
    assert_eq!(
        added.current,
        Rating {
            likelihood: 4,
            impact: 5
        }
    );
    assert_eq!(
        s.selected().as_deref(),
        Some("R-017"),
        "the new risk is selected"
    );

    s.keys("u");
    assert!(s.app.workbook.risk("R-017").is_none());
    assert!(s.app.dirty.is_empty() || !s.app.dirty_files().contains(&"paraat.ron"));
    s.ctrl('r');
    assert!(s.app.workbook.risk("R-017").is_some());
}

#[test]
fn an_invalid_form_is_explained_and_cannot_be_saved() {
    let mut s = example();
    s.keys("5a");
    // No title, and a likelihood of 9.
    s.key(KeyCode::Tab).keys("9");
    s.ctrl('s');
    let Some(Popup::Form(form, _)) = &s.app.popup else {
        panic!("the form stays open");
    };
    assert_eq!(form.fields[0].error.as_deref(), Some("required"));
    assert!(form.fields[1].error.as_deref().unwrap().contains("1 to 5"));
    assert_eq!(s.app.workbook.risks.risks.len(), 16);
    // Esc asks before throwing away what was typed.
    s.key(KeyCode::Esc);
    assert!(matches!(&s.app.popup, Some(Popup::Form(f, _)) if f.confirm_discard));
    s.keys("y");
    assert!(s.app.popup.is_none());
}

#[test]
fn a_reference_is_chosen_from_a_searchable_picker() {
    let mut s = example();
    s.keys("5");
    let id = s.selected().unwrap();
    s.keys("e");
    // Title, likelihood, impact, then the owner field.
    s.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Enter);
    s.keys("fatima").key(KeyCode::Enter);
    s.ctrl('s');
    let risk = s.app.workbook.risk(&id).unwrap();
    let owner = s
        .app
        .workbook
        .contact(risk.owner.as_ref().unwrap().as_str())
        .unwrap();
    assert!(owner.name.starts_with("Fatima"), "{}", owner.name);
}

#[test]
fn deleting_asks_first_and_can_be_undone() {
    let mut s = example();
    s.keys("8");
    let id = s.selected().unwrap();
    s.keys("d");
    assert!(matches!(s.app.popup, Some(Popup::Confirm { .. })));
    s.keys("n");
    assert!(s.app.workbook.backup(&id).is_some());
    s.keys("dy");
    assert!(s.app.workbook.backup(&id).is_none());
    s.keys("u");
    assert!(s.app.workbook.backup(&id).is_some());
}

#[test]
fn duplicating_a_record_gives_it_a_new_id() {
    let mut s = example();
    s.keys("6c");
    s.ctrl('s');
    assert!(
        s.app
            .workbook
            .process("P-009")
            .is_some_and(|p| p.name.ends_with("(copy)"))
    );
}

#[test]
fn the_filter_narrows_the_list_as_you_type_and_esc_clears_it() {
    let mut s = example();
    s.keys("5/ransom");
    let list = s.app.list(ListId::Risks);
    let shown: Vec<&str> = list
        .visible
        .iter()
        .map(|&i| list.rows[i].cells[0].as_str())
        .collect();
    assert!(
        shown.contains(&"R-001") && shown.contains(&"R-002"),
        "{shown:?}"
    );
    assert!(shown.len() < 16, "{shown:?}");
    s.key(KeyCode::Esc);
    assert_eq!(s.app.list(ListId::Risks).record_count(), 16);
}

#[test]
fn sorting_by_a_column_and_reversing_it() {
    let mut s = example();
    s.keys("7o");
    let ids: Vec<String> = {
        let list = s.app.list(ListId::Contacts);
        list.visible
            .iter()
            .map(|&i| list.rows[i].cells[0].clone())
            .collect()
    };
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    s.keys("O");
    let list = s.app.list(ListId::Contacts);
    assert_eq!(list.rows[list.visible[0]].cells[0], *sorted.last().unwrap());
}

#[test]
fn risks_are_sorted_by_score_and_a_heat_map_cell_filters_them() {
    let mut s = example();
    s.keys("5");
    let scores: Vec<u8> = {
        let list = s.app.list(ListId::Risks);
        list.visible
            .iter()
            .map(|&i| list.rows[i].cells[4].parse().unwrap())
            .collect()
    };
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // The heat map starts at likelihood 3, impact 3; move to 3 × 4.
    s.keys("h").key(KeyCode::Right).key(KeyCode::Enter);
    let list = s.app.list(ListId::Risks);
    assert!(list.record_count() > 0);
    for &i in &list.visible {
        let risk = s.app.workbook.risk(&list.rows[i].cells[0]).unwrap();
        assert_eq!((risk.current.likelihood, risk.current.impact), (3, 4));
    }
}

#[test]
fn plan_status_changes_with_one_key_and_done_gets_a_date() {
    let mut s = example();
    s.keys("4");
    // Find a step that is to do.
    let todo = s
        .app
        .workbook
        .steps()
        .find(|(_, st)| st.status == StepStatus::Todo)
        .map(|(_, st)| st.id.clone())
        .unwrap();
    let list = s.app.list_mut(ListId::Plan);
    assert!(list.select_record(&RecordRef::new(RecordKind::Step, todo.clone())));
    s.keys("  ");
    let step = s.app.workbook.step(todo.as_str()).unwrap();
    assert_eq!(step.status, StepStatus::Done);
    assert_eq!(step.done, Some(today()));
}

#[test]
fn enter_on_a_finding_jumps_to_its_record() {
    let wb = TestWorkbook::example();
    // A reference to a contact that does not exist: an integrity finding on R-003.
    wb.edit(
        "risks.ron",
        "owner: Some(\"C-009\")",
        "owner: Some(\"C-099\")",
    );
    let mut s = open(wb, tempfile::tempdir().unwrap());
    let finding = s
        .app
        .findings
        .iter()
        .position(|f| f.code.as_str() == "MISSING_REFERENCE")
        .expect("a finding");
    let record = s.app.findings[finding].record.clone().unwrap();
    let list = s.app.list_mut(ListId::Findings);
    assert!(list.select_record(&record));
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab, Tab::Risks);
    assert_eq!(s.selected(), Some(record.id.to_string()));
}

#[test]
fn saving_writes_the_change_and_quitting_with_unsaved_changes_asks() {
    let mut s = example();
    s.keys("2y");
    s.keys("q");
    assert!(matches!(s.app.popup, Some(Popup::Quit)));
    assert!(!s.app.quit);
    s.keys("s");
    assert!(s.app.quit);
    assert!(s.app.dirty.is_empty());
    let on_disk = paraat::store::Store::load(s.wb.path()).unwrap().workbook;
    assert_eq!(on_disk.checklist, s.app.workbook.checklist);
}

#[test]
fn every_edit_is_kept_in_the_recovery_file_and_offered_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let wb = TestWorkbook::example();
    let options = || Options {
        root: wb.path().to_path_buf(),
        today: today(),
        scratch: false,
        data_dir: Some(data.path().to_path_buf()),
        export_dir: std::env::temp_dir(),
    };
    let mut first = App::open(options()).unwrap();
    for key in "5aLost laptop with donor list".chars() {
        update(
            &mut first,
            Action::Key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE)),
        );
    }
    update(
        &mut first,
        Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
    drop(first); // the terminal closed without saving

    let mut app = App::open(options()).unwrap();
    assert!(matches!(app.popup, Some(Popup::Recovery(ref edits)) if edits.len() == 1));
    update(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)),
    );
    assert!(
        app.workbook
            .risks
            .risks
            .iter()
            .any(|r| r.title == "Lost laptop with donor list")
    );
    update(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE)),
    );
    let on_disk = paraat::store::Store::load(wb.path()).unwrap().workbook;
    assert!(
        on_disk
            .risks
            .risks
            .iter()
            .any(|r| r.title == "Lost laptop with donor list")
    );
    let recovery =
        paraat::store::recovery::RecoveryFile::for_workbook(wb.path(), Some(data.path())).unwrap();
    assert!(
        recovery.read().is_none(),
        "the recovery file is gone after the save"
    );
}

#[test]
fn a_file_changed_on_disk_is_reloaded_when_it_holds_no_unsaved_edits() {
    let mut s = example();
    s.wb.edit("contacts.ron", "Joris Bakhuizen", "Joris Bakhuizen-Smit");
    s.app.check_disk();
    assert!(
        s.app
            .workbook
            .contact("C-005")
            .unwrap()
            .name
            .ends_with("Smit")
    );
    assert!(s.app.message.as_ref().unwrap().text.contains("reloaded"));
}

#[test]
fn saving_over_a_file_changed_on_disk_offers_reload_diff_or_overwrite() {
    let mut s = example();
    s.keys("7e").keys(" (IT)");
    s.ctrl('s');
    s.wb.edit("contacts.ron", "Annelies Verhoef", "Annelies Verhoef-Bos");
    s.app.check_disk();
    s.keys("s");
    assert!(matches!(s.app.popup, Some(Popup::Conflict(_))));
    assert!(
        s.wb.read("contacts.ron").contains("Verhoef-Bos"),
        "nothing was overwritten"
    );
    s.keys("d");
    assert!(matches!(s.app.popup, Some(Popup::Diff { .. })));
    s.key(KeyCode::Esc);
    assert!(
        matches!(s.app.popup, Some(Popup::Conflict(_))),
        "the choice comes back after the difference"
    );
    s.keys("o");
    assert!(s.app.popup.is_none());
    assert!(s.wb.read("contacts.ron").contains("(IT)"));
}

#[test]
fn a_second_instance_opens_read_only_and_says_why() {
    let s = example();
    let mut second = App::open(Options {
        root: s.wb.path().to_path_buf(),
        today: today(),
        scratch: false,
        data_dir: None,
        export_dir: std::env::temp_dir(),
    })
    .unwrap();
    assert!(
        second
            .read_only
            .as_deref()
            .unwrap()
            .contains("opened elsewhere")
    );
    update(
        &mut second,
        Action::Key(KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE)),
    );
    update(
        &mut second,
        Action::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
    );
    assert!(second.popup.is_none());
    assert!(second.message.as_ref().unwrap().error);
}

#[test]
fn hostile_text_from_a_file_never_reaches_the_terminal_raw() {
    let wb = TestWorkbook::example();
    wb.edit(
        "risks.ron",
        "Ransomware at the museum",
        "Ransom\u{1b}[2J\u{1b}]0;pwned\u{7}ware",
    );
    let mut s = open(wb, tempfile::tempdir().unwrap());
    s.keys("5");
    let screen = s.screen(120, 40);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
    assert!(screen.contains("Ransom␛[2J"), "{screen}");
}

#[test]
fn help_lists_the_live_key_bindings() {
    let mut s = example();
    s.keys("5?");
    let screen = s.screen(120, 40);
    assert!(screen.contains("show the heat map"));
    assert!(screen.contains("add a record"));
    assert!(screen.contains("Ctrl-S"));
}

fn snapshot_all_tabs(width: u16, height: u16) {
    let mut s = example();
    for (n, tab) in Tab::ALL.iter().enumerate() {
        s.keys(&(n + 1).to_string());
        assert_eq!(s.app.tab, *tab);
        let screen = s.screen(width, height);
        insta::assert_snapshot!(format!("tab_{}_{width}x{height}", n + 1), screen);
    }
}

#[test]
fn every_tab_at_80_by_24() {
    snapshot_all_tabs(80, 24);
}

#[test]
fn every_tab_at_120_by_40() {
    snapshot_all_tabs(120, 40);
}

#[test]
fn the_risk_form_at_80_by_24() {
    let mut s = example();
    s.keys("5a");
    insta::assert_snapshot!(s.screen(80, 24));
}

#[test]
fn the_export_dialog_writes_the_pack_and_says_where() {
    let mut s = example();
    let out = tempfile::tempdir().unwrap();
    s.app.export_dir = out.path().to_path_buf();
    s.keys("x");
    assert!(matches!(s.app.popup, Some(Popup::Form(..))));
    // Format: Markdown; content: the emergency card; redact: yes.
    s.key(KeyCode::Right)
        .key(KeyCode::Tab)
        .key(KeyCode::Right)
        .key(KeyCode::Tab)
        .keys(" ");
    s.ctrl('s');
    let effects = std::mem::take(&mut s.app.effects);
    let [paraat::tui::app::Effect::Export(options)] = effects.as_slice() else {
        panic!("one export to run: {effects:?}");
    };
    assert!(options.card_only && options.redact);
    s.app
        .export(options, Timestamp::parse("2026-12-01T10:00:00Z").unwrap());
    let written = out.path().join("emergency-card.md");
    assert!(
        written.is_file(),
        "{:?}",
        std::fs::read_dir(out.path()).unwrap().collect::<Vec<_>>()
    );
    assert!(
        s.app
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("emergency-card.md")
    );
}

#[test]
fn the_user_guide_lists_every_command() {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/tui.md")).unwrap();
    let map = paraat::tui::keymap::KeyMap::default();
    // The number keys 1–9 are documented as a range.
    for command in paraat::tui::keymap::Command::ALL
        .iter()
        .filter(|c| !c.name().starts_with("tab-"))
    {
        let documented = [
            paraat::tui::keymap::Context::Global,
            paraat::tui::keymap::Context::List,
            paraat::tui::keymap::Context::Records,
        ]
        .iter()
        .chain(&[
            paraat::tui::keymap::Context::Overview,
            paraat::tui::keymap::Context::Answering,
            paraat::tui::keymap::Context::SelfCheck,
            paraat::tui::keymap::Context::Plan,
            paraat::tui::keymap::Context::Risks,
            paraat::tui::keymap::Context::Processes,
            paraat::tui::keymap::Context::Contacts,
            paraat::tui::keymap::Context::Backups,
        ])
        .filter_map(|c| map.key_for(*c, *command))
        .collect::<Vec<_>>();
        for key in documented {
            let label = key.label();
            assert!(
                guide.contains(&format!("`{label}`")),
                "docs/tui.md does not mention the key `{label}` ({})",
                command.name()
            );
        }
    }
}

#[test]
fn the_mouse_selects_tabs_and_rows_and_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut s = example();
    let click = |column, row| {
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // " 1 Overview   2 Checklist   3 Self-check   4 Plan   5 Risks …" at 120 columns.
    let screen = s.screen(120, 40);
    let risks_x = screen.lines().next().unwrap().find("5 Risks").unwrap() as u16;
    update(&mut s.app, click(risks_x + 2, 0));
    assert_eq!(s.app.tab, Tab::Risks);
    // Row 0 is the border, row 1 the column titles: the third risk is on screen row 1 + 1 + 2 + 2.
    update(&mut s.app, click(5, 1 + 1 + 1 + 2));
    let third = {
        let list = s.app.list(ListId::Risks);
        list.rows[list.visible[2]].cells[0].clone()
    };
    assert_eq!(s.selected(), Some(third));
    update(
        &mut s.app,
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 5,
            row: 5,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(s.app.list(ListId::Risks).selected, 5);
}

#[test]
fn with_no_color_the_screen_has_no_colours() {
    let mut s = example();
    s.keys("5");
    update(&mut s.app, Action::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| views::draw(frame, &s.app)).unwrap();
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{:?}", cell);
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{:?}", cell);
    }
}

#[test]
fn a_date_field_takes_today_with_one_key() {
    let mut s = example();
    s.keys("4");
    s.keys("e");
    // Title, description, owner, status, due.
    for _ in 0..4 {
        s.key(KeyCode::Tab);
    }
    s.ctrl('t');
    s.ctrl('s');
    let id = s.selected().unwrap();
    assert_eq!(s.app.workbook.step(&id).unwrap().due, Some(today()));
}

#[test]
fn saving_over_a_hand_edited_file_says_it_will_be_normalised_first() {
    let wb = TestWorkbook::example();
    let text = wb.read("backups.ron");
    wb.write("backups.ron", &format!("// kept by the IT lead\n{text}"));
    let mut s = open(wb, tempfile::tempdir().unwrap());
    s.keys("8");
    s.keys("dy");
    s.keys("s");
    let Some(Popup::Confirm { text, .. }) = &s.app.popup else {
        panic!("a question first");
    };
    assert!(text.contains("backups.ron"), "{text}");
    assert!(
        s.wb.read("backups.ron").starts_with("// kept"),
        "nothing written yet"
    );
    s.keys("y");
    assert!(s.app.dirty.is_empty());
    assert!(!s.wb.read("backups.ron").contains("// kept"));
}

#[test]
fn an_open_self_check_action_is_adopted_into_the_plan_and_shows_as_planned() {
    let mut s = example();
    s.keys("3");
    let open = s
        .app
        .workbook
        .selfcheck
        .statements
        .iter()
        .find(|st| matches!(st.answer, Answer::No | Answer::Partly) && st.plan_step.is_none())
        .map(|st| st.id.clone())
        .expect("an open action in the example");
    assert!(
        s.app
            .list_mut(ListId::SelfCheck)
            .select_record(&RecordRef::new(RecordKind::Statement, open.clone()))
    );
    s.keys("A");
    let statement = s.app.workbook.statement(open.as_str()).unwrap();
    let step = statement.plan_step.clone().expect("linked to a step");
    assert!(
        s.app
            .workbook
            .step(step.as_str())
            .unwrap()
            .statements
            .contains(&open)
    );
    let list = s.app.list(ListId::SelfCheck);
    let row = list.selected_row().unwrap();
    assert!(row.cells[3].starts_with("planned"), "{:?}", row.cells);
    // One undo takes back both the link and the step.
    s.keys("u");
    assert!(
        s.app
            .workbook
            .statement(open.as_str())
            .unwrap()
            .plan_step
            .is_none()
    );
    assert!(s.app.workbook.step(step.as_str()).is_none());
}
