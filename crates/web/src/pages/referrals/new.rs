//! `GET /referrals/new` (the referral form, `?programme=` choosing one) and `POST /referrals`:
//! refer a new person — or, after the likely-duplicate warning, an existing one — into a
//! programme. A refused form comes back with a message by each wrong field (422); likely
//! duplicates come back as a warning (409) listing them, with the choice to refer one of them or
//! to create the new person anyway. Nothing is written until one of those is chosen.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::access::{Action, Resource, can};
use jobbro_domain::enums::{Benefit, DanishLevel, Gender};
use jobbro_domain::records::Programme;
use serde::Deserialize;

use super::form::ReferralForm;
use super::refer::{Outcome, refer, referable_programmes};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::companies::InputField;
use crate::pages::companies::view::segment;
use crate::pages::enrolment_actions::FieldMessage;
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// A labelled drop-down.
pub struct SelectField {
    pub name: &'static str,
    pub label: String,
    /// `(value, label, selected)`; the first is the empty choice unless `required`.
    pub options: Vec<(String, String, bool)>,
    pub required: bool,
    pub error: Option<String>,
}

impl SelectField {
    fn new(
        tr: &Tr,
        name: &'static str,
        label_key: &str,
        choices: Vec<(String, String)>,
        value: &str,
        errors: &[FieldMessage],
    ) -> SelectField {
        let mut options = vec![(String::new(), tr.t("referral-not-given"), value.is_empty())];
        options.extend(choices.into_iter().map(|(v, l)| {
            let selected = v == value;
            (v, l, selected)
        }));
        SelectField {
            name,
            label: tr.t(label_key),
            options,
            required: false,
            error: errors
                .iter()
                .find(|e| e.field == name)
                .map(|e| e.message.clone()),
        }
    }

    fn required(mut self) -> SelectField {
        self.required = true;
        self.options.retain(|(v, _, _)| !v.is_empty());
        self
    }
}

