//! The workbook (`capra report --xlsx`), opened as the zip file it is: a sheet per CSV table
//! and the heat map, numbers stored as numbers, user text that looks like a formula stored as
//! text, the header rows frozen; capra replaces its own workbook and refuses another file.

use crate::util::{EXAMPLE, capra};
use std::fs;
use std::io::Read;
use std::path::Path;

/// The text of one entry of the workbook.
fn entry(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The example with its first finding's text starting with `=`, written as a workbook only.
fn workbook() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = EXAMPLE.replacen(
        "text = \"The scope statement covers",
        "text = \"=1+2 The scope statement covers",
        1,
    );
    assert_ne!(text, EXAMPLE);
    fs::write(dir.path().join("a.toml"), text).unwrap();
    capra(dir.path())
        .args(["report", "a.toml", "--xlsx", "out/a.xlsx"])
        .assert()
        .success();
    assert!(
        !dir.path().join("a-report.pdf").exists(),
        "--xlsx alone writes no PDF"
    );
    assert!(
        !dir.path().join("a-csv").exists(),
        "--xlsx alone writes no CSV"
    );
    let path = dir.path().join("out/a.xlsx");
    (dir, path)
}

#[test]
fn the_workbook_has_a_typed_sheet_per_table_and_a_heat_map() {
    let (_dir, path) = workbook();
    let book = entry(&path, "xl/workbook.xml");
    let names: Vec<&str> = book
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Processes",
            "Heat map",
            "Ratings",
            "Evidence",
            "Warnings",
            "Findings",
            "Actions",
            "Evidence links",
            "Clauses",
            "Controls"
        ]
    );
    // Processes: F2 is the first process's target level (after the stamp, the id, the name
    // and the category), a number, not a string; B2 the assessment's date, an Excel date (a
    // serial number); C2 the process id, a shared string.
    let processes = entry(&path, "xl/worksheets/sheet1.xml");
    let cell = |r: &str| -> String {
        let c = processes.split(&format!("<c r=\"{r}\"")).nth(1).unwrap();
        c[..c.find("</c>").unwrap()].to_string()
    };
    for r in ["F2", "B2"] {
        let c = cell(r);
        assert!(!c.contains("t=\""), "{r} is a number: {c}");
        assert!(c.contains("<v>"), "{r}: {c}");
    }
    assert!(cell("C2").contains("t=\"s\""));
    // Header rows frozen, an autofilter on every table sheet.
    for i in [1, 3, 4, 5, 6, 7, 8, 9, 10] {
        let sheet = entry(&path, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(
            sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""),
            "sheet {i}"
        );
        assert!(sheet.contains("<autoFilter ref=\"A1:"), "sheet {i}");
        assert!(!sheet.contains("<f>"), "sheet {i} holds no formula");
    }
    // The heat map: rating codes, shaded.
    let heat = entry(&path, "xl/worksheets/sheet2.xml");
    assert!(heat.contains("state=\"frozen\""));
    let styles = entry(&path, "xl/styles.xml");
    assert!(styles.contains("FF66BB6A"), "F's green is a fill");
    assert!(styles.contains("FFEF9A9A"), "N's red is a fill");
}

#[test]
fn text_that_looks_like_a_formula_is_stored_as_text() {
    let (_dir, path) = workbook();
    let strings = entry(&path, "xl/sharedStrings.xml");
    assert!(strings.contains(">=1+2 The scope statement covers"));
    let findings = entry(&path, "xl/worksheets/sheet6.xml");
    assert!(!findings.contains("<f>"));
}

#[test]
fn capra_replaces_its_own_workbook_and_refuses_another_file() {
    let (dir, path) = workbook();
    capra(dir.path())
        .args(["report", "a.toml", "--xlsx", "out/a.xlsx"])
        .assert()
        .success();
    fs::write(dir.path().join("mine.xlsx"), b"PK\x03\x04 not capra's").unwrap();
    capra(dir.path())
        .args(["report", "a.toml", "--xlsx", "mine.xlsx"])
        .assert()
        .failure();
    assert_eq!(
        fs::read(dir.path().join("mine.xlsx")).unwrap(),
        b"PK\x03\x04 not capra's"
    );
    assert!(path.exists());
}

/// The same data gives the same workbook, byte for byte: the document's creation date is the
/// report's issue date, not the moment it is written.
#[test]
fn the_workbook_is_reproducible() {
    let (dir, first) = workbook();
    // Written at least a second later, so that a clock in the file would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    capra(dir.path())
        .args(["report", "a.toml", "--xlsx", "out/b.xlsx"])
        .assert()
        .success();
    let second = dir.path().join("out/b.xlsx");
    assert_eq!(fs::read(&first).unwrap(), fs::read(&second).unwrap());
}
