//! The pages people work in: server-rendered HTML (askama templates in `crates/web/templates`),
//! every text from the Fluent files (`i18n`), every form working without JavaScript and made
//! smoother by htmx where it is loaded (`hx-boost`).
//!
//! Each page lives in its own module and asks the domain's policy (`can`) before it reads or
//! writes anything; reads of personal data are audited before the page is shown. A page never
//! computes a figure itself: it calls the store, which calls the domain's one definition.
//!
//! Never put a national id in a URL, and never log what a form carried.

mod assets;
pub(crate) mod catalogue;
mod chrome;
pub(crate) mod companies;
pub(crate) mod enrolment_actions;
pub(crate) mod forms;
pub(crate) mod imports;
pub(crate) mod matching;
mod message;
mod my_day;
pub(crate) mod network;
pub(crate) mod openings;
pub(crate) mod participants;
pub(crate) mod profiles;
pub(crate) mod programmes;
pub(crate) mod referrals;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub use catalogue::page_routes;
pub use chrome::Chrome;
pub use message::{
    RETRY_AFTER_SECONDS, internal_error, logged_in, message, signed_in, unavailable,
};

/// Every page route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(my_day::page))
        .route("/language", post(chrome::set_language))
        .route(
            "/enrolments/{enrolment}/contacts",
            post(enrolment_actions::log_contact),
        )
        .route(
            "/enrolments/{enrolment}/follow-ups",
            post(enrolment_actions::record_follow_up),
        )
        .merge(assets::routes())
        .merge(participants::routes())
        .merge(programmes::routes())
        .merge(companies::routes())
        .merge(openings::routes())
        .merge(matching::routes())
        .merge(referrals::routes())
        .merge(imports::routes())
        .merge(profiles::routes())
        .merge(network::routes())
}
