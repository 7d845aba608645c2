//! The terminal UI driven through `update`, as a user drives it with keys, and
//! snapshots of every tab at 80×24 and 120×40 (ratatui's TestBackend + insta).

mod common;

use common::TestWorkbook;
use paraat::model::*;
use paraat::tui::app::{Action, App, Options, update};
use paraat::tui::lists::ListId;
use paraat::tui::popups::{FormPopup, Popup, QuestionPopup};
use paraat::tui::tabs::Tab;
use paraat::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

struct Session {
    wb: TestWorkbook,
    _data: tempfile::TempDir,
    app: App,
}

fn plus_one_hour() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(3600).expect("an offset")
}

fn today() -> Date {
    Date::parse("2026-12-01").unwrap()
}

/// The options of opening the workbook in `root` on [`today`] (fixed, as with
/// `--today`), with the recovery file in `data`.
fn options(root: &std::path::Path, data: &std::path::Path) -> Options {
    Options {
        root: root.to_path_buf(),
        today: today(),
        today_fixed: true,
        scratch: false,
        data_dir: Some(data.to_path_buf()),
        export_dir: std::env::temp_dir(),
    }
}

fn open(wb: TestWorkbook, data: tempfile::TempDir) -> Session {
    let dir = data.path().to_path_buf();
    open_in(wb, data, &dir)
}

/// Opens with the recovery file under `data_dir` (which `data` holds).
fn open_in(wb: TestWorkbook, data: tempfile::TempDir, data_dir: &std::path::Path) -> Session {
    let mut app = App::open(options(wb.path(), data_dir)).expect("opens");
    app.theme = Theme::plain();
    // A fixed zone, an hour east of UTC (as Amsterdam in winter): what the screen
    // shows is the same on every machine, and a time that stayed UTC shows up.
    app.clock.zone = paraat::tui::clock::Zone::Fixed(plus_one_hour());
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
        terminal.draw(|frame| self.app.draw(frame)).unwrap();
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
    assert_eq!(s.app.tab(), Tab::Overview);
    s.keys("5");
    assert_eq!(s.app.tab(), Tab::Risks);
    s.key(KeyCode::Tab);
    assert_eq!(s.app.tab(), Tab::Processes);
    s.key(KeyCode::BackTab).key(KeyCode::BackTab);
    assert_eq!(s.app.tab(), Tab::Plan);
}

#[test]
fn one_key_answers_a_checklist_item_and_moves_to_the_next() {
    let mut s = example();
    s.keys("2");
    let first = s.selected().unwrap();
    s.keys("n");
    let item = s
        .app
        .workbook()
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
    assert!(matches!(s.app.popup, Some(Popup::Form(_))));
    s.keys("Asked the director");
    s.ctrl('s');
    assert!(s.app.popup.is_none());
    let statement = s.app.workbook().statement(&id).unwrap();
    assert!(
        statement.note.ends_with("Asked the director"),
        "{}",
        statement.note
    );
}

#[test]
fn adding_a_risk_through_the_form_then_undo_and_redo() {
    let mut s = example();
    let before = s.app.workbook().risks.risks.len();
    s.keys("5a");
    s.keys("Ransomware via the ticketing vendor");
    s.key(KeyCode::Tab).keys("4").key(KeyCode::Tab).keys("5");
    s.ctrl('s');
    assert!(s.app.popup.is_none(), "the form closed");
    assert_eq!(s.app.workbook().risks.risks.len(), before + 1);
    let added = s
        .app
        .workbook()
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
    assert!(s.app.workbook().risk("R-017").is_none());
    // Undone, the risk is gone but its id stays taken (the register's mark moved
    // on), so only risks.ron differs from the disk, never paraat.ron.
    assert!(!s.app.dirty_files().contains(&"paraat.ron"));
    assert_eq!(s.app.dirty_files(), ["risks.ron"]);
    s.ctrl('r');
    assert!(s.app.workbook().risk("R-017").is_some());
}

#[test]
fn an_invalid_form_is_explained_and_cannot_be_saved() {
    let mut s = example();
    s.keys("5a");
    // No title, and a likelihood of 9.
    s.key(KeyCode::Tab).keys("9");
    s.ctrl('s');
    let Some(Popup::Form(FormPopup { form, .. })) = &s.app.popup else {
        panic!("the form stays open");
    };
    assert_eq!(form.fields[0].error.as_deref(), Some("required"));
    assert!(form.fields[1].error.as_deref().unwrap().contains("1 to 5"));
    assert_eq!(s.app.workbook().risks.risks.len(), 16);
    // Esc asks before throwing away what was typed.
    s.key(KeyCode::Esc);
    assert!(matches!(&s.app.popup, Some(Popup::Form(p)) if p.form.confirm_discard));
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
    let risk = s.app.workbook().risk(&id).unwrap();
    let owner = s
        .app
        .workbook()
        .contact(risk.owner.as_ref().unwrap().as_str())
        .unwrap();
    assert!(owner.name.starts_with("Fatima"), "{}", owner.name);
}

#[test]
fn a_supplier_is_linked_to_the_catalogue_through_the_picker_and_can_be_unlinked() {
    let mut s = example();
    // Processes tab, then its suppliers list.
    s.keys("6vv");
    assert_eq!(s.app.current_list().id, ListId::Suppliers);
    let id = s.selected().unwrap();
    s.keys("e");
    // Name, service, then the catalogue field: Enter opens the picker, which
    // searches the catalogue's names as you type.
    s.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Enter);
    let screen = s.screen(120, 40);
    assert!(screen.contains("not in the catalogue"), "{screen}");
    assert!(screen.contains("Axiell"), "{screen}");
    s.keys("memorix");
    let screen = s.screen(120, 40);
    assert!(screen.contains("Picturae (Memorix) · picturae"), "{screen}");
    assert!(!screen.contains("Axiell"), "{screen}");
    s.key(KeyCode::Enter);
    let screen = s.screen(120, 40);
    assert!(screen.contains("In the supplier catalogue as"), "{screen}");
    s.ctrl('s');
    assert!(s.app.popup.is_none(), "the form closed");
    let supplier = |s: &Session| {
        s.app
            .workbook()
            .processes
            .suppliers
            .iter()
            .find(|x| x.id.as_str() == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(supplier(&s).catalogue.as_deref(), Some("picturae"));
    // The detail pane shows the link in the form's words; a list wide enough for
    // the column shows its id.
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("In the supplier catalogue as: Picturae (Memorix)"),
        "{screen}"
    );
    let screen = s.screen(200, 40);
    assert!(screen.contains("Catalogue"), "{screen}");
    assert!(screen.contains(" picturae "), "{screen}");
    // A free-text supplier stays possible: choose "not in the catalogue".
    s.keys("e");
    s.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Enter);
    s.keys("not in").key(KeyCode::Enter);
    s.ctrl('s');
    assert_eq!(supplier(&s).catalogue, None);
    // Saved, what was linked and unlinked again leaves the file as it was.
    s.keys("s");
    assert!(s.app.session.dirty().is_empty());
    assert!(!s.wb.read("processes.ron").contains("picturae"));
}

#[test]
fn a_retired_template_item_says_so_in_the_detail_pane_and_keeps_its_answer() {
    let wb = TestWorkbook::example();
    wb.edit(
        "checklist.ron",
        "origin: None",
        "origin: Some(Origin(pack: \"paraat\", version: 1, item: \"CL-01\", retired: true))",
    );
    let mut s = open(wb, tempfile::tempdir().unwrap());
    s.keys("2");
    assert_eq!(s.selected().as_deref(), Some("CL-01"));
    // The pane says it, and the principle's count leaves it out as the
    // checklist's progress does.
    let screen = s.screen(120, 40);
    let pane: String = screen
        .lines()
        .map(|l| {
            l.chars()
                .skip(72)
                .collect::<String>()
                .replace(['│', '"'], "")
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        pane.contains(
            "Template origin: pack paraat, version 1 (retired); it no longer counts in scores and progress"
        ),
        "{pane}"
    );
    assert!(screen.contains("11 of 19 answered"), "{screen}");
    assert!(
        screen.contains("Map your risks — 4 of 4 answered"),
        "{screen}"
    );
    assert_eq!(
        s.app.workbook().checklist.items[0].answer,
        Answer::Yes,
        "the answer stays"
    );
}

#[test]
fn deleting_asks_first_and_can_be_undone() {
    let mut s = example();
    s.keys("8");
    let id = s.selected().unwrap();
    s.keys("d");
    assert!(matches!(s.app.popup, Some(Popup::Question(_))));
    s.keys("n");
    assert!(s.app.workbook().backup(&id).is_some());
    s.keys("dy");
    assert!(s.app.workbook().backup(&id).is_none());
    s.keys("u");
    assert!(s.app.workbook().backup(&id).is_some());
}

#[test]
fn duplicating_a_record_gives_it_a_new_id() {
    let mut s = example();
    s.keys("6c");
    s.ctrl('s');
    assert!(
        s.app
            .workbook()
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
        let risk = s.app.workbook().risk(&list.rows[i].cells[0]).unwrap();
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
        .workbook()
        .steps()
        .find(|(_, st)| st.status == StepStatus::Todo)
        .map(|(_, st)| st.id.clone())
        .unwrap();
    let list = s.app.records.list_mut(ListId::Plan);
    assert!(list.select_record(&RecordRef::new(RecordKind::Step, todo.clone())));
    s.keys("  ");
    let step = s.app.workbook().step(todo.as_str()).unwrap();
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
        .session
        .sorted_findings()
        .iter()
        .position(|f| f.code.as_str() == "MISSING_REFERENCE")
        .expect("a finding");
    let record = s.app.session.sorted_findings()[finding]
        .record
        .clone()
        .unwrap();
    let list = s.app.records.list_mut(ListId::Findings);
    assert!(list.select_record(&record));
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), Tab::Risks);
    assert_eq!(s.selected(), Some(record.id.to_string()));
}

