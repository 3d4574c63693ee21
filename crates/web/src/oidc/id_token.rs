//! Checking an id token (OpenID Connect Core 1.0, 3.1.3.7): RS256 only, signed by one of the
//! provider's keys, issued by the configured issuer for this client, fresh, and carrying the nonce
//! this sign-in started with. Time is a parameter.
//!
//! Never accept `alg: none`, an HMAC algorithm (the client secret is not a signing key here) or
//! any other algorithm than RS256; never log a token or a claim value — a [`TokenProblem`] names
//! what failed, never what the token said.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::{Map, Value};

use subtle::ConstantTimeEq;

/// Clock difference tolerated between jobbro and the provider, in seconds.
pub const LEEWAY_SECONDS: f64 = 60.0;

/// Why an id token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenProblem {
    #[error("the id token is not a well-formed JWT")]
    Malformed,
    #[error("the id token is not signed with RS256")]
    Algorithm,
    #[error("the id token names no signing key the provider publishes")]
    UnknownKey,
    #[error("the id token's signature does not verify")]
    Signature,
    #[error("the id token lacks a required claim")]
    MissingClaim,
    #[error("the id token was issued by another issuer")]
    Issuer,
    #[error("the id token is not meant for this client")]
    Audience,
    #[error("the id token has expired")]
    Expired,
    #[error("the id token was issued in the future")]
    IssuedInFuture,
    #[error("the id token is not valid yet")]
    NotYetValid,
    #[error("the id token's nonce is not this sign-in's")]
    Nonce,
}

/// What the token must say.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub now: DateTime<Utc>,
}

/// The token's header: the key id, once the algorithm is known to be RS256.
pub fn signing_key_id(token: &str) -> Result<Option<String>, TokenProblem> {
    let encoded = token.split('.').next().ok_or(TokenProblem::Malformed)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|_| TokenProblem::Malformed)?;
    let header: Value = serde_json::from_slice(&bytes).map_err(|_| TokenProblem::Malformed)?;
    if header.get("alg").and_then(Value::as_str) != Some("RS256") {
        return Err(TokenProblem::Algorithm);
    }
    Ok(header.get("kid").and_then(Value::as_str).map(str::to_owned))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

/// The claims every id token must carry, and the optional ones that are checked when present.
#[derive(Deserialize)]
struct Standard {
    iss: String,
    aud: Audience,
    #[allow(dead_code)] // required by the standard; its presence is what is checked
    sub: String,
    exp: f64,
    iat: f64,
    nbf: Option<f64>,
    nonce: Option<String>,
    azp: Option<String>,
}

/// Verifies the signature with `key` and checks every claim; returns all claims on success.
pub fn verify(
    token: &str,
    key: &DecodingKey,
    expected: &Expected<'_>,
) -> Result<Map<String, Value>, TokenProblem> {
    signing_key_id(token)?;
    let mut validation = Validation::new(Algorithm::RS256);
    // Claims are checked below, against the clock jobbro is given, not the library's own.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let data =
        jsonwebtoken::decode::<Map<String, Value>>(token, key, &validation).map_err(|e| match e
            .kind()
        {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => TokenProblem::Signature,
            jsonwebtoken::errors::ErrorKind::InvalidAlgorithm => TokenProblem::Algorithm,
            _ => TokenProblem::Malformed,
        })?;
    let claims = data.claims;
    let standard: Standard = serde_json::from_value(Value::Object(claims.clone()))
        .map_err(|_| TokenProblem::MissingClaim)?;
    check_claims(&standard, expected)?;
    Ok(claims)
}

fn check_claims(claims: &Standard, expected: &Expected<'_>) -> Result<(), TokenProblem> {
    if claims.iss != expected.issuer {
        return Err(TokenProblem::Issuer);
    }
    let audiences: Vec<&str> = match &claims.aud {
        Audience::One(a) => vec![a.as_str()],
        Audience::Many(many) => many.iter().map(String::as_str).collect(),
    };
    if !audiences.contains(&expected.client_id) {
        return Err(TokenProblem::Audience);
    }
    // With several audiences the authorised party must be named, and be us; if named, be us.
    match claims.azp.as_deref() {
        Some(azp) if azp != expected.client_id => return Err(TokenProblem::Audience),
        None if audiences.len() > 1 => return Err(TokenProblem::Audience),
        _ => {}
    }
    // Seconds since the epoch; an f64 holds them exactly for many millennia.
    let now = expected.now.timestamp() as f64;
    if claims.exp + LEEWAY_SECONDS <= now {
        return Err(TokenProblem::Expired);
    }
    if claims.iat > now + LEEWAY_SECONDS {
        return Err(TokenProblem::IssuedInFuture);
    }
    if claims.nbf.is_some_and(|nbf| nbf > now + LEEWAY_SECONDS) {
        return Err(TokenProblem::NotYetValid);
    }
    match claims.nonce.as_deref() {
        Some(nonce) if bool::from(nonce.as_bytes().ct_eq(expected.nonce.as_bytes())) => Ok(()),
        _ => Err(TokenProblem::Nonce),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn standard(aud: Audience, azp: Option<&str>, exp_in: i64) -> Standard {
        let now = Utc::now().timestamp();
        Standard {
            iss: "https://idp".into(),
            aud,
            sub: "s".into(),
            exp: (now + exp_in) as f64,
            iat: (now - 5) as f64,
            nbf: None,
            nonce: Some("n".into()),
            azp: azp.map(str::to_owned),
        }
    }

    fn expected() -> Expected<'static> {
        Expected {
            issuer: "https://idp",
            client_id: "jobbro",
            nonce: "n",
            now: Utc::now(),
        }
    }

    #[test]
    fn several_audiences_need_an_authorised_party_that_is_this_client() {
        let many = || Audience::Many(vec!["jobbro".into(), "other".into()]);
        assert_eq!(
            check_claims(&standard(many(), None, 300), &expected()),
            Err(TokenProblem::Audience)
        );
        assert_eq!(
            check_claims(&standard(many(), Some("other"), 300), &expected()),
            Err(TokenProblem::Audience)
        );
        assert!(check_claims(&standard(many(), Some("jobbro"), 300), &expected()).is_ok());
    }

    #[test]
    fn expiry_allows_a_minute_of_clock_skew_and_no_more() {
        let one = || Audience::One("jobbro".into());
        assert!(check_claims(&standard(one(), None, -30), &expected()).is_ok());
        assert_eq!(
            check_claims(&standard(one(), None, -90), &expected()),
            Err(TokenProblem::Expired)
        );
        let mut future = standard(one(), None, 300);
        future.iat = (Utc::now() + Duration::minutes(5)).timestamp() as f64;
        assert_eq!(
            check_claims(&future, &expected()),
            Err(TokenProblem::IssuedInFuture)
        );
    }

    #[test]
    fn only_rs256_headers_are_read() {
        let token = |header: &str| format!("{}.e30.", URL_SAFE_NO_PAD.encode(header));
        assert_eq!(
            signing_key_id(&token(r#"{"alg":"none"}"#)),
            Err(TokenProblem::Algorithm)
        );
        assert_eq!(
            signing_key_id(&token(r#"{"alg":"HS256","kid":"k"}"#)),
            Err(TokenProblem::Algorithm)
        );
        assert_eq!(
            signing_key_id(&token(r#"{"alg":"RS256","kid":"k"}"#)),
            Ok(Some("k".into()))
        );
        assert_eq!(signing_key_id("%%%"), Err(TokenProblem::Malformed));
    }
}
