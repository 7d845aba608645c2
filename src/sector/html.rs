//! The sector report as one offline HTML page: inline CSS, SVG charts, no scripts,
//! nothing fetched (a Content-Security-Policy says so to the browser too).
//!
//! The charts read in black and white: levels are told apart by fill patterns
//! (solid, hatched, dotted, open) and every bar carries its number; each chart has
//! a table with the same numbers under it. The renderer only sees the report as
//! built by `report::roll_up`, with small groups already withheld, so it cannot
//! show what was suppressed. Every string goes through `export::html::escape`.

use std::fmt::Write;

use super::report::{Distribution, Group, MIN_GROUP, SectorReport, Shown};
use crate::export::html::escape;
use crate::model::bilingual::{pick, say};
use crate::model::fields::organisation;
use crate::model::labels::Label;
use crate::model::{
    Criticality, Language, OrganisationKind, Principle, ServiceKind, StaffBand, key,
};
use crate::review::Code;
use crate::review::selfcheck::MaturityLevel;

fn labelled<T: Label + serde::Serialize>(all: &[T], text: &str, lang: Language) -> Option<String> {
    all.iter()
        .find(|x| key(*x) == text)
        .map(|x| x.label(lang).to_owned())
}

/// The words for a key of the report, in `lang`.
fn words(lang: Language, text: &str) -> String {
    if let Some(level) = MaturityLevel::ALL.iter().find(|m| key(*m) == text) {
        return level.label(lang).to_owned();
    }
    if let Some(band) = StaffBand::ALL.iter().find(|s| s.key() == text) {
        return band.label(lang).to_owned();
    }
    labelled(&Principle::ALL, text, lang)
        .or_else(|| labelled(&OrganisationKind::ALL, text, lang))
        .or_else(|| labelled(&Criticality::ALL, text, lang))
        .or_else(|| labelled(&ServiceKind::ALL, text, lang))
        .unwrap_or_else(|| match text {
            "none" => pick(lang, "no process mapped", "geen proces gekoppeld").to_owned(),
            "overall" => pick(lang, "Overall", "Totaal").to_owned(),
            other => other.to_owned(),
        })
}

/// A count as shown: the number, or "fewer than 5" / "not shown".
fn shown(n: Shown, lang: Language) -> String {
    match n {
        Some(n) => n.to_string(),
        None => pick(lang, "not shown", "niet getoond").to_owned(),
    }
}

fn percent_of(n: u32, all: u32) -> u32 {
    (n * 100 + all / 2).checked_div(all).unwrap_or(0)
}

/// The fill patterns, one per level (darkest for the weakest level) and one for
/// counts withheld. Black on white only. Defined once, in a hidden SVG at the top
/// of the page; every chart refers to them.
const PATTERNS: &str = r##"<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<pattern id="lv0" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#000"/></pattern>
<pattern id="lv1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3.5" height="6" fill="#000"/></pattern>
<pattern id="lv2" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="#000" stroke-width="1.2"/></pattern>
<pattern id="lv3" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.2" fill="#000"/></pattern>
<pattern id="lv4" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/></pattern>
<pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#c8c8c8"/></pattern>
<pattern id="untested" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#000"/></pattern>
</defs></svg>"##;

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#000;background:#fff;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #000;padding-bottom:.2rem}
p.lead{margin-top:0}table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.92rem}th,td{border:1px solid #000;padding:.2rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}svg{display:block;max-width:100%;height:auto;margin:.5rem 0}
svg text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px;fill:#000}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.9rem;margin:.3rem 0}.legend svg{display:inline;margin:0 .3rem 0 0;vertical-align:middle}
.note{font-size:.9rem}ul.concentration li{margin:.3rem 0}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}
";

