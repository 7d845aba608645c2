//! Every sentence and heading the screens show, in English and Dutch.
//!
//! One table, so a translation is an edit here rather than a hunt through the
//! views. Words for the choices in the files (levels, statuses, …) come from
//! `model::labels`; key descriptions from the key map. `{}` marks where
//! [`fill`] puts values.

use crate::model::Language;

macro_rules! texts {
    ($($name:ident => ($en:literal, $nl:literal)),+ $(,)?) => {
        /// A piece of screen text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($name),+ }

        impl T {
            pub fn get(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $((T::$name, Language::En) => $en, (T::$name, Language::Nl) => $nl,)+
                }
            }
        }
    };
}

texts! {
    TabOverview => ("Overview", "Overzicht"),
    TabChecklist => ("Checklist", "Checklist"),
    TabSelfCheck => ("Self-check", "Zelftest"),
    TabPlan => ("Plan", "Stappenplan"),
    TabRisks => ("Risks", "Risico's"),
    TabProcesses => ("Processes", "Processen"),
    TabContacts => ("Contacts", "Contacten"),
    TabBackups => ("Backups", "Back-ups"),
    TabIncidents => ("Incidents", "Incidenten"),
    Systems => ("Systems", "Systemen"),
    Suppliers => ("Suppliers", "Leveranciers"),
    Details => ("Details", "Details"),
    NothingSelected => ("Nothing selected.", "Niets geselecteerd."),
    EmptyList => ("Nothing here yet. Press {} to add one.", "Nog niets. Druk op {} om iets toe te voegen."),
    NoMatches => ("Nothing matches the filter.", "Niets past bij het filter."),
    ScratchCopy => ("Scratch copy of the example museum in {}: changes here touch nothing else.", "Kladkopie van het voorbeeldmuseum in {}: wijzigingen hier raken niets anders."),
    ReadOnly => ("Read-only: {}", "Alleen-lezen: {}"),
    ReadOnlyEdit => ("The workbook is open read-only: {}", "Het werkboek is alleen-lezen geopend: {}"),
    Unsaved => ("unsaved: {}", "niet opgeslagen: {}"),
    AllSaved => ("all saved", "alles opgeslagen"),
    Saved => ("Saved {}.", "Opgeslagen: {}."),
    NothingToSave => ("Nothing to save.", "Niets op te slaan."),
    NothingToUndo => ("Nothing to undo.", "Niets om ongedaan te maken."),
    NothingToRedo => ("Nothing to redo.", "Niets om opnieuw te doen."),
    Undone => ("Undone.", "Ongedaan gemaakt."),
    Redone => ("Redone.", "Opnieuw gedaan."),
    UndoFailed => ("Could not undo: {}", "Ongedaan maken lukte niet: {}"),
    Filter => ("Filter", "Filter"),
    FilterHint => ("type to filter · Enter keep · Esc clear", "typ om te filteren · Enter houden · Esc wissen"),
    SortedBy => ("sorted by {}", "gesorteerd op {}"),
    Findings => ("Findings", "Bevindingen"),
    NeedsAttention => ("What needs attention", "Wat aandacht vraagt"),
    NextActions => ("What to do next", "Wat nu te doen"),
    DueSoon => ("Falls due in the next {} days", "Vervalt in de komende {} dagen"),
    Readiness => ("Readiness", "Paraatheid"),
    FindingsSummary => ("{} errors, {} warnings, {} info", "{} fouten, {} waarschuwingen, {} info"),
    NoFindings => ("No findings: nothing needs attention right now.", "Geen bevindingen: niets vraagt nu aandacht."),
    Counts => ("In this workbook", "In dit werkboek"),
    Progress => ("Progress", "Voortgang"),
    Answered => ("{} of {} answered", "{} van {} beantwoord"),
    StepsDone => ("{} of {} steps done", "{} van {} stappen klaar"),
    FirstHour => ("First hour", "Eerste uur"),
    QuitUnsaved => ("There are unsaved changes ({}). Save before quitting?", "Er zijn niet-opgeslagen wijzigingen ({}). Opslaan voor het afsluiten?"),
    QuitChoices => ("s save and quit · q quit without saving · Esc stay", "s opslaan en afsluiten · q afsluiten zonder opslaan · Esc blijven"),
    DeleteConfirm => ("Delete {}? This can be undone with u.", "{} verwijderen? Dit kan ongedaan gemaakt worden met u."),
    YesNo => ("y yes · n no", "j ja · n nee"),
    DiscardForm => ("Discard what you typed?", "Wat je getypt hebt weggooien?"),
    Deleted => ("Deleted {}.", "{} verwijderd."),
    Added => ("Added {}.", "{} toegevoegd."),
    Changed => ("Changed {}.", "{} gewijzigd."),
    CannotDelete => ("{} cannot be deleted here.", "{} kan hier niet verwijderd worden."),
    CannotAddHere => ("Nothing can be added here.", "Hier kan niets toegevoegd worden."),
    ReferencedBy => ("{} is still referred to by {}; those references will show as missing until fixed.", "Er wordt nog naar {} verwezen door {}; die verwijzingen tonen als ontbrekend tot ze hersteld zijn."),
    FormNew => ("New {}", "Nieuw: {}"),
    FormEdit => ("Edit {}", "Bewerken: {}"),
    FormHint => ("Tab next field · Enter choose · Ctrl-S save · Esc cancel", "Tab volgend veld · Enter kiezen · Ctrl-S opslaan · Esc annuleren"),
    FormHasErrors => ("Fix the fields marked ✗ first.", "Herstel eerst de velden met ✗."),
    Required => ("required", "verplicht"),
    NotADate => ("not a date: use YYYY-MM-DD (Ctrl-T for today)", "geen datum: gebruik JJJJ-MM-DD (Ctrl-T voor vandaag)"),
    NotANumber => ("not a whole number", "geen heel getal"),
    OutOfRange => ("must be {} to {}", "moet {} tot {} zijn"),
    NoneChosen => ("(none)", "(geen)"),
    PickerTitle => ("Choose {}", "Kies {}"),
    PickerHint => ("type to search · Enter choose · Esc cancel", "typ om te zoeken · Enter kiezen · Esc annuleren"),
    PickerMultiHint => ("type to search · Space select · Enter done · Esc cancel", "typ om te zoeken · Spatie selecteren · Enter klaar · Esc annuleren"),
    ItemsHint => ("a add · Enter edit · d delete · Esc done", "a toevoegen · Enter bewerken · d verwijderen · Esc klaar"),
    Items => ("{} items", "{} items"),
    HelpTitle => ("Keys", "Toetsen"),
    HelpEverywhere => ("Everywhere", "Overal"),
    HelpHere => ("On this screen", "Op dit scherm"),
    HelpLists => ("In lists", "In lijsten"),
    HelpRecords => ("Records", "Records"),
    ConflictTitle => ("Changed on disk", "Gewijzigd op schijf"),
    ConflictText => ("These files changed on disk since they were read (a git pull, an editor), and you have unsaved changes to them: {}. Nothing was saved.", "Deze bestanden zijn op schijf gewijzigd sinds ze gelezen zijn (een git pull, een editor), en je hebt er niet-opgeslagen wijzigingen in: {}. Er is niets opgeslagen."),
    ConflictChoices => ("r reload (drop my changes to them) · d show the difference · o overwrite with mine · Esc cancel", "r herladen (mijn wijzigingen erin weggooien) · d verschil tonen · o overschrijven met de mijne · Esc annuleren"),
    DiffTitle => ("Difference: {} (− on disk, + yours)", "Verschil: {} (− op schijf, + van jou)"),
    Reloaded => ("{} changed on disk and was reloaded.", "{} is op schijf gewijzigd en opnieuw geladen."),
    ChangedOnDisk => ("{} changed on disk; you have unsaved changes to it. Saving will ask what to do.", "{} is op schijf gewijzigd; je hebt er niet-opgeslagen wijzigingen in. Bij opslaan wordt gevraagd wat te doen."),
    ReloadFailed => ("{} changed on disk but does not load: {}", "{} is op schijf gewijzigd maar laadt niet: {}"),
    Overwritten => ("Overwrote {} with your version.", "{} overschreven met jouw versie."),
    Dropped => ("Dropped your changes to {} and loaded the version on disk.", "Je wijzigingen in {} weggegooid en de versie op schijf geladen."),
    NormaliseTitle => ("Saving will normalise files", "Opslaan zet bestanden in standaardvorm"),
    NormaliseText => ("These files were edited by hand or hold comments: {}. Saving rewrites them in canonical form; comments and hand layout in them will go (keep notes in the notes fields). Save?", "Deze bestanden zijn met de hand bewerkt of bevatten commentaar: {}. Opslaan schrijft ze in standaardvorm; commentaar en eigen opmaak verdwijnen (bewaar notities in de notitievelden). Opslaan?"),
    RecoveryTitle => ("Unsaved changes from an earlier session", "Niet-opgeslagen wijzigingen van een eerdere sessie"),
    RecoveryText => ("paraat was closed with {} unsaved changes to this workbook. Restore them?", "paraat is afgesloten met {} niet-opgeslagen wijzigingen in dit werkboek. Terugzetten?"),
    RecoveryChoices => ("r restore · d discard · Esc decide later", "r terugzetten · d weggooien · Esc later beslissen"),
    Restored => ("Restored {} changes; press s to save them.", "{} wijzigingen teruggezet; druk op s om ze op te slaan."),
    RestoredPartly => ("Restored {} of {} changes; the rest no longer fit the files on disk.", "{} van {} wijzigingen teruggezet; de rest past niet meer bij de bestanden op schijf."),
    RecoveryDiscarded => ("Discarded the earlier unsaved changes.", "De eerdere niet-opgeslagen wijzigingen zijn weggegooid."),
    RecoveryUnreadable => ("The recovery file could not be read: {}", "Het herstelbestand kon niet gelezen worden: {}"),
    RecoveryWriteFailed => ("Could not write the recovery file: {}", "Het herstelbestand kon niet geschreven worden: {}"),
    SaveFailed => ("Saving failed: {}", "Opslaan mislukt: {}"),
    EditorUnsaved => ("Save or undo your changes to {} before editing it by hand.", "Sla je wijzigingen in {} op of maak ze ongedaan voor je het met de hand bewerkt."),
    EditorFailed => ("Could not run the editor {}: {}", "De editor {} kon niet gestart worden: {}"),
    NoteTitle => ("Note for {}", "Notitie bij {}"),
    HeatMapTitle => ("Heat map ({})", "Risicomatrix ({})"),
    Current => ("current", "huidig"),
    Residual => ("residual", "restrisico"),
    Likelihood => ("likelihood", "kans"),
    Impact => ("impact", "impact"),
    CellFilter => ("likelihood {} × impact {}", "kans {} × impact {}"),
    CrisisRoles => ("Crisis roles", "Crisisrollen"),
    CallOrder => ("Call order", "Belvolgorde"),
    Primary => ("primary", "eerste"),
    Deputy => ("deputy", "vervanger"),
    NoDeputy => ("no deputy", "geen vervanger"),
    DependsOn => ("Depends on", "Hangt af van"),
    DependedOnBy => ("Depended on by", "Wordt gebruikt door"),
    Copies => ("Copies", "Kopieën"),
    RestoreTests => ("Restore tests", "Hersteltests"),
    NoRestoreTests => ("No restore test logged.", "Geen hersteltest vastgelegd."),
    Rule => ("3-2-1-1-0", "3-2-1-1-0"),
    ActiveIncident => ("ACTIVE INCIDENT: {} (declared {})", "ACTIEF INCIDENT: {} (gemeld {})"),
    Timeline => ("Timeline", "Tijdlijn"),
    Notifications => ("Notifications", "Meldingen"),
    Lessons => ("Lessons learned", "Geleerde lessen"),
    Verified => ("verified", "gecontroleerd"),
    NeverVerified => ("never verified", "nooit gecontroleerd"),
    Private => ("private", "privé"),
    LogRestoreTest => ("Log a restore test of {}", "Hersteltest van {} vastleggen"),
    Adopted => ("The action of {} is now plan step {}.", "De actie van {} is nu stap {} in het plan."),
    SelfCheckResult => ("Self-check result", "Uitslag zelftest"),
    Planned => ("planned", "gepland"),
    Open => ("open", "open"),
    ExportTitle => ("Export the offline pack", "Offline map exporteren"),
    Exported => ("Wrote {}.", "Geschreven: {}."),
    ExportFailed => ("Export failed: {}", "Exporteren mislukt: {}"),
    Loading => ("Loading {} …", "{} laden …"),
}

/// Puts `values` into the `{}` places of `template`, in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_values_in_order() {
        assert_eq!(fill("{} of {} answered", &["3", "5"]), "3 of 5 answered");
        assert_eq!(fill("no places", &["x"]), "no places");
    }
}
