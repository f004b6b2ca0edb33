//! Names that fit a column: the full name when it fits, else the short one, else one of them
//! cut with an ellipsis `…`, and never two names cut to the same text.

use super::clean;
use std::collections::HashMap;

/// Cuts to `width` characters, ending in `…` when anything was left out.
pub fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else if width == 0 {
        String::new()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// Cuts in the middle to `width` characters: the start, `…`, and the last `tail` characters.
fn cut_middle(s: &str, width: usize, tail: usize) -> String {
    let n = s.chars().count();
    let head = width.saturating_sub(1 + tail);
    let mut t: String = s.chars().take(head).collect();
    t.push('…');
    t.extend(s.chars().skip(n.saturating_sub(tail)));
    t
}

/// The texts a name may be shown as in `width` characters, best first.
fn candidates(name: &str, short: Option<&str>, width: usize) -> Vec<String> {
    let name = clean(name);
    let short = short.map(clean).filter(|s| !s.trim().is_empty());
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let fits = |s: &str| s.chars().count() <= width;
    if fits(&name) {
        add(name.clone());
    }
    if let Some(s) = short.as_deref().filter(|s| fits(s)) {
        add(s.to_string());
    }
    let texts: Vec<&str> = short
        .as_deref()
        .into_iter()
        .chain([name.as_str()])
        .collect();
    for t in &texts {
        add(cut(t, width));
    }
    // The leading words left out, for names that share a start: "…incident management".
    if width >= 2 {
        for t in &texts {
            if !fits(t) {
                for (i, _) in t.match_indices(' ') {
                    let rest = t[i + 1..].trim_start();
                    if !rest.is_empty() {
                        add(format!("…{}", cut(rest, width - 1)));
                    }
                }
            }
        }
    }
    // Cut in the middle, keeping more of the end each time.
    if width >= 3 {
        for t in &texts {
            if !fits(t) {
                for tail in 1..width - 1 {
                    add(cut_middle(t, width, tail));
                }
            }
        }
    }
    out
}

/// A label of at most `width` characters for each of `names` (a name and an optional short
/// name): the name when it fits, else the short name when it fits, else the short name (or the
/// name) cut with an ellipsis. Names that would be cut to the same text are cut differently
/// (from a later word, or in the middle), so that two different names never read the same;
/// identical names stay identical.
pub fn labels(names: &[(&str, Option<&str>)], width: usize) -> Vec<String> {
    let cands: Vec<Vec<String>> = names
        .iter()
        .map(|(n, s)| candidates(n, *s, width))
        .collect();
    let mut at = vec![0usize; names.len()];
    let label = |i: usize, at: &[usize]| cands[i].get(at[i]).cloned().unwrap_or_default();
    loop {
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for i in 0..names.len() {
            groups.entry(label(i, &at)).or_default().push(i);
        }
        let mut moved = false;
        for group in groups.values().filter(|g| g.len() > 1) {
            let same = group.iter().all(|&i| names[i] == names[group[0]]);
            if same {
                continue;
            }
            for &i in group {
                if at[i] + 1 < cands[i].len() {
                    at[i] += 1;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    (0..names.len()).map(|i| label(i, &at)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_then_short_then_cut() {
        let names = [
            (
                "Information security risk assessment",
                Some("Risk assessment"),
            ),
            ("Internal audit", Some("Internal audit")),
        ];
        assert_eq!(
            labels(&names, 40),
            ["Information security risk assessment", "Internal audit"]
        );
        assert_eq!(labels(&names, 20), ["Risk assessment", "Internal audit"]);
        assert_eq!(labels(&names, 8), ["Risk as…", "Interna…"]);
    }

    #[test]
    fn names_cut_alike_are_told_apart() {
        let names = [
            ("Information security risk assessment", None),
            ("Information security risk treatment", None),
            ("Information security improvement", None),
            ("Same", None),
            ("Same", None),
        ];
        let l = labels(&names, 12);
        assert!(l.iter().all(|s| s.chars().count() <= 12), "{l:?}");
        assert!(l[..3].iter().all(|s| s.contains('…')), "{l:?}");
        let mut distinct = l[..3].to_vec();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 3, "{l:?}");
        assert_eq!(l[3], "Same");
        assert_eq!(l[4], "Same");
    }

    #[test]
    fn tiny_widths_do_not_panic() {
        let names = [("Alpha", None), ("Alps", None)];
        assert_eq!(labels(&names, 0), ["", ""]);
        assert_eq!(labels(&names, 1).len(), 2);
        assert_eq!(cut("Alpha", 3), "Al…");
    }
}
