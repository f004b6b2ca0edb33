//! The rules a model must satisfy, as checks that list every violation: ISO/IEC 33003's
//! requirements for a measurement framework, and ISO/IEC 33004's for a process reference and
//! assessment model.
//!
//! Over 900 lines because of its tests: the checks are about 520 lines, and a broken model for
//! each rule stays beside them.
//!
//! Checked for a measurement framework (ISO/IEC 33003): levels numbered from 0 without holes;
//! unique ids; every level above 0 has attributes; every attribute has achievements; every
//! generic practice or resource maps to achievements of its own attribute and every achievement
//! is covered by one; the rating scale has N, P, L and F with bands that join from 0 to 100 %,
//! and refined values lie inside the band they refine.
//!
//! Checked for a process model (ISO/IEC 33004): it names its framework and the levels it covers,
//! its domain, context of use, community of interest and a conformity statement; unique ids;
//! every process has a name, a category that exists, a purpose and outcomes; a short name, when
//! given, is not empty, not longer than the name and unique in the model; every base practice
//! and information item maps to at least one outcome of its own process; every outcome is covered
//! by at least one indicator; in a model of more than one process, every process names its
//! related processes; related processes, and process ids written in inputs and outputs, exist;
//! a mapping to another reference model names that model.
//!
//! Warnings, which do not stop a model from being used: a relationship listed one way only, and
//! a process named in inputs or outputs but not listed in `related`.
//!
//! Not checked, because no program can: that outcomes are necessary and sufficient for the
//! purpose, and that process texts speak of performing the process rather than managing it.

use super::{Achievement, Framework, Indicator, ProcessModel};
use crate::located::Id;
use crate::rating::Rating;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::ops::Range;

/// One broken rule, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Byte range in the model file, when known.
    pub span: Option<Range<usize>>,
    /// The id of the item at fault (process, outcome, practice, attribute...).
    pub id: String,
    pub message: String,
    /// A warning: worth fixing, but the model can still be used.
    pub warning: bool,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.warning {
            write!(f, "{}: warning: {}", self.id, self.message)
        } else {
            write!(f, "{}: {}", self.id, self.message)
        }
    }
}

#[derive(Default)]
struct Report(Vec<Violation>);

impl Report {
    /// The violations in file order (those without a place first).
    fn sorted(mut self) -> Vec<Violation> {
        self.0.sort_by_key(|v| v.span.as_ref().map(|s| s.start));
        self.0
    }

    fn at(&mut self, id: &Id, message: impl Into<String>) {
        self.at_span(id.span(), id, message);
    }

    fn at_span(&mut self, span: Option<Range<usize>>, id: &str, message: impl Into<String>) {
        self.0.push(Violation {
            span,
            id: id.to_string(),
            message: message.into(),
            warning: false,
        });
    }

    fn warn_at(&mut self, span: Option<Range<usize>>, id: &str, message: impl Into<String>) {
        self.0.push(Violation {
            span,
            id: id.to_string(),
            message: message.into(),
            warning: true,
        });
    }

    /// Reports every id that appears more than once, at each later place.
    fn unique<'a>(&mut self, what: &str, ids: impl IntoIterator<Item = &'a Id>) {
        let mut seen: HashMap<&str, &Id> = HashMap::new();
        for id in ids {
            if id.trim().is_empty() {
                self.at(id, format!("{what} has an empty id"));
                continue;
            }
            if let Some(first) = seen.get(id.as_str()) {
                let msg = match first.span() {
                    Some(_) => format!("duplicate {what} id (first defined earlier in the file)"),
                    None => format!("duplicate {what} id"),
                };
                self.at(id, msg);
            } else {
                seen.insert(id.as_str(), id);
            }
        }
    }

    fn required(&mut self, id: &Id, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.at(id, format!("{field} is missing or empty"));
        }
    }

    /// Every indicator maps to at least one target of `targets`, and every target is covered.
    fn mapping(
        &mut self,
        owner: &str,
        target_kind: &str,
        targets: &[Achievement],
        indicators: &[&Indicator],
    ) {
        let known: HashSet<&str> = targets.iter().map(|t| t.id.as_str()).collect();
        let mut covered: HashSet<&str> = HashSet::new();
        for ind in indicators {
            if ind.maps_to.is_empty() {
                self.at(
                    &ind.id,
                    format!("maps to no {target_kind}: name at least one"),
                );
            }
            for t in &ind.maps_to {
                if known.contains(t.as_str()) {
                    covered.insert(t.as_str());
                } else {
                    self.at(
                        t,
                        format!(
                            "{} maps to {target_kind} {t}, which {owner} does not define",
                            ind.id
                        ),
                    );
                }
            }
            self.required(&ind.id, "name", &ind.name);
        }
        for t in targets {
            if !covered.contains(t.id.as_str()) {
                self.at(
                    &t.id,
                    format!("{target_kind} is not covered by any indicator of {owner}"),
                );
            }
        }
    }
}

