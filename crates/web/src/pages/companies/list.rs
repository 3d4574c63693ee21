//! `GET /companies`: every company, or those matching the search (part of the name or sector, or
//! the CVR number), with how many placements each has had and has now. No personal data.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::bottlenecks::status_text;
use super::view::{ListFilter, company_list, company_programmes, segment};
use crate::AppState;
use crate::i18n::Arg;
use crate::pages::chrome::{Chrome, Section};
use crate::session::{PageError, SessionCaller};

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    /// `1`: only companies in a bottleneck sector.
    #[serde(default)]
    bottleneck: Option<String>,
}

/// One row of the list.
pub struct Row {
    pub href: String,
    pub name: String,
    pub cvr: String,
    pub sector: String,
    pub bottleneck: Option<String>,
    pub placements: usize,
    pub ongoing: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "companies_list.html")]
pub struct ListPage {
    pub chrome: Chrome,
    pub q: String,
    pub only_bottleneck: bool,
    pub count: String,
    pub rows: Vec<Row>,
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let Some(programmes) = company_programmes(&state, &caller.actor).await? else {
        return Err(PageError::Forbidden(
            "companies are for caseworkers and leads",
        ));
    };
    let only_bottleneck = query.bottleneck.as_deref().is_some_and(|b| !b.is_empty());
    let filter = ListFilter {
        search: &query.q,
        only_bottleneck,
    };
    let listed = company_list(
        &state,
        &caller.actor.organisation,
        &programmes,
        filter,
        caller.ctx.today(),
    )
    .await?;
    let chrome = Chrome::new(&caller, Section::Companies, "/companies");
    let tr = &chrome.tr;
    let count = tr.t_with("company-count", &[("n", Arg::from(listed.len()))]);
    let rows = listed
        .into_iter()
        .map(|l| Row {
            href: format!("/companies/{}", segment(&l.company.id)),
            cvr: l
                .company
                .cvr
                .as_ref()
                .map_or_else(String::new, |c| c.as_str().to_owned()),
            sector: l
                .company
                .sector
                .as_deref()
                .map(|s| tr.sector(s))
                .unwrap_or_default(),
            bottleneck: l
                .bottleneck_sector
                .as_ref()
                .map(|b| status_text(tr, Some(b))),
            name: l.company.name,
            placements: l.placements,
            ongoing: l.ongoing,
        })
        .collect();
    let page = ListPage {
        q: query.q,
        only_bottleneck,
        count,
        rows,
        chrome,
    };
    Ok(page.into_response())
}
