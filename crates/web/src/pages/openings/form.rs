//! The opening form, for a new opening and for editing one: what the browser sends, the draft the
//! domain reads it into (`OpeningDraft`, the one check the API and the command line use too), the
//! fields as the template draws them, and the domain's refusals turned into a message in the
//! user's language by each wrong field. An opening holds no personal data, but what a form
//! carried is still never logged.

use jobbro_domain::enums::DanishLevel;
use jobbro_domain::occupation::{Isco, IscoError};
use jobbro_domain::opening::{HOURS, OpeningDraft, OpeningKind, PLACES, TEXT_MAX};
use jobbro_domain::records::FieldError;
use serde::Deserialize;

use crate::i18n::{Arg, Tr};
use crate::pages::enrolment_actions::FieldMessage;

/// The form as the browser sends it.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct OpeningForm {
    pub csrf: Option<String>,
    pub kind: String,
    pub occupation: String,
    pub title: String,
    pub hours_per_week: String,
    pub start: String,
    pub planned_end: String,
    pub danish_level: String,
    /// Present (any value) when the box is ticked.
    pub driving_licence: Option<String>,
    pub area: String,
    pub places: String,
    /// The version the edit form was made from (edits only).
    pub version: String,
}

impl OpeningForm {
    /// What was typed, for the domain to read.
    pub fn draft(&self) -> OpeningDraft {
        OpeningDraft {
            kind: self.kind.clone(),
            occupation: self.occupation.clone(),
            title: self.title.clone(),
            hours_per_week: self.hours_per_week.clone(),
            start: self.start.clone(),
            planned_end: self.planned_end.clone(),
            danish_level: self.danish_level.clone(),
            driving_licence: self.driving_licence.is_some(),
            area: self.area.clone(),
            places: self.places.clone(),
        }
    }
}

/// The fields of the form as drawn: the values shown, the choices and the messages.
pub struct FormView {
    pub draft: OpeningDraft,
    pub kinds: Vec<(&'static str, String)>,
    pub levels: Vec<(&'static str, String)>,
    /// The `occupations` datalist's options.
    pub occupations: Vec<(String, String)>,
    pub errors: Vec<FieldMessage>,
    pub hours_min: u8,
    pub hours_max: u8,
    pub places_max: u16,
    pub text_max: usize,
    /// The version an edit is made from; empty for a new opening.
    pub version: String,
}

impl FormView {
    pub fn new(tr: &Tr, draft: OpeningDraft, errors: Vec<FieldMessage>) -> FormView {
        FormView {
            draft,
            kinds: OpeningKind::ALL
                .iter()
                .map(|k| (k.as_str(), tr.code("opening-kind", k.as_str())))
                .collect(),
            levels: std::iter::once(("none", tr.t("openings-danish-none")))
                .chain(
                    DanishLevel::ALL
                        .iter()
                        .filter(|l| **l != DanishLevel::None)
                        .map(|l| (l.as_str(), tr.code("danish_level", l.as_str()))),
                )
                .collect(),
            occupations: tr.occupation_choices(),
            errors,
            hours_min: *HOURS.start(),
            hours_max: *HOURS.end(),
            places_max: *PLACES.end(),
            text_max: TEXT_MAX,
            version: String::new(),
        }
    }

    /// The message by `field`, if it was wrong.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// The domain's refusals of `draft`, each as a message in the user's language by its field.
pub fn messages(tr: &Tr, draft: &OpeningDraft, errors: &[FieldError]) -> Vec<FieldMessage> {
    errors
        .iter()
        .map(|e| FieldMessage {
            field: e.field.clone(),
            message: message(tr, draft, e),
        })
        .collect()
}

fn message(tr: &Tr, draft: &OpeningDraft, e: &FieldError) -> String {
    let range = |key: &str, min: u64, max: u64| {
        tr.t_with(
            key,
            &[
                ("min", Arg::Num(min.try_into().unwrap_or_default())),
                ("max", Arg::Num(max.try_into().unwrap_or_default())),
            ],
        )
    };
    match e.field.as_str() {
        "kind" => tr.t("openings-error-kind"),
        "occupation" => match Isco::parse(&draft.occupation) {
            _ if draft.occupation.trim().is_empty() => tr.t("openings-error-occupation-required"),
            Err(IscoError::Unknown) => tr.t_with(
                "openings-error-occupation-unknown",
                &[("code", Arg::from(draft.occupation.trim()))],
            ),
            _ => tr.t("openings-error-occupation-shape"),
        },
        "hours_per_week" => range(
            "openings-error-hours",
            u64::from(*HOURS.start()),
            u64::from(*HOURS.end()),
        ),
        "places" => range(
            "openings-error-places",
            u64::from(*PLACES.start()),
            u64::from(*PLACES.end()),
        ),
        "start" => tr.t("openings-error-start"),
        "planned_end" if e.reason.contains("before") => tr.t("openings-error-end-before-start"),
        "planned_end" => tr.t("error-date"),
        "danish_level" => tr.t("error-choose-one"),
        "title" | "area" => tr.t_with("openings-error-too-long", &[("max", Arg::from(TEXT_MAX))]),
        _ => tr.t("openings-error-other"),
    }
}
