//! Opens a large workbook the way the UI does, once, for profiling
//! (`valgrind --tool=callgrind target/release/examples/profile_start DIR`).
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("a workbook folder"));
    let today = paraat::model::Date::parse("2026-12-01").expect("date");
    let t = std::time::Instant::now();
    let loaded = paraat::store::Store::load(&root).expect("load");
    let t_load = t.elapsed();
    let options = paraat::tui::app::Options {
        root: root.clone(),
        today,
        today_fixed: true,
        scratch: false,
        data_dir: None,
        export_dir: root.clone(),
    };
    let app = paraat::tui::app::App::new(
        loaded.workbook,
        loaded.store,
        options,
        Some("profiling".into()),
    );
    println!("load {t_load:?}, on screen after {:?}", t.elapsed());
    drop(app);
}
