//! What the written document must say of itself to be a conforming PDF, done on the lopdf
//! document printpdf gives: a subset tag derived from each embedded font program, no PDF/X
//! claim the file does not meet, the language of the text, and no empty info entries.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// All the post-processing of this file, in order.
pub(super) fn conform(lo: &mut Document, lang: &str) {
    tag_subsets(lo);
    drop_pdfx_claim(lo);
    drop_empty_info(lo);
    set_lang(lo, lang);
    fix_page_mode(lo);
    // /Lang and marked content with /ActualText are PDF 1.4 and 1.5.
    lo.version = "1.7".into();
}

/// The six letters of a subset's tag: from the digest of its font program, so the same
/// glyphs give the same tag and different subsets of a face (almost surely) different ones.
pub(super) fn subset_tag(program: &[u8]) -> String {
    let hex = crate::hash::sha256_hex(program);
    hex.as_bytes()
        .chunks(2)
        .take(6)
        .map(|pair| {
            let b = std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .unwrap_or(0);
            char::from(b'A' + b % 26)
        })
        .collect()
}

/// The name without a subset tag (`ABCDEF+Name` or printpdf's `F1+Name`: `Name`).
fn untagged(name: &[u8]) -> &[u8] {
    match name.iter().position(|&c| c == b'+') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Gives every embedded Type0 font, its descendant and its descriptor one tagged name.
fn tag_subsets(lo: &mut Document) {
    let fonts: Vec<ObjectId> = lo
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font")
                    && d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0")
            })
        })
        .map(|(id, _)| *id)
        .collect();
    for font in fonts {
        let Some((descriptor, program)) = font_parts(lo, font) else {
            continue;
        };
        let Some(name) = lo
            .get_dictionary(font)
            .and_then(|d| d.get(b"BaseFont"))
            .and_then(Object::as_name)
            .ok()
            .map(|n| untagged(n).to_vec())
        else {
            continue;
        };
        let mut tagged = subset_tag(&program).into_bytes();
        tagged.push(b'+');
        tagged.extend_from_slice(&name);
        let tagged = Object::Name(tagged);
        if let Ok(d) = lo.get_dictionary_mut(descriptor) {
            d.set("FontName", tagged.clone());
        }
        // The descendant: inline in the array (as printpdf writes it) or by reference.
        let mut descendant = None;
        if let Ok(d) = lo.get_dictionary_mut(font) {
            d.set("BaseFont", tagged.clone());
            if let Ok(Object::Array(a)) = d.get_mut(b"DescendantFonts") {
                match a.first_mut() {
                    Some(Object::Dictionary(cid)) => cid.set("BaseFont", tagged.clone()),
                    Some(Object::Reference(r)) => descendant = Some(*r),
                    _ => {}
                }
            }
        }
        if let Some(Ok(cid)) = descendant.map(|r| lo.get_dictionary_mut(r)) {
            cid.set("BaseFont", tagged);
        }
    }
}

/// The FontDescriptor and the embedded program's bytes of a Type0 font.
fn font_parts(lo: &Document, font: ObjectId) -> Option<(ObjectId, Vec<u8>)> {
    let d = lo.get_dictionary(font).ok()?;
    let cid = match d.get(b"DescendantFonts").ok()?.as_array().ok()?.first()? {
        Object::Dictionary(cid) => cid,
        Object::Reference(r) => lo.get_dictionary(*r).ok()?,
        _ => return None,
    };
    let descriptor = cid.get(b"FontDescriptor").ok()?.as_reference().ok()?;
    let dd = lo.get_dictionary(descriptor).ok()?;
    let file = [b"FontFile2".as_slice(), b"FontFile3", b"FontFile"]
        .iter()
        .find_map(|k| dd.get(k).and_then(Object::as_reference).ok())?;
    let stream = lo.get_object(file).and_then(Object::as_stream).ok()?;
    let program = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    Some((descriptor, program))
}

/// The document info dictionary, if the trailer points at one.
fn info_mut(lo: &mut Document) -> Option<&mut Dictionary> {
    let id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .ok()?;
    lo.get_dictionary_mut(id).ok()
}

/// printpdf writes `/GTS_PDFXVersion` (empty) whatever the file is; ours is not PDF/X.
fn drop_pdfx_claim(lo: &mut Document) {
    if let Some(info) = info_mut(lo) {
        info.remove(b"GTS_PDFXVersion");
    }
}

/// Info entries with no text (no author, no keywords, printpdf's empty `/Identifier`) say
/// nothing: they go.
fn drop_empty_info(lo: &mut Document) {
    if let Some(info) = info_mut(lo) {
        let empty: Vec<Vec<u8>> = info
            .iter()
            .filter(|(_, v)| match v {
                Object::String(s, _) => s.is_empty() || s.as_slice() == [0xFE, 0xFF],
                _ => false,
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in empty {
            info.remove(&k);
        }
    }
}

/// The natural language of the text, in the catalog.
fn set_lang(lo: &mut Document, lang: &str) {
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set(
            "Lang",
            Object::String(lang.as_bytes().to_vec(), lopdf::StringFormat::Literal),
        );
    }
}

/// printpdf writes `/PageMode` as a string; it is a name (`/UseOutlines`).
fn fix_page_mode(lo: &mut Document) {
    if let Ok(catalog) = lo.catalog_mut()
        && let Ok(Object::String(mode, _)) = catalog.get(b"PageMode")
    {
        let mode = mode.clone();
        catalog.set("PageMode", Object::Name(mode));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_tag_is_six_capitals_from_the_program() {
        let a = subset_tag(b"glyphs one");
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_uppercase()), "{a}");
        assert_eq!(a, subset_tag(b"glyphs one"));
        assert_ne!(a, subset_tag(b"glyphs two"));
        assert_eq!(untagged(b"F1+DejaVuSans"), b"DejaVuSans");
        assert_eq!(untagged(b"DejaVuSans"), b"DejaVuSans");
    }
}
