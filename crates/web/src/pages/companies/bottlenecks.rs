//! Bottleneck sectors per municipality (*flaskehalsområder* / *bristyrken*): the organisation's
//! list (`GET /companies/bottlenecks`), kept by programme leads — add a line
//! (`POST /companies/bottlenecks`), remove one (`POST /companies/bottlenecks/{id}/remove`) — and
//! read by everyone who works with companies. Also what the company pages ask of the list:
//! whether a company is in a bottleneck sector, by the domain's one rule
//! (`bottleneck::company_bottleneck`). No personal data here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Resource, can};
use jobbro_domain::bottleneck::{Bottleneck, BottleneckSector, company_bottleneck};
use jobbro_domain::records::{Company, FieldError};
use jobbro_store::StoreError;
use jobbro_store::companies::{RegisterStore, add_bottleneck_lines, remove_bottleneck_line};
use serde::Deserialize;

use super::new::section_choices;
use super::view::{company_programmes, segment};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::{FieldMessage, message};
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// Whether `actor` may change the list (leads).
pub(crate) fn may_keep(actor: &jobbro_domain::access::Actor) -> bool {
    let organisation = Resource::Organisation {
        organisation: &actor.organisation,
    };
    can(actor, Action::KeepBottlenecks, &organisation).allowed()
}

/// The municipalities already named in the organisation's register (companies' areas and the
/// list's lines), sorted, each once: what an area field offers.
pub(crate) async fn known_areas(
    state: &AppState,
    organisation: &str,
) -> Result<Vec<String>, StoreError> {
    let mut areas: Vec<String> = state
        .db
        .company_areas(organisation)
        .await?
        .into_values()
        .chain(
            state
                .db
                .bottlenecks(organisation)
                .await?
                .lines
                .into_iter()
                .map(|l| l.line.municipality),
        )
        .collect();
    areas.sort_by_key(|a| a.to_lowercase());
    areas.dedup_by_key(|a| a.to_lowercase());
    Ok(areas)
}

/// Whether `company` is in a bottleneck sector for `organisation` on `day`, with its area.
pub(crate) async fn company_status(
    state: &AppState,
    organisation: &str,
    company: &Company,
    day: NaiveDate,
) -> Result<Option<Bottleneck>, StoreError> {
    let area = state
        .db
        .company_details(&company.id, organisation)
        .await?
        .and_then(|d| d.details.area);
    let list = state.db.bottlenecks(organisation).await?.sectors();
    Ok(company_bottleneck(company, area.as_deref(), &list, day))
}

/// A company's bottleneck status as the pages say it.
pub(crate) fn status_text(tr: &Tr, status: Option<&Bottleneck>) -> String {
    match status {
        Some(Bottleneck::Listed { municipality, .. }) => tr.t_with(
            "company-bottleneck-in",
            &[("municipality", Arg::from(municipality.as_str()))],
        ),
        Some(Bottleneck::Flagged) => tr.t("company-bottleneck-flagged"),
        None => tr.t("company-bottleneck-not"),
    }
}

/// A line of the list as typed.
#[derive(Clone, Default, Deserialize)]
pub struct LineForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub municipality: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

fn line_message(tr: &Tr, e: &FieldError) -> FieldMessage {
    let key = match e.field.as_str() {
        "municipality" => "bottlenecks-error-municipality",
        "section" => "bottlenecks-error-section",
        "to" if e.reason.contains("before") => "bottlenecks-error-order",
        _ => "bottlenecks-error-date",
    };
    message(tr, &e.field, key)
}

/// A company's bottleneck status as the facts of its page answer "Bottleneck sector?".
pub(crate) fn fact_text(tr: &Tr, status: Option<&Bottleneck>) -> String {
    match status {
        Some(Bottleneck::Listed { municipality, .. }) => tr.t_with(
            "company-bottleneck-fact-in",
            &[("municipality", Arg::from(municipality.as_str()))],
        ),
        Some(Bottleneck::Flagged) => tr.t("company-bottleneck-fact-flagged"),
        None => tr.t("company-bottleneck-not"),
    }
}

/// One line of the list as the page shows it.
pub struct Row {
    pub municipality: String,
    pub sector: String,
    pub period: String,
    pub remove: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "companies_bottlenecks.html")]
