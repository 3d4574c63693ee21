//! My day (`GET /`): the logged-in caseworker's worklist (FORMAT.md §5), most overdue first, each
//! item with its one-click action, and the counts on top — active caseload, overdue contacts,
//! activity gaps, follow-ups due. A lead without a caseload of their own sees their programmes'.
//!
//! The page shows names, so it is a read of personal data: one audit row per programme shown is
//! written before the page is. Roles without case data (analyst, admin, auditor) are sent on to
//! the part of the app that is theirs.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use jobbro_domain::access::{Action, Resource, Role, can};
use jobbro_domain::status::Status;
use jobbro_domain::worklist::{Item, ItemKind};
use jobbro_store::access::AccessStore;
use jobbro_store::caseload::{Case, Caseload, caseload};
use serde::Deserialize;

use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::{ContactChoices, FieldMessage, contact_choices};
use crate::session::{PageError, SessionCaller};

/// Whether the page comes back after an action, and which.
#[derive(Deserialize)]
pub struct DayQuery {
    done: Option<String>,
}

/// The action an item offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemAction {
    LogContact,
    PlanActivity,
    FollowUp {
        months: u32,
    },
    SeeProgramme,
    /// Book an interpreter for the planned meeting (filled in by `pages::network::day`).
    BookInterpreter(crate::pages::network::Booking),
}

/// One worklist item as the page shows it.
#[derive(Debug, Clone)]
pub struct DayItem {
    pub n: usize,
    /// The item's code (FORMAT.md §5), for tests and styling.
    pub code: &'static str,
    pub kind: String,
    pub who: String,
    pub person_href: Option<String>,
    pub enrolment: String,
    pub programme: String,
    pub due: String,
    pub late: String,
    pub urgency: &'static str,
    pub action: ItemAction,
}

/// A count on top of the page.
#[derive(Debug, Clone)]
pub struct Count {
    pub label: String,
    pub n: usize,
    pub late: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "my_day.html")]
