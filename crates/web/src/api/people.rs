//! Finding participants of a programme by name or exact national id (a caseworker taking over a
//! referral). A POST with a JSON body, so a national id never travels in a URL; every search is
//! audited with its criterion (national ids masked).

use axum::Json;
use axum::extract::{Path, State};
use jobbro_domain::access::{Action, Decision};
use jobbro_domain::national_id::NationalId;
use jobbro_store::people::{Criterion, PersonHit, search_people};
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
