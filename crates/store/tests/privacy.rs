//! National ids are encrypted at rest: after importing the fixture's 150 people, not one of
//! their national ids can be found in the database — in the raw SQLite files (main file and
//! write-ahead log), or in any stored text on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::BufReader;
use std::path::PathBuf;

use chrono::NaiveDate;
use jobbro_store::testing;
use sqlx::Row;

fn national_ids() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/kib.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["national_id"].as_str().map(str::to_owned))
        .collect()
}

/// Every way the id could be written: as given, and as bare digits.
fn spellings(id: &str) -> [String; 2] {
    [id.to_owned(), id.replace('-', "")]
}

#[tokio::test]
async fn the_stored_database_contains_no_national_id_in_clear() {
    let ids = national_ids();
    assert!(ids.len() >= 100, "the fixture has national ids to look for");
    let t = testing::fresh().await;
    let db = t.connect().await;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/kib.jsonl");
    let file = std::fs::File::open(path).unwrap();
    let today = NaiveDate::from_ymd_opt(2024, 6, 16).unwrap();
    jobbro_store::import_timeline(
        &db,
        BufReader::new(file),
        &jobbro_store::Context::at_day("test", today),
    )
    .await
    .unwrap();

    let haystack: Vec<u8> = match &db {
        jobbro_store::Database::Sqlite(s) => {
            drop(db.clone());
            let mut bytes = Vec::new();
            for entry in std::fs::read_dir(t.dir.path()).unwrap() {
                let p = entry.unwrap().path();
                if p.to_string_lossy().contains("test.db") {
                    bytes.extend(std::fs::read(&p).unwrap());
                }
            }
            assert!(!bytes.is_empty());
            let _ = s;
            bytes
        }
        jobbro_store::Database::Postgres(pg) => {
            let mut bytes = Vec::new();
            for table in [
                "persons",
                "events",
                "programmes",
                "companies",
                "caseworkers",
                "enrolments",
                "meta",
            ] {
                let sql = format!("SELECT t::text FROM {table} t");
                for row in sqlx::query(&sql).fetch_all(pg.pool()).await.unwrap() {
                    bytes.extend(row.get::<String, _>(0).into_bytes());
                }
            }
            bytes
        }
    };
    let text = String::from_utf8_lossy(&haystack);
    // The names are stored (only national ids are encrypted), so the search can find text.
    assert!(text.contains("Fatima"));
    for id in &ids {
        for s in spellings(id) {
            assert!(
                !text.contains(&s),
                "a national id was found in clear in the database"
            );
        }
    }
}
