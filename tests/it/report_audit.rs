//! The report for the auditor: where each rating came from (source, review state, confidence,
//! and under R1 the characterisations), read back from the PDF and the CSV.

use crate::util::{EXAMPLE, SMALL, model, parse};

pub fn build(text: &str) -> capra::report::Report {
    let model = model();
    let a = parse(text);
    let profile = capra::profile::score(&model, &a);
    capra::report::build(
        &model,
        &a,
        &profile,
        &capra::model::sha256_hex(text.as_bytes()),
        &capra::report::Options {
            today: "2026-12-01".to_string(),
            ..Default::default()
        },
    )
}

/// The PDF's text with all whitespace runs made single spaces.
pub fn flat_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF a reader can open");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the section of process `id` (from its heading to the next process's).
fn section<'a>(flat: &'a str, r: &capra::report::Report, id: &str) -> &'a str {
    let i = r.processes.iter().position(|p| p.id == id).unwrap();
    let head = format!("{} {}", id, r.processes[i].name);
    // The sections follow the legend of the sources (the profile and heat map name the
    // processes too).
    let base = flat.find("\"Source, review\" says").expect("the legend");
    let start = base
        + flat[base..]
            .find(&head)
            .unwrap_or_else(|| panic!("no section {head}"));
    let end = r
        .processes
        .get(i + 1)
        .and_then(|n| flat[start..].find(&format!("{} {}", n.id, n.name)))
        .map(|e| start + e)
        .unwrap_or(flat.len());
    &flat[start..end]
}

/// SMALL under R1: ISMS.CORE.3's outcomes characterised (O1 F, O2 L for the process), PA1.1
/// rated F over a proposal of L (an override, with its rationale) and flagged for review;
/// ISMS.CORE.8's O1 characterised per instance.
fn small_r1() -> String {
    let text = SMALL
        .replace("rating_method = \"R2\"", "rating_method = \"R1\"")
        .replace(
            "note = \"Risk register complete.\"",
            "note = \"Risk register complete.\"\nreview = \"flagged\"\nrationale = \"The register was completed after the interviews.\"",
        );
    let (head, tail) = text
        .split_once("[[processes]]\nid = \"ISMS.CORE.8\"")
        .unwrap();
    format!(
        "{head}[[processes.characterisations]]\nitem = \"O1\"\nvalue = \"F\"\n\n[[processes.characterisations]]\nitem = \"O2\"\nvalue = \"L\"\n\n[[processes]]\nid = \"ISMS.CORE.8\"{tail}\n"
    )
    .replace(
        "instance = \"Warehouse\"\nrating = \"P\"\n",
        "instance = \"Warehouse\"\nrating = \"P\"\n\n[[processes.characterisations]]\nitem = \"O1\"\ninstance = \"Warehouse\"\nvalue = \"P\"\n\n[[processes.characterisations]]\nitem = \"O1\"\ninstance = \"Head office\"\nvalue = \"F\"\n",
    )
}

#[test]
fn each_rating_says_its_source_review_and_confidence() {
    let r = build(EXAMPLE);
    let flat = flat_text(&capra::report::pdf::render(&r).unwrap());
    let csv = String::from_utf8(capra::report::csv::ratings(&r)).unwrap();
    let mut seen_flagged = false;
    let mut seen_aggregated = false;
    for p in r
        .processes
        .iter()
        .filter(|p| p.standing != capra::report::Standing::NotAssessed)
    {
        let s = section(&flat, &r, &p.id);
        assert!(s.contains("Source, review"), "{}: no source column", p.id);
        for a in p.attributes.iter().chain(&p.instance_rows) {
            if a.rating.is_none() {
                continue;
            }
            // The same words as the CSV's source column.
            assert!(csv.contains(&format!(",{},", a.source)) || a.source.contains(' '));
            assert!(s.contains(a.source), "{} {}: '{}'", p.id, a.id, a.source);
            if !a.confidence.is_empty() {
                assert!(s.contains(&a.confidence), "{} {}", p.id, a.id);
            }
            match a.review.as_str() {
                "flagged" => {
                    seen_flagged = true;
                    assert!(s.contains("flagged for review"), "{} {}", p.id, a.id);
                }
                "reviewed" => assert!(s.contains("reviewed"), "{} {}", p.id, a.id),
                _ => {}
            }
            seen_aggregated |= a.source == "aggregated";
        }
        assert!(
            !s.contains("Characterisations (R1)"),
            "R2: no characterisations"
        );
    }
    assert!(seen_flagged && seen_aggregated, "the example has both");
    // Processes not assessed keep their short section: no ratings table.
    let na = r
        .processes
        .iter()
        .find(|p| p.standing == capra::report::Standing::NotAssessed)
        .expect("the example has processes not assessed");
    let s = section(&flat, &r, &na.id);
    assert!(s.contains("Not assessed: no attribute is rated yet"));
    assert!(!s.contains("Source, review"), "{s}");
}

