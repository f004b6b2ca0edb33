//! Text from files on its way to a terminal: control characters (escape sequences, carriage
//! returns, bells) are replaced by a visible mark, so a note or a model text can never move the
//! cursor, change colours or retitle the terminal.

/// Replaces control characters by U+FFFD; a tab becomes a space. Line breaks are kept when
/// `keep_newlines` is true.
pub fn printable(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\n' if keep_newlines => '\n',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// One line for a terminal: control characters, line breaks included, replaced.
pub fn clean(s: &str) -> String {
    printable(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_sent() {
        assert_eq!(
            clean("a\u{1b}[2Jb\u{7}c\rd\te"),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d e"
        );
        assert_eq!(printable("x\ny", true), "x\ny");
        assert_eq!(clean("x\ny"), "x\u{FFFD}y");
        assert_eq!(clean("Łucja Ελένη"), "Łucja Ελένη");
    }
}
