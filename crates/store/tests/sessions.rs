//! Sessions and login throttling on both databases: a session lives 30 idle minutes and 12 hours
//! at most, ends at logout and when its user is disabled, is stored only as a hash of its cookie;
//! failed logins slow down one (account, address) pair and one address, never the account as such.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::net::IpAddr;

use chrono::{DateTime, Duration, TimeZone, Utc};
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::sessions::{
    self, LoginAttempt, LoginOutcome, Refusal, SessionStore, create_session, disable_user,
    end_session, end_sessions_of, find_session, log_in,
};
use jobbro_store::users::{NewUser, add_user};
use jobbro_store::{Database, testing};
use sqlx::Row;

const PASSWORD: &str = "a long enough password";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 16, 8, 0, 0).unwrap()
}

async fn db_with_user(id: &str) -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add_user(&db, user(id), t0()).await.unwrap();
    (t, db)
}

fn user(id: &str) -> NewUser {
    NewUser {
        id: id.into(),
        organisation: "default".into(),
        name: "Lea Lead".into(),
        email: None,
        role: Role::Lead,
        caseworker: None,
        programmes: Vec::new(),
        password: Some(PASSWORD.into()),
    }
}

fn ip(text: &str) -> Option<IpAddr> {
    Some(text.parse().unwrap())
}

fn attempt<'a>(account: &'a str, password: &'a str, address: &str) -> LoginAttempt<'a> {
    LoginAttempt {
        account,
        password,
        address: ip(address),
        user_agent: Some("test"),
    }
}

