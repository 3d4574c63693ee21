//! The ESF+ indicators on small hand-built timelines, indicator by indicator: the entry figures
//! here, re-entry and the results on leaving in `leaving`, and the KIB fixture against figures
//! worked out from its JSON lines in `kib`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

use crate::enums::Benefit;
use crate::testkit::{Enrolment, KIB, KIB_ARGS, d};

mod kib;
mod leaving;
mod published;
mod rows;

/// The published fixture, the arguments of its status report (`kib 2024-06-16`) and the report.
const KIB_STATUS: &str = include_str!("../../../../../shared/fixtures/kib.status.json");

const AS_OF: &str = "2024-06-30";

fn dk() -> Country {
    Country::parse("DK").unwrap()
}

fn country(code: &str) -> Option<Country> {
    Some(Country::parse(code).unwrap())
}

/// A woman of 40 with upper secondary education, from Syria, on cash benefit since 2020.
fn woman() -> EsfAttributes {
    EsfAttributes {
        gender: Some(Gender::Female),
        birth: Some(Birth::Date(d("1984-03-01"))),
        education_level: Some(3),
        origin_country: country("SY"),
        benefit: Some(Benefit::CashBenefit),
        benefit_since: Some(d("2020-01-01")),
    }
}

fn report_on(as_of: &str, enrolments: &[(Enrolment, EsfAttributes)]) -> EsfReport {
    let mut b = EsfReportBuilder::new("kib", d(as_of), dk());
    for (e, who) in enrolments {
        b.add(&e.timeline(), who);
    }
    let report = b.finish();
    assert_reconciles(&report);
    report
}

fn report(enrolments: &[(Enrolment, EsfAttributes)]) -> EsfReport {
    report_on(AS_OF, enrolments)
}

/// Every figure's total is the sum of its genders, and every group adds up to its whole.
fn assert_reconciles(r: &EsfReport) {
    let o = &r.output;
    let res = &r.result;
    let all = [
        o.participants,
        o.unemployed,
        o.long_term_unemployed,
        o.long_term_unknown,
        o.inactive,
        o.employed,
        o.employment_status_unknown,
        o.under_18,
        o.age_18_29,
        o.age_30_54,
        o.age_55_and_over,
        o.age_unknown,
        o.isced_0_2,
        o.isced_3_4,
        o.isced_5_8,
        o.education_unknown,
        o.third_country_nationals,
        o.foreign_background,
        o.origin_member_state,
        o.origin_unknown,
        res.left,
        res.job_searching,
        res.in_education_or_training,
        res.in_employment,
        res.left_six_months_before,
        res.in_employment_six_months_after,
        res.not_in_employment_six_months_after,
        res.six_months_unknown,
    ];
    for g in all {
        assert_eq!(g.total, g.women + g.men + g.non_binary + g.unknown, "{g:?}");
    }
    let n = o.participants.total;
    let sum = |gs: &[ByGender]| gs.iter().map(|g| g.total).sum::<u64>();
    assert_eq!(
        sum(&[
            o.unemployed,
            o.inactive,
            o.employed,
            o.employment_status_unknown
        ]),
        n
    );
    assert_eq!(
        sum(&[
            o.under_18,
            o.age_18_29,
            o.age_30_54,
            o.age_55_and_over,
            o.age_unknown
        ]),
        n
    );
    assert_eq!(
        sum(&[o.isced_0_2, o.isced_3_4, o.isced_5_8, o.education_unknown]),
        n
    );
    assert_eq!(
        sum(&[
            o.foreign_background,
            o.origin_member_state,
            o.origin_unknown
        ]),
        n
    );
    assert!(o.long_term_unemployed.total + o.long_term_unknown.total <= o.unemployed.total);
    assert!(o.third_country_nationals.total <= o.foreign_background.total);
    assert_eq!(
        sum(&[
            res.in_employment_six_months_after,
            res.not_in_employment_six_months_after,
            res.six_months_unknown
        ]),
        res.left_six_months_before.total
    );
    assert!(res.left.total <= n && res.left_six_months_before.total <= res.left.total);
}

fn with(change: impl FnOnce(&mut EsfAttributes)) -> EsfAttributes {
    let mut a = woman();
    change(&mut a);
    a
}

