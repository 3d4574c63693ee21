//! Participants: search (name, phone, exact national id), the filtered list, and the participant
//! page with its timeline and quick actions (ISSUE 4, item 2).
//!
//! Every handler asks the domain's policy before it reads or writes; every read that shows a
//! name is audited before the page is. A national id is never put in a URL: a search is a POST
//! when it holds one, and the full number is shown only after an explicit, audited POST.

mod actions;
mod choices;
mod forms;
pub(crate) mod list;
mod page;
mod timeline;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::pages::catalogue::PageRoute;

pub(crate) use list::{ListQuery, ListRefusal, list_for};

const REFUSED: (&str, &str) = (
    "422",
    "Refused: the form again, with a message by each wrong field",
);
const NOT_YOURS: (&str, &str) = ("403", "Not the caller's enrolment, or a wrong csrf field");
const NO_SUCH: (&str, &str) = ("404", "No such enrolment");

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/participants",
        "get",
        "The participant list (query: programme, situation, caseworker, benefit, q — q only a name or phone; a national id goes by POST)",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without a caseload"),
        ],
    ),
    (
        "/participants",
        "post",
        "Search the participant list (form: csrf, q — name, phone or exact national id — and the list's filters)",
        &[
            ("200", "The list of those found"),
            ("403", "A role without a caseload, or a wrong csrf field"),
        ],
    ),
    (
        "/participants/choices/companies",
        "get",
        "The company picker's suggestions: up to 20 companies whose name, CVR or id contains what was typed (query: company, two characters or more), as <option>s",
        &[
            ("200", "HTML <option> elements"),
            ("303", "Not logged in (on to /login)"),
        ],
    ),
    (
        "/participants/choices/caseworkers",
        "get",
        "The reassignment picker's suggestions: up to 20 caseworkers whose name or id contains what was typed (query: caseworker, two characters or more), as <option>s",
        &[
            ("200", "HTML <option> elements"),
            ("303", "Not logged in (on to /login)"),
        ],
    ),
    (
        "/participants/{person}",
        "get",
        "The participant page: profile (national id masked), situation, timeline newest first (query: type, done), quick actions",
        &[
            ("200", "An HTML page"),
            ("403", "None of the person's enrolments is the caller's"),
            ("404", "No such person in the caller's organisation"),
        ],
    ),
    (
        "/participants/{person}/national-id",
        "post",
        "Show the person's full national id once, audited (form: csrf, purpose)",
        &[
            ("200", "A page with the number (not cached)"),
            (
                "403",
                "The caller may not read every enrolment of the person, or a wrong csrf field",
            ),
            ("404", "No such person in the caller's organisation"),
            ("422", "No purpose given"),
        ],
    ),
    (
        "/enrolments/{enrolment}/activities",
        "post",
        "Start an activity (form: csrf, kind, date, planned_end, company, hours_per_week, title, back)",
        &[
            (
                "303",
                "Saved: back to the page, with ?done=activity-started",
            ),
            NOT_YOURS,
            NO_SUCH,
            REFUSED,
        ],
    ),
    (
        "/enrolments/{enrolment}/activities/extend",
        "post",
        "Extend an activity of the enrolment (form: csrf, activity, date, planned_end, back)",
        &[
            (
                "303",
                "Saved: back to the page, with ?done=activity-extended",
            ),
            NOT_YOURS,
            NO_SUCH,
            REFUSED,
        ],
    ),
    (
        "/enrolments/{enrolment}/activities/end",
        "post",
        "End an activity of the enrolment (form: csrf, activity, date — its last day — reason, back)",
        &[
            ("303", "Saved: back to the page, with ?done=activity-ended"),
            NOT_YOURS,
            NO_SUCH,
            REFUSED,
        ],
    ),
    (
        "/enrolments/{enrolment}/left",
        "post",
        "Record that the participant left (form: csrf, date — first day no longer enrolled — reason, back)",
        &[
            ("303", "Saved: back to the page, with ?done=left"),
            NOT_YOURS,
            NO_SUCH,
            REFUSED,
        ],
    ),
    (
        "/enrolments/{enrolment}/assigned",
        "post",
        "Reassign the enrolment to a caseworker (form: csrf, date, caseworker, back)",
        &[
            ("303", "Saved: back to the page, with ?done=assigned"),
            NOT_YOURS,
            NO_SUCH,
            REFUSED,
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/participants", get(list::page).post(list::search))
        .route("/participants/{person}", get(page::page))
        .route("/participants/choices/companies", get(choices::companies))
        .route(
            "/participants/choices/caseworkers",
            get(choices::caseworkers),
        )
        .route(
            "/participants/{person}/national-id",
            post(page::show_national_id),
        )
        .route(
            "/enrolments/{enrolment}/activities",
            post(actions::start_activity),
        )
        .route(
            "/enrolments/{enrolment}/activities/extend",
            post(actions::extend_activity),
        )
        .route(
            "/enrolments/{enrolment}/activities/end",
            post(actions::end_activity),
        )
        .route("/enrolments/{enrolment}/left", post(actions::record_left))
        .route("/enrolments/{enrolment}/assigned", post(actions::reassign))
}
