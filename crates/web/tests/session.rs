//! Logging in with a browser, as the browser sees it: the cookie's flags, `/me`, the same answer
//! for every refused login, a new session at every login, the idle and absolute timeouts, logout
//! with its CSRF token, disabled users, throttling per (account, address), cross-site logins, the
//! API reached with a session — and no password in any log line or audit row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::cell::Cell;
use std::io::Cursor;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, TimeZone, Utc};
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::sessions::disable_user;
use jobbro_store::users::{NewUser, add_user};
use jobbro_store::{Context, Database, testing};
use jobbro_web::WebConfig;

#[path = "support/http.rs"]
mod http;

use http::{HOME, csrf_of, form, get, login, post, post_json};

const PASSWORD: &str = "correct horse battery staple";
const ATTACKER: &str = "203.0.113.66:40000";

const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2021-06-01"}
{"type": "programme", "id": "ung", "name": "Ung", "start": "2021-06-01"}
"#;

thread_local! {
    // Each test runs on its own thread with a current-thread runtime, so each has its own clock.
    static NOW: Cell<DateTime<Utc>> = Cell::new(start());
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 17, 8, 0, 0).unwrap()
}

fn clock() -> DateTime<Utc> {
    NOW.with(Cell::get)
}

fn advance(by: Duration) {
    NOW.with(|now| now.set(now.get() + by));
}

/// A database with the two programmes and the lead `lea` (of `kib`), and the app over it, its
/// clock at [`start`].
async fn setup(config: WebConfig) -> (testing::TestDb, Database, Router) {
    NOW.with(|now| now.set(start()));
    let t = testing::fresh().await;
    let db = t.connect().await;
    let ctx = Context::new("test", "default", start());
    jobbro_store::import_timeline(&db, Cursor::new(TIMELINE.as_bytes().to_vec()), &ctx)
        .await
        .unwrap();
    add_user(&db, lea(), start()).await.unwrap();
    let app = jobbro_web::app_with_config(db.clone(), config, clock);
    (t, db, app)
}

fn lea() -> NewUser {
    NewUser {
        id: "lea".into(),
        organisation: "default".into(),
        name: "Lea <Lead>".into(),
        email: None,
        role: Role::Lead,
        caseworker: None,
        programmes: vec!["kib".into()],
        password: Some(PASSWORD.into()),
    }
}

/// Logs `lea` in from home and returns the session cookie.
async fn logged_in(app: &Router) -> String {
    let answer = login(app, "lea", PASSWORD, HOME).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    answer.session_cookie().expect("a session cookie")
}

async fn me(app: &Router, cookie: &str) -> StatusCode {
    get("/me").cookie(cookie).send(app).await.status
}

