//! What hangs on an enrolment over the API: its network links, interpreter need and planned
//! meetings (replaced from a version: a stale one is 409), and who took part in a contact. Needs
//! `ReadCase`/`WriteCase` on the enrolment; another organisation's is answered as unknown.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, NaiveTime};
use jobbro_domain::access::Action;
use jobbro_domain::codes::Language;
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{LinkRole, MeetingState, NetworkLink, PlannedMeeting};
use jobbro_domain::records::FieldError;
use jobbro_store::access::AccessStore;
use jobbro_store::network::ops::{self};
use jobbro_store::network::{LinksOf, NetworkStore};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::pages::forms::new_record_id;
use crate::{ApiCaller, ApiError, AppState};

use super::{answer, enrolment, read, refused};

/// This part's routes.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(enrolment_network))
        .routes(routes!(add_link))
        .routes(routes!(set_need))
        .routes(routes!(plan_meeting))
        .routes(routes!(replace_meeting))
        .routes(routes!(add_participants))
}

/// An enrolment's network: links, interpreter need, planned meetings (with `version`) and who
/// took part in its contacts. Audited.
#[utoipa::path(get, path = "/enrolments/{id}/network", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Enrolment id")),
    responses(
        (status = 200, description = "`{links, interpreter_need, meetings, contact_participants}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not the caller's enrolment", body = Object),
        (status = 404, description = "No such enrolment in the caller's organisation", body = Object),
    ))]
async fn enrolment_network(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let programme = enrolment(&state, &caller, &id, Action::ReadCase).await?;
    let db = state.db.as_ref();
    let mut entry = caller.ctx.audit("read", "enrolment", &id, Some(&programme));
    entry.purpose = Some("people around the participant (API)".into());
    db.append_audit(&[entry]).await?;
    Ok(Json(json!({
        "links": db.links(LinksOf::Enrolment(&id)).await?,
        "interpreter_need": db.interpreter_need(&id).await?.map(|n| n.language),
        "meetings": db.meetings(&id).await?,
        "contact_participants": db.contact_participants(&id).await?,
    })))
}

#[derive(Debug, Deserialize)]
struct LinkBody {
    person: String,
    #[serde(default)]
    role: Option<LinkRole>,
    from: NaiveDate,
    #[serde(default)]
    to: Option<NaiveDate>,
    #[serde(default)]
    activity: Option<String>,
}

/// Links a network person to the enrolment (`{person, role, from, to, activity}`; the role is
/// the person's kind when left out).
#[utoipa::path(post, path = "/enrolments/{id}/network-links", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Enrolment id")),
    request_body(content = Object, description = "The link"),
    responses(
        (status = 201, description = "Linked: the link with its `id`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not the caller's enrolment", body = Object),
        (status = 404, description = "No such enrolment in the caller's organisation", body = Object),
        (status = 422, description = "Refused: `errors` by field", body = Object),
    ))]
async fn add_link(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<LinkBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let programme = enrolment(&state, &caller, &id, Action::WriteCase).await?;
    let body = read(body)?;
    let kind = state
        .db
        .network_person(&caller.actor.organisation, &body.person)
        .await?
        .map(|e| LinkRole::from(e.person.kind));
    let link = NetworkLink {
        id: new_record_id().replacen("web-", "lnk-", 1),
        person: body.person,
        enrolment: id,
        role: body.role.or(kind).unwrap_or(LinkRole::Mentor),
        from: body.from,
        to: body.to,
        activity: body.activity,
    };
    let result = ops::add_link(state.db.as_ref(), &caller.ctx, &link, &programme).await?;
    Ok(answer(result, |()| {
        (StatusCode::CREATED, Json(json!(link))).into_response()
    }))
}

#[derive(Debug, Deserialize)]
struct NeedBody {
    language: Option<Language>,
}

/// Sets the enrolment's interpreter need (`{language: "ti"}`), or removes it (`{language: null}`).
#[utoipa::path(put, path = "/enrolments/{id}/interpreter-need", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Enrolment id")),
    request_body(content = Object, description = "`{language}`: an ISO 639-1 code or null"),
    responses(
        (status = 200, description = "Saved", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not the caller's enrolment", body = Object),
        (status = 404, description = "No such enrolment in the caller's organisation", body = Object),
    ))]
async fn set_need(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<NeedBody>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let programme = enrolment(&state, &caller, &id, Action::WriteCase).await?;
    let body = read(body)?;
    ops::set_need(
        state.db.as_ref(),
        &caller.ctx,
        &id,
        &programme,
        body.language,
    )
    .await?;
    Ok(Json(json!({"enrolment": id, "language": body.language})))
}

#[derive(Debug, Deserialize)]
struct MeetingBody {
    date: NaiveDate,
    #[serde(default)]
    time: Option<NaiveTime>,
    #[serde(default = "meeting_kind")]
    kind: ContactKind,
    #[serde(default)]
    interpreter: Option<String>,
    #[serde(default)]
    caseworker: Option<String>,
    #[serde(default)]
    state: Option<MeetingState>,
    #[serde(default)]
    version: Option<i64>,
}

fn meeting_kind() -> ContactKind {
    ContactKind::Meeting
}

