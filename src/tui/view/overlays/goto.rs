//! The jump prompt along the bottom of the walk-through: the id or name typed, and below it the
//! process it names, the processes it could be, or why it names none.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::{App, Goto};
use crate::tui::view::chrome::{fit_box_title, overlay_block, title_hints};
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Clear, Paragraph};

pub fn goto(app: &App, g: &Goto, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = Rect::new(area.x, area.bottom().saturating_sub(4), area.width, 4);
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        fit_box_title(
            format!(
                " Go to process · {} ",
                title_hints(
                    Ctx::Goto,
                    &[
                        (Cmd::Submit, "goes"),
                        (Cmd::Complete, "completes"),
                        (Cmd::Back, "cancels")
                    ]
                )
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [input, below] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    f.render_widget(&g.text, input);
    let width = below.width as usize;
    let typed = g.text.lines().join(" ");
    let line = if let Some(e) = &g.error {
        Span::styled(fit(&clean(e), width), t.error())
    } else if typed.trim().is_empty() {
        Span::styled("CORE.3, core3, ISMS.CORE.3 or the start of a name", t.dim())
    } else {
        let found = app.goto_matches(&typed, false);
        let text = match found.as_slice() {
            [] => "no process of that id or name".to_string(),
            [(id, name)] => format!("→ {id} {name}"),
            many => {
                let ids: Vec<&str> = many.iter().map(|(id, _)| id.as_str()).collect();
                format!("{} match: {}", ids.len(), ids.join(", "))
            }
        };
        Span::styled(fit(&clean(&text), width), t.dim())
    };
    f.render_widget(Paragraph::new(line), below);
}