/// Renders the report in `lang`.
pub fn render(report: &SectorReport, lang: Language) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let title = pick(lang, "Sector report", "Sectorrapport");
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<meta name=\"generator\" content=\"paraat\">\n<title>{} {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{PATTERNS}\n",
        lang.code(),
        escape(title),
        escape(&report.period),
    );
    let _ = write!(
        out,
        "<h1>{} {}</h1>\n<p class=\"lead\">",
        escape(title),
        escape(&report.period)
    );
    match report.members {
        Some(n) => {
            let _ = write!(
                out,
                "{} <strong>{n}</strong> {}",
                escape(pick(lang, "Share files of", "Deelbestanden van")),
                escape(pick(
                    lang,
                    "members, made in this quarter.",
                    "leden, gemaakt in dit kwartaal."
                ))
            );
        }
        None => {
            out.push_str(&escape(pick(
                lang,
                "Fewer than 5 members sent a share file for this quarter, so nothing can be shown without singling a member out.",
                "Minder dan 5 leden stuurden een deelbestand voor dit kwartaal, dus er kan niets getoond worden zonder een lid aan te wijzen.",
            )));
        }
    }
    let _ = write!(
        out,
        " {} {} {}.</p>\n<p class=\"note\">{}</p>\n",
        escape(pick(lang, "Made on", "Gemaakt op")),
        escape(&report.made.to_string()),
        escape(&format!("(paraat {})", report.paraat)),
        escape(pick(
            lang,
            "Anonymous: share files hold codes, scores, counts and supplier catalogue ids only. Any group of fewer than 5 members is not shown, nor any number from which one could be worked out.",
            "Anoniem: deelbestanden bevatten alleen codes, scores, aantallen en id's uit de leverancierscatalogus. Een groep van minder dan 5 leden wordt niet getoond, net zo min als een getal waaruit die is af te leiden.",
        )),
    );

    members_section(&mut out, report, lang);
    levels_section(&mut out, report, lang);
    findings_section(&mut out, report, lang);
    suppliers_section(&mut out, report, lang);
    time_section(&mut out, report, lang);
    out.push_str("</body>\n</html>\n");
    out
}

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(out, "<h2>{}</h2>", escape(text));
}

fn groups_table(out: &mut String, groups: &[Group], what: &str, lang: Language) {
    let _ = write!(
        out,
        "<table><thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        escape(what),
        escape(pick(lang, "Members", "Leden"))
    );
    for g in groups {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(&words(lang, &g.key)),
            escape(&shown(g.members, lang))
        );
    }
    out.push_str("</tbody></table>\n");
}

fn members_section(out: &mut String, report: &SectorReport, lang: Language) {
    if report.members.is_none() {
        return;
    }
    heading(out, pick(lang, "Members", "Leden"));
    groups_table(out, &report.by_kind, organisation::KIND.label(lang), lang);
    groups_table(out, &report.by_size, organisation::STAFF.label(lang), lang);
}

fn legend(out: &mut String, lang: Language, extra: &[(&str, &str)]) {
    out.push_str("<div class=\"legend\">");
    for (i, level) in MaturityLevel::ALL.iter().enumerate() {
        let _ = write!(
            out,
            "<span><svg width=\"18\" height=\"12\" viewBox=\"0 0 18 12\" aria-hidden=\"true\"><rect width=\"18\" height=\"12\" fill=\"url(#lv{i})\" stroke=\"#000\"/></svg>{}</span>",
            escape(level.label(lang))
        );
    }
    for (pattern, label) in extra {
        let _ = write!(
            out,
            "<span><svg width=\"18\" height=\"12\" viewBox=\"0 0 18 12\" aria-hidden=\"true\"><rect width=\"18\" height=\"12\" fill=\"url(#{pattern})\" stroke=\"#000\"/></svg>{}</span>",
            escape(label)
        );
    }
    out.push_str("</div>\n");
}

