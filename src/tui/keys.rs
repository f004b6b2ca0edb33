//! The one table of key bindings. It drives the key handling ([`command_for`]), the bar of hints
//! at the bottom of each screen ([`hints`]), the help overlay ([`help_sections`]) and every key
//! named in a screen text or a status message ([`label`]), so that help can never drift from what
//! the keys do (the design of gitui's key list). The mouse gestures each screen answers to are in
//! a table of their own here too ([`MOUSE`]).
//!
//! Over 600 lines because the table is one: every binding of every screen and overlay, one line
//! each, kept together so that a clash or a gap shows at a glance.

use crate::assessment::{ActionStatus, EvidenceKind, FindingKind};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

/// Where a key is pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// The list of assessment files.
    Home,
    /// The form that starts a new assessment.
    NewForm,
    /// The walk-through: processes, attributes, detail.
    Walk,
    /// The walk-through after the target key: the next key is the target level.
    Target,
    /// The summary: levels against target and the heat map.
    Summary,
    /// The note editor.
    Note,
    /// The evidence picker.
    Picker,
    /// The new-evidence form.
    EvidenceForm,
    /// The kind field of the new-evidence form; the form's own keys work there too.
    EvidenceKind,
    /// Typing a search.
    Search,
    /// Typing the id or name of a process to jump to.
    Goto,
    /// The help overlay.
    Help,
    /// The file changed on disk while open.
    Conflict,
    /// The file is open in another capra.
    Locked,
    /// The list of consistency warnings.
    Warnings,
    /// Writing why a warning is accepted.
    Ack,
    /// A recovery file was found.
    Recovery,
    /// The editor of a finding: the note editor with a kind and a severity.
    Finding,
    /// A yes-or-no question (deleting a finding or an action).
    Confirm,
    /// The improvement plan.
    Plan,
    /// The plan after the status key: the next key is the new status.
    PlanStatus,
    /// A one-line input: a title, an owner, a due date of the plan; the answer to a question.
    Input,
    /// The ratings flagged for review, with each assessor's rating: resolve them one by one.
    Flagged,
    /// A draft left by an editor when capra ended: restore it or drop it.
    Draft,
    /// The legend: what each symbol on the screen means.
    Legend,
    /// The agenda: the interview plan, and the interview going on now.
    Agenda,
    /// The form that adds an interview to the plan.
    InterviewForm,
    /// The settings form: the assessment inputs and the report settings.
    Settings,
    /// Editing one setting of the settings form.
    SettingsEdit,
    /// Before a report is written: what keeps it a draft.
    DraftReport,
    /// The evidence register: every item and who cites it.
    Register,
    /// The document requests.
    Requests,
    /// The form that asks for a document.
    RequestForm,
    /// Leaving a form with text typed and not saved.
    Discard,
}

