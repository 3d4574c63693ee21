//! Bottleneck sectors (*flaskehalsområder* / *bristyrken*): the sectors a municipality's labour
//! market is short of, as a job centre lists them — (municipality, DB07 section, in force from
//! and to) — and the one rule for whether a company is in one, [`company_bottleneck`], that the
//! company page, the companies list and its filter, the API and the command line all ask.
//!
//! Pure: the list, the company's area and the day are parameters. Municipalities are free text,
//! compared the way people write them ([`same_municipality`]: any case, with or without
//! "Kommune"/"kommun"), since a job centre lists its own and its neighbours' by name.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::company_register::MAX_TEXT;
use crate::records::{Company, FieldError, parse_date};
use crate::sector::{SECTIONS, Sector};

/// One line of a job centre's list: `section` is short of labour in `municipality` from `from`
/// (or always, when none) to `to` (the last day; open when none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BottleneckSector {
    pub municipality: String,
    /// A DB07 section letter, `A` … `U`.
    pub section: char,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl BottleneckSector {
    /// A line as typed (a page form, the API, the command line): the section as its letter in any
    /// case, the days as `YYYY-MM-DD` or blank; or every wrong field.
    pub fn typed(
        municipality: &str,
        section: &str,
        from: &str,
        to: &str,
    ) -> Result<BottleneckSector, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut date = |field: &str, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            parse_date(text)
                .map_err(|reason| {
                    errors.push(FieldError {
                        field: field.to_owned(),
                        reason,
                    })
                })
                .ok()
        };
        let (from, to) = (date("from", from), date("to", to));
        let mut letters = section.trim().chars();
        let section = match (letters.next(), letters.next()) {
            (Some(c), None) => c.to_ascii_uppercase(),
            _ => '?',
        };
        let line = BottleneckSector {
            municipality: municipality.trim().to_owned(),
            section,
            from,
            to,
        };
        errors.extend(line.problems());
        if errors.is_empty() {
            Ok(line)
        } else {
            Err(errors)
        }
    }

    /// Everything wrong with the line, each naming its field (empty when it may be saved).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut bad = |field: &str, reason: &str| {
            out.push(FieldError {
                field: field.to_owned(),
                reason: reason.to_owned(),
            })
        };
        let municipality = self.municipality.trim();
        if municipality.is_empty() {
            bad("municipality", "is required");
        } else if municipality.chars().count() > MAX_TEXT {
            bad("municipality", "is too long");
        }
        if !SECTIONS.iter().any(|(s, ..)| *s == self.section) {
            bad("section", "must be a DB07 section letter, A to U");
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to < from
        {
            bad("to", "is before the first day");
        }
        out
    }

    /// Whether the line is in force on `day`.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day <= to)
    }
}

/// Whether two names are the same municipality: trimmed, any case, with or without the word
/// "kommune" (Danish) or "kommun" (Swedish, whose genitive *s* may go with it: "Helsingborgs
/// kommun" is Helsingborg).
pub fn same_municipality(a: &str, b: &str) -> bool {
    let (a, b) = (municipality_forms(a), municipality_forms(b));
    a.iter().any(|x| b.contains(x))
}

/// The ways a municipality's name may be written, in lower case.
fn municipality_forms(name: &str) -> Vec<String> {
    let lower = name.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.split_last() {
        Some((&("kommune" | "kommun"), rest)) if !rest.is_empty() => {
            let plain = rest.join(" ");
            let swedish_genitive = *words.last().unwrap_or(&"") == "kommun";
            match plain.strip_suffix('s') {
                Some(stem) if swedish_genitive && !stem.is_empty() => {
                    vec![plain.clone(), stem.to_owned()]
                }
                _ => vec![plain],
            }
        }
        Some(_) => vec![words.join(" ")],
        None => Vec::new(),
    }
}

/// Why a company counts as in a bottleneck sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Bottleneck {
    /// Its sector's section is on the list for its area; `municipality` as the list writes it.
    Listed { municipality: String, section: char },
    /// Its timeline record says so (`bottleneck: true`, e.g. from an import).
    Flagged,
}

