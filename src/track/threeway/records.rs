//! Each kind of record merged field by field when both sides changed it (see [`super`]).

use super::fields::{Ctx, Item, keyed, opt, pick, set3, words};
use crate::assessment::{
    Acknowledgement, Action, Characterisation, Evidence, Finding, FindingKind, Info, Interview,
    NotApplicable, ProcessRecord, Question, RatingRecord, ReportSettings, Request, Review,
};
use crate::located::Located;

/// The inputs and settings, key by key.
pub(super) fn info(cx: &mut Ctx, b: Option<&Info>, o: &Info, t: &Info) -> Info {
    let mut it = Item::new(cx, "[assessment]".into());
    macro_rules! keep {
        ($f:ident, $show:expr) => {
            it.keep(stringify!($f), b.map(|x| &x.$f), &o.$f, &t.$f, $show)
        };
    }
    macro_rules! text {
        ($f:ident, $sep:expr) => {
            it.text(stringify!($f), b.map(|x| &x.$f), &o.$f, &t.$f, $sep)
        };
    }
    let located = |s: &Located<String>| words(s);
    let next_action_number = {
        let (v, c) = pick(
            b.map(|x| &x.next_action_number),
            &o.next_action_number,
            &t.next_action_number,
        );
        if c {
            o.next_action_number.max(t.next_action_number)
        } else {
            v
        }
    };
    Info {
        title: text!(title, " "),
        sponsor: text!(sponsor, " "),
        sponsor_relation: text!(sponsor_relation, "\n"),
        purpose: text!(purpose, "\n"),
        unit: text!(unit, " "),
        context: text!(context, "\n"),
        class: keep!(class, |c| c.to_string()),
        rating_method: keep!(rating_method, |m| m.to_string()),
        aggregation: keep!(aggregation, |m| m.to_string()),
        aggregation_order: keep!(aggregation_order, |m| m.to_string()),
        constraints: text!(constraints, "\n"),
        independence: text!(independence, "\n"),
        require_validation: keep!(require_validation, opt),
        created: keep!(created, located),
        start: keep!(start, located),
        end: keep!(end, located),
        previous: keep!(previous, |s| words(s)),
        next_action_number,
    }
}

/// The report settings, key by key: texts joined when both sides changed them, the rest (status,
/// dates, lists, sign-offs) OURS's on a conflict.
pub(super) fn report(
    cx: &mut Ctx,
    b: Option<&ReportSettings>,
    o: &ReportSettings,
    t: &ReportSettings,
) -> ReportSettings {
    let mut it = Item::new(cx, "[report]".into());
    macro_rules! keep {
        ($f:ident, $show:expr) => {
            it.keep(stringify!($f), b.map(|x| &x.$f), &o.$f, &t.$f, $show)
        };
    }
    macro_rules! text {
        ($f:ident, $sep:expr) => {
            it.text(stringify!($f), b.map(|x| &x.$f), &o.$f, &t.$f, $sep)
        };
    }
    let located = |s: &Located<String>| words(s);
    let list = |v: &Vec<String>| v.join(", ");
    ReportSettings {
        organisation: text!(organisation, " "),
        consultancy: text!(consultancy, " "),
        logo: keep!(logo, located),
        prepared_by: text!(prepared_by, " "),
        version: keep!(version, |s| words(s)),
        status: keep!(status, opt),
        final_override: text!(final_override, "\n"),
        final_override_by: text!(final_override_by, " "),
        final_override_date: keep!(final_override_date, |s| words(s)),
        issue_date: keep!(issue_date, located),
        classification: keep!(classification, |s| words(s)),
        distribution: keep!(distribution, list),
        executive_summary: text!(executive_summary, "\n"),
        conclusions: text!(conclusions, "\n"),
        font: keep!(font, located),
        sign_off: keep!(sign_off, |v| v
            .iter()
            .map(|x| x.name.to_string())
            .collect::<Vec<_>>()
            .join(", ")),
    }
}

