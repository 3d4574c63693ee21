//! Backup and restore of an SQLite database (docs/RELIABILITY.md).
//!
//! A backup is `VACUUM INTO` on one pooled connection: one read transaction, so in WAL mode it
//! is a consistent snapshot while the server and other writers carry on, and the copy is a
//! complete, compacted database. sqlx has no binding of SQLite's backup API (and this crate
//! forbids `unsafe`); the backup API would also restart its copy whenever another connection
//! writes. The copy is made under a temporary name, synced, and linked to its final name only if
//! that name is still free, so an existing file is never overwritten and a half-made copy never
//! carries the final name.
//!
//! A restore checks a copy of the backup (an SQLite file, jobbro's migrations table,
//! `PRAGMA integrity_check` = ok, and that the key opens it) before it migrates it forward and
//! gives it the target's name; a refused restore leaves nothing behind.
//!
//! The key file is never part of a backup. Nothing here reads or prints record contents.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

use crate::access::AccessStore;
use crate::keys::Keys;
use crate::{Context, SqliteStore, StoreError};

/// What a backup or restore produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopySummary {
    /// The file written.
    pub file: PathBuf,
    pub bytes: u64,
    /// The newest migration the file had before (restore: the backup's), and has now.
    pub schema_before: i64,
    pub schema_after: i64,
}

/// A refusal the user can fix, naming which input (`from`, `db`, `key_file`, `out`) is wrong.
fn refuse(field: &str, reason: impl Into<String>) -> StoreError {
    StoreError::BadInput {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// A name beside `file` for the copy being made, removed unless it becomes `file`.
fn partial_name(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// `file` with `suffix` added to its name (`x.db` → `x.db-wal`).
fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a copy in progress and the journal files SQLite may have left beside it.
fn remove_partial(file: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(file, suffix));
    }
}

async fn schema_version(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT max(version) FROM _sqlx_migrations")
            .fetch_one(conn)
            .await?
            .unwrap_or(0),
    )
}

/// Writes a consistent copy of the whole database to `out`, which must not exist, and records
/// the backup in the audit log (action `backup`; the copy holds every row up to that entry).
pub async fn backup_sqlite(
    store: &SqliteStore,
    out: &Path,
    ctx: &Context,
) -> Result<CopySummary, StoreError> {
    if out.exists() {
        return Err(refuse(
            "out",
            "already exists; a backup never overwrites a file",
        ));
    }
    // The audit entry comes first, so no copy of the personal data exists without one.
    let subject = out.display().to_string();
    store
        .append_audit(&[ctx.audit("backup", "database", &subject, None)])
        .await?;
    let partial = partial_name(out);
    remove_partial(&partial);
    let made = async {
        let mut conn = store.pool().acquire().await?;
        let schema = schema_version(&mut conn).await?;
        sqlx::query("VACUUM INTO ?")
            .bind(partial.to_string_lossy().into_owned())
            .execute(&mut *conn)
            .await?;
        drop(conn);
        // SQLite does not sync the file VACUUM INTO writes.
        std::fs::File::open(&partial)?.sync_all()?;
        Ok::<_, StoreError>(schema)
    }
    .await;
    let schema = match made {
        Ok(schema) => schema,
        Err(e) => {
            remove_partial(&partial);
            return Err(e);
        }
    };
    // A hard link fails if `out` appeared meanwhile: never overwrite.
    let linked = std::fs::hard_link(&partial, out);
    remove_partial(&partial);
    if let Err(e) = linked {
        return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
            refuse("out", "already exists; a backup never overwrites a file")
        } else {
            StoreError::Io(e)
        });
    }
    sync_folder(out);
    Ok(CopySummary {
        file: out.to_owned(),
        bytes: std::fs::metadata(out)?.len(),
        schema_before: schema,
        schema_after: schema,
    })
}

/// Makes a new name in `file`'s folder durable (best effort: not every platform can).
fn sync_folder(file: &Path) {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Whether `target` may receive a restore: missing, or an empty file with no journal beside it.
fn check_target(target: &Path) -> Result<(), StoreError> {
    let non_empty = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.len() > 0);
    if non_empty(target) || non_empty(&with_suffix(target, "-wal")) || target.is_dir() {
        return Err(refuse(
            "db",
            "is not empty; a restore only goes into a new database",
        ));
    }
    Ok(())
}

