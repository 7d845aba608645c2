//! The offline pack and the spreadsheets: what a user relies on when the network
//! is down, and when they share a copy.

mod common;

use common::TestWorkbook;
use paraat::export::{self, Stamp};
use paraat::model::*;
use paraat::review;
use paraat::store::Store;

fn today() -> Date {
    Date::parse("2026-12-01").unwrap()
}

fn fixed_stamp(workbook: &Workbook) -> Stamp {
    Stamp {
        organisation: workbook.manifest.organisation.name.clone(),
        generated_at: Timestamp::parse("2026-12-01T09:30:00Z").unwrap(),
        // Amsterdam in winter: the pack shows local time, the files keep UTC.
        zone: amsterdam_winter(),
        commit: Some("0123456789ab".to_owned()),
        uncommitted_changes: true,
        printed_copies: workbook.manifest.printed_copies.clone(),
    }
}

fn amsterdam_winter() -> Zone {
    Zone::Fixed(chrono::FixedOffset::east_opt(3600).unwrap())
}

fn example() -> Workbook {
    let wb = TestWorkbook::example();
    Store::load(wb.path()).expect("the example loads").workbook
}

/// Every output a user can make of `workbook`, named for messages.
fn every_output(workbook: &Workbook, redact: bool) -> Vec<(String, String)> {
    let findings = review::review(workbook, today());
    let stamp = fixed_stamp(workbook);
    let mut outputs = vec![
        (
            "html".to_owned(),
            export::html(workbook, &findings, &stamp, today(), false, redact),
        ),
        (
            "html card".to_owned(),
            export::html(workbook, &findings, &stamp, today(), true, redact),
        ),
        (
            "markdown".to_owned(),
            export::markdown(workbook, &findings, &stamp, today(), false, redact),
        ),
        (
            "markdown card".to_owned(),
            export::markdown(workbook, &findings, &stamp, today(), true, redact),
        ),
    ];
    for format in [export::ExportFormat::Html, export::ExportFormat::Markdown] {
        let dir = tempfile::tempdir().unwrap();
        let options = export::ExportOptions {
            format,
            card_only: true,
            two_pages: true,
            redact,
            output: dir.path().join("card"),
            zone: amsterdam_winter(),
        };
        let text = export::render_partial(
            workbook,
            &[],
            dir.path(),
            today(),
            stamp.generated_at,
            &options,
        )
        .expect("renders");
        outputs.push((format!("two-page card ({format:?})"), text));
    }
    outputs.extend(export::csv_files(workbook, redact));
    outputs
}

#[test]
fn markdown_export_of_the_example_museum_matches_the_snapshot() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    let md = export::markdown(
        &workbook,
        &findings,
        &fixed_stamp(&workbook),
        today(),
        false,
        false,
    );
    insta::assert_snapshot!("example_museum_markdown", md);
}

