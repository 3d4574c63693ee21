//! Talking to the OpenID provider: discovery (`/.well-known/openid-configuration`), exchanging an
//! authorization code for an id token, and the provider's signing keys (JWKS).
//!
//! Discovery is done on first use and kept for the life of the process; the keys are kept too and
//! fetched again when a token names a key not seen yet (the provider rotated its keys), at most
//! once a minute. Calls time out, never follow redirects, and read at most [`MAX_BODY`] bytes.
//!
//! Never log or put in an error the code, the verifier, the client secret, a token or a response
//! body: a [`ProviderError`] names the step and an HTTP status, or the provider's OAuth error code.

use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::DecodingKey;
use reqwest::Url;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::config::{OidcConfig, check_provider_url};

/// The largest answer read from the provider.
pub const MAX_BODY: usize = 1024 * 1024;

/// How long one call to the provider may take.
const TIMEOUT: StdDuration = StdDuration::from_secs(10);

/// How soon the keys may be fetched again for an unknown key id.
const KEYS_REFETCH_AFTER: Duration = Duration::minutes(1);

/// What went wrong talking to the provider.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("{step}: the provider could not be reached ({reason})")]
    Unreachable { step: &'static str, reason: String },
    #[error("{step}: the provider answered HTTP {status} {oauth_error}")]
    Status {
        step: &'static str,
        status: u16,
        oauth_error: String,
    },
    #[error("{step}: the provider's answer is not what OpenID Connect prescribes")]
    Malformed { step: &'static str },
    #[error("discovery: the provider names another issuer than the one configured")]
    IssuerMismatch,
    #[error("discovery: {endpoint} {reason}")]
    BadEndpoint {
        endpoint: &'static str,
        reason: String,
    },
}

/// The endpoints discovery found.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub authorization_endpoint: Url,
    pub token_endpoint: Url,
    pub jwks_uri: Url,
    /// Authenticate at the token endpoint with HTTP Basic (the default) rather than in the form.
    pub secret_in_basic_auth: bool,
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    #[serde(default)]
    token_endpoint_auth_methods_supported: Option<Vec<String>>,
}

/// One RSA signing key from the JWKS.
#[derive(Clone)]
struct SigningKey {
    kid: Option<String>,
    key: DecodingKey,
}

/// The provider, its discovered endpoints and its keys.
pub struct Provider {
    config: OidcConfig,
    http: reqwest::Client,
    metadata: Mutex<Option<Arc<Metadata>>>,
    keys: Mutex<Option<(Vec<SigningKey>, DateTime<Utc>)>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Provider {
    pub fn new(config: OidcConfig) -> Result<Provider, ProviderError> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("jobbro/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| unreachable("client", &e))?;
        Ok(Provider {
            config,
            http,
            metadata: Mutex::new(None),
            keys: Mutex::new(None),
        })
    }

    pub fn config(&self) -> &OidcConfig {
        &self.config
    }

    /// The provider's endpoints, discovered on first use.
    pub async fn metadata(&self) -> Result<Arc<Metadata>, ProviderError> {
        if let Some(m) = lock(&self.metadata).as_ref() {
            return Ok(Arc::clone(m));
        }
        let url = format!(
            "{}/.well-known/openid-configuration",
            self.config.issuer.trim_end_matches('/')
        );
        let found: Discovery = self.get_json("discovery", &url).await?;
        if found.issuer != self.config.issuer {
            return Err(ProviderError::IssuerMismatch);
        }
        let endpoint = |endpoint: &'static str, url: &str| {
            check_provider_url(url)
                .map_err(|reason| ProviderError::BadEndpoint { endpoint, reason })
        };
        // Basic is the default (RFC 8414); use the form only when the provider supports just that.
        let secret_in_basic_auth =
            found
                .token_endpoint_auth_methods_supported
                .is_none_or(|methods| {
                    methods.iter().any(|m| m == "client_secret_basic")
                        || !methods.iter().any(|m| m == "client_secret_post")
                });
        let metadata = Arc::new(Metadata {
            authorization_endpoint: endpoint(
                "authorization_endpoint",
                &found.authorization_endpoint,
            )?,
            token_endpoint: endpoint("token_endpoint", &found.token_endpoint)?,
            jwks_uri: endpoint("jwks_uri", &found.jwks_uri)?,
            secret_in_basic_auth,
        });
        *lock(&self.metadata) = Some(Arc::clone(&metadata));
        Ok(metadata)
    }

    /// Exchanges an authorization code (with its PKCE verifier) for the id token.
    pub async fn exchange_code(&self, code: &str, verifier: &str) -> Result<String, ProviderError> {
        const STEP: &str = "token";
        let metadata = self.metadata().await?;
        let c = &self.config;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", c.redirect_url.as_str()),
            ("code_verifier", verifier),
            ("client_id", c.client_id.as_str()),
        ];
        let mut request = self.http.post(metadata.token_endpoint.clone());
        if metadata.secret_in_basic_auth {
            // RFC 6749, 2.3.1: both parts form-encoded before Basic encoding.
            request = request.basic_auth(
                form_encode(&c.client_id),
                Some(form_encode(&c.client_secret)),
            );
        } else {
            form.push(("client_secret", c.client_secret.as_str()));
        }
        let response = request
            .header("accept", "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| unreachable(STEP, &e))?;
        #[derive(Deserialize)]
        struct TokenResponse {
            id_token: String,
        }
        let answer: TokenResponse = read_json(STEP, response).await?;
        Ok(answer.id_token)
    }

