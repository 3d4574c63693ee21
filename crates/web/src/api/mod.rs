//! The JSON API, `/api/v1`: programmes, their status report, and the worklist — the same
//! figures as `jobbro report status` and `jobbro worklist`. Every route but `/health` needs a
//! caller ([`ApiCaller`]) and asks the domain's policy; reads of case data are audited.
//!
//! Every route is registered through utoipa, so the OpenAPI document (`/api/v1/openapi.json`)
//! lists exactly the routes the server answers; a test walks them all.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Decision, Resource, can, may_see_item};
use jobbro_domain::records::{Programme, parse_date};
use jobbro_domain::report::StatusReport;
use jobbro_domain::worklist::{Item, sort_most_overdue_first};
use jobbro_store::access::AccessStore;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{ApiCaller, ApiError, AppState};

mod companies;
mod company_register;
mod company_report;
mod matching;
mod network;
mod occupations;
mod openings;
mod participants;
mod people;
mod profiles;
mod programme_admin;
mod programme_reports;
mod records;
mod referrals;
mod sheet_import;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "jobbro API",
        description = "Employment-integration programmes: programmes, status reports (FORMAT.md §4) and worklists (FORMAT.md §5). Send `Authorization: Bearer <token>` (issue one with `jobbro token add`)."
    ),
    modifiers(&BearerAuth, &PageRoutes)
)]
struct ApiDoc;

struct BearerAuth;

/// The routes for people in a browser (`home.rs`, `login.rs`, `oidc/`) and this document: plain
/// axum routes, listed here so
/// the document names every route the server answers. `/login/sso*` exist only when single
/// sign-on is configured.
struct PageRoutes;

impl utoipa::Modify for PageRoutes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
        use utoipa::openapi::response::ResponseBuilder;
        use utoipa::openapi::{ObjectBuilder, Required, Type};
        for &(path, method, summary, responses) in crate::pages::page_routes() {
            let mut operation = OperationBuilder::new()
                .summary(Some(summary))
                .tag("session");
            // Every `{name}` of the path is a required text parameter, so the document is valid
            // OpenAPI (a templated path must define its parameters).
            for name in path
                .split('/')
                .filter_map(|segment| segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            {
                operation = operation.parameter(
                    ParameterBuilder::new()
                        .name(name)
                        .parameter_in(ParameterIn::Path)
                        .required(Required::True)
                        .schema(Some(ObjectBuilder::new().schema_type(Type::String))),
                );
            }
            for (code, description) in responses {
                operation = operation.response(
                    *code,
                    ResponseBuilder::new().description(*description).build(),
                );
            }
            let method = if method == "post" {
                HttpMethod::Post
            } else {
                HttpMethod::Get
            };
            openapi
                .paths
                .add_path_operation(path, vec![method], operation.build());
        }
    }
}

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// Every documented route: `/health` and the API under `/api/v1`.
fn documented() -> OpenApiRouter<AppState> {
    let api = OpenApiRouter::new()
        .routes(routes!(list_programmes))
        .routes(routes!(get_programme))
        .routes(routes!(programme_status))
        .routes(routes!(get_worklist))
        .routes(routes!(people::search))
        .routes(routes!(people::show_national_id))
        .routes(routes!(people::export))
        .merge(records::router())
        .merge(participants::router())
        .merge(referrals::router())
        .merge(programme_admin::router())
        .merge(company_report::router())
        .merge(programme_reports::router())
        .merge(companies::router())
        .merge(company_register::router())
        .merge(matching::router())
        .merge(occupations::router())
        .merge(openings::router())
        .merge(sheet_import::router())
        .merge(profiles::router())
        .merge(network::router());
    OpenApiRouter::with_openapi(<ApiDoc as utoipa::OpenApi>::openapi())
        .routes(routes!(health))
        .nest("/api/v1", api)
}

