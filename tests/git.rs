//! Teamwork in git, with the real `git` in temporary repositories: a shared
//! origin, clones that each change the workbook, and the merge driver set up by
//! `paraat git setup` with this build of paraat.

mod common;

use std::path::{Path, PathBuf};

use common::git::{git, git_try, have_git, paraat_in};
use paraat::model::edit::{Edit, Record};
use paraat::model::*;
use paraat::store::Store;
use predicates::prelude::*;

/// A shared origin with a workbook on `main`, and clones of it.
struct Team {
    tmp: tempfile::TempDir,
    origin: PathBuf,
}

impl Team {
    fn new() -> Team {
        let tmp = tempfile::tempdir().unwrap();
        let origin = tmp.path().join("origin.git");
        git(
            tmp.path(),
            &["init", "-q", "--bare", "-b", "main", "origin.git"],
        );
        let seed = tmp.path().join("seed");
        paraat::store::templates::init(
            &seed,
            Language::En,
            "Museum Test",
            OrganisationKind::Museum,
        )
        .unwrap();
        git(&seed, &["init", "-q", "-b", "main"]);
        git(&seed, &["add", "."]);
        git(&seed, &["commit", "-q", "-m", "Start the workbook"]);
        git(
            &seed,
            &["remote", "add", "origin", origin.to_str().unwrap()],
        );
        git(&seed, &["push", "-q", "origin", "main"]);
        Team { tmp, origin }
    }

    /// A clone with paraat set up as its merge driver.
    fn clone(&self, name: &str) -> PathBuf {
        git(
            self.tmp.path(),
            &["clone", "-q", self.origin.to_str().unwrap(), name],
        );
        let dir = self.tmp.path().join(name);
        paraat_in(&dir).args(["git", "setup"]).assert().success();
        dir
    }
}

fn load(dir: &Path) -> Workbook {
    Store::load(dir).expect("the workbook loads").workbook
}

/// Changes the workbook as the terminal UI would: one edit, saved.
fn edit(dir: &Path, change: impl FnOnce(&Workbook) -> Edit) {
    let mut loaded = Store::open_for_editing(dir).expect("opens");
    let edit = change(&loaded.workbook);
    edit.apply(&mut loaded.workbook).expect("the edit applies");
    loaded.store.save(&loaded.workbook).expect("saves");
}

fn add_risk(dir: &Path, title: &str) -> Id {
    let mut id = Id::default();
    edit(dir, |wb| {
        id = wb.next_id(RecordKind::Risk);
        Edit::Record {
            phase: None,
            index: wb.risks.risks.len(),
            before: None,
            after: Some(Record::Risk(Risk::new(
                id.clone(),
                title,
                Rating {
                    likelihood: 3,
                    impact: 4,
                },
            ))),
        }
    });
    id
}

fn change_risk(dir: &Path, id: &Id, change: impl FnOnce(&mut Risk)) {
    edit(dir, |wb| {
        let index = wb.risks.risks.iter().position(|r| &r.id == id).unwrap();
        let before = wb.risks.risks[index].clone();
        let mut after = before.clone();
        change(&mut after);
        Edit::Record {
            phase: None,
            index,
            before: Some(Record::Risk(before)),
            after: Some(Record::Risk(after)),
        }
    });
}

/// Adds a step to plan phase 4 that treats `risk`.
fn add_step(dir: &Path, title: &str, risk: &Id) -> Id {
    let mut id = Id::default();
    edit(dir, |wb| {
        let phase = wb.plan.phases.iter().find(|p| p.number == 4).unwrap();
        id = phase.next_step_id();
        Edit::Record {
            phase: Some(4),
            index: phase.steps.len(),
            before: None,
            after: Some(Record::Step(Step {
                id: id.clone(),
                title: title.into(),
                description: String::new(),
                owner: None,
                status: StepStatus::Todo,
                due: None,
                done: None,
                risks: vec![risk.clone()],
                statements: vec![],
                incident: None,
                notes: String::new(),
                origin: None,
            })),
        }
    });
    id
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

fn risk_titled<'a>(wb: &'a Workbook, title: &str) -> &'a Risk {
    wb.risks
        .risks
        .iter()
        .find(|r| r.title == title)
        .unwrap_or_else(|| panic!("no risk {title:?} in {:?}", wb.risks.risks))
}

