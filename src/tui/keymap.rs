//! Keys are data: every command has a name and a one-line description, the key map
//! binds keys to commands per context, and the help screen, the hints in the
//! status bar and every popup's line of choices are built from the live bindings,
//! so they cannot lie. No key is read anywhere else: a screen or popup looks its
//! keys up here and acts on the command.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::model::Language;

/// Where the user is, which decides what a key means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Any screen without a popup.
    Global,
    /// A list (every tab): moving, filtering, sorting.
    List,
    /// A list whose records can be added, edited and deleted.
    Records,
    Overview,
    Answering,
    /// The self-check tab (answering, plus adopting actions).
    SelfCheck,
    Plan,
    Risks,
    HeatMap,
    Processes,
    Contacts,
    Backups,
    Incidents,
    /// The incident screen.
    Incident,
    /// Typing an entry in the incident screen's log line.
    IncidentLog,
    Filter,
    Form,
    /// Choosing one record in the picker.
    Picker,
    /// Choosing several records in the picker.
    PickerMulti,
    /// The items of a list field (phones, copies, lessons).
    Items,
    /// Quitting with unsaved changes.
    Quit,
    /// A yes/no question.
    Confirm,
    /// Files changed on disk while they held unsaved edits.
    Conflict,
    /// The difference shown for a conflict.
    Diff,
    /// Unsaved edits of an earlier session.
    Recovery,
    /// What changed since the last commit (git).
    Changes,
    /// Writing the commit message.
    Commit,
    /// Choosing between the values a merge left.
    MergeConflicts,
    /// The offer to set paraat up with git.
    GitSetup,
    Help,
    /// Finding anyone from anywhere.
    Find,
}

impl Context {
    pub const ALL: [Context; 31] = [
        Context::Global,
        Context::List,
        Context::Records,
        Context::Overview,
        Context::Answering,
        Context::SelfCheck,
        Context::Plan,
        Context::Risks,
        Context::HeatMap,
        Context::Processes,
        Context::Contacts,
        Context::Backups,
        Context::Incidents,
        Context::Incident,
        Context::IncidentLog,
        Context::Filter,
        Context::Form,
        Context::Picker,
        Context::PickerMulti,
        Context::Items,
        Context::Quit,
        Context::Confirm,
        Context::Conflict,
        Context::Diff,
        Context::Recovery,
        Context::Changes,
        Context::Commit,
        Context::MergeConflicts,
        Context::GitSetup,
        Context::Help,
        Context::Find,
    ];
}

macro_rules! commands {
    ($($name:ident => ($id:literal, $short_en:literal, $short_nl:literal, $en:literal, $nl:literal)),+ $(,)?) => {
        /// A named command a key can be bound to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command { $($name),+ }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$name),+];

            /// The command's stable name (for the help screen and tests).
            pub fn name(self) -> &'static str {
                match self { $(Command::$name => $id),+ }
            }

            /// One or two words for the hint bar.
            pub fn short(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $((Command::$name, Language::En) => $short_en, (Command::$name, Language::Nl) => $short_nl,)+
                }
            }

            /// What it does, in one line.
            pub fn doc(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $((Command::$name, Language::En) => $en, (Command::$name, Language::Nl) => $nl,)+
                }
            }

            /// Every text of every command, English and Dutch (for the test that
            /// both fill the same places).
            pub fn texts() -> Vec<(&'static str, &'static str)> {
                vec![$(($short_en, $short_nl), ($en, $nl)),+]
            }
        }

        const _: () = {
            $(
                assert!(crate::model::bilingual::same_placeholders($short_en, $short_nl));
                assert!(crate::model::bilingual::same_placeholders($en, $nl));
            )+
        };
    };
}

