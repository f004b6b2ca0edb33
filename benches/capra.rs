//! Benchmarks, each beside its floor (the same work with nothing of capra's): parsing the TOML
//! alone, printpdf writing as many plain-text pages, a bare ratatui program drawing one frame.
//! docs/performance.md states the results as ratios to those floors.
//!
//! Sizes: the ISMS example (18 processes) and a synthetic model of 1,000 processes, 9
//! attributes and 5 instances each.

use capra::assessment::{Assessment, Info, RatingRecord};
use capra::catalog::Catalog;
use capra::located::{Id, Located};
use capra::model::{Model, ProcessModel};
use capra::rating::Rating;
use capra::tui::app::{App, Doc};
use capra::tui::theme::Theme;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const EXAMPLE: &str = include_str!("../assessments/northwind-2026.toml");

fn isms() -> Model {
    Catalog::built_in().model("isms").unwrap()
}

/// A process model of `n` processes, in capra's format.
fn synthetic_model_text(n: usize) -> String {
    let mut s = String::from(
        "[model]\nid = \"synthetic\"\nname = \"Synthetic\"\nversion = \"1\"\nframework = \"iso33020\"\nmax_level = 5\n\n[[categories]]\nid = \"core\"\nname = \"Core\"\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "\n[[processes]]\nid = \"SYN.{i}\"\ncategory = \"core\"\nname = \"Synthetic process {i}\"\npurpose = \"The purpose of process {i} is to be measured.\"\n"
        ));
        for o in 1..=3 {
            s.push_str(&format!("[[processes.outcomes]]\nid = \"O{o}\"\ntext = \"Outcome {o} of process {i} is achieved.\"\n"));
        }
        s.push_str("[[processes.base_practices]]\nid = \"BP1\"\nname = \"Do it\"\noutcomes = [\"O1\", \"O2\", \"O3\"]\n");
        s.push_str("[[processes.information_items]]\nid = \"II1\"\nname = \"Record\"\noutcomes = [\"O1\", \"O2\", \"O3\"]\n");
    }
    s
}

fn synthetic_model(n: usize) -> Model {
    let pm = ProcessModel::parse(&synthetic_model_text(n)).unwrap();
    Model::new(pm, isms().framework)
}

/// An assessment of every process of `model`, each with 5 instances, every attribute rated per
/// instance, with a short note.
fn synthetic_assessment(model: &Model) -> Assessment {
    let ids: Vec<String> = model
        .processes
        .processes
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut info = Info::new("Synthetic".into(), "2026-11-01".into());
    info.rating_method = capra::assessment::RatingMethod::R2;
    let mut a = Assessment::new(model, info, &refs, 3);
    let attrs: Vec<String> = model.attributes().map(|x| x.id.to_string()).collect();
    for (pi, p) in a.processes.iter_mut().enumerate() {
        p.instances = (0..5).map(|i| Id::from(format!("Site {i}"))).collect();
        for (ai, attr) in attrs.iter().enumerate() {
            for i in 0..5 {
                p.ratings.push(RatingRecord {
                    attribute: Id::from(attr.as_str()),
                    instance: Some(Id::from(format!("Site {i}"))),
                    rating: Some(Located::new(Rating::ALL[(pi + ai + i) % 8])),
                    note: format!("Seen at site {i}."),
                    ..RatingRecord::default()
                });
            }
        }
    }
    a.normalize(model);
    a
}

fn quick(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group("capra");
    g.sample_size(20);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g
}