fn step_titled<'a>(wb: &'a Workbook, title: &str) -> &'a Step {
    wb.steps()
        .map(|(_, s)| s)
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no step {title:?}"))
}

/// The workbook checks clean of integrity errors (no duplicate ids, no dangling
/// references, no conflicts left).
fn assert_whole(dir: &Path) {
    let wb = load(dir);
    let errors: Vec<_> = paraat::review::integrity(&wb)
        .into_iter()
        .filter(|f| f.severity == paraat::review::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(wb.conflicts.is_empty(), "{:#?}", wb.conflicts);
    paraat_in(dir).args(["fmt", "--check"]).assert().code(0);
}

#[test]
fn setup_is_safe_to_run_twice_and_check_tells_whether_it_is_done() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let dir = team.tmp.path().join("plain");
    git(
        team.tmp.path(),
        &["clone", "-q", team.origin.to_str().unwrap(), "plain"],
    );
    paraat_in(&dir)
        .args(["git", "setup", "--check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no merge driver"));
    paraat_in(&dir).args(["git", "setup"]).assert().success();
    let config = std::fs::read_to_string(dir.join(".git/config")).unwrap();
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    paraat_in(&dir)
        .args(["git", "setup"])
        .assert()
        .success()
        .stdout(predicate::str::contains("already set up"));
    assert_eq!(
        std::fs::read_to_string(dir.join(".git/config")).unwrap(),
        config
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
        attributes
    );
    assert!(
        config.contains("merge-file %O %A %B %P %S %X %Y"),
        "{config}"
    );
    paraat_in(&dir)
        .args(["git", "setup", "--check"])
        .assert()
        .code(0);
    // Nothing of the user's own config or hooks is touched.
    assert!(
        git_try(&dir, &["config", "core.hooksPath"])
            .stdout
            .is_empty()
    );
}

#[test]
fn init_in_a_repository_sets_paraat_up() {
    if !have_git() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    paraat_in(tmp.path())
        .args(["init", "wb", "--org", "Museum"])
        .assert()
        .success()
        .stdout(predicate::str::contains("paraat git setup"));
    paraat_in(&tmp.path().join("wb"))
        .args(["git", "setup", "--check"])
        .assert()
        .code(0);
}

#[test]
fn both_sides_add_a_risk_and_pull_keeps_both_under_their_own_ids() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let (anna, bert) = (team.clone("anna"), team.clone("bert"));
    let a = add_risk(&anna, "Flood in the depot");
    commit(&anna, "Add the flood risk");
    git(&anna, &["push", "-q"]);
    let b = add_risk(&bert, "Phishing of the box office");
    assert_eq!(a, b, "both picked the next id");
    commit(&bert, "Add the phishing risk");
    let out = git_try(&bert, &["pull", "--no-rebase", "--no-edit"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("renumbered"), "the merge says so: {stderr}");
    let wb = load(&bert);
    let flood = risk_titled(&wb, "Flood in the depot");
    let phishing = risk_titled(&wb, "Phishing of the box office");
    assert_eq!(flood.id, a, "the shared side keeps its id");
    assert_ne!(phishing.id, a, "the local, unpushed side is renumbered");
    assert!(wb.risks.next_number > phishing.id.number("R").unwrap());
    assert_whole(&bert);
    // The merge is committed: git saw no conflict.
    assert!(git(&bert, &["status", "--porcelain"]).trim().is_empty());
    // And the diff of the merge tells the renumbering.
    paraat_in(&bert)
        .args(["diff", "HEAD^..HEAD"])
        .assert()
        .success()
        .stdout(predicate::str::contains("renumbered").and(predicate::str::contains("Phishing")));
}

