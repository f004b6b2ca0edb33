//! Values that remember where they were read, so that a message can name the line.
//!
//! [`Located<T>`] holds a value and, when it came from a TOML file, the byte range it was read
//! from. It compares, hashes, prints and serialises as the bare value; the location is only there
//! for messages. [`Id`] is the common case, a located string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};

/// A value with the byte range of the source it was read from, if any.
#[derive(Clone, Default)]
pub struct Located<T> {
    value: T,
    span: Option<Range<usize>>,
}

/// A located string: ids of processes, attributes, outcomes, evidence...
pub type Id = Located<String>;

impl<T> Located<T> {
    /// A value made in code, with no location.
    pub fn new(value: T) -> Self {
        Located { value, span: None }
    }

    /// A value read from a source at `span`.
    pub fn with_span(value: T, span: Range<usize>) -> Self {
        Located {
            value,
            span: Some(span),
        }
    }

    /// The byte range in the source, when the value was read from one.
    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    pub fn get(&self) -> &T {
        &self.value
    }

    pub fn into_inner(self) -> T {
        self.value
    }
}

impl Id {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Located::new(s.to_string())
    }
}

impl From<String> for Id {
    fn from(s: String) -> Self {
        Located::new(s)
    }
}

impl<T> Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Located<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Located<T> {}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        &self.value == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

impl<T: Hash> Hash for Located<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state)
    }
}

impl<T: PartialOrd> PartialOrd for Located<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl<T: Ord> Ord for Located<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Located<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for Located<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    /// Reads the value with its span from a TOML deserializer.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(d)?;
        let span = spanned.span();
        Ok(Located {
            value: spanned.into_inner(),
            span: Some(span),
        })
    }
}

/// Turns byte offsets into 1-based line numbers for one source text.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The line of the start of a span, if there is one.
    pub fn line_of(&self, span: Option<Range<usize>>) -> Option<usize> {
        span.map(|s| self.line(s.start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_from_offsets() {
        let l = Lines::new("a\nbb\n\nccc");
        assert_eq!(l.line(0), 1);
        assert_eq!(l.line(1), 1);
        assert_eq!(l.line(2), 2);
        assert_eq!(l.line(5), 3);
        assert_eq!(l.line(6), 4);
        assert_eq!(l.line(8), 4);
    }

    #[test]
    fn ids_compare_by_value_and_keep_spans() {
        #[derive(Deserialize)]
        struct T {
            id: Id,
        }
        let t: T = toml::from_str("\n\nid = \"X.1\"\n").unwrap();
        assert_eq!(t.id, Id::from("X.1"));
        assert_eq!(t.id, "X.1");
        let lines = Lines::new("\n\nid = \"X.1\"\n");
        assert_eq!(lines.line_of(t.id.span()), Some(3));
        assert_eq!(serde_json::to_string(&Id::from("a")).unwrap(), "\"a\"");
    }
}
