//! Short pages that only say something — not allowed, not found, something went wrong, signed
//! in — in the language of the request, inside the usual frame.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::i18n::{Arg, Lang, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::session::SessionCaller;

#[derive(Template, WebTemplate)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub chrome: Chrome,
    pub heading: String,
    pub body: String,
    pub link: Option<&'static str>,
    pub link_text: String,
    /// Go on to this page at once (a sign-in that has just succeeded).
    pub refresh: Option<&'static str>,
}

/// A message page: `heading` and `body` are message ids.
pub fn message(status: StatusCode, lang: Lang, heading: &str, body: &str) -> Response {
    let tr = Tr::new(lang);
    let page = MessagePage {
        heading: tr.t(heading),
        body: tr.t(body),
        link: Some("/"),
        link_text: tr.t("back-to-start"),
        refresh: None,
        chrome: Chrome::public(lang),
    };
    (status, page).into_response()
}

/// The page for an error that is ours: nothing about it but the request id to quote.
pub fn internal_error(lang: Lang, request: &str) -> Response {
    let tr = Tr::new(lang);
    let page = MessagePage {
        heading: tr.t("error-title"),
        body: tr.t_with("error-body", &[("request", Arg::from(request))]),
        link: Some("/"),
        link_text: tr.t("back-to-start"),
        refresh: None,
        chrome: Chrome::public(lang),
    };
    (StatusCode::INTERNAL_SERVER_ERROR, page).into_response()
}

/// The page for a database that cannot be reached or written just now (503, `Retry-After`):
/// nothing was saved, and the same request can be sent again once the fault clears.
pub fn unavailable(lang: Lang) -> Response {
    let tr = Tr::new(lang);
    let page = MessagePage {
        heading: tr.t("unavailable-title"),
        body: tr.t("unavailable-body"),
        link: Some("/"),
        link_text: tr.t("back-to-start"),
        refresh: None,
        chrome: Chrome::public(lang),
    };
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, page).into_response();
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from_static(RETRY_AFTER_SECONDS),
    );
    response
}

/// How long a client is asked to wait before sending again after a 503.
pub const RETRY_AFTER_SECONDS: &str = "5";

/// What a browser that has just signed in is shown for the blink before it goes on to `to`.
pub fn signed_in(lang: Lang, to: &'static str) -> Response {
    let tr = Tr::new(lang);
    let page = MessagePage {
        heading: tr.t("signed-in-title"),
        body: tr.t("signed-in-body"),
        link: Some(to),
        link_text: tr.t("continue"),
        refresh: Some(to),
        chrome: Chrome::public(lang),
    };
    page.into_response()
}

/// Who is logged in, for someone who opens the login page while logged in (with the frame's
/// logout button).
pub fn logged_in(caller: &SessionCaller) -> Response {
    let chrome = Chrome::new(caller, Section::Account, "/login");
    let tr = chrome.tr.clone();
    let page = MessagePage {
        heading: tr.t("logged-in-title"),
        body: tr.t_with(
            "logged-in-body",
            &[
                ("name", Arg::from(caller.name.as_str())),
                ("user", Arg::from(caller.actor.id.as_str())),
            ],
        ),
        link: Some("/"),
        link_text: tr.t("continue"),
        refresh: None,
        chrome,
    };
    page.into_response()
}
