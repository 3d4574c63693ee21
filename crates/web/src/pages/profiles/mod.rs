//! The participant's profile for matching (ISSUE 6, item 3): its section on the participant
//! page ([`view::sections`]) and its form, `GET /enrolments/{enrolment}/profile` and
//! `POST /enrolments/{enrolment}/profile` — wished occupations, experience, education, Danish,
//! hours, driving licence and area.
//!
//! Who may edit is who may record on the enrolment (`Action::WriteCase`: a caseworker their own
//! enrolments, a lead their programmes'). The form carries the version it was filled from; a save
//! from a stale form is refused with a message, and what someone else saved stands. A profile is
//! personal data: its reads and its save are audited (in the store's transaction), and what the
//! form carried is never logged.

mod form;
pub(crate) mod view;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use jobbro_domain::enums::DanishLevel;
use jobbro_domain::profile::{EducationField, ISCED_LEVELS, Profile};
use jobbro_store::access::AccessStore;
use jobbro_store::profiles::{Expected, Saved, read_profile, save_profile};

pub(crate) use form::ProfileForm;
pub(crate) use view::sections;

use crate::AppState;
use crate::i18n::Tr;
use crate::pages::catalogue::PageRoute;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::enrolment_actions::{FieldMessage, writable_enrolment};
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[
    (
        "/enrolments/{enrolment}/profile",
        "get",
        "The form of the enrolment's profile for matching, filled with the saved one (audited)",
        &[
            ("200", "An HTML page"),
            ("403", "Not the caller's enrolment"),
            ("404", "No such enrolment"),
        ],
    ),
    (
        "/enrolments/{enrolment}/profile",
        "post",
        "Save the profile for matching (form: csrf, version, wished[0..], experience[i].occupation|years|country, education.level, education.field, danish_level, hours_available, driving_licence=yes, area)",
        &[
            (
                "303",
                "Saved: back to the participant page, with ?done=profile",
            ),
            ("403", "Not the caller's enrolment, or a wrong csrf field"),
            ("404", "No such enrolment"),
            (
                "409",
                "Someone saved the profile since the form was filled: the form again with a message; nothing written",
            ),
            (
                "422",
                "Refused: the form again, with a message by each wrong field",
            ),
        ],
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new().route("/enrolments/{enrolment}/profile", get(edit).post(save))
}

/// One input of the form: its name, what it holds, and the message by it.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub value: String,
    pub error: Option<String>,
}

impl Input {
    fn new(name: String, value: &str, errors: &[FieldMessage]) -> Input {
        let error = errors
            .iter()
            .filter(|e| e.field == name)
            .map(|e| e.message.clone())
            .reduce(|a, b| format!("{a} {b}"));
        Input {
            name,
            value: value.to_owned(),
            error,
        }
    }
}

/// One experience row of the form.
#[derive(Debug, Clone)]
pub struct ExperienceInputs {
    pub row: usize,
    pub occupation: Input,
    pub years: Input,
    pub country: Input,
}