/// One stacked bar per distribution: the levels side by side, withheld counts
/// together as one dashed part.
fn levels_chart(out: &mut String, rows: &[(String, &Distribution)], lang: Language) {
    let (label_w, bar_w, row_h) = (190.0, 470.0, 30.0);
    let height = row_h * rows.len() as f64 + 10.0;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 760 {height}\" width=\"760\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(pick(lang, "Self-check levels", "Zelftestniveaus"))
    );
    for (row, (name, d)) in rows.iter().enumerate() {
        let y = 5.0 + row as f64 * row_h;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 18.0,
            escape(name)
        );
        let Some(total) = d.members.filter(|&n| n > 0) else {
            let _ = write!(
                out,
                "<text x=\"{label_w}\" y=\"{}\">{}</text>",
                y + 18.0,
                escape(pick(lang, "not shown", "niet getoond"))
            );
            continue;
        };
        let mut x = label_w;
        let published: u32 = d.by_level.iter().filter_map(|g| g.members).sum();
        let hidden = total.saturating_sub(published);
        let parts = d
            .by_level
            .iter()
            .enumerate()
            .filter_map(|(i, g)| g.members.map(|n| (format!("lv{i}"), n, i)))
            .chain((hidden > 0).then(|| ("hidden".to_owned(), hidden, 9)));
        for (pattern, n, level) in parts {
            if n == 0 {
                continue;
            }
            let w = bar_w * f64::from(n) / f64::from(total);
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"22\" fill=\"url(#{pattern})\" stroke=\"#000\"/>"
            );
            if w >= 26.0 {
                // Numbers on the dark patterns stand in a white box so they read.
                let cx = x + w / 2.0;
                let _ = write!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{}\" width=\"22\" height=\"14\" fill=\"#fff\"/><text x=\"{cx:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    cx - 11.0,
                    y + 4.0,
                    y + 15.0,
                    if level == 9 {
                        "…".to_owned()
                    } else {
                        n.to_string()
                    }
                );
            }
            x += w;
        }
        if let Some(m) = d.median {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\">{} {m}%</text>",
                label_w + bar_w + 8.0,
                y + 18.0,
                escape(pick(lang, "median", "mediaan"))
            );
        }
    }
    out.push_str("</svg>\n");
}

fn levels_section(out: &mut String, report: &SectorReport, lang: Language) {
    if report.members.is_none() {
        return;
    }
    heading(
        out,
        pick(
            lang,
            "Self-check levels per principle",
            "Zelftestniveaus per principe",
        ),
    );
    let distributions: Vec<(String, Distribution)> =
        std::iter::once((words(lang, "overall"), report.selfcheck.overall.clone()))
            .chain(
                report
                    .selfcheck
                    .principles
                    .iter()
                    .map(|p| (words(lang, &p.principle), p.distribution())),
            )
            .collect();
    let rows: Vec<(String, &Distribution)> =
        distributions.iter().map(|(n, d)| (n.clone(), d)).collect();
    legend(
        out,
        lang,
        &[(
            "hidden",
            pick(
                lang,
                "levels with fewer than 5 members, together",
                "niveaus met minder dan 5 leden, samen",
            ),
        )],
    );
    levels_chart(out, &rows, lang);
    let _ = write!(
        out,
        "<table><thead><tr><th></th>{}<th class=\"n\">{}</th></tr></thead><tbody>",
        MaturityLevel::ALL
            .iter()
            .map(|l| format!("<th class=\"n\">{}</th>", escape(l.label(lang))))
            .collect::<String>(),
        escape(pick(lang, "Median", "Mediaan"))
    );
    for (name, d) in &rows {
        let _ = write!(out, "<tr><th>{}</th>", escape(name));
        for g in &d.by_level {
            let _ = write!(
                out,
                "<td class=\"n\">{}</td>",
                escape(&shown(g.members, lang))
            );
        }
        let median = d.median.map_or_else(String::new, |m| format!("{m}%"));
        let _ = write!(out, "<td class=\"n\">{}</td></tr>", escape(&median));
    }
    out.push_str("</tbody></table>\n");
    let median = |m: Option<u8>| m.map_or_else(|| "–".to_owned(), |m| format!("{m}%"));
    let _ = writeln!(
        out,
        "<p>{} {}; {} {}.</p>",
        escape(pick(
            lang,
            "Checklist answered, median:",
            "Checklist beantwoord, mediaan:"
        )),
        escape(&median(report.checklist.median_percent)),
        escape(pick(
            lang,
            "plan steps done, median:",
            "planstappen klaar, mediaan:"
        )),
        escape(&median(report.plan.median_percent)),
    );
}

