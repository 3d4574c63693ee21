//! Step 2 and 3: the mapping form over an uploaded file, and what its buttons do — show the
//! form again for another sheet or column (`refresh`), check every row (`dry_run`), import all or
//! nothing (`import`), or hand the mapping over as a file for the command line (`download`).
//! Bad rows are listed by sheet, row and column, in the user's language, never with a cell's
//! content.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::records::Programme;
use jobbro_sheets::{Mapping, Problem, RowError, SheetError, SheetSummary, Table};

use super::form::{MappingForm, guessed, headers, mapping_form, table_from_form};
use super::import_programme;
use super::uploads::{Upload, Uploads};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// One bad row as the page lists it.
pub struct ProblemRow {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub field: String,
    pub problem: String,
}

/// What the last button did.
pub struct Outcome {
    pub dry_run: bool,
    /// Rows and records, as a sentence.
    pub summary: Option<String>,
    /// (record type label, count) added or to be added.
    pub added: Vec<(String, u64)>,
    pub problems: Vec<ProblemRow>,
    /// More bad rows than listed.
    pub total: usize,
    /// A problem with the mapping or the file as a whole.
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "imports_mapping.html")]
pub struct MappingPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub token: String,
    pub kind_label: String,
    pub form: Option<MappingForm>,
    pub file_error: Option<String>,
    pub outcome: Option<Outcome>,
    pub done: bool,
}

fn held(uploads: &Uploads, caller: &SessionCaller, id: &str, token: &str) -> Option<Upload> {
    uploads.get(token, &caller.actor.id, id, caller.ctx.now)
}

/// The answer when the upload is no longer held: back to the upload form, which says so.
fn gone(id: &str) -> Response {
    Redirect::to(&format!("/programmes/{id}/import?expired=1")).into_response()
}

fn render(
    caller: &SessionCaller,
    programme: &Programme,
    token: &str,
    upload: &Upload,
    table: Option<Table>,
    outcome: Option<Outcome>,
) -> MappingPage {
    let path = format!("/programmes/{}/import/{token}", programme.id);
    let chrome = Chrome::new(caller, Section::Programmes, &path);
    let tr = chrome.tr.clone();
    let sheets = jobbro_sheets::sheet_names(&upload.bytes).unwrap_or_default();
    let start = table
        .or_else(|| upload.table.clone())
        .unwrap_or_else(|| Table::new(upload.kind));
    let grid = jobbro_sheets::read_grid(
        &upload.bytes,
        start.sheet.as_deref(),
        start.delimiter,
        start.header_row,
    );
    let (form, file_error) = match grid {
        Ok(grid) => {
            let table = if start.columns.is_empty() && start.fixed.is_empty() {
                let mut t = guessed(upload.kind, &headers(&grid, &start));
                t.sheet = start.sheet.clone();
                t.header_row = start.header_row;
                t.delimiter = start.delimiter;
                t.date_formats = start.date_formats.clone();
                t
            } else {
                start
            };
            (Some(mapping_form(&tr, &table, &grid, sheets)), None)
        }
        Err(_) => (None, Some(tr.t("imp-file-unreadable"))),
    };
    MappingPage {
        kind_label: tr.t(&format!("imp-kind-{}", upload.kind.as_str())),
        chrome,
        id: programme.id.clone(),
        name: programme.name.clone(),
        token: token.to_owned(),
        form,
        file_error,
        outcome,
        done: false,
    }
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path((id, token)): Path<(String, String)>,
    Extension(uploads): Extension<Arc<Uploads>>,
) -> Result<Response, PageError> {
    let programme = import_programme(&state, &caller, &id).await?;
    let Some(upload) = held(&uploads, &caller, &id, &token) else {
        return Ok(gone(&id));
    };
    Ok(render(&caller, &programme, &token, &upload, None, None).into_response())
}

fn problem_text(tr: &Tr, problem: &Problem) -> String {
    match problem {
        Problem::Invalid(reason) => tr.t_with(
            "imp-problem-invalid",
            &[("reason", Arg::from(reason.clone()))],
        ),
        other => {
            let code = serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
                .unwrap_or_default();
            tr.t(&format!("imp-problem-{code}"))
        }
    }
}

fn problem_rows(tr: &Tr, errors: &[RowError]) -> Vec<ProblemRow> {
    errors
        .iter()
        .map(|e| ProblemRow {
            sheet: e.sheet.clone().unwrap_or_default(),
            row: e.row,
            column: e.column.clone().unwrap_or_default(),
            field: e
                .field
                .as_deref()
                .map(|f| {
                    if f.contains('.') {
                        f.to_owned()
                    } else {
                        tr.t(&format!("imp-field-{f}"))
                    }
                })
                .unwrap_or_default(),
            problem: problem_text(tr, &e.problem),
        })
        .collect()
}

