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
mod tests;
