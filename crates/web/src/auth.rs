//! Who is calling: the access layer every API route goes through. An API call carries
//! `Authorization: Bearer <token>`; the token is looked up by its hash, must be neither revoked
//! nor expired, and becomes an [`Actor`] with the token's role, organisation and programmes.
//! Without an `Authorization` header, a live browser session (`session`) is accepted instead,
//! as its user; a state-changing call on a session must then carry the session's CSRF token in
//! `x-csrf-token`. Handlers then ask the domain's policy (`jobbro_domain::access::can`) — never
//! decide alone.
//!
//! Never log a token. A missing or unknown token gets the same 401, so probing learns nothing.

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use jobbro_domain::access::{Actor, Role};
use jobbro_store::Context;
use jobbro_store::access::AccessStore;
use jobbro_store::users::resolve_token;
use rand::RngCore;

use crate::{ApiError, AppState};

/// The request's id: logged with errors and written to the audit log, returned as `x-request-id`.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

tokio::task_local! {
    /// The id of the request being answered, for answers made without the request at hand.
    static CURRENT_REQUEST_ID: String;
}

/// The id of the request being answered (empty outside a request).
pub fn current_request_id() -> String {
    CURRENT_REQUEST_ID
        .try_with(Clone::clone)
        .unwrap_or_default()
}

/// Gives every request an id (16 random hex digits) and returns it in `x-request-id`.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let id = hex::encode(bytes);
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = CURRENT_REQUEST_ID
        .scope(id.clone(), next.run(request))
        .await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// An authenticated caller of the API, with the context its audit rows carry.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub actor: Actor,
    pub ctx: Context,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if !parts.headers.contains_key(AUTHORIZATION) {
            return session_caller(parts, state).await;
        }
        let secret = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(ApiError::Unauthenticated)?;
        let now = (state.now)();
        let db = state.db.as_ref();
        let token = resolve_token(db, secret, now)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        let role = Role::parse(&token.role).ok_or(ApiError::Unauthenticated)?;
        let programmes = match &token.programme {
            Some(p) => vec![p.clone()],
            None => db.programmes_of(&token.organisation).await?,
        };
        let actor = Actor {
            id: format!("token:{}", token.id),
            organisation: token.organisation.clone(),
            role,
            programmes,
            caseworker: None,
        };
        let mut ctx = Context::new(&actor.id, &actor.organisation, now);
        ctx.request_id = parts.extensions.get::<RequestId>().map(|r| r.0.clone());
        Ok(ApiCaller { actor, ctx })
    }
}

/// The caller of a live browser session. A call that changes something needs the session's CSRF
/// token in `x-csrf-token` as well: the cookie alone would be sent by any page the browser shows.
async fn session_caller(parts: &Parts, state: &AppState) -> Result<ApiCaller, ApiError> {
    let caller = crate::session::resolve(parts, state)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if !parts.method.is_safe() {
        let submitted = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok());
        if !caller.csrf_matches(submitted) {
            return Err(ApiError::Forbidden);
        }
    }
    Ok(ApiCaller {
        actor: caller.actor,
        ctx: caller.ctx,
    })
}

/// Security headers on every answer (OWASP ASVS V3/V14): no framing, no sniffing, no referrer, a
/// CSP without inline script, and no caching of answers that may hold personal data.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = [
        (
            "content-security-policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("cross-origin-opener-policy", "same-origin"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // Only the vendored static files say they may be cached; everything else may hold personal data.
    if !headers.contains_key("cache-control") {
        headers.insert("cache-control", HeaderValue::from_static("no-store"));
    }
    response
}