#[derive(Template, WebTemplate)]
#[template(path = "profiles_edit.html")]
pub struct EditPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub back: String,
    pub version: String,
    pub errors: Vec<FieldMessage>,
    /// Someone saved since this form was filled.
    pub conflict: bool,
    pub wished: Vec<Input>,
    pub experience: Vec<ExperienceInputs>,
    pub level: Input,
    pub field: Input,
    pub danish_level: Input,
    pub hours: Input,
    pub area: Input,
    pub licence: bool,
    pub levels: Vec<(String, String)>,
    pub fields: Vec<(&'static str, String)>,
    pub danish_levels: Vec<(&'static str, String)>,
    pub occupations: Vec<(String, String)>,
}

/// Where the enrolment's participant page is.
async fn participant_page(state: &AppState, enrolment: &str) -> Result<String, PageError> {
    let person = state
        .db
        .enrolment_person(enrolment)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok(format!("/participants/{person}"))
}

async fn render(
    state: &AppState,
    caller: &SessionCaller,
    enrolment: &str,
    programme: &str,
    f: &ProfileForm,
    errors: Vec<FieldMessage>,
    conflict: bool,
) -> Result<EditPage, PageError> {
    let back = participant_page(state, enrolment).await?;
    let chrome = Chrome::new(caller, Section::Participants, &back);
    let tr = chrome.tr.clone();
    let programme_name = jobbro_store::programme(state.db.as_ref(), programme)
        .await?
        .map_or_else(|| programme.to_owned(), |p| p.name);
    let e = &errors;
    Ok(EditPage {
        heading: format!("{} · {programme_name}", tr.t("profile-heading")),
        action: format!("/enrolments/{enrolment}/profile"),
        back,
        version: f.version.clone(),
        conflict,
        wished: f
            .wished
            .iter()
            .enumerate()
            .map(|(i, w)| Input::new(format!("wished[{i}]"), w, e))
            .collect(),
        experience: f
            .experience
            .iter()
            .enumerate()
            .map(|(i, r)| ExperienceInputs {
                row: i + 1,
                occupation: Input::new(format!("experience[{i}].occupation"), &r.occupation, e),
                years: Input::new(format!("experience[{i}].years"), &r.years, e),
                country: Input::new(format!("experience[{i}].country"), &r.country, e),
            })
            .collect(),
        level: Input::new("education.level".into(), &f.level, e),
        field: Input::new("education.field".into(), &f.field, e),
        danish_level: Input::new("danish_level".into(), &f.danish_level, e),
        hours: Input::new("hours_available".into(), &f.hours, e),
        area: Input::new("area".into(), &f.area, e),
        licence: f.licence,
        levels: ISCED_LEVELS
            .map(|l| (l.to_string(), view::level_name(&tr, l)))
            .collect(),
        fields: EducationField::ALL
            .iter()
            .map(|c| (c.as_str(), tr.code("education_field", c.as_str())))
            .collect(),
        danish_levels: DanishLevel::ALL
            .iter()
            .map(|c| (c.as_str(), tr.code("danish_level", c.as_str())))
            .collect(),
        occupations: tr.occupation_choices(),
        errors,
        chrome,
    })
}

/// `GET /enrolments/{enrolment}/profile`: the form, filled with the saved profile.
pub async fn edit(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
) -> Result<Response, PageError> {
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let saved = read_profile(state.db.as_ref(), &enrolment, "edit form", &caller.ctx).await?;
    let form = match &saved {
        Some(s) => ProfileForm::of(&s.profile, Some(s.version)),
        None => ProfileForm::of(&Profile::default(), None),
    };
    let page = render(
        &state,
        &caller,
        &enrolment,
        &programme,
        &form,
        Vec::new(),
        false,
    )
    .await?;
    Ok(page.into_response())
}

/// `POST /enrolments/{enrolment}/profile`: saves the profile if it is right and nobody saved
/// since the form was filled; else the form again, as typed.
pub async fn save(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = ProfileForm::from_pairs(pairs);
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programme = writable_enrolment(&state, &caller, &enrolment).await?;
    let tr = Tr::new(caller.lang);
    let profile = match form.check(&tr) {
        Ok(p) => p,
        Err(errors) => {
            let page = render(
                &state, &caller, &enrolment, &programme, &form, errors, false,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let expected = Expected::from_version(form.version());
    match save_profile(
        state.db.as_ref(),
        &enrolment,
        &profile,
        expected,
        &caller.ctx,
    )
    .await?
    {
        Saved::Saved { .. } => {
            let back = participant_page(&state, &enrolment).await?;
            Ok(Redirect::to(&format!("{back}?done=profile")).into_response())
        }
        Saved::Stale { .. } => {
            let page = render(
                &state,
                &caller,
                &enrolment,
                &programme,
                &form,
                Vec::new(),
                true,
            )
            .await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Saved::NoEnrolment => Err(PageError::NotFound),
    }
}
