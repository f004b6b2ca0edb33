//! Small closed sets of values in an assessment file, and how ratings are written in it.

use crate::located::Located;
use crate::rating::{Aggregation, Order, Rating, UnknownWord};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn word(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.word())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                let t = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
                $name::ALL.iter().copied().find(|v| v.word().to_ascii_lowercase() == t).ok_or_else(|| {
                    let words: Vec<&str> = $name::ALL.iter().map(|v| v.word()).collect();
                    UnknownWord { given: s.to_string(), what: concat!("a ", $what), allowed: words.join(", ") }
                })
            }
        }
    };
}

word_enum!(
    /// How sure the assessor is of a rating.
    Confidence, "confidence" { High => "high", Medium => "medium", Low => "low" }
);

word_enum!(
    /// What kind of thing an evidence item is.
    EvidenceKind, "kind of evidence" {
        Document => "document",
        Interview => "interview",
        Observation => "observation",
        Record => "record",
    }
);

word_enum!(
    /// The rating method of ISO/IEC 33020 the assessment uses.
    RatingMethod, "rating method" { R1 => "R1", R2 => "R2", R3 => "R3" }
);

word_enum!(
    /// Review state of a rating.
    Review, "review state" { Flagged => "flagged", Reviewed => "reviewed" }
);

word_enum!(
    /// A role in the assessment.
    Role, "role" {
        Sponsor => "sponsor",
        LeadAssessor => "lead-assessor",
        Assessor => "assessor",
        Participant => "participant",
        Observer => "observer",
    }
);

impl RatingMethod {
    /// One sentence for reports and help.
    pub fn explain(self) -> &'static str {
        match self {
            RatingMethod::R1 => {
                "each outcome and achievement is characterised per instance, then aggregated into attribute ratings"
            }
            RatingMethod::R2 => {
                "each attribute is rated per instance, then the instance ratings are aggregated"
            }
            RatingMethod::R3 => "each attribute is rated directly, without aggregation",
        }
    }
}

/// A rating written as its code (`"L+"`), read with a message that lists the scale.
pub mod rating {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(r: &Located<Rating>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(r.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Located<Rating>, D::Error> {
        let code = toml::Spanned::<String>::deserialize(d)?;
        let span = code.span();
        let rating: Rating = code
            .get_ref()
            .parse()
            .map_err(|e: crate::rating::NotOnScale| serde::de::Error::custom(e.to_string()))?;
        Ok(with_span(rating, span))
    }

    fn with_span(r: Rating, span: std::ops::Range<usize>) -> Located<Rating> {
        Located::with_span(r, span)
    }
}

/// An optional rating; a missing key is "not rated".
pub mod opt_rating {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(r: &Option<Located<Rating>>, s: S) -> Result<S::Ok, S::Error> {
        match r {
            Some(r) => s.serialize_str(r.code()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Located<Rating>>, D::Error> {
        super::rating::deserialize(d).map(Some)
    }
}

/// The aggregation method written as its name (`"median-low"`).
pub mod aggregation {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(a: &Aggregation, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(a.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Aggregation, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// The aggregation order written as its name (`"vertical-first"`).
pub mod order {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(o: &Order, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(o.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Order, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

word_enum!(
    /// What a finding says about a process: something done well, something missing, something
    /// seen that is neither, or advice.
    FindingKind, "kind of finding" {
        Strength => "strength",
        Weakness => "weakness",
        Observation => "observation",
        Recommendation => "recommendation",
    }
);

word_enum!(
    /// How much a weakness matters.
    Severity, "severity" { High => "high", Medium => "medium", Low => "low" }
);

word_enum!(
    /// How urgent an action of the improvement plan is.
    Priority, "priority" { High => "high", Medium => "medium", Low => "low" }
);

word_enum!(
    /// How much work an action of the improvement plan is.
    Effort, "effort" { Small => "small", Medium => "medium", Large => "large" }
);

word_enum!(
    /// Where an action of the improvement plan stands.
    ActionStatus, "status" {
        Proposed => "proposed",
        Agreed => "agreed",
        InProgress => "in-progress",
        Done => "done",
        Dropped => "dropped",
    }
);

word_enum!(
    /// Where a report stands: a draft, or final (issued).
    ReportStatus, "report status" { Draft => "draft", Final => "final" }
);

impl ActionStatus {
    /// True while the action still has to be done: proposed, agreed or in progress.
    pub fn is_open(self) -> bool {
        !matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

word_enum!(
    /// Where a planned interview stands.
    InterviewStatus, "status of an interview" {
        Planned => "planned",
        Held => "held",
        Cancelled => "cancelled",
    }
);

word_enum!(
    /// Where a document request stands.
    RequestStatus, "status of a request" {
        Open => "open",
        Received => "received",
        Cancelled => "cancelled",
    }
);

/// Checks a `YYYY-MM-DD` date, or a date and time `YYYY-MM-DDTHH:MM`.
pub fn valid_date_time(s: &str) -> bool {
    match s.split_once('T') {
        None => valid_date(s),
        Some((d, t)) => {
            let format = time::macros::format_description!("[hour]:[minute]");
            valid_date(d) && t.len() == 5 && time::Time::parse(t, &format).is_ok()
        }
    }
}

/// Checks a `YYYY-MM-DD` date.
pub fn valid_date(s: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &format).is_ok()
}