/// The reason for a refusal, or "ok".
async fn try_login(db: &Database, a: &LoginAttempt<'_>, at: DateTime<Utc>) -> &'static str {
    match log_in(db, a, at).await.unwrap() {
        LoginOutcome::LoggedIn { .. } => "ok",
        LoginOutcome::Refused { why, .. } => why.as_str(),
    }
}

/// Every text value stored in the sessions table.
async fn stored_session_text(db: &Database) -> String {
    let sql = "SELECT id_hash, user_id, created_at, last_seen_at, csrf_token, \
               COALESCE(user_agent, '') FROM sessions";
    let rows: Vec<Vec<String>> = match db {
        Database::Sqlite(s) => sqlx::query(sql)
            .fetch_all(s.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| (0..6).map(|i| r.get::<String, _>(i)).collect())
            .collect(),
        Database::Postgres(p) => sqlx::query(sql)
            .fetch_all(p.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| (0..6).map(|i| r.get::<String, _>(i)).collect())
            .collect(),
    };
    rows.concat().join("\n")
}

#[tokio::test]
async fn a_session_is_found_by_its_cookie_and_stored_only_as_its_hash() {
    let (_t, db) = db_with_user("lea").await;
    let new = create_session(&db, "lea", Some("Firefox"), t0())
        .await
        .unwrap();
    assert_eq!(new.cookie.len(), 64, "256 bits in hex");
    let found = find_session(&db, &new.cookie, t0()).await.unwrap().unwrap();
    assert_eq!(found.user_id, "lea");
    assert_eq!(found.id_hash, sessions::session_hash(&new.cookie));
    let stored = stored_session_text(&db).await;
    assert!(stored.contains(&found.id_hash));
    assert!(
        !stored.contains(&new.cookie),
        "the cookie value is not stored"
    );
    let other = create_session(&db, "lea", None, t0()).await.unwrap();
    assert_ne!(other.cookie, new.cookie);
    assert!(
        find_session(&db, &"0".repeat(64), t0())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let (_t, db) = db_with_user("lea").await;
    let cookie = create_session(&db, "lea", None, t0()).await.unwrap().cookie;
    let at = |m: i64| t0() + Duration::minutes(m);
    assert!(find_session(&db, &cookie, at(29)).await.unwrap().is_some());
    // Used at 29 minutes, so alive until 59.
    assert!(find_session(&db, &cookie, at(58)).await.unwrap().is_some());
    assert!(
        find_session(&db, &cookie, at(58 + 30))
            .await
            .unwrap()
            .is_none()
    );
    // Gone for good, not merely refused at that time.
    assert!(find_session(&db, &cookie, at(60)).await.unwrap().is_none());
    assert!(
        db.session(&sessions::session_hash(&cookie))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_however_busy() {
    let (_t, db) = db_with_user("lea").await;
    let cookie = create_session(&db, "lea", None, t0()).await.unwrap().cookie;
    let mut at = t0();
    while at + Duration::minutes(20) < t0() + Duration::hours(12) {
        at += Duration::minutes(20);
        assert!(
            find_session(&db, &cookie, at).await.unwrap().is_some(),
            "used every 20 minutes, alive at {at}"
        );
    }
    let end = t0() + Duration::hours(12);
    assert!(find_session(&db, &cookie, end).await.unwrap().is_none());
}

#[tokio::test]
async fn logout_ends_one_session_and_disabling_ends_them_all() {
    let (_t, db) = db_with_user("lea").await;
    add_user(&db, user("sam"), t0()).await.unwrap();
    let a = create_session(&db, "lea", None, t0()).await.unwrap().cookie;
    let b = create_session(&db, "lea", None, t0()).await.unwrap().cookie;
    let c = create_session(&db, "lea", None, t0()).await.unwrap().cookie;
    let sam = create_session(&db, "sam", None, t0()).await.unwrap().cookie;
    assert!(end_session(&db, &a).await.unwrap());
    assert!(find_session(&db, &a, t0()).await.unwrap().is_none());
    assert!(find_session(&db, &b, t0()).await.unwrap().is_some());
    assert!(disable_user(&db, "lea", t0()).await.unwrap());
    for cookie in [&b, &c] {
        assert!(find_session(&db, cookie, t0()).await.unwrap().is_none());
    }
    assert!(db.user("lea").await.unwrap().unwrap().disabled_at.is_some());
    assert!(
        find_session(&db, &sam, t0()).await.unwrap().is_some(),
        "others stay"
    );
    assert!(!disable_user(&db, "nobody", t0()).await.unwrap());
    assert_eq!(end_sessions_of(&db, "sam").await.unwrap(), 1);
}

#[tokio::test]
async fn the_right_password_logs_in_and_every_failure_looks_the_same_to_the_caller() {
    let (_t, db) = db_with_user("lea").await;
    let ok = log_in(&db, &attempt("lea", PASSWORD, "192.0.2.1"), t0())
        .await
        .unwrap();
    let LoginOutcome::LoggedIn { user, session } = ok else {
        panic!("expected a login, got {ok:?}")
    };
    assert_eq!(user.id, "lea");
    assert!(
        find_session(&db, &session.cookie, t0())
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        try_login(&db, &attempt("lea", "wrong password!", "192.0.2.1"), t0()).await,
        "wrong password"
    );
    assert_eq!(
        try_login(&db, &attempt("nobody", PASSWORD, "192.0.2.1"), t0()).await,
        "unknown account"
    );
    disable_user(&db, "lea", t0()).await.unwrap();
    assert_eq!(
        try_login(&db, &attempt("lea", PASSWORD, "192.0.2.1"), t0()).await,
        Refusal::Disabled.as_str()
    );
}

#[tokio::test]
async fn five_failures_lock_only_that_account_from_that_address_until_the_window_passes() {
    let (_t, db) = db_with_user("lea").await;
    let at = |m: i64| t0() + Duration::minutes(m);
    for _ in 0..5 {
        let got = try_login(
            &db,
            &attempt("lea", "a wrong guess!!", "203.0.113.9"),
            at(1),
        )
        .await;
        assert_eq!(got, "wrong password");
    }
    // Even the right password is refused now, without being checked.
    let from_attacker = attempt("lea", PASSWORD, "203.0.113.9");
    assert_eq!(try_login(&db, &from_attacker, at(2)).await, "throttled");
    // The real user, elsewhere, is not locked out.
    assert_eq!(
        try_login(&db, &attempt("lea", PASSWORD, "192.0.2.1"), at(2)).await,
        "ok"
    );
    // Another account from the attacker's address is not locked either.
    add_user(&db, user("sam"), t0()).await.unwrap();
    assert_eq!(
        try_login(&db, &attempt("sam", PASSWORD, "203.0.113.9"), at(2)).await,
        "ok"
    );
    // Fifteen minutes after the failures, the pair may try again.
    assert_eq!(try_login(&db, &from_attacker, at(16)).await, "ok");
}

#[tokio::test]
async fn twenty_failures_from_one_address_lock_that_address_for_every_account() {
    let (_t, db) = db_with_user("lea").await;
    for i in 0..20 {
        let name = format!("guess{i}");
        let got = try_login(&db, &attempt(&name, "a wrong guess!!", "203.0.113.9"), t0()).await;
        assert_eq!(got, "unknown account");
    }
    assert_eq!(
        try_login(&db, &attempt("lea", PASSWORD, "203.0.113.9"), t0()).await,
        "throttled"
    );
    // An IPv6 attacker cannot escape by changing address within their /64.
    let v6 = |n: u32| format!("2001:db8:5:6::{n:x}");
    for n in 0..20 {
        try_login(&db, &attempt("lea", "a wrong guess!!", &v6(n)), t0()).await;
    }
    assert_eq!(
        try_login(&db, &attempt("lea", PASSWORD, &v6(999)), t0()).await,
        "throttled"
    );
    assert_eq!(
        try_login(&db, &attempt("lea", PASSWORD, "192.0.2.1"), t0()).await,
        "ok"
    );
    let later = t0() + Duration::minutes(15) + Duration::seconds(1);
    assert_eq!(
        try_login(&db, &attempt("lea", PASSWORD, "203.0.113.9"), later).await,
        "ok"
    );
}
