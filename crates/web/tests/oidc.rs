//! Single sign-on against a real (small) OpenID provider on loopback: a user the provider vouches
//! for gets a session; every way the state, the provider or the id token can be wrong is refused
//! and starts no session — on whichever database the suite runs on. Refusals after a valid state
//! are audited as `login_failed`; those before it (anyone can send them) are only logged.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/provider.rs"]
mod provider;
#[path = "support/sso.rs"]
mod sso;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use jobbro_store::sessions::{create_session, find_session};
use provider::{CLIENT_ID, CLIENT_SECRET, Misbehaviour};
use sso::{CALLBACK, Sso, log, query_of};

#[tokio::test]
async fn a_user_the_provider_vouches_for_gets_a_session() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (url, cookie) = sso.begin().await;

    let q = query_of(&url);
    assert!(url.starts_with(&format!("{}/authorize?", sso.provider.issuer())));
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["scope"], "openid");
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["redirect_uri"], CALLBACK);
    assert_eq!(q["code_challenge_method"], "S256");
    // 256 random bits each, base64url: well over the 128 asked for.
    assert!(q["state"].len() >= 43 && q["nonce"].len() >= 43);
    assert_ne!(q["state"], q["nonce"]);
    assert_eq!(cookie, format!("jobbro_sso_state={}", q["state"]));

    let back = sso.approve(&url).await;
    let answer = Sso::get(&sso.app, &back, Some(&cookie)).await;

    // A page that moves on to `/` by itself (a 303 would lose the SameSite=Strict cookie).
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer
            .body
            .contains(r#"<meta http-equiv="refresh" content="0; url=/">"#)
    );
    let cookies = answer.cookies();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("jobbro_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    let value = session
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("jobbro_session=");
    let row = find_session(sso.db.as_ref(), value, Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.user_id, "lead1");
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("jobbro_sso_state=;") && c.contains("Max-Age=0"))
    );
    // The provider checked the client's secret and its PKCE verifier against the challenge.
    let seen = sso.provider.seen();
    assert_eq!(seen.client_auth, ["basic ok"]);
    assert_eq!(seen.pkce, ["pkce ok"]);
    let logins = sso.audit("login").await;
    assert_eq!(logins.len(), 1);
    assert_eq!(
        (logins[0].actor.as_str(), logins[0].subject.as_str()),
        ("lead1", "lead1")
    );
    assert_eq!(logins[0].subject_type, "user");
    assert!(sso.audit("login_failed").await.is_empty());
}

#[tokio::test]
async fn signing_in_ends_the_session_the_browser_had() {
    let sso = Sso::start(Misbehaviour::None).await;
    let old = create_session(sso.db.as_ref(), "lead1", None, Utc::now())
        .await
        .unwrap()
        .cookie;
    let (url, state_cookie) = sso.begin().await;
    let back = sso.approve(&url).await;
    let cookies = format!("{state_cookie}; jobbro_session={old}");

    let answer = Sso::get(&sso.app, &back, Some(&cookies)).await;

    assert_eq!(answer.status, StatusCode::OK);
    let found = find_session(sso.db.as_ref(), &old, Utc::now()).await;
    assert!(found.unwrap().is_none());
    assert_eq!(sso.sessions_of("lead1").await, 1);
}

#[tokio::test]
async fn the_state_cookie_is_http_only_lax_and_short_lived() {
    let sso = Sso::start(Misbehaviour::None).await;
    let answer = Sso::get(&sso.app, "/login/sso", None).await;
    let cookie = &answer.cookies()[0];
    for part in ["HttpOnly", "SameSite=Lax", "Path=/login/sso", "Max-Age=600"] {
        assert!(cookie.contains(part), "{cookie}");
    }
}

#[tokio::test]
async fn a_replayed_callback_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (url, cookie) = sso.begin().await;
    let back = sso.approve(&url).await;
    assert_eq!(
        Sso::get(&sso.app, &back, Some(&cookie)).await.status,
        StatusCode::OK
    );

    let again = Sso::get(&sso.app, &back, Some(&cookie)).await;

    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(
        !again
            .cookies()
            .iter()
            .any(|c| c.starts_with("jobbro_session"))
    );
    assert_eq!(sso.sessions_of("lead1").await, 1);
    assert_eq!(sso.audit("login").await.len(), 1);
    // A used state is no longer this server's: logged, not audited.
    assert!(sso.audit("login_failed").await.is_empty());
    let log = String::from_utf8(log().lock().unwrap().clone()).unwrap();
    assert!(log.contains("reason=\"unknown_state\""));
}

#[tokio::test]
async fn a_callback_with_a_state_never_issued_is_refused_and_not_audited() {
    let sso = Sso::start(Misbehaviour::None).await;
    let cookie = "jobbro_sso_state=made-up";

    let answer = Sso::get(
        &sso.app,
        "/login/sso/callback?code=x&state=made-up",
        Some(cookie),
    )
    .await;

    sso.assert_refused_unaudited(&answer, StatusCode::BAD_REQUEST, "unknown_state")
        .await;
}

