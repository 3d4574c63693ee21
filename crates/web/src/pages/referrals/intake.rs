//! After a referral: its confirmation page (`GET /referrals/{enrolment}`) — who was referred,
//! where, the status today — with the intake form, and the intake decision itself (`POST
//! /enrolments/{enrolment}/intake`: date, accepted / waitlisted / declined, reason), which the
//! participant page can post to as well. The decision is a timeline record on the enrolment, so
//! it needs `WriteCase` there; the page is a read of the person and is audited first.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::enums::Decision as IntakeDecision;
use jobbro_domain::records::{Event, Person};
use jobbro_domain::status::Status;
use jobbro_domain::timeline::EnrolmentTimeline;
use jobbro_store::access::AccessStore;
use jobbro_store::people::enrolment_access;
use jobbro_store::person_data::{PersonDataStore, PersonDataTx};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::companies::view::segment;
use crate::pages::enrolment_actions::{
    FieldMessage, Saved, back_to, check_date, message, writable_enrolment, write_at,
};
use crate::pages::forms::{check_form, new_record_id};
use crate::session::{PageError, SessionCaller};

/// The intake form (and the API's request).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IntakeForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    /// The enrolment's version the page showed (`jobbro_store::versions`); empty if none.
    #[serde(default)]
    pub version: String,
    pub back: Option<String>,
}

