//! The participant page's read: one person's profile (national id masked), the enrolments the
//! actor may read, each with its status today and every event as recorded (voided ones marked),
//! read from one snapshot; the audit row is committed before anything is returned — no audit
//! row, no data.

use std::collections::HashMap;

use chrono::NaiveDate;
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::enums::{ActivityKind, LeaveReason, Situation};
use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::{Event, Person, voided_events};
use jobbro_domain::rules::Rules;
use jobbro_domain::status::Status;
use jobbro_domain::timeline::EnrolmentTimeline;
use serde::Serialize;

use crate::access::AccessStore;
use crate::backend::Backend;
use crate::person_data::{PersonDataStore, PersonDataTx, StoredEvent};
use crate::{Context, StoreError};

/// What reading a participant found.
#[derive(Debug)]
pub enum ParticipantRead {
    /// No such person, or none of their enrolments is in the actor's organisation.
    Unknown,
    /// The person has enrolments in the organisation, but the actor may read none of them.
    Refused,
    Found(Box<Participant>),
}

/// A person as the participant page shows them.
#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    /// The person record without its national id.
    pub person: Person,
    pub national_id_masked: Option<String>,
    /// The enrolments the actor may read, in the order they were referred.
    pub enrolments: Vec<ParticipantEnrolment>,
}

/// One enrolment on the participant page.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantEnrolment {
    pub id: String,
    pub programme: String,
    /// The status on the day of the read (FORMAT.md §3).
    pub status: StatusView,
    /// The caseworker responsible on that day.
    pub caseworker: Option<String>,
    /// Activities with no end recorded: the ones that can be extended or ended.
    pub open_activities: Vec<OpenActivity>,
    /// Every event as recorded (oldest first), voided ones and the voids included.
    pub events: Vec<TimelineEntry>,
    /// The version the page shows (`crate::versions`): forms that change the enrolment send it
    /// back, and are refused if someone else changed the enrolment in between.
    pub version: i64,
}

/// A status in the words of FORMAT.md §3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusView {
    /// `waiting`, `declined`, `active` or `ended`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub situation: Option<Situation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_reason: Option<LeaveReason>,
}

impl StatusView {
    /// The status on a day; an enrolment not yet referred then counts as waiting.
    pub fn of(status: Option<Status>) -> StatusView {
        let mut view = StatusView {
            status: "waiting",
            situation: None,
            accepted: None,
            left: None,
            left_reason: None,
        };
        match status {
            None | Some(Status::Waiting) => {}
            Some(Status::Declined) => view.status = "declined",
            Some(Status::Active {
                accepted,
                situation,
            }) => {
                view.status = "active";
                view.situation = Some(situation);
                view.accepted = Some(accepted);
            }
            Some(Status::Ended {
                accepted,
                left,
                reason,
            }) => {
                view.status = "ended";
                view.accepted = Some(accepted);
                view.left = Some(left);
                view.left_reason = Some(reason);
            }
        }
        view
    }

    /// Whether a list filter value (a status or a situation code) matches.
    pub fn matches(&self, code: &str) -> bool {
        self.status == code || self.situation.is_some_and(|s| s.as_str() == code)
    }
}

/// An activity that has not ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenActivity {
    pub id: String,
    pub kind: ActivityKind,
    pub start: NaiveDate,
    /// The planned end in force on the day of the read.
    pub planned_end: Option<NaiveDate>,
    pub company: Option<String>,
}

/// One event as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// The order it was recorded in.
    pub seq: i64,
    /// Whether a `void` cancels it.
    pub voided: bool,
    pub record: Event,
}

fn corrupt(record_type: &str, id: &str, reason: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: record_type.into(),
        id: id.into(),
        reason: reason.into(),
    }
}

/// One enrolment's stored events: `(enrolment, programme, [(seq, event)])`.
type EnrolmentEvents = (String, String, Vec<(i64, Event)>);

/// The stored events grouped by enrolment (they arrive grouped).
fn by_enrolment(rows: Vec<StoredEvent>) -> Result<Vec<EnrolmentEvents>, StoreError> {
    let mut out: Vec<EnrolmentEvents> = Vec::new();
    for row in rows {
        let event = Event::from_stored_json(&row.body)
            .map_err(|_| corrupt("event of enrolment", &row.enrolment, "body is not an event"))?;
        match out.last_mut() {
            Some((id, _, list)) if *id == row.enrolment => list.push((row.seq, event)),
            _ => out.push((row.enrolment, row.programme, vec![(row.seq, event)])),
        }
    }
    Ok(out)
}

