//! Browser sessions over HTTP (OWASP ASVS 5.0 V7): the `jobbro_session` cookie, the
//! [`SessionCaller`] extractor that turns a live session into an [`Actor`] and a [`Context`], the
//! CSRF check every state-changing form goes through, and what the server may believe about the
//! client (its address, whether it came over https), which depends on [`WebConfig`].
//!
//! The cookie is HttpOnly, SameSite=Strict, Path=/, and Secure whenever the server knows it is
//! reached over https. Never log a cookie value or a CSRF token, and never believe a forwarded
//! header unless the operator said a trusted proxy sets it.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{COOKIE, HOST, HeaderMap, HeaderValue, LOCATION, ORIGIN, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::{Actor, Role};
use jobbro_store::access::AccessStore;
use jobbro_store::sessions::{SessionStore, find_session};
use jobbro_store::{Context, StoreError};
use subtle::ConstantTimeEq;

use crate::{AppState, RequestId, WebConfig};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "jobbro_session";
/// The form field (and, for the API, the `x-csrf-token` header) carrying the session's CSRF token.
pub const CSRF_FIELD: &str = "csrf";

/// A person logged in with a browser session: who they are to the policy, and the context their
/// audit rows carry.
#[derive(Clone)]
pub struct SessionCaller {
    pub actor: Actor,
    pub ctx: Context,
    /// The user's display name.
    pub name: String,
    /// The language the user works in.
    pub lang: crate::i18n::Lang,
    csrf_token: String,
    id_hash: String,
}

impl std::fmt::Debug for SessionCaller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCaller")
            .field("actor", &self.actor)
            .field("ctx", &self.ctx)
            .finish_non_exhaustive()
    }
}

impl SessionCaller {
    /// The value to put in the hidden `csrf` field of every state-changing form of this session.
    pub fn csrf_token(&self) -> &str {
        &self.csrf_token
    }

    /// Whether a submitted CSRF value is this session's token (constant time). A form without
    /// one fails.
    pub fn csrf_matches(&self, submitted: Option<&str>) -> bool {
        submitted.is_some_and(|s| bool::from(s.as_bytes().ct_eq(self.csrf_token.as_bytes())))
    }

    /// The stored hash of this session's cookie (to end it).
    pub(crate) fn id_hash(&self) -> &str {
        &self.id_hash
    }
}

/// Why a page cannot be answered. Pages answer with HTML: a redirect to the login page when
/// nobody is logged in, a short page otherwise; internal detail stays in the log.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("not logged in")]
    NotLoggedIn,
    #[error("refused: {0}")]
    Forbidden(&'static str),
    #[error("not found")]
    NotFound,
    /// The database cannot be reached or written just now; nothing was saved.
    #[error("database unavailable: {0}")]
    Unavailable(StoreError),
    #[error("internal error: {0}")]
    Internal(#[from] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        if e.is_unavailable() {
            PageError::Unavailable(e)
        } else {
            PageError::Internal(Box::new(e))
        }
    }
}

impl From<axum::http::header::InvalidHeaderValue> for PageError {
    fn from(e: axum::http::header::InvalidHeaderValue) -> Self {
        PageError::Internal(Box::new(e))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let lang = crate::i18n::current_lang();
        match self {
            PageError::NotLoggedIn => {
                (StatusCode::SEE_OTHER, [(LOCATION, "/login")]).into_response()
            }
            PageError::Forbidden(why) => {
                tracing::info!(why, "page refused");
                crate::pages::message(StatusCode::FORBIDDEN, lang, "refused-title", "refused-body")
            }
            PageError::NotFound => crate::pages::message(
                StatusCode::NOT_FOUND,
                lang,
                "not-found-title",
                "not-found-body",
            ),
            PageError::Unavailable(e) => {
                tracing::warn!(error = %e, "page answered 503: database unavailable");
                crate::pages::unavailable(lang)
            }
            PageError::Internal(e) => {
                tracing::error!(error = %e, "page failed");
                crate::pages::internal_error(lang, &crate::auth::current_request_id())
            }
        }
    }
}

impl FromRequestParts<AppState> for SessionCaller {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        resolve(parts, state).await?.ok_or(PageError::NotLoggedIn)
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for SessionCaller {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(resolve(parts, state).await?)
    }
}

/// The caller of a live session named by the request's cookie, if any. A session of a user who
/// is disabled (or gone, or whose role is unknown) is ended on the spot.
pub(crate) async fn resolve(
    parts: &Parts,
    state: &AppState,
) -> Result<Option<SessionCaller>, StoreError> {
    let Some(cookie) = session_cookie(&parts.headers) else {
        return Ok(None);
    };
    let now = (state.now)();
    let db = state.db.as_ref();
    let Some(session) = find_session(db, cookie, now).await? else {
        return Ok(None);
    };
    let user = db.user(&session.user_id).await?;
    let Some((user, role)) = user
        .filter(|u| u.disabled_at.is_none())
        .and_then(|u| Role::parse(&u.role).map(|r| (u, r)))
    else {
        db.delete_session(&session.id_hash).await?;
        return Ok(None);
    };
    let actor = Actor {
        id: user.id.clone(),
        organisation: user.organisation.clone(),
        role,
        programmes: user.programmes.clone(),
        caseworker: user.caseworker.clone(),
    };
    let mut ctx = Context::new(&actor.id, &actor.organisation, now);
    ctx.request_id = parts.extensions.get::<RequestId>().map(|r| r.0.clone());
    // The user's own choice, else what the browser asks for.
    let lang = user
        .language
        .as_deref()
        .and_then(crate::i18n::Lang::parse)
        .unwrap_or_else(crate::i18n::current_lang);
    crate::i18n::set_current_lang(lang);
    Ok(Some(SessionCaller {
        actor,
        ctx,
        lang,
        name: user.name,
        csrf_token: session.csrf_token,
        id_hash: session.id_hash,
    }))
}