#[test]
fn under_r1_the_characterisations_are_listed() {
    let text = small_r1();
    let r = build(&text);
    let core3 = &r.processes[0];
    // Two of six outcomes characterised: the proposal is incomplete, so the rating of the
    // process as a whole overrides nothing.
    assert_eq!(core3.attributes[0].source, "direct");
    assert_eq!(core3.attributes[0].review, "flagged");
    let rows: Vec<(String, String, String)> = r
        .processes
        .iter()
        .flat_map(|p| &p.characterisations)
        .map(|c| (c.attribute.clone(), c.instance.clone(), c.values()))
        .collect();
    assert_eq!(
        rows,
        [
            ("PA1.1".into(), "(process)".into(), "O1 F, O2 L".into()),
            ("PA1.1".into(), "Head office".into(), "O1 F".into()),
            ("PA1.1".into(), "Warehouse".into(), "O1 P".into()),
        ]
    );
    let flat = flat_text(&capra::report::pdf::render(&r).unwrap());
    let s = section(&flat, &r, "ISMS.CORE.3");
    for want in [
        "Characterisations (R1)",
        "O1 F, O2 L",
        "direct flagged for review",
        "high",
    ] {
        assert!(s.contains(want), "missing '{want}' in {s}");
    }
    let s = section(&flat, &r, "ISMS.CORE.8");
    assert!(s.contains("Warehouse O1 P"), "{s}");
    assert!(s.contains("Head office O1 F"), "{s}");
    // The CSV's source column says the same.
    let csv = String::from_utf8(capra::report::csv::ratings(&r)).unwrap();
    assert!(csv.contains("ISMS.CORE.3"), "{csv}");
    assert!(!csv.contains("override (assessor's judgement)"), "{csv}");
    // Under R2 the same file lists no characterisations.
    let r2 = build(&text.replace("rating_method = \"R1\"", "rating_method = \"R2\""));
    assert!(r2.processes.iter().all(|p| p.characterisations.is_empty()));
}

/// Whole-word evidence ids ("E-001") in a page's text.
fn evidence_ids(text: &str, ids: &[String]) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| ids.iter().any(|i| i == w))
        .map(String::from)
        .collect()
}

