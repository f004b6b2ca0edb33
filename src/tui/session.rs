//! The files side of the terminal UI: the [`Session`] carries out the [`Effect`]s that `update`
//! returns and answers with [`Action`]s. It saves after every change (atomically, after checking
//! that nobody else changed the file), opens (taking the file's lock), creates, reloads, restores
//! a recovered version, writes the reports, and on quit rescues changes a failed save left in
//! memory.

use crate::assessment::Assessment;
use crate::assessment::create::{NewAssessment, create};
use crate::catalog::Catalog;
use crate::fsio;
use crate::store;
use crate::tui::sidecar::{self, Drafts, Places};
use crate::tui::state::{Action, App, Doc, Draft, Effect, Failure, HomeEntry, LastPlace};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where the home screen looks for assessments.
pub const ASSESSMENTS_DIR: &str = "assessments";

/// The files side of the UI: the open file's lock and what is on disk.
pub(in crate::tui) struct Session {
    pub(in crate::tui) catalog: Catalog,
    lock: Option<fsio::Lock>,
    /// sha256 of the file's bytes as capra last read or wrote them.
    disk: Option<String>,
    /// The last save failed: memory holds changes the file lacks.
    unsaved: bool,
    /// A recovery file found beside the file when it was opened, to offer back.
    pub(in crate::tui) recovery: Option<PathBuf>,
    /// A draft an editor left beside the file when it was opened, to offer back.
    pub(in crate::tui) draft: Option<Draft>,
    /// The draft file of the editor open now.
    pub(in crate::tui) drafts: Drafts,
    /// Where the walk-through was last left in the file just opened, to go back to.
    place: Option<LastPlace>,
    /// The place file of the open file.
    pub(in crate::tui) places: Places,
    last_check: Instant,
}

