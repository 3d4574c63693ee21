//! `GET /programmes/{programme}/cohorts?as_of=YYYY-MM-DD`: the funnel by referral quarter — for
//! the enrolments referred in each quarter, how many reached each stage by the day and the median
//! days between stages (docs/REPORTS.md). For whoever sees the programme's figures; an analyst
//! sees the quarter counts small-cell suppressed, as in the API. Nothing is counted here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_domain::cohorts::{STEPS, step_name};
use jobbro_domain::series::FunnelStage;
use serde::Deserialize;

use super::page::{shown_count, suppressed_note};
use super::{ProgrammeAccess, SubPage};
use crate::AppState;
use crate::pages::chrome::Chrome;
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct CohortQuery {
    as_of: Option<String>,
}

/// One cell: its code (a stage or a step, for `data-` attributes), its column's label (for the
/// narrow-screen cards) and what it shows.
pub struct Cell {
    pub code: String,
    pub label: String,
    pub text: String,
}

/// One row: a referral quarter, or the total.
pub struct Row {
    pub quarter: String,
    pub label: String,
    pub counts: Vec<Cell>,
    pub medians: Vec<Cell>,
}

#[derive(Template, WebTemplate)]
#[template(path = "programmes_cohorts.html")]
pub struct CohortPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub as_of_text: String,
    pub date_error: Option<String>,
    /// (stage code, label) and (step code, label), in order.
    pub stages: Vec<(String, String)>,
    pub steps: Vec<(String, String)>,
    pub rows: Vec<Row>,
    pub suppressed_note: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<CohortQuery>,
) -> Result<Response, PageError> {
    let opened = SubPage::open(
        &state,
        &caller,
        (&id, "cohorts"),
        q.as_of.as_deref(),
        (ProgrammeAccess::figures, "no figures for this role"),
    )
    .await?;
    let (programme, chrome) = (opened.programme, opened.chrome);
    let (as_of, date_error) = (opened.as_of, opened.date_error);
    let tr = chrome.tr.clone();
    // The figures are allowed, so this is their threshold (none for a lead).
    let suppress = opened.access.figures.flatten();
    let report =
        jobbro_store::cohort_report(state.db.as_ref(), &programme.id, as_of, suppress).await?;
    let shown = shown_count(&tr, suppress);
    let stages: Vec<(String, String)> = FunnelStage::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), tr.code("prog-funnel", s.as_str())))
        .collect();
    let steps: Vec<(String, String)> = (0..STEPS.len())
        .map(|i| {
            (
                step_name(i),
                tr.t(&format!("cohorts-step-{}", step_name(i))),
            )
        })
        .collect();
    let rows = report
        .cohorts
        .iter()
        .chain(std::iter::once(&report.total))
        .map(|c| Row {
            label: if c.quarter == report.total.quarter {
                tr.t("cohorts-total")
            } else {
                c.quarter.clone()
            },
            quarter: c.quarter.clone(),
            counts: c
                .counts
                .0
                .iter()
                .zip(&stages)
                .map(|(n, (code, label))| Cell {
                    code: code.clone(),
                    label: label.clone(),
                    text: shown(*n),
                })
                .collect(),
            medians: c
                .median_days
                .0
                .iter()
                .zip(&steps)
                .map(|(m, (code, label))| Cell {
                    code: code.clone(),
                    label: label.clone(),
                    text: m.map_or_else(|| "–".to_owned(), |m| m.to_string()),
                })
                .collect(),
        })
        .collect();
    let page = CohortPage {
        id: programme.id,
        name: programme.name,
        as_of: as_of.to_string(),
        as_of_text: tr.date(as_of),
        date_error,
        stages,
        steps,
        rows,
        suppressed_note: suppressed_note(&tr, suppress),
        chrome,
    };
    Ok(page.into_response())
}
