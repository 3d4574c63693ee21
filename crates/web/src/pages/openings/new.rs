//! A new opening at a company: the form (`GET /companies/{company}/openings/new`, the area filled
//! in from the company's when it is known) and saving it (`POST /companies/{company}/openings`).
//! A refused form comes back (422) with what was typed and a message by each wrong field;
//! nothing is written unless all of it is right. Saved, the browser goes on to the opening's page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::opening::OpeningDraft;
use jobbro_domain::records::Company;
use jobbro_store::openings::OpeningStore;

use super::form::{FormView, OpeningForm, messages};
use super::view::may_use_openings;
use crate::AppState;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::companies::view::segment;
use crate::pages::forms::{check_form, new_record_id};
use crate::session::{PageError, SessionCaller};

#[derive(Template, WebTemplate)]
#[template(path = "openings_new.html")]
pub struct NewPage {
    pub chrome: Chrome,
    pub company: String,
    pub company_href: String,
    pub action: String,
    pub form: FormView,
}

/// The company the opening is at, when the caller may keep openings.
async fn company_for(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
) -> Result<Company, PageError> {
    if !may_use_openings(&caller.actor) {
        return Err(PageError::Forbidden(
            "openings are for caseworkers and leads",
        ));
    }
    jobbro_store::companies::company(state.db.as_ref(), id)
        .await?
        .ok_or(PageError::NotFound)
}

fn render(caller: &SessionCaller, company: &Company, form: FormView) -> Response {
    let path = format!("/companies/{}/openings", segment(&company.id));
    let chrome = Chrome::new(caller, Section::Openings, &format!("{path}/new"));
    let status = if form.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = NewPage {
        chrome,
        company: company.name.clone(),
        company_href: format!("/companies/{}", segment(&company.id)),
        action: path,
        form,
    };
    (status, page).into_response()
}

/// `GET /companies/{company}/openings/new`.
pub async fn form(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let company = company_for(&state, &caller, &id).await?;
    let draft = OpeningDraft {
        kind: "internship".into(),
        places: "1".into(),
        danish_level: "none".into(),
        area: company_area(&state, &caller, &company.id).await?,
        ..OpeningDraft::default()
    };
    let tr = crate::i18n::Tr::new(caller.lang);
    Ok(render(
        &caller,
        &company,
        FormView::new(&tr, draft, Vec::new()),
    ))
}

/// The area a new opening at the company starts with: the company's municipality as the
/// organisation registered it, if it did.
async fn company_area(
    state: &AppState,
    caller: &SessionCaller,
    company: &str,
) -> Result<String, PageError> {
    use jobbro_store::companies::RegisterStore;
    let details = state
        .db
        .company_details(company, &caller.actor.organisation)
        .await?;
    Ok(details.and_then(|d| d.details.area).unwrap_or_default())
}

/// `POST /companies/{company}/openings`.
pub async fn create(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<OpeningForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let company = company_for(&state, &caller, &id).await?;
    let tr = crate::i18n::Tr::new(caller.lang);
    let draft = form.draft();
    match draft.opening(&new_record_id(), &company.id) {
        Ok(opening) => {
            state.db.add_opening(&opening, &caller.ctx).await?;
            let to = format!("/openings/{}?done=created", segment(&opening.id));
            Ok(Redirect::to(&to).into_response())
        }
        Err(errors) => {
            let errors = messages(&tr, &draft, &errors);
            Ok(render(&caller, &company, FormView::new(&tr, draft, errors)))
        }
    }
}
