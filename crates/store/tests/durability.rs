//! A committed import survives a crash or power cut: SQLite runs in WAL mode with
//! `synchronous=FULL` and foreign keys on, on every connection of the pool.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use jobbro_store::Database;

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("d.db").display());
    let db = Database::connect(&url, Some(&dir.path().join("d.key")))
        .await
        .unwrap();
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
