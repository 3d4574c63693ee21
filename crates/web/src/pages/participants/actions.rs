//! The participant page's quick actions on an enrolment: start, extend and end an activity
//! (`POST /enrolments/{id}/activities`, `…/activities/extend`, `…/activities/end`), record
//! leaving (`…/left`) and reassign the caseworker (`…/assigned`). Contacts and follow-ups use
//! the shared routes of `enrolment_actions`.
//!
//! Each becomes one timeline record, checked exactly as an import checks it and written with its
//! audit row in one transaction (`enrolment_actions::write`); then the browser goes back to the
//! page with a notice. A refused form is shown again with what was typed and a message by each
//! wrong field; nothing is written unless all of it is right.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use jobbro_domain::enums::{ActivityKind, EndReason, LeaveReason};
use jobbro_domain::records::parse_date;
use jobbro_store::participant::{activity_belongs_to, caseworkers_with_ids};
use serde_json::{Map, Value, json};

use super::forms::{ActivityForm, Choices, EnrolmentForm, StartForm, version_of};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::{
    FieldMessage, Saved, back_to, check_date, message, optional, writable_enrolment, write_at,
};
use crate::pages::forms::{check_form, new_record_id};
use crate::session::{PageError, SessionCaller};

/// The form that was refused, with what was typed.
pub enum Refused {
    Start(StartForm),
    Extend(ActivityForm),
    End(ActivityForm),
    Left(EnrolmentForm),
    Assign(EnrolmentForm),
}

impl Refused {
    /// The enrolment version the form carries.
    fn version(&mut self) -> &mut String {
        match self {
            Refused::Start(f) => &mut f.version,
            Refused::Extend(f) | Refused::End(f) => &mut f.version,
            Refused::Left(f) | Refused::Assign(f) => &mut f.version,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "participants_action_form.html")]
pub struct ActionFormPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub back: String,
    pub errors: Vec<FieldMessage>,
    pub form: Refused,
    pub choices: Choices,
    /// Where the participant page is, when the form was refused because the enrolment changed:
    /// the user looks there (in a new tab, keeping what they typed) before saving again.
    pub changed: Option<String>,
    /// The enrolment version the form carries on.
    pub version: String,
}

/// `POST /enrolments/{id}/activities`: starts an activity, at a company or not.
pub async fn start_activity(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<StartForm>,
) -> Result<Response, PageError> {
    let Opened {
        programme,
        tr,
        mut errors,
        date,
    } = open(
        &state,
        &caller,
        &headers,
        &uri,
        form.csrf.as_deref(),
        &enrolment,
        &form.date,
    )
    .await?;
    if ActivityKind::parse(&form.kind).is_none() {
        errors.push(message(&tr, "kind", "error-choose-one"));
    }
    let planned_end = optional_date(&tr, "planned_end", &form.planned_end, &mut errors);
    if let (Some(start), Some(end)) = (date, planned_end)
        && end < start
    {
        errors.push(message(
            &tr,
            "planned_end",
            "participant-error-end-before-start",
        ));
    }
    let hours = form.hours_per_week.trim();
    let hours = if hours.is_empty() {
        None
    } else {
        let parsed = hours
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|h| (0.0..=80.0).contains(h));
        if parsed.is_none() {
            errors.push(message(&tr, "hours_per_week", "participant-error-hours"));
        }
        parsed
    };
    if form.title.chars().count() > 200 {
        errors.push(message(&tr, "title", "participant-error-title"));
    }
    let mut record = Map::new();
    record.insert("type".into(), json!("activity_started"));
    record.insert("id".into(), json!(new_record_id()));
    record.insert("enrolment".into(), json!(enrolment));
    record.insert("date".into(), json!(date.map(|d| d.to_string())));
    record.insert("kind".into(), json!(form.kind));
    if let Some(end) = planned_end {
        record.insert("planned_end".into(), json!(end.to_string()));
    }
    optional(&mut record, "company", &form.company);
    if let Some(h) = hours {
        record.insert("hours_per_week".into(), json!(h));
    }
    optional(&mut record, "title", &form.title);
    let target = Target {
        enrolment: &enrolment,
        programme: &programme,
        done: "activity-started",
        heading: "participant-start-activity",
    };
    finish(
        &state,
        &caller,
        &uri,
        target,
        record,
        errors,
        Refused::Start(form),
    )
    .await
}

