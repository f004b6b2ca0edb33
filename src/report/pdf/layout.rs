//! The layout engine: text measured with the embedded font's advance widths, word wrap, headings
//! and paragraphs, tables with wrapped cells whose header is repeated on every page they run
//! onto, page breaks, rectangles and lines for charts, and the footers of every page.
//!
//! A heading is kept with what follows it: it waits (pending) until the next thing is laid out,
//! and goes to the next page with it when both do not fit; a table's header is laid out only
//! where its first row fits under it. So neither ever ends a page.

use super::error::PdfError;
use super::face::Face;
use super::faces::Faces;
use super::style::{BODY, BOTTOM, LINE, MARGIN, PAGE_H, PAGE_W, accent, black, grey, rgb};
use printpdf::{
    Color, FontId, Line as PLine, LinePoint, Op, PdfFontHandle, Point, Pt, Rect, TextItem,
};

/// A table cell.
#[derive(Clone, Default)]
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) bold: bool,
    pub(super) fill: Option<Color>,
    pub(super) center: bool,
}

pub(super) fn c(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        ..Cell::default()
    }
}

pub(super) fn b(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        bold: true,
        ..Cell::default()
    }
}

/// What the pages carry besides their content: on every page the classification (top left)
/// and, on a draft, the DRAFT mark (top right); on the first, the logo (PNG or JPEG bytes,
/// placed by `document::save`); and the author in the document's properties.
#[derive(Clone, Debug, Default)]
pub(super) struct Marks {
    pub(super) classification: String,
    pub(super) draft: bool,
    pub(super) logo: Option<Vec<u8>>,
    /// Who wrote the document, for its properties (empty: not said).
    pub(super) author: String,
}

/// The page-laying state.
pub(super) struct Layout {
    pub(super) faces: Faces,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The next line's top, in points from the bottom of the page.
    pub(super) y: f32,
    /// The font (id, size) and fill colour last set on this page, so that text runs set
    /// them only when they change.
    cur_font: Option<(&'static str, f32)>,
    cur_fill: Option<Color>,
    cur_stroke: Option<(Color, f32)>,
    /// The document outline: (title, page number from 1), in the order laid out.
    pub(super) bookmarks: Vec<(String, usize)>,
    /// Headings waiting for what follows them, drawn with it (see the module's text).
    pending: Vec<Pending>,
}

/// A heading not drawn yet: its text and size, the space after it, its outline entries.
struct Pending {
    text: String,
    size: f32,
    after: f32,
    bookmarks: Vec<String>,
}

impl Pending {
    fn height(&self) -> f32 {
        self.size * 0.6 + self.size + self.after
    }
}

impl Layout {
    /// A layout in DejaVu Sans, with `fallback` for the characters DejaVu lacks.
    pub(super) fn new(fallback: Option<&crate::report::FontFile>) -> Result<Layout, PdfError> {
        let fallback = match fallback {
            Some(f) => Some(Face::load(&f.bytes, f.index).ok_or(PdfError::Font)?),
            None => None,
        };
        Ok(Layout {
            faces: Faces::new(
                Face::load(dejavu::sans::regular(), 0).ok_or(PdfError::Font)?,
                Face::load(dejavu::sans::bold(), 0).ok_or(PdfError::Font)?,
                fallback,
            ),
            pages: Vec::new(),
            ops: Vec::new(),
            y: PAGE_H - MARGIN,
            cur_font: None,
            cur_fill: None,
            cur_stroke: None,
            bookmarks: Vec::new(),
            pending: Vec::new(),
        })
    }

    /// Adds an entry to the document outline pointing at the current page (or at the page of
    /// the heading waiting to be drawn).
    pub(super) fn bookmark(&mut self, title: &str) {
        let title = crate::text::printable(title, false);
        match self.pending.last_mut() {
            Some(p) => p.bookmarks.push(title),
            None => {
                let page = self.pages.len() + 1;
                self.bookmarks.push((title, page));
            }
        }
    }

