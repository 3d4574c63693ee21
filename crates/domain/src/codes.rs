//! Country and language codes on a person (FORMAT.md §2: `origin_country` is ISO 3166-1 alpha-2,
//! `languages` and `interpreter_language` are ISO 639-1). Once you hold a [`Country`] or a
//! [`Language`], it is one of the officially assigned codes, in its canonical case.
//!
//! This module must never accept a code that is not on the lists below (no three-letter codes, no
//! names, no guessing), so that reports group people under exactly one spelling of each country.
//! Names and translations of the codes belong to the user interface, not here.

use serde::{Serialize, Serializer};

/// Why a text is not a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("`{0}` is not an ISO 3166-1 alpha-2 country code")]
    Country(String),
    #[error("`{0}` is not an ISO 639-1 language code")]
    Language(String),
}

/// An ISO 3166-1 alpha-2 country code, upper case (`DK`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country(&'static str);

/// An ISO 639-1 language code, lower case (`da`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(&'static str);

impl Country {
    /// Accepts a code in any case, surrounded by any whitespace.
    pub fn parse(input: &str) -> Result<Country, CodeError> {
        find(&COUNTRIES, &input.trim().to_ascii_uppercase())
            .map(Country)
            .ok_or_else(|| CodeError::Country(input.trim().to_owned()))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Language {
    /// Accepts a code in any case, surrounded by any whitespace.
    pub fn parse(input: &str) -> Result<Language, CodeError> {
        find(&LANGUAGES, &input.trim().to_ascii_lowercase())
            .map(Language)
            .ok_or_else(|| CodeError::Language(input.trim().to_owned()))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Country::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl<'de> serde::Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Language::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The table's own `'static` copy of `code`, which keeps `Country` and `Language` `Copy`.
fn find(table: &[&'static str], code: &str) -> Option<&'static str> {
    table
        .binary_search_by(|probe| (*probe).cmp(code))
        .ok()
        .and_then(|i| table.get(i).copied())
}

/// The 249 officially assigned ISO 3166-1 alpha-2 codes, sorted (binary search relies on it).
const COUNTRIES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// The ISO 639-1 codes, sorted: the 183 in use plus `bh` (Bihari), which the ISO 639-2 registry
/// still lists and older records may carry. The withdrawn `sh` (Serbo-Croatian) is not here:
/// record `sr`, `hr` or `bs`.
const LANGUAGES: [&str; 184] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_tables_are_sorted_and_unique_so_binary_search_is_right() {
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
        assert!(
            COUNTRIES
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
        assert!(
            LANGUAGES
                .iter()
                .all(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn countries_people_come_from_are_accepted() {
        for code in ["DK", "SE", "SY", "AF", "SO", "IQ", "ER", "UA", "AD", "ZW"] {
            assert_eq!(Country::parse(code).unwrap().as_str(), code);
        }
    }

    #[test]
    fn country_is_read_in_any_case_and_stored_upper_case() {
        assert_eq!(Country::parse("dk").unwrap().as_str(), "DK");
        assert_eq!(
            Country::parse(" sY ").unwrap(),
            Country::parse("SY").unwrap()
        );
    }

    #[test]
    fn unassigned_or_three_letter_country_codes_are_rejected() {
        for bad in ["XX", "DNK", "UK", "EU", "D", "", "ÅL", "D K"] {
            assert!(Country::parse(bad).is_err(), "{bad}");
        }
        let message = Country::parse("XX").unwrap_err().to_string();
        assert_eq!(message, "`XX` is not an ISO 3166-1 alpha-2 country code");
    }

    #[test]
    fn languages_people_speak_are_accepted_and_stored_lower_case() {
        for code in ["da", "sv", "ar", "so", "ti", "fa", "ps", "uk", "ku", "en"] {
            assert_eq!(Language::parse(code).unwrap().as_str(), code);
        }
        assert_eq!(Language::parse("DA").unwrap().as_str(), "da");
    }

    #[test]
    fn unknown_or_three_letter_language_codes_are_rejected() {
        for bad in ["xx", "dan", "sh", "d", "", "dä"] {
            assert!(Language::parse(bad).is_err(), "{bad}");
        }
        let message = Language::parse("dan").unwrap_err().to_string();
        assert_eq!(message, "`dan` is not an ISO 639-1 language code");
    }

    #[test]
    fn codes_serialize_as_their_canonical_text() {
        let json = serde_json::to_string(&(
            Country::parse("se").unwrap(),
            Language::parse("SV").unwrap(),
        ));
        assert_eq!(json.unwrap(), r#"["SE","sv"]"#);
    }

    #[test]
    fn codes_order_alphabetically() {
        assert!(Country::parse("DK").unwrap() < Country::parse("SE").unwrap());
        assert!(Language::parse("ar").unwrap() < Language::parse("da").unwrap());
    }
}
