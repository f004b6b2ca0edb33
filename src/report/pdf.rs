//! The PDF report, drawn with printpdf and a small layout helper of our own: text measured with
//! the embedded font's advance widths, word wrap, tables with wrapped cells whose header is
//! repeated on every page they run onto, page breaks, and charts drawn from rectangles and lines.
//!
//! The font is DejaVu Sans (regular and bold), embedded and subset, so names in any European
//! script print as written; a character the font lacks prints as a visible replacement mark.
//! The output is reproducible: the same report gives the same bytes (fixed font ids, no dates,
//! and a document id derived from the content).

use super::{ProcessSection, Report, Standing};
use crate::rating::{Base, Rating};
use printpdf::{
    Color, FontId, Line as PLine, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 50.0;
const BOTTOM: f32 = 60.0;
const BODY: f32 = 9.0;
const LINE: f32 = 1.3;

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb {
        r: r as f32 / 255.0,
        g: g as f32 / 255.0,
        b: b as f32 / 255.0,
        icc_profile: None,
    })
}

fn black() -> Color {
    rgb(0, 0, 0)
}

fn grey() -> Color {
    rgb(100, 100, 100)
}

fn accent() -> Color {
    rgb(31, 78, 121)
}

/// Fill colour of a heat-map cell: light enough that the black letter reads, distinct in grey.
fn heat(r: Option<Rating>) -> Option<Color> {
    r.map(|r| match r.base() {
        Base::N => rgb(239, 154, 154),
        Base::P => rgb(255, 213, 128),
        Base::L => rgb(197, 225, 165),
        Base::F => rgb(102, 187, 106),
    })
}

/// The two faces, parsed once for measuring.
struct Face {
    font: ParsedFont,
    units: f32,
    /// Per character: whether the font has it, and its advance in ems (looked up once).
    cache: std::cell::RefCell<std::collections::HashMap<char, (bool, f32)>>,
}

impl Face {
    fn load(bytes: &[u8]) -> Option<Face> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Some(Face {
            font,
            units,
            cache: Default::default(),
        })
    }

    fn glyph(&self, c: char) -> (bool, f32) {
        if let Some(g) = self.cache.borrow().get(&c) {
            return *g;
        }
        let g = match self.font.lookup_glyph_index(c as u32) {
            Some(g) if g != 0 => (
                true,
                f32::from(self.font.get_horizontal_advance(g)) / self.units,
            ),
            _ => (false, 0.5),
        };
        self.cache.borrow_mut().insert(c, g);
        g
    }

    fn has(&self, c: char) -> bool {
        self.glyph(c).0
    }

    fn advance(&self, c: char) -> f32 {
        self.glyph(c).1
    }
}

/// A table cell.
#[derive(Clone, Default)]
struct Cell {
    text: String,
    bold: bool,
    fill: Option<Color>,
    center: bool,
}

fn c(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        ..Cell::default()
    }
}

fn b(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        bold: true,
        ..Cell::default()
    }
}

/// The page-laying state.
struct Layout {
    regular: Face,
    bold: Face,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The next line's top, in points from the bottom of the page.
    y: f32,
    /// The font (bold?, size) and fill colour last set on this page, so that text runs set
    /// them only when they change.
    cur_font: Option<(bool, f32)>,
    cur_fill: Option<Color>,
    cur_stroke: Option<(Color, f32)>,
}

const FONT_REGULAR: &str = "F1";
const FONT_BOLD: &str = "F2";

