//! The quick-action forms of the participant page — start, extend and end an activity, record
//! leaving, reassign — as submitted, and the translated choices they offer. The page shows them
//! empty; a refused one is shown again with what was typed (`actions.rs`).

use jobbro_domain::enums::{ActivityKind, EndReason, LeaveReason};
use jobbro_store::participant::Named;
use serde::Deserialize;

use crate::i18n::Tr;

/// The version a form carried, when it carried one.
pub fn version_of(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

/// A code or id and what the user reads for it.
pub type Choice = (String, String);

/// The choices of every quick-action form, translated.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub activity_kinds: Vec<Choice>,
    pub end_reasons: Vec<Choice>,
    pub leave_reasons: Vec<Choice>,
    pub companies: Vec<Choice>,
    pub caseworkers: Vec<Choice>,
}

impl Choices {
    pub fn new(tr: &Tr, companies: &[Named], caseworkers: &[Named]) -> Choices {
        let codes = |list: &str, all: Vec<&'static str>| -> Vec<Choice> {
            all.into_iter()
                .map(|c| (c.to_owned(), tr.code(list, c)))
                .collect()
        };
        let named = |all: &[Named]| -> Vec<Choice> {
            all.iter().map(|n| (n.id.clone(), n.name.clone())).collect()
        };
        Choices {
            activity_kinds: codes(
                "activity",
                ActivityKind::ALL.iter().map(|k| k.as_str()).collect(),
            ),
            end_reasons: codes(
                "end_reason",
                EndReason::ALL.iter().map(|k| k.as_str()).collect(),
            ),
            leave_reasons: codes(
                "leave_reason",
                LeaveReason::ALL.iter().map(|k| k.as_str()).collect(),
            ),
            companies: named(companies),
            caseworkers: named(caseworkers),
        }
    }
}

/// Start an activity.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StartForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub planned_end: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub hours_per_week: String,
    #[serde(default)]
    pub title: String,
    /// The enrolment's version the page showed (`jobbro_store::versions`); empty if none.
    #[serde(default)]
    pub version: String,
    pub back: Option<String>,
}

/// Extend (`planned_end`) or end (`reason`) one activity.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActivityForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub activity: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub planned_end: String,
    #[serde(default)]
    pub reason: String,
    /// The enrolment's version the page showed (`jobbro_store::versions`); empty if none.
    #[serde(default)]
    pub version: String,
    pub back: Option<String>,
}

/// Record leaving (`reason`) or reassign (`caseworker`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EnrolmentForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub caseworker: String,
    /// The enrolment's version the page showed (`jobbro_store::versions`); empty if none.
    #[serde(default)]
    pub version: String,
    pub back: Option<String>,
}
