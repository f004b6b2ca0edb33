//! The layout engine: text measured with the embedded font's advance widths, word wrap, headings
//! and paragraphs, tables with wrapped cells whose header is repeated on every page they run
//! onto (in `table`), page breaks, rectangles, lines and legends for charts, and the headers
//! and footers of every page.
//!
//! A heading is kept with what follows it: it waits (pending) until the next thing is laid out,
//! and goes to the next page with it when both do not fit; a table's header is laid out only
//! where its first two rows fit under it. So neither ever ends a page.

use super::error::PdfError;
use super::face::Face;
use super::faces::Faces;
use super::style::{BODY, BOTTOM, LINE, MARGIN, PAGE_H, PAGE_W, accent, black, grey, rgb};
use printpdf::{
    Color, FontId, Line as PLine, LinePoint, Op, PdfFontHandle, Point, Pt, Rect, TextItem,
};

mod table;

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
    /// The internal links: where linked ids are drawn, and their anchors.
    pub(super) links: super::links::Links,
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
            links: Default::default(),
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

    /// Breaks text into lines no wider than `width`, keeping the text's own line breaks. A
    /// no-break space (U+00A0) holds its neighbours on one line and prints as a space; so does
    /// the space between a number and its unit ("97 %", see [`keep_units`]).
    pub(super) fn wrap(&self, s: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        self.wrap_breaking(&keep_units(s), width, size, bold)
            .into_iter()
            .map(|l| l.replace('\u{A0}', " "))
            .collect()
    }

    fn wrap_breaking(&self, s: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
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
        self.note_links(x, y, size, bold, &s);
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

    /// A chart's legend: for each entry a small swatch (its fill, outlined) and its words, in
    /// a line that wraps at the margin.
    pub(super) fn legend(&mut self, entries: &[(Option<Color>, String)]) {
        let size = 7.5;
        let lh = size * LINE + 2.0;
        let box_w = 9.0;
        self.ensure(lh);
        self.y -= lh;
        let mut x = MARGIN;
        for (fill, words) in entries {
            let w = box_w + 4.0 + self.width(words, size, false) + 12.0;
            if x > MARGIN && x + w > PAGE_W - MARGIN {
                self.ensure(lh);
                self.y -= lh;
                x = MARGIN;
            }
            let y = self.y;
            self.rect(x, y, box_w, box_w, fill.clone(), true);
            self.text(x + box_w + 4.0, y + 1.5, size, false, black(), words);
            x += w;
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
        let lines = self.wrap(s, width, size, bold);
        // A short paragraph is not split: no line left alone at the top or foot of a page.
        if lines.len() <= 6 {
            self.ensure(lines.len() as f32 * size * LINE);
        }
        for l in lines {
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
            1,
        );
    }

    /// The text on one line no wider than `width`: whole, or cut with "…".
    pub(super) fn fit(&self, s: &str, width: f32, size: f32, bold: bool) -> String {
        let s = self.printable(s, bold).replace('\u{A0}', " ");
        if self.width(&s, size, bold) <= width {
            return s;
        }
        let room = width - self.width("…", size, bold);
        let mut out = String::new();
        let mut w = 0.0;
        for ch in s.chars() {
            let cw = self.width(&ch.to_string(), size, bold);
            if w + cw > room {
                break;
            }
            out.push(ch);
            w += cw;
        }
        format!("{}…", out.trim_end())
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
            // The footer's line: the page number at the right, the classification in the
            // middle, the title at the left, each cut with "…" to its share of the line so that
            // none runs into another; the classification is printed in full on the cover.
            let footer = format!("Page {} of {total}", i + 1);
            let fw = self.width(&footer, 7.5, false);
            self.text(PAGE_W - MARGIN - fw, 30.0, 7.5, false, grey(), &footer);
            let class = marks.classification.trim();
            let full = PAGE_W - 2.0 * MARGIN;
            let title_room = if class.is_empty() {
                full - fw - 12.0
            } else {
                let c = self.fit(class, full / 3.0, 7.5, true);
                let cw = self.width(&c, 7.5, true);
                self.text((PAGE_W - cw) / 2.0, 30.0, 7.5, true, grey(), &c);
                // The header: the classification at the top left, clear of the DRAFT mark.
                let h = self.fit(class, full - 80.0, 8.0, true);
                self.text(MARGIN, PAGE_H - 30.0, 8.0, true, grey(), &h);
                (PAGE_W - cw) / 2.0 - MARGIN - 12.0
            };
            let t = self.fit(title, title_room, 7.5, false);
            self.text(MARGIN, 30.0, 7.5, false, grey(), &t);
            self.text(MARGIN, 20.0, 6.5, false, grey(), trace);
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

/// The text with the space between a number and its unit ("97 %") made a no-break space, so
/// that the wrapper never puts them on two lines.
pub(super) fn keep_units(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, ch)| {
            let unit_next = chars.get(i + 1) == Some(&'%');
            let number_before = i > 0 && chars[i - 1].is_ascii_digit();
            if *ch == ' ' && unit_next && number_before {
                '\u{A0}'
            } else {
                *ch
            }
        })
        .collect()
}

impl Layout {
    /// Notes where ids to link are drawn, or their anchors (see [`super::links`]); only text
    /// in the page's body counts, never the header or footer.
    fn note_links(&mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        if !(BOTTOM..=PAGE_H - MARGIN).contains(&y) {
            return;
        }
        let page = self.pages.len() + 1;
        let faces = &self.faces;
        let width = |t: &str| t.chars().map(|ch| faces.advance(ch, bold)).sum::<f32>() * size;
        self.links.note(page, x, y, size, s, &width);
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
