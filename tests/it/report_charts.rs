//! The charts and layout rules of the assessment report, read back from the PDF: the profile's
//! colours and words, the heat map's shades and codes, the trend's marks, the roadmap's order,
//! and how tables, the cover and the pages' margins hold together.

use crate::util::{EXAMPLE, model, parse};
use capra::report::{Report, Standing};

/// The report for the sponsor of the assessment file `text`, made on 2026-12-01.
fn build(text: &str) -> Report {
    let model = model();
    let a = parse(text);
    let profile = capra::profile::score(&model, &a);
    capra::report::build(
        &model,
        &a,
        &profile,
        "0123456789abcdef",
        &capra::report::Options {
            today: "2026-12-01".into(),
            include_notes: false,
            logo: None,
            previous: None,
            font: None,
        },
    )
}

/// The text of each page, its whitespace collapsed to single spaces.
fn pages(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF a reader can open");
    doc.get_pages()
        .keys()
        .map(|n| {
            let t = doc.extract_text(&[*n]).unwrap_or_default();
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The fill colours set on page `index` (from 0), as 0-255 values.
fn fills(bytes: &[u8], index: usize) -> Vec<(u8, u8, u8)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let id = *doc.get_pages().values().nth(index).unwrap();
    let content = doc.get_and_decode_page_content(id).unwrap();
    content
        .operations
        .iter()
        .filter(|op| op.operator == "rg")
        .map(|op| {
            let v: Vec<u8> = op
                .operands
                .iter()
                .map(|o| (o.as_float().unwrap() * 255.0).round() as u8)
                .collect();
            (v[0], v[1], v[2])
        })
        .collect()
}

/// The index of the first page whose text contains `s`.
fn page_with(pages: &[String], s: &str) -> usize {
    pages
        .iter()
        .position(|p| p.contains(s))
        .unwrap_or_else(|| panic!("no page has '{s}'"))
}

#[test]
fn the_profile_tells_below_at_and_above_apart_in_colour_and_words() {
    // ISMS.GOV.2 is at level 2; with target 1 it is above its target.
    let text = EXAMPLE.replacen(
        "id = \"ISMS.GOV.2\"\ntarget = 2",
        "id = \"ISMS.GOV.2\"\ntarget = 1",
        1,
    );
    let report = build(&text);
    let bytes = capra::report::pdf::render(&report).unwrap();
    let pages = pages(&bytes);
    let i = page_with(&pages, "2 Capability profile");
    let page = &pages[i];
    for legend in ["below target", "at target", "above target", "not reached"] {
        assert!(page.contains(legend), "legend '{legend}'");
    }
    let mut seen = [0; 4];
    for p in &report.processes {
        // The full name, wrapped over lines, never cut.
        let name = format!("{} {}", p.id, p.name);
        assert!(page.contains(&name), "'{name}' on the profile page");
        let (k, words) = match p.standing {
            Standing::Below => (
                0,
                format!("{}/{} below target by {}", p.level, p.target, p.gap),
            ),
            Standing::At => (1, format!("{}/{} at target", p.level, p.target)),
            Standing::Above => (
                2,
                format!(
                    "{}/{} above target by {}",
                    p.level,
                    p.target,
                    p.level - p.target
                ),
            ),
            Standing::NotAssessed => (3, format!("–/{} not assessed", p.target)),
        };
        seen[k] += 1;
        assert!(
            page.contains(&format!("{name} {words}")),
            "'{name} {words}'"
        );
    }
    assert!(
        seen.iter().all(|n| *n > 0),
        "every standing shown: {seen:?}"
    );
    // The chart, up to the heat map's heading (the footer shortens the data's hash with "…").
    let chart = page.split("Attribute ratings").next().unwrap();
    assert!(!chart.contains('…'), "no name is cut: {chart}");
    let fills = fills(&bytes, i);
    for colour in [(198, 40, 40), (46, 125, 50), (31, 78, 121)] {
        assert!(fills.contains(&colour), "bars filled with {colour:?}");
    }
}

/// The heat map's shades, N to F, then not rated.
const SHADES: [(&str, (u8, u8, u8)); 9] = [
    ("N", (211, 90, 90)),
    ("P-", (228, 120, 100)),
    ("P", (240, 150, 95)),
    ("P+", (245, 180, 100)),
    ("L-", (230, 205, 110)),
    ("L", (205, 228, 150)),
    ("L+", (200, 238, 185)),
    ("F", (215, 245, 210)),
    ("–", (255, 255, 255)),
];

#[test]
fn the_heat_map_has_a_shade_per_refined_rating_a_legend_and_the_codes() {
    let model = model();
    let mut a = parse(EXAMPLE);
    for (attr, r) in [
        ("PA3.1", "P-"),
        ("PA3.2", "P+"),
        ("PA4.1", "L-"),
        ("PA4.2", "L+"),
    ] {
        capra::assessment::change::apply(
            &mut a,
            &model,
            crate::util::rate("ISMS.GOV.2", attr, None, r),
        )
        .unwrap();
    }
    let profile = capra::profile::score(&model, &a);
    let report = capra::report::build(
        &model,
        &a,
        &profile,
        "0123456789abcdef",
        &capra::report::Options {
            today: "2026-12-01".into(),
            include_notes: false,
            logo: None,
            previous: None,
            font: None,
        },
    );
    let bytes = capra::report::pdf::render(&report).unwrap();
    let pages = pages(&bytes);
    let i = page_with(&pages, "Attribute ratings");
    let page = &pages[i];
    // The legend names every shade, and the cells print the codes.
    for words in [
        "N not achieved",
        "P- partly, low",
        "P partly",
        "P+ partly, high",
        "L- largely, low",
        "L largely",
        "L+ largely, high",
        "F fully achieved",
        "– not rated",
    ] {
        assert!(page.contains(words), "legend '{words}'");
    }
    let gov2 = report
        .processes
        .iter()
        .find(|p| p.id == "ISMS.GOV.2")
        .unwrap();
    let codes: Vec<&str> = gov2
        .attributes
        .iter()
        .map(|a| a.rating.map_or("–", |r| r.code()))
        .collect();
    assert!(codes.contains(&"P-") && codes.contains(&"L+"), "{codes:?}");
    assert!(
        page.contains(&format!("ISMS.GOV.2 {} {}", gov2.name, codes.join(" "))),
        "the codes of ISMS.GOV.2 in its cells: {codes:?}"
    );
    // Every shade is on the page, all of them different, and each lighter than the one before.
    let fills = fills(&bytes, i);
    for (code, colour) in SHADES {
        assert!(fills.contains(&colour), "the shade of {code}: {colour:?}");
    }
    let grey = |(r, g, b): (u8, u8, u8)| 0.299 * r as f32 + 0.587 * g as f32 + 0.114 * b as f32;
    for w in SHADES.windows(2) {
        assert!(
            grey(w[1].1) >= grey(w[0].1) + 8.0,
            "{} is visibly lighter than {}",
            w[1].0,
            w[0].0
        );
    }
}

/// The mark and word a level's move gets: ▲ +1, ▼ −1, = unchanged, new.
fn movement(then: Option<u8>, now: Option<u8>) -> String {
    match (then, now) {
        (Some(t), Some(n)) if n > t => format!("▲ +{}", n - t),
        (Some(t), Some(n)) if n < t => format!("▼ −{}", t - n),
        (Some(_), Some(_)) => "= unchanged".into(),
        (None, Some(_)) => "new".into(),
        (Some(_), None) => "no longer assessed".into(),
        (None, None) => "–".into(),
    }
}

#[test]
fn the_trend_tells_rise_and_fall_apart_by_mark_and_number() {
    let model = model();
    let a = parse(EXAMPLE);
    let prev = parse(include_str!("../../assessments/northwind-2025.toml"));
    let profile = capra::profile::score(&model, &a);
    let previous = capra::report::previous::Previous::of(&model, &prev);
    let report = capra::report::build(
        &model,
        &a,
        &profile,
        "0123456789abcdef",
        &capra::report::Options {
            today: "2026-12-01".into(),
            include_notes: false,
            logo: None,
            previous: Some(previous.clone()),
            font: None,
        },
    );
    let bytes = capra::report::pdf::render(&report).unwrap();
    let text = pages(&bytes).join(" ");
    let mut kinds = std::collections::BTreeSet::new();
    for p in &report.processes {
        let then = previous.level(&p.id);
        let now = (p.standing != Standing::NotAssessed).then_some(p.level);
        let mark = movement(then, now);
        kinds.insert(mark.chars().next().unwrap());
        let show = |x: Option<u8>| x.map_or("not assessed".to_string(), |v| v.to_string());
        let row = format!("{} {} {} {} {mark}", p.id, p.name, show(then), show(now));
        assert!(text.contains(&row), "trend row '{row}'");
    }
    // The example has rises and unchanged levels at least.
    assert!(kinds.contains(&'▲') && kinds.contains(&'='), "{kinds:?}");

    // The trend report of `capra compare --pdf`: the same marks beside the bars.
    let items = [
        ("2025.toml".to_string(), &prev),
        ("2026.toml".to_string(), &a),
    ];
    let cmp = capra::track::compare(&model, &items).unwrap();
    let trend = pages(&capra::report::pdf::render_trend(&cmp).unwrap()).join(" ");
    let mut rose = 0;
    for p in &cmp.processes {
        let (first, last) = (p.levels[0], p.levels[1]);
        let levels: Vec<String> = p
            .levels
            .iter()
            .map(|x| x.map_or("-".to_string(), |v| v.to_string()))
            .collect();
        let shown = format!(
            "{} {} {} {}",
            p.id,
            p.name,
            levels.join(" → "),
            movement(first, last)
        );
        assert!(trend.contains(&shown), "trend chart '{shown}'");
        rose += usize::from(matches!((first, last), (Some(f), Some(l)) if l > f));
    }
    assert!(rose > 0);
    assert!(trend.contains("▲ improved") && trend.contains("▼ regressed"));
}

/// Actions for the roadmap: A-001 and A-004 are quick wins (open, small, high or medium);
/// A-002 is small but low priority, A-003 high but large, A-005 small and high but done, A-006
/// small and medium with no due date.
const ACTIONS: &str = r#"
[[actions]]
id = "A-001"
title = "Name an owner for every asset"
due = "2027-02-28"
priority = "medium"
effort = "small"
status = "agreed"

[[actions]]
id = "A-002"
title = "Tidy the policy folder"
due = "2027-01-15"
priority = "low"
effort = "small"
status = "proposed"

[[actions]]
id = "A-003"
title = "Replace the SIEM"
due = "2027-01-31"
priority = "high"
effort = "large"
status = "in-progress"

[[actions]]
id = "A-004"
title = "Book the yearly risk workshop"
due = "2027-01-31"
priority = "high"
effort = "small"
status = "proposed"

[[actions]]
id = "A-005"
title = "Publish the incident contact list"
due = "2026-10-31"
priority = "high"
effort = "small"
status = "done"

[[actions]]
id = "A-006"
title = "Add the supplier list to the register"
priority = "medium"
effort = "small"
status = "proposed"
"#;

#[test]
fn the_roadmap_puts_quick_wins_first_then_the_rest_by_priority_and_due_date() {
    let base = EXAMPLE.split("\n[[findings]]").next().unwrap();
    let report = build(&format!("{base}{ACTIONS}"));
    let quick: Vec<&str> = report
        .plan
        .iter()
        .filter(|x| x.is_quick_win())
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(quick, ["A-004", "A-001", "A-006"]);
    let text = pages(&capra::report::pdf::render(&report).unwrap()).join(" ");
    assert!(
        text.contains("Quick wins come first: open actions (proposed, agreed or in progress) of small effort and of high or medium priority"),
        "the definition is said"
    );
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("'{s}' in the plan"));
    // The quick wins' table, then the other actions', each in its order.
    let order = [
        "Quick wins (3)",
        "A-004 Book the yearly risk workshop",
        "A-001 Name an owner for every asset",
        "A-006 Add the supplier list",
        "Other actions (3)",
        "A-003 Replace the SIEM",
        "A-002 Tidy the policy folder",
        "A-005 Publish the incident contact list",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "'{}' before '{}'", w[0], w[1]);
    }
}