/// The scores of the assessment `a` (read from `path`) follows up, if it names one that loads.
fn previous_profile(
    catalog: &Catalog,
    path: &Path,
    a: &Assessment,
) -> Option<crate::profile::Profile> {
    if a.assessment.previous.is_empty() {
        return None;
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prev = store::load(&dir.join(&a.assessment.previous), catalog).ok()?;
    Some(crate::profile::score(&prev.model, &prev.assessment))
}

impl Session {
    /// A session over the models of `catalog`, with no file open.
    pub(in crate::tui) fn new(catalog: Catalog) -> Session {
        Session {
            catalog,
            lock: None,
            disk: None,
            unsaved: false,
            recovery: None,
            draft: None,
            drafts: Drafts::new(),
            place: None,
            places: Places::default(),
            last_check: Instant::now(),
        }
    }

    /// What was found beside the file just opened: the place it was left at, a recovered
    /// version (asked first, as the more pressing), then a draft to offer back after it.
    pub(in crate::tui) fn found(&mut self) -> Vec<Action> {
        let mut out: Vec<Action> = Vec::new();
        out.extend(self.place.take().map(Action::ReturnTo));
        out.extend(self.recovery.take().map(Action::RecoveryFound));
        out.extend(self.draft.take().map(|d| Action::DraftFound(Box::new(d))));
        out
    }

    fn read_hash(path: &Path) -> Option<String> {
        fsio::hash_of(path)
    }

    /// Opens a file: takes its lock (unless read-only) and loads it.
    pub(in crate::tui) fn open(&mut self, path: &Path, read_only: bool) -> Action {
        // A file nobody may write (frozen with chmod) opens read-only: nothing is changed.
        let read_only = read_only
            || std::fs::metadata(fsio::real_path(path)).is_ok_and(|m| m.permissions().readonly());
        if !read_only {
            match fsio::lock(path) {
                Ok(l) => self.lock = Some(l),
                Err(fsio::LockError::Held(holder)) => {
                    return Action::Locked {
                        path: path.to_path_buf(),
                        holder,
                    };
                }
                // A lock file in an odd state, or no permission: said as it is.
                Err(e) => return Action::Opened(Box::new(Err(Failure::of(e)))),
            }
        }
        match store::load(path, &self.catalog) {
            Ok(loaded) => {
                self.disk = Session::read_hash(path);
                self.unsaved = false;
                if !read_only && let Some(r) = existing_recovery(path) {
                    self.recovery = Some(r);
                }
                if !read_only {
                    self.draft = sidecar::read_draft(path);
                }
                self.place = sidecar::read_place(path);
                self.places = Places::default();
                if let Some(p) = &self.place {
                    self.places.read(p.clone());
                }
                let previous = previous_profile(&self.catalog, path, &loaded.assessment);
                Action::Opened(Box::new(Ok(Doc::new(
                    loaded.path,
                    loaded.assessment,
                    loaded.model,
                    read_only,
                )
                .with_previous(previous))))
            }
            Err(e) => {
                self.lock = None;
                Action::Opened(Box::new(Err(Failure::of(e))))
            }
        }
    }

    /// Saves the open document unless the file changed on disk meanwhile.
    fn save(&mut self, app: &App, force: bool) -> Option<Action> {
        let doc = app.doc.as_ref()?;
        if doc.read_only {
            return None;
        }
        let now = Session::read_hash(&doc.path);
        if !force && now.is_some() && now != self.disk {
            let recovery = recovery_path(&doc.path);
            self.unsaved = true;
            return Some(match store::save(&recovery, &doc.assessment) {
                Ok(()) => Action::Conflict(recovery),
                Err(e) => Action::Saved(Err(Failure::of(e))),
            });
        }
        match store::save(&doc.path, &doc.assessment) {
            Ok(()) => {
                self.disk = Session::read_hash(&doc.path);
                self.unsaved = false;
                Some(Action::Saved(Ok(())))
            }
            Err(e) => {
                self.unsaved = true;
                Some(Action::Saved(Err(Failure::of(e))))
            }
        }
    }

    /// On quit: when memory holds changes the file lacks, saves them, or failing that writes
    /// them to a recovery file. Returns what to tell the user.
    pub(in crate::tui) fn rescue(&mut self, app: &App) -> Option<String> {
        if !self.unsaved {
            return None;
        }
        let doc = app.doc.as_ref()?;
        if let Some(Action::Saved(Ok(()))) = self.save(app, false) {
            return None;
        }
        let stem = doc
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "assessment".into());
        let beside = recovery_path(&doc.path);
        let elsewhere = std::env::temp_dir().join(format!(
            "capra-{stem}-{}.recovered.toml",
            &crate::model::sha256_hex(doc.path.display().to_string().as_bytes())[..8]
        ));
        for place in [beside, elsewhere] {
            if store::save(&place, &doc.assessment).is_ok() {
                return Some(format!(
                    "capra could not save {}. Your changes are in {}: compare it with the file, then copy it over (capra offers it back the next time you open the file when it lies beside it).",
                    doc.path.display(),
                    place.display()
                ));
            }
        }
        Some(format!(
            "capra could not save {} nor write a recovery file: your last changes are lost.",
            doc.path.display()
        ))
    }

    /// Notices a file changed by another program while open. With nothing unsaved, the new
    /// version is loaded; otherwise the user chooses.
    pub(in crate::tui) fn check_disk(&mut self, app: &App) -> Option<Action> {
        if self.last_check.elapsed() < Duration::from_secs(2) {
            return None;
        }
        self.last_check = Instant::now();
        let doc = app.doc.as_ref()?;
        if app.overlay.is_some() {
            return None;
        }
        let now = Session::read_hash(&doc.path)?;
        if Some(&now) == self.disk.as_ref() {
            return None;
        }
        if self.unsaved {
            return self.save(app, false);
        }
        let path = doc.path.clone();
        let ro = doc.read_only;
        match store::load(&path, &self.catalog) {
            Ok(loaded) => {
                self.disk = Some(now);
                let previous = previous_profile(&self.catalog, &path, &loaded.assessment);
                Some(Action::Reloaded(Box::new(
                    Doc::new(loaded.path, loaded.assessment, loaded.model, ro)
                        .with_previous(previous),
                )))
            }
            Err(_) => None, // a half-edited file from a text editor: look again later
        }
    }

    pub(in crate::tui) fn home_entries(&self) -> Vec<HomeEntry> {
        let dir = Path::new(ASSESSMENTS_DIR);
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.extension().is_some_and(|x| x == "toml")
                            && !p
                                .file_name()
                                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .map(|path| match store::load(&path, &self.catalog) {
                Ok(l) => {
                    let prof = crate::profile::score(&l.model, &l.assessment);
                    let info = &l.assessment.assessment;
                    HomeEntry {
                        path,
                        title: info.title.clone(),
                        unit: info.unit.clone(),
                        created: info.created.to_string(),
                        rated: prof.summary.rated,
                        to_rate: prof.summary.to_rate,
                        error: None,
                    }
                }
                Err(e) => HomeEntry {
                    path,
                    title: String::new(),
                    unit: String::new(),
                    created: String::new(),
                    rated: 0,
                    to_rate: 0,
                    error: Some(e.to_string().lines().next().unwrap_or("").to_string()),
                },
            })
            .collect()
    }

    fn create(&mut self, req: &NewAssessment) -> Action {
        let model = match self.catalog.model("isms") {
            Ok(m) => m,
            Err(e) => return Action::Opened(Box::new(Err(Failure::of(e)))),
        };
        let a = match create(&model, req) {
            Ok(a) => a,
            Err(e) => return Action::Opened(Box::new(Err(Failure::of(e)))),
        };
        let dir = Path::new(ASSESSMENTS_DIR);
        if let Err(e) = std::fs::create_dir_all(dir) {
            let msg = format!("cannot create the folder {}: {e}", dir.display());
            return Action::Opened(Box::new(Err(Failure::new(msg))));
        }
        let slug = crate::assessment::slug(&req.title);
        let mut path = dir.join(format!("{slug}.toml"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{slug}-{n}.toml"));
            n += 1;
        }
        if let Err(e) = store::save(&path, &a) {
            return Action::Opened(Box::new(Err(Failure::of(e))));
        }
        self.open(&path, false)
    }

    /// Carries out one effect; returns the actions it produced.
    pub(in crate::tui) fn run(&mut self, app: &App, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Save => self.save(app, false).into_iter().collect(),
            Effect::Overwrite => self.save(app, true).into_iter().collect(),
            Effect::Open { path, read_only } => {
                let mut out = vec![self.open(&path, read_only)];
                out.extend(self.found());
                out
            }
            Effect::Create(req) => vec![self.create(&req)],
            Effect::RefreshHome => vec![Action::HomeLoaded(self.home_entries())],
            Effect::Reload => {
                let Some(doc) = &app.doc else { return vec![] };
                let (path, ro) = (doc.path.clone(), doc.read_only);
                match store::load(&path, &self.catalog) {
                    Ok(l) => {
                        self.disk = Session::read_hash(&path);
                        self.unsaved = false;
                        let previous = previous_profile(&self.catalog, &path, &l.assessment);
                        vec![Action::Reloaded(Box::new(
                            Doc::new(l.path, l.assessment, l.model, ro).with_previous(previous),
                        ))]
                    }
                    Err(e) => vec![Action::Opened(Box::new(Err(Failure::of(e))))],
                }
            }
            Effect::Report => {
                let Some(doc) = &app.doc else { return vec![] };
                let (pdf, csv) = crate::output::default_report_paths(&doc.path);
                if let Some(open) =
                    crate::report::status::final_refused(&doc.model, &doc.assessment)
                {
                    return vec![Action::ReportWritten(Err(Failure::new(format!(
                        "no report written: report.status is final, but {} item(s) are still open ({}) and no reason is recorded; settle them, or run capra set FILE report.status final --force REASON, or set the status to draft",
                        open.len(),
                        open.join("; ")
                    ))))];
                }
                let res = std::fs::read(&doc.path)
                    .map_err(|e| Failure::new(format!("cannot read {}: {e}", doc.path.display())))
                    .and_then(|data| {
                        crate::output::write_reports(
                            &doc.model,
                            &doc.assessment,
                            &doc.path,
                            &data,
                            Some(&csv),
                            Some(&pdf),
                            false,
                        )
                        .map(|_| vec![pdf.clone(), csv.clone()])
                        .map_err(Failure::of)
                    });
                vec![Action::ReportWritten(res)]
            }
            Effect::Restore(recovery) => {
                let Some(doc) = &app.doc else { return vec![] };
                let path = doc.path.clone();
                let used = recovery.with_extension("restored.toml");
                let res = store::load(&recovery, &self.catalog)
                    .map_err(|e| e.to_string())
                    .and_then(|r| store::save(&path, &r.assessment).map_err(|e| e.to_string()))
                    .and_then(|()| std::fs::rename(&recovery, &used).map_err(|e| e.to_string()));
                match res {
                    Ok(()) => {
                        let mut out = vec![self.open(&path, doc.read_only)];
                        out.extend(self.found());
                        out.push(Action::Saved(Ok(())));
                        out
                    }
                    Err(e) => vec![Action::Saved(Err(Failure::new(format!(
                        "the recovered version could not be restored: {e}"
                    ))))],
                }
            }
            Effect::DropDraft => {
                if let Some(doc) = &app.doc {
                    sidecar::remove_draft(&doc.path);
                }
                self.drafts.forget();
                vec![]
            }
            Effect::DraftRestored(d) => {
                if let Some(doc) = &app.doc {
                    self.drafts.adopt(sidecar::draft_path(&doc.path), *d);
                }
                vec![]
            }
            Effect::Quit => vec![],
        }
    }
}

