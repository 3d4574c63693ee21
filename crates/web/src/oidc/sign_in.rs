//! The two steps of a sign-in: [`start`] sends the browser to the provider with a fresh state,
//! nonce and PKCE challenge; [`finish`] takes it back, checks everything, maps the claim to a
//! jobbro user and starts their session.
//!
//! The state cookie is `HttpOnly`, `SameSite=Lax` (the provider's redirect back is a top-level
//! cross-site navigation, which `Strict` would strip), scoped to `/login/sso`, lives as long as a
//! sign-in may, and is cleared by every callback. A state is good for one callback only.
//!
//! A successful callback answers a small page that moves on to [`AFTER_LOGIN`] by a meta refresh,
//! not a 303: the session cookie is `SameSite=Strict`, and a browser does not send it on a
//! redirect that is still part of the provider's cross-site navigation, so a 303 would land on a
//! page that does not know the user yet. The refresh is a new navigation from jobbro's own page.
//!
//! Every refused callback is logged; only those that got past the state check (the callback
//! belongs to a sign-in this server started for this browser) write a `login_failed` audit row
//! (see [`Refusal::audited`]).
//!
//! Never put a code, a token, the state, the nonce or the verifier in a log line, an audit row or
//! an answer.

use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use jobbro_store::access::{AccessStore, UserRow};
use jobbro_store::sessions::{create_session, end_session};
use jobbro_store::{Context, DEFAULT_ORGANISATION};
use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;

use super::id_token::{self, Expected, TokenProblem};
use super::pending::{PENDING_TTL, Pending, Taken, pkce_challenge, random_value};
use super::refusal::Refusal;
use super::{AFTER_LOGIN, Oidc, STATE_COOKIE};
use crate::session::{Client, session_cookie, set_session_cookie};
use crate::{AppState, RequestId};

/// The audit purpose of single sign-on rows.
const PURPOSE: &str = "single sign-on";