/// `POST /enrolments/{id}/activities/extend`: moves an activity's planned end.
pub async fn extend_activity(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ActivityForm>,
) -> Result<Response, PageError> {
    let Opened {
        programme,
        tr,
        mut errors,
        date,
    } = open(
        &state,
        &caller,
        &headers,
        &uri,
        form.csrf.as_deref(),
        &enrolment,
        &form.date,
    )
    .await?;
    check_activity(&state, &tr, &enrolment, &form.activity, &mut errors).await?;
    let planned_end = optional_date(&tr, "planned_end", &form.planned_end, &mut errors);
    if planned_end.is_none() && form.planned_end.trim().is_empty() {
        errors.push(message(&tr, "planned_end", "error-date"));
    }
    let record = json!({
        "type": "activity_extended", "id": new_record_id(), "activity": form.activity,
        "date": date.map(|d| d.to_string()), "planned_end": planned_end.map(|d| d.to_string()),
    });
    let Value::Object(record) = record else {
        return Err(PageError::NotFound);
    };
    let target = Target {
        enrolment: &enrolment,
        programme: &programme,
        done: "activity-extended",
        heading: "participant-extend-activity",
    };
    finish(
        &state,
        &caller,
        &uri,
        target,
        record,
        errors,
        Refused::Extend(form),
    )
    .await
}

/// `POST /enrolments/{id}/activities/end`: records an activity's last day.
pub async fn end_activity(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ActivityForm>,
) -> Result<Response, PageError> {
    let Opened {
        programme,
        tr,
        mut errors,
        date,
    } = open(
        &state,
        &caller,
        &headers,
        &uri,
        form.csrf.as_deref(),
        &enrolment,
        &form.date,
    )
    .await?;
    check_activity(&state, &tr, &enrolment, &form.activity, &mut errors).await?;
    if !form.reason.is_empty() && EndReason::parse(&form.reason).is_none() {
        errors.push(message(&tr, "reason", "error-choose-one"));
    }
    let mut record = Map::new();
    record.insert("type".into(), json!("activity_ended"));
    record.insert("id".into(), json!(new_record_id()));
    record.insert("activity".into(), json!(form.activity));
    record.insert("date".into(), json!(date.map(|d| d.to_string())));
    optional(&mut record, "reason", &form.reason);
    let target = Target {
        enrolment: &enrolment,
        programme: &programme,
        done: "activity-ended",
        heading: "participant-end-activity",
    };
    finish(
        &state,
        &caller,
        &uri,
        target,
        record,
        errors,
        Refused::End(form),
    )
    .await
}

/// `POST /enrolments/{id}/left`: records that the participant left, and why.
pub async fn record_left(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<EnrolmentForm>,
) -> Result<Response, PageError> {
    let Opened {
        programme,
        tr,
        mut errors,
        date,
    } = open(
        &state,
        &caller,
        &headers,
        &uri,
        form.csrf.as_deref(),
        &enrolment,
        &form.date,
    )
    .await?;
    if LeaveReason::parse(&form.reason).is_none() {
        errors.push(message(&tr, "reason", "error-choose-one"));
    }
    let record = json!({
        "type": "left", "id": new_record_id(), "enrolment": enrolment,
        "date": date.map(|d| d.to_string()), "reason": form.reason,
    });
    let Value::Object(record) = record else {
        return Err(PageError::NotFound);
    };
    let target = Target {
        enrolment: &enrolment,
        programme: &programme,
        done: "left",
        heading: "participant-record-left",
    };
    finish(
        &state,
        &caller,
        &uri,
        target,
        record,
        errors,
        Refused::Left(form),
    )
    .await
}

/// `POST /enrolments/{id}/assigned`: gives the enrolment to another caseworker.
pub async fn reassign(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<EnrolmentForm>,
) -> Result<Response, PageError> {
    let Opened {
        programme,
        tr,
        mut errors,
        date,
    } = open(
        &state,
        &caller,
        &headers,
        &uri,
        form.csrf.as_deref(),
        &enrolment,
        &form.date,
    )
    .await?;
    let known =
        caseworkers_with_ids(state.db.as_ref(), std::slice::from_ref(&form.caseworker)).await?;
    if known.is_empty() {
        errors.push(message(&tr, "caseworker", "error-choose-one"));
    }
    let record = json!({
        "type": "assigned", "id": new_record_id(), "enrolment": enrolment,
        "date": date.map(|d| d.to_string()), "caseworker": form.caseworker,
    });
    let Value::Object(record) = record else {
        return Err(PageError::NotFound);
    };
    let target = Target {
        enrolment: &enrolment,
        programme: &programme,
        done: "assigned",
        heading: "participant-reassign",
    };
    finish(
        &state,
        &caller,
        &uri,
        target,
        record,
        errors,
        Refused::Assign(form),
    )
    .await
}

