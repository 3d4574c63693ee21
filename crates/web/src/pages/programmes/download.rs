//! `GET /programmes/{programme}/status.xlsx?as_of=YYYY-MM-DD` and `…/status.pdf`: the status
//! report of the day as an Excel workbook or an A4 PDF in the user's language, for the programme
//! lead's report to the funder or the committee — the same figures as the page, suppressed for an
//! analyst as on the page. Aggregates only: nothing to audit.

use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use jobbro_domain::records::{Programme, parse_date};
use jobbro_domain::report::StatusReport;
use serde::Deserialize;

use super::programme_for;
use crate::AppState;
use crate::i18n::Tr;
use crate::session::{PageError, SessionCaller};

pub(super) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PDF: &str = "application/pdf";

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
    let (programme, report, _) = status_report(&state, &caller, &id, &q).await?;
    let bytes =
        jobbro_formats::status_xlsx(&report).map_err(|e| PageError::Internal(Box::new(e)))?;
    Ok(attachment(
        XLSX,
        (&programme, "status", report.as_of),
        "xlsx",
        bytes,
    ))
}

pub async fn status_pdf(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<DownloadQuery>,
) -> Result<Response, PageError> {
    let (programme, report, suppress) = status_report(&state, &caller, &id, &q).await?;
    let tr = Tr::new(caller.lang);
    let name = programme.name.clone();
    // Typesetting takes a moment of CPU: off the async workers.
    let (report, bytes) = tokio::task::spawn_blocking(move || {
        let about = jobbro_formats::About {
            name: &name,
            suppress,
        };
        let bytes = jobbro_formats::status_pdf(&report, &about, &tr);
        (report, bytes)
    })
    .await
    .map_err(|e| PageError::Internal(Box::new(e)))?;
    let bytes = bytes.map_err(|e| PageError::Internal(Box::new(e)))?;
    Ok(attachment(
        PDF,
        (&programme, "status", report.as_of),
        "pdf",
        bytes,
    ))
}

/// The programme, its status report on the asked day (today by default) as the caller may see
/// it, and the suppression applied.
async fn status_report(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
    q: &DownloadQuery,
) -> Result<(Programme, StatusReport, Option<u64>), PageError> {
    let (programme, suppress, as_of) = figures_for(state, caller, id, q.as_of.as_deref()).await?;
    let report =
        jobbro_store::status_report(state.db.as_ref(), &programme.id, as_of, suppress).await?;
    Ok((programme, report, suppress))
}

/// The programme whose figures a download holds, the threshold below which the caller's counts
/// are hidden (`None`: none), and the day asked for (today by default; a bad date has no file).
pub(super) async fn figures_for(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
    as_of: Option<&str>,
) -> Result<(Programme, Option<u64>, NaiveDate), PageError> {
    let (programme, access) = programme_for(state, caller, id).await?;
    let Some(suppress) = access.figures else {
        return Err(PageError::Forbidden("no figures for this role"));
    };
    let as_of = match as_of.map(str::trim) {
        None | Some("") => caller.ctx.today(),
        Some(text) => parse_date(text).map_err(|_| PageError::NotFound)?,
    };
    Ok((programme, suppress, as_of))
}

/// The file as a download named `<stem>-<programme>-<day>.<extension>`.
pub(super) fn attachment(
    content_type: &str,
    (programme, stem, day): (&Programme, &str, NaiveDate),
    extension: &str,
    bytes: Vec<u8>,
) -> Response {
    // The programme id is the file's name: ids are plain codes (FORMAT.md), no quoting needed
    // beyond dropping anything else.
    let name: String = programme
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let disposition = format!("attachment; filename=\"{stem}-{name}-{day}.{extension}\"");
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
