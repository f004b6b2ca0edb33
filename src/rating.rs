//! The rating rules of ISO/IEC 33020, as pure functions over plain values.
//!
//! Over 600 lines because of its tests: the rules themselves are under 600, and their tests
//! (every edge case, hand-computed aggregation tables, a brute-force oracle) stay beside them.
//!
//! This module knows nothing of files, models or assessments: it takes ratings and the shape of
//! the capability levels and returns levels, reasons and aggregates. Everything else in capra
//! that needs a rule calls it from here, so no rule lives twice.
//!
//! * [`Rating`] is a value of the rating scale, refined (`P-`, `P+`, `L-`, `L+`) or not. Refined
//!   values collapse to their [`Base`] (`P` or `L`) for every rule.
//! * "Not rated" is `None` wherever an `Option<Rating>` appears. It is never `N`: it blocks a
//!   level exactly as `N` does, but it is reported as "not rated".
//! * [`capability_level`] applies the level rule and explains the first level not reached.
//! * [`aggregate`] combines several ratings (instances) into one by a recorded [`Aggregation`].
//! * [`needed_for_target`] says which rating an attribute needs for a target level.

use std::fmt;
use std::str::FromStr;

/// The four points of the rating scale, ordered from `N` to `F`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Base {
    /// Not achieved (0 to 15 %).
    N,
    /// Partially achieved (over 15 to 50 %).
    P,
    /// Largely achieved (over 50 to 85 %).
    L,
    /// Fully achieved (over 85 to 100 %).
    F,
}

impl Base {
    /// The one-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Base::N => "N",
            Base::P => "P",
            Base::L => "L",
            Base::F => "F",
        }
    }

    /// Position on the four-point ordinal scale: N=0, P=1, L=2, F=3.
    pub fn ordinal(self) -> u8 {
        self as u8
    }

    /// The same value as a (non-refined) rating.
    pub fn rating(self) -> Rating {
        match self {
            Base::N => Rating::N,
            Base::P => Rating::P,
            Base::L => Rating::L,
            Base::F => Rating::F,
        }
    }
}

impl fmt::Display for Base {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One value of the rating scale, including the optional refined values.
///
/// There is deliberately no `Ord`: `P` spans both `P-` and `P+`, so the values are not totally
/// ordered. Compare [`Rating::base`] values, or [`Rating::position`] for aggregation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rating {
    N,
    PMinus,
    P,
    PPlus,
    LMinus,
    L,
    LPlus,
    F,
}

impl Rating {
    /// Every value, in scale order, as typed on the command line.
    pub const ALL: [Rating; 8] = [
        Rating::N,
        Rating::PMinus,
        Rating::P,
        Rating::PPlus,
        Rating::LMinus,
        Rating::L,
        Rating::LPlus,
        Rating::F,
    ];

    /// The code as it is written in files and typed by users: `N P- P P+ L- L L+ F`.
    pub fn code(self) -> &'static str {
        match self {
            Rating::N => "N",
            Rating::PMinus => "P-",
            Rating::P => "P",
            Rating::PPlus => "P+",
            Rating::LMinus => "L-",
            Rating::L => "L",
            Rating::LPlus => "L+",
            Rating::F => "F",
        }
    }

    /// The value the rules use: refined values collapse to `P` or `L`.
    pub fn base(self) -> Base {
        match self {
            Rating::N => Base::N,
            Rating::PMinus | Rating::P | Rating::PPlus => Base::P,
            Rating::LMinus | Rating::L | Rating::LPlus => Base::L,
            Rating::F => Base::F,
        }
    }

    /// True for `P-`, `P+`, `L-` and `L+`.
    pub fn is_refined(self) -> bool {
        matches!(
            self,
            Rating::PMinus | Rating::PPlus | Rating::LMinus | Rating::LPlus
        )
    }

    /// Position on the six-point refined ordinal scale N=0, P-=1, P+=2, L-=3, L+=4, F=5, in
    /// half steps so that it is an integer: the unrefined `P` and `L` sit between their halves
    /// (P = 1.5, L = 3.5). The value returned is twice the position.
    pub fn position2(self) -> u8 {
        match self {
            Rating::N => 0,
            Rating::PMinus => 2,
            Rating::P => 3,
            Rating::PPlus => 4,
            Rating::LMinus => 6,
            Rating::L => 7,
            Rating::LPlus => 8,
            Rating::F => 10,
        }
    }

    /// True when this rating is at least `need` on the four-point scale.
    pub fn meets(self, need: Base) -> bool {
        self.base() >= need
    }

    /// The refinement of a `P` or `L` to its upper (`up`) or lower half: `P` gives `P+`/`P-`,
    /// `L` gives `L+`/`L-`; a value already refined refines from its base (`P-` up is `P+`).
    /// `N` and `F` have no halves: `None`.
    pub fn refined(self, up: bool) -> Option<Rating> {
        match (self.base(), up) {
            (Base::P, false) => Some(Rating::PMinus),
            (Base::P, true) => Some(Rating::PPlus),
            (Base::L, false) => Some(Rating::LMinus),
            (Base::L, true) => Some(Rating::LPlus),
            (Base::N | Base::F, _) => None,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing a rating code that is not on the scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotOnScale(pub String);

impl fmt::Display for NotOnScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not on the rating scale: use one of N, P-, P, P+, L-, L, L+, F",
            self.0
        )
    }
}

