//! A bounded mutation test of the loader: the example museum, fresh English
//! and Dutch workbooks, and the files a merge left with conflicts
//! (`Conflicted(...)`), each file broken in the ways hand edits, merges and
//! attackers break files (byte flips, truncation, duplicated, swapped and
//! deleted lines, deep nesting, huge numbers, invalid dates, renamed variants,
//! conflict markers, extension headers, bytes that are not UTF-8). For every
//! mutant: nothing panics, every error names the file that was broken, and a
//! workbook that loads can be reviewed, written and loaded back equal.
//!
//! The mutants come from a fixed seed, so a failure is reproducible; the count
//! is kept small enough for CI (`MUTANTS_PER_FILE`). `cargo fuzz` runs the same
//! loader for as long as you like (see docs/file-format.md, "Fuzzing").

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use paraat::model::conflict::{Conflict, Version};
use paraat::model::{Date, Id, Language, OrganisationKind};
use paraat::review;
use paraat::store::{load_files, render_workbook, templates};

/// Mutants per file of each workbook (about 30 files in all).
const MUTANTS_PER_FILE: usize = 40;

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// A small deterministic generator (xorshift), so every run tries the same mutants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn workbooks() -> Vec<(&'static str, BTreeMap<String, Vec<u8>>)> {
    let example = templates::EXAMPLE
        .iter()
        .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
        .collect();
    let mut all = vec![("example", example)];
    for (name, lang) in [("en", Language::En), ("nl", Language::Nl)] {
        let workbook = templates::new_workbook(lang, "Museum", OrganisationKind::Museum).unwrap();
        let files = render_workbook(&workbook, false)
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.text.into_bytes()))
            .collect();
        all.push((name, files));
    }
    all.push(("conflicted", conflicted(&all[0].1)));
    all
}

/// The example after a merge that left conflicts in the risks and the plan:
/// those files are wrapped in `Conflicted(...)` (the other files are not
/// mutated for this workbook: they are the example's).
fn conflicted(example: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut workbook = load_files(example).unwrap().complete().unwrap().workbook;
    let mut other = workbook.risks.risks[0].clone();
    other.title.push_str(" (their title)");
    let changed = |record: Option<Id>, fields: &[&str], other: Version| Conflict::Changed {
        record,
        fields: fields.iter().map(|f| f.to_string()).collect(),
        kept: "HEAD".to_owned(),
        other_side: "origin/main".to_owned(),
        other: Some(Box::new(other)),
    };
    workbook.conflicts.insert(
        "risks.ron".to_owned(),
        vec![changed(
            Some(other.id.clone()),
            &["title"],
            Version::Risk(other),
        )],
    );
    let mut plan = workbook.plan.clone();
    plan.phases[0].title.push_str(" (theirs)");
    workbook.conflicts.insert(
        "plan.ron".to_owned(),
        vec![changed(
            None,
            &["phases[1].title"],
            Version::Plan(Box::new(plan)),
        )],
    );
    let files: BTreeMap<String, Vec<u8>> = render_workbook(&workbook, true)
        .unwrap()
        .into_iter()
        .map(|f| (f.path, f.text.into_bytes()))
        .collect();
    assert!(files["risks.ron"].starts_with(b"Conflicted("));
    files
}

