//! What the offline pack holds, in what order: most urgent first.
//!
//! 1. The emergency card: who decides, the crisis roles with their numbers and
//!    out-of-band channels, the call order, the first-hour steps, the deadlines
//!    that start running, and the organisation's details the report forms ask for.
//! 2. The recovery order: processes in the order they come back, each with what it
//!    needs (systems, suppliers and their incident contacts, backups and how the
//!    last restore test went).
//! 3. Contacts, backups, risks (with a heat map), the plan, open findings, and
//!    incidents and exercises.
//!
//! Redaction happens here, once, for both formats: with `redact` no private detail
//! (anything from `private/`, and public phone numbers labelled as personal) is put
//! into the document at all, so no renderer can leak one.

use super::Stamp;
use super::document::*;
use super::words::{Words, words};
use crate::model::labels::{Label, duration_words};
use crate::model::*;
use crate::review::{Area, Finding, Index};

/// What to make: the whole pack, or only the emergency card on one A4 page, or the
/// card on two pages with the recovery order on the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Pack,
    Card,
    TwoPageCard,
}

impl Shape {
    /// From the export's choices (`--card`, `--pages 2`).
    pub fn of(card_only: bool, two_pages: bool) -> Shape {
        match (card_only, two_pages) {
            (false, _) => Shape::Pack,
            (true, false) => Shape::Card,
            (true, true) => Shape::TwoPageCard,
        }
    }
}

/// Builds the document.
pub fn build(
    workbook: &Workbook,
    findings: &[Finding],
    stamp: &Stamp,
    today: Date,
    shape: Shape,
    redact: bool,
) -> Document {
    let pack = Pack::new(workbook, findings, today, stamp.zone, redact);
    let w = pack.w;
    let card_only = shape != Shape::Pack;
    let mut sections = vec![pack.card(card_only)];
    if shape == Shape::TwoPageCard {
        sections.push(pack.card_recovery());
    }
    if !card_only {
        sections.extend([
            pack.recovery(),
            pack.contacts(),
            pack.backups(),
            pack.risks(),
            pack.plan(),
            pack.findings(),
            pack.incidents(),
        ]);
    }
    let org = &workbook.manifest.organisation.name;
    let title = if card_only {
        format!("{} — {org}", w.card_title())
    } else {
        format!("{} — {org}", w.pack_title())
    };
    let (notice, notice_text) = if redact {
        (Notice::Redacted, w.redacted_notice().to_owned())
    } else if holds_private(workbook) {
        (Notice::Private, w.private_notice().to_owned())
    } else {
        (Notice::NoPrivate, w.no_private_notice().to_owned())
    };
    Document {
        lang: workbook.language().code(),
        title,
        notice,
        notice_text,
        stamp: stamp_facts(stamp, w),
        stamp_line: stamp_line(stamp, w),
        contents_label: w.contents().to_owned(),
        card_only,
        sections,
    }
}

fn commit_words(stamp: &Stamp, w: &Words) -> String {
    let commit = match &stamp.commit {
        Some(commit) => commit.clone(),
        None => w.no_commit().to_owned(),
    };
    if stamp.uncommitted_changes {
        format!("{commit} ({})", w.uncommitted_changes())
    } else {
        commit
    }
}

fn printed_copies(stamp: &Stamp, w: &Words) -> String {
    if stamp.printed_copies.trim().is_empty() {
        w.not_recorded().to_owned()
    } else {
        stamp.printed_copies.clone()
    }
}

fn stamp_facts(stamp: &Stamp, w: &Words) -> Vec<(String, String)> {
    vec![
        (w.organisation().to_owned(), stamp.organisation.clone()),
        (
            w.generated_at().to_owned(),
            stamp.zone.when(stamp.generated_at),
        ),
        (w.workbook_commit().to_owned(), commit_words(stamp, w)),
        (w.printed_copies().to_owned(), printed_copies(stamp, w)),
    ]
}

fn stamp_line(stamp: &Stamp, w: &Words) -> String {
    let commit = match &stamp.commit {
        Some(_) => format!("{} {}", w.commit_short(), commit_words(stamp, w)),
        None => commit_words(stamp, w),
    };
    format!(
        "{} · {} {} · {commit} · {}: {}",
        stamp.organisation,
        w.generated_at_short(),
        stamp.zone.when(stamp.generated_at),
        w.printed_copies(),
        printed_copies(stamp, w)
    )
}

/// Whether a public out-of-band part only points to the private file ("home
/// landline in the private file", "adres in het privébestand").
fn points_to_private(part: &str) -> bool {
    let part = part.to_lowercase();
    ["private file", "private/", "privébestand", "privé-bestand"]
        .iter()
        .any(|p| part.contains(p))
}

/// Whether an out-of-band part sends the reader to the address shown with it.
fn points_to_address_below(part: &str) -> bool {
    let part = part.to_lowercase();
    ["address below", "adres hieronder", "adres zie onder"]
        .iter()
        .any(|p| part.contains(p))
}

/// Whether the workbook has private details to put in a pack: anything from
/// `private/`, or a public phone that is personal (a clone without `private/`
/// has none).
pub fn holds_private(workbook: &Workbook) -> bool {
    workbook
        .contacts
        .contacts
        .iter()
        .any(|c| !c.private.is_empty() || c.phones.iter().any(|p| c.phone_is_personal(p)))
}

/// The phone numbers of a contact that may be shown: public ones (without the
/// personal ones by [`Contact::phone_is_personal`] when redacting, the same rule
/// the review reports them by) and, unless redacting, the private ones.
pub fn shown_phones(contact: &Contact, redact: bool) -> Vec<&Phone> {
    let public = contact
        .phones
        .iter()
        .filter(move |p| !(redact && contact.phone_is_personal(p)));
    let private = contact.private.phones.iter().filter(move |_| !redact);
    public
        .chain(private)
        .filter(|p| !p.number.trim().is_empty())
        .collect()
}