/// Reads the person `person` for `actor` on `ctx.today()`: only the enrolments the policy lets
/// the actor read. When anything is shown, the read is recorded (action `read`, subject the
/// person, purpose "participant page") and committed before the data is returned; otherwise
/// nothing is written.
pub async fn read_participant<B: Backend + AccessStore + PersonDataStore>(
    db: &B,
    person: &str,
    actor: &Actor,
    ctx: &Context,
) -> Result<ParticipantRead, StoreError> {
    let today = ctx.today();
    // The reads take a snapshot and no lock, so participant pages never queue behind each other;
    // only the audit row below is written, in a short write transaction of its own.
    let mut read = db.begin_person_read().await?;
    let Some(stored) = read.person(person).await? else {
        read.rollback().await?;
        return Ok(ParticipantRead::Unknown);
    };
    let rows = read.person_events(person).await?;
    read.rollback().await?;
    let rows = by_enrolment(rows)?;
    // Only the programmes of the person's enrolments are looked up: a national deployment has
    // thousands, and a person a handful.
    let mut involved: Vec<String> = Vec::new();
    for (_, programme, _) in &rows {
        if !involved.contains(programme) {
            involved.push(programme.clone());
        }
    }
    let mut rules: HashMap<String, Rules> = HashMap::new();
    for p in crate::programmes_with_ids(db, &involved).await? {
        if db.programme_organisation(&p.id).await?.as_deref() == Some(&actor.organisation) {
            rules.insert(p.id.clone(), p.rules.effective());
        }
    }
    let mut in_organisation = false;
    let mut enrolments = Vec::new();
    for (id, programme, events) in rows {
        let Some(rules) = rules.get(&programme) else {
            continue;
        };
        let plain: Vec<Event> = events.iter().map(|(_, e)| e.clone()).collect();
        let voided = voided_events(&plain);
        let Some(timeline) = EnrolmentTimeline::from_events(plain) else {
            continue; // a voided referral: the enrolment counts as never recorded
        };
        in_organisation = true;
        let caseworker = timeline.caseworker_on(today);
        let resource = Resource::Enrolment {
            organisation: &actor.organisation,
            programme: &programme,
            caseworker,
        };
        if can(actor, Action::ReadCase, &resource) != Decision::Allow {
            continue;
        }
        let version = crate::versions::enrolment_version(
            events
                .iter()
                .map(|(seq, e)| (*seq, e.record_type().as_str())),
        );
        enrolments.push(ParticipantEnrolment {
            version,
            status: StatusView::of(timeline.status_on(today, rules)),
            caseworker: caseworker.map(str::to_owned),
            open_activities: open_activities(&timeline, today),
            events: events
                .into_iter()
                .zip(voided)
                .map(|((seq, record), voided)| TimelineEntry {
                    seq,
                    voided,
                    record,
                })
                .collect(),
            id,
            programme,
        });
    }
    if enrolments.is_empty() {
        return Ok(if in_organisation {
            ParticipantRead::Refused
        } else {
            ParticipantRead::Unknown
        });
    }
    let mut entry = ctx.audit("read", "person", person, None);
    entry.purpose = Some("participant page".into());
    // No audit row, no data: nothing is returned unless the row is committed.
    let mut tx = db.begin_person_data().await?;
    tx.append_audit(&[entry], db.keys()).await?;
    tx.commit().await?;

    let body: Person = serde_json::from_str(&stored.body)
        .map_err(|_| corrupt("person", person, "body is not a valid person"))?;
    let national_id_masked = match &stored.national_id_enc {
        Some(sealed) => Some(
            NationalId::parse(&db.keys().decrypt(sealed)?)
                .map_err(|_| corrupt("person", person, "national id does not parse"))?
                .masked(),
        ),
        None => None,
    };
    Ok(ParticipantRead::Found(Box::new(Participant {
        person: body,
        national_id_masked,
        enrolments,
    })))
}

fn open_activities(timeline: &EnrolmentTimeline, today: NaiveDate) -> Vec<OpenActivity> {
    timeline
        .activities
        .iter()
        .filter(|a| a.ends.is_empty())
        .map(|a| OpenActivity {
            id: a.id.clone(),
            kind: a.kind,
            start: a.start,
            planned_end: a
                .planned_end_on(today)
                .or_else(|| a.plans.last().and_then(|(_, end)| *end)),
            company: a.company.clone(),
        })
        .collect()
}

/// Whether `activity` is a (not voided) activity of `enrolment`, so an extension or end posted on
/// the enrolment cannot land on another one. Reads only; writes nothing.
pub async fn activity_belongs_to<B: Backend + AccessStore + PersonDataStore>(
    db: &B,
    enrolment: &str,
    activity: &str,
) -> Result<bool, StoreError> {
    let Some(person) = db.enrolment_person(enrolment).await? else {
        return Ok(false);
    };
    let mut tx = db.begin_person_read().await?;
    let rows = tx.person_events(&person).await?;
    tx.rollback().await?;
    for (id, _, events) in by_enrolment(rows)? {
        if id != enrolment {
            continue;
        }
        let timeline = EnrolmentTimeline::from_events(events.into_iter().map(|(_, e)| e).collect());
        return Ok(timeline.is_some_and(|t| t.activities.iter().any(|a| a.id == activity)));
    }
    Ok(false)
}
