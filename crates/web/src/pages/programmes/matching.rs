//! `GET /programmes/{programme}/matching?as_of=YYYY-MM-DD`: what came of the proposals of the
//! programme's participants by the day — proposed, declined, waiting, started, and of the starts
//! how many are ongoing, turned into paid work, completed or ended early — in all and by the score
//! when proposed (docs/MATCHING.md), so a lead can see whether matching works. Counts only;
//! nothing is counted here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_domain::proposal::Funnel;
use serde::Deserialize;

use super::{ProgrammeAccess, SubPage};
use crate::AppState;
use crate::pages::chrome::Chrome;
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct MatchingQuery {
    as_of: Option<String>,
}

/// One row: all proposals, or one score band.
pub struct Row {
    pub label: String,
    /// The counts in the order of the page's columns.
    pub counts: Vec<u64>,
    /// Converted to paid work, of those started, as a percentage (or a dash).
    pub conversion: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "programmes_matching.html")]
pub struct MatchingPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub as_of_text: String,
    pub date_error: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// The columns of a funnel, in order: (message id, count).
fn cells(f: &Funnel) -> [(&'static str, u64); 8] {
    [
        ("proposed", f.proposed),
        ("declined", f.declined),
        ("waiting", f.waiting),
        ("started", f.started),
        ("ongoing", f.ongoing),
        ("converted", f.converted),
        ("completed", f.completed),
        ("ended_early", f.ended_early),
    ]
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<MatchingQuery>,
) -> Result<Response, PageError> {
    let opened = SubPage::open(
        &state,
        &caller,
        (&id, "matching"),
        q.as_of.as_deref(),
        (ProgrammeAccess::figures, "no figures for this role"),
    )
    .await?;
    let (programme, chrome) = (opened.programme, opened.chrome);
    let (as_of, date_error) = (opened.as_of, opened.date_error);
    let tr = chrome.tr.clone();
    let report = jobbro_store::matching::matching_report(
        state.db.as_ref(),
        &caller.actor.organisation,
        &programme.id,
        as_of,
    )
    .await?;
    let row = |label: String, f: &Funnel| Row {
        label,
        counts: cells(f).iter().map(|(_, n)| *n).collect(),
        conversion: (f.converted * 100 + f.started / 2)
            .checked_div(f.started)
            .map_or_else(|| "–".to_owned(), |p| format!("{p} %")),
    };
    let mut rows = vec![row(tr.t("matching-report-all"), &report.total)];
    for (lo, hi, f) in &report.by_score {
        let label = tr.t_with(
            "matching-report-band",
            &[("lo", (*lo as usize).into()), ("hi", (*hi as usize).into())],
        );
        rows.push(row(label, f));
    }
    let page = MatchingPage {
        id: programme.id,
        name: programme.name,
        as_of: as_of.to_string(),
        as_of_text: tr.date(as_of),
        date_error,
        columns: cells(&Funnel::default())
            .iter()
            .map(|(code, _)| tr.code("matching-report", code))
            .collect(),
        rows,
        chrome,
    };
    Ok(page.into_response())
}
