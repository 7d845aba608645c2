//! Starting content, embedded in the binary so `init` and `demo` work from an
//! installed `paraat` without the source tree.
//!
//! `data/templates/<lang>/` holds what a new workbook starts from: the shared
//! files every kind of organisation gets, and `kinds.ron` with what only some kinds
//! get (merged by `model::KindContent::apply`; see docs/templates.md).
//! `data/example/` is a complete fictional museum used by the demo and the tests.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::format;
use super::layout::*;
use super::{FileError, render_workbook};
use crate::model::pack::{PackInfo, PackItem, PackStep, TemplatePack};
use crate::model::{
    Backups, CATALOGUE_FILE, CATALOGUE_TEXT, Checklist, Contacts, ForKinds, KindContent, Language,
    Manifest, OrganisationKind, Plan, PrivateContacts, Processes, Risks, Scenario, SelfCheck,
    SupplierCatalogue, Workbook,
};

/// One embedded file: its path in the workbook and its text.
pub type EmbeddedFile = (&'static str, &'static str);

macro_rules! template {
    ($lang:literal) => {
        [
            (
                MANIFEST,
                include_str!(concat!("../../data/templates/", $lang, "/paraat.ron")),
            ),
            (
                CHECKLIST,
                include_str!(concat!("../../data/templates/", $lang, "/checklist.ron")),
            ),
            (
                SELFCHECK,
                include_str!(concat!("../../data/templates/", $lang, "/selfcheck.ron")),
            ),
            (
                PLAN,
                include_str!(concat!("../../data/templates/", $lang, "/plan.ron")),
            ),
            (
                RISKS,
                include_str!(concat!("../../data/templates/", $lang, "/risks.ron")),
            ),
            (
                PROCESSES,
                include_str!(concat!("../../data/templates/", $lang, "/processes.ron")),
            ),
            (
                CONTACTS,
                include_str!(concat!("../../data/templates/", $lang, "/contacts.ron")),
            ),
            (
                BACKUPS,
                include_str!(concat!("../../data/templates/", $lang, "/backups.ron")),
            ),
        ]
    };
}

const TEMPLATE_EN: [EmbeddedFile; 8] = template!("en");
const TEMPLATE_NL: [EmbeddedFile; 8] = template!("nl");

/// The tabletop scenarios of one language, by name (`scenarios/<name>.ron` in the
/// template folder).
macro_rules! scenarios {
    ($lang:literal: $($name:literal),+ $(,)?) => {
        [$(
            (
                $name,
                include_str!(concat!("../../data/templates/", $lang, "/scenarios/", $name, ".ron")),
            ),
        )+]
    };
}

const SCENARIOS_EN: [EmbeddedFile; 5] = scenarios!("en":
    "ransomware-supplier", "ransomware-network", "invoice-fraud", "climate-control", "front-desk");
const SCENARIOS_NL: [EmbeddedFile; 5] = scenarios!("nl":
    "ransomware-supplier", "ransomware-network", "invoice-fraud", "climate-control", "front-desk");

/// Where the content for some kinds of organisation only lives, per language.
pub const KINDS_FILE: &str = "kinds.ron";
const KINDS_EN: &str = include_str!("../../data/templates/en/kinds.ron");
const KINDS_NL: &str = include_str!("../../data/templates/nl/kinds.ron");

/// The text of `kinds.ron` in `lang`.
pub fn kinds_text(lang: Language) -> &'static str {
    match lang {
        Language::En => KINDS_EN,
        Language::Nl => KINDS_NL,
    }
}

/// The content for some kinds only, in `lang` (`data/templates/<lang>/kinds.ron`).
pub fn kind_content(lang: Language) -> Result<KindContent, FileError> {
    let file = format!("data/templates/{}/{KINDS_FILE}", lang.code());
    format::parse(
        &file,
        format::check_text(&file, kinds_text(lang).as_bytes())?,
    )
}

/// The built-in pack's id, version and retired ids (language-neutral).
pub const PACK_FILE: &str = "data/templates/pack.ron";
const PACK_INFO: &str = include_str!("../../data/templates/pack.ron");

fn parse_embedded<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, FileError> {
    format::parse(file, format::check_text(file, text.as_bytes())?)
}

/// The built-in supplier catalogue (language-neutral: names are names), read with
/// the same strict rules as every workbook file. The model embeds its text, so the
/// review can check links with `SupplierCatalogue::builtin` without the store.
pub fn catalogue() -> Result<SupplierCatalogue, FileError> {
    parse_embedded(CATALOGUE_FILE, CATALOGUE_TEXT)
}

fn every<T>(item: T) -> PackItem<T> {
    PackItem {
        kinds: Vec::new(),
        item,
    }
}

