//! `jobbro backup` and `jobbro restore` (docs/RELIABILITY.md): an online, consistent copy of an
//! SQLite database, and a checked restore of one into a new database. For PostgreSQL both print
//! the pg_dump / pg_restore procedure instead (exit 2): jobbro does not half-do a dump.
//!
//! Refusals name the flag to fix and write nothing. Output names files, never record contents,
//! and never the database URL (it may hold a password).

use std::path::{Path, PathBuf};

use anyhow::Result;
use jobbro_store::backup::{CopySummary, backup_sqlite, restore_sqlite};
use jobbro_store::{Context, Database, Keys, StoreError, keys};

use crate::BadInput;

/// The documented PostgreSQL backup, printed instead of making one.
fn pg_backup_procedure(out: &Path) -> String {
    format!(
        "jobbro backup: --db is a PostgreSQL database; back it up with pg_dump (docs/RELIABILITY.md):\n\
         \n    pg_dump --format=custom --no-owner --file='{out}' \"$JOBBRO_DB\"\n\
         \nand keep a copy of the key file apart from it: without the key, the national ids in the \
         dump cannot be read.",
        out = out.display()
    )
}

/// The documented PostgreSQL restore, printed instead of doing one.
fn pg_restore_procedure(from: &Path) -> String {
    format!(
        "jobbro restore: --db is a PostgreSQL database; restore with pg_restore into a new, empty \
         database (docs/RELIABILITY.md):\n\
         \n    createdb --template=template0 NEWDB\
         \n    pg_restore --no-owner --exit-on-error --single-transaction --dbname=NEWDB '{from}'\
         \n    jobbro --db postgres://USER@HOST/NEWDB --key-file KEYFILE audit verify\n\
         \nThe last command migrates it forward if it is older and checks the audit chain with the \
         key the dump was made with.",
        from = from.display()
    )
}

/// The SQLite file of a `sqlite:PATH` URL, or `None` for any other database.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    url.strip_prefix("sqlite:")
        .map(|p| PathBuf::from(p.trim_start_matches("//")))
}

/// Store refusals become exit status 2, naming the flag.
fn refusal(command: &str, e: StoreError) -> anyhow::Error {
    match e {
        StoreError::BadInput { field, reason } => {
            let flag = format!("--{}", field.replace('_', "-"));
            BadInput(format!(
                "jobbro {command}: {flag} {reason}; nothing was written"
            ))
            .into()
        }
        StoreError::WrongKey => BadInput(format!(
            "jobbro {command}: --key-file does not open this database; nothing was written"
        ))
        .into(),
        other => crate::commands::user_error(other),
    }
}

fn key_reminder(key: &Path) -> String {
    format!(
        "The key file is NOT in the backup: keep a copy of {} apart from it; without the key the \
         national ids in the backup cannot be read.",
        key.display()
    )
}

fn describe(summary: &CopySummary) -> String {
    format!(
        "{} ({} bytes, schema version {:04})",
        summary.file.display(),
        summary.bytes,
        summary.schema_after
    )
}

pub async fn backup(url: &str, key_file: Option<&Path>, out: &Path, ctx: &Context) -> Result<()> {
    let Some(file) = sqlite_file(url) else {
        return Err(BadInput(pg_backup_procedure(out)).into());
    };
    if !file.is_file() {
        return Err(BadInput(format!(
            "jobbro backup: --db {} does not exist; nothing was written",
            file.display()
        ))
        .into());
    }
    if out.exists() {
        return Err(BadInput(format!(
            "jobbro backup: --out {} already exists; a backup never overwrites a file",
            out.display()
        ))
        .into());
    }
    let Database::Sqlite(store) = crate::commands::connect(url, key_file).await? else {
        return Err(BadInput(pg_backup_procedure(out)).into());
    };
    let summary = backup_sqlite(&store, out, ctx)
        .await
        .map_err(|e| refusal("backup", e))?;
    println!("backup written: {}", describe(&summary));
    println!("{}", key_reminder(&keys::key_path(key_file, Some(&file))));
    Ok(())
}

pub async fn restore(url: &str, key_file: Option<&Path>, from: &Path, ctx: &Context) -> Result<()> {
    let Some(target) = sqlite_file(url) else {
        return Err(BadInput(pg_restore_procedure(from)).into());
    };
    let key_path = keys::key_path(key_file, Some(&target));
    let keys = Keys::load(&key_path).map_err(|e| {
        BadInput(format!(
            "jobbro restore: --key-file {e} (the key the backup was made with); nothing was written"
        ))
    })?;
    let summary = restore_sqlite(from, &target, keys, ctx)
        .await
        .map_err(|e| refusal("restore", e))?;
    println!(
        "restored {} into {}: integrity ok, key matches, schema version {:04} -> {:04}",
        from.display(),
        describe(&summary),
        summary.schema_before,
        summary.schema_after
    );
    Ok(())
}
