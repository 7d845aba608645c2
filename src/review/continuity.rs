//! Continuity: will the organisation get its work back in time, with the data it
//! cannot lose? The rules follow the dependencies: a process needs systems and
//! suppliers, a system is covered by backups, a backup has a restore-test log.
//! Each rule compares what the process owner asked for (MTD, RTO, RPO) with what
//! the backups and their tests show is possible. Durations compare by length
//! (`Duration::minutes`, a month is 30 days).

use super::index::HashMap;
use super::{Code, Context, Finding, every, id_list, named, say};
use crate::model::labels::duration_words;
use crate::model::{
    Backup, Criticality, Date, Id, Language, Process, RecordKind, Register, RestoreResult, Supplier,
};

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for process in cx.processes() {
        recovery_times(cx, process, out);
        critical_process(cx, process, out);
    }
    for backup in cx.backups() {
        restore_tests(cx, backup, out);
        rule_3_2_1_1_0(cx.lang, backup, out);
    }
    dependencies(cx, out);
}

/// The ids of `ids` without repeats, in their order (lists here are short).
fn unique(ids: &[Id]) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(&id.as_str()) {
            seen.push(id.as_str());
        }
    }
    seen
}

fn recovery_times(cx: &Context, process: &Process, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    if let (Some(rto), Some(mtd)) = (process.rto, process.mtd)
        && rto.minutes() > mtd.minutes()
    {
        let name = named(&process.id, &process.name);
        let (rto, mtd) = (duration_words(rto, lang), duration_words(mtd, lang));
        out.push(Finding::about(
            Code::RtoExceedsMtd,
            RecordKind::Process,
            &process.id,
            say!(
                lang,
                "{name}: the recovery time objective (RTO, {rto}) is longer than the maximum tolerable downtime (MTD, {mtd}); shorten the RTO or agree a longer MTD with the owner",
                "{name}: de hersteltijd (RTO, {rto}) is langer dan de maximaal toelaatbare uitval (MTD, {mtd}); verkort de RTO of spreek met de eigenaar een langere MTD af",
            ),
        ));
    }

    let Some(rpo) = process.rpo else {
        return;
    };
    // A system meets the RPO when its most frequent backup runs at least that often.
    let misses: Vec<(&str, &Backup)> = unique(&process.systems)
        .into_iter()
        .filter_map(|system| {
            let best = cx
                .index
                .backups_of_system()
                .get(system)?
                .iter()
                .min_by_key(|b| b.frequency.minutes())?;
            (best.frequency.minutes() > rpo.minutes()).then_some((system, *best))
        })
        .collect();
    if let Some((system, backup)) = misses.first() {
        let name = named(&process.id, &process.name);
        let system = system_name(cx, system);
        let (rpo, often, backup) = (
            duration_words(rpo, lang),
            every(backup.frequency, lang),
            &backup.id,
        );
        let more = others(misses.len() - 1, lang);
        out.push(Finding::about(
            Code::RpoNotMet,
            RecordKind::Process,
            &process.id,
            say!(
                lang,
                "{name} may lose at most {rpo} of data (RPO), but {system} is backed up only {often} ({backup}){more}; back up more often or agree a longer RPO with the owner",
                "{name} mag hoogstens {rpo} aan gegevens verliezen (RPO), maar van {system} wordt maar {often} een back-up gemaakt ({backup}){more}; maak vaker een back-up of spreek met de eigenaar een langere RPO af",
            ),
        ));
    }
}

/// ", as are 2 other systems" / ", net als nog 2 andere systemen"; empty for none.
fn others(n: usize, lang: Language) -> String {
    match (n, lang) {
        (0, _) => String::new(),
        (1, Language::En) => ", as is 1 other system".to_owned(),
        (n, Language::En) => format!(", as are {n} other systems"),
        (1, Language::Nl) => ", net als nog 1 ander systeem".to_owned(),
        (n, Language::Nl) => format!(", net als nog {n} andere systemen"),
    }
}

