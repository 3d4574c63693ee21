//! A company's municipality and notes as the organisation keeps them, on the company page: the
//! block that shows them with whether the company is in a bottleneck sector, and their save
//! (`POST /companies/{company}/details`). A save names the version it was made from; when someone
//! saved in between it is refused with a clear message and what was typed is kept in the form, so
//! no edit is silently lost. Notes are about the company only (the form says so) and are never
//! logged.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::bottleneck::{Bottleneck, company_bottleneck};
use jobbro_domain::company_register::{CompanyDetails, MAX_NOTES, MAX_TEXT};
use jobbro_domain::records::Company;
use jobbro_store::companies::{RegisterStore, Saved, StoredDetails};
use jobbro_store::{Context, StoreError};
use serde::Deserialize;

use super::bottlenecks::{known_areas, status_text};
use super::contacts::ContactForm;
use super::new::draft_message;
use super::page::render;
use super::view::{company_programmes, segment};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::enrolment_actions::FieldMessage;
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// The details as typed, with the version the form was opened at.
#[derive(Clone, Default, Deserialize)]
pub struct DetailsForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub version: i64,
}

/// A refused save, to show again: what was typed, and why.
pub struct DetailsInput {
    pub form: DetailsForm,
    pub errors: Vec<FieldMessage>,
    /// Set when someone saved in between: the message saying so.
    pub conflict: Option<String>,
}

/// The block of the company page.
pub struct DetailsBlock {
    pub action: String,
    pub area: String,
    pub notes: String,
    pub version: i64,
    pub max_area: usize,
    pub max_notes: usize,
    pub updated: Option<String>,
    pub bottleneck: String,
    pub in_bottleneck: bool,
    pub areas: Vec<String>,
    pub errors: Vec<FieldMessage>,
    pub conflict: Option<String>,
}

impl DetailsBlock {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }
}

/// The company's details, its bottleneck status and the form, for `organisation` on `day`;
/// `input` is a refused save to show again.
pub(crate) async fn details_block(
    state: &AppState,
    tr: &Tr,
    organisation: &str,
    company: &Company,
    day: chrono::NaiveDate,
    input: Option<DetailsInput>,
) -> Result<(DetailsBlock, Option<Bottleneck>), StoreError> {
    let stored = state
        .db
        .company_details(&company.id, organisation)
        .await?
        .unwrap_or_else(|| StoredDetails::none(&company.id));
    let list = state.db.bottlenecks(organisation).await?.sectors();
    let status = company_bottleneck(company, stored.details.area.as_deref(), &list, day);
    let updated = match (&stored.updated_at, &stored.updated_by) {
        (Some(at), Some(by)) => {
            let when = chrono::DateTime::parse_from_rfc3339(at)
                .map(|t| tr.date(t.date_naive()))
                .unwrap_or_else(|_| at.clone());
            Some(tr.t_with(
                "company-details-updated",
                &[("when", Arg::from(when)), ("who", Arg::from(by.as_str()))],
            ))
        }
        _ => None,
    };
    let (area, notes, version, errors, conflict) = match input {
        // After a conflict the form carries the stored version, so saving again is deliberate.
        Some(i) if i.conflict.is_some() => (
            i.form.area,
            i.form.notes,
            stored.version,
            i.errors,
            i.conflict,
        ),
        Some(i) => (i.form.area, i.form.notes, i.form.version, i.errors, None),
        None => (
            stored.details.area.clone().unwrap_or_default(),
            stored.details.notes.clone().unwrap_or_default(),
            stored.version,
            Vec::new(),
            None,
        ),
    };
    let block = DetailsBlock {
        action: format!("/companies/{}/details", segment(&company.id)),
        area,
        notes,
        version,
        max_area: MAX_TEXT,
        max_notes: MAX_NOTES,
        updated,
        bottleneck: status_text(tr, status.as_ref()),
        in_bottleneck: status.is_some(),
        areas: known_areas(state, organisation).await?,
        errors,
        conflict,
    };
    Ok((block, status))
}

/// What became of saving details.
pub(crate) enum DetailsOutcome {
    Saved,
    Refused(Vec<jobbro_domain::company_register::DraftProblem>),
    Stale(StoredDetails),
}

/// Checks and saves `details` of `company` for the context's organisation when the stored
/// version is still `version`: the one way in for the page and the API.
pub(crate) async fn save_details(
    state: &AppState,
    ctx: &Context,
    company: &str,
    details: &CompanyDetails,
    version: i64,
) -> Result<DetailsOutcome, StoreError> {
    let problems = details.problems();
    if !problems.is_empty() {
        return Ok(DetailsOutcome::Refused(problems));
    }
    match jobbro_store::companies::save_details(state.db.as_ref(), company, details, version, ctx)
        .await?
    {
        Saved::Saved(_) => Ok(DetailsOutcome::Saved),
        Saved::Stale(_) => Ok(DetailsOutcome::Stale(
            state
                .db
                .company_details(company, &ctx.organisation)
                .await?
                .unwrap_or_else(|| StoredDetails::none(company)),
        )),
    }
}

/// `POST /companies/{company}/details`.
pub async fn save(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<DetailsForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    if company_programmes(&state, &caller.actor).await?.is_none() {
        return Err(PageError::Forbidden(
            "companies are for caseworkers and leads",
        ));
    }
    if jobbro_store::companies::company(state.db.as_ref(), &id)
        .await?
        .is_none()
    {
        return Err(PageError::NotFound);
    }
    let tr = Tr::new(caller.lang);
    let details = CompanyDetails::typed(&form.area, &form.notes);
    let input = match save_details(&state, &caller.ctx, &id, &details, form.version).await? {
        DetailsOutcome::Saved => {
            return Ok(
                Redirect::to(&format!("/companies/{}?done=details", segment(&id))).into_response(),
            );
        }
        DetailsOutcome::Refused(problems) => DetailsInput {
            form,
            errors: problems.iter().map(|p| draft_message(&tr, p)).collect(),
            conflict: None,
        },
        DetailsOutcome::Stale(now) => {
            let area = now.details.area.unwrap_or_else(|| "–".to_owned());
            DetailsInput {
                form,
                errors: Vec::new(),
                conflict: Some(tr.t_with("company-details-conflict", &[("area", Arg::from(area))])),
            }
        }
    };
    render(
        &state,
        &caller,
        &id,
        ContactForm::default(),
        Vec::new(),
        None,
        Some(input),
    )
    .await
}