#[test]
fn saving_writes_the_change_and_quitting_with_unsaved_changes_asks() {
    let mut s = example();
    s.keys("2y");
    s.keys("q");
    assert!(matches!(s.app.popup, Some(Popup::Quit(_))));
    assert!(!s.app.quit);
    s.keys("s");
    assert!(s.app.quit);
    assert!(s.app.session.dirty().is_empty());
    let on_disk = paraat::store::Store::load(s.wb.path()).unwrap().workbook;
    assert_eq!(on_disk.checklist, s.app.workbook().checklist);
}

#[test]
fn every_edit_is_kept_in_the_recovery_file_and_offered_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let wb = TestWorkbook::example();
    let options = || options(wb.path(), data.path());
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
    assert!(matches!(app.popup, Some(Popup::Recovery(ref r)) if r.edits.len() == 1));
    update(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)),
    );
    assert!(
        app.workbook()
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
            .workbook()
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
    assert!(matches!(s.app.popup, Some(Popup::Diff(_))));
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
        today_fixed: true,
        scratch: false,
        data_dir: None,
        export_dir: std::env::temp_dir(),
    })
    .unwrap();
    assert!(
        second
            .session
            .read_only()
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
fn an_empty_incidents_tab_says_how_to_declare_one_in_both_languages() {
    for (lang, words) in [
        (
            Language::En,
            "No incidents or exercises yet. Press ! to declare",
        ),
        (
            Language::Nl,
            "Nog geen incidenten of oefeningen. Druk op ! om er een",
        ),
    ] {
        let mut s = open(TestWorkbook::new(lang), tempfile::tempdir().unwrap());
        let screen = s.keys("9").screen(120, 40);
        assert!(screen.contains(words), "{screen}");
    }
}

#[test]
fn the_name_of_a_file_that_did_not_load_never_reaches_the_terminal_raw() {
    let wb = TestWorkbook::example();
    // The only incident, in a file whose name holds escape sequences, broken.
    std::fs::remove_file(wb.file("incidents/2025-06-12-tabletop-ransomware.ron")).unwrap();
    wb.write(
        "incidents/\u{1b}]0;pwned\u{7}\u{1b}[31mred.ron",
        "Incident(",
    );
    let mut s = open(wb, tempfile::tempdir().unwrap());
    assert!(s.app.session.read_only().is_some());
    assert!(
        s.keys("9")
            .screen(120, 40)
            .contains("red.ron:1 did not load, so nothing"),
        "the list says why it is empty"
    );
    for tab in ["1", "9", "a"] {
        let screen = s.keys(tab).screen(120, 40);
        assert!(
            !screen.contains('\u{1b}') && !screen.contains('\u{7}'),
            "{tab}: {screen}"
        );
        assert!(screen.contains("did not load"), "{tab}: {screen}");
    }
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
        assert_eq!(s.app.tab(), *tab);
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

/// The crisis roles and the call order are one key away from the Contacts tab,
/// read-only, also where the side pane has no room for them.
#[test]
fn the_crisis_roles_and_call_order_are_one_key_from_contacts() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut s = example();
        s.keys("7");
        let hints = s.screen(width, height);
        assert!(hints.contains("roles & call order"), "{hints}");
        s.keys("r");
        let screen = s.screen(width, height);
        assert!(screen.contains("Crisis roles"), "{screen}");
        assert!(screen.contains("Call order"), "{screen}");
        assert!(screen.contains("1. "), "{screen}");
        assert!(!screen.contains(" Contacts ("), "{screen}");
        insta::assert_snapshot!(format!("contacts_roles_{width}x{height}"), screen);
        s.key(KeyCode::Esc);
        assert!(s.screen(width, height).contains(" Contacts ("));
        s.keys("r").keys("r");
        assert!(s.screen(width, height).contains(" Contacts ("));
    }
}

/// An empty call order says where to make one.
#[test]
fn the_roles_view_of_a_new_workbook_says_how_to_make_a_call_order() {
    let mut s = open(
        TestWorkbook::new(Language::Nl),
        tempfile::tempdir().unwrap(),
    );
    s.keys("7r");
    let screen = s.screen(80, 24);
    assert!(screen.contains("Er is geen belvolgorde"), "{screen}");
    assert!(screen.contains("C belvolgorde bewerken"), "{screen}");
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
    s.app.session.export_dir = out.path().to_path_buf();
    s.keys("x");
    assert!(matches!(s.app.popup, Some(Popup::Form(_))));
    // Format: Markdown; content: the emergency card; redact: yes.
    s.key(KeyCode::Right)
        .key(KeyCode::Tab)
        .key(KeyCode::Right)
        .key(KeyCode::Tab)
        .keys(" ");
    s.ctrl('s');
    let effects = std::mem::take(&mut s.app.effects);
    let [paraat::tui::component::Effect::Export(options)] = effects.as_slice() else {
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
fn the_export_dialog_offers_the_two_page_card() {
    let mut s = example();
    let out = tempfile::tempdir().unwrap();
    s.app.session.export_dir = out.path().to_path_buf();
    s.keys("x");
    // Format: HTML; content: the third choice, the card on two pages.
    s.key(KeyCode::Tab).key(KeyCode::Right).key(KeyCode::Right);
    s.ctrl('s');
    let effects = std::mem::take(&mut s.app.effects);
    let [paraat::tui::component::Effect::Export(options)] = effects.as_slice() else {
        panic!("one export to run: {effects:?}");
    };
    assert!(options.card_only && options.two_pages && !options.redact);
    s.app
        .export(options, Timestamp::parse("2026-12-01T10:00:00Z").unwrap());
    let html = std::fs::read_to_string(out.path().join("emergency-card.html")).unwrap();
    assert!(html.contains("id=\"card-recovery\""));
}

/// The rows of the key table under `heading` in `doc` (up to the next heading),
/// each as its cells; with `first`, only the rows whose first cell names it.
fn key_rows(doc: &str, heading: &str, first: Option<&str>) -> Vec<Vec<String>> {
    let start = doc
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("the guide has a section {heading:?}"));
    let body = &doc[start + heading.len()..];
    let end = body.find("\n#").unwrap_or(body.len());
    body[..end]
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|cells| first.is_none_or(|f| cells[0].split(", ").any(|c| c == f)))
        .collect()
}

/// The key labels written as `key` in a row, also `1`–`9` as a range.
fn documented_keys(rows: &[Vec<String>]) -> Vec<String> {
    let mut keys = Vec::new();
    for row in rows {
        for cell in row {
            let mut rest = cell.as_str();
            while let Some(open) = rest.find('`') {
                let Some(len) = rest[open + 1..].find('`') else {
                    break;
                };
                keys.push(rest[open + 1..open + 1 + len].to_owned());
                rest = &rest[open + len + 2..];
            }
            if cell.contains("`1`–`9`") {
                keys.extend(('1'..='9').map(String::from));
            }
        }
    }
    keys
}

