//! Spreadsheet import for a programme lead (issue 5, item 8): upload a workbook or CSV file
//! (`GET`/`POST /programmes/{programme}/import`), choose for each field the column that holds it
//! and what the sheet's words mean (`GET /programmes/{programme}/import/{upload}`), then a dry run
//! that lists every bad row, and the import, all or nothing (`POST …/import/{upload}`), or the
//! mapping as a file for `jobbro import-sheet`. Every form works without JavaScript and carries
//! the session's CSRF token.
//!
//! The policy's `ImportRecords` decides who may; a programme of another organisation is not
//! found. The uploaded file stays in memory between the steps ([`uploads`]), never on disk, and
//! nothing here logs what it holds. The translation into timeline records and every check is
//! `jobbro-sheets` and the store's: this module only shows forms and answers.

mod form;
mod mapping;
mod upload;
pub(crate) mod uploads;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::{Extension, Router};
use jobbro_domain::access::{Action, Resource, can};
use jobbro_domain::records::Programme;
use jobbro_store::access::AccessStore;

use crate::AppState;
use crate::pages::catalogue::PageRoute;
use crate::session::{PageError, SessionCaller};

const NOT_ALLOWED: (&str, &str) = (
    "403",
    "Not allowed for the caller's role (leads of the programme may), or a wrong csrf field",
);
const NO_SUCH: (&str, &str) = ("404", "No such programme in the caller's organisation");

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/programmes/{programme}/import",
        "get",
        "Spreadsheet import, step 1: the upload form (query: expired=1 says an upload was forgotten)",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            NOT_ALLOWED,
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/import",
        "post",
        "Upload a workbook or CSV file (multipart form: csrf, kind participants|activities|contacts, file, optional mapping file); held in memory for 30 minutes",
        &[
            (
                "303",
                "On to the mapping step, /programmes/{programme}/import/{upload}",
            ),
            NOT_ALLOWED,
            NO_SUCH,
            (
                "422",
                "No file, or a mapping file that does not read: the form again",
            ),
        ],
    ),
    (
        "/programmes/{programme}/import/{upload}",
        "get",
        "Spreadsheet import, step 2: the file's columns with a choice per field (preselected by header), value maps and date formats",
        &[
            ("200", "An HTML page"),
            (
                "303",
                "The upload is no longer held (on to the upload form)",
            ),
            NOT_ALLOWED,
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/import/{upload}",
        "post",
        "Act on the mapping (form: csrf, action refresh|dry_run|import|download, sheet, header_row, delimiter, date_formats, col.FIELD, fix.FIELD, map.FIELD.N.from, map.FIELD.N.to)",
        &[
            (
                "200",
                "The mapping page with the dry run's or the import's summary (download: the mapping as a JSON file)",
            ),
            (
                "303",
                "The upload is no longer held (on to the upload form)",
            ),
            NOT_ALLOWED,
            NO_SUCH,
            (
                "422",
                "Bad rows (every one, by sheet, row and column) or an incomplete mapping; nothing was written",
            ),
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    let uploads = Arc::new(uploads::Uploads::default());
    Router::new()
        .route(
            "/programmes/{programme}/import",
            get(upload::page)
                .post(upload::receive)
                .layer(DefaultBodyLimit::max(
                    2 * jobbro_sheets::MAX_FILE_BYTES + 64 * 1024,
                )),
        )
        .route(
            "/programmes/{programme}/import/{upload}",
            get(mapping::page).post(mapping::act),
        )
        .layer(Extension(uploads))
}

/// Whether the policy lets `actor` import spreadsheets into `programme` (of their organisation).
pub fn may_import(actor: &jobbro_domain::access::Actor, programme: &str) -> bool {
    let resource = Resource::Programme {
        organisation: &actor.organisation,
        programme,
    };
    can(actor, Action::ImportRecords, &resource).allowed()
}

/// The programme a caller may import into; not found when it is of another organisation (its
/// existence does not leak), refused when the policy says no.
pub async fn import_programme(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
) -> Result<Programme, PageError> {
    let org = state.db.programme_organisation(id).await?;
    if org.as_deref() != Some(caller.actor.organisation.as_str()) {
        return Err(PageError::NotFound);
    }
    if !may_import(&caller.actor, id) {
        return Err(PageError::Forbidden("no spreadsheet import for this role"));
    }
    jobbro_store::programme(state.db.as_ref(), id)
        .await?
        .ok_or(PageError::NotFound)
}
