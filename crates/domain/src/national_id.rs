//! National identity numbers of participants: the Danish CPR number and the Swedish personnummer
//! (FORMAT.md §2, `person.national_id`). Once you hold a [`Cpr`], [`Personnummer`] or
//! [`NationalId`] it is well formed and its date part is a real date.
//!
//! These numbers are sensitive personal data. This module must never let one leak by accident:
//! there is no `Display`, `Debug` prints `<redacted>`, error messages never contain the input, and
//! [`expose`](NationalId::expose) is the one deliberate way to get the full number (for
//! encryption and export). Show [`masked`](NationalId::masked) to people instead.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Serialize, Serializer};

/// Why a text is not a national id. Messages are safe to log: they never contain the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the national id is empty")]
    Empty,
    #[error("expected DDMMYY-SSSS or 10 digits (CPR)")]
    CprShape,
    #[error("expected YYMMDD-NNNC, YYMMDD+NNNC, YYYYMMDDNNNC or YYYYMMDD-NNNC (personnummer)")]
    PersonnummerShape,
    #[error("expected DDMMYY-SSSS (CPR) or YYMMDD-NNNC / YYYYMMDDNNNC (personnummer)")]
    Shape,
    #[error("the date part is not a real date")]
    NotADate,
    #[error("wrong check digit")]
    CheckDigit,
}

/// A Danish CPR number, held in the canonical form `DDMMYY-SSSS`.
///
/// The modulus-11 check is not enforced: numbers issued since 2007 may fail it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cpr {
    canonical: String,
    birth: NaiveDate,
}

impl Cpr {
    /// Accepts `DDMMYY-SSSS` or 10 digits, surrounded by any whitespace.
    pub fn parse(input: &str) -> Result<Cpr, IdError> {
        let b = input.trim().as_bytes();
        let joined = match b.len() {
            0 => return Err(IdError::Empty),
            10 => b.to_vec(),
            11 if b[6] == b'-' => [&b[..6], &b[7..]].concat(),
            _ => return Err(IdError::CprShape),
        };
        let d: [u8; 10] = digits(&joined).ok_or(IdError::CprShape)?;
        let yy = two(d[4], d[5]);
        let century = match d[6] {
            0..=3 => 1900,
            4 | 9 if yy <= 36 => 2000,
            4 | 9 => 1900,
            _ if yy <= 57 => 2000,
            _ => 1800,
        };
        let birth =
            date(century + yy, two(d[2], d[3]), two(d[0], d[1])).ok_or(IdError::NotADate)?;
        let text: String = d.iter().map(|&x| char::from(b'0' + x)).collect();
        Ok(Cpr {
            canonical: format!("{}-{}", &text[..6], &text[6..]),
            birth,
        })
    }

    /// Whether the old modulus-11 check holds (weights 4,3,2,7,6,5,4,3,2,1). Informational only.
    pub fn passes_modulus11(&self) -> bool {
        const WEIGHTS: [u32; 10] = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
        let digits = self.canonical.bytes().filter(u8::is_ascii_digit);
        let sum: u32 = digits
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        sum.is_multiple_of(11)
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// `DDMMYY-xxxx`: what a person may be shown.
    pub fn masked(&self) -> String {
        format!("{}-xxxx", &self.canonical[..6])
    }

    /// The full number as `DDMMYY-SSSS`. Only for encryption and export; never log it.
    pub fn expose(&self) -> &str {
        &self.canonical
    }

    /// The 10 digits, as input to a keyed hash for finding a person by number.
    pub fn lookup_key(&self) -> String {
        self.canonical.replace('-', "")
    }
}

/// A Swedish personnummer (or samordningsnummer, day + 60), kept as it was written.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Personnummer {
    text: String,
    /// `YYMMDDNNNC`.
    key: [u8; 10],
    form: Form,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Form {
    /// `YYYYMMDD…`: the birth date is known.
    Long(NaiveDate),
    /// `YYMMDD-…` or, with `plus`, `YYMMDD+…` (100 years or older).
    Short { plus: bool },
}

impl Personnummer {
    /// Accepts `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYYYMMDDNNNC` and `YYYYMMDD-NNNC`. Ten bare digits
    /// are not accepted: that is the shape of a CPR number.
    pub fn parse(input: &str) -> Result<Personnummer, IdError> {
        let text = input.trim();
        let b = text.as_bytes();
        let (century, rest, plus) = match b.len() {
            0 => return Err(IdError::Empty),
            11 if b[6] == b'-' || b[6] == b'+' => (None, [&b[..6], &b[7..]].concat(), b[6] == b'+'),
            12 => (Some(&b[..2]), b[2..].to_vec(), false),
            13 if b[8] == b'-' => (Some(&b[..2]), [&b[2..8], &b[9..]].concat(), false),
            _ => return Err(IdError::PersonnummerShape),
        };
        let key: [u8; 10] = digits(&rest).ok_or(IdError::PersonnummerShape)?;
        let (yy, month, day) = pn_date_parts(&key);
        let form = match century {
            Some(cc) => {
                let cc: [u8; 2] = digits(cc).ok_or(IdError::PersonnummerShape)?;
                Form::Long(date(two(cc[0], cc[1]) * 100 + yy, month, day).ok_or(IdError::NotADate)?)
            }
            None if [1900, 2000]
                .iter()
                .any(|c| date(c + yy, month, day).is_some()) =>
            {
                Form::Short { plus }
            }
            None => return Err(IdError::NotADate),
        };
        if !luhn(&key) {
            return Err(IdError::CheckDigit);
        }
        Ok(Personnummer {
            text: text.to_owned(),
            key,
            form,
        })
    }