#[test]
fn the_user_guide_lists_every_key_in_the_place_it_works() {
    use paraat::tui::keymap::{Context as X, KeyMap};
    let read = |name: &str| {
        std::fs::read_to_string(format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    };
    let (guide, incidents) = (read("tui.md"), read("incidents.md"));
    // Every context of the key map, and where the guide documents its keys.
    let places: Vec<(X, &str, &str, Option<&str>)> = vec![
        (X::Global, "tui.md", "### Everywhere", None),
        (X::List, "tui.md", "### In lists", None),
        (X::Records, "tui.md", "### In lists", None),
        (X::Filter, "tui.md", "### Filtering a list", None),
        (X::Overview, "tui.md", "### Per tab", Some("Overview")),
        (X::Answering, "tui.md", "### Per tab", Some("Checklist")),
        (X::SelfCheck, "tui.md", "### Per tab", Some("Self-check")),
        (X::Plan, "tui.md", "### Per tab", Some("Plan")),
        (X::Risks, "tui.md", "### Per tab", Some("Risks")),
        (
            X::HeatMap,
            "tui.md",
            "### Per tab",
            Some("Risks (heat map)"),
        ),
        (X::Processes, "tui.md", "### Per tab", Some("Processes")),
        (X::Contacts, "tui.md", "### Per tab", Some("Contacts")),
        (X::Backups, "tui.md", "### Per tab", Some("Backups")),
        (X::Incidents, "tui.md", "### Per tab", Some("Incidents")),
        (X::Form, "tui.md", "### In forms", None),
        (X::Picker, "tui.md", "### Choosing records", None),
        (X::PickerMulti, "tui.md", "### Choosing records", None),
        (X::Items, "tui.md", "### A list in a form", None),
        (
            X::Quit,
            "tui.md",
            "### Questions",
            Some("Quit with unsaved changes"),
        ),
        (X::Confirm, "tui.md", "### Questions", Some("Yes or no")),
        (
            X::Conflict,
            "tui.md",
            "### Questions",
            Some("Changed on disk"),
        ),
        (X::Diff, "tui.md", "### Questions", Some("The difference")),
        (
            X::Recovery,
            "tui.md",
            "### Questions",
            Some("Unsaved changes of an earlier session"),
        ),
        (
            X::Changes,
            "tui.md",
            "### Questions",
            Some("What changed (git)"),
        ),
        (X::Commit, "tui.md", "### Questions", Some("Commit message")),
        (
            X::MergeConflicts,
            "tui.md",
            "### Questions",
            Some("Merge conflicts"),
        ),
        (X::GitSetup, "tui.md", "### Questions", Some("Set up git")),
        (X::Help, "tui.md", "### Questions", Some("Help")),
        (X::Find, "tui.md", "### Finding anyone", None),
        (X::Incident, "incidents.md", "## In the terminal UI", None),
        (
            X::IncidentLog,
            "incidents.md",
            "## In the terminal UI",
            None,
        ),
    ];
    let map = KeyMap::default();
    let mut checked = 0;
    for (context, file, heading, first) in &places {
        let doc = if *file == "tui.md" {
            &guide
        } else {
            &incidents
        };
        let rows = key_rows(doc, heading, *first);
        assert!(!rows.is_empty(), "{file} {heading} {first:?}: no rows");
        let documented = documented_keys(&rows);
        for (command, keys) in map.for_context(*context) {
            for key in keys {
                let label = key.label(Language::En);
                assert!(
                    documented.contains(&label),
                    "{file}, {heading} {}: the key `{label}` ({}) is not in its table",
                    first.unwrap_or(""),
                    command.name()
                );
                checked += 1;
            }
        }
    }
    // No context that binds a key is left out.
    for context in X::ALL {
        assert!(
            map.for_context(context).is_empty() || places.iter().any(|(c, ..)| *c == context),
            "{context:?} is not looked for in the guide"
        );
    }
    assert!(checked > 100, "{checked} keys checked");
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
    assert_eq!(s.app.tab(), Tab::Risks);
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
    terminal.draw(|frame| s.app.draw(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{:?}", cell);
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{:?}", cell);
    }
    // Without colour the heat map still reads: every cell carries its level's symbol.
    let screen = s.screen(120, 40);
    let five = screen
        .lines()
        .find(|l| l.contains("││  5 "))
        .expect("the heat map's top row");
    for symbol in ["◐", "●", "▲"] {
        assert!(five.contains(symbol), "{five}");
    }
}

#[test]
fn dutch_tab_names_are_whole_at_100_columns_and_an_empty_list_names_its_key() {
    let mut s = open(
        TestWorkbook::new(Language::Nl),
        tempfile::tempdir().unwrap(),
    );
    let screen = s.screen(100, 30);
    let bar = screen.lines().next().unwrap();
    for name in [
        "1 Overzicht",
        "2 Checklist",
        "3 Zelftest",
        "4 Plan",
        "5 Risico's",
        "6 Processen",
        "7 Contacten",
        "8 Back-ups",
        "9 Incidenten",
    ] {
        assert!(bar.contains(name), "{bar}");
    }
    s.keys("9");
    let screen = s.screen(100, 30);
    assert!(
        screen.contains("Nog geen incidenten of oefeningen. Druk op ! om"),
        "{screen}"
    );
    s.keys("5");
    let screen = s.screen(100, 30);
    assert!(
        screen.contains("Druk op a om iets toe te voegen"),
        "{screen}"
    );
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
    assert_eq!(s.app.workbook().step(&id).unwrap().due, Some(today()));
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
    let Some(Popup::Question(QuestionPopup { text, .. })) = &s.app.popup else {
        panic!("a question first");
    };
    assert!(text.contains("backups.ron"), "{text}");
    assert!(
        s.wb.read("backups.ron").starts_with("// kept"),
        "nothing written yet"
    );
    s.keys("y");
    assert!(s.app.session.dirty().is_empty());
    assert!(!s.wb.read("backups.ron").contains("// kept"));
}

#[test]
fn an_open_self_check_action_is_adopted_into_the_plan_and_shows_as_planned() {
    let mut s = example();
    s.keys("3");
    let open = s
        .app
        .workbook()
        .selfcheck
        .statements
        .iter()
        .find(|st| matches!(st.answer, Answer::No | Answer::Partly) && st.plan_step.is_none())
        .map(|st| st.id.clone())
        .expect("an open action in the example");
    assert!(
        s.app
            .records
            .list_mut(ListId::SelfCheck)
            .select_record(&RecordRef::new(RecordKind::Statement, open.clone()))
    );
    s.keys("A");
    // It asks for the phase, owner and due date first; the phase is filled in.
    assert!(matches!(s.app.popup, Some(Popup::Form(_))));
    s.ctrl('s');
    assert!(s.app.popup.is_none());
    let statement = s.app.workbook().statement(open.as_str()).unwrap();
    let step = statement.plan_step.clone().expect("linked to a step");
    assert!(
        s.app
            .workbook()
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
            .workbook()
            .statement(open.as_str())
            .unwrap()
            .plan_step
            .is_none()
    );
    assert!(s.app.workbook().step(step.as_str()).is_none());
}

// ---------------------------------------------------------------------------
// Incident mode: the incident screen, declared and driven with keys, "now" fixed.

use paraat::response;
use paraat::tui::clock::{Clock, Zone};
use paraat::tui::screens::incident::Pane;

fn moment(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a timestamp")
}

impl Session {
    /// "Now" stands at `time` on 1 December 2026 (UTC, shown as UTC).
    fn at(&mut self, time: &str) -> &mut Self {
        self.app.clock = Clock {
            now: moment(&format!("2026-12-01T{time}:00Z")),
            zone: Zone::utc(),
            follows_system: false,
        };
        self
    }

    fn incident(&self) -> Incident {
        let id = &self.app.incident.as_ref().expect("the screen").id;
        self.app.workbook().incident(id.as_str()).unwrap().clone()
    }

    /// The incident as it is in its file now.
    fn incident_on_disk(&self) -> Incident {
        let id = self.incident().id;
        paraat::store::incident::read(self.wb.path(), id.as_str()).unwrap()
    }

    fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    /// Declares "Collection system encrypted", severity high, with personal data.
    fn declare_real(&mut self) -> &mut Self {
        self.keys("!").keys("Collection system encrypted");
        // kind, scenario, severity: (the scenario's, else medium) → low → medium →
        // high; personal data: yes.
        self.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Tab);
        self.key(KeyCode::Right)
            .key(KeyCode::Right)
            .key(KeyCode::Right);
        self.key(KeyCode::Tab).keys(" ");
        self.ctrl('s');
        assert!(self.app.popup.is_none(), "declared: {}", self.message());
        self
    }

    /// Starts the first built-in scenario as an exercise.
    fn declare_exercise(&mut self) -> &mut Self {
        self.keys("!");
        self.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Right);
        self.ctrl('s');
        assert!(self.app.popup.is_none(), "declared: {}", self.message());
        self
    }
}

/// Times are shown in the local zone everywhere on screen: the banner of an
/// active incident, the Incidents tab's details and the incident screen; the
/// files keep UTC.
#[test]
fn times_on_screen_are_local_and_the_files_keep_utc() {
    let mut s = incident_session();
    s.app.clock.zone = Zone::Fixed(plus_one_hour());
    s.declare_real();
    assert_eq!(
        s.incident_on_disk().declared_at,
        moment("2026-12-01T09:14:00Z")
    );
    let text = s.wb.read(&format!("incidents/{}.ron", s.incident().id));
    assert!(text.contains("2026-12-01T09:14:00Z"), "{text}");
    let incident_screen = s.screen(120, 40);
    assert!(incident_screen.contains("10:14"), "{incident_screen}");
    s.key(KeyCode::Esc).keys("9");
    let tab = s.screen(120, 40);
    let banner = tab.lines().nth(1).unwrap_or_default();
    assert!(
        banner.contains("ACTIVE INCIDENT") && banner.contains("(declared 10:14)"),
        "{tab}"
    );
    // The details of the exercise in the example: declared 09:00 UTC.
    s.key(KeyCode::Down);
    let details = s.screen(120, 40);
    assert!(details.contains("2025-06-12 10:00"), "{details}");
    assert!(
        details.contains("2025-06-12 10:04 Lotte de Graaf"),
        "{details}"
    );
    for screen in [&incident_screen, &tab, &details] {
        assert!(!screen.contains(":00Z"), "{screen}");
        assert!(!screen.contains("09:14"), "{screen}");
    }
}

/// The example museum at 09:14 on 1 December 2026, written by Joris Bakhuizen.
fn incident_session() -> Session {
    let mut s = example();
    s.at("09:14");
    s.app.session.author = Some("Joris Bakhuizen".to_owned());
    s
}