impl std::error::Error for NotOnScale {}

/// A word that is not one of a closed set of values (an aggregation, an order, a kind of
/// evidence...): what was given, what was expected, and the words allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWord {
    pub given: String,
    /// What a word was expected to name, with its article ("an aggregation method").
    pub what: &'static str,
    /// The words allowed, as a phrase ("median-low, median-high, mean or minimum").
    pub allowed: String,
}

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not {}: use {}",
            self.given, self.what, self.allowed
        )
    }
}

impl std::error::Error for UnknownWord {}

impl FromStr for Rating {
    type Err = NotOnScale;

    /// Parses a code; lower case is accepted (`l+` is `L+`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        Rating::ALL
            .into_iter()
            .find(|r| r.code() == upper)
            .ok_or_else(|| NotOnScale(s.to_string()))
    }
}

/// Shows `None` as "not rated", never as `N`.
pub fn describe(rating: Option<Rating>) -> String {
    match rating {
        Some(r) => r.code().to_string(),
        None => "not rated".to_string(),
    }
}

/// How several ratings of one attribute (one per process instance) become one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Aggregation {
    /// The median; with an even number of ratings, the lower of the two middle values
    /// (conservative: an aggregate never claims more than half of the instances support).
    #[default]
    MedianLow,
    /// The median; with an even number of ratings, the higher of the two middle values.
    MedianHigh,
    /// The arithmetic mean of the ordinal positions, rounded to the nearest scale value;
    /// a mean exactly half-way between two values rounds down.
    Mean,
    /// The lowest of the ratings: the most conservative, an aggregate never claims more than the
    /// weakest instance or item supports.
    Minimum,
}

impl Aggregation {
    pub const ALL: [Aggregation; 4] = [
        Aggregation::MedianLow,
        Aggregation::MedianHigh,
        Aggregation::Mean,
        Aggregation::Minimum,
    ];

    /// The name written in assessment files.
    pub fn code(self) -> &'static str {
        match self {
            Aggregation::MedianLow => "median-low",
            Aggregation::MedianHigh => "median-high",
            Aggregation::Mean => "mean",
            Aggregation::Minimum => "minimum",
        }
    }

    /// One sentence for reports and help.
    pub fn explain(self) -> &'static str {
        match self {
            Aggregation::MedianLow => {
                "median of the ratings; with an even count, the lower of the two middle values"
            }
            Aggregation::MedianHigh => {
                "median of the ratings; with an even count, the higher of the two middle values"
            }
            Aggregation::Mean => {
                "mean of the ratings on the ordinal scale, rounded to the nearest value (halves round down)"
            }
            Aggregation::Minimum => "the lowest of the ratings (the most conservative)",
        }
    }
}

impl fmt::Display for Aggregation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Aggregation {
    type Err = UnknownWord;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Aggregation::ALL
            .into_iter()
            .find(|a| a.code() == s.trim())
            .ok_or_else(|| UnknownWord {
                given: s.to_string(),
                what: "an aggregation method",
                allowed: "median-low, median-high, mean or minimum".to_string(),
            })
    }
}

