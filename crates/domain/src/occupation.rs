//! Occupations as ISCO-08 unit groups (four-digit codes), the words openings and participant
//! profiles are matched in. The classification is kept as a data file in the repository,
//! `crates/domain/data/isco08.tsv` (code, English, Danish and Swedish label; its source is named
//! in `crates/domain/data/README.md`), read once into a table: a code that is not a unit group
//! there is refused, so nothing stored names an occupation no page can show.
//!
//! The two digits and the one digit in front (sub-major and major group) make codes that are
//! near each other comparable: a cook (5120) is nearer a kitchen helper (9412) than nothing, but
//! nearer another 51xx than a 94xx — matching uses that.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Serialize, Serializer};

/// The data file, compiled in (nothing is read at run time).
const DATA: &str = include_str!("../data/isco08.tsv");

/// One ISCO-08 unit group with its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    pub code: Isco,
    pub en: String,
    pub da: String,
    pub sv: String,
}

impl Occupation {
    /// The label in `lang` (`da`, `sv`; anything else is English).
    pub fn label(&self, lang: &str) -> &str {
        match lang {
            "da" => &self.da,
            "sv" => &self.sv,
            _ => &self.en,
        }
    }
}

/// Every unit group of the data file, by code.
static TABLE: LazyLock<BTreeMap<Isco, Occupation>> = LazyLock::new(|| {
    DATA.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let code = Isco::code_shape(cols.next()?)?;
            let (en, da, sv) = (cols.next()?, cols.next()?, cols.next()?);
            let occupation = Occupation {
                code,
                en: en.trim().to_owned(),
                da: da.trim().to_owned(),
                sv: sv.trim().to_owned(),
            };
            Some((code, occupation))
        })
        .collect()
});

/// Every occupation, by code.
pub fn occupations() -> impl Iterator<Item = &'static Occupation> {
    TABLE.values()
}

/// The occupations a search box finds for `text`, read by a `lang` reader: first those whose code
/// starts with it (`51` finds every 51xx), then those whose label in `lang` holds every typed word
/// (any case, anywhere in a word, since Danish and Swedish titles are compounds: `assistent`
/// finds *Lagerassistenter*), then those found only by their English label — each part in code
/// order, none twice. An empty search finds every occupation.
pub fn search(text: &str, lang: &str) -> Vec<&'static Occupation> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return occupations().collect();
    }
    let digits = text.trim();
    let by_code = |o: &Occupation| {
        digits.bytes().all(|b| b.is_ascii_digit()) && o.code.as_string().starts_with(digits)
    };
    let by_label = |label: &str| {
        let label = label.to_lowercase();
        words.iter().all(|w| label.contains(w.as_str()))
    };
    let mut found: Vec<&'static Occupation> = occupations().filter(|o| by_code(o)).collect();
    for in_lang in [true, false] {
        for o in occupations() {
            let label = if in_lang { o.label(lang) } else { &o.en };
            if by_label(label) && !found.iter().any(|f| f.code == o.code) {
                found.push(o);
            }
        }
    }
    found
}

/// An ISCO-08 unit group that is in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Isco(u16);

/// Why a text is no occupation code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IscoError {
    #[error("must be a four-digit ISCO-08 code")]
    Shape,
    #[error("is not an ISCO-08 unit group")]
    Unknown,
}

impl Isco {
    /// Reads a four-digit code (`5120`; spaces around are ignored) that is a unit group.
    pub fn parse(text: &str) -> Result<Isco, IscoError> {
        let code = Isco::code_shape(text).ok_or(IscoError::Shape)?;
        if TABLE.contains_key(&code) {
            Ok(code)
        } else {
            Err(IscoError::Unknown)
        }
    }

    fn code_shape(text: &str) -> Option<Isco> {
        let t = text.trim();
        (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok().map(Isco))
            .flatten()
    }

    /// The code as four digits.
    pub fn as_string(self) -> String {
        format!("{:04}", self.0)
    }

    /// The unit group's entry in the table.
    pub fn occupation(self) -> &'static Occupation {
        // Only `parse` (which checks the table) and the table itself make an `Isco`.
        &TABLE[&self]
    }

    /// The label in `lang`.
    pub fn label(self, lang: &str) -> &'static str {
        self.occupation().label(lang)
    }

    /// The number of leading digits two codes share (0 to 4): 4 is the same unit group, 2 the
    /// same sub-major group, 1 the same major group.
    pub fn shared_digits(self, other: Isco) -> u8 {
        let (a, b) = (self.as_string(), other.as_string());
        a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count() as u8
    }
}

impl std::fmt::Display for Isco {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl Serialize for Isco {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_string())
    }
}

impl<'de> serde::Deserialize<'de> for Isco {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Isco::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_group_in_the_table_reads_with_its_labels() {
        let cook = Isco::parse(" 5120 ").unwrap();
        assert_eq!(cook.as_string(), "5120");
        assert_eq!(cook.label("en"), "Cooks");
        assert_eq!(cook.label("da"), "Kokke");
        assert_eq!(cook.label("sv"), "Kockar");
    }