#[test]
fn adjacent_fields_changed_on_two_clones_merge_cleanly() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let anna = team.clone("anna");
    let r = add_risk(&anna, "Ransomware at the supplier");
    commit(&anna, "Add a risk");
    git(&anna, &["push", "-q"]);
    let bert = team.clone("bert");
    change_risk(&anna, &r, |risk| risk.current.likelihood = 2);
    commit(&anna, "Lower the likelihood");
    git(&anna, &["push", "-q"]);
    change_risk(&bert, &r, |risk| risk.current.impact = 5);
    commit(&bert, "Raise the impact");
    git(&bert, &["pull", "--no-rebase", "--no-edit", "-q"]);
    let wb = load(&bert);
    let risk = wb.risk(r.as_str()).unwrap();
    assert_eq!((risk.current.likelihood, risk.current.impact), (2, 5));
    assert_whole(&bert);
}

#[test]
fn the_same_field_changed_on_both_sides_stops_and_shows_both_values() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let anna = team.clone("anna");
    let r = add_risk(&anna, "Ransomware at the supplier");
    commit(&anna, "Add a risk");
    git(&anna, &["push", "-q"]);
    let bert = team.clone("bert");
    change_risk(&anna, &r, |risk| risk.current.likelihood = 2);
    commit(&anna, "Lower the likelihood");
    git(&anna, &["push", "-q"]);
    change_risk(&bert, &r, |risk| risk.current.likelihood = 5);
    commit(&bert, "Raise the likelihood");
    let out = git_try(&bert, &["pull", "--no-rebase", "--no-edit"]);
    assert!(!out.status.success(), "git must not commit a conflict");
    assert!(git(&bert, &["status", "--porcelain"]).contains("UU risks.ron"));
    // The file still loads, holding ours, with theirs in the conflict entry.
    let wb = load(&bert);
    assert_eq!(wb.risk(r.as_str()).unwrap().current.likelihood, 5);
    assert_eq!(wb.conflicts.get("risks.ron").map(Vec::len), Some(1));
    paraat_in(&bert)
        .args(["check", "--today", "2026-12-01"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("MERGE_CONFLICT")
                .and(predicate::str::contains(r.as_str()))
                .and(predicate::str::contains("likelihood")),
        );
}

#[test]
fn a_record_deleted_on_one_side_and_edited_on_the_other_is_kept_as_a_conflict() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let anna = team.clone("anna");
    let r = add_risk(&anna, "Stolen laptop");
    commit(&anna, "Add a risk");
    git(&anna, &["push", "-q"]);
    let bert = team.clone("bert");
    edit(&anna, |wb| Edit::Record {
        phase: None,
        index: 0,
        before: Some(Record::Risk(wb.risks.risks[0].clone())),
        after: None,
    });
    commit(&anna, "Remove the risk");
    git(&anna, &["push", "-q"]);
    change_risk(&bert, &r, |risk| risk.measures = "disk encryption".into());
    commit(&bert, "Note the measures");
    let out = git_try(&bert, &["pull", "--no-rebase", "--no-edit"]);
    assert!(!out.status.success());
    let wb = load(&bert);
    assert_eq!(
        wb.risk(r.as_str()).unwrap().measures,
        "disk encryption",
        "nothing is lost"
    );
    paraat_in(&bert)
        .args(["check", "--today", "2026-12-01"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("MERGE_CONFLICT").and(predicate::str::contains("deleted")),
        );
}

#[test]
fn incident_logs_from_two_clones_merge_into_one_timeline() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let anna = team.clone("anna");
    paraat_in(&anna)
        .args([
            "incident",
            "start",
            "Collection system encrypted",
            "--now",
            "2026-11-28T09:00:00Z",
        ])
        .assert()
        .success();
    commit(&anna, "Declare the incident");
    git(&anna, &["push", "-q"]);
    let bert = team.clone("bert");
    for (dir, at, text) in [
        (&anna, "2026-11-28T09:20:00Z", "Supplier called"),
        (&bert, "2026-11-28T09:10:00Z", "Network isolated"),
        (&bert, "2026-11-28T09:40:00Z", "Police informed"),
    ] {
        paraat_in(dir)
            .args(["incident", "log", text, "--now", at])
            .assert()
            .success();
    }
    commit(&anna, "Log");
    git(&anna, &["push", "-q"]);
    commit(&bert, "Log");
    git(&bert, &["pull", "--no-rebase", "--no-edit", "-q"]);
    let wb = load(&bert);
    let texts: Vec<&str> = wb.incidents[0]
        .timeline
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    let at = |t: &str| {
        texts
            .iter()
            .position(|x| x.contains(t))
            .unwrap_or_else(|| panic!("{t} lost: {texts:?}"))
    };
    assert!(at("Network isolated") < at("Supplier called"));
    assert!(at("Supplier called") < at("Police informed"));
    assert_whole(&bert);
}

