//! Adding a company to the register by hand: the form (`GET /companies/new`) and its save
//! (`POST /companies`), for everyone who works with companies. What was typed is checked by the
//! domain's one check (`CompanyDraft::check`: a wrong CVR number is named by its field, in the
//! reader's language) and written as a `company` timeline record by the store
//! (`companies::register_company`); a CVR number already registered names the company that has it,
//! with a link, instead of making a second one. The API (`POST /api/v1/companies`) and
//! `jobbro company add` go the same way.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::company_register::{CompanyDetails, CompanyDraft, DraftProblem, Problem};
use jobbro_domain::cvr::CvrError;
use jobbro_domain::sector::SECTIONS;
use jobbro_store::companies::{Added, register_company};
use serde::Deserialize;

use super::bottlenecks::known_areas;
use super::contacts::InputField;
use super::view::{company_programmes, segment};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::FieldMessage;
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// A company as typed in the form.
#[derive(Clone, Default, Deserialize)]
pub struct NewCompanyForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub cvr: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub partner_since: String,
    /// A ticked checkbox sends a value; an unticked one nothing.
    #[serde(default)]
    pub diploma: Option<String>,
    #[serde(default)]
    pub area: String,
}

impl NewCompanyForm {
    fn draft(&self) -> CompanyDraft {
        CompanyDraft {
            name: self.name.clone(),
            cvr: self.cvr.clone(),
            sector: self.sector.clone(),
            partner_since: self.partner_since.clone(),
            diploma: self.diploma.is_some(),
        }
    }
}

/// The message for one wrong field of a typed company or its details, in the reader's language.
pub(crate) fn draft_message(tr: &Tr, p: &DraftProblem) -> FieldMessage {
    let message = match (&p.problem, p.field) {
        (Problem::Required, _) => tr.t("company-new-error-name"),
        (Problem::TooLong(max), "notes") => tr.t_with(
            "company-details-error-notes-long",
            &[("max", Arg::from(*max))],
        ),
        (Problem::TooLong(max), _) => {
            tr.t_with("company-new-error-too-long", &[("max", Arg::from(*max))])
        }
        (Problem::Cvr(CvrError::Shape), _) => tr.t("company-new-error-cvr-shape"),
        (Problem::Cvr(CvrError::LeadingZero), _) => tr.t("company-new-error-cvr-zero"),
        (Problem::Cvr(CvrError::CheckDigit(_)), _) => tr.t("company-new-error-cvr-check"),
        (Problem::NotADate, _) => tr.t("company-new-error-date"),
    };
    FieldMessage {
        field: p.field.to_owned(),
        message,
    }
}

/// The DB07 sections a sector field offers: (letter, "I – name in this language").
pub(crate) fn section_choices(tr: &Tr) -> Vec<(String, String)> {
    SECTIONS
        .iter()
        .map(|(s, ..)| {
            let letter = s.to_string();
            let label = format!("{letter} – {}", tr.sector(&letter));
            (letter, label)
        })
        .collect()
}

/// A company already registered that the new one would duplicate, as the page names it.
pub struct Taken {
    pub message: String,
    pub name: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "companies_new.html")]
pub struct NewCompanyPage {
    pub chrome: Chrome,
    /// Name and CVR number.
    pub fields: Vec<InputField>,
    /// Partner since (after the sector and the municipality).
    pub partner: Vec<InputField>,
    pub sector: String,
    pub sector_error: Option<String>,
    pub area: String,
    pub area_error: Option<String>,
    pub diploma: bool,
    pub sections: Vec<(String, String)>,
    pub areas: Vec<String>,
    pub errors: Vec<FieldMessage>,
    pub taken: Option<Taken>,
}

fn error_of(errors: &[FieldMessage], field: &str) -> Option<String> {
    errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.message.clone())
        .reduce(|a, b| format!("{a} {b}"))
}

async fn render(
    state: &AppState,
    caller: &SessionCaller,
    form: NewCompanyForm,
    errors: Vec<FieldMessage>,
    taken: Option<Taken>,
) -> Result<Response, PageError> {
    let chrome = Chrome::new(caller, Section::Companies, "/companies/new");
    let tr = &chrome.tr;
    let fields = vec![
        InputField::new(tr, "name", "company-new-name", "text", &form.name, &errors).required(),
        InputField::new(tr, "cvr", "company-new-cvr", "text", &form.cvr, &errors)
            .hint(tr.t("company-new-cvr-hint")),
    ];
    let partner = vec![InputField::new(
        tr,
        "partner_since",
        "company-new-partner-since",
        "date",
        &form.partner_since,
        &errors,
    )];
    let status = if errors.is_empty() && taken.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = NewCompanyPage {
        fields,
        partner,
        sector_error: error_of(&errors, "sector"),
        area_error: error_of(&errors, "area"),
        sector: form.sector,
        area: form.area,
        diploma: form.diploma.is_some(),
        sections: section_choices(tr),
        areas: known_areas(state, &caller.actor.organisation).await?,
        errors,
        taken,
        chrome,
    };
    Ok((status, page).into_response())
}

async fn allowed(state: &AppState, caller: &SessionCaller) -> Result<(), PageError> {
    match company_programmes(state, &caller.actor).await? {
        Some(_) => Ok(()),
        None => Err(PageError::Forbidden(
            "companies are for caseworkers and leads",
        )),
    }
}

/// `GET /companies/new`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
) -> Result<Response, PageError> {
    allowed(&state, &caller).await?;
    render(&state, &caller, NewCompanyForm::default(), Vec::new(), None).await
}

/// `POST /companies`.
pub async fn add(
    State(state): State<AppState>,
    caller: SessionCaller,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<NewCompanyForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    allowed(&state, &caller).await?;
    let tr = Tr::new(caller.lang);
    let details = CompanyDetails::typed(&form.area, "");
    let (message, other) =
        match register_company(state.db.as_ref(), &form.draft(), &details, &caller.ctx).await? {
            Added::Added(company) => {
                let to = format!("/companies/{}?done=added", segment(&company.id));
                return Ok(Redirect::to(&to).into_response());
            }
            Added::Refused(problems) => {
                let errors = problems.iter().map(|p| draft_message(&tr, p)).collect();
                return render(&state, &caller, form, errors, None).await;
            }
            Added::CvrTaken(other) => {
                let cvr = other.cvr.as_ref().map_or("", |c| c.as_str());
                let message = tr.t_with("company-new-cvr-taken", &[("cvr", Arg::from(cvr))]);
                (message, other)
            }
            Added::IdTaken(other) => (tr.t("company-new-name-taken"), other),
        };
    let taken = Taken {
        message,
        href: format!("/companies/{}", segment(&other.id)),
        name: other.name,
    };
    render(&state, &caller, form, Vec::new(), Some(taken)).await
}
