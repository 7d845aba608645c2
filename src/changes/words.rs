//! Each change said in the workbook's language: "R-002 Ransomware at the
//! supplier: likelihood 3 → 2 (score 12 → 8, high → medium)", "CL-08 answered:
//! yes", "Call order: Hanzeborg ICT moved from 4 to 2".
//!
//! Field names become the words a person uses (the same in every output), and
//! values the words for choices from [`crate::model::labels`].

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Change, Changes, FieldChange, PartChange, RecordChange};
use crate::model::labels::{Label, duration_words};
use crate::model::*;

fn pick(lang: Language, en: &'static str, nl: &'static str) -> &'static str {
    match lang {
        Language::En => en,
        Language::Nl => nl,
    }
}

/// The heading for a kind of record ("Risks", "Risico's").
pub fn kind_heading(kind: RecordKind, lang: Language) -> &'static str {
    use RecordKind as K;
    let (en, nl) = match kind {
        K::Risk => ("Risks", "Risico's"),
        K::Process => ("Processes", "Processen"),
        K::System => ("Systems", "Systemen"),
        K::Supplier => ("Suppliers", "Leveranciers"),
        K::Contact => ("Contacts", "Contacten"),
        K::Backup => ("Backups", "Back-ups"),
        K::Step => ("Plan", "Plan"),
        K::FirstHourStep => ("First hour", "Eerste uur"),
        K::ChecklistItem => ("Checklist", "Checklist"),
        K::Statement => ("Self-check", "Zelftest"),
        K::Incident => ("Incidents and exercises", "Incidenten en oefeningen"),
    };
    pick(lang, en, nl)
}

/// The word for a field (its last part), or the field's own name.
pub fn field_label(field: &str, lang: Language) -> String {
    let last = field.rsplit('.').next().unwrap_or(field);
    let (en, nl) = match last {
        "title" => ("title", "titel"),
        "name" => ("name", "naam"),
        "description" => ("description", "omschrijving"),
        "threat" => ("threat", "dreiging"),
        "vulnerability" => ("vulnerability", "kwetsbaarheid"),
        "category" => ("category", "categorie"),
        "processes" => ("processes", "processen"),
        "systems" => ("systems", "systemen"),
        "suppliers" => ("suppliers", "leveranciers"),
        "owner" => ("owner", "eigenaar"),
        "likelihood" => ("likelihood", "kans"),
        "impact" => ("impact", "impact"),
        "measures" => ("measures", "maatregelen"),
        "treatment" => ("treatment", "behandeling"),
        "actions" => ("plan steps", "planstappen"),
        "residual" => ("residual rating", "restrisico"),
        "status" => ("status", "status"),
        "review_by" => ("review by", "herzien vóór"),
        "acceptance" => ("acceptance", "acceptatie"),
        "notes" | "note" => ("notes", "notities"),
        "criticality" => ("criticality", "kritiekheid"),
        "mtd" => ("MTD", "MTD"),
        "rto" => ("RTO", "RTO"),
        "rpo" => ("RPO", "RPO"),
        "minimum_service" => ("minimum service", "minimale dienstverlening"),
        "workaround" => ("workaround", "noodprocedure"),
        "recovery_order" => ("recovery order", "herstelvolgorde"),
        "kind" => ("kind", "soort"),
        "data" => ("data", "gegevens"),
        "location" => ("location", "locatie"),
        "supplier" => ("supplier", "leverancier"),
        "service" => ("service", "dienst"),
        "contract_end" => ("contract end", "einde contract"),
        "security_agreements" => ("security agreements", "beveiligingsafspraken"),
        "incident_contact" => ("incident contact", "incidentcontact"),
        "exit_plan" => ("exit plan", "exitplan"),
        "role" => ("role", "rol"),
        "organisation" => ("organisation", "organisatie"),
        "phones" => ("phone numbers", "telefoonnummers"),
        "email" => ("e-mail", "e-mail"),
        "out_of_band" => ("out-of-band channel", "noodkanaal"),
        "availability" => ("availability", "bereikbaarheid"),
        "verified" => ("verified", "gecontroleerd"),
        "needs" => ("what they need", "wat zij nodig hebben"),
        "what" => ("what", "wat"),
        "method" => ("method", "methode"),
        "frequency" => ("frequency", "frequentie"),
        "retention" => ("retention", "bewaartermijn"),
        "copies" => ("copies", "kopieën"),
        "encrypted" => ("encrypted", "versleuteld"),
        "responsible" => ("responsible", "verantwoordelijke"),
        "last_success" => ("last successful run", "laatste geslaagde run"),
        "restore_test_every" => ("restore test every", "hersteltest elke"),
        "question" => ("question", "vraag"),
        "guidance" => ("guidance", "toelichting"),
        "answer" => ("answer", "antwoord"),
        "answered" => ("answered on", "beantwoord op"),
        "principle" => ("principle", "principe"),
        "statement" => ("statement", "stelling"),
        "weight" => ("weight", "gewicht"),
        "action" => ("action", "actie"),
        "priority" => ("priority", "prioriteit"),
        "plan_step" => ("plan step", "planstap"),
        "due" => ("due", "deadline"),
        "done" => ("done on", "klaar op"),
        "risks" => ("risks", "risico's"),
        "statements" => ("self-check statements", "zelfteststellingen"),
        "incident" => ("incident", "incident"),
        "severity" => ("severity", "ernst"),
        "affected_systems" => ("affected systems", "getroffen systemen"),
        "personal_data" => ("personal data involved", "persoonsgegevens betrokken"),
        "closed_at" => ("closed at", "gesloten op"),
        "lessons" => ("lessons", "lessen"),
        "primary" => ("primary", "eerste"),
        "deputy" => ("deputy", "vervanger"),
        "goal" => ("goal", "doel"),
        "notifier" => ("notifier", "melder"),
        "city" => ("city", "plaats"),
        "address" => ("address", "adres"),
        "origin" => ("template origin", "herkomst uit sjabloon"),
        "retired" => ("retired", "vervallen"),
        "staff" => ("staff", "medewerkers"),
        "catalogue" => ("supplier catalogue", "leverancierscatalogus"),
        _ => return last.replace('_', " "),
    };
    pick(lang, en, nl).to_owned()
}

