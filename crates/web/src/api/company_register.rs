//! The company register through the API, the same ways in as the pages: adding a company
//! (`POST /companies`, the domain's one check, a CVR number already registered answered with 409
//! naming the company), the organisation's municipality and notes of a company
//! (`GET`/`PUT /companies/{id}/details`, a `PUT` from an old `version` answered with 409 and what
//! is stored now), and the bottleneck sectors per municipality (`GET`/`PUT /bottlenecks`: read by
//! everyone who works with companies, replaced whole by leads, version-checked too).
//! Notes are never logged.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jobbro_domain::bottleneck::{Bottleneck, BottleneckSector};
use jobbro_domain::company_register::{CompanyDetails, CompanyDraft, DraftProblem};
use jobbro_domain::records::Company;
use jobbro_store::companies::{
    Added, BottleneckList, RegisterStore, Saved, StoredDetails, register_company,
    replace_bottleneck_lines,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::pages::companies::bottlenecks::{company_status, may_keep};
use crate::pages::companies::details::{DetailsOutcome, save_details};
use crate::pages::companies::view::company_programmes;
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_company))
        .routes(routes!(get_details, put_details))
        .routes(routes!(get_bottlenecks, put_bottlenecks))
}

async fn allowed(state: &AppState, caller: &ApiCaller) -> Result<(), ApiError> {
    company_programmes(state, &caller.actor)
        .await?
        .map(|_| ())
        .ok_or(ApiError::Forbidden)
}

fn first_problem(problems: Vec<DraftProblem>) -> ApiError {
    problems.into_iter().next().map_or_else(
        || ApiError::bad("name", "is wrong"),
        |p| ApiError::bad(p.field, p.reason()),
    )
}

/// A company to add.
#[derive(Deserialize, utoipa::ToSchema)]
struct NewCompanyRequest {
    name: String,
    /// 8 digits, modulus-11 checked.
    #[serde(default)]
    cvr: Option<String>,
    /// A DB07 section letter or code, or free text.
    #[serde(default)]
    sector: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    partner_since: Option<String>,
    #[serde(default)]
    diploma: bool,
    /// The municipality, kept as the caller's organisation's detail of the company.
    #[serde(default)]
    area: Option<String>,
}

#[derive(Serialize)]
struct AddedCompany {
    company: Company,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<String>,
}

/// Adds a company to the register as a `company` timeline record (id `cvr-<number>`, or from
/// the name without one). Audited.
#[utoipa::path(post, path = "/companies", tag = "companies", security(("bearer" = [])),
    request_body = NewCompanyRequest,
    responses(
        (status = 201, description = "`{company, area}`: the company added", body = Object),
        (status = 400, description = "A wrong field (a CVR number of the wrong shape or failing the modulus-11 check, a missing name, a wrong date), named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with companies", body = Object),
        (status = 409, description = "The CVR number (or, without one, the name) is already registered: `current` is that company", body = Object),
    ))]
async fn add_company(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(body): Json<NewCompanyRequest>,
) -> Result<(StatusCode, Json<AddedCompany>), ApiError> {
    allowed(&state, &caller).await?;
    let draft = CompanyDraft {
        name: body.name,
        cvr: body.cvr.unwrap_or_default(),
        sector: body.sector.unwrap_or_default(),
        partner_since: body.partner_since.unwrap_or_default(),
        diploma: body.diploma,
    };
    let details = CompanyDetails::typed(body.area.as_deref().unwrap_or_default(), "");
    let (field, reason, other) =
        match register_company(state.db.as_ref(), &draft, &details, &caller.ctx).await? {
            Added::Added(company) => {
                let added = AddedCompany {
                    company,
                    area: details.area,
                };
                return Ok((StatusCode::CREATED, Json(added)));
            }
            Added::Refused(problems) => return Err(first_problem(problems)),
            Added::CvrTaken(other) => ("cvr", "is already registered", other),
            Added::IdTaken(other) => (
                "name",
                "a company with this name and no CVR number is already registered",
                other,
            ),
        };
    Err(ApiError::ConflictWith {
        field: field.into(),
        reason: reason.into(),
        current: json!({"id": other.id, "name": other.name}),
    })
}

/// A company's details with whether it is in a bottleneck sector today.
#[derive(Serialize)]
struct DetailsOut {
    #[serde(flatten)]
    stored: StoredDetails,
    #[serde(skip_serializing_if = "Option::is_none")]
    bottleneck_sector: Option<Bottleneck>,
}

async fn existing_company(state: &AppState, id: &str) -> Result<Company, ApiError> {
    jobbro_store::companies::company(state.db.as_ref(), id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no company with id {id}")))
}

async fn details_out(
    state: &AppState,
    caller: &ApiCaller,
    company: &Company,
) -> Result<DetailsOut, ApiError> {
    let organisation = &caller.actor.organisation;
    let stored = state
        .db
        .company_details(&company.id, organisation)
        .await?
        .unwrap_or_else(|| StoredDetails::none(&company.id));
    let bottleneck_sector =
        company_status(state, organisation, company, caller.ctx.today()).await?;
    Ok(DetailsOut {
        stored,
        bottleneck_sector,
    })
}

/// The caller's organisation's municipality (`area`) and notes of a company, with the `version`
/// a `PUT` must name (0 when none were saved) and `bottleneck_sector` when the company is in one
/// today.
#[utoipa::path(get, path = "/companies/{id}/details", tag = "companies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Company id")),
    responses(
        (status = 200, description = "`{company, area, notes, version, updated_at, updated_by, bottleneck_sector}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with companies", body = Object),
        (status = 404, description = "No such company", body = Object),
    ))]
