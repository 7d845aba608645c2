//! The tabletop scenarios shipped in the binary: they parse, are canonical, and
//! tell the same story in both languages.

use std::path::Path;

use paraat::model::Language;
use paraat::store::{format, templates};

const NAMES: [&str; 3] = ["ransomware-supplier", "invoice-fraud", "climate-control"];

#[test]
fn every_scenario_parses_and_is_in_canonical_form_in_both_languages() {
    let bless = std::env::var_os("PARAAT_BLESS").is_some();
    for lang in [Language::En, Language::Nl] {
        let files = templates::scenario_files(lang);
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, NAMES, "{lang:?}");
        for (name, text) in files {
            let scenario = templates::scenario(lang, name)
                .unwrap_or_else(|e| panic!("{e}"))
                .expect("listed");
            assert_eq!(scenario.name, *name, "the name matches the file name");
            let canonical = format::render(&scenario).unwrap();
            if bless && canonical != *text {
                let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
                    "data/templates/{}/scenarios/{name}.ron",
                    lang.code()
                ));
                std::fs::write(path, &canonical).unwrap();
                continue;
            }
            assert_eq!(
                canonical,
                *text,
                "{}/scenarios/{name}.ron is not canonical (PARAAT_BLESS=1 cargo test --test scenarios rewrites it)",
                lang.code()
            );
        }
    }
}

#[test]
fn each_scenario_has_timed_injects_from_minute_0_with_questions() {
    for lang in [Language::En, Language::Nl] {
        for scenario in templates::scenarios(lang).unwrap() {
            let minutes: Vec<u32> = scenario.injects.iter().map(|i| i.minute).collect();
            assert_eq!(minutes.first(), Some(&0), "{}", scenario.name);
            assert!(
                minutes.windows(2).all(|w| w[0] < w[1]),
                "{}: injects in time order",
                scenario.name
            );
            assert!(minutes.len() >= 5, "{}", scenario.name);
            assert!(
                minutes
                    .last()
                    .is_some_and(|&m| m < scenario.duration_minutes),
                "{}: the last inject leaves time to discuss",
                scenario.name
            );
            for inject in &scenario.injects {
                assert!(!inject.title.trim().is_empty() && !inject.text.trim().is_empty());
                assert!(!inject.questions.is_empty(), "{}", inject.title);
            }
            assert!(scenario.questions.len() >= 3, "{}", scenario.name);
            assert!(paraat::sanitize::is_safe(
                &format::render(&scenario).unwrap().replace('\n', " ")
            ));
        }
    }
}

#[test]
fn the_dutch_and_english_scenarios_tell_the_same_story() {
    let en = templates::scenarios(Language::En).unwrap();
    let nl = templates::scenarios(Language::Nl).unwrap();
    for (e, n) in en.iter().zip(&nl) {
        assert_eq!(e.name, n.name);
        assert_ne!(e.title, n.title, "{} is translated", e.name);
        assert_eq!(e.severity, n.severity);
        assert_eq!(e.personal_data, n.personal_data);
        assert_eq!(e.duration_minutes, n.duration_minutes);
        let minutes = |s: &paraat::model::Scenario| -> Vec<(u32, usize)> {
            s.injects
                .iter()
                .map(|i| (i.minute, i.questions.len()))
                .collect()
        };
        assert_eq!(minutes(e), minutes(n), "{}", e.name);
        assert_eq!(e.questions.len(), n.questions.len(), "{}", e.name);
    }
}

#[test]
fn an_unknown_scenario_is_none() {
    assert!(
        templates::scenario(Language::En, "no-such-scenario")
            .unwrap()
            .is_none()
    );
}