    /// The birth date. For the short form the century is the latest that puts it on or before
    /// `reference` (for `+`, on or before 100 years before it); the long form ignores `reference`.
    pub fn birth_date(&self, reference: NaiveDate) -> NaiveDate {
        let plus = match self.form {
            Form::Long(birth) => return birth,
            Form::Short { plus } => plus,
        };
        let limit = if plus {
            reference
                .checked_sub_months(Months::new(1200))
                .unwrap_or(reference)
        } else {
            reference
        };
        let (yy, month, day) = pn_date_parts(&self.key);
        let newest = limit.year() - (limit.year() - yy).rem_euclid(100);
        // Five centuries back always include a year divisible by 400, so 29 February is found.
        (0..5)
            .filter_map(|k| date(newest - 100 * k, month, day))
            .find(|d| *d <= limit)
            .unwrap_or(limit)
    }

    /// `YYYYMMDD-xxxx` for the long form, `YYMMDD-xxxx` (or `YYMMDD+xxxx`) for the short.
    pub fn masked(&self) -> String {
        match self.form {
            Form::Long(_) => format!("{}-xxxx", self.text.get(..8).unwrap_or_default()),
            Form::Short { .. } => format!("{}xxxx", self.text.get(..7).unwrap_or_default()),
        }
    }

    /// The number as written (trimmed). Only for encryption and export; never log it.
    pub fn expose(&self) -> &str {
        &self.text
    }

    /// The last 10 digits, `YYMMDDNNNC`, as input to a keyed hash.
    pub fn lookup_key(&self) -> String {
        self.key.iter().map(|&x| char::from(b'0' + x)).collect()
    }
}

/// A participant's national id: whichever of the two kinds the text is.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum NationalId {
    Cpr(Cpr),
    Personnummer(Personnummer),
}

impl NationalId {
    /// A 12/13-character form or a `+` is a personnummer; otherwise CPR is tried first (so a text
    /// that reads as both is a CPR), then personnummer.
    pub fn parse(input: &str) -> Result<NationalId, IdError> {
        let text = input.trim();
        let general = |e: IdError| match e {
            IdError::CprShape | IdError::PersonnummerShape => IdError::Shape,
            other => other,
        };
        if text.contains('+') || text.len() == 12 || text.len() == 13 {
            return Personnummer::parse(text)
                .map(NationalId::Personnummer)
                .map_err(general);
        }
        let cpr_error = match Cpr::parse(text) {
            Ok(cpr) => return Ok(NationalId::Cpr(cpr)),
            Err(e) => e,
        };
        let pn_error = match Personnummer::parse(text) {
            Ok(pn) => return Ok(NationalId::Personnummer(pn)),
            Err(e) => e,
        };
        // The error of whichever reading got further is the one that helps.
        let progress = |e: &IdError| match e {
            IdError::CheckDigit => 3,
            IdError::NotADate => 2,
            _ => 1,
        };
        Err(general(std::cmp::max_by_key(cpr_error, pn_error, progress)))
    }

    pub fn masked(&self) -> String {
        match self {
            NationalId::Cpr(c) => c.masked(),
            NationalId::Personnummer(p) => p.masked(),
        }
    }

    pub fn expose(&self) -> &str {
        match self {
            NationalId::Cpr(c) => c.expose(),
            NationalId::Personnummer(p) => p.expose(),
        }
    }

