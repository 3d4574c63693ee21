//! Properties over random programmes: the figures always add up, suppression only hides.

use super::*;

use proptest::prelude::*;

use crate::enums::{ActivityKind, Decision};
use crate::testkit::{day, decision};

#[derive(Debug, Clone)]
struct Spec {
    referred: u32,
    intakes: Vec<(u32, Decision)>,
    activities: Vec<(u32, ActivityKind, Option<u8>, Option<u32>)>,
    left: Option<(u32, LeaveReason)>,
    follow_up: Option<(u32, u32, FollowUpStatus)>,
    gender: Option<Gender>,
    age: Option<u32>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let activity = (
        0u32..200,
        proptest::sample::select(ActivityKind::ALL.to_vec()),
        proptest::option::of(0u8..=45),
        proptest::option::of(0u32..150),
    );
    (
        0u32..100,
        proptest::collection::vec((0u32..150, decision()), 0..3),
        proptest::collection::vec(activity, 0..4),
        proptest::option::of((
            0u32..250,
            proptest::sample::select(LeaveReason::ALL.to_vec()),
        )),
        proptest::option::of((
            0u32..400,
            proptest::sample::select(vec![3u32, 6, 12]),
            proptest::sample::select(FollowUpStatus::ALL.to_vec()),
        )),
        proptest::option::of(proptest::sample::select(Gender::ALL.to_vec())),
        proptest::option::of(16u32..70),
    )
        .prop_map(
            |(referred, intakes, activities, left, follow_up, gender, age)| Spec {
                referred,
                intakes,
                activities,
                left,
                follow_up,
                gender,
                age,
            },
        )
}

fn enrolment(i: usize, s: &Spec) -> Enrolment {
    let r = s.referred;
    let id = format!("e{i}");
    let mut e = Enrolment::referred_as(&id, &day(r));
    for (at, decision) in &s.intakes {
        e = e.intake(&day(r + at), decision.as_str());
    }
    for (j, (start, kind, hours, end)) in s.activities.iter().enumerate() {
        let activity = format!("{id}-a{j}");
        e = e.activity(&activity, &day(r + start), kind.as_str());
        if let Some(h) = hours {
            e = e.with("hours_per_week", *h);
        }
        if let Some(len) = end {
            e = e.ended(&activity, &day(r + start + len));
        }
    }
    if let Some((at, reason)) = s.left {
        e = e.left(&day(r + at), reason.as_str());
    }
    if let Some((at, months, status)) = s.follow_up {
        e = e.follow_up(&day(r + at), months, status.as_str());
    }
    e.who(Attributes {
        gender: s.gender,
        birth: s
            .age
            .map(|a| Birth::Year(2024 - i32::try_from(a).unwrap_or(30))),
        ..Attributes::default()
    })
}

fn sum(values: &[u64]) -> u64 {
    values.iter().sum()
}

