//! Recording what happened on an enrolment from a page: a contact (`POST
//! /enrolments/{id}/contacts`) and a follow-up (`POST /enrolments/{id}/follow-ups`). Each becomes
//! one timeline record, checked exactly as an import checks it, written with its audit row in one
//! transaction; the browser then goes back to where it came from.
//!
//! A refused form is shown again on a page of its own, with what was typed and a message in the
//! user's language by each field that was wrong. Nothing is written unless all of it is right.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::enums::{ContactKind, FollowUpStatus};
use jobbro_domain::records::{Record, RecordError, parse_date};
use jobbro_store::StoreError;
use jobbro_store::people::enrolment_access;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::forms::{check_form, local_path, new_record_id, refusal};
use crate::session::{PageError, SessionCaller};

/// Languages offered for an interpreter (ISO 639-1): those most asked for in Danish and Swedish
/// integration work. The record accepts any code; the form offers these.
pub const INTERPRETER_LANGUAGES: [&str; 16] = [
    "ar", "so", "ti", "fa", "ps", "ku", "ur", "tr", "uk", "ru", "pl", "ro", "sq", "bs", "th", "en",
];

/// The choices of the contact form, translated.
#[derive(Debug, Clone)]
pub struct ContactChoices {
    pub kinds: Vec<(&'static str, String)>,
    pub languages: Vec<(&'static str, String)>,
}

pub fn contact_choices(tr: &Tr) -> ContactChoices {
    ContactChoices {
        kinds: ContactKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.code("contact", k.as_str())))
            .collect(),
        languages: INTERPRETER_LANGUAGES
            .iter()
            .map(|l| (*l, tr.code("language-name", l)))
            .collect(),
    }
}

/// The contact form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactForm {
    csrf: Option<String>,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub attended: String,
    #[serde(default)]
    pub interpreter_language: String,
    #[serde(default)]
    pub note: String,
    back: Option<String>,
    /// Everything else: who took part (`took_part.{id}` checkboxes, see `pages::network`).
    #[serde(flatten)]
    pub rest: std::collections::HashMap<String, String>,
}

/// The follow-up form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FollowUpForm {
    csrf: Option<String>,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub months: String,
    #[serde(default)]
    pub status: String,
    back: Option<String>,
}

