//! An opening's page (`GET /openings/{opening}`): its facts and state, then the place for its
//! candidates (matching fills it), the edit form (`POST /openings/{opening}`) and the close or
//! reopen button (`POST /openings/{opening}/close`, `…/reopen`).
//!
//! An edit names the version its form was made from. When someone saved the opening in between,
//! nothing is overwritten: the page comes back (409) saying so in the user's language, showing the
//! opening as it is now, and the form holds it so the change can be made again.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::opening::OpeningDraft;
use jobbro_store::StoreError;
use jobbro_store::openings::{OpeningStore, StoredOpening};
use serde::Deserialize;

use super::form::{FormView, OpeningForm, messages};
use super::view::may_use_openings;
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::companies::view::segment;
use crate::pages::enrolment_actions::FieldMessage;
use crate::pages::forms::check_form;
use crate::pages::matching::view::opening_match;
use crate::pages::matching::{Candidates, candidates_section, matching_notice};
use crate::session::{PageError, SessionCaller};

#[derive(Deserialize)]
pub struct PageQuery {
    done: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "openings_page.html")]
pub struct OpeningPage {
    pub chrome: Chrome,
    pub heading: String,
    pub company: String,
    pub company_href: String,
    pub facts: Vec<(String, String)>,
    /// `open`, `filled` or `closed`.
    pub state_code: &'static str,
    pub state: String,
    /// Matching's ranked, explained candidates and the proposals, under the facts.
    pub candidates: Option<Candidates>,
    pub action: String,
    pub form: FormView,
    /// The close or reopen button: its action and label.
    pub toggle: (String, String),
    pub notice: Option<String>,
    /// Why the form was refused as a whole (someone saved in between).
    pub refusal: Option<String>,
}

/// The opening `id` of the caller's organisation, when the caller may keep openings.
async fn opening_for(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
) -> Result<StoredOpening, PageError> {
    if !may_use_openings(&caller.actor) {
        return Err(PageError::Forbidden(
            "openings are for caseworkers and leads",
        ));
    }
    state
        .db
        .opening(id, &caller.actor.organisation)
        .await?
        .ok_or(PageError::NotFound)
}

fn yes_no(tr: &Tr, yes: bool) -> String {
    tr.t(if yes { "company-yes" } else { "company-no" })
}

/// The page of `stored`, its form holding `form` with `errors`, answered with `status`.
async fn render(
    state: &AppState,
    caller: &SessionCaller,
    stored: &StoredOpening,
    form: Option<OpeningDraft>,
    errors: Vec<FieldMessage>,
    (status, notice, refusal): (StatusCode, Option<String>, Option<String>),
) -> Result<Response, PageError> {
    let o = &stored.opening;
    let path = format!("/openings/{}", segment(&o.id));
    let chrome = Chrome::new(caller, Section::Openings, &path);
    let tr = &chrome.tr;
    let (_, matched) = opening_match(state, &caller.actor, &caller.ctx, &o.id)
        .await?
        .map_err(|_| PageError::NotFound)?;
    let opening_state = matched.state;
    let candidates = candidates_section(tr, stored, &matched, caller.ctx.today());
    let company = jobbro_store::companies::company(state.db.as_ref(), &o.company)
        .await?
        .map_or_else(|| o.company.clone(), |c| c.name);
    let facts = vec![
        (
            tr.t("openings-field-kind"),
            tr.code("opening-kind", o.kind.as_str()),
        ),
        (
            tr.t("openings-field-occupation"),
            tr.occupation(o.occupation),
        ),
        (
            tr.t("openings-field-title"),
            o.title.clone().unwrap_or_else(|| "–".into()),
        ),
        (
            tr.t("openings-field-hours"),
            tr.t_with(
                "openings-hours-value",
                &[("n", Arg::from(usize::from(o.hours_per_week)))],
            ),
        ),
        (tr.t("openings-field-start"), tr.date(o.start)),
        (
            tr.t("openings-field-planned-end"),
            tr.date_or_dash(o.planned_end),
        ),
        (
            tr.t("openings-field-danish"),
            o.danish_level.map_or_else(
                || tr.t("openings-danish-none"),
                |l| tr.code("danish_level", l.as_str()),
            ),
        ),
        (
            tr.t("openings-field-driving-licence"),
            yes_no(tr, o.driving_licence),
        ),
        (
            tr.t("openings-field-area"),
            o.area.clone().unwrap_or_else(|| "–".into()),
        ),
        (tr.t("openings-field-places"), o.places.to_string()),
    ];
    let mut form = FormView::new(tr, form.unwrap_or_else(|| OpeningDraft::of(o)), errors);
    form.version = stored.version.to_string();
    let toggle = if o.closed {
        (format!("{path}/reopen"), tr.t("openings-reopen"))
    } else {
        (format!("{path}/close"), tr.t("openings-close"))
    };
    let page = OpeningPage {
        heading: format!(
            "{} · {}",
            tr.code("opening-kind", o.kind.as_str()),
            tr.occupation(o.occupation)
        ),
        company,
        company_href: format!("/companies/{}", segment(&o.company)),
        facts,
        state_code: opening_state.as_str(),
        state: tr.code("opening-state", opening_state.as_str()),
        candidates: Some(candidates),
        action: path,
        form,
        toggle,
        notice,
        refusal,
        chrome,
    };
    Ok((status, page).into_response())
}

