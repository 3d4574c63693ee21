//! The writes of the network, each with its checks and audit rows, for every way in (pages, API,
//! command line): the domain's one check of each thing, plus what only the database can tell —
//! that a mentor's company is in the register, that a linked or booked person is one of the
//! organisation's, that a booked interpreter interprets the language the participant needs.
//! Whoever calls has asked the policy first (the command line is the operator's).
//!
//! A refusal names its fields ([`Refused::Fields`]); a save over someone else's newer one is
//! [`Refused::Stale`], and nothing is written.

use chrono::NaiveDate;
use jobbro_domain::codes::Language;
use jobbro_domain::network::{NetworkLink, NetworkPerson, PlannedMeeting};
use jobbro_domain::records::FieldError;

use super::{NetworkStore, Saved};
use crate::backend::Backend;
use crate::{Context, StoreError};

/// Why a write was not done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Wrong input, by field.
    Fields(Vec<FieldError>),
    /// Someone saved since: the version now stored.
    Stale { current: i64 },
    /// No such row in the caller's organisation (or of the enrolment named).
    Missing,
}

/// The answer of a checked write: done (with what it gives back), or refused.
pub type Checked<T> = Result<Result<T, Refused>, StoreError>;

fn field(field: &str, reason: &str) -> FieldError {
    FieldError {
        field: field.into(),
        reason: reason.into(),
    }
}

/// The person's problems, with the mentor's company looked up in the register.
async fn person_problems<B: Backend>(
    db: &B,
    person: &NetworkPerson,
) -> Result<Vec<FieldError>, StoreError> {
    let mut problems = person.problems();
    if let Some(company) = person.company.as_deref().filter(|c| !c.trim().is_empty())
        && problems.iter().all(|p| p.field != "company")
        && crate::companies::company(db, company).await?.is_none()
    {
        problems.push(field("company", "is not a company of the register"));
    }
    Ok(problems)
}

/// Adds a network person to `ctx`'s organisation (audited as a create).
pub async fn add_person<B: Backend + NetworkStore>(
    db: &B,
    ctx: &Context,
    person: &NetworkPerson,
) -> Checked<()> {
    let problems = person_problems(db, person).await?;
    if !problems.is_empty() {
        return Ok(Err(Refused::Fields(problems)));
    }
    let mut entry = ctx.audit("create", "network_person", &person.id, None);
    entry.purpose = Some(format!("network register: {}", person.kind.as_str()));
    db.insert_network_person(person, ctx, &[entry]).await?;
    Ok(Ok(()))
}

/// Replaces a network person of `ctx`'s organisation that is still at `version`.
pub async fn update_person<B: Backend + NetworkStore>(
    db: &B,
    ctx: &Context,
    person: &NetworkPerson,
    version: i64,
) -> Checked<i64> {
    let problems = person_problems(db, person).await?;
    if !problems.is_empty() {
        return Ok(Err(Refused::Fields(problems)));
    }
    let mut entry = ctx.audit("update", "network_person", &person.id, None);
    entry.purpose = Some("network register".into());
    Ok(
        match db
            .update_network_person(person, version, ctx, &[entry])
            .await?
        {
            Saved::Done { version } => Ok(version),
            Saved::Stale { current } => Err(Refused::Stale { current }),
            Saved::Missing => Err(Refused::Missing),
        },
    )
}

/// Links a network person of `ctx`'s organisation to an enrolment of `programme`.
pub async fn add_link<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    link: &NetworkLink,
    programme: &str,
) -> Checked<()> {
    let mut problems = link.problems();
    if !link.person.trim().is_empty()
        && db
            .network_person(&ctx.organisation, &link.person)
            .await?
            .is_none()
    {
        problems.push(field(
            "person",
            "is not a network person of the organisation",
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(Refused::Fields(problems)));
    }
    let mut entry = ctx.audit("create", "enrolment", &link.enrolment, Some(programme));
    entry.purpose = Some(format!("network link {} ({})", link.id, link.role.as_str()));
    db.insert_link(link, ctx, &[entry]).await?;
    Ok(Ok(()))
}

/// Ends a link of the enrolment on `to`.
pub async fn end_link<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    enrolment: &str,
    programme: &str,
    id: &str,
    to: NaiveDate,
) -> Checked<()> {
    let links = db.links(super::LinksOf::Enrolment(enrolment)).await?;
    let Some(link) = links.iter().find(|l| l.id == id) else {
        return Ok(Err(Refused::Missing));
    };
    if to < link.from {
        return Ok(Err(Refused::Fields(vec![field(
            "to",
            "must not be before from",
        )])));
    }
    let mut entry = ctx.audit("update", "enrolment", enrolment, Some(programme));
    entry.purpose = Some(format!("network link {id} ended"));
    db.end_link(enrolment, id, to, &[entry]).await?;
    Ok(Ok(()))
}

