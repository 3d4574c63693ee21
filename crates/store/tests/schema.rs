//! The two backends' migrations must describe the same database: same tables, same columns,
//! same indexes. Runs when the suite runs on PostgreSQL (it then opens an SQLite database too).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::collections::BTreeSet;

use jobbro_store::{Database, testing};
use sqlx::Row;

type Schema = (BTreeSet<(String, String)>, BTreeSet<String>);

async fn sqlite_schema(db: &Database) -> Schema {
    let Database::Sqlite(s) = db else {
        panic!("expected SQLite")
    };
    let columns = sqlx::query(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(s.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
    .collect();
    let indexes = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(s.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    (columns, indexes)
}

async fn postgres_schema(db: &Database) -> Schema {
    let Database::Postgres(pg) = db else {
        panic!("expected PostgreSQL")
    };
    let columns = sqlx::query(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pg.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
    .collect();
    // Named indexes only: primary keys and UNIQUE constraints get generated names on each side.
    let indexes = sqlx::query(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' \
         AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key' AND tablename NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pg.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    (columns, indexes)
}

#[tokio::test]
async fn sqlite_and_postgres_schemas_have_the_same_tables_columns_and_indexes() {
    if testing::backend() != "postgres" {
        eprintln!("schema comparison runs in the PostgreSQL pass of scripts/test");
        return;
    }
    let pg = testing::fresh().await;
    let pg_db = pg.connect().await;
    let dir = tempfile::tempdir().unwrap();
    let sqlite_db = Database::connect(
        &format!("sqlite:{}", dir.path().join("s.db").display()),
        Some(&dir.path().join("k")),
    )
    .await
    .unwrap();
    let (s_cols, s_idx) = sqlite_schema(&sqlite_db).await;
    let (p_cols, p_idx) = postgres_schema(&pg_db).await;
    assert!(s_cols.len() > 20, "the schema was read: {s_cols:?}");
    assert_eq!(
        s_cols, p_cols,
        "columns differ between the SQLite and PostgreSQL migrations"
    );
    assert_eq!(
        s_idx, p_idx,
        "indexes differ between the SQLite and PostgreSQL migrations"
    );
}
