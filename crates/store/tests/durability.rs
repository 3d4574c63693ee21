//! A committed import survives a crash or power cut: SQLite runs in WAL mode with
//! `synchronous=FULL` and foreign keys on, on every connection of the pool.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use jobbro_store::Database;

async fn sqlite_in(dir: &tempfile::TempDir) -> Database {
    let url = format!("sqlite:{}", dir.path().join("d.db").display());
    Database::connect(&url, Some(&dir.path().join("d.key")))
        .await
        .unwrap()
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_in(&dir).await;
    let Database::Sqlite(s) = &db else {
        panic!("expected SQLite")
    };
    // Ask several connections, not just the first one the pool hands out.
    let mut conns = Vec::new();
    for _ in 0..3 {
        let mut c = s.pool().acquire().await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "synchronous=FULL");
        assert_eq!(fk, 1);
        conns.push(c);
    }
}

#[tokio::test]
async fn a_new_sqlite_database_gets_its_key_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("office.db").display());
    Database::connect(&url, None).await.unwrap();
    assert!(dir.path().join("office.key").exists());
}

/// A request cancelled while its write transaction was being begun (a browser closing the tab)
/// leaves a connection that sqlx counts as inside a transaction with no `Transaction` to end
/// it. Here that state is made on purpose (the `Transaction` is forgotten, so it never rolls
/// back). The pool must not hand that connection, still holding the write lock, to later
/// writers: every save after it would wait for the lock and fail with "database is locked".
#[tokio::test]
async fn a_connection_abandoned_inside_a_write_transaction_does_not_block_later_saves() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_in(&dir).await;
    let Database::Sqlite(s) = &db else {
        panic!("expected SQLite")
    };
    {
        let mut conn = s.pool().acquire().await.unwrap();
        let tx = sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE")
            .await
            .unwrap();
        std::mem::forget(tx);
    }
    let ctx = jobbro_store::Context::at_day(
        "test",
        chrono::NaiveDate::from_ymd_opt(2024, 6, 16).unwrap(),
    );
    let programme = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2021-06-01"}"#;
    // More saves than the pool has connections, so each connection is used at least once.
    for round in 0..8 {
        let saved = tokio::time::timeout(
            std::time::Duration::from_secs(5),
            jobbro_store::import_timeline(&db, std::io::Cursor::new(programme), &ctx),
        )
        .await
        .unwrap_or_else(|_| panic!("save {round} waited for the abandoned write lock"));
        saved.unwrap_or_else(|e| panic!("save {round} failed: {e}"));
    }
}
