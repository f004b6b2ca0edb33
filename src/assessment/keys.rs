//! The assessment's settings as keys, for `capra get` and `capra set`: the inputs of
//! `[assessment]` and the settings of `[report]`, named as in the file (`purpose`,
//! `report.organisation`).
//!
//! [`set`] makes the new record by writing the key into the record's TOML and reading it back
//! exactly as a file is read, then checking it as a loaded file is checked, so a value `capra
//! set` accepts is one the file would accept, and the other way round. It returns the
//! [`Change`] to apply; the caller applies and saves it.

use super::change::{Change, ChangeError};
use super::validate::validate;
use super::{Assessment, ReportStatus};
use crate::model::Model;

/// How a key's value is written on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Bool,
    /// One or more texts: several values, or one comma-separated value.
    List,
    /// Signatures: `"name; role; date"`, one per value.
    SignOff,
    /// The team: `"name; role; organisation"`, one member per value.
    Team,
}

impl Kind {
    /// Entries of several fields, one per value and one per line when edited.
    pub fn is_entries(self) -> bool {
        matches!(self, Kind::SignOff | Kind::Team)
    }
}

/// A key `capra set` can set.
#[derive(Debug)]
pub struct Key {
    /// As in the file, dotted: `report.organisation`; inputs without the `assessment.` prefix.
    pub name: &'static str,
    pub kind: Kind,
    /// What it takes, for messages and `capra set --help`.
    pub takes: &'static str,
}

const fn key(name: &'static str, kind: Kind, takes: &'static str) -> Key {
    Key { name, kind, takes }
}

/// Every key, in file order.
pub const KEYS: &[Key] = &[
    key("title", Kind::Text, "a text, not empty"),
    key("sponsor", Kind::Text, "a text"),
    key("sponsor_relation", Kind::Text, "a text"),
    key("purpose", Kind::Text, "a text"),
    key("unit", Kind::Text, "a text"),
    key("context", Kind::Text, "a text"),
    key("class", Kind::Number, "1, 2 or 3"),
    key("rating_method", Kind::Text, "R1, R2 or R3"),
    key(
        "aggregation",
        Kind::Text,
        "median-low, median-high, mean or minimum",
    ),
    key(
        "aggregation_order",
        Kind::Text,
        "vertical-first, horizontal-first or two-dimensional",
    ),
    key("constraints", Kind::Text, "a text"),
    key("independence", Kind::Text, "a text"),
    key(
        "require_validation",
        Kind::Bool,
        "true or false (empty: by class)",
    ),
    key("created", Kind::Text, "a date, YYYY-MM-DD"),
    key("start", Kind::Text, "a date, YYYY-MM-DD, or empty"),
    key("end", Kind::Text, "a date, YYYY-MM-DD, or empty"),
    key(
        "previous",
        Kind::Text,
        "a path relative to the file's folder",
    ),
    key("report.organisation", Kind::Text, "a text"),
    key("report.consultancy", Kind::Text, "a text"),
    key(
        "report.logo",
        Kind::Text,
        "a PNG or JPEG file, relative to the file's folder",
    ),
    key("report.prepared_by", Kind::Text, "a text"),
    key("report.version", Kind::Text, "a text (1.0)"),
    key("report.status", Kind::Text, "draft or final"),
    key(
        "report.final_override",
        Kind::Text,
        "why the report is final although something is open",
    ),
    key(
        "report.final_override_by",
        Kind::Text,
        "who made the report final although something is open",
    ),
    key(
        "report.final_override_date",
        Kind::Text,
        "the day the report was made final although something is open, YYYY-MM-DD",
    ),
    key(
        "report.issue_date",
        Kind::Text,
        "a date, YYYY-MM-DD (empty: the day it is made)",
    ),
    key(
        "report.classification",
        Kind::Text,
        "a text (Confidential, Internal...)",
    ),
    key(
        "report.distribution",
        Kind::List,
        "names: several values, or one value with commas between names",
    ),
    key("report.executive_summary", Kind::Text, "a text"),
    key("report.conclusions", Kind::Text, "a text"),
    key("report.font", Kind::Text, "fonts/NotoSansCJK.ttc"),
    key(
        "team",
        Kind::Team,
        "one value per member: \"name; role; organisation\" (role: sponsor, lead-assessor, assessor, participant or observer; organisation optional)",
    ),
    key(
        "report.sign_off",
        Kind::SignOff,
        "one value per signature: \"name; role; YYYY-MM-DD\" (role and date optional)",
    ),
];

/// The key of this name.
pub fn find(name: &str) -> Option<&'static Key> {
    let name = name.strip_prefix("assessment.").unwrap_or(name);
    KEYS.iter().find(|k| k.name == name)
}

fn unknown(name: &str) -> ChangeError {
    let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
    ChangeError(format!(
        "'{name}' is not a key capra sets: use one of {}",
        names.join(", ")
    ))
}