/// The API routes and `/health`, with the OpenAPI document that lists them, served at
/// `/api/v1/openapi.json`.
pub fn router() -> Router<AppState> {
    let (router, openapi) = documented().split_for_parts();
    let document = std::sync::Arc::new(openapi);
    router
        .route(
            "/api/v1/openapi.json",
            get(move || async move { Json(document.as_ref().clone()) }),
        )
        .route("/api/v1/{*rest}", get(no_such_endpoint))
}

/// The OpenAPI document, for tests and tools.
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented().into_openapi()
}

async fn no_such_endpoint() -> ApiError {
    ApiError::NotFound("no such endpoint (see /api/v1/openapi.json)".into())
}

/// Liveness and readiness: answers 200 when the database answers. Needs no caller.
#[utoipa::path(get, path = "/health", tag = "operations",
    responses((status = 200, description = "The server and its database answer", body = Object)))]
pub async fn health(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    jobbro_store::Backend::ping(state.db.as_ref()).await?;
    Ok(Json(json!({"status": "ok"})))
}

fn date_param(field: &str, value: Option<&str>) -> Result<NaiveDate, ApiError> {
    let value = value.ok_or_else(|| ApiError::bad(field, "is required (YYYY-MM-DD)"))?;
    parse_date(value).map_err(|reason| ApiError::bad(field, reason))
}

fn unknown_programme(id: &str) -> ApiError {
    ApiError::NotFound(format!("no programme with id {id}"))
}

/// The policy's answer for an action on a programme of the caller's organisation. A programme
/// of another organisation is answered as unknown, so its existence does not leak.
pub(crate) async fn decide(
    state: &AppState,
    caller: &ApiCaller,
    action: Action,
    id: &str,
) -> Result<Decision, ApiError> {
    match state.db.programme_organisation(id).await? {
        Some(org) if org == caller.actor.organisation => {
            let resource = Resource::Programme {
                organisation: &org,
                programme: id,
            };
            Ok(can(&caller.actor, action, &resource))
        }
        _ => Err(unknown_programme(id)),
    }
}

/// The small-cell threshold of a report for a caller: what they asked for (`suppress`, a whole
/// number), raised to the policy's minimum for those who see only suppressed figures. Refused
/// when the policy denies the report.
pub(crate) fn suppression(
    decision: Decision,
    asked: Option<&str>,
) -> Result<Option<u64>, ApiError> {
    let asked = asked
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| ApiError::bad("suppress", "must be a whole number"))
        })
        .transpose()?;
    match decision {
        Decision::Deny => Err(ApiError::Forbidden),
        Decision::AllowSuppressed { min_cell } => Ok(Some(asked.unwrap_or(0).max(min_cell))),
        Decision::Allow | Decision::AllowOwn => Ok(asked),
    }
}

/// Programmes the caller may see anything of.
async fn visible(state: &AppState, caller: &ApiCaller) -> Result<Vec<Programme>, ApiError> {
    let org = &caller.actor.organisation;
    let ids = state.db.programmes_of(org).await?;
    let actions = [
        Action::ViewReport,
        Action::ViewWorklist,
        Action::EditProgramme,
        Action::Search,
    ];
    Ok(jobbro_store::programmes(state.db.as_ref())
        .await?
        .into_iter()
        .filter(|p| ids.contains(&p.id))
        .filter(|p| {
            let resource = Resource::Programme {
                organisation: org,
                programme: &p.id,
            };
            actions
                .iter()
                .any(|a| can(&caller.actor, *a, &resource).allowed())
        })
        .collect())
}

/// The programmes the caller may see.
#[utoipa::path(get, path = "/programmes", tag = "programmes", security(("bearer" = [])),
    responses(
        (status = 200, description = "Programme records (FORMAT.md §2)", body = [Object]),
        (status = 401, description = "No live token", body = Object),
    ))]
