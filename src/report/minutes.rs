//! The minutes of one interview, for the interviewee to validate: who, when, with whom, the
//! processes covered, the questions asked with the answers heard, the findings captured in it
//! and the documents asked for. Never the
//! assessors' private notes (of the interview or of ratings). Built here, pure; printed as text
//! by [`Minutes::text`] and as a PDF by [`super::pdf::render_minutes`].

use crate::assessment::Assessment;
use crate::model::Model;
use serde::Serialize;
use std::fmt::Write as _;

/// What the minutes of one interview say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Minutes {
    /// The assessment's title and organisational unit.
    pub assessment: String,
    pub unit: String,
    pub id: String,
    pub who: String,
    pub role: String,
    /// "2026-11-20 14:00", or empty.
    pub when: String,
    pub minutes: Option<u32>,
    pub status: String,
    pub assessors: Vec<String>,
    /// (id, name) of the processes covered.
    pub processes: Vec<(String, String)>,
    /// The questions of the model's guidance asked in it, with the answers heard.
    pub questions: Vec<MinutesQuestion>,
    pub findings: Vec<MinutesFinding>,
    pub requests: Vec<MinutesRequest>,
}

/// A question asked in the interview, and the answer heard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinutesQuestion {
    pub process: String,
    pub id: String,
    pub text: String,
    pub answer: String,
}

/// A finding captured in the interview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinutesFinding {
    pub id: String,
    /// "ISMS.CORE.3 PA2.1 (Lyon)".
    pub place: String,
    /// "weakness (high)", "strength".
    pub kind: String,
    pub text: String,
}

/// A document asked for in the interview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinutesRequest {
    pub id: String,
    pub what: String,
    pub from: String,
    pub due: String,
    pub status: String,
}

/// The minutes of interview `id`, or `None` when there is no such interview.
pub fn minutes(model: &Model, a: &Assessment, id: &str) -> Option<Minutes> {
    let i = a.interview(id)?;
    Some(Minutes {
        assessment: a.assessment.title.clone(),
        unit: a.assessment.unit.clone(),
        id: i.id.to_string(),
        who: i.who.clone(),
        role: i.role.clone(),
        when: i.when(),
        minutes: i.minutes.as_ref().map(|m| **m),
        status: i.status.to_string(),
        assessors: i.assessors.clone(),
        processes: i
            .processes
            .iter()
            .map(|p| {
                (
                    p.to_string(),
                    model
                        .process(p)
                        .map(|mp| mp.name.clone())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        questions: a
            .questions_of_interview(&i.id)
            .filter(|q| q.asked)
            .map(|q| MinutesQuestion {
                process: q.process.to_string(),
                id: q.question.to_string(),
                text: crate::assessment::interview_rules::question_text(
                    model,
                    &q.process,
                    &q.question,
                )
                .unwrap_or_default()
                .to_string(),
                answer: q.answer.clone(),
            })
            .collect(),
        findings: a
            .findings_of_interview(&i.id)
            .map(|f| MinutesFinding {
                id: f.id.to_string(),
                place: f.place(),
                kind: match f.severity {
                    Some(s) => format!("{} ({s})", f.kind),
                    None => f.kind.to_string(),
                },
                text: f.text.clone(),
            })
            .collect(),
        requests: a
            .requests_of_interview(&i.id)
            .map(|r| MinutesRequest {
                id: r.id.to_string(),
                what: r.what.clone(),
                from: r.from.clone(),
                due: r.due.to_string(),
                status: r.status.to_string(),
            })
            .collect(),
    })
}

impl Minutes {
    /// "Ana Silva (CISO)".
    pub fn interviewee(&self) -> String {
        if self.role.trim().is_empty() {
            self.who.clone()
        } else {
            format!("{} ({})", self.who, self.role)
        }
    }

    /// "2026-11-20 14:00, 60 minutes".
    pub fn when_and_length(&self) -> String {
        let mut s = self.when.clone();
        if let Some(m) = self.minutes {
            if !s.is_empty() {
                s.push_str(", ");
            }
            s.push_str(&format!("{m} minutes"));
        }
        s
    }

    /// The minutes as plain text, for the terminal or an e-mail.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let title = format!("Minutes of interview {}: {}", self.id, self.assessment);
        let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
        let mut field = |label: &str, value: &str| {
            if !value.trim().is_empty() {
                let _ = writeln!(out, "{label:<13}{value}");
            }
        };
        field("Unit:", &self.unit);
        field("Interviewee:", &self.interviewee());
        field("When:", &self.when_and_length());
        field("Status:", &self.status);
        field("Assessors:", &self.assessors.join(", "));
        let _ = writeln!(out, "\nProcesses covered");
        if self.processes.is_empty() {
            let _ = writeln!(out, "  none recorded");
        }
        for (id, name) in &self.processes {
            let _ = writeln!(out, "  {id} {name}");
        }
        if !self.questions.is_empty() {
            let _ = writeln!(out, "\nQuestions asked");
        }
        for q in &self.questions {
            let _ = writeln!(out, "  {} {}: {}", q.process, q.id, q.text);
            for line in q.answer.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        let _ = writeln!(out, "\nFindings");
        if self.findings.is_empty() {
            let _ = writeln!(out, "  none recorded");
        }
        for f in &self.findings {
            let _ = writeln!(out, "  {} {}, {}:", f.id, f.place, f.kind);
            for line in f.text.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        let _ = writeln!(out, "\nDocuments requested");
        if self.requests.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for r in &self.requests {
            let mut s = format!("  {} {}", r.id, r.what);
            if !r.from.is_empty() {
                s.push_str(&format!(", from {}", r.from));
            }
            if !r.due.is_empty() {
                s.push_str(&format!(", due {}", r.due));
            }
            s.push_str(&format!(" ({})", r.status));
            let _ = writeln!(out, "{s}");
        }
        let _ = writeln!(
            out,
            "\nPlease tell the assessors of anything that is not as you said it."
        );
        out
    }
}