#[tokio::test]
async fn a_bare_anonymous_callback_is_refused_and_not_audited() {
    let sso = Sso::start(Misbehaviour::None).await;
    for _ in 0..3 {
        let answer = Sso::get(&sso.app, "/login/sso/callback", None).await;
        sso.assert_refused_unaudited(&answer, StatusCode::BAD_REQUEST, "no_state")
            .await;
    }
}

#[tokio::test]
async fn a_callback_with_a_valid_state_but_no_code_is_audited() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (url, cookie) = sso.begin().await;
    let back = sso.approve(&url).await;
    let (path, query) = back.split_once('?').unwrap();
    let without_code: Vec<&str> = query
        .split('&')
        .filter(|p| !p.starts_with("code="))
        .collect();

    let answer = Sso::get(
        &sso.app,
        &format!("{path}?{}", without_code.join("&")),
        Some(&cookie),
    )
    .await;

    sso.assert_refused(&answer, StatusCode::BAD_REQUEST, "no_code")
        .await;
}

#[tokio::test]
async fn a_callback_with_another_browsers_state_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (_, my_cookie) = sso.begin().await;
    let (their_url, _) = sso.begin().await;
    let their_callback = sso.approve(&their_url).await;

    let answer = Sso::get(&sso.app, &their_callback, Some(&my_cookie)).await;

    sso.assert_refused_unaudited(&answer, StatusCode::BAD_REQUEST, "state_mismatch")
        .await;
}

#[tokio::test]
async fn a_callback_without_the_state_cookie_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (url, _) = sso.begin().await;
    let back = sso.approve(&url).await;

    let answer = Sso::get(&sso.app, &back, None).await;

    sso.assert_refused_unaudited(&answer, StatusCode::BAD_REQUEST, "no_state_cookie")
        .await;
}

#[tokio::test]
async fn a_callback_without_a_state_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (url, cookie) = sso.begin().await;
    let back = sso.approve(&url).await;
    let without_state: String = back
        .split('&')
        .filter(|p| !p.starts_with("state="))
        .collect();

    let answer = Sso::get(&sso.app, &without_state, Some(&cookie)).await;

    sso.assert_refused_unaudited(&answer, StatusCode::BAD_REQUEST, "no_state")
        .await;
}

#[tokio::test]
async fn a_callback_with_a_repeated_state_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (url, cookie) = sso.begin().await;
    let back = sso.approve(&url).await;

    let answer = Sso::get(&sso.app, &format!("{back}&state=again"), Some(&cookie)).await;

    sso.assert_refused_unaudited(&answer, StatusCode::BAD_REQUEST, "bad_query")
        .await;
}

fn eleven_minutes_on() -> DateTime<Utc> {
    Utc::now() + Duration::minutes(11)
}

#[tokio::test]
async fn a_sign_in_older_than_ten_minutes_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    let (url, cookie) = sso.begin().await;
    let back = sso.approve(&url).await;

    let answer = Sso::get(&sso.app_at(eleven_minutes_on), &back, Some(&cookie)).await;

    sso.assert_refused_unaudited(&answer, StatusCode::BAD_REQUEST, "expired_state")
        .await;
}

async fn refused_when(misbehaviour: Misbehaviour, status: StatusCode, reason: &str) -> Sso {
    let sso = Sso::start(misbehaviour).await;
    let answer = sso.sign_in().await;
    sso.assert_refused(&answer, status, reason).await;
    sso
}

#[tokio::test]
async fn a_token_whose_claims_were_changed_after_signing_is_refused() {
    refused_when(
        Misbehaviour::TamperedSignature,
        StatusCode::BAD_REQUEST,
        "token_signature",
    )
    .await;
}

#[tokio::test]
async fn a_token_signed_with_the_client_secret_is_refused() {
    refused_when(
        Misbehaviour::Hs256WithClientSecret,
        StatusCode::BAD_REQUEST,
        "token_algorithm",
    )
    .await;
}

#[tokio::test]
async fn an_unsigned_token_is_refused() {
    refused_when(
        Misbehaviour::AlgNone,
        StatusCode::BAD_REQUEST,
        "token_algorithm",
    )
    .await;
}

#[tokio::test]
async fn a_token_from_another_issuer_is_refused() {
    refused_when(
        Misbehaviour::WrongIssuer,
        StatusCode::BAD_REQUEST,
        "token_issuer",
    )
    .await;
}

#[tokio::test]
async fn a_token_for_another_client_is_refused() {
    refused_when(
        Misbehaviour::WrongAudience,
        StatusCode::BAD_REQUEST,
        "token_audience",
    )
    .await;
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    refused_when(
        Misbehaviour::Expired,
        StatusCode::BAD_REQUEST,
        "token_expired",
    )
    .await;
}