/// Horizontal bars of `value` out of `total`, with a label and the number.
/// `text` cut to `max` characters (with "…"), for labels in a chart; the tables
/// and sentences beside it give the whole name.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// Horizontal bars of members out of `total`, each with a label and its number
/// ("nearly all" where the number is withheld).
fn bars(out: &mut String, rows: &[(String, Shown)], total: u32, lang: Language, aria: &str) {
    let (label_w, bar_w, row_h) = (300.0, 330.0, 24.0);
    let height = row_h * rows.len() as f64 + 6.0;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 760 {height}\" width=\"760\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(aria)
    );
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = 3.0 + i as f64 * row_h;
        let drawn = n.unwrap_or(total.saturating_sub(MIN_GROUP / 2));
        let w = bar_w * f64::from(drawn) / f64::from(total.max(1));
        let number = match n {
            Some(n) => format!("{n} ({}%)", percent_of(*n, total)),
            None => pick(lang, "nearly all", "bijna alle").to_owned(),
        };
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{bar_w}\" height=\"16\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.5\"/><rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"16\" fill=\"url(#lv1)\" stroke=\"#000\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y + 13.0,
            escape(&fit(label, 46)),
            label_w + bar_w + 8.0,
            y + 13.0,
            escape(&number)
        );
    }
    out.push_str("</svg>\n");
}

fn findings_section(out: &mut String, report: &SectorReport, lang: Language) {
    let Some(total) = report.members else {
        return;
    };
    heading(
        out,
        pick(
            lang,
            "Most common findings",
            "Meest voorkomende bevindingen",
        ),
    );
    if report.findings.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            escape(pick(
                lang,
                "No finding is common to 5 or more members.",
                "Geen bevinding komt bij 5 of meer leden voor."
            ))
        );
        return;
    }
    let rows: Vec<(String, Shown)> = report
        .findings
        .iter()
        .map(|f| {
            let title = Code::parse(&f.code).map_or(f.code.as_str(), |c| c.title(lang));
            (title.to_owned(), f.members)
        })
        .collect();
    bars(
        out,
        &rows,
        total,
        lang,
        pick(
            lang,
            "Most common findings",
            "Meest voorkomende bevindingen",
        ),
    );
    let _ = write!(
        out,
        "<table><thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        escape(pick(lang, "Code", "Code")),
        escape(pick(lang, "Finding", "Bevinding")),
        escape(pick(lang, "Members with it", "Leden met deze bevinding"))
    );
    for f in &report.findings {
        let title = Code::parse(&f.code).map_or("", |c| c.title(lang));
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(&f.code),
            escape(title),
            escape(&shown(f.members, lang))
        );
    }
    out.push_str("</tbody></table>\n");
    let stale = &report.not_in_12_months;
    let _ = writeln!(
        out,
        "<p>{}</p><ul>",
        escape(pick(
            lang,
            "Members for whom this has not happened in the last 12 months:",
            "Leden bij wie dit de laatste 12 maanden niet is gebeurd:"
        ))
    );
    for (label, subset) in [
        (pick(lang, "an exercise", "een oefening"), &stale.exercise),
        (
            pick(
                lang,
                "a full review of the workbook",
                "een volledige herziening van het werkboek",
            ),
            &stale.full_review,
        ),
        (
            pick(lang, "a restore test", "een hersteltest"),
            &stale.restore_test,
        ),
    ] {
        let _ = writeln!(
            out,
            "<li>{}: {}</li>",
            escape(label),
            escape(&shown(subset.members, lang))
        );
    }
    out.push_str("</ul>\n");
}

