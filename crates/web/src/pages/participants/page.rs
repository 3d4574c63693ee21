//! The participant page (`GET /participants/{person}`): the profile with the national id masked,
//! each enrolment the caller may read with its status and caseworker today, the whole timeline
//! newest first (filtered by record type with `?type=`), and the quick actions. Nothing is shown
//! before the read's audit row is committed (`jobbro_store::participant::read_participant`).
//!
//! `POST /participants/{person}/national-id` shows the full number once, after the policy allows
//! it and the audit row (with the purpose given) is written; it is never in a URL, never cached.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::enums::{FollowUpStatus, RecordType};
use jobbro_domain::records::Event;
use jobbro_store::participant::{
    Named, Participant, ParticipantEnrolment, ParticipantRead, caseworkers_with_ids,
    companies_with_ids, read_participant,
};
use jobbro_store::people::{person_access, reveal_national_id};
use jobbro_store::{Database, StoreError};
use serde::Deserialize;

use super::forms::{Choices, EnrolmentForm, StartForm};
use super::timeline::{Names, TimelineRow, rows};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::{ContactChoices, FieldMessage, contact_choices};
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

#[derive(Deserialize)]
pub struct PageQuery {
    done: Option<String>,
    #[serde(rename = "type")]
    only: Option<String>,
}

/// An activity that can still be extended or ended.
#[derive(Debug, Clone)]
pub struct ActivityLine {
    pub id: String,
    pub label: String,
    /// The planned end as a form value (`YYYY-MM-DD`), or empty.
    pub planned_end: String,
}

/// One enrolment as the page shows it.
#[derive(Debug, Clone)]
pub struct EnrolmentBlock {
    pub id: String,
    pub programme: String,
    pub status: String,
    pub status_code: &'static str,
    pub situation: Option<String>,
    pub caseworker: String,
    pub since: String,
    pub may_write: bool,
    pub activities: Vec<ActivityLine>,
    /// The version the page shows; the forms that change the enrolment carry it.
    pub version: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "participants_page.html")]
