//! The offline copy people reach for when the network is down: the incident pack as
//! printable HTML or Markdown (or just the emergency card), the registers as CSV for
//! spreadsheets, and CSV import of an existing risk register or contact list.
//!
//! The content is decided once ([`pack`] builds a format-neutral [`document`]) and
//! rendered twice ([`html`], [`markdown`]), so both formats say the same. Renderers
//! are pure functions of the workbook, the findings, the stamp and "today"; only
//! [`stamp`] (which asks git) and [`write`] touch the outside world. Redaction is
//! applied while the document is built, so no renderer sees a private value.
//! `docs/export.md` describes the formats and options for users.

pub mod document;
mod git;
pub mod html;
pub mod markdown;
pub mod pack;
pub mod spreadsheet;
pub mod words;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::bilingual::fill;
use crate::model::{Date, Timestamp, Workbook, Zone};
use crate::review::{self, Finding};
use crate::store::atomic::write_atomic;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Html,
    Markdown,
    Csv,
}

impl ExportFormat {
    /// Where the export goes when no output is given: `readiness.html`,
    /// `readiness.md`, `emergency-card.html` / `.md` for the card alone, and the
    /// folder `readiness-csv` for CSV.
    pub fn default_output(self, card_only: bool) -> PathBuf {
        PathBuf::from(match (self, card_only) {
            (ExportFormat::Html, false) => "readiness.html",
            (ExportFormat::Html, true) => "emergency-card.html",
            (ExportFormat::Markdown, false) => "readiness.md",
            (ExportFormat::Markdown, true) => "emergency-card.md",
            (ExportFormat::Csv, _) => "readiness-csv",
        })
    }
}

/// The choices of one export (the CLI flags, or the TUI's export dialog).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// Only the emergency card (HTML and Markdown).
    pub card_only: bool,
    /// With `card_only`: the card on two pages, the second with the recovery order.
    pub two_pages: bool,
    /// Leave out private details, for copies shared wider than the crisis team.
    pub redact: bool,
    /// A file for HTML and Markdown (an existing folder gets the default name in
    /// it); a folder for CSV.
    pub output: PathBuf,
    /// The zone the pack shows times in: the reader's local zone (`Zone::Local`);
    /// a fixed one for reproducible output. Files keep UTC.
    pub zone: Zone,
}

/// What is printed on every page: whose pack, when, from which commit, and who
/// holds printed copies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub organisation: String,
    pub generated_at: Timestamp,
    /// The zone every time in the pack is shown in.
    pub zone: Zone,
    pub commit: Option<String>,
    pub uncommitted_changes: bool,
    pub printed_copies: String,
}

/// Reads the workbook folder's git commit and whether it has uncommitted changes
/// (runs `git`; None when not a repository or git is missing).
pub fn stamp(root: &Path, workbook: &Workbook, now: Timestamp, zone: Zone) -> Stamp {
    Stamp {
        organisation: workbook.manifest.organisation.name.clone(),
        generated_at: now,
        zone,
        commit: git::commit(root),
        uncommitted_changes: git::has_uncommitted_changes(root),
        printed_copies: workbook.manifest.printed_copies.clone(),
    }
}

/// Pure renderers (no I/O): the same content in both formats.
pub fn html(
    workbook: &Workbook,
    findings: &[Finding],
    stamp: &Stamp,
    today: Date,
    card_only: bool,
    redact: bool,
) -> String {
    html::render(&pack::build(
        workbook,
        findings,
        stamp,
        today,
        pack::Shape::of(card_only, false),
        redact,
    ))
}

/// The pack as Markdown; see [`html()`].
pub fn markdown(
    workbook: &Workbook,
    findings: &[Finding],
    stamp: &Stamp,
    today: Date,
    card_only: bool,
    redact: bool,
) -> String {
    markdown::render(&pack::build(
        workbook,
        findings,
        stamp,
        today,
        pack::Shape::of(card_only, false),
        redact,
    ))
}

/// One CSV file per register: `(file name, content)`.
pub fn csv_files(workbook: &Workbook, redact: bool) -> Vec<(String, String)> {
    spreadsheet::files(workbook, redact)
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the emergency card is a page, not a register: export it as html or md, not csv")]
    CardAsCsv,
    #[error("the CSV export is a folder of files, one per register; -o - needs html or md")]
    CsvToOneStream,
    #[error(
        "{0} looks like a workbook file; the export never writes over one (choose another output)"
    )]
    WorkbookFile(PathBuf),
    #[error("{0} is a file, but CSV export writes a folder of files there")]
    NotAFolder(PathBuf),
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    #[error(
        "{0} did not load, so the pack would be incomplete; repair it (`paraat check` says where), or make the emergency card alone with --card"
    )]
    Incomplete(String),
    #[error(
        "contacts.ron did not load, so there is no call order to put on the emergency card; use the last printed card, and repair contacts.ron (`paraat check` says where)"
    )]
    NoContacts,
    #[error("{path}: could not be written: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Writes the export (atomically) and returns the files written.