/// `GET /login/sso`: a 303 to the provider's authorization endpoint, and the state cookie.
pub(crate) async fn start(
    State(app): State<AppState>,
    Extension(oidc): Extension<Arc<Oidc>>,
    client: Client,
) -> Response {
    let metadata = match oidc.provider.metadata().await {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on unavailable");
            let (status, text) = Refusal::Provider(e).answer();
            return (status, text).into_response();
        }
    };
    let config = oidc.provider.config();
    let (state, nonce, verifier) = (random_value(), random_value(), random_value());
    let mut url = metadata.authorization_endpoint.clone();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("scope", "openid")
        .append_pair("client_id", &config.client_id)
        .append_pair("redirect_uri", config.redirect_url.as_str())
        .append_pair("state", &state)
        .append_pair("nonce", &nonce)
        .append_pair("code_challenge", &pkce_challenge(&verifier))
        .append_pair("code_challenge_method", "S256");
    let cookie = state_cookie(&state, client.https || config.secure_cookies());
    let now = (app.now)();
    let pending = Pending {
        nonce,
        verifier,
        created_at: now,
    };
    oidc.pending.insert(state, pending, now);
    let mut response = StatusCode::SEE_OTHER.into_response();
    match (HeaderValue::from_str(url.as_str()), cookie) {
        (Ok(location), Some(cookie)) => {
            response.headers_mut().insert(LOCATION, location);
            response.headers_mut().insert(SET_COOKIE, cookie);
            response
        }
        _ => {
            tracing::error!("single sign-on: the authorization URL is not a valid header");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The query the provider sends the browser back with.
#[derive(Deserialize)]
pub(crate) struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /login/sso/callback`: on success the session cookie and a page that moves on to
/// [`AFTER_LOGIN`]; otherwise a short plain answer, a log line, and a `login_failed` audit row if
/// the state was valid. Either way the state cookie is cleared.
pub(crate) async fn finish(
    State(app): State<AppState>,
    Extension(oidc): Extension<Arc<Oidc>>,
    request_id: Option<Extension<RequestId>>,
    client: Client,
    headers: HeaderMap,
    query: Result<Query<CallbackQuery>, QueryRejection>,
) -> Response {
    let now = (app.now)();
    let request_id = request_id.map(|Extension(RequestId(id))| id);
    let https = client.https || oidc.provider.config().secure_cookies();
    let user = match query {
        Ok(Query(query)) => verified_user(&app, &oidc, &headers, &query, now).await,
        Err(_) => Err(Refusal::BadQuery),
    };
    let session = match user {
        Ok(user) => start_session(&app, &user, &client, &headers, https, now)
            .await
            .map(|cookie| (user, cookie)),
        Err(refusal) => Err(refusal),
    };
    let mut response = match session {
        Ok((user, cookie)) => {
            let mut ctx = Context::new(&user.id, &user.organisation, now);
            ctx.request_id.clone_from(&request_id);
            let mut entry = ctx.audit("login", "user", &user.id, None);
            entry.purpose = Some(PURPOSE.into());
            if let Err(e) = app.db.append_audit(&[entry]).await {
                // The session exists; refusing now would leave it behind. Log loudly instead.
                tracing::error!(error = %e, "single sign-on: the login audit row was not written");
            }
            let request_id = request_id.as_deref().unwrap_or("-");
            tracing::info!(request_id, "single sign-on succeeded");
            let mut response = signed_in_page().into_response();
            response.headers_mut().append(SET_COOKIE, cookie);
            response
        }
        Err(refusal) => {
            refusal.log(request_id.as_deref());
            if refusal.audited() {
                audit_refusal(&app, &refusal, now, request_id).await;
            }
            refusal.answer().into_response()
        }
    };
    if let Some(clear) = clear_state_cookie(https) {
        response.headers_mut().append(SET_COOKIE, clear);
    }
    response
}

/// A new server-side session for the user, as a password login starts one; its `Set-Cookie`.
/// Whatever session the browser had is over (its cookie arrives only when the provider is on
/// the same site as jobbro: the cookie is `SameSite=Strict`).
async fn start_session(
    app: &AppState,
    user: &UserRow,
    client: &Client,
    headers: &HeaderMap,
    https: bool,
    now: DateTime<Utc>,
) -> Result<HeaderValue, Refusal> {
    let db = app.db.as_ref();
    if let Some(old) = session_cookie(headers) {
        end_session(db, old).await?;
    }
    let session = create_session(db, &user.id, client.user_agent.as_deref(), now).await?;
    set_session_cookie(&session.cookie, https).map_err(|_| Refusal::Cookie)
}

/// What a signed-in browser is shown for the blink before the refresh (or if it is blocked).
fn signed_in_page() -> Response {
    crate::pages::signed_in(crate::i18n::current_lang(), AFTER_LOGIN)
}

/// Every check of the callback, in order; the user the id token names, if they may sign in.
/// The state checks come first: every refusal before `pending.take` succeeds is anonymous and
/// not audited ([`Refusal::audited`]); every later one is.
async fn verified_user(
    app: &AppState,
    oidc: &Oidc,
    headers: &HeaderMap,
    query: &CallbackQuery,
    now: DateTime<Utc>,
) -> Result<UserRow, Refusal> {
    let state = query.state.as_deref().ok_or(Refusal::NoState)?;
    let cookie = cookie_value(headers, STATE_COOKIE).ok_or(Refusal::NoStateCookie)?;
    if !bool::from(state.as_bytes().ct_eq(cookie.as_bytes())) {
        return Err(Refusal::StateMismatch);
    }
    let pending = match oidc.pending.take(state, now) {
        Taken::Fresh(p) => p,
        Taken::Unknown => return Err(Refusal::UnknownState),
        Taken::Expired => return Err(Refusal::ExpiredState),
    };
    if query.error.is_some() {
        return Err(Refusal::Declined);
    }
    let code = query.code.as_deref().ok_or(Refusal::NoCode)?;
    let token = oidc.provider.exchange_code(code, &pending.verifier).await?;
    let kid = id_token::signing_key_id(&token)?;
    let key = oidc
        .provider
        .signing_key(kid.as_deref(), now)
        .await?
        .ok_or(TokenProblem::UnknownKey)?;
    let config = oidc.provider.config();
    let expected = Expected {
        issuer: &config.issuer,
        client_id: &config.client_id,
        nonce: &pending.nonce,
        now,
    };
    let claims = id_token::verify(&token, &key, &expected)?;
    let user_id = claims
        .get(&config.user_claim)
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .ok_or(Refusal::NoUserClaim)?;
    match app.db.user(user_id).await? {
        None => Err(Refusal::UnknownUser(user_id.chars().take(100).collect())),
        Some(user) if user.disabled_at.is_some() => Err(Refusal::DisabledUser(Box::new(user))),
        Some(user) => Ok(user),
    }
}

/// Writes the `login_failed` row; a failure to write it is logged, the refusal stands.
async fn audit_refusal(
    app: &AppState,
    refusal: &Refusal,
    now: DateTime<Utc>,
    request_id: Option<String>,
) {
    let organisation = refusal.organisation().unwrap_or(DEFAULT_ORGANISATION);
    let mut ctx = Context::new("anonymous", organisation, now);
    ctx.request_id = request_id;
    let mut entry = ctx.audit("login_failed", "user", refusal.subject(), None);
    entry.purpose = Some(format!("{PURPOSE} refused: {}", refusal.code()));
    if let Err(e) = app.db.append_audit(&[entry]).await {
        tracing::error!(error = %e, "single sign-on: the login_failed audit row was not written");
    }
}

/// The value of a cookie in the request's `Cookie` headers.
fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

fn state_cookie(state: &str, secure: bool) -> Option<HeaderValue> {
    let max_age = PENDING_TTL.num_seconds();
    cookie(
        &format!("{STATE_COOKIE}={state}; Max-Age={max_age}"),
        secure,
    )
}

fn clear_state_cookie(secure: bool) -> Option<HeaderValue> {
    cookie(&format!("{STATE_COOKIE}=; Max-Age=0"), secure)
}

fn cookie(start: &str, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{start}; Path={}; HttpOnly; SameSite=Lax{secure}",
        super::START_PATH
    ))
    .ok()
}