/// The table and field of a key in the record's TOML.
fn place(k: &Key) -> (&'static str, &'static str) {
    if k.kind == Kind::Team {
        return ("", "team");
    }
    match k.name.strip_prefix("report.") {
        Some(f) => ("report", f),
        None => ("assessment", k.name),
    }
}

/// The whole record as the file writes it (to change a key and read the record back).
fn as_table(a: &Assessment) -> toml::Table {
    let text = toml::to_string(a).expect("an assessment serialises");
    toml::from_str(&text).expect("an assessment's own TOML reads back")
}

/// The two tables the keys live in, as the file writes them, for reading values. Only these
/// two are serialised: the screen's settings form reads every key on every frame, and the
/// ratings, evidence and findings of a large assessment have nothing to do with them.
fn inputs_table(a: &Assessment) -> toml::Table {
    #[derive(serde::Serialize)]
    struct Inputs<'a> {
        assessment: &'a super::Info,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        team: &'a [super::Member],
        #[serde(skip_serializing_if = "no_report")]
        report: &'a super::ReportSettings,
    }
    fn no_report(r: &&super::ReportSettings) -> bool {
        r.is_empty()
    }
    let inputs = Inputs {
        assessment: &a.assessment,
        team: &a.team,
        report: &a.report,
    };
    let text = toml::to_string(&inputs).expect("the inputs serialise");
    toml::from_str(&text).expect("the inputs' own TOML reads back")
}

/// The value of a key as the file writes it, `None` when it is not set.
fn value(table: &toml::Table, k: &Key) -> Option<toml::Value> {
    let (t, f) = place(k);
    if t.is_empty() {
        return table.get(f).cloned();
    }
    table.get(t)?.as_table()?.get(f).cloned()
}

/// The value of one key as text: lists joined with ", ", signatures as "name; role; date",
/// empty when not set.
pub fn get(a: &Assessment, name: &str) -> Result<String, ChangeError> {
    let k = find(name).ok_or_else(|| unknown(name))?;
    let table = inputs_table(a);
    Ok(match value(&table, k) {
        None => String::new(),
        Some(v) => plain(&v),
    })
}

/// Every key's value as [`get`] gives it, in the order of the keys, read in one pass (for a
/// screen that shows them all).
pub fn get_each(a: &Assessment) -> Vec<(&'static str, String)> {
    let table = inputs_table(a);
    KEYS.iter()
        .map(|k| {
            (
                k.name,
                value(&table, k).map(|v| plain(&v)).unwrap_or_default(),
            )
        })
        .collect()
}

/// The value of one key as lines to edit: each signature of `report.sign_off` on a line of
/// its own (as `capra set` takes them, one value each), any other value as [`get`] gives it.
pub fn get_lines(a: &Assessment, name: &str) -> Result<Vec<String>, ChangeError> {
    let k = find(name).ok_or_else(|| unknown(name))?;
    let table = inputs_table(a);
    Ok(match value(&table, k) {
        None => Vec::new(),
        Some(toml::Value::Array(items)) if k.kind.is_entries() => items.iter().map(plain).collect(),
        Some(v) => vec![plain(&v)],
    })
}

/// Every key with its value, as `key = value` in TOML form (unset keys as `""`).
pub fn get_all(a: &Assessment) -> Vec<(String, String)> {
    let table = inputs_table(a);
    KEYS.iter()
        .map(|k| {
            let v = match value(&table, k) {
                None if k.kind == Kind::List || k.kind.is_entries() => "[]".to_string(),
                None => "\"\"".to_string(),
                Some(toml::Value::Array(items)) if k.kind.is_entries() => {
                    let parts: Vec<String> = items
                        .iter()
                        .map(|i| toml::Value::String(plain(i)).to_string())
                        .collect();
                    format!("[{}]", parts.join(", "))
                }
                Some(v) => v.to_string(),
            };
            (k.name.to_string(), v)
        })
        .collect()
}

fn plain(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        toml::Value::Table(t) => {
            let f = |n: &str| t.get(n).map(plain).unwrap_or_default();
            let mut s = f("name");
            for n in ["role", "date", "organisation"] {
                let x = f(n);
                if !x.is_empty() {
                    s.push_str("; ");
                    s.push_str(&x);
                }
            }
            s
        }
        other => other.to_string(),
    }
}

