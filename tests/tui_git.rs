//! The terminal UI and git, with the real `git` in temporary repositories: the
//! status line, the changes view, the commit, the merge-conflict chooser and the
//! setup offer, driven through `update` as a user drives them, and snapshots of
//! what they show (ratatui's TestBackend + insta).

mod common;

use std::path::{Path, PathBuf};

use common::git::{git, git_try, have_git};
use paraat::model::edit::{Edit, Record};
use paraat::model::*;
use paraat::store::Store;
use paraat::tui::app::{Action, App, Options, update};
use paraat::tui::popups::Popup;
use paraat::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A workbook at the top of its own repository, committed on `main`, with an
/// identity of its own (the tests' in-process git reads no user's config for it).
struct Repo {
    tmp: tempfile::TempDir,
    _data: tempfile::TempDir,
}

impl Repo {
    fn new(set_up: bool) -> Repo {
        Repo::in_language(Language::En, set_up)
    }

    fn in_language(lang: Language, set_up: bool) -> Repo {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("wb");
        paraat::store::templates::init(&dir, lang, "Museum Test", OrganisationKind::Museum)
            .unwrap();
        git(&dir, &["init", "-q", "-b", "main"]);
        git(&dir, &["config", "user.name", "Anna Test"]);
        git(&dir, &["config", "user.email", "anna@example.org"]);
        git(&dir, &["config", "commit.gpgsign", "false"]);
        if set_up {
            paraat::git::setup::setup(&dir, Path::new(env!("CARGO_BIN_EXE_paraat"))).unwrap();
        }
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "-m", "Start the workbook"]);
        Repo {
            tmp,
            _data: tempfile::tempdir().unwrap(),
        }
    }

    fn dir(&self) -> PathBuf {
        self.tmp.path().join("wb")
    }

    fn open(&self) -> App {
        let mut app = App::open(Options {
            root: self.dir(),
            today: Date::parse("2026-12-01").unwrap(),
            today_fixed: true,
            scratch: false,
            data_dir: Some(self._data.path().to_path_buf()),
            export_dir: std::env::temp_dir(),
        })
        .expect("opens");
        app.theme = Theme::plain();
        update(&mut app, Action::Resize(100, 30));
        app.wait_for_git();
        app
    }

    fn git(&self, args: &[&str]) -> String {
        git(&self.dir(), args)
    }
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Types each character; after `D`, waits for the comparison as a user waits
/// for it to show.
fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
        if c == 'D'
            && let Some(Popup::Changes(changes)) = &mut app.popup
        {
            changes.wait();
        }
    }
}

fn ctrl(app: &mut App, c: char) {
    update(
        app,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    update(app, Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

/// The status line (the second line from the bottom).
fn status_line(app: &mut App) -> String {
    let text = screen(app, 120, 30);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len() - 2].to_owned()
}

/// Nothing drawn holds a control character or a bidirectional override.
fn assert_drawn_safely(text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{c:?} reached the screen:\n{text}"
        );
    }
}

/// Answers the first checklist item yes, and saves when `save`.
fn answer_first_item(app: &mut App, save: bool) {
    keys(app, "2y");
    if save {
        keys(app, "s");
    }
}