/// Plans a meeting (`{date, time, kind, interpreter, caseworker}`); the answer has its `id` and
/// `version` 1.
#[utoipa::path(post, path = "/enrolments/{id}/meetings", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Enrolment id")),
    request_body(content = Object, description = "The meeting"),
    responses(
        (status = 201, description = "Planned: the meeting with `id` and `version`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not the caller's enrolment", body = Object),
        (status = 404, description = "No such enrolment in the caller's organisation", body = Object),
        (status = 422, description = "Refused: `errors` by field", body = Object),
    ))]
async fn plan_meeting(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<MeetingBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let programme = enrolment(&state, &caller, &id, Action::WriteCase).await?;
    let body = read(body)?;
    let meeting = PlannedMeeting {
        id: new_record_id().replacen("web-", "mtg-", 1),
        enrolment: id,
        date: body.date,
        time: body.time,
        kind: body.kind,
        interpreter: body.interpreter,
        caseworker: body
            .caseworker
            .or_else(|| caller.actor.caseworker.clone())
            .filter(|c| !c.is_empty()),
        state: body.state.unwrap_or(MeetingState::Planned),
        version: 1,
    };
    let result = ops::plan_meeting(state.db.as_ref(), &caller.ctx, &meeting, &programme).await?;
    Ok(answer(result, |()| {
        (StatusCode::CREATED, Json(json!(meeting))).into_response()
    }))
}

/// Replaces a planned meeting from the `version` sent — booking an interpreter, moving it,
/// marking it `held` or `cancelled`: 409 with the current version when someone saved since.
#[utoipa::path(put, path = "/meetings/{id}", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Meeting id")),
    request_body(content = Object, description = "The meeting, with `version`"),
    responses(
        (status = 200, description = "Saved: the meeting with its new `version`", body = Object),
        (status = 400, description = "No `version`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not the caller's enrolment", body = Object),
        (status = 404, description = "No such meeting in the caller's organisation", body = Object),
        (status = 409, description = "Changed by someone else since: `version` is the current one", body = Object),
        (status = 422, description = "Refused: `errors` by field", body = Object),
    ))]
async fn replace_meeting(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<MeetingBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Some(stored) = state.db.meeting(&id).await? else {
        return Err(ApiError::NotFound(format!("no meeting with id {id}")));
    };
    let programme = match enrolment(&state, &caller, &stored.enrolment, Action::WriteCase).await {
        Err(ApiError::NotFound(_)) => {
            return Err(ApiError::NotFound(format!("no meeting with id {id}")));
        }
        other => other?,
    };
    let body = read(body)?;
    let version = body
        .version
        .ok_or_else(|| ApiError::bad("version", "is required"))?;
    let mut meeting = PlannedMeeting {
        date: body.date,
        time: body.time,
        kind: body.kind,
        interpreter: body.interpreter,
        caseworker: body.caseworker.or(stored.caseworker.clone()),
        state: body.state.unwrap_or(stored.state),
        version,
        ..stored
    };
    let result = ops::update_meeting(state.db.as_ref(), &caller.ctx, &meeting, &programme).await?;
    Ok(answer(result, |v| {
        meeting.version = v;
        Json(json!(meeting)).into_response()
    }))
}

#[derive(Debug, Deserialize)]
struct ParticipantsBody {
    network_people: Vec<String>,
}

/// Records who took part in a contact already recorded (`{network_people: [ids]}`): each must
/// be linked to the contact's enrolment on its day.
#[utoipa::path(post, path = "/contacts/{id}/participants", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Contact id (a `contact` record)")),
    request_body(content = Object, description = "`{network_people}`"),
    responses(
        (status = 200, description = "Recorded: who took part in the contact", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not the caller's enrolment", body = Object),
        (status = 404, description = "No such contact in the caller's organisation", body = Object),
        (status = 422, description = "Refused: `errors` by field", body = Object),
    ))]
async fn add_participants(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<ParticipantsBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let db = state.db.as_ref();
    let unknown = || ApiError::NotFound(format!("no contact with id {id}"));
    let Some(enrolment_id) = db.enrolment_of("contact", &id).await? else {
        return Err(unknown());
    };
    let programme = match enrolment(&state, &caller, &enrolment_id, Action::WriteCase).await {
        Err(ApiError::NotFound(_)) => return Err(unknown()),
        other => other?,
    };
    let body = read(body)?;
    let day = contact_day(&state, &id).await?;
    let linked = ops::linked_on(db, &caller.ctx, &enrolment_id, day).await?;
    let not_linked: Vec<FieldError> = body
        .network_people
        .iter()
        .filter(|p| !linked.iter().any(|l| &l.id == *p))
        .map(|p| FieldError {
            field: "network_people".into(),
            reason: format!("{p} is not linked to the enrolment on the contact's day"),
        })
        .collect();
    if !not_linked.is_empty() {
        return Ok(refused(not_linked));
    }
    let mut entry = caller
        .ctx
        .audit("update", "enrolment", &enrolment_id, Some(&programme));
    entry.purpose = Some(format!("who took part in contact {id}"));
    db.add_contact_participants(&id, &body.network_people, &caller.ctx, &[entry])
        .await?;
    Ok(Json(json!({"contact": id, "network_people": body.network_people})).into_response())
}

/// The day of a recorded contact.
async fn contact_day(state: &AppState, contact: &str) -> Result<NaiveDate, ApiError> {
    state
        .db
        .contact_day(contact)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no contact with id {contact}")))
}
