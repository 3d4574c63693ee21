//! `jobbro backup` and `jobbro restore` as a user runs them (docs/RELIABILITY.md): the KIB
//! fixture survives a backup and restore byte for byte; a backup taken while a writer imports is
//! a consistent copy; every refusal exits 2 naming the flag and writes nothing. On PostgreSQL
//! both commands print the pg_dump / pg_restore procedure and exit 2.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use jobbro_store::access::AccessStore;
use jobbro_store::testing::TestDb;
use serde_json::Value;

/// Runs `jobbro --db sqlite:DB --key-file KEY ARGS`.
fn jobbro_at(db: &Path, key: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_jobbro"))
        .arg("--db")
        .arg(format!("sqlite:{}", db.display()))
        .arg("--key-file")
        .arg(key)
        .args(args)
        .env_remove("JOBBRO_DB")
        .env_remove("JOBBRO_KEY_FILE")
        .env_remove("JOBBRO_LOG")
        .output()
        .expect("the jobbro binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn status_at(db: &Path, key: &Path) -> Value {
    jobbro_at(
        db,
        key,
        &[
            "report",
            "status",
            "--programme",
            "kib",
            "--as-of",
            "2024-06-16",
        ],
    )
    .assert_ok()
    .json()
}

fn db_file(t: &TestDb) -> PathBuf {
    PathBuf::from(t.url.trim_start_matches("sqlite:"))
}

#[tokio::test]
async fn a_restored_backup_exports_byte_for_byte_what_the_original_does() {
    let t = with_kib().await;
    if t.is_postgres() {
        return; // covered by postgres_prints_the_pg_dump_and_pg_restore_procedures
    }
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("kib-backup.db");
    let run = jobbro(&t, &["backup", "--out", backup.to_str().unwrap()]);
    run.assert_ok();
    assert!(
        run.stdout.contains("NOT in the backup"),
        "{}",
        run.describe()
    );
    assert_no_national_id("backup output", &run.stdout, &kib_national_ids());

    let restored = dir.path().join("restored.db");
    let run = jobbro_at(
        &restored,
        &t.key_file(),
        &["restore", "--from", backup.to_str().unwrap()],
    );
    run.assert_ok();
    assert!(run.stdout.contains("integrity ok"), "{}", run.describe());

    let original = export(&t);
    let again = jobbro_at(&restored, &t.key_file(), &["export"])
        .assert_ok()
        .stdout
        .clone();
    assert!(original.lines().count() > 14_000);
    assert!(original == again, "the restored export differs");
    assert_eq!(status_json(&t), status_at(&restored, &t.key_file()));
}

#[tokio::test]
async fn a_backup_is_in_the_audit_log() {
    let t = with_kib().await;
    if t.is_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("b.db");
    jobbro(&t, &["backup", "--out", backup.to_str().unwrap()]).assert_ok();
    let rows = t.connect().await.audit_rows().await.unwrap();
    let row = rows
        .iter()
        .find(|r| r.action == "backup")
        .expect("a backup row");
    assert_eq!(row.subject, backup.display().to_string());
    assert!(row.actor.starts_with("cli:"));
}

/// The contacts the writer adds, in chunks of one import each, and the KIB fixture without them.
fn split_kib(chunks: usize, per_chunk: usize) -> (String, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(KIB).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let contact = |l: &&str| serde_json::from_str::<Value>(l).unwrap()["type"] == "contact";
    let contacts: Vec<usize> = (0..lines.len()).filter(|&i| contact(&lines[i])).collect();
    let moved: BTreeSet<usize> = contacts[contacts.len() - chunks * per_chunk..]
        .iter()
        .copied()
        .collect();
    let base: String = (0..lines.len())
        .filter(|i| !moved.contains(i))
        .map(|i| format!("{}\n", lines[i]))
        .collect();
    let moved: Vec<String> = moved.iter().map(|&i| lines[i].to_owned()).collect();
    (
        base,
        moved.chunks(per_chunk).map(<[String]>::to_vec).collect(),
    )
}

fn id_of(line: &str) -> String {
    serde_json::from_str::<Value>(line).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_backup_taken_while_a_writer_imports_is_a_consistent_copy() {
    let t = testing_fresh().await;
    if t.is_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (base, chunks) = split_kib(12, 100);
    let base_file = write_file(dir.path(), "base.jsonl", &base);
    jobbro(&t, &["import", &base_file]).assert_ok();
    let chunk_files: Vec<String> = chunks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            write_file(
                dir.path(),
                &format!("chunk{i}.jsonl"),
                &(c.join("\n") + "\n"),
            )
        })
        .collect();

    // The writer: one all-or-nothing import per chunk, one after another.
    let (url, key) = (t.url.clone(), t.key_file());
    let writer = std::thread::spawn(move || {
        for file in &chunk_files {
            let out = Command::new(env!("CARGO_BIN_EXE_jobbro"))
                .args(["--db", url.as_str(), "--key-file"])
                .arg(&key)
                .args(["import", file])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    });
    let mut backups = Vec::new();
    while !writer.is_finished() {
        let file = dir.path().join(format!("during{}.db", backups.len()));
        jobbro(&t, &["backup", "--out", file.to_str().unwrap()]).assert_ok();
        backups.push(file);
    }
    writer.join().unwrap();
    assert!(
        !backups.is_empty(),
        "no backup was taken while the writer wrote"
    );

    // Each copy passes the restore's checks and holds the first k chunks whole, nothing else.
    let chunk_ids: Vec<BTreeSet<String>> = chunks
        .iter()
        .map(|c| c.iter().map(|l| id_of(l)).collect())
        .collect();
    let mut states = BTreeSet::new();
    for (n, backup) in backups.iter().enumerate() {
        let restored = dir.path().join(format!("restored{n}.db"));
        jobbro_at(
            &restored,
            &t.key_file(),
            &["restore", "--from", backup.to_str().unwrap()],
        )
        .assert_ok();
        let exported = jobbro_at(&restored, &t.key_file(), &["export"])
            .assert_ok()
            .stdout
            .clone();
        let ids: BTreeSet<String> = exported.lines().map(id_of).collect();
        let whole = chunk_ids.iter().take_while(|c| c.is_subset(&ids)).count();
        for (i, c) in chunk_ids.iter().enumerate().skip(whole) {
            assert!(
                c.is_disjoint(&ids),
                "backup {n}: chunk {i} is partly there after {whole} whole chunks"
            );
        }
        states.insert(whole);
    }
    eprintln!(
        "{} backups during the writes saw {} different states: {states:?}",
        backups.len(),
        states.len()
    );
}

async fn testing_fresh() -> TestDb {
    jobbro_store::testing::fresh().await
}

#[tokio::test]
async fn a_backup_never_overwrites_an_existing_file() {
    let t = with_kib().await;
    if t.is_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = write_file(dir.path(), "precious.db", "keep me");
    let run = jobbro(&t, &["backup", "--out", &out]);
    run.assert_bad_input();
    assert!(run.stderr.contains("--out"), "{}", run.describe());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    assert_eq!(
        files_in(dir.path()),
        BTreeSet::from(["precious.db".to_owned()])
    );
}

/// A backup of the KIB fixture in a folder of its own, and the key it was made with.
async fn kib_backup() -> (TestDb, tempfile::TempDir, PathBuf) {
    let t = with_kib().await;
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("kib-backup.db");
    if !t.is_postgres() {
        jobbro(&t, &["backup", "--out", backup.to_str().unwrap()]).assert_ok();
    }
    (t, dir, backup)
}

#[tokio::test]
async fn a_restore_into_a_database_in_use_is_refused() {
    let (t, _dir, backup) = kib_backup().await;
    if t.is_postgres() {
        return;
    }
    let before = export(&t);
    let run = jobbro(&t, &["restore", "--from", backup.to_str().unwrap()]);
    run.assert_bad_input();
    assert!(run.stderr.contains("--db"), "{}", run.describe());
    assert!(export(&t) == before, "the database in use changed");
    let target = db_file(&t);
    let names = files_in(target.parent().unwrap());
    assert!(!names.iter().any(|n| n.contains("partial")), "{names:?}");
}

#[tokio::test]
async fn a_restore_with_another_key_is_refused_and_writes_nothing() {
    let (t, dir, backup) = kib_backup().await;
    if t.is_postgres() {
        return;
    }
    let target_dir = tempfile::tempdir().unwrap();
    let other_key = write_file(target_dir.path(), "other.key", &"ab".repeat(32));
    let run = jobbro_at(
        &target_dir.path().join("restored.db"),
        Path::new(&other_key),
        &["restore", "--from", backup.to_str().unwrap()],
    );
    run.assert_bad_input();
    assert!(run.stderr.contains("--key-file"), "{}", run.describe());
    assert_eq!(
        files_in(target_dir.path()),
        BTreeSet::from(["other.key".to_owned()])
    );
    assert_eq!(
        files_in(dir.path()),
        BTreeSet::from(["kib-backup.db".to_owned()])
    );

    // A key file that does not exist is refused too, and not created.
    let missing = target_dir.path().join("missing.key");
    let run = jobbro_at(
        &target_dir.path().join("restored.db"),
        &missing,
        &["restore", "--from", backup.to_str().unwrap()],
    );
    run.assert_bad_input();
    assert!(run.stderr.contains("--key-file"), "{}", run.describe());
    assert_eq!(
        files_in(target_dir.path()),
        BTreeSet::from(["other.key".to_owned()])
    );
}

#[tokio::test]
async fn a_restore_from_a_file_that_is_not_a_jobbro_database_is_refused() {
    let t = testing_fresh().await;
    if t.is_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let timeline = write_file(dir.path(), "timeline.jsonl", BASE);
    let empty = write_file(dir.path(), "empty.db", "");
    // A jobbro database, to show the refusals below are about the files, not the key.
    let good = dir.path().join("good.db");
    jobbro_at(&good, &t.key_file(), &["import", &timeline]).assert_ok();
    // An SQLite database, but not jobbro's.
    let foreign = dir.path().join("foreign.db");
    {
        use sqlx::Connection;
        let url = format!("sqlite:{}?mode=rwc", foreign.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("CREATE TABLE notes (body TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let target_dir = tempfile::tempdir().unwrap();
    let key = t.key_file();
    for from in [timeline.as_str(), empty.as_str(), foreign.to_str().unwrap()] {
        let run = jobbro_at(
            &target_dir.path().join("restored.db"),
            &key,
            &["restore", "--from", from],
        );
        run.assert_bad_input();
        assert!(run.stderr.contains("--from"), "{from}: {}", run.describe());
        assert!(
            files_in(target_dir.path()).is_empty(),
            "{from} left files behind"
        );
    }
    jobbro_at(
        &target_dir.path().join("restored.db"),
        &key,
        &["restore", "--from", good.to_str().unwrap()],
    )
    .assert_ok();
}

#[tokio::test]
async fn postgres_prints_the_pg_dump_and_pg_restore_procedures() {
    let t = testing_fresh().await;
    if !t.is_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dump.pgdump");
    let run = jobbro(&t, &["backup", "--out", out.to_str().unwrap()]);
    run.assert_bad_input();
    assert!(
        run.stderr.contains("pg_dump --format=custom"),
        "{}",
        run.describe()
    );
    assert!(!run.stderr.contains(&t.url), "the URL may hold a password");
    let run = jobbro(&t, &["restore", "--from", out.to_str().unwrap()]);
    run.assert_bad_input();
    assert!(run.stderr.contains("pg_restore"), "{}", run.describe());
    assert!(files_in(dir.path()).is_empty());
}
