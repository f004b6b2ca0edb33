//! The minutes of one interview as a short PDF (`capra minutes FILE I-001 --pdf PATH`): the
//! same content as the text, for the interviewee to read and validate.

use super::document::save;
use super::error::PdfError;
use super::layout::{Layout, b as bold, c as cell};
use super::style::{BODY, MARGIN, PAGE_H, PAGE_W, accent, grey};
use crate::report::minutes::Minutes;

/// The minutes as PDF bytes.
pub fn render_minutes(m: &Minutes) -> Result<Vec<u8>, PdfError> {
    let mut l = Layout::new(None)?;
    l.y = PAGE_H - 90.0;
    l.para_styled(&m.assessment, 12.0, false, grey(), 0.0);
    l.space(4.0);
    l.para_styled(
        &format!("Minutes of interview {}", m.id),
        20.0,
        true,
        accent(),
        0.0,
    );
    l.space(10.0);
    l.field("Unit", &m.unit);
    l.field("Interviewee", &m.interviewee());
    l.field("When", &m.when_and_length());
    l.field("Status", &m.status);
    l.field("Assessors", &m.assessors.join(", "));
    let width = PAGE_W - 2.0 * MARGIN;

    l.heading("Processes covered", 13.0);
    if m.processes.is_empty() {
        l.para("None recorded.");
    } else {
        let rows: Vec<_> = m
            .processes
            .iter()
            .map(|(id, name)| vec![bold(id.clone()), cell(name.clone())])
            .collect();
        l.table(
            &[("Process".into(), 110.0), ("Name".into(), width - 110.0)],
            &rows,
        );
    }

    if !m.questions.is_empty() {
        l.heading("Questions asked", 13.0);
        let rows: Vec<_> = m
            .questions
            .iter()
            .map(|q| {
                vec![
                    bold(format!("{}\n{}", q.process, q.id)),
                    cell(q.text.clone()),
                    cell(q.answer.clone()),
                ]
            })
            .collect();
        l.table(
            &[
                ("Question".into(), 80.0),
                ("Asked".into(), (width - 80.0) / 2.0),
                ("Heard".into(), (width - 80.0) / 2.0),
            ],
            &rows,
        );
    }

    l.heading("Findings", 13.0);
    if m.findings.is_empty() {
        l.para("None recorded.");
    } else {
        let rows: Vec<_> = m
            .findings
            .iter()
            .map(|f| {
                vec![
                    bold(f.id.clone()),
                    cell(format!("{}\n{}", f.place, f.kind)),
                    cell(f.text.clone()),
                ]
            })
            .collect();
        l.table(
            &[
                ("Id".into(), 45.0),
                ("About".into(), 130.0),
                ("What was found".into(), width - 175.0),
            ],
            &rows,
        );
    }

    l.heading("Documents requested", 13.0);
    if m.requests.is_empty() {
        l.para("None.");
    } else {
        let rows: Vec<_> = m
            .requests
            .iter()
            .map(|r| {
                vec![
                    bold(r.id.clone()),
                    cell(r.what.clone()),
                    cell(r.from.clone()),
                    cell(r.due.clone()),
                    cell(r.status.clone()),
                ]
            })
            .collect();
        l.table(
            &[
                ("Id".into(), 45.0),
                ("Document".into(), width - 285.0),
                ("From".into(), 110.0),
                ("Due".into(), 70.0),
                ("Status".into(), 60.0),
            ],
            &rows,
        );
    }
    l.space(14.0);
    l.para_styled(
        "Please tell the assessors of anything that is not as you said it.",
        BODY,
        false,
        grey(),
        0.0,
    );
    let title = format!("Minutes of interview {}", m.id);
    let trace = format!(
        "capra {} · {} · {}",
        crate::report::CAPRA_VERSION,
        m.assessment,
        m.id
    );
    let date = m.when.split(' ').next().unwrap_or_default().to_string();
    let seed = format!("{}{}{}", m.assessment, m.id, m.when);
    save(l, &title, &trace, &title, &date, &seed, &Default::default()).map(|(b, _)| b)
}
