//! Tables: wrapped cells, the header repeated on every page a table runs onto, and the rules of
//! breaking one across pages (at least two rows on each side; a row too tall for a page split,
//! its identifying cells repeated on the next).

use super::{Cell, Layout};
use crate::report::pdf::style::{BODY, BOTTOM, LINE, MARGIN, black, rgb};

impl Layout {
    /// A table: columns of (title, width); the header repeats on each page the table runs onto,
    /// and a row taller than the rest of the page continues on the next. The first column
    /// identifies a row: a row continued on the next page repeats it there.
    pub(in crate::report::pdf) fn table(&mut self, cols: &[(String, f32)], rows: &[Vec<Cell>]) {
        self.table_rows(cols, rows, true, 1);
    }

    /// Lays out a table. Where it breaks across pages, at least two rows stay on each side
    /// when the table has them (no orphan row at the foot of a page, no widow row at the top
    /// of the next); a row too tall for a page is split, and each continued part repeats the
    /// row's identifying cells (the first `keys` columns), marked "(cont.)".
    pub(super) fn table_rows(
        &mut self,
        cols: &[(String, f32)],
        rows: &[Vec<Cell>],
        header: bool,
        keys: usize,
    ) {
        let size = BODY - 0.5;
        let lh = size * LINE;
        let pad = 3.0;
        let header_row: Vec<Cell> = cols
            .iter()
            .map(|(t, _)| Cell {
                text: t.clone(),
                bold: true,
                fill: Some(rgb(225, 230, 236)),
                center: false,
            })
            .collect();
        let header_lines = self.wrap_row(cols, &header_row, size);
        let draw_header = |me: &mut Layout| {
            if header {
                me.row_chunk(cols, &header_lines, &header_row);
            }
        };
        let header_h = if header {
            height(&header_lines) as f32 * lh + 2.0 * pad
        } else {
            0.0
        };
        let wrapped: Vec<Vec<Vec<String>>> =
            rows.iter().map(|r| self.wrap_row(cols, r, size)).collect();
        // The lines of a row that must go on one page: all of a short row, the first four of
        // a row too long for any page (it is split).
        let whole = |lines: &[Vec<String>]| {
            let n = height(lines);
            if n <= 12 { n } else { 4 }
        };
        let row_h = |n: usize| n as f32 * lh + 2.0 * pad;
        // The header only where the first two rows (or what must stay together of them) fit
        // under it: neither a header nor a single row ends a page.
        let lead: f32 = wrapped.iter().take(2).map(|w| row_h(whole(w))).sum();
        self.ensure(header_h + lead.max(row_h(1)) + 1.0);
        draw_header(self);
        let mut on_page = 0;
        for (i, (r, lines)) in rows.iter().zip(&wrapped).enumerate() {
            // Where a character no face has is found: the row's first cell names it.
            self.faces.row = r.first().map(|c| c.text.clone()).unwrap_or_default();
            let n = height(lines);
            // The last row alone would not fit under the one before it: both go over, when
            // two rows stay on this page.
            if i + 2 == rows.len() && on_page >= 2 && n <= 12 {
                let both = row_h(n) + row_h(whole(&wrapped[i + 1]));
                if self.y - both < BOTTOM && self.y - row_h(n) >= BOTTOM {
                    self.new_page();
                    draw_header(self);
                    on_page = 0;
                }
            }
            let mut start = 0;
            loop {
                let avail = ((self.y - BOTTOM - 2.0 * pad) / lh).floor().max(0.0) as usize;
                let want = n - start;
                // Keep short rows whole; split only rows that could never fit.
                if avail < want.min(4) || (want <= 12 && avail < want) {
                    self.new_page();
                    draw_header(self);
                    on_page = 0;
                    continue;
                }
                let take = want.min(avail);
                let part: Vec<Vec<String>> = lines
                    .iter()
                    .enumerate()
                    .map(|(j, cl)| {
                        if start > 0 && j < keys {
                            // The identifying cell again, on the page the row continues on.
                            let mut key = self.wrap(
                                &format!("{} (cont.)", r[j].text),
                                cols[j].1 - 6.0,
                                size,
                                r[j].bold,
                            );
                            key.truncate(take.max(1));
                            key
                        } else {
                            cl.iter().skip(start).take(take).cloned().collect()
                        }
                    })
                    .collect();
                self.row_chunk(cols, &part, r);
                on_page += 1;
                start += take;
                if start >= n {
                    break;
                }
                self.new_page();
                draw_header(self);
                on_page = 0;
            }
        }
        self.faces.row.clear();
    }