fn tagged<T>(entry: ForKinds<T>) -> PackItem<T> {
    PackItem {
        kinds: entry.kinds,
        item: entry.item,
    }
}

/// The built-in template pack of `lang`: the shared templates and `kinds.ron`,
/// with the id, version and retired ids of `data/templates/pack.ron`.
pub fn builtin_pack(lang: Language) -> Result<TemplatePack, FileError> {
    let info: PackInfo = parse_embedded(PACK_FILE, PACK_INFO)?;
    let shared = shared_workbook(lang)?;
    let kinds = kind_content(lang)?;
    let pack = TemplatePack {
        id: info.id,
        version: info.version,
        language: lang,
        title: String::new(),
        checklist: shared
            .checklist
            .items
            .into_iter()
            .map(every)
            .chain(kinds.checklist.into_iter().map(tagged))
            .collect(),
        selfcheck: shared
            .selfcheck
            .statements
            .into_iter()
            .map(every)
            .chain(kinds.selfcheck.into_iter().map(tagged))
            .collect(),
        steps: shared
            .plan
            .phases
            .iter()
            .flat_map(|phase| {
                phase.steps.iter().map(|step| PackStep {
                    kinds: Vec::new(),
                    phase: phase.number,
                    step: step.clone(),
                })
            })
            .chain(kinds.steps.into_iter().map(|e| PackStep {
                kinds: e.kinds,
                phase: e.phase,
                step: e.step,
            }))
            .collect(),
        first_hour: shared.plan.first_hour.into_iter().map(every).collect(),
        contacts: shared
            .contacts
            .contacts
            .into_iter()
            .map(every)
            .chain(kinds.contacts.into_iter().map(tagged))
            .collect(),
        retired: info.retired,
    };
    pack.prepare().map_err(|e| FileError::Unreadable {
        file: PACK_FILE.to_owned(),
        reason: e.to_string(),
    })
}

/// The built-in tabletop scenarios of `lang` as (name, text), in the order they are listed.
pub fn scenario_files(lang: Language) -> &'static [EmbeddedFile] {
    match lang {
        Language::En => &SCENARIOS_EN,
        Language::Nl => &SCENARIOS_NL,
    }
}

/// The built-in scenario `name` in `lang`, or `None` when there is none by that name.
pub fn scenario(lang: Language, name: &str) -> Result<Option<Scenario>, FileError> {
    scenario_files(lang)
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| {
            let file = format!("data/templates/{}/scenarios/{n}.ron", lang.code());
            format::parse(&file, format::check_text(&file, text.as_bytes())?)
        })
        .transpose()
}

/// Every built-in scenario of `lang`.
pub fn scenarios(lang: Language) -> Result<Vec<Scenario>, FileError> {
    scenario_files(lang)
        .iter()
        .filter_map(|(name, _)| scenario(lang, name).transpose())
        .collect()
}

/// The example museum, file by file (paths relative to the workbook folder).
pub const EXAMPLE: &[EmbeddedFile] = &[
    (MANIFEST, include_str!("../../data/example/paraat.ron")),
    (CHECKLIST, include_str!("../../data/example/checklist.ron")),
    (SELFCHECK, include_str!("../../data/example/selfcheck.ron")),
    (PLAN, include_str!("../../data/example/plan.ron")),
    (RISKS, include_str!("../../data/example/risks.ron")),
    (PROCESSES, include_str!("../../data/example/processes.ron")),
    (CONTACTS, include_str!("../../data/example/contacts.ron")),
    (BACKUPS, include_str!("../../data/example/backups.ron")),
    (
        PRIVATE_CONTACTS,
        include_str!("../../data/example/private/contacts.ron"),
    ),
    (
        "incidents/2025-06-12-tabletop-ransomware.ron",
        include_str!("../../data/example/incidents/2025-06-12-tabletop-ransomware.ron"),
    ),
];

/// The template files of `lang`.
pub fn template(lang: Language) -> &'static [EmbeddedFile] {
    match lang {
        Language::En => &TEMPLATE_EN,
        Language::Nl => &TEMPLATE_NL,
    }
}

fn text_of(files: &[EmbeddedFile], name: &str) -> &'static str {
    files
        .iter()
        .find(|(path, _)| *path == name)
        .map_or("", |(_, text)| text)
}

fn parse<T: serde::de::DeserializeOwned>(
    files: &[EmbeddedFile],
    name: &str,
) -> Result<T, FileError> {
    let text = format::check_text(name, text_of(files, name).as_bytes())?;
    format::parse(name, text)
}

