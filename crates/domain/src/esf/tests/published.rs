//! The ESF+ report as published with small-cell suppression: nothing below the threshold shows,
//! nothing shown is changed, and the attacker of [`crate::suppression`] recovers no hidden count
//! from what is shown — on the KIB fixture and on random programmes.

use proptest::prelude::*;

use super::kib::built;
use super::*;
use crate::enums::Benefit;

/// Checks `published` against `report` suppressed with threshold `k`.
fn assert_protected(report: &EsfReport, k: u64) {
    let published = report.publish(Some(k));
    assert_eq!(published.suppressed_below, Some(k));
    let (values, constraints) = report.suppression_table();
    let shown: Vec<Option<u64>> = published
        .rows()
        .iter()
        .flat_map(|(_, _, g)| g.cells())
        .collect();
    crate::suppression::assert_protected(&values, &constraints, &shown, k);
}

#[test]
fn unsuppressed_the_published_report_is_the_report() {
    let r = built("kib", d("2024-06-16"));
    let published = r.publish(None);
    assert_eq!(published.suppressed_below, None);
    let plain: Vec<_> = r
        .rows()
        .iter()
        .map(|(s, k, g)| (*s, *k, g.cells().map(Some)))
        .collect();
    let shown: Vec<_> = published
        .rows()
        .iter()
        .map(|(s, k, g)| (*s, *k, g.cells()))
        .collect();
    assert_eq!(plain, shown);
    // The JSON is the same but for the threshold, which is only there when one applies.
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::to_value(&published).unwrap()
    );
}

#[test]
fn the_kib_figures_published_suppressed_give_no_small_count_away() {
    let mut hidden = 0;
    for as_of in ["2022-06-30", "2023-06-30", "2024-06-16"] {
        let r = built("kib", d(as_of));
        for k in [2, 3, 5, 10] {
            assert_protected(&r, k);
        }
        let published = r.publish(Some(5));
        hidden += published
            .rows()
            .iter()
            .flat_map(|(_, _, g)| g.cells())
            .filter(Option::is_none)
            .count();
        // EECO01's total is the status report's `accepted`, always shown.
        assert_eq!(
            published.output.participants.total,
            Some(r.output.participants.total)
        );
    }
    // Something was hidden at the default threshold: KIB has small groups.
    assert!(hidden > 0);
}

/// One random participant: gender, age, education, origin, benefit, and how the enrolment went.
fn participant() -> impl Strategy<Value = (EsfAttributes, u8)> {
    (
        0..5usize,
        prop::sample::select(vec!["1960-05-01", "1984-03-01", "2000-01-01", "2007-09-01"]),
        prop::option::of(prop::sample::select(vec![1u8, 3, 4, 6])),
        prop::option::of(prop::sample::select(vec!["DK", "SE", "SY", "NO"])),
        prop::option::of(prop::sample::select(vec![
            Benefit::CashBenefit,
            Benefit::UnemploymentInsurance,
            Benefit::SelfSupporting,
        ])),
        0..4u8,
    )
        .prop_map(|(g, birth, education, origin, benefit, path)| {
            let gender = [
                Some(Gender::Female),
                Some(Gender::Male),
                Some(Gender::Other),
                Some(Gender::Unknown),
                None,
            ][g];
            let who = EsfAttributes {
                gender,
                birth: Some(Birth::Date(d(birth))),
                education_level: education,
                origin_country: origin.and_then(country),
                benefit,
                benefit_since: Some(d("2023-01-01")),
            };
            (who, path)
        })
}

fn enrolment(i: usize, path: u8) -> Enrolment {
    let e = Enrolment::accepted_as(&format!("e{i}"), "2023-02-01");
    match path {
        0 => e,
        1 => e.job("j", "2023-05-01", 37.0).left("2023-06-01", "job"),
        2 => e
            .left("2023-06-01", "job")
            .follow_up("2023-12-01", 6, "job"),
        _ => e.left("2023-08-01", "moved"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_programmes_published_suppressed_give_no_small_count_away(
        people in prop::collection::vec(participant(), 0..40),
        k in 2u64..7,
    ) {
        let enrolments: Vec<_> = people
            .into_iter()
            .enumerate()
            .map(|(i, (who, path))| (enrolment(i, path), who))
            .collect();
        let r = report_on("2024-06-30", &enrolments);
        assert_protected(&r, k);
    }
}