/// Checks a measurement framework. An empty list means it passes.
pub fn framework(f: &Framework) -> Vec<Violation> {
    let mut r = Report::default();
    let info = &f.framework;
    r.required(&info.id, "framework name", &info.name);
    r.required(&info.id, "framework version", &info.version);

    // Levels: 0, 1, 2 ... with no hole and no repeat.
    let mut numbers: Vec<u8> = Vec::new();
    for l in &f.levels {
        if numbers.contains(&l.level) {
            r.at_span(
                l.level.span(),
                &format!("level {}", *l.level),
                "duplicate level",
            );
        }
        numbers.push(*l.level);
        if l.name.trim().is_empty() {
            r.at_span(
                l.level.span(),
                &format!("level {}", *l.level),
                "level name is empty",
            );
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.first() != Some(&0) {
        r.at(&info.id, "levels must start at level 0 (Incomplete)");
    }
    for w in numbers.windows(2) {
        if w[1] != w[0] + 1 {
            r.at(&info.id, format!("levels jump from {} to {}", w[0], w[1]));
        }
    }

    // Ids are unique across attributes, achievements, practices and resources.
    r.unique(
        "framework",
        f.attributes.iter().flat_map(|a| {
            std::iter::once(&a.id)
                .chain(a.achievements.iter().map(|x| &x.id))
                .chain(a.generic_practices.iter().map(|x| &x.id))
                .chain(a.generic_resources.iter().map(|x| &x.id))
        }),
    );

    for a in &f.attributes {
        r.required(&a.id, "attribute name", &a.name);
        if a.level == 0 {
            r.at(&a.id, "attributes belong to level 1 or above");
        } else if !numbers.contains(&a.level) {
            r.at(&a.id, format!("level {} is not defined", a.level));
        }
        if a.achievements.is_empty() {
            r.at(&a.id, "attribute has no achievements");
        }
        for ach in &a.achievements {
            r.required(&ach.id, "achievement text", &ach.text);
        }
        let owner = format!("attribute {}", a.id);
        let indicators: Vec<&Indicator> = a
            .generic_practices
            .iter()
            .chain(a.generic_resources.iter())
            .collect();
        r.mapping(&owner, "achievement", &a.achievements, &indicators);
    }
    for &n in numbers.iter().filter(|&&n| n > 0) {
        if !f.attributes.iter().any(|a| a.level == n) {
            r.at(&info.id, format!("level {n} has no process attribute"));
        }
    }

    check_scale(f, &mut r);
    r.sorted()
}

fn check_scale(f: &Framework, r: &mut Report) {
    let info = &f.framework;
    let mut seen: HashSet<&str> = HashSet::new();
    for v in &f.scale {
        let code = v.code.as_str();
        if !seen.insert(code) {
            r.at(&v.code, "duplicate scale value");
        }
        let Ok(rating) = code.parse::<Rating>() else {
            r.at(
                &v.code,
                "not a value capra can rate with: use N, P-, P, P+, L-, L, L+ or F",
            );
            continue;
        };
        if v.above >= v.up_to || v.above.is_nan() || v.up_to.is_nan() {
            r.at(
                &v.code,
                format!("band is empty: above {} up to {}", v.above, v.up_to),
            );
        }
        r.required(&v.code, "scale value name", &v.name);
        match (&v.refines, rating.is_refined()) {
            (Some(parent), true) => {
                if parent.as_str() != rating.base().code() {
                    r.at(
                        parent,
                        format!("{code} refines {}, not {parent}", rating.base()),
                    );
                } else if let Some(p) = f.scale_value(parent) {
                    if v.above < p.above || v.up_to > p.up_to {
                        r.at(
                            &v.code,
                            format!(
                                "band {}-{} % lies outside the band of {parent} ({}-{} %)",
                                v.above, v.up_to, p.above, p.up_to
                            ),
                        );
                    }
                } else {
                    r.at(parent, format!("refines {parent}, which the scale lacks"));
                }
            }
            (None, true) => r.at(
                &v.code,
                format!("a refined value needs refines = \"{}\"", rating.base()),
            ),
            (Some(parent), false) => r.at(parent, format!("{code} is not a refined value")),
            (None, false) => {}
        }
    }
    // The four base values tile 0..100.
    let mut bases: Vec<_> = f.scale.iter().filter(|v| v.refines.is_none()).collect();
    bases.sort_by(|a, b| a.above.total_cmp(&b.above));
    for need in ["N", "P", "L", "F"] {
        if !f.scale.iter().any(|v| v.code == need) {
            r.at(&info.id, format!("the rating scale lacks {need}"));
        }
    }
    if let (Some(first), Some(last)) = (bases.first(), bases.last()) {
        if first.above != 0.0 {
            r.at(&first.code, "the lowest band must start at 0 %");
        }
        if last.up_to != 100.0 {
            r.at(&last.code, "the highest band must end at 100 %");
        }
    }
    for w in bases.windows(2) {
        if w[0].up_to != w[1].above {
            r.at(
                &w[1].code,
                format!(
                    "band starts above {} % but {} ends at {} %",
                    w[1].above, w[0].code, w[0].up_to
                ),
            );
        }
    }
}

/// Checks a process model, against its framework when one is given (without it, the
/// framework reference and the levels covered are reported as unresolved).
pub fn process_model(m: &ProcessModel, framework: Option<&Framework>) -> Vec<Violation> {
    let mut r = Report::default();
    let info = &m.model;
    r.required(&info.id, "model name", &info.name);
    r.required(&info.id, "model version", &info.version);
    r.required(&info.id, "domain", &info.domain);
    r.required(&info.id, "context", &info.context);
    r.required(
        &info.id,
        "community (the community of interest)",
        &info.community,
    );
    r.required(
        &info.id,
        "conformity (the conformity statement)",
        &info.conformity,
    );
    match framework {
        Some(f) if f.framework.id == info.framework => {
            let max = *info.max_level;
            if max < 1 || max > f.max_level() {
                r.at_span(
                    info.max_level.span(),
                    &info.id,
                    format!(
                        "max_level {max} is outside the levels of framework {} (1 to {})",
                        f.framework.id,
                        f.max_level()
                    ),
                );
            }
        }
        _ => r.at(
            &info.framework,
            format!(
                "framework {} is not known: put its file in ./models or give it with --models",
                info.framework
            ),
        ),
    }
    if m.processes.is_empty() {
        r.at(&info.id, "the model has no processes");
    }
    r.unique("category", m.categories.iter().map(|c| &c.id));
    r.unique("process", m.processes.iter().map(|p| &p.id));

    // Item ids of a process share one namespace with the framework's, because a
    // characterisation names an item by id alone.
    let framework_ids: HashSet<&str> = framework
        .map(|f| {
            f.attributes
                .iter()
                .flat_map(|a| {
                    a.achievements
                        .iter()
                        .map(|x| x.id.as_str())
                        .chain(a.generic_practices.iter().map(|x| x.id.as_str()))
                        .chain(a.generic_resources.iter().map(|x| x.id.as_str()))
                })
                .collect()
        })
        .unwrap_or_default();

    let process_ids: HashSet<&str> = m.processes.iter().map(|p| p.id.as_str()).collect();
    let shapes: HashSet<&str> = m.processes.iter().filter_map(|p| id_shape(&p.id)).collect();
    // The related ids of each process (of the first, when an id is used twice).
    let mut related_of: HashMap<&str, HashSet<&str>> = HashMap::new();
    for p in &m.processes {
        related_of
            .entry(p.id.as_str())
            .or_insert_with(|| p.related.iter().map(|x| x.as_str()).collect());
    }
    let mut short_names: HashMap<&str, &str> = HashMap::new();
    for p in &m.processes {
        r.required(&p.id, "process name", &p.name);
        if let Some(short) = &p.short_name {
            let s = short.trim();
            if s.is_empty() {
                r.at(
                    &p.id,
                    "short_name is empty: give a shorter name or leave the key out",
                );
            } else if s.chars().count() > p.name.trim().chars().count() {
                r.at(&p.id, "short_name is longer than the name");
            }
            if !s.is_empty() {
                match short_names.get(s) {
                    Some(first) => r.at(
                        &p.id,
                        format!("short_name \"{s}\" is also the short name of {first}"),
                    ),
                    None => {
                        short_names.insert(s, p.id.as_str());
                    }
                }
            }
        }
        r.required(&p.id, "purpose", &p.purpose);
        if m.category(&p.category).is_none() {
            r.at(
                &p.category,
                format!(
                    "{} names category {}, which the model does not define in [[categories]]",
                    p.id, p.category
                ),
            );
        }
        if p.outcomes.is_empty() {
            r.at(&p.id, "process has no outcomes");
        }
        for o in &p.outcomes {
            r.required(&o.id, "outcome text", &o.text);
        }
        let items: Vec<&Id> = p
            .outcomes
            .iter()
            .map(|x| &x.id)
            .chain(p.base_practices.iter().map(|x| &x.id))
            .chain(p.information_items.iter().map(|x| &x.id))
            .collect();
        r.unique(&format!("{} item", p.id), items.iter().copied());
        for id in &items {
            if framework_ids.contains(id.as_str()) {
                r.at(id, format!("{} item id clashes with a framework id", p.id));
            }
        }
        let owner = format!("process {}", p.id);
        let indicators: Vec<&Indicator> = p
            .base_practices
            .iter()
            .chain(p.information_items.iter())
            .collect();
        r.mapping(&owner, "outcome", &p.outcomes, &indicators);
        for rel in &p.related {
            if rel == &p.id {
                r.at(rel, format!("{} lists itself as related", p.id));
            } else if !process_ids.contains(rel.as_str()) {
                r.at(
                    rel,
                    format!(
                        "{} is related to {rel}, which the model does not define",
                        p.id
                    ),
                );
            } else if related_of
                .get(rel.as_str())
                .is_some_and(|other| !other.contains(p.id.as_str()))
            {
                r.warn_at(
                    rel.span(),
                    &p.id,
                    format!("related to {rel}, which does not list it back"),
                );
            }
        }
        if m.processes.len() > 1 && p.related.is_empty() {
            r.at(
                &p.id,
                "names no related process: list in `related` the processes it exchanges information with",
            );
        }
        let own: HashSet<&str> = p.related.iter().map(|x| x.as_str()).collect();
        for (field, texts) in [("inputs", &p.inputs), ("outputs", &p.outputs)] {
            for named in named_processes(&shapes, texts) {
                if !process_ids.contains(named.as_str()) {
                    r.at(
                        &p.id,
                        format!(
                            "its {field} name process {named}, which the model does not define"
                        ),
                    );
                } else if named != p.id.as_str() && !own.contains(named.as_str()) {
                    r.warn_at(
                        p.id.span(),
                        &p.id,
                        format!("its {field} name {named}, but related does not list it"),
                    );
                }
            }
        }
        for t in &p.maps_to {
            if t.trim().is_empty() {
                r.at_span(t.span(), &p.id, "maps_to has an empty entry");
            }
        }
        if !p.maps_to.is_empty() && info.maps_to_model.trim().is_empty() {
            r.at(
                &p.id,
                "maps_to names processes of another model, but [model] has no maps_to_model",
            );
        }
    }
    check_catalogue(m, &process_ids, &mut r);
    r.sorted()
}

/// A control catalogue (`[[clauses]]`, `[[controls]]`): unique ids, a title, and at least one
/// process behind each entry, every one of them a process of the model, named once.
fn check_catalogue(m: &ProcessModel, process_ids: &HashSet<&str>, r: &mut Report) {
    for (what, entries) in [("clause", &m.clauses), ("control", &m.controls)] {
        r.unique(what, entries.iter().map(|e| &e.id));
        for e in entries.iter() {
            r.required(&e.id, &format!("{what} title"), &e.title);
            if e.processes.is_empty() {
                r.at(
                    &e.id,
                    format!("{what} is mapped to no process: name at least one in `processes`"),
                );
            }
            let mut seen: HashSet<&str> = HashSet::new();
            for pr in &e.processes {
                if !process_ids.contains(pr.process.as_str()) {
                    r.at(
                        &pr.process,
                        format!(
                            "{what} {} names process {}, which the model does not define",
                            e.id, pr.process
                        ),
                    );
                } else if !seen.insert(pr.process.as_str()) {
                    r.at(
                        &pr.process,
                        format!("{what} {} names process {} twice", e.id, pr.process),
                    );
                }
            }
        }
    }
}

/// The shape of a process id: the part before its final run of digits ("ISMS.CORE." for
/// "ISMS.CORE.12"), when it ends in digits after a non-letter.
fn id_shape(id: &str) -> Option<&str> {
    let head = id.trim_end_matches(|c: char| c.is_ascii_digit());
    (head.len() < id.len() && head.ends_with(|c: char| !c.is_alphanumeric())).then_some(head)
}

/// The process ids written in texts: words that have the shape of one of the model's process
/// ids (a known prefix followed by digits), whether or not such a process exists. Each run of
/// digits is tried against each length of prefix, so the time grows with the text, not with the
/// number of processes.
fn named_processes(shapes: &HashSet<&str>, texts: &[String]) -> BTreeSet<String> {
    let mut lengths: Vec<usize> = shapes.iter().map(|s| s.len()).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let mut found = BTreeSet::new();
    for text in texts {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let digits_at = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let end = i;
            if text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            for &len in lengths.iter().take_while(|&&len| len <= digits_at) {
                let start = digits_at - len;
                if !text.is_char_boundary(start) || !shapes.contains(&text[start..digits_at]) {
                    continue;
                }
                let before_ok = text[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '.');
                if before_ok {
                    found.insert(text[start..end].to_string());
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAMEWORK: &str = r#"
[framework]
id = "fw"
name = "Small framework"
version = "1"

[[levels]]
level = 0
name = "Incomplete"
[[levels]]
level = 1
name = "Performed"

[[attributes]]
id = "PA1.1"
level = 1
name = "Process performance"
[[attributes.achievements]]
id = "PA1.1.a"
text = "Outcomes are achieved."
[[attributes.generic_practices]]
id = "GP1.1.1"
name = "Achieve the outcomes"
achievements = ["PA1.1.a"]

[[scale]]
code = "N"
name = "Not achieved"
above = 0.0
up_to = 15.0
[[scale]]
code = "P"
name = "Partially achieved"
above = 15.0
up_to = 50.0
[[scale]]
code = "L"
name = "Largely achieved"
above = 50.0
up_to = 85.0
[[scale]]
code = "F"
name = "Fully achieved"
above = 85.0
up_to = 100.0
"#;

    const MODEL: &str = r#"
[model]
id = "m"
name = "Small model"
version = "1"
framework = "fw"
max_level = 1
domain = "Things"
context = "Small teams that do things"
community = "People who do things"
conformity = "Meets the rules capra checks."

[[categories]]
id = "core"
name = "Core"

[[processes]]
id = "X.1"
category = "core"
name = "Do things"
purpose = "Things get done."
related = ["X.2"]
[[processes.outcomes]]
id = "O1"
text = "Things are done."
[[processes.base_practices]]
id = "BP1"
name = "Do the things"
outcomes = ["O1"]

[[processes]]
id = "X.2"
category = "core"
name = "Check things"
purpose = "Things are checked."
inputs = ["Things done (X.1)"]
related = ["X.1"]
[[processes.outcomes]]
id = "O1"
text = "Things are checked."
[[processes.information_items]]
id = "II1"
name = "Check list"
outcomes = ["O1"]
"#;

    fn fw(text: &str) -> Framework {
        Framework::parse(text).unwrap()
    }

    fn messages(v: &[Violation]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn small_models_pass() {
        let f = fw(FRAMEWORK);
        assert_eq!(messages(&framework(&f)), Vec::<String>::new());
        let m = ProcessModel::parse(MODEL).unwrap();
        assert_eq!(messages(&process_model(&m, Some(&f))), Vec::<String>::new());
    }

    fn model_violations(edit: impl Fn(&str) -> String) -> Vec<String> {
        let f = fw(FRAMEWORK);
        let m = ProcessModel::parse(&edit(MODEL)).unwrap();
        messages(&process_model(&m, Some(&f)))
    }

    fn framework_violations(edit: impl Fn(&str) -> String) -> Vec<String> {
        messages(&framework(&fw(&edit(FRAMEWORK))))
    }

    #[test]
    fn duplicate_process_id() {
        let v = model_violations(|s| s.replace("id = \"X.2\"", "id = \"X.1\""));
        assert!(
            v.iter().any(|m| m.starts_with("X.1: duplicate process id")),
            "{v:?}"
        );
    }

    #[test]
    fn short_names() {
        let ok = model_violations(|s| {
            s.replace(
                "name = \"Do things\"\n",
                "name = \"Do things\"\nshort_name = \"Doing\"\n",
            )
        });
        assert_eq!(ok, Vec::<String>::new());
        let v = model_violations(|s| {
            s.replace(
                "name = \"Do things\"\n",
                "name = \"Do things\"\nshort_name = \" \"\n",
            )
            .replace(
                "name = \"Check things\"\n",
                "name = \"Check things\"\nshort_name = \"Check all the things\"\n",
            )
        });
        assert!(
            v.iter()
                .any(|m| m == "X.1: short_name is empty: give a shorter name or leave the key out"),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|m| m == "X.2: short_name is longer than the name"),
            "{v:?}"
        );
        let v = model_violations(|s| {
            s.replace(
                "name = \"Do things\"\n",
                "name = \"Do things\"\nshort_name = \"Things\"\n",
            )
            .replace(
                "name = \"Check things\"\n",
                "name = \"Check things\"\nshort_name = \"Things\"\n",
            )
        });
        assert!(
            v.iter()
                .any(|m| m == "X.2: short_name \"Things\" is also the short name of X.1"),
            "{v:?}"
        );
    }

    #[test]
    fn missing_purpose_and_outcomes() {
        let v = model_violations(|s| {
            s.replace("purpose = \"Things get done.\"\n", "").replace(
                "[[processes.outcomes]]\nid = \"O1\"\ntext = \"Things are checked.\"\n",
                "",
            )
        });
        assert!(
            v.contains(&"X.1: purpose is missing or empty".to_string()),
            "{v:?}"
        );
        assert!(
            v.contains(&"X.2: process has no outcomes".to_string()),
            "{v:?}"
        );
    }

    #[test]
    fn indicator_maps_to_unknown_outcome() {
        let v = model_violations(|s| {
            s.replace(
                "outcomes = [\"O1\"]\n\n[[processes]]",
                "outcomes = [\"O9\"]\n\n[[processes]]",
            )
        });
        assert!(
            v.contains(
                &"O9: BP1 maps to outcome O9, which process X.1 does not define".to_string()
            ),
            "{v:?}"
        );
        // ...and so O1 of X.1 is left uncovered.
        assert!(
            v.contains(&"O1: outcome is not covered by any indicator of process X.1".to_string()),
            "{v:?}"
        );
    }

    #[test]
    fn indicator_with_no_mapping() {
        let v = model_violations(|s| {
            s.replace(
                "outcomes = [\"O1\"]\n\n[[processes]]",
                "outcomes = []\n\n[[processes]]",
            )
        });
        assert!(
            v.contains(&"BP1: maps to no outcome: name at least one".to_string()),
            "{v:?}"
        );
    }

    #[test]
    fn unresolved_references() {
        let v = model_violations(|s| {
            s.replace("related = [\"X.2\"]", "related = [\"X.9\"]")
                .replace(
                    "category = \"core\"\nname = \"Check",
                    "category = \"side\"\nname = \"Check",
                )
                .replace("framework = \"fw\"", "framework = \"other\"")
        });
        assert!(
            v.contains(&"X.9: X.1 is related to X.9, which the model does not define".to_string()),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|m| m.starts_with("side: X.2 names category side")),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|m| m.starts_with("other: framework other is not known")),
            "{v:?}"
        );
    }

    #[test]
    fn model_information_required() {
        let v = model_violations(|s| {
            s.replace("domain = \"Things\"\n", "")
                .replace("community = \"People who do things\"\n", "")
                .replace(
                    "conformity = \"Meets the rules capra checks.\"",
                    "conformity = \" \"",
                )
        });
        assert!(
            v.contains(&"m: domain is missing or empty".to_string()),
            "{v:?}"
        );
        assert!(
            v.contains(&"m: community (the community of interest) is missing or empty".to_string()),
            "{v:?}"
        );
        assert!(
            v.contains(&"m: conformity (the conformity statement) is missing or empty".to_string()),
            "{v:?}"
        );
        assert!(!v.iter().any(|m| m.starts_with("m: context")), "{v:?}");
    }

    #[test]
    fn a_process_without_relationships() {
        let v = model_violations(|s| s.replace("related = [\"X.1\"]\n", ""));
        assert!(
            v.iter()
                .any(|m| m.starts_with("X.2: names no related process")),
            "{v:?}"
        );
        // ...and X.1's link to X.2 is now one-way: a warning.
        assert!(
            v.contains(&"X.1: warning: related to X.2, which does not list it back".to_string()),
            "{v:?}"
        );
        // A model of one process needs no relationship.
        let f = fw(FRAMEWORK);
        let one = MODEL.split("\n[[processes]]\nid = \"X.2\"").next().unwrap();
        let one = one.replace("related = [\"X.2\"]\n", "");
        let m = ProcessModel::parse(&one).unwrap();
        assert_eq!(messages(&process_model(&m, Some(&f))), Vec::<String>::new());
    }

    #[test]
    fn process_ids_in_inputs_and_outputs() {
        let v = model_violations(|s| {
            s.replace(
                "inputs = [\"Things done (X.1)\"]",
                "inputs = [\"Things done (X.1)\", \"Plans (X.9)\", \"not an id: AX.1, X.1a, X.\"]",
            )
            .replace(
                "purpose = \"Things get done.\"",
                "purpose = \"Things get done.\"\noutputs = [\"Done things (X.2), reports (X.10)\"]",
            )
        });
        assert!(
            v.contains(
                &"X.2: its inputs name process X.9, which the model does not define".to_string()
            ),
            "{v:?}"
        );
        assert!(
            v.contains(
                &"X.1: its outputs name process X.10, which the model does not define".to_string()
            ),
            "{v:?}"
        );
        assert_eq!(v.len(), 2, "{v:?}");
        // A process named in inputs but left out of related is a warning.
        let v = model_violations(|s| {
            s.replace(
                "inputs = [\"Things done (X.1)\"]",
                "inputs = [\"From X.2 itself, and X.1\"]",
            )
            .replace("related = [\"X.2\"]", "related = []")
            .replace("related = [\"X.1\"]", "related = []")
        });
        assert!(
            v.contains(
                &"X.2: warning: its inputs name X.1, but related does not list it".to_string()
            ),
            "{v:?}"
        );
    }

    #[test]
    fn warnings_are_marked_and_one_way_links_found() {
        let f = fw(FRAMEWORK);
        let m = ProcessModel::parse(&MODEL.replace("related = [\"X.1\"]", "related = []")).unwrap();
        let v = process_model(&m, Some(&f));
        let w: Vec<&Violation> = v.iter().filter(|x| x.warning).collect();
        assert_eq!(w.len(), 2, "{v:?}");
        assert_eq!(
            w[0].to_string(),
            "X.1: warning: related to X.2, which does not list it back"
        );
    }

    #[test]
    fn mapping_to_another_model() {
        let v = model_violations(|s| {
            s.replace(
                "related = [\"X.1\"]",
                "related = [\"X.1\"]\nmaps_to = [\"OTHER.1\", \"\"]",
            )
        });
        assert!(
            v.iter().any(|m| m
                == "X.2: maps_to names processes of another model, but [model] has no maps_to_model"),
            "{v:?}"
        );
        assert!(
            v.contains(&"X.2: maps_to has an empty entry".to_string()),
            "{v:?}"
        );
        let v = model_violations(|s| {
            s.replace(
                "related = [\"X.1\"]",
                "related = [\"X.1\"]\nmaps_to = [\"OTHER.1\"]",
            )
            .replace(
                "max_level = 1",
                "max_level = 1\nmaps_to_model = \"Other model\"",
            )
        });
        assert_eq!(v, Vec::<String>::new());
    }

    #[test]
    fn max_level_beyond_framework() {
        let v = model_violations(|s| s.replace("max_level = 1", "max_level = 3"));
        assert!(
            v.iter().any(|m| m.contains("max_level 3 is outside")),
            "{v:?}"
        );
    }

    #[test]
    fn framework_generic_practice_to_unknown_achievement() {
        let v = framework_violations(|s| {
            s.replace(
                "achievements = [\"PA1.1.a\"]",
                "achievements = [\"PA1.1.z\"]",
            )
        });
        assert!(v.contains(&"PA1.1.z: GP1.1.1 maps to achievement PA1.1.z, which attribute PA1.1 does not define".to_string()), "{v:?}");
        assert!(
            v.contains(
                &"PA1.1.a: achievement is not covered by any indicator of attribute PA1.1"
                    .to_string()
            ),
            "{v:?}"
        );
    }

    #[test]
    fn framework_scale_and_levels() {
        let v = framework_violations(|s| {
            s.replace("code = \"P\"", "code = \"Q\"")
                .replace("above = 85.0", "above = 80.0")
                .replace(
                    "level = 1\nname = \"Performed\"",
                    "level = 2\nname = \"Performed\"",
                )
        });
        assert!(
            v.iter()
                .any(|m| m.starts_with("Q: not a value capra can rate with")),
            "{v:?}"
        );
        assert!(
            v.iter().any(|m| m == "fw: the rating scale lacks P"),
            "{v:?}"
        );
        assert!(
            v.iter().any(|m| m.starts_with("F: band starts above 80")),
            "{v:?}"
        );
        assert!(
            v.iter().any(|m| m == "fw: levels jump from 0 to 2"),
            "{v:?}"
        );
        assert!(
            v.iter().any(|m| m == "PA1.1: level 1 is not defined"),
            "{v:?}"
        );
    }

    #[test]
    fn violations_carry_spans() {
        let f = fw(FRAMEWORK);
        let text = MODEL.replace("related = [\"X.2\"]", "related = [\"X.9\"]");
        let m = ProcessModel::parse(&text).unwrap();
        let v = process_model(&m, Some(&f));
        let lines = crate::located::Lines::new(&text);
        let line = lines.line_of(v[0].span.clone()).unwrap();
        assert_eq!(text.lines().nth(line - 1).unwrap(), "related = [\"X.9\"]");
    }
}
