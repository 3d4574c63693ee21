//! `export_person(id)`: everything held about one person, for their right of access (GDPR
//! Art. 15) — the person record with their national id (it is their own data), every enrolment
//! with all its events in the timeline format (voided ones marked), and the audit extract: every
//! recorded access to the person or one of their enrolments (when, who, what, why) — and the
//! profile for matching of each enrolment that has one.
//!
//! The export is recorded in the audit log in the same transaction that reads the data. The
//! result holds a national id in clear: it goes to the person, never to a log (its `Debug` shows
//! counts only).

use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::{Entity, Event, Person, Record, voided_events};
use serde::Serialize;

use super::{PersonDataStore, PersonDataTx, StoredEvent};
use crate::access::AccessStore;
use crate::audit::{AuditRow, timestamp};
use crate::backend::Backend;
use crate::profiles::{ProfileStore, StoredProfile, person_profiles};
use crate::{Context, StoreError};

/// The format of the export document, for whoever reads it later.
pub const PERSON_EXPORT_FORMAT: &str = "jobbro-person-export/1";

/// Everything held about one person.
#[derive(Clone, PartialEq, Serialize)]
pub struct PersonExport {
    pub format: &'static str,
    pub exported_at: String,
    /// The `person` record in the timeline format, national id included.
    pub person: Record,
    pub enrolments: Vec<EnrolmentExport>,
    /// The profiles for matching of their enrolments (ISSUE 6), by enrolment.
    pub profiles: Vec<StoredProfile>,
    /// The people around the person: interpreter needs, network people linked, planned meetings
    /// and who took part in contacts (kept beside the timeline).
    pub network: crate::network::NetworkExport,
    /// Every audit row about the person or one of their enrolments, oldest first.
    pub audit: Vec<AuditExtractRow>,
}

impl std::fmt::Debug for PersonExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonExport")
            .field("person", &self.person.id())
            .field("enrolments", &self.enrolments.len())
            .field("profiles", &self.profiles.len())
            .field("audit", &self.audit.len())
            .finish_non_exhaustive()
    }
}

/// One enrolment of the person with every event recorded for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnrolmentExport {
    pub id: String,
    pub programme: String,
    /// In the order recorded, voided ones and the voids included.
    pub events: Vec<ExportedEvent>,
}

/// One event as recorded, and whether a void cancels it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedEvent {
    pub voided: bool,
    pub record: Event,
}

/// One access to the person's data: when, who, what, about which record, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditExtractRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject: String,
    pub programme: Option<String>,
    pub purpose: Option<String>,
}

impl From<AuditRow> for AuditExtractRow {
    fn from(r: AuditRow) -> Self {
        AuditExtractRow {
            at: r.at,
            actor: r.actor,
            action: r.action,
            subject_type: r.subject_type,
            subject: r.subject,
            programme: r.programme,
            purpose: r.purpose,
        }
    }
}

fn corrupt(record_type: &str, id: &str, reason: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: record_type.into(),
        id: id.into(),
        reason: reason.into(),
    }
}

/// Exports everything held about the person `person_id`, and records the export (action
/// `export`, subject `person`) in the audit log. An unknown id is [`StoreError::UnknownPerson`]
/// and writes nothing.
pub async fn export_person<
    B: Backend + AccessStore + PersonDataStore + ProfileStore + crate::network::NetworkStore,
>(
    db: &B,
    person_id: &str,
    ctx: &Context,
) -> Result<PersonExport, StoreError> {
    let mut tx = db.begin_person_data().await?;
    let Some(stored) = tx.person(person_id).await? else {
        tx.rollback().await?;
        return Err(StoreError::UnknownPerson(person_id.to_owned()));
    };
    let mut person: Person = serde_json::from_str(&stored.body)
        .map_err(|_| corrupt("person", person_id, "body is not a valid person"))?;
    if let Some(sealed) = &stored.national_id_enc {
        let clear = db.keys().decrypt(sealed)?;
        person.national_id = Some(
            NationalId::parse(&clear)
                .map_err(|_| corrupt("person", person_id, "national id does not parse"))?,
        );
    }
    let enrolments = enrolments(tx.person_events(person_id).await?)?;
    let mut entry = ctx.audit("export", "person", person_id, None);
    entry.purpose = Some("the person's data export (GDPR Art. 15)".into());
    tx.append_audit(&[entry], db.keys()).await?;
    tx.commit().await?;

    let audit = audit_extract(db, person_id, &enrolments).await?;
    let profiles = person_profiles(db, person_id).await?;
    let ids: Vec<(String, String)> = enrolments
        .iter()
        .map(|e| (e.id.clone(), e.programme.clone()))
        .collect();
    let network = crate::network::network_export(db, &ids).await?;
    Ok(PersonExport {
        format: PERSON_EXPORT_FORMAT,
        exported_at: timestamp(ctx.now),
        person: Record::Entity(Entity::Person(person)),
        enrolments,
        profiles,
        network,
        audit,
    })
}

/// Groups the stored events by enrolment (they arrive grouped) and marks the voided ones.
fn enrolments(rows: Vec<StoredEvent>) -> Result<Vec<EnrolmentExport>, StoreError> {
    let mut out: Vec<(EnrolmentExport, Vec<Event>)> = Vec::new();
    for row in rows {
        let event = Event::from_stored_json(&row.body)
            .map_err(|_| corrupt("event of enrolment", &row.enrolment, "body is not an event"))?;
        match out.last_mut() {
            Some((e, events)) if e.id == row.enrolment => events.push(event),
            _ => out.push((
                EnrolmentExport {
                    id: row.enrolment,
                    programme: row.programme,
                    events: Vec::new(),
                },
                vec![event],
            )),
        }
    }
    Ok(out
        .into_iter()
        .map(|(mut e, events)| {
            let voided = voided_events(&events);
            e.events = events
                .into_iter()
                .zip(voided)
                .map(|(record, voided)| ExportedEvent { voided, record })
                .collect();
            e
        })
        .collect())
}

/// The audit rows about the person and about each of their enrolments, in the log's order.
async fn audit_extract<B: AccessStore>(
    db: &B,
    person_id: &str,
    enrolments: &[EnrolmentExport],
) -> Result<Vec<AuditExtractRow>, StoreError> {
    let mut rows = db.audit_rows_about("person", person_id).await?;
    for e in enrolments {
        rows.extend(db.audit_rows_about("enrolment", &e.id).await?);
    }
    rows.sort_by_key(|r| r.seq);
    rows.dedup_by_key(|r| r.seq);
    Ok(rows.into_iter().map(AuditExtractRow::from).collect())
}
