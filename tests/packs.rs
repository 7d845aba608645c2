//! Template packs and `paraat templates update`: new items come in, changed wording
//! is updated, dropped items are retired, and what the organisation filled in is
//! never touched; workbooks made before origins existed are upgraded by id.

mod common;

use common::{TestWorkbook, paraat};
use paraat::model::ops::templates::update;
use paraat::model::pack::{BUILTIN_PACK, TemplatePack};
use paraat::model::*;
use paraat::store::{Store, templates};

fn load(wb: &TestWorkbook) -> Workbook {
    Store::load(wb.path()).expect("loads").workbook
}

fn run_update(wb: &TestWorkbook, extra: &[&str]) -> String {
    let out = paraat()
        .current_dir(wb.path())
        .args(["templates", "update"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What the organisation filled in, record by record: answers, notes, dates,
/// status, owners, links, phone numbers. `templates update` must keep all of it.
fn filled_in(wb: &Workbook) -> Vec<String> {
    let mut out = Vec::new();
    for i in &wb.checklist.items {
        out.push(format!(
            "{} {:?} {:?} {:?}",
            i.id, i.answer, i.note, i.answered
        ));
    }
    for s in &wb.selfcheck.statements {
        out.push(format!(
            "{} {:?} {:?} {:?} {:?}",
            s.id, s.answer, s.note, s.answered, s.plan_step
        ));
    }
    for (phase, s) in wb.steps() {
        out.push(format!(
            "{} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            phase.number,
            s.id,
            s.owner,
            s.status,
            s.due,
            s.done,
            s.risks,
            s.statements,
            s.incident,
            s.notes
        ));
    }
    for f in &wb.plan.first_hour {
        out.push(format!("{} {:?}", f.id, f.role));
    }
    for c in &wb.contacts.contacts {
        out.push(format!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            c.id, c.phones, c.email, c.out_of_band, c.availability, c.verified, c.notes, c.private
        ));
    }
    out
}

#[test]
fn templates_update_on_the_example_keeps_every_answer_note_status_owner_and_link() {
    let wb = TestWorkbook::example();
    let before = load(&wb);
    let shown = run_update(&wb, &[]);
    assert!(
        shown.contains("CL-21") && shown.contains(": added") && shown.contains("(retired)"),
        "{shown}"
    );
    let after = load(&wb);

    // Every record the organisation had is still there with what it filled in.
    let kept = filled_in(&after);
    for line in filled_in(&before) {
        assert!(kept.contains(&line), "changed or lost: {line}");
    }
    // Untouched registers and files.
    assert_eq!(after.manifest, before.manifest);
    assert_eq!(after.risks, before.risks);
    assert_eq!(after.processes, before.processes);
    assert_eq!(after.backups, before.backups);
    assert_eq!(after.incidents, before.incidents);
    assert_eq!(after.contacts.crisis_roles, before.contacts.crisis_roles);
    assert_eq!(after.contacts.call_order, before.contacts.call_order);
    assert_eq!(after.private_orphans, before.private_orphans);
    // Every link still points where it did: statements to steps, steps to risks.
    for s in &after.selfcheck.statements {
        if let Some(step) = &s.plan_step {
            assert!(after.step(step.as_str()).is_some(), "{} → {step}", s.id);
        }
    }
    // The old self-check statements are retired, kept with their answers, and
    // no longer counted; the new ones come in unanswered.
    let sc01 = after.statement("SC-01").unwrap();
    assert!(is_retired(&sc01.origin));
    assert_eq!(sc01.answer, before.statement("SC-01").unwrap().answer);
    let counted = after.statements_in_use().count();
    assert_eq!(
        counted,
        templates::builtin_pack(Language::En)
            .unwrap()
            .selfcheck
            .iter()
            .filter(|e| e.kinds.is_empty() || e.kinds.contains(&OrganisationKind::Museum))
            .count()
    );
    // Every template item now knows where it came from.
    for i in &after.checklist.items {
        assert!(i.origin.is_some(), "{}", i.id);
    }
    // Ids are never handed out twice: the marks are past every id.
    assert!(after.checklist.next_number > 32);
    // The workbook still loads, checks and is canonical.
    paraat()
        .current_dir(wb.path())
        .args(["fmt", "--check"])
        .assert()
        .success();
    // Running it again changes nothing.
    let again = run_update(&wb, &[]);
    assert!(again.contains("up to date"), "{again}");
}

#[test]
fn a_dry_run_shows_the_changes_and_writes_nothing() {
    let wb = TestWorkbook::example();
    let files = ["checklist.ron", "selfcheck.ron", "plan.ron", "contacts.ron"];
    let before: Vec<String> = files.iter().map(|f| wb.read(f)).collect();
    let shown = run_update(&wb, &["--dry-run"]);
    assert!(shown.contains("Dry run: nothing was changed"), "{shown}");
    assert!(
        shown.contains("CL-21 Do you know whether you are insured"),
        "{shown}"
    );
    assert!(shown.contains(": added"), "{shown}");
    assert!(shown.contains("guidance changed"), "{shown}");
    assert!(
        shown.contains("SC-01") && shown.contains("version 1 (retired)"),
        "{shown}"
    );
    let after: Vec<String> = files.iter().map(|f| wb.read(f)).collect();
    assert_eq!(before, after);
}

#[test]
fn a_workbook_made_today_is_up_to_date_in_both_languages() {
    for lang in [Language::En, Language::Nl] {
        for kind in OrganisationKind::ALL {
            let wb = templates::new_workbook(lang, "M", kind).unwrap();
            let pack = templates::builtin_pack(lang).unwrap();
            let result = update(&wb, &pack).unwrap();
            assert!(result.is_empty(), "{lang:?} {kind:?}: {:?}", result.edits);
        }
    }
}

#[test]
fn every_template_item_carries_its_origin_in_the_built_in_pack() {
    for lang in [Language::En, Language::Nl] {
        let pack = templates::builtin_pack(lang).unwrap();
        assert_eq!(pack.id, BUILTIN_PACK);
        let check = |id: &Id, origin: &Option<Origin>| {
            let o = origin
                .as_ref()
                .unwrap_or_else(|| panic!("{id} has no origin"));
            assert_eq!(o.pack, BUILTIN_PACK, "{id}");
            assert_eq!(o.item, id.as_str(), "{id}");
            assert!(o.version >= 1 && o.version <= pack.version, "{id}");
            assert!(!o.retired, "{id}");
        };
        pack.checklist
            .iter()
            .for_each(|e| check(&e.item.id, &e.item.origin));
        pack.selfcheck
            .iter()
            .for_each(|e| check(&e.item.id, &e.item.origin));
        pack.steps
            .iter()
            .for_each(|e| check(&e.step.id, &e.step.origin));
        pack.first_hour
            .iter()
            .for_each(|e| check(&e.item.id, &e.item.origin));
        pack.contacts
            .iter()
            .for_each(|e| check(&e.item.id, &e.item.origin));
        for s in templates::scenarios(lang).unwrap() {
            let o = s.origin.as_ref().expect("a scenario's origin");
            assert_eq!(
                (o.pack.as_str(), o.item.as_str()),
                (BUILTIN_PACK, s.name.as_str())
            );
        }
    }
}

/// The files of a fresh workbook with every origin taken out, as a workbook made
/// before origins existed would have them.
fn without_origins(wb: &TestWorkbook) {
    for file in ["checklist.ron", "selfcheck.ron", "plan.ron", "contacts.ron"] {
        let text = wb.read(file);
        let mut out = String::new();
        let mut skipping = false;
        for line in text.lines() {
            if line.trim_start().starts_with("origin: Some(Origin(") {
                skipping = true;
                out.push_str(&line.replace("origin: Some(Origin(", "origin: None,"));
                out.push('\n');
                continue;
            }
            if skipping {
                if line.trim_start() == "))," {
                    skipping = false;
                }
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        wb.write(file, &out);
    }
}

#[test]
fn a_workbook_made_before_origins_gets_them_by_id_and_nothing_else_changes() {
    let wb = TestWorkbook::new(Language::Nl);
    let fresh: Vec<String> = ["checklist.ron", "selfcheck.ron", "plan.ron", "contacts.ron"]
        .iter()
        .map(|f| wb.read(f))
        .collect();
    without_origins(&wb);
    assert!(!wb.read("checklist.ron").contains("Origin("));
    let shown = run_update(&wb, &[]);
    assert!(
        !shown.contains("(nieuw)") && !shown.contains(" ~ "),
        "{shown}"
    );
    let now: Vec<String> = ["checklist.ron", "selfcheck.ron", "plan.ron", "contacts.ron"]
        .iter()
        .map(|f| wb.read(f))
        .collect();
    assert_eq!(now, fresh, "the upgrade gives back exactly the origins");
}

#[test]
fn an_id_the_organisation_reused_for_its_own_item_is_not_taken_for_the_packs() {
    let wb = TestWorkbook::new(Language::En);
    without_origins(&wb);
    // The organisation rewrote CL-05 into a question of its own.
    let text = wb.read("checklist.ron");
    let at = text.find("id: \"CL-05\"").unwrap();
    let q = text[at..].find("question: \"").unwrap() + at + "question: \"".len();
    let end = text[q..].find('"').unwrap() + q;
    wb.write(
        "checklist.ron",
        &format!(
            "{}Is the piano in the foyer tuned every spring?{}",
            &text[..q],
            &text[end..]
        ),
    );
    run_update(&wb, &[]);
    let after = load(&wb);
    let own = after
        .checklist
        .items
        .iter()
        .find(|i| i.id == Id::from("CL-05"))
        .unwrap();
    assert_eq!(
        own.question,
        "Is the piano in the foyer tuned every spring?"
    );
    assert!(own.origin.is_none(), "left alone as the organisation's own");
    let packs = after
        .checklist
        .items
        .iter()
        .find(|i| i.origin.as_ref().is_some_and(|o| o.item == "CL-05"))
        .expect("the pack's CL-05 comes in");
    assert_ne!(packs.id, Id::from("CL-05"), "under a new id");
}

const SECTOR_PACK_V2: &str = r#"TemplatePack(
    id: "den-test",
    version: 2,
    language: En,
    title: "A sector body's extra items",
    checklist: [
        PackItem(
            item: ChecklistItem(
                id: "CL-01",
                principle: Systems,
                question: "Is the collection system's admin account protected with a hardware key?",
                guidance: "Ask the supplier.",
                origin: Some(Origin(pack: "den-test", version: 2, item: "DEN-1")),
            ),
        ),
        PackItem(
            kinds: [Archive],
            item: ChecklistItem(
                id: "CL-02",
                principle: Systems,
                question: "Only for archives.",
            ),
        ),
        PackItem(
            item: ChecklistItem(
                id: "CL-03",
                principle: Risks,
                question: "Do you take part in the sector's yearly exercise?",
                origin: Some(Origin(pack: "den-test", version: 1, item: "DEN-3")),
            ),
        ),
    ],
    steps: [
        PackStep(
            phase: 9,
            step: Step(id: "STEP-9.1", title: "A phase your plan does not have"),
        ),
    ],
)
"#;

#[test]
fn a_sector_pack_adds_updates_retires_and_keeps_the_organisations_own_wording() {
    let wb = TestWorkbook::new(Language::En);
    wb.write("den.ron", SECTOR_PACK_V2);
    let shown = run_update(&wb, &["--pack", "den.ron"]);
    assert!(shown.contains("pack \"den-test\" version 2"), "{shown}");
    assert!(
        shown.contains("phase 9, which your plan does not have"),
        "{shown}"
    );
    let wb1 = load(&wb);
    let find = |w: &Workbook, key: &str| {
        w.checklist
            .items
            .iter()
            .find(|i| {
                i.origin
                    .as_ref()
                    .is_some_and(|o| o.pack == "den-test" && o.item == key)
            })
            .cloned()
    };
    let den1 = find(&wb1, "DEN-1").expect("added");
    assert_ne!(den1.id, Id::from("CL-01"), "CL-01 is taken: a new id");
    assert!(
        find(&wb1, "CL-02").is_none(),
        "an archive's item, not a museum's"
    );
    assert!(find(&wb1, "DEN-3").is_some());

    // The museum answers DEN-1 and rewords DEN-3 its own way.
    let text = wb.read("checklist.ron");
    let text = text.replacen(
        "Do you take part in the sector's yearly exercise?",
        "Do we join the DEN exercise each year?",
        1,
    );
    wb.write("checklist.ron", &text);
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    let item = loaded
        .workbook
        .checklist
        .items
        .iter_mut()
        .find(|i| i.id == den1.id)
        .unwrap();
    item.answer = Answer::Partly;
    item.note = "Only on the collection system.".into();
    loaded.store.save(&loaded.workbook).unwrap();
    drop(loaded);

    // Version 3 rewords DEN-1 and drops DEN-3; DEN-3 stays as the museum worded it.
    let v3 = SECTOR_PACK_V2
        .replace("version: 2,\n    language", "version: 3,\n    language")
        .replace(
            "protected with a hardware key?\",\n                guidance: \"Ask the supplier.\",\n                origin: Some(Origin(pack: \"den-test\", version: 2",
            "protected with a hardware key or passkey?\",\n                guidance: \"Ask the supplier.\",\n                origin: Some(Origin(pack: \"den-test\", version: 3",
        );
    let v3 = {
        let start = v3.find("        PackItem(\n            item: ChecklistItem(\n                id: \"CL-03\"").unwrap();
        let end = v3[start..].find("        ),\n    ],").unwrap() + start;
        format!("{}{}", &v3[..start], &v3[end + "        ),\n".len()..])
    };
    wb.write("den.ron", &v3);
    let shown = run_update(&wb, &["--pack", "den.ron"]);
    assert!(shown.contains("question changed"), "{shown}");
    assert!(shown.contains("retired no → yes"), "{shown}");
    let wb3 = load(&wb);
    let den1 = find(&wb3, "DEN-1").unwrap();
    assert!(den1.question.ends_with("hardware key or passkey?"));
    assert_eq!(den1.answer, Answer::Partly, "the answer is kept");
    assert_eq!(den1.note, "Only on the collection system.");
    let den3 = find(&wb3, "DEN-3").unwrap();
    assert!(is_retired(&den3.origin));
    assert_eq!(den3.question, "Do we join the DEN exercise each year?");
    // The built-in items are not the sector pack's: untouched.
    assert!(wb3.checklist.items.iter().any(|i| {
        i.id == Id::from("CL-01")
            && i.origin
                .as_ref()
                .is_some_and(|o| o.pack == BUILTIN_PACK && !o.retired)
    }));
}

#[test]
fn a_pack_that_is_wrong_is_refused_with_its_place_and_nothing_changes() {
    let wb = TestWorkbook::new(Language::En);
    let before = wb.read("checklist.ron");
    let refuse = |text: &str| {
        wb.write("pack.ron", text);
        let out = paraat()
            .current_dir(wb.path())
            .args(["templates", "update", "--pack", "pack.ron"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let e = refuse(
        "TemplatePack(\n    id: \"x\",\n    version: 1,\n    language: En,\n    checklists: [],\n)\n",
    );
    assert!(
        e.contains("pack.ron:5:") && e.contains("unknown field `checklists`"),
        "{e}"
    );
    let e = refuse("TemplatePack(id: \"x\", version: 1, language: Nl)\n");
    assert!(e.contains("the pack is in nl, the workbook in en"), "{e}");
    let e = refuse("TemplatePack(id: \"Bad Id\", version: 1, language: En)\n");
    assert!(e.contains("not a plain id"), "{e}");
    let e = refuse(
        "TemplatePack(id: \"x\", version: 1, language: En, checklist: [PackItem(item: ChecklistItem(id: \"CL-1\", principle: Risks, question: \"q\", origin: Some(Origin(pack: \"y\", version: 1, item: \"a\"))))])\n",
    );
    assert!(e.contains("origin in pack \"y\""), "{e}");
    assert_eq!(wb.read("checklist.ron"), before);
}

#[test]
fn a_pack_is_a_value_the_update_reads_whole() {
    // The pack in memory: prepare stamps origins on items that have none.
    let pack: TemplatePack = paraat::store::format::parse("den.ron", SECTOR_PACK_V2).unwrap();
    let pack = pack.prepare().unwrap();
    let archive = pack.checklist[1].item.origin.as_ref().unwrap();
    assert_eq!(
        (
            archive.pack.as_str(),
            archive.version,
            archive.item.as_str()
        ),
        ("den-test", 2, "CL-02")
    );
}

#[test]
fn the_pack_example_in_docs_templates_md_is_a_pack_paraat_reads() {
    let doc = std::fs::read_to_string("docs/templates.md").unwrap();
    let at = doc.find("### A pack file").unwrap();
    let start = doc[at..].find("```ron\n").unwrap() + at + "```ron\n".len();
    let end = doc[start..].find("\n```").unwrap() + start;
    let pack: TemplatePack =
        paraat::store::format::parse("docs", &doc[start..end]).unwrap_or_else(|e| panic!("{e}"));
    let pack = pack.prepare().unwrap();
    assert_eq!(pack.id, "den-cultuur");
    let wb = templates::new_workbook(Language::Nl, "M", OrganisationKind::Museum).unwrap();
    let result = update(&wb, &pack).unwrap();
    assert_eq!(result.edits.len(), 2, "one item and one step added");
}

#[test]
fn a_pack_with_escape_sequences_cannot_reach_the_terminal_raw() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "evil.ron",
        "TemplatePack(id: \"evil\", version: 1, language: En, checklist: [PackItem(item: ChecklistItem(id: \"CL-90\", principle: Risks, question: \"Clear \\u{1b}[2J the screen \\u{202e}txt.exe\"))])\n",
    );
    let shown = run_update(&wb, &["--pack", "evil.ron", "--dry-run"]);
    assert!(shown.contains("CL-"), "{shown}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown:?}"
    );
    // Taken in, the text round-trips through the files as it is.
    run_update(&wb, &["--pack", "evil.ron"]);
    let after = load(&wb);
    assert!(
        after
            .checklist
            .items
            .iter()
            .any(|i| i.question == "Clear \u{1b}[2J the screen \u{202e}txt.exe")
    );
}
