//! Events of an import: each is resolved to its enrolment (the `referred` record creates it),
//! checked against what it names and its dates (`timeline::check_event`), and queued. When the
//! batch is written, an event whose `(type, id)` is stored already is skipped when identical and
//! refused when not.

use chrono::NaiveDate;
use jobbro_domain::records::{Event, Target};
use jobbro_domain::timeline::{ActivityFacts, EnrolmentFacts, check_event};

use super::importer::Importer;
use crate::StoreError;
use crate::backend::{EntityTable, ImportTx, NewActivity, NewEnrolment, NewEvent};

impl<'k, T: ImportTx + 'k> Importer<'k, T> {
    /// Checks and queues an event whose canonical JSON is `body` ([`Prepared::new`]).
    ///
    /// [`Prepared::new`]: super::reading::Prepared::new
    pub(super) async fn event(
        &mut self,
        line: u64,
        event: Event,
        body: String,
    ) -> Result<(), StoreError> {
        let Some(enrolment) = self.resolve(line, &event).await? else {
            return Ok(());
        };
        self.counters.event_seq += 1;
        let caseworker = match &event {
            Event::Referred(r) => r.caseworker.clone(),
            Event::Assigned(a) => Some(a.caseworker.clone()),
            _ => None,
        };
        let (record_type, id, date) = (
            event.record_type().as_str(),
            event.id().to_owned(),
            event.date(),
        );
        // An event whose digest this import builds need not mark it stale (module `digesting`).
        let built = match &mut self.digests {
            Some(d) => d.event(enrolment, event),
            None => false,
        };
        if let Some(recent) = &mut self.recent_events {
            recent.queued(enrolment, record_type, &id);
        }
        self.queued.events.push(NewEvent {
            caseworker,
            seq: self.counters.event_seq,
            record_type,
            id,
            enrolment,
            date,
            body,
            mark_dirty: !built,
        });
        self.queued.event_lines.push(line);
        if self.queued.full() {
            self.flush().await?;
        }
        Ok(())
    }

    /// `(key, referral date)` of an enrolment met in this file or stored.
    async fn enrolment(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
        if let Some(found) = self.enrolments.get(id) {
            return Ok(Some(found));
        }
        if self.enrolments.knows_absent(id) {
            return Ok(None);
        }
        let found = self.tx().await?.find_enrolment(id).await?;
        if let Some(found) = found {
            self.enrolments.insert(id, found);
        }
        Ok(found)
    }

    /// `(enrolment key, start date)` of an activity met in this file or stored.
    async fn activity(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
        if let Some(found) = self.activities.get(id) {
            return Ok(Some(found));
        }
        if self.activities.knows_absent(id) {
            return Ok(None);
        }
        let found = self.tx().await?.find_activity(id).await?;
        if let Some(found) = found {
            self.activities.insert(id, found);
        }
        Ok(found)
    }

    /// The enrolment key of the event `(record_type, id)`, queued or stored.
    async fn voided(&mut self, record_type: &str, id: &str) -> Result<Option<i64>, StoreError> {
        if let Some(key) = self
            .recent_events
            .as_ref()
            .and_then(|r| r.find(record_type, id))
        {
            return Ok(Some(key));
        }
        // Stored first: an event queued with the id of a stored one is a retry or a conflict,
        // and the stored one is what a void names.
        if let Some((_, key, _)) = self.tx().await?.find_event(record_type, id).await? {
            return Ok(Some(key));
        }
        Ok(self
            .queued
            .events
            .iter()
            .find(|e| e.record_type == record_type && e.id == id)
            .map(|e| e.enrolment))
    }

    /// Finds the enrolment an event belongs to, checking what it names and its dates; `None`
    /// (with the errors recorded) when the event cannot be accepted.
    async fn resolve(&mut self, line: u64, event: &Event) -> Result<Option<i64>, StoreError> {
        let errors_before = self.error_count;
        let refs: Vec<(EntityTable, &str, Option<&str>)> = match event {
            Event::Referred(r) => vec![
                (EntityTable::Programmes, "programme", Some(&r.programme)),
                (EntityTable::Persons, "person", Some(&r.person)),
                (
                    EntityTable::Caseworkers,
                    "caseworker",
                    r.caseworker.as_deref(),
                ),
            ],
            Event::ActivityStarted(a) => {
                vec![(EntityTable::Companies, "company", a.company.as_deref())]
            }
            Event::Contact(c) => vec![(
                EntityTable::Caseworkers,
                "caseworker",
                c.caseworker.as_deref(),
            )],
            Event::Assigned(a) => {
                vec![(EntityTable::Caseworkers, "caseworker", Some(&a.caseworker))]
            }
            _ => Vec::new(),
        };
        for (table, field, id) in refs {
            self.require(line, event, table, field, id).await?;
        }
        let ty = event.record_type().as_str();
        let (key, problems) = match event.target() {
            Target::None => {
                let Event::Referred(r) = event else {
                    return Ok(None);
                };
                if self.error_count > errors_before {
                    return Ok(None);
                }
                match self.enrolment(&r.id).await? {
                    // Stored already: the event row decides whether this is a retry or a conflict.
                    Some((key, _)) => (key, Vec::new()),
                    None => {
                        self.counters.enrolment_key += 1;
                        let key = self.counters.enrolment_key;
                        self.queued.enrolments.push(NewEnrolment {
                            key,
                            id: r.id.clone(),
                            programme: r.programme.clone(),
                            person: r.person.clone(),
                            referred: r.date,
                        });
                        self.enrolments.insert(&r.id, (key, r.date));
                        (key, Vec::new())
                    }
                }
            }
            Target::Enrolment(id) => {
                let Some((key, referred)) = self.enrolment(id).await? else {
                    let reason = format!(
                        "names enrolment {id}, which has no referred record in the database or earlier in the file"
                    );
                    self.fail(line, Some(ty), Some(event.id()), "enrolment", &reason);
                    return Ok(None);
                };
                let problems = check_event(event, &EnrolmentFacts { referred }, None);
                if let (Event::ActivityStarted(a), true) = (event, problems.is_empty())
                    && self.activity(&a.id).await?.is_none()
                {
                    self.queued.activities.push(NewActivity {
                        id: a.id.clone(),
                        enrolment: key,
                        start: a.date,
                    });
                    self.activities.insert(&a.id, (key, a.date));
                }
                (key, problems)
            }
            Target::Activity(id) => {
                let Some((key, start)) = self.activity(id).await? else {
                    let reason = format!(
                        "names activity {id}, which has no activity_started record in the database or earlier in the file"
                    );
                    self.fail(line, Some(ty), Some(event.id()), "activity", &reason);
                    return Ok(None);
                };
                let facts = EnrolmentFacts {
                    referred: NaiveDate::MIN,
                };
                (
                    key,
                    check_event(event, &facts, Some(&ActivityFacts { start })),
                )
            }
            Target::Record(record_type, id) => match self.voided(record_type.as_str(), id).await? {
                Some(key) => (key, Vec::new()),
                None => {
                    let reason = format!(
                        "names {record_type} {id}, which is not in the database or earlier in the file"
                    );
                    self.fail(line, Some(ty), Some(event.id()), "record", &reason);
                    return Ok(None);
                }
            },
        };
        self.fail_all(line, ty, event.id(), &problems);
        Ok((self.error_count == errors_before).then_some(key))
    }
}