/// A process both sides changed: target, instances, and each list by its key.
pub(super) fn process(
    cx: &mut Ctx,
    b: Option<&ProcessRecord>,
    o: &ProcessRecord,
    t: &ProcessRecord,
) -> ProcessRecord {
    let id = o.id.to_string();
    let (target, c) = pick(b.map(|x| &x.target), &o.target, &t.target);
    if c {
        cx.conflict(
            &format!("process {id}"),
            format!(
                "target: ours {}, theirs {} (ours kept)",
                *o.target, *t.target
            ),
        );
    }
    let instances = set3(b.map(|x| &x.instances), &o.instances, &t.instances);
    let slot = |r: &RatingRecord| {
        format!(
            "{id} {}{}",
            r.attribute,
            r.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default()
        )
    };
    let mut extra: Vec<RatingRecord> = Vec::new();
    let ratings = keyed(
        cx,
        b.map_or(&[][..], |x| &x.ratings),
        &o.ratings,
        &t.ratings,
        |r| (r.attribute.clone(), r.instance.clone()),
        slot,
        Some(|r: &RatingRecord| RatingRecord {
            attribute: r.attribute.clone(),
            instance: r.instance.clone(),
            ..RatingRecord::default()
        }),
        |cx, br, or, tr| rating(cx, slot(or), br, or, tr, &mut extra),
    );
    let characterisations = keyed(
        cx,
        b.map_or(&[][..], |x| &x.characterisations),
        &o.characterisations,
        &t.characterisations,
        |c| (c.item.clone(), c.instance.clone()),
        |c| format!("{id} {} characterisation", c.item),
        None,
        |cx, bc, oc, tc| {
            let mut it = Item::new(cx, format!("{id} {} characterisation", oc.item));
            let value = it.keep("value", bc.map(|x| &x.value), &oc.value, &tc.value, |v| {
                v.code().to_string()
            });
            let assessor = it.keep(
                "assessor",
                bc.map(|x| &x.assessor),
                &oc.assessor,
                &tc.assessor,
                |s| words(s),
            );
            let note = it.text("note", bc.map(|x| &x.note), &oc.note, &tc.note, "\n");
            Characterisation {
                value,
                assessor,
                note: it.with_other(note),
                ..oc.clone()
            }
        },
    );
    let mut assessor_ratings = keyed(
        cx,
        b.map_or(&[][..], |x| &x.assessor_ratings),
        &o.assessor_ratings,
        &t.assessor_ratings,
        |r| (r.attribute.clone(), r.instance.clone(), r.assessor.clone()),
        |r| format!("{}, {}'s rating", slot(r), r.assessor),
        None,
        |cx, _, or, _| {
            cx.conflict(
                &format!("{}, {}'s rating", slot(or), or.assessor),
                "changed on both sides (ours kept)".into(),
            );
            or.clone()
        },
    );
    for r in extra {
        assessor_ratings.retain(|x| {
            !(x.attribute == r.attribute && x.instance == r.instance && x.assessor == r.assessor)
        });
        assessor_ratings.push(r);
    }
    let not_applicable = keyed(
        cx,
        b.map_or(&[][..], |x| &x.not_applicable),
        &o.not_applicable,
        &t.not_applicable,
        |n| (n.instance.clone(), n.attribute.clone()),
        |n| format!("{id} instance {} not applicable", n.instance),
        None,
        |cx, bn, on, tn| {
            let mut it = Item::new(cx, format!("{id} instance {} not applicable", on.instance));
            let reason = it.text(
                "reason",
                bn.map(|x| &x.reason),
                &on.reason,
                &tn.reason,
                "\n",
            );
            NotApplicable {
                reason,
                ..on.clone()
            }
        },
    );
    ProcessRecord {
        id: o.id.clone(),
        target,
        instances,
        ratings: ratings.into_iter().filter(|r| !r.is_blank()).collect(),
        characterisations,
        assessor_ratings,
        not_applicable,
    }
}

/// The names under which the two sides' ratings are kept in `assessor_ratings`.
fn labels(o: &RatingRecord, t: &RatingRecord) -> (String, String) {
    let name = |r: &RatingRecord, side: &str| {
        if r.assessor.trim().is_empty() {
            side.to_string()
        } else {
            r.assessor.trim().to_string()
        }
    };
    let (lo, lt) = (name(o, "ours"), name(t, "theirs"));
    if lo == lt {
        (format!("{lo} (ours)"), format!("{lt} (theirs)"))
    } else {
        (lo, lt)
    }
}

