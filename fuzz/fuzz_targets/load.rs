//! The loader on any bytes: one file of the example museum replaced by the
//! input (its first byte picks which file), every other file as shipped.
//!
//! What must hold, whatever the bytes: loading never panics; every error names
//! the file that was replaced; a workbook that loads can be reviewed, written,
//! and loaded back equal (what paraat writes, paraat loads).
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use paraat::model::Date;
use paraat::store::{load_files, render_workbook, templates};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let mut files: BTreeMap<String, Vec<u8>> = templates::EXAMPLE
        .iter()
        .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
        .collect();
    let (path, _) = templates::EXAMPLE[usize::from(pick) % templates::EXAMPLE.len()];
    files.insert(path.to_owned(), content.to_vec());
    let partial = match load_files(&files) {
        Ok(partial) => partial,
        Err(error) => {
            for file in &error.files {
                assert_eq!(file.file(), path, "{file}");
            }
            return;
        }
    };
    for error in &partial.failed {
        assert_eq!(error.file(), path, "{error}");
        assert!(!error.to_string().contains("stopped unexpectedly"), "{error}");
    }
    if !partial.is_complete() {
        return;
    }
    let today = Date::parse("2026-12-01").unwrap();
    let _ = paraat::review::review(&partial.workbook, today);
    let written: BTreeMap<String, Vec<u8>> = render_workbook(&partial.workbook, true)
        .expect("what loads renders")
        .into_iter()
        .map(|f| (f.path, f.text.into_bytes()))
        .collect();
    let again = load_files(&written)
        .expect("what paraat writes loads")
        .complete()
        .expect("what paraat writes loads whole");
    assert_eq!(again.workbook, partial.workbook);
});