/// Restores the backup `from` into the new database `target`, after checking it is a jobbro
/// database in good order that `keys` opens, and migrates it forward if it is older.
pub async fn restore_sqlite(
    from: &Path,
    target: &Path,
    keys: Keys,
    ctx: &Context,
) -> Result<CopySummary, StoreError> {
    check_target(target)?;
    let mut header = [0u8; 16];
    let read =
        std::fs::File::open(from).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
    if let Err(e) = read {
        return Err(if e.kind() == std::io::ErrorKind::UnexpectedEof {
            refuse("from", "is not an SQLite database")
        } else {
            refuse("from", e.to_string())
        });
    }
    if &header != b"SQLite format 3\0" {
        return Err(refuse("from", "is not an SQLite database"));
    }
    let partial = partial_name(target);
    remove_partial(&partial);
    let restored = restore_into(from, &partial, keys, ctx).await;
    let summary = match restored {
        Ok(summary) => summary,
        Err(e) => {
            remove_partial(&partial);
            return Err(e);
        }
    };
    // Still empty? Someone may have started using the target meanwhile.
    if let Err(e) = check_target(target) {
        remove_partial(&partial);
        return Err(e);
    }
    if let Err(e) = std::fs::rename(&partial, target) {
        remove_partial(&partial);
        return Err(StoreError::Io(e));
    }
    sync_folder(target);
    Ok(CopySummary {
        file: target.to_owned(),
        bytes: std::fs::metadata(target)?.len(),
        ..summary
    })
}

/// Copies, checks, migrates and audits the restore in `partial`.
async fn restore_into(
    from: &Path,
    partial: &Path,
    keys: Keys,
    ctx: &Context,
) -> Result<CopySummary, StoreError> {
    std::fs::copy(from, partial)?;
    // A database file copied as it lies may have its newest commits in the WAL beside it (a
    // backup made by `jobbro backup` never does): they come along, and SQLite folds them in.
    let (from_wal, partial_wal) = (with_suffix(from, "-wal"), with_suffix(partial, "-wal"));
    if from_wal.is_file() {
        std::fs::copy(&from_wal, &partial_wal)?;
    }
    std::fs::File::open(partial)?.sync_all()?;
    let schema_before = {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(partial)
            .create_if_missing(false);
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .map_err(|e| refuse("from", format!("cannot be opened as a database: {e}")))?;
        let checked = check_backup(&mut conn, &keys).await;
        conn.close().await?;
        checked?
    };
    let store = SqliteStore::open(partial, keys).await?;
    store
        .append_audit(&[ctx.audit("restore", "database", &from.display().to_string(), None)])
        .await?;
    let mut conn = store.pool().acquire().await?;
    let schema_after = schema_version(&mut conn).await?;
    drop(conn);
    // Closing the last connection checkpoints the WAL into the file before it is renamed.
    store.pool().close().await;
    Ok(CopySummary {
        file: partial.to_owned(),
        bytes: 0,
        schema_before,
        schema_after,
    })
}

/// The checks before anything is migrated: integrity, jobbro's tables, and the key.
async fn check_backup(conn: &mut SqliteConnection, keys: &Keys) -> Result<i64, StoreError> {
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| refuse("from", format!("is not a readable SQLite database: {e}")))?;
    if integrity != ["ok"] {
        return Err(refuse(
            "from",
            format!(
                "fails PRAGMA integrity_check ({} problem(s)); it is damaged",
                integrity.len()
            ),
        ));
    }
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_sqlx_migrations', 'meta')",
    )
    .fetch_one(&mut *conn)
    .await?;
    if tables != 2 {
        return Err(refuse(
            "from",
            "is an SQLite database but not a jobbro one (no migrations table)",
        ));
    }
    let check: Option<String> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'key_check'")
            .fetch_optional(&mut *conn)
            .await?;
    if check.is_some_and(|c| c != keys.check_value()) {
        return Err(refuse(
            "key_file",
            "does not open this backup (it was written with another key)",
        ));
    }
    schema_version(conn).await
}