/// A rating record both sides changed, field by field; any conflict flags it for review.
pub(super) fn rating(
    cx: &mut Ctx,
    place: String,
    b: Option<&RatingRecord>,
    o: &RatingRecord,
    t: &RatingRecord,
    extra: &mut Vec<RatingRecord>,
) -> RatingRecord {
    let mut it = Item::new(cx, place);
    let (mut value, c) = pick(b.map(|x| &x.rating), &o.rating, &t.rating);
    if c && o.rating.is_none() {
        // Cleared on our side, changed on theirs: the changed rating is kept.
        value = t.rating.clone();
    }
    if c {
        it.conflicted = true;
        let show = |r: &RatingRecord| r.rating().map_or("not rated", |x| x.code()).to_string();
        let (lo, lt) = labels(o, t);
        it.cx.conflict(
            &it.place,
            format!(
                "rating: ours {} ({lo}), theirs {} ({lt}): both kept in assessor_ratings, flagged for review",
                show(o),
                show(t)
            ),
        );
        for (r, label) in [(o, lo), (t, lt)] {
            if r.rating.is_none() {
                continue;
            }
            extra.push(RatingRecord {
                assessor: label,
                review: None,
                ..r.clone()
            });
        }
    }
    let confidence = it.keep(
        "confidence",
        b.map(|x| &x.confidence),
        &o.confidence,
        &t.confidence,
        opt,
    );
    let assessor = it.keep(
        "assessor",
        b.map(|x| &x.assessor),
        &o.assessor,
        &t.assessor,
        |s| words(s),
    );
    let evidence = set3(b.map(|x| &x.evidence), &o.evidence, &t.evidence);
    let (review, c) = pick(b.map(|x| &x.review), &o.review, &t.review);
    let review = if c { Some(Review::Flagged) } else { review };
    let rationale = it.text(
        "rationale",
        b.map(|x| &x.rationale),
        &o.rationale,
        &t.rationale,
        "\n",
    );
    let note = it.text("note", b.map(|x| &x.note), &o.note, &t.note, "\n");
    RatingRecord {
        attribute: o.attribute.clone(),
        instance: o.instance.clone(),
        rating: value,
        confidence,
        assessor,
        evidence,
        review: if it.conflicted {
            Some(Review::Flagged)
        } else {
            review
        },
        rationale,
        note: it.with_other(note),
    }
}

pub(super) fn evidence(cx: &mut Ctx, b: Option<&Evidence>, o: &Evidence, t: &Evidence) -> Evidence {
    let mut it = Item::new(cx, format!("evidence {}", o.id));
    let title = it.text("title", b.map(|x| &x.title), &o.title, &t.title, " ");
    let kind = it.keep("kind", b.map(|x| &x.kind), &o.kind, &t.kind, |k| {
        k.to_string()
    });
    let location = it.text(
        "location",
        b.map(|x| &x.location),
        &o.location,
        &t.location,
        " ",
    );
    let path = it.keep("path", b.map(|x| &x.path), &o.path, &t.path, |s| words(s));
    let sha256 = it.keep("sha256", b.map(|x| &x.sha256), &o.sha256, &t.sha256, |s| {
        words(s)
    });
    let date = it.keep("date", b.map(|x| &x.date), &o.date, &t.date, |s| words(s));
    let owner = it.keep("owner", b.map(|x| &x.owner), &o.owner, &t.owner, |s| {
        words(s)
    });
    let note = it.text("note", b.map(|x| &x.note), &o.note, &t.note, "\n");
    Evidence {
        id: o.id.clone(),
        title,
        kind,
        location,
        path,
        sha256,
        date,
        owner,
        note: it.with_other(note),
    }
}

pub(super) fn acknowledgement(
    cx: &mut Ctx,
    b: Option<&Acknowledgement>,
    o: &Acknowledgement,
    t: &Acknowledgement,
) -> Acknowledgement {
    let mut it = Item::new(cx, format!("acknowledgement of {}", o.warning));
    let justification = it.text(
        "justification",
        b.map(|x| &x.justification),
        &o.justification,
        &t.justification,
        "\n",
    );
    let by = it.keep("by", b.map(|x| &x.by), &o.by, &t.by, |s| words(s));
    let date = it.keep("date", b.map(|x| &x.date), &o.date, &t.date, |s| words(s));
    Acknowledgement {
        warning: o.warning.clone(),
        justification: it.with_other(justification),
        by,
        date,
    }
}

