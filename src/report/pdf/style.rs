//! The page and its colours: A4 geometry, margins, body text size and line height, and the
//! palette every document uses.

use printpdf::{Color, Rgb};

pub(super) const PAGE_W: f32 = 595.28;
pub(super) const PAGE_H: f32 = 841.89;
pub(super) const MARGIN: f32 = 50.0;
pub(super) const BOTTOM: f32 = 60.0;
pub(super) const BODY: f32 = 9.0;
pub(super) const LINE: f32 = 1.3;

pub(super) fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb {
        r: r as f32 / 255.0,
        g: g as f32 / 255.0,
        b: b as f32 / 255.0,
        icc_profile: None,
    })
}

pub(super) fn black() -> Color {
    rgb(0, 0, 0)
}

pub(super) fn grey() -> Color {
    rgb(100, 100, 100)
}

pub(super) fn accent() -> Color {
    rgb(31, 78, 121)
}