fn suppliers_section(out: &mut String, report: &SectorReport, lang: Language) {
    let Some(total) = report.members else {
        return;
    };
    heading(
        out,
        pick(
            lang,
            "Dependence on shared suppliers",
            "Afhankelijkheid van gedeelde leveranciers",
        ),
    );
    if report.suppliers.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            escape(pick(
                lang,
                "No catalogue supplier has 5 or more members depending on it.",
                "Van geen enkele leverancier uit de catalogus zijn 5 of meer leden afhankelijk."
            ))
        );
    } else {
        out.push_str("<div class=\"legend\">");
        for (pattern, label) in [
            (
                "lv3",
                pick(lang, "members depending on it", "leden die ervan afhangen"),
            ),
            (
                "untested",
                pick(
                    lang,
                    "of them: no restore test in 12 months",
                    "van hen: geen hersteltest in 12 maanden",
                ),
            ),
        ] {
            let _ = write!(
                out,
                "<span><svg width=\"18\" height=\"12\" viewBox=\"0 0 18 12\" aria-hidden=\"true\"><rect width=\"18\" height=\"12\" fill=\"url(#{pattern})\" stroke=\"#000\"/></svg>{}</span>",
                escape(label)
            );
        }
        out.push_str("</div>\n");
        supplier_chart(out, report, total, lang);
        out.push_str("<ul class=\"concentration\">");
        for s in &report.suppliers {
            let services: Vec<String> = s.services.iter().map(|k| words(lang, k)).collect();
            let count = match s.members {
                Some(n) => say!(
                    lang,
                    "{n} of {total} members depend",
                    "{n} van de {total} leden zijn"
                ),
                None => say!(
                    lang,
                    "Nearly all of the {total} members (all but fewer than 5) depend",
                    "Bijna alle {total} leden (op minder dan 5 na) zijn"
                ),
            };
            let (name, services) = (&s.name, services.join(", "));
            let mut line = say!(
                lang,
                "{count} on {name} for {services}",
                "{count} voor {services} afhankelijk van {name}"
            );
            if let Some(untested) = s.no_restore_test_12_months.members {
                line.push_str(&say!(
                    lang,
                    "; {untested} of them have had no restore test of its systems in 12 months",
                    "; {untested} van hen hebben de systemen ervan in 12 maanden niet op herstel getest"
                ));
            }
            line.push('.');
            let _ = write!(out, "<li>{}</li>", escape(&line));
        }
        out.push_str("</ul>\n");
        let _ = write!(
            out,
            "<table><thead><tr><th>{}</th>{}<th class=\"n\">{}</th></tr></thead><tbody>",
            escape(pick(lang, "Supplier", "Leverancier")),
            report.suppliers[0]
                .by_dependency
                .iter()
                .map(|g| format!("<th class=\"n\">{}</th>", escape(&words(lang, &g.key))))
                .collect::<String>(),
            escape(pick(
                lang,
                "No restore test in 12 months",
                "Geen hersteltest in 12 maanden"
            ))
        );
        for s in &report.suppliers {
            let _ = write!(out, "<tr><td>{}</td>", escape(&s.name));
            for g in &s.by_dependency {
                let _ = write!(
                    out,
                    "<td class=\"n\">{}</td>",
                    escape(&shown(g.members, lang))
                );
            }
            let _ = write!(
                out,
                "<td class=\"n\">{}</td></tr>",
                escape(&shown(s.no_restore_test_12_months.members, lang))
            );
        }
        out.push_str("</tbody></table>\n");
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            escape(pick(
                lang,
                "Columns: how critical the members' most critical process that depends on the supplier is.",
                "Kolommen: hoe kritiek het meest kritieke proces is dat bij de leden van de leverancier afhangt."
            ))
        );
    }
    if report.suppliers_not_shown > 0 {
        let more = report.suppliers_not_shown;
        let text = say!(
            lang,
            "{more} more catalogue suppliers have fewer than 5 members depending on them and are not named.",
            "Nog {more} leveranciers uit de catalogus hebben minder dan 5 leden die ervan afhangen en worden niet genoemd."
        );
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&text));
    }
}

