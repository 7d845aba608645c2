//! The starting content as a user gets it from `paraat init`: canonical files, the
//! same workbook in English and Dutch, and a variant per kind of organisation that
//! differs exactly where docs/templates.md says it does.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::paraat;
use paraat::model::{
    Checklist, Contacts, KindContent, Language, Manifest, OrganisationKind, Plan, Scenario,
    SelfCheck, Workbook,
};
use paraat::store::{format, templates};

const LANGS: [Language; 2] = [Language::En, Language::Nl];

/// Every template file of `lang` as (path in data/templates/<lang>/, text).
fn template_files(lang: Language) -> Vec<(String, &'static str)> {
    let mut files: Vec<(String, &'static str)> = templates::template(lang)
        .iter()
        .map(|(p, t)| ((*p).to_owned(), *t))
        .collect();
    files.push((
        templates::KINDS_FILE.to_owned(),
        templates::kinds_text(lang),
    ));
    files.extend(
        templates::scenario_files(lang)
            .iter()
            .map(|(n, t)| (format!("scenarios/{n}.ron"), *t)),
    );
    files
}

/// Parses `text` as the type of file `path` and renders it canonically.
fn canonical(path: &str, text: &str) -> String {
    fn again<T: serde::de::DeserializeOwned + serde::Serialize>(path: &str, text: &str) -> String {
        let value: T = format::parse(path, text).unwrap_or_else(|e| panic!("{e}"));
        format::render(&value).unwrap()
    }
    match path {
        "paraat.ron" => again::<Manifest>(path, text),
        "checklist.ron" => again::<Checklist>(path, text),
        "selfcheck.ron" => again::<SelfCheck>(path, text),
        "plan.ron" => again::<Plan>(path, text),
        "contacts.ron" => again::<Contacts>(path, text),
        "risks.ron" => again::<paraat::model::Risks>(path, text),
        "processes.ron" => again::<paraat::model::Processes>(path, text),
        "backups.ron" => again::<paraat::model::Backups>(path, text),
        "kinds.ron" => again::<KindContent>(path, text),
        _ if path.starts_with("scenarios/") => again::<Scenario>(path, text),
        _ => panic!("no type for {path}"),
    }
}

#[test]
fn every_template_file_is_in_canonical_form() {
    let bless = std::env::var_os("PARAAT_BLESS").is_some();
    for lang in LANGS {
        for (path, text) in template_files(lang) {
            let want = canonical(&path, text);
            if bless && want != text {
                let file = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("data/templates/{}/{path}", lang.code()));
                std::fs::write(file, &want).unwrap();
                continue;
            }
            assert_eq!(
                want,
                text,
                "data/templates/{}/{path} is not canonical (PARAAT_BLESS=1 cargo test --test templates rewrites it)",
                lang.code()
            );
        }
    }
}

// ---- English/Dutch parity -------------------------------------------------------

/// The string literals of a RON text, in order.
fn strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => s.extend(chars.next()),
                '"' => break,
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

/// A text that must be the same in both languages: an id (`CL-04`, `STEP-1.5`), a
/// scenario name, an e-mail address or a number.
fn is_literal(s: &str) -> bool {
    let id = s.split_once('-').is_some_and(|(prefix, rest)| {
        !prefix.is_empty()
            && prefix.chars().all(|c| c.is_ascii_uppercase())
            && !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    let name =
        !s.is_empty() && s.contains('-') && s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    let number = !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c));
    let email = s.contains('@') && !s.contains(char::is_whitespace);
    id || name || number || email
}