/// A quick-action form that may be looked at: the enrolment's programme, the translator, the
/// messages so far, and the date field read.
struct Opened {
    programme: String,
    tr: Tr,
    errors: Vec<FieldMessage>,
    date: Option<NaiveDate>,
}

/// The checks every quick action starts with: the session's own form, an enrolment the caller
/// may record on, and a date that is real and not in the future.
async fn open(
    state: &AppState,
    caller: &SessionCaller,
    headers: &HeaderMap,
    uri: &Uri,
    csrf: Option<&str>,
    enrolment: &str,
    date: &str,
) -> Result<Opened, PageError> {
    check_form(caller, csrf, headers, uri, state)?;
    let programme = writable_enrolment(state, caller, enrolment).await?;
    let tr = Tr::new(caller.lang);
    let mut errors = Vec::new();
    let date = check_date(&tr, date, caller.ctx.today(), &mut errors);
    Ok(Opened {
        programme,
        tr,
        errors,
        date,
    })
}

/// What a form records on, where the browser goes after it, and the heading if it is refused.
struct Target<'a> {
    enrolment: &'a str,
    programme: &'a str,
    done: &'static str,
    heading: &'static str,
}

/// Writes the record when the form had no errors and goes back to the page; otherwise shows the
/// form again with its messages (422), or, when someone else changed the enrolment after the page
/// was shown, with that said and the form at the enrolment's version now (409).
async fn finish(
    state: &AppState,
    caller: &SessionCaller,
    uri: &Uri,
    target: Target<'_>,
    record: Map<String, Value>,
    errors: Vec<FieldMessage>,
    form: Refused,
) -> Result<Response, PageError> {
    let tr = Tr::new(caller.lang);
    let back = match &form {
        Refused::Start(f) => f.back.clone(),
        Refused::Extend(f) | Refused::End(f) => f.back.clone(),
        Refused::Left(f) | Refused::Assign(f) => f.back.clone(),
    };
    let mut form = form;
    let mut changed = None;
    let errors = if errors.is_empty() {
        let seen = version_of(form.version());
        let record = Value::Object(record);
        let saved = write_at(
            state,
            caller,
            &tr,
            record,
            (target.enrolment, seen),
            target.programme,
        )
        .await?;
        if let Saved::Changed { version } = &saved {
            // Shown again at today's version: saving once more, having looked, records it.
            *form.version() = version.to_string();
            changed = back.clone();
        }
        saved.messages(&tr)
    } else {
        errors
    };
    if errors.is_empty() {
        return Ok(Redirect::to(&back_to(back.as_deref(), target.done)).into_response());
    }
    // The pickers suggest as the user types (`choices.rs`); what was typed is shown again.
    let choices = Choices::new(&tr, &[], &[]);
    let page = ActionFormPage {
        heading: tr.t(target.heading),
        action: uri.path().to_owned(),
        back: back.unwrap_or_else(|| "/".into()),
        errors,
        version: form.version().clone(),
        form,
        choices,
        changed: changed.and_then(|b| crate::pages::forms::local_path(&b).map(str::to_owned)),
        chrome: Chrome::new(caller, Section::Participants, uri.path()),
    };
    let status = if page.changed.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page).into_response())
}

/// An optional date field: empty is none, anything else must be a real date.
fn optional_date(
    tr: &Tr,
    field: &str,
    text: &str,
    errors: &mut Vec<FieldMessage>,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match parse_date(text) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(message(tr, field, "error-date"));
            None
        }
    }
}

/// The activity must be one of this enrolment's, so a change cannot land on another enrolment.
async fn check_activity(
    state: &AppState,
    tr: &Tr,
    enrolment: &str,
    activity: &str,
    errors: &mut Vec<FieldMessage>,
) -> Result<(), PageError> {
    if !activity_belongs_to(state.db.as_ref(), enrolment, activity).await? {
        errors.push(message(tr, "activity", "participant-error-activity"));
    }
    Ok(())
}
