//! What the retention rule removes from a person and their events once every enrolment of theirs
//! ended long enough ago (GDPR Art. 5(1)(e), storage limitation), and when that is.
//!
//! Anonymisation takes out what names, reaches or describes a person in words — names, the
//! national id, phone, e-mail, the dated `benefit_since`, and the free text of events (contact
//! notes, intake and void reasons, activity titles, referrers) — and keeps every code, date, id
//! and attribute a status report reads, so every report figure stays the same on every date.
//! It must never touch a field the timeline or the report reads: the tests below pin that by
//! comparing timelines and report attributes before and after.

use chrono::{Months, NaiveDate};

use super::{Event, Person};
use crate::timeline::EnrolmentTimeline;

/// The person without what identifies or reaches them. Kept: the id (the source system's), and
/// the attributes reports and statistics group by — gender, birth date and year (the age band on
/// any date needs the exact birth date), origin country, languages, Danish level, education
/// level and benefit. Applying it twice gives the same person.
pub fn anonymise_person(person: &Person) -> Person {
    Person {
        id: person.id.clone(),
        given_name: None,
        family_name: None,
        national_id: None,
        gender: person.gender,
        birth_date: person.birth_date,
        birth_year: person.birth_year,
        origin_country: person.origin_country,
        languages: person.languages.clone(),
        danish_level: person.danish_level,
        education_level: person.education_level,
        benefit: person.benefit,
        benefit_since: None,
        phone: None,
        email: None,
    }
}

/// The event without its free text (which may name or describe the person); codes, dates, ids
/// and company and caseworker ids stay. Applying it twice gives the same event.
pub fn anonymise_event(event: &Event) -> Event {
    let mut e = event.clone();
    match &mut e {
        Event::Referred(r) => r.referrer = None,
        Event::Intake(i) => i.reason = None,
        Event::ActivityStarted(a) => a.title = None,
        Event::Contact(c) => c.note = None,
        Event::Void(v) => v.reason = None,
        Event::ActivityExtended(_)
        | Event::ActivityEnded(_)
        | Event::Assigned(_)
        | Event::Left(_)
        | Event::FollowUp(_) => {}
    }
    e
}

/// The first day whose leavers are *not* yet due: an enrolment that left before this day ended
/// more than `years` years before `today`. `None` when the date would fall before the calendar.
pub fn retention_cutoff(today: NaiveDate, years: u32) -> Option<NaiveDate> {
    today.checked_sub_months(Months::new(years.checked_mul(12)?))
}

