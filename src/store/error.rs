//! What can go wrong reading or writing a workbook, in words that name the place.

use std::fmt;
use std::path::PathBuf;

use crate::model::Language;
use crate::model::bilingual::say;

/// One file that could not be read as a workbook file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    Missing {
        file: String,
    },
    NotAFile {
        file: String,
    },
    /// A file where a folder should be (`incidents`).
    NotAFolder {
        file: String,
    },
    /// A link whose target is outside the workbook folder (or nowhere).
    Link {
        file: String,
        target: String,
    },
    /// A FIFO, a device or a socket: never opened for reading.
    Special {
        file: String,
        kind: &'static str,
    },
    TooLarge {
        file: String,
        limit: u64,
    },
    /// `private/` is a link or a file, or a private file is a link: personal
    /// details could end up in a folder git tracks.
    PrivateNotReal {
        file: String,
    },
    /// A RON `#![enable(...)]` header: the files are plain RON, no extensions.
    Extension {
        file: String,
        line: usize,
        col: usize,
        source_line: String,
    },
    Unreadable {
        file: String,
        reason: String,
    },
    NotUtf8 {
        file: String,
        line: usize,
        col: usize,
    },
    Empty {
        file: String,
    },
    MergeConflict {
        file: String,
        line: usize,
        source_line: String,
    },
    /// Malformed RON, a wrong type, a missing or unknown field.
    Syntax {
        file: String,
        line: usize,
        col: usize,
        message: String,
        source_line: String,
    },
    /// The file is well formed but its content breaks a rule of the layout.
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
    NewerFormat {
        file: String,
        found: u32,
        supported: u32,
    },
}

impl FileError {
    pub fn file(&self) -> &str {
        match self {
            FileError::Missing { file }
            | FileError::NotAFile { file }
            | FileError::NotAFolder { file }
            | FileError::Link { file, .. }
            | FileError::Special { file, .. }
            | FileError::TooLarge { file, .. }
            | FileError::PrivateNotReal { file }
            | FileError::Extension { file, .. }
            | FileError::Unreadable { file, .. }
            | FileError::NotUtf8 { file, .. }
            | FileError::Empty { file }
            | FileError::MergeConflict { file, .. }
            | FileError::Syntax { file, .. }
            | FileError::Invalid { file, .. }
            | FileError::NewerFormat { file, .. } => file,
        }
    }

    /// The same error about another name (a file named on the command line).
    pub fn with_file(mut self, name: &str) -> FileError {
        match &mut self {
            FileError::Missing { file }
            | FileError::NotAFile { file }
            | FileError::NotAFolder { file }
            | FileError::Link { file, .. }
            | FileError::Special { file, .. }
            | FileError::TooLarge { file, .. }
            | FileError::PrivateNotReal { file }
            | FileError::Extension { file, .. }
            | FileError::Unreadable { file, .. }
            | FileError::NotUtf8 { file, .. }
            | FileError::Empty { file }
            | FileError::MergeConflict { file, .. }
            | FileError::Syntax { file, .. }
            | FileError::Invalid { file, .. }
            | FileError::NewerFormat { file, .. } => *file = name.to_owned(),
        }
        self
    }

