//! Faults of the moment: the disk under the database fills up, the database file turns
//! read-only, or the PostgreSQL server goes down and comes back (a restart, a fail-over). Each write is answered 503 with a message
//! saying nothing was saved — a page in the user's language, JSON with `Retry-After` in the API —
//! nothing of it is half-written, and service resumes by itself once the fault clears.
//!
//! The SQLite database lives on a small tmpfs of its own, mounted for the test, so the fault is
//! real and touches nothing else. Mounting needs root, as `scripts/test` and CI run. The
//! PostgreSQL test stops and starts the throw-away cluster of `scripts/test`
//! (`$JOBBRO_TEST_PG_CONTROL`); it runs when the suite runs on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use axum::Router;
use axum::http::StatusCode;
use jobbro_store::Database;
use serde_json::json;

use http::{get, post_json};
use office::{lead_token, office_in, session};

/// A tmpfs mounted on a temporary folder; unmounted when dropped (also when a test fails).
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    fn new(size: &str) -> Mount {
        let dir = tempfile::tempdir().unwrap();
        mount(
            &["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"],
            dir.path(),
        );
        Mount { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.path()).status();
    }
}

fn mount(args: &[&str], at: &Path) {
    let status = Command::new("mount").args(args).arg(at).status();
    assert!(
        status.as_ref().is_ok_and(|s| s.success()),
        "mount {args:?} failed ({status:?}): these tests need root, as scripts/test and CI run"
    );
}

/// Fills the file system with one file until it is full; the file, to free the space again.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    while file
        .write_all(&chunk)
        .and_then(|()| file.sync_all())
        .is_ok()
    {}
    path
}

/// The office on a SQLite file in `dir`, with the write-ahead log emptied into the database, so
/// that the next write needs new space on the disk.
async fn office_on(dir: &Path) -> (Database, Router) {
    let url = format!("sqlite:{}", dir.join("office.db").display());
    let db = Database::connect(&url, Some(&dir.join("office.key")))
        .await
        .unwrap();
    let app = office_in(&db).await;
    (db, app)
}

async fn checkpoint(db: &Database) {
    let Database::Sqlite(s) = db else {
        panic!("expected SQLite")
    };
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(s.pool())
        .await
        .unwrap();
}

fn contact(id: &str) -> String {
    json!({"records": [{"type": "contact", "id": id, "date": "2026-11-25", "enrolment": "e-1",
                        "kind": "meeting", "caseworker": "cw-1"}]})
    .to_string()
}

/// What was committed: the events and the audit rows, counted without writing anything (an
/// export would write its own audit row).
async fn committed(db: &Database) -> (i64, i64) {
    macro_rules! count {
        ($pool:expr) => {{
            let mut counts = Vec::new();
            for table in ["events", "audit_log"] {
                let sql = format!("SELECT count(*) FROM {table}");
                let n: i64 = sqlx::query_scalar(&sql).fetch_one($pool).await.unwrap();
                counts.push(n);
            }
            (counts[0], counts[1])
        }};
    }
    match db {
        Database::Sqlite(s) => count!(s.pool()),
        Database::Postgres(p) => count!(p.pool()),
    }
}

/// Sends a record through the API and a participant page read (which writes its audit row) with
/// the fault in place: both 503, with their messages, and nothing committed.
async fn refused_while_faulty(db: &Database, app: &Router, token: &str, cookie: &str, id: &str) {
    let before = committed(db).await;
    refused_answers(app, token, cookie, id).await;
    assert_eq!(committed(db).await, before, "nothing of it was committed");
}

/// A record sent through the API and a participant page read: both 503, with their messages.
async fn refused_answers(app: &Router, token: &str, cookie: &str, id: &str) {
    let auth = format!("Bearer {token}");
    let api = post_json("/api/v1/records", &contact(id))
        .headers(&[("authorization", &auth)])
        .send(app)
        .await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "{}", api.body);
    assert!(api.body.contains("nothing was written"), "{}", api.body);
    assert_eq!(
        api.headers.get("retry-after").map(|v| v.to_str().unwrap()),
        Some("5")
    );
    let page = get("/participants/p-1").cookie(cookie).send(app).await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(page.body.contains("Intet blev gemt"), "{}", page.body);
}

fn answer_added(body: &str) -> i64 {
    let answer: serde_json::Value = serde_json::from_str(body).unwrap();
    answer["added"]["contact"].as_i64().unwrap_or(0)
}

