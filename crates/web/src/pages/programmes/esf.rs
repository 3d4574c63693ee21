//! `GET /programmes/{programme}/esf?as_of=YYYY-MM-DD&member_state=DK`: the ESF+ common indicators
//! of the programme on a day, by gender (docs/REPORTS.md) — the figures the programme lead sends
//! the managing authority. An analyst sees them with small-cell suppression, as the API gives
//! them (`EsfReport::publish`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_domain::codes::Country;
use jobbro_domain::esf::{ByGender, EsfSection};
use serde::Deserialize;

use super::page::{shown_count, suppressed_note};
use super::{ProgrammeAccess, SubPage};
use crate::AppState;
use crate::pages::chrome::Chrome;
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct EsfQuery {
    as_of: Option<String>,
    member_state: Option<String>,
}

/// One row of the table: the ESF+ code (empty for jobbro's own rows), its meaning, the counts
/// as shown (women, men, non-binary, unknown, total; a suppressed count as "fewer than k").
pub struct EsfRow {
    pub code: String,
    pub label: String,
    pub counts: ByGender<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "programmes_esf.html")]
pub struct EsfPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub as_of_text: String,
    pub date_error: Option<String>,
    pub member_state: &'static str,
    /// (heading message, rows): the output indicators, then the results.
    pub sections: Vec<(&'static str, Vec<EsfRow>)>,
    /// Why some counts are not shown (analysts).
    pub suppressed_note: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<EsfQuery>,
) -> Result<Response, PageError> {
    let opened = SubPage::open(
        &state,
        &caller,
        (&id, "esf"),
        q.as_of.as_deref(),
        (ProgrammeAccess::figures, "no figures for this role"),
    )
    .await?;
    let (programme, chrome) = (opened.programme, opened.chrome);
    let suppress = opened.access.figures.flatten();
    let (as_of, date_error) = (opened.as_of, opened.date_error);
    let tr = chrome.tr.clone();
    let member_state = match q.member_state.as_deref() {
        Some("SE") => "SE",
        _ => "DK",
    };
    let country = Country::parse(member_state).map_err(|e| PageError::Internal(Box::new(e)))?;
    let report = jobbro_store::esf_report(state.db.as_ref(), &programme.id, as_of, country)
        .await?
        .publish(suppress);
    let shown = shown_count(&tr, suppress);
    let (mut output, mut result) = (Vec::new(), Vec::new());
    for (section, key, counts) in report.rows() {
        let row = EsfRow {
            code: if key.starts_with("EEC") {
                key.to_owned()
            } else {
                String::new()
            },
            label: tr.t(&format!("esf-{key}")),
            counts: ByGender::from_cells(counts.cells().map(&shown)),
        };
        match section {
            EsfSection::Output => output.push(row),
            EsfSection::Result => result.push(row),
        }
    }
    let page = EsfPage {
        id: programme.id,
        name: programme.name,
        as_of: as_of.to_string(),
        as_of_text: tr.date(as_of),
        date_error,
        member_state,
        sections: vec![("esf-output", output), ("esf-result", result)],
        suppressed_note: suppressed_note(&tr, suppress),
        chrome,
    };
    Ok(page.into_response())
}