impl Ctx {
    /// Every context, in the order of the help overlay and of docs/tui.md.
    pub const ALL: [Ctx; 34] = [
        Ctx::Walk,
        Ctx::Target,
        Ctx::Agenda,
        Ctx::InterviewForm,
        Ctx::Requests,
        Ctx::RequestForm,
        Ctx::Flagged,
        Ctx::Note,
        Ctx::Finding,
        Ctx::Confirm,
        Ctx::Discard,
        Ctx::Summary,
        Ctx::DraftReport,
        Ctx::Plan,
        Ctx::PlanStatus,
        Ctx::Input,
        Ctx::Settings,
        Ctx::SettingsEdit,
        Ctx::Picker,
        Ctx::Register,
        Ctx::EvidenceForm,
        Ctx::EvidenceKind,
        Ctx::Search,
        Ctx::Goto,
        Ctx::Home,
        Ctx::NewForm,
        Ctx::Warnings,
        Ctx::Ack,
        Ctx::Conflict,
        Ctx::Recovery,
        Ctx::Draft,
        Ctx::Locked,
        Ctx::Help,
        Ctx::Legend,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Ctx::Home => "Assessment list",
            Ctx::NewForm => "New assessment",
            Ctx::Walk => "Walk-through (rating)",
            Ctx::Target => "Setting a target level",
            Ctx::Summary => "Summary",
            Ctx::Note => "Note editor",
            Ctx::Picker => "Evidence picker",
            Ctx::EvidenceForm => "New evidence item",
            Ctx::EvidenceKind => "Kind of a new evidence item",
            Ctx::Search => "Search",
            Ctx::Goto => "Jumping to a process",
            Ctx::Help => "Help",
            Ctx::Conflict => "File changed on disk",
            Ctx::Locked => "File in use",
            Ctx::Warnings => "Consistency warnings",
            Ctx::Ack => "Acknowledging a warning",
            Ctx::Recovery => "Recovered version found",
            Ctx::Finding => "Finding editor",
            Ctx::Confirm => "Are you sure?",
            Ctx::Plan => "Improvement plan",
            Ctx::PlanStatus => "Changing the status of an action",
            Ctx::Input => "A one-line input: an action's title, owner or due date, or an answer",
            Ctx::Flagged => "Flagged ratings and disagreements",
            Ctx::Draft => "Unsaved text found",
            Ctx::Legend => "Legend",
            Ctx::Agenda => "Agenda (the interview plan)",
            Ctx::InterviewForm => "New interview",
            Ctx::Settings => "Settings",
            Ctx::SettingsEdit => "Editing a setting",
            Ctx::DraftReport => "Before writing a draft report",
            Ctx::Register => "Evidence register",
            Ctx::Requests => "Document requests",
            Ctx::RequestForm => "New document request",
            Ctx::Discard => "Leaving unsaved text",
        }
    }

    /// The context whose keys also work here, under this one's own.
    pub fn parent(self) -> Option<Ctx> {
        match self {
            Ctx::EvidenceKind => Some(Ctx::EvidenceForm),
            _ => None,
        }
    }
}

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cmd {
    Quit,
    Help,
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    NextPane,
    PrevPane,
    NextField,
    PrevField,
    Select,
    RateN,
    RateP,
    RateL,
    RateF,
    RefineDown,
    RefineUp,
    Clear,
    EditNote,
    Confidence,
    Evidence,
    Review,
    Instance,
    NextUnrated,
    Filter,
    Search,
    AllAttributes,
    Target,
    Undo,
    Redo,
    Summary,
    New,
    Toggle,
    ToggleAll,
    Submit,
    NewEvidence,
    ReadOnly,
    Reload,
    Overwrite,
    Report,
    Accept,
    Warnings,
    Rationale,
    /// Acknowledge the selected consistency warning.
    Acknowledge,
    /// Put the recovered version in place of the file.
    Restore,
    /// Set the target level to this value.
    Level(u8),
    /// The previous or next kind of evidence.
    PrevKind,
    NextKind,
    /// This kind of evidence.
    Kind(EvidenceKind),
    /// Write a new finding of this kind.
    AddFinding(FindingKind),
    /// The improvement plan screen.
    Plan,
    /// The next severity of a weakness.
    NextSeverity,
    /// The status key of the plan: the next key is the status.
    AskStatus,
    /// Set the selected action's status.
    Status(ActionStatus),
    /// The next filter by status.
    StatusFilter,
    /// The next filter by owner.
    OwnerFilter,
    /// Overdue actions only, or all.
    Overdue,
    EditTitle,
    EditOwner,
    EditDue,
    /// Cycle the selected action's priority.
    Priority,
    /// Link or unlink the finding selected in the walk-through.
    Link,
    /// Remove the selected action.
    Remove,
    /// The list of ratings flagged for review and the assessors' disagreements.
    Flagged,
    /// Agree the rating of "our" side (the assessor marked "(ours)", else the first).
    TakeOurs,
    /// Agree the rating of "their" side (the assessor marked "(theirs)", else the other one).
    TakeTheirs,
    /// Agree the rating of the assessor at the position of the digit pressed (1 to 9).
    TakeAssessor,
    /// The legend of the symbols.
    Legend,
    /// Jump in the detail to the questions to ask.
    Questions,
    /// Jump in the detail to the typical evidence.
    TypicalEvidence,
    /// Jump in the detail to the outcomes (PA1.1) or achievements, selecting the first.
    Indicators,
    /// The prompt that jumps to a process by id or name.
    Goto,
    /// Complete what is typed.
    Complete,
    /// Jump in the detail to the ISO/IEC 27001 clauses and controls of the process.
    Clauses,
    /// The ISO/IEC 27001 readiness page of the summary (or back to the levels from it).
    Iso27001,
    /// The agenda: the interview plan.
    Agenda,
    /// End the interview going on now.
    EndInterview,
    /// The settings form: the assessment inputs and the report settings.
    Settings,
    /// The evidence register.
    Register,
    /// Show or hide the guidance (questions, typical evidence) beside an editor.
    Guidance,
    /// The document requests.
    Requests,
    /// Mark the selected request received.
    Received,
    /// Mark the selected request received and make it an evidence item.
    ReceivedAsEvidence,
}

/// A key with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(c: KeyCode) -> Key {
    Key {
        code: c,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    /// How the key is written in hints and help: `n`, `Ctrl+r`, `PgDn`, `Tab`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl+{base}")
        } else {
            base
        }
    }

    /// True when a key event is this key. Shift is ignored for characters, since the
    /// character itself already says it (`G`, `?`, `+`).
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        match (self.code, ev.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && mods == self.mods,
            (a, b) => a == b && (ev.modifiers == self.mods || mods == self.mods),
        }
    }
}

/// One line of the key table.
#[derive(Clone, Debug)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub cmd: Cmd,
    /// A word or two for the bottom bar; empty when the binding is not shown there.
    pub hint: &'static str,
    /// A sentence for the help overlay.
    pub help: &'static str,
}

macro_rules! b {
    ($ctx:ident, [$($key:expr),+], $cmd:ident $(($arg:expr))?, $hint:literal, $help:literal) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($key),+], cmd: Cmd::$cmd $(($arg))?, hint: $hint, help: $help }
    };
}

