//! Reading the share files `paraat sector` rolls up: one file, a folder of them,
//! or a workbook folder summarised on the spot. Everything is read through
//! `store::outside` (regular files only, size caps, strict parsing with places).

use std::path::{Path, PathBuf};

use super::share::{ShareFile, peek, summary};
use crate::model::{Date, SupplierCatalogue};
use crate::review;
use crate::store::{FileError, Store, format, layout, outside};

/// A path as shown in messages: relative to the current folder where that is shorter.
fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|here| path.strip_prefix(here).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Reads one share file: schema and version first (so another kind of file, or a
/// newer one, gets its own message), then strictly, then every value checked
/// against what a share file can hold.
pub fn read_share(path: &Path) -> Result<ShareFile, FileError> {
    let shown = shown(path);
    let bytes = outside::read_regular(path, &shown, outside::MAX_SHARE_BYTES)?;
    let text = format::check_text(&shown, &bytes)?;
    let value: serde_json::Value = outside::parse_json(&shown, text)?;
    let invalid = |message: String| FileError::Invalid {
        file: shown.clone(),
        line: 1,
        message,
    };
    peek(&value).map_err(|e| invalid(e.to_string()))?;
    let file: ShareFile = outside::parse_json(&shown, text)?;
    file.check().map_err(|e| invalid(e.to_string()))?;
    Ok(file)
}

/// What a set of paths held: the share files read, and a message for each file
/// that could not be read.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<ShareFile>,
    pub problems: Vec<String>,
}

/// Every share file the paths name. A workbook folder is summarised as of `today`.
pub fn collect(paths: &[PathBuf], today: Date, catalogue: &SupplierCatalogue) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        if path.join(layout::MANIFEST).is_file() {
            match Store::load(path) {
                Ok(loaded) => {
                    let findings = review::review(&loaded.workbook, today);
                    out.files
                        .push(summary(&loaded.workbook, &findings, today, catalogue));
                }
                Err(e) => out.problems.push(e.to_string()),
            }
        } else if path.is_dir() {
            match outside::files_in(path, ".json") {
                Ok(found) => {
                    for file in found {
                        match read_share(&file) {
                            Ok(share) => out.files.push(share),
                            Err(e) => out.problems.push(e.to_string()),
                        }
                    }
                }
                Err(e) => out.problems.push(format!("{}: {e}", shown(path))),
            }
        } else {
            match read_share(path) {
                Ok(share) => out.files.push(share),
                Err(e) => out.problems.push(e.to_string()),
            }
        }
    }
    out
}
