//! Referral and intake (ISSUE 4, item 3): the referral form that creates or picks the person —
//! warning on a likely duplicate (same national id, or same name and birth date) before anything
//! is written — and the intake decision on the new enrolment.
//!
//! [`refer`] is shared with the API (`api::referrals`), so both check and write the same way.
//! The form carries a national id: it travels only in POST bodies and their answers, never in a
//! URL or a log line.

mod form;
mod intake;
mod new;
mod refer;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::pages::catalogue::PageRoute;

pub(crate) use form::ReferralForm;
pub(crate) use intake::{IntakeForm, intake_record};
pub(crate) use refer::{Outcome, refer};

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/referrals/new",
        "get",
        "The referral form (query: programme — preselected; done)",
        &[
            ("200", "An HTML form"),
            ("303", "Not logged in (on to /login)"),
            ("403", "No programme the caller may refer into"),
        ],
    ),
    (
        "/referrals",
        "post",
        "Refer a person (form: csrf, programme, given_name, family_name, national_id, birth_date, gender, phone, email, origin_country, languages, danish_level, education_level, benefit, benefit_since, date, referrer, caseworker; person — an existing person's id — or confirm_new_person=yes after a duplicate warning)",
        &[
            (
                "303",
                "Referred: on to the referral's page (with the intake form)",
            ),
            ("403", "No programme to refer into, or a wrong csrf field"),
            (
                "409",
                "Likely duplicates: a page listing them, to pick one or confirm a new person; nothing written",
            ),
            (
                "422",
                "Refused: the form again, with a message by each wrong field; nothing written",
            ),
        ],
    ),
    (
        "/referrals/{enrolment}",
        "get",
        "A referral: who, where, the status today, and the intake form (query: done)",
        &[
            ("200", "An HTML page"),
            ("403", "Not the caller's enrolment"),
            ("404", "No such enrolment"),
        ],
    ),
    (
        "/enrolments/{enrolment}/intake",
        "post",
        "Record the intake decision (form: csrf, date, decision accepted|waitlisted|declined, reason, back)",
        &[
            ("303", "Saved: back to the page, with ?done=intake"),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such enrolment"),
            (
                "422",
                "Refused: the referral's page again, with a message by each wrong field",
            ),
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/referrals/new", get(new::new_form))
        .route("/referrals", post(new::submit))
        .route("/referrals/{enrolment}", get(intake::done))
        .route(
            "/enrolments/{enrolment}/intake",
            post(intake::record_intake),
        )
}