async fn get_details(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<DetailsOut>, ApiError> {
    allowed(&state, &caller).await?;
    let company = existing_company(&state, &id).await?;
    Ok(Json(details_out(&state, &caller, &company).await?))
}

/// A company's details to save, made from `version`.
#[derive(Deserialize, utoipa::ToSchema)]
struct DetailsRequest {
    /// The version the change was made from (`GET` gives it; 0 when none were saved).
    version: i64,
    #[serde(default)]
    area: Option<String>,
    /// Free text about the company; never about participants.
    #[serde(default)]
    notes: Option<String>,
}

/// Saves the caller's organisation's municipality and notes of a company, when no one saved
/// since `version`. Audited.
#[utoipa::path(put, path = "/companies/{id}/details", tag = "companies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Company id")),
    request_body = DetailsRequest,
    responses(
        (status = 200, description = "The details as saved, with the new `version`", body = Object),
        (status = 400, description = "A wrong field (too long), named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with companies", body = Object),
        (status = 404, description = "No such company", body = Object),
        (status = 409, description = "Someone saved since `version`: nothing written; `current` is what is stored now", body = Object),
    ))]
async fn put_details(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<DetailsRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<DetailsOut>, ApiError> {
    allowed(&state, &caller).await?;
    let company = existing_company(&state, &id).await?;
    let Json(body) = body.map_err(|e| ApiError::bad("body", e.body_text()))?;
    let details = CompanyDetails::typed(
        body.area.as_deref().unwrap_or_default(),
        body.notes.as_deref().unwrap_or_default(),
    );
    match save_details(&state, &caller.ctx, &id, &details, body.version).await? {
        DetailsOutcome::Saved => Ok(Json(details_out(&state, &caller, &company).await?)),
        DetailsOutcome::Refused(problems) => Err(first_problem(problems)),
        DetailsOutcome::Stale(now) => Err(ApiError::ConflictWith {
            field: "version".into(),
            reason: format!(
                "the details were saved since version {} (now version {}): read them again",
                body.version, now.version
            ),
            current: serde_json::to_value(&now).unwrap_or_default(),
        }),
    }
}

/// The organisation's bottleneck sectors per municipality, with the `version` a `PUT` must name.
#[utoipa::path(get, path = "/bottlenecks", tag = "companies", security(("bearer" = [])),
    responses(
        (status = 200, description = "`{version, lines: [{id, municipality, section, from, to}]}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with companies", body = Object),
    ))]
async fn get_bottlenecks(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<BottleneckList>, ApiError> {
    allowed(&state, &caller).await?;
    Ok(Json(
        state.db.bottlenecks(&caller.actor.organisation).await?,
    ))
}

/// One line of the list to save.
#[derive(Deserialize, utoipa::ToSchema)]
struct LineRequest {
    municipality: String,
    /// A DB07 section letter, `A` … `U`.
    section: String,
    /// The first day it is in force (`YYYY-MM-DD`); none: always.
    #[serde(default)]
    from: Option<String>,
    /// The last day it is in force; none: until further notice.
    #[serde(default)]
    to: Option<String>,
}

/// The whole list to save, made from `version`.
#[derive(Deserialize, utoipa::ToSchema)]
struct BottlenecksRequest {
    version: i64,
    lines: Vec<LineRequest>,
}

/// Replaces the organisation's bottleneck list, when no one changed it since `version`. Leads
/// only. Audited.
#[utoipa::path(put, path = "/bottlenecks", tag = "companies", security(("bearer" = [])),
    request_body = BottlenecksRequest,
    responses(
        (status = 200, description = "The list as saved, with the new `version`", body = Object),
        (status = 400, description = "A wrong line, named in `field` (`lines[i].section`)", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "Not a lead", body = Object),
        (status = 409, description = "The list changed since `version`: nothing written; `current` is the list now", body = Object),
    ))]
async fn put_bottlenecks(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<BottlenecksRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<BottleneckList>, ApiError> {
    if !may_keep(&caller.actor) {
        return Err(ApiError::Forbidden);
    }
    let Json(body) = body.map_err(|e| ApiError::bad("body", e.body_text()))?;
    let mut lines = Vec::with_capacity(body.lines.len());
    for (i, l) in body.lines.iter().enumerate() {
        let line = BottleneckSector::typed(
            &l.municipality,
            &l.section,
            l.from.as_deref().unwrap_or_default(),
            l.to.as_deref().unwrap_or_default(),
        )
        .map_err(|errors| first_line_error(i, errors))?;
        lines.push(line);
    }
    let ctx = &caller.ctx;
    match replace_bottleneck_lines(state.db.as_ref(), lines, body.version, ctx).await? {
        Saved::Saved(_) => Ok(Json(state.db.bottlenecks(&ctx.organisation).await?)),
        Saved::Stale(now) => Err(ApiError::ConflictWith {
            field: "version".into(),
            reason: format!(
                "the list was changed since version {} (now version {now}): read it again",
                body.version
            ),
            current: serde_json::to_value(state.db.bottlenecks(&ctx.organisation).await?)
                .unwrap_or_default(),
        }),
    }
}

fn first_line_error(i: usize, errors: Vec<jobbro_domain::records::FieldError>) -> ApiError {
    errors.into_iter().next().map_or_else(
        || ApiError::bad(&format!("lines[{i}]"), "is wrong"),
        |e| ApiError::bad(&format!("lines[{i}].{}", e.field), e.reason),
    )
}
