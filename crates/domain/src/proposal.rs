//! Proposals (ISSUE 6, item 4): a caseworker proposes a participant for an opening; the proposal
//! is then declined (by the participant or the company, or withdrawn) or started. Starting is a
//! timeline event — the `activity_started` that [`Opening::start`](crate::opening::Opening::start)
//! makes, with the id [`Proposal::activity_id`] gives — so whether a proposal started, and what
//! came of it, is read from the timeline and never typed in twice: the activity's end, and
//! whether paid work at the same company followed ([`converted_to`], the one rule of conversion
//! the company report uses too). A start that is voided in the timeline never happened, and the
//! proposal is waiting again. So "proposed → started → outcome" can be counted, and the score
//! checked against it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::company_report::converted_to;
use crate::enums::{ActivityKind, EndReason, codes};
use crate::timeline::{Activity, EnrolmentTimeline};

codes!(
    /// What came of a proposal on a day, read from the timeline: `waiting` (nothing decided),
    /// `declined`, `ongoing` (started, not ended), `converted` (an internship followed by paid
    /// hours, a job or a wage subsidy at the same company), `completed` (ended as planned, no
    /// paid work there yet), `ended_early` (dropped out or another reason).
    Outcome {
        Waiting = "waiting",
        Declined = "declined",
        Ongoing = "ongoing",
        Converted = "converted",
        Completed = "completed",
        EndedEarly = "ended_early",
    }
);

impl Outcome {
    /// Whether the proposal started (whatever came of it since).
    pub fn started(self) -> bool {
        !matches!(self, Outcome::Waiting | Outcome::Declined)
    }
}

/// A proposal as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    pub opening: String,
    pub enrolment: String,
    pub proposed_on: NaiveDate,
    /// The score when proposed, in tenths of a point: kept, so the score's worth can be checked
    /// against what came of it even after profiles change.
    pub score_tenths: u32,
    /// When it was declined or withdrawn, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declined_on: Option<NaiveDate>,
}

impl Proposal {
    /// The id of the activity that starts this proposal on `start`. The date is in it so that a
    /// start voided in the timeline can be made again on another day.
    pub fn activity_id(&self, start: NaiveDate) -> String {
        format!("{}-{start}", self.id)
    }

    /// The activity this proposal started, if the timeline has it (voids applied).
    pub fn started<'t>(&self, timeline: Option<&'t EnrolmentTimeline>) -> Option<&'t Activity> {
        let prefix = format!("{}-", self.id);
        timeline?.activities.iter().find(|a| {
            a.id.strip_prefix(&prefix)
                .is_some_and(|d| d.parse::<NaiveDate>().is_ok())
        })
    }

    /// What came of the proposal as known on `on`, given its enrolment's timeline (`None` when
    /// the enrolment was voided).
    pub fn outcome(&self, timeline: Option<&EnrolmentTimeline>, on: NaiveDate) -> Outcome {
        let started = timeline
            .zip(self.started(timeline))
            .filter(|(_, a)| a.start <= on);
        let Some((t, activity)) = started else {
            return match self.declined_on {
                Some(d) if d <= on => Outcome::Declined,
                _ => Outcome::Waiting,
            };
        };
        if activity.kind == ActivityKind::Internship && converted_to(t, activity, on).is_some() {
            return Outcome::Converted;
        }
        let ended = activity.ends.iter().find(|(end, _)| *end < on);
        match ended {
            None => Outcome::Ongoing,
            Some((_, Some(EndReason::Completed | EndReason::Converted))) => Outcome::Completed,
            Some(_) => Outcome::EndedEarly,
        }
    }
}

/// Proposals counted by what came of them: the matching funnel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Funnel {
    pub proposed: u64,
    pub waiting: u64,
    pub declined: u64,
    /// Every proposal that started (ongoing, converted, completed, ended early).
    pub started: u64,
    pub ongoing: u64,
    pub converted: u64,
    pub completed: u64,
    pub ended_early: u64,
}