fn load_and_score(c: &mut Criterion) {
    let model = isms();
    let mid_model = synthetic_model(100);
    let mid_text = capra::store::to_text(&synthetic_assessment(&mid_model));
    let big_model = synthetic_model(1000);
    let big_text = capra::store::to_text(&synthetic_assessment(&big_model));
    eprintln!(
        "assessment files: 18 processes {} bytes, 100 processes {} bytes, 1000 processes {} bytes",
        EXAMPLE.len(),
        mid_text.len(),
        big_text.len()
    );
    let mut g = quick(c);
    for (size, text, model) in [
        ("18", EXAMPLE, &model),
        ("100", mid_text.as_str(), &mid_model),
        ("1000", big_text.as_str(), &big_model),
    ] {
        g.bench_with_input(BenchmarkId::new("floor_toml_parse", size), text, |b, t| {
            b.iter(|| black_box(toml::from_str::<toml::Table>(t).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("load_and_score", size), text, |b, t| {
            b.iter(|| {
                let a = capra::store::parse(Path::new("a.toml"), t).unwrap();
                assert!(capra::assessment::validate::validate(&a, model).is_empty());
                black_box(capra::profile::score(model, &a))
            })
        });
    }
    g.finish();
}

fn app_for(model: &Model, a: Assessment) -> App {
    let mut app = App::with_doc(
        Theme { color: true },
        Doc::new(PathBuf::from("a.toml"), a, model.clone(), false),
    );
    app.update(capra::tui::app::Action::Resize(120, 40));
    app
}

/// The floor for a frame: a bare ratatui program drawing two bordered lists of the same rows.
fn bare_frame(rows: &[String], term: &mut Terminal<TestBackend>) {
    use ratatui::layout::{Constraint, Layout};
    use ratatui::widgets::{Block, Borders, List, Paragraph, Wrap};
    term.draw(|f| {
        let [l, r] =
            Layout::horizontal([Constraint::Length(42), Constraint::Min(10)]).areas(f.area());
        f.render_widget(
            List::new(rows.iter().take(40).map(String::as_str))
                .block(Block::default().borders(Borders::ALL)),
            l,
        );
        f.render_widget(
            Paragraph::new(rows.join("\n"))
                .wrap(Wrap { trim: false })
                .block(Block::default().borders(Borders::ALL)),
            r,
        );
    })
    .unwrap();
}

fn tui_frame(c: &mut Criterion) {
    let model = isms();
    let example = capra::store::parse(Path::new("a.toml"), EXAMPLE).unwrap();
    let mid_model = synthetic_model(100);
    let mid = synthetic_assessment(&mid_model);
    let big_model = synthetic_model(1000);
    let big = synthetic_assessment(&big_model);
    let mut g = quick(c);
    for (size, app) in [
        ("18", app_for(&model, example)),
        ("100", app_for(&mid_model, mid)),
        ("1000", app_for(&big_model, big)),
    ] {
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        g.bench_function(BenchmarkId::new("tui_frame", size), |b| {
            b.iter(|| {
                term.draw(|f| capra::tui::view::view(&app, f)).unwrap();
            })
        });
        let rows: Vec<String> = app
            .doc
            .as_ref()
            .unwrap()
            .profile
            .processes
            .iter()
            .take(40)
            .map(|p| {
                format!(
                    "{} {} {}/{}",
                    p.id, p.name, p.capability_level, p.target_level
                )
            })
            .collect();
        let mut bare = Terminal::new(TestBackend::new(120, 40)).unwrap();
        g.bench_function(BenchmarkId::new("floor_bare_ratatui_frame", size), |b| {
            b.iter(|| bare_frame(&rows, &mut bare))
        });
    }
    g.finish();
}

/// The floor for a PDF: printpdf writing `pages` pages of plain text lines in the same font.
fn bare_pdf(pages: usize) -> Vec<u8> {
    use printpdf::*;
    let font = ParsedFont::from_bytes(dejavu::sans::regular(), 0, &mut Vec::new()).unwrap();
    let mut doc = PdfDocument::new("floor");
    let id = doc.add_font(&font);
    let pages = (0..pages)
        .map(|p| {
            let mut ops = Vec::new();
            for line in 0..45 {
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(9.0) },
                    Op::SetTextCursor { pos: Point { x: Pt(50.0), y: Pt(780.0 - line as f32 * 16.0) } },
                    Op::ShowText { items: vec![TextItem::Text(format!("Page {p} line {line}: plain text of a report, about as long as a table row."))] },
                    Op::EndTextSection,
                ]);
            }
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    doc.with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}

fn reports(c: &mut Criterion) {
    let model = isms();
    let example = capra::store::parse(Path::new("a.toml"), EXAMPLE).unwrap();
    let mid_model = synthetic_model(100);
    let mid = synthetic_assessment(&mid_model);
    let big_model = synthetic_model(1000);
    let big = synthetic_assessment(&big_model);
    let mut g = quick(c);
    g.sample_size(10);
    for (size, model, a) in [
        ("18", &model, &example),
        ("100", &mid_model, &mid),
        ("1000", &big_model, &big),
    ] {
        let profile = capra::profile::score(model, a);
        let options = capra::report::Options {
            font: None,
            today: "2026-12-01".into(),
            include_notes: false,
            logo: None,
            previous: None,
        };
        let report = capra::report::build(model, a, &profile, "0", &options);
        g.bench_function(BenchmarkId::new("csv", size), |b| {
            b.iter(|| black_box(capra::report::csv::files(&report)))
        });
        let pdf = capra::report::pdf::render(&report).unwrap();
        let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
        eprintln!(
            "report of {size} processes: {pages} pages, {} bytes",
            pdf.len()
        );
        g.bench_function(BenchmarkId::new("pdf", size), |b| {
            b.iter(|| black_box(capra::report::pdf::render(&report).unwrap()))
        });
        g.bench_function(BenchmarkId::new("floor_printpdf_pages", size), |b| {
            b.iter(|| black_box(bare_pdf(pages)))
        });
    }
    g.finish();
}

fn compare_50(c: &mut Criterion) {
    let model = isms();
    let base = capra::store::parse(Path::new("a.toml"), EXAMPLE).unwrap();
    let many: Vec<Assessment> = (0..50)
        .map(|i| {
            let mut a = base.clone();
            a.assessment.created = Located::new(format!("20{:02}-01-01", 26 + i / 12));
            for p in &mut a.processes {
                for r in &mut p.ratings {
                    if let Some(x) = &r.rating {
                        let k = Rating::ALL.iter().position(|y| y == x.get()).unwrap();
                        r.rating = Some(Located::new(Rating::ALL[(k + i) % 8]));
                    }
                }
            }
            a
        })
        .collect();
    let items: Vec<(String, &Assessment)> = many
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("{i}.toml"), a))
        .collect();
    let mut g = quick(c);
    g.bench_function("compare_50", |b| {
        b.iter(|| black_box(capra::track::compare(&model, &items).unwrap()))
    });
    g.finish();
}