#[test]
fn the_status_line_shows_the_branch_and_whether_the_workbook_is_committed() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(true);
    let mut app = repo.open();
    assert!(app.popup.is_none(), "a clone that is set up is not asked");
    let line = status_line(&mut app);
    assert!(line.contains("⎇ main · committed"), "{line}");
    answer_first_item(&mut app, true);
    app.git.refresh_now();
    app.wait_for_git();
    let line = status_line(&mut app);
    assert!(
        line.contains("⎇ main · not committed: checklist.ron (D shows what changed)"),
        "{line}"
    );
    // A branch with an upstream says how far apart they are.
    let origin = repo.tmp.path().join("origin.git");
    git(
        repo.tmp.path(),
        &["init", "-q", "--bare", "-b", "main", "origin.git"],
    );
    repo.git(&["remote", "add", "origin", origin.to_str().unwrap()]);
    repo.git(&["push", "-q", "-u", "origin", "main"]);
    repo.git(&["commit", "-q", "-am", "Answer CL-01"]);
    app.git.refresh_now();
    app.wait_for_git();
    let line = status_line(&mut app);
    assert!(line.contains("⎇ main ↑1 · committed"), "{line}");
    // What the branch brings against its upstream: the committed answer.
    keys(&mut app, "D");
    assert!(screen(&mut app, 100, 30).contains("Nothing changed since the last commit."));
    keys(&mut app, "u");
    let text = screen(&mut app, 100, 30);
    assert!(
        text.contains("What this branch changes against origin/main — main"),
        "{text}"
    );
    assert!(
        text.contains("CL-01") && text.contains("answered: yes"),
        "{text}"
    );
    keys(&mut app, "u");
    assert!(screen(&mut app, 100, 30).contains("Nothing changed since the last commit."));
    key(&mut app, KeyCode::Esc);
    insta::assert_snapshot!(screen(&mut app, 100, 30));
}

#[test]
fn outside_a_repository_nothing_about_git_shows_and_nothing_fails() {
    let wb = common::TestWorkbook::new(Language::En);
    let data = tempfile::tempdir().unwrap();
    let mut app = App::open(Options {
        root: wb.path().to_path_buf(),
        today: Date::parse("2026-12-01").unwrap(),
        today_fixed: true,
        scratch: false,
        data_dir: Some(data.path().to_path_buf()),
        export_dir: std::env::temp_dir(),
    })
    .unwrap();
    app.wait_for_git();
    assert!(app.git.status().is_none());
    assert!(app.popup.is_none(), "no setup is offered outside git");
    let line = status_line(&mut app);
    assert!(!line.contains('⎇'), "{line}");
    keys(&mut app, "D");
    let text = screen(&mut app, 100, 30);
    assert!(
        text.contains("The workbook is not in a git repository"),
        "{text}"
    );
    keys(&mut app, "c");
    assert!(
        matches!(app.popup, Some(Popup::Changes(_))),
        "no commit outside git"
    );
}

#[test]
fn the_changes_view_tells_what_changed_in_record_terms_and_commits_only_the_workbook() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(true);
    // Someone staged a file of their own for another commit: it must stay out.
    std::fs::write(repo.dir().join("notes.txt"), "mine\n").unwrap();
    repo.git(&["add", "notes.txt"]);
    let mut app = repo.open();
    answer_first_item(&mut app, true);
    keys(&mut app, "D");
    let text = screen(&mut app, 100, 30);
    assert!(
        text.contains("What changed since the last commit — main"),
        "{text}"
    );
    assert!(text.contains("CL-01"), "{text}");
    assert!(text.contains("answered: yes"), "{text}");
    insta::assert_snapshot!("changes_view", text);
    keys(&mut app, "u");
    assert!(screen(&mut app, 100, 30).contains("This branch has no upstream to compare with"));
    keys(&mut app, "u");
    keys(&mut app, "c");
    let Some(Popup::Commit(popup)) = &app.popup else {
        panic!("the commit message opens: {:?}", app.popup);
    };
    assert!(
        popup.text().starts_with("Checklist: update CL-01"),
        "{}",
        popup.text()
    );
    insta::assert_snapshot!("commit_message", screen(&mut app, 100, 30));
    // The message can be edited first: a line of the user's own at the end.
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Reviewed with the director.");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", app.popup);
    let body = repo.git(&["log", "-1", "--format=%B"]);
    assert!(body.starts_with("Checklist: update CL-01\n"), "{body}");
    assert!(body.contains("Reviewed with the director."), "{body}");
    let files = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "checklist.ron");
    assert!(
        repo.git(&["status", "--porcelain"])
            .contains("A  notes.txt"),
        "the user's staged file is still staged, not committed"
    );
    app.wait_for_git();
    assert!(status_line(&mut app).contains("committed"));
}

