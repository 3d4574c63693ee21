//! One error type for the API, turned into a JSON answer with the right status. Internal errors
//! are logged with their detail and answered with a generic message: database text never
//! reaches a client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jobbro_store::StoreError;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    #[error("{field}: {reason}")]
    BadRequest { field: String, reason: String },
    /// No credentials, or credentials that are unknown, revoked or expired.
    #[error("authentication required")]
    Unauthenticated,
    /// Authenticated, but the policy denies this.
    #[error("not allowed")]
    Forbidden,
    /// One record of a request the caller may not write, named (`records[3]`).
    #[error("not allowed: {0}")]
    ForbiddenRecord(String),
    /// Records refused by the timeline's checks; nothing was written.
    #[error("{total} bad record(s)")]
    Invalid {
        errors: Vec<jobbro_store::LineError>,
        total: usize,
    },
    /// Fields of one record refused by the domain's check, each named; nothing was written.
    #[error("{} bad field(s)", .0.len())]
    Fields(Vec<jobbro_domain::records::FieldError>),
    /// A change made from an older version of a record someone has saved since; nothing written.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The request would overwrite or duplicate what is stored: a save from an old `version`,
    /// or a company already registered. `current` is what is stored now.
    #[error("conflict: {field}: {reason}")]
    ConflictWith {
        field: String,
        reason: String,
        current: serde_json::Value,
    },
    #[error("internal error")]
    Internal(#[from] StoreError),
}

impl ApiError {
    pub fn bad(field: &str, reason: impl Into<String>) -> Self {
        ApiError::BadRequest {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            ApiError::NotFound(what) => (StatusCode::NOT_FOUND, json!({"error": what})),
            ApiError::BadRequest { field, reason } => (
                StatusCode::BAD_REQUEST,
                json!({"error": "bad request", "field": field, "reason": reason}),
            ),
            ApiError::Unauthenticated => {
                let body =
                    json!({"error": "authentication required: send Authorization: Bearer <token>"});
                let mut response = (StatusCode::UNAUTHORIZED, Json(body)).into_response();
                response.headers_mut().insert(
                    "www-authenticate",
                    axum::http::HeaderValue::from_static("Bearer"),
                );
                return response;
            }
            ApiError::Forbidden => (StatusCode::FORBIDDEN, json!({"error": "not allowed"})),
            ApiError::ForbiddenRecord(which) => (
                StatusCode::FORBIDDEN,
                json!({"error": "not allowed", "field": which}),
            ),
            ApiError::Invalid { errors, total } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": "bad records: nothing was written", "errors": errors, "total": total}),
            ),
            ApiError::Fields(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": "refused: nothing was written", "errors": errors}),
            ),
            ApiError::Conflict(why) => (StatusCode::CONFLICT, json!({"error": why})),
            ApiError::Internal(StoreError::Conflict { record_type, id }) => (
                StatusCode::CONFLICT,
                json!({"error": format!("{record_type} {id} was changed since the version sent: read it again; nothing was written")}),
            ),
            ApiError::Internal(StoreError::EnrolmentChanged { enrolment, version }) => (
                StatusCode::CONFLICT,
                json!({
                    "error": format!("enrolment {enrolment} was changed by someone else since the version sent: read it again; nothing was written"),
                    "field": format!("versions.{enrolment}"),
                    "current": version,
                }),
            ),
            ApiError::Internal(StoreError::UnknownCompany(id)) => (
                StatusCode::NOT_FOUND,
                json!({"error": format!("no company with id {id}")}),
            ),
            ApiError::Internal(StoreError::UnknownOpening(id)) => (
                StatusCode::NOT_FOUND,
                json!({"error": format!("no opening with id {id}")}),
            ),
            ApiError::ConflictWith {
                field,
                reason,
                current,
            } => (
                StatusCode::CONFLICT,
                json!({"error": "conflict", "field": field, "reason": reason, "current": current}),
            ),
            ApiError::Internal(StoreError::UnknownProgramme(id)) => (
                StatusCode::NOT_FOUND,
                json!({"error": format!("no programme with id {id}")}),
            ),
            ApiError::Internal(e) if e.is_unavailable() => {
                tracing::warn!(error = %e, "request answered 503: database unavailable");
                let body = json!({"error": "the database cannot be reached or written just now: nothing was written; send the request again shortly"});
                let mut response = (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
                response.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static(crate::pages::RETRY_AFTER_SECONDS),
                );
                return response;
            }
            ApiError::Internal(e) => {
                tracing::error!(error = %e, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"error": "internal error"}),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