impl Layout {
    fn new() -> Option<Layout> {
        Some(Layout {
            regular: Face::load(dejavu::sans::regular())?,
            bold: Face::load(dejavu::sans::bold())?,
            pages: Vec::new(),
            ops: Vec::new(),
            y: PAGE_H - MARGIN,
            cur_font: None,
            cur_fill: None,
            cur_stroke: None,
        })
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// Text as it can be printed: control characters dropped (tabs become spaces), characters
    /// the font lacks shown as U+FFFD.
    fn printable(&self, s: &str, bold: bool) -> String {
        let face = self.face(bold);
        s.chars()
            .filter_map(|ch| match ch {
                '\t' => Some(' '),
                ch if ch.is_control() => None,
                ch if face.has(ch) => Some(ch),
                _ => Some('\u{FFFD}'),
            })
            .collect()
    }

    fn width(&self, s: &str, size: f32, bold: bool) -> f32 {
        let face = self.face(bold);
        s.chars().map(|ch| face.advance(ch)).sum::<f32>() * size
    }

    /// Breaks text into lines no wider than `width`, keeping the text's own line breaks.
    fn wrap(&self, s: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
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
                let face = self.face(bold);
                let mut piece = String::new();
                let mut piece_w = 0.0;
                for ch in word.chars() {
                    let cw = face.advance(ch) * size;
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

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Color, s: &str) {
        let s = self.printable(s, bold);
        if s.is_empty() {
            return;
        }
        self.ops.push(Op::StartTextSection);
        // Font and colour are graphics state: they persist from one text run to the next.
        if self.cur_font != Some((bold, size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(
                    if bold { FONT_BOLD } else { FONT_REGULAR }.to_string(),
                )),
                size: Pt(size),
            });
            self.cur_font = Some((bold, size));
        }
        if self.cur_fill.as_ref() != Some(&color) {
            self.ops.push(Op::SetFillColor { col: color.clone() });
            self.cur_fill = Some(color);
        }
        self.ops.extend([
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(s)],
            },
            Op::EndTextSection,
        ]);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<Color>, stroke: bool) {
        if let Some(col) = fill {
            self.cur_fill = Some(col.clone());
            self.ops.push(Op::SetFillColor { col });
            self.ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(printpdf::PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
        if stroke {
            self.stroke_style(grey(), 0.5);
            self.ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(printpdf::PaintMode::Stroke),
                    winding_order: None,
                },
            });
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

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, col: Color) {
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
    fn level_scale(&mut self, x0: f32, seg: f32) {
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

    fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(ops);
        self.y = PAGE_H - MARGIN;
        self.cur_font = None;
        self.cur_fill = None;
        self.cur_stroke = None;
    }

    /// Starts a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    fn space(&mut self, h: f32) {
        self.y -= h;
    }

    fn heading(&mut self, s: &str, size: f32) {
        self.ensure(size * 3.0);
        self.space(size * 0.6);
        self.y -= size;
        let y = self.y;
        self.text(MARGIN, y, size, true, accent(), s);
        self.space(size * 0.5);
    }

    fn para_styled(&mut self, s: &str, size: f32, bold: bool, color: Color, indent: f32) {
        let width = PAGE_W - 2.0 * MARGIN - indent;
        for l in self.wrap(s, width, size, bold) {
            self.ensure(size * LINE);
            self.y -= size * LINE;
            let y = self.y + size * 0.25;
            self.text(MARGIN + indent, y, size, bold, color.clone(), &l);
        }
    }

    fn para(&mut self, s: &str) {
        self.para_styled(s, BODY, false, black(), 0.0);
    }

    /// A label in bold with its value after it, wrapped.
    fn field(&mut self, label: &str, value: &str) {
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
    fn table(&mut self, cols: &[(String, f32)], rows: &[Vec<Cell>]) {
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
        self.ensure(lh * 3.0 + 4.0 * pad);
        draw_header(self);
        for r in rows {
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
                } else {
                    x + pad
                };
                self.text(tx, ty, size, cell.bold, black(), l);
            }
            x += w;
        }
        self.y = top - h;
    }

    /// Adds page numbers and the report's name to every page, and the data hash.
    fn finish(mut self, title: &str, trace: &str) -> Vec<Vec<Op>> {
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
            *page = std::mem::replace(&mut self.ops, saved);
        }
        pages
    }
}

fn standing_label(p: &ProcessSection) -> String {
    match p.standing {
        Standing::Below => format!("{} below target", p.gap),
        Standing::At => "at target".into(),
        Standing::Above => "above target".into(),
    }
}

fn rating_code(r: Option<Rating>) -> String {
    r.map(|r| r.code().to_string())
        .unwrap_or_else(|| "–".into())
}

