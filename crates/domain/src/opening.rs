//! Openings (ISSUE 6, item 2): a place at a company a participant can be proposed for — an
//! internship (*virksomhedspraktik*), paid hours (*løntimer*), a wage-subsidy job or an ordinary
//! job — with what it asks of the one who takes it. Openings are not timeline records: they are
//! a job centre's working list, kept beside the timeline; what happens to a participant (the
//! internship that starts) is still a timeline event, made from the opening by [`Opening::start`].
//!
//! [`Opening::problems`] is the one check for every way in (page form, API, CLI), so a wrong
//! number of hours is refused with the same words everywhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::enums::{ActivityKind, DanishLevel, codes};
use crate::occupation::Isco;
use crate::records::FieldError;

mod draft;
pub use draft::OpeningDraft;

codes!(
    /// What kind of place an opening is.
    OpeningKind {
        Internship = "internship",
        PaidHours = "paid_hours",
        WageSubsidy = "wage_subsidy",
        Job = "job",
    }
);

impl OpeningKind {
    /// The activity a participant starts when they take the place (FORMAT.md: paid hours are a
    /// `job` with few hours).
    pub fn activity(self) -> ActivityKind {
        match self {
            OpeningKind::Internship => ActivityKind::Internship,
            OpeningKind::PaidHours | OpeningKind::Job => ActivityKind::Job,
            OpeningKind::WageSubsidy => ActivityKind::WageSubsidy,
        }
    }
}

/// Hours a week an opening or a participant can have: at least one, and at most the 48 of the
/// EU Working Time Directive (2003/88/EC, art. 6) that Danish and Swedish law follow.
pub const HOURS: std::ops::RangeInclusive<u8> = 1..=48;
/// Places one opening can have; more is a typing mistake.
pub const PLACES: std::ops::RangeInclusive<u16> = 1..=999;
/// The longest title or area, in characters.
pub const TEXT_MAX: usize = 200;

/// An opening as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    pub id: String,
    pub company: String,
    pub kind: OpeningKind,
    pub occupation: Isco,
    /// The employer's own words for the place, when the occupation does not say enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub hours_per_week: u8,
    pub start: NaiveDate,
    /// When a time-limited place (an internship, a wage subsidy) ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<NaiveDate>,
    /// The least Danish the work needs; `None` when it asks for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub danish_level: Option<DanishLevel>,
    #[serde(default)]
    pub driving_licence: bool,
    /// Where the work is (a municipality or town), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub places: u16,
    /// Closed by hand (withdrawn, or filled outside jobbro); a place is otherwise open until as
    /// many have started as it has places.
    #[serde(default)]
    pub closed: bool,
}

/// Whether an opening can still take someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpeningState {
    Open,
    Filled,
    Closed,
}

impl OpeningState {
    pub fn as_str(self) -> &'static str {
        match self {
            OpeningState::Open => "open",
            OpeningState::Filled => "filled",
            OpeningState::Closed => "closed",
        }
    }
}

