//! `GET /programmes/{programme}/status.xlsx?as_of=YYYY-MM-DD`: the status report of the day as an
//! Excel workbook, for the programme lead's report to the funder or the committee — the same
//! figures as the page, suppressed for an analyst as on the page. Aggregates only: nothing to
//! audit.

use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use jobbro_domain::records::parse_date;
use serde::Deserialize;

use super::programme_for;
use crate::AppState;
use crate::session::{PageError, SessionCaller};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Debug, Deserialize)]
pub struct DownloadQuery {
    as_of: Option<String>,
}

pub async fn status_xlsx(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<DownloadQuery>,
) -> Result<Response, PageError> {
    let (programme, access) = programme_for(&state, &caller, &id).await?;
    let Some(suppress) = access.figures else {
        return Err(PageError::Forbidden("no figures for this role"));
    };
    let as_of = match q.as_of.as_deref().map(str::trim) {
        None | Some("") => caller.ctx.today(),
        Some(text) => parse_date(text).map_err(|_| PageError::NotFound)?,
    };
    let report =
        jobbro_store::status_report(state.db.as_ref(), &programme.id, as_of, suppress).await?;
    let bytes =
        jobbro_formats::status_xlsx(&report).map_err(|e| PageError::Internal(Box::new(e)))?;
    // The programme id is the file's name: ids are plain codes (FORMAT.md), no quoting needed
    // beyond dropping anything else.
    let name: String = programme
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let disposition = format!("attachment; filename=\"status-{name}-{as_of}.xlsx\"");
    Ok((
        [
            (CONTENT_TYPE, XLSX.to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
