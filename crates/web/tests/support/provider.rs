//! A small OpenID provider for the single sign-on tests, served on loopback: discovery, an
//! authorization endpoint that approves at once, a token endpoint that checks the client's
//! credentials and its PKCE verifier, and a JWKS. Each test starts its own, told how to misbehave.
//!
//! It signs with a fixed RSA key that exists only for these tests. It must never be used outside
//! tests, and its key must never sign anything real.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::http::header::{AUTHORIZATION, LOCATION};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A TEST KEY ONLY (generated once with `openssl genrsa 2048` for this test suite; it signs
/// nothing but the id tokens of the test provider).
const TEST_KEY_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDQOcUu60KqVged
BJNi8NCRFVK8HueSsR6+xKtMTgKYUV+aVC4kLAce/pks9nSLqRsAB1Xtwl/Lq34j
iqQDaHvv2qqF4Vz7jgSIRy42Uim52/0qYt7YP8JZec6PcYVvgcvvt6e+YBCEtFB4
lnIqnzh6hSsqTR2ZmLwsFCn0ef9MoAACxo+m04uAqQh6F4VN8apF5hM6Qo+re0kw
bzQmIQWEznKT+tNYrSzqmHCkuHJ9YTGWK+1AhMyRfOCnCXZRkl9pdS04vKgWZM6A
0k//27P6MekGH2wClku66l+T7lbJ1iBYaYVdNkRrOMeiP1lsVG/3teTopzPxj7yL
1Af9QNMDAgMBAAECggEABpZin+1exTdw3jglgYfPfAeJ/9w/xJWd52MewuHk6x9d
QECm2mDE3jzSaRMS9NLQwTDPjcoMcHZocy9mU5qb8Sage8POxpaORibFANWbRFSq
rwtEXuBa1wHSKxo9onLKGjdb3dtO1SPvN8wVUzaI+Yyk+khI8McIN6IbrFmqXf4o
jLgbw3gTVtPfrnKOZSP8PZrlqS/i8CRUTXZCKcQchWdEvgj7Py7LVWbO3l3FEnYz
UYn6KKw7cR0E7cWexwxA117MoNPx4w4rB3zUmredbzay2tUuQwGvjAS7uA253veP
J+jr0URzp6YdUiGH+sPcUf5h+X7KEvWoVPlJv1e4oQKBgQDx8NaT5bTCp4eiGZtF
HdxgKz9YXuwi1tIabpMzfbqkJ9yNx37gE4rUKl2vgO3GN/YCrjH7+lTixq5Mg5nm
OdBAOZRkA1sEwuvoAV0lftRvMzkgdA7zIc3Yo1e4N9LB22rSfp1EK8iPFms+V12p
Eoy1NaF0xCkTYsxHDZlk7w28zwKBgQDcU2EGV8baw38YDjkkZxrhiDyiUQWTg+r6
15qGqe4VHerhBBS7xPbnIcFjfB6J/96yzqDADUJWclf1FxphlafLb8yJYMXkUFZm
YDH8THv5Bv8dAFy5uCA2IhMZBam/0HHKtL8eL5WZfw8aoXRHR7DLUkqa9iMjzIhx
tgDYUVobjQKBgQDVvIdEZzT2lhv7t5V1TPkIOIygnFMOQCui0DbY0WUWamStGCXc
/UazQq47QrJMX9nE6nEcAz4EjbMjw0stmbuBUZznchNxtGXGM5Y/brlrd5wrMHyY
jC+XCE6RXzegrR/Ez7hNpkRrLEoX7ATBPbLyz2tQhY8oIisHRltSUOIY/wKBgEh7
RZgImGqvlcgcJcBMCxPW9duQO/1jkJIlC7jxflmEFhkgdpGvImq3OB+6XXGYs3Kv
d0K3GfPGehkvGIax7RmIFgm7xF5v73yOeOM/Zilum862p8qRQEeOvimlK0rnEAhX
negYT2bH3fgs1Uv90bORxuljv/uu9dQyw+RmHvahAoGBANBdOsFV9QPPQwJiE/N3
M2xIVaBpmbX/5UASRXBTKGJtu7N/y21neX84Z62SBSrVhU8Btrbu+iyxTUifBmE0
JqXC7LT5iEBk10RBhImzbup4B8R0Gp9eqrbnS1hji4uuDG6h4/hkfnGtyM7XADCa
NLui4GwnUA3tllv5TTzPo9ze
-----END PRIVATE KEY-----";

