//! The ranking follows each factor: two participants who differ in one thing only are ranked by
//! that thing, and making any one thing fit better never lowers a score.

use proptest::prelude::*;

use super::*;
use crate::enums::DanishLevel;
use crate::occupation::Isco;
use crate::opening::OpeningKind;
use crate::profile::Experience;

fn isco(code: &str) -> Isco {
    Isco::parse(code).unwrap()
}

/// An internship as a cook in Helsingør, 25 hours, A2 Danish, a driving licence needed.
fn cook_internship() -> Opening {
    Opening {
        id: "o1".into(),
        company: "c1".into(),
        kind: OpeningKind::Internship,
        occupation: isco("5120"),
        title: None,
        hours_per_week: 25,
        start: "2024-03-01".parse().unwrap(),
        planned_end: None,
        danish_level: Some(DanishLevel::A2),
        driving_licence: true,
        area: Some("Helsingør".into()),
        places: 1,
        closed: false,
    }
}

/// Someone who fits the cook internship in every way.
fn perfect() -> Profile {
    Profile {
        wished: vec![isco("5120")],
        experience: vec![Experience {
            occupation: isco("5120"),
            years: 3,
            country: None,
        }],
        education: None,
        danish_level: Some(DanishLevel::B1),
        hours_available: Some(30),
        driving_licence: true,
        area: Some(" helsingør ".into()),
    }
}

/// `better` and `worse` scored against the cook internship and ranked: `better` must come first,
/// by the one factor `kind`, and every other factor must be equal.
fn ranks_first(kind: FactorKind, better: Profile, worse: Profile) {
    let o = cook_internship();
    let (sb, sw) = (score(&o, &better), score(&o, &worse));
    for (fb, fw) in sb.factors.iter().zip(&sw.factors) {
        if fb.kind == kind {
            assert!(fb.fit > fw.fit, "{kind}: {fb:?} vs {fw:?}");
        } else {
            assert_eq!(fb.fit, fw.fit, "{}: only {kind} may differ", fb.kind);
        }
    }
    // `worse` is listed first in the input, with the smaller id: only the score can lift `better`.
    let ranked = rank(vec![("a-worse", sw), ("b-better", sb)], |id| *id);
    assert_eq!(ranked[0].item, "b-better", "{kind}");
    assert_eq!(ranked[0].rank, 1);
}

#[test]
fn a_wished_occupation_ranks_first_then_its_sub_major_group_then_its_major_group() {
    let with = |code: &str| Profile {
        wished: vec![isco(code)],
        ..perfect()
    };
    ranks_first(FactorKind::Occupation, with("5120"), with("5131"));
    // 5131 Waiters share the sub-major group (51, personal service workers) with 5120 Cooks.
    ranks_first(FactorKind::Occupation, with("5131"), with("5223"));
    // 5223 Shop sales assistants share the major group (5, service and sales workers) with
    // 5120 Cooks; 9412 Kitchen helpers share no digit: elementary work is further away.
    ranks_first(FactorKind::Occupation, with("5223"), with("9412"));
}

#[test]
fn experience_in_the_occupation_ranks_first_and_more_years_rank_higher() {
    let worked = |code: &str, years: u8| Profile {
        experience: vec![Experience {
            occupation: isco(code),
            years,
            country: None,
        }],
        ..perfect()
    };
    ranks_first(FactorKind::Experience, worked("5120", 2), worked("5120", 1));
    ranks_first(FactorKind::Experience, worked("5120", 1), worked("5120", 0));
    ranks_first(
        FactorKind::Experience,
        worked("5120", 0),
        worked("5131", 10),
    );
    ranks_first(
        FactorKind::Experience,
        worked("5131", 10),
        worked("9412", 10),
    );
}

#[test]
fn enough_danish_ranks_above_a_step_short_above_more_than_a_step_short() {
    let speaks = |level: Option<DanishLevel>| Profile {
        danish_level: level,
        ..perfect()
    };
    ranks_first(
        FactorKind::Danish,
        speaks(Some(DanishLevel::A2)),
        speaks(Some(DanishLevel::A1)),
    );
    ranks_first(
        FactorKind::Danish,
        speaks(Some(DanishLevel::A1)),
        speaks(Some(DanishLevel::None)),
    );
    ranks_first(
        FactorKind::Danish,
        speaks(Some(DanishLevel::A1)),
        speaks(None),
    );
}

#[test]
fn enough_hours_rank_above_fewer_and_more_hours_above_fewer_still() {
    let can = |h: Option<u8>| Profile {
        hours_available: h,
        ..perfect()
    };
    ranks_first(FactorKind::Hours, can(Some(25)), can(Some(20)));
    ranks_first(FactorKind::Hours, can(Some(20)), can(Some(10)));
    ranks_first(FactorKind::Hours, can(Some(25)), can(None));
}