/// Whether `company`, in `area`, is in a bottleneck sector on `day`: its sector's DB07 section is
/// listed, in force, for its area — or, when not, its record is flagged. `None` when neither.
/// A sector given as free text is never on the list: only a section can be.
pub fn company_bottleneck(
    company: &Company,
    area: Option<&str>,
    list: &[BottleneckSector],
    day: NaiveDate,
) -> Option<Bottleneck> {
    let section = match company.sector.as_deref().map(Sector::of) {
        Some(Sector::Section(s)) => Some(s),
        _ => None,
    };
    let listed = section.zip(area).and_then(|(section, area)| {
        list.iter().find(|line| {
            line.section == section
                && line.in_force(day)
                && same_municipality(&line.municipality, area)
        })
    });
    match listed {
        Some(line) => Some(Bottleneck::Listed {
            municipality: line.municipality.trim().to_owned(),
            section: line.section,
        }),
        None => (company.bottleneck == Some(true)).then_some(Bottleneck::Flagged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn company(sector: Option<&str>, flagged: Option<bool>) -> Company {
        Company {
            id: "c".into(),
            name: "Kantinen".into(),
            cvr: None,
            sector: sector.map(str::to_owned),
            bottleneck: flagged,
            partner_since: None,
            diploma: None,
        }
    }

    fn line(municipality: &str, section: char) -> BottleneckSector {
        BottleneckSector {
            municipality: municipality.into(),
            section,
            from: None,
            to: None,
        }
    }

    #[test]
    fn a_company_whose_section_is_listed_for_its_area_is_in_a_bottleneck_sector() {
        let list = [line("Hjørring", 'Q'), line("Hjørring Kommune", 'I')];
        let kitchen = company(Some("56.10"), None);
        assert_eq!(
            company_bottleneck(&kitchen, Some("hjørring"), &list, day("2025-01-01")),
            Some(Bottleneck::Listed {
                municipality: "Hjørring Kommune".into(),
                section: 'I'
            })
        );
    }

    #[test]
    fn another_area_another_section_or_no_area_is_not() {
        let list = [line("Hjørring", 'I')];
        let kitchen = company(Some("I"), None);
        let today = day("2025-01-01");
        assert_eq!(
            company_bottleneck(&kitchen, Some("Frederikshavn"), &list, today),
            None
        );
        assert_eq!(company_bottleneck(&kitchen, None, &list, today), None);
        let builder = company(Some("41.20"), None);
        assert_eq!(
            company_bottleneck(&builder, Some("Hjørring"), &list, today),
            None
        );
        let text = company(Some("restaurants"), None);
        assert_eq!(
            company_bottleneck(&text, Some("Hjørring"), &list, today),
            None
        );
    }

    #[test]
    fn a_line_counts_only_between_its_first_and_last_day() {
        let list = [BottleneckSector {
            from: Some(day("2025-01-01")),
            to: Some(day("2025-06-30")),
            ..line("Helsingborg", 'Q')
        }];
        let care = company(Some("87.30"), None);
        let on = |d: &str| company_bottleneck(&care, Some("Helsingborgs kommun"), &list, day(d));
        assert_eq!(on("2024-12-31"), None);
        assert!(on("2025-01-01").is_some());
        assert!(on("2025-06-30").is_some());
        assert_eq!(on("2025-07-01"), None);
    }

    #[test]
    fn the_timeline_flag_counts_when_the_list_does_not() {
        let flagged = company(Some("I"), Some(true));
        assert_eq!(
            company_bottleneck(&flagged, None, &[], day("2025-01-01")),
            Some(Bottleneck::Flagged)
        );
        let not = company(Some("I"), Some(false));
        assert_eq!(
            company_bottleneck(&not, Some("Hjørring"), &[], day("2025-01-01")),
            None
        );
    }

    #[test]
    fn municipalities_match_in_any_case_with_or_without_the_word_for_municipality() {
        assert!(same_municipality("Hjørring Kommune", " hjørring "));
        assert!(same_municipality("Helsingborgs kommun", "helsingborgs"));
        assert!(same_municipality("Helsingborgs kommun", "Helsingborg"));
        assert!(same_municipality("Vännäs kommun", "Vännäs"));
        assert!(same_municipality("Ikast-Brande", "IKAST-BRANDE KOMMUNE"));
        assert!(!same_municipality("Hjørring", "Hørsholm"));
        assert!(!same_municipality("", ""));
        assert!(!same_municipality("Kommune", "kommune x"));
    }

    #[test]
    fn a_typed_line_is_read_with_its_section_letter_and_days() {
        let line = BottleneckSector::typed(" Hjørring ", "i", "2025-01-01", "").unwrap();
        assert_eq!(line.municipality, "Hjørring");
        assert_eq!(line.section, 'I');
        assert_eq!(line.from, Some(day("2025-01-01")));
        assert_eq!(line.to, None);
        let fields: Vec<String> = BottleneckSector::typed("", "IT", "soon", "")
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["from", "municipality", "section"]);
        let order = BottleneckSector::typed("Hjørring", "Q", "2025-02-01", "2025-01-01");
        assert_eq!(order.unwrap_err()[0].field, "to");
    }

    #[test]
    fn a_line_needs_a_municipality_a_section_and_days_in_order() {
        assert!(line("Hjørring", 'I').problems().is_empty());
        let bad = BottleneckSector {
            municipality: " ".into(),
            section: 'Z',
            from: Some(day("2025-02-01")),
            to: Some(day("2025-01-31")),
        };
        let fields: Vec<String> = bad.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["municipality", "section", "to"]);
    }
}
