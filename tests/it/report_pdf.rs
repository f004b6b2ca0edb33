//! The PDF as a conforming file, read back with lopdf: subset tags on the embedded fonts, no
//! PDF/X claim, the language, the title and the author.

use crate::util::{EXAMPLE, model, parse};
use lopdf::{Document, Object};
use predicates::prelude::PredicateBooleanExt;

/// The report of `text` made on 2026-12-01, with `options` changed by `set`.
fn report_with(text: &str, set: impl FnOnce(&mut capra::report::Options)) -> capra::report::Report {
    let model = model();
    let a = parse(text);
    let profile = capra::profile::score(&model, &a);
    let mut options = capra::report::Options {
        font: None,
        today: "2026-12-01".into(),
        include_notes: false,
        logo: None,
        previous: None,
    };
    set(&mut options);
    capra::report::build(
        &model,
        &a,
        &profile,
        &capra::model::sha256_hex(text.as_bytes()),
        &options,
    )
}

fn render(r: &capra::report::Report) -> Document {
    let bytes = capra::report::pdf::render(r).expect("the report renders");
    Document::load_mem(&bytes).expect("a PDF a reader can open")
}

/// A name as text.
fn name(o: &Object) -> String {
    String::from_utf8_lossy(o.as_name().expect("a name")).into_owned()
}

/// A text string of the info dictionary (UTF-16 with its mark, or PDFDocEncoding as ASCII).
fn info_text(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let s = doc
        .get_dictionary(info)
        .ok()?
        .get(key)
        .ok()?
        .as_str()
        .ok()?;
    Some(match s.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => String::from_utf16_lossy(
            &u.chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(s).into_owned(),
    })
}

/// Every Type0 font: its /BaseFont, its descendant's and its descriptor's /FontName.
fn font_names(doc: &Document) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for o in doc.objects.values() {
        let Ok(d) = o.as_dict() else { continue };
        if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        let base = name(d.get(b"BaseFont").unwrap());
        let cid = match &d.get(b"DescendantFonts").unwrap().as_array().unwrap()[0] {
            Object::Dictionary(c) => c.clone(),
            Object::Reference(r) => doc.get_dictionary(*r).unwrap().clone(),
            other => panic!("descendant {other:?}"),
        };
        let desc = cid.get(b"FontDescriptor").unwrap().as_reference().unwrap();
        let font_name = name(doc.get_dictionary(desc).unwrap().get(b"FontName").unwrap());
        out.push((base, name(cid.get(b"BaseFont").unwrap()), font_name));
    }
    out.sort();
    out
}

/// Six upper-case letters, a plus, a name.
fn is_subset_tag(name: &str) -> bool {
    let (tag, rest) = name.split_at(name.find('+').unwrap_or(0));
    tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) && rest.len() > 1
}

#[test]
fn embedded_fonts_carry_a_subset_tag_derived_from_their_glyphs() {
    let doc = render(&report_with(EXAMPLE, |_| {}));
    let fonts = font_names(&doc);
    assert_eq!(fonts.len(), 2, "{fonts:?}");
    for (base, cid, descriptor) in &fonts {
        assert!(is_subset_tag(base), "{base}");
        assert_eq!(base, cid);
        assert_eq!(base, descriptor);
    }
    assert!(fonts.iter().any(|f| f.0.ends_with("+DejaVuSans")));
    assert!(fonts.iter().any(|f| f.0.ends_with("+DejaVuSans-Bold")));
    assert_ne!(fonts[0].0[..6], fonts[1].0[..6]);
    // Other text, other glyphs, another subset and another tag; the same text, the same tag.
    let other = EXAMPLE.replacen("note = \"", "note = \"Ωμέγα Жук ", 1);
    let notes = |o: &mut capra::report::Options| o.include_notes = true;
    let again = font_names(&render(&report_with(&other, notes)));
    assert_eq!(again, font_names(&render(&report_with(&other, notes))));
    let regular = |f: &[(String, String, String)]| {
        f.iter()
            .find(|f| f.0.ends_with("+DejaVuSans"))
            .map(|f| f.0.clone())
    };
    assert_ne!(regular(&again), regular(&fonts));
}

#[test]
fn the_pdf_claims_no_pdfx_and_says_its_language_title_and_author() {
    let report = report_with(&crate::util::example_without_report(), |_| {});
    let doc = render(&report);
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "{info:?}");
    assert!(doc.catalog().unwrap().get(b"OutputIntents").is_err());
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"en");
    assert_eq!(
        info_text(&doc, b"Title").as_deref(),
        Some(report.title.as_str())
    );
    // No one prepared it, no consultancy: the lead assessor.
    assert_eq!(
        info_text(&doc, b"Author").as_deref(),
        Some("Élodie Marchand")
    );
    let mut r = report.clone();
    r.settings.consultancy = "Acme Audit".into();
    assert_eq!(
        info_text(&render(&r), b"Author").as_deref(),
        Some("Acme Audit")
    );
    r.settings.prepared_by = "Jan Novák".into();
    assert_eq!(
        info_text(&render(&r), b"Author").as_deref(),
        Some("Jan Novák")
    );
    // The outline is a name-moded, counted list of entries.
    let catalog = doc.catalog().unwrap();
    assert_eq!(name(catalog.get(b"PageMode").unwrap()), "UseOutlines");
    let outlines = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
    let count = doc.get_dictionary(outlines).unwrap().get(b"Count").unwrap();
    assert!(count.as_i64().unwrap() > 5);
}

