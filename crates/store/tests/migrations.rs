//! A database made by every earlier schema version upgrades cleanly (docs/RELIABILITY.md).
//!
//! `tests/fixtures/migrations/VVVV.db` (SQLite) and `VVVV.pg.sql` (a plain pg_dump) were made by
//! jobbro built at a commit where migration VVVV was the newest (scripts/make-migration-fixtures
//! names each; the `.commit` file beside the fixture records it): it
//! imported `VVVV.jsonl` (the head of the KIB fixture), added a user where it could, and
//! exported `VVVV.export.jsonl`. Opened with today's code, each must migrate to today's schema,
//! pass `PRAGMA integrity_check`, keep its users, and export exactly what that version exported.
//! Runs on the backend `JOBBRO_TEST_BACKEND` names.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jobbro_store::{Context, Database, testing};
use sqlx::{Connection, Row};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migrations")
}

fn key() -> PathBuf {
    fixtures().join("fixture.key")
}

/// Every schema version before today's (0006 was never written).
fn earlier_versions() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut versions: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy()[..4].to_owned())
        .collect();
    versions.sort();
    versions.pop();
    versions
}

fn newest_version() -> i64 {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap().file_name().to_string_lossy()[..4]
                .parse::<i64>()
                .unwrap()
        })
        .max()
        .unwrap()
}

async fn export(db: &Database) -> String {
    let mut out = Vec::new();
    let ctx = Context::new(
        "test",
        jobbro_store::DEFAULT_ORGANISATION,
        chrono::Utc::now(),
    );
    jobbro_store::export_timeline(db, &mut out, &ctx)
        .await
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn expected_export(version: &str) -> String {
    std::fs::read_to_string(fixtures().join(format!("{version}.export.jsonl"))).unwrap()
}

/// The earlier versions: each has its fixture (a new migration needs the fixture of the version
/// before it: `scripts/make-migration-fixtures build VVVV && … make VVVV`).
fn fixture_versions() -> Vec<String> {
    earlier_versions()
}

#[test]
fn every_earlier_schema_version_has_a_fixture() {
    let versions = earlier_versions();
    assert!(versions.len() >= 12, "{versions:?}");
    for v in &fixture_versions() {
        for file in [
            format!("{v}.db"),
            format!("{v}.jsonl"),
            format!("{v}.export.jsonl"),
            format!("{v}.pg.sql"),
            format!("{v}.commit"),
        ] {
            let path = fixtures().join(&file);
            assert!(path.is_file(), "missing fixture {file}");
            let size = std::fs::metadata(&path).unwrap().len();
            assert!(
                size < 512 * 1024,
                "{file} is {size} bytes; keep fixtures small"
            );
        }
        let imported = std::fs::read_to_string(fixtures().join(format!("{v}.jsonl"))).unwrap();
        assert!(
            imported.lines().count() >= 300,
            "{v}.jsonl is a real timeline"
        );
    }
}

#[tokio::test]
async fn every_earlier_sqlite_database_upgrades_and_exports_what_it_held() {
    if testing::backend() != "sqlite" {
        return;
    }
    for v in fixture_versions() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("{v}.db"));
        std::fs::copy(fixtures().join(format!("{v}.db")), &file).unwrap();
        let url = format!("sqlite:{}", file.display());
        let users_before = {
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            let has_users: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'users'",
            )
            .fetch_one(&mut conn)
            .await
            .unwrap();
            let users: i64 = if has_users == 1 {
                sqlx::query_scalar("SELECT count(*) FROM users")
                    .fetch_one(&mut conn)
                    .await
                    .unwrap()
            } else {
                0
            };
            conn.close().await.unwrap();
            users
        };

        let db = Database::connect(&url, Some(&key()))
            .await
            .unwrap_or_else(|e| panic!("{v}: today's code cannot open it: {e}"));
        let Database::Sqlite(store) = &db else {
            panic!("expected SQLite")
        };
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert_eq!(integrity, ["ok"], "{v}: integrity_check");
        let schema: i64 = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(schema, newest_version(), "{v}: migrated to today's schema");
        let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(users, users_before, "{v}: users kept");
        assert_eq!(
            sqlite_columns(store.pool()).await,
            sqlite_columns(fresh_sqlite(dir.path()).await.pool()).await,
            "{v}: the upgraded schema is today's"
        );
        assert!(
            export(&db).await == expected_export(&v),
            "{v}: export differs"
        );
    }
}

async fn fresh_sqlite(dir: &Path) -> jobbro_store::SqliteStore {
    let url = format!("sqlite:{}", dir.join("fresh.db").display());
    match Database::connect(&url, Some(&key())).await.unwrap() {
        Database::Sqlite(s) => s,
        Database::Postgres(_) => panic!("expected SQLite"),
    }
}

async fn sqlite_columns(pool: &sqlx::SqlitePool) -> BTreeSet<(String, String, String)> {
    sqlx::query(
        "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' UNION ALL \
         SELECT name, type, '' FROM sqlite_master WHERE type IN ('index', 'trigger')",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .collect()
}

async fn pg_columns(url: &str) -> BTreeSet<(String, String, String)> {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let rows = sqlx::query(
        "SELECT table_name::text, column_name::text, data_type::text \
         FROM information_schema.columns WHERE table_schema = 'public' UNION ALL \
         SELECT tablename::text, indexname::text, '' FROM pg_indexes WHERE schemaname = 'public'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    rows.iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect()
}

#[tokio::test]
async fn every_earlier_postgres_dump_upgrades_and_exports_what_it_held() {
    if testing::backend() != "postgres" {
        return;
    }
    let today = testing::fresh().await;
    today.connect().await;
    let today_schema = pg_columns(&today.url).await;
    for v in fixture_versions() {
        let t = testing::fresh().await;
        let dump = std::fs::read_to_string(fixtures().join(format!("{v}.pg.sql"))).unwrap();
        {
            let mut conn = sqlx::PgConnection::connect(&t.url).await.unwrap();
            sqlx::raw_sql(&dump)
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{v}: the dump does not load: {e}"));
            conn.close().await.unwrap();
        }
        let db = Database::connect(&t.url, Some(&key()))
            .await
            .unwrap_or_else(|e| panic!("{v}: today's code cannot open it: {e}"));
        let Database::Postgres(pg) = &db else {
            panic!("expected PostgreSQL")
        };
        let schema: i64 = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
            .fetch_one(pg.pool())
            .await
            .unwrap();
        assert_eq!(schema, newest_version(), "{v}: migrated to today's schema");
        // A full read of every table: any damaged page or row fails here.
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                .fetch_all(pg.pool())
                .await
                .unwrap();
        for table in tables {
            sqlx::query(&format!("SELECT * FROM public.{table}"))
                .fetch_all(pg.pool())
                .await
                .unwrap_or_else(|e| panic!("{v}: reading {table}: {e}"));
        }
        assert_eq!(
            pg_columns(&t.url).await,
            today_schema,
            "{v}: the upgraded schema is today's"
        );
        assert!(
            export(&db).await == expected_export(&v),
            "{v}: export differs"
        );
    }
}