#[test]
fn participants_are_accepted_people_on_the_report_date_counted_by_gender() {
    let gender = |g: Option<Gender>| with(|a| a.gender = g);
    let r = report(&[
        (
            Enrolment::accepted_as("e1", "2024-01-02"),
            gender(Some(Gender::Female)),
        ),
        (
            Enrolment::accepted_as("e2", "2024-01-02"),
            gender(Some(Gender::Male)),
        ),
        (
            Enrolment::accepted_as("e3", "2024-01-02"),
            gender(Some(Gender::Other)),
        ),
        (
            Enrolment::accepted_as("e4", "2024-01-02"),
            gender(Some(Gender::Unknown)),
        ),
        (
            Enrolment::accepted_as("e5", "2024-01-02").left("2024-03-01", "moved"),
            gender(None),
        ),
        (Enrolment::referred_as("e6", "2024-01-02"), woman()),
        (
            Enrolment::referred_as("e7", "2024-01-02").intake("2024-01-05", "declined"),
            woman(),
        ),
        (
            Enrolment::referred_as("e8", "2024-01-02").left("2024-01-09", "moved"),
            woman(),
        ),
        (
            Enrolment::referred_as("e9", "2024-06-01").accepted("2024-07-01"),
            woman(),
        ),
        (Enrolment::accepted_as("e10", "2024-07-01"), woman()),
        (
            Enrolment::referred_as("e11", "2024-01-02")
                .with("programme", "other")
                .accepted("2024-01-02"),
            woman(),
        ),
    ]);
    let expected = ByGender {
        women: 1,
        men: 1,
        non_binary: 1,
        unknown: 2,
        total: 5,
    };
    assert_eq!(r.output.participants, expected);
}

#[test]
fn employment_status_at_entry_follows_the_benefit_at_referral() {
    let on = |b: Option<Benefit>| with(|a| a.benefit = b);
    let people = [
        (Some(Benefit::CashBenefit), "unemployed"),
        (Some(Benefit::EducationBenefit), "unemployed"),
        (Some(Benefit::IntegrationBenefit), "unemployed"),
        (Some(Benefit::UnemploymentInsurance), "unemployed"),
        (Some(Benefit::SelfSupporting), "inactive"),
        (Some(Benefit::SicknessBenefit), "unknown"),
        (Some(Benefit::Other), "unknown"),
        (None, "unknown"),
    ];
    for (benefit, expected) in people {
        let r = report(&[(Enrolment::accepted_on("2024-01-02"), on(benefit))]);
        let o = &r.output;
        let got = [
            (o.unemployed.total, "unemployed"),
            (o.inactive.total, "inactive"),
            (o.employed.total, "employed"),
            (o.employment_status_unknown.total, "unknown"),
        ];
        let status: Vec<_> = got
            .iter()
            .filter(|(n, _)| *n == 1)
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(status, [expected], "{benefit:?}");
    }
}

#[test]
fn a_job_held_before_entry_makes_the_participant_employed_whatever_the_benefit() {
    let before = Enrolment::referred_as("e1", "2024-01-02")
        .job("j", "2024-01-03", 8.0)
        .accepted("2024-01-10");
    let on_the_day = Enrolment::accepted_as("e2", "2024-01-10").job("j2", "2024-01-10", 8.0);
    let ended_before = Enrolment::referred_as("e3", "2024-01-02")
        .job("j3", "2024-01-03", 8.0)
        .ended("j3", "2024-01-09")
        .accepted("2024-01-10");
    let r = report(&[
        (before, woman()),
        (on_the_day, woman()),
        (ended_before, woman()),
    ]);
    assert_eq!(r.output.employed.women, 1);
    assert_eq!(r.output.unemployed.women, 2);
}

#[test]
fn long_term_unemployed_have_been_on_benefit_more_than_twelve_months_at_referral() {
    let since = |s: Option<&str>| with(|a| a.benefit_since = s.map(d));
    let r = report(&[
        (
            Enrolment::accepted_as("e1", "2024-03-01"),
            since(Some("2023-02-28")),
        ),
        (
            Enrolment::accepted_as("e2", "2024-03-01"),
            since(Some("2023-03-01")),
        ),
        (
            Enrolment::accepted_as("e3", "2024-03-01"),
            since(Some("2023-03-02")),
        ),
        (Enrolment::accepted_as("e4", "2024-03-01"), since(None)),
        (
            Enrolment::accepted_as("e5", "2024-03-01"),
            with(|a| {
                a.benefit = Some(Benefit::SelfSupporting);
                a.benefit_since = Some(d("2010-01-01"));
            }),
        ),
        // Twelve months and more by acceptance, but not by referral.
        (
            Enrolment::referred_as("e6", "2024-02-15").accepted("2024-04-01"),
            since(Some("2023-02-20")),
        ),
    ]);
    assert_eq!(r.output.unemployed.total, 5);
    assert_eq!(
        r.output.long_term_unemployed,
        ByGender {
            women: 1,
            total: 1,
            ..ByGender::default()
        },
        "only e1: twelve months exactly is not more than twelve"
    );
    assert_eq!(r.output.long_term_unknown.total, 1);
}

