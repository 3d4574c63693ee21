//! Finding people in a programme — by name, or by exact national id — so a caseworker can take
//! over a referral. Every search is written to the audit log with its criterion before any
//! result is returned; a national id criterion is logged masked. Results show national ids
//! masked, never in full.

use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::{Event, Person};
use serde::Serialize;

use jobbro_domain::timeline::EnrolmentTimeline;

use crate::access::AccessStore;
use crate::backend::Backend;
use crate::person_data::{PersonDataStore, PersonDataTx};
use crate::{Context, StoreError};

/// What to look for.
#[derive(Debug, Clone)]
pub enum Criterion {
    /// Part of the given or family name, any case (at least two characters).
    Name(String),
    /// The exact national id (found through its keyed hash, never by decrypting every row).
    NationalId(NationalId),
}

impl Criterion {
    /// The criterion as the audit log records it: names as given, national ids masked.
    pub fn for_audit(&self) -> String {
        match self {
            Criterion::Name(text) => format!("name:{text}"),
            Criterion::NationalId(id) => format!("national_id:{}", id.masked()),
        }
    }
}

/// One person found, with their enrolments in the programme searched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonHit {
    pub person: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub national_id_masked: Option<String>,
    pub enrolments: Vec<String>,
}

fn corrupt(id: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: "person".into(),
        id: id.into(),
        reason: "body is not a person".into(),
    }
}

async fn hit<B: Backend + AccessStore>(
    db: &B,
    person: &str,
    enrolments: Vec<String>,
) -> Result<PersonHit, StoreError> {
    let (body, sealed) = db
        .person_row(person)
        .await?
        .ok_or_else(|| corrupt(person))?;
    let p: Person = serde_json::from_str(&body).map_err(|_| corrupt(person))?;
    let masked = match sealed {
        Some(sealed) => {
            let clear = db.keys().decrypt(&sealed)?;
            Some(
                NationalId::parse(&clear)
                    .map_err(|_| corrupt(person))?
                    .masked(),
            )
        }
        None => None,
    };
    Ok(PersonHit {
        person: person.to_owned(),
        given_name: p.given_name,
        family_name: p.family_name,
        national_id_masked: masked,
        enrolments,
    })
}

/// The digits of a text.
pub(crate) fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The (person, enrolment) pairs of `programme` whose person's name contains `name` (lower
/// case) or whose phone number contains the digits `phone`, by enrolment.
pub(crate) async fn people_matching<B: AccessStore>(
    db: &B,
    programme: &str,
    name: Option<&str>,
    phone: Option<&str>,
) -> Result<Vec<(String, String)>, StoreError> {
    let mut found = Vec::new();
    for (enrolment, person, body) in db.programme_people(programme).await? {
        let p: Person = serde_json::from_str(&body).map_err(|_| corrupt(&person))?;
        let full = format!(
            "{} {}",
            p.given_name.as_deref().unwrap_or(""),
            p.family_name.as_deref().unwrap_or("")
        )
        .to_lowercase();
        let by_name = name.is_some_and(|n| full.contains(n));
        let by_phone =
            phone.is_some_and(|d| p.phone.as_deref().is_some_and(|ph| digits(ph).contains(d)));
        if by_name || by_phone {
            found.push((person, enrolment));
        }
    }
    Ok(found)
}

/// The people of `programme` matching the criterion. The search is audited first.
pub async fn search_people<B: Backend + AccessStore>(
    db: &B,
    programme: &str,
    criterion: &Criterion,
    ctx: &Context,
) -> Result<Vec<PersonHit>, StoreError> {
    let mut entry = ctx.audit("search", "search", &criterion.for_audit(), Some(programme));
    entry.purpose = Some("find a participant".into());
    db.append_audit(&[entry]).await?;
    let mut hits = Vec::new();
    match criterion {
        Criterion::NationalId(id) => {
            let hash = db.keys().lookup_hash(&id.lookup_key());
            for person in db.persons_by_national_id_hash(&hash).await? {
                let enrolments = db.enrolments_of_person(&person, programme).await?;
                if !enrolments.is_empty() {
                    hits.push(hit(db, &person, enrolments).await?);
                }
            }
        }
        Criterion::Name(text) => {
            let needle = text.to_lowercase();
            let mut found = people_matching(db, programme, Some(&needle), None).await?;
            found.sort();
            let mut people: Vec<(String, Vec<String>)> = Vec::new();
            for (person, enrolment) in found {
                match people.last_mut() {
                    Some((last, list)) if *last == person => list.push(enrolment),
                    _ => people.push((person, vec![enrolment])),
                }
            }
            for (person, enrolments) in people {
                hits.push(hit(db, &person, enrolments).await?);
            }
        }
    }
    Ok(hits)
}