#[test]
fn the_pack_puts_the_emergency_card_first_and_then_the_recovery_order() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    let stamp = fixed_stamp(&workbook);
    let html = export::html(&workbook, &findings, &stamp, today(), false, false);
    let order = [
        "id=\"card\"",
        "id=\"recovery\"",
        "id=\"contacts\"",
        "id=\"backups\"",
        "id=\"risks\"",
        "id=\"plan\"",
        "id=\"findings\"",
        "id=\"incidents\"",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|anchor| {
            html.find(anchor)
                .unwrap_or_else(|| panic!("{anchor} missing"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Ticketing has recovery order 1 and comes back first.
    let ticketing = html.find("1. Ticketing and admissions (P-002)").unwrap();
    let climate = html
        .find("2. Climate control for the collection (P-005)")
        .unwrap();
    assert!(ticketing < climate);
    // The insurer's window from the manifest is on the card.
    let card = &html[positions[0]..positions[1]];
    assert!(card.contains("insurer (48 hours)"));
    assert!(card.contains("data protection authority (72 h)"));
    assert!(
        !card.contains("NIS2 early warning"),
        "NIS2 does not apply here"
    );
    // Only the card when asked.
    let card_only = export::html(&workbook, &findings, &stamp, today(), true, false);
    assert!(card_only.contains("id=\"card\"") && !card_only.contains("id=\"recovery\""));
}

#[test]
fn nis2_deadlines_appear_when_the_organisation_is_covered() {
    let mut workbook = example();
    workbook.manifest.organisation.nis2 = true;
    let md = export::markdown(
        &workbook,
        &[],
        &fixed_stamp(&workbook),
        today(),
        true,
        false,
    );
    assert!(md.contains("NIS2 early warning (24 h)"));
    assert!(md.contains("NIS2 notification (72 h)"));
}

#[test]
fn the_pack_follows_the_workbook_language() {
    let mut workbook = example();
    workbook.manifest.language = Language::Nl;
    let md = export::markdown(
        &workbook,
        &[],
        &fixed_stamp(&workbook),
        today(),
        false,
        true,
    );
    for heading in [
        "## Noodkaart",
        "## Herstelvolgorde",
        "## Risicoregister",
        "Belvolgorde",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    let csv = export::csv_files(&workbook, true);
    assert!(csv[0].1.starts_with("ID,Titel,Beschrijving"));
}

// ---- Hostile text -----------------------------------------------------------------

const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)> 'q' & &amp; \x1b[2J\x07\u{202e}| # - =1";

/// Puts hostile text in every kind of text field the pack shows.
fn poison(workbook: &mut Workbook) {
    let h = || HOSTILE.to_owned();
    let m = &mut workbook.manifest;
    m.organisation.name = h();
    m.organisation.address = h();
    m.organisation.chamber_of_commerce = h();
    m.organisation.sector = h();
    m.printed_copies = h();
    m.risk_scales.likelihood = vec![h(); 5];
    m.risk_scales.impact = vec![h(); 5];
    for c in &mut workbook.contacts.contacts {
        c.name = h();
        c.role = h();
        c.organisation = h();
        c.email = h();
        c.out_of_band = h();
        c.availability = h();
        c.needs = h();
        c.notes = h();
        c.phones.push(Phone {
            label: h(),
            number: h(),
        });
        c.private = PrivateDetails {
            phones: vec![Phone {
                label: h(),
                number: h(),
            }],
            email: h(),
            out_of_band: h(),
            address: h(),
            notes: h(),
        };
    }
    for call in &mut workbook.contacts.call_order {
        call.reason = h();
    }
    for step in &mut workbook.plan.first_hour {
        step.title = h();
        step.description = h();
    }
    for phase in &mut workbook.plan.phases {
        phase.title = h();
        phase.goal = h();
        for step in &mut phase.steps {
            step.title = h();
        }
    }
    for p in &mut workbook.processes.processes {
        p.name = h();
        p.minimum_service = h();
        p.workaround = h();
        p.description = h();
    }
    for s in &mut workbook.processes.systems {
        s.name = h();
        s.location = h();
        s.notes = h();
    }
    for s in &mut workbook.processes.suppliers {
        s.name = h();
        s.service = h();
        s.exit_plan = h();
    }
    for b in &mut workbook.backups.backups {
        b.what = h();
        b.method = h();
        for copy in &mut b.copies {
            copy.place = h();
        }
        for t in &mut b.restore_tests {
            t.restored = h();
            t.notes = h();
        }
    }
    for r in &mut workbook.risks.risks {
        r.title = h();
        r.category = h();
        r.description = h();
        r.measures = h();
    }
    workbook.risks.risks[0].id = Id::new(HOSTILE);
    for i in &mut workbook.incidents {
        i.title = h();
        i.declared_by = h();
        i.scenario = Some(h());
        for n in &mut i.notifications {
            n.channel = h();
            n.reference = h();
        }
        for l in &mut i.lessons {
            l.text = h();
        }
    }
}

/// The tags the HTML renderer itself writes; anything else came from the workbook.
const OUR_TAGS: &[&str] = &[
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "div", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "header", "nav", "section", "h1", "h2", "h3", "p", "dl", "dt", "dd",
    "strong", "em", "ol", "ul", "li", "a", "br", "span", "colgroup", "col", "wbr",
];

#[test]
fn html_escapes_hostile_text_in_every_kind_of_field() {
    let mut workbook = example();
    poison(&mut workbook);
    let findings = review::review(&workbook, today());
    let mut stamp = fixed_stamp(&workbook);
    stamp.commit = Some(HOSTILE.to_owned());
    let mut pages = vec![
        export::html(&workbook, &findings, &stamp, today(), false, false),
        export::html(&workbook, &findings, &stamp, today(), true, false),
    ];
    let two_pages = two_page_card(&workbook, Language::En);
    // The recovery page holds process, system and backup text from the files too.
    let recovery = &two_pages[two_pages.find("id=\"card-recovery\"").unwrap()..];
    assert!(recovery.matches("&lt;script&gt;").count() > 2);
    pages.push(two_pages.clone());
    for html in pages {
        assert!(html.matches("&lt;script&gt;").count() > 10);
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assert!(html.contains("&#39;q&#39; &amp; &amp;amp;"));
        for raw in ["<script", "<img", "\x1b", "\x07", "\u{202e}"] {
            assert!(!html.contains(raw), "{raw:?} reached the HTML unescaped");
        }
        // Every tag is one the renderer writes, and no attribute is an event handler.
        for piece in html.split('<').skip(1) {
            let name: String = piece
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect();
            assert!(
                OUR_TAGS.contains(&name.as_str()),
                "unexpected tag <{piece:.40}"
            );
            let tag = &piece[..piece.find('>').expect("closed tag")];
            assert!(
                !tag.to_lowercase().contains(" on"),
                "event handler in <{tag}>"
            );
        }
        // Phone links carry digits only.
        for href in html.split("href=\"tel:").skip(1) {
            let target = &href[..href.find('"').unwrap()];
            assert!(
                target.chars().all(|c| c.is_ascii_digit() || c == '+'),
                "{target}"
            );
        }
    }
}

#[test]
fn markdown_escapes_hostile_text_in_every_kind_of_field() {
    let mut workbook = example();
    poison(&mut workbook);
    let findings = review::review(&workbook, today());
    let md = export::markdown(
        &workbook,
        &findings,
        &fixed_stamp(&workbook),
        today(),
        false,
        false,
    );
    for (i, _) in md.match_indices('<') {
        let escaped = i > 0 && md.as_bytes()[i - 1] == b'\\';
        assert!(
            escaped || md[i..].starts_with("<br>"),
            "raw markup at {}",
            &md[i..(i + 30).min(md.len())]
        );
    }
    for (i, _) in md.match_indices('|') {
        // Every pipe from the workbook is escaped; the table's own are spaced.
        let escaped = i > 0 && md.as_bytes()[i - 1] == b'\\';
        let ours = md[..i].ends_with(' ')
            || md[..i].ends_with('\n')
            || md[i + 1..].starts_with(' ')
            || md[i + 1..].starts_with('\n')
            || md[i + 1..].starts_with('-')
            || md[i + 1..].starts_with(':');
        assert!(
            escaped || ours,
            "unescaped pipe near {}",
            &md[i.saturating_sub(20)..i + 1]
        );
    }
    assert!(!md.contains('\x1b') && !md.contains('\u{202e}'));
    // A line of workbook text never starts a heading, a list or a quote.
    assert!(md.contains("\\<script\\>"));
}

// ---- Spreadsheets -----------------------------------------------------------------

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let mut workbook = example();
    let formulas = [
        "=HYPERLINK(\"http://attacker.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ];
    for (i, formula) in formulas.iter().enumerate() {
        workbook.risks.risks[i].title = (*formula).to_owned();
        workbook.contacts.contacts[i].name = (*formula).to_owned();
        workbook.contacts.contacts[i].private.notes = (*formula).to_owned();
        workbook.processes.processes[i].workaround = (*formula).to_owned();
        workbook.backups.backups[i].what = (*formula).to_owned();
    }
    let mut seen = 0;
    for (name, content) in export::csv_files(&workbook, false) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(content.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: {cell:?} would run as a formula"
                );
                if formulas.iter().any(|f| cell == format!("'{f}")) {
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= formulas.len() * 4, "neutralised cells seen: {seen}");
}

#[test]
fn csv_export_writes_one_file_per_register() {
    let workbook = example();
    let names: Vec<String> = export::csv_files(&workbook, false)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    for register in [
        "risks.csv",
        "processes.csv",
        "systems.csv",
        "suppliers.csv",
        "contacts.csv",
        "backups.csv",
        "plan.csv",
    ] {
        assert!(names.iter().any(|n| n == register), "{register} missing");
    }
}

// ---- Redaction --------------------------------------------------------------------

/// Every value of the example's `private/contacts.ron` that does not also stand in
/// a public file (those are not private, whatever the private file says).
fn private_values() -> Vec<String> {
    let private = paraat::store::templates::example_private().unwrap();
    let public: String = paraat::store::templates::EXAMPLE
        .iter()
        .filter(|(path, _)| !path.starts_with("private/"))
        .map(|(_, text)| *text)
        .collect();
    let mut values = Vec::new();
    for c in private.contacts {
        for phone in c.phones {
            values.push(phone.number.clone());
            values.push(phone.number.chars().filter(char::is_ascii_digit).collect());
            values.push(phone.label);
        }
        values.extend([c.email, c.out_of_band, c.address, c.notes]);
    }
    values.retain(|v| !v.trim().is_empty() && !public.contains(v.as_str()));
    values.sort();
    values.dedup();
    assert!(
        values.len() > 20,
        "the example has private details to test with"
    );
    values
}

#[test]
fn redacted_output_holds_no_private_value_in_any_format() {
    let workbook = example();
    let values = private_values();
    for (name, output) in every_output(&workbook, true) {
        for value in &values {
            let escaped = paraat::export::html::escape(value);
            assert!(
                !output.contains(value.as_str()) && !output.contains(&escaped),
                "{name} leaks the private value {value:?}"
            );
        }
        // The personal number that sits in the public file by mistake goes too.
        assert!(
            !output.contains("06 55555 0177"),
            "{name} leaks a personal number"
        );
    }
    // Without --redact the same values are there (the check above can fail).
    let unredacted: String = every_output(&workbook, false)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert!(unredacted.contains("06 55555 0104"));
    assert!(unredacted.contains("Reigerhof 22, 0000 EB Zilverdam"));
}

#[test]
fn the_pack_says_at_the_top_whether_it_holds_private_details() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    let stamp = fixed_stamp(&workbook);
    let full = export::html(&workbook, &findings, &stamp, today(), false, false);
    let redacted = export::html(&workbook, &findings, &stamp, today(), false, true);
    let top = |html: &str| html[..html.find("id=\"card\"").unwrap()].to_owned();
    assert!(top(&full).contains("This copy holds private details"));
    assert!(top(&redacted).contains("Redacted copy"));
    assert!(!redacted.contains("This copy holds private details"));

    // A clone without private/ (and no personal numbers in git): the pack says it
    // holds none, in both formats.
    let mut clone = example();
    for c in &mut clone.contacts.contacts {
        c.private = PrivateDetails::default();
        let keep: Vec<Phone> = c
            .phones
            .iter()
            .filter(|p| !c.phone_is_personal(p))
            .cloned()
            .collect();
        c.phones = keep;
    }
    let html = export::html(&clone, &findings, &stamp, today(), false, false);
    assert!(
        top(&html).contains("This copy holds no private details"),
        "{}",
        top(&html)
    );
    assert!(!html.contains("This copy holds private details"));
    let md = export::markdown(&clone, &findings, &stamp, today(), false, false);
    assert!(md.contains("This copy holds no private details"));
}

#[test]
fn the_html_is_self_contained() {
    let workbook = example();
    let html = export::html(
        &workbook,
        &[],
        &fixed_stamp(&workbook),
        today(),
        false,
        false,
    );
    for external in [
        "<script", "<link", "<img", "src=", "@import", "url(", "http://", "https://",
    ] {
        assert!(!html.contains(external), "{external} in the HTML");
    }
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("@page { size: A4"));
    // The stamp is in the footer that repeats on every printed page.
    assert!(html.contains("<div class=\"stamp-footer\">Museum De Zilveren Reiger · generated 2026-12-01 10:30 (+01:00) · commit 0123456789ab (with uncommitted changes)"));
}

#[test]
fn out_of_band_lines_say_each_channel_once_and_point_only_to_what_is_there() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    let stamp = fixed_stamp(&workbook);
    for redact in [false, true] {
        let md = export::markdown(&workbook, &findings, &stamp, today(), false, redact);
        for line in md.lines().filter(|l| l.contains("Out of band: ")) {
            for cell in line.split("Out of band: ").skip(1) {
                let channels = cell.split(['<', '|']).next().unwrap_or_default();
                let parts: Vec<String> = channels.split("; ").map(str::to_lowercase).collect();
                let mut unique = parts.clone();
                unique.dedup();
                assert_eq!(parts.len(), unique.len(), "{channels}");
                if !redact {
                    // The private channel is shown: no pointer to the private file.
                    assert!(!channels.contains("private file"), "{channels}");
                }
            }
        }
        // "Knock at home (address below)" only with the address below it.
        for line in md.lines().filter(|l| l.contains("(address below)")) {
            assert!(!redact, "a redacted pack shows no home address: {line}");
            let after = &line[line.find("(address below)").unwrap()..];
            assert!(after.contains("Address: "), "{line}");
        }
    }
}

#[test]
fn the_review_and_redact_agree_on_which_phone_numbers_are_personal() {
    let mut workbook = example();
    let labels = [
        "Mobile",
        "Mobiel",
        "Work mobile",
        "Werk mobiel",
        "Home",
        "Thuis",
        "Privé",
        "Office",
        "24/7 line",
        "Personal cell",
        "GSM",
        "On-call mobile",
        "Kantoor",
        "Eigen nummer",
    ];
    let kinds = [
        ContactKind::Internal,
        ContactKind::Supplier,
        ContactKind::Authority,
    ];
    let mut cases = Vec::new();
    for (k, kind) in kinds.iter().enumerate() {
        for (l, label) in labels.iter().enumerate() {
            let id = Id::with_number("C", 900 + (k * 100 + l) as u32, 3);
            let number = format!("06 77{k}{l:02} 0{l:02}{k}");
            let mut contact = workbook.contacts.contacts[0].clone();
            contact.id = id.clone();
            contact.name = format!("Person {k}-{l}");
            contact.kind = *kind;
            contact.phones = vec![Phone {
                label: (*label).into(),
                number: number.clone(),
            }];
            contact.private = PrivateDetails::default();
            workbook.contacts.contacts.push(contact);
            cases.push((id, number));
        }
    }
    let flagged: Vec<Id> = review::review(&workbook, today())
        .into_iter()
        .filter(|f| f.code == review::Code::PrivatePhoneInPublicFile)
        .filter_map(|f| f.record.map(|r| r.id))
        .collect();
    let redacted = every_output(&workbook, true);
    let full = every_output(&workbook, false);
    let mut personal = 0;
    for (id, number) in &cases {
        let is_flagged = flagged.contains(id);
        personal += usize::from(is_flagged);
        for (name, text) in &redacted {
            if name.contains("card") || !(name.contains("html") || name.contains("contacts")) {
                continue;
            }
            assert_eq!(
                !text.contains(number.as_str()),
                is_flagged,
                "{id} ({number}) in {name}: the review says personal = {is_flagged}"
            );
        }
        let shown = full
            .iter()
            .any(|(name, text)| name.contains("contacts") && text.contains(number.as_str()));
        assert!(shown, "{id}: an unredacted export shows every number");
    }
    assert!(
        personal > 5 && personal < cases.len(),
        "the labels cover both sides"
    );
}

/// The print style sheet of an HTML export (everything from `@page` to the phone
/// rules).
fn print_css(html: &str) -> &str {
    let start = html.find("@page").expect("a print style sheet");
    let end = html
        .find("@media screen and (max-width")
        .expect("phone rules");
    &html[start..end]
}

/// Every `font-size: N pt` in a piece of CSS.
fn point_sizes(css: &str) -> Vec<f64> {
    css.split("font-size:")
        .skip(1)
        .filter_map(|rest| rest.trim_start().split("pt").next())
        .filter_map(|n| n.trim().parse::<f64>().ok())
        .collect()
}

#[test]
fn the_printed_emergency_card_is_at_least_8_pt_and_keeps_to_one_page() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    let stamp = fixed_stamp(&workbook);
    let card = export::html(&workbook, &findings, &stamp, today(), true, false);
    let css = print_css(&card);
    let sizes = point_sizes(css);
    assert!(!sizes.is_empty(), "print sizes in points");
    for size in &sizes {
        assert!(*size >= 8.0, "{size} pt in the print style sheet");
    }
    assert!(css.contains(".compact { font-size: 8pt;"));
    // Nothing set smaller than the card's own size within it.
    for rule in css.lines().filter(|l| l.contains(".compact")) {
        if let Some(em) = rule.split("font-size:").nth(1)
            && let Some(n) = em.trim_start().split("em;").next()
            && let Ok(n) = n.trim().parse::<f64>()
        {
            assert!(n >= 1.0, "{rule}");
        }
    }
    // What keeps it to one page: the first-hour steps are there by title and role
    // only; their descriptions are in the full pack's card.
    for step in &workbook.plan.first_hour {
        assert!(card.contains(&html_escaped(&step.title)), "{}", step.title);
        assert!(
            !card.contains(&html_escaped(&step.description)),
            "{}'s description on the one-page card",
            step.id
        );
    }
    let pack = export::html(&workbook, &findings, &stamp, today(), false, false);
    for step in &workbook.plan.first_hour {
        assert!(
            pack.contains(&html_escaped(&step.description)),
            "{}",
            step.id
        );
    }
    // The card the measurement was made with (one A4 page in Chromium): four roles,
    // eight calls, ten first-hour steps. A larger card continues on a second page.
    assert_eq!(workbook.contacts.crisis_roles.len(), 4);
    assert_eq!(workbook.contacts.call_order.len(), 8);
    assert_eq!(workbook.plan.first_hour.len(), 10);
    assert!(!card.contains("id=\"card-recovery\""));
}

