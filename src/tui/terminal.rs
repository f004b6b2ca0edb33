//! The terminal loop: takes over the terminal, turns its events into [`Action`]s for
//! `update`, hands the [`Effect`]s to the [`Session`], draws [`view`] and gives the terminal back
//! on the way out, also after a panic, before the message is printed.
//!
//! [`Effect`]: crate::tui::state::Effect

use crate::catalog::Catalog;
use crate::tui::session::Session;
use crate::tui::state::{Action, App};
use crate::tui::theme;
use crate::tui::view::view;
use anyhow::Result;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use std::path::PathBuf;
use std::time::Duration;

/// Restores the terminal: mouse off, raw mode off, main screen back.
fn restore() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// The top-level entry point for the terminal UI: `capra` with no arguments (the home screen)
/// or `capra assess FILE`.
pub fn run(file: Option<PathBuf>, models: &[PathBuf], assessor: Option<String>) -> Result<()> {
    let catalog = Catalog::load(models)?;
    let mut session = Session::new(catalog);
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
            v.extend(session.found());
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
    first.insert(0, Action::Tick(now_secs()));

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
            session.drafts.sync(&app, false);
            if app.quit {
                return Ok(());
            }
            terminal.draw(|f| view(&app, f))?;
            // How far the detail can scroll and where its parts are, as just drawn.
            let geom = crate::tui::view::detail_geometry(&app);
            if geom.is_some() && geom != app.walk.detail_geom {
                app.update(Action::DetailMeasured(geom.unwrap_or_default()));
            }
            if app.current.is_some() && app.now.is_none_or(|t| now_secs() > t) {
                // An interview is going on: its clock runs, about once a second.
                pending.push(Action::Tick(now_secs()));
                continue;
            }
            if event::poll(Duration::from_millis(500))? {
                let action = match event::read()? {
                    // The time comes before each key, so that a start has its instant.
                    Event::Key(k) => {
                        pending.push(Action::Key(k));
                        Some(Action::Tick(now_secs()))
                    }
                    Event::Mouse(m) => Some(Action::Mouse(m)),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    _ => None,
                };
                pending.extend(action);
            } else if let Some(a) = session.check_disk(&app) {
                pending.push(a);
            } else {
                // The keyboard is idle: the text of an open editor goes to its draft file, the
                // place to the state file.
                session.drafts.sync(&app, true);
                session.places.sync(&app);
            }
        }
    })();
    // Quitting with a change the file lacks (the last save failed): one more try, then a
    // recovery file, so that nothing typed is lost.
    let rescue = session.rescue(&app);
    // An editor still open keeps its text in the draft file, offered back next time.
    session.drafts.sync(&app, true);
    session.places.sync(&app);
    restore();
    drop(session);
    if let Some(msg) = rescue {
        eprintln!("{msg}");
    }
    result
}

/// The time now, in whole seconds since 1970-01-01 UTC (0 if the clock is before it).
fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
