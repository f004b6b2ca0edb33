//! Search and jump: the search box's live results over the model's text and the
//! assessment's own (notes, findings, evidence, actions, interviews, requests, answers), and the
//! jump-to-a-process prompt's matching. A plain scan, case- and accent-insensitive: the example
//! has a few hundred texts, so each keystroke searches them all again.

use super::app::App;
use super::overlay::Overlay;
use crate::assessment::plan::id_order;

/// Where a result takes Enter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A process, and one of its attributes and instances when given.
    Place {
        process: String,
        attribute: Option<String>,
        instance: Option<String>,
    },
    /// A finding, selected in the detail pane of its process and attribute.
    Finding(String),
    /// An evidence item: where it is first used, or the picker.
    Evidence(String),
    /// An action, selected in the improvement plan.
    Action(String),
    /// Nowhere to go: this is said instead.
    Say(String),
}

/// One result: what it is and where (`note · ISMS.CORE.3 PA2.1`), the text around the match,
/// and where Enter goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub what: String,
    pub snippet: String,
    pub target: Target,
}

/// A character lower-cased and stripped of its accent (`Ö` → `o`), one for one, so that
/// positions in a folded text are positions in the original.
fn fold_char(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => 'g',
        'ì'..='ï' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ĺ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ŝ' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù'..='ü' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// A text lower-cased and without accents, for matching: "Jörg" and "JORG" are both "jorg".
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The text around the first match of the folded query in `s`, on one line, or `None` when it
/// does not match.
fn snippet(s: &str, q: &str) -> Option<String> {
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let folded: String = chars.iter().map(|c| fold_char(*c)).collect();
    let at = folded.find(q)?;
    let start = folded[..at].chars().count();
    let from = start.saturating_sub(20);
    let text: String = chars[from..].iter().take(90).collect();
    let mut out = if from > 0 {
        format!("…{}", text.trim_start())
    } else {
        text
    };
    if from + 90 < chars.len() {
        out.push('…');
    }
    Some(out)
}

/// The first of several texts that matches, as a snippet.
fn first<'a>(texts: impl IntoIterator<Item = &'a str>, q: &str) -> Option<String> {
    texts.into_iter().find_map(|t| snippet(t, q))
}

/// `PROCESS ATTRIBUTE (INSTANCE)`, the place a note or a finding is about.
fn place(process: &str, attribute: Option<&str>, instance: Option<&str>) -> String {
    let mut s = process.to_string();
    if let Some(a) = attribute {
        s = format!("{s} {a}");
    }
    if let Some(i) = instance {
        s = format!("{s} ({i})");
    }
    s
}

impl App {
    /// The query typed in the search box, if it is open.
    pub fn search_query(&self) -> Option<String> {
        match &self.overlay {
            Some(Overlay::Search(s)) => Some(s.text.lines().join(" ").trim().to_string()),
            _ => None,
        }
    }

    /// Every result of the query in the search box, in this order: the processes whose model
    /// text matches, then notes and rationales of ratings, notes of characterisations, findings, evidence, actions, interviews,
    /// requests and answers. Empty when the query is.
    pub fn search_hits(&self) -> Vec<Hit> {
        match (self.search_query(), &self.doc) {
            (Some(q), Some(_)) if !q.is_empty() => self.hits_of(&fold(&q)),
            _ => Vec::new(),
        }
    }