fn html_escaped(text: &str) -> String {
    export::html::escape(text)
}

#[test]
fn table_cells_wrap_between_words_never_inside_one() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    let stamp = fixed_stamp(&workbook);
    let html = export::html(&workbook, &findings, &stamp, today(), false, false);
    let before_phones = &html[..html.find("@media screen and (max-width").unwrap()];
    assert!(before_phones.contains("overflow-wrap: normal; word-break: normal; hyphens: auto;"));
    for breaking in ["break-word", "break-all", "anywhere"] {
        assert!(
            !before_phones.contains(breaking),
            "{breaking} in the print CSS"
        );
    }
    // The widths the pack asks for are a wish: a column is never narrower than its
    // longest word (a fixed layout would let the word run into the next column).
    assert!(!before_phones.contains("table-layout: fixed"));
    // A finding's code may break after an underscore, and only there.
    assert!(html.contains("CRITICAL_<wbr>WITHOUT_<wbr>BACKUP"));
    // Hyphenation needs the language.
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let mut dutch = example();
    dutch.manifest.language = Language::Nl;
    let nl = export::html(&dutch, &findings, &stamp, today(), false, false);
    assert!(nl.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
}

fn two_page_card(workbook: &Workbook, lang: Language) -> String {
    let wb = TestWorkbook::example();
    let mut workbook = workbook.clone();
    workbook.manifest.language = lang;
    let options = export::ExportOptions {
        format: export::ExportFormat::Html,
        card_only: true,
        two_pages: true,
        redact: false,
        output: wb.path().join("card.html"),
        zone: amsterdam_winter(),
    };
    export::render_partial(
        &workbook,
        &[],
        wb.path(),
        today(),
        Timestamp::parse("2026-12-01T09:30:00Z").unwrap(),
        &options,
    )
    .expect("renders")
}