#[test]
fn an_exercise_can_be_declared_at_medium_over_its_scenarios_severity() {
    let mut s = incident_session();
    // The scenario (third field) gives severity high; medium is chosen over it.
    s.keys("!");
    s.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Right);
    s.key(KeyCode::Tab).key(KeyCode::Right).key(KeyCode::Right);
    s.ctrl('s');
    assert!(s.app.popup.is_none(), "declared: {}", s.message());
    let incident = s.incident_on_disk();
    assert_eq!(incident.kind, IncidentKind::Exercise);
    assert_eq!(incident.severity, Severity::Medium);
    // Left as it is, the scenario's severity stands.
    let mut s = incident_session();
    s.declare_exercise();
    assert_eq!(s.incident_on_disk().severity, Severity::High);
}

#[test]
fn one_key_on_any_tab_declares_an_incident_and_opens_its_screen() {
    let mut s = incident_session();
    s.keys("5");
    s.declare_real();
    assert_eq!(s.app.tab(), Tab::Incidents);
    let incident = s.incident_on_disk();
    assert_eq!(
        incident.id.as_str(),
        "2026-12-01-collection-system-encrypted"
    );
    assert_eq!(incident.kind, IncidentKind::Real);
    assert_eq!(incident.severity, Severity::High);
    assert!(incident.personal_data);
    assert_eq!(incident.declared_by, "Joris Bakhuizen");
    assert_eq!(incident.declared_at, moment("2026-12-01T09:14:00Z"));
    assert_eq!(s.incident(), incident, "the app holds what is on disk");
    assert!(
        s.app.session.store().changed_on_disk().is_empty(),
        "the app's own file is not a change on disk"
    );
}

#[test]
fn a_second_real_incident_is_refused_naming_the_active_one_but_an_exercise_runs_alongside() {
    let mut s = incident_session();
    s.declare_real();
    s.keys("!").keys("Phishing mail");
    s.ctrl('s');
    let Some(Popup::Form(FormPopup { form, .. })) = &s.app.popup else {
        panic!("the form stays open");
    };
    let why = form.message.clone().unwrap();
    assert!(
        why.contains("2026-12-01-collection-system-encrypted") && why.contains("still active"),
        "{why}"
    );
    // Kind: real incident → exercise.
    s.key(KeyCode::Tab).key(KeyCode::Right);
    s.ctrl('s');
    assert!(s.app.popup.is_none());
    assert_eq!(s.incident().kind, IncidentKind::Exercise);
    assert_eq!(s.app.workbook().incidents.len(), 3);
}

#[test]
fn the_app_opens_on_the_active_real_incident() {
    let wb = TestWorkbook::example();
    let declared = paraat::store::incident::IncidentWriter::new(wb.path())
        .create(paraat::store::incident::NewIncident {
            title: "Server encrypted".into(),
            kind: IncidentKind::Real,
            scenario: None,
            declared_at: moment("2026-12-01T08:00:00Z"),
            declared_by: "Sanne Oudejans".into(),
            discovered_at: None,
            severity: Severity::High,
            personal_data: false,
            affected_systems: vec![],
        })
        .unwrap();
    let s = open(wb, tempfile::tempdir().unwrap());
    assert_eq!(s.app.tab(), Tab::Incidents);
    assert_eq!(s.incident().id, declared.id);
}

#[test]
fn r_and_n_log_the_selected_call_and_move_on_to_the_next_person() {
    let mut s = incident_session();
    s.declare_real();
    s.at("09:16").keys("r");
    s.at("09:17").keys("n");
    let timeline = s.incident_on_disk().timeline;
    assert_eq!(timeline.len(), 2);
    assert_eq!(
        timeline[0].kind,
        EntryKind::Call {
            contact: Id::from("C-005"),
            reached: true
        }
    );
    assert_eq!(timeline[0].text, "Called C-005 Joris Bakhuizen: reached");
    assert_eq!(timeline[0].at, moment("2026-12-01T09:16:00Z"));
    assert_eq!(timeline[0].by, "Joris Bakhuizen");
    assert_eq!(
        timeline[1].kind,
        EntryKind::Call {
            contact: Id::from("C-004"),
            reached: false
        }
    );
    // The director was not reached: the next person is the incident lead.
    assert_eq!(s.app.incident.as_ref().unwrap().call, 2);
    assert!(s.message().contains("0575 555 0120"), "{}", s.message());
}

#[test]
fn x_ticks_off_the_selected_first_hour_step_once() {
    let mut s = incident_session();
    s.declare_real();
    s.keys("x");
    assert_eq!(s.app.incident.as_ref().unwrap().step, 1);
    // Back to FH-01 in the first-hour pane, and once more: nothing new is logged.
    s.key(KeyCode::Tab);
    assert_eq!(s.app.incident.as_ref().unwrap().focus, Pane::FirstHour);
    s.keys("k").keys("x");
    let timeline = s.incident_on_disk().timeline;
    assert_eq!(timeline.len(), 1);
    assert_eq!(
        timeline[0].kind,
        EntryKind::StepDone {
            step: Id::from("FH-01")
        }
    );
    assert!(s.message().contains("already done"), "{}", s.message());
}

#[test]
fn the_log_line_saves_each_entry_at_once_and_ctrl_d_makes_it_a_decision() {
    let mut s = incident_session();
    s.declare_real();
    s.at("09:20").keys("l").keys("Pulled the network cable");
    s.key(KeyCode::Enter);
    assert_eq!(s.incident_on_disk().timeline.len(), 1, "saved on Enter");
    s.at("09:25")
        .ctrl('d')
        .keys("The museum stays closed until 12:00");
    s.key(KeyCode::Enter);
    let timeline = s.incident_on_disk().timeline;
    assert_eq!(timeline[0].text, "Pulled the network cable");
    assert_eq!(timeline[0].kind, EntryKind::Note);
    assert_eq!(timeline[0].at, moment("2026-12-01T09:20:00Z"));
    assert_eq!(timeline[1].kind, EntryKind::Decision);
    assert_eq!(timeline[1].by, "Joris Bakhuizen");
    // The line stays open for the next entry, as a note again; Esc leaves it.
    let screen = s.app.incident.as_ref().unwrap();
    assert!(screen.log.as_ref().is_some_and(|l| l.lines() == [""]));
    assert!(!screen.decision);
    s.key(KeyCode::Enter);
    assert_eq!(
        s.incident_on_disk().timeline.len(),
        2,
        "an empty line adds nothing"
    );
    s.key(KeyCode::Esc);
    assert!(s.app.incident.as_ref().unwrap().log.is_none());
    // Letters are commands again: `q` asks nothing (nothing unsaved) and quits.
    s.keys("q");
    assert!(s.app.quit);
}

#[test]
fn a_notification_is_recorded_and_the_matching_clock_shows_as_met() {
    let mut s = incident_session();
    s.declare_real();
    s.at("11:00").keys("N");
    // To whom: the picker; then channel and reference.
    s.key(KeyCode::Enter).keys("autoriteit").key(KeyCode::Enter);
    s.key(KeyCode::Tab).keys("online breach form");
    s.key(KeyCode::Tab).keys("AP-2026-0042");
    s.ctrl('s');
    assert!(s.app.popup.is_none(), "{}", s.message());
    let incident = s.incident_on_disk();
    let n = &incident.notifications[0];
    assert_eq!(n.to.as_str(), "C-003");
    assert_eq!(n.meets, Some(Deadline::DataProtection));
    assert_eq!(n.reference, "AP-2026-0042");
    assert_eq!(
        incident.timeline.last().unwrap().kind,
        EntryKind::Notified {
            to: Id::from("C-003")
        }
    );
    let clocks = response::clocks(&incident, &s.app.workbook().manifest, None, s.app.clock.now);
    let dpa = clocks
        .iter()
        .find(|c| c.deadline == Deadline::DataProtection)
        .unwrap();
    assert!(matches!(
        dpa.state,
        response::ClockState::Met { in_time: true, .. }
    ));
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("[x] Data protection authority (72 h)  met 11:00"),
        "{screen}"
    );
}

#[test]
fn choosing_the_affected_systems_shows_the_processes_hit_at_once() {
    let mut s = incident_session();
    s.declare_real();
    s.keys("a");
    let Some(Popup::Form(FormPopup { form, .. })) = &s.app.popup else {
        panic!("the picker is open");
    };
    assert!(form.picker.as_ref().is_some_and(|p| p.multi));
    s.keys("collection management").keys(" ");
    s.key(KeyCode::Backspace);
    for _ in "collection management".chars() {
        s.key(KeyCode::Backspace);
    }
    s.keys("server and file").keys(" ").key(KeyCode::Enter);
    assert!(s.app.popup.is_none(), "{}", s.message());
    let incident = s.incident_on_disk();
    assert_eq!(
        incident.affected_systems,
        [Id::from("S-001"), Id::from("S-008")]
    );
    assert!(
        incident.timeline[0]
            .text
            .starts_with("Affected systems: S-001 Collection management system")
    );
    let screen = s.app.incident.as_ref().unwrap();
    assert_eq!(screen.focus, Pane::Impact);
    let text = s.screen(80, 24);
    assert!(text.contains("Processes hit, in recovery order"), "{text}");
}

