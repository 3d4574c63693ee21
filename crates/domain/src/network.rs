//! The people around a participant (ISSUE 6, item 5): workplace mentors (*virksomhedsmentor*, at
//! a company), bridge builders (*brobygger* / *brobyggare*: they share the participant's language
//! and know the area), contact people from a national group (*kontaktperson fra nationalgruppe*)
//! and interpreters (*tolk*: the languages they interpret, and their usual waiting days, which
//! decide how early a meeting must be booked). They are a job centre's own register, kept beside
//! the timeline, not timeline records: the timeline format is unchanged.
//!
//! [`NetworkPerson::problems`] is the one check of a network person for every way in (page form,
//! API, CLI), each problem naming its field. Names and contact details are personal data: `Debug`
//! never shows them. The worklist rule that comes from these people — a planned meeting of a
//! participant who needs an interpreter, with none booked — is [`meetings::interpreter_missing`].

pub mod meetings;

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::codes::Language;
use crate::enums::codes;
use crate::records::FieldError;

pub use meetings::{
    InterpreterNeed, InterpreterPool, MeetingGap, MeetingState, PlannedMeeting, interpreter_missing,
};

codes!(
    /// What a network person is to the participants they are linked to.
    NetworkKind {
        Mentor = "mentor",
        BridgeBuilder = "bridge_builder",
        NationalGroupContact = "national_group_contact",
        Interpreter = "interpreter",
    }
);

impl NetworkKind {
    /// Whether this kind is there to speak the participant's language, and so needs at least one.
    pub fn needs_languages(self) -> bool {
        !matches!(self, NetworkKind::Mentor)
    }
}

/// Usual waiting days an interpreter can have: same day (0) up to a quarter of a year. Longer is
/// a typing mistake, or an interpreter nobody can plan with.
pub const WAITING_DAYS: RangeInclusive<u16> = 0..=90;
/// The longest name, company, area, phone or e-mail.
pub const MAX_TEXT: usize = 200;
/// The longest note.
pub const MAX_NOTES: usize = 2000;

/// A person in the organisation's network.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkPerson {
    pub id: String,
    pub name: String,
    pub kind: NetworkKind,
    /// The company a mentor works at (a company id of the register).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The languages they speak with participants (ISO 639-1), for an interpreter the languages
    /// they interpret.
    #[serde(default)]
    pub languages: Vec<Language>,
    /// Where they work or live (a municipality, town or district), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// An interpreter's usual days from booking to the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_days: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl std::fmt::Debug for NetworkPerson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetworkPerson")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("languages", &self.languages)
            .field("waiting_days", &self.waiting_days)
            .finish_non_exhaustive()
    }
}

impl NetworkPerson {
    /// Everything wrong with the person, each naming its field (empty when they may be saved).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut bad = |field: &str, reason: &str| {
            out.push(FieldError {
                field: field.to_owned(),
                reason: reason.to_owned(),
            })
        };
        if self.name.trim().is_empty() {
            bad("name", "is required");
        }
        let texts = [
            ("name", Some(&self.name)),
            ("company", self.company.as_ref()),
            ("area", self.area.as_ref()),
            ("phone", self.phone.as_ref()),
            ("email", self.email.as_ref()),
        ];
        for (field, value) in texts {
            if value.is_some_and(|v| v.chars().count() > MAX_TEXT) {
                bad(field, "is longer than 200 characters");
            }
        }
        if self
            .notes
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTES)
        {
            bad("notes", "is longer than 2000 characters");
        }
        match (self.kind, blank(&self.company)) {
            (NetworkKind::Mentor, true) => bad("company", "a mentor's company is required"),
            (NetworkKind::Mentor, false) | (_, true) => {}
            (_, false) => bad("company", "only a mentor is at a company"),
        }
        if self.kind.needs_languages() && self.languages.is_empty() {
            bad("languages", "at least one language is required");
        }
        let mut sorted = self.languages.clone();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() != self.languages.len() {
            bad("languages", "a language is listed twice");
        }
        match (self.kind, self.waiting_days) {
            (NetworkKind::Interpreter, None) => bad(
                "waiting_days",
                "an interpreter's usual waiting days are required",
            ),
            (NetworkKind::Interpreter, Some(days)) if !WAITING_DAYS.contains(&days) => {
                bad("waiting_days", "must be from 0 to 90 days")
            }
            (NetworkKind::Interpreter, Some(_)) | (_, None) => {}
            (_, Some(_)) => bad("waiting_days", "only an interpreter has waiting days"),
        }
        if let Some(phone) = self.phone.as_deref()
            && !plausible_phone(phone)
        {
            bad(
                "phone",
                "is not a phone number (digits, spaces, a leading +)",
            );
        }
        if let Some(email) = self.email.as_deref()
            && !plausible_email(email)
        {
            bad("email", "is not an e-mail address");
        }
        out
    }

    /// Whether they speak (or interpret) `language`.
    pub fn speaks(&self, language: Language) -> bool {
        self.languages.contains(&language)
    }
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}

/// At least six digits, with spaces and one leading `+` allowed.
pub fn plausible_phone(p: &str) -> bool {
    let digits = p.trim().strip_prefix('+').unwrap_or(p.trim());
    digits.chars().all(|c| c.is_ascii_digit() || c == ' ')
        && digits.chars().filter(char::is_ascii_digit).count() >= 6
}

/// One `@`, something before it, a dot after it, no spaces.
pub fn plausible_email(e: &str) -> bool {
    let e = e.trim();
    let mut parts = e.split('@');
    matches!((parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && domain.contains('.') && !e.contains(char::is_whitespace))
}

codes!(
    /// What a network person is to one enrolment (usually their kind; a mentor may also act as
    /// a bridge builder for a participant who shares their language).
    LinkRole {
        Mentor = "mentor",
        BridgeBuilder = "bridge_builder",
        NationalGroupContact = "national_group_contact",
        Interpreter = "interpreter",
    }
);

impl From<NetworkKind> for LinkRole {
    fn from(kind: NetworkKind) -> LinkRole {
        match kind {
            NetworkKind::Mentor => LinkRole::Mentor,
            NetworkKind::BridgeBuilder => LinkRole::BridgeBuilder,
            NetworkKind::NationalGroupContact => LinkRole::NationalGroupContact,
            NetworkKind::Interpreter => LinkRole::Interpreter,
        }
    }
}

/// A network person linked to an enrolment, from a day and, when it ended, to a day (both
/// inclusive), optionally for one activity (a mentor at the internship's company).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkLink {
    pub id: String,
    pub person: String,
    pub enrolment: String,
    pub role: LinkRole,
    pub from: chrono::NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

impl NetworkLink {
    /// Everything wrong with the link, each naming its field.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.to.is_some_and(|to| to < self.from) {
            out.push(FieldError {
                field: "to".into(),
                reason: "must not be before from".into(),
            });
        }
        if self.person.trim().is_empty() {
            out.push(FieldError {
                field: "person".into(),
                reason: "is required".into(),
            });
        }
        out
    }

    /// Whether the link holds on `day`.
    pub fn holds_on(&self, day: chrono::NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

#[cfg(test)]
mod tests;