fn cover(l: &mut Layout, r: &Report) {
    l.y = PAGE_H - 150.0;
    l.para_styled(
        "Process capability assessment report",
        12.0,
        false,
        grey(),
        0.0,
    );
    l.space(6.0);
    l.para_styled(&r.title, 24.0, true, accent(), 0.0);
    l.space(10.0);
    if !r.unit.is_empty() {
        l.para_styled(&r.unit, 13.0, false, black(), 0.0);
    }
    l.space(20.0);
    l.field("Sponsor", &r.sponsor);
    let dates = match (r.start.is_empty(), r.end.is_empty()) {
        (false, false) => format!("{} to {}", r.start, r.end),
        (false, true) => format!("from {}", r.start),
        _ => String::new(),
    };
    l.field("Data collection", &dates);
    l.field("Report date", r.date());
    l.field(
        "Class of assessment",
        &format!("{} (1 most rigorous, 3 lightest)", r.class),
    );
    l.field("Model", &r.model);
    let team: Vec<String> = r
        .team
        .iter()
        .filter(|t| t.1 != "participant")
        .map(|(n, role, org)| {
            if org.is_empty() {
                format!("{n} ({role})")
            } else {
                format!("{n} ({role}, {org})")
            }
        })
        .collect();
    l.field("Assessment team", &team.join("\n"));
    l.space(18.0);
    l.heading("Summary", 14.0);
    let n = r.processes.len();
    let at = r
        .processes
        .iter()
        .filter(|p| p.standing != Standing::Below)
        .count();
    l.para(&format!(
        "{n} processes assessed. {at} reach their target capability level, {} fall short, by {} level(s) in all. {} of the {} attribute ratings the targets call for have been given.",
        n - at,
        r.total_gap,
        r.rated,
        r.to_rate
    ));
    let cov = &r.coverage;
    let open = r
        .warnings
        .iter()
        .filter(|w| w.acknowledged.is_none())
        .count();
    l.space(4.0);
    l.para(&format!(
        "Evidence: {} of {} rated attributes are backed by evidence ({}), {} by evidence of two or more kinds ({}). Confidence in the ratings: high {}, medium {}, low {}, not given {}. Consistency checks: {} open warning(s), {} acknowledged.",
        cov.with_evidence,
        cov.rated,
        crate::profile::Coverage::percent(cov.with_evidence, cov.rated),
        cov.two_kinds,
        crate::profile::Coverage::percent(cov.two_kinds, cov.rated),
        cov.confidence_high,
        cov.confidence_medium,
        cov.confidence_low,
        cov.confidence_unset,
        open,
        r.warnings.len() - open
    ));
    let mut gaps: Vec<&ProcessSection> = r.below().collect();
    gaps.sort_by_key(|p| std::cmp::Reverse(p.gap));
    if !gaps.is_empty() {
        l.space(6.0);
        l.para_styled("Largest gaps", BODY, true, black(), 0.0);
        for p in gaps.iter().take(5) {
            let why = p
                .blocked_by
                .as_ref()
                .map(|b| format!("; next: {}", b.explain()))
                .unwrap_or_default();
            l.para_styled(
                &format!(
                    "• {} {}: level {} of target {}{why}",
                    p.id, p.name, p.level, p.target
                ),
                BODY,
                false,
                black(),
                8.0,
            );
        }
    }
}

fn scope_and_method(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("1  Scope and method", 16.0);
    l.field("Purpose", &r.purpose);
    l.field("Organisational unit", &r.unit);
    l.field("Context", &r.context);
    l.field("Sponsor", &r.sponsor);
    l.field("Sponsor's relation", &r.sponsor_relation);
    l.field("Class", &r.class.to_string());
    l.field("Independence", &r.independence);
    l.field("Constraints", &r.constraints);
    l.field("Process model", &format!("{}. {}", r.model, r.model_basis));
    l.field("Measurement framework", &r.framework);
    l.field(
        "Rating method",
        &format!("{}: {}", r.rating_method, r.rating_method_explained),
    );
    l.field(
        "Aggregation",
        &format!("{}: {}", r.aggregation, r.aggregation_explained),
    );
    let scope: Vec<String> = r
        .processes
        .iter()
        .map(|p| format!("{} {} (target {})", p.id, p.name, p.target))
        .collect();
    l.field("Processes in scope", &scope.join("\n"));
    let team: Vec<String> = r
        .team
        .iter()
        .map(|(n, role, org)| {
            if org.is_empty() {
                format!("{n}: {role}")
            } else {
                format!("{n}: {role}, {org}")
            }
        })
        .collect();
    l.field("Team and participants", &team.join("\n"));

    l.heading("Rating scale", 12.0);
    let rows: Vec<Vec<Cell>> = r
        .scale
        .iter()
        .map(|(code, name, band, text)| {
            vec![
                b(code.clone()),
                c(name.clone()),
                c(band.clone()),
                c(text.clone()),
            ]
        })
        .collect();
    l.table(
        &[
            ("Value".into(), 40.0),
            ("Name".into(), 120.0),
            ("Achievement".into(), 75.0),
            ("Meaning".into(), PAGE_W - 2.0 * MARGIN - 235.0),
        ],
        &rows,
    );
    l.space(6.0);
    l.para("Refined values (P-, P+, L-, L+) count as P or L for the level rule.");
    l.heading("Level rule", 12.0);
    l.para(super::LEVEL_RULE);
}