impl Funnel {
    /// Counts outcomes.
    pub fn of(outcomes: impl IntoIterator<Item = Outcome>) -> Funnel {
        let mut f = Funnel::default();
        for o in outcomes {
            let cell = match o {
                Outcome::Waiting => &mut f.waiting,
                Outcome::Declined => &mut f.declined,
                Outcome::Ongoing => &mut f.ongoing,
                Outcome::Converted => &mut f.converted,
                Outcome::Completed => &mut f.completed,
                Outcome::EndedEarly => &mut f.ended_early,
            };
            *cell += 1;
            f.proposed += 1;
        }
        f.started = f.ongoing + f.converted + f.completed + f.ended_early;
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Event, Record, parse_line};

    fn timeline(lines: &[&str]) -> EnrolmentTimeline {
        let events: Vec<Event> = lines
            .iter()
            .map(|l| match parse_line(l).unwrap() {
                Some(Record::Event(e)) => e,
                other => panic!("not an event: {other:?}"),
            })
            .collect();
        EnrolmentTimeline::from_events(events).unwrap()
    }

    const REFERRED: &str =
        r#"{"type":"referred","id":"e1","programme":"p","person":"x","date":"2024-01-02"}"#;
    const INTERNSHIP: &str = r#"{"type":"activity_started","id":"p1-2024-02-01","enrolment":"e1","date":"2024-02-01","kind":"internship","company":"c1"}"#;

    fn started() -> Proposal {
        Proposal {
            id: "p1".into(),
            opening: "o1".into(),
            enrolment: "e1".into(),
            proposed_on: "2024-01-20".parse().unwrap(),
            score_tenths: 800,
            declined_on: None,
        }
    }

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn an_internship_followed_by_paid_hours_at_the_company_is_converted() {
        let job = r#"{"type":"activity_started","id":"a2","enrolment":"e1","date":"2024-03-01","kind":"job","company":"c1","hours_per_week":10}"#;
        let t = timeline(&[REFERRED, INTERNSHIP, job]);
        let p = started();
        assert_eq!(p.outcome(Some(&t), day("2024-02-15")), Outcome::Ongoing);
        assert_eq!(p.outcome(Some(&t), day("2024-03-01")), Outcome::Converted);
    }

    #[test]
    fn an_internship_ended_without_paid_work_is_completed_or_ended_early_by_its_reason() {
        let end = |reason: &str| {
            format!(
                r#"{{"type":"activity_ended","id":"x","activity":"p1-2024-02-01","date":"2024-02-28","reason":"{reason}"}}"#
            )
        };
        let done = timeline(&[REFERRED, INTERNSHIP, &end("completed")]);
        let dropped = timeline(&[REFERRED, INTERNSHIP, &end("dropped_out")]);
        let p = started();
        assert_eq!(p.outcome(Some(&done), day("2024-02-28")), Outcome::Ongoing);
        assert_eq!(
            p.outcome(Some(&done), day("2024-03-01")),
            Outcome::Completed
        );
        assert_eq!(
            p.outcome(Some(&dropped), day("2024-03-01")),
            Outcome::EndedEarly
        );
    }

    #[test]
    fn a_start_voided_in_the_timeline_never_happened_and_the_proposal_waits_again() {
        let void = r#"{"type":"void","id":"v1","record_type":"activity_started","record":"p1-2024-02-01","date":"2024-02-02"}"#;
        let t = timeline(&[REFERRED, INTERNSHIP, void]);
        let p = started();
        assert_eq!(p.outcome(Some(&t), day("2024-03-01")), Outcome::Waiting);
        assert_eq!(p.activity_id(day("2024-03-04")), "p1-2024-03-04");
    }

    #[test]
    fn a_declined_proposal_is_declined_from_that_day() {
        let t = timeline(&[REFERRED]);
        let p = Proposal {
            declined_on: Some(day("2024-01-25")),
            ..started()
        };
        assert_eq!(p.outcome(Some(&t), day("2024-01-24")), Outcome::Waiting);
        assert_eq!(p.outcome(Some(&t), day("2024-01-25")), Outcome::Declined);
    }