    #[test]
    fn a_code_of_the_wrong_shape_or_not_in_the_table_is_refused() {
        assert_eq!(Isco::parse("512"), Err(IscoError::Shape));
        assert_eq!(Isco::parse("51a0"), Err(IscoError::Shape));
        assert_eq!(Isco::parse("0000"), Err(IscoError::Unknown));
    }

    #[test]
    fn every_row_of_the_data_file_is_read_with_three_labels() {
        let rows = DATA
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(occupations().count(), rows);
        for o in occupations() {
            assert!(
                !o.en.is_empty() && !o.da.is_empty() && !o.sv.is_empty(),
                "{}",
                o.code
            );
        }
    }

    /// The 43 sub-major groups of ISCO-08 (ILO, ISCO-08 Vol. 1, structure), by their two digits.
    const SUB_MAJOR_GROUPS: [&str; 43] = [
        "01", "02", "03", "11", "12", "13", "14", "21", "22", "23", "24", "25", "26", "31", "32",
        "33", "34", "35", "41", "42", "43", "44", "51", "52", "53", "54", "61", "62", "63", "71",
        "72", "73", "74", "75", "81", "82", "83", "91", "92", "93", "94", "95", "96",
    ];

    #[test]
    fn the_table_holds_all_436_unit_groups_of_isco_08() {
        assert_eq!(occupations().count(), 436);
        assert_eq!(Isco::parse("0110").map(Isco::as_string), Ok("0110".into()));
        assert_eq!(Isco::parse("9629").map(Isco::as_string), Ok("9629".into()));
    }

    #[test]
    fn every_unit_group_belongs_to_one_of_the_43_sub_major_groups() {
        for o in occupations() {
            let code = o.code.as_string();
            assert!(SUB_MAJOR_GROUPS.contains(&&code[..2]), "{code}");
        }
        // And every sub-major group has at least one unit group.
        for group in SUB_MAJOR_GROUPS {
            assert!(
                occupations().any(|o| o.code.as_string().starts_with(group)),
                "{group}"
            );
        }
    }

    #[test]
    fn no_code_is_in_the_data_file_twice() {
        let codes: Vec<&str> = DATA
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next())
            .collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(codes.len(), unique.len());
        assert_eq!(codes, unique, "the file is in code order");
    }

    #[test]
    fn every_label_is_words_not_the_code_again() {
        for o in occupations() {
            let code = o.code.as_string();
            for lang in ["en", "da", "sv"] {
                let label = o.label(lang);
                assert!(!label.trim().is_empty(), "{code} {lang}");
                assert_ne!(label.trim(), code, "{code} {lang}");
                assert!(
                    label.chars().any(char::is_alphabetic),
                    "{code} {lang}: {label}"
                );
            }
        }
    }

    fn codes(found: &[&Occupation]) -> Vec<String> {
        found.iter().map(|o| o.code.as_string()).collect()
    }

    #[test]
    fn a_search_by_code_prefix_finds_the_group() {
        let found = codes(&search("512", "da"));
        assert_eq!(found, ["5120"]);
        let found = codes(&search("94", "en"));
        assert_eq!(found, ["9411", "9412"]);
    }

    #[test]
    fn a_search_finds_words_inside_compounds_in_the_readers_language_first() {
        let found = codes(&search("Lagerassistent", "da"));
        assert_eq!(found, ["4321"]);
        let found = codes(&search("KOCK", "sv"));
        assert_eq!(found, ["5120"]);
        // A Danish reader typing English still finds the cook, after the Danish matches.
        let found = codes(&search("cooks", "da"));
        assert_eq!(found, ["5120", "7512"], "cooks, and pastry-cooks");
        let found = codes(&search("kok", "da"));
        assert!(found.contains(&"5120".to_owned()));
        let danish_first = codes(&search("chef", "da"));
        let chefs = danish_first.iter().position(|c| c == "3434").unwrap();
        assert!(
            danish_first[..chefs].iter().all(|c| c.as_str() < "3434"),
            "Danish matches in code order come first: {danish_first:?}"
        );
    }

    #[test]
    fn every_typed_word_must_match_and_nothing_is_found_twice() {
        let found = codes(&search("social sundhed", "da"));
        assert!(found.contains(&"5321".to_owned()));
        assert!(found.contains(&"5322".to_owned()));
        assert!(!found.contains(&"2635".to_owned()), "{found:?}");
        let all = codes(&search("", "sv"));
        assert_eq!(all.len(), 436);
        let mut unique = all.clone();
        unique.dedup();
        assert_eq!(all, unique);
        assert!(search("zzzz", "da").is_empty());
    }

    #[test]
    fn codes_that_share_groups_share_leading_digits() {
        let cook = Isco::parse("5120").unwrap();
        let sales = Isco::parse("5223").unwrap();
        let helper = Isco::parse("9412").unwrap();
        assert_eq!(cook.shared_digits(cook), 4);
        assert_eq!(cook.shared_digits(sales), 1);
        assert_eq!(cook.shared_digits(helper), 0);
    }
}