    /// The kind's lookup key with a country prefix (`dk:` / `se:`): a CPR and a personnummer can
    /// share the same 10 digits, and must not be taken for the same person.
    pub fn lookup_key(&self) -> String {
        match self {
            NationalId::Cpr(c) => format!("dk:{}", c.lookup_key()),
            NationalId::Personnummer(p) => format!("se:{}", p.lookup_key()),
        }
    }

    /// The birth date; `reference` (usually today) only matters for a short personnummer.
    pub fn birth_date(&self, reference: NaiveDate) -> NaiveDate {
        match self {
            NationalId::Cpr(c) => c.birth_date(),
            NationalId::Personnummer(p) => p.birth_date(reference),
        }
    }
}

/// `Debug` that never shows the number, and `Serialize` as [`expose`](NationalId::expose) (for
/// export, which needs the number; it goes to encrypted storage or the owner, never to logs).
macro_rules! sensitive {
    ($($kind:ident),*) => {$(
        impl fmt::Debug for $kind {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($kind), "(<redacted>)"))
            }
        }

        impl Serialize for $kind {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.expose())
            }
        }
    )*};
}

sensitive!(Cpr, Personnummer, NationalId);

/// Test and demo support: a CPR number for `birth` that was never issued. Its serial is the first
/// from `serial` on (wrapping at 10000) whose 7th digit fits the century rule and that fails
/// modulus 11; numbers born before 2007 that fail it were never given to anyone. `None` for
/// births in 2007 or later (those may fail modulus 11 and be real) or before 1858.
pub fn generated_cpr(birth: NaiveDate, serial: u16) -> Option<Cpr> {
    if !(1858..2007).contains(&birth.year()) {
        return None;
    }
    let prefix = birth.format("%d%m%y").to_string();
    (0..10_000u32)
        .map(|k| (u32::from(serial) + k) % 10_000)
        .find_map(|s| {
            let cpr = Cpr::parse(&format!("{prefix}-{s:04}")).ok()?;
            (cpr.birth == birth && !cpr.passes_modulus11()).then_some(cpr)
        })
}

fn digits<const N: usize>(bytes: &[u8]) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    if bytes.len() != N || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b - b'0';
    }
    Some(out)
}

fn two(tens: u8, ones: u8) -> i32 {
    i32::from(tens) * 10 + i32::from(ones)
}

