//! The terminal UI at scale: `cargo bench --bench tui`.
//!
//! Targets: on a generated workbook with 10,000 risks, drawing the Risks tab costs
//! at most 1.5× drawing it with 100 risks (the cost follows the screen, not the
//! data); moving the selection and typing one filter character each take under
//! 10 ms; from start to the first frame under 300 ms; answering a checklist item
//! takes at most 16 ms and at most 2× the same answer with 100 risks (an edit
//! rebuilds what it touches, not the whole workbook). The answer is also measured
//! with 100,000 risks.

#[path = "generator.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use paraat::model::Date;
use paraat::tui::app::{Action, App, Options, update};
use paraat::tui::tabs::Tab;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const GENERATE: &str = "PARAAT_BENCH_GENERATE";

fn main() {
    // A child process writes the workbooks, so their generation costs nothing here.
    if let Some(dir) = std::env::var_os(GENERATE) {
        let dir = PathBuf::from(dir);
        generator::write(&dir.join("10000"), generator::Size::LARGE).expect("generate");
        let small = generator::Size {
            risks: 100,
            processes: 20,
            contacts: 20,
            backups: 20,
        };
        generator::write(&dir.join("100"), small).expect("generate");
        let largest = generator::Size {
            risks: 100_000,
            ..generator::Size::LARGE
        };
        generator::write(&dir.join("100000"), largest).expect("generate");
        // Settle what was just written, so the recovery file's syncs in the
        // benchmarks do not wait for it.
        let _ = std::process::Command::new("sync").status();
        return;
    }
    let _ = workbooks();
    divan::main();
}

fn workbooks() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let exe = std::env::current_exe().expect("own path");
        let status = std::process::Command::new(exe)
            .env(GENERATE, tmp.path())
            .status()
            .expect("generate");
        assert!(status.success());
        tmp
    })
    .path()
}

fn options(risks: usize) -> Options {
    Options {
        root: workbooks().join(risks.to_string()),
        today: Date::parse("2026-12-01").expect("date"),
        today_fixed: true,
        scratch: false,
        // The recovery file is written after every edit; set
        // PARAAT_BENCH_RECOVERY_DIR to put it elsewhere (a RAM disk leaves only the
        // edit's own work to measure).
        data_dir: Some(
            std::env::var_os("PARAAT_BENCH_RECOVERY_DIR")
                .map_or_else(|| workbooks().join("data"), PathBuf::from),
        ),
        export_dir: std::env::temp_dir(),
    }
}

/// An app on the generated workbook, read-only (so benchmarks never lock or write).
fn app(risks: usize) -> App {
    let options = options(risks);
    let loaded = paraat::store::Store::load(&options.root).expect("load");
    let mut app = App::new(
        loaded.workbook,
        loaded.store,
        options,
        Some("benchmark".into()),
    );
    update(&mut app, Action::Resize(120, 40));
    // Open the Risks tab as a user does; its rows are built on the first visit.
    update(&mut app, key(KeyCode::Char('5')));
    assert_eq!(app.tab(), Tab::Risks);
    app
}

/// An app on the generated workbook that can be edited (the recovery file goes to
/// a folder of the benchmark's own; nothing is saved).
fn editable_app(risks: usize) -> App {
    let options = options(risks);
    let loaded = paraat::store::Store::load(&options.root).expect("load");
    let mut app = App::new(loaded.workbook, loaded.store, options, None);
    update(&mut app, Action::Resize(120, 40));
    app
}

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[divan::bench(args = [100, 10_000], sample_count = 50)]
fn draw_risks_tab(bencher: Bencher, risks: usize) {
    let app = app(risks);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    bencher.bench_local(|| {
        terminal.draw(|frame| app.draw(frame)).expect("draw");
    });
}

#[divan::bench(sample_count = 50)]
fn move_selection_10000(bencher: Bencher) {
    let mut app = app(10_000);
    bencher.bench_local(|| update(&mut app, key(KeyCode::Down)));
}

/// The worst case: the first character typed scans all 10,000 rows.
#[divan::bench(sample_count = 50)]
fn type_first_filter_character_10000(bencher: Bencher) {
    let mut app = app(10_000);
    update(&mut app, key(KeyCode::Char('/')));
    let app = std::cell::RefCell::new(app);
    bencher
        .with_inputs(|| {
            let mut app = app.borrow_mut();
            let id = app.records.current_list_id();
            app.records.list_mut(id).filter.clear();
            let app = &mut *app;
            app.records.refilter(id, app.session.workbook());
        })
        .bench_local_values(|()| update(&mut app.borrow_mut(), key(KeyCode::Char('r'))));
}

/// From nothing to the workbook on screen: load, check, build the first list, draw.
/// (The program draws a loading frame before this, the moment the terminal is ready.)
#[divan::bench(sample_count = 10)]
fn start_to_workbook_on_screen_10000(bencher: Bencher) {
    bencher.bench_local(|| {
        let options = options(10_000);
        let loaded = paraat::store::Store::load(&options.root).expect("load");
        let mut app = App::new(
            loaded.workbook,
            loaded.store,
            options,
            Some("benchmark".into()),
        );
        update(&mut app, Action::Resize(120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|frame| app.draw(frame)).expect("draw");
        app
    });
}

/// Answering a checklist item on the Checklist tab: the edit, the recovery file,
/// the findings of the registers it can change, the list on screen. Between
/// answers (not measured) the answer is undone and the selection moved back, so
/// every sample answers the same item from the same state.
#[divan::bench(args = [100, 10_000, 100_000], sample_count = 30)]
fn answer_checklist_item(bencher: Bencher, risks: usize) {
    let mut app = editable_app(risks);
    update(&mut app, key(KeyCode::Char('2')));
    assert_eq!(app.tab(), Tab::Checklist);
    let first = app
        .current_list()
        .selected_record()
        .cloned()
        .expect("an item");
    // An answer the item does not have yet, so every sample changes it.
    let item = app
        .workbook()
        .checklist
        .items
        .iter()
        .find(|i| i.id == first.id);
    let answer = match item.map(|i| i.answer) {
        Some(paraat::model::Answer::No) => 'y',
        _ => 'n',
    };
    let app = std::cell::RefCell::new(app);
    bencher
        .with_inputs(|| {
            let mut app = app.borrow_mut();
            if !app.session.dirty().is_empty() {
                update(&mut app, key(KeyCode::Char('u')));
            }
            while app.current_list().selected_record() != Some(&first) {
                update(&mut app, key(KeyCode::Up));
            }
        })
        .bench_local_values(|()| update(&mut app.borrow_mut(), key(KeyCode::Char(answer))));
}