/// The test key's public modulus and exponent, base64url (from `openssl rsa -noout -modulus`).
const TEST_KEY_N: &str = "0DnFLutCqlYHnQSTYvDQkRVSvB7nkrEevsSrTE4CmFFfmlQuJCwHHv6ZLPZ0i6kbAAdV7cJfy6t-I4qkA2h779qqheFc-44EiEcuNlIpudv9KmLe2D_CWXnOj3GFb4HL77envmAQhLRQeJZyKp84eoUrKk0dmZi8LBQp9Hn_TKAAAsaPptOLgKkIeheFTfGqReYTOkKPq3tJMG80JiEFhM5yk_rTWK0s6phwpLhyfWExlivtQITMkXzgpwl2UZJfaXUtOLyoFmTOgNJP_9uz-jHpBh9sApZLuupfk-5WydYgWGmFXTZEazjHoj9ZbFRv97Xk6Kcz8Y-8i9QH_UDTAw";
const TEST_KEY_E: &str = "AQAB";
pub const TEST_KEY_ID: &str = "test-key-1";

pub const CLIENT_ID: &str = "jobbro-test";
pub const CLIENT_SECRET: &str = "test-client-secret";

/// How the provider departs from the protocol, one way per test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Misbehaviour {
    #[default]
    None,
    /// Discovery names another issuer than the one it is served from.
    DiscoveryNamesAnotherIssuer,
    /// The user declines: the browser comes back with `error=access_denied`.
    Declines,
    /// The authorization endpoint records a challenge the client did not send.
    WrongChallenge,
    /// The id token's claims are changed after signing (to name another user).
    TamperedSignature,
    /// Signed with HS256, keyed with the client secret (algorithm confusion).
    Hs256WithClientSecret,
    /// `alg: none`, no signature.
    AlgNone,
    WrongIssuer,
    WrongAudience,
    Expired,
    WrongNonce,
}

/// What the provider saw, for the tests to assert on.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    pub authorize_queries: Vec<HashMap<String, String>>,
    /// `pkce ok` or `pkce mismatch`, per token request.
    pub pkce: Vec<String>,
    pub client_auth: Vec<String>,
    /// Every code and id token handed out (to prove none reaches a log line).
    pub codes: Vec<String>,
    pub id_tokens: Vec<String>,
}

struct Grant {
    nonce: String,
    challenge: String,
    redirect_uri: String,
}

struct Inner {
    issuer: String,
    misbehaviour: Misbehaviour,
    username: Mutex<String>,
    grants: Mutex<HashMap<String, Grant>>,
    seen: Mutex<Seen>,
}

/// A running test provider.
#[derive(Clone)]
pub struct TestProvider {
    inner: Arc<Inner>,
}

impl TestProvider {
    /// Binds 127.0.0.1:0 first, then serves in the background: ready when this returns.
    pub async fn start(misbehaviour: Misbehaviour) -> TestProvider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let inner = Arc::new(Inner {
            issuer,
            misbehaviour,
            username: Mutex::new(String::new()),
            grants: Mutex::new(HashMap::new()),
            seen: Mutex::new(Seen::default()),
        });
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/jwks", get(jwks))
            .with_state(Arc::clone(&inner));
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestProvider { inner }
    }

    pub fn issuer(&self) -> &str {
        &self.inner.issuer
    }

    /// The user the provider vouches for (its `preferred_username`).
    pub fn sign_in_as(&self, username: &str) {
        *self.inner.username.lock().unwrap() = username.to_owned();
    }

    pub fn seen(&self) -> Seen {
        self.inner.seen.lock().unwrap().clone()
    }
}

async fn discovery(State(p): State<Arc<Inner>>) -> Json<Value> {
    let issuer = if p.misbehaviour == Misbehaviour::DiscoveryNamesAnotherIssuer {
        "http://127.0.0.1:1".to_owned()
    } else {
        p.issuer.clone()
    };
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{}/authorize", p.issuer),
        "token_endpoint": format!("{}/token", p.issuer),
        "jwks_uri": format!("{}/jwks", p.issuer),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
    }))
}

fn random() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>())
}