commands! {
    Quit => ("quit", "quit", "stoppen", "quit (asks when there are unsaved changes)", "afsluiten (vraagt bij niet-opgeslagen wijzigingen)"),
    Save => ("save", "save", "opslaan", "save every changed file", "alle gewijzigde bestanden opslaan"),
    Undo => ("undo", "undo", "ongedaan", "undo the last change", "laatste wijziging ongedaan maken"),
    Redo => ("redo", "redo", "opnieuw", "redo what was undone", "ongedaan gemaakte wijziging opnieuw doen"),
    Help => ("help", "help", "help", "show the keys", "toetsen tonen"),
    NextTab => ("next-tab", "next tab", "volgend tabblad", "next tab", "volgend tabblad"),
    PrevTab => ("prev-tab", "previous tab", "vorig tabblad", "previous tab", "vorig tabblad"),
    Tab1 => ("tab-1", "Overview", "Overzicht", "Overview", "Overzicht"),
    Tab2 => ("tab-2", "Checklist", "Checklist", "Checklist", "Checklist"),
    Tab3 => ("tab-3", "Self-check", "Zelftest", "Self-check", "Zelftest"),
    Tab4 => ("tab-4", "Plan", "Stappenplan", "Plan", "Stappenplan"),
    Tab5 => ("tab-5", "Risks", "Risico's", "Risks", "Risico's"),
    Tab6 => ("tab-6", "Processes", "Processen", "Processes", "Processen"),
    Tab7 => ("tab-7", "Contacts", "Contacten", "Contacts", "Contacten"),
    Tab8 => ("tab-8", "Backups", "Back-ups", "Backups", "Back-ups"),
    Tab9 => ("tab-9", "Incidents", "Incidenten", "Incidents", "Incidenten"),
    Up => ("up", "up", "omhoog", "move up", "omhoog"),
    Down => ("down", "down", "omlaag", "move down", "omlaag"),
    PageUp => ("page-up", "page up", "pagina omhoog", "one page up", "pagina omhoog"),
    PageDown => ("page-down", "page down", "pagina omlaag", "one page down", "pagina omlaag"),
    Top => ("top", "first", "eerste", "first row", "eerste regel"),
    Bottom => ("bottom", "last", "laatste", "last row", "laatste regel"),
    Add => ("add", "add", "toevoegen", "add a record", "record toevoegen"),
    Edit => ("edit", "edit", "bewerken", "edit the selected record", "geselecteerd record bewerken"),
    Duplicate => ("duplicate", "duplicate", "dupliceren", "duplicate the selected record", "geselecteerd record dupliceren"),
    Delete => ("delete", "delete", "verwijderen", "delete the selected record", "geselecteerd record verwijderen"),
    Filter => ("filter", "filter", "filteren", "filter the list as you type", "lijst filteren terwijl je typt"),
    Sort => ("sort", "sort", "sorteren", "sort by the next column", "sorteren op de volgende kolom"),
    SortReverse => ("sort-reverse", "reverse", "omdraaien", "reverse the sort order", "sorteervolgorde omdraaien"),
    OpenInEditor => ("open-in-editor", "$EDITOR", "$EDITOR", "open the record's file in $EDITOR", "bestand van het record openen in $EDITOR"),
    Jump => ("jump", "go to", "ga naar", "go to the record this is about", "naar het record gaan waar dit over gaat"),
    AnswerYes => ("answer-yes", "yes", "ja", "answer yes and go to the next", "ja antwoorden en naar de volgende"),
    AnswerPartly => ("answer-partly", "partly", "deels", "answer partly and go to the next", "deels antwoorden en naar de volgende"),
    AnswerNo => ("answer-no", "no", "nee", "answer no and go to the next", "nee antwoorden en naar de volgende"),
    AnswerNotApplicable => ("answer-n/a", "n/a", "n.v.t.", "answer not applicable and go to the next", "niet van toepassing antwoorden en naar de volgende"),
    Note => ("note", "note", "notitie", "add or change the note", "notitie toevoegen of wijzigen"),
    CycleStatus => ("cycle-status", "status", "status", "next status (to do, doing, done, skipped)", "volgende status (te doen, bezig, klaar, overgeslagen)"),
    HeatMap => ("heat-map", "heat map", "matrix", "show the heat map; choose a cell to filter", "risicomatrix tonen; kies een vak om te filteren"),
    Residual => ("residual", "current/residual", "huidig/rest", "switch between current and residual risk", "wisselen tussen huidig en restrisico"),
    Left => ("left", "left", "links", "move left", "naar links"),
    Right => ("right", "right", "rechts", "move right", "naar rechts"),
    Section => ("section", "processes/systems/suppliers", "processen/systemen/leveranciers", "switch between processes, systems and suppliers", "wisselen tussen processen, systemen en leveranciers"),
    ShowRoles => ("show-roles", "roles & call order", "rollen & belvolgorde", "show the crisis roles and the call order (again: back to the list)", "de crisisrollen en de belvolgorde tonen (nog eens: terug naar de lijst)"),
    CrisisRoles => ("crisis-roles", "crisis roles", "crisisrollen", "edit the crisis roles", "crisisrollen bewerken"),
    CallOrder => ("call-order", "call order", "belvolgorde", "edit the call order", "belvolgorde bewerken"),
    RestoreTest => ("restore-test", "restore test", "hersteltest", "log a restore test", "hersteltest vastleggen"),
    GitChanges => ("git-changes", "changes", "wijzigingen", "what changed since the last commit (git)", "wat er veranderde sinds de laatste commit (git)"),
    Commit => ("commit", "commit", "committen", "commit the workbook's files (message first)", "werkboekbestanden committen (eerst het bericht)"),
    SinceUpstream => ("since-upstream", "against upstream", "tegen upstream", "what the branch changes against its upstream, or back to the last commit", "wat de branch verandert tegen de upstream, of terug naar de laatste commit"),
    CommitNow => ("commit-now", "commit", "committen", "commit with this message", "committen met dit bericht"),
    MergeConflicts => ("merge-conflicts", "merge conflicts", "merge-conflicten", "choose between the values a merge left (git)", "kiezen tussen de waarden van een merge (git)"),
    KeepValue => ("keep-value", "keep the file's", "die in het bestand", "keep the value the file holds", "de waarde houden die in het bestand staat"),
    TakeOther => ("take-other", "take the other side's", "die van de andere kant", "take the other side's value", "de waarde van de andere kant nemen"),
    SetUpGit => ("set-up-git", "set up", "instellen", "set paraat up with git for this clone", "paraat instellen bij git voor deze clone"),
    NotForThisClone => ("not-for-this-clone", "no, and don't ask again", "nee, niet meer vragen", "do not set up, and do not ask again in this clone", "niet instellen, en in deze clone niet meer vragen"),
    AskLater => ("ask-later", "ask next time", "volgende keer", "do not set up now; ask again next time", "nu niet instellen; de volgende keer opnieuw vragen"),
    Confirm => ("confirm", "ok", "ok", "confirm", "bevestigen"),
    Cancel => ("cancel", "close", "sluiten", "cancel / close", "annuleren / sluiten"),
    NextField => ("next-field", "next field", "volgend veld", "next field", "volgend veld"),
    PrevField => ("prev-field", "previous field", "vorig veld", "previous field", "vorig veld"),
    SubmitForm => ("submit", "save form", "opslaan", "save the form", "formulier opslaan"),
    FieldAction => ("field-action", "choose", "kiezen", "choose (pick, toggle, open list)", "kiezen (zoeken, aan/uit, lijst openen)"),
    Today => ("today", "today", "vandaag", "fill in today's date", "datum van vandaag invullen"),
    Toggle => ("toggle", "select", "selecteren", "select or unselect", "selecteren of deselecteren"),
    Adopt => ("adopt", "adopt into plan", "in plan opnemen", "adopt the statement's improvement action into the plan as a step", "de verbeteractie van de stelling als stap in het plan opnemen"),
    Export => ("export", "export", "exporteren", "export the offline pack (HTML, Markdown, card, CSV)", "offline map exporteren (HTML, Markdown, kaart, CSV)"),
    Settings => ("settings", "settings", "instellingen", "the workbook's settings: the organisation, NIS2, the insurer, the notifier, printed copies, the review cycle", "de instellingen van het werkboek: de organisatie, NIS2, de verzekeraar, de melder, papieren exemplaren, de controlecyclus"),
    Clear => ("clear", "clear", "leegmaken", "clear the field", "veld leegmaken"),
    Declare => ("declare", "declare incident", "incident melden", "declare an incident or start an exercise", "een incident melden of een oefening starten"),
    OpenIncident => ("open-incident", "open", "openen", "open the incident screen (from anywhere: the active incident)", "het incidentscherm openen (van overal: het actieve incident)"),
    WriteLog => ("write-log", "log", "logboek", "write an entry in the log (Enter saves it at once)", "een regel in het logboek schrijven (Enter bewaart hem meteen)"),
    SaveEntry => ("save-entry", "save entry", "regel bewaren", "save the entry in the log now, with the time and your name", "de regel nu in het logboek bewaren, met de tijd en je naam"),
    Decision => ("decision", "decision", "besluit", "mark the entry being typed as a decision (or back)", "de regel die je typt markeren als besluit (of terug)"),
    CallReached => ("call-reached", "reached", "bereikt", "the selected person was called and reached", "de geselecteerde persoon is gebeld en bereikt"),
    CallNotReached => ("call-not-reached", "not reached", "niet bereikt", "the selected person was called but not reached", "de geselecteerde persoon is gebeld maar niet bereikt"),
    StepDone => ("step-done", "done", "gedaan", "the selected first-hour step is done", "de geselecteerde stap van het eerste uur is gedaan"),
    AffectedSystems => ("affected-systems", "affected", "getroffen", "choose the affected systems; the processes hit show at once", "getroffen systemen kiezen; de getroffen processen staan er meteen"),
    PersonalData => ("personal-data", "personal data", "persoonsgegevens", "record that personal data is involved (the 72-hour clock runs)", "vastleggen dat er persoonsgegevens betrokken zijn (de termijn van 72 uur loopt)"),
    Notify => ("notify", "notified", "gemeld", "record a notification to an authority, the insurer or others", "een melding vastleggen aan een autoriteit, de verzekeraar of anderen"),
    ReportDetails => ("report-details", "report details", "verslaggegevens", "fill in what the data protection authority and the insurer ask (when the breach started, how many people, ransom, costs, …)", "invullen wat de AP en de verzekeraar vragen (wanneer het lek begon, hoeveel personen, losgeld, kosten, …)"),
    CloseIncident => ("close-incident", "close incident", "incident afsluiten", "close the incident or exercise with the lessons learned", "het incident of de oefening afsluiten met de geleerde lessen"),
    NextPane => ("next-pane", "pane", "deel", "the next part of the screen takes the arrow keys", "het volgende deel van het scherm krijgt de pijltjestoetsen"),
    PrevPane => ("prev-pane", "previous pane", "vorig deel", "the previous part of the screen takes the arrow keys", "het vorige deel van het scherm krijgt de pijltjestoetsen"),
    Choose => ("choose", "choose", "kiezen", "choose the selected record", "het geselecteerde record kiezen"),
    Done => ("done", "done", "klaar", "done: back to the form", "klaar: terug naar het formulier"),
    AddItem => ("add-item", "add", "toevoegen", "add an item", "een item toevoegen"),
    EditItem => ("edit-item", "edit", "bewerken", "edit the selected item", "het geselecteerde item bewerken"),
    DeleteItem => ("delete-item", "delete", "verwijderen", "delete the selected item", "het geselecteerde item verwijderen"),
    MoveItemUp => ("move-item-up", "move up", "omhoog", "move the selected item up", "het geselecteerde item omhoog schuiven"),
    MoveItemDown => ("move-item-down", "move down", "omlaag", "move the selected item down", "het geselecteerde item omlaag schuiven"),
    SaveAndQuit => ("save-and-quit", "save and quit", "opslaan en afsluiten", "save every changed file, then quit", "alle gewijzigde bestanden opslaan en afsluiten"),
    QuitWithoutSaving => ("quit-without-saving", "discard and quit", "weggooien en afsluiten", "throw the unsaved changes away and quit", "de niet-opgeslagen wijzigingen weggooien en afsluiten"),
    Stay => ("stay", "cancel", "annuleren", "cancel: stay in paraat with the changes", "annuleren: in paraat blijven, met de wijzigingen"),
    Yes => ("yes", "yes", "ja", "yes", "ja"),
    No => ("no", "no", "nee", "no", "nee"),
    Reload => ("reload", "reload (drop my changes to them)", "herladen (mijn wijzigingen erin weggooien)", "load the files as they are on disk, dropping the unsaved changes to them", "de bestanden laden zoals ze op schijf staan, zonder de niet-opgeslagen wijzigingen erin"),
    ShowDifference => ("show-difference", "show the difference", "verschil tonen", "show what differs between the disk and the unsaved changes", "tonen wat er verschilt tussen de schijf en de niet-opgeslagen wijzigingen"),
    Overwrite => ("overwrite", "overwrite with mine", "overschrijven met de mijne", "save the unsaved changes over the files on disk", "de niet-opgeslagen wijzigingen over de bestanden op schijf opslaan"),
    RestoreEdits => ("restore-edits", "restore", "terugzetten", "apply the unsaved changes of the earlier session again", "de niet-opgeslagen wijzigingen van de vorige sessie opnieuw toepassen"),
    DiscardEdits => ("discard-edits", "discard", "weggooien", "throw the unsaved changes of the earlier session away", "de niet-opgeslagen wijzigingen van de vorige sessie weggooien"),
    KeepFilter => ("keep-filter", "keep", "houden", "keep the filter and go back to the list", "het filter houden en terug naar de lijst"),
    ClearFilter => ("clear-filter", "clear", "wissen", "clear the filter", "het filter wissen"),
    Find => ("find", "find", "zoeken", "find anyone: contacts, suppliers, systems, processes, with the numbers to call", "iedereen vinden: contacten, leveranciers, systemen, processen, met de nummers om te bellen"),
    GoToContact => ("go-to-contact", "go to contact", "naar contact", "go to the contact to call about the selected supplier, system or process", "naar de contactpersoon die je belt over de geselecteerde leverancier, het systeem of proces"),
    GoTo => ("go-to", "go to", "ga naar", "go to the record", "naar het record gaan"),
    Later => ("later", "decide later", "later beslissen", "keep the unsaved changes for the next start and go on", "de niet-opgeslagen wijzigingen bewaren voor de volgende start en doorgaan"),
}

