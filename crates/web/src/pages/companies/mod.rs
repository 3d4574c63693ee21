//! Companies (ISSUE 4, item 5): the list with search by name, CVR or sector and each company's
//! placements counted (`GET /companies`), and the company page (`GET /companies/{company}`) with
//! its facts, its placements — who, which kind, outcome, internships that turned into paid work —
//! and its contact people, with a form to add one (`POST /companies/{company}/contacts`).
//!
//! Who may see what is decided in [`view`], shared with the API. Contact people are personal
//! data: the page that shows them is audited first, and what a form carried is never logged.

mod contacts;
mod list;
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
        "The companies, with their placements counted (query: q — part of the name or sector, or the CVR number)",
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
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/companies", get(list::page))
        .route("/companies/{company}", get(page::page))
        .route("/companies/{company}/contacts", post(contacts::add))
}