/// Every key capra's terminal UI answers to.
#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // The walk-through: rating first, since that is what an interview is made of.
    b!(Walk, [k('n')], RateN, "rate", "rate the selected attribute N: not achieved (0-15 %); in the detail pane, characterise the selected outcome, achievement or practice"),
    b!(Walk, [k('p')], RateP, "rate", "rate it P: partially achieved (>15-50 %)"),
    b!(Walk, [k('l')], RateL, "rate", "rate it L: largely achieved (>50-85 %)"),
    b!(Walk, [k('f')], RateF, "rate", "rate it F: fully achieved (>85-100 %)"),
    b!(Walk, [k('-')], RefineDown, "", "refine P or L to its lower half (P-, L-)"),
    b!(Walk, [k('+'), k('=')], RefineUp, "", "refine P or L to its upper half (P+, L+)"),
    b!(Walk, [k('x'), code(KeyCode::Delete), code(KeyCode::Backspace)], Clear, "", "clear the rating (not rated); the note and evidence stay; in the detail pane, remove the characterisation, delete the selected finding (asks first), or mark the selected question as still to ask (its answer kept)"),
    b!(Walk, [k('S')], AddFinding(FindingKind::Strength), "finding", "write a finding: a strength of the selected attribute (of the process as a whole from the process list)"),
    b!(Walk, [k('W')], AddFinding(FindingKind::Weakness), "finding", "write a finding: a weakness (severity medium; Tab in the editor changes it)"),
    b!(Walk, [k('O')], AddFinding(FindingKind::Observation), "finding", "write a finding: an observation"),
    b!(Walk, [k('I')], AddFinding(FindingKind::Recommendation), "finding", "write a finding: a recommendation (an improvement)"),
    b!(Walk, [k('E')], Rationale, "", "write why the rating of the process as a whole overrides the aggregate (R2) or the proposal (R1)"),
    b!(Walk, [k('A')], Accept, "", "accept the rating proposed from the characterisations (R1) as the attribute's rating"),
    b!(Walk, [k('w')], Warnings, "", "consistency warnings: see, jump to, acknowledge"),
    b!(Walk, [k('D')], Flagged, "flagged", "the ratings flagged for review and where the assessors disagree: resolve each with one key"),
    b!(Walk, [k('e')], EditNote, "note", "write or edit the private note of the selected attribute, from any pane; on a finding in the detail pane, edit the finding; on a question, write its answer"),
    b!(Walk, [code(KeyCode::Enter)], Select, "", "in the process list, go to the attributes; on a question in the detail pane, write the answer heard and record it as asked (in the interview going on, if any); elsewhere, as e"),
    b!(Walk, [k('c')], Confidence, "", "cycle the confidence of the rating: high, medium, low, none"),
    b!(Walk, [k('v')], Evidence, "evidence", "link evidence from the register, or add a new item"),
    b!(Walk, [k('r')], Review, "", "cycle the review mark: flagged for review, reviewed, none"),
    b!(Walk, [k('i')], Instance, "", "rate the next process instance (overall, then each instance)"),
    b!(Walk, [k(' ')], NextUnrated, "next unrated", "jump to the next attribute the target needs that is not rated"),
    b!(Walk, [code(KeyCode::Up), k('k')], Up, "", "move up (in the detail pane: the previous item)"),
    b!(Walk, [code(KeyCode::Down), k('j')], Down, "", "move down (in the detail pane: the next item)"),
    b!(Walk, [k('g'), code(KeyCode::Home)], Top, "", "go to the first row"),
    b!(Walk, [k('G'), code(KeyCode::End)], Bottom, "", "go to the last row"),
    b!(Walk, [code(KeyCode::PageUp)], PageUp, "", "scroll the detail up"),
    b!(Walk, [code(KeyCode::PageDown)], PageDown, "", "scroll the detail down (it stops at the end)"),
    b!(Walk, [k('B')], Indicators, "", "in the detail: the outcomes (PA1.1) or achievements of the attribute, the first selected to characterise"),
    b!(Walk, [k('Q')], Questions, "", "in the detail: the questions to ask, the first not asked yet selected to answer"),
    b!(Walk, [k('T')], TypicalEvidence, "", "in the detail: the typical evidence"),
    b!(Walk, [k('C')], Clauses, "", "in the detail: the ISO/IEC 27001 clauses and controls of the process, its role and their verdicts"),
    b!(Walk, [code(KeyCode::Tab)], NextPane, "", "next pane: processes, attributes, detail"),
    b!(Walk, [code(KeyCode::BackTab)], PrevPane, "", "previous pane"),
    b!(Walk, [k('o')], Filter, "", "show only: all processes, those with unrated attributes, those flagged for review"),
    b!(Walk, [k('/')], Search, "", "search everything: the model's text, notes, findings, evidence, actions, interviews, requests, answers; results as you type"),
    b!(Walk, [k(':')], Goto, "", "jump to a process by id (CORE.3, core3, ISMS.CORE.3) or the start of its name"),
    b!(Walk, [k('a')], AllAttributes, "", "show all attributes, not only those up to the target level"),
    b!(Walk, [k('t')], Target, "", "set the target level of the process (then press 0-5)"),
    b!(Walk, [k('u'), ctrl('z')], Undo, "undo", "undo the last change"),
    b!(Walk, [ctrl('r'), ctrl('y')], Redo, "", "redo"),
    b!(Walk, [k('s')], Summary, "summary", "summary: levels against target, heat map"),
    b!(Walk, [k('K')], Iso27001, "27001", "ISO/IEC 27001 readiness: clauses, controls per theme, controls at risk (when the model has a catalogue)"),
    b!(Walk, [k('P')], Plan, "plan", "the improvement plan: actions, owners, due dates, status"),
    b!(Walk, [k('M')], Agenda, "", "the agenda: the interview plan; start, switch or end the interview going on now (its clock runs in the header)"),
    b!(Walk, [k('V')], Register, "", "the evidence register: every item with who cites it; edit or remove one"),
    b!(Walk, [k(',')], Settings, "", "the settings: the assessment's inputs (title, purpose, class, dates...) and the report's (organisation, status, executive summary...), each checked as capra set checks it"),
    b!(Walk, [k('R')], Report, "", "write the report: PDF and CSV files beside the assessment file (when something keeps it a draft, says what first and asks)"),
    b!(Walk, [k('H')], Requests, "", "the document requests: what was asked for, from whom, by when; add, mark received, make evidence"),
    b!(Walk, [k('?')], Help, "help", "this help"),
    b!(Walk, [k('q'), ctrl('c')], Quit, "quit", "quit (every change is already saved)"),
    // The agenda: the interview plan.
    b!(Agenda, [code(KeyCode::Up), k('k')], Up, "", "move up"),
    b!(Agenda, [code(KeyCode::Down), k('j')], Down, "", "move down"),
    b!(Agenda, [code(KeyCode::Enter)], Select, "start", "start the selected interview as the current one (or switch to it) and go to its first process; on the current one, end it"),
    b!(Agenda, [k('x')], EndInterview, "end", "end the current interview: it is marked held, and its clock stops"),
    b!(Agenda, [k('a')], New, "add", "add an interview: who, role, when, minutes, processes"),
    b!(Agenda, [code(KeyCode::Esc), k('M'), k('q')], Back, "close", "close the agenda (the current interview goes on)"),
    // The form that adds an interview.
    b!(InterviewForm, [code(KeyCode::Tab), code(KeyCode::Down)], NextField, "next field", "next field"),
    b!(InterviewForm, [code(KeyCode::BackTab), code(KeyCode::Up)], PrevField, "", "previous field"),
    b!(InterviewForm, [code(KeyCode::Enter), ctrl('s')], Submit, "add", "add the interview to the plan (a wrong date, number or process says so and adds nothing)"),
    b!(InterviewForm, [code(KeyCode::Esc)], Back, "cancel", "back to the agenda without adding anything"),
    // The document requests.
    b!(Requests, [code(KeyCode::Up), k('k')], Up, "", "move up"),
    b!(Requests, [code(KeyCode::Down), k('j')], Down, "", "move down"),
    b!(Requests, [code(KeyCode::Enter), k('r')], Received, "received", "mark the selected request received today"),
    b!(Requests, [k('E')], ReceivedAsEvidence, "as evidence", "mark it received and add it to the evidence register as a document, in one step"),
    b!(Requests, [k('a')], New, "add", "ask for a document: what, from whom (the interviewee of the interview going on, at first), due date"),
    b!(Requests, [k('x'), code(KeyCode::Delete)], Remove, "remove", "remove the request (asks first)"),
    b!(Requests, [code(KeyCode::Esc), k('H'), k('q')], Back, "close", "close the list"),
    // The form that asks for a document.
    b!(RequestForm, [code(KeyCode::Tab), code(KeyCode::Down)], NextField, "next field", "next field"),
    b!(RequestForm, [code(KeyCode::BackTab), code(KeyCode::Up)], PrevField, "", "previous field"),
    b!(RequestForm, [code(KeyCode::Enter), ctrl('s')], Submit, "add", "add the request (a due date must be YYYY-MM-DD)"),
    b!(RequestForm, [code(KeyCode::Esc)], Back, "cancel", "back to the list without adding anything"),
    // After the target key: the level.
    b!(Target, [k('0')], Level(0), "", "target level 0"),
    b!(Target, [k('1')], Level(1), "", "target level 1"),
    b!(Target, [k('2')], Level(2), "", "target level 2"),
    b!(Target, [k('3')], Level(3), "", "target level 3"),
    b!(Target, [k('4')], Level(4), "", "target level 4"),
    b!(Target, [k('5')], Level(5), "", "target level 5"),
    b!(Target, [code(KeyCode::Esc)], Back, "", "leave the target as it is (so does any other key)"),
    // The flagged ratings and disagreements.
    b!(Flagged, [code(KeyCode::Up), k('k')], Up, "", "move up"),
    b!(Flagged, [code(KeyCode::Down), k('j')], Down, "", "move down"),
    b!(Flagged, [k('o')], TakeOurs, "ours", "agree our rating: the assessor marked (ours) or whose rating was kept, else the first listed"),
    b!(Flagged, [k('t')], TakeTheirs, "theirs", "agree their rating: the assessor marked (theirs), else the other one"),
    b!(Flagged, [k('1'), k('2'), k('3'), k('4'), k('5'), k('6'), k('7'), k('8'), k('9')], TakeAssessor, "", "agree the rating of the assessor listed at that position"),
    b!(Flagged, [k('n')], RateN, "new", "agree a new rating N (rationale written, flag cleared)"),
    b!(Flagged, [k('p')], RateP, "new", "agree a new rating P"),
    b!(Flagged, [k('l')], RateL, "new", "agree a new rating L"),
    b!(Flagged, [k('f')], RateF, "new", "agree a new rating F"),
    b!(Flagged, [k('a')], Accept, "keep", "keep the agreed rating as it is and mark it reviewed"),
    b!(Flagged, [code(KeyCode::Enter)], Select, "go to", "go to the process and attribute in the walk-through"),
    b!(Flagged, [k('u'), ctrl('z')], Undo, "undo", "undo the last change (the flag comes back)"),
    b!(Flagged, [ctrl('r'), ctrl('y')], Redo, "", "redo"),
    b!(Flagged, [code(KeyCode::Esc), k('D'), k('q')], Back, "close", "close the list"),
    // Summary.
    b!(Summary, [code(KeyCode::Up), k('k')], Up, "", "scroll up (on the ISO/IEC 27001 page: the previous row)"),
    b!(Summary, [code(KeyCode::Down), k('j')], Down, "", "scroll down (on the ISO/IEC 27001 page: the next row)"),
    b!(Summary, [k('s'), code(KeyCode::Esc)], Back, "back", "back to the walk-through"),
    b!(Summary, [k('K')], Iso27001, "27001", "the ISO/IEC 27001 readiness page, or back to the levels"),
    b!(Summary, [code(KeyCode::Enter)], Select, "", "on the ISO/IEC 27001 page: go to the first process in scope behind the clause or control"),
    b!(Summary, [k('R')], Report, "report", "write the report: PDF and CSV files beside the assessment file (when something keeps it a draft, says what first and asks)"),
    b!(Summary, [k('P')], Plan, "plan", "the improvement plan: actions, owners, due dates, status"),
    b!(Summary, [k('?')], Help, "help", "this help"),
    b!(Summary, [k('q'), ctrl('c')], Quit, "quit", "quit"),
    // Before a report is written while something keeps it a draft.
    b!(DraftReport, [k('y'), code(KeyCode::Enter)], Submit, "write it", "write the report anyway: it is marked DRAFT and lists what is open"),
    b!(DraftReport, [k('n'), code(KeyCode::Esc)], Back, "cancel", "write nothing, to settle what is open first"),
    b!(DraftReport, [code(KeyCode::Up), k('k')], Up, "", "scroll up"),
    b!(DraftReport, [code(KeyCode::Down), k('j')], Down, "", "scroll down"),
    // Home: the list of assessments.
    b!(Home, [code(KeyCode::Up), k('k')], Up, "", "move up"),
    b!(Home, [code(KeyCode::Down), k('j')], Down, "", "move down"),
    b!(Home, [code(KeyCode::Enter)], Select, "open", "open the selected assessment"),
    b!(Home, [k('n')], New, "new", "start a new assessment of the ISMS model"),
    b!(Home, [k('?')], Help, "help", "this help"),
    b!(Home, [k('q'), ctrl('c'), code(KeyCode::Esc)], Quit, "quit", "quit"),
    // The new-assessment form.
    b!(NewForm, [code(KeyCode::Tab)], NextField, "next field", "next field"),
    b!(NewForm, [code(KeyCode::BackTab)], PrevField, "", "previous field"),
    b!(NewForm, [code(KeyCode::Down)], Down, "", "next field; in the process list, the next process"),
    b!(NewForm, [code(KeyCode::Up)], Up, "", "previous field; in the process list, the previous process"),
    b!(NewForm, [k(' ')], Toggle, "", "in the process list: take the process in or out of scope"),
    b!(NewForm, [ctrl('a')], ToggleAll, "", "in the process list: all processes in or out"),
    b!(NewForm, [ctrl('s')], Submit, "create", "create the assessment, from any field"),
    b!(NewForm, [code(KeyCode::Enter)], Select, "", "next field; on Create assessment, create the assessment"),
    b!(NewForm, [code(KeyCode::Esc)], Back, "cancel", "back to the list without creating anything (asks first when something was typed)"),
    // Note editor.
    b!(Note, [code(KeyCode::Esc), ctrl('s')], Back, "save and close", "save the note (or rationale) and close the editor"),
    b!(Note, [ctrl('g')], Guidance, "guidance", "show or hide the questions to ask and the typical evidence of the attribute: beside the editor on a wide screen (shown at first), above it on a narrow one (hidden at first)"),
    // The finding editor: the note editor, with the finding's kind and severity.
    b!(Finding, [code(KeyCode::Esc), ctrl('s')], Back, "save and close", "save the finding and close the editor (an empty text adds nothing)"),
    b!(Finding, [ctrl('g')], Guidance, "guidance", "show or hide the questions to ask and the typical evidence, as in the note editor"),
    b!(Finding, [code(KeyCode::Tab)], NextSeverity, "severity", "the severity of a weakness: medium, low, high"),
    b!(Finding, [code(KeyCode::BackTab)], NextKind, "kind", "the kind: strength, weakness, observation, recommendation"),
    // A yes-or-no question.
    b!(Confirm, [k('y'), code(KeyCode::Enter)], Submit, "yes", "yes, do it"),
    b!(Confirm, [k('n'), code(KeyCode::Esc)], Back, "no", "no, change nothing"),
    // Leaving a form with text typed and not saved.
    b!(Discard, [k('y')], Submit, "discard", "yes: leave the form and drop what was typed"),
    b!(Discard, [k('n'), code(KeyCode::Esc)], Back, "keep editing", "no: back to the form, the text as it was"),
    // The improvement plan.
    b!(Plan, [code(KeyCode::Up), k('k')], Up, "", "move up"),
    b!(Plan, [code(KeyCode::Down), k('j')], Down, "", "move down"),
    b!(Plan, [k('a')], New, "add", "add an action: its title (the process is the one selected in the walk-through)"),
    b!(Plan, [k('s')], AskStatus, "status", "change the status (then p, a, i, d or x), recorded with today's date and the assessor"),
    b!(Plan, [k('t')], EditTitle, "edit", "edit the title"),
    b!(Plan, [k('o')], EditOwner, "edit", "set the owner"),
    b!(Plan, [k('d')], EditDue, "edit", "set the due date (YYYY-MM-DD)"),
    b!(Plan, [k('p')], Priority, "", "cycle the priority: high, medium, low, none"),
    b!(Plan, [k('f')], StatusFilter, "filter", "show by status: all, open, proposed, agreed, in progress, done, dropped"),
    b!(Plan, [k('O')], OwnerFilter, "", "show one owner's actions, each owner in turn, then all"),
    b!(Plan, [k('!')], Overdue, "", "show only the overdue actions, or all again"),
    b!(Plan, [k('L')], Link, "", "link the action to the finding selected in the walk-through's detail pane, or unlink it"),
    b!(Plan, [k('x'), code(KeyCode::Delete)], Remove, "", "remove the action (asks first)"),
    b!(Plan, [code(KeyCode::Enter)], Select, "go to", "go to the action's process in the walk-through"),
    b!(Plan, [k('u'), ctrl('z')], Undo, "", "undo the last change"),
    b!(Plan, [ctrl('r'), ctrl('y')], Redo, "", "redo"),
    b!(Plan, [code(KeyCode::Esc), k('P')], Back, "back", "back to the walk-through (or the summary)"),
    b!(Plan, [k('?')], Help, "help", "this help"),
    b!(Plan, [k('q'), ctrl('c')], Quit, "quit", "quit (every change is already saved)"),
    // After the status key of the plan: the status.
    b!(PlanStatus, [k('p')], Status(ActionStatus::Proposed), "proposed", "proposed"),
    b!(PlanStatus, [k('a')], Status(ActionStatus::Agreed), "agreed", "agreed"),
    b!(PlanStatus, [k('i')], Status(ActionStatus::InProgress), "in progress", "in progress"),
    b!(PlanStatus, [k('d')], Status(ActionStatus::Done), "done", "done"),
    b!(PlanStatus, [k('x')], Status(ActionStatus::Dropped), "dropped", "dropped"),
    b!(PlanStatus, [code(KeyCode::Esc)], Back, "unchanged", "leave the status as it is (so does any other key)"),
    // A one-line input of the plan.
    b!(Input, [code(KeyCode::Enter), ctrl('s')], Submit, "save", "save the value (a due date must be YYYY-MM-DD; what is typed stays until it is)"),
    b!(Input, [code(KeyCode::Esc)], Back, "cancel", "cancel: change nothing"),
    // The settings form.
    b!(Settings, [code(KeyCode::Up), k('k')], Up, "", "the previous setting"),
    b!(Settings, [code(KeyCode::Down), k('j')], Down, "", "the next setting"),
    b!(Settings, [code(KeyCode::Enter), k('e')], Select, "edit", "edit the selected setting: a one-line input, or the multi-line editor for a long text"),
    b!(Settings, [k('x'), code(KeyCode::Delete)], Clear, "clear", "clear the selected setting (a setting that must have a value says so)"),
    b!(Settings, [k('u'), ctrl('z')], Undo, "undo", "undo the last change"),
    b!(Settings, [code(KeyCode::Esc), k(',')], Back, "close", "close the settings"),
    // Editing one setting.
    b!(SettingsEdit, [ctrl('s')], Submit, "save", "save the value (refused with the reason when the file would not accept it; what is typed stays)"),
    b!(SettingsEdit, [code(KeyCode::Enter)], Select, "", "save a one-line value; in a long text, a new line"),
    b!(SettingsEdit, [code(KeyCode::Esc)], Back, "cancel", "close without saving (asks first when the text was changed)"),
    // Evidence picker.
    b!(Picker, [code(KeyCode::Up)], Up, "", "move up"),
    b!(Picker, [code(KeyCode::Down)], Down, "", "move down"),
    b!(Picker, [code(KeyCode::Enter)], Toggle, "link/unlink", "link or unlink the selected item"),
    b!(Picker, [ctrl('n')], NewEvidence, "new item", "add a new item to the register and link it"),
    b!(Picker, [code(KeyCode::Esc)], Back, "close", "close the picker (type to filter the list)"),
    // The evidence register.
    b!(Register, [code(KeyCode::Up), k('k')], Up, "", "the previous item"),
    b!(Register, [code(KeyCode::Down), k('j')], Down, "", "the next item"),
    b!(Register, [code(KeyCode::Enter), k('e')], Select, "edit", "edit the selected item in the evidence form"),
    b!(Register, [k('x'), code(KeyCode::Delete)], Remove, "remove", "remove the selected item (asks first, naming the ratings and findings that cite it; yes unlinks it from them)"),
    b!(Register, [code(KeyCode::Esc), k('V')], Back, "close", "close the register"),
    // New evidence form.
    b!(EvidenceForm, [code(KeyCode::Tab), code(KeyCode::Down)], NextField, "next field", "next field"),
    b!(EvidenceForm, [code(KeyCode::BackTab), code(KeyCode::Up)], PrevField, "", "previous field"),
    b!(EvidenceForm, [code(KeyCode::Enter), ctrl('s')], Submit, "save", "add the item to the register and link it; on an item of the register, save it"),
    b!(EvidenceForm, [code(KeyCode::Esc)], Back, "cancel", "cancel: back to the picker (or the register); asks first when something was typed"),
    // The kind field of the new evidence form.
    b!(EvidenceKind, [code(KeyCode::Left)], PrevKind, "", "the previous kind"),
    b!(EvidenceKind, [code(KeyCode::Right), k(' ')], NextKind, "", "the next kind"),
    b!(EvidenceKind, [k('d')], Kind(EvidenceKind::Document), "", "document"),
    b!(EvidenceKind, [k('i')], Kind(EvidenceKind::Interview), "", "interview"),
    b!(EvidenceKind, [k('o')], Kind(EvidenceKind::Observation), "", "observation"),
    b!(EvidenceKind, [k('r')], Kind(EvidenceKind::Record), "", "record"),
    // Search.
    b!(Search, [code(KeyCode::Enter)], Select, "go to", "go to the selected result: its process and attribute, the finding in the detail, the evidence where first used, the action in the plan"),
    b!(Search, [code(KeyCode::Up)], Up, "", "the previous result"),
    b!(Search, [code(KeyCode::Down)], Down, "", "the next result"),
    b!(Search, [ctrl('f')], Filter, "filter", "keep in the process list only the processes whose model text matches"),
    b!(Search, [code(KeyCode::Esc)], Clear, "close", "close the search (and clear the process list's filter, if one is in force)"),
    // The jump prompt.
    b!(Goto, [code(KeyCode::Enter)], Submit, "go", "go to the process (a wrong or ambiguous id says so and moves nothing)"),
    b!(Goto, [code(KeyCode::Tab)], Complete, "complete", "complete the id or name (as far as the processes that match agree)"),
    b!(Goto, [code(KeyCode::Esc)], Back, "cancel", "cancel: stay where you are"),
    // Help.
    b!(Help, [code(KeyCode::Up), k('k')], Up, "", "scroll up"),
    b!(Help, [code(KeyCode::Down), k('j')], Down, "", "scroll down"),
    b!(Help, [k('L')], Legend, "legend", "the legend: what each symbol on the screen means"),
    b!(Help, [code(KeyCode::Esc), k('?'), k('q')], Back, "close", "close the help"),
    // The legend of the symbols.
    b!(Legend, [code(KeyCode::Up), k('k')], Up, "", "scroll up"),
    b!(Legend, [code(KeyCode::Down), k('j')], Down, "", "scroll down"),
    b!(Legend, [code(KeyCode::Esc), k('L')], Back, "back to the help", "back to the help"),
    b!(Legend, [k('q'), k('?')], Quit, "close", "close the legend and the help"),
    // Consistency warnings.
    b!(Warnings, [code(KeyCode::Up), k('k')], Up, "", "move up"),
    b!(Warnings, [code(KeyCode::Down), k('j')], Down, "", "move down"),
    b!(Warnings, [code(KeyCode::Enter)], Select, "go to", "go to the process and attribute of the warning"),
    b!(Warnings, [k('a')], Acknowledge, "acknowledge", "acknowledge the warning with a justification (kept in the file and the report)"),
    b!(Warnings, [code(KeyCode::Esc), k('w'), k('q')], Back, "close", "close the list"),
    b!(Ack, [code(KeyCode::Enter), ctrl('s')], Submit, "save", "save the justification"),
    b!(Ack, [code(KeyCode::Esc)], Back, "cancel", "cancel"),
    // A recovery file was found beside the file.
    b!(Recovery, [k('r')], Restore, "restore it", "put the recovered version in place of the file (the recovered file is kept, renamed .restored.toml)"),
    b!(Recovery, [k('k'), code(KeyCode::Esc)], Back, "keep the file", "keep the file as it is; the recovered version stays beside it"),
    // A draft an editor left when capra ended.
    b!(Draft, [k('y'), code(KeyCode::Enter)], Restore, "restore it", "open the editor again with the text, to finish and save it"),
    b!(Draft, [k('n'), code(KeyCode::Esc)], Back, "drop it", "drop the text for good"),
    // The file changed on disk while it was open.
    b!(Conflict, [k('r')], Reload, "reload theirs", "load the file as it is on disk now (your version stays in the recovery file)"),
    b!(Conflict, [k('o')], Overwrite, "overwrite with yours", "save your version over the file on disk"),
    // The file is open in another capra.
    b!(Locked, [k('r')], ReadOnly, "open read-only", "open the file read-only: look, but change nothing"),
    b!(Locked, [k('q'), code(KeyCode::Esc)], Quit, "quit", "quit"),
];

