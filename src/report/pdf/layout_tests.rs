//! The layout engine's page breaking: headings and table headers never end a page.

use super::*;

/// The texts shown on each page laid out so far.
fn texts(l: &mut Layout) -> Vec<Vec<String>> {
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
fn nearly_full(left: f32) -> Layout {
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
fn a_table_header_never_ends_a_page() {
    let cols = [("Name".to_string(), 100.0), ("Value".to_string(), 100.0)];
    // A first row of five lines, and room for the header and three lines.
    let tall = vec![c("1\n2\n3\n4\n5"), c("x")];
    let size = BODY - 0.5;
    let room = 2.0 * (size * LINE + 6.0) + 3.0 * size * LINE;
    let mut l = nearly_full(room);
    l.table(&cols, &[tall]);
    let pages = texts(&mut l);
    assert!(pages[0].is_empty(), "page 1: {:?}", pages[0]);
    assert_eq!(pages[1][..2], ["Name", "Value"]);

    // A heading, then a table: both move together.
    let mut l = nearly_full(16.0 * 2.1 + 20.0);
    l.heading("Plan", 16.0);
    l.table(&cols, &[vec![c("a"), c("b")]]);
    let pages = texts(&mut l);
    assert!(pages[0].is_empty(), "page 1: {:?}", pages[0]);
    assert_eq!(pages[1][..3], ["Plan", "Name", "Value"]);
}