fn supplier_chart(out: &mut String, report: &SectorReport, total: u32, lang: Language) {
    let (label_w, bar_w, row_h) = (250.0, 300.0, 26.0);
    let rows: Vec<_> = report.suppliers.iter().map(|s| (s, s.members)).collect();
    let height = row_h * rows.len() as f64 + 6.0;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 760 {height}\" width=\"760\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(pick(
            lang,
            "Dependence on shared suppliers",
            "Afhankelijkheid van gedeelde leveranciers"
        ))
    );
    for (i, (s, n)) in rows.iter().enumerate() {
        let y = 3.0 + i as f64 * row_h;
        // "Nearly all" is drawn as all but a sliver, its number withheld.
        let drawn = n.unwrap_or(total.saturating_sub(MIN_GROUP / 2));
        let w = bar_w * f64::from(drawn) / f64::from(total.max(1));
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{bar_w}\" height=\"18\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.5\"/><rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"18\" fill=\"url(#lv3)\" stroke=\"#000\"/>",
            y + 14.0,
            escape(&fit(&s.name, 34))
        );
        let mut label = match n {
            Some(n) => format!("{n} ({}%)", percent_of(*n, total)),
            None => pick(lang, "nearly all", "bijna alle").to_owned(),
        };
        if let Some(u) = s.no_restore_test_12_months.members {
            let uw = bar_w * f64::from(u) / f64::from(total.max(1));
            let _ = write!(
                out,
                "<rect x=\"{label_w}\" y=\"{}\" width=\"{uw:.1}\" height=\"8\" fill=\"url(#untested)\" stroke=\"#000\"/>",
                y + 10.0
            );
            label.push_str(&say!(lang, " · {u} not tested", " · {u} niet getest"));
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            label_w + bar_w + 8.0,
            y + 14.0,
            escape(&label)
        );
    }
    out.push_str("</svg>\n");
}

fn time_section(out: &mut String, report: &SectorReport, lang: Language) {
    let rows = &report.over_time.by_period;
    if rows.len() < 2 {
        return;
    }
    heading(
        out,
        pick(lang, "Readiness over time", "Paraatheid door de tijd"),
    );
    let (bar_w, gap, top, chart_h) = (50.0, 30.0, 20.0, 160.0);
    let width = 60.0 + rows.len() as f64 * (bar_w + gap);
    let height = top + chart_h + 40.0;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(pick(
            lang,
            "Median self-check score per quarter",
            "Mediane zelftestscore per kwartaal"
        ))
    );
    let base = top + chart_h;
    let _ = write!(
        out,
        "<line x1=\"40\" y1=\"{base}\" x2=\"{width}\" y2=\"{base}\" stroke=\"#000\"/><text x=\"0\" y=\"{}\">100%</text><text x=\"0\" y=\"{base}\">0%</text>",
        top + 4.0
    );
    for (i, row) in rows.iter().enumerate() {
        let x = 50.0 + i as f64 * (bar_w + gap);
        match row.median {
            Some(m) => {
                let h = chart_h * f64::from(m) / 100.0;
                let _ = write!(
                    out,
                    "<rect x=\"{x}\" y=\"{:.1}\" width=\"{bar_w}\" height=\"{h:.1}\" fill=\"url(#lv3)\" stroke=\"#000\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"middle\">{m}%</text>",
                    base - h,
                    x + bar_w / 2.0,
                    base - h - 4.0
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">–</text>",
                    x + bar_w / 2.0,
                    base - 4.0
                );
            }
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x + bar_w / 2.0,
            base + 16.0,
            escape(&row.key)
        );
    }
    out.push_str("</svg>\n");
    let _ = write!(
        out,
        "<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th>{}</tr></thead><tbody>",
        escape(pick(lang, "Quarter", "Kwartaal")),
        escape(pick(lang, "Members", "Leden")),
        escape(pick(lang, "Median", "Mediaan")),
        MaturityLevel::ALL
            .iter()
            .map(|l| format!("<th class=\"n\">{}</th>", escape(l.label(lang))))
            .collect::<String>()
    );
    for row in rows {
        let median = row.median.map_or_else(String::new, |m| format!("{m}%"));
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            escape(&row.key),
            escape(&shown(row.members, lang)),
            escape(&median)
        );
        for g in &row.by_level {
            let _ = write!(
                out,
                "<td class=\"n\">{}</td>",
                escape(&shown(g.members, lang))
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}
