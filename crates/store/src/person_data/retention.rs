//! `run_retention(years)`: anonymises every person all of whose enrolments ended (a `left` not
//! voided) more than `years` years before the context's day — the person record loses names,
//! national id and contact details, their events lose their free text, their profiles for
//! matching are deleted — so that every status report figure stays the same on every date (what
//! is kept, and why, is in docs/FORMAT-NOTES.md).
//!
//! One write transaction: either every due person is anonymised or none is. Each anonymised
//! person gets one audit row (`anonymise`) in that transaction; the audit log itself is never
//! rewritten. A person already anonymised is left alone and not audited again, so a second run
//! changes nothing. A dry run reads and reports, and writes nothing.

use jobbro_domain::records::{
    Entity, Event, Person, Record, anonymise_event, anonymise_person, ended_before,
    retention_cutoff,
};
use jobbro_domain::timeline::EnrolmentTimeline;
use serde::Serialize;

use super::{PersonDataStore, PersonDataTx, StoredEvent};
use crate::backend::Backend;
use crate::{Context, StoreError};

/// Years after the last enrolment ended that a person's identity is kept, unless configured.
pub const DEFAULT_RETENTION_YEARS: u32 = 5;

/// What a retention run did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RetentionSummary {
    /// Enrolments that left before this day are due.
    pub cutoff: chrono::NaiveDate,
    pub dry_run: bool,
    /// The persons anonymised (would be, in a dry run), by id.
    pub anonymised: Vec<String>,
    /// Their enrolments.
    pub enrolments: u64,
    /// Event records whose free text was removed.
    pub events_rewritten: u64,
    /// Persons with an enrolment due but another not yet due: kept whole.
    pub kept_for_another_enrolment: u64,
    /// Persons due but anonymised by an earlier run: nothing left to remove.
    pub already_anonymised: u64,
    /// Profiles for matching deleted (would be, in a dry run), of the persons anonymised.
    pub profiles_deleted: u64,
    /// Interpreter needs and planned meetings of the anonymised removed (working data about
    /// them beside the timeline; links and who took part in contacts stay, naming no one).
    pub network_rows_removed: u64,
}

/// What anonymising one person changes: their new body, and the events' new bodies by `seq`.
struct Rewrite {
    person_body: String,
    events: Vec<(i64, String)>,
    enrolments: u64,
    programme: Option<String>,
}

fn corrupt(record_type: &str, id: &str, reason: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: record_type.into(),
        id: id.into(),
        reason: reason.into(),
    }
}

/// Anonymises every person whose enrolments all ended more than `years` years before
/// `ctx.today()`; with `dry_run`, only reports who would be.
pub async fn run_retention<B: Backend + PersonDataStore>(
    db: &B,
    years: u32,
    dry_run: bool,
    ctx: &Context,
) -> Result<RetentionSummary, StoreError> {
    let cutoff = retention_cutoff(ctx.today(), years).ok_or_else(|| StoreError::BadInput {
        field: "years".into(),
        reason: "reaches back before the calendar begins".into(),
    })?;
    let mut summary = RetentionSummary {
        cutoff,
        dry_run,
        ..RetentionSummary::default()
    };
    let mut tx = db.begin_person_data().await?;
    let mut audit = Vec::new();
    for person_id in tx.persons_left_before(cutoff).await? {
        let events = tx.person_events(&person_id).await?;
        if !all_ended_before(&events, cutoff)? {
            summary.kept_for_another_enrolment += 1;
            continue;
        }
        // Deleted in a dry run too: its transaction is rolled back.
        let profiles = tx.delete_profiles(&person_id).await?;
        summary.profiles_deleted += profiles;
        let Some(rewrite) = rewrite(&mut tx, &person_id, &events).await? else {
            summary.already_anonymised += 1;
            if profiles > 0 {
                // A profile saved after an earlier run anonymised the person.
                let mut entry = ctx.audit("delete", "person", &person_id, None);
                entry.purpose =
                    Some("retention: profile for matching of an anonymised person".into());
                audit.push(entry);
            }
            continue;
        };
        if !dry_run {
            tx.anonymise_person_row(&person_id, &rewrite.person_body)
                .await?;
            for (seq, body) in &rewrite.events {
                tx.replace_event_body(*seq, body).await?;
            }
            summary.network_rows_removed += tx.remove_network_planning(&person_id).await?;
        }
        let mut entry = ctx.audit(
            "anonymise",
            "person",
            &person_id,
            rewrite.programme.as_deref(),
        );
        entry.purpose = Some(format!(
            "retention: every enrolment ended more than {years} year(s) ago"
        ));
        audit.push(entry);
        summary.enrolments += rewrite.enrolments;
        summary.events_rewritten += rewrite.events.len() as u64;
        summary.anonymised.push(person_id);
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.append_audit(&audit, db.keys()).await?;
        tx.commit().await?;
    }
    Ok(summary)
}

fn parse_event(row: &StoredEvent) -> Result<Event, StoreError> {
    Event::from_stored_json(&row.body)
        .map_err(|_| corrupt("event of enrolment", &row.enrolment, "body is not an event"))
}

/// Every enrolment of the person has ended before `cutoff`, and at least one has. A voided
/// enrolment (its referral voided) never happened: it neither holds the person back nor counts.
fn all_ended_before(events: &[StoredEvent], cutoff: chrono::NaiveDate) -> Result<bool, StoreError> {
    let mut any = false;
    for group in events.chunk_by(|a, b| a.enrolment == b.enrolment) {
        let parsed = group
            .iter()
            .map(parse_event)
            .collect::<Result<Vec<_>, _>>()?;
        match EnrolmentTimeline::from_events(parsed) {
            None => {}
            Some(t) if ended_before(&t, cutoff) => any = true,
            Some(_) => return Ok(false),
        }
    }
    Ok(any)
}

/// The person's anonymised rows, or `None` when there is nothing left to remove.
async fn rewrite<T: PersonDataTx>(
    tx: &mut T,
    person_id: &str,
    events: &[StoredEvent],
) -> Result<Option<Rewrite>, StoreError> {
    let stored = tx
        .person(person_id)
        .await?
        .ok_or_else(|| corrupt("person", person_id, "is named by an enrolment but missing"))?;
    let person: Person = serde_json::from_str(&stored.body)
        .map_err(|_| corrupt("person", person_id, "body is not a valid person"))?;
    let person_body = Record::Entity(Entity::Person(anonymise_person(&person))).to_canonical_json();
    let person_changed = person_body != stored.body
        || stored.national_id_enc.is_some()
        || stored.national_id_hash.is_some();
    let mut rewritten = Vec::new();
    for row in events {
        let body = Record::Event(anonymise_event(&parse_event(row)?)).to_canonical_json();
        if body != row.body {
            rewritten.push((row.seq, body));
        }
    }
    if !person_changed && rewritten.is_empty() {
        return Ok(None);
    }
    let mut enrolments: Vec<&str> = events.iter().map(|e| e.enrolment.as_str()).collect();
    enrolments.dedup();
    let mut programmes: Vec<&str> = events.iter().map(|e| e.programme.as_str()).collect();
    programmes.sort_unstable();
    programmes.dedup();
    Ok(Some(Rewrite {
        person_body,
        events: rewritten,
        enrolments: enrolments.len() as u64,
        programme: match programmes.as_slice() {
            [one] => Some((*one).to_owned()),
            _ => None,
        },
    }))
}