#[test]
fn the_cover_is_one_page_and_every_page_has_its_number_and_classification() {
    let long_title = format!(
        "Northwind Freight {}final assessment",
        "ISMS capability assessment of the warehouses, the head office and the outsourced services, "
            .repeat(6)
    );
    let class = "Confidential: Northwind Freight GmbH management board and the assessment team only, not to be forwarded to suppliers, customers or auditors without written consent";
    let text = EXAMPLE.replacen(
        "title = \"Northwind Freight ISMS capability assessment 2026\"",
        &format!("title = \"{long_title}\""),
        1,
    );
    assert!(text.contains(&long_title), "the example's title moved");
    let mut a = parse(&text);
    a.report.classification = class.into();
    let model = model();
    let profile = capra::profile::score(&model, &a);
    let report = capra::report::build(
        &model,
        &a,
        &profile,
        "0123456789abcdef",
        &capra::report::Options {
            today: "2026-12-01".into(),
            include_notes: false,
            logo: None,
            previous: None,
            font: None,
        },
    );
    let bytes = capra::report::pdf::render(&report).unwrap();
    let pages = pages(&bytes);
    // The cover (title, summary, status) is the first page; the executive summary the second.
    assert!(pages[0].contains("Northwind Freight ISMS capability assessment of the"));
    assert!(pages[0].contains("Largest gaps"), "{}", pages[0]);
    assert!(
        pages[1].contains("Executive summary"),
        "the cover spilled over: {}",
        pages[1]
    );
    // The classification in full on the cover, its start on every page.
    assert!(pages[0].contains(class));
    let n = pages.len();
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains(&format!("Page {} of {n}", i + 1)),
            "page {}",
            i + 1
        );
        assert!(p.contains("Confidential: Northwind"), "page {}: {p}", i + 1);
    }
    // A number and its unit on one line, printed with a plain space.
    assert!(pages[0].contains(" %)"), "{}", pages[0]);
}

#[test]
fn an_evidence_row_continued_on_the_next_page_repeats_its_id() {
    let long: Vec<String> = (1..=120)
        .map(|i| format!("section {i} of the policy set"))
        .collect();
    let text = EXAMPLE.replacen(
        "title = \"Information security policy v3.1, 14 topic-specific policies and the policy register\"",
        &format!("title = \"{}\"", long.join("; ")),
        1,
    );
    assert!(
        text.contains("section 120 of"),
        "the example's evidence moved"
    );
    let pages = pages(&capra::report::pdf::render(&build(&text)).unwrap());
    // The evidence index: the row starts on one page and goes on with its id on the next.
    let next = page_with(&pages, "E-001 (cont.)");
    assert!(
        pages[next - 1].contains("E-001 section 1 of the policy set; section 2"),
        "the row starts on the page before"
    );
    let at = pages[next].find("E-001 (cont.)").unwrap();
    assert!(
        pages[next][..at].contains("Id Evidence Where Used for"),
        "the header repeats above the continued row: {}",
        pages[next]
    );
}
