//! The breakdown of accepted enrolments by gender, benefit, age band and origin country.

use super::*;

use crate::testkit::person;

#[test]
fn age_bands_change_on_the_birthday_itself() {
    let born = Some(Birth::Date(d("1999-06-16")));
    assert_eq!(age_band(born, d("2024-06-15")), "<25");
    assert_eq!(age_band(born, d("2024-06-16")), "25-29");
    assert_eq!(age_band(born, d("2029-06-15")), "25-29");
    assert_eq!(age_band(born, d("2029-06-16")), "30-39");
    assert_eq!(age_band(born, d("2039-06-16")), "40-49");
    assert_eq!(age_band(born, d("2049-06-15")), "40-49");
    assert_eq!(age_band(born, d("2049-06-16")), "50+");
}

#[test]
fn a_leap_day_birthday_is_reached_on_the_first_of_march_in_other_years() {
    let born = Some(Birth::Date(d("2000-02-29")));
    assert_eq!(age_band(born, d("2025-02-28")), "<25");
    assert_eq!(age_band(born, d("2025-03-01")), "25-29");
}

#[test]
fn an_unknown_or_future_birth_is_the_unknown_age_band() {
    assert_eq!(age_band(None, d("2024-06-16")), "unknown");
    assert_eq!(
        age_band(Some(Birth::Date(d("2024-06-17"))), d("2024-06-16")),
        "unknown"
    );
    assert_eq!(
        age_band(Some(Birth::Year(2025)), d("2024-06-16")),
        "unknown"
    );
}

#[test]
fn with_only_a_birth_year_the_age_is_the_one_reached_during_the_year() {
    assert_eq!(age_band(Some(Birth::Year(1999)), d("2024-01-01")), "25-29");
    assert_eq!(age_band(Some(Birth::Year(2000)), d("2024-12-31")), "<25");
}

#[test]
fn a_person_s_birth_date_comes_before_birth_year_and_national_id() {
    let full = person(
        json!({"type": "person", "id": "p1", "birth_date": "1990-05-01",
                             "birth_year": 1990}),
    );
    let id_birth = Some(d("1970-01-01"));
    assert_eq!(
        Attributes::of(&full, id_birth).birth,
        Some(Birth::Date(d("1990-05-01")))
    );
    let year = person(json!({"type": "person", "id": "p1", "birth_year": 1990}));
    assert_eq!(
        Attributes::of(&year, id_birth).birth,
        Some(Birth::Year(1990))
    );
    let none = person(json!({"type": "person", "id": "p1"}));
    assert_eq!(
        Attributes::of(&none, id_birth).birth,
        Some(Birth::Date(d("1970-01-01")))
    );
    assert_eq!(Attributes::of(&none, None).birth, None);
}

#[test]
fn the_age_band_breakdown_uses_the_age_on_the_report_date() {
    let born = |date: &str| Attributes {
        birth: Some(Birth::Date(d(date))),
        ..Attributes::default()
    };
    let all = vec![
        Enrolment::accepted_as("e1", "2024-01-02").who(born("1999-06-16")),
        Enrolment::accepted_as("e2", "2024-01-02").who(born("1999-06-17")),
        Enrolment::accepted_as("e3", "2024-01-02"),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.age_band), vec!["<25", "25-29", "unknown"]);
    for key in ["<25", "25-29", "unknown"] {
        let g = group(&r.breakdown.age_band, key);
        assert_eq!(g.and_then(|g| g.accepted), Some(1), "{key}");
    }
}

#[test]
fn a_person_without_the_attribute_is_grouped_under_unknown() {
    let all = vec![
        Enrolment::accepted_as("e1", "2024-01-02"),
        Enrolment::accepted_as("e2", "2024-01-02").who(gender(Gender::Unknown)),
        Enrolment::accepted_as("e3", "2024-01-02").who(gender(Gender::Female)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.gender), vec!["female", "unknown"]);
    assert_eq!(
        group(&r.breakdown.gender, "unknown").and_then(|g| g.accepted),
        Some(2)
    );
    for groups in [
        &r.breakdown.benefit,
        &r.breakdown.age_band,
        &r.breakdown.origin_country,
    ] {
        assert_eq!(keys(groups), vec!["unknown"]);
    }
}

#[test]
fn breakdown_groups_follow_the_code_list_with_unknown_last() {
    let all = vec![
        Enrolment::accepted_as("e1", "2024-01-02"),
        Enrolment::accepted_as("e2", "2024-01-02").who(gender(Gender::Other)),
        Enrolment::accepted_as("e3", "2024-01-02").who(gender(Gender::Male)),
        Enrolment::accepted_as("e4", "2024-01-02").who(gender(Gender::Female)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(
        keys(&r.breakdown.gender),
        vec!["female", "male", "other", "unknown"]
    );
}

#[test]
fn country_groups_are_upper_case() {
    let from = |code: &str| {
        Attributes::of(
            &person(json!({"type": "person", "id": "p1", "origin_country": code})),
            None,
        )
    };
    let all = vec![
        Enrolment::accepted_as("e1", "2024-01-02").who(from("sy")),
        Enrolment::accepted_as("e2", "2024-01-02").who(from("SY")),
        Enrolment::accepted_as("e3", "2024-01-02").who(from("Ua")),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.origin_country), vec!["SY", "UA"]);
    assert_eq!(
        group(&r.breakdown.origin_country, "SY").and_then(|g| g.accepted),
        Some(2)
    );
}

#[test]
fn the_benefit_breakdown_groups_by_benefit_code() {
    let on = |b: Benefit| Attributes {
        benefit: Some(b),
        ..Attributes::default()
    };
    let all = vec![
        Enrolment::accepted_as("e1", "2024-01-02").who(on(Benefit::UnemploymentInsurance)),
        Enrolment::accepted_as("e2", "2024-01-02").who(on(Benefit::CashBenefit)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(
        keys(&r.breakdown.benefit),
        vec!["cash_benefit", "unemployment_insurance"]
    );
}

#[test]
fn the_breakdown_covers_accepted_enrolments_only() {
    let all = vec![
        Enrolment::referred_as("waiting", "2024-01-02").who(gender(Gender::Male)),
        Enrolment::referred_as("declined", "2024-01-02")
            .intake("2024-01-03", "declined")
            .who(gender(Gender::Other)),
        Enrolment::accepted_as("active", "2024-01-02")
            .activity("a1", "2024-02-01", "language_school")
            .who(gender(Gender::Female)),
        Enrolment::accepted_as("ended", "2024-01-02")
            .job("a1", "2024-02-01", 37.0)
            .left("2024-03-01", "job")
            .who(gender(Gender::Female)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.gender), vec!["female"]);
    let women = group(&r.breakdown.gender, "female")
        .cloned()
        .unwrap_or_default();
    assert_eq!((women.active, women.accepted), (Some(1), Some(2)));
    assert_eq!(women.situation.get(Situation::LanguageSchool), Some(1));
    assert_eq!(women.situation.get(Situation::JobFullTime), Some(0));
    assert_eq!(women.best_outcome.get(Situation::JobFullTime), Some(1));
    assert_eq!(women.best_outcome.get(Situation::LanguageSchool), Some(1));
}
