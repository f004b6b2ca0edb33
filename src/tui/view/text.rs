//! Text for cells: word wrap, cutting to a width with an ellipsis, padding, and the common id
//! prefix the lists leave out. Text from files goes through [`clean`] first, so an escape
//! sequence inside a note is shown, never sent to the terminal.

pub use crate::text::clean;
pub use crate::text::labels::labels;
pub use crate::tui::layout::id_column;

/// Breaks text into lines of at most `width` characters, at spaces where it can.
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in clean(s).split(' ') {
        let wl = word.chars().count();
        let ll = line.chars().count();
        if ll > 0 && ll + 1 + wl > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width.max(1) {
            let head: String = line.chars().take(width.max(1)).collect();
            let rest: String = line.chars().skip(width.max(1)).collect();
            out.push(head);
            line = rest;
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// Cuts to `width` characters with an ellipsis.
pub fn fit(s: &str, width: usize) -> String {
    let s = clean(s);
    if s.chars().count() <= width {
        s
    } else if width == 0 {
        String::new()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// Cuts or pads with spaces to exactly `width` characters.
pub fn pad(s: &str, width: usize) -> String {
    let t = fit(s, width);
    let n = t.chars().count();
    format!("{t}{}", " ".repeat(width.saturating_sub(n)))
}