/// One field of the form, in the order shown.
pub enum Field {
    Input(InputField),
    Select(SelectField),
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals_new.html")]
pub struct NewPage {
    pub chrome: Chrome,
    pub person: Vec<Field>,
    pub referral: Vec<Field>,
    pub errors: Vec<FieldMessage>,
    pub notice: Option<String>,
}

/// One likely duplicate as the warning shows it.
pub struct CandidateRow {
    pub person: String,
    pub name: String,
    pub national_id: String,
    pub birth_date: String,
    pub programmes: String,
    pub reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals_duplicates.html")]
pub struct DuplicatesPage {
    pub chrome: Chrome,
    pub hidden: Vec<(&'static str, String)>,
    pub candidates: Vec<CandidateRow>,
}

#[derive(Deserialize)]
pub struct NewQuery {
    programme: Option<String>,
    done: Option<String>,
}

fn codes(tr: &Tr, list: &str, all: &[&'static str]) -> Vec<(String, String)> {
    all.iter()
        .map(|c| ((*c).to_owned(), tr.code(list, c)))
        .collect()
}

fn page(
    caller: &SessionCaller,
    programmes: &[Programme],
    caseworkers: Vec<(String, String)>,
    form: &ReferralForm,
    errors: Vec<FieldMessage>,
    notice: Option<String>,
) -> NewPage {
    let chrome = Chrome::new(caller, Section::Participants, "/referrals/new");
    let tr = &chrome.tr;
    let e = &errors;
    let input =
        |name, key, kind, value: &str| Field::Input(InputField::new(tr, name, key, kind, value, e));
    let gender = Gender::ALL.iter().map(|g| g.as_str()).collect::<Vec<_>>();
    let levels = DanishLevel::ALL
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>();
    let benefits = Benefit::ALL.iter().map(|g| g.as_str()).collect::<Vec<_>>();
    let isced = (0..=8)
        .map(|n| (n.to_string(), tr.t(&format!("referral-isced-{n}"))))
        .collect();
    let person = vec![
        Field::Input(
            InputField::new(
                tr,
                "given_name",
                "referral-given-name",
                "text",
                &form.given_name,
                e,
            )
            .required(),
        ),
        Field::Input(
            InputField::new(
                tr,
                "family_name",
                "referral-family-name",
                "text",
                &form.family_name,
                e,
            )
            .required(),
        ),
        Field::Input(
            InputField::new(
                tr,
                "national_id",
                "referral-national-id",
                "text",
                &form.national_id,
                e,
            )
            .hint(tr.t("referral-national-id-hint")),
        ),
        input(
            "birth_date",
            "referral-birth-date",
            "date",
            &form.birth_date,
        ),
        Field::Select(SelectField::new(
            tr,
            "gender",
            "referral-gender",
            codes(tr, "gender", &gender),
            &form.gender,
            e,
        )),
        input("phone", "company-contact-phone", "tel", &form.phone),
        input("email", "company-contact-email", "email", &form.email),
        Field::Input(
            InputField::new(
                tr,
                "origin_country",
                "referral-origin-country",
                "text",
                &form.origin_country,
                e,
            )
            .hint(tr.t("referral-origin-country-hint")),
        ),
        Field::Input(
            InputField::new(
                tr,
                "languages",
                "referral-languages",
                "text",
                &form.languages,
                e,
            )
            .hint(tr.t("referral-languages-hint")),
        ),
        Field::Select(SelectField::new(
            tr,
            "danish_level",
            "referral-danish-level",
            codes(tr, "danish_level", &levels),
            &form.danish_level,
            e,
        )),
        Field::Select(SelectField::new(
            tr,
            "education_level",
            "referral-education-level",
            isced,
            &form.education_level,
            e,
        )),
        Field::Select(SelectField::new(
            tr,
            "benefit",
            "referral-benefit",
            codes(tr, "benefit", &benefits),
            &form.benefit,
            e,
        )),
        input(
            "benefit_since",
            "referral-benefit-since",
            "date",
            &form.benefit_since,
        ),
    ];
    let programme_choices = programmes
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let referral = vec![
        Field::Select(
            SelectField::new(
                tr,
                "programme",
                "referral-programme",
                programme_choices,
                &form.programme,
                e,
            )
            .required(),
        ),
        Field::Input(
            InputField::new(tr, "date", "referral-date", "date", &form.date, e).required(),
        ),
        input("referrer", "referral-referrer", "text", &form.referrer),
        Field::Select(SelectField::new(
            tr,
            "caseworker",
            "referral-caseworker",
            caseworkers,
            &form.caseworker,
            e,
        )),
    ];
    NewPage {
        person,
        referral,
        errors,
        notice,
        chrome,
    }
}

async fn caseworker_choices(state: &AppState) -> Result<Vec<(String, String)>, PageError> {
    Ok(jobbro_store::participant::caseworkers(state.db.as_ref())
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

/// `GET /referrals/new`.
pub async fn new_form(
    State(state): State<AppState>,
    caller: SessionCaller,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let programmes = referable_programmes(&state, &caller.actor).await?;
    if programmes.is_empty() {
        return Err(PageError::Forbidden("no programme to refer into"));
    }
    let tr = Tr::new(caller.lang);
    let form = ReferralForm {
        programme: q
            .programme
            .filter(|p| programmes.iter().any(|x| x.id == *p))
            .unwrap_or_default(),
        date: caller.ctx.today().to_string(),
        caseworker: caller.actor.caseworker.clone().unwrap_or_default(),
        ..ReferralForm::default()
    };
    let notice = (q.done.as_deref() == Some("referred")).then(|| tr.t("referral-notice-referred"));
    let caseworkers = caseworker_choices(&state).await?;
    Ok(page(&caller, &programmes, caseworkers, &form, Vec::new(), notice).into_response())
}

/// `POST /referrals`.
pub async fn submit(
    State(state): State<AppState>,
    caller: SessionCaller,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ReferralForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let programmes = referable_programmes(&state, &caller.actor).await?;
    if programmes.is_empty() {
        return Err(PageError::Forbidden("no programme to refer into"));
    }
    let tr = Tr::new(caller.lang);
    match refer(&state, &caller.actor, &caller.ctx, &tr, &form).await? {
        Outcome::Referred {
            enrolment,
            programme,
            caseworker,
            ..
        } => {
            let resource = Resource::Enrolment {
                organisation: &caller.actor.organisation,
                programme: &programme,
                caseworker: caseworker.as_deref(),
            };
            // The confirmation page carries the intake form: only for whom may write it.
            let to = if can(&caller.actor, Action::WriteCase, &resource).allowed() {
                format!("/referrals/{}", segment(&enrolment))
            } else {
                "/referrals/new?done=referred".to_owned()
            };
            Ok(Redirect::to(&to).into_response())
        }
        Outcome::Refused(errors) => {
            let caseworkers = caseworker_choices(&state).await?;
            let page = page(&caller, &programmes, caseworkers, &form, errors, None);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Outcome::Duplicates(candidates) => {
            let chrome = Chrome::new(&caller, Section::Participants, "/referrals/new");
            let tr = &chrome.tr;
            let name_of = |id: &str| {
                programmes
                    .iter()
                    .find(|p| p.id == id)
                    .map_or_else(|| id.to_owned(), |p| p.name.clone())
            };
            let candidates = candidates
                .into_iter()
                .map(|c| CandidateRow {
                    name: [c.given_name.as_deref(), c.family_name.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                    national_id: c.national_id_masked.unwrap_or_else(|| "–".into()),
                    birth_date: tr.date_or_dash(c.birth_date),
                    programmes: c
                        .programmes
                        .iter()
                        .map(|p| name_of(p))
                        .collect::<Vec<_>>()
                        .join(", "),
                    reason: tr.t(&format!(
                        "referral-duplicate-{}",
                        c.reason.replace('_', "-")
                    )),
                    person: c.person,
                })
                .collect::<Vec<CandidateRow>>();
            let page = DuplicatesPage {
                hidden: form
                    .pairs()
                    .into_iter()
                    .map(|(k, v)| (k, v.to_owned()))
                    .collect(),
                candidates,
                chrome,
            };
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}
