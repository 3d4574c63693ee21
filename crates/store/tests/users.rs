//! Users and API tokens on both databases: passwords hashed and checked, ids unique, tokens shown
//! once, stored hashed, and refused once revoked or expired.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::{Duration, TimeZone, Utc};
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::users::{
    NewUser, TokenRequest, add_user, issue_token, password_matches, resolve_token,
};
use jobbro_store::{StoreError, testing};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 16, 12, 0, 0).unwrap()
}

fn lead(id: &str) -> NewUser {
    NewUser {
        id: id.into(),
        organisation: "default".into(),
        name: "Lea Lead".into(),
        email: None,
        role: Role::Lead,
        caseworker: None,
        programmes: Vec::new(),
        password: Some("a long enough password".into()),
    }
}

#[tokio::test]
async fn a_user_is_stored_with_a_hashed_password_that_checks() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add_user(&db, lead("lea"), now()).await.unwrap();
    let stored = db.user("lea").await.unwrap().unwrap();
    let hash = stored.password_hash.clone().unwrap();
    assert!(!hash.contains("a long enough password"));
    assert!(password_matches("a long enough password", &hash));
    assert!(
        !format!("{stored:?}").contains(&hash),
        "Debug hides the hash"
    );
}

#[tokio::test]
async fn duplicate_ids_short_passwords_and_caseworkers_without_an_id_are_refused() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add_user(&db, lead("lea"), now()).await.unwrap();
    let field = |r: Result<_, StoreError>| match r {
        Err(StoreError::BadInput { field, .. }) => field,
        other => panic!("expected bad input, got {other:?}"),
    };
    assert_eq!(field(add_user(&db, lead("lea"), now()).await), "id");
    let short = NewUser {
        password: Some("short".into()),
        ..lead("sam")
    };
    assert_eq!(field(add_user(&db, short, now()).await), "password");
    let cw = NewUser {
        role: Role::Caseworker,
        ..lead("cas")
    };
    assert_eq!(field(add_user(&db, cw, now()).await), "caseworker");
    assert_eq!(db.users(None).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_disabled_user_is_marked_and_can_be_found() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add_user(&db, lead("lea"), now()).await.unwrap();
    assert!(
        db.set_user_disabled("lea", Some("2024-06-16T12:00:00.000000Z"))
            .await
            .unwrap()
    );
    assert!(db.user("lea").await.unwrap().unwrap().disabled_at.is_some());
    assert!(!db.set_user_disabled("nobody", Some("x")).await.unwrap());
}

#[tokio::test]
async fn a_token_resolves_until_it_is_revoked_or_expires() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let request = TokenRequest {
        organisation: "default".into(),
        name: "crm".into(),
        role: Role::Analyst,
        programme: None,
        expires: now() + Duration::days(30),
    };
    let issued = issue_token(&db, &request, "cli:root", now()).await.unwrap();
    let stored = db.tokens(None).await.unwrap();
    assert!(
        !stored[0].token_hash.contains(&issued.secret[7..]),
        "only a hash is stored"
    );
    assert_eq!(
        resolve_token(&db, &issued.secret, now())
            .await
            .unwrap()
            .unwrap()
            .id,
        issued.row.id
    );
    assert!(
        resolve_token(&db, "jobbro_wrong", now())
            .await
            .unwrap()
            .is_none()
    );
    let later = now() + Duration::days(31);
    assert!(
        resolve_token(&db, &issued.secret, later)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(
        db.revoke_token(&issued.row.id, "2024-06-17T00:00:00.000000Z")
            .await
            .unwrap()
    );
    assert!(
        resolve_token(&db, &issued.secret, now())
            .await
            .unwrap()
            .is_none(),
        "revoked"
    );
}

#[tokio::test]
async fn tokens_never_carry_the_admin_role() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let request = TokenRequest {
        organisation: "default".into(),
        name: "root".into(),
        role: Role::Admin,
        programme: None,
        expires: now() + Duration::days(1),
    };
    assert!(matches!(
        issue_token(&db, &request, "cli:root", now()).await,
        Err(StoreError::BadInput { .. })
    ));
}
