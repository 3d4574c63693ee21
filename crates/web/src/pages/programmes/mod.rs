//! Programmes: the list of the programmes a user may see (`GET /programmes`) and the programme
//! page (`GET /programmes/{programme}`) — status on any date, goal progress, the situation over
//! time and the funnel as SVG charts with their tables, breakdowns, caseload per caseworker with
//! bulk reassignment, and the rules ("dogmas") and goals, editable (ISSUE 4, item 4).
//!
//! What each user sees is the policy's answer, asked once per page ([`ProgrammeAccess`]): figures
//! need `ViewReport` (analysts get them small-cell suppressed), the caseload and reassignment
//! need the whole programme's worklist (`ViewWorklist` = allow: leads), the rules form needs
//! `EditProgramme` (leads, admins). A programme of another organisation is not found. No figure
//! is computed here: the store and the domain compute them.

mod charts;
mod download;
mod esf;
mod list;
mod page;
pub(crate) mod reassign;
mod rules;

use axum::Router;
use axum::routing::{get, post};
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::records::Programme;
use jobbro_store::access::AccessStore;

use crate::AppState;
use crate::pages::catalogue::PageRoute;
use crate::session::{PageError, SessionCaller};

const REFUSED: (&str, &str) = (
    "422",
    "Refused: the form again, with a message by each wrong field",
);
const NOT_ALLOWED: (&str, &str) = (
    "403",
    "Not allowed for the caller's role, or a wrong csrf field",
);
const NO_SUCH: (&str, &str) = ("404", "No such programme in the caller's organisation");

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/programmes",
        "get",
        "The programmes the caller may see, each with a few headline figures",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
        ],
    ),
    (
        "/programmes/{programme}",
        "get",
        "The programme page: status on a date (query: as_of), goals, situation over time, funnel, breakdowns, caseload per caseworker, rules and goals",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            (
                "403",
                "A role without a programme page (caseworkers, auditors)",
            ),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/esf",
        "get",
        "The ESF+ common indicators on a date (query: as_of, member_state DK or SE), by gender",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without the programme's unsuppressed figures"),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/status.xlsx",
        "get",
        "The status report on a date (query: as_of) as an Excel workbook: one sheet per section, counts as numbers; suppressed for analysts as on the page",
        &[
            ("200", "An XLSX file (attachment)"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without the programme's figures"),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/status.pdf",
        "get",
        "The status report on a date (query: as_of) as an A4 PDF in the caller's language: header, goals, charts and every figure table; suppressed for analysts as on the page",
        &[
            ("200", "A PDF file (attachment)"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without the programme's figures"),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/rules",
        "post",
        "Change the programme's rules and goals (form: csrf, one field per rule — empty for the default — and goal_indicator_N, goal_target_N)",
        &[
            ("303", "Saved: back to the programme page, with ?done=rules"),
            NOT_ALLOWED,
            NO_SUCH,
            REFUSED,
        ],
    ),
    (
        "/programmes/{programme}/reassign",
        "post",
        "Move the active caseload of one caseworker to another from a date (form: csrf, from, to, date)",
        &[
            (
                "303",
                "Saved: back to the programme page, with ?done=reassigned&moved=N",
            ),
            NOT_ALLOWED,
            NO_SUCH,
            REFUSED,
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programmes", get(list::page))
        .route("/programmes/{programme}", get(page::page))
        .route("/programmes/{programme}/esf", get(esf::page))
        .route(
            "/programmes/{programme}/status.xlsx",
            get(download::status_xlsx),
        )
        .route(
            "/programmes/{programme}/status.pdf",
            get(download::status_pdf),
        )
        .route("/programmes/{programme}/rules", post(rules::save))
        .route("/programmes/{programme}/reassign", post(reassign::save))
}

/// What the caller may do with one programme, as the policy says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgrammeAccess {
    /// The figures, with breakdown counts below this hidden (`Some(None)`: none hidden).
    pub figures: Option<Option<u64>>,
    /// The caseload per caseworker and its reassignment.
    pub caseload: bool,
    /// The rules and goals form.
    pub edit: bool,
}

impl ProgrammeAccess {
    /// The policy's answers for `programme` of the actor's own organisation.
    pub fn of(actor: &Actor, programme: &str) -> ProgrammeAccess {
        let resource = Resource::Programme {
            organisation: &actor.organisation,
            programme,
        };
        ProgrammeAccess {
            figures: match can(actor, Action::ViewReport, &resource) {
                Decision::Deny => None,
                Decision::AllowSuppressed { min_cell } => Some(Some(min_cell)),
                Decision::Allow | Decision::AllowOwn => Some(None),
            },
            caseload: can(actor, Action::ViewWorklist, &resource) == Decision::Allow,
            edit: can(actor, Action::EditProgramme, &resource).allowed(),
        }
    }

    /// Whether there is a programme page for the caller at all.
    pub fn any(self) -> bool {
        self.figures.is_some() || self.caseload || self.edit
    }
}

/// The programme and what the caller may do with it; not found when it is of another
/// organisation (its existence does not leak), refused when the caller has no page of it.
pub async fn programme_for(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
) -> Result<(Programme, ProgrammeAccess), PageError> {
    let org = state.db.programme_organisation(id).await?;
    if org.as_deref() != Some(caller.actor.organisation.as_str()) {
        return Err(PageError::NotFound);
    }
    let programme = jobbro_store::programme(state.db.as_ref(), id)
        .await?
        .ok_or(PageError::NotFound)?;
    let access = ProgrammeAccess::of(&caller.actor, id);
    if !access.any() {
        return Err(PageError::Forbidden("no programme page for this role"));
    }
    Ok((programme, access))
}
