//! The network person form as typed, read into the domain's `NetworkPerson` (every text field
//! trimmed, empty ones left out) with the parse problems first and then the domain's one check,
//! each naming its field — the same reading for the page and the API.

use jobbro_domain::codes::Language;
use jobbro_domain::network::{NetworkKind, NetworkPerson};
use jobbro_domain::records::FieldError;
use serde::Deserialize;

/// A network person as typed (page form or API body).
#[derive(Clone, Default, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    pub csrf: Option<String>,
    #[serde(default)]
    pub name: String,
    /// `mentor`, `bridge_builder`, `national_group_contact` or `interpreter`.
    #[serde(default)]
    pub kind: String,
    /// A mentor's company (a company id).
    #[serde(default)]
    pub company: String,
    /// ISO 639-1 codes separated by commas or spaces (`ar, ti`).
    #[serde(default)]
    pub languages: String,
    #[serde(default)]
    pub area: String,
    /// An interpreter's usual waiting days (0–90).
    #[serde(default)]
    pub waiting_days: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub notes: String,
    /// The version the edit started from (edits only).
    #[serde(default)]
    pub version: String,
}

impl PersonForm {
    /// The form showing a stored person.
    pub fn of(p: &NetworkPerson, version: i64) -> PersonForm {
        PersonForm {
            csrf: None,
            name: p.name.clone(),
            kind: p.kind.as_str().to_owned(),
            company: p.company.clone().unwrap_or_default(),
            languages: p
                .languages
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            area: p.area.clone().unwrap_or_default(),
            waiting_days: p.waiting_days.map(|d| d.to_string()).unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            notes: p.notes.clone().unwrap_or_default(),
            version: version.to_string(),
        }
    }
}

fn text(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

fn problem(field: &str, reason: &str) -> FieldError {
    FieldError {
        field: field.into(),
        reason: reason.into(),
    }
}

/// The person the form describes, with id `id`, or every problem by field.
pub fn person_from(form: &PersonForm, id: &str) -> Result<NetworkPerson, Vec<FieldError>> {
    let mut problems = Vec::new();
    let kind = NetworkKind::parse(form.kind.trim());
    if kind.is_none() {
        problems.push(problem(
            "kind",
            &format!("must be one of: {}", NetworkKind::expected()),
        ));
    }
    let mut languages = Vec::new();
    for code in form
        .languages
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
    {
        match Language::parse(code) {
            Ok(l) => languages.push(l),
            Err(e) => problems.push(problem("languages", &e.to_string())),
        }
    }
    let waiting_days = match form.waiting_days.trim() {
        "" => None,
        days => match days.parse::<u16>() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(problem("waiting_days", "must be a whole number of days"));
                None
            }
        },
    };
    let person = NetworkPerson {
        id: id.to_owned(),
        name: form.name.trim().to_owned(),
        kind: kind.unwrap_or(NetworkKind::Mentor),
        company: text(&form.company),
        languages,
        area: text(&form.area),
        waiting_days,
        phone: text(&form.phone),
        email: text(&form.email),
        notes: text(&form.notes),
    };
    if kind.is_some() {
        problems.extend(person.problems());
    } else {
        // Without a kind, only the checks that do not depend on it.
        problems.extend(
            person
                .problems()
                .into_iter()
                .filter(|p| !matches!(p.field.as_str(), "company" | "languages" | "waiting_days")),
        );
    }
    if problems.is_empty() {
        Ok(person)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_interpreter_reads_with_languages_in_any_separator() {
        let form = PersonForm {
            name: " Tolk A ".into(),
            kind: "interpreter".into(),
            languages: "ar, TI so".into(),
            waiting_days: "5".into(),
            ..PersonForm::default()
        };
        let p = person_from(&form, "n1").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.name, "Tolk A");
        assert_eq!(p.languages.len(), 3);
        assert_eq!(p.waiting_days, Some(5));
    }

    #[test]
    fn bad_codes_and_numbers_are_named_by_field() {
        let form = PersonForm {
            name: "X".into(),
            kind: "interpreter".into(),
            languages: "arabic".into(),
            waiting_days: "soon".into(),
            ..PersonForm::default()
        };
        let fields: Vec<String> = person_from(&form, "n1")
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert!(fields.contains(&"languages".to_owned()), "{fields:?}");
        assert!(fields.contains(&"waiting_days".to_owned()), "{fields:?}");
    }
}
