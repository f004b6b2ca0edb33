//! Plain-text rendering for the command line: tables and short lines.

use crate::assessment::Assessment;
use crate::model::{Framework, Model, Process, ProcessModel};
use crate::profile::{ProcessScore, Profile};
use crate::text::clean;
use std::fmt::Write;

/// Cuts a string to `width` characters, with an ellipsis when cut.
pub fn fit(s: &str, width: usize) -> String {
    let s = &clean(s);
    let n = s.chars().count();
    if n <= width {
        format!("{s:<width$}")
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// "ISMS.CORE.3 Information security risk assessment: level 1 of target 3 (gap 2); next level:
/// PA1.1 is L, needs F".
pub fn level_line(p: &ProcessScore) -> String {
    let next = match &p.blocked_by {
        Some(b) => format!("level {} not reached: {}", b.level, b.explain()),
        None => "highest level reached".to_string(),
    };
    clean(&format!(
        "{} {}: level {} of target {} (gap {}); {next}",
        p.id, p.name, p.capability_level, p.target_level, p.gap
    ))
}

/// The `capra score` table.
pub fn score_table(prof: &Profile, model: &Model) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\nmodel {} {}, rating method {}, aggregation {}\n",
        prof.title, prof.model, prof.model_version, prof.rating_method, prof.aggregation
    );
    // Show the attributes up to the highest target or the highest level with a rating.
    let top = prof
        .processes
        .iter()
        .map(|p| {
            let rated = p
                .attributes
                .iter()
                .filter(|a| a.rating.is_some())
                .map(|a| a.level)
                .max()
                .unwrap_or(0);
            p.target_level.max(rated)
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let attrs: Vec<&str> = model
        .attributes()
        .filter(|a| a.level <= top)
        .map(|a| a.id.as_str())
        .collect();
    let _ = write!(
        out,
        "{:<13} {:<34} {:>5} {:>6} {:>3} ",
        "PROCESS", "NAME", "LEVEL", "TARGET", "GAP"
    );
    for a in &attrs {
        let _ = write!(out, " {a:<5}");
    }
    let _ = writeln!(out, "  NEXT LEVEL BLOCKED BY");
    // Names as on the screen: full, else the model's short name, never two cut alike.
    let names: Vec<(&str, Option<&str>)> = prof
        .processes
        .iter()
        .map(|p| {
            let short = model.process(&p.id).and_then(|m| m.short_name.as_deref());
            (p.name.as_str(), short)
        })
        .collect();
    let labels = crate::text::labels::labels(&names, 34);
    for (p, label) in prof.processes.iter().zip(&labels) {
        let _ = write!(
            out,
            "{:<13} {} {:>5} {:>6} {:>3} ",
            fit(&p.id, 13),
            fit(label, 34),
            p.capability_level,
            p.target_level,
            p.gap
        );
        for a in &attrs {
            let cell = p
                .attributes
                .iter()
                .find(|x| x.id == *a)
                .map(|x| {
                    let code = x.rating.map(|r| r.code()).unwrap_or("-");
                    let mark = if x.short_of_target() { "*" } else { "" };
                    format!("{code}{mark}")
                })
                .unwrap_or_default();
            let _ = write!(out, " {cell:<5}");
        }
        let _ = writeln!(out, "  {}", p.reason());
    }
    let s = &prof.summary;
    let _ = writeln!(
        out,
        "\n{} process(es): {} at or above target, {} below (total gap {} level(s)); {} of {} attribute(s) the targets call for are rated.",
        s.processes, s.at_or_above_target, s.below_target, s.total_gap, s.rated, s.to_rate
    );
    if let Some(m) = &prof.maturity {
        let _ = writeln!(out, "{}.", m.summary());
    }
    let _ = writeln!(
        out,
        "Legend: - not rated; * short of what the target level needs (L or F at the target level, F below it)."
    );
    crate::text::printable(&out, true)
}

/// The `capra evidence list` table.
pub fn evidence_table(a: &Assessment) -> String {
    let mut out = String::new();
    if a.evidence.is_empty() {
        out.push_str("The evidence register is empty. Add items with `capra evidence add`.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{:<6} {:<11} {:<10} {:<44} {:>5}  WHERE",
        "ID", "KIND", "DATE", "TITLE", "LINKS"
    );
    let uses = a.evidence_uses();
    for e in &a.evidence {
        let links = uses.get(e.id.as_str()).map_or(0, Vec::len);
        let place = if !e.path.is_empty() {
            e.path.clone()
        } else {
            e.location.clone()
        };
        let _ = writeln!(
            out,
            "{:<6} {:<11} {:<10} {} {:>5}  {}",
            e.id.as_str(),
            e.kind.word(),
            e.date.get(),
            fit(&e.title, 44),
            links,
            place
        );
    }
    crate::text::printable(&out, true)
}

fn bullet_list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {title}:");
    for i in items {
        let _ = writeln!(out, "    - {i}");
    }
}

/// One process in full, as an assessor reads it before an interview.
pub fn process_text(m: &ProcessModel, p: &Process) -> String {
    let mut out = String::new();
    let cat = m
        .category(&p.category)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| p.category.to_string());
    let _ = writeln!(out, "{} {}  [{}]", p.id, p.name, cat);
    let _ = writeln!(out, "  {}", p.description);
    let _ = writeln!(out, "  Purpose: {}", p.purpose);
    bullet_list(&mut out, "Objectives", &p.objectives);
    bullet_list(&mut out, "Inputs", &p.inputs);
    bullet_list(&mut out, "Outputs", &p.outputs);
    bullet_list(&mut out, "Activities", &p.activities);
    if !p.references.is_empty() {
        let _ = writeln!(out, "  References: {}", p.references.join("; "));
    }
    if !p.related.is_empty() {
        let rel: Vec<&str> = p.related.iter().map(|r| r.as_str()).collect();
        let _ = writeln!(out, "  Related processes: {}", rel.join(", "));
    }
    let _ = writeln!(out, "  Outcomes:");
    for o in &p.outcomes {
        let _ = writeln!(out, "    {:<4} {}", o.id.as_str(), o.text);
    }
    for (title, list) in [
        ("Base practices", &p.base_practices),
        ("Information items", &p.information_items),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {title}:");
        for i in list.iter() {
            let maps: Vec<&str> = i.maps_to.iter().map(|x| x.as_str()).collect();
            let _ = writeln!(
                out,
                "    {:<4} {} [{}]",
                i.id.as_str(),
                i.name,
                maps.join(", ")
            );
            if !i.text.is_empty() {
                let _ = writeln!(out, "         {}", i.text);
            }
        }
    }
    bullet_list(&mut out, "Questions to ask", &p.guidance.questions);
    bullet_list(&mut out, "Typical evidence", &p.guidance.evidence);
    crate::text::printable(&out, true)
}

/// A process model in brief: header, categories and processes with their purpose.
pub fn model_text(m: &ProcessModel) -> String {
    let mut out = String::new();
    let info = &m.model;
    let _ = writeln!(
        out,
        "{} {} ({}), framework {}, levels up to {}",
        info.id, info.version, info.name, info.framework, *info.max_level
    );
    for s in [&info.description, &info.domain, &info.basis] {
        if !s.is_empty() {
            let _ = writeln!(out, "{s}");
        }
    }
    for c in &m.categories {
        let _ = writeln!(out, "\n{}", c.name);
        for p in m.processes.iter().filter(|p| p.category == c.id) {
            let _ = writeln!(out, "  {:<13} {}", p.id.as_str(), p.name);
            let _ = writeln!(out, "  {:<13} {}", "", p.purpose);
        }
    }
    let _ = writeln!(
        out,
        "\n{} processes. One in full: capra model show {} --process ID",
        m.processes.len(),
        info.id
    );
    crate::text::printable(&out, true)
}

/// A measurement framework: levels, attributes, achievements, practices and the scale.
pub fn framework_text(f: &Framework) -> String {
    let mut out = String::new();
    let info = &f.framework;
    let _ = writeln!(out, "{} {} ({})", info.id, info.version, info.name);
    for s in [&info.description, &info.basis] {
        if !s.is_empty() {
            let _ = writeln!(out, "{s}");
        }
    }
    for l in &f.levels {
        let _ = writeln!(out, "\nLevel {} {}: {}", *l.level, l.name, l.text);
        for a in f.attributes.iter().filter(|a| a.level == *l.level) {
            let _ = writeln!(out, "  {} {}: {}", a.id.as_str(), a.name, a.scope);
            for x in &a.achievements {
                let _ = writeln!(out, "    {:<8} {}", x.id.as_str(), x.text);
            }
            for g in &a.generic_practices {
                let maps: Vec<&str> = g.maps_to.iter().map(|x| x.as_str()).collect();
                let _ = writeln!(
                    out,
                    "    {:<8} {} [{}]",
                    g.id.as_str(),
                    g.name,
                    maps.join(", ")
                );
            }
        }
    }
    let _ = writeln!(out, "\nRating scale:");
    for v in &f.scale {
        let lower = if v.above == 0.0 {
            "0".to_string()
        } else {
            format!(">{}", v.above)
        };
        let _ = writeln!(
            out,
            "  {:<3} {:<32} {lower}-{} %  {}",
            v.code.as_str(),
            v.name,
            v.up_to,
            v.text
        );
    }
    crate::text::printable(&out, true)
}

/// Evidence coverage and confidence in one paragraph.
pub fn coverage_text(c: &crate::profile::Coverage) -> String {
    use crate::profile::Coverage;
    format!(
        "Evidence: {} of {} rated attributes backed by evidence ({}), {} by two or more kinds ({}). Confidence: high {}, medium {}, low {}, not given {}.",
        c.with_evidence,
        c.rated,
        Coverage::percent(c.with_evidence, c.rated),
        c.two_kinds,
        Coverage::percent(c.two_kinds, c.rated),
        c.confidence_high,
        c.confidence_medium,
        c.confidence_low,
        c.confidence_unset
    )
}

/// The `capra check` text.
pub fn check_text(
    warnings: &[crate::check::Warning],
    stale: &[&crate::assessment::Acknowledgement],
    prof: &Profile,
    file: &std::path::Path,
) -> String {
    let mut out = String::new();
    let open: Vec<&crate::check::Warning> = warnings
        .iter()
        .filter(|w| w.acknowledged.is_none())
        .collect();
    let acked: Vec<&crate::check::Warning> = warnings
        .iter()
        .filter(|w| w.acknowledged.is_some())
        .collect();
    if warnings.is_empty() {
        out.push_str("No consistency warnings.\n");
    } else {
        let _ = writeln!(
            out,
            "{} warning(s), {} acknowledged.\n",
            warnings.len(),
            acked.len()
        );
    }
    for w in &open {
        let _ = writeln!(out, "{}\n    {}\n", w.id(), w.reason);
    }
    if !acked.is_empty() {
        out.push_str("Acknowledged:\n");
        for w in &acked {
            let k = w.acknowledged.as_ref();
            let by = k
                .map(|k| {
                    [k.by.as_str(), k.date.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}\n    {}\n    accepted{}: {}\n",
                w.id(),
                w.reason,
                if by.is_empty() {
                    String::new()
                } else {
                    format!(" ({by})")
                },
                k.map(|k| k.justification.as_str()).unwrap_or("")
            );
        }
    }
    for k in stale {
        let _ = writeln!(
            out,
            "Acknowledgement of {} no longer matches a warning (withdraw it with `capra acknowledge {} {} --withdraw`).",
            k.warning,
            file.display(),
            k.warning
        );
    }
    if !open.is_empty() {
        let _ = writeln!(
            out,
            "Accept one with: capra acknowledge {} ID --why \"...\"",
            file.display()
        );
    }
    let _ = writeln!(out, "\n{}", coverage_text(&prof.summary.coverage));
    crate::text::printable(&out, true)
}

fn arrow<T: std::fmt::Display>(v: &[Option<T>]) -> String {
    v.iter()
        .map(|x| {
            x.as_ref()
                .map(|x| x.to_string())
                .unwrap_or_else(|| "-".into())
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The `capra compare` table.
pub fn compare_text(c: &crate::track::Comparison) -> String {
    use crate::track::Change;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Comparing {} assessments of model {}, oldest first:",
        c.snapshots.len(),
        c.model
    );
    for (i, s) in c.snapshots.iter().enumerate() {
        let maturity = match (s.maturity, &s.maturity_name) {
            (Some(l), Some(n)) => format!(", maturity level {l} {n}"),
            (Some(l), None) => format!(", maturity level {l}"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {}  {}  {} ({}, model {}{maturity})",
            i + 1,
            s.date,
            s.title,
            s.label,
            s.model_version
        );
    }
    for n in &c.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let _ = writeln!(
        out,
        "\n{:<13} {:<34} {:<14} {:<14} CHANGES",
        "PROCESS", "NAME", "LEVEL", "GAP"
    );
    let names: Vec<(&str, Option<&str>)> = c
        .processes
        .iter()
        .map(|p| (p.name.as_str(), p.short_name.as_deref()))
        .collect();
    let labels = crate::text::labels::labels(&names, 34);
    for (p, label) in c.processes.iter().zip(&labels) {
        let changed: Vec<String> = p
            .attributes
            .iter()
            .filter(|a| matches!(a.change, Change::Improved | Change::Regressed))
            .map(|a| {
                let codes: Vec<Option<&str>> =
                    a.ratings.iter().map(|r| r.map(|r| r.code())).collect();
                format!("{} {}", a.id, arrow(&codes))
            })
            .collect();
        let _ = writeln!(
            out,
            "{:<13} {} {:<14} {:<14} {}",
            fit(&p.id, 13),
            fit(label, 34),
            arrow(&p.levels),
            arrow(&p.gaps),
            if changed.is_empty() {
                "-".to_string()
            } else {
                changed.join(", ")
            }
        );
    }
    let s = &c.summary;
    let name = |id: &String| {
        c.processes
            .iter()
            .find(|p| &p.id == id)
            .map(|p| {
                let (a, b) = (
                    p.levels.iter().flatten().next().copied().unwrap_or(0),
                    p.levels.iter().flatten().last().copied().unwrap_or(0),
                );
                format!("{id} ({a} → {b})")
            })
            .unwrap_or_else(|| id.clone())
    };
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Most improved: {}",
        if s.most_improved.is_empty() {
            "none".into()
        } else {
            s.most_improved
                .iter()
                .map(name)
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    let _ = writeln!(
        out,
        "Reached target: {}",
        if s.reached_target.is_empty() {
            "none".into()
        } else {
            s.reached_target.join(", ")
        }
    );
    if s.areas_of_concern.is_empty() {
        let _ = writeln!(out, "Areas of concern: none");
    } else {
        let _ = writeln!(out, "Areas of concern:");
        for id in &s.areas_of_concern {
            let _ = writeln!(out, "  {id}: {}", c.concern(id));
        }
    }
    let _ = writeln!(
        out,
        "Attributes: {} improved, {} regressed, {} unchanged (first against last assessment).",
        s.attributes_improved, s.attributes_regressed, s.attributes_unchanged
    );
    iso27001_changes(&mut out, c);
    plan_follow_up(&mut out, c);
    crate::text::printable(&out, true)
}

/// The ISO/IEC 27001 clauses and controls whose readiness verdict changed, in `capra compare`;
/// nothing when the model has no catalogue.
fn iso27001_changes(out: &mut String, c: &crate::track::Comparison) {
    use crate::track::VerdictChange;
    if !c.has_catalogue {
        return;
    }
    if c.iso27001.is_empty() {
        let _ = writeln!(
            out,
            "\nISO/IEC 27001 readiness: no clause or control changed its verdict (first against last assessment)."
        );
        return;
    }
    let n = |x: VerdictChange| c.iso27001.iter().filter(|t| t.change == x).count();
    let mut counts = vec![
        format!("{} improved", n(VerdictChange::Improved)),
        format!("{} regressed", n(VerdictChange::Regressed)),
    ];
    let gone = n(VerdictChange::NoLongerAssessed);
    if gone > 0 {
        counts.push(format!("{gone} no longer assessed"));
    }
    let _ = writeln!(
        out,
        "\nISO/IEC 27001 readiness that changed (first against last assessment): {}.",
        counts.join(", ")
    );
    let _ = writeln!(
        out,
        "{:<15} {:<18} {:<26} TITLE",
        "CLAUSE/CONTROL", "CHANGE", "VERDICT"
    );
    for t in &c.iso27001 {
        let verdicts: Vec<Option<&str>> = t.verdicts.iter().map(|v| Some(v.word())).collect();
        let _ = writeln!(
            out,
            "{:<15} {:<18} {} {}",
            format!("{} {}", t.kind, t.id),
            t.change.word(),
            fit(&arrow(&verdicts), 26),
            t.title
        );
    }
}

/// The improvement plan's follow-up in `capra compare`: counts, then one line per action.
fn plan_follow_up(out: &mut String, c: &crate::track::Comparison) {
    let f = &c.plan;
    if f.is_empty() {
        return;
    }
    let mut counts = vec![
        format!("{} closed", f.closed),
        format!("{} still open", f.still_open),
        format!("{} overdue", f.overdue),
        format!("{} dropped", f.dropped),
    ];
    if f.new > 0 {
        counts.push(format!("{} new", f.new));
    }
    if f.not_carried_over > 0 {
        counts.push(format!("{} not carried over", f.not_carried_over));
    }
    let _ = writeln!(out, "\nImprovement plan: {}.", counts.join(", "));
    let _ = writeln!(
        out,
        "{:<6} {:<16} {:<26} {:<22} TITLE",
        "ACTION", "OUTCOME", "STATUS", "PROCESS"
    );
    for x in &f.actions {
        let statuses: Vec<Option<&str>> = x.statuses.iter().map(|s| s.map(|s| s.word())).collect();
        let mut process = x.process.clone().unwrap_or_else(|| "-".into());
        if let Some((a, b)) = x.level {
            process.push_str(&format!(" {a} → {b}"));
        }
        let mut title = x.title.replace('\n', " ");
        if x.outcome == crate::track::ActionOutcome::Overdue {
            title = format!("{title} (due {})", x.due);
        }
        let _ = writeln!(
            out,
            "{:<6} {:<16} {} {} {title}",
            x.id,
            x.outcome.word(),
            fit(&arrow(&statuses), 26),
            fit(&process, 22),
        );
    }
}

/// The `capra agreement` table.
pub fn agreement_text(r: &crate::track::AgreementReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Assessors: {}", r.raters.join(", "));
    let pct = |x: Option<f64>| {
        x.map(|v| format!("{:.0} %", v * 100.0))
            .unwrap_or_else(|| "-".into())
    };
    let kap = |x: Option<f64>| {
        x.map(|k| format!("{k:.2} ({})", crate::track::kappa_words(k)))
            .unwrap_or_else(|| "-".into())
    };
    let two = r.raters.len() == 2;
    let kind = if two {
        "WEIGHTED KAPPA"
    } else {
        "FLEISS KAPPA"
    };
    let _ = writeln!(
        out,
        "\n{:<13} {:>6} {:>9}  {kind}",
        "PROCESS", "ITEMS", "EXACT"
    );
    let pick = |a: &crate::track::Agreement| {
        if two {
            a.weighted_kappa
        } else {
            a.fleiss_kappa
        }
    };
    for (id, a) in &r.processes {
        let _ = writeln!(
            out,
            "{:<13} {:>6} {:>9}  {}",
            id,
            a.items,
            pct(a.exact),
            kap(pick(a))
        );
    }
    let _ = writeln!(
        out,
        "{:<13} {:>6} {:>9}  {}",
        "OVERALL",
        r.overall.items,
        pct(r.overall.exact),
        kap(pick(&r.overall))
    );
    let _ = writeln!(
        out,
        "\nItems are attributes every assessor rated (N/P/L/F; refined values count as P or L); {} rated by only some were left out.",
        r.left_out
    );
    if two {
        let _ = writeln!(
            out,
            "Kappa: linearly weighted Cohen's kappa, 1 = full agreement, 0 = what chance gives."
        );
    } else {
        let _ = writeln!(
            out,
            "Kappa: Fleiss' kappa over all assessors, 1 = full agreement, 0 = what chance gives."
        );
    }
    crate::text::printable(&out, true)
}
