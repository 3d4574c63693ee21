//! The participant page's pickers, `GET /participants/choices/companies` and
//! `/participants/choices/caseworkers`: up to twenty matches for what was typed, as `<option>`s
//! for the picker's `<datalist>` (htmx swaps them in as the user types). At national scale the
//! registers hold tens of thousands of companies and caseworkers; a page must never carry them
//! all. Neither list is personal data of a participant; any signed-in user may search them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_store::StoreError;
use jobbro_store::participant::{Named, search_caseworkers, search_companies};
use serde::Deserialize;

use crate::AppState;
use crate::session::{PageError, SessionCaller};

/// What was typed: htmx sends the input's own name.
#[derive(Debug, Deserialize)]
pub struct Typed {
    #[serde(default)]
    company: String,
    #[serde(default)]
    caseworker: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "participants_choices.html")]
struct Matches {
    matches: Vec<(String, String)>,
}

fn options(found: Vec<Named>) -> Response {
    Matches {
        matches: found.into_iter().map(|n| (n.id, n.name)).collect(),
    }
    .into_response()
}

/// Typed text shorter than this gets no suggestions (every company would match).
const AT_LEAST: usize = 2;

/// The matches for `typed`, found by `search` once enough was typed.
async fn suggest<F: Future<Output = Result<Vec<Named>, StoreError>>>(
    typed: &str,
    search: impl FnOnce(String) -> F,
) -> Result<Response, PageError> {
    let text = typed.trim();
    if text.chars().count() < AT_LEAST {
        return Ok(options(Vec::new()));
    }
    Ok(options(search(text.to_owned()).await?))
}

/// `GET /participants/choices/companies?company=…`.
pub async fn companies(
    State(state): State<AppState>,
    _caller: SessionCaller,
    Query(typed): Query<Typed>,
) -> Result<Response, PageError> {
    let db = state.db.as_ref();
    suggest(&typed.company, |text| async move {
        search_companies(db, &text).await
    })
    .await
}

/// `GET /participants/choices/caseworkers?caseworker=…`.
pub async fn caseworkers(
    State(state): State<AppState>,
    _caller: SessionCaller,
    Query(typed): Query<Typed>,
) -> Result<Response, PageError> {
    let db = state.db.as_ref();
    suggest(&typed.caseworker, |text| async move {
        search_caseworkers(db, &text).await
    })
    .await
}
