//! The network API: the organisation's network people (list, add, read, replace from a version),
//! and on an enrolment its network — links, interpreter need, planned meetings (replaced from a
//! version: a stale one is 409, never a silent overwrite) — and who took part in a contact.
//! The same checks as the pages (`jobbro_store::network::ops`, the domain's one check of each).
//!
//! The register needs `UseNetwork`; what hangs on an enrolment needs `ReadCase`/`WriteCase` on it,
//! and an enrolment of another organisation is answered as unknown. Reads that return names are
//! audited first.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, NaiveTime};
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::codes::Language;
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{
    LinkRole, MeetingState, NetworkKind, NetworkLink, NetworkPerson, PlannedMeeting,
};
use jobbro_domain::records::FieldError;
use jobbro_store::access::AccessStore;
use jobbro_store::network::ops::{self, Refused};
use jobbro_store::network::{LinksOf, NetworkStore};
use jobbro_store::people::enrolment_access;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::pages::forms::new_record_id;
use crate::pages::network::may_use;
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people, add_person))
        .routes(routes!(get_person, replace_person))
        .routes(routes!(enrolment_network))
        .routes(routes!(add_link))
        .routes(routes!(set_need))
        .routes(routes!(plan_meeting))
        .routes(routes!(replace_meeting))
        .routes(routes!(add_participants))
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

#[derive(Debug, Deserialize)]
struct ListQuery {
    kind: Option<String>,
    language: Option<String>,
}

/// The organisation's network people with their `version`, by name; `kind` and `language`
/// filter. Audited.
#[utoipa::path(get, path = "/network/people", tag = "network", security(("bearer" = [])),
    params(
        ("kind" = Option<String>, Query, description = "mentor, bridge_builder, national_group_contact or interpreter"),
        ("language" = Option<String>, Query, description = "An ISO 639-1 code they speak"),
    ),
    responses(
        (status = 200, description = "Network people, each with `version`", body = [Object]),
        (status = 400, description = "A bad filter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with the network", body = Object),
    ))]
async fn list_people(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    register(&caller)?;
    let kind = q
        .kind
        .as_deref()
        .map(|k| {
            NetworkKind::parse(k).ok_or_else(|| ApiError::bad("kind", NetworkKind::expected()))
        })
        .transpose()?;
    let language = q
        .language
        .as_deref()
        .map(|l| Language::parse(l).map_err(|e| ApiError::bad("language", e.to_string())))
        .transpose()?;
    let org = &caller.actor.organisation;
    let mut entry = caller.ctx.audit("read", "network_register", org, None);
    entry.purpose = Some("network register list (API)".into());
    state.db.append_audit(&[entry]).await?;
    let people: Vec<_> = state
        .db
        .network_people(org)
        .await?
        .into_iter()
        .filter(|e| kind.is_none_or(|k| e.person.kind == k))
        .filter(|e| language.is_none_or(|l| e.person.speaks(l)))
        .collect();
    Ok(Json(json!(people)))
}

/// A network person as sent.
#[derive(Debug, Deserialize)]
struct PersonBody {
    name: String,
    kind: NetworkKind,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    languages: Vec<Language>,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    waiting_days: Option<u16>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    /// The version the change starts from (replacing only).
    #[serde(default)]
    version: Option<i64>,
}

impl PersonBody {
    fn person(self, id: String) -> NetworkPerson {
        let text = |v: Option<String>| v.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        NetworkPerson {
            id,
            name: self.name.trim().to_owned(),
            kind: self.kind,
            company: text(self.company),
            languages: self.languages,
            area: text(self.area),
            waiting_days: self.waiting_days,
            phone: text(self.phone),
            email: text(self.email),
            notes: text(self.notes),
        }
    }
}

/// Adds a network person (`{name, kind, company, languages, area, waiting_days, phone, email,
/// notes}`); the answer has its `id` and `version` 1.
#[utoipa::path(post, path = "/network/people", tag = "network", security(("bearer" = [])),
    request_body(content = Object, description = "The person"),
    responses(
        (status = 201, description = "Added: the person with `id` and `version`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with the network", body = Object),
        (status = 422, description = "Refused: `errors` by field", body = Object),
    ))]
async fn add_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<PersonBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    register(&caller)?;
    let body = read(body)?;
    let person = body.person(new_record_id().replacen("web-", "net-", 1));
    let result = ops::add_person(state.db.as_ref(), &caller.ctx, &person).await?;
    Ok(answer(result, |()| {
        let mut v = json!(person);
        v["version"] = json!(1);
        (StatusCode::CREATED, Json(v)).into_response()
    }))
}

/// One network person with `version` and the enrolments they are linked to — an enrolment
/// named only where the caller may read it. Audited.
#[utoipa::path(get, path = "/network/people/{id}", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Network person id")),
    responses(
        (status = 200, description = "`{person…, version, links}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with the network", body = Object),
        (status = 404, description = "No such network person in the caller's organisation", body = Object),
    ))]
async fn get_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    register(&caller)?;
    let db = state.db.as_ref();
    let entry = db
        .network_person(&caller.actor.organisation, &id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no network person with id {id}")))?;
    let mut audit = vec![caller.ctx.audit("read", "network_person", &id, None)];
    let mut links = Vec::new();
    for link in db.links(LinksOf::NetworkPerson(&id)).await? {
        let readable = enrolment(&state, &caller, &link.enrolment, Action::ReadCase)
            .await
            .ok();
        match readable {
            Some(programme) => {
                audit.push(caller.ctx.audit(
                    "read",
                    "enrolment",
                    &link.enrolment,
                    Some(&programme),
                ));
                links.push(json!(link));
            }
            None => links
                .push(json!({"named": false, "role": link.role, "from": link.from, "to": link.to})),
        }
    }
    db.append_audit(&audit).await?;
    let mut v = json!(entry);
    v["links"] = json!(links);
    Ok(Json(v))
}

/// Replaces a network person from the `version` sent: 409 with the current version when someone
/// saved since.
#[utoipa::path(put, path = "/network/people/{id}", tag = "network", security(("bearer" = [])),
    params(("id" = String, Path, description = "Network person id")),
    request_body(content = Object, description = "The person, with `version`"),
    responses(
        (status = 200, description = "Saved: the person with its new `version`", body = Object),
        (status = 400, description = "No `version`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with the network", body = Object),
        (status = 404, description = "No such network person in the caller's organisation", body = Object),
        (status = 409, description = "Saved by someone else since: `version` is the current one", body = Object),
        (status = 422, description = "Refused: `errors` by field", body = Object),
    ))]
async fn replace_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<PersonBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    register(&caller)?;
    // An unknown person is answered as such whatever the body holds.
    state
        .db
        .network_person(&caller.actor.organisation, &id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no network person with id {id}")))?;
    let body = read(body)?;
    let version = body
        .version
        .ok_or_else(|| ApiError::bad("version", "is required"))?;
    let person = body.person(id);
    let result = ops::update_person(state.db.as_ref(), &caller.ctx, &person, version).await?;
    Ok(answer(result, |version| {
        let mut v = json!(person);
        v["version"] = json!(version);
        Json(v).into_response()
    }))
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