#[test]
fn personal_data_is_asked_for_first_then_its_clock_runs() {
    let mut s = incident_session();
    s.keys("!").keys("Website defaced").ctrl('s');
    assert!(!s.incident().personal_data);
    s.keys("p");
    assert!(matches!(s.app.popup, Some(Popup::Question(_))));
    s.keys("n");
    assert!(!s.incident_on_disk().personal_data);
    s.keys("py");
    let incident = s.incident_on_disk();
    assert!(incident.personal_data);
    assert!(
        incident.timeline[0]
            .text
            .starts_with("Personal data is involved")
    );
    assert!(
        s.screen(80, 24)
            .contains("Data protection authority (72 h)")
    );
}

#[test]
fn closing_keeps_the_lessons_and_makes_the_chosen_ones_plan_steps() {
    let mut s = incident_session();
    s.declare_real();
    s.at("16:00").keys("C");
    // The insurer's window is not met yet: closing asks first.
    assert!(matches!(s.app.popup, Some(Popup::Question(_))));
    assert!(s.screen(80, 24).contains("not met"), "{}", s.screen(80, 24));
    s.keys("y");
    // The lessons list: add one that becomes a plan step, and one that does not.
    s.key(KeyCode::Enter);
    s.keys("a")
        .keys("The installer's number was not on the printed list.");
    s.key(KeyCode::Tab).keys(" ").ctrl('s');
    s.keys("a").keys("Everyone knew the call order.").ctrl('s');
    s.key(KeyCode::Esc).ctrl('s');
    assert!(s.app.popup.is_none(), "{}", s.message());
    let incident = s.incident_on_disk();
    assert_eq!(incident.status, IncidentStatus::Closed);
    assert_eq!(incident.closed_at, Some(moment("2026-12-01T16:00:00Z")));
    assert_eq!(incident.lessons.len(), 2);
    let step_id = incident.lessons[0].plan_step.clone().expect("a plan step");
    assert_eq!(incident.lessons[1].plan_step, None);
    let step = s.app.workbook().step(step_id.as_str()).unwrap();
    assert_eq!(
        step.title,
        "The installer's number was not on the printed list"
    );
    assert_eq!(step.incident.as_ref(), Some(&incident.id));
    assert!(s.app.dirty_files().contains(&"plan.ron"), "saved with s");
    // A closed incident takes no more entries.
    s.keys("l");
    assert!(s.app.incident.as_ref().unwrap().log.is_none());
    assert!(s.app.message.as_ref().unwrap().error);
}

#[test]
fn an_exercise_shows_each_inject_when_its_minute_comes() {
    let mut s = incident_session();
    s.declare_exercise();
    let incident = s.incident();
    assert_eq!(incident.kind, IncidentKind::Exercise);
    assert!(incident.scenario.is_some());
    s.at("09:23");
    update(&mut s.app, Action::Tick);
    assert!(!s.message().contains("New inject"));
    s.at("09:24");
    update(&mut s.app, Action::Tick);
    assert!(
        s.message().contains("New inject at minute 10"),
        "{}",
        s.message()
    );
    assert_eq!(s.app.incident.as_ref().unwrap().lower, Pane::Injects);
    assert!(s.screen(80, 24).contains("Minute 10 (09:24)"));
}

#[test]
fn an_entry_logged_from_another_shell_appears_and_neither_writer_loses_one() {
    let mut s = incident_session();
    s.declare_real();
    s.keys("l")
        .keys("Entry from the screen")
        .key(KeyCode::Enter);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_paraat"))
        .args([
            "incident",
            "log",
            "Entry from the other shell",
            "--by",
            "Sanne",
        ])
        .args(["--now", "2026-12-01T09:15:00Z", "--workbook"])
        .arg(s.wb.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        s.incident().timeline.len(),
        1,
        "not seen before the disk check"
    );
    s.app.check_disk();
    let texts =
        |i: &Incident| -> Vec<String> { i.timeline.iter().map(|e| e.text.clone()).collect() };
    assert_eq!(
        texts(&s.incident()),
        ["Entry from the screen", "Entry from the other shell"]
    );
    s.keys("Entry after the disk check").key(KeyCode::Enter);
    assert_eq!(
        texts(&s.incident_on_disk()),
        [
            "Entry from the screen",
            "Entry from the other shell",
            "Entry after the disk check"
        ]
    );
    assert!(s.app.session.store().changed_on_disk().is_empty());
    // And it shows in the log pane.
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("Sanne: Entry from the other shell"),
        "{screen}"
    );
}

#[test]
fn an_incident_declared_from_another_shell_is_picked_up_by_the_disk_check() {
    let mut s = incident_session();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_paraat"))
        .args(["incident", "start", "Donor file leaked", "--by", "Sanne"])
        .args(["--now", "2026-12-01T09:15:00Z", "--workbook"])
        .arg(s.wb.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    s.app.check_disk();
    assert!(
        s.app
            .workbook()
            .incident("2026-12-01-donor-file-leaked")
            .is_some()
    );
    s.keys("i");
    assert_eq!(s.incident().title, "Donor file leaked");
}

#[test]
fn a_closed_incident_opens_from_the_incidents_tab_and_refuses_entries() {
    let mut s = incident_session();
    s.keys("9").key(KeyCode::Enter);
    let incident = s.incident();
    assert_eq!(incident.id.as_str(), "2025-06-12-tabletop-ransomware");
    s.keys("r");
    assert_eq!(s.incident_on_disk(), incident, "nothing written");
    assert!(s.message().contains("closed"), "{}", s.message());
    s.key(KeyCode::Esc);
    assert!(s.app.incident.is_none());
    assert_eq!(s.app.tab(), Tab::Incidents);
}

#[test]
fn deadlines_turn_to_a_warning_word_and_mark_as_they_near() {
    let mut s = incident_session();
    s.declare_real();
    s.app.clock.now = moment("2026-12-02T20:00:00Z");
    let screen = s.screen(80, 24);
    assert!(screen.contains("[ ] Insurer (48 hours)"), "{screen}");
    assert!(screen.contains("running, 13 h 14 min left"), "{screen}");
    // The last quarter of the 48 hours: a warning word and mark.
    s.app.clock.now = moment("2026-12-03T01:00:00Z");
    let screen = s.screen(80, 24);
    assert!(screen.contains("[!] Insurer (48 hours)"), "{screen}");
    assert!(screen.contains("nearly due, 8 h 14 min left"), "{screen}");
    s.app.clock.now = moment("2026-12-03T10:00:00Z");
    let screen = s.screen(80, 24);
    assert!(screen.contains("OVERDUE, overdue by 46 min"), "{screen}");
}

#[test]
fn hostile_text_in_an_incident_never_reaches_the_terminal_raw() {
    let mut s = incident_session();
    s.keys("!").keys("Ransom\u{1b}[2Jware").ctrl('s');
    s.keys("l").keys("Bell\u{7} rang").key(KeyCode::Enter);
    let screen = s.screen(120, 40);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
}

/// A real incident at 09:40: personal data, the IT lead reached, a step done, one
/// entry in the log, the collection system affected.
fn real_incident_in_progress() -> Session {
    let mut s = incident_session();
    s.declare_real();
    s.at("09:16").keys("r");
    s.at("09:18").keys("x");
    s.at("09:21")
        .keys("l")
        .keys("Pulled the network cable of the museum server")
        .key(KeyCode::Enter)
        .key(KeyCode::Esc);
    s.at("09:25")
        .keys("a")
        .keys("collection management ")
        .key(KeyCode::Enter);
    // Choosing the systems left the affected-systems pane in front; `r`, `n` and
    // `x` act on the selected call and step wherever the arrow keys are.
    assert_eq!(s.app.incident.as_ref().unwrap().focus, Pane::Impact);
    s.at("09:40");
    s
}

#[test]
fn the_incident_screen_at_80_by_24() {
    let mut s = real_incident_in_progress();
    insta::assert_snapshot!(s.screen(80, 24));
}

#[test]
fn the_incident_screen_at_120_by_40() {
    let mut s = real_incident_in_progress();
    insta::assert_snapshot!(s.screen(120, 40));
}

fn exercise_at_minute_26() -> Session {
    let mut s = incident_session();
    s.declare_exercise();
    s.at("09:40");
    update(&mut s.app, Action::Tick);
    s
}

#[test]
fn an_exercise_with_an_inject_at_80_by_24() {
    let mut s = exercise_at_minute_26();
    insta::assert_snapshot!(s.screen(80, 24));
}

#[test]
fn an_exercise_with_an_inject_at_120_by_40() {
    let mut s = exercise_at_minute_26();
    insta::assert_snapshot!(s.screen(120, 40));
}

#[test]
fn the_declare_form_at_80_by_24() {
    let mut s = incident_session();
    s.keys("!");
    insta::assert_snapshot!(s.screen(80, 24));
}

#[test]
fn the_incident_screen_speaks_the_workbooks_language() {
    let mut s = open(
        TestWorkbook::new(Language::Nl),
        tempfile::tempdir().unwrap(),
    );
    s.at("09:14");
    s.app.session.author = Some("Joris".to_owned());
    s.keys("!").keys("Server versleuteld").ctrl('s');
    s.keys("l")
        .ctrl('d')
        .keys("Museum blijft dicht")
        .key(KeyCode::Enter);
    let screen = s.screen(120, 40);
    for words in [
        "Belvolgorde",
        "Eerste uur",
        "Logboek",
        "BESLUIT: Museum blijft dicht",
    ] {
        assert!(screen.contains(words), "{words}: {screen}");
    }
}

impl Session {
    /// Adds a risk through the form (an unsaved edit).
    fn add_risk(&mut self, title: &str) -> &mut Self {
        self.keys("5a").keys(title).ctrl('s')
    }

    /// Closes the app (unsaved edits and all) and opens the workbook again.
    fn reopen(self) -> Session {
        let Session { wb, _data, app } = self;
        drop(app);
        open(wb, _data)
    }
}

fn recovery_file(s: &Session, data_dir: &std::path::Path) -> paraat::store::recovery::RecoveryFile {
    paraat::store::recovery::RecoveryFile::for_workbook(s.wb.path(), Some(data_dir)).unwrap()
}

#[test]
fn the_recovery_warning_stays_on_screen_until_the_recovery_file_can_be_written() {
    let data = tempfile::tempdir().unwrap();
    // A data folder that is a file: nothing can be written under it.
    let blocked = data.path().join("blocked");
    std::fs::write(&blocked, "").unwrap();
    let mut s = open_in(TestWorkbook::example(), data, &blocked);
    s.add_risk("Flooded depot");
    assert!(!s.app.session.dirty().is_empty());
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("Unsaved changes are not protected"),
        "{screen}"
    );
    // Other messages come and go; the warning stays.
    s.keys("25");
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("Unsaved changes are not protected"),
        "{screen}"
    );
    // Quitting asks first, and says the changes would be lost.
    s.keys("q");
    assert!(matches!(s.app.popup, Some(Popup::Quit(_))));
    let screen = s.screen(120, 40);
    assert!(screen.contains("the recovery file does"), "{screen}");
    s.key(KeyCode::Esc);
    assert!(!s.app.quit);
    // Once the recovery file can be written again, the next look at the disk
    // writes it and the warning goes.
    std::fs::remove_file(&blocked).unwrap();
    s.app.check_disk();
    let screen = s.screen(120, 40);
    assert!(
        !screen.contains("Unsaved changes are not protected"),
        "{screen}"
    );
    let recovery = recovery_file(&s, &blocked);
    assert_eq!(recovery.read().unwrap().unwrap().edits.len(), 1);
    s.add_risk("Second risk");
    assert_eq!(recovery.read().unwrap().unwrap().edits.len(), 2);
}