/// The RON text with every translated string replaced by a marker (`""` stays
/// empty, so a value filled in one language and left empty in the other shows).
/// What remains is the structure: record kinds, ids, choices, numbers, order.
fn skeleton(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    for s in strings(text) {
        let start = rest.find('"').unwrap();
        out.push_str(&rest[..start]);
        // Skip past the literal as written (escapes included).
        let mut end = start + 1;
        let bytes = rest.as_bytes();
        while bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        if s.is_empty() {
            out.push_str("\"\"");
        } else if is_literal(&s) {
            out.push_str(&format!("\"{s}\""));
        } else {
            out.push_str("\"…\"");
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// What a translation must carry over unchanged: e-mail addresses, web and file
/// names, record ids, field names and every number (`18,400` and `18.400` alike).
fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "()[];:,‘’“”\"/".contains(c)) {
        let word = word.trim_matches(|c: char| ".!?".contains(c));
        if word.contains('@')
            || (word.contains('.')
                && [".nl", ".ron", ".com", ".org", ".eu"]
                    .iter()
                    .any(|end| word.ends_with(end)))
            || (word.contains('_') && word.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            || is_literal(word) && word.chars().any(|c| c.is_ascii_uppercase())
        {
            found.push(word.to_owned());
        }
    }
    // Numbers: digit runs, with thousands separators (either language's) dropped.
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut number = String::new();
        loop {
            while i < chars.len() && chars[i].is_ascii_digit() {
                number.push(chars[i]);
                i += 1;
            }
            let group = i + 4 <= chars.len()
                && (chars[i] == ',' || chars[i] == '.')
                && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
                && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
            if !group {
                break;
            }
            i += 1;
        }
        found.push(number);
    }
    found.sort();
    found
}

#[test]
fn english_and_dutch_have_the_same_ids_order_choices_and_placeholders_in_every_file() {
    let en = template_files(Language::En);
    let nl = template_files(Language::Nl);
    assert_eq!(
        en.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        nl.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    let mut problems = Vec::new();
    for ((path, en), (_, nl)) in en.iter().zip(&nl) {
        // The one place the languages must differ: which language the manifest is in.
        let (se, sn) = (
            skeleton(en),
            skeleton(&nl.replace("language: Nl,", "language: En,")),
        );
        if se != sn {
            let line = se
                .lines()
                .zip(sn.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |n| n + 1);
            problems.push(format!(
                "{path}: the structure differs at line {line}:\n  en: {}\n  nl: {}",
                se.lines().nth(line.saturating_sub(1)).unwrap_or(""),
                sn.lines().nth(line.saturating_sub(1)).unwrap_or("")
            ));
            continue;
        }
        for (e, n) in strings(en).iter().zip(strings(nl)) {
            if e == &n && !is_literal(e) && !e.is_empty() && e.contains(' ') {
                // The same sentence in both files: untranslated, unless it is a name.
                if e.split_whitespace().count() > 6 {
                    problems.push(format!("{path}: not translated: {e}"));
                }
            }
            let (pe, pn) = (placeholders(e), placeholders(&n));
            if pe != pn {
                problems.push(format!("{path}:\n  en {pe:?}: {e}\n  nl {pn:?}: {n}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_placeholder_check_sees_numbers_ids_and_addresses() {
    assert_eq!(
        placeholders("€ 18,400 on 1 day"),
        placeholders("€ 18.400 op 1 dag")
    );
    assert_ne!(
        placeholders("every six months"),
        placeholders("elke 6 maanden")
    );
    assert_eq!(
        placeholders("see STEP-1.5 and paraat.ron, mail cert@ncsc.nl"),
        ["1", "5", "STEP-1.5", "cert@ncsc.nl", "paraat.ron"]
    );
    assert_eq!(
        skeleton("X(a: \"Hallo\", id: \"CL-01\", b: \"\")"),
        "X(a: \"…\", id: \"CL-01\", b: \"\")"
    );
}

// ---- A variant per kind -----------------------------------------------------------

const KINDS: [OrganisationKind; 5] = [
    OrganisationKind::Museum,
    OrganisationKind::Archive,
    OrganisationKind::Library,
    OrganisationKind::Heritage,
    OrganisationKind::Other,
];

/// Every id in a workbook's checklist, self-check, plan and contacts.
fn ids(wb: &Workbook) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(wb.checklist.items.iter().map(|i| i.id.to_string()));
    ids.extend(wb.selfcheck.statements.iter().map(|s| s.id.to_string()));
    ids.extend(
        wb.plan
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .map(|s| s.id.to_string()),
    );
    ids.extend(wb.contacts.contacts.iter().map(|c| c.id.to_string()));
    ids
}

fn kind_word(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Museum => "museum",
        OrganisationKind::Archive => "archive",
        OrganisationKind::Library => "library",
        OrganisationKind::Heritage => "heritage",
        OrganisationKind::Other => "other",
    }
}

/// The table in docs/templates.md: id → the kinds it is for.
fn documented_kinds() -> Vec<(String, BTreeSet<String>)> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md"))
            .expect("docs/templates.md");
    let start = doc
        .find("<!-- kind items -->")
        .expect("docs/templates.md marks its table of kind items");
    let end = doc[start..].find("<!-- end -->").expect("end of the table") + start;
    doc[start..end]
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let id = cells.get(1)?.trim_matches('`');
            (id.starts_with(|c: char| c.is_ascii_uppercase()) && is_literal(id)).then(|| {
                let kinds = cells
                    .get(2)
                    .unwrap_or(&"")
                    .split(',')
                    .map(|k| k.trim().to_owned())
                    .collect();
                (id.to_owned(), kinds)
            })
        })
        .collect()
}

#[test]
fn each_kind_gets_the_shared_items_plus_exactly_the_items_docs_templates_md_lists_for_it() {
    let documented = documented_kinds();
    assert!(!documented.is_empty());
    for lang in LANGS {
        let shared = ids(&templates::shared_workbook(lang).unwrap());
        let content = templates::kind_content(lang).unwrap();
        // The file and the documentation name the same items for the same kinds.
        let in_file: Vec<(String, BTreeSet<String>)> = content
            .ids()
            .into_iter()
            .map(|(id, kinds)| {
                (
                    id.to_string(),
                    kinds.iter().map(|k| kind_word(*k).to_owned()).collect(),
                )
            })
            .collect();
        let sorted = |mut v: Vec<(String, BTreeSet<String>)>| {
            v.sort();
            v
        };
        assert_eq!(
            sorted(in_file.clone()),
            sorted(documented.clone()),
            "{lang:?}"
        );
        let mut own_items = Vec::new();
        for kind in KINDS {
            let wb = templates::new_workbook(lang, "Test", kind).unwrap();
            let got = ids(&wb);
            let unique: BTreeSet<&String> = got.iter().collect();
            assert_eq!(unique.len(), got.len(), "{kind:?}: an id twice");
            let extra: BTreeSet<String> = got
                .iter()
                .filter(|i| !shared.contains(i))
                .cloned()
                .collect();
            let want: BTreeSet<String> = in_file
                .iter()
                .filter(|(_, kinds)| kinds.contains(kind_word(kind)))
                .map(|(id, _)| id.clone())
                .collect();
            assert!(
                shared.iter().all(|i| got.contains(i)),
                "{kind:?} lacks shared items"
            );
            assert_eq!(extra, want, "{kind:?} ({lang:?})");
            own_items.push((kind, extra));
        }
        // Museum, archive, library and heritage each get something no other kind gets;
        // "other" gets the shared content only.
        for (kind, extra) in &own_items {
            let theirs: BTreeSet<&String> = own_items
                .iter()
                .filter(|(k, _)| k != kind)
                .flat_map(|(_, e)| e)
                .collect();
            let only_this = extra.iter().filter(|i| !theirs.contains(i)).count();
            if *kind == OrganisationKind::Other {
                assert!(extra.is_empty());
            } else {
                assert!(only_this > 0, "{kind:?} has no items of its own");
            }
        }
    }
}

#[test]
fn kind_items_sit_with_their_principle_and_the_high_water_marks_pass_every_id() {
    for lang in LANGS {
        for kind in KINDS {
            let wb = templates::new_workbook(lang, "Test", kind).unwrap();
            // Items of one principle stay together, in the principles' order.
            let order: Vec<_> = wb.checklist.items.iter().map(|i| i.principle).collect();
            let mut grouped = order.clone();
            grouped.dedup();
            let distinct: BTreeSet<_> = order.iter().map(|p| format!("{p:?}")).collect();
            assert_eq!(
                grouped.len(),
                distinct.len(),
                "{kind:?}: checklist groups split"
            );
            let order: Vec<_> = wb
                .selfcheck
                .statements
                .iter()
                .map(|s| s.principle)
                .collect();
            let mut grouped = order.clone();
            grouped.dedup();
            let distinct: BTreeSet<_> = order.iter().map(|p| format!("{p:?}")).collect();
            assert_eq!(
                grouped.len(),
                distinct.len(),
                "{kind:?}: self-check groups split"
            );
            // New records never take an id a template item has, in any kind.
            let max = |prefix: &str, ids: Vec<&paraat::model::Id>| {
                ids.into_iter()
                    .filter_map(|i| i.number(prefix))
                    .max()
                    .unwrap_or(0)
            };
            assert!(
                wb.checklist.next_number
                    > max("CL", wb.checklist.items.iter().map(|i| &i.id).collect())
            );
            assert!(
                wb.selfcheck.next_number
                    > max(
                        "SC",
                        wb.selfcheck.statements.iter().map(|s| &s.id).collect()
                    )
            );
            assert!(
                wb.contacts.next_number
                    > max("C", wb.contacts.contacts.iter().map(|c| &c.id).collect())
            );
            for phase in &wb.plan.phases {
                let used = phase
                    .steps
                    .iter()
                    .filter_map(|s| phase.step_number(&s.id))
                    .max();
                assert!(
                    used.is_none_or(|n| phase.next_step > n),
                    "phase {}",
                    phase.number
                );
            }
        }
        // The marks in the shared files already pass the ids of every kind, so a
        // workbook of one kind never hands out an id another kind's item has.
        let shared = templates::shared_workbook(lang).unwrap();
        let content = templates::kind_content(lang).unwrap();
        for (id, _) in content.ids() {
            let passes = match id.as_str().split_once('-').map(|(p, _)| p) {
                Some("CL") => id.number("CL").unwrap() < shared.checklist.next_number,
                Some("SC") => id.number("SC").unwrap() < shared.selfcheck.next_number,
                Some("C") => id.number("C").unwrap() < shared.contacts.next_number,
                Some("STEP") => shared
                    .plan
                    .phases
                    .iter()
                    .any(|p| p.step_number(id).is_some_and(|n| n < p.next_step)),
                _ => false,
            };
            assert!(
                passes,
                "{id} is past the high-water mark of the shared files"
            );
        }
    }
}

#[test]
fn init_with_each_kind_makes_a_workbook_that_checks_without_errors() {
    for kind in ["museum", "archive", "library", "heritage", "other"] {
        for lang in ["en", "nl"] {
            let dir = tempfile::tempdir().unwrap();
            paraat()
                .args(["init"])
                .arg(dir.path().join("wb"))
                .args(["--org", "Test", "--kind", kind, "--lang", lang])
                .assert()
                .success();
            paraat()
                .current_dir(dir.path().join("wb"))
                .args(["check", "--today", "2026-12-01"])
                .assert()
                .code(0);
        }
    }
}

#[test]
fn init_for_an_archive_gives_the_e_depot_items_and_for_a_library_the_public_computers() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, must, must_not) in [
        ("archive", "the e-depot", "public computers"),
        ("library", "public computers", "the e-depot"),
        ("museum", "climate control of the galleries", "the e-depot"),
    ] {
        let wb = dir.path().join(kind);
        paraat()
            .args(["init"])
            .arg(&wb)
            .args(["--org", "Test", "--kind", kind])
            .assert()
            .success();
        let checklist = std::fs::read_to_string(wb.join("checklist.ron")).unwrap();
        assert!(checklist.contains(must), "{kind} lacks {must}");
        assert!(!checklist.contains(must_not), "{kind} has {must_not}");
    }
}