#[test]
fn unsaved_changes_are_shown_and_saved_before_the_commit() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(true);
    let mut app = repo.open();
    answer_first_item(&mut app, false);
    keys(&mut app, "D");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("This includes unsaved changes"), "{text}");
    assert!(text.contains("CL-01"), "{text}");
    keys(&mut app, "c");
    ctrl(&mut app, 's');
    assert!(app.dirty_files().is_empty(), "saved first");
    assert!(repo.git(&["status", "--porcelain"]).is_empty());
    assert_eq!(
        repo.git(&["log", "-1", "--format=%s"]).trim(),
        "Checklist: update CL-01"
    );
}

#[test]
fn nothing_to_commit_and_an_empty_message_are_refused_in_words() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(true);
    let mut app = repo.open();
    keys(&mut app, "D");
    assert!(screen(&mut app, 100, 30).contains("Nothing changed since the last commit."));
    keys(&mut app, "c");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Write a commit message first."), "{text}");
    keys(&mut app, "Tidy up");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Nothing to commit"), "{text}");
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn a_commit_git_refuses_shows_gits_words_made_safe_and_keeps_the_message() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(true);
    let hooks = repo.dir().join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    let hook = hooks.join("pre-commit");
    std::fs::write(
        &hook,
        "#!/bin/sh\nprintf '\\033[2J\\033]0;pwned\\007no commits today \\342\\200\\256evil\\n' >&2\nexit 1\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut app = repo.open();
    answer_first_item(&mut app, true);
    keys(&mut app, "Dc");
    ctrl(&mut app, 's');
    let Some(Popup::Commit(popup)) = &app.popup else {
        panic!("the message stays for another try: {:?}", app.popup);
    };
    assert!(popup.text().starts_with("Checklist: update CL-01"));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("git did not commit:"), "{text}");
    assert!(text.contains("no commits today"), "{text}");
    assert_drawn_safely(&text);
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn setup_is_offered_once_and_no_is_remembered_in_the_clone() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(false);
    let mut app = repo.open();
    assert!(matches!(app.popup, Some(Popup::GitSetup(_))), "offered");
    insta::assert_snapshot!("setup_offer", screen(&mut app, 100, 30));
    // Esc: not now, asked again at the next start.
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    drop(app);
    let mut app = repo.open();
    assert!(matches!(app.popup, Some(Popup::GitSetup(_))), "asked again");
    keys(&mut app, "n");
    assert_eq!(
        repo.git(&["config", "--get", "paraat.setupDeclined"])
            .trim(),
        "true"
    );
    assert!(screen(&mut app, 100, 30).contains("Not asked again in this clone"));
    drop(app);
    let app = repo.open();
    assert!(app.popup.is_none(), "not asked again in this clone");
}

#[test]
fn yes_to_the_offer_sets_the_clone_up() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(false);
    let mut app = repo.open();
    keys(&mut app, "y");
    assert!(
        paraat::git::setup::check(&repo.dir())
            .unwrap()
            .is_complete()
    );
    assert!(screen(&mut app, 120, 30).contains("Set up: git now merges"));
    drop(app);
    assert!(repo.open().popup.is_none());
}

// --- Merge conflicts -------------------------------------------------------------

fn edit(dir: &Path, change: impl FnOnce(&Workbook) -> Edit) {
    let mut loaded = Store::open_for_editing(dir).expect("opens");
    let edit = change(&loaded.workbook);
    edit.apply(&mut loaded.workbook).expect("the edit applies");
    loaded.store.save(&loaded.workbook).expect("saves");
}

fn change_risk(dir: &Path, change: impl FnOnce(&mut Risk)) {
    edit(dir, |wb| {
        let before = wb.risks.risks[0].clone();
        let mut after = before.clone();
        change(&mut after);
        Edit::Record {
            phase: None,
            index: 0,
            before: Some(Record::Risk(before)),
            after: Some(Record::Risk(after)),
        }
    });
}

