//! The matching forms: propose a candidate (`POST /openings/{opening}/proposals`), start a
//! proposal (`POST /proposals/{proposal}/start`: the timeline's activity at the company), and
//! decline one (`POST /proposals/{proposal}/decline`, version-checked). Each answers with a
//! redirect back to where the form was (the opening's page, or the participant's openings),
//! `?done=` naming what happened; a start refused by the timeline's checks comes back as a page
//! naming the field.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use jobbro_store::StoreError;
use jobbro_store::matching::StartRefusal;
use jobbro_store::proposals::ProposalStore;
use serde::Deserialize;

use super::view::{self, Declined, Proposed, Refused, Started};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::companies::view::segment;
use crate::pages::forms::{check_form, local_path};
use crate::pages::message::MessagePage;
use crate::session::{PageError, SessionCaller};

fn denied(r: Refused) -> PageError {
    match r {
        Refused::Forbidden => PageError::Forbidden("not your enrolment, or no openings"),
        Refused::NotFound => PageError::NotFound,
    }
}

/// Where to go back to: the form's own `back` when it is a path of this site, else `fallback`.
fn back(form_back: Option<&str>, fallback: String, done: &str, anchor: &str) -> Response {
    let base = form_back
        .and_then(local_path)
        .map_or(fallback, str::to_owned);
    let sep = if base.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{base}{sep}done={done}#{anchor}")).into_response()
}

fn opening_page(opening: &str) -> String {
    format!("/openings/{}", segment(opening))
}

#[derive(Deserialize)]
pub struct ProposeForm {
    csrf: Option<String>,
    enrolment: String,
    /// The page the form was on, when not the opening's.
    back: Option<String>,
}

/// `POST /openings/{opening}/proposals`.
pub async fn propose(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(opening): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ProposeForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let done = match view::propose(
        &state,
        &caller.actor,
        &caller.ctx,
        &opening,
        &form.enrolment,
    )
    .await?
    {
        Proposed::Done(_) => "proposed",
        Proposed::Already => "already_proposed",
        Proposed::Refused(r) => return Err(denied(r)),
    };
    Ok(back(
        form.back.as_deref(),
        opening_page(&opening),
        done,
        "proposals",
    ))
}

#[derive(Deserialize)]
pub struct StartForm {
    csrf: Option<String>,
    date: String,
    back: Option<String>,
}

/// `POST /proposals/{proposal}/start`.
pub async fn start(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(proposal): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<StartForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let tr = Tr::new(caller.lang);
    let Ok(date) = form.date.trim().parse::<NaiveDate>() else {
        return Ok(refused_page(&caller, &tr, &tr.t("matching-bad-date")));
    };
    let opening = state
        .db
        .proposal(&proposal, &caller.actor.organisation)
        .await?
        .map(|p| p.proposal.opening)
        .ok_or(PageError::NotFound)?;
    let done = match view::start(&state, &caller.actor, &caller.ctx, &proposal, date).await {
        Ok(Started::Done { .. }) => "started",
        Ok(Started::Refused(StartRefusal::NotOpen)) => "not_open",
        Ok(Started::Refused(StartRefusal::AlreadyStarted)) => "already_started",
        Ok(Started::Refused(StartRefusal::Declined)) => "was_declined",
        Ok(Started::Refused(StartRefusal::NotFound)) => return Err(PageError::NotFound),
        Ok(Started::Denied(r)) => return Err(denied(r)),
        Err(StoreError::Invalid { errors, .. }) => {
            let reasons: Vec<String> = errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.reason))
                .collect();
            let body = format!("{} {}", tr.t("matching-start-refused"), reasons.join("; "));
            return Ok(refused_page(&caller, &tr, &body));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(back(
        form.back.as_deref(),
        opening_page(&opening),
        done,
        "proposals",
    ))
}

/// A start that could not be made, said in words (422), in the usual frame.
fn refused_page(caller: &SessionCaller, tr: &Tr, body: &str) -> Response {
    let page = MessagePage {
        heading: tr.t("matching-start-refused-heading"),
        body: body.to_owned(),
        link: Some("/openings"),
        link_text: tr.t("matching-back-to-openings"),
        refresh: None,
        chrome: Chrome::new(caller, Section::Openings, "/openings"),
    };
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

#[derive(Deserialize)]
pub struct DeclineForm {
    csrf: Option<String>,
    version: String,
    back: Option<String>,
}

/// `POST /proposals/{proposal}/decline`.
pub async fn decline(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(proposal): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<DeclineForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let opening = state
        .db
        .proposal(&proposal, &caller.actor.organisation)
        .await?
        .map(|p| p.proposal.opening)
        .ok_or(PageError::NotFound)?;
    // A form without a version that is a number was made from no version: it is stale.
    let version = form.version.trim().parse::<i64>().unwrap_or(0);
    let done = match view::decline(&state, &caller.actor, &caller.ctx, &proposal, version).await? {
        Declined::Done(_) => "declined",
        Declined::Stale => "stale",
        Declined::Denied(r) => return Err(denied(r)),
    };
    Ok(back(
        form.back.as_deref(),
        opening_page(&opening),
        done,
        "proposals",
    ))
}