// ---- Facts that must stay right -----------------------------------------------------

fn shared_text(lang: Language, name: &str) -> &'static str {
    templates::template(lang)
        .iter()
        .find(|(p, _)| *p == name)
        .map(|(_, t)| *t)
        .unwrap()
}

#[test]
fn the_templates_state_the_reporting_facts_a_user_relies_on() {
    let plan = shared_text(Language::En, "plan.ron");
    let contacts = shared_text(Language::En, "contacts.ron");
    // NIS2 reaches culture only through a parent body, never through size alone.
    assert!(plan.contains("Cyberbeveiligingswet (Cbw)") && plan.contains("Wbni"));
    assert!(plan.contains("never falls under it through its size alone"));
    assert!(!plan.contains("through your size"));
    assert!(plan.contains("check its current status on the NCSC’s website"));
    // Three NIS2 reports, and where they go.
    assert!(plan.contains("final report within one month"));
    assert!(plan.contains("to the NCSC as CSIRT and to your supervisor"));
    // The police line is for an appointment; reports can also be made online, by a
    // supplier with a mandate, with the damage list.
    assert!(contacts.contains("0900-8844 is for making an appointment"));
    assert!(contacts.contains("online") && contacts.contains("mandate (machtiging)"));
    for item in [
        "systems hit",
        "network addresses",
        "security measures",
        "threat",
        "estimated damage",
        "personal records",
        "recovery steps",
    ] {
        assert!(
            contacts.contains(item),
            "the police's damage list lacks {item}"
        );
    }
    // Voluntary NCSC reports go through the form; the mailbox is for required ones.
    assert!(contacts.contains("Voluntary reports go through the incident form"));
    assert!(contacts.contains("cert@ncsc.nl is for reports that are required"));
    // The first hour says not to pay.
    assert!(plan.contains("The NCSC and the police advise against paying a ransom"));
    // Contacts are checked once a year everywhere, access reviewed once a year.
    for lang in LANGS {
        for name in ["checklist.ron", "selfcheck.ron", "plan.ron"] {
            let text = shared_text(lang, name);
            for wrong in [
                "six months",
                "zes maanden",
                "twice a year who",
                "twee keer per jaar na wie",
            ] {
                let hit = text
                    .lines()
                    .find(|l| l.contains(wrong) && !l.contains("logs"));
                assert!(hit.is_none(), "{name}: {hit:?}");
            }
        }
    }
}