/// The manifest of the template of `lang` with no organisation: what a workbook
/// whose own manifest does not load is shown with.
pub fn blank_manifest(lang: Language) -> Result<Manifest, FileError> {
    let mut manifest: Manifest = parse(template(lang), MANIFEST)?;
    manifest.organisation.name = String::new();
    manifest.language = lang;
    Ok(manifest)
}

/// A new workbook from the template of `lang`, for the named organisation: the
/// shared files plus what `kind` gets on top of them.
pub fn new_workbook(
    lang: Language,
    organisation: &str,
    kind: OrganisationKind,
) -> Result<Workbook, FileError> {
    let mut workbook = shared_workbook(lang)?;
    workbook.manifest.organisation.name = organisation.to_owned();
    workbook.manifest.organisation.kind = kind;
    kind_content(lang)?
        .apply(kind, &mut workbook)
        .map_err(|e| FileError::Unreadable {
            file: format!("data/templates/{}/{KINDS_FILE}", lang.code()),
            reason: e.to_string(),
        })?;
    Ok(workbook)
}

/// The workbook of the shared template files of `lang` alone, as written.
pub fn shared_workbook(lang: Language) -> Result<Workbook, FileError> {
    let files = template(lang);
    let mut manifest: Manifest = parse(files, MANIFEST)?;
    manifest.language = lang;
    Ok(Workbook {
        manifest,
        checklist: parse::<Checklist>(files, CHECKLIST)?,
        selfcheck: parse::<SelfCheck>(files, SELFCHECK)?,
        plan: parse::<Plan>(files, PLAN)?,
        risks: parse::<Risks>(files, RISKS)?,
        processes: parse::<Processes>(files, PROCESSES)?,
        contacts: parse::<Contacts>(files, CONTACTS)?,
        backups: parse::<Backups>(files, BACKUPS)?,
        incidents: Vec::new(),
        private_orphans: Vec::new(),
        conflicts: Default::default(),
    })
}

/// Why `init` did not create a workbook.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} already holds a workbook (paraat.ron); nothing was changed")]
    AlreadyAWorkbook(PathBuf),
    #[error("{0} already has a file named {1}; nothing was changed (use an empty folder)")]
    WouldOverwrite(PathBuf, String),
    #[error("the built-in template is broken: {0}")]
    Template(FileError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Creates a complete workbook in `dir` (made if missing). Refuses to touch a
/// folder that already holds a workbook or any file it would write.
/// Returns the files created, relative to `dir`.
pub fn init(
    dir: &Path,
    lang: Language,
    organisation: &str,
    kind: OrganisationKind,
) -> Result<Vec<String>, InitError> {
    if dir.join(MANIFEST).exists() {
        return Err(InitError::AlreadyAWorkbook(dir.to_path_buf()));
    }
    let workbook = new_workbook(lang, organisation, kind).map_err(InitError::Template)?;
    let files = render_workbook(&workbook, false).map_err(|e| {
        InitError::Template(FileError::Unreadable {
            file: "template".into(),
            reason: e.to_string(),
        })
    })?;
    let extra = [
        (".gitignore", GITIGNORE),
        (".gitattributes", GITATTRIBUTES),
        ("incidents/.gitkeep", ""),
    ];
    for name in files
        .iter()
        .map(|f| f.path.as_str())
        .chain(extra.iter().map(|(n, _)| *n))
    {
        if dir.join(name).exists() {
            return Err(InitError::WouldOverwrite(
                dir.to_path_buf(),
                name.to_owned(),
            ));
        }
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InitError::Io { path, source }
    };
    for sub in [INCIDENTS_DIR, PRIVATE_DIR] {
        let path = dir.join(sub);
        fs::create_dir_all(&path).map_err(io(&path))?;
    }
    let mut created = Vec::new();
    for file in &files {
        let path = dir.join(&file.path);
        write_atomic(&path, file.text.as_bytes(), file.private).map_err(io(&path))?;
        created.push(file.path.clone());
    }
    for (name, text) in extra {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes(), false).map_err(io(&path))?;
        created.push(name.to_owned());
    }
    Ok(created)
}

/// Writes the example museum into `dir`, byte for byte as embedded.
pub fn write_example(dir: &Path) -> io::Result<()> {
    for (name, text) in EXAMPLE {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        write_atomic(&path, text.as_bytes(), name.starts_with(PRIVATE_DIR))?;
    }
    write_atomic(&dir.join(".gitignore"), GITIGNORE.as_bytes(), false)?;
    write_atomic(&dir.join(".gitattributes"), GITATTRIBUTES.as_bytes(), false)?;
    Ok(())
}

/// Parses every embedded example file on its own (used by tests and `demo`).
pub fn example_private() -> Result<PrivateContacts, FileError> {
    parse(EXAMPLE, PRIVATE_CONTACTS)
}