/// The most an attribute may be proposed from characterisations when the weakest item under it
/// is `weakest`: F only when no item is below L, L only when no item is N (capra's rule, stated
/// in docs/rating.md; ISO/IEC 33020 leaves the aggregation to the method). A weaker rating is
/// returned as it is.
pub fn cap_by_weakest(r: Rating, weakest: Base) -> Rating {
    match weakest {
        Base::N if r.base() > Base::P => Rating::P,
        Base::P if r.base() == Base::F => Rating::L,
        _ => r,
    }
}

/// Combines ratings by `method`. Returns `None` when there is nothing to combine.
///
/// When every input is unrefined, the four-point scale N=0, P=1, L=2, F=3 is used and the result
/// is unrefined. When any input is refined, the six-point scale N=0, P-=1, P+=2, L-=3, L+=4, F=5
/// is used, with an unrefined `P` at 1.5 and `L` at 3.5, and the result may be refined.
/// The medians always return one of the inputs.
pub fn aggregate(ratings: &[Rating], method: Aggregation) -> Option<Rating> {
    if ratings.is_empty() {
        return None;
    }
    let refined = ratings.iter().any(|r| r.is_refined());
    let mut sorted: Vec<Rating> = ratings.to_vec();
    sorted.sort_by_key(|r| r.position2());
    match method {
        Aggregation::MedianLow => Some(sorted[(sorted.len() - 1) / 2]),
        Aggregation::MedianHigh => Some(sorted[sorted.len() / 2]),
        Aggregation::Minimum => Some(sorted[0]),
        Aggregation::Mean => {
            if refined {
                // Positions are doubled: 0, 2, (3), 4, 6, (7), 8, 10.
                let sum: u32 = sorted.iter().map(|r| u32::from(r.position2())).sum();
                let n = sorted.len() as u32;
                // Nearest of the six refined points 0, 2, 4, 6, 8, 10 (doubled), halves down:
                // point k (0..=5) is nearest to mean m = sum/n when |2k - m| is smallest.
                let k = (0..=5u32)
                    .min_by_key(|k| {
                        let diff = (2 * k * n).abs_diff(sum);
                        // Ties: prefer the lower k, which min_by_key does by taking the first.
                        diff
                    })
                    .unwrap_or(0);
                Some(
                    [
                        Rating::N,
                        Rating::PMinus,
                        Rating::PPlus,
                        Rating::LMinus,
                        Rating::LPlus,
                        Rating::F,
                    ][k as usize],
                )
            } else {
                let sum: u32 = sorted.iter().map(|r| u32::from(r.base().ordinal())).sum();
                let n = sorted.len() as u32;
                let k = (0..=3u32)
                    .min_by_key(|k| (k * n).abs_diff(sum))
                    .unwrap_or(0);
                Some([Base::N, Base::P, Base::L, Base::F][k as usize].rating())
            }
        }
    }
}

/// In which order characterisations of several items over several instances are combined
/// (rating method R1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Within each instance first (its outcomes or achievements give the instance's value),
    /// then across the instances.
    #[default]
    VerticalFirst,
    /// Across the instances first (each item gets one value), then across the items.
    HorizontalFirst,
    /// Every characterisation at once, as one set.
    TwoDimensional,
}

impl Order {
    pub const ALL: [Order; 3] = [
        Order::VerticalFirst,
        Order::HorizontalFirst,
        Order::TwoDimensional,
    ];

    /// The name written in assessment files.
    pub fn code(self) -> &'static str {
        match self {
            Order::VerticalFirst => "vertical-first",
            Order::HorizontalFirst => "horizontal-first",
            Order::TwoDimensional => "two-dimensional",
        }
    }

    /// One sentence for reports and help.
    pub fn explain(self) -> &'static str {
        match self {
            Order::VerticalFirst => {
                "within each instance first (its items give the instance's value), then across instances"
            }
            Order::HorizontalFirst => {
                "across instances first (each item gets one value), then across items"
            }
            Order::TwoDimensional => "all characterisations of all items and instances at once",
        }
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Order {
    type Err = UnknownWord;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Order::ALL
            .into_iter()
            .find(|o| o.code() == s.trim())
            .ok_or_else(|| UnknownWord {
                given: s.to_string(),
                what: "an aggregation order",
                allowed: "vertical-first, horizontal-first or two-dimensional".to_string(),
            })
    }
}