/// The value given on the command line as the file's TOML value; `None`: remove the key.
fn parse_value(k: &Key, values: &[String]) -> Result<Option<toml::Value>, ChangeError> {
    let bad = || {
        ChangeError(format!(
            "{} takes {}; got {}",
            k.name,
            k.takes,
            values
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(" ")
        ))
    };
    let one = || -> Result<&str, ChangeError> {
        match values {
            [v] => Ok(v.as_str()),
            _ => Err(bad()),
        }
    };
    Ok(match k.kind {
        Kind::Text => {
            let v = one()?;
            if v.is_empty() {
                None
            } else {
                Some(toml::Value::String(v.to_string()))
            }
        }
        Kind::Number => {
            let v = one()?.trim();
            if v.is_empty() {
                None
            } else {
                Some(toml::Value::Integer(v.parse().map_err(|_| bad())?))
            }
        }
        Kind::Bool => match one()?.trim().to_ascii_lowercase().as_str() {
            "" => None,
            "true" | "yes" => Some(toml::Value::Boolean(true)),
            "false" | "no" => Some(toml::Value::Boolean(false)),
            _ => return Err(bad()),
        },
        Kind::List => {
            // One value is a comma list; several values are taken as they are (a name may
            // hold a comma).
            let split = values.len() == 1;
            let items: Vec<toml::Value> = values
                .iter()
                .flat_map(|v| {
                    if split {
                        v.split(',').collect()
                    } else {
                        vec![v.as_str()]
                    }
                })
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| toml::Value::String(s.to_string()))
                .collect();
            (!items.is_empty()).then_some(toml::Value::Array(items))
        }
        Kind::SignOff => {
            let mut items = Vec::new();
            for v in values.iter().filter(|v| !v.trim().is_empty()) {
                let parts: Vec<&str> = v.split(';').map(str::trim).collect();
                if parts.len() > 3 || parts[0].is_empty() {
                    return Err(bad());
                }
                let mut t = toml::Table::new();
                for (n, p) in ["name", "role", "date"].iter().zip(&parts) {
                    if !p.is_empty() {
                        t.insert(n.to_string(), toml::Value::String(p.to_string()));
                    }
                }
                items.push(toml::Value::Table(t));
            }
            (!items.is_empty()).then_some(toml::Value::Array(items))
        }
        Kind::Team => {
            let mut items = Vec::new();
            for v in values.iter().filter(|v| !v.trim().is_empty()) {
                let parts: Vec<&str> = v.split(';').map(str::trim).collect();
                if parts.len() > 3 || parts.len() < 2 || parts[0].is_empty() {
                    return Err(bad());
                }
                let mut t = toml::Table::new();
                for (n, p) in ["name", "role", "organisation"].iter().zip(&parts) {
                    if !p.is_empty() {
                        t.insert(n.to_string(), toml::Value::String(p.to_string()));
                    }
                }
                items.push(toml::Value::Table(t));
            }
            (!items.is_empty()).then_some(toml::Value::Array(items))
        }
    })
}

/// The change that sets key `name` to `values` (one value, or several for a list; one empty
/// value clears an optional key), checked as loading checks a file. An error names the key
/// and what it takes; nothing is changed.
pub fn set(
    a: &Assessment,
    model: &Model,
    name: &str,
    values: &[String],
) -> Result<Change, ChangeError> {
    let k = find(name).ok_or_else(|| unknown(name))?;
    let new_value = parse_value(k, values)?;
    let (t, f) = place(k);
    let mut table = as_table(a);
    if t.is_empty() {
        match new_value {
            Some(v) => table.insert(f.to_string(), v),
            None => table.remove(f),
        };
        let new = read_back(a, model, k, &table)?;
        return Ok(Change::SetTeam(new.team));
    }
    let section = table
        .entry(t.to_string())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let toml::Value::Table(section) = section else {
        unreachable!("[{t}] is a table");
    };
    if k.name == "report.status" {
        // A status set by hand starts without an override; `capra set --force` adds one.
        section.remove("final_override");
        section.remove("final_override_by");
        section.remove("final_override_date");
    }
    match new_value {
        Some(v) => {
            section.insert(f.to_string(), v);
        }
        None => {
            section.remove(f);
        }
    }
    let new = read_back(a, model, k, &table)?;
    Ok(if t == "report" {
        Change::SetReport(Box::new(new.report))
    } else {
        Change::SetInfo(Box::new(new.assessment))
    })
}

/// The record with one key changed, read back from its TOML and checked as loading checks a
/// file: only problems the change brings are errors.
fn read_back(
    a: &Assessment,
    model: &Model,
    k: &Key,
    table: &toml::Table,
) -> Result<Assessment, ChangeError> {
    let text = toml::to_string(table).map_err(|e| ChangeError(format!("{}: {e}", k.name)))?;
    let new: Assessment = toml::from_str(&text).map_err(|e| {
        ChangeError(format!(
            "{} takes {}: {}",
            k.name,
            k.takes,
            e.message().trim()
        ))
    })?;
    let before: Vec<String> = validate(a, model).into_iter().map(|p| p.message).collect();
    let problems: Vec<String> = validate(&new, model)
        .into_iter()
        .map(|p| p.message)
        .filter(|m| !before.contains(m))
        .collect();
    if !problems.is_empty() {
        let named = problems.iter().all(|m| m.contains(k.name));
        return Err(ChangeError(if named {
            problems.join("; ")
        } else {
            format!(
                "{}: {} ({} takes {})",
                k.name,
                problems.join("; "),
                k.name,
                k.takes
            )
        }));
    }
    Ok(new)
}

/// True when setting `name` to `values` makes the report final.
pub fn makes_final(name: &str, values: &[String]) -> bool {
    find(name).is_some_and(|k| k.name == "report.status")
        && matches!(values, [v] if matches!(v.trim().parse::<ReportStatus>(), Ok(ReportStatus::Final)))
}