fn profile(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("2  Capability profile", 16.0);
    l.para("Each bar shows the capability level reached (filled) on the scale 0 to 5; the thick line marks the target level.");
    l.space(8.0);
    let label_w = 200.0;
    let seg = 50.0;
    let bar_h = 10.0;
    let x0 = MARGIN + label_w;
    // Scale labels.
    l.ensure(20.0);
    l.level_scale(x0, seg);
    for p in &r.processes {
        l.ensure(bar_h + 6.0);
        l.y -= bar_h + 5.0;
        let y = l.y;
        let label = format!("{} {}", p.id, p.name);
        let lines = l.wrap(&label, label_w - 8.0, 7.5, false);
        let first = lines.first().cloned().unwrap_or_default();
        let shown = if lines.len() > 1 {
            format!("{}…", first.trim_end())
        } else {
            first
        };
        l.text(MARGIN, y + 2.0, 7.5, false, black(), &shown);
        for lv in 0..5u8 {
            let fill = if lv < p.level { Some(accent()) } else { None };
            l.rect(x0 + lv as f32 * seg, y, seg, bar_h, fill, true);
        }
        let tx = x0 + p.target as f32 * seg;
        l.line(tx, y - 2.0, tx, y + bar_h + 2.0, 2.0, black());
        let status = format!("{}/{}", p.level, p.target);
        l.text(
            x0 + 5.0 * seg + 6.0,
            y + 2.0,
            7.5,
            p.gap > 0,
            black(),
            &status,
        );
    }
    l.space(10.0);
    l.heading("Attribute ratings", 12.0);
    l.para("Ratings of each process attribute; the letter is the rating, the shade repeats it (N darkest red to F green). A dash means not rated.");
    l.space(4.0);
    let attr_w = (PAGE_W - 2.0 * MARGIN - 150.0) / r.attribute_ids.len().max(1) as f32;
    let mut cols = vec![("Process".to_string(), 150.0)];
    cols.extend(r.attribute_ids.iter().map(|(id, _)| (id.clone(), attr_w)));
    let rows: Vec<Vec<Cell>> = r
        .processes
        .iter()
        .map(|p| {
            let mut row = vec![c(format!("{} {}", p.id, p.name))];
            row.extend(p.attributes.iter().map(|a| Cell {
                text: rating_code(a.rating),
                bold: true,
                fill: heat(a.rating),
                center: true,
            }));
            row
        })
        .collect();
    l.table(&cols, &rows);
}