#[test]
fn the_same_area_ranks_above_an_unknown_one_above_another() {
    let lives = |a: Option<&str>| Profile {
        area: a.map(str::to_owned),
        ..perfect()
    };
    ranks_first(FactorKind::Area, lives(Some("HELSINGØR")), lives(None));
    ranks_first(FactorKind::Area, lives(None), lives(Some("Hillerød")));
}

#[test]
fn a_driving_licence_ranks_first_when_the_opening_needs_one() {
    let licence = |has: bool| Profile {
        driving_licence: has,
        ..perfect()
    };
    ranks_first(FactorKind::DrivingLicence, licence(true), licence(false));
}

#[test]
fn the_weights_sum_to_a_hundred_and_a_perfect_fit_scores_them_all() {
    assert_eq!(WEIGHTS.iter().map(|(_, w)| w).sum::<u32>(), 100);
    let s = score(&cook_internship(), &perfect());
    assert_eq!(s.tenths, 1000);
    assert_eq!(s.points(), 100);
    assert!(s.factors.iter().all(|f| f.fit == 100), "{s:?}");
}

#[test]
fn each_factor_says_why() {
    let s = score(
        &cook_internship(),
        &Profile {
            danish_level: Some(DanishLevel::A1),
            hours_available: Some(20),
            ..perfect()
        },
    );
    let reason = |k: FactorKind| {
        s.factors
            .iter()
            .find(|f| f.kind == k)
            .unwrap()
            .reason
            .clone()
    };
    assert_eq!(
        reason(FactorKind::Danish),
        Reason::DanishOneBelow {
            has: DanishLevel::A1,
            needs: DanishLevel::A2
        }
    );
    assert_eq!(
        reason(FactorKind::Hours),
        Reason::HoursFewer { has: 20, needs: 25 }
    );
    let json = serde_json::to_value(&s.factors[2]).unwrap();
    assert_eq!(json["reason"]["code"], "danish_one_below");
    assert_eq!(json["weight"], 15);
    assert_eq!(json["fit"], 50);
}

#[test]
fn nobody_in_a_job_or_education_may_be_proposed() {
    assert!(!may_be_proposed(None));
    for s in Situation::ALL {
        assert_eq!(may_be_proposed(Some(*s)), !s.is_aftercare(), "{s}");
    }
    assert!(may_be_proposed(Some(Situation::Internship)));
    assert!(!may_be_proposed(Some(Situation::JobPartTime)));
}

fn any_profile() -> impl Strategy<Value = Profile> {
    let codes = ["5120", "5223", "9412", "9112", "5311", "7115"];
    let code = proptest::sample::select(codes.to_vec()).prop_map(isco);
    let level = proptest::option::of(proptest::sample::select(DanishLevel::ALL.to_vec()));
    (
        proptest::collection::vec(code.clone(), 0..3),
        proptest::collection::vec((code, 0u8..8), 0..3),
        level,
        proptest::option::of(1u8..=48),
        any::<bool>(),
        proptest::option::of(proptest::sample::select(vec!["Helsingør", "Hillerød"])),
    )
        .prop_map(
            |(wished, exp, danish_level, hours, licence, area)| Profile {
                wished,
                experience: exp
                    .into_iter()
                    .map(|(occupation, years)| Experience {
                        occupation,
                        years,
                        country: None,
                    })
                    .collect(),
                education: None,
                danish_level,
                hours_available: hours,
                driving_licence: licence,
                area: area.map(str::to_owned),
            },
        )
}

proptest! {
    #[test]
    fn fitting_any_one_factor_perfectly_never_lowers_the_score(p in any_profile()) {
        let o = cook_internship();
        let before = score(&o, &p);
        let best = perfect();
        let improved = [
            Profile { wished: best.wished.clone(), ..p.clone() },
            Profile { experience: best.experience.clone(), ..p.clone() },
            Profile { danish_level: best.danish_level, ..p.clone() },
            Profile { hours_available: best.hours_available, ..p.clone() },
            Profile { area: best.area.clone(), ..p.clone() },
            Profile { driving_licence: true, ..p.clone() },
        ];
        for q in improved {
            let after = score(&o, &q);
            prop_assert!(after.tenths >= before.tenths, "{p:?} → {q:?}");
        }
        prop_assert_eq!(before.tenths, before.factors.iter().map(|f| f.tenths).sum::<u32>());
        prop_assert!(before.tenths <= 1000);
    }
}