/// One of a person's enrolments as the access policy needs to see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentAccess {
    pub enrolment: String,
    pub programme: String,
    pub organisation: String,
    /// The caseworker responsible on the day asked about.
    pub caseworker: Option<String>,
}

/// The person's enrolments (voided ones left out) with their programme, organisation and
/// current caseworker, for the policy's `Resource::Person`. [`StoreError::UnknownPerson`] when
/// there is no such person. Reads only; writes nothing.
pub async fn person_access<B: Backend + AccessStore + PersonDataStore>(
    db: &B,
    person: &str,
    today: chrono::NaiveDate,
) -> Result<Vec<EnrolmentAccess>, StoreError> {
    let mut tx = db.begin_person_read().await?;
    let found = tx.person(person).await?;
    let events = tx.person_events(person).await?;
    tx.rollback().await?;
    if found.is_none() {
        return Err(StoreError::UnknownPerson(person.to_owned()));
    }
    let mut by_enrolment: Vec<(String, String, Vec<Event>)> = Vec::new();
    for e in events {
        let event = Event::from_stored_json(&e.body).map_err(|_| corrupt(person))?;
        match by_enrolment.last_mut() {
            Some((id, _, list)) if *id == e.enrolment => list.push(event),
            _ => by_enrolment.push((e.enrolment, e.programme, vec![event])),
        }
    }
    let mut out = Vec::new();
    for (enrolment, programme, events) in by_enrolment {
        let Some(timeline) = EnrolmentTimeline::from_events(events) else {
            continue;
        };
        let organisation = db
            .programme_organisation(&programme)
            .await?
            .unwrap_or_default();
        out.push(EnrolmentAccess {
            enrolment,
            programme,
            organisation,
            caseworker: timeline.caseworker_on(today).map(str::to_owned),
        });
    }
    Ok(out)
}

/// One enrolment's access facts and its person, for the policy's `Resource::Enrolment`; `None`
/// when there is no such enrolment (or it was voided). Reads only; writes nothing.
pub async fn enrolment_access<B: Backend + AccessStore + PersonDataStore>(
    db: &B,
    enrolment: &str,
    today: chrono::NaiveDate,
) -> Result<Option<(String, EnrolmentAccess)>, StoreError> {
    let Some(person) = db.enrolment_person(enrolment).await? else {
        return Ok(None);
    };
    let found = person_access(db, &person, today)
        .await?
        .into_iter()
        .find(|e| e.enrolment == enrolment);
    Ok(found.map(|e| (person, e)))
}

/// The person's full national id, written to the audit log (action `show_national_id`, with the
/// purpose given) in the same transaction that reads it: no audit row, no national id. The caller
/// has asked the policy first.
pub async fn reveal_national_id<B: Backend + AccessStore + PersonDataStore>(
    db: &B,
    person: &str,
    purpose: &str,
    ctx: &Context,
) -> Result<Option<String>, StoreError> {
    let mut tx = db.begin_person_data().await?;
    let Some(stored) = tx.person(person).await? else {
        tx.rollback().await?;
        return Err(StoreError::UnknownPerson(person.to_owned()));
    };
    let Some(sealed) = stored.national_id_enc else {
        tx.rollback().await?;
        return Ok(None);
    };
    let mut entry = ctx.audit("show_national_id", "person", person, None);
    entry.purpose = Some(purpose.to_owned());
    tx.append_audit(&[entry], db.keys()).await?;
    let clear = db.keys().decrypt(&sealed)?;
    tx.commit().await?;
    Ok(Some(clear))
}
