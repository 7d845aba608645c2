//! Every JSON structure matches its documentation: `docs/json.md` shows an example
//! of each, and the real output of the command has the same keys with values of
//! the same types (a `null` on either side stands for "may be empty"). A field
//! added to the output and not to the page, or documented and gone, fails here.

mod common;

use std::path::Path;

use common::{TestWorkbook, paraat};
use serde_json::Value;

#[path = "../benches/share_generator.rs"]
mod share_generator;

const TODAY: &str = "2026-12-01";

/// The example block marked `<!-- json: NAME -->` in docs/json.md.
fn documented(name: &str) -> Value {
    let doc = std::fs::read_to_string("docs/json.md").expect("docs/json.md");
    let marker = format!("<!-- json: {name} -->");
    let at = doc
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/json.md has no example {name}"));
    let rest = &doc[at + marker.len()..];
    let start = rest.find("```json\n").expect("a json block") + "```json\n".len();
    let end = rest[start..].find("\n```").expect("the block ends") + start;
    serde_json::from_str(&rest[start..end])
        .unwrap_or_else(|e| panic!("the documented {name} is not JSON: {e}"))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Differences in shape between the documented and the real value. Paths in
/// `maps` are objects keyed by data (finding codes): only their values are compared.
fn shape(doc: &Value, real: &Value, path: &str, maps: &[&str], out: &mut Vec<String>) {
    match (doc, real) {
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Object(d), Value::Object(r)) if maps.contains(&path) => {
            let sample = d.values().next();
            for (key, value) in r {
                if let Some(sample) = sample {
                    shape(sample, value, &format!("{path}.{key}"), maps, out);
                }
            }
        }
        (Value::Object(d), Value::Object(r)) => {
            for key in d.keys().filter(|k| !r.contains_key(*k)) {
                out.push(format!("{path}.{key}: documented but not in the output"));
            }
            for key in r.keys().filter(|k| !d.contains_key(*k)) {
                out.push(format!("{path}.{key}: in the output but not documented"));
            }
            for (key, value) in r {
                if let Some(doc_value) = d.get(key) {
                    shape(doc_value, value, &format!("{path}.{key}"), maps, out);
                }
            }
        }
        (Value::Array(d), Value::Array(r)) => {
            if let Some(first) = d.first() {
                for (i, value) in r.iter().enumerate() {
                    shape(first, value, &format!("{path}[{i}]"), maps, out);
                }
            }
        }
        (d, r) if kind(d) != kind(r) => out.push(format!(
            "{path}: documented as {}, but the output has {}",
            kind(d),
            kind(r)
        )),
        _ => {}
    }
}

fn matches_doc(name: &str, real: &Value, maps: &[&str]) {
    let doc = documented(name);
    let mut problems = Vec::new();
    shape(&doc, real, "", maps, &mut problems);
    assert!(
        problems.is_empty(),
        "{name} differs from docs/json.md:\n{}\n\noutput:\n{}",
        problems.join("\n"),
        serde_json::to_string_pretty(real).unwrap()
    );
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn run(dir: &Path, args: &[&str]) -> Value {
    let output = paraat()
        .current_dir(dir)
        .env("PARAAT_TODAY", TODAY)
        .env("PARAAT_NOW", "2026-12-01T09:15:00Z")
        .args(args)
        .output()
        .expect("run paraat");
    json_of(&output)
}

/// The example museum with one supplier linked to the catalogue.
fn example() -> TestWorkbook {
    let wb = TestWorkbook::example();
    let text = wb.read("processes.ron");
    let at = text.rfind("catalogue: None").expect("a supplier");
    wb.write(
        "processes.ron",
        &format!(
            "{}catalogue: Some(\"microsoft\"){}",
            &text[..at],
            &text[at + "catalogue: None".len()..]
        ),
    );
    wb
}

/// Every string value in `v`, with its path.
fn strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, format!("{path}[{i}]"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| strings(x, format!("{path}.{k}"), out)),
        _ => {}
    }
}

/// Codes, not sentences: no string value holds a space.
fn codes_only(v: &Value) {
    let mut all = Vec::new();
    strings(v, String::new(), &mut all);
    for (path, s) in all {
        assert!(!s.contains(' '), "{path} holds a sentence: {s:?}");
    }
}

#[test]
fn status_json_matches_its_documentation_and_holds_codes_only() {
    let wb = example();
    let status = run(wb.path(), &["status", "--format", "json"]);
    matches_doc("status", &status, &[]);
    codes_only(&status);
    assert!(status.get("compare").is_none());
}

