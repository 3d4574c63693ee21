//! Logging in and out with a browser: `GET /login` (the form, or who is logged in with a logout
//! button), `POST /login`, `POST /logout`, and `GET /me` (who the session belongs to, as JSON).
//! Plain server-rendered HTML without script; every interpolated value is escaped.
//!
//! Every refused login gets the same answer, whatever the reason (unknown account, wrong password,
//! disabled user, too many failures), so the page is no oracle; only the audit log and the
//! operator's log say why. Logins and logouts are audited. Never log or audit a password, a
//! cookie value or a CSRF token, and never echo what was typed in the form.

use axum::extract::{Form, State};
use axum::http::header::{HeaderMap, LOCATION, SET_COOKIE};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jobbro_store::Context;
use jobbro_store::access::AccessStore;
use jobbro_store::sessions::{
    LoginAttempt, LoginOutcome, Refusal, SessionStore, address_key, end_session, log_in,
};
use serde::Deserialize;
use serde_json::json;

use crate::session::{
    CSRF_FIELD, Client, PageError, SessionCaller, clear_session_cookie, is_cross_site,
    session_cookie, set_session_cookie,
};
use crate::{AppState, RequestId};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(submit_login))
        .route("/logout", post(logout))
        .route("/me", get(me))
}

/// What every refused login is told.
const REFUSED: &str = "The user id or password is wrong, or you have tried too many times. \
                       Wait a few minutes and try again.";

/// Text made safe to put in HTML, inside elements and in quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A whole page around `body` (already HTML). The title is escaped here.
pub(crate) fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · jobbro</title></head>\n<body><main>\n{body}\n</main></body></html>\n",
        escape(title)
    ))
}

fn login_form(message: Option<&str>) -> Html<String> {
    let message = message
        .map(|m| format!("<p role=\"alert\">{}</p>\n", escape(m)))
        .unwrap_or_default();
    page(
        "Log in",
        &format!(
            "<h1>Log in to jobbro</h1>\n{message}\
             <form method=\"post\" action=\"/login\">\n\
             <p><label>User id <input name=\"name\" autocomplete=\"username\" required></label></p>\n\
             <p><label>Password <input type=\"password\" name=\"password\" \
             autocomplete=\"current-password\" required></label></p>\n\
             <p><button type=\"submit\">Log in</button></p>\n</form>"
        ),
    )
}

fn logged_in_page(caller: &SessionCaller) -> Html<String> {
    page(
        "Logged in",
        &format!(
            "<h1>jobbro</h1>\n<p>You are logged in as {} ({}).</p>\n\
             <form method=\"post\" action=\"/logout\">\
             <input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{}\">\
             <button type=\"submit\">Log out</button></form>",
            escape(&caller.name),
            escape(&caller.actor.id),
            escape(caller.csrf_token()),
        ),
    )
}

/// The login form; to someone already logged in, who they are and a logout button.
async fn login_page(caller: Result<SessionCaller, PageError>) -> Result<Html<String>, PageError> {
    match caller {
        Ok(caller) => Ok(logged_in_page(&caller)),
        Err(PageError::NotLoggedIn) => Ok(login_form(None)),
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
            Ok((
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, axum::http::HeaderValue::from_static("/")),
                    (SET_COOKIE, cookie),
                ],
            )
                .into_response())
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
            Ok(login_form(Some(REFUSED)).into_response())
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
            [(LOCATION, axum::http::HeaderValue::from_static("/login"))],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolated_text_cannot_open_a_tag_or_leave_an_attribute() {
        assert_eq!(
            escape("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        let html = page("<b>", "").0;
        assert!(html.contains("&lt;b&gt; · jobbro") && !html.contains("<b>"));
    }
}
