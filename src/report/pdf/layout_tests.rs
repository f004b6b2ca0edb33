//! The layout engine's page breaking and line breaking: headings never end a page, numbers
//! stay with their units, text too wide is cut with an ellipsis.

use super::*;

/// The texts shown on each page laid out so far.
pub(super) fn texts(l: &mut Layout) -> Vec<Vec<String>> {
    l.flush(0.0);
    l.new_page();
    l.pages
        .iter()
        .map(|ops| {
            ops.iter()
                .filter_map(|op| match op {
                    Op::ShowText { items } => Some(
                        items
                            .iter()
                            .map(|i| match i {
                                TextItem::Text(t) => t.clone(),
                                _ => String::new(),
                            })
                            .collect::<String>(),
                    ),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// A layout with `left` points of room above the bottom margin.
pub(super) fn nearly_full(left: f32) -> Layout {
    let mut l = Layout::new(None).unwrap();
    l.y = BOTTOM + left;
    l
}

#[test]
fn a_heading_never_ends_a_page() {
    // Room for the heading alone, not for a line under it.
    let mut l = nearly_full(16.0 * 2.1 + 2.0);
    l.heading("Conclusions", 16.0);
    l.para("The first line of what follows.");
    let pages = texts(&mut l);
    assert!(pages[0].is_empty(), "page 1: {:?}", pages[0]);
    assert_eq!(pages[1][0], "Conclusions");
    assert_eq!(l.bookmarks, [("Conclusions".to_string(), 2)]);

    // Two headings in a row go together.
    let mut l = nearly_full(16.0 * 2.1 + 12.0 * 2.1 + 2.0);
    l.heading("Section", 16.0);
    l.heading("Subsection", 12.0);
    l.para("Text.");
    let pages = texts(&mut l);
    assert!(pages[0].is_empty(), "page 1: {:?}", pages[0]);
    assert_eq!(pages[1][..3], ["Section", "Subsection", "Text."]);

    // With room, heading and text stay on the page.
    let mut l = nearly_full(200.0);
    l.heading("Section", 16.0);
    l.para("Text.");
    assert_eq!(texts(&mut l)[0], ["Section", "Text."]);
}

#[test]
fn a_number_stays_with_its_unit_and_a_no_break_space_holds() {
    let l = Layout::new(None).unwrap();
    // Room for "Coverage is 97" but not for "Coverage is 97 %".
    let w = l.width("Coverage is 97", BODY, false) + 1.0;
    assert_eq!(
        l.wrap("Coverage is 97 %", w, BODY, false),
        ["Coverage is", "97 %"]
    );
    // Room for "a b", not "a b c": the no-break space keeps "b c" together, as a space.
    let w = l.width("a b", BODY, false) + 1.0;
    assert_eq!(l.wrap("a b c", w, BODY, false), ["a b", "c"]);
    assert_eq!(l.wrap("a b\u{A0}c", w, BODY, false), ["a", "b c"]);
}

#[test]
fn fit_cuts_with_an_ellipsis_only_what_is_too_wide() {
    let l = Layout::new(None).unwrap();
    assert_eq!(l.fit("Confidential", 200.0, 8.0, true), "Confidential");
    let cut = l.fit(&"Confidential ".repeat(20), 100.0, 8.0, true);
    assert!(cut.ends_with('…'), "{cut}");
    assert!(l.width(&cut, 8.0, true) <= 100.0);
}