/// Bert adds a risk and a plan step that treats it; Anna added another risk with
/// the same id, and it reached the shared branch first. plan.ron changed only on
/// Bert's side, so git merges it without the driver: the step must still treat
/// Bert's risk afterwards.
fn bert_adds_a_risk_with_a_step(team: &Team) -> (PathBuf, PathBuf) {
    let (anna, bert) = (team.clone("anna"), team.clone("bert"));
    add_risk(&anna, "Flood in the depot");
    commit(&anna, "Add the flood risk");
    git(&anna, &["push", "-q"]);
    let risk = add_risk(&bert, "Phishing of the box office");
    add_step(&bert, "Train the box office staff", &risk);
    commit(&bert, "Add the phishing risk and its step");
    (anna, bert)
}

fn assert_step_treats_berts_risk(dir: &Path) {
    let wb = load(dir);
    let phishing = risk_titled(&wb, "Phishing of the box office");
    let step = step_titled(&wb, "Train the box office staff");
    assert_eq!(
        step.risks,
        vec![phishing.id.clone()],
        "the step treats the risk its author meant"
    );
    assert_ne!(phishing.id, risk_titled(&wb, "Flood in the depot").id);
    assert_whole(dir);
}

#[test]
fn pull_with_a_link_in_another_file_stops_and_resolve_makes_it_follow() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let (_anna, bert) = bert_adds_a_risk_with_a_step(&team);
    let out = git_try(&bert, &["pull", "--no-rebase", "--no-edit"]);
    assert!(
        !out.status.success(),
        "git stops so no commit has the wrong link"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("plan.ron") && stderr.contains("paraat git resolve"),
        "{stderr}"
    );
    paraat_in(&bert)
        .args(["check", "--today", "2026-12-01"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("MERGE_UNFINISHED"));
    paraat_in(&bert)
        .args(["git", "resolve"])
        .assert()
        .success()
        .stdout(predicate::str::contains("plan.ron").and(predicate::str::contains("git commit")));
    git(&bert, &["commit", "-q", "--no-edit"]);
    assert_step_treats_berts_risk(&bert);
}

#[test]
fn a_pull_request_merged_on_the_host_then_main_merged_into_the_other_branch() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let (anna, bert) = (team.clone("anna"), team.clone("bert"));
    // Anna's pull request: merged on the hosting side, where no driver runs (main
    // had not moved, so it is a plain merge commit of her branch).
    git(&anna, &["switch", "-q", "-c", "flood"]);
    add_risk(&anna, "Flood in the depot");
    commit(&anna, "Add the flood risk");
    git(&anna, &["switch", "-q", "main"]);
    git(
        &anna,
        &[
            "-c",
            "merge.paraat.driver=false",
            "merge",
            "-q",
            "--no-ff",
            "--no-edit",
            "flood",
        ],
    );
    git(&anna, &["push", "-q", "origin", "main"]);
    // Bert's branch, pushed for review, then brought up to date with main.
    git(&bert, &["switch", "-q", "-c", "phishing"]);
    let risk = add_risk(&bert, "Phishing of the box office");
    add_step(&bert, "Train the box office staff", &risk);
    commit(&bert, "Add the phishing risk and its step");
    git(&bert, &["push", "-q", "-u", "origin", "phishing"]);
    git(&bert, &["fetch", "-q"]);
    let out = git_try(&bert, &["merge", "--no-edit", "origin/main"]);
    if !out.status.success() {
        paraat_in(&bert).args(["git", "resolve"]).assert().success();
        git(&bert, &["commit", "-q", "--no-edit"]);
    }
    let wb = load(&bert);
    // Main's record keeps its id; the branch's own is renumbered.
    assert_eq!(risk_titled(&wb, "Flood in the depot").id.as_str(), "R-001");
    assert_step_treats_berts_risk(&bert);
}