/// The same two, once the fault has cleared: saved and shown.
async fn served_again(db: &Database, app: &Router, token: &str, cookie: &str, id: &str) {
    let (events, _) = committed(db).await;
    let auth = format!("Bearer {token}");
    let api = post_json("/api/v1/records", &contact(id))
        .headers(&[("authorization", &auth)])
        .send(app)
        .await;
    assert_eq!(api.status, StatusCode::CREATED, "{}", api.body);
    assert_eq!(answer_added(&api.body), 1, "{}", api.body);
    assert_eq!(committed(db).await.0, events + 1);
    let page = get("/participants/p-1").cookie(cookie).send(app).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
}

#[tokio::test]
async fn a_full_disk_answers_503_writes_nothing_and_service_resumes_when_space_is_freed() {
    let disk = Mount::new("24m");
    let (db, app) = office_on(disk.path()).await;
    let token = lead_token(&db).await;
    let (cookie, _) = session(&app, "anna").await;
    checkpoint(&db).await;
    let filler = fill(disk.path());
    refused_while_faulty(&db, &app, &token, &cookie, "full-1").await;
    std::fs::remove_file(filler).unwrap();
    served_again(&db, &app, &token, &cookie, "full-2").await;
}

/// Database files made read-only while the server runs (`chattr +i`: refused even to root, on
/// ext4 where the suite runs); writable again when dropped, also when a test fails.
struct ReadOnly(Vec<PathBuf>);

impl ReadOnly {
    fn new(files: Vec<PathBuf>) -> ReadOnly {
        chattr("+i", &files);
        ReadOnly(files)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        chattr("-i", &self.0);
    }
}

fn chattr(flag: &str, files: &[PathBuf]) {
    let status = Command::new("chattr").arg(flag).args(files).status();
    assert!(
        status.as_ref().is_ok_and(|s| s.success()),
        "chattr {flag} failed ({status:?}): this test needs root and a file system with the immutable flag (ext4)"
    );
}

#[tokio::test]
async fn a_database_file_made_read_only_answers_503_writes_nothing_and_resumes_when_writable() {
    // Beside the build, on the disk the clone is on (ext4), not in /tmp (perhaps a tmpfs).
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (db, app) = office_on(dir.path()).await;
    let token = lead_token(&db).await;
    let (cookie, _) = session(&app, "anna").await;
    checkpoint(&db).await;
    // The database and its write-ahead log, where every write goes first.
    let files = ["office.db", "office.db-wal"].map(|f| dir.path().join(f));
    let read_only = ReadOnly::new(files.to_vec());
    refused_while_faulty(&db, &app, &token, &cookie, "ro-1").await;
    drop(read_only);
    served_again(&db, &app, &token, &cookie, "ro-2").await;
    // What was refused left nothing behind: the database is whole.
    let Database::Sqlite(s) = &db else {
        panic!("expected SQLite")
    };
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(s.pool())
        .await
        .unwrap();
    assert_eq!(check, "ok");
}

#[tokio::test]
async fn postgresql_going_down_answers_503_writes_nothing_and_service_resumes_when_it_is_back() {
    let t = jobbro_store::testing::fresh().await;
    if !t.is_postgres() {
        return; // the suite's SQLite run: the disk test above is its fault test
    }
    let control = std::env::var("JOBBRO_TEST_PG_CONTROL")
        .expect("JOBBRO_TEST_PG_CONTROL: run the PostgreSQL suite through scripts/test");
    let cluster = |action: &str| {
        let status = Command::new(&control).arg(action).status().unwrap();
        assert!(status.success(), "{control} {action}: {status}");
    };
    let db = t.connect().await;
    let app = office_in(&db).await;
    let token = lead_token(&db).await;
    let (cookie, _) = session(&app, "anna").await;
    let before = committed(&db).await;
    cluster("stop");
    let down = {
        let (app, token, cookie) = (app.clone(), token.clone(), cookie.clone());
        tokio::spawn(async move { refused_answers(&app, &token, &cookie, "pg-1").await })
    };
    let result = down.await;
    cluster("start"); // whatever happened, the rest of the suite needs the cluster
    if let Err(failed) = result {
        std::panic::resume_unwind(failed.into_panic());
    }
    assert_eq!(
        committed(&db).await,
        before,
        "nothing was committed while it was down"
    );
    served_again(&db, &app, &token, &cookie, "pg-2").await;
}
