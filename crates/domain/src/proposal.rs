//! Proposals (ISSUE 6, item 4): a caseworker proposes a participant for an opening; the proposal
//! is then declined (by the participant or the company, or withdrawn) or started. Starting is a
//! timeline event — the `activity_started` that [`Opening::start`](crate::opening::Opening::start)
//! makes — and the proposal keeps its activity id. What came of a started proposal is read from
//! the timeline, never typed in twice: the activity's end, and whether paid work at the same
//! company followed ([`converted_to`], the one rule of conversion the company report uses too).
//! So "proposed → started → outcome" can be counted, and the score checked against it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::company_report::converted_to;
use crate::enums::{ActivityKind, EndReason, codes};
use crate::timeline::EnrolmentTimeline;

codes!(
    /// Where a proposal stands, as recorded.
    ProposalState {
        Proposed = "proposed",
        Declined = "declined",
        Started = "started",
    }
);

codes!(
    /// What came of a proposal on a day, read from the timeline: `waiting` (nothing decided),
    /// `declined`, `ongoing` (started, not ended), `converted` (an internship followed by paid
    /// hours, a job or a wage subsidy at the same company), `completed` (ended as planned, no
    /// paid work there yet), `ended_early` (dropped out or another reason), `voided` (the start
    /// was voided in the timeline: it never happened).
    Outcome {
        Waiting = "waiting",
        Declined = "declined",
        Ongoing = "ongoing",
        Converted = "converted",
        Completed = "completed",
        EndedEarly = "ended_early",
        Voided = "voided",
    }
);

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
    pub state: ProposalState,
    /// When it was declined or started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<NaiveDate>,
    /// The activity id of the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

impl Proposal {
    /// What came of the proposal as known on `on`, given its enrolment's timeline (`None` when
    /// the enrolment was voided).
    pub fn outcome(&self, timeline: Option<&EnrolmentTimeline>, on: NaiveDate) -> Outcome {
        match self.state {
            ProposalState::Proposed => return Outcome::Waiting,
            ProposalState::Declined => return Outcome::Declined,
            ProposalState::Started => {}
        }
        let activity = timeline
            .zip(self.activity.as_deref())
            .and_then(|(t, id)| t.activities.iter().find(|a| a.id == id).map(|a| (t, a)));
        let Some((t, activity)) = activity else {
            return Outcome::Voided;
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
    /// Counts outcomes; voided starts count as never proposed.
    pub fn of(outcomes: impl IntoIterator<Item = Outcome>) -> Funnel {
        let mut f = Funnel::default();
        for o in outcomes {
            let cell = match o {
                Outcome::Voided => continue,
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
    const INTERNSHIP: &str = r#"{"type":"activity_started","id":"a1","enrolment":"e1","date":"2024-02-01","kind":"internship","company":"c1"}"#;

    fn started() -> Proposal {
        Proposal {
            id: "p1".into(),
            opening: "o1".into(),
            enrolment: "e1".into(),
            proposed_on: "2024-01-20".parse().unwrap(),
            score_tenths: 800,
            state: ProposalState::Started,
            decided_on: Some("2024-02-01".parse().unwrap()),
            activity: Some("a1".into()),
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
                r#"{{"type":"activity_ended","id":"x","activity":"a1","date":"2024-02-28","reason":"{reason}"}}"#
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
    fn a_start_whose_activity_was_voided_never_happened() {
        let void = r#"{"type":"void","id":"v1","record_type":"activity_started","record":"a1","date":"2024-02-02"}"#;
        let t = timeline(&[REFERRED, INTERNSHIP, void]);
        assert_eq!(
            started().outcome(Some(&t), day("2024-03-01")),
            Outcome::Voided
        );
        let funnel = Funnel::of([Outcome::Voided, Outcome::Waiting, Outcome::Converted]);
        assert_eq!(funnel.proposed, 2);
        assert_eq!(funnel.started, 1);
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