fn label<T: DeserializeOwned + Label>(value: &Value, lang: Language) -> Option<String> {
    serde_json::from_value::<T>(value.clone())
        .ok()
        .map(|v| v.label(lang).to_owned())
}

/// A value in words: choices by their label, durations in words, texts quoted.
pub fn value_text(kind: RecordKind, field: &str, value: &Value, lang: Language) -> String {
    let last = field.rsplit('.').next().unwrap_or(field);
    let labelled = match last {
        "answer" => label::<Answer>(value, lang),
        "treatment" => label::<Treatment>(value, lang),
        "criticality" => label::<Criticality>(value, lang),
        "priority" => label::<Priority>(value, lang),
        "principle" => label::<Principle>(value, lang),
        "severity" => label::<Severity>(value, lang),
        "staff" => label::<StaffBand>(value, lang),
        "origin" => serde_json::from_value::<Origin>(value.clone())
            .ok()
            .map(|o| o.words(lang)),
        "result" => label::<RestoreResult>(value, lang),
        "status" => match kind {
            RecordKind::Risk => label::<RiskStatus>(value, lang),
            RecordKind::Step => label::<StepStatus>(value, lang),
            RecordKind::Incident => label::<IncidentStatus>(value, lang),
            _ => None,
        },
        "kind" => match kind {
            RecordKind::System => label::<SystemKind>(value, lang),
            RecordKind::Contact => label::<ContactKind>(value, lang),
            RecordKind::Incident => label::<IncidentKind>(value, lang),
            _ => None,
        },
        _ => None,
    };
    if let Some(text) = labelled {
        return text;
    }
    if let Ok(duration) = serde_json::from_value::<Duration>(value.clone())
        && value.is_object()
    {
        return duration_words(duration, lang);
    }
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(b) => pick(
            lang,
            if *b { "yes" } else { "no" },
            if *b { "ja" } else { "nee" },
        )
        .to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => "—".to_owned(),
        Value::String(s) => {
            if crate::model::renumber::kind_of_id(s).is_some() || Date::parse(s).is_ok() {
                s.clone()
            } else {
                format!("\"{s}\"")
            }
        }
        Value::Array(items) if items.iter().all(Value::is_string) => {
            let list: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            if list.is_empty() {
                "—".to_owned()
            } else {
                list.join(", ")
            }
        }
        other => other.to_string(),
    }
}

fn is_long(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.contains('\n') || s.chars().count() > 60)
}

/// Elements of `after` that `before` has not.
fn added<'a>(before: &Value, after: &'a Value) -> Vec<&'a Value> {
    let empty = Vec::new();
    let b = before.as_array().unwrap_or(&empty);
    after
        .as_array()
        .map(|a| a.iter().filter(|x| !b.contains(x)).collect())
        .unwrap_or_default()
}

