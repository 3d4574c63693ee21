//! The profile API (ISSUE 6, item 3): read and replace an enrolment's profile for matching, in
//! the JSON shape of the domain's `Profile` — the shape `jobbro profile set --file` reads.
//!
//! The version makes concurrent edits safe: `GET` answers it in the body and as the `ETag`
//! (`"3"`); `PUT` names the version it replaces, as `If-Match: "3"` or as `"version": 3` in the
//! body (none, or 0, for "no profile yet"). A `PUT` naming any other version than the one stored
//! is answered 409 and writes nothing. Reading needs `ReadCase` on the enrolment, replacing
//! `WriteCase`; both are audited in the store's transaction. A profile is personal data: never
//! log a request or an answer here.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{ETAG, IF_MATCH};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::profile::Profile;
use jobbro_store::people::enrolment_access;
use jobbro_store::profiles::{Expected, Saved, read_profile, save_profile};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_profile, put_profile))
}

/// A profile as the API answers it.
#[derive(Serialize)]
struct ProfileOut {
    enrolment: String,
    version: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_by: Option<String>,
    profile: Profile,
}

fn answer(status: StatusCode, out: &ProfileOut) -> Response {
    let etag = format!("\"{}\"", out.version);
    (status, [(ETAG, etag)], Json(json!(out))).into_response()
}

/// The enrolment's programme, when it is in the caller's organisation and the policy allows
/// `action` on it.
async fn allowed(
    state: &AppState,
    caller: &ApiCaller,
    enrolment: &str,
    action: Action,
) -> Result<String, ApiError> {
    let not_found = || ApiError::NotFound(format!("no enrolment with id {enrolment}"));
    let (_, access) = enrolment_access(state.db.as_ref(), enrolment, caller.ctx.today())
        .await?
        .ok_or_else(not_found)?;
    if access.organisation != caller.actor.organisation {
        return Err(not_found());
    }
    let resource = Resource::Enrolment {
        organisation: &access.organisation,
        programme: &access.programme,
        caseworker: access.caseworker.as_deref(),
    };
    match can(&caller.actor, action, &resource) {
        Decision::Allow => Ok(access.programme),
        _ => Err(ApiError::Forbidden),
    }
}

/// The enrolment's profile for matching, with its version (also the `ETag`). Audited.
#[utoipa::path(get, path = "/enrolments/{enrolment}/profile", tag = "profiles", security(("bearer" = [])),
    params(("enrolment" = String, Path, description = "Enrolment id")),
    responses(
        (status = 200, description = "`{enrolment, version, updated_at, updated_by, profile: {wished, experience: [{occupation, years, country}], education: {level, field}, danish_level, hours_available, driving_licence, area}}`; the version is also the `ETag`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not read this enrolment", body = Object),
        (status = 404, description = "No such enrolment in the caller's organisation, or no profile yet (`version` 0: a first PUT names none)", body = Object),
    ))]
async fn get_profile(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(enrolment): Path<String>,
) -> Result<Response, ApiError> {
    allowed(&state, &caller, &enrolment, Action::ReadCase).await?;
    let stored = read_profile(state.db.as_ref(), &enrolment, "api", &caller.ctx)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("enrolment {enrolment} has no profile yet")))?;
    Ok(answer(
        StatusCode::OK,
        &ProfileOut {
            enrolment: stored.enrolment,
            version: stored.version,
            updated_at: Some(stored.updated_at),
            updated_by: Some(stored.updated_by),
            profile: stored.profile,
        },
    ))
}

