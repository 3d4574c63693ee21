//! What the matching pages and the matching API both show, decided once: who may see an opening's
//! candidates (those who use openings), whose names and profiles they see (`ReadCase` on each
//! enrolment), and the audit rows written before any name is returned; proposing, starting and
//! declining (`WriteCase` on the enrolment).

use chrono::NaiveDate;
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::profile::Profile;
use jobbro_store::access::AccessStore;
use jobbro_store::matching::{
    self, EnrolmentMatch, OpeningMatch, StartRefusal, match_enrolment, match_opening,
    start_proposal,
};
use jobbro_store::openings::{OpeningStore, StoredOpening};
use jobbro_store::people::enrolment_access;
use jobbro_store::profiles::{StoredProfile, read_profile};
use jobbro_store::proposals::{ProposalError, ProposalStore, StoredProposal};
use jobbro_store::{Context, StoreError};

use crate::AppState;
use crate::pages::forms::new_record_id;

/// Why a matching request is refused before anything is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The caller's role does not use openings, or may not write the enrolment.
    Forbidden,
    /// No such opening, proposal or enrolment in the caller's organisation.
    NotFound,
}

/// Whether the caller uses openings at all.
pub(crate) fn uses_openings(actor: &Actor) -> bool {
    let register = Resource::Organisation {
        organisation: &actor.organisation,
    };
    can(actor, Action::UseOpenings, &register).allowed()
}

/// Whether the caller may read the enrolment of `programme` with `caseworker`.
fn may_read(actor: &Actor, programme: &str, caseworker: Option<&str>) -> bool {
    let resource = Resource::Enrolment {
        organisation: &actor.organisation,
        programme,
        caseworker,
    };
    can(actor, Action::ReadCase, &resource) == Decision::Allow
}

/// An opening with its candidates and proposals, as the caller may see them. Audited: one row
/// per programme whose participants are named.
pub(crate) async fn opening_match(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    opening: &str,
) -> Result<Result<(StoredOpening, OpeningMatch), Refused>, StoreError> {
    if !uses_openings(actor) {
        return Ok(Err(Refused::Forbidden));
    }
    let Some(stored) = state.db.opening(opening, &actor.organisation).await? else {
        return Ok(Err(Refused::NotFound));
    };
    let m = match_opening(
        state.db.as_ref(),
        &stored,
        &actor.programmes,
        |p, cw| may_read(actor, p, cw),
        ctx,
    )
    .await?;
    let mut named: Vec<&str> = m
        .candidates
        .iter()
        .map(|c| c.item.programme.as_str())
        .chain(
            m.proposals
                .iter()
                .filter(|l| l.name.is_some())
                .map(|l| l.stored.programme.as_str()),
        )
        .collect();
    named.sort_unstable();
    named.dedup();
    let audit: Vec<_> = named
        .into_iter()
        .map(|p| {
            let mut entry = ctx.audit("read", "programme", p, Some(p));
            entry.purpose = Some(format!("candidates for opening {opening}"));
            entry
        })
        .collect();
    // Recorded before anything is shown: no audit row, no names.
    if !audit.is_empty() {
        state.db.append_audit(&audit).await?;
    }
    Ok(Ok((stored, m)))
}

/// Whether the caller may use openings and `opening` is one of their organisation's.
pub(crate) async fn opening_there(
    state: &AppState,
    actor: &Actor,
    opening: &str,
) -> Result<Result<(), Refused>, StoreError> {
    if !uses_openings(actor) {
        return Ok(Err(Refused::Forbidden));
    }
    Ok(
        match state.db.opening(opening, &actor.organisation).await? {
            Some(_) => Ok(()),
            None => Err(Refused::NotFound),
        },
    )
}

/// Whether the caller may use openings and `proposal` is one of their organisation's.
pub(crate) async fn proposal_there(
    state: &AppState,
    actor: &Actor,
    proposal: &str,
) -> Result<Result<(), Refused>, StoreError> {
    if !uses_openings(actor) {
        return Ok(Err(Refused::Forbidden));
    }
    Ok(
        match state.db.proposal(proposal, &actor.organisation).await? {
            Some(_) => Ok(()),
            None => Err(Refused::NotFound),
        },
    )
}

/// The programme of `enrolment` when the caller may write it (propose, start, decline).
async fn writable(
    state: &AppState,
    actor: &Actor,
    enrolment: &str,
    today: NaiveDate,
) -> Result<Result<String, Refused>, StoreError> {
    let found = enrolment_access(state.db.as_ref(), enrolment, today)
        .await?
        .map(|(_, access)| access)
        .filter(|a| a.organisation == actor.organisation);
    let Some(access) = found else {
        return Ok(Err(Refused::NotFound));
    };
    let resource = Resource::Enrolment {
        organisation: &access.organisation,
        programme: &access.programme,
        caseworker: access.caseworker.as_deref(),
    };
    Ok(match can(actor, Action::WriteCase, &resource) {
        Decision::Allow => Ok(access.programme),
        _ => Err(Refused::Forbidden),
    })
}

/// What proposing did.
#[derive(Debug)]
pub(crate) enum Proposed {
    Done(StoredProposal),
    Already,
    Refused(Refused),
}

