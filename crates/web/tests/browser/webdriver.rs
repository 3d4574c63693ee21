//! The few WebDriver commands the browser tests use (W3C WebDriver, JSON over plain HTTP to
//! chromedriver on 127.0.0.1), spoken with the `reqwest` client the web crate already has.
//!
//! Why not fantoccini: its only connectors build a rustls TLS configuration up front, even for
//! plain http, and with both of rustls's crypto back ends in this build (`ring` through reqwest,
//! `aws-lc-rs` through fantoccini) rustls cannot pick one, so creating a session panics. Naming
//! one needs `rustls` as a dev-dependency; until then this client stays small and has no TLS
//! at all. Every failure here fails the test with the command and WebDriver's message.

use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The key WebDriver puts an element reference under.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long one command may take (scripts get 30 s from the browser itself).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// How often a wait looks again.
const POLL_EVERY: Duration = Duration::from_millis(50);

/// An element on the page, by its WebDriver reference.
#[derive(Debug, Clone)]
pub struct Element(String);

/// A WebDriver session: one browser window.
pub struct Session {
    http: reqwest::Client,
    /// `http://127.0.0.1:PORT/session/ID`
    base: String,
}

/// What WebDriver said when a command failed.
#[derive(Debug)]
pub struct WebDriverError {
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(COMMAND_TIMEOUT)
        .no_proxy()
        .build()
        .unwrap()
}

/// Sends one command and unwraps WebDriver's `{"value": …}`.
async fn command(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value, WebDriverError> {
    let mut request = http.request(method.clone(), url);
    if let Some(body) = body {
        request = request
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
    }
    let answer = request.send().await.map_err(|e| WebDriverError {
        error: "no answer".into(),
        message: format!("{method} {url}: {e}"),
    })?;
    let ok = answer.status().is_success();
    let text = answer.text().await.unwrap_or_default();
    let mut body: Value = serde_json::from_str(&text).map_err(|_| WebDriverError {
        error: "not JSON".into(),
        message: format!("{method} {url}: {text}"),
    })?;
    let value = body["value"].take();
    if ok {
        Ok(value)
    } else {
        Err(WebDriverError {
            error: value["error"]
                .as_str()
                .unwrap_or("unknown error")
                .to_owned(),
            message: value["message"].as_str().unwrap_or_default().to_owned(),
        })
    }
}

impl Session {
    /// Opens a session on the WebDriver server at `driver` with these capabilities.
    pub async fn new(driver: &str, capabilities: Value) -> Result<Session, WebDriverError> {
        let http = http_client();
        let body = json!({"capabilities": {"alwaysMatch": capabilities}});
        let url = format!("{driver}/session");
        let value = command(&http, reqwest::Method::POST, &url, Some(body)).await?;
        let id = value["sessionId"].as_str().ok_or_else(|| WebDriverError {
            error: "no session id".into(),
            message: value.to_string(),
        })?;
        Ok(Session {
            base: format!("{driver}/session/{id}"),
            http,
        })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        command(&self.http, method, &format!("{}{path}", self.base), body).await
    }

    async fn get(&self, path: &str) -> Value {
        self.call(reqwest::Method::GET, path, None)
            .await
            .unwrap_or_else(|e| panic!("WebDriver GET {path}: {e}"))
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.call(reqwest::Method::POST, path, Some(body))
            .await
            .unwrap_or_else(|e| panic!("WebDriver POST {path}: {e}"))
    }

    /// Opens `url` and waits for it to load.
    pub async fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url })).await;
    }

    /// The address of the page shown.
    pub async fn current_url(&self) -> String {
        self.get("/url")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Every element matching the CSS selector, in document order.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self
            .post("/elements", json!({"using": "css selector", "value": css}))
            .await;
        found
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(|e| e[ELEMENT].as_str())
                    .map(|id| Element(id.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element matching the CSS selector, if any.
    pub async fn find(&self, css: &str) -> Option<Element> {
        self.find_all(css).await.into_iter().next()
    }

    /// Waits up to `within` for an element matching the CSS selector.
    pub async fn wait_for_element(&self, css: &str, within: Duration) -> Option<Element> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(element) = self.find(css).await {
                return Some(element);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Waits up to `within` until the page shown is at `url`.
    pub async fn wait_for_url(&self, url: &str, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        loop {
            if self.current_url().await == url {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Clicks the element (chromedriver waits for a page load that the click starts).
    pub async fn click(&self, element: &Element) {
        self.post(&format!("/element/{}/click", element.0), json!({}))
            .await;
    }

    /// Empties an input.
    pub async fn clear(&self, element: &Element) {
        self.post(&format!("/element/{}/clear", element.0), json!({}))
            .await;
    }

    /// Types `text` into the element, key by key.
    pub async fn send_keys(&self, element: &Element, text: &str) {
        self.post(
            &format!("/element/{}/value", element.0),
            json!({ "text": text }),
        )
        .await;
    }

    /// The element's visible text.
    pub async fn text(&self, element: &Element) -> String {
        let text = self.get(&format!("/element/{}/text", element.0)).await;
        text.as_str().unwrap_or_default().to_owned()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and hands back what it returns.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .await
    }

    /// Runs `script` with a callback as its last argument, and hands back what it is called
    /// with.
    pub async fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.post("/execute/async", json!({"script": script, "args": args}))
            .await
    }

    /// A PNG of the window's viewport.
    pub async fn screenshot(&self) -> Vec<u8> {
        let encoded = self.get("/screenshot").await;
        base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap_or_default())
            .unwrap()
    }

    /// The window's outer width and height.
    pub async fn window_size(&self) -> (u64, u64) {
        let rect = self.get("/window/rect").await;
        (
            rect["width"].as_u64().unwrap_or_default(),
            rect["height"].as_u64().unwrap_or_default(),
        )
    }

    /// Resizes the window.
    pub async fn set_window_size(&self, width: u64, height: u64) {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .await;
    }

    /// Ends the session; chromedriver closes the browser.
    pub async fn close(self) {
        self.call(reqwest::Method::DELETE, "", None)
            .await
            .unwrap_or_else(|e| panic!("WebDriver: ending the session: {e}"));
    }
}
