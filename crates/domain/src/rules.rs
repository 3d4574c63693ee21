//! A programme's rules — the "dogmas" of close contact, continuity and availability (FORMAT.md,
//! "Programme rules") — as written in the timeline, and with their defaults filled in.
//!
//! The written form keeps only what the source gave, so an export gives back the same record; the
//! effective form is what status and worklist use.

use serde::Serialize;
use serde_json::{Map, Value};

use super::records::FieldError;

/// Rules as written on a `programme` record: absent fields take the defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RuleSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_every_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_days_without_activity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aftercare_contact_every_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up_months: Option<Vec<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_show_limit: Option<u32>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::records::whole_if_integral_opt"
    )]
    pub full_time_hours: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_caseload: Option<u32>,
}

impl RuleSettings {
    pub fn is_empty(&self) -> bool {
        *self == RuleSettings::default()
    }

    /// The rules with every default filled in.
    pub fn effective(&self) -> Rules {
        let d = Rules::default();
        Rules {
            contact_every_days: self.contact_every_days.unwrap_or(d.contact_every_days),
            max_days_without_activity: self
                .max_days_without_activity
                .unwrap_or(d.max_days_without_activity),
            aftercare_contact_every_days: self
                .aftercare_contact_every_days
                .unwrap_or(d.aftercare_contact_every_days),
            follow_up_months: self.follow_up_months.clone().unwrap_or(d.follow_up_months),
            no_show_limit: self.no_show_limit.unwrap_or(d.no_show_limit),
            full_time_hours: self.full_time_hours.unwrap_or(d.full_time_hours),
            max_caseload: self.max_caseload.unwrap_or(d.max_caseload),
        }
    }

    /// Reads the `rules` object of a programme; problems are reported as `rules.<field>`.
    pub(crate) fn from_json(obj: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Self {
        let mut bad = |field: &str, reason: &str| {
            errors.push(FieldError {
                field: format!("rules.{field}"),
                reason: reason.to_owned(),
            })
        };
        let days = |field: &str, bad: &mut dyn FnMut(&str, &str)| -> Option<u32> {
            let v = obj.get(field)?;
            match v.as_u64() {
                Some(n) if (1..=3650).contains(&n) => u32::try_from(n).ok(),
                _ => {
                    bad(field, "must be a whole number from 1 to 3650");
                    None
                }
            }
        };
        let mut settings = RuleSettings {
            contact_every_days: days("contact_every_days", &mut bad),
            max_days_without_activity: days("max_days_without_activity", &mut bad),
            aftercare_contact_every_days: days("aftercare_contact_every_days", &mut bad),
            no_show_limit: days("no_show_limit", &mut bad),
            max_caseload: days("max_caseload", &mut bad),
            ..RuleSettings::default()
        };
        if let Some(v) = obj.get("full_time_hours") {
            match v.as_f64() {
                Some(h) if h > 0.0 && h <= 168.0 => settings.full_time_hours = Some(h),
                _ => bad(
                    "full_time_hours",
                    "must be a number of hours from above 0 to 168",
                ),
            }
        }
        if let Some(v) = obj.get("follow_up_months") {
            let months: Option<Vec<u32>> = v.as_array().and_then(|a| {
                a.iter()
                    .map(|m| {
                        m.as_u64()
                            .filter(|m| (1..=120).contains(m))
                            .and_then(|m| u32::try_from(m).ok())
                    })
                    .collect()
            });
            match months {
                Some(mut m) => {
                    let given = m.len();
                    m.sort_unstable();
                    m.dedup();
                    if m.len() != given {
                        bad("follow_up_months", "must not repeat a month");
                    }
                    settings.follow_up_months = Some(m);
                }
                None => bad(
                    "follow_up_months",
                    "must be a list of whole months from 1 to 120",
                ),
            }
        }
        for key in obj.keys() {
            let known = [
                "contact_every_days",
                "max_days_without_activity",
                "aftercare_contact_every_days",
                "follow_up_months",
                "no_show_limit",
                "full_time_hours",
                "max_caseload",
            ];
            if !known.contains(&key.as_str()) {
                bad(key, "is not a programme rule");
            }
        }
        settings
    }
}

/// The rules in force, defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rules {
    pub contact_every_days: u32,
    pub max_days_without_activity: u32,
    pub aftercare_contact_every_days: u32,
    pub follow_up_months: Vec<u32>,
    pub no_show_limit: u32,
    pub full_time_hours: f64,
    pub max_caseload: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            contact_every_days: 7,
            max_days_without_activity: 42,
            aftercare_contact_every_days: 14,
            follow_up_months: vec![6],
            no_show_limit: 2,
            full_time_hours: 30.0,
            max_caseload: 25,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_rules_take_the_documented_defaults() {
        let r = RuleSettings::default().effective();
        assert_eq!(r.contact_every_days, 7);
        assert_eq!(r.max_days_without_activity, 42);
        assert_eq!(r.aftercare_contact_every_days, 14);
        assert_eq!(r.follow_up_months, vec![6]);
        assert_eq!(r.no_show_limit, 2);
        assert_eq!(r.full_time_hours, 30.0);
        assert_eq!(r.max_caseload, 25);
    }

    #[test]
    fn a_bad_rule_is_named_with_its_path() {
        let obj = json!({"contact_every_days": 0, "follow_up_months": [6, "x"], "colour": 1});
        let mut errors = Vec::new();
        RuleSettings::from_json(obj.as_object().unwrap(), &mut errors);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"rules.contact_every_days"));
        assert!(fields.contains(&"rules.follow_up_months"));
        assert!(fields.contains(&"rules.colour"));
    }
}
