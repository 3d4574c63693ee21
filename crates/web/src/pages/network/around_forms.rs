//! The forms of "People around the participant": the interpreter need
//! (`POST /enrolments/{e}/interpreter-need`), linking a network person
//! (`POST /enrolments/{e}/network-links`), planning a meeting (`POST /enrolments/{e}/meetings`)
//! and booking an interpreter for it or marking it held or cancelled (`POST /meetings/{id}`, the
//! one-click action of My day's `interpreter_missing` item). Also who took part in a contact: the
//! contact form's checkboxes (`took_part.{id}`), checked here against the people linked that day.
//!
//! Every form asks `WriteCase` on the enrolment (`writable_enrolment`) before anything; the store
//! writes each change with its audit row. A refused form gets a page naming each wrong field.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, NaiveTime};
use jobbro_domain::codes::Language;
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{LinkRole, MeetingState, NetworkLink, PlannedMeeting};
use jobbro_domain::records::{FieldError, parse_date};
use jobbro_store::network::NetworkStore;
use jobbro_store::network::ops::{self, Refused};
use serde::Deserialize;

use super::messages;
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::{FieldMessage, back_to, writable_enrolment};
use crate::pages::forms::{check_form, new_record_id};
use crate::session::{PageError, SessionCaller};

/// A refused form of the section: what was wrong, by field, and the way back.
#[derive(Template, WebTemplate)]
#[template(path = "network_refused.html")]
pub struct RefusedPage {
    pub chrome: Chrome,
    pub heading: String,
    pub errors: Vec<FieldMessage>,
    pub back: String,
}

fn refused_page(
    caller: &SessionCaller,
    uri: &Uri,
    status: StatusCode,
    errors: Vec<FieldMessage>,
    back: Option<&str>,
) -> Response {
    let chrome = Chrome::new(caller, Section::Participants, &uri.to_string());
    let page = RefusedPage {
        heading: chrome.tr.t("network-refused-heading"),
        errors,
        back: back
            .and_then(crate::pages::forms::local_path)
            .unwrap_or("/")
            .to_owned(),
        chrome,
    };
    (status, page).into_response()
}

fn problem(field: &str, reason: &str) -> FieldError {
    FieldError {
        field: field.into(),
        reason: reason.into(),
    }
}

#[derive(Deserialize)]
pub struct NeedForm {
    csrf: Option<String>,
    #[serde(default)]
    language: String,
    /// The need the page showed (a code, empty for none): the save is refused if someone else
    /// changed it since. Absent, the need is set whatever is stored.
    was: Option<String>,
    back: Option<String>,
}

/// A language field of the form: empty is none.
fn language_field(field: &str, text: &str) -> Result<Option<Language>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        code => Language::parse(code)
            .map(Some)
            .map_err(|e| problem(field, &e.to_string())),
    }
}