/// `GET /openings/{opening}`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, PageError> {
    let stored = opening_for(&state, &caller, &id).await?;
    let tr = Tr::new(caller.lang);
    let mut refusal = None;
    let notice = match query.done.as_deref() {
        Some("created") => Some(tr.t("openings-created")),
        Some("saved") => Some(tr.t("openings-saved")),
        Some("closed") => Some(tr.t("openings-closed-notice")),
        Some("reopened") => Some(tr.t("openings-reopened-notice")),
        Some(done) => match matching_notice(&tr, done) {
            Some((true, words)) => Some(words),
            Some((false, words)) => {
                refusal = Some(words);
                None
            }
            None => None,
        },
        None => None,
    };
    render(
        &state,
        &caller,
        &stored,
        None,
        Vec::new(),
        (StatusCode::OK, notice, refusal),
    )
    .await
}

/// `POST /openings/{opening}`: saves the edit form, when made from the version stored now.
pub async fn save(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<OpeningForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let stored = opening_for(&state, &caller, &id).await?;
    let tr = Tr::new(caller.lang);
    let draft = form.draft();
    let mut opening = match draft.opening(&stored.opening.id, &stored.opening.company) {
        Ok(opening) => opening,
        Err(errors) => {
            let errors = messages(&tr, &draft, &errors);
            let answer = (StatusCode::UNPROCESSABLE_ENTITY, None, None);
            return render(&state, &caller, &stored, Some(draft), errors, answer).await;
        }
    };
    opening.closed = stored.opening.closed;
    // A form without a version (or with one that is no number) was made from no version at all.
    let version = form.version.trim().parse::<i64>().unwrap_or(0);
    match state
        .db
        .update_opening(&opening, version, &caller.ctx)
        .await
    {
        Ok(_) => {
            let to = format!("/openings/{}?done=saved", segment(&opening.id));
            Ok(Redirect::to(&to).into_response())
        }
        Err(StoreError::Conflict { .. }) => {
            let now = opening_for(&state, &caller, &id).await?;
            let refusal = Some(tr.t("openings-error-conflict"));
            let answer = (StatusCode::CONFLICT, None, refusal);
            render(&state, &caller, &now, None, Vec::new(), answer).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ButtonForm {
    csrf: Option<String>,
}

async fn set_closed(
    state: AppState,
    caller: SessionCaller,
    id: String,
    (headers, uri, form): (HeaderMap, Uri, ButtonForm),
    closed: bool,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    opening_for(&state, &caller, &id).await?;
    state
        .db
        .set_opening_closed(&id, closed, &caller.ctx)
        .await?;
    let done = if closed { "closed" } else { "reopened" };
    Ok(Redirect::to(&format!("/openings/{}?done={done}", segment(&id))).into_response())
}

/// `POST /openings/{opening}/close`.
pub async fn close(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ButtonForm>,
) -> Result<Response, PageError> {
    set_closed(state, caller, id, (headers, uri, form), true).await
}

/// `POST /openings/{opening}/reopen`.
pub async fn reopen(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ButtonForm>,
) -> Result<Response, PageError> {
    set_closed(state, caller, id, (headers, uri, form), false).await
}