pub(super) fn finding(cx: &mut Ctx, b: Option<&Finding>, o: &Finding, t: &Finding) -> Finding {
    let mut it = Item::new(cx, format!("finding {}", o.id));
    let process = it.keep(
        "process",
        b.map(|x| &x.process),
        &o.process,
        &t.process,
        |s| s.to_string(),
    );
    let attribute = it.keep(
        "attribute",
        b.map(|x| &x.attribute),
        &o.attribute,
        &t.attribute,
        opt,
    );
    let instance = it.keep(
        "instance",
        b.map(|x| &x.instance),
        &o.instance,
        &t.instance,
        opt,
    );
    let kind = it.keep("kind", b.map(|x| &x.kind), &o.kind, &t.kind, |k| {
        k.to_string()
    });
    let severity = it.keep(
        "severity",
        b.map(|x| &x.severity),
        &o.severity,
        &t.severity,
        opt,
    );
    let text = it.text("text", b.map(|x| &x.text), &o.text, &t.text, "\n");
    let source = it.text("source", b.map(|x| &x.source), &o.source, &t.source, " ");
    let interview = it.keep(
        "interview",
        b.map(|x| &x.interview),
        &o.interview,
        &t.interview,
        opt,
    );
    let evidence = set3(b.map(|x| &x.evidence), &o.evidence, &t.evidence);
    let author = it.keep("author", b.map(|x| &x.author), &o.author, &t.author, |s| {
        words(s)
    });
    let date = it.keep("date", b.map(|x| &x.date), &o.date, &t.date, |s| words(s));
    Finding {
        id: o.id.clone(),
        process,
        attribute,
        instance,
        kind,
        // A severity is said of weaknesses only.
        severity: severity.filter(|_| kind == FindingKind::Weakness),
        text: it.with_other(text),
        source,
        interview,
        evidence,
        author,
        date,
    }
}

pub(super) fn action(cx: &mut Ctx, b: Option<&Action>, o: &Action, t: &Action) -> Action {
    let mut it = Item::new(cx, format!("action {}", o.id));
    let title = it.text("title", b.map(|x| &x.title), &o.title, &t.title, " ");
    let description = it.text(
        "description",
        b.map(|x| &x.description),
        &o.description,
        &t.description,
        "\n",
    );
    let process = it.keep(
        "process",
        b.map(|x| &x.process),
        &o.process,
        &t.process,
        opt,
    );
    let attributes = set3(b.map(|x| &x.attributes), &o.attributes, &t.attributes);
    let findings = set3(b.map(|x| &x.findings), &o.findings, &t.findings);
    let owner = it.keep("owner", b.map(|x| &x.owner), &o.owner, &t.owner, |s| {
        words(s)
    });
    let due = it.keep("due", b.map(|x| &x.due), &o.due, &t.due, |s| words(s));
    let priority = it.keep(
        "priority",
        b.map(|x| &x.priority),
        &o.priority,
        &t.priority,
        opt,
    );
    let effort = it.keep("effort", b.map(|x| &x.effort), &o.effort, &t.effort, opt);
    let status = it.keep("status", b.map(|x| &x.status), &o.status, &t.status, |s| {
        s.to_string()
    });
    let note = it.text("note", b.map(|x| &x.note), &o.note, &t.note, "\n");
    let mut history = o.history.clone();
    for h in &t.history {
        if !history.contains(h) {
            history.push(h.clone());
        }
    }
    history.sort_by(|x, y| x.date.as_str().cmp(y.date.as_str()));
    let carried = it.keep(
        "carried",
        b.map(|x| &x.carried),
        &o.carried,
        &t.carried,
        |c| c.as_ref().map_or("none".into(), |c| words(&c.from)),
    );
    Action {
        id: o.id.clone(),
        title,
        description,
        process,
        attributes,
        findings,
        owner,
        due,
        priority,
        effort,
        status,
        note: it.with_other(note),
        history,
        carried,
    }
}