    /// The key that signed a token with this key id (`None`: the provider's only key).
    pub async fn signing_key(
        &self,
        kid: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<DecodingKey>, ProviderError> {
        let cached = lock(&self.keys).clone();
        if let Some((keys, fetched_at)) = cached {
            if let Some(key) = pick(&keys, kid) {
                return Ok(Some(key));
            }
            if now - fetched_at < KEYS_REFETCH_AFTER {
                return Ok(None);
            }
        }
        let metadata = self.metadata().await?;
        let set: Value = self.get_json("jwks", metadata.jwks_uri.as_str()).await?;
        let keys = rsa_signing_keys(&set).ok_or(ProviderError::Malformed { step: "jwks" })?;
        let key = pick(&keys, kid);
        *lock(&self.keys) = Some((keys, now));
        Ok(key)
    }

    async fn get_json<T: DeserializeOwned>(
        &self,
        step: &'static str,
        url: &str,
    ) -> Result<T, ProviderError> {
        let response = self
            .http
            .get(url)
            .header("accept", "application/json")
            .send()
            .await
            .map_err(|e| unreachable(step, &e))?;
        read_json(step, response).await
    }
}

fn unreachable(step: &'static str, e: &reqwest::Error) -> ProviderError {
    // Without the URL: a provider URL holds no secret, but keep error text uniformly bland.
    let reason = if e.is_timeout() {
        "timed out".to_owned()
    } else if e.is_connect() {
        "connection failed".to_owned()
    } else {
        "request failed".to_owned()
    };
    ProviderError::Unreachable { step, reason }
}

/// Reads a JSON answer of at most [`MAX_BODY`] bytes; a non-2xx answer becomes
/// [`ProviderError::Status`] with the OAuth `error` code when it is a plain word.
async fn read_json<T: DeserializeOwned>(
    step: &'static str,
    mut response: reqwest::Response,
) -> Result<T, ProviderError> {
    let status = response.status();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| unreachable(step, &e))? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(ProviderError::Malformed { step });
        }
        body.extend_from_slice(&chunk);
    }
    if !status.is_success() {
        let oauth_error = serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_owned))
            .filter(|e| e.len() <= 40 && e.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
            .unwrap_or_default();
        return Err(ProviderError::Status {
            step,
            status: status.as_u16(),
            oauth_error,
        });
    }
    serde_json::from_slice(&body).map_err(|_| ProviderError::Malformed { step })
}

/// The RSA keys of a JWKS that may sign (`use` absent or `sig`, `alg` absent or RS256). Keys of
/// other kinds are skipped, so a provider that also publishes encryption keys still works.
fn rsa_signing_keys(set: &Value) -> Option<Vec<SigningKey>> {
    let keys = set.get("keys")?.as_array()?;
    Some(
        keys.iter()
            .filter(|k| k.get("kty").and_then(Value::as_str) == Some("RSA"))
            .filter(|k| {
                k.get("use")
                    .and_then(Value::as_str)
                    .is_none_or(|u| u == "sig")
            })
            .filter(|k| {
                k.get("alg")
                    .and_then(Value::as_str)
                    .is_none_or(|a| a == "RS256")
            })
            .filter_map(|k| {
                let n = k.get("n").and_then(Value::as_str)?;
                let e = k.get("e").and_then(Value::as_str)?;
                Some(SigningKey {
                    kid: k.get("kid").and_then(Value::as_str).map(str::to_owned),
                    key: DecodingKey::from_rsa_components(n, e).ok()?,
                })
            })
            .collect(),
    )
}

/// The key with this id; without an id, the only key (several keys and no id is ambiguous).
fn pick(keys: &[SigningKey], kid: Option<&str>) -> Option<DecodingKey> {
    match kid {
        Some(kid) => keys
            .iter()
            .find(|k| k.kid.as_deref() == Some(kid))
            .map(|k| k.key.clone()),
        None => match keys {
            [only] => Some(only.key.clone()),
            _ => None,
        },
    }
}

/// `application/x-www-form-urlencoded` encoding of one value (every byte but the unreserved
/// ones percent-encoded).
fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_credentials_are_form_encoded_for_basic_auth() {
        assert_eq!(form_encode("a b:c%~"), "a%20b%3Ac%25~");
    }

    #[test]
    fn only_rsa_signing_keys_are_taken_from_a_key_set() {
        let set = serde_json::json!({"keys": [
            {"kty": "RSA", "use": "enc", "kid": "enc", "n": "AQAB", "e": "AQAB"},
            {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AQAB", "y": "AQAB"},
            {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "sig", "n": "AQAB", "e": "AQAB"},
        ]});
        let keys = rsa_signing_keys(&set).unwrap();
        assert_eq!(keys.len(), 1);
        assert!(pick(&keys, Some("sig")).is_some());
        assert!(pick(&keys, Some("enc")).is_none());
        assert!(pick(&keys, None).is_some());
    }
}
