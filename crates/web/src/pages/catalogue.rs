//! The catalogue of page routes — every route a browser uses, with what it answers — from which
//! the OpenAPI document lists them (`api::PageRoutes`), so the document names every route the
//! server answers. Each part lists its own routes in its `ROUTES`, next to its `routes()`.

/// `(path, method, summary, [(status, description)])` of a page route.
pub type PageRoute = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// Every page route: the core ones below and each part's own list.
pub fn page_routes() -> impl Iterator<Item = &'static PageRoute> {
    CORE.iter()
        .chain(super::participants::ROUTES)
        .chain(super::programmes::ROUTES)
        .chain(super::companies::ROUTES)
        .chain(super::openings::ROUTES)
        .chain(super::matching::ROUTES)
        .chain(super::referrals::ROUTES)
        .chain(super::imports::ROUTES)
        .chain(super::profiles::ROUTES)
        .chain(super::network::ROUTES)
}

/// The routes of the frame, login, My day and the actions on an enrolment.
const CORE: &[PageRoute] = &[
    (
        "/",
        "get",
        "My day: the caseworker's worklist with its actions (a lead's: their programmes')",
        &[
            ("200", "An HTML page"),
            (
                "303",
                "Not logged in (on to /login), or a role without a caseload (on to its page)",
            ),
        ],
    ),
    (
        "/language",
        "post",
        "Choose the language of the pages (form: csrf, language da|sv|en, back)",
        &[
            ("303", "Back to the page"),
            ("403", "No or a wrong csrf field"),
        ],
    ),
    (
        "/enrolments/{enrolment}/contacts",
        "post",
        "Log a contact (form: csrf, date, kind, attended yes|no, interpreter_language, note, back)",
        &[
            ("303", "Saved: back to the page, with ?done=contact"),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such enrolment"),
            (
                "422",
                "Refused: the form again, with a message by each wrong field",
            ),
        ],
    ),
    (
        "/enrolments/{enrolment}/follow-ups",
        "post",
        "Record a follow-up (form: csrf, date, months, status, back)",
        &[
            ("303", "Saved: back to the page, with ?done=follow-up"),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such enrolment"),
            (
                "422",
                "Refused: the form again, with a message by each wrong field",
            ),
        ],
    ),
    (
        "/static/app.css",
        "get",
        "The style sheet (public)",
        &[("200", "CSS")],
    ),
    (
        "/static/htmx.min.js",
        "get",
        "htmx, vendored (public)",
        &[("200", "JavaScript")],
    ),
    (
        "/api/v1/openapi.json",
        "get",
        "This document (public)",
        &[("200", "The OpenAPI document")],
    ),
    (
        "/login",
        "get",
        "The login form (public; ?lang=da|sv|en chooses and remembers the language)",
        &[(
            "200",
            "An HTML form (logged in: who is logged in, with the logout button)",
        )],
    ),
    (
        "/login",
        "post",
        "Log in with user id and password (public; cross-site posts refused)",
        &[
            ("303", "Logged in: a new session cookie, on to /"),
            ("200", "Refused: the form again, the same for every reason"),
        ],
    ),
    (
        "/logout",
        "post",
        "End the session (needs the session's csrf field)",
        &[
            ("303", "Logged out, on to /login"),
            ("403", "No or a wrong csrf field"),
        ],
    ),
    (
        "/me",
        "get",
        "Who is logged in",
        &[
            ("200", "{id, name, role, organisation, programmes}"),
            ("401", "Not logged in"),
        ],
    ),
    (
        "/login/sso",
        "get",
        "Start single sign-on (public; only when configured)",
        &[("303", "On to the OpenID provider")],
    ),
    (
        "/login/sso/callback",
        "get",
        "Where the OpenID provider sends the browser back (public; only when configured)",
        &[
            ("200", "Signed in: a page that moves on to /"),
            ("400", "Refused: start again"),
            ("403", "Refused: unknown or disabled user"),
        ],
    ),
];
