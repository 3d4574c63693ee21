//! Reading events back from the store, fast. The store writes every event in its canonical form,
//! `type` first; so the variant is known after the first key and the rest of the object is read
//! straight into its struct. (Serde's derived reader for an internally tagged enum first copies
//! the whole object into a buffer to look for the tag, which doubled the cost of reading a
//! programme's timeline.) An object whose first key is not `type` is read the derived way.

use std::fmt;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::events::Event;

/// A JSON array of stored events.
pub(super) fn events_from_stored_array(array: &str) -> Result<Vec<Event>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(array);
    let events = de.deserialize_seq(Events)?;
    de.end()?;
    Ok(events)
}

struct Events;

impl<'de> Visitor<'de> for Events {
    type Value = Vec<Event>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of stored events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Event>, A::Error> {
        let mut events = Vec::with_capacity(seq.size_hint().unwrap_or(32));
        while let Some(event) = seq.next_element_seed(StoredEvent)? {
            events.push(event);
        }
        Ok(events)
    }
}

struct StoredEvent;

impl<'de> DeserializeSeed<'de> for StoredEvent {
    type Value = Event;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Event, D::Error> {
        deserializer.deserialize_map(StoredEvent)
    }
}

impl<'de> Visitor<'de> for StoredEvent {
    type Value = Event;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a stored event, `type` first")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let key: Option<&'de str> = map.next_key()?;
        if key != Some("type") {
            return Err(de::Error::custom("a stored event must start with `type`"));
        }
        let kind: &'de str = map.next_value()?;
        let rest = MapAccessDeserializer::new(map);
        Ok(match kind {
            "referred" => Event::Referred(Deserialize::deserialize(rest)?),
            "intake" => Event::Intake(Deserialize::deserialize(rest)?),
            "activity_started" => Event::ActivityStarted(Deserialize::deserialize(rest)?),
            "activity_extended" => Event::ActivityExtended(Deserialize::deserialize(rest)?),
            "activity_ended" => Event::ActivityEnded(Deserialize::deserialize(rest)?),
            "contact" => Event::Contact(Deserialize::deserialize(rest)?),
            "assigned" => Event::Assigned(Deserialize::deserialize(rest)?),
            "left" => Event::Left(Deserialize::deserialize(rest)?),
            "follow_up" => Event::FollowUp(Deserialize::deserialize(rest)?),
            "void" => Event::Void(Deserialize::deserialize(rest)?),
            other => return Err(de::Error::unknown_variant(other, &[])),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::records::Record;

    /// Every event of the published fixture, in its canonical form as the store keeps it.
    /// (With the three kinds the fixture lacks.)
    fn canonical_events() -> Vec<String> {
        let more = [
            r#"{"type": "activity_extended", "id": "x1", "date": "2024-02-01", "activity": "a1", "planned_end": "2024-03-01"}"#,
            r#"{"type": "assigned", "id": "as1", "date": "2024-02-02", "enrolment": "e1", "caseworker": "cw2"}"#,
            r#"{"type": "void", "id": "v1", "date": "2024-02-03", "record_type": "contact", "record": "c1", "reason": "wrong person"}"#,
        ];
        include_str!("../../../../../shared/fixtures/kib.jsonl")
            .lines()
            .chain(more)
            .filter_map(|line| {
                let record = Record::from_json(&serde_json::from_str(line).unwrap()).unwrap();
                matches!(record, Record::Event(_)).then(|| record.to_canonical_json())
            })
            .collect()
    }

    #[test]
    fn the_fast_reader_reads_every_stored_event_as_the_derived_reader_does() {
        let bodies = canonical_events();
        let kinds: std::collections::HashSet<_> = bodies
            .iter()
            .map(|b| b.split('"').nth(3).unwrap().to_owned())
            .collect();
        assert_eq!(kinds.len(), 10, "events of every kind: {kinds:?}");
        let array = format!("[{}]", bodies.join(","));
        let derived: Vec<Event> = serde_json::from_str(&array).unwrap();
        assert_eq!(events_from_stored_array(&array).unwrap(), derived);
        assert_eq!(Event::list_from_stored_json(&array).unwrap(), derived);
    }

    #[test]
    fn an_object_without_a_leading_type_is_left_to_the_derived_reader() {
        let moved = r#"[{"id": "c1", "type": "contact", "enrolment": "e1", "date": "2024-01-05", "kind": "phone"}]"#;
        assert!(events_from_stored_array(moved).is_err());
        let events = Event::list_from_stored_json(moved).unwrap();
        assert!(matches!(events.as_slice(), [Event::Contact(c)] if c.id == "c1"));
        assert!(events_from_stored_array(r#"[{"type": "nonsense", "id": "x"}]"#).is_err());
        assert!(events_from_stored_array("[] trailing").is_err());
        assert_eq!(events_from_stored_array("[]").unwrap(), Vec::new());
    }
}