#[test]
fn evidence_ids_link_to_the_appendix_which_prints_each_note() {
    use lopdf::Object;
    let r = build(EXAMPLE);
    let bytes = capra::report::pdf::render(&r).unwrap();
    assert_eq!(
        bytes,
        capra::report::pdf::render(&r).unwrap(),
        "reproducible"
    );
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    let number = |id: lopdf::ObjectId| pages.iter().find(|(_, o)| **o == id).map(|(n, _)| *n);
    let ids: Vec<String> = r.evidence.iter().map(|e| e.id.clone()).collect();
    let appendix = pages
        .keys()
        .copied()
        .find(|n| {
            doc.extract_text(&[*n])
                .unwrap_or_default()
                .contains("Appendix A")
        })
        .expect("the appendix");
    let mut linked = std::collections::BTreeSet::new();
    let mut total = 0;
    for (&n, &page_id) in &pages {
        let page = doc.get_dictionary(page_id).unwrap();
        let annots: Vec<&lopdf::Dictionary> = match page.get(b"Annots") {
            Ok(Object::Array(a)) => a
                .iter()
                .map(|o| doc.dereference(o).unwrap().1.as_dict().unwrap())
                .collect(),
            _ => Vec::new(),
        };
        let text = doc.extract_text(&[n]).unwrap_or_default();
        let printed = evidence_ids(&text, &ids);
        if n >= appendix {
            assert!(annots.is_empty(), "page {n}: the appendix links nowhere");
            continue;
        }
        // One link per evidence id printed on the page.
        assert_eq!(annots.len(), printed.len(), "page {n}: {printed:?}");
        for a in annots {
            assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            let dest = a.get(b"Dest").unwrap().as_array().unwrap();
            let to = number(dest[0].as_reference().unwrap()).unwrap();
            assert!(to >= appendix, "page {n} links to page {to}");
            let top = dest[3].as_float().unwrap();
            let rect: Vec<f32> = a
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap())
                .collect();
            assert!(rect[0] < rect[2] && rect[1] < rect[3] && rect[1] > 50.0);
            assert!(top > 50.0 && top < 842.0);
            linked.insert((to, (top * 10.0) as i64));
            total += 1;
        }
    }
    // Every item used in a rating is linked; the destinations are as many as the items linked.
    assert!(total > 100, "{total} links");
    let used = r.evidence.iter().filter(|e| !e.used_by.is_empty()).count();
    assert!(
        linked.len() >= used,
        "{} destinations, {used} used",
        linked.len()
    );
    // The appendix prints each item's owner and note.
    let tail: Vec<u32> = pages.keys().copied().filter(|n| *n >= appendix).collect();
    let flat: String = doc
        .extract_text(&tail)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for e in &r.evidence {
        if !e.note.is_empty() {
            let start: String = e
                .note
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(flat.contains(&start), "{}: note '{start}'", e.id);
        }
        if !e.owner.is_empty() {
            assert!(flat.contains(&format!("Owner: {}", e.owner)), "{}", e.id);
        }
    }
    assert!(r.evidence.iter().any(|e| !e.note.is_empty()));
}

/// The files of a report folder, sorted (the assessment and its lock aside).
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "a.toml" && !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

#[test]
fn a_final_status_with_open_items_and_no_reason_writes_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Made final by hand in the file, while items are open.
    let bare = crate::util::example_without_report();
    let at = bare.find("\n[[processes]]").unwrap();
    let mut text = bare.clone();
    text.insert_str(at, "\n\n[report]\nstatus = \"final\"\n");
    std::fs::write(d.join("a.toml"), &text).unwrap();
    let out = crate::util::capra(d)
        .args(["report", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "report.status is final, but",
        "item(s) are still open",
        "process(es) not assessed at all",
        "rating(s) flagged for review",
        "consistency warning(s) open",
        "capra set a.toml report.status final --force REASON",
        "capra set a.toml report.status draft",
        "Nothing was written",
    ] {
        assert!(err.contains(want), "missing '{want}' in {err}");
    }
    assert!(listing(d).is_empty(), "wrote {:?}", listing(d));
    // The CSV alone is refused too.
    crate::util::capra(d)
        .args(["report", "a.toml", "--csv", "out"])
        .assert()
        .failure();
    assert!(listing(d).is_empty(), "wrote {:?}", listing(d));

    // With a reason recorded, the report is written and prints who, when and why.
    crate::util::capra(d)
        .args([
            "set",
            "a.toml",
            "report.status",
            "final",
            "--force",
            "The board accepts the open items for the certification planning",
            "--assessor",
            "Jörg Lindemann",
        ])
        .assert()
        .success();
    let saved = std::fs::read_to_string(d.join("a.toml")).unwrap();
    assert!(
        saved.contains("final_override_by = \"Jörg Lindemann\""),
        "{saved}"
    );
    let today = capra::fsio::today();
    assert!(saved.contains(&format!("final_override_date = \"{today}\"")));
    crate::util::capra(d)
        .args(["report", "a.toml", "--pdf", "r.pdf"])
        .assert()
        .success();
    let flat = flat_text(&std::fs::read(d.join("r.pdf")).unwrap());
    let want = format!(
        "The authors' reason (recorded by Jörg Lindemann on {today}): The board accepts the open items for the certification planning"
    );
    assert!(flat.contains(&want), "missing '{want}'");
    assert!(flat.contains("Final, although"));
    // Setting the status again by hand drops the override and who and when with it.
    crate::util::capra(d)
        .args(["set", "a.toml", "report.status", "draft"])
        .assert()
        .success();
    let saved = std::fs::read_to_string(d.join("a.toml")).unwrap();
    assert!(!saved.contains("final_override"), "{saved}");
}