/// A key with its modifiers, as bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// The key of an event, with Shift folded into upper-case letters.
    pub fn of(event: &KeyEvent) -> Key {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if let KeyCode::Char(_) = event.code {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        if event.code == KeyCode::BackTab {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: event.code,
            modifiers,
        }
    }

    /// How the key is written in help and hints: `Ctrl-S`, `Enter`, `?`; the
    /// space bar in the user's language (Dutch keyboards say "Spatie").
    pub fn label(self, lang: Language) -> String {
        let ctrl = self.modifiers.contains(KeyModifiers::CONTROL);
        let base = match self.code {
            KeyCode::Char(' ') => crate::model::bilingual::pick(lang, "Space", "Spatie").to_owned(),
            KeyCode::Char(c) if ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if ctrl {
            out.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        out.push_str(&base);
        out
    }
}

/// One binding: in `context`, `key` runs `command`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub command: Command,
    /// Shown in the status bar hints (the rest only in help).
    pub hint: bool,
    /// The hint shows only in this language (`j` for "ja", `y` for "yes"); the
    /// key works in both.
    pub lang: Option<Language>,
}

/// All bindings. The first binding of a command in a context is its main key.
#[derive(Clone, Debug)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        use Command as C;
        use Context as X;
        use KeyCode as K;
        let mut bindings = Vec::new();
        let mut bind_in = |lang: Option<Language>,
                           context: Context,
                           keys: &[Key],
                           command: Command,
                           hint: bool| {
            for (i, key) in keys.iter().enumerate() {
                bindings.push(Binding {
                    context,
                    key: *key,
                    command,
                    hint: hint && i == 0,
                    lang,
                });
            }
        };
        macro_rules! bind {
            ($($arg:expr),+ $(,)?) => { bind_in(None, $($arg),+) };
        }

        // Everywhere without a popup. Find comes first: it is the way to anyone.
        bind!(X::Global, &[Key::char('f')], C::Find, true);
        bind!(X::Global, &[Key::char('q')], C::Quit, true);
        bind!(X::Global, &[Key::char('s'), Key::ctrl('s')], C::Save, true);
        bind!(X::Global, &[Key::char('u'), Key::ctrl('z')], C::Undo, false);
        bind!(
            X::Global,
            &[Key::ctrl('r'), Key::char('U'), Key::ctrl('y')],
            C::Redo,
            false,
        );
        bind!(
            X::Global,
            &[Key::char('?'), Key::plain(K::F(1))],
            C::Help,
            true,
        );
        bind!(X::Global, &[Key::plain(K::Tab)], C::NextTab, false);
        bind!(X::Global, &[Key::plain(K::BackTab)], C::PrevTab, false);
        for (c, command) in ('1'..='9').zip([
            C::Tab1,
            C::Tab2,
            C::Tab3,
            C::Tab4,
            C::Tab5,
            C::Tab6,
            C::Tab7,
            C::Tab8,
            C::Tab9,
        ]) {
            bind!(X::Global, &[Key::char(c)], command, false);
        }
        bind!(X::Global, &[Key::char('E')], C::OpenInEditor, false);
        bind!(X::Global, &[Key::char('x')], C::Export, false);
        bind!(X::Global, &[Key::char('W')], C::Settings, false);
        bind!(X::Global, &[Key::char('!')], C::Declare, true);
        bind!(X::Global, &[Key::char('i')], C::OpenIncident, false);
        // Every list.
        bind!(X::List, &[Key::plain(K::Up), Key::char('k')], C::Up, false);
        bind!(
            X::List,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            false,
        );
        bind!(
            X::List,
            &[Key::plain(K::PageUp), Key::ctrl('b')],
            C::PageUp,
            false,
        );
        bind!(
            X::List,
            &[Key::plain(K::PageDown), Key::ctrl('f')],
            C::PageDown,
            false,
        );
        bind!(
            X::List,
            &[Key::plain(K::Home), Key::char('g')],
            C::Top,
            false,
        );
        bind!(
            X::List,
            &[Key::plain(K::End), Key::char('G')],
            C::Bottom,
            false,
        );
        bind!(X::List, &[Key::char('/')], C::Filter, true);
        bind!(X::List, &[Key::char('o')], C::Sort, false);
        bind!(X::List, &[Key::char('O')], C::SortReverse, false);
        bind!(
            X::Records,
            &[Key::char('a'), Key::plain(K::Insert)],
            C::Add,
            true,
        );
        bind!(
            X::Records,
            &[Key::char('e'), Key::plain(K::Enter)],
            C::Edit,
            true,
        );
        bind!(X::Records, &[Key::char('c')], C::Duplicate, false);
        bind!(
            X::Records,
            &[Key::char('d'), Key::plain(K::Delete)],
            C::Delete,
            true,
        );
        bind!(X::List, &[Key::plain(K::Esc)], C::Cancel, false);
        // The overview's findings.
        bind!(X::Overview, &[Key::plain(K::Enter)], C::Jump, true);
        // Checklist and self-check.
        bind!(X::Answering, &[Key::char('y')], C::AnswerYes, true);
        bind!(X::Answering, &[Key::char('p')], C::AnswerPartly, true);
        bind!(X::Answering, &[Key::char('n')], C::AnswerNo, true);
        bind!(
            X::Answering,
            &[Key::char('-')],
            C::AnswerNotApplicable,
            true,
        );
        bind!(X::Answering, &[Key::char('m')], C::Note, true);
        bind!(X::SelfCheck, &[Key::char('A')], C::Adopt, true);
        // The plan.
        bind!(X::Plan, &[Key::char(' ')], C::CycleStatus, true);
        // Risks and the heat map.
        bind!(X::Risks, &[Key::char('h')], C::HeatMap, true);
        bind!(X::Risks, &[Key::char('r')], C::Residual, false);
        bind!(
            X::HeatMap,
            &[Key::plain(K::Up), Key::char('k')],
            C::Up,
            false,
        );
        bind!(
            X::HeatMap,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            false,
        );
        bind!(
            X::HeatMap,
            &[Key::plain(K::Left), Key::char('h')],
            C::Left,
            false,
        );
        bind!(
            X::HeatMap,
            &[Key::plain(K::Right), Key::char('l')],
            C::Right,
            false,
        );
        bind!(X::HeatMap, &[Key::plain(K::Enter)], C::Confirm, true);
        bind!(X::HeatMap, &[Key::char('r')], C::Residual, true);
        bind!(X::HeatMap, &[Key::plain(K::Esc)], C::Cancel, true);
        // Processes, systems, suppliers.
        bind!(
            X::Processes,
            &[Key::char('v'), Key::plain(K::Right)],
            C::Section,
            true,
        );
        bind!(X::Processes, &[Key::char('w')], C::GoToContact, true);
        // Contacts.
        bind!(X::Contacts, &[Key::char('r')], C::ShowRoles, true);
        // Editing them is named in the title of the roles shown with `r`.
        bind!(X::Contacts, &[Key::char('R')], C::CrisisRoles, false);
        bind!(X::Contacts, &[Key::char('C')], C::CallOrder, false);
        // Backups.
        bind!(X::Backups, &[Key::char('t')], C::RestoreTest, true);
        // The Incidents tab and the incident screen.
        bind!(X::Incidents, &[Key::plain(K::Enter)], C::OpenIncident, true);
        bind!(X::Incident, &[Key::char('l')], C::WriteLog, true);
        bind!(X::Incident, &[Key::char('r')], C::CallReached, true);
        bind!(X::Incident, &[Key::char('n')], C::CallNotReached, true);
        bind!(
            X::Incident,
            &[Key::char('x'), Key::char(' ')],
            C::StepDone,
            true,
        );
        bind!(X::Incident, &[Key::char('a')], C::AffectedSystems, true);
        bind!(X::Incident, &[Key::char('p')], C::PersonalData, true);
        bind!(X::Incident, &[Key::char('N')], C::Notify, true);
        bind!(X::Incident, &[Key::char('I')], C::ReportDetails, false);
        bind!(X::Incident, &[Key::char('C')], C::CloseIncident, false);
        bind!(X::Incident, &[Key::plain(K::Tab)], C::NextPane, true);
        bind!(X::Incident, &[Key::plain(K::BackTab)], C::PrevPane, false);
        bind!(
            X::Incident,
            &[Key::plain(K::Up), Key::char('k')],
            C::Up,
            false,
        );
        bind!(
            X::Incident,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            false,
        );
        bind!(X::Incident, &[Key::plain(K::PageUp)], C::PageUp, false);
        bind!(X::Incident, &[Key::plain(K::PageDown)], C::PageDown, false);
        bind!(
            X::Incident,
            &[Key::plain(K::Home), Key::char('g')],
            C::Top,
            false,
        );
        bind!(
            X::Incident,
            &[Key::plain(K::End), Key::char('G')],
            C::Bottom,
            false,
        );
        bind!(X::Incident, &[Key::plain(K::Esc)], C::Cancel, false);
        bind!(X::IncidentLog, &[Key::plain(K::Enter)], C::SaveEntry, true);
        bind!(X::IncidentLog, &[Key::ctrl('d')], C::Decision, true);
        bind!(X::IncidentLog, &[Key::plain(K::Esc)], C::Cancel, true);
        // Typing a filter.
        bind!(X::Filter, &[Key::plain(K::Enter)], C::KeepFilter, true);
        bind!(X::Filter, &[Key::plain(K::Esc)], C::ClearFilter, true);
        bind!(X::Filter, &[Key::plain(K::Up)], C::Up, false);
        bind!(X::Filter, &[Key::plain(K::Down)], C::Down, false);
        // Forms.
        bind!(
            X::Form,
            &[Key::plain(K::Tab), Key::plain(K::Down)],
            C::NextField,
            true,
        );
        bind!(
            X::Form,
            &[Key::plain(K::BackTab), Key::plain(K::Up)],
            C::PrevField,
            false,
        );
        bind!(X::Form, &[Key::plain(K::Enter)], C::FieldAction, true);
        bind!(
            X::Form,
            &[Key::ctrl('s'), Key::plain(K::F(2))],
            C::SubmitForm,
            true,
        );
        bind!(X::Form, &[Key::plain(K::Esc)], C::Cancel, true);
        bind!(X::Form, &[Key::ctrl('t')], C::Today, true);
        bind!(X::Form, &[Key::ctrl('u')], C::Clear, false);
        // The record picker: one record, or several.
        bind!(X::Picker, &[Key::plain(K::Up)], C::Up, false);
        bind!(X::Picker, &[Key::plain(K::Down)], C::Down, false);
        bind!(X::Picker, &[Key::plain(K::Enter)], C::Choose, true);
        bind!(X::Picker, &[Key::plain(K::Esc)], C::Cancel, true);
        bind!(X::PickerMulti, &[Key::plain(K::Up)], C::Up, false);
        bind!(X::PickerMulti, &[Key::plain(K::Down)], C::Down, false);
        bind!(X::PickerMulti, &[Key::char(' ')], C::Toggle, true);
        bind!(X::PickerMulti, &[Key::plain(K::Enter)], C::Done, true);
        bind!(X::PickerMulti, &[Key::plain(K::Esc)], C::Cancel, true);
        // The items of a list field.
        bind!(X::Items, &[Key::plain(K::Up), Key::char('k')], C::Up, false);
        bind!(
            X::Items,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            false
        );
        bind!(X::Items, &[Key::char('a')], C::AddItem, true);
        bind!(
            X::Items,
            &[Key::plain(K::Enter), Key::char('e')],
            C::EditItem,
            true
        );
        bind!(
            X::Items,
            &[Key::char('d'), Key::plain(K::Delete)],
            C::DeleteItem,
            true
        );
        bind!(X::Items, &[Key::char('K')], C::MoveItemUp, true);
        bind!(X::Items, &[Key::char('J')], C::MoveItemDown, true);
        bind!(
            X::Items,
            &[Key::plain(K::Esc), Key::plain(K::Tab)],
            C::Done,
            true
        );
        // Quitting with unsaved changes.
        bind!(
            X::Quit,
            &[Key::char('s'), Key::char('S')],
            C::SaveAndQuit,
            true
        );
        // Not `q`: a second `q` must never throw the changes away.
        bind!(
            X::Quit,
            &[Key::char('d'), Key::char('D')],
            C::QuitWithoutSaving,
            true
        );
        bind!(
            X::Quit,
            &[Key::plain(K::Esc), Key::char('c')],
            C::Stay,
            true
        );
        // A yes/no question: `y` or `j` (ja) for yes; the hint shows the
        // language's own.
        bind_in(
            Some(Language::En),
            X::Confirm,
            &[Key::char('y'), Key::char('Y')],
            C::Yes,
            true,
        );
        bind_in(
            Some(Language::Nl),
            X::Confirm,
            &[Key::char('j'), Key::char('J')],
            C::Yes,
            true,
        );
        bind!(X::Confirm, &[Key::char('n'), Key::char('N')], C::No, true);
        bind!(X::Confirm, &[Key::plain(K::Esc)], C::No, false);
        // A file changed on disk.
        bind!(
            X::Conflict,
            &[Key::char('r'), Key::char('R')],
            C::Reload,
            true
        );
        bind!(
            X::Conflict,
            &[Key::char('d'), Key::char('D')],
            C::ShowDifference,
            true
        );
        bind!(
            X::Conflict,
            &[Key::char('o'), Key::char('O')],
            C::Overwrite,
            true
        );
        bind!(X::Conflict, &[Key::plain(K::Esc)], C::Cancel, true);
        bind!(X::Diff, &[Key::plain(K::Up), Key::char('k')], C::Up, true);
        bind!(
            X::Diff,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            true
        );
        bind!(X::Diff, &[Key::plain(K::Esc)], C::Cancel, true);
        // Unsaved edits of an earlier session.
        bind!(
            X::Recovery,
            &[Key::char('r'), Key::char('R')],
            C::RestoreEdits,
            true
        );
        bind!(
            X::Recovery,
            &[Key::char('d'), Key::char('D')],
            C::DiscardEdits,
            true
        );
        bind!(X::Recovery, &[Key::plain(K::Esc)], C::Later, true);
        // Finding anyone.
        bind!(X::Find, &[Key::plain(K::Enter)], C::GoTo, true);
        bind!(X::Find, &[Key::plain(K::Up)], C::Up, false);
        bind!(X::Find, &[Key::plain(K::Down)], C::Down, false);
        bind!(X::Find, &[Key::plain(K::Esc)], C::Cancel, true);
        // git: the changes view, the commit message, the conflict chooser, the
        // setup offer.
        bind!(X::Global, &[Key::char('D')], C::GitChanges, false);
        bind!(X::Global, &[Key::char('M')], C::MergeConflicts, false);
        bind!(X::Changes, &[Key::char('c')], C::Commit, true);
        bind!(X::Changes, &[Key::char('u')], C::SinceUpstream, true);
        bind!(
            X::Changes,
            &[Key::plain(K::Up), Key::char('k')],
            C::Up,
            false
        );
        bind!(
            X::Changes,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            false
        );
        bind!(X::Changes, &[Key::plain(K::Esc)], C::Cancel, true);
        bind!(
            X::Commit,
            &[Key::ctrl('s'), Key::plain(K::F(2))],
            C::CommitNow,
            true
        );
        bind!(X::Commit, &[Key::plain(K::Esc)], C::Cancel, true);
        bind!(
            X::MergeConflicts,
            &[Key::plain(K::Up), Key::char('k')],
            C::Up,
            false
        );
        bind!(
            X::MergeConflicts,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            false
        );
        bind!(
            X::MergeConflicts,
            &[Key::char('f'), Key::plain(K::Left)],
            C::KeepValue,
            true
        );
        bind!(
            X::MergeConflicts,
            &[Key::char('t'), Key::plain(K::Right)],
            C::TakeOther,
            true
        );
        bind!(X::MergeConflicts, &[Key::plain(K::Esc)], C::Cancel, true);
        bind_in(
            Some(Language::En),
            X::GitSetup,
            &[Key::char('y'), Key::char('Y')],
            C::SetUpGit,
            true,
        );
        bind_in(
            Some(Language::Nl),
            X::GitSetup,
            &[Key::char('j'), Key::char('J')],
            C::SetUpGit,
            true,
        );
        bind!(
            X::GitSetup,
            &[Key::char('n'), Key::char('N')],
            C::NotForThisClone,
            true
        );
        bind!(X::GitSetup, &[Key::plain(K::Esc)], C::AskLater, true);
        // Help.
        bind!(
            X::Help,
            &[Key::plain(K::Esc), Key::char('?'), Key::char('q')],
            C::Cancel,
            true
        );
        bind!(X::Help, &[Key::plain(K::Up), Key::char('k')], C::Up, false);
        bind!(
            X::Help,
            &[Key::plain(K::Down), Key::char('j')],
            C::Down,
            false
        );
        KeyMap { bindings }
    }
}

