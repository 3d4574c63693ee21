//! `GET /companies/{company}`: the company's facts, its placements (newest first; a participant
//! is named and linked only when the caller may read the enrolment, the others are counted but
//! anonymous), how many internships turned into paid work, and its contact people with the form
//! to add one. Audited before it is shown (see `view::company_view`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::bottlenecks::fact_text;
use super::contacts::{ContactForm, InputField, contact_fields};
use super::details::{DetailsBlock, DetailsInput, details_block};
use super::view::{CompanyView, company_programmes, company_view, segment};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::FieldMessage;
use crate::session::{PageError, SessionCaller};

#[derive(Deserialize)]
pub struct PageQuery {
    done: Option<String>,
}

/// One placement as a row of the page.
pub struct PlacementRow {
    pub who: String,
    pub href: Option<String>,
    pub kind: String,
    pub start: String,
    pub end: String,
    pub outcome: String,
    pub ongoing: bool,
    pub converted: Option<String>,
}

/// One contact person as the page shows them.
pub struct ContactRow {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "companies_page.html")]
pub struct CompanyPage {
    pub chrome: Chrome,
    pub name: String,
    pub facts: Vec<(String, String)>,
    pub placements: Vec<PlacementRow>,
    pub hidden_note: Option<String>,
    pub conversion: Option<String>,
    pub contacts: Vec<ContactRow>,
    pub action: String,
    pub fields: Vec<InputField>,
    pub errors: Vec<FieldMessage>,
    pub notice: Option<String>,
    /// The company's openings, for callers who may keep them (`openings_section.html`).
    pub openings: Option<crate::pages::openings::OpeningsSection>,
    /// The organisation's municipality and notes of the company, with its bottleneck status.
    pub details: DetailsBlock,
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, PageError> {
    let tr = Tr::new(caller.lang);
    let notice = match query.done.as_deref() {
        Some("contact") => Some(tr.t("company-contact-added")),
        Some("added") => Some(tr.t("company-new-added")),
        Some("details") => Some(tr.t("company-details-saved")),
        _ => None,
    };
    render(
        &state,
        &caller,
        &id,
        ContactForm::default(),
        Vec::new(),
        notice,
        None,
    )
    .await
}

/// The company page, with the contact form holding `form` and its `errors` (422 when there are
/// any), and the details form holding a refused save when there is one (422; 409 when someone
/// saved in between).
pub(super) async fn render(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
    form: ContactForm,
    errors: Vec<FieldMessage>,
    notice: Option<String>,
    details: Option<DetailsInput>,
) -> Result<Response, PageError> {
    let Some(programmes) = company_programmes(state, &caller.actor).await? else {
        return Err(PageError::Forbidden(
            "companies are for caseworkers and leads",
        ));
    };
    let Some(view) = company_view(state, &caller.actor, &caller.ctx, id, &programmes).await? else {
        return Err(PageError::NotFound);
    };
    let chrome = Chrome::new(
        caller,
        Section::Companies,
        &format!("/companies/{}", segment(id)),
    );
    let status = match &details {
        Some(d) if d.conflict.is_some() => StatusCode::CONFLICT,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None if errors.is_empty() => StatusCode::OK,
        None => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let openings = crate::pages::openings::company_openings(state, caller, &view.company).await?;
    let (details, bottleneck) = details_block(
        state,
        &chrome.tr,
        &caller.actor.organisation,
        &view.company,
        caller.ctx.today(),
        details,
    )
    .await?;
    let page = CompanyPage {
        openings,
        name: view.company.name.clone(),
        facts: facts(&chrome.tr, &view, bottleneck.as_ref()),
        placements: placements(&chrome.tr, &view),
        hidden_note: (view.hidden() > 0).then(|| {
            chrome
                .tr
                .t_with("company-hidden-count", &[("n", Arg::from(view.hidden()))])
        }),
        conversion: (view.internships > 0).then(|| {
            chrome.tr.t_with(
                "company-conversion",
                &[
                    ("converted", Arg::from(view.converted)),
                    ("internships", Arg::from(view.internships)),
                ],
            )
        }),
        contacts: view
            .contacts
            .iter()
            .map(|c| ContactRow {
                name: c.name.clone(),
                role: c.role.clone().unwrap_or_default(),
                phone: c.phone.clone().unwrap_or_default(),
                email: c.email.clone().unwrap_or_default(),
            })
            .collect(),
        action: format!("/companies/{}/contacts", segment(id)),
        fields: contact_fields(&chrome.tr, &form, &errors),
        errors,
        notice,
        details,
        chrome,
    };
    Ok((status, page).into_response())
}

fn yes_no(tr: &Tr, v: Option<bool>) -> String {
    match v {
        Some(true) => tr.t("company-yes"),
        Some(false) => tr.t("company-no"),
        None => "–".to_owned(),
    }
}

fn facts(
    tr: &Tr,
    view: &CompanyView,
    bottleneck: Option<&jobbro_domain::bottleneck::Bottleneck>,
) -> Vec<(String, String)> {
    let c = &view.company;
    vec![
        (
            tr.t("company-cvr"),
            c.cvr
                .as_ref()
                .map_or_else(|| "–".to_owned(), |v| v.as_str().to_owned()),
        ),
        (
            tr.t("company-sector"),
            c.sector
                .as_deref()
                .map_or_else(|| "–".to_owned(), |s| tr.sector(s)),
        ),
        (tr.t("company-bottleneck"), fact_text(tr, bottleneck)),
        (
            tr.t("company-partner-since"),
            tr.date_or_dash(c.partner_since),
        ),
        (tr.t("company-diploma"), yes_no(tr, c.diploma)),
    ]
}

fn placements(tr: &Tr, view: &CompanyView) -> Vec<PlacementRow> {
    view.placements
        .iter()
        .map(|shown| {
            let p = &shown.placement;
            let name = [&p.name.given_name, &p.name.family_name]
                .into_iter()
                .filter_map(|n| n.as_deref())
                .collect::<Vec<_>>()
                .join(" ");
            let who = match (shown.named, name.is_empty()) {
                (false, _) => tr.t("company-hidden-participant"),
                (true, true) => tr.t("no-name"),
                (true, false) => name,
            };
            let outcome = match (p.end, p.end_reason) {
                (None, _) => tr.t("company-outcome-ongoing"),
                (Some(_), Some(reason)) => tr.code("end_reason", reason.as_str()),
                (Some(_), None) => tr.t("company-outcome-ended"),
            };
            PlacementRow {
                who,
                href: shown
                    .named
                    .then(|| format!("/participants/{}", segment(&p.person))),
                kind: tr.code("activity", p.kind.as_str()),
                start: tr.date(p.start),
                end: match p.end {
                    Some(end) => tr.date(end),
                    None => tr.date_or_dash(p.planned_end),
                },
                outcome,
                ongoing: p.ongoing(),
                converted: p.converted_to.map(|k| {
                    tr.t_with(
                        "company-converted",
                        &[("kind", Arg::from(tr.code("activity", k.as_str())))],
                    )
                }),
            }
        })
        .collect()
}