#[test]
fn the_trend_csv_is_long_format_with_stable_headers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("b.toml"), EXAMPLE).unwrap();
    std::fs::write(
        d.join("a.toml"),
        include_str!("../../assessments/northwind-2025.toml"),
    )
    .unwrap();
    let out = crate::util::capra(d)
        .args(["compare", "b.toml", "a.toml", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rd = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "assessment_title",
            "assessment_date",
            "assessment_file",
            "process_id",
            "process_name",
            "measure",
            "attribute",
            "value",
            "value_text",
        ]
    );
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let attrs = model().attributes().count();
    let processes = model().processes.processes.len();
    assert_eq!(rows.len(), 2 * processes * (3 + attrs));
    // Oldest first, whatever the order given.
    assert_eq!(rows[0][1], "2025-11-14");
    assert_eq!(rows[rows.len() - 1][1], "2026-11-27");
    let find = |date: &str, p: &str, m: &str, attr: &str| {
        rows.iter()
            .find(|r| r[1] == date && r[3] == p && r[5] == m && r[6] == attr)
            .unwrap_or_else(|| panic!("no row {date} {p} {m} {attr}"))
            .clone()
    };
    // ISMS.GOV.1 went from level 1 to 2, gap 2 to 1, PA2.1 P to L+.
    assert_eq!(
        find("2025-11-14", "ISMS.GOV.1", "capability_level", "")[7],
        "1"
    );
    assert_eq!(
        find("2026-11-27", "ISMS.GOV.1", "capability_level", "")[7],
        "2"
    );
    assert_eq!(find("2025-11-14", "ISMS.GOV.1", "gap", "")[7], "2");
    assert_eq!(find("2026-11-27", "ISMS.GOV.1", "gap", "")[7], "1");
    let r = find("2026-11-27", "ISMS.GOV.1", "rating", "PA2.1");
    assert_eq!((r[7].as_str(), r[8].as_str()), ("", "L+"));
    assert_eq!(find("2025-11-14", "ISMS.GOV.1", "rating", "PA2.1")[8], "P");
    for r in &rows {
        match r[5].as_str() {
            "capability_level" | "target_level" | "gap" => {
                assert!(r[6].is_empty());
                if r[7].is_empty() {
                    assert!(
                        ["not in scope", "not rated"].contains(&r[8].as_str()),
                        "{r:?}"
                    );
                } else {
                    let v: u8 = r[7].parse().expect("a number");
                    assert!(v <= 5);
                    assert_eq!(r[8], r[7]);
                }
            }
            "rating" => {
                assert!(
                    r[7].is_empty() && !r[6].is_empty() && !r[8].is_empty(),
                    "{r:?}"
                )
            }
            m => panic!("measure {m}"),
        }
    }
}

/// The numbers after `prefix` in `flat`: (part, whole) of each "PREFIX X of Y".
fn part_of(flat: &str, prefix: &str) -> Vec<(usize, usize)> {
    flat.match_indices(prefix)
        .filter_map(|(i, _)| {
            let mut w = flat[i + prefix.len()..].split_whitespace();
            let x = w.next()?.parse().ok()?;
            (w.next()? == "of").then_some(())?;
            let y = w.next()?.parse().ok()?;
            Some((x, y))
        })
        .collect()
}