/// The command a key asks for in a context (or else in the context's parent), if any.
pub fn command_for(ctx: Ctx, ev: &KeyEvent) -> Option<Cmd> {
    KEYS.iter()
        .filter(|b| b.ctx == ctx)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.cmd)
        .or_else(|| command_for(ctx.parent()?, ev))
}

/// The commands of a context, in table order.
pub fn commands(ctx: Ctx) -> impl Iterator<Item = Cmd> {
    KEYS.iter().filter(move |b| b.ctx == ctx).map(|b| b.cmd)
}

/// How a screen text or a status message names the key of a command: the label of the first key
/// bound to it in the context (`e`, `Ctrl+n`, `Esc`).
pub fn label(ctx: Ctx, cmd: Cmd) -> String {
    let found = KEYS
        .iter()
        .find(|b| b.ctx == ctx && b.cmd == cmd)
        .map(|b| b.keys[0].label());
    debug_assert!(found.is_some(), "no key for {cmd:?} in {ctx:?}");
    found.unwrap_or_default()
}

/// The keys of several commands, each by its first key, joined by `sep`: `n p l f`.
pub fn labels(ctx: Ctx, cmds: &[Cmd], sep: &str) -> String {
    let all: Vec<String> = cmds.iter().map(|c| label(ctx, *c)).collect();
    all.join(sep)
}