#[test]
fn the_two_page_card_puts_the_recovery_order_on_its_second_page() {
    let workbook = example();
    for (lang, title, no_workaround) in [
        (
            Language::En,
            "Recovery order",
            "no manual workaround recorded",
        ),
        (
            Language::Nl,
            "Herstelvolgorde",
            "geen handmatige noodoplossing vastgelegd",
        ),
    ] {
        let html = two_page_card(&workbook, lang);
        let card = html.find("id=\"card\"").expect("the card");
        let second = html.find("id=\"card-recovery\"").expect("the second page");
        assert!(card < second);
        // Only the card: no contents, no other parts of the pack.
        assert!(html.contains("<body class=\"card-only\">"));
        assert!(!html.contains("id=\"recovery\"") && !html.contains("id=\"contacts\""));
        let page = &html[second..];
        // A section of its own, so it starts a new page, and titled.
        assert!(html[..second].ends_with("<section "));
        assert!(page.contains(&format!("<h2>{title}</h2>")));
        // Processes in the pack's recovery order (recovery_order first), with the
        // systems and the backups that cover them, from the workbook.
        let mut last = 0;
        let mut ordered: Vec<&Process> = workbook.processes.processes.iter().collect();
        ordered.sort_by_key(|p| {
            (
                p.recovery_order.is_none(),
                p.recovery_order,
                p.criticality,
                p.rto.map_or(u64::MAX, |d| d.minutes()),
                p.id.clone(),
            )
        });
        for process in ordered {
            let at = page
                .find(&format!("({})", process.id))
                .unwrap_or_else(|| panic!("{} on the second page", process.id));
            assert!(at > last, "{} out of order", process.id);
            last = at;
            for id in &process.systems {
                let system = workbook
                    .processes
                    .systems
                    .iter()
                    .find(|s| &s.id == id)
                    .unwrap();
                assert!(
                    page.contains(&html_escaped(&system.name)),
                    "{}",
                    system.name
                );
            }
        }
        for backup in &workbook.backups.backups {
            assert!(
                page.contains(&format!("<strong>{}</strong>", backup.id)),
                "{}",
                backup.id
            );
        }
        // An id or a date is never split over two lines.
        assert!(page.contains("<span class=\"whole\">(P-001)</span>"));
        assert!(page.contains("<span class=\"whole\">2026-11-30</span>"));
        // A process without a workaround says so.
        if workbook
            .processes
            .processes
            .iter()
            .any(|p| p.workaround.trim().is_empty())
        {
            assert!(page.contains(no_workaround), "{lang:?}");
        }
    }
}

