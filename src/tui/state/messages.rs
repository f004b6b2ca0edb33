//! The messages between the app and its shell: the [`Action`]s that come in (keys, the mouse,
//! what the shell did) and the [`Effect`]s that go out (the work for the shell).

use super::app::HomeEntry;
use super::doc::Doc;
use crate::assessment::create::NewAssessment;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use std::path::PathBuf;

/// Something the shell could not do, as the screen tells it, with the error it came from.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Failure {
    /// A failure told in words only.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            source: None,
        }
    }

    /// A failure from an error: its message, and the error kept as the source.
    pub fn of(e: impl std::error::Error + Send + Sync + 'static) -> Failure {
        Failure {
            message: e.to_string(),
            source: Some(Box::new(e)),
        }
    }
}

/// Work for the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Save,
    Open {
        path: PathBuf,
        read_only: bool,
    },
    Create(NewAssessment),
    RefreshHome,
    /// Load the file as it is on disk now, dropping the version in memory (it is in the
    /// recovery file).
    Reload,
    /// Save the version in memory over the file changed on disk.
    Overwrite,
    /// Write the PDF and CSV reports beside the assessment file.
    Report,
    /// Put the recovered version (this file) in place of the assessment file.
    Restore(PathBuf),
    /// Remove the draft file of the open assessment (its draft was dropped).
    DropDraft,
    /// The draft file's text is back in its editor: the file is now that editor's draft.
    DraftRestored(Box<super::draft::Draft>),
    Quit,
}

/// Everything that can happen to the app.
#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A file was opened (or could not be).
    Opened(Box<Result<Doc, Failure>>),
    /// The open file was read again from disk (another program changed it): the new version,
    /// shown at the same place.
    Reloaded(Box<Doc>),
    /// The detail pane as just drawn (see `view::detail_geometry`).
    DetailMeasured(super::walk::DetailGeometry),
    /// A save finished (or failed, with the message).
    Saved(Result<(), Failure>),
    /// The file changed on disk; the version in memory was written to this recovery file.
    Conflict(PathBuf),
    /// The file is open in another capra.
    Locked {
        path: PathBuf,
        holder: String,
    },
    HomeLoaded(Vec<HomeEntry>),
    /// The reports were written (the paths), or could not be.
    ReportWritten(Result<Vec<PathBuf>, Failure>),
    /// A recovery file lies beside the file just opened.
    RecoveryFound(PathBuf),
    /// The file just opened was last left at this place: go back there.
    ReturnTo(super::draft::LastPlace),
    /// A draft of an editor lies beside the file just opened.
    DraftFound(Box<super::draft::Draft>),
    /// The time now, in seconds since 1970: sent by the shell about once a second while an
    /// interview is current, and before each key, so the clock runs and a start has its instant.
    Tick(i64),
}
