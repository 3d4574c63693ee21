//! `GET /openings`: every open opening of the caller's organisation — not closed, not filled —
//! by start date, with filters for kind, occupation and area, each linked to its company and its
//! own page. No personal data.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_domain::occupation::Isco;
use jobbro_domain::opening::{OpeningKind, OpeningState};
use jobbro_store::openings::{OpeningFilter, OpeningStore};
use serde::Deserialize;

use super::view::{OpeningRow, may_use_openings, opening_row, started_counts, state_of};
use crate::AppState;
use crate::i18n::Arg;
use crate::pages::chrome::{Chrome, Section};
use crate::session::{PageError, SessionCaller};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    kind: String,
    occupation: String,
    area: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "openings_list.html")]
pub struct ListPage {
    pub chrome: Chrome,
    pub kind: String,
    pub kinds: Vec<(&'static str, String)>,
    pub occupation: String,
    pub occupations: Vec<(String, String)>,
    pub area: String,
    /// Why the occupation filter was not used (a code that is no unit group).
    pub occupation_error: Option<String>,
    pub count: String,
    pub rows: Vec<OpeningRow>,
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    if !may_use_openings(&caller.actor) {
        return Err(PageError::Forbidden(
            "openings are for caseworkers and leads",
        ));
    }
    let chrome = Chrome::new(&caller, Section::Openings, "/openings");
    let tr = &chrome.tr;
    let occupation = match query.occupation.trim() {
        "" => Ok(None),
        code => Isco::parse(code).map(Some),
    };
    let filter = OpeningFilter {
        kind: OpeningKind::parse(query.kind.trim()),
        occupation: occupation.clone().ok().flatten(),
        area: Some(query.area.clone()),
        open_only: true,
        ..OpeningFilter::default()
    };
    let stored = state
        .db
        .openings(&caller.actor.organisation, &filter)
        .await?;
    let started = started_counts(&state, &caller.ctx).await?;
    let names: HashMap<String, String> = jobbro_store::companies::companies(state.db.as_ref())
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let rows: Vec<OpeningRow> = stored
        .iter()
        .map(|s| (s, state_of(&s.opening, &started)))
        .filter(|(_, st)| *st == OpeningState::Open)
        .map(|(s, st)| {
            let company = names
                .get(&s.opening.company)
                .map_or(s.opening.company.as_str(), String::as_str);
            opening_row(tr, &s.opening, company, st)
        })
        .collect();
    let page = ListPage {
        count: tr.t_with("openings-count", &[("n", Arg::from(rows.len()))]),
        kinds: OpeningKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.code("opening-kind", k.as_str())))
            .collect(),
        occupations: tr.occupation_choices(),
        occupation_error: occupation
            .is_err()
            .then(|| tr.t("openings-error-filter-occupation")),
        kind: query.kind,
        occupation: query.occupation,
        area: query.area,
        rows,
        chrome,
    };
    Ok(page.into_response())
}