/// A merge of `other` into `main` that left both sides' title and likelihood of
/// R-001 to choose; the other side's title is hostile.
fn conflicted() -> Repo {
    let repo = Repo::new(true);
    let dir = repo.dir();
    edit(&dir, |wb| Edit::Record {
        phase: None,
        index: 0,
        before: None,
        after: Some(Record::Risk(Risk::new(
            wb.next_id(RecordKind::Risk),
            "Ransomware at the supplier",
            Rating {
                likelihood: 3,
                impact: 4,
            },
        ))),
    });
    repo.git(&["commit", "-q", "-am", "Add a risk"]);
    repo.git(&["switch", "-q", "-c", "other"]);
    change_risk(&dir, |r| {
        r.title = "Ransomware \u{1b}]0;pwned\u{7}\u{202e}at the host".into();
        r.current.likelihood = 2;
    });
    repo.git(&["commit", "-q", "-am", "Their view"]);
    repo.git(&["switch", "-q", "main"]);
    change_risk(&dir, |r| {
        r.title = "Ransomware at the collection host".into();
        r.current.likelihood = 5;
    });
    repo.git(&["commit", "-q", "-am", "Our view"]);
    let out = git_try(&dir, &["merge", "--no-edit", "other"]);
    assert!(!out.status.success(), "the merge stops on the conflict");
    repo
}

#[test]
fn the_merge_chooser_shows_both_values_and_each_choice_is_an_undoable_edit() {
    if !have_git() {
        return;
    }
    let repo = conflicted();
    let mut app = repo.open();
    let line = status_line(&mut app);
    assert!(
        line.contains("merging · merge conflicts to choose: 2 (M)"),
        "{line}"
    );
    keys(&mut app, "M");
    let text = screen(&mut app, 100, 30);
    assert_drawn_safely(&text);
    assert!(text.contains("R-001 likelihood"), "{text}");
    assert!(
        text.contains("in the file (HEAD): 5 (very likely)") || text.contains("(HEAD): 5"),
        "{text}"
    );
    assert!(text.contains("the other side (other): 2"), "{text}");
    insta::assert_snapshot!("merge_conflicts", text);
    // Take the other side's likelihood: one edit, undone with u, done again.
    let likelihood = |app: &App| app.workbook().risk("R-001").unwrap().current.likelihood;
    let first_is_likelihood = text.find("R-001 likelihood") < text.find("R-001 title");
    if !first_is_likelihood {
        key(&mut app, KeyCode::Down);
    }
    keys(&mut app, "t");
    assert_eq!(likelihood(&app), 2);
    assert_eq!(app.workbook().conflicts["risks.ron"].len(), 1);
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "u");
    assert_eq!(likelihood(&app), 5, "undo takes the choice back");
    keys(&mut app, "M");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("(2 left)"), "{text}");
    // Keep our title (the file's), take their likelihood.
    if first_is_likelihood {
        keys(&mut app, "t");
        keys(&mut app, "f");
    } else {
        keys(&mut app, "f");
        keys(&mut app, "t");
    }
    assert!(app.popup.is_none(), "the last choice closes the list");
    assert!(app.workbook().conflicts.is_empty());
    let risk = app.workbook().risk("R-001").unwrap();
    assert_eq!(risk.title, "Ransomware at the collection host");
    assert_eq!(risk.current.likelihood, 2);
    keys(&mut app, "s");
    let saved = std::fs::read_to_string(repo.dir().join("risks.ron")).unwrap();
    assert!(!saved.contains("conflicts:"), "{saved}");
    // Commit finishes the merge, with git's subject first.
    keys(&mut app, "Dc");
    let Some(Popup::Commit(popup)) = &app.popup else {
        panic!("{:?}", app.popup);
    };
    assert!(
        popup.text().starts_with("Merge branch 'other'"),
        "{}",
        popup.text()
    );
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", app.popup);
    assert_eq!(
        repo.git(&["rev-list", "--parents", "-1", "HEAD"])
            .split(' ')
            .count(),
        3
    );
    assert!(repo.git(&["status", "--porcelain"]).is_empty());
}

