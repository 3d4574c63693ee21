//! Reading one JSON object field by field, collecting *every* problem with the field it belongs
//! to, so a caseworker fixing a file sees all of a line's mistakes at once.
//!
//! Getters of required fields hand back a placeholder when the field is missing or bad; the
//! caller must check [`Fields::finish`] and throw the record away if it reports errors. Values are
//! never echoed into messages, because a bad field may hold a national id.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Number, Value};

use super::FieldError;
use super::object::{Json, Object};

/// Longest accepted id: ids are keys in URLs and indexes, not prose.
const MAX_ID_CHARS: usize = 100;
/// Longest accepted text field (names, titles, reasons, notes).
const MAX_TEXT_CHARS: usize = 10_000;
/// Dates outside this range are typing mistakes, not history.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

pub(crate) struct Fields<'a> {
    obj: &'a Object<'a>,
    pub(crate) errors: Vec<FieldError>,
}

// Each `req_*` getter looks its field up once and hands the value to the check its `opt_*` twin
// uses, so a required field is found once, not twice.
impl<'a> Fields<'a> {
    /// Reads `obj`, whose `type` and `id` the caller has read.
    pub(crate) fn new(obj: &'a Object<'a>) -> Self {
        obj.read("type");
        obj.read("id");
        Fields {
            obj,
            errors: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, field: &str, reason: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            reason: reason.into(),
        });
    }

    /// The raw value of a field, `None` when absent or `null`.
    fn get(&mut self, name: &'static str) -> Option<&'a Json<'a>> {
        self.obj.read(name).filter(|v| !v.is_null())
    }

    fn missing(&mut self, name: &str) {
        self.error(name, "is required");
    }

    pub(crate) fn opt_text(&mut self, name: &'static str) -> Option<String> {
        let value = self.get(name)?;
        self.text(name, value).map(str::to_owned)
    }

    fn text(&mut self, name: &'static str, value: &'a Json<'a>) -> Option<&'a str> {
        let Some(s) = value.as_str() else {
            self.error(name, "must be a string");
            return None;
        };
        if s.trim().is_empty() {
            self.error(name, "must not be empty (leave the field out instead)");
            return None;
        }
        // A string has no more characters than bytes: most need no counting.
        if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS {
            self.error(name, format!("is longer than {MAX_TEXT_CHARS} characters"));
            return None;
        }
        Some(s)
    }

    pub(crate) fn req_text(&mut self, name: &'static str) -> String {
        match self.get(name) {
            Some(value) => self
                .text(name, value)
                .map(str::to_owned)
                .unwrap_or_default(),
            None => {
                self.missing(name);
                String::new()
            }
        }
    }

    /// A reference to another record's id.
    pub(crate) fn opt_ref(&mut self, name: &'static str) -> Option<String> {
        let value = self.get(name)?;
        self.reference(name, value)
    }

    fn reference(&mut self, name: &'static str, value: &'a Json<'a>) -> Option<String> {
        let s = self.text(name, value)?;
        match check_id(s) {
            Ok(()) => Some(s.to_owned()),
            Err(reason) => {
                self.error(name, reason);
                None
            }
        }
    }

    pub(crate) fn req_ref(&mut self, name: &'static str) -> String {
        match self.get(name) {
            Some(value) => self.reference(name, value).unwrap_or_default(),
            None => {
                self.missing(name);
                String::new()
            }
        }
    }

    pub(crate) fn opt_date(&mut self, name: &'static str) -> Option<NaiveDate> {
        let value = self.get(name)?;
        self.date(name, value)
    }

    fn date(&mut self, name: &'static str, value: &Json<'_>) -> Option<NaiveDate> {
        let Some(s) = value.as_str() else {
            self.error(name, "must be a date written YYYY-MM-DD");
            return None;
        };
        match parse_date(s) {
            Ok(d) => Some(d),
            Err(reason) => {
                self.error(name, reason);
                None
            }
        }
    }

    pub(crate) fn req_date(&mut self, name: &'static str) -> NaiveDate {
        match self.get(name) {
            Some(value) => self.date(name, value).unwrap_or(NaiveDate::MIN),
            None => {
                self.missing(name);
                NaiveDate::MIN
            }
        }
    }

    pub(crate) fn opt_bool(&mut self, name: &'static str) -> Option<bool> {
        let value = self.get(name)?;
        let b = value.as_value().and_then(Value::as_bool);
        if b.is_none() {
            self.error(name, "must be true or false");
        }
        b
    }

    /// A whole number in `range`.
    pub(crate) fn opt_uint(
        &mut self,
        name: &'static str,
        range: std::ops::RangeInclusive<u64>,
    ) -> Option<u64> {
        let value = self.get(name)?;
        self.uint(name, value, range)
    }

    fn uint(
        &mut self,
        name: &'static str,
        value: &Json<'_>,
        range: std::ops::RangeInclusive<u64>,
    ) -> Option<u64> {
        match value.as_value().and_then(Value::as_u64) {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(
                    name,
                    format!(
                        "must be a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn req_uint(
        &mut self,
        name: &'static str,
        range: std::ops::RangeInclusive<u64>,
    ) -> u64 {
        match self.get(name) {
            Some(value) => self.uint(name, value, range).unwrap_or(0),
            None => {
                self.missing(name);
                0
            }
        }
    }

    /// A number (whole or decimal) in `range`.
    pub(crate) fn opt_number(
        &mut self,
        name: &'static str,
        range: std::ops::RangeInclusive<f64>,
    ) -> Option<f64> {
        let value = self.get(name)?;
        match value.as_value().and_then(Value::as_f64) {
            Some(n) if n.is_finite() && range.contains(&n) => Some(n),
            _ => {
                self.error(
                    name,
                    format!("must be a number from {} to {}", range.start(), range.end()),
                );
                None
            }
        }
    }

    /// A JSON number kept exactly as written (money), which must not be negative.
    pub(crate) fn req_amount(&mut self, obj_name: &str, value: Option<&Value>) -> Number {
        match value {
            Some(Value::Number(n)) if n.as_f64().is_some_and(|f| f.is_finite() && f >= 0.0) => {
                n.clone()
            }
            Some(_) => {
                self.error(obj_name, "amount must be a number, zero or more");
                Number::from(0)
            }
            None => {
                self.error(obj_name, "amount is required");
                Number::from(0)
            }
        }
    }

    /// A code from a closed list, read with `parse`; `expected` lists the allowed codes.
    pub(crate) fn opt_code<T>(
        &mut self,
        name: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        expected: impl Fn() -> String,
    ) -> Option<T> {
        let value = self.get(name)?;
        self.code(name, value, parse, expected)
    }

    fn code<T>(
        &mut self,
        name: &'static str,
        value: &Json<'_>,
        parse: impl Fn(&str) -> Option<T>,
        expected: impl Fn() -> String,
    ) -> Option<T> {
        let parsed = value.as_str().and_then(&parse);
        if parsed.is_none() {
            self.error(name, format!("must be one of: {}", expected()));
        }
        parsed
    }

    pub(crate) fn req_code<T>(
        &mut self,
        name: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        expected: impl Fn() -> String,
    ) -> Option<T> {
        match self.get(name) {
            Some(value) => self.code(name, value, parse, expected),
            None => {
                self.missing(name);
                None
            }
        }
    }

    /// A value whose own parser says what is wrong with it (national id, CVR, country…).
    pub(crate) fn opt_parsed<T, E: std::fmt::Display>(
        &mut self,
        name: &'static str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        let value = self.get(name)?;
        let Some(s) = value.as_str() else {
            self.error(name, "must be a string");
            return None;
        };
        match parse(s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(name, e.to_string());
                None
            }
        }
    }

    pub(crate) fn opt_array(&mut self, name: &'static str) -> Option<&'a Vec<Value>> {
        let value = self.get(name)?;
        let arr = value.as_value().and_then(Value::as_array);
        if arr.is_none() {
            self.error(name, "must be a list");
        }
        arr
    }

    pub(crate) fn opt_object(&mut self, name: &'static str) -> Option<&'a Map<String, Value>> {
        let value = self.get(name)?;
        let obj = value.as_value().and_then(Value::as_object);
        if obj.is_none() {
            self.error(name, "must be an object");
        }
        obj
    }

    /// Unknown fields are refused: a misspelt optional field would otherwise be lost silently.
    pub(crate) fn finish(mut self) -> Vec<FieldError> {
        for key in self.obj.unread_keys() {
            self.error(key, "is not a field of this record type");
        }
        self.errors
    }
}

/// Ids are chosen by the source system; they must be short and printable.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    if id.len() > MAX_ID_CHARS && id.chars().count() > MAX_ID_CHARS {
        return Err(format!("must be at most {MAX_ID_CHARS} characters"));
    }
    if has_space_or_control(id) {
        return Err("must not contain spaces or control characters".into());
    }
    Ok(())
}

/// Whether `id` holds a control or whitespace character. Nearly every id is ASCII, whose control
/// and whitespace characters are exactly the bytes up to space and DEL: one pass over the bytes
/// instead of a Unicode check per character.
fn has_space_or_control(id: &str) -> bool {
    if id.is_ascii() {
        id.bytes().any(|b| b <= b' ' || b == 0x7f)
    } else {
        id.chars().any(|c| c.is_control() || c.is_whitespace())
    }
}

/// Dates are exactly `YYYY-MM-DD`, real, and within 1900–2100.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err("must be a date written YYYY-MM-DD".into());
    }
    // Digits where the shape says so: the parts are numbers (chrono's format parser was a
    // noticeable share of an import).
    let part = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(0);
    let date = i32::try_from(part(0..4))
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, part(5..7), part(8..10)))
        .ok_or_else(|| "is not a real date".to_string())?;
    if !YEARS.contains(&date.year()) {
        return Err(format!(
            "must be between {} and {}",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_zero_padded_and_real() {
        assert!(parse_date("2024-06-16").is_ok());
        assert!(parse_date("2024-6-16").is_err());
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("1850-01-01").is_err());
        assert!(parse_date("16-06-2024").is_err());
    }

    #[test]
    fn the_ascii_shortcut_finds_exactly_the_control_and_space_characters() {
        for b in 0..0x80u8 {
            let c = char::from(b);
            assert_eq!(
                has_space_or_control(&format!("a{c}b")),
                c.is_control() || c.is_whitespace(),
                "{b:#04x}"
            );
        }
        // Beyond ASCII the characters are checked one by one.
        assert!(has_space_or_control("a\u{a0}b"));
        assert!(has_space_or_control("a\u{85}b"));
        assert!(has_space_or_control("æ\u{3000}"));
        assert!(!has_space_or_control("kontakt-æøå"));
    }

    #[test]
    fn ids_with_spaces_are_refused() {
        assert!(check_id("e0001").is_ok());
        assert!(check_id("e 0001").is_err());
        assert!(check_id("").is_err());
        assert!(check_id(&"x".repeat(101)).is_err());
    }
}