/// A message by a form field.
#[derive(Debug, Clone)]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "record_form.html")]
pub struct RecordFormPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub back: String,
    pub errors: Vec<FieldMessage>,
    pub contact: Option<(ContactForm, ContactChoices)>,
    pub follow_up: Option<(FollowUpForm, Vec<(&'static str, String)>)>,
}

/// `POST /enrolments/{id}/contacts`: logs a contact (attended or a no-show).
pub async fn log_contact(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ContactForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let tr = Tr::new(caller.lang);
    let today = caller.ctx.today();
    let mut errors = Vec::new();
    let date = check_date(&tr, &form.date, today, &mut errors);
    if ContactKind::parse(&form.kind).is_none() {
        errors.push(message(&tr, "kind", "error-choose-one"));
    }
    if !matches!(form.attended.as_str(), "yes" | "no") {
        errors.push(message(&tr, "attended", "error-choose-one"));
    }
    if form.note.chars().count() > 4000 {
        errors.push(message(&tr, "note", "error-note-too-long"));
    }
    let mut record = Map::new();
    record.insert("type".into(), json!("contact"));
    record.insert("id".into(), json!(new_record_id()));
    record.insert("enrolment".into(), json!(enrolment));
    record.insert("date".into(), json!(date.map(|d| d.to_string())));
    record.insert("kind".into(), json!(form.kind));
    if form.attended == "no" {
        record.insert("attended".into(), json!(false));
    }
    optional(
        &mut record,
        "interpreter_language",
        &form.interpreter_language,
    );
    optional(&mut record, "note", form.note.trim());
    if let Some(cw) = caller.actor.caseworker.as_deref().filter(|c| !c.is_empty()) {
        record.insert("caseworker".into(), json!(cw));
    }
    let took_part = crate::pages::network::took_part_of(&form.rest);
    errors.extend(
        crate::pages::network::record_took_part(&state, &caller, &tr, &enrolment, date, &took_part)
            .await?,
    );
    let back = back_to(form.back.as_deref(), "contact");
    let written = if errors.is_empty() {
        write_with(
            &state,
            &caller,
            &tr,
            (Value::Object(record), &took_part),
            (&enrolment, None),
            &programme,
        )
        .await?
        .messages(&tr)
    } else {
        errors
    };
    if written.is_empty() {
        return Ok(Redirect::to(&back).into_response());
    }
    let chrome = Chrome::new(&caller, Section::MyDay, &uri.to_string());
    let page = RecordFormPage {
        heading: tr.t("contact-form-heading"),
        action: uri.path().to_owned(),
        back: form.back.clone().unwrap_or_else(|| "/".into()),
        errors: written,
        contact: Some((form, contact_choices(&tr))),
        follow_up: None,
        chrome,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /enrolments/{id}/follow-ups`: records where a person who left is now.
pub async fn record_follow_up(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<FollowUpForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let tr = Tr::new(caller.lang);
    let mut errors = Vec::new();
    let date = check_date(&tr, &form.date, caller.ctx.today(), &mut errors);
    let months = form
        .months
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=120).contains(m));
    if months.is_none() {
        errors.push(message(&tr, "months", "error-months"));
    }
    if FollowUpStatus::parse(&form.status).is_none() {
        errors.push(message(&tr, "status", "error-choose-one"));
    }
    let record = json!({
        "type": "follow_up", "id": new_record_id(), "enrolment": enrolment,
        "date": date.map(|d| d.to_string()), "months": months, "status": form.status,
    });
    let back = back_to(form.back.as_deref(), "follow-up");
    let written = if errors.is_empty() {
        write(&state, &caller, &tr, record, &enrolment, &programme).await?
    } else {
        errors
    };
    if written.is_empty() {
        return Ok(Redirect::to(&back).into_response());
    }
    let statuses = FollowUpStatus::ALL
        .iter()
        .map(|s| (s.as_str(), tr.code("follow_up", s.as_str())))
        .collect();
    let chrome = Chrome::new(&caller, Section::MyDay, &uri.to_string());
    let page = RecordFormPage {
        heading: tr.t("follow-up-form-heading"),
        action: uri.path().to_owned(),
        back: form.back.clone().unwrap_or_else(|| "/".into()),
        errors: written,
        contact: None,
        follow_up: Some((form, statuses)),
        chrome,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The enrolment's programme, when it exists and the caller may record on it.
pub(crate) async fn writable_enrolment(
    state: &AppState,
    caller: &SessionCaller,
    enrolment: &str,
) -> Result<String, PageError> {
    let found = enrolment_access(state.db.as_ref(), enrolment, caller.ctx.today()).await?;
    let Some((_, access)) = found else {
        return Err(PageError::NotFound);
    };
    let resource = Resource::Enrolment {
        organisation: &access.organisation,
        programme: &access.programme,
        caseworker: access.caseworker.as_deref(),
    };
    match can(&caller.actor, Action::WriteCase, &resource) {
        Decision::Allow => Ok(access.programme),
        _ if access.organisation != caller.actor.organisation => Err(PageError::NotFound),
        _ => Err(PageError::Forbidden("not your enrolment")),
    }
}

/// What became of a change posted from a page.
pub(crate) enum Saved {
    Written,
    /// Refused by the timeline rules or the form's checks: a message by each wrong field.
    Refused(Vec<FieldMessage>),
    /// Someone else changed the enrolment after the page showed it at the version the form
    /// carried; nothing was written. `version` is the enrolment's version now.
    Changed {
        version: i64,
    },
}

impl Saved {
    /// The messages to show by the form's fields: none when written. A change made meanwhile is
    /// a message by the form as a whole (field `version`).
    pub(crate) fn messages(self, tr: &Tr) -> Vec<FieldMessage> {
        match self {
            Saved::Written => Vec::new(),
            Saved::Refused(errors) => errors,
            Saved::Changed { .. } => vec![message(tr, "version", "error-enrolment-changed")],
        }
    }
}

/// Checks a record against the timeline rules and writes it with its audit row; the messages
/// for the fields it was refused on, or none when it was written.
pub(crate) async fn write(
    state: &AppState,
    caller: &SessionCaller,
    tr: &Tr,
    record: Value,
    enrolment: &str,
    programme: &str,
) -> Result<Vec<FieldMessage>, PageError> {
    let saved = write_with(
        state,
        caller,
        tr,
        (record, &[]),
        (enrolment, None),
        programme,
    )
    .await?;
    Ok(saved.messages(tr))
}

/// [`write`] from a form that showed the enrolment at `version` (`jobbro_store::versions`):
/// refused, with nothing written, when someone else has changed the enrolment since.
pub(crate) async fn write_at(
    state: &AppState,
    caller: &SessionCaller,
    tr: &Tr,
    record: Value,
    (enrolment, version): (&str, Option<i64>),
    programme: &str,
) -> Result<Saved, PageError> {
    write_with(
        state,
        caller,
        tr,
        (record, &[]),
        (enrolment, version),
        programme,
    )
    .await
}

/// [`write_at`], and for a contact the network people who took part, in the same transaction.
async fn write_with(
    state: &AppState,
    caller: &SessionCaller,
    tr: &Tr,
    (record, took_part): (Value, &[String]),
    (enrolment, version): (&str, Option<i64>),
    programme: &str,
) -> Result<Saved, PageError> {
    let record = match Record::from_json(&record) {
        Ok(r) => r,
        Err(RecordError { errors, .. }) => {
            return Ok(Saved::Refused(
                errors
                    .iter()
                    .map(|e| refused(tr, &e.field, &e.reason))
                    .collect(),
            ));
        }
    };
    let mut entry = caller
        .ctx
        .audit("create", "enrolment", enrolment, Some(programme));
    entry.purpose = Some(record.record_type().as_str().to_owned());
    let db = state.db.as_ref();
    let written = if took_part.is_empty() {
        let seen: Vec<(String, i64)> = version
            .map(|v| (enrolment.to_owned(), v))
            .into_iter()
            .collect();
        jobbro_store::write_records_at(db, vec![record], &caller.ctx, vec![entry], &seen).await
    } else {
        jobbro_store::write_contact(db, record, took_part, &caller.ctx, vec![entry]).await
    };
    match written {
        Ok(_) => Ok(Saved::Written),
        Err(StoreError::EnrolmentChanged { version, .. }) => Ok(Saved::Changed { version }),
        Err(e) => Ok(Saved::Refused(
            refusal(e)?
                .iter()
                .map(|e| refused(tr, &e.field, &e.reason))
                .collect(),
        )),
    }
}

/// A date from a form: required, real, and not in the future.
pub(crate) fn check_date(
    tr: &Tr,
    text: &str,
    today: NaiveDate,
    errors: &mut Vec<FieldMessage>,
) -> Option<NaiveDate> {
    match parse_date(text.trim()) {
        Ok(d) if d > today => {
            errors.push(message(tr, "date", "error-date-in-future"));
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(message(tr, "date", "error-date"));
            None
        }
    }
}

pub(crate) fn message(tr: &Tr, field: &str, key: &str) -> FieldMessage {
    FieldMessage {
        field: field.to_owned(),
        message: tr.t(key),
    }
}

/// A refusal by the timeline rules: the rule's reason is kept (it names the conflict exactly),
/// introduced in the user's language.
fn refused(tr: &Tr, field: &str, reason: &str) -> FieldMessage {
    FieldMessage {
        field: field.to_owned(),
        message: format!("{} ({reason})", tr.t("error-refused-by-rules")),
    }
}

pub(crate) fn optional(record: &mut Map<String, Value>, field: &str, value: &str) {
    if !value.trim().is_empty() {
        record.insert(field.to_owned(), json!(value.trim()));
    }
}

/// Where to go after a form was saved: the page it came from, told what was done.
pub(crate) fn back_to(back: Option<&str>, done: &str) -> String {
    let path = back.and_then(local_path).unwrap_or("/");
    let (base, _) = path.split_once('?').unwrap_or((path, ""));
    format!("{base}?done={done}")
}