/// `POST /enrolments/{e}/interpreter-need`.
pub async fn set_need(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<NeedForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let tr = Tr::new(caller.lang);
    let back = form.back.as_deref();
    let read = language_field("language", &form.language).and_then(|language| {
        let was = form
            .was
            .as_deref()
            .map(|w| language_field("was", w))
            .transpose()?;
        Ok((was, language))
    });
    let change = match read {
        Ok(change) => change,
        Err(problem) => {
            let errors = messages(&tr, &[problem]);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(refused_page(&caller, &uri, status, errors, back));
        }
    };
    let db = state.db.as_ref();
    match ops::set_need_from(db, &caller.ctx, &enrolment, &programme, change).await {
        Ok(()) => Ok(Redirect::to(&back_to(back, "need")).into_response()),
        Err(jobbro_store::StoreError::Conflict { .. }) => {
            let errors = vec![FieldMessage {
                field: "language".into(),
                message: tr.t("network-error-stale-need"),
            }];
            Ok(refused_page(
                &caller,
                &uri,
                StatusCode::CONFLICT,
                errors,
                back,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct LinkForm {
    csrf: Option<String>,
    #[serde(default)]
    person: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    from: String,
    back: Option<String>,
}

/// `POST /enrolments/{e}/network-links`.
pub async fn link(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<LinkForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let tr = Tr::new(caller.lang);
    let mut problems = Vec::new();
    let from = parse_date(form.from.trim()).ok();
    if from.is_none() {
        problems.push(problem("from", "must be a date"));
    }
    let person = state
        .db
        .network_person(&caller.actor.organisation, form.person.trim())
        .await?;
    let role = match (LinkRole::parse(form.role.trim()), &person) {
        (Some(r), _) => Some(r),
        (None, Some(p)) if form.role.trim().is_empty() => Some(LinkRole::from(p.person.kind)),
        _ => None,
    };
    if role.is_none() && person.is_some() {
        problems.push(problem("role", "must be one of the roles"));
    }
    let result = match (from, role) {
        (Some(from), Some(role)) if problems.is_empty() => {
            let link = NetworkLink {
                id: new_record_id().replacen("web-", "lnk-", 1),
                person: form.person.trim().to_owned(),
                enrolment: enrolment.clone(),
                role,
                from,
                to: None,
                activity: None,
            };
            ops::add_link(state.db.as_ref(), &caller.ctx, &link, &programme).await?
        }
        _ => Err(Refused::Fields(Vec::new())),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&back_to(form.back.as_deref(), "linked")).into_response()),
        Err(Refused::Fields(more)) => {
            problems.extend(more);
            if person.is_none() && problems.iter().all(|p| p.field != "person") {
                problems.push(problem(
                    "person",
                    "is not a network person of the organisation",
                ));
            }
            let errors = messages(&tr, &problems);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(refused_page(
                &caller,
                &uri,
                status,
                errors,
                form.back.as_deref(),
            ))
        }
        Err(_) => Err(PageError::NotFound),
    }
}

#[derive(Deserialize)]
pub struct PlanForm {
    csrf: Option<String>,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    interpreter: String,
    back: Option<String>,
}

/// The date and time of a meeting form: a real date, not before today; a time `HH:MM` or none.
fn when(
    date: &str,
    time: &str,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> (Option<NaiveDate>, Option<NaiveTime>) {
    let date = match parse_date(date.trim()) {
        Ok(d) if d < today => {
            problems.push(problem("date", "a planned meeting is not in the past"));
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(problem("date", "must be a date"));
            None
        }
    };
    let time = match time.trim() {
        "" => None,
        t => match NaiveTime::parse_from_str(t, "%H:%M") {
            Ok(t) => Some(t),
            Err(_) => {
                problems.push(problem("time", "must be a time (HH:MM)"));
                None
            }
        },
    };
    (date, time)
}

/// `POST /enrolments/{e}/meetings`.
pub async fn plan(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<PlanForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let tr = Tr::new(caller.lang);
    let mut problems = Vec::new();
    let (date, time) = when(&form.date, &form.time, caller.ctx.today(), &mut problems);
    let kind = ContactKind::parse(form.kind.trim());
    if kind.is_none() {
        problems.push(problem("kind", "must be one of the kinds"));
    }
    if let (Some(date), Some(kind), true) = (date, kind, problems.is_empty()) {
        let meeting = PlannedMeeting {
            id: new_record_id().replacen("web-", "mtg-", 1),
            enrolment: enrolment.clone(),
            date,
            time,
            kind,
            interpreter: Some(form.interpreter.trim().to_owned()).filter(|i| !i.is_empty()),
            caseworker: caller.actor.caseworker.clone().filter(|c| !c.is_empty()),
            state: MeetingState::Planned,
            version: 1,
        };
        match ops::plan_meeting(state.db.as_ref(), &caller.ctx, &meeting, &programme).await? {
            Ok(()) => {
                return Ok(Redirect::to(&back_to(form.back.as_deref(), "meeting")).into_response());
            }
            Err(Refused::Fields(more)) => problems.extend(more),
            Err(_) => return Err(PageError::NotFound),
        }
    }
    let errors = messages(&tr, &problems);
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(refused_page(
        &caller,
        &uri,
        status,
        errors,
        form.back.as_deref(),
    ))
}

#[derive(Deserialize)]
pub struct MeetingForm {
    csrf: Option<String>,
    #[serde(default)]
    version: String,
    #[serde(default)]
    interpreter: Option<String>,
    #[serde(default)]
    state: Option<String>,
    back: Option<String>,
}

/// `POST /meetings/{id}`: books the interpreter named, or moves the meeting to `held` or
/// `cancelled`, from the version the page showed.
pub async fn change_meeting(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<MeetingForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let Some(mut meeting) = state.db.meeting(&id).await? else {
        return Err(PageError::NotFound);
    };
    let programme = writable_enrolment(&state, &caller, &meeting.enrolment).await?;
    let tr = Tr::new(caller.lang);
    let mut problems = Vec::new();
    match form.version.trim().parse::<i64>() {
        Ok(v) => meeting.version = v,
        Err(_) => problems.push(problem("version", "is required")),
    }
    if let Some(i) = form.interpreter.as_deref() {
        meeting.interpreter = Some(i.trim().to_owned()).filter(|i| !i.is_empty());
        if meeting.interpreter.is_none() {
            problems.push(problem("interpreter", "is required"));
        }
    }
    if let Some(s) = form.state.as_deref() {
        match MeetingState::parse(s.trim()) {
            Some(s) => meeting.state = s,
            None => problems.push(problem("state", "must be one of the states")),
        }
    }
    let done = if form.state.is_some() {
        "meeting"
    } else {
        "booked"
    };
    if problems.is_empty() {
        match ops::update_meeting(state.db.as_ref(), &caller.ctx, &meeting, &programme).await? {
            Ok(_) => return Ok(Redirect::to(&back_to(form.back.as_deref(), done)).into_response()),
            Err(Refused::Fields(more)) => problems.extend(more),
            Err(Refused::Stale { .. }) => {
                let errors = vec![FieldMessage {
                    field: "version".into(),
                    message: tr.t("network-error-stale-meeting"),
                }];
                let status = StatusCode::CONFLICT;
                return Ok(refused_page(
                    &caller,
                    &uri,
                    status,
                    errors,
                    form.back.as_deref(),
                ));
            }
            Err(Refused::Missing) => return Err(PageError::NotFound),
        }
    }
    let errors = messages(&tr, &problems);
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(refused_page(
        &caller,
        &uri,
        status,
        errors,
        form.back.as_deref(),
    ))
}

/// The network people ticked on a contact form (`took_part.{id}` checkboxes).
pub(crate) fn took_part_of(rest: &HashMap<String, String>) -> Vec<String> {
    let mut ids: Vec<String> = rest
        .keys()
        .filter_map(|k| k.strip_prefix("took_part."))
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids
}

/// Checks that everyone ticked was linked to the enrolment on the contact's day; the messages
/// for the field `took_part` when not.
pub(crate) async fn record_took_part(
    state: &AppState,
    caller: &SessionCaller,
    tr: &Tr,
    enrolment: &str,
    day: Option<NaiveDate>,
    ids: &[String],
) -> Result<Vec<FieldMessage>, PageError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let day = day.unwrap_or_else(|| caller.ctx.today());
    let linked = ops::linked_on(state.db.as_ref(), &caller.ctx, enrolment, day).await?;
    if ids.iter().all(|id| linked.iter().any(|p| &p.id == id)) {
        Ok(Vec::new())
    } else {
        Ok(messages(
            tr,
            &[problem(
                "took_part",
                "is not linked to the enrolment that day",
            )],
        ))
    }
}