#[test]
fn at_the_recovery_prompt_discarding_asks_again_esc_keeps_it_and_stray_letters_do_nothing() {
    let mut s = example();
    let data = s._data.path().to_path_buf();
    s.add_risk("Lost laptop with donor list");
    let recovery = recovery_file(&s, &data);
    let mut s = s.reopen(); // closed without saving

    // Letters typed by mistake do nothing; `d` asks once more, and "no" goes back.
    assert!(matches!(s.app.popup, Some(Popup::Recovery(_))));
    s.keys("xqaz3");
    assert!(matches!(s.app.popup, Some(Popup::Recovery(_))));
    assert_eq!(s.app.tab(), Tab::Overview);
    s.keys("d");
    assert!(matches!(s.app.popup, Some(Popup::Question(_))));
    assert!(s.screen(120, 40).contains("cannot be brought back"));
    s.keys("n");
    assert!(matches!(s.app.popup, Some(Popup::Recovery(_))));
    assert!(recovery.read().is_some(), "nothing discarded yet");

    // Esc keeps it for later: a new edit in this session does not write over it,
    // and the screen says this session's edits are not protected.
    assert!(s.screen(120, 40).contains("Esc decide later"));
    s.key(KeyCode::Esc);
    assert!(s.app.popup.is_none());
    s.add_risk("Another risk");
    assert!(
        s.screen(120, 40)
            .contains("keeps an earlier session's changes")
    );
    s.keys("qd"); // quit without saving (`q q` never does)
    assert!(s.app.quit);
    let mut s = s.reopen();
    let kept = recovery.read().unwrap().unwrap();
    assert_eq!(kept.edits.len(), 1, "the earlier session's edit is kept");

    // At the next start it is offered again; discarding twice removes it.
    assert!(matches!(s.app.popup, Some(Popup::Recovery(_))));
    s.keys("dy");
    assert!(s.app.popup.is_none());
    assert!(recovery.read().is_none());
}

#[test]
fn a_broken_register_opens_read_only_on_the_rest_with_a_banner_naming_it() {
    let wb = TestWorkbook::example();
    wb.edit("risks.ron", "risks: [", "risks: [\n<<<<<<< HEAD");
    let mut s = open(wb, tempfile::tempdir().unwrap());
    assert!(s.app.session.read_only().is_some());
    let screen = s.screen(120, 40);
    assert!(screen.contains("risks.ron:"), "{screen}");
    assert!(screen.contains("did not load"), "{screen}");
    // What loaded is there: the contacts and their call order.
    let screen = s.keys("7").screen(120, 40);
    assert!(screen.contains("Sanne Oudejans"), "{screen}");
    // Editing is refused with the reason.
    s.keys("a");
    assert!(s.app.popup.is_none());
    // The list of the broken file says why it is empty.
    let screen = s.keys("5").screen(120, 40);
    assert!(screen.contains("nothing of it is shown"), "{screen}");
    // Once the file is repaired, the workbook opens for editing by itself.
    s.wb.edit("risks.ron", "risks: [\n<<<<<<< HEAD", "risks: [");
    s.app.check_disk();
    assert!(s.app.session.read_only().is_none());
    assert!(s.app.session.broken().is_empty());
    assert!(!s.app.workbook().risks.risks.is_empty());
}

#[test]
fn repairing_one_of_two_broken_files_shows_it_and_the_banner_names_the_other() {
    let wb = TestWorkbook::example();
    wb.edit("risks.ron", "risks: [", "risks: [\n<<<<<<< HEAD");
    wb.edit("backups.ron", "backups: [", "backups: [[");
    let mut s = open(wb, tempfile::tempdir().unwrap());
    let screen = s.screen(120, 40);
    assert!(screen.contains("risks.ron:") && screen.contains("backups.ron:"));
    s.wb.edit("risks.ron", "risks: [\n<<<<<<< HEAD", "risks: [");
    s.app.check_disk();
    // The risks are there now, still read-only while the backups do not load.
    assert!(!s.app.workbook().risks.risks.is_empty());
    assert!(s.app.session.read_only().is_some());
    let screen = s.screen(120, 40);
    assert!(
        !screen.contains("risks.ron:") && screen.contains("backups.ron:"),
        "{screen}"
    );
    s.wb.edit("backups.ron", "backups: [[", "backups: [");
    s.app.check_disk();
    assert!(s.app.session.read_only().is_none());
    assert!(s.screen(120, 40).contains("loads again"));
}

#[test]
fn with_contacts_broken_the_incident_screen_says_to_use_the_printed_card() {
    let wb = TestWorkbook::example();
    wb.edit("contacts.ron", "contacts: [", "contacts: [[");
    let mut s = open(wb, tempfile::tempdir().unwrap());
    // The exercise on the Incidents tab, opened with Enter.
    s.keys("9").key(KeyCode::Enter);
    assert_eq!(s.incident().id.as_str(), "2025-06-12-tabletop-ransomware");
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("use the printed emergency card"),
        "{screen}"
    );
    // And the line above the incident screen names the broken file.
    assert!(
        screen.lines().nth(1).unwrap().contains("contacts.ron:"),
        "{screen}"
    );
}

#[test]
fn a_tui_left_open_overnight_reviews_with_the_new_day() {
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    let options = |today_fixed| Options {
        today_fixed,
        ..options(wb.path(), data.path())
    };
    let mut app = App::open(options(false)).unwrap();
    let at = |text: &str| Clock {
        now: moment(text),
        zone: Zone::utc(),
        follows_system: false,
    };
    app.clock = at("2026-12-01T23:59:00Z");
    update(&mut app, Action::Tick);
    assert_eq!(app.session.today(), today());
    let before = app.session.findings().len();
    // The clock passes midnight, and half a year: reviews, tests and steps fall due.
    app.clock = at("2027-06-02T00:01:00Z");
    update(&mut app, Action::Tick);
    assert_eq!(app.session.today(), Date::parse("2027-06-02").unwrap());
    assert!(
        app.session.findings().len() > before,
        "the new day's findings"
    );
    drop(app);
    // With --today the day stays where it was put.
    let mut fixed = App::open(options(true)).unwrap();
    fixed.clock = at("2027-06-02T00:01:00Z");
    update(&mut fixed, Action::Tick);
    assert_eq!(fixed.session.today(), today());
}

