#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use serde_json::Value;

use super::*;
use crate::series::FunnelBuilder;
use crate::suppression::attack;
use crate::testkit::{Enrolment, KIB, KIB_ARGS, d, fixture_timelines};

fn report_of(enrolments: &[Enrolment], as_of: &str, suppress: Option<u64>) -> CohortReport {
    let mut b = CohortBuilder::new("kib", d(as_of), Rules::default());
    for e in enrolments {
        b.add(&e.timeline());
    }
    b.finish(suppress)
}

fn counts(c: &Cohort) -> [u64; 5] {
    c.counts.0.map(|n| n.unwrap())
}

#[test]
fn the_lower_median_is_the_middle_value_or_the_lower_of_the_two_middle_ones() {
    assert_eq!(lower_median(&mut []), None);
    assert_eq!(lower_median(&mut [7]), Some(7));
    assert_eq!(lower_median(&mut [9, 1, 5]), Some(5));
    assert_eq!(lower_median(&mut [4, 1, 3, 2]), Some(2));
}

#[test]
fn quarters_are_named_by_year_and_number() {
    assert_eq!(quarter_of(d("2024-01-01")), "2024-Q1");
    assert_eq!(quarter_of(d("2024-06-30")), "2024-Q2");
    assert_eq!(quarter_of(d("2023-10-01")), "2023-Q4");
}

#[test]
fn each_quarter_counts_its_referrals_stages_and_the_median_days_between_them() {
    let enrolments = [
        // 5 days to acceptance, 22 to an internship (also the first activity), 29 to a job.
        Enrolment::referred_as("e1", "2024-01-05")
            .accepted("2024-01-10")
            .activity("i1", "2024-02-01", "internship")
            .job("j1", "2024-03-01", 37.0),
        // 7 days, 12 to language school, 19 more to an internship.
        Enrolment::referred_as("e2", "2024-02-01")
            .accepted("2024-02-08")
            .activity("l2", "2024-02-20", "language_school")
            .activity("i2", "2024-03-10", "internship"),
        // 1 day, then nothing.
        Enrolment::referred_as("e3", "2024-03-20").accepted("2024-03-21"),
        // Q2, waiting.
        Enrolment::referred_as("e4", "2024-04-02"),
    ];
    let r = report_of(&enrolments, "2024-06-30", None);
    assert_eq!(
        r.cohorts
            .iter()
            .map(|c| c.quarter.as_str())
            .collect::<Vec<_>>(),
        ["2024-Q1", "2024-Q2"]
    );
    let q1 = &r.cohorts[0];
    assert_eq!(counts(q1), [3, 3, 2, 2, 1]);
    // Medians of [5, 7, 1], [22, 12] (even: the lower), [0, 19] and [29].
    assert_eq!(q1.median_days.0, [Some(5), Some(12), Some(0), Some(29)]);
    let q2 = &r.cohorts[1];
    assert_eq!(counts(q2), [1, 0, 0, 0, 0]);
    assert_eq!(q2.median_days.0, [None; 4], "nobody took a step");
    assert_eq!(counts(&r.total), [4, 3, 2, 2, 1]);
    assert_eq!(r.total.median_days, q1.median_days);
    assert_eq!(r.total.quarter, "total");
}

#[test]
fn only_what_had_happened_by_the_day_counts() {
    let e = Enrolment::referred_as("e1", "2024-03-30")
        .accepted("2024-04-02")
        .activity("i", "2024-05-01", "internship");
    let r = report_of(std::slice::from_ref(&e), "2024-04-15", None);
    assert_eq!(counts(&r.cohorts[0]), [1, 1, 0, 0, 0]);
    assert_eq!(
        r.cohorts[0].quarter, "2024-Q1",
        "by referral, not acceptance"
    );
    assert!(report_of(&[e], "2024-03-29", None).cohorts.is_empty());
}

#[test]
fn a_stage_is_never_reached_before_the_one_before_it() {
    // The internship started before the acceptance: both reached on the acceptance day.
    let e = Enrolment::referred_as("e1", "2024-01-02")
        .activity("i", "2024-01-03", "internship")
        .accepted("2024-01-10");
    let r = report_of(&[e], "2024-02-01", None);
    assert_eq!(counts(&r.total), [1, 1, 1, 1, 0]);
    assert_eq!(r.total.median_days.0, [Some(8), Some(0), Some(0), None]);
}

