//! A line's top-level JSON object read without copying it: keys and string values borrow the
//! line wherever they can (a string with an escape in it has to be decoded, so it is owned), and
//! only numbers, booleans, `null` and nested lists and objects become `serde_json::Value`s.
//! Nearly every field of an event is a string, so reading a line allocates next to nothing; a
//! `Value` would have built a tree with a `String` per key and per string.
//!
//! It must read exactly what `serde_json::from_str::<Value>` reads: the same text is refused with
//! the same message, a repeated key keeps its last value, and keys are reported in `Value`'s
//! (alphabetical) order. Nested values go through `Value`'s own deserialiser for that reason.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    Deserialize, Deserializer, Error, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};

/// One field's value.
#[derive(Debug, PartialEq)]
pub(crate) enum Json<'a> {
    Str(Cow<'a, str>),
    /// Anything but a string.
    Other(Cow<'a, Value>),
}

impl<'a> Json<'a> {
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Other(v) if v.is_null())
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            Json::Other(v) => v.as_str(),
        }
    }

    /// The value when it is not a string.
    pub(crate) fn as_value(&self) -> Option<&Value> {
        match self {
            Json::Str(_) => None,
            Json::Other(v) => Some(v),
        }
    }

    fn borrowing(value: &'a Value) -> Self {
        match value {
            Value::String(s) => Json::Str(Cow::Borrowed(s)),
            other => Json::Other(Cow::Borrowed(other)),
        }
    }
}

/// The fields of an object in the order written, repeated keys included (a lookup takes the
/// last, as `Value` keeps it). A record has a dozen fields at most, so a list beats a tree.
#[derive(Debug)]
pub(crate) struct Object<'a> {
    entries: Vec<Entry<'a>>,
}

#[derive(Debug)]
struct Entry<'a> {
    key: Cow<'a, str>,
    value: Json<'a>,
    /// Whether a reader asked for this key, for refusing the fields nobody asked for. A flag on
    /// the entry costs no list of names read, and no search through it, per line.
    read: Cell<bool>,
}

impl<'a> Entry<'a> {
    fn new(key: Cow<'a, str>, value: Json<'a>) -> Self {
        Entry {
            key,
            value,
            read: Cell::new(false),
        }
    }
}

impl<'a> Object<'a> {
    /// The object of an already parsed `Value`, borrowing its keys and strings.
    pub(crate) fn borrowing(map: &'a Map<String, Value>) -> Self {
        Object {
            entries: map
                .iter()
                .map(|(k, v)| Entry::new(Cow::Borrowed(k.as_str()), Json::borrowing(v)))
                .collect(),
        }
    }

    /// The value of `name`: the last one written when the key repeats.
    pub(crate) fn get(&self, name: &str) -> Option<&Json<'a>> {
        self.entry(name).map(|e| &e.value)
    }

    /// [`Object::get`], noting that `name` is a field the reader knows.
    pub(crate) fn read(&self, name: &str) -> Option<&Json<'a>> {
        let entry = self.entry(name)?;
        entry.read.set(true);
        Some(&entry.value)
    }

    fn entry(&self, name: &str) -> Option<&Entry<'a>> {
        self.entries.iter().rev().find(|e| e.key == name)
    }

    /// The keys never [read](Object::read), each once, in alphabetical order (`Value`'s order).
    pub(crate) fn unread_keys(&self) -> Vec<&str> {
        let mut unread: Vec<&str> = self
            .entries
            .iter()
            .filter(|e| !e.read.get())
            // An earlier value of a repeated key is not read, but its key was.
            .filter(|e| !self.entries.iter().any(|o| o.read.get() && o.key == e.key))
            .map(|e| e.key.as_ref())
            .collect();
        unread.sort_unstable();
        unread.dedup();
        unread
    }
}

/// What a line holds once parsed.
#[derive(Debug)]
pub(crate) enum Line<'a> {
    Object(Object<'a>),
    /// Valid JSON, but a list, string, number, boolean or `null`.
    NotObject,
}

impl<'a> Line<'a> {
    /// The line parsed as `serde_json::from_str::<Value>` would, or its error.
    pub(crate) fn parse(text: &'a str) -> Result<Self, serde_json::Error> {
        if first_key_may_be_serde_token(text) {
            // serde_json (with its `raw_value` feature, which other crates of the workspace turn
            // on) reads an object whose first key is its private token as the JSON text in that
            // key's value. No record has such a key: reading such a line through `Value` keeps the
            // quirk exactly as it was.
            let value: Value = serde_json::from_str(text)?;
            return Ok(match value {
                Value::Object(map) => Line::Object(Object {
                    entries: map
                        .into_iter()
                        .map(|(k, v)| Entry::new(Cow::Owned(k), owned(v)))
                        .collect(),
                }),
                _ => Line::NotObject,
            });
        }
        serde_json::from_str(text)
    }
}

fn owned(value: Value) -> Json<'static> {
    match value {
        Value::String(s) => Json::Str(Cow::Owned(s)),
        other => Json::Other(Cow::Owned(other)),
    }
}

