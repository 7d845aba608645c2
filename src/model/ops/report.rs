//! The report details of an incident (what the data protection authority and the
//! insurer ask), typed as text: `paraat incident details costs="€ 4,500"
//! people=1200 encrypted=partly`. Each value is read by the kind of its field, so
//! the command line and the incident screen's form write the same values; the
//! incident writer sets them on the incident as it is on disk.
//!
//! Times are read in the zone the caller passes (the local zone for people).

use chrono::TimeZone;
use serde_json::{Map, Value, json};

use crate::model::bilingual::{pick, say};
use crate::model::fields::{Field, incident_report as f};
use crate::model::labels::Label;
use crate::model::*;

/// The field named `key` (as in the file, `-` for `_` allowed).
pub fn field(key: &str) -> Option<Field> {
    let key = key.trim().replace('-', "_");
    f::ALL.iter().copied().find(|field| field.path == key)
}

fn yes_no(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "ja" | "j" | "true" => Some(true),
        "no" | "n" | "nee" | "false" => Some(false),
        _ => None,
    }
}

/// The value an enum label or variant name stands for, in either language.
fn choose<E: Label + serde::Serialize + Copy>(all: &[E], text: &str) -> Option<Value> {
    let text = text.trim().to_lowercase();
    all.iter().find_map(|e| {
        let value = serde_json::to_value(e).ok()?;
        let name = value.as_str()?.to_lowercase();
        let matches = name == text
            || [Language::En, Language::Nl].iter().any(|l| {
                let label = e.label(*l).to_lowercase();
                label == text || (text.len() >= 4 && label.starts_with(&text))
            });
        matches.then_some(value)
    })
}

