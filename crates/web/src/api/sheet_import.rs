//! `POST /api/v1/programmes/{id}/import`: a spreadsheet (XLSX or CSV) and its mapping file in one
//! multipart request, imported into the programme all or nothing, or checked only
//! (`?dry_run=true`) — what the web app's import pages and `jobbro import-sheet` do. Needs
//! `ImportRecords` on the programme; the body is read only after the policy has answered. Bad
//! rows come back by sheet, row and column, never with a cell's content. Never log a body.

use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::{Action, Decision};
use jobbro_sheets::{Mapping, SheetError};
use serde::Deserialize;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::decide;
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import_sheet))
        .layer(axum::extract::DefaultBodyLimit::max(
            2 * jobbro_sheets::MAX_FILE_BYTES + 64 * 1024,
        ))
}

#[derive(Debug, Deserialize)]
struct ImportQuery {
    dry_run: Option<bool>,
}

/// Imports participants, activities or contacts from a spreadsheet through a column mapping
/// (docs/IMPORT.md), all or nothing; with `dry_run=true` checks every row and writes nothing.
#[utoipa::path(post, path = "/programmes/{id}/import", tag = "records", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("dry_run" = Option<bool>, Query, description = "Check every row, write nothing (default false)"),
    ),
    request_body(content_type = "multipart/form-data", description = "Parts: `file` (XLSX, XLS, ODS or CSV) and `mapping` (the mapping file, JSON)"),
    responses(
        (status = 200, description = "`{dry_run, rows, records, added: {type: n}, skipped}`", body = Object),
        (status = 400, description = "Not multipart, no file, or a mapping that does not read (`field`, `reason`)", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not import into this programme", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
        (status = 422, description = "Bad rows: `{error, errors: [{sheet, row, column, field, problem: {code, reason}}], total}`; nothing was written", body = Object),
    ))]
async fn import_sheet(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<ImportQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    if decide(&state, &caller, Action::ImportRecords, &id).await? == Decision::Deny {
        return Err(ApiError::Forbidden);
    }
    let not_multipart = |_| {
        ApiError::bad(
            "body",
            "must be multipart/form-data with the parts file and mapping",
        )
    };
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(not_multipart)?;
    let (mut file, mut mapping) = (Vec::new(), Vec::new());
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| ApiError::bad("body", "the multipart body cannot be read"))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| ApiError::bad(&name, "cannot be read"))?;
        match name.as_str() {
            "file" => file = bytes.to_vec(),
            "mapping" => mapping = bytes.to_vec(),
            _ => {}
        }
    }
    if file.is_empty() {
        return Err(ApiError::bad("file", "is required"));
    }
    let text =
        String::from_utf8(mapping).map_err(|_| ApiError::bad("mapping", "is not UTF-8 text"))?;
    let mapping = Mapping::from_json(&text).map_err(|reason| ApiError::bad("mapping", reason))?;
    let dry_run = q.dry_run.unwrap_or(false);
    match jobbro_sheets::import_sheet(
        state.db.as_ref(),
        &mapping,
        &file,
        &id,
        &caller.ctx,
        dry_run,
    )
    .await
    {
        Ok(summary) => Ok(Json(summary).into_response()),
        Err(SheetError::Rows { errors, total }) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(
                json!({"error": "bad rows: nothing was written", "errors": errors, "total": total}),
            ),
        )
            .into_response()),
        Err(SheetError::Mapping(reason)) => Err(ApiError::bad("mapping", reason)),
        Err(SheetError::File(reason)) => Err(ApiError::bad("file", reason)),
        Err(SheetError::UnknownProgramme(id)) => {
            Err(ApiError::NotFound(format!("no programme with id {id}")))
        }
        Err(SheetError::Store(e)) => Err(e.into()),
    }
}
