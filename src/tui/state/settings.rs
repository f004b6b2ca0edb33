//! The settings form: every key of `capra set` (`assessment::keys`) in a list, grouped, with
//! its value; one of them being edited, in a one-line input or in the multi-line editor for
//! long texts.

use crate::assessment::keys::{KEYS, Key};
use ratatui_textarea::TextArea;

/// Whether a key belongs to a group.
pub type InGroup = fn(&Key) -> bool;

/// The groups of the form, each with the keys it shows, in the order of `keys::KEYS`.
pub const GROUPS: [(&str, InGroup); 2] = [
    ("Assessment inputs", |k| !k.name.starts_with("report.")),
    ("Report", |k| k.name.starts_with("report.")),
];

/// The keys edited in the multi-line editor: texts of a paragraph or more, and the
/// signatures (one a line).
const LONG: &[&str] = &[
    "purpose",
    "context",
    "constraints",
    "independence",
    "report.final_override",
    "report.executive_summary",
    "report.conclusions",
];

/// True when a key is edited in the multi-line editor (its value, when it already holds a
/// line break, is too).
pub fn is_long(k: &Key, value: &str) -> bool {
    LONG.contains(&k.name) || k.kind.is_entries() || value.contains('\n')
}

/// The keys in the order the form lists them: group by group.
pub fn ordered() -> Vec<&'static Key> {
    GROUPS
        .iter()
        .flat_map(|(_, keep)| KEYS.iter().filter(|k| keep(k)))
        .collect()
}

/// The settings form.
#[derive(Debug, Default)]
pub struct Settings {
    /// The selected key, an index into [`ordered`].
    pub selected: usize,
    /// The key being edited, if one is.
    pub edit: Option<SettingEdit>,
}

/// A key being edited.
#[derive(Debug)]
pub struct SettingEdit {
    pub key: &'static Key,
    pub text: Box<TextArea<'static>>,
    /// In the multi-line editor (Enter starts a new line).
    pub long: bool,
    /// The value as it was when the editor opened, to tell whether anything was typed.
    pub original: String,
    /// Why the last value was refused (the words of `capra set`); the text stays.
    pub error: Option<String>,
}

impl SettingEdit {
    /// The text typed: lines joined by line breaks, trailing blanks cut.
    pub fn typed(&self) -> String {
        self.text.lines().join("\n").trim_end().to_string()
    }

    /// True when the text differs from the value it started with.
    pub fn changed(&self) -> bool {
        self.typed() != self.original.trim_end()
    }
}