/// One field change as a phrase ("likelihood 3 → 2", "restore test of … logged").
fn field_phrase(kind: RecordKind, f: &FieldChange, lang: Language) -> Option<String> {
    let name = field_label(&f.field, lang);
    let last = f.field.rsplit('.').next().unwrap_or(&f.field);
    match last {
        "restore_tests" => {
            let new = added(&f.before, &f.after);
            let gone = added(&f.after, &f.before);
            let mut phrases: Vec<String> = new
                .iter()
                .map(|t| {
                    let date = t.get("date").and_then(Value::as_str).unwrap_or("?");
                    let result = t
                        .get("result")
                        .map(|r| value_text(kind, "result", r, lang))
                        .unwrap_or_default();
                    let took = t
                        .get("took")
                        .filter(|v| !v.is_null())
                        .map(|d| value_text(kind, "took", d, lang));
                    match (lang, took) {
                        (Language::En, Some(took)) => {
                            format!("restore test of {date} logged ({result}, took {took})")
                        }
                        (Language::En, None) => format!("restore test of {date} logged ({result})"),
                        (Language::Nl, Some(took)) => {
                            format!("hersteltest van {date} vastgelegd ({result}, duurde {took})")
                        }
                        (Language::Nl, None) => {
                            format!("hersteltest van {date} vastgelegd ({result})")
                        }
                    }
                })
                .collect();
            for t in gone {
                let date = t.get("date").and_then(Value::as_str).unwrap_or("?");
                phrases.push(match lang {
                    Language::En => format!("restore test of {date} removed"),
                    Language::Nl => format!("hersteltest van {date} verwijderd"),
                });
            }
            return Some(phrases.join("; "));
        }
        "timeline" => {
            let n = added(&f.before, &f.after).len();
            return Some(match lang {
                Language::En => {
                    format!("{n} log {} added", if n == 1 { "entry" } else { "entries" })
                }
                Language::Nl => format!(
                    "{n} {} toegevoegd",
                    if n == 1 { "logregel" } else { "logregels" }
                ),
            });
        }
        "notifications" => {
            let to: Vec<String> = added(&f.before, &f.after)
                .iter()
                .filter_map(|n| n.get("to").and_then(Value::as_str).map(str::to_owned))
                .collect();
            return Some(match lang {
                Language::En => format!("notification to {} logged", to.join(", ")),
                Language::Nl => format!("melding aan {} vastgelegd", to.join(", ")),
            });
        }
        "answer" if f.before == Value::String("Unanswered".into()) => {
            return Some(format!(
                "{}: {}",
                pick(lang, "answered", "beantwoord"),
                value_text(kind, last, &f.after, lang)
            ));
        }
        _ => {}
    }
    if f.before.is_array()
        && f.after.is_array()
        && f.after
            .as_array()
            .is_some_and(|a| a.iter().all(Value::is_string))
    {
        let plus: Vec<String> = added(&f.before, &f.after)
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let minus: Vec<String> = added(&f.after, &f.before)
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let mut parts = Vec::new();
        if !plus.is_empty() {
            parts.push(format!("+ {}", plus.join(", ")));
        }
        if !minus.is_empty() {
            parts.push(format!("− {}", minus.join(", ")));
        }
        if parts.is_empty() {
            parts.push(pick(lang, "reordered", "andere volgorde").to_owned());
        }
        return Some(format!("{name} {}", parts.join(" ")));
    }
    if is_long(&f.before) || is_long(&f.after) || f.before.is_array() || f.after.is_array() {
        return Some(format!("{name} {}", pick(lang, "changed", "gewijzigd")));
    }
    Some(format!(
        "{name} {} → {}",
        value_text(kind, &f.field, &f.before, lang),
        value_text(kind, &f.field, &f.after, lang)
    ))
}

