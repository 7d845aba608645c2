//! The example museum, the docs and the tests must reach nobody: no phone number in
//! them can be dialled, no address or Chamber of Commerce number can be real. Only
//! the authorities' public numbers the templates ship are real, and they are listed
//! here by name.
//!
//! The rule for "dialable" (Dutch numbering plan): after removing spaces, hyphens,
//! dots and brackets, a number is dialable when
//! - it is a national number: `0` and 9 more digits (10 digits: landlines such as
//!   `020 …` and `0575 …`, mobiles `06 …`, and the other 0-prefixed ranges);
//! - it is international: `+31` or `0031`, an optional `(0)`, and 9 digits;
//! - it is a service number: `0800`, `0900`, `0906` or `0909` with 4 or 7 more digits;
//! - it is `112` or a government `14 0…` number.
//!
//! So `0570 555 0199` (11 digits) and `06 55555 0101` cannot be dialled, while
//! `06 5555 0101` and `+31 6 5555 0101` could reach a real person.

use std::path::{Path, PathBuf};

/// Real, public numbers the templates ship on purpose, with the source that confirms them.
const PUBLIC_NUMBERS: [(&str, &str); 3] = [
    ("09008844", "police non-emergency line, politie.nl"),
    (
        "0702045511",
        "IBD CERT for municipalities, informatiebeveiligingsdienst.nl",
    ),
    ("112", "emergency number"),
];

/// The digits of `number` in national form (`+31 6…` → `06…`), and whether it is dialable.
fn dialable(number: &str) -> Option<String> {
    let mut digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let trunk = number.contains("(0)");
    for prefix in ["+31", "0031"] {
        if let Some(rest) = digits.strip_prefix(prefix) {
            let rest = if trunk {
                rest.strip_prefix('0').unwrap_or(rest)
            } else {
                rest
            };
            if rest.len() != 9 {
                return None;
            }
            digits = format!("0{rest}");
        }
    }
    if digits.contains('+') {
        return None;
    }
    let service = ["0800", "0900", "0906", "0909"]
        .iter()
        .any(|p| digits.starts_with(p) && [8, 11].contains(&digits.len()));
    let national = digits.starts_with('0') && digits.len() == 10;
    let short = digits == "112" || (digits.starts_with("140") && (5..=6).contains(&digits.len()));
    (service || national || short).then_some(digits)
}

/// Every phone-like run in `text`: starts with `+` or a digit, continues with digits
/// and single separators, not glued to letters or other digits.
fn phone_like(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = (chars[i] == '+' || chars[i].is_ascii_digit())
            && (i == 0
                || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '.' || chars[i - 1] == '-'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut run = chars[i].to_string();
        while j < chars.len() {
            let c = chars[j];
            let next_digit = chars
                .get(j + 1)
                .is_some_and(|n| n.is_ascii_digit() || *n == '(');
            if c.is_ascii_digit()
                || ((" -.()".contains(c)) && next_digit)
                || (c == ')' && chars.get(j - 1) == Some(&'0'))
            {
                run.push(c);
                j += 1;
            } else {
                break;
            }
        }
        let glued = chars.get(j).is_some_and(|c| c.is_alphanumeric());
        if !glued && run.chars().filter(char::is_ascii_digit).count() >= 3 {
            found.push(run.trim().to_owned());
        }
        i = j;
    }
    found
}

#[test]
fn the_dialable_rule_tells_real_numbers_from_the_examples() {
    for real in [
        "06 5555 0101",
        "+31 6 5555 0101",
        "+31 (0)20 555-0101",
        "010 555 0160",
        "0031 20 555 0101",
        "0900-8844",
        "0800 1234",
        "112",
    ] {
        assert!(dialable(real).is_some(), "{real} is dialable");
    }
    for fake in [
        "0570 555 0199",
        "06 55555 0101",
        "+31 6 55555 0101",
        "030 5555 0188",
        "+31 (0)20 5555-0101",
        "2026-11-30",
        "00000000",
        "1,150",
    ] {
        assert!(dialable(fake).is_none(), "{fake} is not dialable");
    }
    assert_eq!(
        phone_like("call 0575 555 0101 or +31 6 5555 0101."),
        ["0575 555 0101", "+31 6 5555 0101"]
    );
    assert!(
        phone_like("commit 0123456789ab, version 0.30, STEP-1.5, 2026-11-30")
            .iter()
            .all(|c| dialable(c).is_none())
    );
}

/// The files that ship or document the example: every example file, the docs, the
/// README, the sources and tests (their test data), the snapshots, the templates.
fn files_to_scan() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut dirs = vec![
        root.join("data"),
        root.join("docs"),
        root.join("src"),
        root.join("tests"),
        root.join("benches"),
        root.join("examples"),
    ];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| {
                ["rs", "md", "ron", "snap", "csv", "txt"].contains(&e.to_str().unwrap_or(""))
            }) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn no_number_in_the_example_docs_or_tests_can_be_dialled_except_the_authorities_public_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dialable_found = Vec::new();
    let mut scanned = 0;
    // This file shows dialable numbers on purpose, to test the rule.
    let this_file = root.join("tests/example.rs");
    for file in files_to_scan().into_iter().filter(|f| *f != this_file) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        scanned += 1;
        for (n, line) in text.lines().enumerate() {
            for candidate in phone_like(line) {
                if let Some(digits) = dialable(&candidate)
                    && !PUBLIC_NUMBERS.iter().any(|(public, _)| *public == digits)
                {
                    let shown = file
                        .strip_prefix(root)
                        .unwrap_or(&file)
                        .display()
                        .to_string();
                    dialable_found.push(format!("{shown}:{}: {candidate}", n + 1));
                }
            }
        }
    }
    assert!(scanned > 100, "only {scanned} files scanned");
    assert!(
        dialable_found.is_empty(),
        "these numbers could reach a real person; use an 11-digit form such as 0570 555 0199:\n{}",
        dialable_found.join("\n")
    );
}

#[test]
fn the_example_museums_addresses_and_chamber_of_commerce_number_cannot_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Dutch postcodes run from 1000 AA: a postcode starting with 0 does not exist.
    let mut postcodes = Vec::new();
    for file in files_to_scan()
        .into_iter()
        .filter(|f| f.starts_with(root.join("data/example")) || f.starts_with(root.join("docs")))
    {
        let text = std::fs::read_to_string(&file).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for i in 0..chars.len().saturating_sub(7) {
            let code = &chars[i..i + 7];
            let boundary = i == 0 || !chars[i - 1].is_alphanumeric();
            let after = chars.get(i + 7).is_none_or(|c| !c.is_alphanumeric());
            if boundary
                && after
                && code[..4].iter().all(char::is_ascii_digit)
                && code[4] == ' '
                && code[5..].iter().all(char::is_ascii_uppercase)
            {
                postcodes.push((file.clone(), code.iter().collect::<String>()));
            }
        }
    }
    assert!(!postcodes.is_empty(), "the example has addresses");
    for (file, code) in &postcodes {
        assert!(
            code.starts_with('0'),
            "{}: {code} may be a real postcode",
            file.display()
        );
    }
    let manifest = std::fs::read_to_string(root.join("data/example/paraat.ron")).unwrap();
    assert!(manifest.contains("chamber_of_commerce: \"00000000\""));
    assert!(manifest.contains("fictional"));
}