#[test]
fn a_closed_risk_is_neither_on_the_heat_map_nor_in_its_cell() {
    let wb = TestWorkbook::example();
    // R-001 (likelihood 3, impact 5) is the first risk; close it.
    wb.edit("risks.ron", "status: InTreatment", "status: Closed");
    let mut s = open(wb, tempfile::tempdir().unwrap());
    let open_in_cell = s
        .app
        .workbook()
        .risks
        .risks
        .iter()
        .filter(|r| {
            r.status != RiskStatus::Closed && (r.current.likelihood, r.current.impact) == (3, 5)
        })
        .count();
    assert_eq!(s.app.session.heat(false)[2][4], open_in_cell);
    // The cell 3 × 5 on the heat map: from 3 × 3, two to the right.
    s.keys("5h")
        .key(KeyCode::Right)
        .key(KeyCode::Right)
        .key(KeyCode::Enter);
    let list = s.app.list(ListId::Risks);
    assert_eq!(list.record_count(), open_in_cell);
    assert!(
        list.visible
            .iter()
            .all(|&i| list.rows[i].cells[0] != "R-001"),
        "the closed risk is not in the cell"
    );
}

#[test]
fn the_3_2_1_1_0_pane_speaks_the_workbooks_language_and_an_untested_backup_failed_no_test() {
    let wb = TestWorkbook::example();
    wb.edit("paraat.ron", "language: En", "language: Nl");
    let mut s = open(wb, tempfile::tempdir().unwrap());
    // A new backup: no copies yet, never test-restored.
    s.keys("8a").keys("Scans van de bruikleencontracten");
    s.ctrl('s');
    assert!(s.app.popup.is_none(), "{:?}", s.app.message);
    let screen = s.screen(120, 40);
    assert!(screen.contains("✗ 3 kopieën (0 vastgelegd)"), "{screen}");
    assert!(screen.contains("✓ 0 mislukte hersteltests"), "{screen}");
    assert!(!screen.contains("0 errors") && !screen.contains("off-site"));
}

#[test]
fn the_recovery_question_ignores_stray_letters_and_esc_keeps_the_file() {
    let data = tempfile::tempdir().unwrap();
    let wb = TestWorkbook::example();
    let options = || options(wb.path(), data.path());
    let press = |app: &mut App, c: char| {
        update(
            app,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        )
    };
    let mut first = App::open(options()).unwrap();
    press(&mut first, '2');
    press(&mut first, 'n');
    drop(first);
    let mut app = App::open(options()).unwrap();
    assert!(matches!(app.popup, Some(Popup::Recovery(_))));
    for c in "xyq5".chars() {
        press(&mut app, c);
        assert!(
            matches!(app.popup, Some(Popup::Recovery(_))),
            "{c} did something"
        );
    }
    assert!(!app.quit);
    update(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );
    assert!(app.popup.is_none());
    let recovery =
        paraat::store::recovery::RecoveryFile::for_workbook(wb.path(), Some(data.path())).unwrap();
    assert!(
        matches!(recovery.read(), Some(Ok(found)) if found.edits.len() == 1),
        "decided later: the edits are still there for the next start"
    );
}

#[test]
fn a_closed_incident_shows_its_clocks_as_they_stood_at_the_close() {
    let mut s = incident_session();
    s.declare_real();
    s.at("11:14").keys("C");
    s.keys("y").ctrl('s');
    assert!(s.app.popup.is_none(), "{}", s.message());
    assert_eq!(s.incident_on_disk().status, IncidentStatus::Closed);
    // Twelve hours on, the insurer's window still shows what was left at the close.
    let screen = s.at("23:14").screen(80, 24);
    assert!(screen.contains("1 d 22 h left"), "{screen}");
    assert!(screen.contains("open for 2 h 00 min"), "{screen}");
    assert!(
        screen.contains("CLOSED") || screen.contains("Closed"),
        "{screen}"
    );
    assert_eq!(s.screen(120, 40), s.at("11:30").screen(120, 40));
}

#[test]
fn closing_with_a_deadline_not_met_can_be_cancelled() {
    let mut s = incident_session();
    s.declare_real();
    s.keys("C");
    assert!(matches!(s.app.popup, Some(Popup::Question(_))));
    s.keys("n");
    assert!(s.app.popup.is_none());
    assert_eq!(s.incident_on_disk().status, IncidentStatus::Active);
}

#[test]
fn the_report_details_form_reads_each_value_by_its_kind() {
    let mut s = incident_session();
    s.declare_real();
    s.at("10:00").keys("I");
    assert!(matches!(s.app.popup, Some(Popup::Form(_))));
    let screen = s.screen(80, 24);
    assert!(screen.contains("Report details of"), "{screen}");
    // The sixth field: roughly how many people.
    for _ in 0..5 {
        s.key(KeyCode::Tab);
    }
    s.keys("1.200").ctrl('s');
    assert!(s.app.popup.is_none(), "{}", s.message());
    assert_eq!(s.incident_on_disk().report.people, Some(1200));
    assert_eq!(s.message(), "Report details set: Roughly how many people.");
    // A value that does not read keeps the form open with why; nothing is written.
    s.keys("I");
    for _ in 0..8 {
        s.key(KeyCode::Tab);
    }
    s.keys("maybe").ctrl('s');
    let Some(Popup::Form(form)) = &s.app.popup else {
        panic!("the form stays open");
    };
    let why = form.form.message.clone().unwrap_or_default();
    assert!(why.contains("\"maybe\" is not yes, partly or no"), "{why}");
    assert_eq!(s.incident_on_disk().report.encrypted, None);
}

#[test]
fn an_exercises_injects_are_written_to_its_log_once_each_at_their_minute() {
    let mut s = exercise_at_minute_26();
    update(&mut s.app, Action::Tick);
    update(&mut s.app, Action::Tick);
    let injects: Vec<(EntryKind, Timestamp)> = s
        .incident_on_disk()
        .timeline
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Inject { .. }))
        .map(|e| (e.kind.clone(), e.at))
        .collect();
    assert_eq!(
        injects,
        [
            (
                EntryKind::Inject { minute: 0 },
                moment("2026-12-01T09:14:00Z")
            ),
            (
                EntryKind::Inject { minute: 10 },
                moment("2026-12-01T09:24:00Z")
            ),
            (
                EntryKind::Inject { minute: 20 },
                moment("2026-12-01T09:34:00Z")
            ),
        ]
    );
    // Closed, the exercise takes no more: no later inject is written, none is next.
    s.keys("C").keys("y").ctrl('s');
    assert_eq!(s.incident_on_disk().status, IncidentStatus::Closed);
    s.at("10:30");
    update(&mut s.app, Action::Tick);
    let logged = s
        .incident_on_disk()
        .timeline
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Inject { .. }))
        .count();
    assert_eq!(logged, 3);
    let screen = s.screen(120, 40);
    assert!(!screen.contains("Next inject"), "{screen}");
}

#[test]
fn the_settings_form_changes_paraat_ron_without_hand_editing() {
    let mut s = example();
    s.app.session.author = Some("Joris Bakhuizen".to_owned());
    s.keys("W");
    assert!(matches!(s.app.popup, Some(Popup::Form(_))));
    insta::assert_snapshot!("the_settings_form_at_80_by_24", s.screen(80, 24));
    insta::assert_snapshot!("the_settings_form_at_120_by_40", s.screen(120, 40));
    // The organisation's name: the form starts from it; type at its end.
    s.keys(" Noord");
    // The last field: "full review done today".
    for _ in 0..12 {
        s.key(KeyCode::Tab);
    }
    s.keys(" ").ctrl('s');
    assert!(s.app.popup.is_none(), "{}", s.message());
    assert_eq!(s.message(), "Changed the settings.");
    let manifest = &s.app.workbook().manifest;
    assert!(
        manifest.organisation.name.ends_with(" Noord"),
        "{}",
        manifest.organisation.name
    );
    let last = manifest.review.last.clone().expect("the review recorded");
    assert_eq!(last.by, "Joris Bakhuizen");
    assert_eq!(last.date, s.app.clock.today());
    // Saved, the file holds it and loads again.
    s.keys("s");
    let loaded = paraat::store::Store::load(s.wb.path()).unwrap().workbook;
    assert_eq!(&loaded.manifest, &s.app.workbook().manifest);
    // Undo brings the settings back.
    s.keys("u");
    assert!(
        !s.app
            .workbook()
            .manifest
            .organisation
            .name
            .ends_with(" Noord")
    );
}

#[test]
fn the_settings_form_refuses_what_the_rules_refuse_and_keeps_what_was_typed() {
    let mut s = example();
    s.keys("W");
    // The review cycle (12th field) at 0 months is refused by the form's range or the rule.
    for _ in 0..11 {
        s.key(KeyCode::Tab);
    }
    s.key(KeyCode::Backspace)
        .key(KeyCode::Backspace)
        .keys("0")
        .ctrl('s');
    assert!(
        matches!(s.app.popup, Some(Popup::Form(_))),
        "the form stays open"
    );
    assert_eq!(s.app.workbook().manifest, example().app.workbook().manifest);
}

#[test]
fn findings_about_the_settings_name_the_key_to_press_not_the_file_field() {
    let mut s = open(
        TestWorkbook::new(Language::En),
        tempfile::tempdir().unwrap(),
    );
    let screen = s.screen(200, 60);
    assert!(screen.contains("Press W (settings), “Notifier"), "{screen}");
    assert!(!screen.contains("set `notifier`"), "{screen}");
    let mut s = open(
        TestWorkbook::new(Language::Nl),
        tempfile::tempdir().unwrap(),
    );
    let screen = s.screen(200, 60);
    assert!(screen.contains("Druk op W (instellingen)"), "{screen}");
}