pub struct BottlenecksPage {
    pub chrome: Chrome,
    pub rows: Vec<Row>,
    pub may_keep: bool,
    pub form: LineForm,
    pub sections: Vec<(String, String)>,
    pub areas: Vec<String>,
    pub errors: Vec<FieldMessage>,
    pub notice: Option<String>,
}

impl BottlenecksPage {
    fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }
}

/// The period a line is in force, in words.
fn period(tr: &Tr, line: &BottleneckSector) -> String {
    match (line.from, line.to) {
        (None, None) => tr.t("bottlenecks-period-open"),
        (Some(from), None) => tr.t_with(
            "bottlenecks-period-since",
            &[("from", Arg::from(tr.date(from)))],
        ),
        (None, Some(to)) => tr.t_with(
            "bottlenecks-period-until",
            &[("to", Arg::from(tr.date(to)))],
        ),
        (Some(from), Some(to)) => tr.t_with(
            "bottlenecks-period-between",
            &[
                ("from", Arg::from(tr.date(from))),
                ("to", Arg::from(tr.date(to))),
            ],
        ),
    }
}

#[derive(Deserialize)]
pub struct PageQuery {
    done: Option<String>,
}

async fn render(
    state: &AppState,
    caller: &SessionCaller,
    form: LineForm,
    errors: Vec<FieldMessage>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    if company_programmes(state, &caller.actor).await?.is_none() {
        return Err(PageError::Forbidden(
            "companies are for caseworkers and leads",
        ));
    }
    let chrome = Chrome::new(caller, Section::Companies, "/companies/bottlenecks");
    let tr = &chrome.tr;
    let list = state.db.bottlenecks(&caller.actor.organisation).await?;
    let rows = list
        .lines
        .iter()
        .map(|l| Row {
            municipality: l.line.municipality.clone(),
            sector: format!(
                "{} – {}",
                l.line.section,
                tr.sector(&l.line.section.to_string())
            ),
            period: period(tr, &l.line),
            remove: format!("/companies/bottlenecks/{}/remove", segment(&l.id)),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = BottlenecksPage {
        rows,
        may_keep: may_keep(&caller.actor),
        form,
        sections: section_choices(tr),
        areas: known_areas(state, &caller.actor.organisation).await?,
        errors,
        notice,
        chrome,
    };
    Ok((status, page).into_response())
}

/// `GET /companies/bottlenecks`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Query(query): Query<PageQuery>,
) -> Result<Response, PageError> {
    let tr = Tr::new(caller.lang);
    let notice = match query.done.as_deref() {
        Some("added") => Some(tr.t("bottlenecks-added")),
        Some("removed") => Some(tr.t("bottlenecks-removed")),
        _ => None,
    };
    render(&state, &caller, LineForm::default(), Vec::new(), notice).await
}

fn keeper(caller: &SessionCaller) -> Result<(), PageError> {
    if may_keep(&caller.actor) {
        Ok(())
    } else {
        Err(PageError::Forbidden(
            "the bottleneck list is kept by programme leads",
        ))
    }
}

/// `POST /companies/bottlenecks`.
pub async fn add(
    State(state): State<AppState>,
    caller: SessionCaller,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<LineForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    keeper(&caller)?;
    let tr = Tr::new(caller.lang);
    match BottleneckSector::typed(&form.municipality, &form.section, &form.from, &form.to) {
        Ok(line) => {
            add_bottleneck_lines(state.db.as_ref(), vec![line], &caller.ctx).await?;
            Ok(Redirect::to("/companies/bottlenecks?done=added").into_response())
        }
        Err(errors) => {
            let errors = errors.iter().map(|e| line_message(&tr, e)).collect();
            render(&state, &caller, form, errors, None).await
        }
    }
}

#[derive(Deserialize)]
pub struct RemoveForm {
    csrf: Option<String>,
}

/// `POST /companies/bottlenecks/{id}/remove`.
pub async fn remove(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<RemoveForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    keeper(&caller)?;
    match remove_bottleneck_line(state.db.as_ref(), &id, &caller.ctx).await? {
        Some(_) => Ok(Redirect::to("/companies/bottlenecks?done=removed").into_response()),
        None => Err(PageError::NotFound),
    }
}