/// A recovery file left beside an assessment file by an earlier capra, if any.
fn existing_recovery(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let p = path.with_file_name(format!("{stem}.recovered.toml"));
    p.is_file().then_some(p)
}

/// `a.toml` -> `a.recovered.toml` (or `a.recovered-2.toml`, ...), beside it.
fn recovery_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    let mut p = path.with_file_name(format!("{stem}.recovered.toml"));
    let mut n = 2;
    while p.exists() {
        p = path.with_file_name(format!("{stem}.recovered-{n}.toml"));
        n += 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::change::{Change, Field, Slot};
    use crate::rating::Rating;
    use crate::tui::theme::Theme;

    const SMALL: &str = include_str!("../../tests/fixtures/small.toml");

    /// A temporary folder with the small fixture as a.toml, and the file's path.
    fn small_file() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, SMALL).unwrap();
        (dir, path)
    }

    fn session() -> Session {
        Session::new(Catalog::built_in())
    }

    fn opened(s: &mut Session, path: &Path) -> App {
        let Action::Opened(res) = s.open(path, false) else {
            panic!("not opened")
        };
        App::with_doc(Theme { color: false }, (*res).unwrap())
    }

    fn rate(app: &mut App, r: Rating) {
        let doc = app.doc.as_mut().unwrap();
        doc.history
            .apply(
                &mut doc.assessment,
                &doc.model,
                Change::Set {
                    slot: Slot::new("ISMS.CORE.3", "PA1.1", None),
                    field: Field::Rating(Some(r)),
                },
            )
            .unwrap();
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let (_dir, path) = small_file();
        let mut s = session();
        let mut app = opened(&mut s, &path);
        assert!(
            crate::fsio::lock_path(&path).exists(),
            "opening takes the lock"
        );

        // Someone else edits the file; then capra has a change to save.
        let theirs = SMALL.replace("Risk register complete.", "Edited elsewhere.");
        std::fs::write(&path, &theirs).unwrap();
        rate(&mut app, Rating::N);
        let action = s.save(&app, false).unwrap();
        let Action::Conflict(recovery) = action else {
            panic!("{action:?}")
        };
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            theirs,
            "theirs is kept"
        );
        let mine = std::fs::read_to_string(&recovery).unwrap();
        assert!(
            mine.contains("rating = \"N\""),
            "mine is in {}",
            recovery.display()
        );
        assert_eq!(recovery.file_name().unwrap(), "a.recovered.toml");

        // Overwrite puts mine in place.
        s.run(&app, Effect::Overwrite);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("rating = \"N\"")
        );
        // And the next save goes through with no conflict.
        rate(&mut app, Rating::P);
        assert!(matches!(s.save(&app, false), Some(Action::Saved(Ok(())))));
        drop(s);
        assert!(
            !crate::fsio::lock_path(&path).exists(),
            "closing releases the lock"
        );
    }

    #[test]
    fn a_file_changed_on_disk_with_nothing_unsaved_is_reloaded() {
        let (_dir, path) = small_file();
        let mut s = session();
        let app = opened(&mut s, &path);
        let theirs = SMALL.replace("rating = \"L\"", "rating = \"F\"");
        std::fs::write(&path, &theirs).unwrap();
        s.last_check = Instant::now() - Duration::from_secs(5);
        let Some(Action::Reloaded(doc)) = s.check_disk(&app) else {
            panic!("not reloaded")
        };
        assert_eq!(
            doc.profile.processes[0].attributes[1].rating,
            Some(Rating::F)
        );
    }

    #[test]
    fn a_failed_save_keeps_the_change_and_says_so() {
        let (dir, path) = small_file();
        let mut s = session();
        let mut app = opened(&mut s, &path);
        rate(&mut app, Rating::N);
        // The folder disappears under capra (a removed USB stick, a deleted share).
        drop(dir);
        let action = s.save(&app, false).unwrap();
        let effects = app.update(action);
        assert!(effects.is_empty());
        let status = app.status.as_ref().unwrap();
        assert!(status.text.starts_with("NOT SAVED"), "{}", status.text);
        assert_eq!(
            app.doc.as_ref().unwrap().assessment.processes[0].ratings[0].rating(),
            Some(Rating::N),
            "the change is still in memory"
        );
    }

    /// A file frozen with chmod opens read-only, without its lock, and is never written; a lock
    /// file in an odd state is said as it is, not as "open in another capra".
    #[cfg(unix)]
    #[test]
    fn read_only_files_and_odd_locks() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = small_file();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mut s = session();
        let app = opened(&mut s, &path);
        assert!(app.doc.as_ref().unwrap().read_only);
        assert!(!crate::fsio::lock_path(&path).exists());

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::create_dir(crate::fsio::lock_path(&path)).unwrap();
        let Action::Opened(res) = session().open(&path, false) else {
            panic!("a lock that is a folder is an error, not a holder")
        };
        let err = (*res).unwrap_err().to_string();
        assert!(
            err.contains("is a folder") && err.contains("rmdir"),
            "{err}"
        );
    }

    /// Quitting with a change a failed save left in memory: one more try, then a recovery file
    /// beside the file, which holds the change and is offered back on the next open.
    #[cfg(unix)]
    #[test]
    fn quitting_after_a_failed_save_rescues_the_change() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = small_file();
        let mut s = session();
        let mut app = opened(&mut s, &path);
        rate(&mut app, Rating::N);
        // The file is frozen while open: every save fails.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(s.save(&app, false), Some(Action::Saved(Err(_)))));
        let recovery = recovery_path(&path);
        let msg = s.rescue(&app).expect("a message on quit");
        assert!(msg.contains(&recovery.display().to_string()), "{msg}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), SMALL);
        let saved = store::load(&recovery, &Catalog::built_in()).unwrap();
        assert_eq!(
            saved.assessment.processes[0].ratings[0].rating(),
            Some(Rating::N),
            "the change is in the recovery file"
        );
        assert_eq!(existing_recovery(&path), Some(recovery), "and offered back");
    }
}