fn system_name(cx: &Context, id: &str) -> String {
    match cx.index.system().get(id) {
        Some(system) => named(&system.id, &system.name).to_string(),
        None => id.to_owned(),
    }
}

fn critical_process(cx: &Context, process: &Process, out: &mut Vec<Finding>) {
    if process.criticality != Criticality::Critical {
        return;
    }
    let lang = cx.lang;
    let name = named(&process.id, &process.name);
    let uncovered: Vec<String> = unique(&process.systems)
        .into_iter()
        .filter(|s| !cx.index.backups_of_system().contains_key(s))
        .map(|s| system_name(cx, s))
        .collect();
    if !uncovered.is_empty() {
        let systems = id_list(uncovered.iter().map(String::as_str), 3, lang);
        out.push(Finding::about(
            Code::CriticalWithoutBackup,
            RecordKind::Process,
            &process.id,
            say!(
                lang,
                "{name} is critical, but no backup covers {systems}; add a backup for it to backups.ron, or list the backup that already covers it",
                "{name} is kritiek, maar geen back-up dekt {systems}; voeg er een back-up voor toe aan backups.ron, of vermeld de back-up die het al dekt",
            ),
        ));
    }
    if super::is_blank(&process.workaround) {
        out.push(Finding::about(
            Code::CriticalWithoutWorkaround,
            RecordKind::Process,
            &process.id,
            say!(
                lang,
                "{name} is critical but has no manual workaround; write down how people keep it going by hand while the systems are down, and print it",
                "{name} is kritiek maar heeft geen noodprocedure; schrijf op hoe mensen het met de hand draaiende houden als de systemen uitliggen, en print het",
            ),
        ));
    }
}

fn restore_tests(cx: &Context, backup: &Backup, out: &mut Vec<Finding>) {
    let Some(last) = backup.last_restore_test() else {
        return;
    };
    let lang = cx.lang;
    // The processes relying on this backup, most critical first.
    let mut dependents: Vec<&Process> = backup
        .systems
        .iter()
        .filter_map(|s| cx.index.processes_of_system().get(s.as_str()))
        .flatten()
        .copied()
        .collect();
    dependents.sort_by(|a, b| (a.criticality, &a.id).cmp(&(b.criticality, &b.id)));
    dependents.dedup_by(|a, b| a.id == b.id);
    let Some(first) = dependents.first() else {
        return;
    };
    let name = named(&backup.id, &backup.what);
    let date = last.date;
    if last.result != RestoreResult::Success {
        let process = named(&first.id, &first.name);
        let more = other_processes(dependents.len() - 1, lang);
        let result = outcome(last.result, lang);
        out.push(Finding::about(
            Code::RestoreFailed,
            RecordKind::Backup,
            &backup.id,
            say!(
                lang,
                "{name}: the latest restore test ({date}) {result}, and this backup is needed for {process}{more}; find the cause, fix it and test again",
                "{name}: de laatste hersteltest ({date}) {result}, en deze back-up is nodig voor {process}{more}; zoek de oorzaak, los die op en test opnieuw",
            ),
        ));
        return;
    }
    let Some(took) = last.took else {
        return;
    };
    // The tightest recovery time this restore has to meet.
    let Some((process, rto)) = dependents
        .iter()
        .filter_map(|p| p.rto.map(|rto| (p, rto)))
        .filter(|(_, rto)| took.minutes() > rto.minutes())
        .min_by_key(|(p, rto)| (rto.minutes(), &p.id))
    else {
        return;
    };
    let process = named(&process.id, &process.name);
    let (took, rto) = (duration_words(took, lang), duration_words(rto, lang));
    out.push(Finding::about(
        Code::RestoreTooSlow,
        RecordKind::Backup,
        &backup.id,
        say!(
            lang,
            "{name}: the latest restore test ({date}) took {took}, longer than the recovery time objective (RTO) of {process}, {rto}; make the restore faster or agree a longer RTO",
            "{name}: de laatste hersteltest ({date}) duurde {took}, langer dan de hersteltijd (RTO) van {process}, {rto}; maak het herstel sneller of spreek een langere RTO af",
        ),
    ));
}