/// The version a request names: `If-Match` (`"3"`, `W/"3"` or `3`) or the body's `version`;
/// both may be given when they agree.
fn version_named(headers: &HeaderMap, body: Option<&Value>) -> Result<Option<i64>, ApiError> {
    let from_header = match headers.get(IF_MATCH) {
        None => None,
        Some(v) => {
            let text = v.to_str().unwrap_or_default().trim();
            let text = text.trim_start_matches("W/").trim_matches('"');
            Some(text.parse::<i64>().map_err(|_| {
                ApiError::bad(
                    "If-Match",
                    "must be the profile's version, as its ETag (\"3\")",
                )
            })?)
        }
    };
    let from_body = match body {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_i64()
                .ok_or_else(|| ApiError::bad("version", "must be a whole number"))?,
        ),
    };
    match (from_header, from_body) {
        (Some(h), Some(b)) if h != b => Err(ApiError::bad(
            "version",
            "differs from If-Match: name the version once",
        )),
        (h, b) => Ok(h.or(b)),
    }
}

/// Replaces the enrolment's profile (`{"profile": {…}, "version": N}`, or the version as
/// `If-Match`). Without a version (or with 0) it is a first save, refused if a profile is there.
/// Checked as the page form and the command line check it; audited.
#[utoipa::path(put, path = "/enrolments/{enrolment}/profile", tag = "profiles", security(("bearer" = [])),
    params(
        ("enrolment" = String, Path, description = "Enrolment id"),
        ("If-Match" = Option<String>, Header, description = "The version replaced, as the GET's ETag (\"3\"); or give `version` in the body"),
    ),
    request_body(content = Object, description = "`{\"profile\": {wished: [\"5120\"], experience: [{occupation, years, country}], education: {level: 0–8, field}, danish_level, hours_available: 1–48, driving_licence, area}, \"version\": N}`"),
    responses(
        (status = 200, description = "`{enrolment, version, profile}` as now stored; the new version is also the `ETag`", body = Object),
        (status = 400, description = "Not a JSON object with `profile`, or a bad `version`/`If-Match`, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not edit this enrolment", body = Object),
        (status = 404, description = "No such enrolment in the caller's organisation", body = Object),
        (status = 409, description = "`{error, current_version}`: the profile was saved by someone else since the version named (or one exists where none was named); nothing written", body = Object),
        (status = 422, description = "`{error, errors: [{field, reason}]}`, fields named by their path in the profile (`wished[1]`, `experience[0].years`, `hours_available`); nothing written", body = Object),
    ))]
async fn put_profile(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    allowed(&state, &caller, &enrolment, Action::WriteCase).await?;
    let body: Value = serde_json::from_slice(&body)
        .map_err(|_| ApiError::bad("body", "must be a JSON object with `profile`"))?;
    let Some(obj) = body.as_object() else {
        return Err(ApiError::bad(
            "body",
            "must be a JSON object with `profile`",
        ));
    };
    if let Some(other) = obj.keys().find(|k| *k != "profile" && *k != "version") {
        return Err(ApiError::bad(
            other,
            "is not a field of the request (profile, version)",
        ));
    }
    let version = version_named(&headers, obj.get("version"))?;
    let profile = match Profile::from_json(obj.get("profile").unwrap_or(&Value::Null)) {
        Ok(p) => p,
        Err(errors) => {
            let body = json!({"error": "refused: nothing was written", "errors": errors});
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
        }
    };
    let expected = Expected::from_version(version);
    match save_profile(
        state.db.as_ref(),
        &enrolment,
        &profile,
        expected,
        &caller.ctx,
    )
    .await?
    {
        Saved::Saved { version } => Ok(answer(
            StatusCode::OK,
            &ProfileOut {
                enrolment,
                version,
                updated_at: None,
                updated_by: None,
                profile,
            },
        )),
        Saved::Stale { current } => {
            let body = json!({
                "error": "the profile was saved by someone else since that version: read it again; nothing was written",
                "current_version": current.unwrap_or(0),
            });
            Ok((StatusCode::CONFLICT, Json(body)).into_response())
        }
        Saved::NoEnrolment => Err(ApiError::NotFound(format!(
            "no enrolment with id {enrolment}"
        ))),
    }
}
