//! Fresh, empty databases for tests, of the kind `JOBBRO_TEST_BACKEND` names: `sqlite` (the
//! default; a file in a temporary folder) or `postgres` (a new database on the server at
//! `JOBBRO_TEST_PG_URL`, which `scripts/test` starts). Asking for PostgreSQL without a server
//! fails the test rather than skipping it, so a suite can never pass by testing nothing.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

/// A database URL, and what keeps it alive (the temporary folder, which also holds the key).
pub struct TestDb {
    pub url: String,
    pub dir: tempfile::TempDir,
}

impl TestDb {
    pub fn key_file(&self) -> std::path::PathBuf {
        self.dir.path().join("test.key")
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }

    /// Connects with the test key.
    #[allow(clippy::panic)]
    pub async fn connect(&self) -> crate::Database {
        match crate::Database::connect(&self.url, Some(&self.key_file())).await {
            Ok(db) => db,
            Err(e) => panic!("cannot open the test database: {e}"),
        }
    }
}

/// Which backend the suite runs on.
pub fn backend() -> String {
    std::env::var("JOBBRO_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A new empty database.
#[allow(clippy::panic, clippy::expect_used)]
pub async fn fresh() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary folder");
    match backend().as_str() {
        "sqlite" => TestDb {
            url: format!("sqlite:{}", dir.path().join("test.db").display()),
            dir,
        },
        "postgres" => {
            let admin = std::env::var("JOBBRO_TEST_PG_URL").expect(
                "JOBBRO_TEST_BACKEND=postgres needs JOBBRO_TEST_PG_URL (scripts/test sets it)",
            );
            let name = format!(
                "jobbro_test_{}_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed),
                rand::random::<u32>()
            );
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to the test server");
            let create = format!("CREATE DATABASE {name}");
            sqlx::query(&create)
                .execute(&mut conn)
                .await
                .expect("create the test database");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            TestDb {
                url: format!("{base}/{name}"),
                dir,
            }
        }
        other => panic!("JOBBRO_TEST_BACKEND must be sqlite or postgres, not {other}"),
    }
}
