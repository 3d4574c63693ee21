//! The company API: the list and search, one company with its placements and contact people —
//! what the company pages show, decided by the same code (`pages::companies::view`) — and adding
//! a contact person. A placement of an enrolment the caller may not read is counted, with no
//! name, person or enrolment id. Reads that return names are audited first.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use jobbro_domain::enums::{ActivityKind, EndReason};
use jobbro_store::companies::ContactPerson;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::i18n::{Lang, Tr};
use crate::pages::companies::view::{
    ListFilter, ListedCompany, company_list, company_programmes, company_view,
};
use crate::pages::companies::{ContactForm, check_contact, save_contact};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_companies))
        .routes(routes!(get_company))
        .routes(routes!(add_contact))
}

async fn allowed_programmes(state: &AppState, caller: &ApiCaller) -> Result<Vec<String>, ApiError> {
    company_programmes(state, &caller.actor)
        .await?
        .ok_or(ApiError::Forbidden)
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    bottleneck: bool,
}

/// The companies (FORMAT.md §2 records), each with `placements` (all, in the caller's
/// organisation) and `ongoing` counted, its `area` and, when it is in a bottleneck sector today,
/// `bottleneck_sector`; `q` searches name, sector or CVR number.
#[utoipa::path(get, path = "/companies", tag = "companies", security(("bearer" = [])),
    params(
        ("q" = Option<String>, Query, description = "Part of the name or sector, or the CVR number"),
        ("bottleneck" = Option<bool>, Query, description = "true: only companies in a bottleneck sector today (`bottleneck_sector` says why)"),
    ),
    responses(
        (status = 200, description = "Company records with `placements` and `ongoing` counts", body = [Object]),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with companies", body = Object),
    ))]
async fn list_companies(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<ListedCompany>>, ApiError> {
    let programmes = allowed_programmes(&state, &caller).await?;
    let filter = ListFilter {
        search: &q.q,
        only_bottleneck: q.bottleneck,
    };
    Ok(Json(
        company_list(
            &state,
            &caller.actor.organisation,
            &programmes,
            filter,
            caller.ctx.today(),
        )
        .await?,
    ))
}

/// A placement as the API returns it; who it is only when the caller may read the enrolment.
#[derive(Debug, Serialize)]
struct PlacementOut {
    named: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    enrolment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_name: Option<String>,
    programme: String,
    kind: ActivityKind,
    start: NaiveDate,
    end: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
    /// `ongoing`, or `ended`.
    outcome: &'static str,
    end_reason: Option<EndReason>,
    hours_per_week: Option<f64>,
    converted_to: Option<ActivityKind>,
}

#[derive(Debug, Serialize)]
struct CompanyOut {
    company: jobbro_domain::records::Company,
    placements: Vec<PlacementOut>,
    /// Placements of participants the caller may not read (counted, not named).
    hidden: usize,
    internships: usize,
    /// Internships that turned into paid work (a job or wage subsidy) at the company.
    converted: usize,
    contacts: Vec<ContactPerson>,
}

/// One company with its placements (newest first) and contact people. Audited.
#[utoipa::path(get, path = "/companies/{id}", tag = "companies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Company id")),
    responses(
        (status = 200, description = "`{company, placements, hidden, internships, converted, contacts}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with companies", body = Object),
        (status = 404, description = "No such company", body = Object),
    ))]
async fn get_company(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let programmes = allowed_programmes(&state, &caller).await?;
    let view = company_view(&state, &caller.actor, &caller.ctx, &id, &programmes)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no company with id {id}")))?;
    let hidden = view.hidden();
    let placements = view
        .placements
        .into_iter()
        .map(|shown| {
            let p = shown.placement;
            let named = shown.named;
            PlacementOut {
                named,
                enrolment: named.then_some(p.enrolment.clone()),
                person: named.then_some(p.person.clone()),
                given_name: p.name.given_name.clone().filter(|_| named),
                family_name: p.name.family_name.clone().filter(|_| named),
                outcome: if p.ongoing() { "ongoing" } else { "ended" },
                programme: p.programme,
                kind: p.kind,
                start: p.start,
                end: p.end,
                planned_end: p.planned_end,
                end_reason: p.end_reason,
                hours_per_week: p.hours_per_week,
                converted_to: p.converted_to,
            }
        })
        .collect();
    let out = CompanyOut {
        company: view.company,
        placements,
        hidden,
        internships: view.internships,
        converted: view.converted,
        contacts: view.contacts,
    };
    Ok(Json(serde_json::to_value(out).map_err(|_| {
        ApiError::bad("company", "could not be written as JSON")
    })?))
}

/// A contact person to add.
#[derive(Deserialize, utoipa::ToSchema)]
struct NewContactRequest {
    name: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

/// Adds a contact person to a company (kept by the caller's organisation). Audited.
#[utoipa::path(post, path = "/companies/{id}/contacts", tag = "companies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Company id")),
    request_body = NewContactRequest,
    responses(
        (status = 201, description = "The contact person added", body = Object),
        (status = 400, description = "A wrong field, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with companies", body = Object),
        (status = 404, description = "No such company", body = Object),
    ))]
async fn add_contact(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Json(body): Json<NewContactRequest>,
) -> Result<(StatusCode, Json<ContactPerson>), ApiError> {
    allowed_programmes(&state, &caller).await?;
    if jobbro_store::companies::company(state.db.as_ref(), &id)
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound(format!("no company with id {id}")));
    }
    let form = ContactForm {
        csrf: None,
        name: body.name,
        role: body.role.unwrap_or_default(),
        phone: body.phone.unwrap_or_default(),
        email: body.email.unwrap_or_default(),
    };
    let person = check_contact(&Tr::new(Lang::En), &form, &id, &caller.ctx).map_err(|errors| {
        let first = errors.into_iter().next();
        first.map_or_else(
            || ApiError::bad("name", "is wrong"),
            |e| ApiError::bad(&e.field, e.message),
        )
    })?;
    save_contact(&state, &caller.ctx, person.clone()).await?;
    Ok((StatusCode::CREATED, Json(person)))
}