/// Proposes `enrolment` for `opening`, with the score it has now (its profile read, audited).
pub(crate) async fn propose(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    opening: &str,
    enrolment: &str,
) -> Result<Proposed, StoreError> {
    if !uses_openings(actor) {
        return Ok(Proposed::Refused(Refused::Forbidden));
    }
    let Some(stored) = state.db.opening(opening, &actor.organisation).await? else {
        return Ok(Proposed::Refused(Refused::NotFound));
    };
    let programme = match writable(state, actor, enrolment, ctx.today()).await? {
        Ok(p) => p,
        Err(r) => return Ok(Proposed::Refused(r)),
    };
    match matching::propose(
        state.db.as_ref(),
        &stored,
        enrolment,
        &programme,
        new_record_id(),
        ctx,
    )
    .await
    {
        Ok(saved) => Ok(Proposed::Done(saved)),
        Err(ProposalError::AlreadyProposed) => Ok(Proposed::Already),
        Err(ProposalError::Store(e)) => Err(e),
        Err(other) => Err(StoreError::BadInput {
            field: "proposal".into(),
            reason: other.to_string(),
        }),
    }
}

/// What starting did.
#[derive(Debug)]
pub(crate) enum Started {
    Done { enrolment: String, activity: String },
    Refused(StartRefusal),
    Denied(Refused),
}

/// Starts proposal `proposal` on `date`: the timeline's activity at the opening's company.
pub(crate) async fn start(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    proposal: &str,
    date: NaiveDate,
) -> Result<Started, StoreError> {
    if !uses_openings(actor) {
        return Ok(Started::Denied(Refused::Forbidden));
    }
    let Some(p) = state.db.proposal(proposal, &actor.organisation).await? else {
        return Ok(Started::Denied(Refused::NotFound));
    };
    if let Err(r) = writable(state, actor, &p.proposal.enrolment, ctx.today()).await? {
        return Ok(Started::Denied(r));
    }
    let Some(opening) = state
        .db
        .opening(&p.proposal.opening, &actor.organisation)
        .await?
    else {
        return Ok(Started::Denied(Refused::NotFound));
    };
    let enrolment = p.proposal.enrolment.clone();
    let audit = vec![matching::start_audit(&p, ctx)];
    let started = start_proposal(state.db.as_ref(), &opening, proposal, date, ctx, audit).await?;
    Ok(match started {
        Ok(_) => Started::Done {
            activity: p.proposal.activity_id(date),
            enrolment,
        },
        Err(refusal) => Started::Refused(refusal),
    })
}

/// What declining did.
#[derive(Debug)]
pub(crate) enum Declined {
    Done(StoredProposal),
    Stale,
    Denied(Refused),
}

/// Declines proposal `proposal` today, if it is still at `version`.
pub(crate) async fn decline(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    proposal: &str,
    version: i64,
) -> Result<Declined, StoreError> {
    if !uses_openings(actor) {
        return Ok(Declined::Denied(Refused::Forbidden));
    }
    let Some(p) = state.db.proposal(proposal, &actor.organisation).await? else {
        return Ok(Declined::Denied(Refused::NotFound));
    };
    if let Err(r) = writable(state, actor, &p.proposal.enrolment, ctx.today()).await? {
        return Ok(Declined::Denied(r));
    }
    match matching::decline(state.db.as_ref(), &p, version, ctx).await {
        Ok(saved) => Ok(Declined::Done(saved)),
        Err(ProposalError::Stale) => Ok(Declined::Stale),
        Err(ProposalError::NotFound) => Ok(Declined::Denied(Refused::NotFound)),
        Err(ProposalError::Store(e)) => Err(e),
        Err(other) => Err(StoreError::BadInput {
            field: "proposal".into(),
            reason: other.to_string(),
        }),
    }
}

/// A participant's openings, ranked for their profile (read, audited), when the caller may read
/// the enrolment.
pub(crate) async fn enrolment_openings(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    enrolment: &str,
) -> Result<Result<EnrolmentOpenings, Refused>, StoreError> {
    let found = enrolment_access(state.db.as_ref(), enrolment, ctx.today())
        .await?
        .filter(|(_, a)| a.organisation == actor.organisation);
    let Some((person, access)) = found else {
        return Ok(Err(Refused::NotFound));
    };
    if !uses_openings(actor) || !may_read(actor, &access.programme, access.caseworker.as_deref()) {
        return Ok(Err(Refused::Forbidden));
    }
    let profile = read_profile(
        state.db.as_ref(),
        enrolment,
        "openings for the participant",
        ctx,
    )
    .await?;
    let empty = Profile::default();
    let m = match_enrolment(
        state.db.as_ref(),
        enrolment,
        &access.programme,
        profile.as_ref().map_or(&empty, |p| &p.profile),
        ctx,
    )
    .await?;
    Ok(Ok(EnrolmentOpenings {
        person,
        profile,
        matched: m,
    }))
}

/// A participant's openings and what they were ranked from.
pub(crate) struct EnrolmentOpenings {
    pub person: String,
    pub profile: Option<StoredProfile>,
    pub matched: EnrolmentMatch,
}