fn date(year: i32, month: i32, day: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// `(YY, MM, DD)` of a personnummer, with a samordningsnummer's day + 60 undone.
fn pn_date_parts(key: &[u8; 10]) -> (i32, i32, i32) {
    let day = two(key[4], key[5]);
    (
        two(key[0], key[1]),
        two(key[2], key[3]),
        if day > 60 { day - 60 } else { day },
    )
}

fn luhn(key: &[u8; 10]) -> bool {
    let sum: u32 = key
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * if i % 2 == 0 { 2 } else { 1 })
        .map(|p| p / 10 + p % 10)
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Made-up numbers only. CPRs born before 2007 that fail modulus 11 were never issued.
    const CPR: &str = "150375-1234";
    const TOLVAN: &str = "121212-1212"; // Skatteverket's well-known example number

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn id(text: &str) -> Result<NationalId, IdError> {
        NationalId::parse(text)
    }

    #[test]
    fn cpr_with_or_without_dash_and_whitespace_is_the_same_number() {
        let cpr = Cpr::parse(CPR).unwrap();
        assert_eq!(Cpr::parse("  1503751234\n").unwrap(), cpr);
        assert_eq!(cpr.expose(), CPR);
        assert_eq!(cpr.birth_date(), day(1975, 3, 15));
        assert_eq!(cpr.lookup_key(), "1503751234");
        assert_eq!(cpr.masked(), "150375-xxxx");
    }

    #[test]
    fn cpr_with_day_32_or_month_13_is_rejected() {
        for bad in ["320375-1234", "151375-1234", "000375-1234"] {
            assert_eq!(Cpr::parse(bad), Err(IdError::NotADate), "{bad}");
        }
    }

    #[test]
    fn cpr_of_the_wrong_shape_is_rejected() {
        for bad in [
            "15037-51234",
            "150375 1234",
            "150375-123",
            "15o375-1234",
            "１５0375-12",
        ] {
            assert_eq!(Cpr::parse(bad), Err(IdError::CprShape), "{bad}");
        }
        assert_eq!(Cpr::parse(" "), Err(IdError::Empty));
    }

    #[test]
    fn cpr_century_follows_the_seventh_digit() {
        for (text, year) in [
            ("010199-3000", 1999),
            ("010137-4000", 1937),
            ("010136-4000", 2036),
            ("010137-9000", 1937),
            ("010136-9000", 2036),
            ("010157-5000", 2057),
            ("010158-8000", 1858),
        ] {
            assert_eq!(
                Cpr::parse(text).unwrap().birth_date(),
                day(year, 1, 1),
                "{text}"
            );
        }
    }

    #[test]
    fn cpr_on_29_february_needs_a_leap_year_in_its_century() {
        assert_eq!(
            Cpr::parse("290200-4321").unwrap().birth_date(),
            day(2000, 2, 29)
        );
        assert_eq!(Cpr::parse("290200-1234"), Err(IdError::NotADate));
    }

    #[test]
    fn cpr_that_fails_modulus11_is_still_accepted() {
        assert!(!Cpr::parse(CPR).unwrap().passes_modulus11());
        assert!(Cpr::parse("010130-4000").unwrap().passes_modulus11()); // born 2030
    }

    #[test]
    fn debug_never_shows_the_number_but_json_export_does() {
        let cpr = Cpr::parse(CPR).unwrap();
        let pn = Personnummer::parse(TOLVAN).unwrap();
        assert_eq!(format!("{cpr:?}"), "Cpr(<redacted>)");
        assert_eq!(format!("{pn:#?}"), "Personnummer(<redacted>)");
        assert_eq!(format!("{:?}", id(CPR).unwrap()), "NationalId(<redacted>)");
        assert_eq!(serde_json::to_string(&cpr).unwrap(), format!("\"{CPR}\""));
        assert_eq!(serde_json::to_string(&pn).unwrap(), format!("\"{TOLVAN}\""));
    }

    #[test]
    fn personnummer_is_accepted_in_every_written_form() {
        for text in [
            TOLVAN,
            "121212+1212",
            "191212121212",
            "19121212-1212",
            " 811218-9876 ",
        ] {
            assert!(Personnummer::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn personnummer_without_separator_or_with_a_wrong_one_is_rejected() {
        for bad in [
            "1212121212",
            "121212 1212",
            "19121212+1212",
            "1912121212123",
        ] {
            assert_eq!(
                Personnummer::parse(bad),
                Err(IdError::PersonnummerShape),
                "{bad}"
            );
        }
    }

    #[test]
    fn personnummer_with_wrong_check_digit_or_date_is_rejected() {
        assert_eq!(Personnummer::parse("811218-9875"), Err(IdError::CheckDigit));
        assert_eq!(Personnummer::parse("811318-9876"), Err(IdError::NotADate));
        assert_eq!(
            Personnummer::parse("18991231-9876"),
            Err(IdError::CheckDigit)
        );
        assert_eq!(Personnummer::parse("19000229-1235"), Err(IdError::NotADate));
    }

    #[test]
    fn samordningsnummer_is_accepted_with_the_real_birth_day() {
        let pn = Personnummer::parse("811278-9873").unwrap();
        assert_eq!(pn.birth_date(day(2024, 1, 1)), day(1981, 12, 18));
    }

    #[test]
    fn short_personnummer_is_born_in_the_latest_century_not_after_the_reference() {
        let pn = Personnummer::parse(TOLVAN).unwrap();
        assert_eq!(pn.birth_date(day(2024, 1, 1)), day(2012, 12, 12));
        assert_eq!(pn.birth_date(day(2012, 12, 12)), day(2012, 12, 12));
        assert_eq!(pn.birth_date(day(2012, 12, 11)), day(1912, 12, 12));
        let leap = Personnummer::parse("000229-1235").unwrap();
        assert_eq!(leap.birth_date(day(2003, 6, 1)), day(2000, 2, 29));
    }

    #[test]
    fn plus_means_a_hundred_years_older_and_the_long_form_ignores_the_reference() {
        let plus = Personnummer::parse("121212+1212").unwrap();
        assert_eq!(plus.birth_date(day(2024, 1, 1)), day(1912, 12, 12));
        assert_eq!(plus.birth_date(day(2012, 12, 11)), day(1812, 12, 12));
        let long = Personnummer::parse("191212121212").unwrap();
        assert_eq!(long.birth_date(day(2200, 1, 1)), day(1912, 12, 12));
    }

    #[test]
    fn personnummer_is_masked_and_keyed_by_its_last_ten_digits() {
        let long = Personnummer::parse("19121212-1212").unwrap();
        assert_eq!(long.masked(), "19121212-xxxx");
        assert_eq!(long.expose(), "19121212-1212");
        assert_eq!(long.lookup_key(), "1212121212");
        let masked = |t: &str| Personnummer::parse(t).unwrap().masked();
        assert_eq!(masked("191212121212"), "19121212-xxxx");
        assert_eq!(masked(TOLVAN), "121212-xxxx");
        assert_eq!(masked("121212+1212"), "121212+xxxx");
    }

    #[test]
    fn national_id_tells_the_two_kinds_apart() {
        let is_cpr = |t: &str| matches!(id(t).unwrap(), NationalId::Cpr(_));
        assert!(is_cpr(CPR));
        assert!(is_cpr(TOLVAN), "a text that reads as both is a CPR");
        assert!(!is_cpr("811218-9876"));
        assert!(!is_cpr("191212121212"));
        assert!(!is_cpr("121212+1212"));
    }

    #[test]
    fn national_id_gives_the_most_helpful_error_and_never_the_number() {
        for (bad, error) in [
            ("811218-9875", IdError::CheckDigit),
            ("991399-1234", IdError::NotADate),
            ("8112189876", IdError::NotADate), // never a personnummer without separator
            ("19121212+1212", IdError::Shape),
            ("12345", IdError::Shape),
            ("  ", IdError::Empty),
        ] {
            assert_eq!(id(bad), Err(error), "{bad}");
            let message = error.to_string();
            assert!(
                !message.contains("8112") && !message.contains("9875") && !message.contains("1399")
            );
        }
        assert!(IdError::Shape.to_string().contains("DDMMYY-SSSS"));
    }

    #[test]
    fn national_id_delegates_and_keeps_the_countries_apart() {
        // The same ten digits: a CPR, and a samordningsnummer (day 80 = 20th) from 1901.
        let (dk, se) = (id("010180-1231").unwrap(), id("19010180-1231").unwrap());
        assert_eq!(dk.lookup_key(), "dk:0101801231");
        assert_eq!(se.lookup_key(), "se:0101801231");
        assert_eq!(
            (dk.masked(), dk.expose()),
            ("010180-xxxx".into(), "010180-1231")
        );
        assert_eq!(dk.birth_date(day(2024, 1, 1)), day(1980, 1, 1));
        assert_eq!(se.birth_date(day(2024, 1, 1)), day(1901, 1, 20));
        assert_eq!(serde_json::to_string(&se).unwrap(), "\"19010180-1231\"");
    }

    #[test]
    fn generated_cpr_refuses_births_from_2007_on() {
        assert_eq!(generated_cpr(day(2007, 1, 1), 0), None);
        assert_eq!(generated_cpr(day(1857, 12, 31), 0), None);
        assert!(generated_cpr(day(2006, 12, 31), 0).is_some());
    }

    proptest! {
        #[test]
        fn generated_cpr_is_valid_for_its_birth_date_and_never_issued(
            offset in 0i64..54_422, serial in any::<u16>(),
        ) {
            let birth = day(1858, 1, 1) + chrono::Duration::days(offset);
            let cpr = generated_cpr(birth, serial).unwrap();
            prop_assert_eq!(cpr.birth_date(), birth);
            prop_assert!(!cpr.passes_modulus11());
            prop_assert_eq!(Cpr::parse(cpr.expose()), Ok(cpr.clone()));
            prop_assert_eq!(Cpr::parse(&cpr.lookup_key()), Ok(cpr.clone()));
            prop_assert_eq!(generated_cpr(birth, serial), Some(cpr));
        }

        #[test]
        fn personnummer_with_any_single_digit_changed_fails_luhn(
            offset in 0i64..39_446, serial in 0u32..1000, position in 0usize..10, delta in 1u8..10,
        ) {
            let birth = day(1900, 1, 1) + chrono::Duration::days(offset);
            let body = format!("{}-{serial:03}", birth.format("%y%m%d"));
            let valid = (0..10).map(|c| format!("{body}{c}"))
                .find(|t| Personnummer::parse(t).is_ok()).unwrap();
            let mut bytes = valid.into_bytes();
            let at = if position < 6 { position } else { position + 1 };
            bytes[at] = b'0' + (bytes[at] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(Personnummer::parse(&changed).is_err(), "{} was accepted", changed);
        }
    }
}