impl Opening {
    /// Everything wrong with the opening, each naming its field (empty when it may be saved).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut bad = |field: &str, reason: String| {
            out.push(FieldError {
                field: field.to_owned(),
                reason,
            })
        };
        if !HOURS.contains(&self.hours_per_week) {
            bad(
                "hours_per_week",
                format!(
                    "must be from {} to {} hours a week",
                    HOURS.start(),
                    HOURS.end()
                ),
            );
        }
        if !PLACES.contains(&self.places) {
            bad(
                "places",
                format!("must be from {} to {}", PLACES.start(), PLACES.end()),
            );
        }
        if self.planned_end.is_some_and(|end| end < self.start) {
            bad("planned_end", "must not be before the start".to_owned());
        }
        if self.company.trim().is_empty() {
            bad("company", "is required".to_owned());
        }
        for (field, text) in [("title", &self.title), ("area", &self.area)] {
            if text.as_ref().is_some_and(|t| t.chars().count() > TEXT_MAX) {
                bad(field, format!("must be at most {TEXT_MAX} characters"));
            }
        }
        out
    }

    /// The opening's state, given how many have started in it.
    pub fn state(&self, started: usize) -> OpeningState {
        if self.closed {
            OpeningState::Closed
        } else if started >= usize::from(self.places) {
            OpeningState::Filled
        } else {
            OpeningState::Open
        }
    }

    /// The `activity_started` record (FORMAT.md §2) that starts `enrolment` in this place on
    /// `date`, with activity id `activity`.
    pub fn start(&self, activity: &str, enrolment: &str, date: NaiveDate) -> serde_json::Value {
        let mut record = serde_json::json!({
            "type": "activity_started",
            "id": activity,
            "enrolment": enrolment,
            "date": date.to_string(),
            "kind": self.kind.activity().as_str(),
            "company": self.company,
            "hours_per_week": self.hours_per_week,
        });
        if let Some(end) = self.planned_end.filter(|end| *end >= date) {
            record["planned_end"] = end.to_string().into();
        }
        let title = self
            .title
            .clone()
            .unwrap_or_else(|| self.occupation.label("en").to_owned());
        record["title"] = title.into();
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Record, parse_line};

    fn internship() -> Opening {
        Opening {
            id: "o1".into(),
            company: "c1".into(),
            kind: OpeningKind::Internship,
            occupation: Isco::parse("5120").unwrap(),
            title: None,
            hours_per_week: 25,
            start: "2024-03-01".parse().unwrap(),
            planned_end: Some("2024-04-26".parse().unwrap()),
            danish_level: Some(DanishLevel::A2),
            driving_licence: false,
            area: Some("Helsingør".into()),
            places: 2,
            closed: false,
        }
    }

    #[test]
    fn impossible_hours_and_places_are_refused_by_field() {
        let mut o = internship();
        assert!(o.problems().is_empty());
        o.hours_per_week = 0;
        o.places = 0;
        let fields: Vec<_> = o.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["hours_per_week", "places"]);
        o.hours_per_week = 49;
        o.places = 1;
        assert_eq!(o.problems()[0].field, "hours_per_week");
    }

    #[test]
    fn an_opening_is_filled_when_as_many_have_started_as_it_has_places() {
        let mut o = internship();
        assert_eq!(o.state(1), OpeningState::Open);
        assert_eq!(o.state(2), OpeningState::Filled);
        o.closed = true;
        assert_eq!(o.state(0), OpeningState::Closed);
    }

    #[test]
    fn starting_an_opening_makes_a_valid_activity_at_its_company() {
        let o = internship();
        let record = o.start("a1", "e1", "2024-03-04".parse().unwrap());
        let parsed = parse_line(&record.to_string()).unwrap();
        let Some(Record::Event(event)) = parsed else {
            panic!("not an event: {parsed:?}")
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["kind"], "internship");
        assert_eq!(json["company"], "c1");
        assert_eq!(json["planned_end"], "2024-04-26");
        assert_eq!(json["title"], "Cooks");
    }

    fn typed() -> OpeningDraft {
        OpeningDraft {
            kind: "internship".into(),
            occupation: "5120".into(),
            hours_per_week: "25".into(),
            start: "2024-03-01".into(),
            planned_end: "2024-04-26".into(),
            danish_level: "a2".into(),
            area: " Helsingør ".into(),
            places: "2".into(),
            ..OpeningDraft::default()
        }
    }

    #[test]
    fn a_draft_as_typed_reads_into_the_opening_and_back() {
        let o = typed().opening("o1", "c1").unwrap();
        assert_eq!(o, internship());
        assert_eq!(OpeningDraft::of(&o).opening("o1", "c1").unwrap(), o);
    }

    #[test]
    fn every_wrong_field_of_a_draft_is_named_at_once_in_form_order() {
        let draft = OpeningDraft {
            kind: "apprenticeship".into(),
            occupation: "0000".into(),
            hours_per_week: "60".into(),
            start: "2024-03-01".into(),
            planned_end: "2024-02-01".into(),
            danish_level: "d1".into(),
            places: "many".into(),
            ..OpeningDraft::default()
        };
        let errors = draft.opening("o1", "c1").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "kind",
                "occupation",
                "hours_per_week",
                "planned_end",
                "danish_level",
                "places"
            ]
        );
        assert_eq!(errors[1].reason, "is not an ISCO-08 unit group");
        assert_eq!(errors[2].reason, "must be from 1 to 48 hours a week");
    }

    #[test]
    fn hours_that_are_no_number_in_range_get_the_same_words_as_impossible_ones() {
        for hours in ["0", "49", "300", "twenty", "-1", "12.5"] {
            let draft = OpeningDraft {
                hours_per_week: hours.into(),
                ..typed()
            };
            let errors = draft.opening("o1", "c1").unwrap_err();
            assert_eq!(errors.len(), 1, "{hours}: {errors:?}");
            assert_eq!(errors[0].field, "hours_per_week");
            assert_eq!(errors[0].reason, "must be from 1 to 48 hours a week");
        }
        let missing = OpeningDraft {
            hours_per_week: " ".into(),
            start: String::new(),
            ..typed()
        };
        let errors = missing.opening("o1", "c1").unwrap_err();
        assert_eq!(errors[0].reason, "is required");
        assert_eq!(errors[1].field, "start");
    }

    #[test]
    fn no_danish_and_no_places_given_mean_none_required_and_one_place() {
        let draft = OpeningDraft {
            danish_level: "none".into(),
            places: String::new(),
            title: "  ".into(),
            ..typed()
        };
        let o = draft.opening("o1", "c1").unwrap();
        assert_eq!((o.danish_level, o.places, o.title), (None, 1, None));
    }

    #[test]
    fn an_overlong_title_is_refused_by_the_one_check() {
        let mut o = internship();
        o.title = Some("x".repeat(TEXT_MAX + 1));
        assert_eq!(o.problems()[0].field, "title");
    }
}
