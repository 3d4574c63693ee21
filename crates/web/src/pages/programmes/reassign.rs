//! Moving a caseload: every enrolment active on a date with one caseworker responsible gets an
//! `assigned` record naming another, all in one write with one audit row per enrolment, all or
//! nothing. The page's `POST /programmes/{programme}/reassign` and the API's
//! `POST /api/v1/programmes/{id}/reassign` both go through [`reassign_caseload`].
//!
//! The policy is asked for the programme (`EditProgramme`) by the caller and here for every
//! enrolment moved (`WriteCase`): one refused enrolment refuses the whole move.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::records::parse_date;
use jobbro_store::programme_admin::{Reassignment, active_cases_of, caseworkers, reassign};
use jobbro_store::{Context, StoreError};
use serde::Deserialize;

use super::programme_for;
use super::rules::{FormPage, Refused};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::forms::{check_form, new_record_id};
use crate::session::{PageError, SessionCaller};

/// A move as asked for (form or JSON).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ReassignRequest {
    /// The caseworker whose active caseload moves.
    #[serde(default)]
    pub from: String,
    /// The caseworker it moves to.
    #[serde(default)]
    pub to: String,
    /// The day the new caseworker takes over (YYYY-MM-DD, not in the future).
    #[serde(default)]
    pub date: String,
}

/// A field of the request that is wrong: its name, the message id for the pages and the reason
/// for the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub key: &'static str,
    pub reason: String,
}

/// What came of a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Moved(usize),
    Refused(Vec<Problem>),
    /// An enrolment to move is one the caller may not write.
    Forbidden,
}

fn problem(field: &'static str, key: &'static str, reason: &str) -> Problem {
    Problem {
        field,
        key,
        reason: reason.to_owned(),
    }
}

/// Checks the request and moves the caseload. The caller has asked the policy for the programme.
pub async fn reassign_caseload(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    programme: &str,
    request: &ReassignRequest,
) -> Result<Outcome, StoreError> {
    let mut problems = Vec::new();
    let date = match parse_date(request.date.trim()) {
        Ok(d) if d > ctx.today() => {
            problems.push(problem(
                "date",
                "error-date-in-future",
                "must not be in the future",
            ));
            None
        }
        Ok(d) => Some(d),
        Err(reason) => {
            problems.push(problem("date", "error-date", &reason));
            None
        }
    };
    let known = caseworkers(state.db.as_ref()).await?;
    let (from, to) = (request.from.trim(), request.to.trim());
    for (field, id) in [("from", from), ("to", to)] {
        if !known.iter().any(|c| c.id == id) {
            problems.push(problem(
                field,
                "prog-error-caseworker",
                "must be the id of a caseworker record",
            ));
        }
    }
    if from == to && !from.is_empty() {
        problems.push(problem(
            "to",
            "prog-error-same-caseworker",
            "must be another caseworker than from",
        ));
    }
    let Some(date) = date.filter(|_| problems.is_empty()) else {
        return Ok(Outcome::Refused(problems));
    };
    let cases = active_cases_of(state.db.as_ref(), programme, from, date).await?;
    let writable = cases.iter().all(|c| {
        let resource = Resource::Enrolment {
            organisation: &actor.organisation,
            programme,
            caseworker: c.caseworker.as_deref(),
        };
        can(actor, Action::WriteCase, &resource) == Decision::Allow
    });
    if !writable {
        return Ok(Outcome::Forbidden);
    }
    let r = Reassignment {
        programme: programme.to_owned(),
        to: to.to_owned(),
        date,
        enrolments: cases.into_iter().map(|c| c.enrolment).collect(),
    };
    match reassign(state.db.as_ref(), &r, ctx, new_record_id).await {
        Ok(n) => Ok(Outcome::Moved(n)),
        Err(StoreError::Invalid { errors, .. }) => Ok(Outcome::Refused(
            errors
                .into_iter()
                .map(|e| {
                    problem(
                        "date",
                        "error-refused-by-rules",
                        &format!("{}: {}", e.field, e.reason),
                    )
                })
                .collect(),
        )),
        Err(e) => Err(e),
    }
}

/// The reassignment form: the caseworkers to choose from, what was chosen, the messages.
#[derive(Debug, Clone)]
pub struct ReassignForm {
    pub caseworkers: Vec<(String, String)>,
    pub from: String,
    pub to: String,
    pub date: String,
    pub max_date: String,
    /// `(field, message)`.
    pub errors: Vec<(String, String)>,
}

/// The form, empty or with what was sent.
pub async fn reassign_form(
    state: &AppState,
    tr: &Tr,
    today: NaiveDate,
    sent: Option<(&ReassignRequest, &[Problem])>,
) -> Result<ReassignForm, PageError> {
    let caseworkers = caseworkers(state.db.as_ref())
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let empty = ReassignRequest::default();
    let (request, problems) = sent.unwrap_or((&empty, &[]));
    Ok(ReassignForm {
        caseworkers,
        from: request.from.clone(),
        to: request.to.clone(),
        date: if request.date.is_empty() {
            today.to_string()
        } else {
            request.date.clone()
        },
        max_date: today.to_string(),
        errors: problems
            .iter()
            .map(|p| {
                let message = if p.key == "error-refused-by-rules" {
                    format!("{} ({})", tr.t(p.key), p.reason)
                } else {
                    tr.t(p.key)
                };
                (p.field.to_owned(), message)
            })
            .collect(),
    })
}

/// The form as posted.
#[derive(Debug, Deserialize)]
pub struct ReassignPost {
    csrf: Option<String>,
    #[serde(flatten)]
    request: ReassignRequest,
}

/// `POST /programmes/{programme}/reassign`.
pub async fn save(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ReassignPost>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let (_, access) = programme_for(&state, &caller, &id).await?;
    if !(access.caseload && access.edit) {
        return Err(PageError::Forbidden("may not move a caseload"));
    }
    let problems =
        match reassign_caseload(&state, &caller.actor, &caller.ctx, &id, &form.request).await? {
            Outcome::Moved(n) => {
                let to = format!("/programmes/{id}?done=reassigned&moved={n}");
                return Ok(Redirect::to(&to).into_response());
            }
            Outcome::Forbidden => {
                return Err(PageError::Forbidden(
                    "an enrolment to move is not the caller's",
                ));
            }
            Outcome::Refused(problems) => problems,
        };
    let tr = Tr::new(caller.lang);
    let form = reassign_form(
        &state,
        &tr,
        caller.ctx.today(),
        Some((&form.request, &problems)),
    )
    .await?;
    let messages = form
        .errors
        .iter()
        .map(|(field, m)| {
            let label = match field.as_str() {
                "from" => "prog-reassign-from",
                "to" => "prog-reassign-to",
                _ => "prog-reassign-date",
            };
            format!("{}: {m}", tr.t(label))
        })
        .collect();
    let form = Refused::Reassign(form);
    Ok(FormPage::refused(&caller, &id, uri.path(), messages, form))
}
