//! The network API: the organisation's network people (list, add, read, replace from a version),
//! and on an enrolment its network — links, interpreter need, planned meetings (replaced from a
//! version: a stale one is 409, never a silent overwrite) — and who took part in a contact.
//! The same checks as the pages (`jobbro_store::network::ops`, the domain's one check of each).
//!
//! The register needs `UseNetwork`; what hangs on an enrolment needs `ReadCase`/`WriteCase` on it,
//! and an enrolment of another organisation is answered as unknown. Reads that return names are
//! audited first.

mod enrolments;
mod people;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::records::FieldError;
use jobbro_store::network::ops::Refused;
use jobbro_store::people::enrolment_access;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;

use crate::pages::network::may_use;
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(people::router())
        .merge(enrolments::router())
}

fn register(caller: &ApiCaller) -> Result<(), ApiError> {
    if may_use(&caller.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// 422 with every problem by field; nothing was written.
fn refused(problems: Vec<FieldError>) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({"error": "refused: nothing was written", "errors": problems})),
    )
        .into_response()
}

/// 409: someone saved since the version sent.
fn stale(current: i64) -> Response {
    (
        StatusCode::CONFLICT,
        Json(json!({"error": "changed since: read it again and send the current version", "version": current})),
    )
        .into_response()
}

fn answer<T>(result: Result<T, Refused>, ok: impl FnOnce(T) -> Response) -> Response {
    match result {
        Ok(v) => ok(v),
        Err(Refused::Fields(p)) => refused(p),
        Err(Refused::Stale { current }) => stale(current),
        Err(Refused::Missing) => ApiError::NotFound("not found".into()).into_response(),
    }
}

/// The body, read only once the caller was found allowed (so a refusal never depends on it).
fn read<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    body.map(|Json(b)| b)
        .map_err(|e| ApiError::bad("body", e.body_text()))
}

/// The programme of an enrolment the caller may do `action` on.
async fn enrolment(
    state: &AppState,
    caller: &ApiCaller,
    id: &str,
    action: Action,
) -> Result<String, ApiError> {
    let found = enrolment_access(state.db.as_ref(), id, caller.ctx.today()).await?;
    let unknown = || ApiError::NotFound(format!("no enrolment with id {id}"));
    let Some((_, access)) = found else {
        return Err(unknown());
    };
    if access.organisation != caller.actor.organisation {
        return Err(unknown());
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
