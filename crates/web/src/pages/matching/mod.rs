//! Matching in the pages (ISSUE 6, item 4): a score shown with its explanation — every factor,
//! its weight, how much of it fits and why, in the reader's language — on the candidate list of
//! an opening and on a participant's list of openings.

mod actions;
mod candidates;
mod explain;
mod openings_for;
pub(crate) mod view;

pub(crate) use candidates::{Candidates, candidates_section, matching_notice};

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::pages::catalogue::PageRoute;

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/enrolments/{enrolment}/openings",
        "get",
        "A participant's openings: the open ones ranked for their profile, each score explained, and those they were proposed for (query: done)",
        &[
            ("200", "An HTML page"),
            (
                "403",
                "Not the caller's enrolment, or a role that does not work with openings",
            ),
            ("404", "No such enrolment"),
        ],
    ),
    (
        "/openings/{opening}/proposals",
        "post",
        "Propose a participant for the opening (form: csrf, enrolment, back — the page to go back to)",
        &[
            (
                "303",
                "Back to the opening (or `back`), with ?done=proposed or already_proposed",
            ),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such opening or enrolment"),
        ],
    ),
    (
        "/proposals/{proposal}/start",
        "post",
        "Start the proposal: the timeline's activity at the opening's company (form: csrf, date, back)",
        &[
            (
                "303",
                "Back to the opening (or `back`), with ?done=started, not_open, already_started or was_declined",
            ),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such proposal"),
            (
                "422",
                "A bad date, or refused by the timeline's checks: a page saying why",
            ),
        ],
    ),
    (
        "/proposals/{proposal}/decline",
        "post",
        "Decline (or withdraw) the proposal (form: csrf, version, back)",
        &[
            (
                "303",
                "Back to the opening (or `back`), with ?done=declined or stale",
            ),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such proposal"),
        ],
    ),
];

/// This part's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/enrolments/{enrolment}/openings", get(openings_for::page))
        .route("/openings/{opening}/proposals", post(actions::propose))
        .route("/proposals/{proposal}/start", post(actions::start))
        .route("/proposals/{proposal}/decline", post(actions::decline))
}