/// The keys of several commands as a choice: `n, p, l or f`.
pub fn choice(ctx: Ctx, cmds: &[Cmd]) -> String {
    match cmds.split_last() {
        Some((last, [])) => label(ctx, *last),
        Some((last, rest)) => format!("{} or {}", labels(ctx, rest, ", "), label(ctx, *last)),
        None => String::new(),
    }
}

/// The hints of the bottom bar for a context: (key label, hint), in table order. Neighbouring
/// bindings with the same hint are shown as one (`n/p/l/f rate`).
pub fn hints(ctx: Ctx) -> Vec<(String, &'static str)> {
    hints_with(ctx, |_, h| Some(h))
}

/// [`hints`], each hint passed through `word` first, which may change it (the rating keys
/// characterise in the detail pane) or drop it (`None`: no rating keys when read-only).
pub fn hints_with(
    ctx: Ctx,
    word: impl Fn(Cmd, &'static str) -> Option<&'static str>,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let shown = KEYS
        .iter()
        .filter(|b| b.ctx == ctx && !b.hint.is_empty())
        .filter_map(|b| word(b.cmd, b.hint).map(|h| (b, h)));
    for (b, hint) in shown {
        match out.last_mut() {
            Some((keys, last)) if *last == hint => {
                keys.push('/');
                keys.push_str(&b.keys[0].label());
            }
            _ => out.push((b.keys[0].label(), hint)),
        }
    }
    out
}

/// The help overlay: for each context, each binding as (all its keys, help sentence), then each
/// mouse gesture the context answers to.
pub fn help_sections() -> Vec<(Ctx, Vec<(String, &'static str)>)> {
    Ctx::ALL
        .into_iter()
        .map(|ctx| {
            let keys = KEYS.iter().filter(|b| b.ctx == ctx).map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
                (keys.join(" "), b.help)
            });
            let mouse = MOUSE
                .iter()
                .filter(|m| m.ctx == ctx)
                .map(|m| (m.gesture.label().to_string(), m.help));
            (ctx, keys.chain(mouse).collect())
        })
        .collect()
}