    #[test]
    fn a_proposal_has_not_started_before_its_activity_starts() {
        let t = timeline(&[REFERRED, INTERNSHIP]);
        assert_eq!(
            started().outcome(Some(&t), day("2024-01-31")),
            Outcome::Waiting
        );
        assert!(Outcome::Ongoing.started() && !Outcome::Declined.started());
    }

    #[test]
    fn the_funnel_counts_each_outcome_once_and_starts_as_their_sum() {
        let f = Funnel::of([
            Outcome::Waiting,
            Outcome::Declined,
            Outcome::Ongoing,
            Outcome::Converted,
            Outcome::Converted,
            Outcome::Completed,
            Outcome::EndedEarly,
        ]);
        assert_eq!((f.proposed, f.started, f.converted), (7, 5, 2));
        assert_eq!(
            f.waiting + f.declined + f.started,
            f.proposed,
            "every proposal is in one place"
        );
    }
}

/// The score bands the matching report splits proposals by, in whole points: whether a higher
/// score when proposed went with more starts and more paid work is the score's test.
pub const SCORE_BANDS: [(u32, u32); 3] = [(0, 49), (50, 74), (75, 100)];

/// The matching report of a programme on a day: every proposal of its enrolments made by then,
/// by what came of it, in all and by the score when proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchingReport {
    pub programme: String,
    pub as_of: NaiveDate,
    pub total: Funnel,
    /// One funnel per [`SCORE_BANDS`] entry: `(first point, last point, funnel)`.
    pub by_score: Vec<(u32, u32, Funnel)>,
}

impl MatchingReport {
    /// The report of `proposals` (each with what came of it on `as_of`); proposals made after
    /// `as_of` are left out.
    pub fn of(
        programme: &str,
        as_of: NaiveDate,
        proposals: &[(&Proposal, Outcome)],
    ) -> MatchingReport {
        let made: Vec<&(&Proposal, Outcome)> = proposals
            .iter()
            .filter(|(p, _)| p.proposed_on <= as_of)
            .collect();
        let points = |p: &Proposal| (p.score_tenths + 5) / 10;
        let by_score = SCORE_BANDS
            .iter()
            .map(|&(lo, hi)| {
                let band = made
                    .iter()
                    .filter(|(p, _)| (lo..=hi).contains(&points(p)))
                    .map(|(_, o)| *o);
                (lo, hi, Funnel::of(band))
            })
            .collect();
        MatchingReport {
            programme: programme.to_owned(),
            as_of,
            total: Funnel::of(made.iter().map(|(_, o)| *o)),
            by_score,
        }
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    fn proposed(on: &str, score_tenths: u32) -> Proposal {
        Proposal {
            id: format!("p{score_tenths}"),
            opening: "o".into(),
            enrolment: "e".into(),
            proposed_on: on.parse().unwrap(),
            score_tenths,
            declined_on: None,
        }
    }

    #[test]
    fn the_report_counts_proposals_made_by_the_day_in_all_and_by_score_band() {
        let (a, b, c, late) = (
            proposed("2024-01-01", 904),
            proposed("2024-01-01", 496),
            proposed("2024-01-02", 745),
            proposed("2024-03-01", 1000),
        );
        let list = [
            (&a, Outcome::Converted),
            (&b, Outcome::Declined),
            (&c, Outcome::Ongoing),
            (&late, Outcome::Waiting),
        ];
        let r = MatchingReport::of("p", "2024-02-01".parse().unwrap(), &list);
        assert_eq!(
            (r.total.proposed, r.total.started, r.total.converted),
            (3, 2, 1)
        );
        // 49.6 rounds to 50 and 74.5 to 75: bands are in whole points as the lists show them.
        assert_eq!(r.by_score[0].2.proposed, 0);
        assert_eq!(r.by_score[1].2.declined, 1);
        assert_eq!(r.by_score[2].2.proposed, 2);
        assert_eq!(r.by_score[2].2.converted, 1);
    }
}