/// The events queued so far of the enrolment the file is at, when no event was stored before
/// the import: what a `void` names is nearly always an event of its own enrolment, a few lines
/// before it, and the first event queued with an id is then the stored one. Asking the database
/// instead waits for the batch being written and leaves SQLite's worker idle while the next
/// batch fills (in a generated file, about once a batch). An event of another enrolment is asked
/// of the database, as before.
#[derive(Default)]
pub(super) struct RecentEvents {
    enrolment: i64,
    /// `(type, end of its id in ids)`, in the order queued.
    events: Vec<(&'static str, usize)>,
    /// The ids, one after the other: no allocation per event.
    ids: String,
}

impl RecentEvents {
    /// An event queued for `enrolment`; a new enrolment forgets the one before.
    pub(super) fn queued(&mut self, enrolment: i64, record_type: &'static str, id: &str) {
        if enrolment != self.enrolment {
            self.enrolment = enrolment;
            self.events.clear();
            self.ids.clear();
        }
        self.ids.push_str(id);
        self.events.push((record_type, self.ids.len()));
    }

    /// The enrolment of the first event queued as `(record_type, id)`, when it is of the
    /// enrolment the file is at.
    pub(super) fn find(&self, record_type: &str, id: &str) -> Option<i64> {
        let mut start = 0;
        for &(ty, end) in &self.events {
            if ty == record_type && &self.ids[start..end] == id {
                return Some(self.enrolment);
            }
            start = end;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::RecentEvents;

    #[test]
    fn finds_an_event_of_the_enrolment_the_file_is_at() {
        let mut recent = RecentEvents::default();
        recent.queued(7, "referred", "ref-1");
        recent.queued(7, "contact", "con-1");
        recent.queued(7, "left", "con-1");
        assert_eq!(recent.find("contact", "con-1"), Some(7));
        assert_eq!(recent.find("left", "con-1"), Some(7));
        assert_eq!(recent.find("referred", "ref-1"), Some(7));
        // Same id, other type; a prefix of an id; an id never queued.
        assert_eq!(recent.find("assigned", "con-1"), None);
        assert_eq!(recent.find("contact", "con-"), None);
        assert_eq!(recent.find("contact", "con-2"), None);
    }

    #[test]
    fn forgets_the_enrolment_before() {
        let mut recent = RecentEvents::default();
        recent.queued(7, "contact", "con-1");
        recent.queued(8, "contact", "con-2");
        assert_eq!(recent.find("contact", "con-1"), None);
        assert_eq!(recent.find("contact", "con-2"), Some(8));
    }
}
