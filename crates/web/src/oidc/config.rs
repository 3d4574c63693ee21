//! How jobbro is registered with an OpenID provider: the issuer, the client's id and secret, the
//! callback URL the provider redirects back to, and which id-token claim names the jobbro user.
//! Read from the environment once at start; no issuer means single sign-on is off.
//!
//! The client secret never appears in `Debug` output, a log line or an error message. An issuer
//! that is not HTTPS is refused, except on loopback (a provider on the same machine, or tests):
//! the id token that comes back from it decides who is logged in.

use reqwest::Url;

/// The claim that names the jobbro user when `JOBBRO_OIDC_USER_CLAIM` is not set.
pub const DEFAULT_USER_CLAIM: &str = "preferred_username";

/// jobbro's registration with one OpenID provider.
#[derive(Clone)]
pub struct OidcConfig {
    /// The provider's issuer identifier, exactly as the provider writes it in `iss`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// jobbro's callback, absolute (`https://jobbro.example/login/sso/callback`); registered at
    /// the provider as a redirect URI.
    pub redirect_url: Url,
    /// The id-token claim whose value is a jobbro user id.
    pub user_claim: String,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_url", &self.redirect_url.as_str())
            .field("user_claim", &self.user_claim)
            .finish()
    }
}

/// A setting that is missing or unusable. Names the variable, never echoes a secret.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub reason: String,
}

impl OidcConfig {
    /// Reads `JOBBRO_OIDC_ISSUER`, `JOBBRO_OIDC_CLIENT_ID`, `JOBBRO_OIDC_CLIENT_SECRET`,
    /// `JOBBRO_OIDC_REDIRECT_URL` and `JOBBRO_OIDC_USER_CLAIM` (default `preferred_username`).
    /// `Ok(None)` when no issuer is set: single sign-on is off.
    pub fn from_env() -> Result<Option<OidcConfig>, ConfigError> {
        OidcConfig::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`OidcConfig::from_env`] over any source of settings (tests pass a map).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<OidcConfig>, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let Some(issuer) = get("JOBBRO_OIDC_ISSUER") else {
            return Ok(None);
        };
        let required = |variable: &'static str| {
            get(variable).ok_or_else(|| ConfigError {
                variable,
                reason: "must be set when JOBBRO_OIDC_ISSUER is".into(),
            })
        };
        let client_id = required("JOBBRO_OIDC_CLIENT_ID")?;
        let client_secret = required("JOBBRO_OIDC_CLIENT_SECRET")?;
        let redirect = required("JOBBRO_OIDC_REDIRECT_URL")?;
        check_provider_url(&issuer).map_err(|reason| ConfigError {
            variable: "JOBBRO_OIDC_ISSUER",
            reason,
        })?;
        let redirect_url = Url::parse(&redirect)
            .ok()
            .filter(|u| matches!(u.scheme(), "https" | "http") && u.fragment().is_none())
            .ok_or_else(|| ConfigError {
                variable: "JOBBRO_OIDC_REDIRECT_URL",
                reason: "must be an absolute http(s) URL without a fragment".into(),
            })?;
        Ok(Some(OidcConfig {
            issuer,
            client_id,
            client_secret,
            redirect_url,
            user_claim: get("JOBBRO_OIDC_USER_CLAIM").unwrap_or_else(|| DEFAULT_USER_CLAIM.into()),
        }))
    }

    /// Whether the browser reaches jobbro over HTTPS, so cookies get the `Secure` flag.
    pub(crate) fn secure_cookies(&self) -> bool {
        self.redirect_url.scheme() == "https"
    }
}

/// Parses a URL of the provider (issuer or endpoint): HTTPS, or HTTP to loopback only.
pub(crate) fn check_provider_url(url: &str) -> Result<Url, String> {
    let parsed = Url::parse(url).map_err(|_| "is not an absolute URL".to_owned())?;
    let host = parsed.host_str().unwrap_or_default();
    let loopback = host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        _ => Err("must be an https URL (http only to loopback)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Option<OidcConfig>, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        OidcConfig::from_lookup(|name| map.get(name).cloned())
    }

    const FULL: [(&str, &str); 4] = [
        ("JOBBRO_OIDC_ISSUER", "https://idp.example/realms/k"),
        ("JOBBRO_OIDC_CLIENT_ID", "jobbro"),
        ("JOBBRO_OIDC_CLIENT_SECRET", "s3cret-value"),
        (
            "JOBBRO_OIDC_REDIRECT_URL",
            "https://jobbro.example/login/sso/callback",
        ),
    ];

    #[test]
    fn no_issuer_means_single_sign_on_is_off() {
        assert!(config(&[]).unwrap().is_none());
        assert!(config(&[("JOBBRO_OIDC_ISSUER", "  ")]).unwrap().is_none());
    }

    #[test]
    fn a_full_setting_is_read_with_the_default_claim_and_a_redacted_secret() {
        let c = config(&FULL).unwrap().unwrap();
        assert_eq!(c.user_claim, "preferred_username");
        assert!(c.secure_cookies());
        let debug = format!("{c:?}");
        assert!(!debug.contains("s3cret-value"), "{debug}");
        assert!(debug.contains("<redacted>"));
    }

    #[test]
    fn an_issuer_without_a_client_or_over_plain_http_is_refused() {
        let err = config(&FULL[..1]).unwrap_err();
        assert_eq!(err.variable, "JOBBRO_OIDC_CLIENT_ID");
        let mut plain = FULL;
        plain[0].1 = "http://idp.example";
        assert_eq!(config(&plain).unwrap_err().variable, "JOBBRO_OIDC_ISSUER");
        plain[0].1 = "http://127.0.0.1:8080";
        assert!(config(&plain).unwrap().is_some());
    }
}
