//! The PDF document: pages from the layout, metadata dated by the assessment, fixed font ids,
//! a document id derived from the content, and the bytes.

use super::error::PdfError;
use super::face::{FONT_BOLD, FONT_FALLBACK, FONT_REGULAR};
use super::faces::Missing;
use super::layout::{Layout, Marks};
use printpdf::{FontId, PdfDocument, PdfPage, PdfSaveOptions};

/// Lays the footers, builds the document with fixed font ids and dates, and writes it with a
/// document id derived from `seed`; returns the bytes and the characters no face had.
pub(super) fn save(
    l: Layout,
    title: &str,
    trace: &str,
    subject: &str,
    date: &str,
    seed: &str,
    marks: &Marks,
) -> Result<(Vec<u8>, Vec<Missing>), PdfError> {
    let regular = l.faces.regular.font.clone();
    let bold = l.faces.bold.font.clone();
    let fallback = l.faces.fallback.as_ref().map(|f| f.font.clone());
    let bookmarks = l.bookmarks.clone();
    let links = l.links.clone();
    let (pages, missing) = l.finish(title, trace, marks);

    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = format!("capra {}", crate::report::CAPRA_VERSION);
    doc.metadata.info.producer = "capra".into();
    doc.metadata.info.subject = subject.into();
    doc.metadata.info.author = marks.author.clone();
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
    if let Some(font) = fallback {
        doc.resources
            .fonts
            .map
            .insert(FontId(FONT_FALLBACK.into()), printpdf::PdfFont::new(font));
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
    if let Some(image) = marks
        .logo
        .as_deref()
        .and_then(|b| super::image::decode(b).ok())
    {
        place_logo(&mut lo, image);
    }
    super::links::annotate(&mut lo, &links);
    super::conform::conform(&mut lo, "en");
    // The document id: derived from the data, not random.
    let id = crate::model::sha256_hex(seed.as_bytes());
    let id = lopdf::Object::String(id.as_bytes()[..32].to_vec(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)?;
    Ok((bytes, missing))
}

/// Draws the logo at the top left of the first page, at most 160 by 48 points, keeping its
/// proportions.
fn place_logo(lo: &mut lopdf::Document, image: super::image::Image) {
    use lopdf::{Object, Stream};
    let Some(&page_id) = lo.get_pages().get(&1) else {
        return;
    };
    let (w, h) = (image.width as f32, image.height as f32);
    let scale = (160.0 / w).min(48.0 / h);
    let (dw, dh) = (w * scale, h * scale);
    let (x, y) = (50.0, 841.89 - 50.0 - dh);
    let image_id = lo.add_object(Stream::new(image.dict, image.data));
    let draw = format!("q {dw:.2} 0 0 {dh:.2} {x:.2} {y:.2} cm /CapraLogo Do Q\n");
    let draw_id = lo.add_object(Stream::new(lopdf::Dictionary::new(), draw.into_bytes()));
    // The page's resources, inline or by reference.
    let resources = match lo
        .get_object(page_id)
        .and_then(|p| p.as_dict())
        .and_then(|p| p.get(b"Resources"))
    {
        Ok(Object::Reference(r)) => Some(*r),
        _ => None,
    };
    let Ok(page) = lo.get_object_mut(page_id).and_then(|p| p.as_dict_mut()) else {
        return;
    };
    let contents = match page.get(b"Contents") {
        Ok(Object::Reference(r)) => vec![Object::Reference(*r)],
        Ok(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    let mut contents = contents;
    contents.push(Object::Reference(draw_id));
    page.set("Contents", Object::Array(contents));
    let res = match resources {
        Some(r) => lo.get_object_mut(r).and_then(|o| o.as_dict_mut()),
        None => lo
            .get_object_mut(page_id)
            .and_then(|p| p.as_dict_mut())
            .and_then(|p| p.get_mut(b"Resources"))
            .and_then(|o| o.as_dict_mut()),
    };
    if let Ok(res) = res {
        match res.get_mut(b"XObject") {
            Ok(Object::Dictionary(x)) => x.set("CapraLogo", Object::Reference(image_id)),
            _ => {
                let mut x = lopdf::Dictionary::new();
                x.set("CapraLogo", Object::Reference(image_id));
                res.set("XObject", Object::Dictionary(x));
            }
        }
    }
}