/// Reads `text` as the value of the report field `key`. An empty text clears it.
pub fn parse<Tz: TimeZone>(
    key: &str,
    text: &str,
    zone: &Tz,
    lang: Language,
) -> Result<(&'static str, Value), String> {
    let Some(field) = field(key) else {
        let key = key.trim();
        let known: Vec<String> = f::ALL.iter().map(|f| f.path.replace('_', "-")).collect();
        let known = known.join(", ");
        return Err(say!(
            lang,
            "there is no report detail \"{key}\"; they are: {known}",
            "er is geen verslaggegeven \"{key}\"; ze zijn: {known}"
        ));
    };
    let text = text.trim();
    let label = field.label(lang);
    let wrong = |expected: &str| {
        say!(
            lang,
            "{label}: \"{text}\" is not {expected}",
            "{label}: \"{text}\" is geen {expected}"
        )
    };
    let path = field.path;
    if text.is_empty() {
        let empty = match path {
            "nature" | "data_kinds" => json!([]),
            "breach_started" | "breach_ended" | "people" | "records" | "encrypted" | "abroad"
            | "notification" => Value::Null,
            _ => json!(""),
        };
        return Ok((path, empty));
    }
    let value = match path {
        "breach_started" | "breach_ended" => {
            let at = parse_moment_in(text, zone).map_err(|e| e.message(text, lang))?;
            json!(at.to_string())
        }
        "people" | "records" => {
            let n: u32 = text
                .replace(['.', ',', ' ', '_'], "")
                .parse()
                .map_err(|_| wrong(&say!(lang, "a whole number", "een heel getal")))?;
            json!(n)
        }
        "encrypted" => choose(&Encryption::ALL, text)
            .or_else(|| match yes_no(text) {
                Some(true) => Some(json!("Yes")),
                Some(false) => Some(json!("No")),
                None => ["partly", "deels"]
                    .contains(&text.to_lowercase().as_str())
                    .then(|| json!("Partly")),
            })
            .ok_or_else(|| wrong(&say!(lang, "yes, partly or no", "ja, deels of nee")))?,
        "abroad" => {
            json!(yes_no(text).ok_or_else(|| wrong(&say!(lang, "yes or no", "ja of nee")))?)
        }
        "notification" => {
            let lower = text.to_lowercase();
            if ["first", "eerste"].contains(&lower.as_str()) {
                json!("First")
            } else if let Some(rest) = ["vervolgmelding", "follow-up", "followup", "vervolg"]
                .iter()
                .find(|w| lower.starts_with(*w))
                .and_then(|w| text.get(w.len()..))
            {
                json!({ "FollowUp": rest.trim_start_matches([':', ' ']).trim() })
            } else {
                return Err(wrong(&say!(
                    lang,
                    "first, or follow-up: REFERENCE",
                    "eerste, of vervolgmelding: KENMERK"
                )));
            }
        }
        "nature" | "data_kinds" => {
            let mut values = Vec::new();
            for part in text
                .split([',', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let value = if path == "nature" {
                    choose(&BreachNature::ALL, part)
                } else {
                    choose(&PersonalDataKind::ALL, part)
                };
                let value = value.ok_or_else(|| {
                    let choices: Vec<String> = if path == "nature" {
                        BreachNature::ALL
                            .iter()
                            .map(|e| e.label(lang).to_owned())
                            .collect()
                    } else {
                        PersonalDataKind::ALL
                            .iter()
                            .map(|e| e.label(lang).to_owned())
                            .collect()
                    };
                    let choices = choices.join(", ");
                    say!(
                        lang,
                        "{label}: \"{part}\" is not one of: {choices}",
                        "{label}: \"{part}\" is niet een van: {choices}"
                    )
                })?;
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            Value::Array(values)
        }
        _ => json!(text),
    };
    Ok((path, value))
}

/// The value of `field` in `report` as words, the way [`parse`] reads it back
/// (so a form can start from it); empty when it is not known. `time` writes a
/// moment (the local time for people).
pub fn text(
    report: &IncidentReport,
    field: Field,
    lang: Language,
    time: &dyn Fn(Timestamp) -> String,
) -> String {
    let yes_no = |b: bool| {
        let (en, nl) = if b { ("yes", "ja") } else { ("no", "nee") };
        pick(lang, en, nl).to_owned()
    };
    let labels = |items: Vec<&str>| items.join(", ");
    match field.path {
        "breach_started" => report.breach_started.map(time).unwrap_or_default(),
        "breach_ended" => report.breach_ended.map(time).unwrap_or_default(),
        "how_found" => report.how_found.clone(),
        "nature" => labels(report.nature.iter().map(|n| n.label(lang)).collect()),
        "data_kinds" => labels(report.data_kinds.iter().map(|k| k.label(lang)).collect()),
        "people" => report.people.map(|n| n.to_string()).unwrap_or_default(),
        "records" => report.records.map(|n| n.to_string()).unwrap_or_default(),
        "consequences" => report.consequences.clone(),
        "encrypted" => report
            .encrypted
            .map(|e| e.label(lang).to_owned())
            .unwrap_or_default(),
        "abroad" => report.abroad.map(yes_no).unwrap_or_default(),
        "notification" => match &report.notification {
            None => String::new(),
            Some(NotificationRound::First) => pick(lang, "first", "eerste").to_owned(),
            Some(NotificationRound::FollowUp(reference)) => {
                say!(
                    lang,
                    "follow-up: {reference}",
                    "vervolgmelding: {reference}"
                )
            }
        },
        "ransom" => report.ransom.clone(),
        "outside_help" => report.outside_help.clone(),
        "evidence" => report.evidence.clone(),
        "costs" => report.costs.clone(),
        _ => String::new(),
    }
}

/// Reads every field of `typed` (field name to text, as a form gives them) and
/// returns the fields that differ from `before`, as a patch for the incident
/// writer. The first text that does not read is refused with why.
pub fn typed_changes<Tz: TimeZone>(
    before: &IncidentReport,
    typed: &[(&str, String)],
    zone: &Tz,
    lang: Language,
) -> Result<Map<String, Value>, String> {
    let mut patch = Map::new();
    for (key, text) in typed {
        let (path, value) = parse(key, text, zone, lang)?;
        patch.insert(path.to_owned(), value);
    }
    let after = before.patched(&patch)?;
    Ok(changes(before, &after))
}

/// The log entry's words for a patch: "Report details set: Costs so far, …".
pub fn set_words(patch: &Map<String, Value>, lang: Language) -> String {
    let labels: Vec<&str> = fields_in(patch).iter().map(|f| f.label(lang)).collect();
    let labels = labels.join(", ");
    say!(
        lang,
        "Report details set: {labels}.",
        "Verslaggegevens vastgelegd: {labels}."
    )
}

/// The fields `patch` sets, in the order of the form, for the log entry.
pub fn fields_in(patch: &Map<String, Value>) -> Vec<Field> {
    f::ALL
        .iter()
        .copied()
        .filter(|field| patch.contains_key(field.path))
        .collect()
}

/// The fields of `after` that differ from `before`, as a patch (what a form
/// changed, so another writer's details to other fields are kept).
pub fn changes(before: &IncidentReport, after: &IncidentReport) -> Map<String, Value> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Map::new();
    };
    new.into_iter()
        .filter(|(k, v)| old.get(k) != Some(v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn value(key: &str, text: &str) -> Value {
        parse(key, text, &Utc, Language::En).unwrap().1
    }

    #[test]
    fn each_detail_is_read_by_its_kind_in_either_language() {
        assert_eq!(value("people", "1.200"), json!(1200));
        assert_eq!(value("encrypted", "deels"), json!("Partly"));
        assert_eq!(value("encrypted", "no"), json!("No"));
        assert_eq!(value("abroad", "ja"), json!(true));
        assert_eq!(value("notification", "first"), json!("First"));
        assert_eq!(
            value("notification", "follow-up: AP-2026-0042"),
            json!({"FollowUp": "AP-2026-0042"})
        );
        assert_eq!(
            value("nature", "copied, stolen"),
            json!(["Copied", "Stolen"])
        );
        assert_eq!(
            value("data-kinds", "e-mail addresses"),
            json!(["EmailAddresses"])
        );
        assert_eq!(
            value("breach_started", "2026-03-27 22:10"),
            json!("2026-03-27T22:10:00Z")
        );
        assert_eq!(value("costs", ""), json!(""));
        assert_eq!(value("people", ""), Value::Null);
    }

    #[test]
    fn a_wrong_value_or_key_says_why() {
        let e = parse("people", "many", &Utc, Language::En).unwrap_err();
        assert!(e.contains("whole number"), "{e}");
        let e = parse("colour", "red", &Utc, Language::Nl).unwrap_err();
        assert!(e.contains("verslaggegeven"), "{e}");
        let e = parse("nature", "sold", &Utc, Language::En).unwrap_err();
        assert!(e.contains("stolen"), "{e}");
    }

    #[test]
    fn what_a_form_starts_from_reads_back_the_same_in_either_language() {
        let report = IncidentReport {
            breach_started: Some(Timestamp::parse("2026-03-27T22:10:00Z").unwrap()),
            how_found: "a ransom note".into(),
            nature: vec![BreachNature::Deleted, BreachNature::Read],
            data_kinds: PersonalDataKind::ALL.to_vec(),
            people: Some(1200),
            encrypted: Some(Encryption::No),
            abroad: Some(false),
            notification: Some(NotificationRound::FollowUp("AP-2026-1".into())),
            costs: "€ 4,500".into(),
            ..Default::default()
        };
        let time = |t: Timestamp| t.0.format("%Y-%m-%d %H:%M").to_string();
        for lang in [Language::En, Language::Nl] {
            let typed: Vec<(&str, String)> = f::ALL
                .iter()
                .map(|field| (field.path, text(&report, *field, lang, &time)))
                .collect();
            let patch = typed_changes(&IncidentReport::default(), &typed, &Utc, lang).unwrap();
            let read = IncidentReport::default().patched(&patch).unwrap();
            assert_eq!(read, report, "{lang:?}: {typed:?}");
            // Read against itself, nothing changed.
            assert!(
                typed_changes(&report, &typed, &Utc, lang)
                    .unwrap()
                    .is_empty()
            );
        }
    }

    #[test]
    fn hostile_text_is_refused_or_kept_as_text_never_a_panic() {
        for text in [
            "\u{212A}follow-up",
            "vervolgmelding",
            "\u{1b}[31m",
            "9999999999999",
            "-1",
        ] {
            for field in f::ALL {
                let _ = parse(field.path, text, &Utc, Language::Nl);
            }
        }
        assert_eq!(
            value("notification", "Vervolgmelding: AP-7"),
            json!({"FollowUp": "AP-7"})
        );
    }

    #[test]
    fn a_patch_sets_only_its_fields() {
        let before = IncidentReport {
            costs: "€ 100".into(),
            ..Default::default()
        };
        let mut patch = Map::new();
        let (key, v) = parse("people", "40", &Utc, Language::En).unwrap();
        patch.insert(key.into(), v);
        let after = before.patched(&patch).unwrap();
        assert_eq!(after.people, Some(40));
        assert_eq!(after.costs, "€ 100");
        assert_eq!(
            changes(&before, &after).keys().collect::<Vec<_>>(),
            ["people"]
        );
    }
}
