//! The reports that are tables, as Excel workbooks, from their pages: the situation series of the
//! programme page (`series.xlsx`, the twelve months up to `as_of`), the ESF+ indicators
//! (`esf.xlsx`), the company report (`companies.xlsx`) and the cohorts (`cohorts.xlsx`) — the
//! same figures as the page, suppressed for an analyst as on the page, written from the same
//! `Table` as the CLI's CSV and XLSX. Aggregates only: nothing to audit.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use jobbro_domain::codes::Country;
use jobbro_domain::records::Programme;
use jobbro_domain::series::last_twelve_months;
use jobbro_domain::table::{Table, series_table};
use serde::Deserialize;

use super::download::{XLSX, attachment, figures_for};
use crate::AppState;
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct TableQuery {
    as_of: Option<String>,
    member_state: Option<String>,
}

/// `table` as a workbook named after `stem`, its first sheet naming the programme, the day and
/// the `more` lines.
fn workbook(
    (programme, stem, day): (&Programme, &str, NaiveDate),
    more: &[(&str, String)],
    table: Table,
) -> Result<Response, PageError> {
    let mut about = vec![
        ("programme", programme.id.clone()),
        ("as_of", day.to_string()),
    ];
    about.extend(more.iter().cloned());
    let bytes = jobbro_formats::tables_xlsx(day, &about, &[table])
        .map_err(|e| PageError::Internal(Box::new(e)))?;
    Ok(attachment(XLSX, (programme, stem, day), "xlsx", bytes))
}

pub async fn series_xlsx(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<TableQuery>,
) -> Result<Response, PageError> {
    let (programme, _, as_of) = figures_for(&state, &caller, &id, q.as_of.as_deref()).await?;
    let (from, to) = last_twelve_months(as_of);
    let series =
        jobbro_store::programme_admin::situation_series(state.db.as_ref(), &programme.id, from, to)
            .await?;
    let from = [("from", from.to_string())];
    workbook((&programme, "series", as_of), &from, series_table(&series))
}

pub async fn esf_xlsx(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<TableQuery>,
) -> Result<Response, PageError> {
    let (programme, suppress, as_of) =
        figures_for(&state, &caller, &id, q.as_of.as_deref()).await?;
    let member_state = match q.member_state.as_deref() {
        Some("SE") => "SE",
        _ => "DK",
    };
    let country = Country::parse(member_state).map_err(|e| PageError::Internal(Box::new(e)))?;
    let report = jobbro_store::esf_report(state.db.as_ref(), &programme.id, as_of, country)
        .await?
        .publish(suppress);
    let more = [("member_state", member_state.to_owned())];
    workbook((&programme, "esf", as_of), &more, report.table())
}

pub async fn companies_xlsx(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<TableQuery>,
) -> Result<Response, PageError> {
    let (programme, suppress, as_of) =
        figures_for(&state, &caller, &id, q.as_of.as_deref()).await?;
    let report = jobbro_store::companies::company_report(state.db.as_ref(), &programme.id, as_of)
        .await?
        .publish(suppress);
    workbook((&programme, "companies", as_of), &[], report.table())
}

pub async fn cohorts_xlsx(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<TableQuery>,
) -> Result<Response, PageError> {
    let (programme, suppress, as_of) =
        figures_for(&state, &caller, &id, q.as_of.as_deref()).await?;
    let report =
        jobbro_store::cohort_report(state.db.as_ref(), &programme.id, as_of, suppress).await?;
    workbook((&programme, "cohorts", as_of), &[], report.table())
}