#[test]
fn times_in_the_pack_are_local_and_the_files_keep_utc() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    let stamp = fixed_stamp(&workbook);
    let md = export::markdown(&workbook, &findings, &stamp, today(), false, false);
    // 09:30 UTC is 10:30 in Amsterdam in winter.
    assert!(md.contains("2026-12-01 10:30 (+01:00)"));
    assert!(!md.contains("09:30:00Z"));
    // The tabletop closed at 10:45 UTC; the pack shows it in the reader's zone.
    assert!(md.contains("2025-06-12 11:45 (+01:00)"), "closed at, local");
    assert!(!md.contains("T10:45:00Z"));
    let wb = TestWorkbook::example();
    assert!(
        wb.read("incidents/2025-06-12-tabletop-ransomware.ron")
            .contains("\"2025-06-12T10:45:00Z\"")
    );
}

/// Prints `html` to PDF with headless Chromium and counts the pages.
fn chromium_pages(html: &str) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("card.html");
    let pdf = dir.path().join("card.pdf");
    std::fs::write(&page, html).unwrap();
    let status = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium runs (apt-get install chromium)");
    assert!(status.success());
    let bytes = std::fs::read(&pdf).unwrap();
    // Page objects are `/Type /Page` (the page tree is `/Type /Pages`).
    (0..bytes.len())
        .filter(|&at| {
            let Some(rest) = bytes[at..].strip_prefix(b"/Type") else {
                return false;
            };
            let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let rest = &rest[skip..];
            rest.starts_with(b"/Page") && rest.get(5) != Some(&b's')
        })
        .count()
}

/// The measurement behind the 8 pt card: the example museum's card on one A4
/// page, the two-page card on two, in both languages. Needs Chromium, so it runs
/// on request: `cargo test --test export -- --ignored`.
#[test]
#[ignore = "needs headless Chromium"]
fn the_example_card_prints_on_one_a4_page_and_the_two_page_card_on_two() {
    let workbook = example();
    let findings = review::review(&workbook, today());
    for lang in [Language::En, Language::Nl] {
        let mut workbook = workbook.clone();
        workbook.manifest.language = lang;
        let stamp = fixed_stamp(&workbook);
        let card = export::html(&workbook, &findings, &stamp, today(), true, false);
        assert_eq!(chromium_pages(&card), 1, "{lang:?} card");
        assert_eq!(
            chromium_pages(&two_page_card(&workbook, lang)),
            2,
            "{lang:?} two-page card"
        );
    }
}
