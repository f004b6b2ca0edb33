//! The interview terminal UI: the imperative shell around [`app::App`].
//!
//! This module owns the terminal and the files: it turns terminal events into
//! [`app::Action`]s, draws [`view::view`], and carries out the [`app::Effect`]s that `update`
//! returns: saving after every change (atomically, after checking that nobody else changed the
//! file), opening, creating, reloading. A panic restores the terminal before the message is
//! printed; the assessment file is never half-written because every save is atomic.

pub mod app;
pub mod keys;
pub mod theme;
pub mod view;

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::store;
use anyhow::Result;
use app::{Action, App, Doc, Effect, HomeEntry, NewAssessment};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where the home screen looks for assessments.
pub const ASSESSMENTS_DIR: &str = "assessments";

/// The files side of the UI: the open file's lock and what is on disk.
struct Session {
    catalog: Catalog,
    lock: Option<crate::fsio::Lock>,
    /// sha256 of the file's bytes as capra last read or wrote them.
    disk: Option<String>,
    /// The last save failed: memory holds changes the file lacks.
    unsaved: bool,
    /// A recovery file found beside the file when it was opened, to offer back.
    recovery: Option<PathBuf>,
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
    fn read_hash(path: &Path) -> Option<String> {
        crate::fsio::hash_of(path)
    }

    /// Opens a file: takes its lock (unless read-only) and loads it.
    fn open(&mut self, path: &Path, read_only: bool) -> Action {
        if !read_only {
            match crate::fsio::lock(path) {
                Ok(l) => self.lock = Some(l),
                Err(e) => {
                    return Action::Locked {
                        path: path.to_path_buf(),
                        holder: e.to_string(),
                    };
                }
            }
        }
        match store::load(path, &self.catalog) {
            Ok(loaded) => {
                self.disk = Session::read_hash(path);
                self.unsaved = false;
                if !read_only && let Some(r) = existing_recovery(path) {
                    self.recovery = Some(r);
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
                Action::Opened(Box::new(Err(e.to_string())))
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
                Err(e) => Action::Saved(Err(e.to_string())),
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
                Some(Action::Saved(Err(e.to_string())))
            }
        }
    }

    /// On quit: when memory holds changes the file lacks, saves them, or failing that writes
    /// them to a recovery file. Returns what to tell the user.
    fn rescue(&mut self, app: &App) -> Option<String> {
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
            &crate::hash::sha256_hex(doc.path.display().to_string().as_bytes())[..8]
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
    fn check_disk(&mut self, app: &App) -> Option<Action> {
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
                Some(Action::Opened(Box::new(Ok(Doc::new(
                    loaded.path,
                    loaded.assessment,
                    loaded.model,
                    ro,
                )
                .with_previous(previous)))))
            }
            Err(_) => None, // a half-edited file from a text editor: look again later
        }
    }

    fn home_entries(&self) -> Vec<HomeEntry> {
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
            Err(e) => return Action::Opened(Box::new(Err(e.to_string()))),
        };
        let mut spec =
            crate::assessment::create::NewAssessment::new(req.title.clone(), crate::fsio::today());
        spec.sponsor = req.sponsor.clone();
        spec.unit = req.unit.clone();
        spec.class = req.class;
        spec.target = Some(req.target);
        spec.lead = req.lead.clone();
        spec.team = req.team.clone();
        spec.processes = req.processes.clone();
        let a = match crate::assessment::create::create(&model, &spec) {
            Ok(a) => a,
            Err(e) => return Action::Opened(Box::new(Err(e.to_string()))),
        };
        let dir = Path::new(ASSESSMENTS_DIR);
        if let Err(e) = std::fs::create_dir_all(dir) {
            return Action::Opened(Box::new(Err(format!(
                "cannot create the folder {}: {e}",
                dir.display()
            ))));
        }
        let slug = crate::assessment::slug(&req.title);
        let mut path = dir.join(format!("{slug}.toml"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{slug}-{n}.toml"));
            n += 1;
        }
        if let Err(e) = store::save(&path, &a) {
            return Action::Opened(Box::new(Err(e.to_string())));
        }
        self.open(&path, false)
    }