/// How a restore test ended, as the rest of a sentence.
fn outcome(result: RestoreResult, lang: Language) -> &'static str {
    match (result, lang) {
        (RestoreResult::Success, Language::En) => "worked",
        (RestoreResult::Partial, Language::En) => "only partly worked",
        (RestoreResult::Failed, Language::En) => "failed",
        (RestoreResult::Success, Language::Nl) => "is gelukt",
        (RestoreResult::Partial, Language::Nl) => "is maar deels gelukt",
        (RestoreResult::Failed, Language::Nl) => "is mislukt",
    }
}

/// " and 2 other processes" / " en nog 2 andere processen"; empty for none.
fn other_processes(n: usize, lang: Language) -> String {
    match (n, lang) {
        (0, _) => String::new(),
        (1, Language::En) => " and 1 other process".to_owned(),
        (n, Language::En) => format!(" and {n} other processes"),
        (1, Language::Nl) => " en nog 1 ander proces".to_owned(),
        (n, Language::Nl) => format!(" en nog {n} andere processen"),
    }
}

/// The 3-2-1-1-0 rule for one backup: 3 copies, on 2 kinds of media, 1 off site,
/// 1 offline or immutable, 0 failed restore tests (the latest test did not fail;
/// a backup never tested has no failed test, and the freshness rules ask for its
/// test). The finding and the detail pane both read this one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule32110 {
    pub copies: usize,
    /// Kinds of medium among the copies.
    pub media: usize,
    pub off_site: bool,
    pub offline_or_immutable: bool,
    /// The latest restore test when it did not succeed.
    pub failed_restore: Option<(Date, RestoreResult)>,
}

impl Rule32110 {
    pub fn of(backup: &Backup) -> Rule32110 {
        let copies = &backup.copies;
        let mut media: Vec<_> = copies.iter().map(|c| c.medium).collect();
        media.sort_by_key(|m| format!("{m:?}"));
        media.dedup();
        Rule32110 {
            copies: copies.len(),
            media: media.len(),
            off_site: copies.iter().any(|c| c.location.is_off_site()),
            offline_or_immutable: copies.iter().any(|c| c.offline || c.immutable),
            failed_restore: backup
                .last_restore_test()
                .filter(|t| t.result != RestoreResult::Success)
                .map(|t| (t.date, t.result)),
        }
    }

    pub fn met(&self) -> bool {
        self.checks().iter().all(|(ok, _)| *ok)
    }

    /// The five parts in order, each with whether it holds.
    pub fn checks(&self) -> [(bool, Part32110); 5] {
        [
            (self.copies >= 3, Part32110::Copies),
            (self.media >= 2, Part32110::Media),
            (self.off_site, Part32110::OffSite),
            (self.offline_or_immutable, Part32110::Offline),
            (self.failed_restore.is_none(), Part32110::NoFailedRestore),
        ]
    }

    /// One part in words, as the detail pane lists it: "3 copies (2 recorded)".
    pub fn words(&self, part: Part32110, lang: Language) -> String {
        let (copies, media) = (self.copies, self.media);
        match part {
            Part32110::Copies => say!(
                lang,
                "3 copies ({copies} recorded)",
                "3 kopieën ({copies} vastgelegd)"
            ),
            Part32110::Media => say!(
                lang,
                "2 kinds of medium ({media})",
                "2 soorten medium ({media})"
            ),
            Part32110::OffSite => say!(lang, "1 copy off site", "1 kopie buiten de deur"),
            Part32110::Offline => say!(
                lang,
                "1 copy offline or immutable",
                "1 kopie offline of onveranderbaar"
            ),
            Part32110::NoFailedRestore => match self.failed_restore {
                Some((date, result)) => {
                    let result = outcome(result, lang);
                    say!(
                        lang,
                        "0 failed restore tests (the latest, {date}, {result})",
                        "0 mislukte hersteltests (de laatste, {date}, {result})"
                    )
                }
                None => say!(lang, "0 failed restore tests", "0 mislukte hersteltests"),
            },
        }
    }
}