fn summary_outcome(tr: &Tr, s: &SheetSummary) -> Outcome {
    let total: u64 = s.added.values().sum();
    let key = if s.dry_run {
        "imp-dry-run-ok"
    } else {
        "imp-imported"
    };
    let args = [
        ("rows", Arg::from(s.rows)),
        (
            "records",
            Arg::from(usize::try_from(total).unwrap_or(usize::MAX)),
        ),
        (
            "skipped",
            Arg::from(usize::try_from(s.skipped).unwrap_or(usize::MAX)),
        ),
    ];
    Outcome {
        dry_run: s.dry_run,
        summary: Some(tr.t_with(key, &args)),
        added: s
            .added
            .iter()
            .map(|(t, n)| (tr.code("record", t), *n))
            .collect(),
        problems: Vec::new(),
        total: 0,
        error: None,
    }
}

fn error_outcome(dry_run: bool, error: String) -> Outcome {
    Outcome {
        dry_run,
        summary: None,
        added: Vec::new(),
        problems: Vec::new(),
        total: 0,
        error: Some(error),
    }
}

/// The mapping as a file for `jobbro import-sheet --mapping`.
fn download(id: &str, table: Table) -> Result<Response, PageError> {
    let mapping = Mapping {
        tables: vec![table],
    };
    let disposition = format!("attachment; filename=\"{id}-import-mapping.json\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)?,
            ),
        ],
        mapping.to_json(),
    )
        .into_response())
}

/// The required fields the form leaves empty, as messages.
fn missing_required(tr: &Tr, table: &Table) -> Option<String> {
    let missing: Vec<String> = table
        .kind
        .fields()
        .iter()
        .filter(|f| {
            f.required && !table.columns.contains_key(f.name) && !table.fixed.contains_key(f.name)
        })
        .map(|f| tr.t(&format!("imp-field-{}", f.name)))
        .collect();
    if !missing.is_empty() {
        Some(tr.t_with("imp-required", &[("fields", Arg::from(missing.join(", ")))]))
    } else if !table.identified() {
        Some(tr.t("imp-who-required"))
    } else {
        None
    }
}

/// The dry run or the import of the upload with `table`: the status, what to show, and whether
/// the import is done.
async fn run(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
    upload: &Upload,
    table: &Table,
    dry_run: bool,
) -> Result<(StatusCode, Outcome, bool), PageError> {
    let tr = Tr::new(caller.lang);
    let mapping = Mapping {
        tables: vec![table.clone()],
    };
    let result = jobbro_sheets::import_sheet(
        state.db.as_ref(),
        &mapping,
        &upload.bytes,
        id,
        &caller.ctx,
        dry_run,
    )
    .await;
    Ok(match result {
        Ok(summary) => (StatusCode::OK, summary_outcome(&tr, &summary), !dry_run),
        Err(SheetError::Rows { errors, total }) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Outcome {
                problems: problem_rows(&tr, &errors),
                total,
                ..error_outcome(
                    dry_run,
                    tr.t_with("imp-bad-rows", &[("n", Arg::from(total))]),
                )
            },
            false,
        ),
        Err(SheetError::Mapping(_) | SheetError::File(_)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            error_outcome(dry_run, tr.t("imp-file-unreadable")),
            false,
        ),
        Err(SheetError::UnknownProgramme(_)) => return Err(PageError::NotFound),
        Err(SheetError::Store(e)) => return Err(e.into()),
    })
}

pub async fn act(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path((id, token)): Path<(String, String)>,
    headers: HeaderMap,
    uri: Uri,
    Extension(uploads): Extension<Arc<Uploads>>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let programme = import_programme(&state, &caller, &id).await?;
    let csrf = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str());
    check_form(&caller, csrf, &headers, &uri, &state)?;
    let Some(upload) = held(&uploads, &caller, &id, &token) else {
        return Ok(gone(&id));
    };
    let tr = Tr::new(caller.lang);
    let table = table_from_form(upload.kind, &form);
    let action = form
        .iter()
        .find(|(k, _)| k == "action")
        .map_or("refresh", |(_, v)| v.as_str());
    let dry_run = action != "import";
    match action {
        "download" => return download(&id, table),
        "dry_run" | "import" => {}
        _ => {
            return Ok(
                render(&caller, &programme, &token, &upload, Some(table), None).into_response(),
            );
        }
    }
    let (status, outcome, done) = match missing_required(&tr, &table) {
        Some(message) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            error_outcome(dry_run, message),
            false,
        ),
        None => run(&state, &caller, &id, &upload, &table, dry_run).await?,
    };
    if done {
        uploads.forget(&token, &caller.actor.id);
    }
    let mut page = render(
        &caller,
        &programme,
        &token,
        &upload,
        Some(table),
        Some(outcome),
    );
    page.done = done;
    Ok((status, page).into_response())
}
