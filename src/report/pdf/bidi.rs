//! Right-to-left text: Arabic letters in their contextual forms (the Presentation Forms-B that
//! DejaVu Sans has, with the lam-alef ligatures), and a line in visual order (the Unicode
//! bidirectional algorithm, applied to each line after wrapping, so the line breaker works on
//! the logical order).

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// Whether the text has any right-to-left character.
pub(super) fn has_rtl(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// Whether the first strong character of the text is right-to-left (the line is then aligned
/// right).
pub(super) fn starts_rtl(s: &str) -> bool {
    s.chars()
        .map(bidi_class)
        .find(|b| matches!(b, BidiClass::L | BidiClass::R | BidiClass::AL))
        .is_some_and(|b| b != BidiClass::L)
}

/// One line in visual order (left to right as drawn), Arabic shaped first.
pub(super) fn visual(line: &str) -> String {
    if !has_rtl(line) {
        return line.to_string();
    }
    let shaped = shape(line);
    let info = BidiInfo::new(&shaped, None);
    match info.paragraphs.first() {
        Some(p) => info.reorder_line(p, p.range.clone()).into_owned(),
        None => shaped,
    }
}

/// How an Arabic letter joins: to both sides, or only to the letter before it.
#[derive(Clone, Copy, PartialEq)]
enum Join {
    Dual,
    Right,
}

/// The letter's joining and its first presentation form (isolated; then final, initial and
/// medial follow for a dual-joining letter, final for a right-joining one).
fn forms(c: char) -> Option<(Join, u32)> {
    use Join::{Dual, Right};
    Some(match c {
        '\u{0622}' => (Right, 0xFE81),
        '\u{0623}' => (Right, 0xFE83),
        '\u{0624}' => (Right, 0xFE85),
        '\u{0625}' => (Right, 0xFE87),
        '\u{0626}' => (Dual, 0xFE89),
        '\u{0627}' => (Right, 0xFE8D),
        '\u{0628}' => (Dual, 0xFE8F),
        '\u{0629}' => (Right, 0xFE93),
        '\u{062A}'..='\u{062E}' => (Dual, 0xFE95 + 4 * (c as u32 - 0x062A)),
        '\u{062F}'..='\u{0632}' => (Right, 0xFEA9 + 2 * (c as u32 - 0x062F)),
        '\u{0633}'..='\u{063A}' => (Dual, 0xFEB1 + 4 * (c as u32 - 0x0633)),
        '\u{0641}'..='\u{0647}' => (Dual, 0xFED1 + 4 * (c as u32 - 0x0641)),
        '\u{0648}' => (Right, 0xFEED),
        '\u{0649}' => (Right, 0xFEEF),
        '\u{064A}' => (Dual, 0xFEF1),
        _ => return None,
    })
}

/// Harakat and other marks: they do not break a join.
fn transparent(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Whether `c` joins the letter after it (a dual-joining letter, or the tatweel).
fn joins_next(c: char) -> bool {
    c == '\u{0640}' || forms(c).is_some_and(|(j, _)| j == Join::Dual)
}

/// Whether `c` joins the letter before it.
fn joins_prev(c: char) -> bool {
    c == '\u{0640}' || forms(c).is_some()
}

/// The lam-alef ligature of lam followed by this alef: (isolated form; final is one more).
fn lam_alef(alef: char) -> Option<u32> {
    match alef {
        '\u{0622}' => Some(0xFEF5),
        '\u{0623}' => Some(0xFEF7),
        '\u{0625}' => Some(0xFEF9),
        '\u{0627}' => Some(0xFEFB),
        _ => None,
    }
}

/// Arabic letters in the form their neighbours call for, in logical order.
pub(super) fn shape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let prev = |i: usize| chars[..i].iter().rev().find(|c| !transparent(**c)).copied();
    let next = |i: usize| chars[i + 1..].iter().find(|c| !transparent(**c)).copied();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let Some((join, base)) = forms(c) else {
            out.push(c);
            i += 1;
            continue;
        };
        let after = prev(i).is_some_and(joins_next);
        if c == '\u{0644}'
            && let Some(lig) = chars.get(i + 1).copied().and_then(lam_alef)
        {
            out.extend(char::from_u32(lig + u32::from(after)));
            i += 2;
            continue;
        }
        let before = join == Join::Dual && next(i).is_some_and(joins_prev);
        let form = match (join, after, before) {
            (_, false, false) => base,
            (_, true, false) => base + 1,
            (Join::Dual, false, true) => base + 2,
            (Join::Dual, true, true) => base + 3,
            (Join::Right, _, true) => base + u32::from(after),
        };
        out.extend(char::from_u32(form));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_take_their_contextual_forms() {
        // Beh alone, then beh-beh-beh: initial, medial, final.
        assert_eq!(shape("ب"), "\u{FE8F}");
        assert_eq!(shape("ببب"), "\u{FE91}\u{FE92}\u{FE90}");
        // Alef joins only the letter before it: beh initial, alef final, dal isolated.
        assert_eq!(shape("باد"), "\u{FE91}\u{FE8E}\u{FEA9}");
        // Lam-alef is one ligature; after a joining letter, its final form.
        assert_eq!(shape("لا"), "\u{FEFB}");
        assert_eq!(shape("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(shape("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
        assert_eq!(shape("بلا"), "\u{FE91}\u{FEFC}");
        // Latin is left as it is.
        assert_eq!(shape("ISMS"), "ISMS");
    }

    #[test]
    fn a_line_is_drawn_in_visual_order() {
        assert_eq!(visual("abc"), "abc");
        assert_eq!(visual("שלום"), "םולש");
        assert_eq!(visual("Note: שלום עולם."), "Note: םלוע םולש.");
        assert!(starts_rtl("שלום world"));
        assert!(starts_rtl("1. שלום"));
        assert!(!starts_rtl("world שלום"));
    }
}