pub(super) fn interview(
    cx: &mut Ctx,
    b: Option<&Interview>,
    o: &Interview,
    t: &Interview,
) -> Interview {
    let mut it = Item::new(cx, format!("interview {}", o.id));
    let who = it.text("who", b.map(|x| &x.who), &o.who, &t.who, " ");
    let role = it.keep("role", b.map(|x| &x.role), &o.role, &t.role, |s| words(s));
    let at = it.keep("at", b.map(|x| &x.at), &o.at, &t.at, |s| words(s));
    let minutes = it.keep(
        "minutes",
        b.map(|x| &x.minutes),
        &o.minutes,
        &t.minutes,
        |m| m.as_ref().map_or("none".into(), |m| m.to_string()),
    );
    let processes = set3(b.map(|x| &x.processes), &o.processes, &t.processes);
    let mut assessors = o.assessors.clone();
    let dropped = |n: &String| {
        b.is_some_and(|x| x.assessors.contains(n)) && !o.assessors.contains(n)
            || b.is_some_and(|x| x.assessors.contains(n)) && !t.assessors.contains(n)
    };
    assessors.retain(|n| !dropped(n));
    for n in &t.assessors {
        if !assessors.contains(n) && !dropped(n) {
            assessors.push(n.clone());
        }
    }
    let status = it.keep("status", b.map(|x| &x.status), &o.status, &t.status, |s| {
        s.to_string()
    });
    let notes = it.text("notes", b.map(|x| &x.notes), &o.notes, &t.notes, "\n");
    Interview {
        id: o.id.clone(),
        who,
        role,
        at,
        minutes,
        processes,
        assessors,
        status,
        notes: it.with_other(notes),
    }
}

pub(super) fn request(cx: &mut Ctx, b: Option<&Request>, o: &Request, t: &Request) -> Request {
    let mut it = Item::new(cx, format!("request {}", o.id));
    let what = it.text("what", b.map(|x| &x.what), &o.what, &t.what, "\n");
    let from = it.keep("from", b.map(|x| &x.from), &o.from, &t.from, |s| words(s));
    let due = it.keep("due", b.map(|x| &x.due), &o.due, &t.due, |s| words(s));
    let interview = it.keep(
        "interview",
        b.map(|x| &x.interview),
        &o.interview,
        &t.interview,
        opt,
    );
    let status = it.keep("status", b.map(|x| &x.status), &o.status, &t.status, |s| {
        s.to_string()
    });
    let received = it.keep(
        "received",
        b.map(|x| &x.received),
        &o.received,
        &t.received,
        |s| words(s),
    );
    let evidence = it.keep(
        "evidence",
        b.map(|x| &x.evidence),
        &o.evidence,
        &t.evidence,
        opt,
    );
    // A request has no note: the other versions of its fields go after what it asks for.
    Request {
        id: o.id.clone(),
        what: it.with_other(what),
        from,
        due,
        interview,
        status,
        received,
        evidence,
    }
}

pub(super) fn question(cx: &mut Ctx, b: Option<&Question>, o: &Question, t: &Question) -> Question {
    let mut it = Item::new(cx, format!("question {} of {}", o.question, o.process));
    let interview = it.keep(
        "interview",
        b.map(|x| &x.interview),
        &o.interview,
        &t.interview,
        opt,
    );
    let asked = it.keep("asked", b.map(|x| &x.asked), &o.asked, &t.asked, |a| {
        a.to_string()
    });
    let item = it.keep("item", b.map(|x| &x.item), &o.item, &t.item, opt);
    let answer = it.text("answer", b.map(|x| &x.answer), &o.answer, &t.answer, "\n");
    Question {
        process: o.process.clone(),
        question: o.question.clone(),
        interview,
        asked,
        answer: it.with_other(answer),
        item,
    }
}

/// A row of the Statement of Applicability: `applicable` kept as OURS's on a conflict (THEIRS's
/// noted in the justification), the texts both kept.
pub(super) fn soa_row(
    cx: &mut Ctx,
    b: Option<&crate::assessment::soa::SoaEntry>,
    o: &crate::assessment::soa::SoaEntry,
    t: &crate::assessment::soa::SoaEntry,
) -> crate::assessment::soa::SoaEntry {
    let mut it = Item::new(cx, format!("statement of applicability of {}", o.control));
    let yn = |v: &bool| if *v { "yes" } else { "no" }.to_string();
    let applicable = it.keep(
        "applicable",
        b.map(|x| &x.applicable),
        &o.applicable,
        &t.applicable,
        yn,
    );
    let justification = it.text(
        "justification",
        b.map(|x| &x.justification),
        &o.justification,
        &t.justification,
        " ",
    );
    let implementation = it.text(
        "implementation",
        b.map(|x| &x.implementation),
        &o.implementation,
        &t.implementation,
        " ",
    );
    crate::assessment::soa::SoaEntry {
        control: o.control.clone(),
        applicable,
        justification: it.with_other(justification),
        implementation,
    }
}
