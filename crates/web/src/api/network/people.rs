//! The organisation's register of network people over the API: list, add, read, and replace
//! from a version (a stale one is 409). Needs `UseNetwork`; reads that return names are audited.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::Action;
use jobbro_domain::codes::Language;
use jobbro_domain::network::{NetworkKind, NetworkPerson};
use jobbro_store::access::AccessStore;
use jobbro_store::network::ops::{self};
use jobbro_store::network::{LinksOf, NetworkStore};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::pages::forms::new_record_id;
use crate::{ApiCaller, ApiError, AppState};

use super::{answer, enrolment, read, register};

/// This part's routes.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people, add_person))
        .routes(routes!(get_person, replace_person))
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
