//! Helpers shared by the integration tests: a workbook in a temp folder in one line.
#![allow(dead_code)]

pub mod git;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use paraat::model::{Language, OrganisationKind};
use paraat::store::templates;

/// A fresh workbook from the template of `lang` in its own temp folder.
pub struct TestWorkbook {
    pub dir: tempfile::TempDir,
}

impl TestWorkbook {
    pub fn new(lang: Language) -> TestWorkbook {
        let dir = tempfile::tempdir().expect("temp dir");
        templates::init(dir.path(), lang, "Museum Test", OrganisationKind::Museum)
            .expect("init from template");
        TestWorkbook { dir }
    }

    pub fn example() -> TestWorkbook {
        let dir = tempfile::tempdir().expect("temp dir");
        templates::write_example(dir.path()).expect("write example");
        TestWorkbook { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).expect("read file")
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.file(name), text).expect("write file");
    }

    /// Replaces the first occurrence of `from` in `name` (panics when absent, so a
    /// test never silently checks nothing).
    pub fn edit(&self, name: &str, from: &str, to: &str) {
        let text = self.read(name);
        assert!(text.contains(from), "{name} does not contain {from:?}");
        self.write(name, &text.replacen(from, to, 1));
    }
}

/// The binary, free of whatever the person running the tests has set: no workbook,
/// date, time or colour from the environment.
pub fn paraat() -> Command {
    let mut cmd = Command::cargo_bin("paraat").expect("binary");
    cmd.env_remove("PARAAT_WORKBOOK")
        .env_remove("PARAAT_TODAY")
        .env_remove("PARAAT_NOW")
        .env("NO_COLOR", "1");
    cmd
}
