//! Programmes: the list of the programmes a user may see (`GET /programmes`) and the programme
//! page (`GET /programmes/{programme}`) — status on any date, goal progress, the situation over
//! time and the funnel as SVG charts with their tables, breakdowns, caseload per caseworker with
//! bulk reassignment, links to the ESF+, cohort and IPS pages, and the rules ("dogmas") and goals, editable (ISSUE 4, item 4).
//!
//! What each user sees is the policy's answer, asked once per page ([`ProgrammeAccess`]): figures
//! need `ViewReport` (analysts get them small-cell suppressed), the caseload and reassignment
//! need the whole programme's worklist (`ViewWorklist` = allow: leads), the rules form needs
//! `EditProgramme` (leads, admins). A programme of another organisation is not found. No figure
//! is computed here: the store and the domain compute them.

mod charts;
mod cohorts;
mod company_report;
mod download;
mod esf;
mod ips;
mod list;
mod matching;
mod page;
pub(crate) mod reassign;
mod rules;
mod tables;

use axum::Router;
use axum::routing::{get, post};
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::records::{Programme, parse_date};
use jobbro_store::access::AccessStore;

use crate::AppState;
use crate::i18n::Tr;
use crate::pages::catalogue::PageRoute;
use crate::pages::chrome::{Chrome, Section};
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

/// The answers of a workbook download.
const XLSX_ANSWERS: &[(&str, &str)] = &[
    ("200", "An XLSX file (attachment)"),
    ("303", "Not logged in (on to /login)"),
    ("403", "A role without the programme's figures"),
    NO_SUCH,
];

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
        "The ESF+ common indicators on a date (query: as_of, member_state DK or SE), by gender; small counts hidden for analysts",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without the programme's figures"),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/companies",
        "get",
        "The company report on a date (query: as_of): placements per company and sector, internships turned into paid work; for analysts no company lines and small counts hidden",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without the programme's figures"),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/cohorts",
        "get",
        "The funnel by referral quarter on a date (query: as_of): counts per stage and median days between stages; small counts hidden for analysts",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without the programme's figures"),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/matching",
        "get",
        "What came of the proposals of the programme's participants by a date (query: as_of), in all and by the score when proposed",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            ("403", "A role without the programme's figures"),
            NO_SUCH,
        ],
    ),
    (
        "/programmes/{programme}/ips",
        "get",
        "The IPS fidelity measures on a date (query: as_of): caseload per caseworker, days to a first company activity, weekly contact in a job's first month",
        &[
            ("200", "An HTML page"),
            ("303", "Not logged in (on to /login)"),
            (
                "403",
                "A role without the programme's whole worklist and unsuppressed figures",
            ),
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
        "/programmes/{programme}/series.xlsx",
        "get",
        "The situation at each month end of the twelve months up to a date (query: as_of) as an Excel workbook",
        XLSX_ANSWERS,
    ),
    (
        "/programmes/{programme}/esf.xlsx",
        "get",
        "The ESF+ indicators on a date (query: as_of, member_state) as an Excel workbook; suppressed for analysts as on the page",
        XLSX_ANSWERS,
    ),
    (
        "/programmes/{programme}/companies.xlsx",
        "get",
        "The company report on a date (query: as_of) as an Excel workbook; for analysts as on the page",
        XLSX_ANSWERS,
    ),
    (
        "/programmes/{programme}/cohorts.xlsx",
        "get",
        "The cohorts by referral quarter on a date (query: as_of) as an Excel workbook; suppressed for analysts as on the page",
        XLSX_ANSWERS,
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
        .route("/programmes/{programme}/cohorts", get(cohorts::page))
        .route("/programmes/{programme}/matching", get(matching::page))
        .route("/programmes/{programme}/ips", get(ips::page))
        .route(
            "/programmes/{programme}/companies",
            get(company_report::page),
        )
        .route(
            "/programmes/{programme}/status.xlsx",
            get(download::status_xlsx),
        )
        .route(
            "/programmes/{programme}/status.pdf",
            get(download::status_pdf),
        )
        .route(
            "/programmes/{programme}/series.xlsx",
            get(tables::series_xlsx),
        )
        .route("/programmes/{programme}/esf.xlsx", get(tables::esf_xlsx))
        .route(
            "/programmes/{programme}/companies.xlsx",
            get(tables::companies_xlsx),
        )
        .route(
            "/programmes/{programme}/cohorts.xlsx",
            get(tables::cohorts_xlsx),
        )
        .route("/programmes/{programme}/rules", post(rules::save))
        .route("/programmes/{programme}/reassign", post(reassign::save))
}

/// The day a programme page is about: `as_of` when it is a date, else today with the message
/// for a bad date.
pub fn as_of_param(as_of: Option<&str>, today: NaiveDate, tr: &Tr) -> (NaiveDate, Option<String>) {
    match as_of.map(str::trim) {
        None | Some("") => (today, None),
        Some(text) => match parse_date(text) {
            Ok(d) => (d, None),
            Err(_) => (today, Some(tr.t("error-date"))),
        },
    }
}

/// What a page under a programme (`/programmes/{id}/{sub}`) starts from, once the policy has let
/// the caller in: the programme, what else the caller may do with it, the page chrome, and the
/// day asked for.
pub struct SubPage {
    pub programme: Programme,
    pub access: ProgrammeAccess,
    pub chrome: Chrome,
    pub as_of: NaiveDate,
    pub date_error: Option<String>,
}

impl SubPage {
    /// The sub-page `sub` of programme `id` on the day `as_of` (today when none or a bad one),
    /// refused with `refusal` unless `allowed` says the caller's access is enough.
    pub async fn open(
        state: &AppState,
        caller: &SessionCaller,
        (id, sub): (&str, &str),
        as_of: Option<&str>,
        (allowed, refusal): (fn(ProgrammeAccess) -> bool, &'static str),
    ) -> Result<SubPage, PageError> {
        let (programme, access) = programme_for(state, caller, id).await?;
        if !allowed(access) {
            return Err(PageError::Forbidden(refusal));
        }
        let chrome = Chrome::new(
            caller,
            Section::Programmes,
            &format!("/programmes/{id}/{sub}"),
        );
        let (as_of, date_error) = as_of_param(as_of, caller.ctx.today(), &chrome.tr);
        Ok(SubPage {
            programme,
            access,
            chrome,
            as_of,
            date_error,
        })
    }
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
    /// The figures, suppressed or not.
    pub fn figures(self) -> bool {
        self.figures.is_some()
    }

    /// The figures unsuppressed.
    pub fn unsuppressed(self) -> bool {
        self.figures == Some(None)
    }

    /// The IPS measures, which name caseworkers: the whole caseload and unsuppressed figures.
    pub fn ips(self) -> bool {
        self.caseload && self.unsuppressed()
    }
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
