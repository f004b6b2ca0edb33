//! The faces text is set in: DejaVu Sans (regular and bold) first, then the fallback face (a
//! font the user gives, or one found on the system, for scripts DejaVu lacks: CJK, Devanagari,
//! ...) for the characters DejaVu lacks. Text is measured and drawn in runs, each in the face
//! that has its characters; a character no face has is shown by its code point (`<U+4E2D>`)
//! and remembered with the place it was in, for the warning of `capra report`.

use super::face::{FONT_BOLD, FONT_FALLBACK, FONT_REGULAR, Face};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// Characters no face has, and where they are (the section and the row or line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub place: String,
    pub chars: Vec<char>,
}

/// The faces of a document.
pub(super) struct Faces {
    pub(super) regular: Face,
    pub(super) bold: Face,
    /// For characters DejaVu lacks; used for regular and bold text alike.
    pub(super) fallback: Option<Face>,
    /// Where the text being laid out is: the section heading and the table row.
    pub(super) section: String,
    pub(super) row: String,
    missing: RefCell<BTreeMap<String, BTreeSet<char>>>,
}

impl Faces {
    pub(super) fn new(regular: Face, bold: Face, fallback: Option<Face>) -> Faces {
        Faces {
            regular,
            bold,
            fallback,
            section: String::new(),
            row: String::new(),
            missing: Default::default(),
        }
    }

    fn main(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// The id and face that draw `ch`: DejaVu when it has it, else the fallback when it has
    /// it, else DejaVu (which then draws nothing useful: `printable` keeps such characters out).
    pub(super) fn face_of(&self, ch: char, bold: bool) -> (&'static str, &Face) {
        let main = self.main(bold);
        if main.has(ch) {
            return (if bold { FONT_BOLD } else { FONT_REGULAR }, main);
        }
        match &self.fallback {
            Some(f) if f.has(ch) => (FONT_FALLBACK, f),
            _ => (if bold { FONT_BOLD } else { FONT_REGULAR }, main),
        }
    }

    pub(super) fn has(&self, ch: char, bold: bool) -> bool {
        self.main(bold).has(ch) || self.fallback.as_ref().is_some_and(|f| f.has(ch))
    }

    /// The advance of `ch` in ems, in the face that draws it.
    pub(super) fn advance(&self, ch: char, bold: bool) -> f32 {
        self.face_of(ch, bold).1.advance(ch)
    }

    /// Text as it can be printed: control characters as U+FFFD (tabs become spaces), invisible
    /// ones and the characters no face has by their code point (`<U+4E2D>`); the latter are
    /// remembered with their place.
    pub(super) fn printable(&self, s: &str, bold: bool) -> String {
        let mut out = String::with_capacity(s.len());
        for ch in crate::text::printable(s, false).chars() {
            if self.has(ch, bold) {
                out.push(ch);
            } else {
                out.push_str(&format!("<U+{:04X}>", u32::from(ch)));
                self.missing
                    .borrow_mut()
                    .entry(self.place())
                    .or_default()
                    .insert(ch);
            }
        }
        out
    }

    fn place(&self) -> String {
        let cut = |s: &str| -> String {
            let s = crate::text::printable(s.lines().next().unwrap_or_default(), false);
            if s.chars().count() > 40 {
                s.chars().take(40).chain(['…']).collect()
            } else {
                s
            }
        };
        match (self.section.trim(), self.row.trim()) {
            ("", "") => "the page header or footer".into(),
            (s, "") => cut(s),
            ("", r) => cut(r),
            (s, r) => format!("{}, {}", cut(s), cut(r)),
        }
    }

    /// Splits printable text into runs of one face each: (font id, text).
    pub(super) fn runs(&self, s: &str, bold: bool) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        for ch in s.chars() {
            // A space goes with the run it is in, whatever face has it.
            let id = match (ch == ' ', out.last()) {
                (true, Some((id, _))) => *id,
                _ => self.face_of(ch, bold).0,
            };
            match out.last_mut() {
                Some((last, run)) if *last == id => run.push(ch),
                _ => out.push((id, ch.to_string())),
            }
        }
        out
    }

    /// The characters no face had, by place.
    pub(super) fn missing(&self) -> Vec<Missing> {
        self.missing
            .borrow()
            .iter()
            .map(|(place, chars)| Missing {
                place: place.clone(),
                chars: chars.iter().copied().collect(),
            })
            .collect()
    }
}
