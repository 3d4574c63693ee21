//! The browser side of the single sign-on tests: jobbro's routes with a fresh database and a
//! test provider ([`Sso`]), a browser that follows the flow step by step, what it is answered,
//! and a capture of everything the tests log. Test code only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::audit::AuditRow;
use jobbro_store::sessions::end_sessions_of;
use jobbro_store::users::{NewUser, add_user};
use jobbro_store::{Database, testing};
use jobbro_web::oidc::{self, OidcConfig};
use jobbro_web::{AppState, WebConfig};
use tower::ServiceExt;

use crate::provider::{CLIENT_ID, CLIENT_SECRET, Misbehaviour, TestProvider};

pub const CALLBACK: &str = "http://jobbro.test/login/sso/callback";

/// A browser's answer.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn location(&self) -> &str {
        self.headers["location"].to_str().unwrap()
    }

    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }
}

pub struct Sso {
    _t: testing::TestDb,
    pub db: Arc<Database>,
    pub provider: TestProvider,
    routes: Router<AppState>,
    pub app: Router,
}

impl Sso {
    pub async fn start(misbehaviour: Misbehaviour) -> Sso {
        log();
        let t = testing::fresh().await;
        let db = Arc::new(t.connect().await);
        for (id, disabled) in [("lead1", false), ("gone1", true)] {
            let new = NewUser {
                id: id.into(),
                organisation: "default".into(),
                name: "Test user".into(),
                email: None,
                role: Role::Lead,
                caseworker: None,
                programmes: vec![],
                password: None,
            };
            add_user(db.as_ref(), new, Utc::now()).await.unwrap();
            if disabled {
                db.set_user_disabled(id, Some("2024-01-01T00:00:00.000000Z"))
                    .await
                    .unwrap();
            }
        }
        let provider = TestProvider::start(misbehaviour).await;
        provider.sign_in_as("lead1");
        let settings = HashMap::from([
            ("JOBBRO_OIDC_ISSUER", provider.issuer().to_owned()),
            ("JOBBRO_OIDC_CLIENT_ID", CLIENT_ID.to_owned()),
            ("JOBBRO_OIDC_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
            ("JOBBRO_OIDC_REDIRECT_URL", CALLBACK.to_owned()),
        ]);
        let config = OidcConfig::from_lookup(|name| settings.get(name).cloned())
            .unwrap()
            .unwrap();
        let routes = oidc::routes(config).unwrap();
        let app = routes.clone().with_state(AppState {
            db: Arc::clone(&db),
            now: Utc::now,
            config: WebConfig::default(),
        });
        Sso {
            _t: t,
            db,
            provider,
            routes,
            app,
        }
    }

    /// The same sign-in state, seen by a process whose clock says `now`.
    pub fn app_at(&self, now: fn() -> DateTime<Utc>) -> Router {
        self.routes.clone().with_state(AppState {
            db: Arc::clone(&self.db),
            now,
            config: WebConfig::default(),
        })
    }

    pub async fn get(app: &Router, uri: &str, cookie: Option<&str>) -> Answer {
        let mut request = Request::get(uri);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// `GET /login/sso`: the provider's authorization URL and the `name=value` of the state cookie.
    pub async fn begin(&self) -> (String, String) {
        let answer = Sso::get(&self.app, "/login/sso", None).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let cookie = answer.cookies()[0].split(';').next().unwrap().to_owned();
        (answer.location().to_owned(), cookie)
    }

    /// The browser at the provider, which approves at once: where it sends the browser back
    /// (path and query, for jobbro).
    pub async fn approve(&self, authorize_url: &str) -> String {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let response = client.get(authorize_url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let back = response.headers()["location"].to_str().unwrap();
        back.strip_prefix("http://jobbro.test").unwrap().to_owned()
    }

    /// A whole sign-in by one browser.
    pub async fn sign_in(&self) -> Answer {
        let (url, cookie) = self.begin().await;
        let back = self.approve(&url).await;
        Sso::get(&self.app, &back, Some(&cookie)).await
    }

    pub async fn audit(&self, action: &str) -> Vec<AuditRow> {
        let rows = self.db.audit_rows().await.unwrap();
        rows.into_iter().filter(|r| r.action == action).collect()
    }

    /// How many sessions the user has (ending them to count them).
    pub async fn sessions_of(&self, user: &str) -> u64 {
        end_sessions_of(self.db.as_ref(), user).await.unwrap()
    }

    /// The sign-in was refused with `status`, started no session, and was audited as `reason`.
    pub async fn assert_refused(&self, answer: &Answer, status: StatusCode, reason: &str) {
        self.assert_no_session(answer, status).await;
        let failed = self.audit("login_failed").await;
        assert_eq!(failed.len(), 1, "{failed:?}");
        let purpose = failed[0].purpose.as_deref().unwrap();
        assert_eq!(purpose, format!("single sign-on refused: {reason}"));
        assert_eq!(failed[0].subject_type, "user");
    }

    /// The callback was refused with `status` before its state was valid: it started no session,
    /// wrote no `login_failed` row (anyone can send one), and `reason` went to the log instead.
    pub async fn assert_refused_unaudited(
        &self,
        answer: &Answer,
        status: StatusCode,
        reason: &str,
    ) {
        self.assert_no_session(answer, status).await;
        let failed = self.audit("login_failed").await;
        assert!(failed.is_empty(), "{failed:?}");
        let log = String::from_utf8(log().lock().unwrap().clone()).unwrap();
        assert!(
            log.lines().any(|l| l.contains("before the state was valid")
                && l.contains(&format!("reason=\"{reason}\""))),
            "{reason} was not logged"
        );
    }

    /// The answer is a short plain refusal with `status`; no one got a session or a `login` row.
    async fn assert_no_session(&self, answer: &Answer, status: StatusCode) {
        assert_eq!(answer.status, status, "{}", answer.body);
        for user in ["lead1", "gone1", "admin1"] {
            assert_eq!(self.sessions_of(user).await, 0);
        }
        assert!(
            !answer
                .cookies()
                .iter()
                .any(|c| c.starts_with("jobbro_session"))
        );
        assert!(
            answer.body.len() < 120 && !answer.body.contains('{'),
            "{}",
            answer.body
        );
        assert!(self.audit("login").await.is_empty());
    }
}

pub fn query_of(url: &str) -> HashMap<String, String> {
    reqwest::Url::parse(url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Everything every test of the file logs, at every level: one global subscriber, installed
/// before the first test logs (a per-test one would miss events whose interest another test's
/// thread had already cached).
pub fn log() -> &'static Mutex<Vec<u8>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        use tracing_subscriber::util::SubscriberInitExt;
        let captured = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::clone(&captured);
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || Writer(Arc::clone(&writer)))
            .finish()
            .try_init()
            .unwrap();
        captured
    })
}

struct Writer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
