//! The small files capra keeps beside an assessment for the screen, never inside it: where the
//! walk-through was (`.NAME.state.toml`), to return there, and the draft of the editor open now
//! (`.NAME.draft.toml`), so that a hang-up, a kill or a crash loses no typing. The draft is written as it is typed, at most once a second or every
//! [`Drafts::EVERY`] keys, and whenever the keyboard is idle; it is removed when the editor
//! closes normally (saved or cancelled), and offered back when the file is opened after capra
//! ended with an editor open.

use crate::fsio;
use crate::tui::state::{App, Draft, LastPlace};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `a.toml` -> `.a.KIND.toml`, beside it.
fn beside(path: &Path, kind: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    path.with_file_name(format!(".{stem}.{kind}.toml"))
}

/// `a.toml` -> `.a.draft.toml`, beside it.
pub(in crate::tui) fn draft_path(path: &Path) -> PathBuf {
    beside(path, "draft")
}

/// The place the walk-through was last left at in a file, if it was kept.
pub(in crate::tui) fn read_place(path: &Path) -> Option<LastPlace> {
    let text = fsio::read_text(&beside(path, "state")).ok()?;
    toml::from_str(&text).ok()
}

/// Keeps the place of the walk-through beside the file, written when it changed.
#[derive(Default)]
pub(in crate::tui) struct Places {
    written: Option<LastPlace>,
}

impl Places {
    /// Writes the place when it is not the one written last.
    pub(in crate::tui) fn sync(&mut self, app: &App) {
        let Some(doc) = app.doc.as_ref().filter(|d| !d.read_only) else {
            return;
        };
        let Some(place) = app.last_place() else {
            return;
        };
        if self.written.as_ref() == Some(&place) {
            return;
        }
        if let Ok(text) = toml::to_string(&place)
            && fsio::write_atomic(&beside(&doc.path, "state"), text.as_bytes()).is_ok()
        {
            self.written = Some(place);
        }
    }

    /// The place just read from the file: no need to write it again.
    pub(in crate::tui) fn read(&mut self, place: LastPlace) {
        self.written = Some(place);
    }
}

/// The draft left beside a file, if there is one that reads.
pub(in crate::tui) fn read_draft(path: &Path) -> Option<Draft> {
    let text = fsio::read_text(&draft_path(path)).ok()?;
    toml::from_str(&text).ok()
}

/// Removes the draft beside a file, if any.
pub(in crate::tui) fn remove_draft(path: &Path) {
    let _ = std::fs::remove_file(draft_path(path));
}

/// Keeps the draft file in step with the editor, throttled.
pub(in crate::tui) struct Drafts {
    /// The draft as last written, and the file it went to.
    written: Option<(PathBuf, Draft)>,
    last: Instant,
    /// Changes since the last write.
    pending: u32,
}

impl Drafts {
    /// A write at the latest after this many changes of the text...
    pub const EVERY: u32 = 20;
    /// ...or this long after the last write.
    pub const PERIOD: Duration = Duration::from_secs(1);

    pub(in crate::tui) fn new() -> Drafts {
        Drafts {
            written: None,
            last: Instant::now(),
            pending: 0,
        }
    }

    /// Brings the draft file in step with the app: writes the editor's text when enough has
    /// changed, enough time has passed or `now` (the keyboard is idle, capra is ending);
    /// removes the file when the editor was closed.
    pub(in crate::tui) fn sync(&mut self, app: &App, now: bool) {
        let Some(doc) = app.doc.as_ref().filter(|d| !d.read_only) else {
            return;
        };
        let current = app.draft();
        if current.as_ref() == self.written.as_ref().map(|(_, d)| d) {
            return;
        }
        match current {
            None => {
                if let Some((path, _)) = self.written.take() {
                    let _ = std::fs::remove_file(path);
                }
                self.pending = 0;
            }
            Some(d) => {
                self.pending += 1;
                if now || self.pending >= Self::EVERY || self.last.elapsed() >= Self::PERIOD {
                    let path = draft_path(&doc.path);
                    if let Ok(text) = toml::to_string(&d)
                        && fsio::write_atomic(&path, text.as_bytes()).is_ok()
                    {
                        self.written = Some((path, d));
                        self.last = Instant::now();
                        self.pending = 0;
                    }
                }
            }
        }
    }

    /// Takes a draft file left by an earlier capra as this editor's: it is removed when the
    /// editor closes.
    pub(in crate::tui) fn adopt(&mut self, path: PathBuf, d: Draft) {
        self.written = Some((path, d));
        self.pending = 0;
    }

    /// Forgets the draft written (its file was removed by the user's choice).
    pub(in crate::tui) fn forget(&mut self) {
        self.written = None;
        self.pending = 0;
    }
}
