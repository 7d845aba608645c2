//! Puts the commit paraat is built from into the binary, for `paraat --version`.
//!
//! The commit is asked of git (`PARAAT_BUILD_COMMIT` overrides it, for packagers
//! building from a source archive). Without git or outside a repository there is
//! no commit and `--version` says so. The script runs again only when HEAD or the
//! branch it points at moves, so an ordinary edit does not rebuild anything more.

use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PARAAT_BUILD_COMMIT");
    if let Ok(commit) = std::env::var("PARAAT_BUILD_COMMIT") {
        println!("cargo:rustc-env=PARAAT_COMMIT={commit}");
        return;
    }
    // Only a repository whose top is this package: a source archive unpacked
    // inside some other repository must not take that repository's commit.
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let top = git(&["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    let ours = match (
        top.and_then(|t| t.canonicalize().ok()),
        manifest.canonicalize(),
    ) {
        (Some(top), Ok(manifest)) => top == manifest,
        _ => false,
    };
    if !ours {
        return;
    }
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
    }
    if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
        println!("cargo:rerun-if-changed={common}/packed-refs");
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={common}/{branch}");
        }
    }
    if let Some(commit) = git(&["rev-parse", "--short=12", "HEAD"]) {
        println!("cargo:rustc-env=PARAAT_COMMIT={commit}");
    }
}