/// The enrolment has left (the earliest `left` not voided) before `cutoff`.
pub fn ended_before(timeline: &EnrolmentTimeline, cutoff: NaiveDate) -> bool {
    timeline
        .left_on(NaiveDate::MAX)
        .is_some_and(|(left, _)| left < cutoff)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::report::Attributes;
    use crate::testkit::{d, event, person};

    fn full_person() -> Person {
        person(json!({
            "type": "person", "id": "p1", "given_name": "Testa", "family_name": "Person",
            "national_id": "240885-3440", "gender": "female", "birth_date": "1985-08-24",
            "birth_year": 1985, "origin_country": "AF", "languages": ["fa", "ps"],
            "danish_level": "a2", "education_level": 2, "benefit": "cash_benefit",
            "benefit_since": "2010-08-24", "phone": "+45 12 34 56 78", "email": "testa@example.org"
        }))
    }

    fn events() -> Vec<Event> {
        [
            json!({"type": "referred", "id": "e1", "date": "2018-01-02", "programme": "kib",
                   "person": "p1", "referrer": "Dr. Someone", "caseworker": "cw1"}),
            json!({"type": "intake", "id": "i1", "date": "2018-01-09", "enrolment": "e1",
                   "decision": "accepted", "reason": "lives with her sister"}),
            json!({"type": "activity_started", "id": "a1", "date": "2018-01-15", "enrolment": "e1",
                   "kind": "job", "company": "c1", "hours_per_week": 32, "planned_end": "2018-06-01",
                   "title": "Cleaner at her cousin's shop"}),
            json!({"type": "activity_extended", "id": "x1", "date": "2018-05-01",
                   "activity": "a1", "planned_end": "2018-08-01"}),
            json!({"type": "activity_ended", "id": "n1", "date": "2018-07-31",
                   "activity": "a1", "reason": "completed"}),
            json!({"type": "contact", "id": "k1", "date": "2018-01-12", "enrolment": "e1",
                   "kind": "home_visit", "attended": false, "interpreter_language": "fa",
                   "caseworker": "cw1", "note": "Husband answered the door"}),
            json!({"type": "contact", "id": "k2", "date": "2018-01-13", "enrolment": "e1",
                   "kind": "meeting", "note": "Talked about her health"}),
            json!({"type": "void", "id": "v1", "date": "2018-01-14", "record_type": "contact",
                   "record": "k2", "reason": "Wrong person: this was her neighbour"}),
            json!({"type": "assigned", "id": "s1", "date": "2018-02-01", "enrolment": "e1",
                   "caseworker": "cw2"}),
            json!({"type": "left", "id": "l1", "date": "2018-08-01", "enrolment": "e1",
                   "reason": "job"}),
            json!({"type": "follow_up", "id": "f1", "date": "2019-02-01", "enrolment": "e1",
                   "months": 6, "status": "job"}),
        ]
        .into_iter()
        .map(event)
        .collect()
    }

    #[test]
    fn an_anonymised_person_has_no_name_national_id_or_contact_details() {
        let p = anonymise_person(&full_person());
        assert_eq!(p.id, "p1");
        assert!(p.given_name.is_none() && p.family_name.is_none());
        assert!(p.national_id.is_none());
        assert!(p.phone.is_none() && p.email.is_none());
        assert!(p.benefit_since.is_none());
    }

    #[test]
    fn an_anonymised_person_keeps_every_attribute_a_report_groups_by() {
        let before = full_person();
        let after = anonymise_person(&before);
        assert_eq!(
            Attributes::of(&after, None),
            Attributes::of(&before, None),
            "gender, benefit, birth and origin country must survive"
        );
        assert_eq!(after.languages, before.languages);
        assert_eq!(after.danish_level, before.danish_level);
        assert_eq!(after.education_level, before.education_level);
    }

    #[test]
    fn a_person_known_only_by_national_id_keeps_the_age_band_from_the_stored_birth_date() {
        // The store keeps the birth date read from the id beside the record; the record itself
        // has no birth date, so the report falls back on that stored date before and after.
        let before = person(json!({"type": "person", "id": "p2", "national_id": "240885-3440"}));
        let after = anonymise_person(&before);
        let from_id = Some(d("1985-08-24"));
        assert_eq!(
            Attributes::of(&after, from_id),
            Attributes::of(&before, from_id)
        );
    }

    #[test]
    fn anonymising_twice_changes_nothing_more() {
        let once = anonymise_person(&full_person());
        assert_eq!(anonymise_person(&once), once);
        for e in events() {
            let once = anonymise_event(&e);
            assert_eq!(anonymise_event(&once), once);
        }
    }

    #[test]
    fn anonymised_events_have_no_free_text_left() {
        for e in events() {
            let text = serde_json::to_string(&anonymise_event(&e)).unwrap();
            for word in [
                "Dr. Someone",
                "sister",
                "cousin",
                "Husband",
                "health",
                "neighbour",
            ] {
                assert!(!text.contains(word), "{word} left in {text}");
            }
        }
    }

    #[test]
    fn anonymised_events_keep_ids_dates_codes_companies_and_caseworkers() {
        for e in events() {
            let after = anonymise_event(&e);
            assert_eq!(
                (after.id(), after.date(), after.record_type()),
                (e.id(), e.date(), e.record_type())
            );
        }
        let text: String = events()
            .iter()
            .map(|e| serde_json::to_string(&anonymise_event(e)).unwrap())
            .collect();
        for kept in [
            "\"company\":\"c1\"",
            "\"caseworker\":\"cw2\"",
            "\"interpreter_language\":\"fa\"",
        ] {
            assert!(text.contains(kept), "{kept} is missing");
        }
    }

    #[test]
    fn the_timeline_of_anonymised_events_is_the_same_timeline() {
        let before = EnrolmentTimeline::from_events(events());
        let after = EnrolmentTimeline::from_events(events().iter().map(anonymise_event).collect());
        assert!(before.is_some());
        assert_eq!(after, before);
    }

    #[test]
    fn the_cutoff_is_the_same_day_n_years_earlier() {
        assert_eq!(retention_cutoff(d("2030-01-01"), 5), Some(d("2025-01-01")));
        assert_eq!(retention_cutoff(d("2024-02-29"), 1), Some(d("2023-02-28")));
        assert_eq!(retention_cutoff(d("2030-01-01"), 0), Some(d("2030-01-01")));
    }

    #[test]
    fn an_enrolment_ended_more_than_n_years_ago_qualifies_one_ended_exactly_n_years_ago_does_not() {
        let t = EnrolmentTimeline::from_events(events()).unwrap();
        assert!(ended_before(&t, d("2018-08-02")));
        assert!(!ended_before(&t, d("2018-08-01")));
    }

    #[test]
    fn an_enrolment_whose_leaving_was_voided_has_not_ended() {
        let mut evs = events();
        evs.push(event(
            json!({"type": "void", "id": "v2", "date": "2018-09-01",
                              "record_type": "left", "record": "l1"}),
        ));
        let t = EnrolmentTimeline::from_events(evs).unwrap();
        assert!(!ended_before(&t, d("2030-01-01")));
    }
}
