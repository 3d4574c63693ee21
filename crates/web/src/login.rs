//! Logging in and out with a browser: `GET /login` (the form; to someone logged in, who they are),
//! `POST /login`, `POST /logout`, and `GET /me` (who the session belongs to, as JSON). The form
//! is a template (`login.html`) in the language of the request; it works without script.
//!
//! Every refused login gets the same answer, whatever the reason (unknown account, wrong password,
//! disabled user, too many failures), so the page is no oracle; only the audit log and the
//! operator's log say why. Logins and logouts are audited. Never log or audit a password, a
//! cookie value or a CSRF token, and never echo what was typed in the form.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::http::header::{HeaderMap, HeaderValue, LOCATION, SET_COOKIE};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jobbro_store::Context;
use jobbro_store::access::AccessStore;
use jobbro_store::sessions::{
    LoginAttempt, LoginOutcome, Refusal, SessionStore, address_key, end_session, log_in,
};
use serde::Deserialize;
use serde_json::json;

use crate::i18n::{Lang, current_lang, lang_cookie};
use crate::pages::Chrome;
use crate::session::{
    Client, PageError, SessionCaller, clear_session_cookie, is_cross_site, session_cookie,
    set_session_cookie,
};
use crate::{AppState, RequestId};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(submit_login))
        .route("/logout", post(logout))
        .route("/me", get(me))
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    refused: bool,
    sso: bool,
}

fn login_form(state: &AppState, lang: Lang, refused: bool) -> LoginPage {
    LoginPage {
        chrome: Chrome::public(lang),
        refused,
        sso: state.config.sso,
    }
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The login form, in the language asked for (`?lang=`, which is then remembered in a cookie),
/// else the remembered one, else the browser's. Someone already logged in is told who they are.
async fn login_page(
    State(state): State<AppState>,
    caller: Result<SessionCaller, PageError>,
    client: Client,
    Query(q): Query<LangQuery>,
) -> Result<Response, PageError> {
    match caller {
        Ok(caller) => Ok(crate::pages::logged_in(&caller)),
        Err(PageError::NotLoggedIn) => {
            let chosen = q.lang.as_deref().and_then(Lang::parse);
            let lang = chosen.unwrap_or_else(current_lang);
            let page = login_form(&state, lang, false);
            match chosen {
                Some(lang) => {
                    let cookie = HeaderValue::from_str(&lang_cookie(lang, client.https))?;
                    Ok(([(SET_COOKIE, cookie)], page).into_response())
                }
                None => Ok(page.into_response()),
            }
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// Checks the form and, on success, starts a new session (ending the browser's old one) and
/// sends the browser to `/`. Cross-site posts are refused before anything is checked.
async fn submit_login(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    uri: Uri,
    request_id: Option<axum::Extension<RequestId>>,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    if is_cross_site(&headers, &uri, &state.config) {
        return Err(PageError::Forbidden("a login from another site is refused"));
    }
    let now = (state.now)();
    let db = state.db.as_ref();
    let attempt = LoginAttempt {
        account: &form.name,
        password: &form.password,
        address: client.address,
        user_agent: client.user_agent.as_deref(),
    };
    let outcome = log_in(db, &attempt, now).await?;
    let request_id = request_id.map(|r| r.0.0);
    match outcome {
        LoginOutcome::LoggedIn { user, session } => {
            // A new session id at every login; whatever session the browser had is over.
            if let Some(old) = session_cookie(&headers) {
                end_session(db, old).await?;
            }
            let mut ctx = Context::new(&user.id, &user.organisation, now);
            ctx.request_id = request_id;
            db.append_audit(&[ctx.audit("login", "user", &user.id, None)])
                .await?;
            let cookie = set_session_cookie(&session.cookie, client.https)?;
            let lang = user.language.as_deref().and_then(Lang::parse);
            let mut response = (
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, HeaderValue::from_static("/")),
                    (SET_COOKIE, cookie),
                ],
            )
                .into_response();
            if let Some(lang) = lang {
                response.headers_mut().append(
                    SET_COOKIE,
                    HeaderValue::from_str(&lang_cookie(lang, client.https))?,
                );
            }
            Ok(response)
        }
        LoginOutcome::Refused { why, user } => {
            match (&user, why) {
                (Some(user), _) => {
                    let mut ctx = Context::new("anonymous", &user.organisation, now);
                    ctx.request_id = request_id;
                    let mut entry = ctx.audit("login_failed", "user", &user.id, None);
                    entry.purpose = Some(why.as_str().to_owned());
                    db.append_audit(&[entry]).await?;
                }
                (None, Refusal::Throttled) => tracing::warn!(
                    address = %address_key(client.address),
                    "login refused unchecked: too many recent failures from this address"
                ),
                (None, _) => tracing::info!(
                    address = %address_key(client.address),
                    "login failed: {}",
                    why.as_str()
                ),
            }
            Ok(login_form(&state, current_lang(), true).into_response())
        }
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: Option<String>,
}

/// Ends the session and clears the cookie, then sends the browser to the login page. Needs the
/// session's CSRF token; without a session there is nothing to end.
async fn logout(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    uri: Uri,
    caller: Result<SessionCaller, PageError>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let to_login = |client: &Client| {
        (
            StatusCode::SEE_OTHER,
            [(LOCATION, HeaderValue::from_static("/login"))],
            [clear_session_cookie(client.https)],
        )
            .into_response()
    };
    let caller = match caller {
        Ok(caller) => caller,
        Err(PageError::NotLoggedIn) => return Ok(to_login(&client)),
        Err(e) => return Err(e),
    };
    if is_cross_site(&headers, &uri, &state.config) || !caller.csrf_matches(form.csrf.as_deref()) {
        return Err(PageError::Forbidden(
            "this form has expired or came from another site; reload the page and try again",
        ));
    }
    let db = state.db.as_ref();
    db.delete_session(caller.id_hash()).await?;
    db.append_audit(&[caller.ctx.audit("logout", "user", &caller.actor.id, None)])
        .await?;
    Ok(to_login(&client))
}

/// Who the session belongs to: `{id, name, role, organisation, programmes}`; 401 without one.
async fn me(caller: Result<SessionCaller, PageError>) -> Response {
    match caller {
        Ok(c) => Json(json!({
            "id": c.actor.id,
            "name": c.name,
            "role": c.actor.role,
            "organisation": c.actor.organisation,
            "programmes": c.actor.programmes,
        }))
        .into_response(),
        Err(PageError::NotLoggedIn) => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "not logged in: log in at /login"})),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