/// The `intake` record the form describes, or a message by each wrong field.
pub(crate) fn intake_record(
    tr: &Tr,
    enrolment: &str,
    form: &IntakeForm,
    today: NaiveDate,
) -> Result<Value, Vec<FieldMessage>> {
    let mut errors = Vec::new();
    let date = check_date(tr, &form.date, today, &mut errors);
    if IntakeDecision::parse(&form.decision).is_none() {
        errors.push(message(tr, "decision", "error-choose-one"));
    }
    if form.reason.chars().count() > 4000 {
        errors.push(message(tr, "reason", "error-note-too-long"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut record = json!({
        "type": "intake", "id": new_record_id(), "enrolment": enrolment,
        "date": date.map(|d| d.to_string()), "decision": form.decision,
    });
    if let Some(obj) = record.as_object_mut()
        && !form.reason.trim().is_empty()
    {
        obj.insert("reason".into(), json!(form.reason.trim()));
    }
    Ok(record)
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals_done.html")]
pub struct DonePage {
    pub chrome: Chrome,
    pub heading: String,
    pub programme: String,
    pub referred: String,
    pub status: String,
    /// The status's code (`waiting`, `declined`, `active`, `ended`), for tests and styling.
    pub status_code: &'static str,
    pub intakes: Vec<String>,
    pub person_href: String,
    pub notice: Option<String>,
    pub action: String,
    pub back: String,
    pub form: IntakeForm,
    pub decisions: Vec<(&'static str, String)>,
    pub errors: Vec<FieldMessage>,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// `GET /referrals/{enrolment}`.
pub async fn done(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let tr = Tr::new(caller.lang);
    let notice = match q.done.as_deref() {
        Some("intake") => Some(tr.t("referral-notice-intake")),
        _ => None,
    };
    let form = IntakeForm {
        date: caller.ctx.today().to_string(),
        decision: "accepted".into(),
        ..IntakeForm::default()
    };
    render(&state, &caller, &enrolment, form, Vec::new(), notice).await
}

async fn render(
    state: &AppState,
    caller: &SessionCaller,
    enrolment: &str,
    mut form: IntakeForm,
    errors: Vec<FieldMessage>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let today = caller.ctx.today();
    let found = enrolment_access(state.db.as_ref(), enrolment, today).await?;
    let Some((person, access)) = found else {
        return Err(PageError::NotFound);
    };
    let resource = Resource::Enrolment {
        organisation: &access.organisation,
        programme: &access.programme,
        caseworker: access.caseworker.as_deref(),
    };
    match can(&caller.actor, Action::ReadCase, &resource) {
        Decision::Allow => {}
        _ if access.organisation != caller.actor.organisation => return Err(PageError::NotFound),
        _ => return Err(PageError::Forbidden("not your enrolment")),
    }
    let mut entry = caller
        .ctx
        .audit("read", "enrolment", enrolment, Some(&access.programme));
    entry.purpose = Some("referral and intake".into());
    // Recorded before anything is shown: no audit row, no page.
    state.db.append_audit(&[entry]).await?;
    let name = match state.db.person_row(&person).await? {
        Some((body, _)) => serde_json::from_str::<Person>(&body)
            .ok()
            .map(|p| {
                [p.given_name, p.family_name]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let (timeline, version) = timeline_of(state, &person, enrolment).await?;
    if form.version.is_empty() {
        form.version = version.to_string();
    }
    let programme = jobbro_store::programme(state.db.as_ref(), &access.programme).await?;
    let rules = programme
        .as_ref()
        .map(|p| p.rules.effective())
        .unwrap_or_default();
    let chrome = Chrome::new(
        caller,
        Section::Participants,
        &format!("/referrals/{}", segment(enrolment)),
    );
    let tr = &chrome.tr;
    let status_code = match timeline.as_ref().and_then(|t| t.status_on(today, &rules)) {
        Some(Status::Waiting) | None => "waiting",
        Some(Status::Declined) => "declined",
        Some(Status::Active { .. }) => "active",
        Some(Status::Ended { .. }) => "ended",
    };
    let status = tr.code("status", status_code);
    let page = DonePage {
        heading: tr.t_with("referral-done-heading", &[("name", name.into())]),
        programme: programme.map_or_else(|| access.programme.clone(), |p| p.name),
        referred: timeline
            .as_ref()
            .map_or_else(String::new, |t| tr.date(t.referred)),
        status,
        status_code,
        intakes: timeline
            .as_ref()
            .map(|t| {
                t.intakes
                    .iter()
                    .map(|(d, decision)| {
                        format!(
                            "{} · {}",
                            tr.date(*d),
                            tr.code("decision", decision.as_str())
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        person_href: format!("/participants/{}", segment(&person)),
        notice,
        action: format!("/enrolments/{}/intake", segment(enrolment)),
        back: format!("/referrals/{}", segment(enrolment)),
        decisions: IntakeDecision::ALL
            .iter()
            .map(|d| (d.as_str(), tr.code("decision", d.as_str())))
            .collect(),
        form,
        errors: errors.clone(),
        chrome,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else if errors.iter().any(|e| e.field == "version") {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page).into_response())
}

/// The enrolment's timeline (voids applied) and its version.
async fn timeline_of(
    state: &AppState,
    person: &str,
    enrolment: &str,
) -> Result<(Option<EnrolmentTimeline>, i64), PageError> {
    let mut tx = state.db.begin_person_read().await?;
    let events = tx.person_events(person).await?;
    tx.rollback().await?;
    let events: Vec<(i64, Event)> = events
        .into_iter()
        .filter(|e| e.enrolment == enrolment)
        .filter_map(|e| Some((e.seq, Event::from_stored_json(&e.body).ok()?)))
        .collect();
    let version = jobbro_store::versions::enrolment_version(
        events
            .iter()
            .map(|(seq, e)| (*seq, e.record_type().as_str())),
    );
    let timeline = EnrolmentTimeline::from_events(events.into_iter().map(|(_, e)| e).collect());
    Ok((timeline, version))
}

/// `POST /enrolments/{enrolment}/intake`.
pub async fn record_intake(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<IntakeForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let tr = Tr::new(caller.lang);
    let mut form = form;
    let errors = match intake_record(&tr, &enrolment, &form, caller.ctx.today()) {
        Ok(record) => {
            let seen = form.version.trim().parse().ok();
            let saved = write_at(&state, &caller, &tr, record, (&enrolment, seen), &programme);
            let saved = saved.await?;
            if let Saved::Changed { .. } = saved {
                // Shown again with the enrolment as it is now, at its version now.
                form.version.clear();
            }
            saved.messages(&tr)
        }
        Err(errors) => errors,
    };
    if errors.is_empty() {
        let fallback = format!("/referrals/{}", segment(&enrolment));
        let back = back_to(Some(form.back.as_deref().unwrap_or(&fallback)), "intake");
        return Ok(Redirect::to(&back).into_response());
    }
    render(&state, &caller, &enrolment, form, errors, None).await
}