    fn wrap_row(&self, cols: &[(String, f32)], r: &[Cell], size: f32) -> Vec<Vec<String>> {
        cols.iter()
            .zip(r)
            .map(|((_, w), cell)| self.wrap(&cell.text, w - 6.0, size, cell.bold))
            .collect()
    }

    /// Draws a row (or the part of one that goes on this page): the given lines of its cells.
    fn row_chunk(&mut self, cols: &[(String, f32)], lines: &[Vec<String>], cells: &[Cell]) {
        let size = BODY - 0.5;
        let lh = size * LINE;
        let pad = 3.0;
        let h = height(lines) as f32 * lh + 2.0 * pad;
        let top = self.y;
        let mut x = MARGIN;
        for (((_, w), cell), cl) in cols.iter().zip(cells).zip(lines) {
            self.rect(x, top - h, *w, h, cell.fill.clone(), true);
            for (i, l) in cl.iter().enumerate() {
                let ty = top - pad - (i as f32 + 1.0) * lh + size * 0.25;
                let tx = if cell.center {
                    x + (w - self.width(l, size, cell.bold)) / 2.0
                } else if crate::report::pdf::bidi::starts_rtl(l) {
                    x + w - pad - self.width(l, size, cell.bold)
                } else {
                    x + pad
                };
                self.text(tx, ty, size, cell.bold, black(), l);
            }
            x += w;
        }
        self.y = top - h;
    }
}

/// The number of lines of a row: those of its tallest cell, at least one.
fn height(lines: &[Vec<String>]) -> usize {
    lines.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::super::c;
    use super::super::tests::{nearly_full, texts};
    use super::*;

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

    #[test]
    fn a_table_leaves_two_rows_on_each_side_of_a_break() {
        let cols = [("Id".to_string(), 60.0), ("Text".to_string(), 200.0)];
        let row_h = (BODY - 0.5) * LINE + 6.0;
        let rows: Vec<Vec<Cell>> = (1..=6).map(|i| vec![c(format!("R{i}")), c("x")]).collect();
        // Room for the header and five rows: the sixth alone would go over, so the fifth goes
        // with it.
        let mut l = nearly_full(6.0 * row_h + 2.0);
        l.table(&cols, &rows);
        let pages = texts(&mut l);
        assert_eq!(
            pages[0],
            ["Id", "Text", "R1", "x", "R2", "x", "R3", "x", "R4", "x"]
        );
        assert_eq!(pages[1], ["Id", "Text", "R5", "x", "R6", "x"]);

        // Room for the header and one row: the table starts on the next page.
        let mut l = nearly_full(2.0 * row_h + 2.0);
        l.table(&cols, &rows);
        let pages = texts(&mut l);
        assert!(pages[0].is_empty(), "page 1: {:?}", pages[0]);
        assert_eq!(pages[1][..4], ["Id", "Text", "R1", "x"]);
    }

    #[test]
    fn a_continued_row_repeats_its_identifying_cell() {
        let cols = [("Id".to_string(), 110.0), ("Text".to_string(), 200.0)];
        let long: Vec<String> = (1..=90).map(|i| format!("line {i}")).collect();
        let mut l = Layout::new(None).unwrap();
        l.table(&cols, &[vec![c("E-001"), c(long.join("\n"))]]);
        let pages = texts(&mut l);
        assert!(pages.len() >= 2, "{pages:?}");
        assert_eq!(pages[0][..4], ["Id", "Text", "E-001", "line 1"]);
        assert_eq!(pages[1][..3], ["Id", "Text", "E-001 (cont.)"]);
        assert!(pages[1].contains(&"line 90".to_string()));
    }
}
