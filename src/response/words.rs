//! What the log says: the text of the timeline entries that commands and the
//! terminal UI write for calls, steps, notifications, affected systems, personal
//! data and closing.
//!
//! Both writers use these, so an incident file reads the same whoever wrote it:
//! `paraat incident call C-005 --reached` and `r` on the incident screen leave the
//! same entry. The words follow the workbook's language.

use crate::model::bilingual::{pick, say};
use crate::model::labels::Label;
use crate::model::{
    Authority, Contact, ContactKind, Deadline, Id, IncidentKind, Language, Workbook,
};

/// "Inject at minute 20 (in the story: Monday 16:00): The supplier confirms ransomware".
pub fn inject(inject: &crate::model::Inject, lang: Language) -> String {
    let (minute, title, story) = (inject.minute, inject.title.trim(), inject.story_time.trim());
    if story.is_empty() {
        say!(
            lang,
            "Inject at minute {minute}: {title}",
            "Inject op minuut {minute}: {title}"
        )
    } else {
        say!(
            lang,
            "Inject at minute {minute} (in the story: {story}): {title}",
            "Inject op minuut {minute} (in het verhaal: {story}): {title}"
        )
    }
}

/// "1 notification", "3 notifications"; "1 melding", "3 meldingen".
pub fn notifications(n: usize, lang: Language) -> String {
    match n {
        1 => say!(lang, "1 notification", "1 melding"),
        n => say!(lang, "{n} notifications", "{n} meldingen"),
    }
}

/// "2026-04-01 04:45 in the story": a moment on an exercise's story clock.
pub fn story_time(moment: &str, lang: Language) -> String {
    say!(lang, "{moment} in the story", "{moment} in het verhaal")
}

/// "C-005 Joris Bakhuizen", or the bare id when the contact is unknown.
pub fn contact_label(workbook: Option<&Workbook>, id: &Id) -> String {
    match workbook.and_then(|wb| wb.contact(id.as_str())) {
        Some(c) => format!("{id} {}", c.name.trim()),
        None => id.to_string(),
    }
}

/// `text`, with `. note` added when a note was given.
pub fn with_note(text: String, note: Option<&str>) -> String {
    match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => format!("{text}. {note}"),
        None => text,
    }
}

/// "Called C-005 Joris Bakhuizen: reached".
pub fn call(who: &str, reached: bool, lang: Language) -> String {
    match (reached, lang) {
        (true, Language::En) => format!("Called {who}: reached"),
        (false, Language::En) => format!("Called {who}: not reached"),
        (true, Language::Nl) => format!("{who} gebeld: bereikt"),
        (false, Language::Nl) => format!("{who} gebeld: niet bereikt"),
    }
}

/// "First-hour step FH-02 done: Disconnect, do not switch off" (without the title
/// when it is not known).
pub fn step_done(step: &Id, title: &str, lang: Language) -> String {
    if title.trim().is_empty() {
        say!(
            lang,
            "First-hour step {step} done",
            "Stap {step} van het eerste uur gedaan"
        )
    } else {
        say!(
            lang,
            "First-hour step {step} done: {title}",
            "Stap {step} van het eerste uur gedaan: {title}"
        )
    }
}

/// What a notification entry says: whom, when (`at` only when earlier than the
/// entry), how, the reference, and the deadline it meets.
pub fn notified(
    who: &str,
    at: Option<&str>,
    channel: &str,
    reference: &str,
    meets: Option<Deadline>,
    lang: Language,
) -> String {
    let mut text = match at {
        None => say!(
            lang,
            "Notified {who} by {channel}",
            "{who} ingelicht via {channel}"
        ),
        Some(at) => say!(
            lang,
            "Notified {who} at {at} by {channel}",
            "{who} ingelicht op {at} via {channel}"
        ),
    };
    if !reference.is_empty() {
        text.push_str(&say!(
            lang,
            ", reference {reference}",
            ", kenmerk {reference}"
        ));
    }
    if let Some(d) = meets {
        let label = d.label(lang);
        text.push_str(&say!(lang, " (meets: {label})", " (termijn: {label})"));
    }
    text
}

/// The deadline a notification to `contact` meets when the notifier does not say:
/// the data protection authority's, or the insurer's.
pub fn default_meets(contact: Option<&Contact>) -> Option<Deadline> {
    let c = contact?;
    if c.authority == Some(Authority::DataProtection) {
        Some(Deadline::DataProtection)
    } else if c.kind == ContactKind::Insurer {
        Some(Deadline::Insurer)
    } else {
        None
    }
}

/// "Affected systems: S-003 Collection management system, S-008 …" for the ids
/// added, with their names where the workbook knows them.
pub fn affected(workbook: Option<&Workbook>, added: &[Id], lang: Language) -> String {
    let list = added
        .iter()
        .map(|id| match workbook.and_then(|wb| wb.system(id.as_str())) {
            Some(s) => format!("{id} {}", s.name),
            None => id.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    say!(
        lang,
        "Affected systems: {list}",
        "Getroffen systemen: {list}"
    )
}

/// The entry that records that personal data is involved.
pub fn personal_data(lang: Language) -> String {
    pick(
        lang,
        "Personal data is involved: the data protection authority must be notified within 72 hours of discovery".to_owned(),
        "Er zijn persoonsgegevens betrokken: de Autoriteit Persoonsgegevens moet binnen 72 uur na ontdekking worden ingelicht".to_owned(),
    )
}

/// "1 lesson learned", "3 geleerde lessen".
pub fn lessons_learned(n: usize, lang: Language) -> String {
    match (lang, n) {
        (Language::En, 1) => "1 lesson learned".to_owned(),
        (Language::En, n) => format!("{n} lessons learned"),
        (Language::Nl, 1) => "1 geleerde les".to_owned(),
        (Language::Nl, n) => format!("{n} geleerde lessen"),
    }
}

/// The entry that closes an incident or exercise with `lessons` lessons.
pub fn closed(kind: IncidentKind, lessons: usize, lang: Language) -> String {
    let (kind, learned) = (kind.label(lang), lessons_learned(lessons, lang));
    say!(
        lang,
        "Closed the {kind}, with {learned}",
        "Afgesloten ({kind}), met {learned}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_for_one_in_both_languages() {
        use crate::model::RecordKind;
        assert_eq!(notifications(1, Language::En), "1 notification");
        assert_eq!(notifications(2, Language::Nl), "2 meldingen");
        assert_eq!(RecordKind::Process.count(1, Language::Nl), "1 proces");
        assert_eq!(RecordKind::Process.count(3, Language::Nl), "3 processen");
        assert_eq!(RecordKind::Process.count(1, Language::En), "1 process");
    }

    #[test]
    fn entries_read_the_same_in_both_languages_shape() {
        assert_eq!(
            call("C-005 Joris", true, Language::En),
            "Called C-005 Joris: reached"
        );
        assert_eq!(
            notified(
                "C-003 AP",
                None,
                "online form",
                "AP-1",
                Some(Deadline::DataProtection),
                Language::En
            ),
            "Notified C-003 AP by online form, reference AP-1 (meets: data protection authority (72 h))"
        );
        assert_eq!(
            step_done(&Id::from("FH-02"), "", Language::Nl),
            "Stap FH-02 van het eerste uur gedaan"
        );
    }
}
