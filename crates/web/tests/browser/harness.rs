//! One browser test's world: the application served on 127.0.0.1 over a fresh database (the
//! backend `JOBBRO_TEST_BACKEND` names) seeded with the demo exactly as `jobbro serve --demo`
//! seeds it, and headless Chromium driven through chromedriver — with the steps a person takes
//! (log in, go to a page, log out) and the checks every page gets (axe, a screenshot).
//!
//! One browser per test function: starting Chromium is the slow part. Screenshots are written to
//! `docs/screenshots/` only when `JOBBRO_UPDATE_SCREENSHOTS=1`, so an ordinary run never changes
//! the work tree. `JOBBRO_TEST_SKIP_BROWSER=1` skips the browser tests, and says so.

mod axe;
mod driver;
mod webdriver;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use jobbro_demo::{DemoUser, SeededDemo};
use jobbro_domain::access::Role;
use jobbro_store::testing::{self, TestDb};
use serde_json::{Value, json};
use tokio::task::JoinHandle;

use driver::Driver;
use webdriver::Session;

/// The demo's "today" (the day `DemoSpec::demo` is documented with), so every run sees the same
/// timeline. The application's own clock is the real one: sessions must not expire mid-test.
pub fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// How long a page gets to arrive after a click that navigates.
const NAVIGATION: Duration = Duration::from_secs(15);

/// The application, serving on a port of its own until dropped.
struct App {
    base: String,
    server: JoinHandle<()>,
    _db: TestDb,
}