#[test]
fn leaving_for_a_job_reaches_the_last_stage_on_the_day_of_leaving() {
    let e = Enrolment::accepted_as("e1", "2024-01-02")
        .activity("w", "2024-01-12", "wage_subsidy")
        .left("2024-02-11", "job");
    let r = report_of(&[e], "2024-06-30", None);
    assert_eq!(counts(&r.total), [1, 1, 1, 1, 1]);
    assert_eq!(
        r.total.median_days.0,
        [Some(0), Some(10), Some(0), Some(30)]
    );
}

/// `n` enrolments referred on `date`, each accepted the day after, `with_job` of them into a
/// job a week later.
fn cohort(prefix: &str, date: &str, n: usize, with_job: usize) -> Vec<Enrolment> {
    let day = d(date);
    (0..n)
        .map(|i| {
            let e = Enrolment::referred_as(&format!("{prefix}{i}"), date)
                .accepted(&(day + chrono::Days::new(1)).to_string());
            if i < with_job {
                e.job(
                    &format!("{prefix}j{i}"),
                    &(day + chrono::Days::new(8)).to_string(),
                    37.0,
                )
            } else {
                e
            }
        })
        .collect()
}

#[test]
fn suppression_hides_small_quarters_and_what_would_give_them_away_but_not_the_total() {
    let mut enrolments = cohort("a", "2024-01-10", 8, 6);
    enrolments.extend(cohort("b", "2024-04-10", 2, 1));
    enrolments.extend(cohort("c", "2024-07-10", 7, 0));
    let open = report_of(&enrolments, "2024-12-31", None);
    let r = report_of(&enrolments, "2024-12-31", Some(5));
    assert_eq!(r.suppressed_below, Some(5));
    assert_eq!(
        r.total, open.total,
        "the total row is the funnel, always shown"
    );
    let mut published = Vec::new();
    for (c, o) in r.cohorts.iter().zip(&open.cohorts) {
        for (shown, was) in c.counts.0.iter().zip(&o.counts.0) {
            if let Some(v) = shown {
                assert_eq!(Some(*v), *was, "a shown count is the true one");
                assert!(*v == 0 || *v >= 5, "{} shows {v}", c.quarter);
            }
            published.push(*shown);
        }
        for (i, (_, to)) in STEPS.iter().enumerate() {
            if c.median_days.0[i].is_some() {
                assert!(c.counts.get(*to).is_some_and(|n| n >= 5), "{}", c.quarter);
            }
        }
    }
    // Q2's two referrals are hidden, and so is another quarter's count of that stage.
    assert_eq!(r.cohorts[1].counts.get(FunnelStage::Referred), None);
    let constraints: Vec<Constraint> = FunnelStage::ALL
        .iter()
        .map(|s| Constraint {
            cells: (0..3).map(|q| q * 5 + *s as usize).collect(),
            total: Total::Published(open.total.counts.get(*s).unwrap()),
        })
        .collect();
    assert!(
        attack(&published, &constraints).iter().all(Option::is_none),
        "no hidden count can be worked out from the shown ones and the total"
    );
    // The first quarter's six jobs are shown, with their median; the second's one is not.
    assert_eq!(
        r.cohorts[0].counts.get(FunnelStage::JobOrEducation),
        Some(6)
    );
    assert_eq!(r.cohorts[0].median_days.0[3], Some(0));
    assert_eq!(r.cohorts[1].median_days.0, [None; 4]);
}

// --- the KIB fixture --------------------------------------------------------------------------

fn kib_report(as_of: NaiveDate) -> CohortReport {
    let programme = KIB_ARGS.split_whitespace().next().unwrap();
    let (_, timelines) = fixture_timelines(KIB);
    let mut b = CohortBuilder::new(programme, as_of, kib_rules());
    for t in &timelines {
        b.add(t);
    }
    b.finish(None)
}