#[test]
fn the_dutch_templates_speak_with_one_informal_voice() {
    let mut texts = String::new();
    for (path, text) in template_files(Language::Nl) {
        texts.push_str(&format!("\n{path}\n"));
        for s in strings(text) {
            texts.push_str(&s);
            texts.push('\n');
        }
    }
    let words: Vec<&str> = texts
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .collect();
    for formal in ["u", "uw", "U", "Uw", "jullie", "Jullie"] {
        // "jullie" only in quoted speech of outsiders (a journalist asking the museum).
        let hits = words.iter().filter(|w| **w == formal).count();
        let allowed = if formal.eq_ignore_ascii_case("jullie") {
            1
        } else {
            0
        };
        assert!(hits <= allowed, "{formal} appears {hits} times");
    }
    for (drifted, one_word) in [
        ("meerstapsverificatie", "tweestapsverificatie"),
        ("multifactorauthenticatie", "tweestapsverificatie"),
        ("IT-verantwoordelijke", "IT-coördinator"),
        ("tabletop", "tafeloefening"),
        ("schenkersbestand", "donateursbestand"),
        ("vriendschap", "lidmaatschap van de Vrienden"),
        ("midden", "gemiddeld"),
        ("zelfcheck", "zelftest"),
    ] {
        assert!(!texts.contains(drifted), "{drifted}: write {one_word}");
    }
}