pub struct MyDayPage {
    pub chrome: Chrome,
    pub heading: String,
    pub counts: Vec<Count>,
    pub items: Vec<DayItem>,
    /// Items left out because the list was long (most overdue first, so the rest can wait).
    pub more: Option<String>,
    pub notice: Option<String>,
    pub today: String,
    pub contact: ContactChoices,
    pub follow_up_statuses: Vec<(&'static str, String)>,
    /// The inline forms start without messages.
    pub no_errors: Vec<FieldMessage>,
}

/// `GET /`: My day, or the login page for someone not logged in.
pub async fn page(
    State(state): State<AppState>,
    caller: Option<SessionCaller>,
    Query(q): Query<DayQuery>,
) -> Result<Response, PageError> {
    let Some(caller) = caller else {
        return Ok(Redirect::to("/login").into_response());
    };
    match caller.actor.role {
        Role::Caseworker | Role::Lead => {}
        Role::Analyst | Role::Admin => return Ok(Redirect::to("/programmes").into_response()),
        Role::Auditor => return Ok(Redirect::to("/me").into_response()),
    }
    let today = caller.ctx.today();
    let actor = &caller.actor;
    let programmes: Vec<String> = actor
        .programmes
        .iter()
        .filter(|p| {
            let resource = Resource::Programme {
                organisation: &actor.organisation,
                programme: p,
            };
            can(actor, Action::ViewWorklist, &resource).allowed()
        })
        .cloned()
        .collect();
    let own = actor.caseworker.as_deref().filter(|c| !c.is_empty());
    if actor.role == Role::Caseworker && own.is_none() {
        return Err(PageError::Forbidden(
            "a caseworker user needs a caseworker id",
        ));
    }
    let day = caseload(state.db.as_ref(), today, &programmes, own).await?;
    let audit: Vec<_> = programmes
        .iter()
        .map(|p| {
            let mut entry = caller.ctx.audit("read", "programme", p, Some(p));
            entry.purpose = Some("my day".into());
            entry
        })
        .collect();
    // Recorded before anything is shown: no audit row, no page.
    state.db.append_audit(&audit).await?;
    let names = state_programme_names(&state, &programmes).await?;
    let chrome = Chrome::new(&caller, Section::MyDay, "/");
    let tr = chrome.tr.clone();
    let page = MyDayPage {
        heading: tr.t_with(
            "my-day-heading",
            &[("name", Arg::from(caller.name.as_str()))],
        ),
        counts: counts(&tr, &day),
        items: crate::pages::network::with_bookings(
            &state,
            &caller,
            items(&tr, &day, &names),
            &day.items,
        )
        .await?,
        more: match day.items.len().saturating_sub(MAX_ITEMS) {
            0 => None,
            n => Some(tr.t_with("my-day-more", &[("n", Arg::from(n))])),
        },
        notice: q.done.as_deref().and_then(|d| notice(&tr, d)),
        today: today.to_string(),
        contact: contact_choices(&tr),
        follow_up_statuses: jobbro_domain::enums::FollowUpStatus::ALL
            .iter()
            .map(|s| (s.as_str(), tr.code("follow_up", s.as_str())))
            .collect(),
        no_errors: Vec::new(),
        chrome,
    };
    Ok(page.into_response())
}

async fn state_programme_names(
    state: &AppState,
    programmes: &[String],
) -> Result<Vec<(String, String)>, PageError> {
    let shown = jobbro_store::programmes_with_ids(state.db.as_ref(), programmes).await?;
    Ok(shown.into_iter().map(|p| (p.id, p.name)).collect())
}

fn counts(tr: &Tr, day: &Caseload) -> Vec<Count> {
    let contact = day.count_items(&[ItemKind::ContactOverdue, ItemKind::AftercareContactOverdue]);
    let gaps = day.count_items(&[ItemKind::ActivityGap]);
    let follow_ups = day.count_items(&[ItemKind::FollowUpDue]);
    let interpreters = day.count_items(&[ItemKind::InterpreterMissing]);
    let mut counts = vec![
        Count {
            label: tr.t("my-day-active"),
            n: day.active(),
            late: false,
        },
        Count {
            label: tr.t("my-day-contacts-overdue"),
            n: contact,
            late: contact > 0,
        },
        Count {
            label: tr.t("my-day-gaps"),
            n: gaps,
            late: gaps > 0,
        },
        Count {
            label: tr.t("my-day-follow-ups"),
            n: follow_ups,
            late: follow_ups > 0,
        },
    ];
    // Only those who work with interpreters need the count.
    if interpreters > 0 {
        counts.push(Count {
            label: tr.t("my-day-interpreters"),
            n: interpreters,
            late: true,
        });
    }
    counts
}

/// The most items one page lists: a caseworker's day is far shorter; a lead looking at a whole
/// programme gets the most overdue first and the count of the rest.
const MAX_ITEMS: usize = 150;

fn items(tr: &Tr, day: &Caseload, names: &[(String, String)]) -> Vec<DayItem> {
    day.items
        .iter()
        .take(MAX_ITEMS)
        .enumerate()
        .map(|(n, item)| {
            let case = item
                .enrolment
                .as_deref()
                .and_then(|e| day.cases.iter().find(|c| c.enrolment == e));
            let programme = names
                .iter()
                .find(|(id, _)| *id == item.programme)
                .map_or_else(|| item.programme.clone(), |(_, name)| name.clone());
            DayItem {
                n,
                code: item.kind.as_str(),
                kind: tr.code("worklist", item.kind.as_str()),
                who: match (case, &item.caseworker) {
                    (Some(c), _) => display_name(tr, c),
                    (None, Some(cw)) => cw.clone(),
                    (None, None) => String::new(),
                },
                person_href: item.person.as_ref().map(|p| format!("/participants/{p}")),
                enrolment: item.enrolment.clone().unwrap_or_default(),
                programme,
                due: tr.date(item.due),
                late: lateness(tr, item),
                urgency: if item.days_overdue > 0 {
                    "late"
                } else {
                    "soon"
                },
                action: action_of(item, case),
            }
        })
        .collect()
}

/// A person's name as lists show it; "(no name)" when the record has none.
pub fn display_name(tr: &Tr, case: &Case) -> String {
    let parts: Vec<&str> = [&case.name.given_name, &case.name.family_name]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
    if parts.is_empty() {
        tr.t("no-name")
    } else {
        parts.join(" ")
    }
}

fn lateness(tr: &Tr, item: &Item) -> String {
    if item.days_overdue > 0 {
        tr.t_with("days-overdue", &[("days", Arg::Num(item.days_overdue))])
    } else {
        tr.t("due-soon")
    }
}

fn action_of(item: &Item, case: Option<&Case>) -> ItemAction {
    match item.kind {
        ItemKind::ContactOverdue | ItemKind::AftercareContactOverdue | ItemKind::NoShowFlag => {
            ItemAction::LogContact
        }
        ItemKind::ActivityGap | ItemKind::ActivityEnding => ItemAction::PlanActivity,
        ItemKind::CaseloadOver => ItemAction::SeeProgramme,
        ItemKind::InterpreterMissing => ItemAction::BookInterpreter(Default::default()),
        ItemKind::FollowUpDue => {
            let left = case.and_then(|c| match c.status {
                Status::Ended { left, .. } => Some(left),
                _ => None,
            });
            ItemAction::FollowUp {
                months: left.map_or(6, |l| months_between(l, item.due)),
            }
        }
    }
}

/// Whole months from `from` to `to` (the follow-up a due date belongs to).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    u32::try_from(months).unwrap_or(0)
}

fn notice(tr: &Tr, done: &str) -> Option<String> {
    match done {
        "contact" => Some(tr.t("notice-contact-logged")),
        "follow-up" => Some(tr.t("notice-follow-up-recorded")),
        "booked" => Some(tr.t("network-notice-booked")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follow_up_belongs_to_the_months_since_leaving() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(months_between(d(2024, 1, 31), d(2024, 7, 31)), 6);
        assert_eq!(months_between(d(2024, 8, 31), d(2025, 2, 28)), 6);
        assert_eq!(months_between(d(2024, 3, 1), d(2025, 3, 1)), 12);
    }
}