#[test]
fn the_status_line_says_what_was_undone_and_redone() {
    let mut s = example();
    s.add_risk("Flooded basement");
    let id = s.selected().expect("the new risk is selected");
    s.keys("u");
    assert_eq!(s.message(), format!("Undone: adding risk {id}."));
    assert!(
        s.screen(80, 24)
            .contains(&format!("Undone: adding risk {id}"))
    );
    s.key(KeyCode::Char('U'));
    assert_eq!(s.message(), format!("Redone: adding risk {id}."));
    // Unsaved files and the message share the status line.
    assert!(
        s.screen(120, 40)
            .contains(&format!("Redone: adding risk {id}"))
    );
}

/// Words that are English and never Dutch: one of them on a screen of a Dutch
/// workbook is a text that was not translated.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "with",
    "are",
    "errors",
    "error",
    "warnings",
    "warning",
    "off-site",
    "onsite",
    "on-site",
    "immutable",
    "space",
    "elsewhere",
    "press",
    "save",
    "saved",
    "unsaved",
    "cancel",
    "close",
    "edit",
    "delete",
    "add",
    "none",
    "yes",
    "found",
    "missing",
    "notification",
    "notifications",
    "processes",
    "contacts",
    "risk",
    "risks",
    "day",
    "days",
    "hours",
    "minutes",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "today",
    "overdue",
    "never",
    "last",
    "next",
    "declared",
    "exercise",
    "step",
    "steps",
    "answered",
    "choose",
    "call",
    "reached",
    "deputy",
    "role",
    "roles",
    "order",
    "for",
    "from",
    "not",
    "this",
    "that",
    "all",
    "copies",
    "copy",
    "tested",
    "restore",
    "supplier",
    "suppliers",
    "systems",
    "system",
    "owner",
    "selected",
    "nothing",
    "read-only",
    "opened",
    "first",
    "file",
    "loaded",
    "load",
    "unresolved",
    "empty",
    "could",
    "markers",
];

/// The English words on `screen`, with the line they are on. File names
/// (`contacts.ron`) and finding codes (`NO_RECENT_EXERCISE`) are names, not words.
fn english_words(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in screen.lines() {
        for word in line.split(|c: char| !(c.is_alphanumeric() || "-_.".contains(c))) {
            let word = word.trim_matches(|c| c == '-' || c == '.').to_lowercase();
            if ENGLISH.contains(&word.as_str()) {
                found.push(format!("{word:?} in {}", line.trim()));
            }
        }
    }
    found
}

/// Every screen and popup a walk through the program can reach, at 80×24 and
/// 120×40: every tab, its add form and the help on it, the heat map, the
/// sections of the Processes tab, the roles view, find, the settings, the export
/// dialog, the declaring of an exercise and the incident screen with one entry in
/// its log, and the banner of the active exercise.
fn every_screen(s: &mut Session) -> Vec<(String, String)> {
    s.at("09:14");
    s.app.session.author = Some("Joris Bakhuizen".to_owned());
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut look = |s: &mut Session, what: &str| {
        for (w, h) in [(80, 24), (120, 40)] {
            seen.push((format!("{what} at {w}x{h}"), s.screen(w, h)));
        }
    };
    // A new backup, so the 3-2-1-1-0 check has something to say.
    s.keys("8a").keys("Scans");
    s.ctrl('s');
    for n in 1..=9 {
        let tab = n.to_string();
        s.keys(&tab);
        look(s, &format!("tab {n}"));
        s.keys("?");
        look(s, &format!("help on tab {n}"));
        s.key(KeyCode::Esc);
        if ![1, 2, 3].contains(&n) {
            s.keys("a");
            look(s, &format!("add form on tab {n}"));
            s.key(KeyCode::Esc);
            s.keys(&tab);
        }
    }
    s.keys("5h");
    look(s, "heat map");
    s.key(KeyCode::Esc);
    s.keys("6v");
    look(s, "systems");
    s.keys("v");
    look(s, "suppliers");
    s.keys("7r");
    look(s, "roles and call order");
    s.keys("r");
    s.keys("f").keys("a");
    look(s, "find");
    s.key(KeyCode::Esc);
    s.keys("W");
    look(s, "settings");
    s.key(KeyCode::Esc);
    s.keys("x");
    look(s, "export");
    s.key(KeyCode::Esc);
    s.keys("!");
    look(s, "declare");
    s.key(KeyCode::Esc);
    s.declare_exercise();
    s.keys("l").keys("Begonnen").key(KeyCode::Enter);
    look(s, "incident screen");
    s.key(KeyCode::Esc);
    look(s, "banner");
    seen
}

/// The class test of "no English in the Dutch UI": every screen and popup of
/// [`every_screen`], and the read-only banner of a second instance, in a Dutch
/// workbook: no English word on any of them.
#[test]
fn a_dutch_workbook_shows_no_english_on_any_screen_or_popup() {
    let mut s = open(
        TestWorkbook::new(Language::Nl),
        tempfile::tempdir().unwrap(),
    );
    let mut seen = every_screen(&mut s);
    // A second instance: read-only, and says why.
    let mut second = App::open(options(s.wb.path(), s._data.path())).unwrap();
    second.theme = Theme::plain();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    update(&mut second, Action::Resize(120, 40));
    terminal.draw(|frame| second.draw(frame)).unwrap();
    let read_only = terminal.backend().to_string();
    assert!(read_only.contains("elders geopend"), "{read_only}");
    seen.push(("read-only".to_owned(), read_only));
    seen.extend(a_broken_file(Language::Nl));
    let english: Vec<String> = seen
        .iter()
        .flat_map(|(what, screen)| {
            english_words(screen)
                .into_iter()
                .map(move |w| format!("{what}: {w}"))
        })
        .collect();
    assert!(
        english.is_empty(),
        "English in the Dutch UI:\n{}",
        english.join("\n")
    );
}

/// A register that breaks while the workbook is open (the reload's message, with
/// the store's error), and a workbook opened with it broken (the read-only banner).
fn a_broken_file(lang: Language) -> Vec<(String, String)> {
    let mut s = open(TestWorkbook::new(lang), tempfile::tempdir().unwrap());
    s.wb.write(
        "risks.ron",
        "<<<<<<< HEAD\nRisks(risks: [], next_number: 1)\n=======\n>>>>>>> theirs\n",
    );
    s.app.check_disk();
    let message = s.app.message.as_ref().expect("a message").text.clone();
    let conflict = paraat::model::bilingual::pick(
        lang,
        "unresolved git merge conflict",
        "onopgelost samenvoegconflict",
    );
    assert!(message.contains(conflict), "{message}");
    let reload = s.screen(120, 40);
    let mut broken = App::open(options(s.wb.path(), s._data.path())).unwrap();
    broken.theme = Theme::plain();
    update(&mut broken, Action::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| broken.draw(frame)).unwrap();
    let banner = terminal.backend().to_string();
    assert!(banner.contains("risks.ron:1"), "{banner}");
    vec![
        ("a broken file reloaded".to_owned(), reload),
        ("a broken file's banner".to_owned(), banner),
    ]
}

#[test]
fn an_english_workbook_names_a_broken_file_in_english() {
    let screens = a_broken_file(Language::En);
    assert!(screens[1].1.contains("did not load"), "{}", screens[1].1);
}

/// A count of one takes the singular in both languages, on every screen and
/// popup of [`every_screen`]: never "1 entries", "1 regels", "1 processes".
#[test]
fn a_count_of_one_is_singular_on_every_screen_in_both_languages() {
    const PLURALS: &[&str] = &[
        "errors",
        "warnings",
        "steps",
        "days",
        "changes",
        "entries",
        "references",
        "processes",
        "notifications",
        "risks",
        "contacts",
        "systems",
        "suppliers",
        "backups",
        "incidents",
        "fouten",
        "waarschuwingen",
        "stappen",
        "dagen",
        "wijzigingen",
        "regels",
        "verwijzingen",
        "processen",
        "meldingen",
        "risico's",
        "contactpersonen",
        "systemen",
        "leveranciers",
        "back-ups",
        "incidenten",
    ];
    for (lang, wb) in [
        (Language::En, TestWorkbook::example()),
        (Language::Nl, TestWorkbook::new(Language::Nl)),
    ] {
        let mut s = open(wb, tempfile::tempdir().unwrap());
        let screens = every_screen(&mut s);
        let log = &screens
            .iter()
            .find(|(what, _)| what == "incident screen at 120x40")
            .expect("the incident screen")
            .1;
        let one_entry = paraat::model::bilingual::pick(lang, "1 entry", "1 regel");
        assert!(log.contains(one_entry), "{log}");
        for (what, screen) in &screens {
            for line in screen.lines() {
                let words: Vec<&str> = line
                    .split(|c: char| c.is_whitespace() || "│┐┌─(),.:·".contains(c))
                    .filter(|w| !w.is_empty())
                    .collect();
                for pair in words.windows(2) {
                    assert!(
                        !(pair[0] == "1" && PLURALS.contains(&pair[1])),
                        "{lang:?} {what}: \"1 {}\" in {}",
                        pair[1],
                        line.trim()
                    );
                }
            }
        }
    }
}