/// Combines a grid of characterisations (one row per instance, one column per item; `None`
/// where nothing was said) into one rating, by `method` in `order`. Cells with nothing said are
/// left out; a row or column with nothing said is left out. Returns `None` when nothing at all
/// was said.
pub fn aggregate_grid(
    grid: &[Vec<Option<Rating>>],
    method: Aggregation,
    order: Order,
) -> Option<Rating> {
    let rated = |v: &[Option<Rating>]| -> Vec<Rating> { v.iter().flatten().copied().collect() };
    match order {
        Order::VerticalFirst => {
            let per_row: Vec<Rating> = grid
                .iter()
                .filter_map(|row| aggregate(&rated(row), method))
                .collect();
            aggregate(&per_row, method)
        }
        Order::HorizontalFirst => {
            let cols = grid.iter().map(Vec::len).max().unwrap_or(0);
            let per_col: Vec<Rating> = (0..cols)
                .filter_map(|c| {
                    let col: Vec<Option<Rating>> = grid
                        .iter()
                        .map(|row| row.get(c).copied().flatten())
                        .collect();
                    aggregate(&rated(&col), method)
                })
                .collect();
            aggregate(&per_col, method)
        }
        Order::TwoDimensional => {
            let all: Vec<Rating> = grid.iter().flat_map(|row| rated(row)).collect();
            aggregate(&all, method)
        }
    }
}

/// The attributes of one capability level with their ratings, as the level rule sees them.
#[derive(Clone, Debug)]
pub struct LevelRatings<'a> {
    /// The level number, 1 to 5.
    pub level: u8,
    /// Each attribute of the level: its id and its rating (`None` = not rated).
    pub attributes: Vec<(&'a str, Option<Rating>)>,
}

/// Why an attribute stops a process from reaching a level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    /// The level that is not reached.
    pub level: u8,
    /// The attribute that falls short.
    pub attribute: String,
    /// Its rating (`None` = not rated).
    pub rating: Option<Rating>,
    /// The lowest rating that would do: `L` (meaning L or F) for an attribute of the level
    /// itself, `F` for an attribute of a lower level.
    pub needs: Base,
    /// When it is not rated because instances are still to rate (R1, R2): their names.
    pub missing: Vec<String>,
}

impl Blocker {
    /// "PA2.1 is L, needs F" / "PA3.1 is not rated, needs L or F" / "PA1.1 is incomplete
    /// (Lyon, Oslo missing), needs L or F".
    pub fn explain(&self) -> String {
        let is = if self.rating.is_none() && !self.missing.is_empty() {
            format!("incomplete ({} missing)", self.missing.join(", "))
        } else {
            describe(self.rating)
        };
        format!(
            "{} is {is}, needs {}",
            self.attribute,
            need_phrase(self.needs)
        )
    }
}

/// "F" or "L or F" (or "P or better" / "any rating" for completeness).
pub fn need_phrase(need: Base) -> &'static str {
    match need {
        Base::F => "F",
        Base::L => "L or F",
        Base::P => "P, L or F",
        Base::N => "any rating",
    }
}

/// The result of the level rule for one process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelOutcome {
    /// The capability level reached, 0 to the highest level given.
    pub level: u8,
    /// Every attribute that stops the next level, in the order given (lower levels first).
    /// Empty when the highest level given is reached.
    pub blockers: Vec<Blocker>,
}

impl LevelOutcome {
    /// The first attribute that stops the next level, if any.
    pub fn blocked_by(&self) -> Option<&Blocker> {
        self.blockers.first()
    }
}