    /// The line the error is on, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            FileError::Extension { line, .. }
            | FileError::NotUtf8 { line, .. }
            | FileError::MergeConflict { line, .. }
            | FileError::Syntax { line, .. }
            | FileError::Invalid { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// Where the error is, for naming it in a sentence: `risks.ron:41`, or the
    /// file alone when the error has no line.
    pub fn place(&self) -> String {
        match self.line() {
            Some(line) => format!("{}:{line}", self.file()),
            None => self.file().to_owned(),
        }
    }
}

impl FileError {
    /// The error in `lang`, with the place (file:line:col, the source line and
    /// a caret under the column) as in every language. `Display` is the English.
    ///
    /// A RON syntax message and a rule's message (`Syntax`, `Invalid`) and the
    /// system's reason (`Unreadable`) are quoted as they came.
    pub fn message(&self, lang: Language) -> String {
        let mut text = match self {
            FileError::Missing { file } => say!(
                lang,
                "{file}: the file is missing (every workbook has it; `paraat init` creates a complete workbook)",
                "{file}: het bestand ontbreekt (elk werkboek heeft het; `paraat init` maakt een volledig werkboek)",
            ),
            FileError::NotAFile { file } => say!(
                lang,
                "{file}: this is a folder, but a file should be here",
                "{file}: dit is een map, maar hier hoort een bestand",
            ),
            FileError::NotAFolder { file } => say!(
                lang,
                "{file}: this is a file, but a folder should be here",
                "{file}: dit is een bestand, maar hier hoort een map",
            ),
            FileError::Link { file, target } => say!(
                lang,
                "{file}: this is a link to {target}, outside the workbook folder; paraat reads only the workbook's own files (put the file itself here)",
                "{file}: dit is een link naar {target}, buiten de werkboekmap; paraat leest alleen de eigen bestanden van het werkboek (zet het bestand zelf hier)",
            ),
            FileError::Special { file, kind } => {
                let kind = special_kind(kind, lang);
                say!(
                    lang,
                    "{file}: this is {kind}, not a regular file; paraat reads only regular files, so it was not opened",
                    "{file}: dit is {kind}, geen gewoon bestand; paraat leest alleen gewone bestanden, dus het is niet geopend",
                )
            }
            FileError::TooLarge { file, limit } => {
                let mib = limit / (1024 * 1024);
                say!(
                    lang,
                    "{file}: the file is larger than {mib} MiB, the most a workbook file may be; it was not read (is it really a workbook file?)",
                    "{file}: het bestand is groter dan {mib} MiB, het meeste dat een werkboekbestand mag zijn; het is niet gelezen (is het echt een werkboekbestand?)",
                )
            }
            FileError::PrivateNotReal { file } => say!(
                lang,
                "{file}: private/ must be a real folder inside the workbook, and the files in it real files (not links), so that .gitignore keeps personal details out of git; replace the link with the folder or file itself",
                "{file}: private/ moet een echte map in het werkboek zijn, en de bestanden erin echte bestanden (geen links), zodat .gitignore persoonsgegevens buiten git houdt; vervang de link door de map of het bestand zelf",
            ),
            FileError::Extension {
                file, line, col, ..
            } => say!(
                lang,
                "{file}:{line}:{col}: RON extensions (`#![enable(...)]`) are not allowed in workbook files; remove the line and write the values in full",
                "{file}:{line}:{col}: RON-extensies (`#![enable(...)]`) zijn niet toegestaan in werkboekbestanden; haal de regel weg en schrijf de waarden voluit",
            ),
            FileError::Unreadable { file, reason } => say!(
                lang,
                "{file}: cannot be read: {reason}",
                "{file}: kan niet gelezen worden: {reason}",
            ),
            FileError::NotUtf8 { file, line, col } => say!(
                lang,
                "{file}:{line}:{col}: the file is not UTF-8 text (was it saved in another encoding?)",
                "{file}:{line}:{col}: het bestand is geen UTF-8-tekst (is het in een andere codering opgeslagen?)",
            ),
            FileError::Empty { file } => say!(
                lang,
                "{file}: the file is empty (restore it from git, or run `paraat init` in a new folder to see what belongs in it)",
                "{file}: het bestand is leeg (zet het terug uit git, of draai `paraat init` in een nieuwe map om te zien wat erin hoort)",
            ),
            FileError::MergeConflict { file, line, .. } => say!(
                lang,
                "{file}:{line}: unresolved git merge conflict: the file still holds conflict markers; edit it to keep the right version, then commit",
                "{file}:{line}: onopgelost samenvoegconflict in git: het bestand bevat nog conflictmarkeringen; bewerk het zodat de juiste versie overblijft en commit dan",
            ),
            FileError::Syntax {
                file,
                line,
                col,
                message,
                ..
            } => format!("{file}:{line}:{col}: {message}"),
            FileError::Invalid {
                file,
                line,
                message,
            } => format!("{file}:{line}: {message}"),
            FileError::NewerFormat {
                file,
                found,
                supported,
            } => say!(
                lang,
                "{file}: this workbook uses format {found}, but this paraat understands format {supported} at most; update paraat to open it",
                "{file}: dit werkboek gebruikt formaat {found}, maar deze paraat begrijpt hooguit formaat {supported}; werk paraat bij om het te openen",
            ),
        };
        match self {
            FileError::Extension {
                line,
                col,
                source_line,
                ..
            }
            | FileError::Syntax {
                line,
                col,
                source_line,
                ..
            } => write_source(&mut text, *line, Some(*col), source_line),
            FileError::MergeConflict {
                line, source_line, ..
            } => write_source(&mut text, *line, None, source_line),
            _ => {}
        }
        text
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

/// What a special file is (as `store::disk` names it in English), in `lang`.
fn special_kind(kind: &str, lang: Language) -> &str {
    match (lang, kind) {
        (Language::En, _) => kind,
        (Language::Nl, "a named pipe (FIFO)") => "een named pipe (FIFO)",
        (Language::Nl, "a device") => "een apparaat",
        (Language::Nl, "a socket") => "een socket",
        (Language::Nl, "a link") => "een link",
        (Language::Nl, _) => "een bijzonder bestand",
    }
}

/// Shows the offending line under the message, with a caret under the column.
fn write_source(text: &mut String, line: usize, col: Option<usize>, source: &str) {
    use std::fmt::Write;
    let shown = crate::sanitize::sanitize_line(source);
    let number = line.to_string();
    let _ = write!(text, "\n {number} | {shown}");
    if let Some(col) = col {
        let pad: String = shown
            .chars()
            .take(col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = write!(text, "\n {} | {pad}^", " ".repeat(number.len()));
    }
}

/// The workbook could not be loaded: every file that failed, not just the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub root: PathBuf,
    pub files: Vec<FileError>,
    /// The workbook's language, when its manifest said (else English): the
    /// language [`LoadError::message`] speaks to the person.
    pub language: Language,
}

impl LoadError {
    /// Every failed file's error under one heading, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        let n = self.files.len();
        let root = self.root.display();
        let problems = crate::model::bilingual::counted(
            lang,
            n,
            ("problem", "problems"),
            ("probleem", "problemen"),
        );
        let mut text = say!(
            lang,
            "the workbook in {root} could not be loaded ({problems}):",
            "het werkboek in {root} kon niet geladen worden ({problems}):",
        );
        for error in &self.files {
            text.push_str("\n\n");
            text.push_str(&error.message(lang));
        }
        text
    }

    /// The message in the workbook's own language.
    pub fn in_its_language(&self) -> String {
        self.message(self.language)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for LoadError {}

/// Why a save did not happen, or did not finish.
#[derive(Debug)]
pub enum SaveError {
    /// Someone changed these files since they were read (git pull, an editor).
    /// Nothing was written.
    Conflict(Vec<Conflict>),
    /// Someone's change to `conflict.file` landed while the save ran; it was kept,
    /// and the files before it were saved.
    ConflictAfter {
        written: Vec<String>,
        conflict: Conflict,
    },
    ReadOnly(String),
    /// A file could not be written; nothing was changed (no file was replaced).
    Io {
        file: String,
        source: std::io::Error,
    },
    /// Replacing a file failed after others had been replaced.
    Partly {
        written: Vec<String>,
        failed: String,
        not_written: Vec<String>,
        source: std::io::Error,
    },
    /// A file of the workbook is not one paraat writes (a link out of the
    /// workbook, a FIFO); nothing was changed.
    Refused(FileError),
    Render {
        file: String,
        message: String,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::Io { source, .. } | SaveError::Partly { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl SaveError {
    /// The error in `lang`; `Display` is the English. The system's reason (an
    /// I/O error) is quoted as it came.
    pub fn message(&self, lang: Language) -> String {
        match self {
            SaveError::Conflict(conflicts) => {
                let names = conflict_names(conflicts);
                say!(
                    lang,
                    "{names} changed on disk since it was read; nothing was saved",
                    "{names} is op schijf gewijzigd sinds het gelezen is; er is niets opgeslagen",
                )
            }
            SaveError::ConflictAfter { written, conflict } => {
                let (file, saved) = (&conflict.file, written.join(", "));
                say!(
                    lang,
                    "{file} changed on disk while saving and was left as it is; saved: {saved}; not saved: the rest",
                    "{file} is tijdens het opslaan op schijf gewijzigd en gelaten zoals het was; opgeslagen: {saved}; niet opgeslagen: de rest",
                )
            }
            SaveError::ReadOnly(why) => say!(
                lang,
                "the workbook is open read-only: {why}",
                "het werkboek is alleen-lezen geopend: {why}",
            ),
            SaveError::Io { file, source } => say!(
                lang,
                "{file}: could not be written: {source}; nothing was changed",
                "{file}: kon niet geschreven worden: {source}; er is niets veranderd",
            ),
            SaveError::Partly {
                written,
                failed,
                not_written,
                source,
            } => {
                let (saved, not) = (written.join(", "), not_saved(failed, not_written));
                say!(
                    lang,
                    "{failed}: could not be written: {source}; saved: {saved}; not saved: {not}",
                    "{failed}: kon niet geschreven worden: {source}; opgeslagen: {saved}; niet opgeslagen: {not}",
                )
            }
            SaveError::Refused(error) => {
                let error = error.message(lang);
                say!(
                    lang,
                    "{error}; nothing was changed",
                    "{error}; er is niets veranderd",
                )
            }
            SaveError::Render { file, message } => say!(
                lang,
                "{file}: could not be written: {message}",
                "{file}: kon niet geschreven worden: {message}",
            ),
        }
    }

    /// The files whose conflict the person has to resolve.
    pub fn conflicts(&self) -> Option<Vec<Conflict>> {
        match self {
            SaveError::Conflict(conflicts) => Some(conflicts.clone()),
            SaveError::ConflictAfter { conflict, .. } => Some(vec![conflict.clone()]),
            _ => None,
        }
    }
}

fn not_saved(failed: &str, rest: &[String]) -> String {
    std::iter::once(failed)
        .chain(rest.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(", ")
}

fn conflict_names(conflicts: &[Conflict]) -> String {
    conflicts
        .iter()
        .map(|c| c.file.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One file whose disk content is not what the store last read or wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Path relative to the workbook folder.
    pub file: String,
    /// What is on disk now (`None` when the file was deleted).
    pub on_disk: Option<String>,
    /// What saving would write.
    pub ours: String,
}

/// Another paraat holds the workbook.
#[derive(Debug)]
pub enum LockError {
    /// With the process that holds it, when the lock file says.
    Held(Option<u32>),
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl LockError {
    /// The error in `lang`; `Display` is the English.
    pub fn message(&self, lang: Language) -> String {
        match self {
            LockError::Held(Some(process)) => say!(
                lang,
                "the workbook is opened elsewhere (by process {process}); close it there first",
                "het werkboek is elders geopend (door proces {process}); sluit het daar eerst",
            ),
            LockError::Held(None) => say!(
                lang,
                "the workbook is opened elsewhere; close it there first",
                "het werkboek is elders geopend; sluit het daar eerst",
            ),
            LockError::Io { path, source } => say!(
                lang,
                "cannot create the lock file {path}: {source}",
                "kan het vergrendelbestand {path} niet aanmaken: {source}",
            ),
        }
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LockError::Io { source, .. } => Some(source),
            LockError::Held(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every variant, each with values that show in its message.
    fn every_file_error() -> Vec<FileError> {
        let file = "risks.ron".to_owned();
        let source_line = "    likelihood: Seldom,".to_owned();
        let all = vec![
            FileError::Missing { file: file.clone() },
            FileError::NotAFile { file: file.clone() },
            FileError::NotAFolder { file: file.clone() },
            FileError::Link {
                file: file.clone(),
                target: "/etc/passwd".into(),
            },
            FileError::Special {
                file: file.clone(),
                kind: "a named pipe (FIFO)",
            },
            FileError::TooLarge {
                file: file.clone(),
                limit: 64 * 1024 * 1024,
            },
            FileError::PrivateNotReal { file: file.clone() },
            FileError::Extension {
                file: file.clone(),
                line: 41,
                col: 7,
                source_line: source_line.clone(),
            },
            FileError::Unreadable {
                file: file.clone(),
                reason: "permission denied".into(),
            },
            FileError::NotUtf8 {
                file: file.clone(),
                line: 41,
                col: 7,
            },
            FileError::Empty { file: file.clone() },
            FileError::MergeConflict {
                file: file.clone(),
                line: 41,
                source_line: "<<<<<<< HEAD".into(),
            },
            FileError::Syntax {
                file: file.clone(),
                line: 41,
                col: 7,
                message: "expected `)`".into(),
                source_line,
            },
            FileError::Invalid {
                file: file.clone(),
                line: 41,
                message: "R-007 appears twice".into(),
            },
            FileError::NewerFormat {
                file,
                found: 9,
                supported: 3,
            },
        ];
        // A new variant must be added here (this match fails to compile if not).
        for error in &all {
            match error {
                FileError::Missing { .. }
                | FileError::NotAFile { .. }
                | FileError::NotAFolder { .. }
                | FileError::Link { .. }
                | FileError::Special { .. }
                | FileError::TooLarge { .. }
                | FileError::PrivateNotReal { .. }
                | FileError::Extension { .. }
                | FileError::Unreadable { .. }
                | FileError::NotUtf8 { .. }
                | FileError::Empty { .. }
                | FileError::MergeConflict { .. }
                | FileError::Syntax { .. }
                | FileError::Invalid { .. }
                | FileError::NewerFormat { .. } => {}
            }
        }
        all
    }

    /// The values a message must show, whatever its language.
    fn values(error: &FileError) -> Vec<String> {
        let mut values = vec![error.place()];
        match error {
            FileError::Link { target, .. } => values.push(target.clone()),
            FileError::TooLarge { .. } => values.push("64 MiB".into()),
            FileError::Unreadable { reason, .. } => values.push(reason.clone()),
            FileError::Extension { col, .. }
            | FileError::NotUtf8 { col, .. }
            | FileError::Syntax { col, .. } => values.push(format!("{}:{col}", error.place())),
            FileError::NewerFormat {
                found, supported, ..
            } => values.extend([format!(" {found}"), format!(" {supported}")]),
            _ => {}
        }
        if let FileError::Syntax { message, .. } | FileError::Invalid { message, .. } = error {
            values.push(message.clone());
        }
        if let FileError::Extension { source_line, .. }
        | FileError::Syntax { source_line, .. }
        | FileError::MergeConflict { source_line, .. } = error
        {
            values.push(format!(" 41 | {source_line}"));
        }
        values
    }

    #[test]
    fn every_file_error_speaks_dutch_with_the_same_values_and_display_stays_english() {
        for error in every_file_error() {
            let en = error.message(Language::En);
            let nl = error.message(Language::Nl);
            assert_eq!(error.to_string(), en);
            for value in values(&error) {
                assert!(en.contains(&value), "{value:?} not in {en}");
                assert!(nl.contains(&value), "{value:?} not in {nl}");
            }
            // The place part is the same; the words differ (a RON message and a
            // rule's message are quoted as they came).
            assert_eq!(
                en.lines().skip(1).collect::<Vec<_>>(),
                nl.lines().skip(1).collect::<Vec<_>>()
            );
            if !matches!(error, FileError::Syntax { .. } | FileError::Invalid { .. }) {
                assert_ne!(en, nl, "{en}");
            }
        }
    }

    #[test]
    fn a_load_error_speaks_the_workbook_language_and_counts_its_problems() {
        let one = LoadError {
            root: PathBuf::from("/tmp/wb"),
            files: vec![FileError::Empty {
                file: "risks.ron".into(),
            }],
            language: Language::Nl,
        };
        assert!(one.to_string().starts_with(
            "the workbook in /tmp/wb could not be loaded (1 problem):\n\nrisks.ron: the file is empty"
        ));
        let nl = one.in_its_language();
        assert!(
            nl.starts_with(
                "het werkboek in /tmp/wb kon niet geladen worden (1 probleem):\n\nrisks.ron: het bestand is leeg"
            ),
            "{nl}"
        );
        let two = LoadError {
            files: [one.files.clone(), one.files.clone()].concat(),
            ..one
        };
        assert!(two.in_its_language().contains("(2 problemen)"));
    }

    #[test]
    fn save_and_lock_errors_speak_dutch_with_the_same_values() {
        let saves = [
            SaveError::Partly {
                written: vec!["contacts.ron".into()],
                failed: "private/contacts.ron".into(),
                not_written: vec!["incidents/x.ron".into()],
                source: std::io::Error::other("no space left on device"),
            },
            SaveError::Refused(FileError::Link {
                file: "risks.ron".into(),
                target: "/etc".into(),
            }),
            SaveError::ReadOnly("elders geopend".into()),
        ];
        for error in &saves {
            let (en, nl) = (error.message(Language::En), error.message(Language::Nl));
            assert_eq!(error.to_string(), en);
            assert_ne!(en, nl);
        }
        assert!(saves[0].message(Language::Nl).contains(
            "private/contacts.ron: kon niet geschreven worden: no space left on device; opgeslagen: contacts.ron; niet opgeslagen: private/contacts.ron, incidents/x.ron"
        ));
        assert!(
            saves[1]
                .message(Language::Nl)
                .contains("buiten de werkboekmap")
        );
        let held = LockError::Held(Some(42));
        assert_eq!(
            held.to_string(),
            "the workbook is opened elsewhere (by process 42); close it there first"
        );
        assert!(held.message(Language::Nl).contains("door proces 42"));
    }

    #[test]
    fn a_save_that_stopped_midway_names_what_was_saved_and_what_was_not() {
        let error = SaveError::Partly {
            written: vec!["contacts.ron".into()],
            failed: "private/contacts.ron".into(),
            not_written: vec!["incidents/x.ron".into()],
            source: std::io::Error::other("no space left on device"),
        };
        assert_eq!(
            error.to_string(),
            "private/contacts.ron: could not be written: no space left on device; saved: contacts.ron; not saved: private/contacts.ron, incidents/x.ron"
        );
        let error = SaveError::Io {
            file: "risks.ron".into(),
            source: std::io::Error::other("no space left on device"),
        };
        assert!(error.to_string().ends_with("nothing was changed"));
    }
}
