//! The frame around every page (`templates/base.html`): who is logged in, the navigation their
//! role has use for, the language picker and the logout button. Also `POST /language`, which
//! keeps the user's choice of language.

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::http::header::{HeaderValue, SET_COOKIE};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::access::{Action, Resource, Role, can};
use jobbro_store::access::AccessStore;
use serde::Deserialize;

use crate::i18n::{Lang, Tr, lang_cookie};
use crate::pages::forms::{check_form, local_path};
use crate::session::{Client, PageError, SessionCaller};
use crate::{AppState, CSRF_FIELD};

/// The part of the app a page belongs to, marked in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    MyDay,
    Participants,
    Programmes,
    Companies,
    Openings,
    /// The network register: mentors, bridge builders, contacts, interpreters.
    Network,
    /// Pages about the user themselves (who is logged in).
    Account,
}

/// One link of the navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// What `base.html` needs from every page.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub tr: Tr,
    pub logged_in: bool,
    pub user_name: String,
    pub csrf: String,
    /// The page's own path, so the language picker can come back to it.
    pub path: String,
    pub nav: Vec<NavItem>,
    pub languages: [Lang; 3],
    /// Whether the user may refer someone into one of their programmes (the "refer" button).
    pub may_refer: bool,
}

impl Chrome {
    /// The frame of a page seen by a logged-in user.
    pub fn new(caller: &SessionCaller, section: Section, path: &str) -> Chrome {
        let tr = Tr::new(caller.lang);
        let role = caller.actor.role;
        let works_on_cases = matches!(role, Role::Caseworker | Role::Lead);
        let links = [
            (Section::MyDay, "/", "nav-my-day", works_on_cases),
            (
                Section::Participants,
                "/participants",
                "nav-participants",
                works_on_cases,
            ),
            (
                Section::Programmes,
                "/programmes",
                "nav-programmes",
                matches!(role, Role::Lead | Role::Analyst | Role::Admin),
            ),
            (
                Section::Companies,
                "/companies",
                "nav-companies",
                can(
                    &caller.actor,
                    Action::UseCompanies,
                    &Resource::Organisation {
                        organisation: &caller.actor.organisation,
                    },
                )
                .allowed(),
            ),
            (
                Section::Openings,
                "/openings",
                "nav-openings",
                crate::pages::openings::view::may_use_openings(&caller.actor),
            ),
            (
                Section::Network,
                "/network",
                "nav-network",
                crate::pages::network::may_use(&caller.actor),
            ),
        ];
        let nav = links
            .into_iter()
            .filter(|(_, _, _, shown)| *shown)
            .map(|(s, href, key, _)| NavItem {
                href,
                label: tr.t(key),
                current: s == section,
            })
            .collect();
        let may_refer = caller.actor.programmes.iter().any(|programme| {
            let resource = Resource::Programme {
                organisation: &caller.actor.organisation,
                programme,
            };
            can(&caller.actor, Action::Refer, &resource).allowed()
        });
        Chrome {
            tr,
            logged_in: true,
            may_refer,
            user_name: caller.name.clone(),
            csrf: caller.csrf_token().to_owned(),
            path: path.to_owned(),
            nav,
            languages: Lang::ALL,
        }
    }

    /// The frame of a page seen before logging in.
    pub fn public(lang: Lang) -> Chrome {
        Chrome {
            tr: Tr::new(lang),
            logged_in: false,
            user_name: String::new(),
            csrf: String::new(),
            path: "/".to_owned(),
            nav: Vec::new(),
            languages: Lang::ALL,
            may_refer: false,
        }
    }
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(rename = "csrf")]
    csrf: Option<String>,
    language: String,
    back: Option<String>,
}

/// `POST /language`: keeps the user's language and goes back to the page they were on.
pub async fn set_language(
    State(state): State<AppState>,
    caller: SessionCaller,
    client: Client,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Form(form): Form<LanguageForm>,
) -> Result<Response, PageError> {
    debug_assert_eq!(CSRF_FIELD, "csrf");
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let lang = Lang::parse(&form.language).ok_or(PageError::Forbidden("unknown language"))?;
    state
        .db
        .set_user_language(&caller.actor.id, lang.code())
        .await?;
    let back = form.back.as_deref().and_then(local_path).unwrap_or("/");
    let cookie = HeaderValue::from_str(&lang_cookie(lang, client.https))?;
    Ok(([(SET_COOKIE, cookie)], Redirect::to(back)).into_response())
}
