//! The PDF document: pages from the layout, metadata dated by the assessment, fixed font ids,
//! a document id derived from the content, and the bytes.

use super::error::PdfError;
use super::face::{FONT_BOLD, FONT_REGULAR};
use super::layout::{Layout, Marks};
use printpdf::{FontId, PdfDocument, PdfPage, PdfSaveOptions};

/// Lays the footers, builds the document with fixed font ids and dates, and writes it with a
/// document id derived from `seed`.
pub(super) fn save(
    l: Layout,
    title: &str,
    trace: &str,
    subject: &str,
    date: &str,
    seed: &str,
    marks: &Marks,
) -> Result<Vec<u8>, PdfError> {
    let regular = l.regular.font.clone();
    let bold = l.bold.font.clone();
    let bookmarks = l.bookmarks.clone();
    let pages = l.finish(title, trace, marks);

    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = format!("capra {}", crate::report::CAPRA_VERSION);
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
    // The outline: fixed ids, so that the output is the same every time. printpdf orders the
    // entries by page, then by title, and keeps them flat.
    for (i, (name, page)) in bookmarks.iter().enumerate() {
        doc.bookmarks.map.insert(
            printpdf::PageAnnotId(format!("bm{i:05}")),
            printpdf::PageAnnotation {
                name: name.clone(),
                page: *page,
            },
        );
    }
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
    lo.save_to(&mut bytes)?;
    Ok(bytes)
}