async fn authorize(
    State(p): State<Arc<Inner>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    p.seen.lock().unwrap().authorize_queries.push(q.clone());
    let param = |name: &str| q.get(name).cloned().unwrap_or_default();
    let valid = param("response_type") == "code"
        && param("scope").split(' ').any(|s| s == "openid")
        && param("client_id") == CLIENT_ID
        && param("code_challenge_method") == "S256"
        && !param("code_challenge").is_empty()
        && !param("state").is_empty();
    if !valid {
        return (StatusCode::BAD_REQUEST, "invalid_request").into_response();
    }
    let redirect_uri = param("redirect_uri");
    let state = param("state");
    if p.misbehaviour == Misbehaviour::Declines {
        let to = format!("{redirect_uri}?error=access_denied&state={state}");
        return (StatusCode::SEE_OTHER, [(LOCATION, to)]).into_response();
    }
    let challenge = if p.misbehaviour == Misbehaviour::WrongChallenge {
        URL_SAFE_NO_PAD.encode(Sha256::digest(b"not the client's verifier"))
    } else {
        param("code_challenge")
    };
    let code = random();
    p.seen.lock().unwrap().codes.push(code.clone());
    p.grants.lock().unwrap().insert(
        code.clone(),
        Grant {
            nonce: param("nonce"),
            challenge,
            redirect_uri: redirect_uri.clone(),
        },
    );
    let to = format!("{redirect_uri}?code={code}&state={state}");
    (StatusCode::SEE_OTHER, [(LOCATION, to)]).into_response()
}

fn invalid(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": error}))).into_response()
}

async fn token(
    State(p): State<Arc<Inner>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    let basic_ok = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) == Some(&expected);
    p.seen
        .lock()
        .unwrap()
        .client_auth
        .push(if basic_ok { "basic ok" } else { "bad" }.into());
    if !basic_ok {
        return invalid("invalid_client");
    }
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    if field("grant_type") != "authorization_code" {
        return invalid("unsupported_grant_type");
    }
    let Some(grant) = p.grants.lock().unwrap().remove(&field("code")) else {
        return invalid("invalid_grant");
    };
    if grant.redirect_uri != field("redirect_uri") {
        return invalid("invalid_grant");
    }
    let verifier = field("code_verifier");
    let pkce_ok = (43..=128).contains(&verifier.len())
        && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == grant.challenge;
    let verdict = if pkce_ok { "pkce ok" } else { "pkce mismatch" };
    p.seen.lock().unwrap().pkce.push(verdict.into());
    if !pkce_ok {
        return invalid("invalid_grant");
    }
    let id_token = id_token(&p, &grant.nonce);
    p.seen.lock().unwrap().id_tokens.push(id_token.clone());
    Json(json!({
        "access_token": random(),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}

fn id_token(p: &Inner, nonce: &str) -> String {
    let now = Utc::now();
    let username = p.username.lock().unwrap().clone();
    let mut claims = json!({
        "iss": p.issuer,
        "sub": format!("subject-{username}"),
        "aud": CLIENT_ID,
        "exp": (now + Duration::minutes(5)).timestamp(),
        "iat": now.timestamp(),
        "nonce": nonce,
        "preferred_username": username,
    });
    match p.misbehaviour {
        Misbehaviour::WrongIssuer => claims["iss"] = json!("http://127.0.0.1:1"),
        Misbehaviour::WrongAudience => claims["aud"] = json!("another-client"),
        Misbehaviour::WrongNonce => claims["nonce"] = json!("not-the-nonce"),
        Misbehaviour::Expired => {
            claims["iat"] = json!((now - Duration::minutes(30)).timestamp());
            claims["exp"] = json!((now - Duration::minutes(10)).timestamp());
        }
        _ => {}
    }
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(TEST_KEY_ID.into());
    let key = EncodingKey::from_rsa_pem(TEST_KEY_PEM.as_bytes()).unwrap();
    match p.misbehaviour {
        Misbehaviour::AlgNone => {
            let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
            let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
            format!("{header}.{payload}.")
        }
        Misbehaviour::Hs256WithClientSecret => {
            let mut header = Header::new(Algorithm::HS256);
            header.kid = Some(TEST_KEY_ID.into());
            let key = EncodingKey::from_secret(CLIENT_SECRET.as_bytes());
            jsonwebtoken::encode(&header, &claims, &key).unwrap()
        }
        Misbehaviour::TamperedSignature => {
            let signed = jsonwebtoken::encode(&header, &claims, &key).unwrap();
            let parts: Vec<&str> = signed.split('.').collect();
            claims["preferred_username"] = json!("admin1");
            let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
            format!("{}.{payload}.{}", parts[0], parts[2])
        }
        _ => jsonwebtoken::encode(&header, &claims, &key).unwrap(),
    }
}

async fn jwks() -> Json<Value> {
    Json(json!({"keys": [{
        "kty": "RSA",
        "use": "sig",
        "alg": "RS256",
        "kid": TEST_KEY_ID,
        "n": TEST_KEY_N,
        "e": TEST_KEY_E,
    }]}))
}
