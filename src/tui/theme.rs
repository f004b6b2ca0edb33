//! Colours and styles. With `NO_COLOR` set, only bold, reverse and underline are used, and every
//! meaning carried by a colour is also carried by a letter or a mark.

use crate::rating::{Base, Rating};
use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (https://no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The selected row of the focused list.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list that does not have the focus.
    pub fn selected_unfocused(&self) -> Style {
        if self.color {
            Style::default().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// The style of a list row: selected in the focused list, selected elsewhere, or plain.
    pub fn row(&self, selected: bool, focused: bool) -> Style {
        match (selected, focused) {
            (true, true) => self.selected(),
            (true, false) => self.selected_unfocused(),
            (false, _) => Style::default(),
        }
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn border(&self) -> Style {
        self.dim()
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    /// The style of a rating value: by its base N/P/L/F.
    pub fn rating(&self, r: Option<Rating>) -> Style {
        let Some(r) = r else {
            return self.dim();
        };
        let s = match r.base() {
            Base::N => self.fg(Color::Red),
            Base::P => self.fg(Color::Yellow),
            Base::L => self.fg(Color::LightGreen),
            Base::F => self.fg(Color::Green),
        };
        s.add_modifier(Modifier::BOLD)
    }

    /// A heat map cell: background by base, black text, so it reads in colour and as letters.
    pub fn heat(&self, r: Option<Rating>) -> Style {
        if !self.color {
            return Style::default();
        }
        match r.map(|r| r.base()) {
            None => Style::default().fg(Color::DarkGray),
            Some(Base::N) => Style::default().bg(Color::Red).fg(Color::Black),
            Some(Base::P) => Style::default().bg(Color::Yellow).fg(Color::Black),
            Some(Base::L) => Style::default().bg(Color::LightGreen).fg(Color::Black),
            Some(Base::F) => Style::default().bg(Color::Green).fg(Color::Black),
        }
    }

    /// A level against its target: green at or above, yellow one short, red further.
    pub fn gap(&self, gap: u8) -> Style {
        match gap {
            0 => self.ok(),
            1 => self.warn(),
            _ => self.fg(Color::Red),
        }
    }
}