/// The session cookie's value, if the request carries a well-formed one.
pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `Set-Cookie` for a new session: the browser keeps it until it closes (the server ends it sooner).
pub(crate) fn set_session_cookie(value: &str, https: bool) -> Result<HeaderValue, PageError> {
    let secure = if https { "; Secure" } else { "" };
    Ok(HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/{secure}"
    ))?)
}

/// `Set-Cookie` that removes the session cookie.
pub(crate) fn clear_session_cookie(https: bool) -> (axum::http::HeaderName, HeaderValue) {
    let value = if https {
        "jobbro_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure"
    } else {
        "jobbro_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
    };
    (SET_COOKIE, HeaderValue::from_static(value))
}

/// What the server may believe about who sent a request.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    /// The client's address: the peer, or what a trusted proxy says in `X-Forwarded-For`.
    pub address: Option<IpAddr>,
    /// Whether the request reached the server over https (so cookies are marked Secure).
    pub https: bool,
    pub user_agent: Option<String>,
}

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Client {
            address: client_address(parts, &state.config),
            https: over_https(&parts.headers, &state.config),
            user_agent: header_text(&parts.headers, "user-agent").map(str::to_owned),
        })
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The last value of a header a proxy appends to (the one our proxy wrote).
fn last_forwarded<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(name)
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
}

fn client_address(parts: &Parts, config: &WebConfig) -> Option<IpAddr> {
    let forwarded = config
        .trusted_proxy
        .then(|| last_forwarded(&parts.headers, "x-forwarded-for"))
        .flatten()
        .and_then(|v| {
            v.parse::<IpAddr>()
                .ok()
                .or_else(|| v.parse::<SocketAddr>().ok().map(|s| s.ip()))
        });
    forwarded.or_else(|| {
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
    })
}

fn over_https(headers: &HeaderMap, config: &WebConfig) -> bool {
    config.secure_cookies
        || (config.trusted_proxy
            && last_forwarded(headers, "x-forwarded-proto")
                .is_some_and(|p| p.eq_ignore_ascii_case("https")))
}

/// Whether a state-changing request came from another site: a browser says so in
/// `Sec-Fetch-Site`, or names another origin in `Origin`. A request with neither header (an old
/// browser, a script) is not refused here; forms with a session also need the CSRF token.
pub(crate) fn is_cross_site(headers: &HeaderMap, uri: &Uri, config: &WebConfig) -> bool {
    // Browsers that send `Sec-Fetch-Site` (which page script cannot set) are judged by it alone:
    // under `Referrer-Policy: no-referrer` Chromium sends `Origin: null` even for the app's own
    // forms, so the origin would refuse them.
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(ORIGIN) else {
        return false;
    };
    let Some(origin_host) = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, host)| host)
    else {
        return true; // `Origin: null` and anything unreadable
    };
    let mut own_hosts =
        vec![header_text(headers, HOST.as_str()).or_else(|| uri.authority().map(|a| a.as_str()))];
    if config.trusted_proxy {
        own_hosts.push(last_forwarded(headers, "x-forwarded-host"));
    }
    !own_hosts
        .into_iter()
        .flatten()
        .any(|host| host.eq_ignore_ascii_case(origin_host))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_a_well_formed_session_cookie_is_read() {
        let good = "ab".repeat(32);
        let mut map = HeaderMap::new();
        map.insert(
            COOKIE,
            HeaderValue::from_str(&format!("theme=dark; {SESSION_COOKIE}={good}")).unwrap(),
        );
        assert_eq!(session_cookie(&map), Some(good.as_str()));
        let bad = headers(&[("cookie", "jobbro_session=../../etc; other=1")]);
        assert_eq!(session_cookie(&bad), None);
    }

    #[test]
    fn cross_site_posts_are_recognised() {
        let uri = Uri::from_static("/login");
        let config = WebConfig::default();
        let same = headers(&[
            ("host", "jobbro.example"),
            ("origin", "https://jobbro.example"),
        ]);
        assert!(!is_cross_site(&same, &uri, &config));
        let evil = headers(&[
            ("host", "jobbro.example"),
            ("origin", "https://evil.example"),
        ]);
        assert!(is_cross_site(&evil, &uri, &config));
        let null = headers(&[("host", "jobbro.example"), ("origin", "null")]);
        assert!(is_cross_site(&null, &uri, &config));
        let fetch = headers(&[("host", "jobbro.example"), ("sec-fetch-site", "cross-site")]);
        assert!(is_cross_site(&fetch, &uri, &config));
        let own_form = headers(&[
            ("host", "jobbro.example"),
            ("origin", "null"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(!is_cross_site(&own_form, &uri, &config));
        assert!(!is_cross_site(&headers(&[]), &uri, &config));
    }

    #[test]
    fn forwarded_headers_count_only_behind_a_trusted_proxy() {
        let map = headers(&[("x-forwarded-proto", "https")]);
        assert!(!over_https(&map, &WebConfig::default()));
        let behind_proxy = WebConfig {
            trusted_proxy: true,
            ..WebConfig::default()
        };
        assert!(over_https(&map, &behind_proxy));
    }
}