fn kib_rules() -> Rules {
    let programme: Value = serde_json::from_str(KIB.lines().next().unwrap()).unwrap();
    match crate::records::Record::from_json(&programme).unwrap() {
        crate::records::Record::Entity(crate::records::Entity::Programme(p)) => p.rules.effective(),
        other => panic!("the fixture starts with its programme, not {other:?}"),
    }
}

fn kib_funnel(as_of: NaiveDate) -> [u64; 5] {
    let (_, timelines) = fixture_timelines(KIB);
    let mut f = FunnelBuilder::new("kib", as_of, kib_rules());
    for t in &timelines {
        f.add(t);
    }
    f.finish().stages().map(|(_, n)| n)
}

/// Days from referral to acceptance per referral quarter, read from the JSON lines alone: an
/// enrolment is accepted on `as_of` when it has an accepted intake by then and either has left
/// or its last intake decision is an acceptance (FORMAT.md §3).
fn referral_to_acceptance_by_hand(as_of: NaiveDate) -> HashMap<String, Vec<i64>> {
    let mut referred: HashMap<String, NaiveDate> = HashMap::new();
    let mut intakes: HashMap<String, Vec<(NaiveDate, String)>> = HashMap::new();
    let mut left: HashMap<String, NaiveDate> = HashMap::new();
    let date = |v: &Value| d(v["date"].as_str().unwrap());
    for line in KIB.lines().filter(|l| l.starts_with('{')) {
        let v: Value = serde_json::from_str(line).unwrap();
        if date_field(&v).is_none_or(|x| x > as_of) {
            continue;
        }
        let id = |f: &str| v[f].as_str().unwrap().to_owned();
        match v["type"].as_str().unwrap() {
            "referred" => {
                referred.insert(id("id"), date(&v));
            }
            "intake" => intakes
                .entry(id("enrolment"))
                .or_default()
                .push((date(&v), id("decision"))),
            "left" => {
                left.entry(id("enrolment")).or_insert(date(&v));
            }
            _ => {}
        }
    }
    let mut by_quarter: HashMap<String, Vec<i64>> = HashMap::new();
    for (e, r) in &referred {
        let mut list = intakes.get(e).cloned().unwrap_or_default();
        list.sort_by_key(|(x, _)| *x);
        let first = list
            .iter()
            .find(|(_, dec)| dec == "accepted")
            .map(|(x, _)| *x);
        let last_accepts = list.last().is_some_and(|(_, dec)| dec == "accepted");
        if let Some(a) = first
            && (left.contains_key(e) || last_accepts)
        {
            let days = (a - *r).num_days().max(0);
            by_quarter.entry(quarter_of(*r)).or_default().push(days);
            by_quarter.entry("total".into()).or_default().push(days);
        }
    }
    by_quarter
}

fn date_field(v: &Value) -> Option<NaiveDate> {
    v.get("date").and_then(Value::as_str).map(d)
}

#[test]
fn the_kib_cohorts_add_up_to_the_funnel_and_their_medians_match_the_fixture() {
    let published: NaiveDate = KIB_ARGS.split_whitespace().nth(1).unwrap().parse().unwrap();
    for as_of in [published, d("2022-06-30"), d("2023-03-31")] {
        let r = kib_report(as_of);
        assert!(r.cohorts.len() > 4, "{as_of}: {} quarters", r.cohorts.len());
        let mut sum = [0u64; 5];
        for c in &r.cohorts {
            let n = counts(c);
            assert!(n.windows(2).all(|w| w[1] <= w[0]), "{} {n:?}", c.quarter);
            for (s, x) in sum.iter_mut().zip(n) {
                *s += x;
            }
        }
        assert_eq!(
            sum,
            counts(&r.total),
            "{as_of}: the quarters add up to the total"
        );
        assert_eq!(
            counts(&r.total),
            kib_funnel(as_of),
            "{as_of}: the total is the funnel"
        );
        assert!(
            counts(&r.total)[4] > 0,
            "{as_of}: somebody got a job or education"
        );

        let mut by_hand = referral_to_acceptance_by_hand(as_of);
        for c in r.cohorts.iter().chain(std::iter::once(&r.total)) {
            let want = by_hand.get_mut(&c.quarter).and_then(|v| lower_median(v));
            assert_eq!(c.median_days.0[0], want, "{as_of} {}", c.quarter);
        }
    }
}