    /// Carries out one effect; returns the actions it produced.
    fn run(&mut self, app: &App, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Save => self.save(app, false).into_iter().collect(),
            Effect::Overwrite => self.save(app, true).into_iter().collect(),
            Effect::Open { path, read_only } => {
                let mut out = vec![self.open(&path, read_only)];
                out.extend(self.recovery.take().map(Action::RecoveryFound));
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
                        vec![Action::Opened(Box::new(Ok(Doc::new(
                            l.path,
                            l.assessment,
                            l.model,
                            ro,
                        )
                        .with_previous(previous))))]
                    }
                    Err(e) => vec![Action::Opened(Box::new(Err(e.to_string())))],
                }
            }
            Effect::Report => {
                let Some(doc) = &app.doc else { return vec![] };
                let (pdf, csv) = crate::output::default_report_paths(&doc.path);
                let res = std::fs::read(&doc.path)
                    .map_err(|e| format!("cannot read {}: {e}", doc.path.display()))
                    .and_then(|data| {
                        crate::output::write_reports(
                            &doc.model,
                            &doc.assessment,
                            &data,
                            Some(&csv),
                            Some(&pdf),
                        )
                        .map(|_| vec![pdf.clone(), csv.clone()])
                        .map_err(|e| e.to_string())
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
                    .and_then(|_| std::fs::rename(&recovery, &used).map_err(|e| e.to_string()));
                match res {
                    Ok(()) => {
                        let mut out = vec![self.open(&path, doc.read_only)];
                        out.push(Action::Saved(Ok(())));
                        out
                    }
                    Err(e) => vec![Action::Saved(Err(format!(
                        "the recovered version could not be restored: {e}"
                    )))],
                }
            }
            Effect::Quit => vec![],
        }
    }
}

/// `a.toml` -> `a.recovered.toml` (or `a.recovered-2.toml`, ...), beside it.
/// A recovery file left beside an assessment file by an earlier capra, if any.
fn existing_recovery(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let p = path.with_file_name(format!("{stem}.recovered.toml"));
    p.is_file().then_some(p)
}

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

/// Restores the terminal: mouse off, raw mode off, main screen back.
fn restore() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// The top-level entry point for the terminal UI: `capra` with no arguments (the home screen)
/// or `capra assess FILE`.
pub fn run(file: Option<PathBuf>, models: &[PathBuf], assessor: Option<String>) -> Result<()> {
    let catalog = Catalog::load(models)?;
    let mut session = Session {
        catalog,
        lock: None,
        disk: None,
        unsaved: false,
        recovery: None,
        last_check: Instant::now(),
    };
    let mut app = App::new(theme::Theme::from_env());
    app.assessor = assessor;
    app.new_model = session.catalog.model("isms").ok();
    app.today = crate::fsio::today();
    // Open the file before taking over the terminal, so that a bad file is reported plainly.
    let mut first = match &file {
        Some(path) => {
            let action = session.open(path, false);
            if let Action::Opened(res) = &action
                && let Err(e) = res.as_ref()
            {
                anyhow::bail!("{e}");
            }
            let mut v = vec![action];
            v.extend(session.recovery.take().map(Action::RecoveryFound));
            v
        }
        None => vec![Action::HomeLoaded(session.home_entries())],
    };

    let mut terminal = ratatui::init();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let size = terminal.size().unwrap_or_default();
    first.insert(0, Action::Resize(size.width, size.height));

    let result = (|| -> Result<()> {
        first.reverse();
        let mut pending: Vec<Action> = first;
        loop {
            while let Some(action) = pending.pop() {
                let effects = app.update(action);
                for e in effects {
                    let mut out = session.run(&app, e);
                    out.reverse();
                    pending.extend(out);
                }
            }
            if app.quit {
                return Ok(());
            }
            terminal.draw(|f| view::view(&app, f))?;
            if event::poll(Duration::from_millis(500))? {
                let action = match event::read()? {
                    Event::Key(k) => Some(Action::Key(k)),
                    Event::Mouse(m) => Some(Action::Mouse(m)),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    _ => None,
                };
                pending.extend(action);
            } else if let Some(a) = session.check_disk(&app) {
                pending.push(a);
            }
        }
    })();
    // Quitting with a change the file lacks (the last save failed): one more try, then a
    // recovery file, so that nothing typed is lost.
    let rescue = session.rescue(&app);
    restore();
    drop(session);
    if let Some(msg) = rescue {
        eprintln!("{msg}");
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::change::{Change, Field, Slot};
    use crate::rating::Rating;

    const SMALL: &str = include_str!("../../tests/fixtures/small.toml");

    fn session() -> Session {
        Session {
            catalog: Catalog::built_in(),
            lock: None,
            disk: None,
            unsaved: false,
            recovery: None,
            last_check: Instant::now(),
        }
    }

    fn opened(s: &mut Session, path: &Path) -> App {
        let Action::Opened(res) = s.open(path, false) else {
            panic!("not opened")
        };
        App::with_doc(theme::Theme { color: false }, (*res).unwrap())
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
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, SMALL).unwrap();
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
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, SMALL).unwrap();
        let mut s = session();
        let app = opened(&mut s, &path);
        let theirs = SMALL.replace("rating = \"L\"", "rating = \"F\"");
        std::fs::write(&path, &theirs).unwrap();
        s.last_check = Instant::now() - Duration::from_secs(5);
        let Some(Action::Opened(res)) = s.check_disk(&app) else {
            panic!("not reloaded")
        };
        let doc = (*res).unwrap();
        assert_eq!(
            doc.profile.processes[0].attributes[1].rating,
            Some(Rating::F)
        );
    }

    #[test]
    fn a_failed_save_keeps_the_change_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, SMALL).unwrap();
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
}