#[tokio::test]
async fn logging_in_sets_a_strict_http_only_cookie_and_me_answers() {
    let (_t, _db, app) = setup(WebConfig::default()).await;
    let before = get("/me").send(&app).await;
    assert_eq!(before.status, StatusCode::UNAUTHORIZED);
    let form_page = get("/login").send(&app).await;
    assert!(form_page.body.contains("name=\"password\""));
    let answer = login(&app, "lea", PASSWORD, HOME).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location(), Some("/"));
    let cookie = answer.set_cookie().unwrap();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http on localhost: {cookie}"
    );
    let value = answer.session_cookie().unwrap();
    let who = get("/me").cookie(&value).send(&app).await;
    assert_eq!(who.status, StatusCode::OK);
    assert_eq!(
        who.json(),
        serde_json::json!({"id": "lea", "name": "Lea <Lead>", "role": "lead",
                           "organisation": "default", "programmes": ["kib"]})
    );
    let page = get("/login").cookie(&value).send(&app).await;
    // The name is shown, escaped (askama writes `<` as `&lt;` or `&#60;`).
    assert!(
        (page.body.contains("Lea &lt;Lead&gt;") || page.body.contains("Lea &#60;Lead&#62;"))
            && !page.body.contains("<Lead>"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_wrong_password_gets_the_same_answer_as_an_unknown_user() {
    let (_t, db, app) = setup(WebConfig::default()).await;
    let wrong = login(&app, "lea", "not the password at all", HOME).await;
    let unknown = login(&app, "nobody", "not the password at all", HOME).await;
    let old = NewUser {
        id: "old".into(),
        ..lea()
    };
    add_user(&db, old, start()).await.unwrap();
    disable_user(&db, "old", start()).await.unwrap();
    let disabled_user = login(&app, "old", PASSWORD, HOME).await;
    for refused in [&wrong, &unknown, &disabled_user] {
        assert_eq!(refused.status, wrong.status);
        assert_eq!(refused.body, wrong.body);
        assert_eq!(refused.set_cookie(), None);
    }
    assert!(wrong.body.contains("name=\"password\""), "the form again");
    let rows = db.audit_rows().await.unwrap();
    let failed: Vec<_> = rows.iter().filter(|r| r.action == "login_failed").collect();
    assert_eq!(failed.len(), 2, "{rows:?}");
    assert_eq!(
        (failed[0].subject_type.as_str(), failed[0].subject.as_str()),
        ("user", "lea")
    );
    assert_eq!(failed[0].purpose.as_deref(), Some("wrong password"));
    assert_eq!(failed[1].subject, "old");
    assert!(!rows.iter().any(|r| r.subject == "nobody"));
}

#[tokio::test]
async fn every_login_gets_a_new_session_and_ends_the_old_one() {
    let (_t, db, app) = setup(WebConfig::default()).await;
    let first = logged_in(&app).await;
    let again = post("/login", &form("lea", PASSWORD))
        .cookie(&first)
        .send(&app)
        .await;
    let second = again.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(me(&app, &first).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, &second).await, StatusCode::OK);
    let logins = db.audit_rows().await.unwrap();
    assert_eq!(logins.iter().filter(|r| r.action == "login").count(), 2);
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let (_t, _db, app) = setup(WebConfig::default()).await;
    let cookie = logged_in(&app).await;
    advance(Duration::minutes(29));
    assert_eq!(me(&app, &cookie).await, StatusCode::OK);
    advance(Duration::minutes(29));
    assert_eq!(
        me(&app, &cookie).await,
        StatusCode::OK,
        "used 29 minutes ago"
    );
    advance(Duration::minutes(30));
    assert_eq!(me(&app, &cookie).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_however_busy() {
    let (_t, _db, app) = setup(WebConfig::default()).await;
    let cookie = logged_in(&app).await;
    for _ in 0..(12 * 4 - 1) {
        advance(Duration::minutes(15));
        assert_eq!(me(&app, &cookie).await, StatusCode::OK, "at {}", clock());
    }
    advance(Duration::minutes(15));
    assert_eq!(me(&app, &cookie).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logout_needs_the_csrf_token_and_ends_the_session() {
    let (_t, db, app) = setup(WebConfig::default()).await;
    let cookie = logged_in(&app).await;
    for body in ["", "csrf=", "csrf=0000"] {
        let refused = post("/logout", body).cookie(&cookie).send(&app).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{body:?}");
        assert_eq!(me(&app, &cookie).await, StatusCode::OK, "still logged in");
    }
    let csrf = csrf_of(&app, &cookie).await;
    let body = format!("csrf={csrf}");
    let out = post("/logout", &body).cookie(&cookie).send(&app).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), Some("/login"));
    assert!(out.set_cookie().unwrap().contains("Max-Age=0"));
    assert_eq!(me(&app, &cookie).await, StatusCode::UNAUTHORIZED);
    let rows = db.audit_rows().await.unwrap();
    let logout = rows.iter().find(|r| r.action == "logout").unwrap();
    assert_eq!(
        (logout.actor.as_str(), logout.subject.as_str()),
        ("lea", "lea")
    );
    // Without a session there is nothing to end: back to the login page.
    let again = post("/logout", &body).cookie(&cookie).send(&app).await;
    assert_eq!(again.location(), Some("/login"));
}

#[tokio::test]
async fn disabling_a_user_ends_all_their_sessions_at_once() {
    let (_t, db, app) = setup(WebConfig::default()).await;
    let laptop = logged_in(&app).await;
    let phone = logged_in(&app).await;
    assert!(disable_user(&db, "lea", clock()).await.unwrap());
    assert_eq!(me(&app, &laptop).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, &phone).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&app, "lea", PASSWORD, HOME).await.session_cookie(),
        None
    );
    // Even a user disabled behind the store's back loses a session at its next request.
    db.set_user_disabled("lea", None).await.unwrap();
    let cookie = logged_in(&app).await;
    db.set_user_disabled("lea", Some("2024-06-17T08:00:00.000000Z"))
        .await
        .unwrap();
    assert_eq!(me(&app, &cookie).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn five_failures_lock_only_that_account_from_that_address() {
    let (_t, _db, app) = setup(WebConfig::default()).await;
    let mut wrong = None;
    for _ in 0..5 {
        wrong = Some(login(&app, "lea", "guessing wrongly", ATTACKER).await);
    }
    let wrong = wrong.unwrap();
    let locked = login(&app, "lea", PASSWORD, ATTACKER).await;
    assert_eq!((locked.status, &locked.body), (wrong.status, &wrong.body));
    assert_eq!(
        locked.session_cookie(),
        None,
        "refused, though the password is right"
    );
    // The real user at home logs in as usual.
    let home = login(&app, "lea", PASSWORD, HOME).await;
    assert!(home.session_cookie().is_some());
    advance(Duration::minutes(16));
    assert!(
        login(&app, "lea", PASSWORD, ATTACKER)
            .await
            .session_cookie()
            .is_some()
    );
}

#[tokio::test]
async fn a_login_posted_from_another_site_is_refused() {
    let (_t, _db, app) = setup(WebConfig::default()).await;
    let body = form("lea", PASSWORD);
    for headers in [
        [("origin", "https://evil.example")],
        [("origin", "null")],
        [("sec-fetch-site", "cross-site")],
    ] {
        let answer = post("/login", &body).headers(&headers).send(&app).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(answer.set_cookie(), None);
    }
    let same = [
        ("origin", "http://jobbro.example"),
        ("sec-fetch-site", "same-origin"),
    ];
    let answer = post("/login", &body).headers(&same).send(&app).await;
    assert!(answer.session_cookie().is_some());
}

#[tokio::test]
async fn the_cookie_is_secure_over_https_and_forwarded_headers_need_a_trusted_proxy() {
    let https = [("x-forwarded-proto", "https")];
    let body = form("lea", PASSWORD);
    let (_t, _db, direct) = setup(WebConfig::default()).await;
    let answer = post("/login", &body).headers(&https).send(&direct).await;
    assert!(
        !answer.set_cookie().unwrap().contains("Secure"),
        "not believed"
    );
    let (_t2, _db2, tls) = setup(WebConfig {
        secure_cookies: true,
        ..WebConfig::default()
    })
    .await;
    let answer = login(&tls, "lea", PASSWORD, HOME).await;
    assert!(answer.set_cookie().unwrap().ends_with("; Secure"));
    let proxied = WebConfig {
        trusted_proxy: true,
        ..WebConfig::default()
    };
    let (_t3, _db3, proxy) = setup(proxied).await;
    let answer = post("/login", &body).headers(&https).send(&proxy).await;
    assert!(answer.set_cookie().unwrap().contains("Secure"));
    // Behind the proxy, failures count against the address it forwards, not the proxy's own.
    let proxy = &proxy;
    let via = |ip: &'static str, body: String| async move {
        let from = [("x-forwarded-for", ip)];
        post("/login", &body).headers(&from).send(proxy).await
    };
    for _ in 0..5 {
        via("198.51.100.7", form("lea", "guessing wrongly")).await;
    }
    assert_eq!(
        via("198.51.100.7", body.clone()).await.session_cookie(),
        None
    );
    assert!(via("198.51.100.8", body).await.session_cookie().is_some());
}

#[tokio::test]
async fn the_api_accepts_a_session_in_place_of_a_token() {
    let (_t, _db, app) = setup(WebConfig::default()).await;
    let none = get("/api/v1/programmes").send(&app).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    let cookie = logged_in(&app).await;
    let list = get("/api/v1/programmes").cookie(&cookie).send(&app).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()[0]["id"], "kib", "a lead of kib sees kib");
    assert_eq!(list.json().as_array().unwrap().len(), 1, "and only kib");
    // A state-changing call on a session also needs the session's CSRF token.
    let csrf = csrf_of(&app, &cookie).await;
    let wrong = "0".repeat(64);
    for (token, want) in [(None, 403), (Some(wrong.as_str()), 403), (Some(&csrf), 200)] {
        let header: Vec<_> = token.map(|t| ("x-csrf-token", t)).into_iter().collect();
        let search = post_json(
            "/api/v1/programmes/kib/people/search",
            r#"{"name": "fatima"}"#,
        )
        .cookie(&cookie)
        .headers(&header)
        .send(&app)
        .await;
        assert_eq!(search.status.as_u16(), want, "{token:?}");
    }
    // A bad bearer token is not rescued by a good cookie.
    let both = [("authorization", "Bearer jobbro_not_a_token")];
    let answer = get("/api/v1/programmes")
        .cookie(&cookie)
        .headers(&both)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_password_never_appears_in_the_log_or_the_audit_log() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let (_t, db, app) = setup(WebConfig::default()).await;
    let typo = "correct horse battery stapel";
    for _ in 0..6 {
        login(&app, "lea", typo, ATTACKER).await;
    }
    login(&app, typo, typo, HOME).await; // a password typed into the name field
    let cookie = logged_in(&app).await;
    let csrf = csrf_of(&app, &cookie).await;
    post("/logout", &format!("csrf={csrf}"))
        .cookie(&cookie)
        .send(&app)
        .await;
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("login refused unchecked"),
        "the log was captured: {log}"
    );
    let audit = serde_json::to_string(&db.audit_rows().await.unwrap()).unwrap();
    assert!(audit.contains("login_failed") && audit.contains("logout"));
    for secret in [PASSWORD, typo, &cookie, &csrf] {
        assert!(!log.contains(secret), "a secret in the log");
        assert!(!audit.contains(secret), "a secret in the audit log");
    }
}
