//! Which recorded events a `void` cancels, for showing a whole history with the cancelled ones
//! marked (a person's data export): the event a void names, every event of an enrolment whose
//! `referred` is voided, and the extensions and end of a voided `activity_started`.
//!
//! This is FORMAT.md §2's rule as `EnrolmentTimeline::from_events` applies it; the test below
//! checks that the two agree. It never decides a status: that is the timeline's job.

use std::collections::HashSet;

use super::Event;
use crate::enums::RecordType;

/// For each event of one enrolment (in any order), whether a void cancels it. A void itself is
/// never cancelled: it is the correction, and stays in the history.
pub fn voided_events(events: &[Event]) -> Vec<bool> {
    let named: HashSet<(RecordType, &str)> = events
        .iter()
        .filter_map(|e| match e {
            Event::Void(v) => Some((v.record_type, v.record.as_str())),
            _ => None,
        })
        .collect();
    let is_named = |ty: RecordType, id: &str| named.contains(&(ty, id));
    let enrolment_voided = events
        .iter()
        .any(|e| matches!(e, Event::Referred(r) if is_named(RecordType::Referred, &r.id)));
    events
        .iter()
        .map(|e| match e {
            Event::Void(_) => false,
            _ if enrolment_voided => true,
            Event::ActivityExtended(x) => {
                is_named(RecordType::ActivityExtended, &x.id)
                    || is_named(RecordType::ActivityStarted, &x.activity)
            }
            Event::ActivityEnded(x) => {
                is_named(RecordType::ActivityEnded, &x.id)
                    || is_named(RecordType::ActivityStarted, &x.activity)
            }
            other => is_named(other.record_type(), other.id()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::testkit::event;
    use crate::timeline::EnrolmentTimeline;

    fn events(voids: &[(&str, &str)]) -> Vec<Event> {
        let mut list: Vec<Event> = [
            json!({"type": "referred", "id": "e1", "date": "2024-01-02", "programme": "kib",
                   "person": "p1"}),
            json!({"type": "intake", "id": "i1", "date": "2024-01-09", "enrolment": "e1",
                   "decision": "accepted"}),
            json!({"type": "activity_started", "id": "a1", "date": "2024-01-15", "enrolment": "e1",
                   "kind": "internship", "planned_end": "2024-03-01"}),
            json!({"type": "activity_extended", "id": "x1", "date": "2024-02-20",
                   "activity": "a1", "planned_end": "2024-04-01"}),
            json!({"type": "activity_ended", "id": "n1", "date": "2024-03-20", "activity": "a1"}),
            json!({"type": "activity_started", "id": "a2", "date": "2024-03-21", "enrolment": "e1",
                   "kind": "job", "hours_per_week": 37}),
            json!({"type": "contact", "id": "k1", "date": "2024-01-12", "enrolment": "e1",
                   "kind": "meeting"}),
            json!({"type": "left", "id": "l1", "date": "2024-05-01", "enrolment": "e1",
                   "reason": "job"}),
        ]
        .into_iter()
        .map(event)
        .collect();
        for (i, (ty, id)) in voids.iter().enumerate() {
            list.push(event(
                json!({"type": "void", "id": format!("v{i}"), "date": "2024-06-01",
                                   "record_type": ty, "record": id}),
            ));
        }
        list
    }

    fn marked(voids: &[(&str, &str)]) -> Vec<String> {
        let evs = events(voids);
        evs.iter()
            .zip(voided_events(&evs))
            .filter(|(_, v)| *v)
            .map(|(e, _)| e.id().to_owned())
            .collect()
    }

    #[test]
    fn nothing_is_voided_without_a_void() {
        assert!(marked(&[]).is_empty());
    }

    #[test]
    fn a_void_cancels_the_event_it_names_but_not_itself() {
        assert_eq!(marked(&[("contact", "k1")]), vec!["k1"]);
    }

    #[test]
    fn voiding_an_activity_start_cancels_its_extension_and_end() {
        assert_eq!(
            marked(&[("activity_started", "a1")]),
            vec!["a1", "x1", "n1"]
        );
    }

    #[test]
    fn voiding_the_referral_cancels_the_whole_enrolment_except_the_voids() {
        assert_eq!(
            marked(&[("referred", "e1")]),
            vec!["e1", "i1", "a1", "x1", "n1", "a2", "k1", "l1"]
        );
    }

    #[test]
    fn the_events_not_marked_give_the_same_timeline_as_all_of_them() {
        for voids in [
            vec![],
            vec![("contact", "k1")],
            vec![("activity_started", "a1")],
            vec![("activity_ended", "n1"), ("left", "l1")],
            vec![("activity_extended", "x1"), ("intake", "i1")],
        ] {
            let evs = events(&voids);
            let kept: Vec<Event> = evs
                .iter()
                .zip(voided_events(&evs))
                .filter(|(_, v)| !*v)
                .map(|(e, _)| e.clone())
                .collect();
            assert_eq!(
                EnrolmentTimeline::from_events(kept),
                EnrolmentTimeline::from_events(evs.clone()),
                "voids {voids:?}"
            );
        }
    }
}
