//! The people around a participant (ISSUE 6, item 5): the network register — mentors at
//! companies, bridge builders, national-group contacts, interpreters — as a list with filters by
//! kind and language and a form to add one (`/network`), one person's page with its edit form and
//! the enrolments they are linked to (`/network/{id}`), and on the participant page the section
//! "People around the participant": the linked people, the interpreter need, the planned meetings
//! with "book an interpreter" (the interpreters of that language, shortest wait first), and who
//! took part in a contact.
//!
//! The register is the organisation's (`UseNetwork`); what hangs on an enrolment follows
//! `ReadCase`/`WriteCase` on it. Names and contact details are personal data: every page that
//! shows them writes its audit row first, and nothing here logs what a form carried.

mod around;
mod around_forms;
mod day;
mod forms;
mod register;

use axum::Router;
use axum::routing::{get, post};
use jobbro_domain::access::{Action, Actor, Resource, can};
use jobbro_domain::records::FieldError;

use crate::AppState;
use crate::i18n::Tr;
use crate::pages::catalogue::PageRoute;
use crate::pages::enrolment_actions::FieldMessage;

pub(crate) use around::{Around, around};
pub(crate) use around_forms::{record_took_part, took_part_of};
pub(crate) use day::{Booking, with_bookings};
pub(crate) use forms::{PersonForm, person_from};

const REFUSED: (&str, &str) = (
    "422",
    "Refused: the form again, with a message by each wrong field",
);

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/network",
        "get",
        "The network register: mentors, bridge builders, national-group contacts, interpreters (query: kind, language, done)",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role that does not work with the network"),
        ],
    ),
    (
        "/network",
        "post",
        "Add a network person (form: csrf, name, kind, company, languages, area, waiting_days, phone, email, notes)",
        &[
            ("303", "Saved: on to the person's page, with ?done=added"),
            (
                "403",
                "A role that does not work with the network, or a wrong csrf field",
            ),
            REFUSED,
        ],
    ),
    (
        "/network/{id}",
        "get",
        "A network person: details, the edit form, and the enrolments they are linked to (named only where the caller may read them)",
        &[
            ("200", "An HTML page"),
            ("403", "A role that does not work with the network"),
            ("404", "No such network person in the caller's organisation"),
        ],
    ),
    (
        "/network/{id}",
        "post",
        "Save a network person (form: the fields of the add form and version)",
        &[
            ("303", "Saved: back to the person's page, with ?done=saved"),
            (
                "403",
                "A role that does not work with the network, or a wrong csrf field",
            ),
            ("404", "No such network person in the caller's organisation"),
            (
                "409",
                "Someone saved the person since: the form again with their version",
            ),
            REFUSED,
        ],
    ),
    (
        "/enrolments/{enrolment}/interpreter-need",
        "post",
        "Set or remove the participant's interpreter need (form: csrf, language — empty removes it, was — the need the page showed, back)",
        &[
            ("303", "Saved: back to the page, with ?done=need"),
            (
                "409",
                "Someone changed the need since the page showed `was`: nothing saved",
            ),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such enrolment"),
            REFUSED,
        ],
    ),
    (
        "/enrolments/{enrolment}/network-links",
        "post",
        "Link a network person to the enrolment (form: csrf, person, role, from, back)",
        &[
            ("303", "Saved: back to the page, with ?done=linked"),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such enrolment"),
            REFUSED,
        ],
    ),
    (
        "/enrolments/{enrolment}/meetings",
        "post",
        "Plan a meeting (form: csrf, date, time, kind, interpreter, back)",
        &[
            ("303", "Saved: back to the page, with ?done=meeting"),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such enrolment"),
            REFUSED,
        ],
    ),
    (
        "/meetings/{meeting}",
        "post",
        "Book an interpreter for a planned meeting, or mark it held or cancelled (form: csrf, version, interpreter, state, back)",
        &[
            ("303", "Saved: back to the page, with ?done=booked"),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such meeting"),
            ("409", "Someone changed the meeting since: a page saying so"),
            REFUSED,
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/network", get(register::list).post(register::add))
        .route("/network/{id}", get(register::page).post(register::save))
        .route(
            "/enrolments/{enrolment}/interpreter-need",
            post(around_forms::set_need),
        )
        .route(
            "/enrolments/{enrolment}/network-links",
            post(around_forms::link),
        )
        .route("/enrolments/{enrolment}/meetings", post(around_forms::plan))
        .route("/meetings/{meeting}", post(around_forms::change_meeting))
}

/// Whether the actor works with the organisation's network register.
pub(crate) fn may_use(actor: &Actor) -> bool {
    let register = Resource::Organisation {
        organisation: &actor.organisation,
    };
    can(actor, Action::UseNetwork, &register).allowed()
}

/// The domain's problems in the user's language, by field: the field's own message where there
/// is one for the rule broken, else its general one.
pub(crate) fn messages(tr: &Tr, problems: &[FieldError]) -> Vec<FieldMessage> {
    problems
        .iter()
        .map(|p| {
            let rule = match p.reason.as_str() {
                r if r.contains("is required") => "required",
                r if r.starts_with("only") => "only",
                r if r.contains("register") || r.contains("organisation") => "unknown",
                r if r.contains("twice") => "twice",
                r if r.contains("interpret") => "language",
                _ => "invalid",
            };
            let specific = format!("{}-{rule}", p.field);
            let text = tr.name_or_code("network-error", &specific);
            let message = if text == specific {
                tr.t(&format!("network-error-{}", p.field))
            } else {
                text
            };
            FieldMessage {
                field: p.field.clone(),
                message,
            }
        })
        .collect()
}

/// An enrolment's link to the participant page of its person.
pub(crate) fn person_href(person: &str) -> String {
    format!(
        "/participants/{}",
        crate::pages::companies::view::segment(person)
    )
}