    /// Draws the headings waiting, with room for `need` points under them: on this page when
    /// all fit, else on the next.
    fn flush(&mut self, need: f32) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let h: f32 = pending.iter().map(Pending::height).sum();
        if self.y - h - need < BOTTOM {
            self.new_page();
        }
        for p in pending {
            self.y -= p.size * 0.6 + p.size;
            let y = self.y;
            self.text(MARGIN, y, p.size, true, accent(), &p.text);
            self.y -= p.after;
            let page = self.pages.len() + 1;
            for b in p.bookmarks {
                self.bookmarks.push((b, page));
            }
        }
    }

    /// Text as it can be printed (see `Faces::printable`).
    fn printable(&self, s: &str, bold: bool) -> String {
        self.faces.printable(s, bold)
    }

    /// The width of text in logical order (Arabic measured in the forms it is drawn in).
    fn width(&self, s: &str, size: f32, bold: bool) -> f32 {
        let shaped;
        let s = if super::bidi::has_rtl(s) {
            shaped = super::bidi::shape(s);
            &shaped
        } else {
            s
        };
        s.chars()
            .map(|ch| self.faces.advance(ch, bold))
            .sum::<f32>()
            * size
    }

    /// Breaks text into lines no wider than `width`, keeping the text's own line breaks.
    pub(super) fn wrap(&self, s: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        // Each word is measured once; the line's width is kept as a running sum.
        let space = self.width(" ", size, bold);
        let mut out = Vec::new();
        for para in s.split('\n') {
            let para = self.printable(para, bold);
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in para.split(' ') {
                let w = self.width(word, size, bold);
                let candidate_w = if line.is_empty() {
                    w
                } else {
                    line_w + space + w
                };
                if candidate_w <= width || line.is_empty() && word.is_empty() {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w = candidate_w;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                if w <= width {
                    line.push_str(word);
                    line_w = w;
                    continue;
                }
                // A word wider than the line is cut where it must be.
                let mut piece = String::new();
                let mut piece_w = 0.0;
                for ch in word.chars() {
                    let cw = self.faces.advance(ch, bold) * size;
                    if piece_w + cw > width && !piece.is_empty() {
                        out.push(std::mem::take(&mut piece));
                        piece_w = 0.0;
                    }
                    piece.push(ch);
                    piece_w += cw;
                }
                line = piece;
                line_w = piece_w;
            }
            out.push(line);
        }
        out
    }

    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Color, s: &str) {
        self.flush(0.0);
        let s = self.printable(s, bold);
        if s.is_empty() {
            return;
        }
        self.ops.push(Op::StartTextSection);
        // Colour is graphics state: it persists from one text run to the next.
        if self.cur_fill.as_ref() != Some(&color) {
            self.ops.push(Op::SetFillColor { col: color.clone() });
            self.cur_fill = Some(color);
        }
        self.ops.push(Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        });
        // Right-to-left text is drawn in visual order. No /ActualText: readers that extract
        // text by position (poppler's pdftotext, viewers) give the logical order back from
        // the visual one, and poppler reverses an /ActualText (see docs/reports.md).
        let drawn = super::bidi::visual(&s);
        // One run per face; each run starts where the last ended.
        for (id, run) in self.faces.runs(&drawn, bold) {
            if self.cur_font != Some((id, size)) {
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(id.to_string())),
                    size: Pt(size),
                });
                self.cur_font = Some((id, size));
            }
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(run)],
            });
        }
        self.ops.push(Op::EndTextSection);
    }

    pub(super) fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: bool,
    ) {
        self.flush(0.0);
        let shape = |mode| Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: None,
            },
        };
        if let Some(col) = fill {
            self.cur_fill = Some(col.clone());
            self.ops.push(Op::SetFillColor { col });
            self.ops.push(shape(printpdf::PaintMode::Fill));
        }
        if stroke {
            self.stroke_style(grey(), 0.5);
            self.ops.push(shape(printpdf::PaintMode::Stroke));
        }
    }

    /// Sets the stroke colour and thickness, when they differ from what is set.
    fn stroke_style(&mut self, col: Color, thickness: f32) {
        if self.cur_stroke.as_ref() != Some(&(col.clone(), thickness)) {
            self.ops.push(Op::SetOutlineColor { col: col.clone() });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
            self.cur_stroke = Some((col, thickness));
        }
    }

    pub(super) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, col: Color) {
        self.flush(0.0);
        self.stroke_style(col, thickness);
        self.ops.push(Op::DrawLine {
            line: PLine {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(x1),
                            y: Pt(y1),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(x2),
                            y: Pt(y2),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    /// The labels 0 to 5 above a level chart whose level 0 is at `x0`, `seg` points a level.
    pub(super) fn level_scale(&mut self, x0: f32, seg: f32) {
        self.y -= 10.0;
        let y = self.y;
        for lv in 0..=5 {
            self.text(
                x0 + lv as f32 * seg - 2.5,
                y,
                7.0,
                false,
                grey(),
                &lv.to_string(),
            );
        }
        self.space(4.0);
    }

    pub(super) fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(ops);
        self.y = PAGE_H - MARGIN;
        self.cur_font = None;
        self.cur_fill = None;
        self.cur_stroke = None;
    }

    /// Starts a new page unless `h` points still fit on this one (under the headings waiting,
    /// which are drawn now, on the page where `h` fits under them).
    pub(super) fn ensure(&mut self, h: f32) {
        if !self.pending.is_empty() {
            self.flush(h);
        } else if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    pub(super) fn space(&mut self, h: f32) {
        match self.pending.last_mut() {
            Some(p) => p.after += h,
            None => self.y -= h,
        }
    }

    /// A heading; sections (16 points and up) get an outline entry. It is drawn with what
    /// follows it, so that it never ends a page.
    pub(super) fn heading(&mut self, s: &str, size: f32) {
        self.faces.section = s.to_string();
        self.pending.push(Pending {
            text: s.to_string(),
            size,
            after: size * 0.5,
            bookmarks: if size >= 16.0 {
                vec![crate::text::printable(s, false)]
            } else {
                Vec::new()
            },
        });
    }

    pub(super) fn para_styled(
        &mut self,
        s: &str,
        size: f32,
        bold: bool,
        color: Color,
        indent: f32,
    ) {
        let width = PAGE_W - 2.0 * MARGIN - indent;
        for l in self.wrap(s, width, size, bold) {
            self.ensure(size * LINE);
            self.y -= size * LINE;
            let y = self.y + size * 0.25;
            // A line whose first strong character is right-to-left is aligned right.
            let x = if super::bidi::starts_rtl(&l) {
                MARGIN + indent + width - self.width(&l, size, bold)
            } else {
                MARGIN + indent
            };
            self.text(x, y, size, bold, color.clone(), &l);
        }
    }

    pub(super) fn para(&mut self, s: &str) {
        self.para_styled(s, BODY, false, black(), 0.0);
    }

    /// A label in bold with its value after it, wrapped.
    pub(super) fn field(&mut self, label: &str, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        self.table_rows(
            &[
                (label.to_string(), 130.0),
                (String::new(), PAGE_W - 2.0 * MARGIN - 130.0),
            ],
            &[vec![b(label), c(value)]],
            false,
        );
    }

    /// A table: columns of (title, width); the header repeats on each page the table runs onto,
    /// and a row taller than the rest of the page continues on the next.
    pub(super) fn table(&mut self, cols: &[(String, f32)], rows: &[Vec<Cell>]) {
        self.table_rows(cols, rows, true);
    }

    fn table_rows(&mut self, cols: &[(String, f32)], rows: &[Vec<Cell>], header: bool) {
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
        let draw_header = |me: &mut Layout| {
            if header {
                me.row_chunk(
                    cols,
                    &me.wrap_row(cols, &header_row, size),
                    &header_row,
                    0,
                    usize::MAX,
                    size,
                );
            }
        };
        // The header only where the first row (or, for a row too long for any page, its first
        // lines) fits under it, so that a header never ends a page.
        let header_h = if header {
            let hl = self.wrap_row(cols, &header_row, size);
            hl.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * pad
        } else {
            0.0
        };
        let first = rows.first().map_or(1, |r| {
            let n = self
                .wrap_row(cols, r, size)
                .iter()
                .map(Vec::len)
                .max()
                .unwrap_or(1)
                .max(1);
            if n <= 12 { n } else { 4 }
        });
        self.ensure(header_h + first as f32 * lh + 2.0 * pad + 1.0);
        draw_header(self);
        for r in rows {
            self.faces.row = r.first().map(|c| c.text.clone()).unwrap_or_default();
            let lines = self.wrap_row(cols, r, size);
            let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut start = 0;
            loop {
                let avail = ((self.y - BOTTOM - 2.0 * pad) / lh).floor().max(0.0) as usize;
                let want = n - start;
                // Keep short rows whole; split only rows that could never fit.
                if avail < want.min(4) || (want <= 12 && avail < want) {
                    self.new_page();
                    draw_header(self);
                    continue;
                }
                let take = want.min(avail);
                self.row_chunk(cols, &lines, r, start, start + take, size);
                start += take;
                if start >= n {
                    break;
                }
                self.new_page();
                draw_header(self);
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

    /// Draws lines `from..to` of a row's cells.
    fn row_chunk(
        &mut self,
        cols: &[(String, f32)],
        lines: &[Vec<String>],
        cells: &[Cell],
        from: usize,
        to: usize,
        size: f32,
    ) {
        let lh = size * LINE;
        let pad = 3.0;
        let n = lines
            .iter()
            .map(|l| l.len().min(to).saturating_sub(from))
            .max()
            .unwrap_or(1)
            .max(1);
        let h = n as f32 * lh + 2.0 * pad;
        let top = self.y;
        let mut x = MARGIN;
        for (((_, w), cell), cl) in cols.iter().zip(cells).zip(lines) {
            self.rect(x, top - h, *w, h, cell.fill.clone(), true);
            for (i, l) in cl
                .iter()
                .skip(from)
                .take(to.saturating_sub(from))
                .enumerate()
            {
                let ty = top - pad - (i as f32 + 1.0) * lh + size * 0.25;
                let tx = if cell.center {
                    x + (w - self.width(l, size, cell.bold)) / 2.0
                } else if super::bidi::starts_rtl(l) {
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

    /// Adds page numbers and the report's name to every page, and the data hash; the
    /// classification and the DRAFT mark in the header.
    /// Returns the pages and the characters no face had.
    pub(super) fn finish(
        mut self,
        title: &str,
        trace: &str,
        marks: &Marks,
    ) -> (Vec<Vec<Op>>, Vec<super::faces::Missing>) {
        self.flush(0.0);
        self.new_page();
        let total = self.pages.len();
        let mut pages = std::mem::take(&mut self.pages);
        for (i, page) in pages.iter_mut().enumerate() {
            let saved = std::mem::replace(&mut self.ops, std::mem::take(page));
            // The state at the end of the page's content is not known here: set it afresh.
            self.cur_font = None;
            self.cur_fill = None;
            self.cur_stroke = None;
            self.line(MARGIN, 42.0, PAGE_W - MARGIN, 42.0, 0.5, grey());
            let footer = format!("Page {} of {total}", i + 1);
            let fw = self.width(&footer, 7.5, false);
            self.text(PAGE_W - MARGIN - fw, 30.0, 7.5, false, grey(), &footer);
            let t: String = title.chars().take(80).collect();
            self.text(MARGIN, 30.0, 7.5, false, grey(), &t);
            self.text(MARGIN, 20.0, 6.5, false, grey(), trace);
            if !marks.classification.trim().is_empty() {
                let c: String = marks.classification.trim().chars().take(60).collect();
                self.text(MARGIN, PAGE_H - 30.0, 8.0, true, grey(), &c);
                let cw = self.width(&c, 7.5, true);
                self.text((PAGE_W - cw) / 2.0, 30.0, 7.5, true, grey(), &c);
            }
            if marks.draft {
                let w = self.width("DRAFT", 14.0, true);
                self.text(
                    PAGE_W - MARGIN - w,
                    PAGE_H - 34.0,
                    14.0,
                    true,
                    rgb(183, 28, 28),
                    "DRAFT",
                );
            }
            *page = std::mem::replace(&mut self.ops, saved);
        }
        (pages, self.faces.missing())
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