/// Sets or (with `None`) removes the enrolment's interpreter need.
pub async fn set_need<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    enrolment: &str,
    programme: &str,
    language: Option<Language>,
) -> Result<(), StoreError> {
    set_need_from(db, ctx, enrolment, programme, (None, language)).await
}

/// [`set_need`] from a form that showed the need `was`: refused ([`StoreError::Conflict`],
/// nothing written) when someone else has changed it since. `None` for `was` sets it whatever
/// is stored.
pub async fn set_need_from<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    enrolment: &str,
    programme: &str,
    (was, language): (Option<Option<Language>>, Option<Language>),
) -> Result<(), StoreError> {
    let mut entry = ctx.audit("update", "enrolment", enrolment, Some(programme));
    entry.purpose = Some("interpreter need".into());
    db.set_interpreter_need(enrolment, language, was, ctx, &[entry])
        .await
}

/// The problems of booking the meeting's interpreter: one of the organisation's interpreters,
/// interpreting the language the participant needs.
async fn booking_problems<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    meeting: &PlannedMeeting,
) -> Result<Vec<FieldError>, StoreError> {
    let Some(id) = meeting.interpreter.as_deref() else {
        return Ok(Vec::new());
    };
    let Some(entry) = db.network_person(&ctx.organisation, id).await? else {
        return Ok(vec![field(
            "interpreter",
            "is not a network person of the organisation",
        )]);
    };
    let need = db
        .interpreter_need(&meeting.enrolment)
        .await?
        .map(|n| n.language);
    Ok(meeting.booking_problems(Some(&entry.person), need))
}

/// Plans a meeting on an enrolment of `programme` (stored as version 1).
pub async fn plan_meeting<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    meeting: &PlannedMeeting,
    programme: &str,
) -> Checked<()> {
    let problems = booking_problems(db, ctx, meeting).await?;
    if !problems.is_empty() {
        return Ok(Err(Refused::Fields(problems)));
    }
    let mut entry = ctx.audit("create", "enrolment", &meeting.enrolment, Some(programme));
    entry.purpose = Some(format!("planned meeting {}", meeting.id));
    db.insert_meeting(meeting, ctx, &[entry]).await?;
    Ok(Ok(()))
}

/// Saves a meeting that is still at `meeting.version`; its new version.
pub async fn update_meeting<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    meeting: &PlannedMeeting,
    programme: &str,
) -> Checked<i64> {
    let problems = booking_problems(db, ctx, meeting).await?;
    if !problems.is_empty() {
        return Ok(Err(Refused::Fields(problems)));
    }
    let mut entry = ctx.audit("update", "enrolment", &meeting.enrolment, Some(programme));
    entry.purpose = Some(format!(
        "planned meeting {} ({})",
        meeting.id,
        meeting.state.as_str()
    ));
    Ok(match db.update_meeting(meeting, ctx, &[entry]).await? {
        Saved::Done { version } => Ok(version),
        Saved::Stale { current } => Err(Refused::Stale { current }),
        Saved::Missing => Err(Refused::Missing),
    })
}

/// The network people of the organisation who may be ticked as having taken part in a contact
/// of `enrolment` on `day`: those linked to it on that day.
pub async fn linked_on<B: NetworkStore>(
    db: &B,
    ctx: &Context,
    enrolment: &str,
    day: NaiveDate,
) -> Result<Vec<NetworkPerson>, StoreError> {
    let links = db.links(super::LinksOf::Enrolment(enrolment)).await?;
    let people = db.network_people(&ctx.organisation).await?;
    Ok(people
        .into_iter()
        .map(|e| e.person)
        .filter(|p| links.iter().any(|l| l.person == p.id && l.holds_on(day)))
        .collect())
}
