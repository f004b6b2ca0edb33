//! The workbook of a report (`capra report --xlsx PATH`): one sheet per table of the CSV set
//! (the same rows, from [`super::csv::tables`]), typed (levels, gaps and counts as numbers,
//! dates as Excel dates), each with its header row frozen and an autofilter, and a "Heat map"
//! sheet: processes by attributes, the rating code in each cell, shaded by rating.
//!
//! User text is always written as a string, never as a formula: a note that starts with `=`
//! stays the text it is. The workbook is made in memory; the shell writes the bytes.

use super::Report;
use super::csv::{Table, Value, visible};
use crate::rating::Rating;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

/// What the workbook's properties say wrote it (`dc:description`): how capra knows a workbook
/// of its own when asked to replace one.
pub const MARK: &str = "Written by capra";

/// The longest text Excel keeps in a cell.
const MAX_TEXT: usize = 32_767;

/// The widest and narrowest column, in characters.
const WIDTH: (usize, usize) = (8, 60);

/// The name of the heat-map sheet.
pub const HEAT_MAP: &str = "Heat map";

/// The fill of a heat-map cell by rating: from red (N) through amber (P) to green (F), each
/// value its own shade, light enough that the black code reads.
pub fn heat(r: Rating) -> u32 {
    match r {
        Rating::N => 0xEF9A9A,
        Rating::PMinus => 0xFFAB91,
        Rating::P => 0xFFCC80,
        Rating::PPlus => 0xFFE082,
        Rating::LMinus => 0xE6EE9C,
        Rating::L => 0xC5E1A5,
        Rating::LPlus => 0xA5D6A7,
        Rating::F => 0x66BB6A,
    }
}

/// Text for a cell: control characters made visible, cut to what Excel keeps.
fn text(s: &str) -> String {
    let s = visible(s);
    if s.chars().count() <= MAX_TEXT {
        s
    } else {
        s.chars().take(MAX_TEXT - 1).chain(['…']).collect()
    }
}

/// A YYYY-MM-DD date as an Excel date; `None` for anything else.
fn date(s: &str) -> Option<ExcelDateTime> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin)
}

/// Writes one table on its sheet.
fn sheet(ws: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    ws.set_name(table.sheet)?;
    let head = header_format();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.len() + 2).collect();
    for (c, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for (i, r) in table.rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in r.iter().enumerate() {
            let col = c as u16;
            let shown = match v {
                Value::Number(x) => {
                    ws.write_number(row, col, *x)?;
                    v.text().len()
                }
                Value::Date(s) => match date(s) {
                    Some(x) => {
                        ws.write_datetime_with_format(row, col, &x, &day)?;
                        10
                    }
                    None => {
                        if !s.is_empty() {
                            ws.write_string(row, col, text(s))?;
                        }
                        s.chars().count()
                    }
                },
                Value::Text(s) => {
                    if !s.is_empty() {
                        ws.write_string(row, col, text(s))?;
                    }
                    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                }
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown + 1);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(WIDTH.0, WIDTH.1) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = table.header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    Ok(())
}

/// The heat map: a row per process, a column per attribute, the rating code shaded.
fn heat_map(ws: &mut Worksheet, r: &Report) -> Result<(), XlsxError> {
    ws.set_name(HEAT_MAP)?;
    let head = header_format();
    ws.write_string_with_format(0, 0, "process_id", &head)?;
    ws.write_string_with_format(0, 1, "process_name", &head)?;
    ws.set_column_width(0, 12)?;
    let name_w = r
        .processes
        .iter()
        .map(|p| p.name.chars().count() + 1)
        .max()
        .unwrap_or(0);
    ws.set_column_width(1, name_w.clamp(WIDTH.0, WIDTH.1) as f64)?;
    for (c, (id, _)) in r.attribute_ids.iter().enumerate() {
        let col = c as u16 + 2;
        ws.write_string_with_format(
            0,
            col,
            text(id),
            &head.clone().set_align(FormatAlign::Center),
        )?;
        ws.set_column_width(col, 8)?;
    }
    let centred = Format::new()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    for (i, p) in r.processes.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, text(&p.id))?;
        ws.write_string(row, 1, text(&p.name))?;
        for (c, (id, _)) in r.attribute_ids.iter().enumerate() {
            let col = c as u16 + 2;
            let Some(a) = p.attributes.iter().find(|a| &a.id == id) else {
                continue;
            };
            match a.rating {
                Some(x) => ws.write_string_with_format(
                    row,
                    col,
                    x.code(),
                    &centred
                        .clone()
                        .set_bold()
                        .set_background_color(Color::RGB(heat(x))),
                )?,
                None => ws.write_string_with_format(row, col, "–", &centred)?,
            };
        }
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

/// The report's workbook, as the bytes of an `.xlsx` file.
pub fn workbook(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(text(&r.title))
        .set_comment(MARK);
    // The issue date, not the moment of writing, so that the same data gives the same bytes.
    if let Ok(day) = ExcelDateTime::parse_from_str(&r.issue_date) {
        properties = properties.set_creation_datetime(&day);
    }
    wb.set_properties(&properties);
    let tables = super::csv::tables(r);
    for (i, table) in tables.iter().enumerate() {
        sheet(wb.add_worksheet(), table)?;
        if i == 0 {
            heat_map(wb.add_worksheet(), r)?;
        }
    }
    wb.save_to_buffer()
}