#[test]
fn rebase_renumbers_the_commits_being_replayed_and_later_commits_follow() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let (anna, bert) = (team.clone("anna"), team.clone("bert"));
    add_risk(&anna, "Flood in the depot");
    commit(&anna, "Add the flood risk");
    git(&anna, &["push", "-q"]);
    // Two commits: the risk first, the step that treats it second.
    let risk = add_risk(&bert, "Phishing of the box office");
    commit(&bert, "Add the phishing risk");
    add_step(&bert, "Train the box office staff", &risk);
    change_risk(&bert, &risk, |r| r.measures = "awareness training".into());
    commit(&bert, "Plan the training");
    let mut out = git_try(&bert, &["pull", "--rebase"]);
    let mut rounds = 0;
    while !out.status.success() {
        rounds += 1;
        assert!(rounds < 4, "{}", String::from_utf8_lossy(&out.stderr));
        eprintln!("git stopped:\n{}", String::from_utf8_lossy(&out.stderr));
        let resolved = paraat_in(&bert).args(["git", "resolve"]).assert().success();
        eprintln!(
            "resolve:\n{}",
            String::from_utf8_lossy(&resolved.get_output().stdout)
        );
        out = git_try(&bert, &["rebase", "--continue"]);
    }
    assert_step_treats_berts_risk(&bert);
    let wb = load(&bert);
    assert_eq!(
        risk_titled(&wb, "Phishing of the box office").measures,
        "awareness training"
    );
    // History is linear on top of Anna's commit, and every commit checks clean.
    let commits = git(&bert, &["rev-list", "origin/main..HEAD"]);
    assert_eq!(commits.lines().count(), 2);
    for c in commits.lines() {
        git(&bert, &["checkout", "-q", c]);
        assert_whole(&bert);
    }
}

#[test]
fn cherry_pick_brings_a_risk_and_its_step_under_a_free_id() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let (_anna, bert) = bert_adds_a_risk_with_a_step(&team);
    git(&bert, &["branch", "-q", "mine"]);
    git(&bert, &["fetch", "-q"]);
    git(&bert, &["reset", "-q", "--hard", "origin/main"]);
    let out = git_try(&bert, &["cherry-pick", "mine"]);
    if !out.status.success() {
        paraat_in(&bert).args(["git", "resolve"]).assert().success();
        git(&bert, &["cherry-pick", "--continue"]);
    }
    assert_step_treats_berts_risk(&bert);
}

#[test]
fn a_clone_without_the_driver_still_merges_line_by_line() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let anna = team.clone("anna");
    let dir = team.tmp.path().join("plain");
    git(
        team.tmp.path(),
        &["clone", "-q", team.origin.to_str().unwrap(), "plain"],
    );
    add_risk(&anna, "Flood in the depot");
    commit(&anna, "Add");
    git(&anna, &["push", "-q"]);
    add_risk(&dir, "Phishing");
    commit(&dir, "Add");
    let out = git_try(&dir, &["pull", "--no-rebase", "--no-edit"]);
    assert!(
        !out.status.success(),
        "git's line merge conflicts, as before"
    );
    // paraat says what happened rather than half-loading the file.
    paraat_in(&dir)
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("merge conflict"));
}

#[test]
fn diffs_name_the_record_in_the_hunk_header() {
    if !have_git() {
        return;
    }
    let team = Team::new();
    let anna = team.clone("anna");
    let first = add_risk(&anna, "First");
    add_risk(&anna, "Second");
    commit(&anna, "Two risks");
    change_risk(&anna, &first, |r| r.notes = "a note".into());
    let diff = git(&anna, &["diff", "-U1", "risks.ron"]);
    let header = diff.lines().find(|l| l.starts_with("@@")).unwrap();
    assert!(header.contains(&format!("id: \"{first}\"")), "{header}");
}