/// The parts of the 3-2-1-1-0 rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part32110 {
    Copies,
    Media,
    OffSite,
    Offline,
    NoFailedRestore,
}

/// 3 copies, on 2 kinds of media, 1 off site, 1 offline or immutable, 0 failed
/// restores: every broken part is named.
fn rule_3_2_1_1_0(lang: Language, backup: &Backup, out: &mut Vec<Finding>) {
    let rule = Rule32110::of(backup);
    let mut parts: Vec<String> = Vec::new();
    if rule.copies == 0 {
        parts.push(say!(
            lang,
            "no copies are recorded",
            "er zijn geen kopieën vastgelegd"
        ));
    } else {
        for (ok, part) in rule.checks() {
            if ok {
                continue;
            }
            let n = rule.copies;
            parts.push(match part {
                Part32110::Copies if n == 1 => {
                    say!(lang, "only 1 copy (3 needed)", "maar 1 kopie (3 nodig)")
                }
                Part32110::Copies => say!(
                    lang,
                    "only {n} copies (3 needed)",
                    "maar {n} kopieën (3 nodig)"
                ),
                Part32110::Media => say!(
                    lang,
                    "every copy on the same kind of medium",
                    "alle kopieën op hetzelfde soort medium"
                ),
                Part32110::OffSite => {
                    say!(lang, "no copy off site", "geen kopie buiten de deur")
                }
                Part32110::Offline => say!(
                    lang,
                    "no offline or immutable copy",
                    "geen offline of onveranderbare kopie"
                ),
                Part32110::NoFailedRestore => continue,
            });
        }
    }
    if let Some((date, result)) = rule.failed_restore {
        let result = outcome(result, lang);
        parts.push(say!(
            lang,
            "the latest restore test ({date}) {result}",
            "de laatste hersteltest ({date}) {result}",
        ));
    }
    if parts.is_empty() {
        return;
    }
    let name = named(&backup.id, &backup.what);
    let parts = parts.join("; ");
    out.push(Finding::about(
        Code::BackupNot32110,
        RecordKind::Backup,
        &backup.id,
        say!(
            lang,
            "{name} breaks the 3-2-1-1-0 rule: {parts}; add what is missing so one incident cannot take every copy",
            "{name} voldoet niet aan de 3-2-1-1-0-regel: {parts}; vul aan wat ontbreekt, zodat één incident niet alle kopieën kan treffen",
        ),
    ));
}