struct Pack<'a> {
    workbook: &'a Workbook,
    findings: &'a [Finding],
    today: Date,
    /// Where times are shown (files keep UTC).
    zone: Zone,
    redact: bool,
    lang: Language,
    w: &'static Words,
    /// The records by id, as the review looks them up.
    index: Index<'a>,
}

impl<'a> Pack<'a> {
    fn new(
        workbook: &'a Workbook,
        findings: &'a [Finding],
        today: Date,
        zone: Zone,
        redact: bool,
    ) -> Self {
        let lang = workbook.language();
        Pack {
            workbook,
            findings,
            today,
            zone,
            redact,
            lang,
            w: words(lang),
            index: Index::new(workbook),
        }
    }

    fn label(&self, value: impl Label) -> &'static str {
        value.label(self.lang)
    }

    fn duration(&self, duration: Option<Duration>) -> String {
        duration.map_or_else(|| "–".to_owned(), |d| duration_words(d, self.lang))
    }

    fn yes_no(&self, value: bool) -> &'static str {
        if value { self.w.yes() } else { self.w.no() }
    }

    /// A contact's name, or the id with a mark when it does not exist.
    fn contact_name(&self, id: Option<&Id>) -> Text {
        match id {
            None => Text::plain("–"),
            Some(id) => match self.index.contact().get(id.as_str()) {
                Some(c) => Text::plain(c.name.clone()),
                None => Text::flag(format!("{id} ({})", self.w.unknown_record())),
            },
        }
    }

    /// Every phone number of a contact, one per line, `label: number`.
    fn phones(&self, contact: &Contact) -> Text {
        self.phone_list(contact, false)
    }

    /// Every phone number of a contact on one line, separated by ` · ` (the card).
    fn phones_inline(&self, contact: &Contact) -> Text {
        self.phone_list(contact, true)
    }

    fn phone_list(&self, contact: &Contact, inline: bool) -> Text {
        let mut text = Text::new();
        for phone in shown_phones(contact, self.redact) {
            if inline {
                if !text.is_empty() {
                    text.add(" · ");
                }
            } else {
                text.line();
            }
            if !phone.label.trim().is_empty() {
                text.add(format!("{}: ", phone.label.trim()));
            }
            text.push(Span::Phone(phone.number.trim().to_owned()));
        }
        if text.is_empty() {
            text.push(Span::Flag(self.w.no_phone().to_owned()));
        }
        text
    }

    /// The out-of-band channels that may be shown (the private one unless
    /// redacting), each once: the parts (split at `;`) are kept in order without
    /// repeats, and with the private channel shown, a public part that only points
    /// to the private file ("home landline in the private file") is left out.
    fn channels<'c>(&self, contact: &'c Contact) -> Vec<&'c str> {
        let public = contact.out_of_band.split(';').map(str::trim);
        let private = contact.private.out_of_band.trim();
        let shows_private = !self.redact && !private.is_empty();
        // "Knock at home (address below)" only where the address is shown.
        let address_shown = !self.redact && !contact.private.address.trim().is_empty();
        let mut channels: Vec<&str> = Vec::new();
        let private_parts = private.split(';').map(str::trim).filter(|_| shows_private);
        for part in public
            .filter(|p| !(shows_private && points_to_private(p)))
            .chain(private_parts)
        {
            let seen = channels.iter().any(|c| c.eq_ignore_ascii_case(part));
            let dangling = !address_shown && points_to_address_below(part);
            if !part.is_empty() && !seen && !dangling {
                channels.push(part);
            }
        }
        channels
    }

    /// A contact's name in bold and the first number to dial.
    fn name_and_phone(&self, id: Option<&Id>) -> Text {
        let Some(id) = id else {
            return Text::flag(self.w.not_assigned());
        };
        let Some(contact) = self.index.contact().get(id.as_str()) else {
            return Text::flag(format!("{id} ({})", self.w.unknown_record()));
        };
        let mut text = Text::strong(contact.name.clone());
        if let Some(phone) = shown_phones(contact, self.redact).first() {
            text.add(" ")
                .push(Span::Phone(phone.number.trim().to_owned()));
        }
        text
    }

    /// A person for the card: name, role, phones, out-of-band channel.
    fn person(&self, id: Option<&Id>) -> Text {
        let Some(id) = id else {
            return Text::flag(self.w.not_assigned());
        };
        let Some(contact) = self.index.contact().get(id.as_str()) else {
            return Text::flag(format!("{id} ({})", self.w.unknown_record()));
        };
        let mut text = Text::strong(contact.name.clone());
        if !contact.role.trim().is_empty() {
            text.add(format!(" — {}", contact.role.trim()));
        }
        text.append_line(self.phones_inline(contact));
        let channels = self.channels(contact);
        if channels.is_empty() {
            text.line()
                .push(Span::Flag(self.w.no_out_of_band().to_owned()));
        } else {
            text.line()
                .add(format!("{}: {}", self.w.out_of_band(), channels.join("; ")));
        }
        // The home address, when a channel sends the reader to it ("knock at
        // home (address below)") and the private details are in.
        let address = contact.private.address.trim();
        if !self.redact
            && !address.is_empty()
            && channels.iter().any(|c| points_to_address_below(c))
        {
            text.line().add(format!("{}: {address}", self.w.address()));
        }
        text
    }

    // ---- 1. The emergency card ------------------------------------------------

    /// The card; `short` (the printed card alone) keeps the first-hour steps to
    /// their titles and roles, so it fits one A4 page; the full pack has them in full.
    fn card(&self, short: bool) -> Section {
        let w = self.w;
        let roles = &self.workbook.contacts;
        let mut blocks = Vec::new();

        let decider = self.workbook.crisis_role(RoleKind::DecisionMaker);
        let mut who = Text::strong(format!("{}:", w.who_decides()));
        who.add(format!(" {} ", w.who_decides_explained()));
        who.0.extend(
            self.name_and_phone(decider.and_then(|r| r.primary.as_ref()))
                .0,
        );
        who.add(format!(" · {}: ", w.deputy()));
        match decider.and_then(|r| r.deputy.as_ref()) {
            Some(id) => who.0.extend(self.name_and_phone(Some(id)).0),
            None => {
                who.push(Span::Flag(w.no_deputy().to_owned()));
            }
        }
        blocks.push(Block::Paragraph(who));

        blocks.push(Block::Heading(Text::plain(w.crisis_roles())));
        let mut rows = Vec::new();
        for role in RoleKind::ALL {
            let held = roles.crisis_roles.iter().find(|r| r.role == role);
            let deputy = match held.and_then(|r| r.deputy.as_ref()) {
                Some(id) => self.person(Some(id)),
                None => Text::flag(w.no_deputy()),
            };
            rows.push(vec![
                Text::strong(self.label(role)),
                self.person(held.and_then(|r| r.primary.as_ref())),
                deputy,
            ]);
        }
        blocks.push(sized_table(
            &[w.role(), w.primary(), w.deputy()],
            &[16, 42, 42],
            rows,
        ));

        blocks.push(Block::Heading(Text::plain(w.call_order())));
        if roles.call_order.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_call_order())));
        } else {
            let rows = roles
                .call_order
                .iter()
                .enumerate()
                .map(|(i, call)| {
                    let (who, phones) = match self.index.contact().get(call.contact.as_str()) {
                        Some(c) => {
                            let mut who = Text::strong(c.name.clone());
                            let own = self.workbook.manifest.organisation.name.trim();
                            if !c.organisation.trim().is_empty() && c.organisation.trim() != own {
                                who.line().add(c.organisation.trim());
                            }
                            (who, self.phones_inline(c))
                        }
                        None => (
                            Text::flag(format!("{} ({})", call.contact, w.unknown_record())),
                            Text::new(),
                        ),
                    };
                    vec![
                        Text::plain((i + 1).to_string()),
                        who,
                        phones,
                        Text::plain(call.reason.clone()),
                    ]
                })
                .collect();
            blocks.push(sized_table(
                &["#", w.call(), w.phone(), w.when_and_why()],
                &[3, 20, 35, 42],
                rows,
            ));
        }

        blocks.push(Block::Heading(Text::plain(w.first_hour())));
        let steps = &self.workbook.plan.first_hour;
        if steps.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_first_hour())));
        } else {
            let items = steps
                .iter()
                .map(|step| {
                    let mut text = Text::strong(step.title.clone());
                    if let Some(role) = step.role {
                        text.add(format!(" ({})", self.label(role)));
                    }
                    if !short && !step.description.trim().is_empty() {
                        text.line().add(step.description.trim());
                    }
                    text
                })
                .collect();
            blocks.push(Block::List {
                ordered: true,
                items,
            });
        }

        blocks.push(Block::Heading(Text::plain(w.deadlines())));
        blocks.push(self.deadlines());

        blocks.push(Block::Heading(Text::plain(w.for_the_reports())));
        blocks.push(self.organisation_facts());

        Section {
            anchor: "card",
            title: w.card_title().to_owned(),
            compact: true,
            blocks,
        }
    }

    /// The first contact that is this authority, or of this kind.
    fn contact_where(&self, wanted: impl Fn(&Contact) -> bool) -> Option<&'a Contact> {
        self.workbook.contacts.contacts.iter().find(|c| wanted(c))
    }

    fn report_to(&self, contact: Option<&Contact>) -> Text {
        match contact {
            Some(c) => {
                let mut text = Text::strong(c.name.clone());
                for phone in shown_phones(c, self.redact) {
                    text.line();
                    text.push(Span::Phone(phone.number.trim().to_owned()));
                }
                if !c.email.trim().is_empty() {
                    text.line().add(c.email.trim());
                }
                text
            }
            None => Text::flag(self.w.no_contact_for_deadline()),
        }
    }

    fn deadlines(&self) -> Block {
        let w = self.w;
        let org = &self.workbook.manifest.organisation;
        let authority = |a: Authority| move |c: &Contact| c.authority == Some(a);
        let mut rows = vec![vec![
            Text::strong(self.label(Deadline::DataProtection)),
            Text::plain(w.data_breach_clock()),
            self.report_to(self.contact_where(authority(Authority::DataProtection))),
        ]];
        if org.nis2 {
            let csirt = self
                .contact_where(authority(Authority::SectorCsirt))
                .or_else(|| self.contact_where(authority(Authority::CyberSecurityCentre)));
            rows.push(vec![
                Text::strong(self.label(Deadline::Nis2EarlyWarning)),
                Text::plain(w.nis2_early_clock()),
                self.report_to(csirt),
            ]);
            rows.push(vec![
                Text::strong(self.label(Deadline::Nis2Notification)),
                Text::plain(w.nis2_notification_clock()),
                self.report_to(csirt),
            ]);
        }
        if let Some(window) = org.insurer_window {
            rows.push(vec![
                Text::strong(format!(
                    "{} ({})",
                    self.label(Deadline::Insurer),
                    duration_words(window, self.lang)
                )),
                Text::plain(w.insurer_clock()),
                self.report_to(self.contact_where(|c| c.kind == ContactKind::Insurer)),
            ]);
        }
        sized_table(
            &[w.deadline(), w.clock(), w.report_to()],
            &[22, 40, 38],
            rows,
        )
    }

    fn organisation_facts(&self) -> Block {
        let w = self.w;
        let org = &self.workbook.manifest.organisation;
        let or_dash = |s: &str| {
            if s.trim().is_empty() {
                Text::flag(w.not_recorded())
            } else {
                Text::plain(s.trim())
            }
        };
        let mut address = org.address.trim().to_owned();
        if address.is_empty() {
            address = org.city.trim().to_owned();
        }
        let notifier = match org.notifier.as_ref() {
            None => Text::flag(w.not_recorded()),
            Some(id) => match self.index.contact().get(id.as_str()) {
                Some(c) => {
                    let mut text = Text::plain(c.name.clone());
                    if !c.role.trim().is_empty() {
                        text.add(format!(", {}", c.role.trim()));
                    }
                    if let Some(phone) = shown_phones(c, self.redact).first() {
                        text.add(" — ")
                            .push(Span::Phone(phone.number.trim().to_owned()));
                    }
                    if !c.email.trim().is_empty() {
                        text.add(format!(" — {}", c.email.trim()));
                    }
                    text
                }
                None => Text::flag(format!("{id} ({})", w.unknown_record())),
            },
        };
        Block::Facts(vec![
            (w.organisation().to_owned(), or_dash(&org.name)),
            (
                w.chamber_of_commerce().to_owned(),
                or_dash(&org.chamber_of_commerce),
            ),
            (w.address().to_owned(), or_dash(&address)),
            (w.sector().to_owned(), or_dash(&org.sector)),
            (
                w.nis2_applies().to_owned(),
                Text::plain(self.yes_no(org.nis2)),
            ),
            (
                w.insurance_policy().to_owned(),
                or_dash(&org.insurance_policy),
            ),
            (w.notifier().to_owned(), notifier),
        ])
    }

    // ---- 2. The recovery order --------------------------------------------------

    /// Processes in the order they come back: the explicit recovery order first,
    /// then the rest by criticality and RTO.
    fn recovery_order(&self) -> Vec<&'a Process> {
        let mut processes: Vec<&Process> = self.workbook.processes.processes.iter().collect();
        processes.sort_by_key(|p| {
            (
                p.recovery_order.is_none(),
                p.recovery_order,
                p.criticality,
                p.rto.map_or(u64::MAX, Duration::minutes),
                p.id.clone(),
            )
        });
        processes
    }

    fn recovery(&self) -> Section {
        let w = self.w;
        let order = self.recovery_order();
        let mut blocks = Vec::new();
        if order.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_processes())));
        } else {
            blocks.push(Block::Paragraph(Text::plain(w.recovery_explained())));
            let rows = order
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    vec![
                        Text::plain((i + 1).to_string()),
                        Text::plain(format!("{} ({})", p.name, p.id)),
                        Text::plain(self.label(p.criticality)),
                        Text::plain(self.duration(p.mtd)),
                        Text::plain(self.duration(p.rto)),
                        Text::plain(self.duration(p.rpo)),
                    ]
                })
                .collect();
            blocks.push(table(
                &["#", w.process(), w.criticality(), "MTD", "RTO", "RPO"],
                rows,
            ));
        }
        for (i, process) in order.iter().enumerate() {
            blocks.push(self.process_details(i + 1, process));
        }
        Section {
            anchor: "recovery",
            title: w.recovery_title().to_owned(),
            compact: false,
            blocks,
        }
    }

    /// The second page of the two-page card: the recovery order in one table, each
    /// process with its RTO, its systems and where they are, and the backups that
    /// cover them (where the copies are, the last successful run).
    fn card_recovery(&self) -> Section {
        let w = self.w;
        let order = self.recovery_order();
        let mut blocks = Vec::new();
        if order.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_processes())));
        } else {
            blocks.push(Block::Paragraph(Text::plain(w.recovery_explained())));
            let rows = order
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let mut process = Text::strong(p.name.clone());
                    process.add(" ").add_whole(format!("({})", p.id));
                    process.line().add(self.label(p.criticality));
                    let mut times = Text::plain("RTO ");
                    times.add_whole(self.duration(p.rto));
                    times.line().add("RPO ").add_whole(self.duration(p.rpo));
                    let mut systems = Text::new();
                    for id in &p.systems {
                        systems.line();
                        match self.index.system().get(id.as_str()) {
                            Some(s) => {
                                systems.add(s.name.clone());
                            }
                            None => {
                                systems.push(Span::Flag(format!("{id} ({})", w.unknown_record())));
                            }
                        }
                    }
                    if systems.is_empty() {
                        systems.add("–");
                    }
                    let backups = self.backups_of(p);
                    let mut backup_text = Text::new();
                    for backup in &backups {
                        backup_text.line();
                        backup_text.add_strong(backup.id.to_string());
                        backup_text.add(format!(
                            ": {}; {}: ",
                            self.copies_short(backup),
                            w.last_success()
                        ));
                        backup_text.add_whole(
                            backup
                                .last_success
                                .map_or_else(|| "–".to_owned(), |d| d.to_string()),
                        );
                    }
                    if backups.is_empty() {
                        backup_text = Text::flag(w.no_backups_for_process());
                    }
                    let workaround = if p.workaround.trim().is_empty() {
                        Text::flag(w.no_workaround())
                    } else {
                        Text::plain(p.workaround.trim())
                    };
                    vec![
                        Text::plain((i + 1).to_string()),
                        process,
                        times,
                        systems,
                        backup_text,
                        workaround,
                    ]
                })
                .collect();
            blocks.push(sized_table(
                &[
                    "#",
                    w.process(),
                    "RTO / RPO",
                    w.systems(),
                    w.backups(),
                    w.workaround(),
                ],
                &[3, 17, 11, 20, 23, 26],
                rows,
            ));
        }
        Section {
            anchor: "card-recovery",
            title: w.recovery_title().to_owned(),
            compact: true,
            blocks,
        }
    }

    /// The backups that cover a process's systems, each once.
    fn backups_of(&self, p: &Process) -> Vec<&'a Backup> {
        let mut backups: Vec<&Backup> = Vec::new();
        for id in &p.systems {
            for backup in self
                .index
                .backups_of_system()
                .get(id.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if !backups.iter().any(|b| b.id == backup.id) {
                    backups.push(backup);
                }
            }
        }
        backups
    }

    fn process_details(&self, position: usize, p: &Process) -> Block {
        let w = self.w;
        let mut facts = vec![(
            w.criticality().to_owned(),
            Text::plain(format!(
                "{} · MTD {} · RTO {} · RPO {}",
                self.label(p.criticality),
                self.duration(p.mtd),
                self.duration(p.rto),
                self.duration(p.rpo)
            )),
        )];
        if let Some(owner) = p.owner.as_ref() {
            let mut text = self.contact_name(Some(owner));
            if let Some(c) = self.index.contact().get(owner.as_str())
                && let Some(phone) = shown_phones(c, self.redact).first()
            {
                text.add(" — ")
                    .push(Span::Phone(phone.number.trim().to_owned()));
            }
            facts.push((w.owner().to_owned(), text));
        }
        if !p.minimum_service.trim().is_empty() {
            facts.push((
                w.minimum_service().to_owned(),
                Text::plain(p.minimum_service.trim()),
            ));
        }
        let workaround = if p.workaround.trim().is_empty() {
            Text::flag(w.no_workaround())
        } else {
            Text::plain(p.workaround.trim())
        };
        facts.push((w.workaround().to_owned(), workaround));

        let mut systems = Text::new();
        for id in &p.systems {
            systems.line();
            match self.index.system().get(id.as_str()) {
                Some(s) => {
                    systems.add_strong(s.name.clone());
                    systems.add(format!(" ({id}) — {}", self.label(s.kind)));
                    if !s.location.trim().is_empty() {
                        systems.add(format!("; {}", s.location.trim()));
                    }
                }
                None => {
                    systems.push(Span::Flag(format!("{id} ({})", w.unknown_record())));
                }
            }
        }
        if systems.is_empty() {
            systems.add("–");
        }
        facts.push((w.systems().to_owned(), systems));

        // Suppliers named on the process and those of its systems.
        let mut supplier_ids: Vec<&Id> = p.suppliers.iter().collect();
        for id in &p.systems {
            if let Some(supplier) = self
                .index
                .system()
                .get(id.as_str())
                .and_then(|s| s.supplier.as_ref())
                && !supplier_ids.contains(&supplier)
            {
                supplier_ids.push(supplier);
            }
        }
        let mut suppliers = Text::new();
        for id in supplier_ids {
            suppliers.line();
            match self.index.supplier().get(id.as_str()) {
                Some(s) => {
                    suppliers.add_strong(s.name.clone());
                    if !s.service.trim().is_empty() {
                        suppliers.add(format!(" — {}", s.service.trim()));
                    }
                    suppliers.line().add(format!("{}: ", w.incident_contact()));
                    match s.incident_contact.as_ref() {
                        Some(cid) => match self.index.contact().get(cid.as_str()) {
                            Some(c) => {
                                suppliers.add(c.name.clone());
                                for phone in shown_phones(c, self.redact) {
                                    suppliers.add(if phone.label.trim().is_empty() {
                                        " · ".to_owned()
                                    } else {
                                        format!(" · {}: ", phone.label.trim())
                                    });
                                    suppliers.push(Span::Phone(phone.number.trim().to_owned()));
                                }
                            }
                            None => {
                                suppliers
                                    .push(Span::Flag(format!("{cid} ({})", w.unknown_record())));
                            }
                        },
                        None => {
                            suppliers.push(Span::Flag(w.no_incident_contact().to_owned()));
                        }
                    }
                }
                None => {
                    suppliers.push(Span::Flag(format!("{id} ({})", w.unknown_record())));
                }
            }
        }
        if suppliers.is_empty() {
            suppliers.add("–");
        }
        facts.push((w.suppliers().to_owned(), suppliers));

        let backups = self.backups_of(p);
        let mut backup_text = Text::new();
        for backup in &backups {
            backup_text.line();
            backup_text.add_strong(format!("{} ({})", backup.what, backup.id));
            backup_text
                .line()
                .add(format!("{}: {}", w.copies(), self.copies(backup)));
            backup_text.line().add(format!(
                "{}: {}",
                w.last_success(),
                backup
                    .last_success
                    .map_or_else(|| "–".to_owned(), |d| d.to_string())
            ));
            backup_text
                .line()
                .add(format!("{}: ", w.last_restore_test()));
            backup_text.0.extend(self.restore_summary(backup).0);
        }
        if backups.is_empty() {
            backup_text = Text::flag(w.no_backups_for_process());
        }
        facts.push((w.backups().to_owned(), backup_text));

        Block::Group(vec![
            Block::Heading(Text::plain(format!("{position}. {} ({})", p.name, p.id))),
            Block::Facts(facts),
        ])
    }

    /// The copies of a backup in a few words (medium and location, offline,
    /// immutable), for the card's recovery page; [`Pack::copies`] adds the places.
    fn copies_short(&self, backup: &Backup) -> String {
        if backup.copies.is_empty() {
            return "–".to_owned();
        }
        backup
            .copies
            .iter()
            .map(|copy| {
                let mut text = self.label(copy.location).to_owned();
                if copy.offline {
                    text.push_str(&format!(" ({})", self.w.offline()));
                }
                if copy.immutable {
                    text.push_str(&format!(" ({})", self.w.immutable()));
                }
                text
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn copies(&self, backup: &Backup) -> String {
        if backup.copies.is_empty() {
            return "–".to_owned();
        }
        backup
            .copies
            .iter()
            .map(|copy| {
                let mut text = format!("{} {}", self.label(copy.medium), self.label(copy.location));
                let mut marks = Vec::new();
                if !copy.place.trim().is_empty() {
                    marks.push(copy.place.trim().to_owned());
                }
                if copy.offline {
                    marks.push(self.w.offline().to_owned());
                }
                if copy.immutable {
                    marks.push(self.w.immutable().to_owned());
                }
                if !marks.is_empty() {
                    text.push_str(&format!(" ({})", marks.join(", ")));
                }
                text
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn result_words(&self, result: RestoreResult) -> String {
        let symbol = match result {
            RestoreResult::Success => "✓",
            RestoreResult::Partial => "◐",
            RestoreResult::Failed => "✗",
        };
        format!("{symbol} {}", self.label(result))
    }

    fn restore_summary(&self, backup: &Backup) -> Text {
        match backup.last_restore_test() {
            None => Text::flag(self.w.never_tested()),
            Some(test) => {
                let mut text = format!("{} — {}", test.date, self.result_words(test.result));
                if let Some(took) = test.took {
                    text.push_str(&format!(
                        " — {} {}",
                        self.w.took(),
                        duration_words(took, self.lang)
                    ));
                }
                if test.result == RestoreResult::Success {
                    Text::plain(text)
                } else {
                    Text::flag(text)
                }
            }
        }
    }

    // ---- 3. Contacts ------------------------------------------------------------

    fn contacts(&self) -> Section {
        let w = self.w;
        let mut blocks = Vec::new();
        let contacts = &self.workbook.contacts.contacts;
        if contacts.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_contacts())));
        }
        for kind in ContactKind::ALL {
            let of_kind: Vec<&Contact> = contacts.iter().filter(|c| c.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(Text::plain(kind_heading(kind, w))));
            let rows = of_kind.iter().map(|c| self.contact_row(c)).collect();
            blocks.push(sized_table(
                &[
                    w.name(),
                    w.phones(),
                    w.reach_otherwise(),
                    w.availability(),
                    w.notes(),
                    w.verified(),
                ],
                &[18, 18, 22, 14, 19, 9],
                rows,
            ));
        }
        let with_needs: Vec<&Contact> = contacts
            .iter()
            .filter(|c| !c.needs.trim().is_empty())
            .collect();
        if !with_needs.is_empty() {
            blocks.push(Block::Heading(Text::plain(w.what_to_have_ready())));
            blocks.push(Block::List {
                ordered: false,
                items: with_needs
                    .iter()
                    .map(|c| {
                        let mut text = Text::strong(c.name.clone());
                        text.line().add(c.needs.trim());
                        text
                    })
                    .collect(),
            });
        }
        Section {
            anchor: "contacts",
            title: w.contacts_title().to_owned(),
            compact: false,
            blocks,
        }
    }

    fn contact_row(&self, c: &Contact) -> Vec<Text> {
        let w = self.w;
        let mut name = Text::strong(c.name.clone());
        if !c.role.trim().is_empty() {
            name.line().add(c.role.trim());
        }
        if !c.organisation.trim().is_empty() {
            name.line().add(c.organisation.trim());
        }
        name.line()
            .add(format!("{} · {}", c.id, self.label(c.kind)));

        let mut reach = Text::new();
        let mut emails = vec![c.email.trim()];
        if !self.redact {
            emails.push(c.private.email.trim());
        }
        for email in emails.into_iter().filter(|e| !e.is_empty()) {
            reach.line().add(email);
        }
        let channels = self.channels(c);
        if !channels.is_empty() {
            reach
                .line()
                .add(format!("{}: {}", w.out_of_band(), channels.join("; ")));
        }
        if !self.redact && !c.private.address.trim().is_empty() {
            reach
                .line()
                .add(format!("{}: {}", w.address(), c.private.address.trim()));
        }

        let mut notes = Text::plain(c.notes.trim());
        if !self.redact && !c.private.notes.trim().is_empty() {
            notes.line().add(c.private.notes.trim());
        }
        let verified = match c.verified {
            Some(date) => Text::plain(date.to_string()),
            None => Text::flag(w.never_verified()),
        };
        vec![
            name,
            self.phones(c),
            reach,
            Text::plain(c.availability.trim()),
            notes,
            verified,
        ]
    }

    // ---- 4. Backups -------------------------------------------------------------

    fn backups(&self) -> Section {
        let w = self.w;
        let backups = &self.workbook.backups.backups;
        let mut blocks = Vec::new();
        if backups.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_backups())));
        } else {
            let rows = backups
                .iter()
                .map(|b| {
                    let mut what = Text::strong(b.what.clone());
                    what.line().add(b.id.to_string());
                    if !b.method.trim().is_empty() {
                        what.line().add(b.method.trim());
                    }
                    let mut systems = Text::new();
                    for id in &b.systems {
                        systems.line();
                        match self.index.system().get(id.as_str()) {
                            Some(s) => systems.add(format!("{} ({id})", s.name)),
                            None => {
                                systems.push(Span::Flag(format!("{id} ({})", w.unknown_record())))
                            }
                        };
                    }
                    let mut schedule = Text::plain(format!(
                        "{}: {}",
                        w.every(),
                        duration_words(b.frequency, self.lang)
                    ));
                    schedule.line().add(format!(
                        "{}: {}",
                        w.retention(),
                        self.duration(b.retention)
                    ));
                    schedule
                        .line()
                        .add(format!("{}: {}", w.encrypted(), self.yes_no(b.encrypted)));
                    let mut restore = Text::plain(format!(
                        "{}: {}",
                        w.every(),
                        self.duration(b.restore_test_every)
                    ));
                    restore.line();
                    restore.0.extend(self.restore_summary(b).0);
                    vec![
                        what,
                        systems,
                        schedule,
                        Text::plain(self.copies(b)),
                        self.contact_name(b.responsible.as_ref()),
                        Text::plain(
                            b.last_success
                                .map_or_else(|| "–".to_owned(), |d| d.to_string()),
                        ),
                        restore,
                    ]
                })
                .collect();
            blocks.push(sized_table(
                &[
                    w.backup(),
                    w.systems(),
                    w.schedule(),
                    w.copies(),
                    w.responsible(),
                    w.last_success(),
                    w.restore_test(),
                ],
                &[23, 14, 11, 21, 10, 11, 10],
                rows,
            ));
        }

        blocks.push(Block::Heading(Text::plain(w.restore_log())));
        let mut tests: Vec<(&Backup, &RestoreTest)> = backups
            .iter()
            .flat_map(|b| b.restore_tests.iter().map(move |t| (b, t)))
            .collect();
        tests.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(a.0.id.cmp(&b.0.id)));
        if tests.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_restore_tests())));
        } else {
            let rows = tests
                .iter()
                .map(|(b, t)| {
                    let result = if t.result == RestoreResult::Success {
                        Text::plain(self.result_words(t.result))
                    } else {
                        Text::flag(self.result_words(t.result))
                    };
                    vec![
                        Text::plain(t.date.to_string()),
                        Text::plain(format!("{} ({})", b.what, b.id)),
                        Text::plain(t.restored.clone()),
                        result,
                        Text::plain(self.duration(t.took)),
                        Text::plain(t.notes.trim()),
                    ]
                })
                .collect();
            blocks.push(sized_table(
                &[
                    w.date(),
                    w.backup(),
                    w.restored(),
                    w.result(),
                    w.took(),
                    w.notes(),
                ],
                &[11, 20, 27, 10, 9, 23],
                rows,
            ));
        }
        Section {
            anchor: "backups",
            title: w.backups_title().to_owned(),
            compact: false,
            blocks,
        }
    }

    // ---- 5. Risks ---------------------------------------------------------------

    fn risks(&self) -> Section {
        let w = self.w;
        let scales = &self.workbook.manifest.risk_scales;
        let risks = &self.workbook.risks.risks;
        let mut blocks = vec![Block::Heading(Text::plain(w.heat_map()))];
        blocks.push(Block::HeatMap(self.heat_map()));
        blocks.push(Block::Paragraph(Text::plain(format!(
            "{} {}",
            w.appetite_explained(),
            scales.appetite
        ))));
        blocks.push(Block::Heading(Text::plain(w.risk_register())));
        if risks.is_empty() {
            blocks.push(Block::Paragraph(Text::flag(w.no_risks())));
        } else {
            let mut sorted: Vec<&Risk> = risks.iter().collect();
            sorted.sort_by_key(|r| {
                (
                    r.status == RiskStatus::Closed,
                    std::cmp::Reverse(r.score()),
                    r.id.clone(),
                )
            });
            let rows = sorted.iter().map(|r| self.risk_row(r)).collect();
            blocks.push(sized_table(
                &[
                    w.id(),
                    w.risk(),
                    w.owner(),
                    w.current(),
                    w.treatment(),
                    w.residual(),
                    w.status(),
                    w.review_by(),
                ],
                &[7, 25, 11, 10, 13, 10, 11, 13],
                rows,
            ));
        }
        Section {
            anchor: "risks",
            title: w.risks_title().to_owned(),
            compact: false,
            blocks,
        }
    }

    fn rating(&self, rating: Rating) -> String {
        let scales = &self.workbook.manifest.risk_scales;
        format!(
            "{}×{} = {} {}",
            rating.likelihood,
            rating.impact,
            rating.score(),
            self.label(scales.level(rating.score()))
        )
    }

    fn risk_row(&self, r: &Risk) -> Vec<Text> {
        let w = self.w;
        let mut title = Text::strong(r.title.clone());
        if !r.category.trim().is_empty() {
            title.line().add(r.category.trim());
        }
        let mut treatment = match r.treatment {
            Some(t) => Text::plain(self.label(t)),
            None => Text::flag(w.no_treatment()),
        };
        if let Some(acceptance) = &r.acceptance {
            treatment.line().add(format!("{}: ", w.accepted_by()));
            treatment
                .0
                .extend(self.contact_name(Some(&acceptance.by)).0);
            treatment.add(format!(", {} {}", w.until(), acceptance.until));
        }
        let review = match r.review_by {
            Some(date) if date < self.today && r.status != RiskStatus::Closed => {
                Text::flag(format!("{date} ({})", w.overdue()))
            }
            Some(date) => Text::plain(date.to_string()),
            None => Text::plain("–"),
        };
        vec![
            Text::plain(r.id.to_string()),
            title,
            self.contact_name(r.owner.as_ref()),
            Text::plain(self.rating(r.current)),
            treatment,
            Text::plain(
                r.residual
                    .map_or_else(|| "–".to_owned(), |x| self.rating(x)),
            ),
            Text::plain(self.label(r.status)),
            review,
        ]
    }

    fn heat_map(&self) -> HeatMap {
        let w = self.w;
        let scales = &self.workbook.manifest.risk_scales;
        let counts = crate::review::heat_map(&self.workbook.risks, false);
        let rows = (1..=5u8)
            .rev()
            .map(|l| HeatRow {
                label: format!("{l} {}", scales.likelihood_label(l)),
                cells: (1..=5u8)
                    .map(|i| {
                        let level = scales.level(l * i);
                        HeatCell {
                            count: counts[usize::from(l - 1)][usize::from(i - 1)],
                            level,
                            level_word: self.label(level).to_owned(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let legend = format!(
            "{}: {} {}–{} · {} {}–{} · {} {}–{} · {} {}+",
            w.levels(),
            self.label(RiskLevel::Low),
            1,
            scales.medium_from.saturating_sub(1),
            self.label(RiskLevel::Medium),
            scales.medium_from,
            scales.high_from.saturating_sub(1),
            self.label(RiskLevel::High),
            scales.high_from,
            scales.critical_from.saturating_sub(1),
            self.label(RiskLevel::Critical),
            scales.critical_from,
        );
        HeatMap {
            corner: w.heat_corner().to_owned(),
            column_labels: (1..=5u8)
                .map(|i| format!("{i} {}", scales.impact_label(i)))
                .collect(),
            rows,
            legend: format!("{} {legend}", w.heat_explained()),
        }
    }

    // ---- 6. The plan --------------------------------------------------------------

    fn plan(&self) -> Section {
        let w = self.w;
        let mut blocks = Vec::new();
        let all: Vec<&Step> = self.workbook.steps().map(|(_, s)| s).collect();
        let done = all.iter().filter(|s| s.status == StepStatus::Done).count();
        blocks.push(Block::Paragraph(Text::plain(w.steps_done(done, all.len()))));
        for phase in &self.workbook.plan.phases {
            let done = phase
                .steps
                .iter()
                .filter(|s| s.status == StepStatus::Done)
                .count();
            blocks.push(Block::Heading(Text::plain(format!(
                "{} {}: {} — {}",
                w.phase(),
                phase.number,
                phase.title,
                w.steps_done(done, phase.steps.len())
            ))));
            if !phase.goal.trim().is_empty() {
                blocks.push(Block::Paragraph(Text::plain(phase.goal.trim())));
            }
            if phase.steps.is_empty() {
                continue;
            }
            let rows = phase
                .steps
                .iter()
                .map(|s| {
                    let due = match s.due {
                        Some(date) if date < self.today && !s.status.is_closed() => {
                            Text::flag(format!("{date} ({})", w.overdue()))
                        }
                        Some(date) => Text::plain(date.to_string()),
                        None => Text::plain("–"),
                    };
                    vec![
                        Text::plain(s.id.to_string()),
                        Text::plain(s.title.clone()),
                        self.contact_name(s.owner.as_ref()),
                        Text::plain(self.step_status(s.status)),
                        due,
                        Text::plain(s.done.map_or_else(|| "–".to_owned(), |d| d.to_string())),
                    ]
                })
                .collect();
            blocks.push(sized_table(
                &[
                    w.step(),
                    w.title(),
                    w.owner(),
                    w.status(),
                    w.due(),
                    w.done(),
                ],
                &[9, 39, 15, 11, 15, 11],
                rows,
            ));
        }
        Section {
            anchor: "plan",
            title: w.plan_title().to_owned(),
            compact: false,
            blocks,
        }
    }

    fn step_status(&self, status: StepStatus) -> String {
        let symbol = match status {
            StepStatus::Todo => "○",
            StepStatus::Doing => "▶",
            StepStatus::Done => "✓",
            StepStatus::Skipped => "–",
        };
        format!("{symbol} {}", self.label(status))
    }

    // ---- 7. Findings --------------------------------------------------------------

    fn findings(&self) -> Section {
        let w = self.w;
        let mut blocks = Vec::new();
        if self.findings.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(w.no_findings())));
        }
        for area in Area::ALL {
            let in_area: Vec<&Finding> = self.findings.iter().filter(|f| f.area == area).collect();
            if in_area.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(Text::plain(area.label(self.lang))));
            let rows = in_area
                .iter()
                .map(|f| {
                    let record = f.record.as_ref().map_or_else(
                        || "–".to_owned(),
                        |r| format!("{} {}", self.record_kind(r.kind), r.id),
                    );
                    vec![
                        Text::flag(f.severity.label(self.lang)),
                        Text(vec![Span::Code(f.code.as_str().to_owned())]),
                        Text::plain(record),
                        Text::plain(f.message.clone()),
                    ]
                })
                .collect();
            blocks.push(sized_table(
                &[w.severity(), w.code(), w.record(), w.message()],
                &[11, 20, 15, 54],
                rows,
            ));
        }
        Section {
            anchor: "findings",
            title: w.findings_title().to_owned(),
            compact: false,
            blocks,
        }
    }

    fn record_kind(&self, kind: RecordKind) -> &'static str {
        self.w.record_kind(kind)
    }

    // ---- 8. Incidents and exercises -------------------------------------------------

    fn incidents(&self) -> Section {
        let w = self.w;
        let mut blocks = Vec::new();
        let incidents = &self.workbook.incidents;
        if incidents.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(w.no_incidents())));
        }
        for incident in incidents.iter().rev() {
            let mut facts = vec![
                (
                    w.kind().to_owned(),
                    Text::plain(format!(
                        "{} · {} {} · {}",
                        self.label(incident.kind),
                        w.severity(),
                        self.label(incident.severity),
                        self.label(incident.status)
                    )),
                ),
                (
                    w.declared().to_owned(),
                    Text::plain(format!(
                        "{} — {}",
                        self.zone.when(incident.declared_at),
                        incident.declared_by
                    )),
                ),
            ];
            if let Some(scenario) = &incident.scenario {
                facts.push((w.scenario().to_owned(), Text::plain(scenario.trim())));
            }
            if let Some(at) = incident.discovered_at {
                facts.push((w.discovered().to_owned(), Text::plain(self.zone.when(at))));
            }
            if let Some(at) = incident.closed_at {
                facts.push((w.closed().to_owned(), Text::plain(self.zone.when(at))));
            }
            facts.push((
                w.personal_data().to_owned(),
                Text::plain(self.yes_no(incident.personal_data)),
            ));
            if !incident.affected_systems.is_empty() {
                let names = incident
                    .affected_systems
                    .iter()
                    .map(|id| match self.index.system().get(id.as_str()) {
                        Some(s) => format!("{} ({id})", s.name),
                        None => id.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                facts.push((w.systems().to_owned(), Text::plain(names)));
            }
            let mut notified = Text::new();
            for n in &incident.notifications {
                notified.line();
                notified.0.extend(self.contact_name(Some(&n.to)).0);
                notified.add(format!(" — {}", self.zone.when(n.at)));
                for extra in [n.channel.trim(), n.reference.trim()] {
                    if !extra.is_empty() {
                        notified.add(format!(" — {extra}"));
                    }
                }
                if let Some(deadline) = n.meets {
                    notified.add(format!(" ({})", self.label(deadline)));
                }
            }
            if !notified.is_empty() {
                facts.push((w.notifications().to_owned(), notified));
            }
            let mut lessons = Text::new();
            for lesson in &incident.lessons {
                lessons.line().add(format!("• {}", lesson.text.trim()));
                if let Some(step) = &lesson.plan_step {
                    lessons.add(format!(" → {step}"));
                }
            }
            if !lessons.is_empty() {
                facts.push((w.lessons().to_owned(), lessons));
            }
            blocks.push(Block::Group(vec![
                Block::Heading(Text::plain(format!("{} ({})", incident.title, incident.id))),
                Block::Facts(facts),
            ]));
        }
        Section {
            anchor: "incidents",
            title: w.incidents_title().to_owned(),
            compact: false,
            blocks,
        }
    }
}

fn kind_heading(kind: ContactKind, w: &Words) -> &'static str {
    match kind {
        ContactKind::Internal => w.contacts_internal(),
        ContactKind::Supplier => w.contacts_suppliers(),
        ContactKind::Authority => w.contacts_authorities(),
        ContactKind::Insurer => w.contacts_insurers(),
        ContactKind::Other => w.contacts_other(),
    }
}

fn table(columns: &[&str], rows: Vec<Vec<Text>>) -> Block {
    sized_table(columns, &[], rows)
}

/// A table with column widths (percent), for the card's tight layout.
fn sized_table(columns: &[&str], widths: &[u8], rows: Vec<Vec<Text>>) -> Block {
    Block::Table(Table {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        widths: widths.to_vec(),
        rows,
    })
}