#[test]
fn coverage_counts_share_their_denominator_and_never_pass_100_percent() {
    let r = build(EXAMPLE);
    let bytes = capra::report::csv::processes(&r);
    let mut rd = csv::Reader::from_reader(bytes.as_slice());
    let head: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let mut wider = 0;
    for rec in rd.records() {
        let rec = rec.unwrap();
        let num = |name: &str| rec[col(name)].parse::<usize>().unwrap();
        let all = num("rated_any_level");
        let id = &rec[col("process_id")];
        assert!(num("rated_with_evidence") <= all, "{id}");
        assert!(
            num("rated_with_two_kinds") <= num("rated_with_evidence"),
            "{id}"
        );
        let confidence: usize = [
            "confidence_high",
            "confidence_medium",
            "confidence_low",
            "confidence_not_given",
        ]
        .iter()
        .map(|c| num(c))
        .sum();
        assert_eq!(confidence, all, "{id}");
        assert!(num("attributes_rated") <= num("attributes_to_rate"), "{id}");
        assert!(num("attributes_rated") <= all, "{id}");
        wider += usize::from(all > num("attributes_rated"));
    }
    assert!(wider > 0, "the example rates attributes above some targets");
    // In the PDF, each "X of Y" of the coverage has X <= Y, on the cover and per process.
    let flat = flat_text(&capra::report::pdf::render(&r).unwrap());
    let pairs: Vec<(usize, usize)> = part_of(&flat, "Evidence behind")
        .into_iter()
        .chain(part_of(&flat, "Evidence:"))
        .collect();
    assert!(pairs.len() > r.assessed().count(), "{pairs:?}");
    assert!(pairs.iter().all(|(x, y)| x <= y), "{pairs:?}");
    assert!(part_of(&flat, "Evidence:").contains(&(r.coverage.with_evidence, r.coverage.rated)));
}

#[test]
fn report_help_names_every_file_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = crate::util::capra(d)
        .args(["report", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    std::fs::write(d.join("a.toml"), EXAMPLE).unwrap();
    crate::util::capra(d)
        .args(["report", "a.toml", "--xlsx", "a.xlsx"])
        .assert()
        .success();
    crate::util::capra(d)
        .args(["report", "a.toml"])
        .assert()
        .success();
    assert!(help.contains("NAME-report.pdf"), "{help}");
    assert!(help.contains("NAME-csv/"), "{help}");
    assert!(help.contains("--xlsx PATH: the workbook"), "{help}");
    assert!(d.join("a-report.pdf").is_file() && d.join("a.xlsx").is_file());
    let mut written: Vec<String> = std::fs::read_dir(d.join("a-csv"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written.len(), capra::report::csv::NAMES.len() + 1);
    for f in &written {
        assert!(
            help.contains(f.as_str()),
            "the help does not name {f}: {help}"
        );
    }
}

#[test]
fn the_workbook_never_replaces_a_file_capra_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.toml"), EXAMPLE).unwrap();
    // A spreadsheet of the user's own under the name asked for: refused, left as it was.
    std::fs::write(d.join("book.xlsx"), b"the user's own workbook").unwrap();
    let out = crate::util::capra(d)
        .args(["report", "a.toml", "--xlsx", "book.xlsx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("capra did not write it"), "{err}");
    assert_eq!(
        std::fs::read(d.join("book.xlsx")).unwrap(),
        b"the user's own workbook"
    );
    // The assessment itself is never a target.
    crate::util::capra(d)
        .args(["report", "a.toml", "--xlsx", "a.toml"])
        .assert()
        .failure();
    assert_eq!(std::fs::read_to_string(d.join("a.toml")).unwrap(), EXAMPLE);
    // --force replaces it; then it is capra's own, and a second run replaces it without.
    crate::util::capra(d)
        .args(["report", "a.toml", "--xlsx", "book.xlsx", "--force"])
        .assert()
        .success();
    let first = std::fs::read(d.join("book.xlsx")).unwrap();
    assert!(first.starts_with(b"PK"), "a zip file");
    crate::util::capra(d)
        .args(["report", "a.toml", "--xlsx", "book.xlsx"])
        .assert()
        .success();
}