///
/// Files that hold private details (anything not redacted) are created readable
/// by their owner only.
pub fn write(
    workbook: &Workbook,
    root: &Path,
    today: Date,
    now: Timestamp,
    options: &ExportOptions,
) -> Result<Vec<PathBuf>, ExportError> {
    write_partial(workbook, &[], root, today, now, options)
}

/// [`write`] for a workbook of which the files `missing` did not load. Only the
/// emergency card can be made from it, and only when `contacts.ron` loaded (the
/// card is the call order); it then says at the top which files are missing.
pub fn write_partial(
    workbook: &Workbook,
    missing: &[String],
    root: &Path,
    today: Date,
    now: Timestamp,
    options: &ExportOptions,
) -> Result<Vec<PathBuf>, ExportError> {
    check_missing(missing, options)?;
    let private = !options.redact;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    match options.format {
        ExportFormat::Csv => {
            if options.card_only {
                return Err(ExportError::CardAsCsv);
            }
            let dir = &options.output;
            if dir.exists() && !dir.is_dir() {
                return Err(ExportError::NotAFolder(dir.clone()));
            }
            fs::create_dir_all(dir).map_err(io(dir))?;
            let mut written = Vec::new();
            for (name, content) in csv_files(workbook, options.redact) {
                let path = dir.join(name);
                write_atomic(&path, content.as_bytes(), private).map_err(io(&path))?;
                written.push(path);
            }
            Ok(written)
        }
        ExportFormat::Html | ExportFormat::Markdown => {
            let mut path = options.output.clone();
            if path.is_relative() {
                // A bare file name has no folder to write the temporary file in.
                let here = std::env::current_dir().map_err(io(&path))?;
                path = here.join(path);
            }
            if path.is_dir() {
                path = path.join(options.format.default_output(options.card_only));
            }
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            {
                return Err(ExportError::WorkbookFile(path));
            }
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
                && !parent.is_dir()
            {
                return Err(ExportError::NoFolder(parent.to_path_buf()));
            }
            let text = render_partial(workbook, missing, root, today, now, options)?;
            write_atomic(&path, text.as_bytes(), private).map_err(io(&path))?;
            Ok(vec![path])
        }
    }
}

/// Only the emergency card is made when registers did not load (never without
/// the contacts).
fn check_missing(missing: &[String], options: &ExportOptions) -> Result<(), ExportError> {
    if missing.is_empty() {
        return Ok(());
    }
    if missing.iter().any(|f| f == crate::store::layout::CONTACTS) {
        return Err(ExportError::NoContacts);
    }
    if !options.card_only || options.format == ExportFormat::Csv {
        return Err(ExportError::Incomplete(missing.join(", ")));
    }
    Ok(())
}

/// The offline pack or the emergency card as text (HTML or Markdown), as
/// [`write_partial`] would write it: for `paraat export -o -`.
pub fn render_partial(
    workbook: &Workbook,
    missing: &[String],
    root: &Path,
    today: Date,
    now: Timestamp,
    options: &ExportOptions,
) -> Result<String, ExportError> {
    check_missing(missing, options)?;
    if options.format == ExportFormat::Csv {
        return Err(ExportError::CsvToOneStream);
    }
    let findings = review::review(workbook, today);
    let stamp = stamp(root, workbook, now, options.zone);
    let mut document = pack::build(
        workbook,
        &findings,
        &stamp,
        today,
        pack::Shape::of(options.card_only, options.two_pages),
        options.redact,
    );
    if !missing.is_empty() {
        let w = words::words(workbook.language());
        let said = fill(w.incomplete(), &[&missing.join(", ")]);
        document.notice_text = format!("{said} {}", document.notice_text);
    }
    Ok(if options.format == ExportFormat::Html {
        html::render(&document)
    } else {
        markdown::render(&document)
    })
}

/// Whether `path` (an export just written) would be taken into git by `git add`
/// in the folder it is in. `None` when it is not in a repository.
pub fn would_be_committed(path: &Path) -> Option<bool> {
    git::would_be_committed(path)
}