#[test]
fn age_bands_use_the_age_on_the_day_of_entry() {
    let born = |b: Option<Birth>| with(|a| a.birth = b);
    let on = |id: &str| Enrolment::referred_as(id, "2024-01-02").accepted("2024-04-10");
    let date = |s: &str| born(Some(Birth::Date(d(s))));
    let r = report(&[
        (on("e1"), date("2006-04-11")),
        (on("e2"), date("2006-04-10")),
        (on("e3"), date("1994-04-11")),
        (on("e4"), date("1994-04-10")),
        (on("e5"), date("1969-04-11")),
        (on("e6"), date("1969-04-10")),
        (on("e7"), born(Some(Birth::Year(2000)))),
        (on("e8"), born(Some(Birth::Year(1994)))),
        (on("e9"), born(None)),
        // 29 on entry, 30 on the report date.
        (
            Enrolment::accepted_as("e10", "2024-01-05"),
            date("1994-03-01"),
        ),
    ]);
    let o = &r.output;
    assert_eq!(o.under_18.total, 1, "17 the day before the 18th birthday");
    assert_eq!(
        o.age_18_29.total, 4,
        "18 on the birthday, 29, a year of 23 or 24, e10"
    );
    assert_eq!(o.age_30_54.total, 2);
    assert_eq!(o.age_55_and_over.total, 1);
    assert_eq!(
        o.age_unknown.total, 2,
        "no birth, or a birth year giving 29 or 30"
    );
}

#[test]
fn education_groups_isced_levels_and_counts_a_missing_level_as_unknown() {
    let levels = [
        Some(0),
        Some(1),
        Some(2),
        Some(3),
        Some(4),
        Some(5),
        Some(6),
        Some(7),
    ];
    let mut enrolments: Vec<_> = levels
        .iter()
        .chain([Some(8), None].iter())
        .enumerate()
        .map(|(i, level)| {
            let e = Enrolment::accepted_as(&format!("e{i}"), "2024-01-02");
            (e, with(|a| a.education_level = *level))
        })
        .collect();
    enrolments.push((
        Enrolment::accepted_as("men", "2024-01-02"),
        with(|a| a.gender = Some(Gender::Male)),
    ));
    let o = report(&enrolments).output;
    assert_eq!(
        (o.isced_0_2.women, o.isced_3_4.women, o.isced_5_8.women),
        (3, 2, 4)
    );
    assert_eq!(o.education_unknown.women, 1);
    assert_eq!((o.isced_3_4.men, o.isced_3_4.total), (1, 3));
}

#[test]
fn origin_outside_the_eu_is_third_country_and_any_origin_abroad_is_foreign_background() {
    let from = |c: Option<Country>| with(|a| a.origin_country = c);
    let r = report(&[
        (
            Enrolment::accepted_as("e1", "2024-01-02"),
            from(country("DK")),
        ),
        (
            Enrolment::accepted_as("e2", "2024-01-02"),
            from(country("SE")),
        ),
        (
            Enrolment::accepted_as("e3", "2024-01-02"),
            from(country("NO")),
        ),
        (
            Enrolment::accepted_as("e4", "2024-01-02"),
            from(country("SY")),
        ),
        (Enrolment::accepted_as("e5", "2024-01-02"), from(None)),
    ]);
    let o = &r.output;
    assert_eq!(o.third_country_nationals.total, 2, "NO and SY");
    assert_eq!(o.foreign_background.total, 3, "SE, NO and SY");
    assert_eq!(o.origin_member_state.total, 1);
    assert_eq!(o.origin_unknown.total, 1);
}

#[test]
fn the_json_uses_the_esf_codes_as_keys() {
    let r = report(&[(
        Enrolment::accepted_on("2024-01-02").left("2024-02-01", "job"),
        woman(),
    )]);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["member_state"], "DK");
    assert_eq!(v["output"]["EECO01"]["women"], 1);
    assert_eq!(v["output"]["EECO13"]["total"], 1);
    assert_eq!(v["output"]["EECO02"]["non_binary"], 0);
    assert_eq!(v["result"]["EECR04"]["total"], 1);
    let codes = |section: &str| {
        let mut keys: Vec<String> = v[section]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| k.starts_with("EEC"))
            .cloned()
            .collect();
        keys.sort();
        keys.join(" ")
    };
    assert_eq!(
        codes("output"),
        "EECO01 EECO02 EECO03 EECO04 EECO05 EECO06 EECO07 EECO08 EECO09 EECO10 EECO11 EECO13 EECO14"
    );
    assert_eq!(codes("result"), "EECR01 EECR02 EECR04 EECR05");
}