impl KeyMap {
    /// The command `event` runs in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], event: &KeyEvent) -> Option<Command> {
        let key = Key::of(event);
        contexts.iter().find_map(|context| {
            self.bindings
                .iter()
                .find(|b| b.context == *context && b.key == key)
                .map(|b| b.command)
        })
    }

    /// Every binding of `context`, grouped by command, keys in binding order.
    pub fn for_context(&self, context: Context) -> Vec<(Command, Vec<Key>)> {
        let mut out: Vec<(Command, Vec<Key>)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.context == context) {
            match out.iter_mut().find(|(c, _)| *c == binding.command) {
                Some((_, keys)) => keys.push(binding.key),
                None => out.push((binding.command, vec![binding.key])),
            }
        }
        out
    }

    /// The hints for the status bar: main key and command for `contexts`, most
    /// specific first, as `lang` shows them.
    pub fn hints(&self, contexts: &[Context], lang: Language) -> Vec<(Key, Command)> {
        let mut out: Vec<(Key, Command)> = Vec::new();
        for context in contexts {
            for binding in self
                .bindings
                .iter()
                .filter(|b| b.context == *context && b.hint && b.lang.is_none_or(|l| l == lang))
            {
                if !out.iter().any(|(_, c)| *c == binding.command) {
                    out.push((binding.key, binding.command));
                }
            }
        }
        out
    }

    /// The hints of `context` as one line ("s save and quit · d discard and quit ·
    /// Esc cancel"), for a popup's own line of choices.
    pub fn hint_line(&self, context: Context, lang: Language) -> String {
        self.hint_line_within(context, lang, usize::MAX)
    }

    /// Like [`KeyMap::hint_line`], leaving out the last hints that do not fit in
    /// `width` characters.
    pub fn hint_line_within(&self, context: Context, lang: Language, width: usize) -> String {
        let mut line = String::new();
        for (key, command) in self.hints(&[context], lang) {
            let hint = format!("{} {}", key.label(lang), command.short(lang));
            let sep = if line.is_empty() { "" } else { " · " };
            if line.chars().count() + sep.chars().count() + hint.chars().count() > width {
                break;
            }
            line.push_str(sep);
            line.push_str(&hint);
        }
        line
    }

    /// The main key of `command` in `context` (for messages like "press s to save").
    pub fn key_for(&self, context: Context, command: Command) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.command == command)
            .map(|b| b.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let map = KeyMap::default();
        for a in &map.bindings {
            for b in &map.bindings {
                if !std::ptr::eq(a, b) {
                    assert!(
                        !(a.context == b.context && a.key == b.key && a.command != b.command),
                        "{:?} {} is bound to both {} and {}",
                        a.context,
                        a.key.label(Language::En),
                        a.command.name(),
                        b.command.name()
                    );
                }
            }
        }
    }

    #[test]
    fn every_command_has_a_description_in_both_languages() {
        for c in Command::ALL {
            assert!(!c.doc(Language::En).is_empty() && !c.doc(Language::Nl).is_empty());
        }
        for (en, nl) in Command::texts() {
            assert!(
                crate::model::bilingual::same_placeholders(en, nl),
                "{en:?} / {nl:?}"
            );
        }
    }

    #[test]
    fn every_popup_line_of_choices_comes_from_the_key_map() {
        let map = KeyMap::default();
        assert_eq!(
            map.hint_line(Context::Quit, Language::En),
            "s save and quit · d discard and quit · Esc cancel"
        );
        assert_eq!(
            map.hint_line(Context::Confirm, Language::En),
            "y yes · n no"
        );
        assert_eq!(
            map.hint_line(Context::Confirm, Language::Nl),
            "j ja · n nee"
        );
        let items = map.hint_line(Context::Items, Language::En);
        for key in [
            "a add",
            "Enter edit",
            "d delete",
            "K move up",
            "J move down",
            "Esc done",
        ] {
            assert!(items.contains(key), "{items}");
        }
        assert!(
            map.hint_line_within(Context::Form, Language::En, 30)
                .chars()
                .count()
                <= 30
        );
    }
}