/// What the mouse does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gesture {
    /// A click of the left button.
    Click,
    /// The wheel, either way.
    Wheel,
}

impl Gesture {
    /// How the gesture is written in help.
    pub fn label(self) -> &'static str {
        match self {
            Gesture::Click => "click",
            Gesture::Wheel => "wheel",
        }
    }

    /// The gesture a mouse event is, if it is one capra knows.
    pub fn of(kind: MouseEventKind) -> Option<Gesture> {
        match kind {
            MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left) => {
                Some(Gesture::Click)
            }
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => Some(Gesture::Wheel),
            _ => None,
        }
    }
}

/// One mouse gesture a screen answers to.
#[derive(Clone, Debug)]
pub struct MouseBinding {
    pub ctx: Ctx,
    pub gesture: Gesture,
    /// A sentence for the help overlay.
    pub help: &'static str,
}

/// Every mouse gesture capra's terminal UI answers to; overlays take none.
pub static MOUSE: &[MouseBinding] = &[
    MouseBinding {
        ctx: Ctx::Walk,
        gesture: Gesture::Click,
        help: "select the process or attribute under the pointer (and focus its pane)",
    },
    MouseBinding {
        ctx: Ctx::Walk,
        gesture: Gesture::Wheel,
        help: "move up or down in the pane under the pointer",
    },
    MouseBinding {
        ctx: Ctx::Plan,
        gesture: Gesture::Click,
        help: "select the action under the pointer",
    },
    MouseBinding {
        ctx: Ctx::Plan,
        gesture: Gesture::Wheel,
        help: "move up or down the list",
    },
    MouseBinding {
        ctx: Ctx::Home,
        gesture: Gesture::Click,
        help: "select the assessment under the pointer",
    },
];

/// The gesture a mouse event is in a context, when the context answers to it.
pub fn gesture_for(ctx: Ctx, kind: MouseEventKind) -> Option<Gesture> {
    let g = Gesture::of(kind)?;
    MOUSE
        .iter()
        .any(|m| m.ctx == ctx && m.gesture == g)
        .then_some(g)
}
