//! The matching API (ISSUE 6, item 4): an opening's ranked candidates with each score explained,
//! a participant's ranked openings, and proposals — propose, start (the timeline's activity at
//! the opening's company), decline. Decided by the same code as the pages
//! (`pages::matching::view`); reads that return names are audited first.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use jobbro_domain::enums::Situation;
use jobbro_domain::matching::Score;
use jobbro_domain::opening::OpeningState;
use jobbro_domain::proposal::{Outcome, Proposal};
use jobbro_store::matching::{ProposalLine, StartRefusal};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::pages::matching::view::{self, Declined, Proposed, Refused, Started, opening_match};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(candidates))
        .routes(routes!(openings_for))
        .routes(routes!(propose))
        .routes(routes!(start))
        .routes(routes!(decline))
}

fn refused(r: Refused, what: &str) -> ApiError {
    match r {
        Refused::Forbidden => ApiError::Forbidden,
        Refused::NotFound => ApiError::NotFound(format!("no {what}")),
    }
}

/// A proposal with what came of it.
#[derive(Debug, Serialize)]
struct ProposalOut {
    #[serde(flatten)]
    proposal: Proposal,
    /// Send it back to decline.
    version: i64,
    outcome: Outcome,
    /// The started activity's id (the timeline's `activity_started`).
    #[serde(skip_serializing_if = "Option::is_none")]
    activity: Option<String>,
    /// Whether the caller may read the enrolment (else no name).
    named: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    given_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_name: Option<String>,
}

impl From<ProposalLine> for ProposalOut {
    fn from(l: ProposalLine) -> Self {
        let name = l.name.unwrap_or_default();
        ProposalOut {
            named: name.given_name.is_some() || name.family_name.is_some(),
            given_name: name.given_name,
            family_name: name.family_name,
            version: l.stored.version,
            proposal: l.stored.proposal,
            outcome: l.outcome,
            activity: l.activity,
        }
    }
}

#[derive(Debug, Serialize)]
struct CandidateOut {
    rank: usize,
    enrolment: String,
    programme: String,
    person: String,
    given_name: Option<String>,
    family_name: Option<String>,
    situation: Situation,
    /// `tenths` (out of 1000) and each factor: `kind`, `weight`, `fit` (percent), `tenths`,
    /// `reason` (`code` and its facts).
    score: Score,
}

#[derive(Debug, Serialize)]
struct CandidatesOut {
    opening: String,
    state: OpeningState,
    started: usize,
    /// Active participants who could be proposed but have no profile yet.
    without_profile: usize,
    candidates: Vec<CandidateOut>,
    proposals: Vec<ProposalOut>,
}

/// The opening's candidates, best first, each score explained factor by factor (docs/MATCHING.md),
/// and its proposals with what came of them. Audited.
#[utoipa::path(get, path = "/openings/{opening}/candidates", tag = "matching", security(("bearer" = [])),
    params(("opening" = String, Path, description = "Opening id")),
    responses(
        (status = 200, description = "`{opening, state, started, without_profile, candidates, proposals}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not use openings", body = Object),
        (status = 404, description = "No such opening", body = Object),
    ))]
async fn candidates(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(opening): Path<String>,
) -> Result<Json<CandidatesOut>, ApiError> {
    let (stored, m) = opening_match(&state, &caller.actor, &caller.ctx, &opening)
        .await?
        .map_err(|r| refused(r, "such opening"))?;
    let started = m.started();
    Ok(Json(CandidatesOut {
        opening: stored.opening.id,
        state: m.state,
        started,
        without_profile: m.without_profile,
        candidates: m
            .candidates
            .into_iter()
            .map(|r| CandidateOut {
                rank: r.rank,
                enrolment: r.item.enrolment,
                programme: r.item.programme,
                person: r.item.person,
                given_name: r.item.name.given_name,
                family_name: r.item.name.family_name,
                situation: r.item.situation,
                score: r.score,
            })
            .collect(),
        proposals: m.proposals.into_iter().map(ProposalOut::from).collect(),
    }))
}

#[derive(Debug, Serialize)]
struct OpeningOut {
    rank: usize,
    opening: jobbro_domain::opening::Opening,
    score: Score,
    #[serde(skip_serializing_if = "Option::is_none")]
    proposal: Option<ProposalOut>,
}

#[derive(Debug, Serialize)]
struct OpeningsOut {
    enrolment: String,
    /// The enrolment's situation today; `null` when it is not active.
    situation: Option<Situation>,
    /// Whether the participant has a profile for matching (without one, every score is low).
    profile: bool,
    openings: Vec<OpeningOut>,
}

/// The open openings ranked for the participant's profile, each score explained, and those they
/// were proposed for. None when the participant is in a job or education. Audited (the profile
/// read).
#[utoipa::path(get, path = "/enrolments/{enrolment}/openings", tag = "matching", security(("bearer" = [])),
    params(("enrolment" = String, Path, description = "Enrolment id")),
    responses(
        (status = 200, description = "`{enrolment, situation, profile, openings}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not read this enrolment, or does not use openings", body = Object),
        (status = 404, description = "No such enrolment", body = Object),
    ))]