/// Merging two assessors' files whose registers hold 100,000 evidence items each, half of them
/// the same items and half clashing ids (renumbered): linear in the size of the registers.
fn merge_100k(c: &mut Criterion) {
    let model = isms();
    let base = capra::store::parse(Path::new("a.toml"), EXAMPLE).unwrap();
    let register = |tag: &str| -> Vec<capra::assessment::Evidence> {
        (1..=100_000u64)
            .map(|n| {
                let mut e = base.evidence[0].clone();
                e.id = capra::located::Id::from(format!("E-{n:06}").as_str());
                e.title = if n % 2 == 0 {
                    format!("shared item {n}")
                } else {
                    format!("{tag} item {n}")
                };
                e
            })
            .collect()
    };
    let mut a = base.clone();
    a.evidence = register("ana");
    let mut b = base.clone();
    b.evidence = register("ben");
    for x in [&mut a, &mut b] {
        for p in &mut x.processes {
            for r in p.ratings.iter_mut().chain(p.assessor_ratings.iter_mut()) {
                r.evidence.clear();
            }
        }
    }
    let items = vec![("ana.toml".to_string(), &a), ("ben.toml".to_string(), &b)];
    let mut g = c.benchmark_group("capra");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("merge_100k_evidence", |bench| {
        bench.iter(|| black_box(capra::track::merge(&model, &items, "team".to_string()).unwrap()))
    });
    g.finish();
}

criterion_group!(
    benches,
    load_and_score,
    tui_frame,
    reports,
    compare_50,
    merge_100k
);
criterion_main!(benches);
