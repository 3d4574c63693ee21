//! Openings (ISSUE 6, item 2): internship places, paid hours, wage-subsidy and ordinary jobs at
//! companies. The company page lists a company's openings with a link to add one
//! (`section`); the form for a new one (`new`); an opening's page with its facts, the place for
//! its candidates, the edit form and close/reopen (`page`); and every open opening of the
//! organisation with filters (`list`).
//!
//! Who may use openings, their state and their rows are decided in [`view`], shared with the API;
//! what a form means is read by the domain's one reading of an opening (`OpeningDraft`), so the
//! page, the API and the command line refuse the same things. Edits are version-checked: nothing
//! is overwritten by a form made from an older version.

mod form;
mod list;
mod new;
mod page;
mod section;
pub(crate) mod view;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::pages::catalogue::PageRoute;

pub(crate) use section::{OpeningsSection, company_openings};

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/openings",
        "get",
        "The organisation's open openings (query: kind, occupation — an ISCO-08 code, area)",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role that does not work with openings"),
        ],
    ),
    (
        "/companies/{company}/openings/new",
        "get",
        "The form for a new opening at a company",
        &[
            ("200", "An HTML form"),
            ("403", "A role that does not work with openings"),
            ("404", "No such company"),
        ],
    ),
    (
        "/companies/{company}/openings",
        "post",
        "Add an opening (form: csrf, kind, occupation, title, hours_per_week, start, planned_end, danish_level, driving_licence, area, places)",
        &[
            ("303", "Saved: on to the opening's page, with ?done=created"),
            (
                "403",
                "A role that does not work with openings, or a wrong csrf field",
            ),
            ("404", "No such company"),
            (
                "422",
                "Refused: the form again, with a message by each wrong field",
            ),
        ],
    ),
    (
        "/openings/{opening}",
        "get",
        "An opening: its facts, state and edit form (query: done)",
        &[
            ("200", "An HTML page"),
            ("403", "A role that does not work with openings"),
            ("404", "No such opening in the caller's organisation"),
        ],
    ),
    (
        "/openings/{opening}",
        "post",
        "Edit an opening (form: the fields of a new one, and version — the version the form was made from)",
        &[
            ("303", "Saved: back to the opening's page, with ?done=saved"),
            (
                "403",
                "A role that does not work with openings, or a wrong csrf field",
            ),
            ("404", "No such opening in the caller's organisation"),
            (
                "409",
                "Someone saved the opening since the form was made: nothing saved, the page shows it as it is now",
            ),
            (
                "422",
                "Refused: the form again, with a message by each wrong field",
            ),
        ],
    ),
    (
        "/openings/{opening}/close",
        "post",
        "Close an opening (form: csrf)",
        &[
            (
                "303",
                "Closed: back to the opening's page, with ?done=closed",
            ),
            (
                "403",
                "A role that does not work with openings, or a wrong csrf field",
            ),
            ("404", "No such opening in the caller's organisation"),
        ],
    ),
    (
        "/openings/{opening}/reopen",
        "post",
        "Reopen a closed opening (form: csrf)",
        &[
            (
                "303",
                "Reopened: back to the opening's page, with ?done=reopened",
            ),
            (
                "403",
                "A role that does not work with openings, or a wrong csrf field",
            ),
            ("404", "No such opening in the caller's organisation"),
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openings", get(list::page))
        .route("/companies/{company}/openings/new", get(new::form))
        .route("/companies/{company}/openings", post(new::create))
        .route("/openings/{opening}", get(page::page).post(page::save))
        .route("/openings/{opening}/close", post(page::close))
        .route("/openings/{opening}/reopen", post(page::reopen))
}
