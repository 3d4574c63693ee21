//! `jobbro user disable` and `jobbro user reset-password` end every session of the user at once,
//! on whichever database the suite runs on; other users' sessions stay.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::process::Command;

use chrono::Utc;
use jobbro_store::sessions::{create_session, find_session};
use jobbro_store::testing::{self, TestDb};

/// Runs `jobbro --db … --key-file … ARGS` and insists it succeeds.
fn jobbro(t: &TestDb, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_jobbro"))
        .arg("--db")
        .arg(&t.url)
        .arg("--key-file")
        .arg(t.key_file())
        .args(args)
        .env_remove("JOBBRO_DB")
        .env_remove("JOBBRO_KEY_FILE")
        .output()
        .expect("the jobbro binary runs");
    assert!(output.status.success(), "jobbro {args:?}: {output:?}");
}

#[tokio::test]
async fn disabling_or_resetting_a_user_from_the_command_line_ends_their_sessions() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    for id in ["lea", "sam"] {
        jobbro(
            &t,
            &["user", "add", id, "--name", "Someone", "--role", "lead"],
        );
    }
    let now = Utc::now();
    let lea = create_session(&db, "lea", None, now).await.unwrap().cookie;
    let sam = create_session(&db, "sam", None, now).await.unwrap().cookie;
    jobbro(&t, &["user", "disable", "lea"]);
    assert!(find_session(&db, &lea, now).await.unwrap().is_none());
    assert!(find_session(&db, &sam, now).await.unwrap().is_some());
    jobbro(&t, &["user", "reset-password", "sam"]);
    assert!(find_session(&db, &sam, now).await.unwrap().is_none());
}