fn sum_counts(values: &[Count]) -> u64 {
    values.iter().map(|c| c.unwrap_or(0)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_report_s_figures_always_add_up(
        specs in proptest::collection::vec(spec(), 0..12),
        as_of in 0u32..400,
        follow_up_months in proptest::sample::subsequence(vec![3u32, 6, 12], 1..=3),
    ) {
        let all: Vec<Enrolment> = specs.iter().enumerate().map(|(i, s)| enrolment(i, s)).collect();
        let as_of = day(as_of);
        let mut report = Report::on(&as_of);
        report.rules.follow_up_months = follow_up_months;
        let r = report.of(&all);

        let referred = specs.iter().filter(|s| day(s.referred) <= as_of).count();
        prop_assert_eq!(r.referred, u64::try_from(referred).unwrap_or(0));
        prop_assert_eq!(r.waiting + r.declined + r.accepted, r.referred);
        prop_assert_eq!(r.active + r.ended, r.accepted);
        prop_assert_eq!(sum(&r.situation.0), r.active);
        prop_assert_eq!(sum(&r.best_outcome.0), r.accepted);
        prop_assert_eq!(r.left_reasons.iter().map(|(_, n)| n).sum::<u64>(), r.ended);
        for (_, f) in &r.follow_up {
            prop_assert_eq!(f.retained + f.not_retained + f.unknown, f.due);
            prop_assert!(f.due <= r.ended);
        }
        let b = &r.breakdown;
        for groups in [&b.gender, &b.benefit, &b.age_band, &b.origin_country] {
            let accepted: Vec<Count> = groups.0.iter().map(|(_, g)| g.accepted).collect();
            let active: Vec<Count> = groups.0.iter().map(|(_, g)| g.active).collect();
            prop_assert_eq!(sum_counts(&accepted), r.accepted);
            prop_assert_eq!(sum_counts(&active), r.active);
            for (_, g) in &groups.0 {
                prop_assert!(g.accepted.unwrap_or(0) > 0);
                prop_assert_eq!(sum_counts(&g.situation.0), g.active.unwrap_or(0));
                prop_assert_eq!(sum_counts(&g.best_outcome.0), g.accepted.unwrap_or(0));
            }
        }
    }

    #[test]
    fn suppression_hides_every_small_count_changes_none_and_gives_none_away(
        specs in proptest::collection::vec(spec(), 0..12),
        as_of in 0u32..400,
        k in 1u64..5,
    ) {
        let all: Vec<Enrolment> = specs.iter().enumerate().map(|(i, s)| enrolment(i, s)).collect();
        let as_of = day(as_of);
        let shown = Report::on(&as_of).of(&all);
        let mut report = Report::on(&as_of);
        report.suppress = Some(k);
        let hidden = report.of(&all);
        prop_assert_eq!(
            (hidden.referred, hidden.accepted, &hidden.situation),
            (shown.referred, shown.accepted, &shown.situation)
        );
        let flat = |b: &Breakdown| -> Vec<Count> {
            [&b.gender, &b.benefit, &b.age_band, &b.origin_country]
                .iter()
                .flat_map(|groups| groups.0.iter())
                .flat_map(|(_, g)| {
                    [g.active, g.accepted]
                        .into_iter()
                        .chain(g.situation.0)
                        .chain(g.best_outcome.0)
                })
                .collect()
        };
        for (before, after) in flat(&shown.breakdown).into_iter().zip(flat(&hidden.breakdown)) {
            let n = before.unwrap_or(0);
            if n > 0 && n < k {
                prop_assert_eq!(after, None);
            } else if after.is_some() {
                prop_assert_eq!(after, before);
            }
        }
        for t in crate::suppression::breakdown_tables(&hidden) {
            let fixed = crate::suppression::entailed(t.cells.len(), &t.constraints);
            let found = crate::suppression::attack(&t.cells, &t.constraints);
            for (c, v) in found.iter().enumerate() {
                prop_assert!(v.is_none() || fixed[c], "{} cell {} is {:?}", t.attribute, c, v);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The national all-programmes report reads packed status digests instead of events: it
    /// must give exactly the figures the timelines give, on any day.
    #[test]
    fn a_report_read_from_status_digests_is_the_report_read_from_timelines(
        specs in proptest::collection::vec(spec(), 0..12),
        as_of in 0u32..400,
    ) {
        let all: Vec<Enrolment> = specs.iter().enumerate().map(|(i, s)| enrolment(i, s)).collect();
        let as_of = day(as_of);
        let report = Report::on(&as_of);
        let expected = report.of(&all);

        let mut chunk = crate::digest::ChunkWriter::default();
        for (key, e) in all.iter().enumerate() {
            chunk.add(i64::try_from(key).unwrap_or(0), &e.timeline(), &e.person);
        }
        let bytes = chunk.finish();
        let mut builder = StatusReportBuilder::new("kib", d(&as_of), report.rules.clone(), Vec::new());
        let mut reader = crate::digest::Chunk::read(&bytes).unwrap();
        let mut t = EnrolmentTimeline::default();
        let mut person = Attributes::default();
        let mut keys = Vec::new();
        while let Some(entry) = reader.next_entry().unwrap() {
            keys.push(entry.key);
            entry.decode(&mut t, &mut person).unwrap();
            builder.add(&t, &person);
        }
        prop_assert_eq!(keys, (0..all.len()).map(|k| i64::try_from(k).unwrap_or(0)).collect::<Vec<_>>());
        prop_assert_eq!(builder.finish(None), expected);
    }
}