#[test]
fn a_commit_with_conflicts_left_is_refused() {
    if !have_git() {
        return;
    }
    let repo = conflicted();
    let mut app = repo.open();
    keys(&mut app, "Dc");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 30);
    assert!(
        text.contains("Choose the merge conflicts first: risks.ron"),
        "{text}"
    );
    assert!(
        repo.git(&["status", "--porcelain"])
            .contains("UU risks.ron")
    );
}

#[test]
fn in_a_dutch_workbook_git_speaks_dutch_on_screen_and_in_the_help() {
    if !have_git() {
        return;
    }
    let repo = Repo::in_language(Language::Nl, false);
    let mut app = repo.open();
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Dit werkboek staat in git"), "{text}");
    assert!(
        text.contains("j instellen · n nee, niet meer vragen · Esc volgende keer"),
        "{text}"
    );
    keys(&mut app, "j");
    assert!(status_line(&mut app).contains("Ingesteld: git voegt dit werkboek"));
    // The new .gitattributes lines are not the workbook's files: still committed.
    assert!(status_line(&mut app).contains("⎇ main · gecommit"));
    keys(&mut app, "2y");
    keys(&mut app, "D");
    let text = screen(&mut app, 100, 30);
    assert!(
        text.contains("Wat er gewijzigd is sinds de laatste commit — main"),
        "{text}"
    );
    assert!(
        text.contains("c committen · u tegen upstream · Esc sluiten"),
        "{text}"
    );
    assert!(
        text.contains("Dit omvat niet-opgeslagen wijzigingen"),
        "{text}"
    );
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "?");
    let text = screen(&mut app, 120, 150);
    assert!(
        text.contains("wat er veranderde sinds de laatste commit (git)"),
        "{text}"
    );
    assert!(
        text.contains("kiezen tussen de waarden van een merge (git)"),
        "{text}"
    );
}

#[test]
fn a_branch_name_with_a_bidi_override_reaches_the_screen_defused() {
    if !have_git() {
        return;
    }
    let repo = Repo::new(true);
    repo.git(&["switch", "-q", "-c", "review-\u{202e}txt.exe"]);
    let mut app = repo.open();
    let line = status_line(&mut app);
    assert!(line.contains("⎇ review-"), "{line}");
    assert_drawn_safely(&screen(&mut app, 100, 30));
    keys(&mut app, "D");
    assert_drawn_safely(&screen(&mut app, 100, 30));
}

#[test]
fn the_first_commit_of_a_new_repository_holds_the_workbook_and_its_git_files() {
    if !have_git() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wb");
    paraat::store::templates::init(&dir, Language::En, "Museum Test", OrganisationKind::Museum)
        .unwrap();
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["config", "user.name", "Anna Test"]);
    git(&dir, &["config", "user.email", "anna@example.org"]);
    paraat::git::setup::setup(&dir, Path::new(env!("CARGO_BIN_EXE_paraat"))).unwrap();
    std::fs::write(dir.join("unrelated.txt"), "not the workbook\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut app = App::open(Options {
        root: dir.clone(),
        today: Date::parse("2026-12-01").unwrap(),
        today_fixed: true,
        scratch: false,
        data_dir: Some(data.path().to_path_buf()),
        export_dir: std::env::temp_dir(),
    })
    .unwrap();
    app.wait_for_git();
    let line = status_line(&mut app);
    assert!(
        line.contains("⎇ main · not committed: .gitattributes, .gitignore"),
        "{line}"
    );
    keys(&mut app, "D");
    assert!(screen(&mut app, 100, 30).contains("No commit yet: every file is new."));
    keys(&mut app, "c");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", app.popup);
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "Start the workbook"
    );
    let files = git(&dir, &["ls-files"]);
    for file in [".gitattributes", ".gitignore", "paraat.ron", "risks.ron"] {
        assert!(files.lines().any(|f| f == file), "{file} in {files}");
    }
    assert!(
        !files.contains("unrelated.txt") && !files.contains("private/"),
        "{files}"
    );
}
