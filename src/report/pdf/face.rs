//! A face of an embedded font: parsed once, glyph coverage and advance widths looked up once
//! per character, and the fixed ids they have in the document.

use printpdf::ParsedFont;

/// The ids the two faces have in every document, fixed so that the output is the same every time.
pub(super) const FONT_REGULAR: &str = "F1";
pub(super) const FONT_BOLD: &str = "F2";
/// The id of the fallback face (for the characters DejaVu lacks), when there is one.
pub(super) const FONT_FALLBACK: &str = "F3";

/// The two faces, parsed once for measuring.
pub(super) struct Face {
    pub(super) font: ParsedFont,
    units: f32,
    /// Per character: whether the font has it, and its advance in ems (looked up once).
    cache: std::cell::RefCell<std::collections::HashMap<char, (bool, f32)>>,
}

impl Face {
    pub(super) fn load(bytes: &[u8], index: usize) -> Option<Face> {
        let font = ParsedFont::from_bytes(bytes, index, &mut Vec::new())?;
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

    pub(super) fn has(&self, c: char) -> bool {
        self.glyph(c).0
    }

    pub(super) fn advance(&self, c: char) -> f32 {
        self.glyph(c).1
    }
}