/// Single points of failure, and the suppliers critical processes rely on.
fn dependencies(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.covers(Register::Processes) {
        return;
    }
    let lang = cx.lang;
    let mut by_system: HashMap<&str, Vec<&str>> = HashMap::default();
    let mut by_supplier: HashMap<&str, Vec<&str>> = HashMap::default();
    for process in &cx.workbook.processes.processes {
        if process.criticality != Criticality::Critical {
            continue;
        }
        let systems = unique(&process.systems);
        // A process depends on its own suppliers and on those of its systems.
        let mut suppliers = unique(&process.suppliers);
        for system in &systems {
            if let Some(supplier) = cx
                .index
                .system()
                .get(system)
                .and_then(|s| s.supplier.as_ref())
                && !suppliers.contains(&supplier.as_str())
            {
                suppliers.push(supplier.as_str());
            }
        }
        for system in systems {
            by_system
                .entry(system)
                .or_default()
                .push(process.id.as_str());
        }
        for supplier in suppliers {
            by_supplier
                .entry(supplier)
                .or_default()
                .push(process.id.as_str());
        }
    }

    let threshold = cx.settings().single_point_processes as usize;
    let mut single_point = |kind: RecordKind, id: &Id, name: &str, processes: &[&str]| {
        if threshold == 0 || processes.len() < threshold {
            return;
        }
        let name = named(id, name);
        let n = processes.len();
        let list = id_list(processes.iter().copied(), 5, lang);
        out.push(Finding::about(
            Code::SinglePointOfFailure,
            kind,
            id,
            say!(
                lang,
                "{name}: {n} critical processes depend on it ({list}); if it fails they all stop, so plan a fallback or spread the dependency",
                "{name}: {n} kritieke processen hangen ervan af ({list}); valt het uit, dan liggen ze allemaal stil, dus regel een terugvaloptie of spreid de afhankelijkheid",
            ),
        ));
    };
    for system in &cx.workbook.processes.systems {
        if let Some(processes) = by_system.get(system.id.as_str()) {
            single_point(RecordKind::System, &system.id, &system.name, processes);
        }
    }
    for supplier in &cx.workbook.processes.suppliers {
        if let Some(processes) = by_supplier.get(supplier.id.as_str()) {
            single_point(
                RecordKind::Supplier,
                &supplier.id,
                &supplier.name,
                processes,
            );
        }
    }
    for supplier in &cx.workbook.processes.suppliers {
        if let Some(processes) = by_supplier.get(supplier.id.as_str()) {
            critical_supplier(cx, supplier, processes, out);
        }
    }
}

