//! The referral API: refer a person into a programme — creating them, or picking an existing
//! person — with the same likely-duplicate check as the page (`pages::referrals::refer`), and
//! record the intake decision on an enrolment. Messages are in English.
//!
//! A request carries a national id: never log it, and never echo it back.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::records::Record;
use jobbro_store::people::enrolment_access;
use jobbro_store::{LineError, StoreError};
use serde_json::{Map, Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::i18n::{Lang, Tr};
use crate::pages::enrolment_actions::FieldMessage;
use crate::pages::referrals::{IntakeForm, Outcome, ReferralForm, intake_record, refer};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(post_referral))
        .routes(routes!(post_intake))
}

/// The fields as the form has them: strings, lists joined by commas.
fn as_form_fields(body: Map<String, Value>) -> Map<String, Value> {
    body.into_iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(true) => "yes".into(),
                Value::Bool(false) => String::new(),
                Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect::<Vec<_>>()
                    .join(","),
                Value::Null | Value::Object(_) => return None,
            };
            Some((k, Value::String(text)))
        })
        .filter(|(k, _)| k != "csrf")
        .collect()
}

fn refused(errors: Vec<FieldMessage>) -> Response {
    let errors: Vec<Value> = errors
        .into_iter()
        .map(|e| json!({"field": e.field, "reason": e.message}))
        .collect();
    let body = json!({"error": "refused: nothing was written", "errors": errors});
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// Refers a person into a programme. Without `person` (an existing person's id) a new person is
/// created from the person fields (FORMAT.md §2 `person`, `languages` a list) — unless people
/// who are probably the same are held (same national id, or same name and birth date): then
/// nothing is written and they are answered with 409, until the request is sent again with
/// `"confirm_new_person": true` or with `"person"` set to one of them.
#[utoipa::path(post, path = "/referrals", tag = "referrals", security(("bearer" = [])),
    request_body(content = Object, description = "`{programme, date, referrer?, caseworker?, person? | given_name, family_name, national_id?, birth_date?, gender?, phone?, email?, origin_country?, languages?, danish_level?, education_level?, benefit?, benefit_since?, confirm_new_person?}`"),
    responses(
        (status = 201, description = "`{enrolment, person}`: the referral is written", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not refer into this programme", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
        (status = 409, description = "`{candidates: [{person, given_name, family_name, birth_date, national_id_masked, programmes, reason}]}`: likely duplicates; nothing written", body = Object),
        (status = 422, description = "`{errors: [{field, reason}]}`; nothing written", body = Object),
    ))]
async fn post_referral(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(body): Json<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let form: ReferralForm = serde_json::from_value(Value::Object(as_form_fields(body)))
        .map_err(|_| ApiError::bad("(body)", "is not a referral"))?;
    if crate::api::decide(&state, &caller, Action::Refer, &form.programme).await? == Decision::Deny
    {
        return Err(ApiError::Forbidden);
    }
    let tr = Tr::new(Lang::En);
    Ok(
        match refer(&state, &caller.actor, &caller.ctx, &tr, &form).await? {
            Outcome::Referred {
                enrolment, person, ..
            } => (
                StatusCode::CREATED,
                Json(json!({"enrolment": enrolment, "person": person})),
            )
                .into_response(),
            Outcome::Duplicates(candidates) => (
                StatusCode::CONFLICT,
                Json(json!({
                    "error": "likely duplicates: refer one of them (person) or confirm a new person (confirm_new_person)",
                    "candidates": candidates,
                })),
            )
                .into_response(),
            Outcome::Refused(errors) => refused(errors),
        },
    )
}

/// Records the intake decision on an enrolment: `{date, decision: accepted|waitlisted|declined,
/// reason?, version?}`. With `version` (the enrolment's, as `GET /participants/{id}` gives it)
/// the decision is refused (409) if someone else changed the enrolment since. Needs the right to
/// write the enrolment; audited with the write.
#[utoipa::path(post, path = "/enrolments/{id}/intake", tag = "referrals", security(("bearer" = [])),
    params(("id" = String, Path, description = "Enrolment id")),
    request_body(content = Object, description = "`{date, decision, reason?, version?}`"),
    responses(
        (status = 201, description = "`{intake, enrolment, decision}`: written", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not the caller's enrolment", body = Object),
        (status = 404, description = "No such enrolment in the caller's organisation", body = Object),
        (status = 409, description = "The enrolment was changed since `version`: `{error, field, current}`; nothing written", body = Object),
        (status = 422, description = "`{errors: [{field, reason}]}`; nothing written", body = Object),
    ))]
async fn post_intake(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(enrolment): Path<String>,
    Json(body): Json<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let today = caller.ctx.today();
    let not_found = || ApiError::NotFound(format!("no enrolment with id {enrolment}"));
    let (_, access) = enrolment_access(state.db.as_ref(), &enrolment, today)
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
    if can(&caller.actor, Action::WriteCase, &resource) != Decision::Allow {
        return Err(ApiError::Forbidden);
    }
    let form: IntakeForm = serde_json::from_value(Value::Object(as_form_fields(body)))
        .map_err(|_| ApiError::bad("(body)", "is not an intake"))?;
    let tr = Tr::new(Lang::En);
    let value = match intake_record(&tr, &enrolment, &form, today) {
        Ok(v) => v,
        Err(errors) => return Ok(refused(errors)),
    };
    let record = Record::from_json(&value).map_err(|e| {
        let first = e.errors.into_iter().next();
        first.map_or_else(
            || ApiError::bad("(body)", "is not an intake"),
            |f| ApiError::bad(&f.field, f.reason),
        )
    })?;
    let id = record.id().to_owned();
    let mut entry = caller
        .ctx
        .audit("create", "enrolment", &enrolment, Some(&access.programme));
    entry.purpose = Some("intake".into());
    let seen = match form.version.trim() {
        "" => Vec::new(),
        v => vec![(
            enrolment.clone(),
            v.parse()
                .map_err(|_| ApiError::bad("version", "must be a whole number"))?,
        )],
    };
    let db = state.db.as_ref();
    match jobbro_store::write_records_at(db, vec![record], &caller.ctx, vec![entry], &seen).await {
        Ok(_) => Ok((
            StatusCode::CREATED,
            Json(json!({"intake": id, "enrolment": enrolment, "decision": form.decision})),
        )
            .into_response()),
        Err(StoreError::Invalid { errors, .. }) => Ok(refused(
            errors
                .into_iter()
                .map(|e: LineError| FieldMessage {
                    field: e.field,
                    message: e.reason,
                })
                .collect(),
        )),
        Err(other) => Err(other.into()),
    }
}