/// The byte ranges of every match of `pattern`'s shape: runs of ASCII digits.
fn digit_runs(text: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() {
            let start = i;
            while i < text.len() && text[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Capitalised words followed by `(` or `,`: variant and struct names.
fn variant_names(text: &[u8]) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_uppercase() && (i == 0 || !text[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < text.len() && text[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if matches!(text.get(i), Some(b'(' | b',')) {
                names.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    names
}

fn splice(text: &[u8], start: usize, end: usize, with: &[u8]) -> Vec<u8> {
    [&text[..start], with, &text[end..]].concat()
}

fn lines(text: &[u8]) -> Vec<Vec<u8>> {
    text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn mutate(text: &[u8], rng: &mut Rng) -> (&'static str, Vec<u8>) {
    let mut lines = lines(text);
    let n = lines.len();
    match rng.below(14) {
        0 => {
            let mut out = text.to_vec();
            let at = rng.below(out.len());
            out[at] ^= 1 << rng.below(8);
            ("byte flip", out)
        }
        1 => ("truncation", text[..rng.below(text.len())].to_vec()),
        2 => {
            let at = rng.below(n);
            let line = lines[at].clone();
            lines.insert(at, line);
            ("duplicated line", lines.join(&b'\n'))
        }
        3 => {
            let (a, b) = (rng.below(n), rng.below(n));
            lines.swap(a, b);
            ("swapped lines", lines.join(&b'\n'))
        }
        4 => {
            lines.remove(rng.below(n));
            ("deleted line", lines.join(&b'\n'))
        }
        5 => {
            let depth = [100, 1_000, 50_000][rng.below(3)];
            let nest = [b"[".repeat(depth), b"]".repeat(depth)].concat();
            let at = rng.below(text.len());
            ("deep nesting", splice(text, at, at, &nest))
        }
        6 => {
            let runs = digit_runs(text);
            let huge: &[&[u8]] = &[
                b"18446744073709551616",
                b"4294967295",
                b"-1",
                b"99999999999999999999999999999999",
                b"0x7fffffff",
            ];
            match runs.get(rng.below(runs.len())) {
                Some(&(s, e)) => (
                    "huge number",
                    splice(text, s, e, huge[rng.below(huge.len())]),
                ),
                None => ("huge number", text.to_vec()),
            }
        }
        7 => {
            // Replace one digit group of a date (or any number) with a bad one.
            let runs = digit_runs(text);
            let bad: &[&[u8]] = &[b"00", b"13", b"32", b"0000", b"99", b"29", b"1"];
            match runs.get(rng.below(runs.len())) {
                Some(&(s, e)) => (
                    "invalid date",
                    splice(text, s, e, bad[rng.below(bad.len())]),
                ),
                None => ("invalid date", text.to_vec()),
            }
        }
        8 => {
            let names = variant_names(text);
            if names.is_empty() {
                return ("renamed variant", text.to_vec());
            }
            let (s, e) = names[rng.below(names.len())];
            let (os, oe) = names[rng.below(names.len())];
            let renamed = if rng.below(2) == 0 {
                [&text[s..e], b"x"].concat()
            } else {
                text[os..oe].to_vec()
            };
            ("renamed variant", splice(text, s, e, &renamed))
        }
        9 => {
            let marker: &[&[u8]] = &[
                b"=======",
                b"<<<<<<< HEAD",
                b">>>>>>> theirs",
                b"||||||| base",
            ];
            lines.insert(rng.below(n), marker[rng.below(marker.len())].to_vec());
            ("marker line", lines.join(&b'\n'))
        }
        10 => {
            let header: &[&[u8]] = &[
                b"#![enable(implicit_some)]",
                b"#![enable(unwrap_newtypes, unwrap_variant_newtypes)]",
                b"#!",
            ];
            lines.insert(0, header[rng.below(header.len())].to_vec());
            ("extension header", lines.join(&b'\n'))
        }
        11 => {
            let junk: &[&[u8]] = &[b"\xff\xfe", b"\0", b"\xc3", b"\xe2\x80", b"\x1b]0;x\x07"];
            let at = rng.below(text.len());
            ("bytes", splice(text, at, at, junk[rng.below(junk.len())]))
        }
        12 => {
            // A field given twice, or a field that does not exist.
            let at = rng.below(n);
            let extra: &[&[u8]] = &[
                b"    unknown_field: 1,",
                b"    notes: \"\",",
                b"    id: \"R-001\",",
            ];
            lines.insert(at, extra[rng.below(extra.len())].to_vec());
            ("extra field", lines.join(&b'\n'))
        }
        _ => {
            // Several byte flips at once.
            let mut out = text.to_vec();
            for _ in 0..8 {
                let at = rng.below(out.len());
                out[at] = b"(){}[],:\"'r#\\ \n"[rng.below(15)];
            }
            ("byte soup", out)
        }
    }
}

#[test]
fn no_mutation_of_a_workbook_file_panics_and_every_error_names_its_file() {
    std::panic::set_hook(Box::new(|_| {
        PANICS.fetch_add(1, Ordering::SeqCst);
    }));
    let today = Date::parse("2026-12-01").unwrap();
    // A longer run by hand: PARAAT_MUTANTS=1000 PARAAT_MUTATION_SEED=7 cargo test --release --test mutations
    let per_file = std::env::var("PARAAT_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MUTANTS_PER_FILE);
    let seed = std::env::var("PARAAT_MUTATION_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(0x9e37_79b9_7f4a_7c15, |s| {
            s.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1
        });
    let mut rng = Rng(seed);
    let mut tried = 0;
    let mut loaded = 0;
    for (name, files) in workbooks() {
        for (path, text) in &files {
            if name == "conflicted" && !text.starts_with(b"Conflicted(") {
                continue;
            }
            for _ in 0..per_file {
                let (how, mutant) = mutate(text, &mut rng);
                let mut broken = files.clone();
                broken.insert(path.clone(), mutant.clone());
                let what = format!("{name} {path} ({how})");
                tried += 1;
                let result = std::panic::catch_unwind(|| {
                    let partial = match load_files(&broken) {
                        Ok(partial) => partial,
                        Err(error) => {
                            for file in &error.files {
                                assert_eq!(file.file(), path, "{what}: {file}");
                            }
                            return false;
                        }
                    };
                    for error in &partial.failed {
                        assert_eq!(error.file(), path, "{what}: {error}");
                        assert!(
                            !error.to_string().contains("stopped unexpectedly"),
                            "{what}: a reader panicked"
                        );
                    }
                    if !partial.is_complete() {
                        return false;
                    }
                    // What loads can be reviewed, and what is written loads back equal.
                    let _ = review::review(&partial.workbook, today);
                    let written: BTreeMap<String, Vec<u8>> = render_workbook(
                        &partial.workbook,
                        broken.contains_key("private/contacts.ron"),
                    )
                    .unwrap_or_else(|e| panic!("{what}: {e}"))
                    .into_iter()
                    .map(|f| (f.path, f.text.into_bytes()))
                    .collect();
                    let again = load_files(&written)
                        .unwrap_or_else(|e| panic!("{what}: {e}"))
                        .complete()
                        .unwrap_or_else(|e| panic!("{what}: what paraat wrote does not load: {e}"));
                    assert_eq!(again.workbook, partial.workbook, "{what}");
                    true
                });
                match result {
                    Ok(true) => loaded += 1,
                    Ok(false) => {}
                    Err(_) => panic!(
                        "{what}: panicked; mutant:\n{}",
                        String::from_utf8_lossy(&mutant)
                    ),
                }
            }
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a reader thread panicked");
    assert!(tried > 1000, "{tried} mutants");
    assert!(loaded > 0 && loaded < tried, "{loaded} of {tried} loaded");
    eprintln!("{tried} mutants tried, {loaded} loaded and round-tripped");
}