/// Whether the first key of an object could decode to a text starting with `$`, like
/// serde_json's private tokens: only when it is written starting with `$` or an escape.
fn first_key_may_be_serde_token(text: &str) -> bool {
    text.strip_prefix('{')
        .map(|rest| rest.trim_start_matches([' ', '\n', '\t', '\r']))
        .is_some_and(|rest| rest.starts_with("\"$") || rest.starts_with("\"\\"))
}

impl<'de> Deserialize<'de> for Line<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LineVisitor)
    }
}

struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = Line<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Line<'de>, A::Error> {
        // Room for a person's sixteen fields, the most a record has: one allocation a line.
        let mut entries = Vec::with_capacity(16);
        while let Some(Key(key)) = map.next_key()? {
            entries.push(Entry::new(key, map.next_value()?));
        }
        Ok(Line::Object(Object { entries }))
    }

    // What is not an object is still read through, so that invalid JSON further on is refused
    // as invalid JSON, as before.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Line<'de>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(Line::NotObject)
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<Line<'de>, E> {
        Ok(Line::NotObject)
    }

    fn visit_i64<E: Error>(self, _: i64) -> Result<Line<'de>, E> {
        Ok(Line::NotObject)
    }

    fn visit_u64<E: Error>(self, _: u64) -> Result<Line<'de>, E> {
        Ok(Line::NotObject)
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<Line<'de>, E> {
        Ok(Line::NotObject)
    }

    fn visit_str<E: Error>(self, _: &str) -> Result<Line<'de>, E> {
        Ok(Line::NotObject)
    }

    fn visit_unit<E: Error>(self) -> Result<Line<'de>, E> {
        Ok(Line::NotObject)
    }
}

/// A key, borrowed from the line unless it had to be unescaped.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E: Error>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: Error>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

/// Everything but a string is handed to `Value`'s own visitor, so it reads exactly as before.
fn value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Json<'de>, D::Error> {
    Value::deserialize(deserializer).map(|v| Json::Other(Cow::Owned(v)))
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_borrowed_str<E: Error>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: Error>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(s)))
    }

    fn visit_bool<E: Error>(self, b: bool) -> Result<Json<'de>, E> {
        value(b.into_deserializer())
    }

    fn visit_i64<E: Error>(self, n: i64) -> Result<Json<'de>, E> {
        value(n.into_deserializer())
    }

    fn visit_u64<E: Error>(self, n: u64) -> Result<Json<'de>, E> {
        value(n.into_deserializer())
    }

    fn visit_f64<E: Error>(self, n: f64) -> Result<Json<'de>, E> {
        value(n.into_deserializer())
    }

    fn visit_unit<E: Error>(self) -> Result<Json<'de>, E> {
        value(().into_deserializer())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Json<'de>, A::Error> {
        value(SeqAccessDeserializer::new(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Json<'de>, A::Error> {
        value(MapAccessDeserializer::new(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(text: &str) -> Object<'_> {
        match Line::parse(text) {
            Ok(Line::Object(obj)) => obj,
            other => panic!("{text} is not an object: {other:?}"),
        }
    }

    #[test]
    fn plain_keys_and_strings_are_borrowed_from_the_line_and_escaped_ones_decoded() {
        let obj = object(r#"{"a": "x", "b\u0062": "y\n", "c": 1}"#);
        let borrowed: Vec<(bool, bool)> = obj
            .entries
            .iter()
            .map(|e| {
                let value_borrowed = match &e.value {
                    Json::Str(s) => matches!(s, Cow::Borrowed(_)),
                    Json::Other(v) => matches!(v, Cow::Borrowed(_)),
                };
                (matches!(e.key, Cow::Borrowed(_)), value_borrowed)
            })
            .collect();
        assert_eq!(borrowed, vec![(true, true), (false, false), (true, false)]);
        assert_eq!(obj.get("bb").and_then(Json::as_str), Some("y\n"));
        assert_eq!(obj.get("c").and_then(Json::as_value), Some(&Value::from(1)));
    }

    #[test]
    fn a_repeated_key_reads_its_last_value_and_counts_as_read_once() {
        let obj = object(r#"{"b": 1, "a": 2, "b": 3, "z": 4, "a": 5, "b": 6}"#);
        assert_eq!(
            obj.read("b").and_then(Json::as_value),
            Some(&Value::from(6))
        );
        assert_eq!(obj.unread_keys(), vec!["a", "z"]);
    }

    #[test]
    fn an_object_read_from_a_value_holds_the_same_fields() {
        let text = r#"{"z": "x", "a": [1, {"b": null}], "m": {"n": "o"}, "k": false}"#;
        let Ok(Value::Object(map)) = serde_json::from_str(text) else {
            panic!("{text} is not an object");
        };
        let from_value = Object::borrowing(&map);
        let from_text = object(text);
        for key in ["z", "a", "m", "k", "missing"] {
            assert_eq!(from_value.get(key), from_text.get(key), "{key}");
        }
        assert_eq!(from_value.unread_keys(), vec!["a", "k", "m", "z"]);
        assert_eq!(from_text.unread_keys(), vec!["a", "k", "m", "z"]);
    }
}