fn gap_table(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("3  Gaps to target", 16.0);
    l.para("Largest gaps first. \"Next level\" names the first attribute that stops the next capability level and the rating it needs.");
    for standing in [Standing::Below, Standing::At, Standing::Above] {
        let rows: Vec<Vec<Cell>> = r
            .by_gap()
            .into_iter()
            .filter(|p| p.standing == standing)
            .map(|p| {
                vec![
                    c(format!("{} {}", p.id, p.name)),
                    Cell {
                        text: p.level.to_string(),
                        center: true,
                        ..Cell::default()
                    },
                    Cell {
                        text: p.target.to_string(),
                        center: true,
                        ..Cell::default()
                    },
                    Cell {
                        text: p.gap.to_string(),
                        center: true,
                        bold: p.gap > 0,
                        ..Cell::default()
                    },
                    c(p.blocked_by
                        .as_ref()
                        .map(|b| format!("level {}: {}", b.level, b.explain()))
                        .unwrap_or_else(|| "highest level reached".into())),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let title = match standing {
            Standing::Below => "Below target",
            Standing::At => "At target",
            Standing::Above => "Above target",
        };
        l.heading(&format!("{title} ({})", rows.len()), 11.0);
        l.table(
            &[
                ("Process".into(), 190.0),
                ("Level".into(), 40.0),
                ("Target".into(), 40.0),
                ("Gap".into(), 35.0),
                ("Next level".into(), PAGE_W - 2.0 * MARGIN - 305.0),
            ],
            &rows,
        );
    }
}

fn process_sections(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("4  Processes", 16.0);
    for p in &r.processes {
        l.ensure(120.0);
        l.heading(&format!("{} {}", p.id, p.name), 12.0);
        l.para_styled(&p.category, BODY, false, grey(), 0.0);
        if !p.purpose.is_empty() {
            l.para(&p.purpose);
        }
        let next = p
            .blocked_by
            .as_ref()
            .map(|b| format!(" Next level {}: {}.", b.level, b.explain()))
            .unwrap_or_default();
        l.space(3.0);
        l.para_styled(
            &format!(
                "Capability level {} ({}), target {}: {}.{next}",
                p.level,
                p.level_name,
                p.target,
                standing_label(p)
            ),
            BODY,
            true,
            black(),
            0.0,
        );
        let cov = &p.coverage;
        if cov.rated > 0 {
            l.para_styled(
                &format!(
                    "Evidence behind {} of {} rated attributes ({} of them of two or more kinds); confidence high {}, medium {}, low {}, not given {}.",
                    cov.with_evidence,
                    cov.rated,
                    cov.two_kinds,
                    cov.confidence_high,
                    cov.confidence_medium,
                    cov.confidence_low,
                    cov.confidence_unset
                ),
                BODY,
                false,
                grey(),
                0.0,
            );
        }
        l.space(4.0);
        let rows: Vec<Vec<Cell>> = p
            .attributes
            .iter()
            .filter(|a| a.needed.is_some() || a.rating.is_some())
            .map(|a| {
                vec![
                    c(format!("{} {}", a.id, a.name)),
                    Cell {
                        text: rating_code(a.rating),
                        bold: true,
                        fill: heat(a.rating),
                        center: true,
                    },
                    Cell {
                        text: a
                            .needed
                            .map(|n| crate::rating::need_phrase(n).to_string())
                            .unwrap_or_else(|| "–".into()),
                        center: true,
                        ..Cell::default()
                    },
                    c(a.confidence.clone()),
                    c(a.evidence.join(", ")),
                    c(a.assessor.clone()),
                ]
            })
            .collect();
        l.table(
            &[
                ("Attribute".into(), 165.0),
                ("Rating".into(), 45.0),
                ("Target needs".into(), 60.0),
                ("Confidence".into(), 60.0),
                ("Evidence".into(), 80.0),
                ("Assessor".into(), PAGE_W - 2.0 * MARGIN - 410.0),
            ],
            &rows,
        );
        if !p.instance_rows.is_empty() {
            let rows: Vec<Vec<Cell>> = p
                .instance_rows
                .iter()
                .map(|a| {
                    vec![
                        c(a.instance.clone().unwrap_or_default()),
                        c(a.id.clone()),
                        Cell {
                            text: rating_code(a.rating),
                            bold: true,
                            fill: heat(a.rating),
                            center: true,
                        },
                        c(a.note.clone()),
                    ]
                })
                .collect();
            l.space(4.0);
            l.table(
                &[
                    ("Instance".into(), 130.0),
                    ("Attribute".into(), 50.0),
                    ("Rating".into(), 45.0),
                    ("Note".into(), PAGE_W - 2.0 * MARGIN - 225.0),
                ],
                &rows,
            );
        }
        for (title, items) in [("Strengths", &p.strengths), ("Weaknesses", &p.weaknesses)] {
            if items.is_empty() {
                continue;
            }
            l.space(4.0);
            l.para_styled(title, BODY, true, black(), 0.0);
            for (attr, note) in items {
                l.para_styled(&format!("{attr}: {note}"), BODY, false, black(), 8.0);
            }
        }
        if let Some(rat) = p.attributes.iter().find(|a| !a.rationale.is_empty()) {
            l.space(4.0);
            l.para_styled(
                "Rationale for overriding the aggregate",
                BODY,
                true,
                black(),
                0.0,
            );
            l.para_styled(
                &format!("{}: {}", rat.id, rat.rationale),
                BODY,
                false,
                black(),
                8.0,
            );
        }
        if !p.evidence.is_empty() {
            l.space(4.0);
            l.para_styled("Evidence relied on", BODY, true, black(), 0.0);
            for id in &p.evidence {
                let title = r
                    .evidence
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|e| format!("{} ({})", e.title, e.kind))
                    .unwrap_or_default();
                l.para_styled(&format!("{id} {title}"), BODY, false, black(), 8.0);
            }
        }
        l.space(10.0);
    }
}

fn consistency(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("5  Consistency checks", 16.0);
    l.para("capra checks each rating against its evidence and the other ratings: an F over an outcome, achievement or practice judged N or P; a rating above N with no evidence; an F resting on interviews alone; an override of the aggregate or proposal with no rationale; a higher-level attribute two or more steps above a lower-level one; an instance never rated. A warning does not change a rating; the team either revises the rating or accepts the warning with a justification.");
    for (title, acked) in [("Open warnings", false), ("Acknowledged warnings", true)] {
        let rows: Vec<Vec<Cell>> = r
            .warnings
            .iter()
            .filter(|w| w.acknowledged.is_some() == acked)
            .map(|w| {
                let mut reason = w.reason.clone();
                if let Some(k) = &w.acknowledged {
                    let by: Vec<&str> = [k.by.as_str(), k.date.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect();
                    reason.push_str(&format!(
                        "\nAccepted{}: {}",
                        if by.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", by.join(", "))
                        },
                        k.justification
                    ));
                }
                vec![c(w.place()), c(w.rule.code()), c(reason)]
            })
            .collect();
        l.heading(&format!("{title} ({})", rows.len()), 11.0);
        if rows.is_empty() {
            l.para("None.");
            continue;
        }
        l.table(
            &[
                ("Where".into(), 120.0),
                ("Rule".into(), 105.0),
                ("Finding".into(), PAGE_W - 2.0 * MARGIN - 225.0),
            ],
            &rows,
        );
    }
}

fn appendix(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("Appendix A  Evidence index", 16.0);
    if r.evidence.is_empty() {
        l.para("The evidence register is empty.");
    } else {
        let rows: Vec<Vec<Cell>> = r
            .evidence
            .iter()
            .map(|e| {
                let mut where_ = e.location.clone();
                if !e.path.is_empty() {
                    if !where_.is_empty() {
                        where_.push('\n');
                    }
                    where_.push_str(&e.path);
                }
                if !e.sha256.is_empty() {
                    where_.push_str(&format!("\nsha256 {}", e.sha256));
                }
                vec![
                    b(e.id.clone()),
                    c(format!(
                        "{}\n{}, {}{}",
                        e.title,
                        e.kind,
                        e.date,
                        if e.owner.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", e.owner)
                        }
                    )),
                    c(where_),
                    c(e.used_by.join("\n")),
                ]
            })
            .collect();
        l.table(
            &[
                ("Id".into(), 40.0),
                ("Evidence".into(), 185.0),
                ("Where".into(), 120.0),
                ("Used for".into(), PAGE_W - 2.0 * MARGIN - 345.0),
            ],
            &rows,
        );
    }
    l.heading("Appendix B  Traceability", 16.0);
    l.para("This report was produced by capra from the assessment file below. The same file and the same capra version produce the same report, byte for byte.");
    l.space(4.0);
    l.field("Assessment file sha256", &r.data_sha256);
    l.field(
        "Process model",
        &format!("{}\nsha256 {}", r.model, r.model_sha256),
    );
    l.field(
        "Framework",
        &format!("{}\nsha256 {}", r.framework, r.framework_sha256),
    );
    l.field("capra version", &r.capra_version);
}

/// Renders the report as PDF bytes.
pub fn render(r: &Report) -> Result<Vec<u8>, String> {
    let mut l = Layout::new().ok_or("the embedded font could not be read")?;
    cover(&mut l, r);
    scope_and_method(&mut l, r);
    profile(&mut l, r);
    gap_table(&mut l, r);
    process_sections(&mut l, r);
    consistency(&mut l, r);
    appendix(&mut l, r);
    let short: String = r.data_sha256.chars().take(16).collect();
    let trace = format!(
        "capra {} · assessment file sha256 {short}…",
        r.capra_version
    );
    save(
        l,
        &r.title,
        &trace,
        "Process capability assessment report",
        r.date(),
        &format!("{}{}", r.data_sha256, r.capra_version),
    )
}

/// Lays the footers, builds the document with fixed font ids and dates, and writes it with a
/// document id derived from `seed`.
fn save(
    l: Layout,
    title: &str,
    trace: &str,
    subject: &str,
    date: &str,
    seed: &str,
) -> Result<Vec<u8>, String> {
    let regular = l.regular.font.clone();
    let bold = l.bold.font.clone();
    let pages = l.finish(title, trace);

    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = format!("capra {}", super::CAPRA_VERSION);
    doc.metadata.info.producer = "capra".into();
    doc.metadata.info.subject = subject.into();
    // Dated by the assessment (end of data collection, else creation), never by the clock.
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(date, &format)
        && let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(
            d.midnight().assume_utc().unix_timestamp(),
        )
    {
        doc.metadata.info.creation_date = t;
        doc.metadata.info.modification_date = t;
        doc.metadata.info.metadata_date = t;
    }
    // Fixed ids, so that the output is the same every time.
    for (id, font) in [(FONT_REGULAR, &regular), (FONT_BOLD, &bold)] {
        doc.resources
            .fonts
            .map
            .insert(FontId(id.to_string()), printpdf::PdfFont::new(font.clone()));
    }
    doc.with_pages(
        pages
            .into_iter()
            .map(|ops| PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops))
            .collect(),
    );
    let opts = PdfSaveOptions::default();
    let mut warnings = Vec::new();
    let mut lo = printpdf::serialize::to_lopdf_doc(&doc, &opts, &mut warnings);
    // The document id: derived from the data, not random.
    let id = crate::model::sha256_hex(seed.as_bytes());
    let id = lopdf::Object::String(id.as_bytes()[..32].to_vec(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The trend report of `capra compare --pdf`: the assessments compared, levels over time per
/// process as a chart, the summary, and per process the attribute ratings over time.
pub fn render_trend(c: &crate::track::Comparison) -> Result<Vec<u8>, String> {
    use crate::track::Change;
    let mut l = Layout::new().ok_or("the embedded font could not be read")?;
    let n = c.snapshots.len();
    let last = c
        .snapshots
        .last()
        .map(|s| s.date.clone())
        .unwrap_or_default();
    l.y = PAGE_H - 120.0;
    l.para_styled("Capability trend report", 12.0, false, grey(), 0.0);
    l.space(6.0);
    let title = format!(
        "{} assessments of model {}, {} to {}",
        n,
        c.model,
        c.snapshots.first().map(|s| s.date.as_str()).unwrap_or(""),
        last
    );
    l.para_styled(&title, 20.0, true, accent(), 0.0);
    l.space(14.0);
    let rows: Vec<Vec<Cell>> = c
        .snapshots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                Cell {
                    text: (i + 1).to_string(),
                    center: true,
                    fill: Some(shade(i, n)),
                    ..Cell::default()
                },
                c_(s.date.clone()),
                c_(s.title.clone()),
                c_(format!("{}\nmodel {}", s.label, s.model_version)),
            ]
        })
        .collect();
    l.table(
        &[
            ("#".into(), 25.0),
            ("Date".into(), 70.0),
            ("Assessment".into(), 220.0),
            ("File".into(), PAGE_W - 2.0 * MARGIN - 315.0),
        ],
        &rows,
    );
    for note in &c.notes {
        l.space(4.0);
        l.para_styled(note, BODY - 1.0, false, grey(), 0.0);
    }
    l.heading("Summary", 14.0);
    let s = &c.summary;
    let names = |ids: &[String]| -> String {
        if ids.is_empty() {
            "none".into()
        } else {
            ids.iter()
                .map(|id| {
                    c.processes
                        .iter()
                        .find(|p| &p.id == id)
                        .map(|p| format!("{} {}", p.id, p.name))
                        .unwrap_or_else(|| id.clone())
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    l.field("Most improved", &names(&s.most_improved));
    l.field("Reached target", &names(&s.reached_target));
    let concerns: Vec<String> = s
        .areas_of_concern
        .iter()
        .map(|id| format!("{id}: {}", c.concern(id)))
        .collect();
    l.field(
        "Areas of concern",
        &if concerns.is_empty() {
            "none".to_string()
        } else {
            concerns.join("\n")
        },
    );
    l.field(
        "Attributes",
        &format!(
            "{} improved, {} regressed, {} unchanged (first against last assessment)",
            s.attributes_improved, s.attributes_regressed, s.attributes_unchanged
        ),
    );

    // Levels over time: per process, one bar per assessment, the target marked.
    l.new_page();
    l.heading("Capability levels over time", 16.0);
    l.para("Per process, one bar per assessment, oldest at the top, in the shade of its number above; the thick line marks the target of the latest assessment.");
    l.space(8.0);
    let label_w = 200.0;
    let seg = 50.0;
    let bar_h = 6.0;
    let x0 = MARGIN + label_w;
    l.ensure(16.0);
    l.level_scale(x0, seg);
    for p in &c.processes {
        let h = n as f32 * (bar_h + 1.5) + 6.0;
        l.ensure(h);
        let top = l.y;
        let label = format!("{} {}", p.id, p.name);
        let first = l
            .wrap(&label, label_w - 8.0, 7.5, false)
            .into_iter()
            .next()
            .unwrap_or_default();
        l.text(MARGIN, top - 8.0, 7.5, false, black(), &first);
        for (i, lvl) in p.levels.iter().enumerate() {
            let y = top - 2.0 - (i as f32 + 1.0) * (bar_h + 1.5);
            match lvl {
                Some(lvl) => {
                    l.rect(x0, y, 5.0 * seg, bar_h, None, true);
                    if *lvl > 0 {
                        l.rect(x0, y, *lvl as f32 * seg, bar_h, Some(shade(i, n)), false);
                    }
                }
                None => l.text(x0 + 2.0, y + 1.0, 6.0, false, grey(), "not in scope"),
            }
        }
        if let Some(t) = p.targets.iter().flatten().last() {
            let tx = x0 + *t as f32 * seg;
            l.line(
                tx,
                top - 2.0 - n as f32 * (bar_h + 1.5),
                tx,
                top,
                2.0,
                black(),
            );
        }
        let levels: Vec<String> = p
            .levels
            .iter()
            .map(|x| x.map(|v| v.to_string()).unwrap_or_else(|| "-".into()))
            .collect();
        l.text(
            x0 + 5.0 * seg + 8.0,
            top - 8.0,
            7.5,
            p.level_change != 0,
            black(),
            &levels.join(" → "),
        );
        l.y = top - h;
    }

    // Attribute ratings over time.
    l.new_page();
    l.heading("Attribute ratings over time", 16.0);
    l.para("Each cell lists the ratings from oldest to newest; the last column says how the newest compares with the oldest.");
    l.space(4.0);
    let mut rows = Vec::new();
    for p in &c.processes {
        for a in p.attributes.iter().filter(|a| a.change != Change::NotRated) {
            let codes: Vec<String> = a
                .ratings
                .iter()
                .map(|r| {
                    r.map(|r| r.code().to_string())
                        .unwrap_or_else(|| "–".into())
                })
                .collect();
            rows.push(vec![
                c_(format!("{} {}", p.id, a.id)),
                c_(codes.join(" → ")),
                Cell {
                    text: a.change.word().to_string(),
                    bold: matches!(a.change, Change::Improved | Change::Regressed),
                    ..Cell::default()
                },
            ]);
        }
    }
    l.table(
        &[
            ("Process and attribute".into(), 160.0),
            ("Ratings".into(), 200.0),
            ("Change".into(), PAGE_W - 2.0 * MARGIN - 360.0),
        ],
        &rows,
    );
    let trace = format!("capra {} · trend of {n} assessments", super::CAPRA_VERSION);
    let seed: String = c
        .snapshots
        .iter()
        .map(|s| format!("{}{}", s.label, s.date))
        .collect();
    save(
        l,
        "Capability trend report",
        &trace,
        "Capability trend report",
        &last,
        &seed,
    )
}

/// A shade of the accent colour for the i-th of n assessments, lightest first.
fn shade(i: usize, n: usize) -> Color {
    let t = if n <= 1 {
        1.0
    } else {
        i as f32 / (n - 1) as f32
    };
    let (r, g, b) = (31.0, 78.0, 121.0);
    let mix = |c: f32| (255.0 - (255.0 - c) * (0.35 + 0.65 * t)) as u8;
    rgb(mix(r), mix(g), mix(b))
}

fn c_(text: impl Into<String>) -> Cell {
    c(text)
}
