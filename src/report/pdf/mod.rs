//! The PDF reports, drawn with printpdf and a small layout engine of our own: text measured with
//! the embedded font's advance widths, word wrap, tables with wrapped cells whose header is
//! repeated on every page they run onto, page breaks, and charts drawn from rectangles and lines.
//!
//! The font is DejaVu Sans (regular and bold), embedded and subset, so names in any European
//! script print as written; the characters it lacks are set in a second font the shell reads
//! (`Report::font`), and a character no font has prints as its code point (`<U+E000>`).
//! The output is reproducible: the same report gives the same bytes (fixed font ids, no dates,
//! and a document id derived from the content).
//!
//! This file only declares the parts and re-exports the entry points. The parts depend one way:
//! `error`, `style` and `face` on nothing here; `layout` on those three and `links`; `conform` on
//! nothing here; `document` on `layout` and `conform`;
//! and the documents, `assessment`, `trend` and `minutes`, on the engine.

mod assessment;
mod bidi;
mod conform;
mod document;
mod error;
mod face;
mod faces;
pub mod image;
mod layout;
mod links;
mod minutes;
mod style;
mod trend;

pub use assessment::{Rendered, render, render_checked};
pub use error::PdfError;
pub use faces::Missing;
pub use minutes::render_minutes;
pub use trend::render_trend;

/// How many of `chars` the face at `index` of the font file `bytes` has; `None` when it is not
/// a font capra can read.
pub fn font_covers(bytes: &[u8], index: usize, chars: &[char]) -> Option<usize> {
    let face = face::Face::load(bytes, index)?;
    Some(chars.iter().filter(|&&c| face.has(c)).count())
}