/// The CJK font CI installs (`fonts-wqy-microhei`, see .ci/run).
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// The example with `note` before the first rating note, in a temporary folder as a.toml.
fn example_with_note(note: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = EXAMPLE.replacen("note = \"", &format!("note = \"{note} "), 1);
    let file = dir.path().join("a.toml");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

/// The text of the PDF, whitespace made single spaces.
fn flat_text(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let t = doc.extract_text(&pages).unwrap_or_default();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_cjk_sentence_prints_in_the_font_report_font_names() {
    assert!(
        std::path::Path::new(CJK_FONT).is_file(),
        "this test needs {CJK_FONT}: apt-get install fonts-wqy-microhei (as .ci/run does)"
    );
    let (dir, file) = example_with_note("评估报告使用中文字体。");
    crate::util::capra(dir.path())
        .args(["set", "a.toml", "report.font", CJK_FONT])
        .assert()
        .success();
    let out = crate::util::capra(dir.path())
        .env(capra::fonts::NO_SYSTEM_FONTS, "1")
        .args(["report", "a.toml", "--include-notes", "--pdf", "a.pdf"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("code point"), "{stderr}");
    let bytes = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert!(flat_text(&bytes).contains("评估报告使用中文字体。"));
    let doc = Document::load_mem(&bytes).unwrap();
    let fonts = font_names(&doc);
    assert_eq!(fonts.len(), 3, "{fonts:?}");
    let cjk = fonts
        .iter()
        .find(|f| f.0.contains("WenQuanYi"))
        .expect("the CJK font is embedded");
    assert!(is_subset_tag(&cjk.0), "{cjk:?}");
    // The same file, the same bytes.
    crate::util::capra(dir.path())
        .env(capra::fonts::NO_SYSTEM_FONTS, "1")
        .args(["report", "a.toml", "--include-notes", "--pdf", "b.pdf"])
        .assert()
        .success();
    assert_eq!(bytes, std::fs::read(dir.path().join("b.pdf")).unwrap());
    // The CJK subset costs little: against the same report with the sentence in Latin letters
    // (notes and all, so bigger than the sponsor's report), at most 30 KB more.
    let (plain_dir, _plain) = example_with_note("Pinggu baogao shiyong zhongwen ziti.");
    crate::util::capra(plain_dir.path())
        .env(capra::fonts::NO_SYSTEM_FONTS, "1")
        .args(["report", "a.toml", "--include-notes", "--pdf", "a.pdf"])
        .assert()
        .success();
    let plain = std::fs::read(plain_dir.path().join("a.pdf")).unwrap();
    assert!(
        bytes.len() < plain.len() + 30 * 1024,
        "{} bytes with the CJK font, {} without",
        bytes.len(),
        plain.len()
    );
    drop(file);
}

#[test]
fn a_character_no_font_has_shows_its_code_point_and_is_warned_of() {
    let (dir, _file) = example_with_note("Marked \u{E000} here.");
    let out = crate::util::capra(dir.path())
        .env(capra::fonts::NO_SYSTEM_FONTS, "1")
        .args(["report", "a.toml", "--include-notes", "--pdf", "a.pdf"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for part in ["U+E000", "ISMS.GOV.1", "capra set a.toml report.font PATH"] {
        assert!(stderr.contains(part), "{part} in {stderr}");
    }
    let bytes = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let text = flat_text(&bytes);
    assert!(text.contains("Marked <U+E000> here."), "{text}");
    assert!(!text.contains('\u{FFFD}'));
}

#[test]
fn a_font_setting_capra_cannot_use_is_an_error_naming_file_and_setting() {
    let (dir, _file) = example_with_note("x");
    std::fs::write(dir.path().join("bad.ttf"), "not a font").unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    for (value, why) in [
        ("missing.ttf", "missing.ttf"),
        ("bad.ttf", "not a font capra can read"),
        ("empty", "no .ttf, .otf or .ttc file"),
    ] {
        crate::util::capra(dir.path())
            .args(["set", "a.toml", "report.font", value])
            .assert()
            .success();
        let out = crate::util::capra(dir.path())
            .args(["report", "a.toml", "--pdf", "a.pdf"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{value}");
        assert!(stderr.contains("report.font"), "{stderr}");
        assert!(stderr.contains(value), "{stderr}");
        assert!(stderr.contains(why), "{stderr}");
        assert!(!dir.path().join("a.pdf").exists());
    }
}

#[test]
fn hebrew_and_arabic_read_back_in_logical_order() {
    let (dir, _file) = example_with_note("השיטה נבדקה היטב.\\nالسلام عليكم يا صديقي.\\n");
    crate::util::capra(dir.path())
        .env(capra::fonts::NO_SYSTEM_FONTS, "1")
        .args(["report", "a.toml", "--include-notes", "--pdf", "a.pdf"])
        .assert()
        .success()
        .stderr(predicates::str::contains("code point").not());
    let pdf = dir.path().join("a.pdf");
    // Drawn in visual order: a reader that takes the glyphs as they come (lopdf) sees the
    // Hebrew reversed.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(flat_text(&bytes).contains("בטיה הקדבנ הטישה"));
    // A reader that orders text by position, as viewers do (poppler's pdftotext), gives the
    // logical order: the Hebrew as written, the Arabic in its contextual forms (alef, lam,
    // seen, lam-alef, meem; ain, lam, yeh, kaf, meem), also as written.
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("this test needs pdftotext: apt-get install poppler-utils (as .ci/run does)");
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
        .collect();
    assert!(text.contains("השיטה נבדקה היטב"), "{text}");
    let arabic =
        "\u{FE8D}\u{FEDF}\u{FEB4}\u{FEFC}\u{FEE1} \u{FECB}\u{FEE0}\u{FEF4}\u{FEDC}\u{FEE2}";
    assert!(text.contains(arabic), "{text}");
}
