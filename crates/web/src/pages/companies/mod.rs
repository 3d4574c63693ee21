//! Companies (ISSUE 4, item 5): the list with search by name, CVR or sector and each company's
//! placements counted (`GET /companies`), and the company page (`GET /companies/{company}`) with
//! its facts, its placements — who, which kind, outcome, internships that turned into paid work —
//! and its contact people, with a form to add one (`POST /companies/{company}/contacts`).
//!
//! The register beside the timeline (ISSUE 6): a new company (`GET /companies/new`,
//! `POST /companies`, in [`new`]), the organisation's municipality and notes of a company on its
//! page (`POST /companies/{company}/details`, in [`details`]), and the bottleneck sectors per
//! municipality (`/companies/bottlenecks`, in [`bottlenecks`]).
//!
//! Who may see what is decided in [`view`], shared with the API. Contact people are personal
//! data: the page that shows them is audited first, and what a form carried is never logged.

pub(crate) mod bottlenecks;
mod contacts;
pub(crate) mod details;
mod list;
pub(crate) mod new;
mod page;
pub(crate) mod view;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::pages::catalogue::PageRoute;

pub(crate) use contacts::{
    ContactForm, InputField, check_contact, plausible_email, plausible_phone, save_contact,
};

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/companies",
        "get",
        "The companies, with their placements counted (query: q — part of the name or sector, or the CVR number; bottleneck=1 — only companies in a bottleneck sector)",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role that does not work with companies"),
        ],
    ),
    (
        "/companies/{company}",
        "get",
        "A company: its facts, placements (participants named only where the caller may read them) and contact people (query: done)",
        &[
            ("200", "An HTML page"),
            ("403", "A role that does not work with companies"),
            ("404", "No such company"),
        ],
    ),
    (
        "/companies/{company}/contacts",
        "post",
        "Add a contact person (form: csrf, name, role, phone, email)",
        &[
            ("303", "Saved: back to the company page, with ?done=contact"),
            (
                "403",
                "A role that does not work with companies, or a wrong csrf field",
            ),
            ("404", "No such company"),
            (
                "422",
                "Refused: the page again, with a message by each wrong field",
            ),
        ],
    ),
    (
        "/companies",
        "post",
        "Add a company to the register (form: csrf, name, cvr, sector, partner_since, diploma, area)",
        &[
            ("303", "Added: on to the company's page, with ?done=added"),
            (
                "403",
                "A role that does not work with companies, or a wrong csrf field",
            ),
            (
                "422",
                "Refused: the form again, with a message by each wrong field, or naming (with a link) the company that already has the CVR number",
            ),
        ],
    ),
    (
        "/companies/new",
        "get",
        "The form to add a company to the register",
        &[
            ("200", "An HTML page"),
            ("403", "A role that does not work with companies"),
        ],
    ),
    (
        "/companies/{company}/details",
        "post",
        "Save the organisation's municipality and notes of a company (form: csrf, version, area, notes)",
        &[
            ("303", "Saved: back to the company page, with ?done=details"),
            (
                "403",
                "A role that does not work with companies, or a wrong csrf field",
            ),
            ("404", "No such company"),
            (
                "409",
                "Someone saved since `version`: the page again, saying so, with what was typed kept",
            ),
            (
                "422",
                "Refused: the page again, with a message by the wrong field",
            ),
        ],
    ),
    (
        "/companies/bottlenecks",
        "get",
        "The organisation's bottleneck sectors per municipality, with the form to add one for leads (query: done)",
        &[
            ("200", "An HTML page"),
            ("403", "A role that does not work with companies"),
        ],
    ),
    (
        "/companies/bottlenecks",
        "post",
        "Add a bottleneck sector (form: csrf, municipality, section A–U, from, to)",
        &[
            ("303", "Added: back to the list, with ?done=added"),
            ("403", "Not a lead, or a wrong csrf field"),
            (
                "422",
                "Refused: the page again, with a message by each wrong field",
            ),
        ],
    ),
    (
        "/companies/bottlenecks/{id}/remove",
        "post",
        "Remove a bottleneck sector (form: csrf)",
        &[
            ("303", "Removed: back to the list, with ?done=removed"),
            ("403", "Not a lead, or a wrong csrf field"),
            ("404", "No such line in the caller's organisation"),
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/companies", get(list::page).post(new::add))
        .route("/companies/new", get(new::page))
        .route(
            "/companies/bottlenecks",
            get(bottlenecks::page).post(bottlenecks::add),
        )
        .route(
            "/companies/bottlenecks/{id}/remove",
            post(bottlenecks::remove),
        )
        .route("/companies/{company}", get(page::page))
        .route("/companies/{company}/contacts", post(contacts::add))
        .route("/companies/{company}/details", post(details::save))
}