pub struct ParticipantPage {
    pub chrome: Chrome,
    pub heading: String,
    pub notice: Option<String>,
    pub person: String,
    pub masked_id: Option<String>,
    pub may_show_id: bool,
    pub profile: Vec<(String, String)>,
    pub enrolments: Vec<EnrolmentBlock>,
    /// The profile for matching of each enrolment shown (`profiles_section.html`).
    pub matching: Vec<crate::pages::profiles::view::ProfileSection>,
    pub timeline: Vec<TimelineRow>,
    pub types: Vec<(&'static str, String)>,
    pub only: String,
    pub today: String,
    pub back: String,
    pub contact: ContactChoices,
    pub follow_up_statuses: Vec<(&'static str, String)>,
    pub no_errors: Vec<FieldMessage>,
    pub choices: Choices,
    pub start: StartForm,
    pub left: EnrolmentForm,
    pub assign: EnrolmentForm,
    /// "People around the participant" (`pages::network`).
    pub network: crate::pages::network::Around,
}

/// The policy's answer for `action` on the person, from all their enrolments in the actor's
/// organisation; `None` when they have none there (answered as unknown, so nothing leaks).
pub(crate) async fn person_decision(
    db: &Database,
    actor: &Actor,
    person: &str,
    today: chrono::NaiveDate,
    action: Action,
) -> Result<Option<Decision>, StoreError> {
    let enrolments = match person_access(db, person, today).await {
        Err(StoreError::UnknownPerson(_)) => return Ok(None),
        other => other?,
    };
    let org = actor.organisation.as_str();
    let mine: Vec<(&str, Option<&str>)> = enrolments
        .iter()
        .filter(|e| e.organisation == org)
        .map(|e| (e.programme.as_str(), e.caseworker.as_deref()))
        .collect();
    if mine.is_empty() {
        return Ok(None);
    }
    let resource = Resource::Person {
        organisation: org,
        enrolments: &mine,
    };
    Ok(Some(can(actor, action, &resource)))
}

/// The names of the programmes, companies and caseworkers the participant's enrolments
/// mention, and no others.
async fn names_mentioned(db: &Database, participant: &Participant) -> Result<Names, StoreError> {
    let mut programmes = Vec::new();
    let mut companies = Vec::new();
    let mut caseworkers = Vec::new();
    let add = |list: &mut Vec<String>, id: Option<&String>| {
        if let Some(id) = id
            && !list.contains(id)
        {
            list.push(id.clone());
        }
    };
    for e in &participant.enrolments {
        add(&mut programmes, Some(&e.programme));
        add(&mut caseworkers, e.caseworker.as_ref());
        for entry in &e.events {
            match &entry.record {
                Event::ActivityStarted(a) => add(&mut companies, a.company.as_ref()),
                Event::Referred(r) => add(&mut caseworkers, r.caseworker.as_ref()),
                Event::Assigned(a) => add(&mut caseworkers, Some(&a.caseworker)),
                Event::Contact(c) => add(&mut caseworkers, c.caseworker.as_ref()),
                _ => {}
            }
        }
    }
    let pairs = |named: Vec<Named>| named.into_iter().map(|n| (n.id, n.name)).collect();
    Ok(Names {
        programmes: jobbro_store::programmes_with_ids(db, &programmes)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
        companies: pairs(companies_with_ids(db, &companies).await?),
        caseworkers: pairs(caseworkers_with_ids(db, &caseworkers).await?),
    })
}

/// `GET /participants/{person}`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(person): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let db = state.db.as_ref();
    let today = caller.ctx.today();
    let show = person_decision(db, &caller.actor, &person, today, Action::ShowNationalId).await?;
    let participant = match read_participant(db, &person, &caller.actor, &caller.ctx).await? {
        ParticipantRead::Unknown => return Err(PageError::NotFound),
        ParticipantRead::Refused => return Err(PageError::Forbidden("not your participant")),
        ParticipantRead::Found(p) => *p,
    };
    let path = format!("/participants/{person}");
    let chrome = Chrome::new(&caller, Section::Participants, &path);
    let tr = chrome.tr.clone();
    let names = names_mentioned(db, &participant).await?;
    let only = q
        .only
        .as_deref()
        .and_then(RecordType::parse)
        .map(RecordType::as_str);
    let today_text = today.to_string();
    let enrolments: Vec<EnrolmentBlock> = participant
        .enrolments
        .iter()
        .map(|e| block(&tr, &caller, e, &names))
        .collect();
    let shown: Vec<(String, String, bool)> = enrolments
        .iter()
        .map(|b| (b.id.clone(), b.programme.clone(), b.may_write))
        .collect();
    let matching = crate::pages::profiles::sections(db, &caller.ctx, &tr, &shown).await?;
    let network =
        crate::pages::network::around(&state, &caller, &person, &participant.enrolments, &|p| {
            names.programme(p).to_owned()
        })
        .await?;
    let page = ParticipantPage {
        network,
        heading: full_name(
            &tr,
            participant.person.given_name.as_deref(),
            participant.person.family_name.as_deref(),
        ),
        notice: q.done.as_deref().and_then(|d| notice(&tr, d)),
        masked_id: participant.national_id_masked.clone(),
        may_show_id: show.is_some_and(Decision::allowed),
        profile: profile(&tr, &participant),
        enrolments,
        matching,
        timeline: rows(&tr, &participant, &names, only),
        types: RecordType::ALL
            .iter()
            .filter(|t| !t.is_entity())
            .map(|t| (t.as_str(), tr.code("record", t.as_str())))
            .collect(),
        only: only.unwrap_or_default().to_owned(),
        back: path.clone(),
        contact: contact_choices(&tr),
        follow_up_statuses: FollowUpStatus::ALL
            .iter()
            .map(|s| (s.as_str(), tr.code("follow_up", s.as_str())))
            .collect(),
        no_errors: Vec::new(),
        // The pickers ask the server for matches as the user types (`choices.rs`): a page
        // never carries the national registers of companies and caseworkers.
        choices: Choices::new(&tr, &[], &[]),
        start: StartForm {
            date: today_text.clone(),
            kind: "internship".into(),
            ..StartForm::default()
        },
        left: EnrolmentForm {
            date: today_text.clone(),
            ..EnrolmentForm::default()
        },
        assign: EnrolmentForm {
            date: today_text.clone(),
            ..EnrolmentForm::default()
        },
        today: today_text,
        person,
        chrome,
    };
    Ok(page.into_response())
}

/// A person's name as the pages show it; "(no name)" when the record has none.
pub fn full_name(tr: &Tr, given: Option<&str>, family: Option<&str>) -> String {
    let parts: Vec<&str> = [given, family].into_iter().flatten().collect();
    if parts.is_empty() {
        tr.t("no-name")
    } else {
        parts.join(" ")
    }
}

fn profile(tr: &Tr, p: &Participant) -> Vec<(String, String)> {
    let person = &p.person;
    let mut out = Vec::new();
    let mut add = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push((tr.t(key), v));
        }
    };
    add("participant-national-id", p.national_id_masked.clone());
    add(
        "participant-gender",
        person.gender.map(|g| tr.code("gender", g.as_str())),
    );
    add(
        "participant-born",
        person
            .birth_date
            .map(|d| tr.date(d))
            .or(person.birth_year.map(|y| y.to_string())),
    );
    add(
        "participant-origin",
        person
            .origin_country
            .as_ref()
            .map(|c| tr.name_or_code("country-name", c.as_str())),
    );
    add(
        "participant-languages",
        Some(
            person
                .languages
                .iter()
                .map(|l| tr.name_or_code("language-name", l.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    add(
        "participant-danish",
        person
            .danish_level
            .map(|l| tr.code("danish_level", l.as_str())),
    );
    add(
        "participant-education-level",
        person.education_level.map(|l| l.to_string()),
    );
    add(
        "participant-benefit",
        person.benefit.map(|b| {
            let name = tr.code("benefit", b.as_str());
            match person.benefit_since {
                Some(d) => tr.t_with(
                    "participant-since",
                    &[
                        ("what", Arg::from(name.as_str())),
                        ("date", Arg::from(tr.date(d).as_str())),
                    ],
                ),
                None => name,
            }
        }),
    );
    add("participant-phone", person.phone.clone());
    add("participant-email", person.email.clone());
    out
}

fn block(
    tr: &Tr,
    caller: &SessionCaller,
    e: &ParticipantEnrolment,
    names: &Names,
) -> EnrolmentBlock {
    let actor = &caller.actor;
    let resource = Resource::Enrolment {
        organisation: &actor.organisation,
        programme: &e.programme,
        caseworker: e.caseworker.as_deref(),
    };
    let since = match (e.status.left, e.status.accepted) {
        (Some(left), _) => tr.t_with(
            "participant-left-on",
            &[("date", Arg::from(tr.date(left).as_str()))],
        ),
        (None, Some(accepted)) => tr.t_with(
            "participant-accepted-on",
            &[("date", Arg::from(tr.date(accepted).as_str()))],
        ),
        (None, None) => String::new(),
    };
    EnrolmentBlock {
        version: e.version,
        id: e.id.clone(),
        programme: names.programme(&e.programme).to_owned(),
        status: tr.code("status", e.status.status),
        status_code: e.status.status,
        situation: e.status.situation.map(|s| tr.code("situation", s.as_str())),
        caseworker: e
            .caseworker
            .as_deref()
            .map_or_else(|| "–".to_owned(), |c| names.caseworker(c).to_owned()),
        since,
        may_write: can(actor, Action::WriteCase, &resource) == Decision::Allow,
        activities: e
            .open_activities
            .iter()
            .map(|a| {
                let mut label = format!(
                    "{} ({})",
                    tr.code("activity", a.kind.as_str()),
                    tr.date(a.start)
                );
                if let Some(c) = &a.company {
                    label = format!("{label} · {}", names.company(c));
                }
                ActivityLine {
                    id: a.id.clone(),
                    label,
                    planned_end: a.planned_end.map(|d| d.to_string()).unwrap_or_default(),
                }
            })
            .collect(),
    }
}

fn notice(tr: &Tr, done: &str) -> Option<String> {
    let key = match done {
        "contact" => "notice-contact-logged",
        "follow-up" => "notice-follow-up-recorded",
        "activity-started" => "participant-notice-activity-started",
        "activity-extended" => "participant-notice-activity-extended",
        "activity-ended" => "participant-notice-activity-ended",
        "left" => "participant-notice-left",
        "assigned" => "participant-notice-assigned",
        "profile" => "profile-notice-saved",
        "need" => "network-notice-need",
        "linked" => "network-notice-linked",
        "meeting" => "network-notice-meeting",
        "booked" => "network-notice-booked",
        _ => return None,
    };
    Some(tr.t(key))
}

#[derive(Deserialize)]
pub struct ShowForm {
    csrf: Option<String>,
    #[serde(default)]
    purpose: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "participants_national_id.html")]
pub struct NationalIdPage {
    pub chrome: Chrome,
    pub person: String,
    pub national_id: Option<String>,
    pub error: Option<String>,
}

/// `POST /participants/{person}/national-id`: the full number, once, audited with its purpose.
pub async fn show_national_id(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(person): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ShowForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let db = state.db.as_ref();
    let today = caller.ctx.today();
    match person_decision(db, &caller.actor, &person, today, Action::ShowNationalId).await? {
        None => return Err(PageError::NotFound),
        Some(d) if !d.allowed() => {
            return Err(PageError::Forbidden("not every enrolment is yours"));
        }
        Some(_) => {}
    }
    let chrome = Chrome::new(
        &caller,
        Section::Participants,
        &format!("/participants/{person}"),
    );
    let purpose = form.purpose.trim();
    let mut page = NationalIdPage {
        person: person.clone(),
        national_id: None,
        error: None,
        chrome,
    };
    if purpose.chars().count() < 3 {
        page.error = Some(page.chrome.tr.t("participant-error-purpose"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    page.national_id = reveal_national_id(db, &person, purpose, &caller.ctx).await?;
    Ok(([(CACHE_CONTROL, "no-store")], page).into_response())
}