async fn openings_for(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(enrolment): Path<String>,
) -> Result<Json<OpeningsOut>, ApiError> {
    let found = view::enrolment_openings(&state, &caller.actor, &caller.ctx, &enrolment)
        .await?
        .map_err(|r| refused(r, "such enrolment"))?;
    let (profile, m) = (found.profile, found.matched);
    Ok(Json(OpeningsOut {
        enrolment,
        situation: m.situation,
        profile: profile.is_some(),
        openings: m
            .openings
            .into_iter()
            .map(|r| OpeningOut {
                rank: r.rank,
                opening: r.item.stored.opening,
                score: r.score,
                proposal: r.item.proposal.map(ProposalOut::from),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct ProposeIn {
    /// The enrolment to propose.
    enrolment: String,
}

/// Proposes a participant for the opening, keeping the score they have now.
#[utoipa::path(post, path = "/openings/{opening}/proposals", tag = "matching", security(("bearer" = [])),
    params(("opening" = String, Path, description = "Opening id")),
    request_body = ProposeIn,
    responses(
        (status = 201, description = "The proposal, with its `version`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not write this enrolment, or does not use openings", body = Object),
        (status = 404, description = "No such opening or enrolment", body = Object),
        (status = 400, description = "A body without `enrolment`", body = Object),
        (status = 409, description = "Already proposed for this opening", body = Object),
    ))]
async fn propose(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(opening): Path<String>,
    body: Result<Json<ProposeIn>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    view::opening_there(&state, &caller.actor, &opening)
        .await?
        .map_err(|r| refused(r, "such opening"))?;
    let Json(body) = body.map_err(|e| ApiError::bad("enrolment", e.body_text()))?;
    match view::propose(
        &state,
        &caller.actor,
        &caller.ctx,
        &opening,
        &body.enrolment,
    )
    .await?
    {
        Proposed::Done(saved) => Ok((
            StatusCode::CREATED,
            Json(serde_json::json!({
                "proposal": saved.proposal,
                "version": saved.version,
            })),
        )),
        Proposed::Already => Err(ApiError::Conflict(
            "this participant is already proposed for this opening".into(),
        )),
        Proposed::Refused(r) => Err(refused(r, "such opening or enrolment")),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct StartIn {
    /// The first day in the place.
    #[schema(value_type = String, format = Date)]
    date: NaiveDate,
}

/// Starts the proposal: writes the timeline's `activity_started` at the opening's company (kind,
/// hours and planned end from the opening), all or nothing. The company's placements and the
/// status report count it from then on.
#[utoipa::path(post, path = "/proposals/{proposal}/start", tag = "matching", security(("bearer" = [])),
    params(("proposal" = String, Path, description = "Proposal id")),
    request_body = StartIn,
    responses(
        (status = 201, description = "`{enrolment, activity}`: the activity written", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not write this enrolment", body = Object),
        (status = 404, description = "No such proposal", body = Object),
        (status = 400, description = "A body without a `date` (YYYY-MM-DD)", body = Object),
        (status = 409, description = "Declined, already started, or the opening has no place left", body = Object),
        (status = 422, description = "Refused by the timeline's checks (an enrolment that has ended…)", body = Object),
    ))]
async fn start(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(proposal): Path<String>,
    body: Result<Json<StartIn>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    view::proposal_there(&state, &caller.actor, &proposal)
        .await?
        .map_err(|r| refused(r, "such proposal"))?;
    let Json(body) = body.map_err(|e| ApiError::bad("date", e.body_text()))?;
    let started = view::start(&state, &caller.actor, &caller.ctx, &proposal, body.date).await;
    match started {
        Ok(Started::Done {
            enrolment,
            activity,
            ..
        }) => Ok((
            StatusCode::CREATED,
            Json(serde_json::json!({"enrolment": enrolment, "activity": activity})),
        )),
        Ok(Started::Refused(r)) => Err(ApiError::Conflict(
            match r {
                StartRefusal::NotFound => "no such proposal for this opening",
                StartRefusal::Declined => "the proposal was declined",
                StartRefusal::AlreadyStarted => "the proposal has started already",
                StartRefusal::NotOpen => "the opening has no place left (filled or closed)",
            }
            .into(),
        )),
        Ok(Started::Denied(r)) => Err(refused(r, "such proposal")),
        Err(jobbro_store::StoreError::Invalid { errors, total }) => {
            Err(ApiError::Invalid { errors, total })
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct DeclineIn {
    /// The proposal's version as last read.
    version: i64,
}

/// Declines (or withdraws) the proposal today, if nobody changed it since `version`.
#[utoipa::path(post, path = "/proposals/{proposal}/decline", tag = "matching", security(("bearer" = [])),
    params(("proposal" = String, Path, description = "Proposal id")),
    request_body = DeclineIn,
    responses(
        (status = 200, description = "The proposal, with its new `version`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not write this enrolment", body = Object),
        (status = 404, description = "No such proposal", body = Object),
        (status = 400, description = "A body without `version`", body = Object),
        (status = 409, description = "Changed by someone else since `version`: nothing written", body = Object),
    ))]
async fn decline(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(proposal): Path<String>,
    body: Result<Json<DeclineIn>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    view::proposal_there(&state, &caller.actor, &proposal)
        .await?
        .map_err(|r| refused(r, "such proposal"))?;
    let Json(body) = body.map_err(|e| ApiError::bad("version", e.body_text()))?;
    match view::decline(&state, &caller.actor, &caller.ctx, &proposal, body.version).await? {
        Declined::Done(saved) => Ok(Json(serde_json::json!({
            "proposal": saved.proposal,
            "version": saved.version,
        }))),
        Declined::Stale => Err(ApiError::Conflict(
            "the proposal was changed by someone else since that version: read it again; nothing was written".into(),
        )),
        Declined::Denied(r) => Err(refused(r, "such proposal")),
    }
}