fn critical_supplier(
    cx: &Context,
    supplier: &Supplier,
    processes: &[&str],
    out: &mut Vec<Finding>,
) {
    let lang = cx.lang;
    let name = named(&supplier.id, &supplier.name);
    let list = id_list(processes.iter().copied(), 3, lang);
    if supplier.incident_contact.is_none() {
        out.push(Finding::about(
            Code::SupplierWithoutIncidentContact,
            RecordKind::Supplier,
            &supplier.id,
            say!(
                lang,
                "{name} supports critical work ({list}) but has no incident contact; agree whom to call when they have an incident, add that contact and set `incident_contact`",
                "{name} ondersteunt kritiek werk ({list}) maar heeft geen incidentcontact; spreek af wie je belt bij een incident, voeg die contactpersoon toe en vul `incident_contact` in",
            ),
        ));
    }
    if super::is_blank(&supplier.exit_plan) {
        out.push(Finding::about(
            Code::SupplierWithoutExitPlan,
            RecordKind::Supplier,
            &supplier.id,
            say!(
                lang,
                "{name} supports critical work ({list}) but has no exit plan; write down how you would get your data back and carry on without them",
                "{name} ondersteunt kritiek werk ({list}) maar heeft geen exitplan; schrijf op hoe je je gegevens terugkrijgt en zonder deze leverancier verder kunt",
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn the_3_2_1_1_0_parts_are_one_value_a_never_tested_backup_has_no_failed_test() {
        use crate::review::{Part32110, Rule32110};
        let mut b = backup("B-001", &["S-001"], Duration::Days(1), date("2026-11-01"));
        assert!(Rule32110::of(&b).met());
        b.restore_tests.clear();
        let rule = Rule32110::of(&b);
        assert!(rule.met(), "no test is not a failed test");
        b.copies.truncate(1);
        b.restore_tests.push(test(
            date("2026-11-02"),
            RestoreResult::Failed,
            Duration::Hours(2),
        ));
        let rule = Rule32110::of(&b);
        let broken: Vec<Part32110> = rule
            .checks()
            .into_iter()
            .filter(|(ok, _)| !ok)
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            broken,
            [
                Part32110::Copies,
                Part32110::Media,
                Part32110::OffSite,
                Part32110::Offline,
                Part32110::NoFailedRestore
            ]
        );
        assert!(
            rule.words(Part32110::Copies, Language::Nl)
                .contains("kopieën")
        );
        assert!(
            rule.words(Part32110::NoFailedRestore, Language::En)
                .contains("2026-11-02")
        );
    }
    use crate::model::*;
    use crate::review::Code;

    const TODAY: &str = "2026-12-01";

    /// One process on one system, covered by one backup.
    fn setup(criticality: Criticality) -> Workbook {
        let mut wb = workbook();
        wb.processes.systems.push(system("S-001"));
        wb.processes
            .processes
            .push(process("P-001", criticality, &["S-001"]));
        wb.backups
            .backups
            .push(backup("B-001", &["S-001"], Duration::Days(1), date(TODAY)));
        wb
    }

    #[test]
    fn an_rto_longer_than_the_mtd_is_an_error() {
        let mut wb = setup(Criticality::High);
        let p = &mut wb.processes.processes[0];
        p.mtd = Some(Duration::Days(1));
        p.rto = Some(Duration::Hours(24));
        assert!(about(&wb, date(TODAY), Code::RtoExceedsMtd).is_empty());
        wb.processes.processes[0].rto = Some(Duration::Hours(25));
        assert_eq!(about(&wb, date(TODAY), Code::RtoExceedsMtd), ["P-001"]);
    }

    #[test]
    fn an_rpo_shorter_than_the_backup_interval_is_not_met() {
        let mut wb = setup(Criticality::High);
        wb.processes.processes[0].rpo = Some(Duration::Hours(24));
        assert!(about(&wb, date(TODAY), Code::RpoNotMet).is_empty());
        wb.processes.processes[0].rpo = Some(Duration::Hours(23));
        let found = found(&wb, date(TODAY), Code::RpoNotMet);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("B-001"), "{}", found[0].message);
        // A second, hourly backup of the same system meets it.
        wb.backups
            .backups
            .push(backup("B-002", &["S-001"], Duration::Hours(1), date(TODAY)));
        assert!(about(&wb, date(TODAY), Code::RpoNotMet).is_empty());
    }

    #[test]
    fn a_failed_latest_restore_test_of_a_backup_a_process_needs_is_an_error() {
        let mut wb = setup(Criticality::Medium);
        let tests = &mut wb.backups.backups[0].restore_tests;
        tests.insert(
            0,
            test(
                date("2026-01-01"),
                RestoreResult::Failed,
                Duration::Hours(1),
            ),
        );
        assert!(about(&wb, date(TODAY), Code::RestoreFailed).is_empty());
        let tests = &mut wb.backups.backups[0].restore_tests;
        tests.push(test(
            date(TODAY),
            RestoreResult::Partial,
            Duration::Hours(1),
        ));
        let found = found(&wb, date(TODAY), Code::RestoreFailed);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("P-001"), "{}", found[0].message);
        // Nobody depends on it: only the 3-2-1-1-0 rule speaks.
        wb.processes.processes.clear();
        assert!(about(&wb, date(TODAY), Code::RestoreFailed).is_empty());
        assert_eq!(about(&wb, date(TODAY), Code::BackupNot32110), ["B-001"]);
    }

    #[test]
    fn a_restore_slower_than_the_rto_is_an_error() {
        let mut wb = setup(Criticality::High);
        wb.processes.processes[0].rto = Some(Duration::Hours(8));
        wb.backups.backups[0].restore_tests[0].took = Some(Duration::Hours(8));
        assert!(about(&wb, date(TODAY), Code::RestoreTooSlow).is_empty());
        wb.backups.backups[0].restore_tests[0].took = Some(Duration::Minutes(481));
        assert_eq!(about(&wb, date(TODAY), Code::RestoreTooSlow), ["B-001"]);
    }

    #[test]
    fn a_critical_process_needs_a_backup_for_each_of_its_systems() {
        let mut wb = setup(Criticality::Critical);
        assert!(about(&wb, date(TODAY), Code::CriticalWithoutBackup).is_empty());
        wb.processes.systems.push(system("S-002"));
        wb.processes.processes[0].systems.push(Id::from("S-002"));
        let found = found(&wb, date(TODAY), Code::CriticalWithoutBackup);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("S-002"));
        wb.processes.processes[0].criticality = Criticality::High;
        assert!(about(&wb, date(TODAY), Code::CriticalWithoutBackup).is_empty());
    }

    #[test]
    fn a_critical_process_needs_a_manual_workaround() {
        let mut wb = setup(Criticality::Critical);
        assert!(about(&wb, date(TODAY), Code::CriticalWithoutWorkaround).is_empty());
        wb.processes.processes[0].workaround = "  ".into();
        assert_eq!(
            about(&wb, date(TODAY), Code::CriticalWithoutWorkaround),
            ["P-001"]
        );
        wb.processes.processes[0].criticality = Criticality::High;
        assert!(about(&wb, date(TODAY), Code::CriticalWithoutWorkaround).is_empty());
    }

    #[test]
    fn every_broken_part_of_3_2_1_1_0_is_named() {
        let mut wb = setup(Criticality::High);
        assert!(about(&wb, date(TODAY), Code::BackupNot32110).is_empty());
        wb.backups.backups[0].copies = vec![
            copy(Medium::Nas, CopyLocation::OnSite, false),
            copy(Medium::Nas, CopyLocation::OnSite, false),
        ];
        let found = found(&wb, date(TODAY), Code::BackupNot32110);
        assert_eq!(found.len(), 1);
        let message = &found[0].message;
        for part in [
            "only 2 copies",
            "same kind of medium",
            "no copy off site",
            "no offline or immutable copy",
        ] {
            assert!(message.contains(part), "{part}: {message}");
        }
        assert!(!message.contains("restore test"), "{message}");
        wb.backups.backups[0].copies.clear();
        let found = super::super::testing::found(&wb, date(TODAY), Code::BackupNot32110);
        assert!(found[0].message.contains("no copies are recorded"));
    }

    #[test]
    fn a_system_or_supplier_three_critical_processes_need_is_a_single_point_of_failure() {
        let mut wb = workbook();
        let mut s = system("S-001");
        s.supplier = Some(Id::from("SUP-01"));
        wb.processes.systems.push(s);
        wb.processes.suppliers.push(supplier("SUP-01"));
        for id in ["P-001", "P-002"] {
            wb.processes
                .processes
                .push(process(id, Criticality::Critical, &["S-001"]));
        }
        wb.processes
            .processes
            .push(process("P-003", Criticality::High, &["S-001"]));
        assert!(about(&wb, date(TODAY), Code::SinglePointOfFailure).is_empty());
        wb.processes.processes[2].criticality = Criticality::Critical;
        // The system directly, and its supplier through it.
        assert_eq!(
            about(&wb, date(TODAY), Code::SinglePointOfFailure),
            ["S-001", "SUP-01"]
        );
        wb.manifest.rules.single_point_processes = 0;
        assert!(about(&wb, date(TODAY), Code::SinglePointOfFailure).is_empty());
    }

    #[test]
    fn a_supplier_of_critical_work_needs_an_incident_contact_and_an_exit_plan() {
        let mut wb = setup(Criticality::Critical);
        wb.processes.suppliers.push(supplier("SUP-01"));
        wb.processes.processes[0].suppliers.push(Id::from("SUP-01"));
        assert!(about(&wb, date(TODAY), Code::SupplierWithoutIncidentContact).is_empty());
        assert!(about(&wb, date(TODAY), Code::SupplierWithoutExitPlan).is_empty());
        wb.processes.suppliers[0].incident_contact = None;
        wb.processes.suppliers[0].exit_plan.clear();
        assert_eq!(
            about(&wb, date(TODAY), Code::SupplierWithoutIncidentContact),
            ["SUP-01"]
        );
        assert_eq!(
            about(&wb, date(TODAY), Code::SupplierWithoutExitPlan),
            ["SUP-01"]
        );
        wb.processes.processes[0].criticality = Criticality::High;
        assert!(about(&wb, date(TODAY), Code::SupplierWithoutIncidentContact).is_empty());
        assert!(about(&wb, date(TODAY), Code::SupplierWithoutExitPlan).is_empty());
    }
}