    /// The results of a folded, non-empty query.
    fn hits_of(&self, q: &str) -> Vec<Hit> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let a = &doc.assessment;
        let mut out = Vec::new();
        for pr in &a.processes {
            let Some(p) = doc.model.process(&pr.id) else {
                continue;
            };
            let texts = [p.id.as_str(), &p.name, &p.purpose, &p.description]
                .into_iter()
                .chain(p.outcomes.iter().map(|o| o.text.as_str()))
                .chain(
                    p.base_practices
                        .iter()
                        .chain(p.information_items.iter())
                        .flat_map(|i| [i.id.as_str(), &i.name, &i.text]),
                )
                .chain(p.guidance.questions.iter().map(|s| s.as_str()))
                .chain(p.guidance.evidence.iter().map(|s| s.as_str()));
            if let Some(snippet) = first(texts, q) {
                out.push(Hit {
                    what: format!("process {} {}", p.id, p.name),
                    snippet,
                    target: Target::Place {
                        process: p.id.to_string(),
                        attribute: None,
                        instance: None,
                    },
                });
            }
        }
        for pr in &a.processes {
            for r in &pr.ratings {
                let inst = r.instance.as_ref().map(|i| i.to_string());
                for (word, text) in [("note", &r.note), ("rationale", &r.rationale)] {
                    if let Some(snippet) = snippet(text, q) {
                        out.push(Hit {
                            what: format!(
                                "{word} · {}",
                                place(&pr.id, Some(&r.attribute), inst.as_deref())
                            ),
                            snippet,
                            target: Target::Place {
                                process: pr.id.to_string(),
                                attribute: Some(r.attribute.to_string()),
                                instance: inst.clone(),
                            },
                        });
                    }
                }
            }
        }
        for pr in &a.processes {
            for c in pr.characterisations.iter().filter(|c| !c.note.is_empty()) {
                let Some(snippet) = snippet(&c.note, q) else {
                    continue;
                };
                let attr = doc
                    .model
                    .attributes()
                    .find(|x| {
                        doc.model
                            .items_under(&pr.id, &x.id)
                            .iter()
                            .any(|(i, _)| i == c.item.as_str())
                    })
                    .map(|x| x.id.to_string());
                let inst = c.instance.as_ref().map(|i| i.to_string());
                let at = place(&pr.id, attr.as_deref(), inst.as_deref());
                out.push(Hit {
                    what: format!("note on {} · {at}", c.item),
                    snippet,
                    target: Target::Place {
                        process: pr.id.to_string(),
                        attribute: attr,
                        instance: inst,
                    },
                });
            }
        }
        let mut findings: Vec<_> = a.findings.iter().collect();
        findings.sort_by(|x, y| id_order("F-", &x.id, &y.id));
        for f in findings {
            if let Some(snippet) = first([f.text.as_str(), &f.source, &f.id], q) {
                out.push(Hit {
                    what: format!(
                        "finding {} · {}",
                        f.id,
                        place(
                            &f.process,
                            f.attribute.as_ref().map(|x| x.as_str()),
                            f.instance.as_ref().map(|x| x.as_str())
                        )
                    ),
                    snippet,
                    target: Target::Finding(f.id.to_string()),
                });
            }
        }
        for e in &a.evidence {
            let texts = [e.title.as_str(), &e.location, &e.path, &e.note, &e.id];
            if let Some(snippet) = first(texts, q) {
                out.push(Hit {
                    what: format!("evidence {}", e.id),
                    snippet,
                    target: Target::Evidence(e.id.to_string()),
                });
            }
        }
        let mut actions: Vec<_> = a.actions.iter().collect();
        actions.sort_by(|x, y| id_order("A-", &x.id, &y.id));
        for x in actions {
            let texts = [x.title.as_str(), &x.description, &x.note, &x.owner, &x.id];
            if let Some(snippet) = first(texts, q) {
                let at = x
                    .process
                    .as_ref()
                    .map(|p| format!(" · {p}"))
                    .unwrap_or_default();
                out.push(Hit {
                    what: format!("action {}{at}", x.id),
                    snippet,
                    target: Target::Action(x.id.to_string()),
                });
            }
        }
        for i in &a.interviews {
            if let Some(snippet) = first([i.who.as_str(), &i.role, &i.notes, &i.id], q) {
                let target = match i.processes.first() {
                    Some(p) => Target::Place {
                        process: p.to_string(),
                        attribute: None,
                        instance: None,
                    },
                    None => Target::Say(format!("{}: {} ({})", i.id, i.who, i.at.get())),
                };
                out.push(Hit {
                    what: format!("interview {} · {}", i.id, i.who),
                    snippet,
                    target,
                });
            }
        }
        for r in &a.requests {
            if let Some(snippet) = first([r.what.as_str(), &r.from, &r.id], q) {
                let target = match &r.evidence {
                    Some(e) => Target::Evidence(e.to_string()),
                    None => Target::Say(format!("{}: {} (from {})", r.id, r.what, r.from)),
                };
                out.push(Hit {
                    what: format!("request {}", r.id),
                    snippet,
                    target,
                });
            }
        }
        for x in &a.questions {
            if let Some(snippet) = snippet(&x.answer, q) {
                out.push(Hit {
                    what: format!("answer · {} {}", x.process, x.question),
                    snippet,
                    target: Target::Place {
                        process: x.process.to_string(),
                        attribute: None,
                        instance: None,
                    },
                });
            }
        }
        out
    }

    /// The processes of the assessment a jump prompt's text names: those whose id ends with it
    /// (`CORE.3`, `core3`, `ISMS.CORE.3`, dots and case aside), else those whose id or name
    /// starts with it. With `prefix`, ids that start with it count too (for completion).
    pub fn goto_matches(&self, typed: &str, prefix: bool) -> Vec<(String, String)> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let squash = |s: &str| -> String {
            fold(s)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        };
        let want = squash(typed);
        let name_want = fold(typed.trim());
        if want.is_empty() {
            return Vec::new();
        }
        let all: Vec<(String, String)> = doc
            .assessment
            .processes
            .iter()
            .map(|p| {
                let name = doc
                    .model
                    .process(&p.id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                (p.id.to_string(), name)
            })
            .collect();
        // The id's tails by segment: ISMS.CORE.3 → ismscore3, core3, 3.
        let tails = |id: &str| -> Vec<String> {
            let parts: Vec<&str> = id.split('.').collect();
            (0..parts.len())
                .map(|i| squash(&parts[i..].join("")))
                .collect()
        };
        let exact: Vec<(String, String)> = all
            .iter()
            .filter(|(id, _)| tails(id).contains(&want))
            .cloned()
            .collect();
        if !exact.is_empty() && !prefix {
            return exact;
        }
        all.into_iter()
            .filter(|(id, name)| {
                tails(id)
                    .iter()
                    .any(|t| t == &want || (prefix && t.starts_with(&want)))
                    || fold(name).starts_with(&name_want)
            })
            .collect()
    }
}
