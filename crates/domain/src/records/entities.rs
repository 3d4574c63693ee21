//! The entity records — `programme`, `person`, `company`, `caseworker` — that events name.
//!
//! A `Person` holds special-category data; its `Debug` never shows the national id (the id type
//! redacts itself) and nothing here logs.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::fields::Fields;
use crate::codes::{Country, Language};
use crate::cvr::Cvr;
use crate::enums::{Benefit, DanishLevel, Gender, Indicator};
use crate::national_id::NationalId;
use crate::rules::RuleSettings;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub amount: Number,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goal {
    pub indicator: Indicator,
    pub target: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Programme {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group: Option<String>,
    #[serde(skip_serializing_if = "RuleSettings::is_empty")]
    pub rules: RuleSettings,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
}

impl Programme {
    pub(crate) fn read(id: String, f: &mut Fields<'_>) -> Self {
        let name = f.req_text("name");
        let start = f.req_date("start");
        let end = f.opt_date("end");
        if let Some(end) = end
            && end < start
        {
            f.error("end", "must not be before start");
        }
        let operator = f.opt_text("operator");
        let funder = f.opt_text("funder");
        let target_group = f.opt_text("target_group");
        let budget = f.opt_object("budget").map(|b| read_budget(b, f));
        let rules = match f.opt_object("rules") {
            Some(obj) => RuleSettings::from_json(obj, &mut f.errors),
            None => RuleSettings::default(),
        };
        let goals = f
            .opt_array("goals")
            .map(|a| read_goals(a, f))
            .unwrap_or_default();
        Programme {
            id,
            name,
            start,
            end,
            operator,
            funder,
            budget,
            target_group,
            rules,
            goals,
        }
    }
}

fn read_budget(obj: &Map<String, Value>, f: &mut Fields<'_>) -> Budget {
    let amount = f.req_amount("budget", obj.get("amount"));
    let currency = obj
        .get("currency")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        f.error(
            "budget",
            "currency must be a three-letter ISO 4217 code such as DKK, SEK or EUR",
        );
    }
    if obj.keys().any(|k| k != "amount" && k != "currency") {
        f.error("budget", "has fields other than amount and currency");
    }
    Budget {
        amount,
        currency: currency.to_owned(),
    }
}

fn read_goals(arr: &[Value], f: &mut Fields<'_>) -> Vec<Goal> {
    let mut goals = Vec::new();
    for (i, g) in arr.iter().enumerate() {
        let field = format!("goals[{i}]");
        let indicator = g
            .get("indicator")
            .and_then(Value::as_str)
            .and_then(Indicator::parse);
        let target = g.get("target").and_then(Value::as_u64);
        let extra = g
            .as_object()
            .is_some_and(|o| o.keys().any(|k| k != "indicator" && k != "target"));
        match (indicator, target) {
            (Some(indicator), Some(target)) if !extra => {
                if goals.iter().any(|g: &Goal| g.indicator == indicator) {
                    f.error(&field, "repeats an indicator");
                }
                goals.push(Goal { indicator, target });
            }
            (None, _) => f.error(
                &field,
                format!("indicator must be one of: {}", Indicator::expected()),
            ),
            (_, None) => f.error(&field, "target must be a whole number, zero or more"),
            _ => f.error(&field, "has fields other than indicator and target"),
        }
    }
    goals
}

/// `Deserialize` is for the store's own canonical form, which keeps the national id elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing, default)]
    pub national_id: Option<NationalId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_country: Option<Country>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub languages: Vec<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub danish_level: Option<DanishLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub education_level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<Benefit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit_since: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Person {
    pub(crate) fn read(id: String, f: &mut Fields<'_>) -> Self {
        let national_id = f.opt_parsed("national_id", NationalId::parse);
        let birth_date = f.opt_date("birth_date");
        let birth_year = f
            .opt_uint("birth_year", 1900..=2100)
            .and_then(|y| i32::try_from(y).ok());
        if let (Some(d), Some(y)) = (birth_date, birth_year)
            && d.year() != y
        {
            f.error("birth_year", "does not agree with birth_date");
        }
        let languages = match f.opt_array("languages") {
            Some(list) => {
                let mut out = Vec::new();
                for v in list {
                    match v.as_str().map(Language::parse) {
                        Some(Ok(l)) => out.push(l),
                        Some(Err(e)) => f.error("languages", e.to_string()),
                        None => f.error("languages", "must be a list of ISO 639-1 codes"),
                    }
                }
                out
            }
            None => Vec::new(),
        };
        let email = f.opt_text("email");
        if let Some(e) = &email
            && !plausible_email(e)
        {
            f.error("email", "is not an e-mail address");
        }
        let phone = f.opt_text("phone");
        if let Some(p) = &phone
            && !plausible_phone(p)
        {
            f.error("phone", "must be digits, spaces and an optional leading +");
        }
        Person {
            id,
            given_name: f.opt_text("given_name"),
            family_name: f.opt_text("family_name"),
            national_id,
            gender: f.opt_code("gender", Gender::parse, Gender::expected),
            birth_date,
            birth_year,
            origin_country: f.opt_parsed("origin_country", Country::parse),
            languages,
            danish_level: f.opt_code("danish_level", DanishLevel::parse, DanishLevel::expected),
            education_level: f
                .opt_uint("education_level", 0..=8)
                .and_then(|n| u8::try_from(n).ok()),
            benefit: f.opt_code("benefit", Benefit::parse, Benefit::expected),
            benefit_since: f.opt_date("benefit_since"),
            phone,
            email,
        }
    }
}

pub(crate) fn plausible_email(e: &str) -> bool {
    let mut parts = e.split('@');
    matches!((parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None) if !local.is_empty() && domain.contains('.') && !e.contains(char::is_whitespace))
}

fn plausible_phone(p: &str) -> bool {
    let digits = p.trim_start_matches('+');
    digits
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        && digits.chars().filter(char::is_ascii_digit).count() >= 6
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Company {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cvr: Option<Cvr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottleneck: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_since: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diploma: Option<bool>,
}

impl Company {
    pub(crate) fn read(id: String, f: &mut Fields<'_>) -> Self {
        Company {
            id,
            name: f.req_text("name"),
            cvr: f.opt_parsed("cvr", Cvr::parse),
            sector: f.opt_text("sector"),
            bottleneck: f.opt_bool("bottleneck"),
            partner_since: f.opt_date("partner_since"),
            diploma: f.opt_bool("diploma"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caseworker {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Caseworker {
    pub(crate) fn read(id: String, f: &mut Fields<'_>) -> Self {
        let email = f.opt_text("email");
        if let Some(e) = &email
            && !plausible_email(e)
        {
            f.error("email", "is not an e-mail address");
        }
        Caseworker {
            id,
            name: f.req_text("name"),
            email,
        }
    }
}