#[test]
fn status_compare_json_matches_its_documentation() {
    let wb = example();
    let shares = tempfile::tempdir().unwrap();
    for (i, file) in share_generator::share_files(60, 3, 2).iter().enumerate() {
        std::fs::write(
            shares.path().join(format!("m{i}.json")),
            serde_json::to_string(file).unwrap(),
        )
        .unwrap();
    }
    let sector = wb.file("sector.json");
    paraat()
        .env("PARAAT_TODAY", TODAY)
        .args(["sector", "--format", "json", "-o"])
        .arg(&sector)
        .arg(shares.path())
        .assert()
        .success();
    let status = run(
        wb.path(),
        &["status", "--format", "json", "--compare", "sector.json"],
    );
    matches_doc("status-compare", &status["compare"], &[]);
    let compare = &status["compare"];
    assert_eq!(compare["overall"]["yours"], status["selfcheck"]["percent"]);
    assert!(
        compare["suppliers"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s["catalogue"] == "microsoft"))
    );
}

#[test]
fn selfcheck_json_matches_its_documentation() {
    let wb = example();
    let result = run(wb.path(), &["selfcheck", "--format", "json"]);
    matches_doc("selfcheck", &result, &[]);
    codes_only(&result);
    assert!(!result["actions"].as_array().unwrap().is_empty());
}

#[test]
fn incident_list_json_matches_its_documentation_also_when_a_file_is_broken() {
    let wb = example();
    let list = run(wb.path(), &["incident", "list", "--format", "json"]);
    matches_doc("incident-list", &list, &[]);
    assert_eq!(list["incidents"][0]["id"], "2025-06-12-tabletop-ransomware");

    wb.write(
        "incidents/2026-11-28-broken.ron",
        "Incident(\n    id: \"2026-11-28-broken\",\n)\n",
    );
    let list = run(wb.path(), &["incident", "list", "--format", "json"]);
    matches_doc("incident-list", &list, &[]);
    let unreadable = list["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{list}");
    assert_eq!(unreadable[0]["file"], "incidents/2026-11-28-broken.ron");
}

#[test]
fn incident_status_json_matches_its_documentation_during_an_exercise() {
    let wb = example();
    paraat()
        .current_dir(wb.path())
        .env("PARAAT_NOW", "2026-12-01T09:00:00Z")
        .args([
            "incident",
            "start",
            "--scenario",
            "ransomware-supplier",
            "--by",
            "Tester",
        ])
        .assert()
        .success();
    let status = run(wb.path(), &["incident", "status", "--format", "json"]);
    matches_doc("incident-status", &status, &[]);
    assert_eq!(status["since_declared_seconds"], 900);
    assert!(!status["injects_due"].as_array().unwrap().is_empty());
    assert!(status["next_inject"].is_object(), "{status}");
    // The closed example exercise too.
    let closed = run(
        wb.path(),
        &[
            "incident",
            "status",
            "2025-06-12-tabletop-ransomware",
            "--format",
            "json",
        ],
    );
    matches_doc("incident-status", &closed, &[]);
    assert_eq!(closed["clocks"][0]["state"], "met");
}

#[test]
fn check_json_still_prints_json_when_the_workbook_does_not_load() {
    let wb = example();
    wb.write("risks.ron", "Risks(\n    next_number: 1,\n    risks: [\n");
    wb.write("plan.ron", "<<<<<<< HEAD\n");
    let output = paraat()
        .current_dir(wb.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let failure = json_of(&output);
    matches_doc("load-failure", &failure, &[]);
    assert_eq!(failure["error"], "load");
    let files: Vec<&str> = failure["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["plan.ron", "risks.ron"]);
    assert!(
        !String::from_utf8_lossy(&output.stderr).is_empty(),
        "the errors go to standard error too"
    );
}

#[test]
fn share_file_matches_its_documentation() {
    let wb = example();
    let share = run(wb.path(), &["share", "--dry-run"]);
    matches_doc("share", &share, &[".findings"]);
    assert_eq!(share["suppliers"][0]["catalogue"], "microsoft");
    assert_eq!(share["size"], "50-249");
}

#[test]
fn sector_report_matches_its_documentation() {
    let shares = tempfile::tempdir().unwrap();
    for (i, file) in share_generator::share_files(200, 11, 3).iter().enumerate() {
        std::fs::write(
            shares.path().join(format!("m{i:03}.json")),
            serde_json::to_string_pretty(file).unwrap(),
        )
        .unwrap();
    }
    let report = run(shares.path(), &["sector", ".", "--format", "json"]);
    matches_doc("sector", &report, &[]);
    assert_eq!(report["min_group"], 5);
    assert_eq!(
        report["over_time"]["by_period"].as_array().unwrap().len(),
        3
    );
}