async fn list_programmes(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<Programme>>, ApiError> {
    Ok(Json(visible(&state, &caller).await?))
}

/// One programme, with its rules as written and its goals.
#[utoipa::path(get, path = "/programmes/{id}", tag = "programmes", security(("bearer" = [])),
    params(("id" = String, Path, description = "Programme id")),
    responses(
        (status = 200, description = "The programme record (FORMAT.md §2)", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn get_programme(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Programme>, ApiError> {
    visible(&state, &caller)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .map(Json)
        .ok_or_else(|| unknown_programme(&id))
}

#[derive(Debug, Deserialize)]
struct StatusQuery {
    as_of: Option<String>,
    suppress: Option<String>,
}

/// The status report of a programme on a date (FORMAT.md §4). Analysts always get small cells
/// suppressed, whatever they ask for.
#[utoipa::path(get, path = "/programmes/{id}/status", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = String, Query, description = "The day, YYYY-MM-DD"),
        ("suppress" = Option<u64>, Query, description = "Hide breakdown counts below N, and the counts that would give them away"),
    ),
    responses(
        (status = 200, description = "The status report (FORMAT.md §4)", body = Object),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not see this report", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn programme_status(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<StatusQuery>,
) -> Result<Json<StatusReport>, ApiError> {
    let as_of = date_param("as_of", q.as_of.as_deref())?;
    let decision = decide(&state, &caller, Action::ViewReport, &id).await?;
    let suppress = suppression(decision, q.suppress.as_deref())?;
    Ok(Json(
        jobbro_store::status_report(state.db.as_ref(), &id, as_of, suppress).await?,
    ))
}

#[derive(Debug, Deserialize)]
struct WorklistQuery {
    as_of: Option<String>,
    programme: Option<String>,
    caseworker: Option<String>,
}

/// The worklist on a date (FORMAT.md §5), most overdue first: of one programme, or of every
/// programme the caller works in. Caseworkers see their own items only. Audited as a read.
#[utoipa::path(get, path = "/worklist", tag = "worklist", security(("bearer" = [])),
    params(
        ("as_of" = String, Query, description = "The day, YYYY-MM-DD"),
        ("programme" = Option<String>, Query, description = "One programme (default: all the caller works in)"),
        ("caseworker" = Option<String>, Query, description = "Only this caseworker's items"),
    ),
    responses(
        (status = 200, description = "Worklist items (FORMAT.md §5), most overdue first", body = [Object]),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not see this worklist", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn get_worklist(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<WorklistQuery>,
) -> Result<Json<Vec<Item>>, ApiError> {
    let as_of = date_param("as_of", q.as_of.as_deref())?;
    let candidates = match &q.programme {
        Some(p) => vec![p.clone()],
        None => state.db.programmes_of(&caller.actor.organisation).await?,
    };
    let mut items = Vec::new();
    let mut audit = Vec::new();
    for programme in candidates {
        let decision = decide(&state, &caller, Action::ViewWorklist, &programme).await?;
        if decision == Decision::Deny {
            if q.programme.is_some() {
                return Err(ApiError::Forbidden);
            }
            continue;
        }
        // A caseworker sees their own items only: ask the store for just those, so it reads only
        // their enrolments (the caseworker index) instead of the whole programme.
        let own = caller
            .actor
            .caseworker
            .as_deref()
            .filter(|cw| !cw.is_empty());
        let caseworker = match (q.caseworker.as_deref(), decision) {
            (None, Decision::AllowOwn) => own,
            (asked, _) => asked,
        };
        let list =
            jobbro_store::worklist(state.db.as_ref(), as_of, Some(&programme), caseworker).await?;
        items.extend(list.into_iter().filter(|i| {
            decision == Decision::Allow
                || may_see_item(&caller.actor, &i.programme, i.caseworker.as_deref())
        }));
        let mut entry = caller
            .ctx
            .audit("read", "programme", &programme, Some(&programme));
        entry.purpose = Some("worklist".into());
        audit.push(entry);
    }
    // Recorded before anything is shown: no audit row, no answer.
    state.db.append_audit(&audit).await?;
    sort_most_overdue_first(&mut items);
    Ok(Json(items))
}
