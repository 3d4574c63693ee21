//! Finding participants of a programme by name or exact national id (a caseworker taking over a
//! referral). A POST with a JSON body, so a national id never travels in a URL; every search is
//! audited with its criterion (national ids masked).

use axum::Json;
use axum::extract::{Path, State};
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::national_id::NationalId;
use jobbro_store::people::{
    Criterion, PersonHit, person_access, reveal_national_id, search_people,
};
use serde::Deserialize;

use super::decide;
use crate::{ApiCaller, ApiError, AppState};

/// Exactly one of `name` or `national_id`.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SearchRequest {
    /// Part of the given or family name (at least two characters).
    name: Option<String>,
    /// The exact national id (CPR or personnummer).
    national_id: Option<String>,
}

impl std::fmt::Debug for SearchRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchRequest")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Participants of the programme matching a name or an exact national id, national ids masked.
#[utoipa::path(post, path = "/programmes/{id}/people/search", tag = "people", security(("bearer" = [])),
    params(("id" = String, Path, description = "Programme id")),
    request_body = SearchRequest,
    responses(
        (status = 200, description = "People found, with their enrolments in the programme; national ids masked", body = [Object]),
        (status = 400, description = "Neither or both criteria, or a criterion that cannot match, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not search this programme", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
pub async fn search(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Json(request): Json<SearchRequest>,
) -> Result<Json<Vec<PersonHit>>, ApiError> {
    if decide(&state, &caller, Action::Search, &id).await? == Decision::Deny {
        return Err(ApiError::Forbidden);
    }
    let criterion = match (request.name, request.national_id) {
        (Some(name), None) if name.trim().chars().count() >= 2 => {
            Criterion::Name(name.trim().to_owned())
        }
        (Some(_), None) => return Err(ApiError::bad("name", "must be at least two characters")),
        (None, Some(nid)) => Criterion::NationalId(
            NationalId::parse(&nid).map_err(|e| ApiError::bad("national_id", e.to_string()))?,
        ),
        _ => return Err(ApiError::bad("name", "give either name or national_id")),
    };
    Ok(Json(
        search_people(state.db.as_ref(), &id, &criterion, &caller.ctx).await?,
    ))
}

/// The policy's answer for an action on a person, from the person's enrolments in the caller's
/// organisation. A person with none there is answered as unknown, so their existence does not leak.
async fn decide_person(
    state: &AppState,
    caller: &ApiCaller,
    action: Action,
    person: &str,
) -> Result<Decision, ApiError> {
    let not_found = || ApiError::NotFound(format!("no person with id {person}"));
    let today = caller.ctx.today();
    let enrolments = match person_access(state.db.as_ref(), person, today).await {
        Err(jobbro_store::StoreError::UnknownPerson(_)) => return Err(not_found()),
        other => other?,
    };
    let org = caller.actor.organisation.as_str();
    let mine: Vec<(&str, Option<&str>)> = enrolments
        .iter()
        .filter(|e| e.organisation == org)
        .map(|e| (e.programme.as_str(), e.caseworker.as_deref()))
        .collect();
    if mine.is_empty() {
        return Err(not_found());
    }
    Ok(can(
        &caller.actor,
        action,
        &Resource::Person {
            organisation: org,
            enrolments: &mine,
        },
    ))
}

/// Why the full number is needed; recorded in the audit log.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ShowRequest {
    /// The purpose, e.g. "registering the internship with the employer" (at least 3 characters).
    purpose: String,
}

/// The person's full national id: an explicit, audited action (POST, so the number never sits
/// in a URL or a cache). Allowed only if the caller may read every one of the person's
/// enrolments.
#[utoipa::path(post, path = "/people/{id}/national-id", tag = "people", security(("bearer" = [])),
    params(("id" = String, Path, description = "Person id")),
    request_body = ShowRequest,
    responses(
        (status = 200, description = "`{\"national_id\": …}` (null when the person has none)", body = Object),
        (status = 400, description = "No purpose given", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not read every enrolment of this person", body = Object),
        (status = 404, description = "No such person in the caller's organisation", body = Object),
    ))]
pub async fn show_national_id(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Json(request): Json<ShowRequest>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let purpose = request.purpose.trim();
    if purpose.chars().count() < 3 {
        return Err(ApiError::bad(
            "purpose",
            "say why the full number is needed (at least 3 characters)",
        ));
    }
    if !decide_person(&state, &caller, Action::ShowNationalId, &id)
        .await?
        .allowed()
    {
        return Err(ApiError::Forbidden);
    }
    let national_id = reveal_national_id(state.db.as_ref(), &id, purpose, &caller.ctx).await?;
    Ok(Json(serde_json::json!({ "national_id": national_id })))
}

/// Everything held about the person (GDPR Art. 15): the record, every enrolment's events and the
/// audit extract. Audited as an export. Allowed only if the caller may read every enrolment.
#[utoipa::path(get, path = "/people/{id}/export", tag = "people", security(("bearer" = [])),
    params(("id" = String, Path, description = "Person id")),
    responses(
        (status = 200, description = "The person's data export", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not read every enrolment of this person", body = Object),
        (status = 404, description = "No such person in the caller's organisation", body = Object),
    ))]
pub async fn export(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<jobbro_store::PersonExport>, ApiError> {
    if !decide_person(&state, &caller, Action::ExportPerson, &id)
        .await?
        .allowed()
    {
        return Err(ApiError::Forbidden);
    }
    Ok(Json(
        jobbro_store::export_person(state.db.as_ref(), &id, &caller.ctx).await?,
    ))
}
