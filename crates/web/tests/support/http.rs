//! A browser as the tests play it over HTTP, without a browser: requests from a peer address
//! with a session cookie and form posts, answers with their status, headers and body, logging in,
//! and the CSRF token of a logged-in page.

#![allow(dead_code)] // each test binary uses its own part

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// The address the tests' browser calls from, unless told otherwise.
pub const HOME: &str = "192.0.2.10:50000";

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (a file download's bytes are in `bytes`).
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }

    /// The session cookie's value, if this answer sets one.
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookie()?
            .strip_prefix("jobbro_session=")?
            .split(';')
            .next()
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    pub fn set_cookie(&self) -> Option<&str> {
        self.headers.get("set-cookie").map(|v| v.to_str().unwrap())
    }

    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").map(|v| v.to_str().unwrap())
    }
}

/// A request from a browser at `peer` (home unless said otherwise).
pub struct Req<'a> {
    method: &'static str,
    uri: &'a str,
    peer: &'a str,
    cookie: Option<&'a str>,
    headers: Vec<(&'a str, &'a str)>,
    /// The body and its content type.
    body: Option<(&'static str, String)>,
}

pub fn get(uri: &str) -> Req<'_> {
    Req {
        method: "GET",
        uri,
        peer: HOME,
        cookie: None,
        headers: Vec::new(),
        body: None,
    }
}

/// A form post (`application/x-www-form-urlencoded`).
pub fn post<'a>(uri: &'a str, form: &str) -> Req<'a> {
    Req {
        method: "POST",
        body: Some(("application/x-www-form-urlencoded", form.to_owned())),
        ..get(uri)
    }
}

/// A post of `body` as `content_type` (a multipart upload).
pub fn post_with<'a>(uri: &'a str, content_type: &'static str, body: String) -> Req<'a> {
    Req {
        method: "POST",
        body: Some((content_type, body)),
        ..get(uri)
    }
}

pub fn post_json<'a>(uri: &'a str, json: &str) -> Req<'a> {
    Req {
        method: "POST",
        body: Some(("application/json", json.to_owned())),
        ..get(uri)
    }
}

pub fn put_json<'a>(uri: &'a str, json: &str) -> Req<'a> {
    Req {
        method: "PUT",
        ..post_json(uri, json)
    }
}

impl<'a> Req<'a> {
    pub fn cookie(self, cookie: &'a str) -> Self {
        Req {
            cookie: Some(cookie),
            ..self
        }
    }

    pub fn from(self, peer: &'a str) -> Self {
        Req { peer, ..self }
    }

    pub fn headers(mut self, headers: &[(&'a str, &'a str)]) -> Self {
        self.headers.extend_from_slice(headers);
        self
    }

    pub async fn send(self, app: &Router) -> Answer {
        let mut request = Request::builder()
            .method(self.method)
            .uri(self.uri)
            .header("host", "jobbro.example");
        if let Some(cookie) = self.cookie {
            request = request.header("cookie", format!("theme=dark; jobbro_session={cookie}"));
        }
        for (name, value) in self.headers {
            request = request.header(name, value);
        }
        let body = match self.body {
            Some((content_type, body)) => {
                request = request.header("content-type", content_type);
                Body::from(body)
            }
            None => Body::empty(),
        };
        let mut request = request.body(body).unwrap();
        let peer: SocketAddr = self.peer.parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(peer));
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }
}

pub fn form(name: &str, password: &str) -> String {
    let enc = |s: &str| s.replace('%', "%25").replace(' ', "+").replace('&', "%26");
    format!("name={}&password={}", enc(name), enc(password))
}

pub async fn login(app: &Router, name: &str, password: &str, peer: &str) -> Answer {
    post("/login", &form(name, password))
        .from(peer)
        .send(app)
        .await
}

/// The hidden CSRF value of the first form of a logged-in page (every page's frame has one).
pub async fn csrf_of(app: &Router, cookie: &str) -> String {
    let page = get("/login").cookie(cookie).send(app).await;
    let after = page.body.split("name=\"csrf\" value=\"").nth(1).unwrap();
    after.split('"').next().unwrap().to_owned()
}

/// A form body from pairs, URL-encoded.
pub fn encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
