//! The tabletop scenarios shipped in the binary: they parse, are canonical, and each
//! is a complete script: timed injects with a story time, the answers expected per
//! question, a debrief long enough to learn from, a feedback form, and a personal-data
//! reveal where the story has one. (That the Dutch and English scripts match is
//! tested with the other templates in `tests/templates.rs`.)

use std::path::Path;

use paraat::model::{Language, Scenario};
use paraat::store::{format, templates};

const NAMES: [&str; 5] = [
    "ransomware-supplier",
    "ransomware-network",
    "invoice-fraud",
    "climate-control",
    "front-desk",
];

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

fn every_scenario() -> Vec<(Language, Scenario)> {
    [Language::En, Language::Nl]
        .into_iter()
        .flat_map(|lang| {
            templates::scenarios(lang)
                .unwrap()
                .into_iter()
                .map(move |s| (lang, s))
        })
        .collect()
}

#[test]
fn each_scenario_has_timed_injects_from_minute_0_that_leave_time_for_the_debrief() {
    for (lang, scenario) in every_scenario() {
        let name = format!("{} ({lang:?})", scenario.name);
        let minutes: Vec<u32> = scenario.injects.iter().map(|i| i.minute).collect();
        assert_eq!(minutes.first(), Some(&0), "{name}");
        assert!(
            minutes.windows(2).all(|w| w[0] < w[1]),
            "{name}: in time order"
        );
        assert!(minutes.len() >= 3, "{name}");
        assert!(
            minutes
                .last()
                .is_some_and(|&m| m < scenario.debrief_starts()),
            "{name}: the last inject comes before the debrief"
        );
        // A tabletop keeps 20 to 30 minutes to learn from it; a short drill a third.
        let debrief = scenario.debrief_minutes;
        if scenario.duration_minutes >= 60 {
            assert!(
                (20..=30).contains(&debrief),
                "{name}: debrief of {debrief} minutes"
            );
        } else {
            assert!(
                debrief * 3 >= scenario.duration_minutes,
                "{name}: debrief of {debrief} minutes"
            );
        }
        assert!(scenario.questions.len() >= 3, "{name}: debrief questions");
        assert!(paraat::sanitize::is_safe(
            &format::render(&scenario).unwrap().replace('\n', " ")
        ));
    }
}

#[test]
fn each_scenario_gives_the_facilitator_objectives_a_pre_brief_expected_answers_and_a_feedback_form()
{
    for (lang, scenario) in every_scenario() {
        let name = format!("{} ({lang:?})", scenario.name);
        assert!(scenario.objectives.len() >= 2, "{name}: objectives");
        assert!(!scenario.pre_brief.trim().is_empty(), "{name}: pre-brief");
        assert!(scenario.feedback.len() >= 3, "{name}: feedback form");
        for inject in &scenario.injects {
            assert!(!inject.title.trim().is_empty() && !inject.text.trim().is_empty());
            assert!(!inject.questions.is_empty(), "{name}: {}", inject.title);
            assert_eq!(
                inject.expected.len(),
                inject.questions.len(),
                "{name}: {}: one expected answer per question",
                inject.title
            );
            assert!(
                inject.expected.iter().all(|a| !a.trim().is_empty()),
                "{name}: {}",
                inject.title
            );
        }
    }
}

#[test]
fn each_inject_says_when_it_happens_in_the_story_and_the_story_never_goes_back() {
    for (lang, scenario) in every_scenario() {
        let name = format!("{} ({lang:?})", scenario.name);
        let offsets: Vec<u64> = scenario
            .injects
            .iter()
            .map(|i| i.story_offset.minutes())
            .collect();
        assert_eq!(
            offsets.first(),
            Some(&0),
            "{name}: the story starts at the first inject"
        );
        assert!(
            offsets.windows(2).all(|w| w[0] <= w[1]),
            "{name}: {offsets:?}"
        );
        for inject in &scenario.injects {
            assert!(
                !inject.story_time.trim().is_empty(),
                "{name}: {}",
                inject.title
            );
        }
    }
    // The story may run far ahead of the room: minute 55 of the supplier scenario is
    // two weeks into the story.
    let supplier = templates::scenario(Language::En, "ransomware-supplier")
        .unwrap()
        .unwrap();
    let last = supplier.injects.last().unwrap();
    assert_eq!(last.minute, 55);
    assert_eq!(last.story_offset, paraat::model::Duration::Days(14));
}

#[test]
fn a_story_with_personal_data_reveals_it_once_at_a_later_inject_never_at_the_start() {
    for (lang, scenario) in every_scenario() {
        let name = format!("{} ({lang:?})", scenario.name);
        let reveals: Vec<u32> = scenario
            .injects
            .iter()
            .filter(|i| i.reveals_personal_data)
            .map(|i| i.minute)
            .collect();
        assert!(reveals.len() <= 1, "{name}: {reveals:?}");
        assert!(
            !reveals.contains(&0),
            "{name}: the story must reveal the breach, not start with it"
        );
    }
    let reveal = |name: &str| {
        templates::scenario(Language::En, name)
            .unwrap()
            .unwrap()
            .personal_data_reveal()
            .map(|i| i.minute)
    };
    assert_eq!(reveal("ransomware-supplier"), Some(20));
    assert_eq!(reveal("ransomware-network"), Some(20));
    assert_eq!(reveal("invoice-fraud"), Some(10));
    assert_eq!(reveal("climate-control"), None);
    assert_eq!(reveal("front-desk"), None);
}

#[test]
fn the_climate_scenario_asks_for_the_mtd_where_it_means_how_long_it_may_be_down() {
    let climate = templates::scenario(Language::En, "climate-control")
        .unwrap()
        .unwrap();
    let asks: Vec<&String> = climate
        .injects
        .iter()
        .flat_map(|i| &i.questions)
        .filter(|q| q.contains("How long may"))
        .collect();
    assert!(!asks.is_empty());
    assert!(
        asks.iter()
            .all(|q| q.contains("(MTD)") && !q.contains("RTO")),
        "{asks:?}"
    );
}

#[test]
fn an_unknown_scenario_is_none() {
    assert!(
        templates::scenario(Language::En, "no-such-scenario")
            .unwrap()
            .is_none()
    );
}
