//! The referral form as typed, its checks — a message in the user's language by each wrong
//! field — and the two timeline records it becomes: a `person` (unless an existing person was
//! picked) and a `referred`, whose id is the new enrolment's.
//!
//! The form carries a national id: it is only ever sent back inside a POST answer (the form
//! again, or the duplicate warning), never put in a URL, and never logged — `Debug` leaves it
//! out.

use chrono::NaiveDate;
use jobbro_domain::codes::{Country, Language};
use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::parse_date;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::i18n::Tr;
use crate::pages::companies::{plausible_email, plausible_phone};
use crate::pages::enrolment_actions::{FieldMessage, check_date, message};

/// The referral form (and the API's request, which has the same fields).
#[derive(Clone, Default, Deserialize)]
pub struct ReferralForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub programme: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub national_id: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub origin_country: String,
    /// ISO 639-1 codes, separated by commas or spaces.
    #[serde(default)]
    pub languages: String,
    #[serde(default)]
    pub danish_level: String,
    #[serde(default)]
    pub education_level: String,
    #[serde(default)]
    pub benefit: String,
    #[serde(default)]
    pub benefit_since: String,
    /// The referral's date.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub referrer: String,
    #[serde(default)]
    pub caseworker: String,
    /// An existing person to refer (picked on the duplicate warning).
    #[serde(default)]
    pub person: String,
    /// `yes`: create a new person even though likely duplicates were shown.
    #[serde(default)]
    pub confirm_new_person: String,
}

impl std::fmt::Debug for ReferralForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferralForm")
            .field("programme", &self.programme)
            .finish_non_exhaustive()
    }
}

impl ReferralForm {
    /// Every field but the CSRF token, the picked person and the confirmation, as `(name,
    /// value)`: what the duplicate warning carries on in hidden inputs.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("programme", &self.programme),
            ("given_name", &self.given_name),
            ("family_name", &self.family_name),
            ("national_id", &self.national_id),
            ("birth_date", &self.birth_date),
            ("gender", &self.gender),
            ("phone", &self.phone),
            ("email", &self.email),
            ("origin_country", &self.origin_country),
            ("languages", &self.languages),
            ("danish_level", &self.danish_level),
            ("education_level", &self.education_level),
            ("benefit", &self.benefit),
            ("benefit_since", &self.benefit_since),
            ("date", &self.date),
            ("referrer", &self.referrer),
            ("caseworker", &self.caseworker),
        ]
    }

    /// Whether an existing person was picked.
    pub fn existing_person(&self) -> Option<&str> {
        Some(self.person.trim()).filter(|p| !p.is_empty())
    }

    pub fn confirmed_new(&self) -> bool {
        matches!(self.confirm_new_person.as_str(), "yes" | "true" | "1")
    }
}

/// What a checked form says about the person to create.
pub struct NewPerson {
    /// The `person` record, without its id.
    pub record: Map<String, Value>,
    pub national_id: Option<NationalId>,
    /// The birth date to look for duplicates by: as typed, else the national id's.
    pub birth_date: Option<NaiveDate>,
}

fn optional_date(
    tr: &Tr,
    field: &str,
    text: &str,
    today: NaiveDate,
    errors: &mut Vec<FieldMessage>,
) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_date(text.trim()) {
        Ok(d) if d > today => {
            errors.push(message(tr, field, "error-date-in-future"));
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(message(tr, field, "error-date"));
            None
        }
    }
}

fn put(record: &mut Map<String, Value>, field: &str, value: &str) {
    if !value.trim().is_empty() {
        record.insert(field.to_owned(), json!(value.trim()));
    }
}

/// The referral's own fields: its date, or a message.
pub fn check_referral(
    tr: &Tr,
    form: &ReferralForm,
    today: NaiveDate,
    errors: &mut Vec<FieldMessage>,
) -> Option<NaiveDate> {
    let date = check_date(tr, &form.date, today, errors);
    if form.referrer.chars().count() > 200 {
        errors.push(message(tr, "referrer", "company-error-too-long"));
    }
    date
}

/// The person the form describes, or a message by each wrong field (added to `errors`).
pub fn check_person(
    tr: &Tr,
    form: &ReferralForm,
    today: NaiveDate,
    errors: &mut Vec<FieldMessage>,
) -> NewPerson {
    let before = errors.len();
    let mut record = Map::new();
    for (field, value) in [
        ("given_name", &form.given_name),
        ("family_name", &form.family_name),
    ] {
        if value.trim().is_empty() {
            errors.push(message(tr, field, "referral-error-name-required"));
        } else if value.chars().count() > 200 {
            errors.push(message(tr, field, "company-error-too-long"));
        }
        put(&mut record, field, value);
    }
    let national_id = match form.national_id.trim() {
        "" => None,
        typed => match NationalId::parse(typed) {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(message(tr, "national_id", "referral-error-national-id"));
                None
            }
        },
    };
    let birth_date = optional_date(tr, "birth_date", &form.birth_date, today, errors);
    for (field, value, ok) in [
        (
            "gender",
            &form.gender,
            jobbro_domain::enums::Gender::parse(&form.gender).is_some(),
        ),
        (
            "danish_level",
            &form.danish_level,
            jobbro_domain::enums::DanishLevel::parse(&form.danish_level).is_some(),
        ),
        (
            "benefit",
            &form.benefit,
            jobbro_domain::enums::Benefit::parse(&form.benefit).is_some(),
        ),
        (
            "education_level",
            &form.education_level,
            form.education_level
                .trim()
                .parse::<u8>()
                .is_ok_and(|n| n <= 8),
        ),
    ] {
        if !value.trim().is_empty() && !ok {
            errors.push(message(tr, field, "error-choose-one"));
        }
    }
    put(&mut record, "gender", &form.gender);
    put(&mut record, "danish_level", &form.danish_level);
    put(&mut record, "benefit", &form.benefit);
    if let Ok(level) = form.education_level.trim().parse::<u8>() {
        record.insert("education_level".into(), json!(level));
    }
    let since = optional_date(tr, "benefit_since", &form.benefit_since, today, errors);
    if !form.phone.trim().is_empty() && !plausible_phone(&form.phone) {
        errors.push(message(tr, "phone", "company-error-phone"));
    }
    if !form.email.trim().is_empty() && !plausible_email(&form.email) {
        errors.push(message(tr, "email", "company-error-email"));
    }
    put(&mut record, "phone", &form.phone);
    put(&mut record, "email", &form.email);
    let country = form.origin_country.trim();
    if !country.is_empty() {
        match Country::parse(country) {
            Ok(_) => put(&mut record, "origin_country", &country.to_uppercase()),
            Err(_) => errors.push(message(tr, "origin_country", "referral-error-country")),
        }
    }
    let languages: Vec<String> = form
        .languages
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|l| !l.is_empty())
        .map(str::to_lowercase)
        .collect();
    if languages.iter().any(|l| Language::parse(l).is_err()) {
        errors.push(message(tr, "languages", "referral-error-languages"));
    } else if !languages.is_empty() {
        record.insert("languages".into(), json!(languages));
    }
    if errors.len() == before {
        if let Some(d) = birth_date {
            record.insert("birth_date".into(), json!(d.to_string()));
        }
        if let Some(d) = since {
            record.insert("benefit_since".into(), json!(d.to_string()));
        }
        if let Some(id) = &national_id {
            record.insert("national_id".into(), json!(id.expose()));
        }
    }
    NewPerson {
        record,
        birth_date: birth_date.or_else(|| national_id.as_ref().map(|id| id.birth_date(today))),
        national_id,
    }
}