#[tokio::test]
async fn a_token_with_another_nonce_is_refused() {
    refused_when(
        Misbehaviour::WrongNonce,
        StatusCode::BAD_REQUEST,
        "token_nonce",
    )
    .await;
}

#[tokio::test]
async fn a_wrong_pkce_verifier_is_refused_by_the_provider() {
    let sso = refused_when(
        Misbehaviour::WrongChallenge,
        StatusCode::BAD_REQUEST,
        "token_refused",
    )
    .await;
    assert_eq!(sso.provider.seen().pkce, ["pkce mismatch"]);
}

#[tokio::test]
async fn a_user_who_declines_at_the_provider_is_not_signed_in() {
    refused_when(
        Misbehaviour::Declines,
        StatusCode::BAD_REQUEST,
        "provider_declined",
    )
    .await;
}

#[tokio::test]
async fn a_provider_that_names_another_issuer_is_not_used() {
    let sso = Sso::start(Misbehaviour::DiscoveryNamesAnotherIssuer).await;
    let answer = Sso::get(&sso.app, "/login/sso", None).await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert!(sso.provider.seen().authorize_queries.is_empty());
}

#[tokio::test]
async fn an_unknown_user_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    sso.provider.sign_in_as("stranger");
    let answer = sso.sign_in().await;
    sso.assert_refused(&answer, StatusCode::FORBIDDEN, "unknown_user")
        .await;
    assert_eq!(sso.audit("login_failed").await[0].subject, "stranger");
}

#[tokio::test]
async fn a_disabled_user_is_refused() {
    let sso = Sso::start(Misbehaviour::None).await;
    sso.provider.sign_in_as("gone1");
    let answer = sso.sign_in().await;
    sso.assert_refused(&answer, StatusCode::FORBIDDEN, "disabled_user")
        .await;
    assert_eq!(sso.audit("login_failed").await[0].subject, "gone1");
}

#[tokio::test]
async fn no_code_token_or_state_reaches_the_log_or_the_browser() {
    let ok = Sso::start(Misbehaviour::None).await;
    let answer = ok.sign_in().await;
    assert_eq!(answer.status, StatusCode::OK);
    let bad = Sso::start(Misbehaviour::WrongNonce).await;
    let refused = bad.sign_in().await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);

    let log = String::from_utf8(log().lock().unwrap().clone()).unwrap();
    assert!(log.contains("single sign-on succeeded") && log.contains("token_nonce"));
    for sso in [&ok, &bad] {
        let seen = sso.provider.seen();
        let q = &seen.authorize_queries[0];
        let secrets = [&q["state"], &q["nonce"], &seen.codes[0], &seen.id_tokens[0]];
        for secret in secrets.into_iter().chain([&CLIENT_SECRET.to_owned()]) {
            assert!(!log.contains(secret.as_str()), "a secret reached the log");
            assert!(!refused.body.contains(secret.as_str()));
        }
    }
    let session = answer.cookies()[0].split(';').next().unwrap().to_owned();
    let session = session.trim_start_matches("jobbro_session=");
    assert!(session.len() == 64 && !log.contains(session));
    // The claimed user is personal data: audited, never logged (by any test of this file).
    assert!(!log.contains("lead1") && !log.contains("stranger"));
}

/// The whole application, as `jobbro serve` builds it with `JOBBRO_OIDC_*` set, offers the
/// sign-in: `/login/sso` sends the browser to the provider, next to every other route.
#[tokio::test]
async fn the_served_application_offers_single_sign_on_when_configured() {
    let provider = provider::TestProvider::start(Misbehaviour::None).await;
    let settings = std::collections::HashMap::from([
        ("JOBBRO_OIDC_ISSUER", provider.issuer().to_owned()),
        ("JOBBRO_OIDC_CLIENT_ID", CLIENT_ID.to_owned()),
        ("JOBBRO_OIDC_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
        ("JOBBRO_OIDC_REDIRECT_URL", CALLBACK.to_owned()),
    ]);
    let config = jobbro_web::oidc::OidcConfig::from_lookup(|name| settings.get(name).cloned())
        .unwrap()
        .unwrap();
    let t = jobbro_store::testing::fresh().await;
    let app = jobbro_web::app_with_sso(
        t.connect().await,
        jobbro_web::WebConfig::default(),
        Utc::now,
        config,
    )
    .unwrap();
    let answer = Sso::get(&app, "/login/sso", None).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert!(
        answer
            .location()
            .starts_with(&format!("{}/authorize?", provider.issuer()))
    );
    assert_eq!(Sso::get(&app, "/health", None).await.status, StatusCode::OK);
    // Without the settings, there is no such route.
    let plain = jobbro_web::app(t.connect().await);
    assert_eq!(
        Sso::get(&plain, "/login/sso", None).await.status,
        StatusCode::NOT_FOUND
    );
}
