//! Text from files on its way to a terminal or a report: control characters (escape sequences,
//! carriage returns, bells, NUL) are replaced by a visible mark, so a note or a model text can
//! never move the cursor, change colours or retitle the terminal; characters that reorder or
//! hide text (bidirectional overrides, zero-width spaces) are shown by their code point, e.g.
//! `<U+202E>`, so that what is read is what is there.

pub mod labels;

/// True for characters that show nothing themselves but change how text around them reads:
/// bidirectional controls, invisible spaces and separators. (The zero-width joiners that some
/// scripts and emoji need are left alone.)
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A character written as its code point, `<U+202E>`.
pub fn code_point(c: char) -> String {
    format!("<U+{:04X}>", u32::from(c))
}

/// Replaces control characters by U+FFFD and shows invisible ones as `<U+XXXX>`; a tab becomes
/// a space. Line breaks are kept when `keep_newlines` is true.
pub fn printable(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' if keep_newlines => out.push('\n'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c if is_invisible(c) => out.push_str(&code_point(c)),
            c => out.push(c),
        }
    }
    out
}

/// An identifier as typed or read (a process or attribute id), with every character that is not
/// a visible ASCII character shown as `<U+XXXX>`: a no-break space, a zero-width space or a
/// Cyrillic letter that looks Latin is then seen where it hides.
pub fn shown_id(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() {
                c.to_string()
            } else {
                code_point(c)
            }
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

    #[test]
    fn invisible_characters_are_shown_by_code_point() {
        assert_eq!(clean("abc\u{202E}fed"), "abc<U+202E>fed");
        assert_eq!(clean("a\u{200B}b\u{FEFF}"), "a<U+200B>b<U+FEFF>");
        assert_eq!(clean("x\u{0000}y"), "x\u{FFFD}y");
        // Joiners that scripts need are kept.
        assert_eq!(
            clean("\u{0645}\u{200C}\u{06CC}"),
            "\u{0645}\u{200C}\u{06CC}"
        );
        assert_eq!(shown_id("ISMS.GOV.1"), "ISMS.GOV.1");
        assert_eq!(shown_id("ISMS.GOV.1\u{00A0}"), "ISMS.GOV.1<U+00A0>");
        assert_eq!(shown_id("ISMS.\u{0421}ORE.3"), "ISMS.<U+0421>ORE.3");
        assert_eq!(shown_id("IS\u{200B}MS"), "IS<U+200B>MS");
    }
}