impl App {
    async fn start() -> (App, SeededDemo) {
        let t = testing::fresh().await;
        let db = t.connect().await;
        let demo = jobbro_demo::seed_demo(&db, demo_today(), Utc::now())
            .await
            .unwrap()
            .expect("a fresh database is empty, so the demo is added");
        let app = jobbro_web::app_with_clock(db, Utc::now);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        let app = App {
            base,
            server,
            _db: t,
        };
        (app, demo)
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A headless Chromium looking at a freshly seeded jobbro.
pub struct Browser {
    pub demo: SeededDemo,
    session: Option<Session>,
    app: App,
    // Dropped last: it kills chromedriver and the browser.
    _driver: Driver,
}

impl Browser {
    /// A browser that asks for Danish pages, as the job centre's do; `None` (and a note) when
    /// the browser tests are skipped with `JOBBRO_TEST_SKIP_BROWSER=1`.
    pub async fn start() -> Option<Browser> {
        Self::start_in("da").await
    }

    /// A browser that asks for pages in `language` (`en-GB`, `da`, `sv`, …).
    pub async fn start_in(language: &str) -> Option<Browser> {
        if std::env::var("JOBBRO_TEST_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("JOBBRO_TEST_SKIP_BROWSER=1: browser test skipped");
            return None;
        }
        let (app, demo) = App::start().await;
        let driver = Driver::start().await;
        let session = driver.session(language).await;
        Some(Browser {
            demo,
            session: Some(session),
            app,
            _driver: driver,
        })
    }

    /// The WebDriver session, for what the helpers here do not cover.
    pub fn session(&self) -> &Session {
        self.session
            .as_ref()
            .expect("the session is open until close")
    }

    /// Ends the browser session cleanly (chromedriver closes Chromium); a test that fails
    /// before this is cleaned up by the drop instead.
    pub async fn close(mut self) {
        if let Some(session) = self.session.take() {
            session.close().await;
        }
    }

    /// The demo user of `role`, with their password.
    pub fn user(&self, role: Role) -> DemoUser {
        self.demo
            .user(role)
            .unwrap_or_else(|| panic!("the demo has a {} user", role.as_str()))
            .clone()
    }

    /// The full URL of `path` on the application.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.app.base)
    }

    /// Opens `path` and waits for the page to load.
    pub async fn goto(&self, path: &str) {
        self.session().goto(&self.url(path)).await;
    }

    /// The path (with the query, if any) of the page the browser shows.
    pub async fn path(&self) -> String {
        let url = self.session().current_url().await;
        url.strip_prefix(&self.app.base).unwrap_or(&url).to_owned()
    }

    /// The page shown, for a failure message: its path and the start of its text.
    async fn shown(&self) -> String {
        let text = self
            .execute("return document.body ? document.body.innerText : '';")
            .await;
        let text: String = text
            .as_str()
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect();
        format!("{}: {:?}", self.path().await, text)
    }

    /// Waits until the browser shows `path`, failing the test if it does not in time.
    pub async fn wait_for_path(&self, path: &str) {
        if !self
            .session()
            .wait_for_url(&self.url(path), NAVIGATION)
            .await
        {
            panic!(
                "the browser did not reach {path} in {NAVIGATION:?}; it shows {}",
                self.shown().await
            );
        }
    }

    /// Waits until the page shows an element matching `css`, failing the test if it does not.
    pub async fn wait_for(&self, css: &str) {
        if self
            .session()
            .wait_for_element(css, NAVIGATION)
            .await
            .is_none()
        {
            panic!("{css} did not appear on {}", self.shown().await);
        }
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        match self.session().find(css).await {
            Some(element) => self.session().text(&element).await,
            None => panic!("nothing matches {css} on {}", self.path().await),
        }
    }

    /// Whether the page has an element matching `css`.
    pub async fn has(&self, css: &str) -> bool {
        self.session().find(css).await.is_some()
    }

    /// Clicks the first element matching `css`. chromedriver waits for a page load the click
    /// starts; where a redirect follows, wait for its end with [`Browser::wait_for_path`].
    pub async fn click(&self, css: &str) {
        match self.session().find(css).await {
            Some(element) => self.session().click(&element).await,
            None => panic!("nothing matches {css} on {}", self.path().await),
        }
    }

    /// Types `value` into the first input matching `css`, replacing what it held.
    pub async fn type_into(&self, css: &str, value: &str) {
        let Some(input) = self.session().find(css).await else {
            panic!("nothing matches {css} on {}", self.path().await);
        };
        self.session().clear(&input).await;
        self.session().send_keys(&input, value).await;
    }

    /// Fills in and sends the login form at `/login` as a person would, typing each field. Does
    /// not check the outcome: see [`Browser::log_in`].
    pub async fn submit_login(&self, user: &str, password: &str) {
        self.goto("/login").await;
        let form = r#"form:has(input[name="password"])"#;
        self.type_into(&format!(r#"{form} input[name="name"]"#), user)
            .await;
        self.type_into(&format!(r#"{form} input[name="password"]"#), password)
            .await;
        self.click(&format!(r#"{form} [type="submit"]"#)).await;
    }

    /// Logs in and checks that it worked: the application sends the browser to `/`.
    pub async fn log_in(&self, user: &str, password: &str) {
        self.submit_login(user, password).await;
        self.wait_for_path("/").await;
    }

    /// Logs in as the demo user of `role`, and hands them back.
    pub async fn log_in_as(&self, role: Role) -> DemoUser {
        let user = self.user(role);
        self.log_in(&user.id, &user.password).await;
        user
    }

    /// Logs out with the logout form (`action="/logout"`) of the page shown, or of `/login`
    /// when this page has none; the application then shows the login page.
    pub async fn log_out(&self) {
        let button = r#"form[action="/logout"] [type="submit"]"#;
        if !self.has(button).await {
            self.goto("/login").await;
        }
        self.click(button).await;
        self.wait_for_path("/login").await;
    }

    /// Runs `script` in the page (a function body) and hands back what it returns.
    pub async fn execute(&self, script: &str) -> Value {
        self.session().execute(script, Vec::new()).await
    }

    /// A GET of `path` made by the page itself (`fetch`, with the browser's cookies): the
    /// status and the body. What the logged-in browser would see, without leaving the page.
    pub async fn fetch(&self, path: &str) -> (u16, String) {
        // A fetch needs a page of the application to start from (a new browser shows none).
        if !self
            .session()
            .current_url()
            .await
            .starts_with(&self.app.base)
        {
            self.goto("/login").await;
        }
        let script = r#"
            const [path, done] = arguments;
            fetch(path, { credentials: "same-origin", headers: { accept: "application/json" } })
              .then(r => r.text().then(body => done({ status: r.status, body })))
              .catch(e => done({ status: 0, body: String(e) }));
        "#;
        let answer = self
            .session()
            .execute_async(script, vec![json!(path)])
            .await;
        let status = answer["status"].as_u64().unwrap_or_default();
        let body = answer["body"].as_str().unwrap_or_default().to_owned();
        (u16::try_from(status).unwrap(), body)
    }

    /// `GET /me` from the browser: the logged-in user as JSON, or `None` when the browser has
    /// no session (401).
    pub async fn me(&self) -> Option<Value> {
        match self.fetch("/me").await {
            (200, body) => Some(serde_json::from_str(&body).unwrap()),
            (401, _) => None,
            (status, body) => panic!("GET /me answered {status}: {body}"),
        }
    }

    /// Checks the page shown with axe: no serious or critical violation.
    pub async fn axe_check(&self, page: &str) {
        axe::axe_check(self.session(), page).await;
    }

    /// What [`Browser::axe_check`] would fail on: the serious and critical violations axe
    /// finds on the page shown, described.
    pub async fn axe_violations(&self, page: &str) -> Vec<String> {
        axe::serious_violations(self.session(), page).await
    }

    /// Picks `code` (`da`, `sv`, `en`) in the language picker, as the user does, and waits for
    /// the page to come back in it.
    pub async fn choose_language(&self, code: &str) {
        self.execute(&format!(
            "document.getElementById('language-picker').value = '{code}'; \
             document.getElementById('language-picker').form.submit(); return null;"
        ))
        .await;
        self.wait_for(&format!("html[lang=\"{code}\"]")).await;
    }

    /// How many CSS pixels the page shown is wider than the window (0 or less: it fits).
    pub async fn overflow(&self) -> i64 {
        self.execute("return document.documentElement.scrollWidth - window.innerWidth;")
            .await
            .as_i64()
            .unwrap()
    }

    /// Makes the page `width` CSS pixels wide (375 for a phone), keeping the window's height.
    pub async fn set_window_width(&self, width: u64) {
        let (_, height) = self.session().window_size().await;
        self.session().set_window_size(width, height).await;
    }

    /// Takes a screenshot of the page shown and checks it is a PNG; with
    /// `JOBBRO_UPDATE_SCREENSHOTS=1`, also writes it to `docs/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.session().screenshot().await;
        assert!(
            png.len() > 1_000 && png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "the screenshot of {name} is not a PNG image ({} bytes)",
            png.len()
        );
        if std::env::var("JOBBRO_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
            let dir = screenshots_dir();
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
        }
    }
}

/// `docs/screenshots/` at the top of the workspace.
fn screenshots_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
}