/// A risk's likelihood and impact changes said at once ("likelihood 3 → 2").
fn rating_phrase(fields: &[&FieldChange], prefix: &str, lang: Language) -> Option<String> {
    let num = |v: &Value| v.as_u64().unwrap_or(0);
    let parts: Vec<String> = ["likelihood", "impact"]
        .iter()
        .filter_map(|name| {
            let f = fields
                .iter()
                .find(|f| f.field == format!("{prefix}.{name}"))?;
            Some(format!(
                "{} {} → {}",
                field_label(name, lang),
                num(&f.before),
                num(&f.after)
            ))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One record's change as a line.
pub fn record_line(
    change: &RecordChange,
    changes_of: &ChangesContext<'_>,
    lang: Language,
) -> String {
    let RecordChange {
        kind,
        id,
        name,
        change,
    } = change;
    let head = if name.is_empty() {
        id.to_string()
    } else {
        format!("{id} {name}")
    };
    let fields = match change {
        Change::Added => return format!("{head}: {}", pick(lang, "added", "toegevoegd")),
        Change::Removed => return format!("{head}: {}", pick(lang, "removed", "verwijderd")),
        Change::Renumbered { fields, .. } | Change::Changed { fields } => fields,
    };
    let mut phrases = Vec::new();
    if let Change::Renumbered { from, .. } = change {
        phrases.push(match lang {
            Language::En => format!("renumbered from {from}"),
            Language::Nl => format!("hernummerd (was {from})"),
        });
    }
    let rated = |prefix: &str| {
        fields
            .iter()
            .filter(|f| f.field.starts_with(&format!("{prefix}.")))
            .collect::<Vec<_>>()
    };
    let mut handled: Vec<&str> = Vec::new();
    if *kind == RecordKind::Risk {
        let current = rated("current");
        if let Some(text) = rating_phrase(&current, "current", lang) {
            let risk = changes_of.new.risk(id.as_str());
            let old = changes_of.old.risk(id.as_str()).or_else(|| match change {
                Change::Renumbered { from, .. } => changes_of.old.risk(from.as_str()),
                _ => None,
            });
            let extra = match (old, risk) {
                (Some(o), Some(n)) => {
                    let s = changes_of.scales;
                    format!(
                        " ({} {} → {}, {} → {})",
                        pick(lang, "score", "score"),
                        o.score(),
                        n.score(),
                        o.level(s).label(lang),
                        n.level(s).label(lang)
                    )
                }
                _ => String::new(),
            };
            phrases.push(format!("{text}{extra}"));
            handled.extend(["current.likelihood", "current.impact"]);
        }
        let residual = rated("residual");
        if let Some(text) = rating_phrase(&residual, "residual", lang) {
            phrases.push(format!("{}: {text}", field_label("residual", lang)));
            handled.extend(["residual.likelihood", "residual.impact"]);
        }
    }
    for f in fields {
        if handled.contains(&f.field.as_str()) {
            continue;
        }
        // A change of the answer date goes with the answer.
        if f.field == "answered" && fields.iter().any(|x| x.field == "answer") {
            continue;
        }
        if let Some(p) = field_phrase(*kind, f, lang) {
            phrases.push(p);
        }
    }
    format!("{head}: {}", phrases.join("; "))
}

/// What the words need besides the change: both versions (for scores and names).
pub struct ChangesContext<'a> {
    pub old: &'a Workbook,
    pub new: &'a Workbook,
    pub scales: &'a RiskScales,
}

/// A change outside the records as a line, with its heading.
pub fn part_line(change: &PartChange, new: &Workbook, lang: Language) -> (String, String) {
    match change {
        PartChange::Manifest { field } => (
            pick(lang, "Workbook settings", "Werkboekinstellingen").to_owned(),
            field_phrase(RecordKind::Incident, field, lang).unwrap_or_default(),
        ),
        PartChange::Phase {
            number,
            title,
            field,
        } => {
            let head = match lang {
                Language::En => format!("Phase {number} {title}"),
                Language::Nl => format!("Fase {number} {title}"),
            };
            let text = if field.field.is_empty() {
                if field.before.is_null() {
                    pick(lang, "added", "toegevoegd").to_owned()
                } else {
                    pick(lang, "removed", "verwijderd").to_owned()
                }
            } else {
                field_phrase(RecordKind::Step, field, lang).unwrap_or_default()
            };
            (
                pick(lang, "Plan", "Plan").to_owned(),
                format!("{head}: {text}"),
            )
        }
        PartChange::CrisisRole { role, field } => {
            let name = |v: &Value| {
                v.as_str()
                    .map(|id| match new.contact(id) {
                        Some(c) if !c.name.trim().is_empty() => format!("{id} {}", c.name.trim()),
                        _ => id.to_owned(),
                    })
                    .unwrap_or_else(|| "—".to_owned())
            };
            (
                pick(lang, "Crisis roles", "Crisisrollen").to_owned(),
                format!(
                    "{} ({}): {} → {}",
                    role.label(lang),
                    field_label(&field.field, lang),
                    name(&field.before),
                    name(&field.after)
                ),
            )
        }
        PartChange::CallOrder {
            contact,
            name,
            from,
            to,
        } => {
            let who = if name.is_empty() {
                contact.to_string()
            } else {
                name.clone()
            };
            let text = match (from, to, lang) {
                (Some(f), Some(t), Language::En) => format!("{who} moved from {f} to {t}"),
                (Some(f), Some(t), Language::Nl) => format!("{who} verplaatst van {f} naar {t}"),
                (None, Some(t), Language::En) => format!("{who} added at {t}"),
                (None, Some(t), Language::Nl) => format!("{who} toegevoegd op {t}"),
                (Some(f), None, Language::En) => format!("{who} removed (was {f})"),
                (Some(f), None, Language::Nl) => format!("{who} verwijderd (was {f})"),
                (None, None, _) => who,
            };
            (pick(lang, "Call order", "Belvolgorde").to_owned(), text)
        }
    }
}

/// A commit message for these changes: a subject of at most 72 characters and a
/// body with one line per change, in the workbook's language.
pub fn commit_message(changes: &Changes, old: &Workbook, new: &Workbook, lang: Language) -> String {
    let cx = ChangesContext {
        old,
        new,
        scales: &new.manifest.risk_scales,
    };
    let mut by_kind: Vec<(RecordKind, Vec<&RecordChange>)> = Vec::new();
    for c in &changes.records {
        match by_kind.iter_mut().find(|(k, _)| *k == c.kind) {
            Some((_, list)) => list.push(c),
            None => by_kind.push((c.kind, vec![c])),
        }
    }
    let verb = |c: &Change| match (c, lang) {
        (Change::Added, Language::En) => "add",
        (Change::Removed, Language::En) => "remove",
        (Change::Renumbered { .. }, Language::En) => "renumber",
        (Change::Changed { .. }, Language::En) => "update",
        (Change::Added, Language::Nl) => "nieuw",
        (Change::Removed, Language::Nl) => "weg",
        (Change::Renumbered { .. }, Language::Nl) => "hernummerd",
        (Change::Changed { .. }, Language::Nl) => "bijgewerkt",
    };
    let mut subject_parts: Vec<String> = Vec::new();
    for (kind, list) in &by_kind {
        let mut verbs: Vec<(&str, Vec<String>)> = Vec::new();
        for c in list {
            let v = verb(&c.change);
            match verbs.iter_mut().find(|(x, _)| *x == v) {
                Some((_, ids)) => ids.push(c.id.to_string()),
                None => verbs.push((v, vec![c.id.to_string()])),
            }
        }
        let said: Vec<String> = verbs
            .iter()
            .map(|(v, ids)| {
                if ids.len() > 3 {
                    format!("{v} {} {}", ids.len(), pick(lang, "records", "records"))
                } else {
                    format!("{v} {}", ids.join(", "))
                }
            })
            .collect();
        subject_parts.push(format!(
            "{}: {}",
            kind_heading(*kind, lang),
            said.join(", ")
        ));
    }
    for p in &changes.parts {
        let (heading, _) = part_line(p, new, lang);
        let part = format!("{heading}: {}", pick(lang, "updated", "bijgewerkt"));
        if !subject_parts.contains(&part) {
            subject_parts.push(part);
        }
    }
    let mut subject = subject_parts.join("; ");
    if subject.is_empty() {
        subject = pick(lang, "Update the workbook", "Werkboek bijgewerkt").to_owned();
    }
    if subject.chars().count() > 72 {
        let kinds: Vec<&str> = by_kind
            .iter()
            .map(|(k, _)| kind_heading(*k, lang))
            .collect();
        let n = changes.records.len() + changes.parts.len();
        subject = match lang {
            Language::En => format!("Update {} ({n} changes)", kinds.join(", ")),
            Language::Nl => format!("{} bijgewerkt ({n} wijzigingen)", kinds.join(", ")),
        };
        if subject.chars().count() > 72 {
            subject = subject.chars().take(71).collect::<String>() + "…";
        }
    }
    let mut body = Vec::new();
    for c in &changes.records {
        body.push(format!("- {}", record_line(c, &cx, lang)));
    }
    for p in &changes.parts {
        let (heading, line) = part_line(p, new, lang);
        body.push(format!("- {heading}: {line}"));
    }
    if body.is_empty() {
        subject
    } else {
        format!("{subject}\n\n{}\n", body.join("\n"))
    }
}