/// Checks whether level `k` is reached: every attribute of level `k` is L or F and every
/// attribute of a lower level is F. Returns the attributes that fall short.
fn shortfalls(levels: &[LevelRatings<'_>], k: u8) -> Vec<Blocker> {
    let mut out = Vec::new();
    for lr in levels.iter().filter(|lr| lr.level <= k) {
        let needs = if lr.level == k { Base::L } else { Base::F };
        for &(attribute, rating) in &lr.attributes {
            let ok = rating.is_some_and(|r| r.meets(needs));
            if !ok {
                out.push(Blocker {
                    level: k,
                    attribute: attribute.to_string(),
                    rating,
                    needs,
                    missing: Vec::new(),
                });
            }
        }
    }
    out
}

/// The capability level rule of ISO/IEC 33020.
///
/// A process reaches level `k` when every attribute of level `k` is rated L or F and every
/// attribute of every lower level is rated F. Levels are cumulative: the first level that is not
/// reached stops the count, and its shortfalls are returned as the reason. An attribute that is
/// not rated blocks its level exactly as N does. `levels` lists levels 1 and up in ascending order;
/// a level with no attributes given is skipped.
pub fn capability_level(levels: &[LevelRatings<'_>]) -> LevelOutcome {
    let mut reached = 0;
    for lr in levels {
        if lr.attributes.is_empty() {
            continue;
        }
        let short = shortfalls(levels, lr.level);
        if short.is_empty() {
            reached = lr.level;
        } else {
            return LevelOutcome {
                level: reached,
                blockers: short,
            };
        }
    }
    LevelOutcome {
        level: reached,
        blockers: Vec::new(),
    }
}

/// The rating an attribute of `attribute_level` needs for a process to reach `target`:
/// `F` below the target level, `L` (L or F) at it, nothing above it.
pub fn needed_for_target(attribute_level: u8, target: u8) -> Option<Base> {
    use std::cmp::Ordering::*;
    match attribute_level.cmp(&target) {
        Less => Some(Base::F),
        Equal => Some(Base::L),
        Greater => None,
    }
}

/// Levels short of the target: `max(0, target - level)`.
pub fn gap(target: u8, level: u8) -> u8 {
    target.saturating_sub(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_levels(r: [Option<Rating>; 9]) -> Vec<LevelRatings<'static>> {
        let ids = [
            "PA1.1", "PA2.1", "PA2.2", "PA3.1", "PA3.2", "PA4.1", "PA4.2", "PA5.1", "PA5.2",
        ];
        let lv = [1, 2, 2, 3, 3, 4, 4, 5, 5];
        let mut out: Vec<LevelRatings<'static>> = (1..=5)
            .map(|level| LevelRatings {
                level,
                attributes: vec![],
            })
            .collect();
        for i in 0..9 {
            out[lv[i] as usize - 1].attributes.push((ids[i], r[i]));
        }
        out
    }

    fn r(s: &str) -> Option<Rating> {
        if s == "-" {
            None
        } else {
            Some(s.parse().unwrap())
        }
    }

    fn level_of(codes: [&str; 9]) -> LevelOutcome {
        capability_level(&std_levels(codes.map(r)))
    }

    #[test]
    fn largely_alone_gives_level_one() {
        let out = level_of(["L", "-", "-", "-", "-", "-", "-", "-", "-"]);
        assert_eq!(out.level, 1);
        let b = out.blocked_by().unwrap();
        assert_eq!(b.level, 2);
        // PA1.1 at L blocks level 2 as well as the unrated PA2.x.
        assert_eq!(b.attribute, "PA1.1");
        assert_eq!(b.explain(), "PA1.1 is L, needs F");
        assert_eq!(out.blockers.len(), 3);
        assert_eq!(
            out.blockers[1].explain(),
            "PA2.1 is not rated, needs L or F"
        );
    }

    #[test]
    fn level_two_needs_pa11_fully() {
        let out = level_of(["L", "F", "F", "-", "-", "-", "-", "-", "-"]);
        assert_eq!(out.level, 1);
        assert_eq!(out.blockers.len(), 1);
        assert_eq!(out.blockers[0].explain(), "PA1.1 is L, needs F");
    }

    #[test]
    fn level_three_needs_level_two_fully() {
        let out = level_of(["F", "L", "L", "F", "F", "-", "-", "-", "-"]);
        assert_eq!(out.level, 2);
        let reasons: Vec<String> = out.blockers.iter().map(|b| b.explain()).collect();
        assert_eq!(reasons, ["PA2.1 is L, needs F", "PA2.2 is L, needs F"]);
        assert!(out.blockers.iter().all(|b| b.level == 3));
    }

    #[test]
    fn nothing_rated_is_level_zero_and_says_not_rated() {
        let out = level_of(["-"; 9]);
        assert_eq!(out.level, 0);
        assert_eq!(
            out.blockers[0].explain(),
            "PA1.1 is not rated, needs L or F"
        );
        assert_eq!(out.blockers[0].rating, None);
    }

    #[test]
    fn n_and_p_give_level_zero() {
        for code in ["N", "P", "P-", "P+"] {
            let out = level_of([code, "F", "F", "F", "F", "F", "F", "F", "F"]);
            assert_eq!(out.level, 0, "{code}");
            assert_eq!(out.blockers[0].rating, r(code));
        }
    }

    #[test]
    fn refined_values_collapse() {
        assert_eq!(
            level_of(["L-", "-", "-", "-", "-", "-", "-", "-", "-"]).level,
            1
        );
        assert_eq!(
            level_of(["F", "L+", "L-", "-", "-", "-", "-", "-", "-"]).level,
            2
        );
        assert_eq!(
            level_of(["F", "L+", "F", "F", "F", "-", "-", "-", "-"]).level,
            2
        );
    }

    #[test]
    fn all_fully_gives_five_with_no_blocker() {
        let out = level_of(["F"; 9]);
        assert_eq!(out.level, 5);
        assert!(out.blocked_by().is_none());
    }

    #[test]
    fn top_level_largely_is_enough() {
        let out = level_of(["F", "F", "F", "F", "F", "F", "F", "L", "L"]);
        assert_eq!(out.level, 5);
    }

    #[test]
    fn higher_ratings_do_not_lift_a_failed_level() {
        // Level 2 fails; level 3 being fully achieved does not count.
        let out = level_of(["F", "P", "F", "F", "F", "F", "F", "F", "F"]);
        assert_eq!(out.level, 1);
        assert_eq!(out.blockers[0].explain(), "PA2.1 is P, needs L or F");
    }

    #[test]
    fn needs_and_gap() {
        assert_eq!(needed_for_target(1, 3), Some(Base::F));
        assert_eq!(needed_for_target(3, 3), Some(Base::L));
        assert_eq!(needed_for_target(4, 3), None);
        assert_eq!(gap(3, 1), 2);
        assert_eq!(gap(1, 3), 0);
    }

    #[test]
    fn refine_halves_p_and_l_only() {
        let refine = |code: &str, up: bool| {
            code.parse::<Rating>()
                .unwrap()
                .refined(up)
                .map(|r| r.code())
        };
        assert_eq!(refine("P", false), Some("P-"));
        assert_eq!(refine("P", true), Some("P+"));
        assert_eq!(refine("L", false), Some("L-"));
        assert_eq!(refine("L", true), Some("L+"));
        // A refined value refines from its base: P- up is P+, L+ down is L-.
        assert_eq!(refine("P-", true), Some("P+"));
        assert_eq!(refine("P+", true), Some("P+"));
        assert_eq!(refine("L+", false), Some("L-"));
        assert_eq!(refine("L-", false), Some("L-"));
        for code in ["N", "F"] {
            assert_eq!(refine(code, true), None, "{code}");
            assert_eq!(refine(code, false), None, "{code}");
        }
    }

    #[test]
    fn parse_and_show() {
        for r in Rating::ALL {
            assert_eq!(r.code().parse::<Rating>().unwrap(), r);
        }
        assert_eq!("l+".parse::<Rating>().unwrap(), Rating::LPlus);
        let err = "X".parse::<Rating>().unwrap_err();
        assert!(err.to_string().contains("'X' is not on the rating scale"));
        assert_eq!(describe(None), "not rated");
        assert_eq!(describe(Some(Rating::N)), "N");
    }

    fn agg(codes: &[&str], m: Aggregation) -> String {
        let v: Vec<Rating> = codes.iter().map(|c| c.parse().unwrap()).collect();
        aggregate(&v, m)
            .map(|r| r.code().to_string())
            .unwrap_or_default()
    }

    #[test]
    fn aggregation_by_hand() {
        use Aggregation::*;
        assert_eq!(agg(&[], MedianLow), "");
        assert_eq!(agg(&["L"], MedianLow), "L");
        assert_eq!(agg(&["N", "L", "F"], MedianLow), "L");
        // Ties: two middle values P and L.
        assert_eq!(agg(&["N", "P", "L", "F"], MedianLow), "P");
        assert_eq!(agg(&["N", "P", "L", "F"], MedianHigh), "L");
        // Mean on 0..3: (0+2+3)/3 = 1.67 -> L (2).
        assert_eq!(agg(&["N", "L", "F"], Mean), "L");
        // (1+2)/2 = 1.5 exactly half-way -> rounds down to P.
        assert_eq!(agg(&["P", "L"], Mean), "P");
        // (2+3)/2 = 2.5 -> L.
        assert_eq!(agg(&["L", "F"], Mean), "L");
        // (0+3+3)/3 = 2 -> L.
        assert_eq!(agg(&["N", "F", "F"], Mean), "L");
        // Refined: P- (1) and L+ (4): mean 2.5 -> half-way, rounds down to P+ (2).
        assert_eq!(agg(&["P-", "L+"], Mean), "P+");
        // Refined with a plain P (1.5) and F (5): mean 3.25 -> L- (3).
        assert_eq!(agg(&["P", "F", "L-"], Mean), "L-");
        // Median on the refined scale orders P- < P < P+.
        assert_eq!(agg(&["P+", "P", "P-"], MedianLow), "P");
        assert_eq!(agg(&["P+", "L-", "P-", "F"], MedianLow), "P+");
        assert_eq!(agg(&["P+", "L-", "P-", "F"], MedianHigh), "L-");
    }

    /// The worked examples of docs/rating.md, row by row.
    #[test]
    fn aggregation_table_of_the_docs() {
        use Aggregation::*;
        let rows: [(&[&str], &str, &str, &str); 6] = [
            (&["N", "L", "F"], "L", "L", "L"),
            (&["N", "P", "L", "F"], "P", "L", "P"),
            (&["F", "P"], "P", "F", "L"),
            (&["L", "F"], "L", "F", "L"),
            (&["P-", "L+"], "P-", "L+", "P+"),
            (&["P", "F", "L-"], "L-", "L-", "L-"),
        ];
        for (input, low, high, mean) in rows {
            assert_eq!(agg(input, MedianLow), low, "{input:?}");
            assert_eq!(agg(input, MedianHigh), high, "{input:?}");
            assert_eq!(agg(input, Mean), mean, "{input:?}");
        }
    }

    fn grid(rows: &[&[&str]]) -> Vec<Vec<Option<Rating>>> {
        rows.iter()
            .map(|row| row.iter().map(|c| r(c)).collect())
            .collect()
    }

    /// Characterisations of three outcomes in two instances, aggregated every way, against
    /// answers worked out by hand (they are the worked example of docs/rating.md).
    #[test]
    fn grid_aggregation_by_hand() {
        use Aggregation::*;
        use Order::*;
        // Instance A: O1 F, O2 L, O3 P.  Instance B: O1 F, O2 P, O3 N.
        let g = grid(&[&["F", "L", "P"], &["F", "P", "N"]]);
        let code = |m, o| aggregate_grid(&g, m, o).map(|r| r.code()).unwrap_or("-");
        // Vertical first: A -> median(P,L,F) = L; B -> median(N,P,F) = P; then (P, L):
        // median-low P, median-high L, mean (1+2)/2 = 1.5 -> P (halves round down).
        assert_eq!(code(MedianLow, VerticalFirst), "P");
        assert_eq!(code(MedianHigh, VerticalFirst), "L");
        assert_eq!(code(Mean, VerticalFirst), "P");
        // Horizontal first: O1 (F,F) = F; O2 (L,P): low P / high L / mean 1.5 -> P;
        // O3 (P,N): low N / high P / mean 0.5 -> N. Then across items:
        // low: (F,P,N) -> P; high: (F,L,P) -> L; mean: (F,P,N) = 4/3 = 1.33 -> P.
        assert_eq!(code(MedianLow, HorizontalFirst), "P");
        assert_eq!(code(MedianHigh, HorizontalFirst), "L");
        assert_eq!(code(Mean, HorizontalFirst), "P");
        // Two-dimensional: N P P L F F: low (3rd of 6) P, high (4th) L,
        // mean (0+1+1+2+3+3)/6 = 10/6 = 1.67 -> L.
        assert_eq!(code(MedianLow, TwoDimensional), "P");
        assert_eq!(code(MedianHigh, TwoDimensional), "L");
        assert_eq!(code(Mean, TwoDimensional), "L");
        // Gaps are left out, not counted as N.
        let g = grid(&[&["F", "-", "L"], &["-", "-", "-"]]);
        assert_eq!(
            aggregate_grid(&g, MedianLow, VerticalFirst),
            Some(Rating::L)
        );
        assert_eq!(
            aggregate_grid(&g, MedianHigh, HorizontalFirst),
            Some(Rating::F)
        );
        assert_eq!(aggregate_grid(&grid(&[&["-"]]), Mean, TwoDimensional), None);
        // Refined values: one instance, L- L+ P+ -> median P+... sorted P+(4) L-(6) L+(8): L-.
        let g = grid(&[&["L-", "L+", "P+"]]);
        assert_eq!(
            aggregate_grid(&g, MedianLow, VerticalFirst),
            Some(Rating::LMinus)
        );
        // mean of 2, 3, 4 on the six-point scale = 3 -> L-.
        assert_eq!(
            aggregate_grid(&g, Mean, TwoDimensional),
            Some(Rating::LMinus)
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn any_rating() -> impl Strategy<Value = Option<Rating>> {
            prop_oneof![Just(None), (0usize..8).prop_map(|i| Some(Rating::ALL[i]))]
        }

        /// The rule read literally: the highest k such that every attribute of level k is L or F
        /// and every attribute below level k is F. No cumulative stop, no shared code.
        fn oracle(r: &[Option<Rating>; 9]) -> u8 {
            let lv = [1u8, 2, 2, 3, 3, 4, 4, 5, 5];
            let mut best = 0;
            for k in 1..=5u8 {
                let ok = (0..9).all(|i| {
                    let b = r[i].map(|x| x.base());
                    if lv[i] < k {
                        b == Some(Base::F)
                    } else if lv[i] == k {
                        b == Some(Base::L) || b == Some(Base::F)
                    } else {
                        true
                    }
                });
                if ok {
                    best = best.max(k);
                }
            }
            best
        }

        proptest! {
            #[test]
            fn level_rule_matches_oracle(v in proptest::array::uniform9(any_rating())) {
                let out = capability_level(&std_levels(v));
                prop_assert_eq!(out.level, oracle(&v));
                // A blocker is given exactly when the top level is not reached, and it names an
                // attribute that really falls short of what it needs.
                prop_assert_eq!(out.blockers.is_empty(), out.level == 5);
                for b in &out.blockers {
                    prop_assert_eq!(b.level, out.level + 1);
                    prop_assert!(!b.rating.is_some_and(|x| x.meets(b.needs)));
                }
            }

            #[test]
            fn aggregate_stays_within_inputs(v in proptest::collection::vec(0usize..8, 1..12)) {
                let ratings: Vec<Rating> = v.iter().map(|&i| Rating::ALL[i]).collect();
                let lo = ratings.iter().map(|r| r.position2()).min().unwrap();
                let hi = ratings.iter().map(|r| r.position2()).max().unwrap();
                for m in Aggregation::ALL {
                    let a = aggregate(&ratings, m).unwrap();
                    // The aggregate lies between the lowest and highest input (on the
                    // doubled six-point positions, allowing the half step of an unrefined P/L).
                    prop_assert!(a.position2() + 1 >= lo && a.position2() <= hi + 1,
                        "{m:?} of {ratings:?} gave {a:?}");
                    // Order does not matter.
                    let mut rev = ratings.clone();
                    rev.reverse();
                    prop_assert_eq!(aggregate(&rev, m), Some(a));
                }
                // Agreement is kept: n copies of one value aggregate to it.
                let same = vec![ratings[0]; ratings.len()];
                for m in Aggregation::ALL {
                    prop_assert_eq!(aggregate(&same, m).map(|r| r.base()), Some(ratings[0].base()));
                }
                prop_assert!(
                    aggregate(&ratings, Aggregation::MedianLow).unwrap().position2()
                        <= aggregate(&ratings, Aggregation::MedianHigh).unwrap().position2()
                );
            }
        }
    }

    #[test]
    fn the_weakest_item_caps_a_proposal() {
        use Rating::*;
        // F only when no item is below L; L only when no item is N.
        assert_eq!(cap_by_weakest(F, Base::F), F);
        assert_eq!(cap_by_weakest(F, Base::L), F);
        assert_eq!(cap_by_weakest(F, Base::P), L);
        assert_eq!(cap_by_weakest(LPlus, Base::P), LPlus);
        assert_eq!(cap_by_weakest(F, Base::N), P);
        assert_eq!(cap_by_weakest(LMinus, Base::N), P);
        assert_eq!(cap_by_weakest(PPlus, Base::N), PPlus);
        assert_eq!(cap_by_weakest(N, Base::N), N);
        assert_eq!(aggregate(&[F, L, P], Aggregation::Minimum), Some(P));
        assert_eq!(
            aggregate(&[LPlus, LMinus], Aggregation::Minimum),
            Some(LMinus)
        );
    }
}
