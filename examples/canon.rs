//! Temporary content tool: parses each given workbook file by its name and
//! rewrites it in canonical form (what `paraat fmt` will do for a whole folder).
use paraat::model::*;
use paraat::store::format::{check_text, parse, render};
use std::process::ExitCode;

fn canon<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str, text: &str) -> Result<String, String> {
    let value: T = parse(name, text).map_err(|e| e.to_string())?;
    render(&value)
}

fn main() -> ExitCode {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let name = std::path::Path::new(&path).file_name().unwrap().to_string_lossy().to_string();
        let result = check_text(&path, &bytes).map_err(|e| e.to_string()).and_then(|text| {
            let in_private = path.contains("private/");
            match name.as_str() {
                "paraat.ron" => canon::<Manifest>(&path, text),
                "checklist.ron" => canon::<Checklist>(&path, text),
                "selfcheck.ron" => canon::<SelfCheck>(&path, text),
                "plan.ron" => canon::<Plan>(&path, text),
                "risks.ron" => canon::<Risks>(&path, text),
                "processes.ron" => canon::<Processes>(&path, text),
                "contacts.ron" if in_private => canon::<PrivateContacts>(&path, text),
                "contacts.ron" => canon::<Contacts>(&path, text),
                "backups.ron" => canon::<Backups>(&path, text),
                _ if path.contains("incidents/") => canon::<Incident>(&path, text),
                _ => Err(format!("{path}: unknown file name")),
            }
        });
        match result {
            Ok(text) => {
                if text.as_bytes() != bytes {
                    std::fs::write(&path, text).expect("write");
                    println!("{path}: rewritten canonically");
                } else {
                    println!("{path}: ok");
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("{e}");
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
