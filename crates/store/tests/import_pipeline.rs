//! An import reads and parses lines ahead of its writes (many batches in flight through the
//! file): still all or nothing, whatever batch the bad line is in, and still naming the line,
//! record and field — on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::{Cursor, Read};

use chrono::NaiveDate;
use jobbro_store::{Database, StoreError, testing};

fn ctx() -> jobbro_store::Context {
    jobbro_store::Context::at_day("test", NaiveDate::from_ymd_opt(2024, 6, 16).unwrap())
}

/// A programme, a caseworker, and `n` people each referred and contacted three times:
/// `2 + 5n` lines, many batches of every kind of row.
fn timeline(n: usize) -> Vec<String> {
    let mut lines = vec![
        r#"{"type": "programme", "id": "big", "name": "Big", "start": "2024-01-01"}"#.to_owned(),
        r#"{"type": "caseworker", "id": "cw", "name": "Caseworker"}"#.to_owned(),
    ];
    for i in 0..n {
        lines.push(format!(
            r#"{{"type": "person", "id": "p{i}", "gender": "female", "birth_year": 1980}}"#
        ));
        lines.push(format!(
            r#"{{"type": "referred", "id": "e{i}", "date": "2024-02-01", "programme": "big", "person": "p{i}", "caseworker": "cw"}}"#
        ));
        for k in 0..3 {
            lines.push(format!(
                r#"{{"type": "contact", "id": "k{i}-{k}", "date": "2024-02-0{}", "enrolment": "e{i}", "kind": "meeting"}}"#,
                k + 2
            ));
        }
    }
    lines
}

fn text(lines: &[String]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

async fn import(db: &Database, text: String) -> Result<jobbro_store::ImportSummary, StoreError> {
    jobbro_store::import_timeline(db, Cursor::new(text.into_bytes()), &ctx()).await
}

async fn export(db: &Database) -> String {
    let mut out = Vec::new();
    jobbro_store::export_timeline(db, &mut out, &ctx())
        .await
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn invalid(
    result: Result<jobbro_store::ImportSummary, StoreError>,
) -> Vec<jobbro_store::LineError> {
    match result {
        Err(StoreError::Invalid { errors, total }) => {
            assert_eq!(errors.len(), total);
            errors
        }
        other => panic!("expected an invalid import, got {other:?}"),
    }
}

#[tokio::test]
async fn a_large_file_imports_every_record_and_counts_every_line() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let lines = timeline(3000);
    let summary = import(&db, text(&lines)).await.unwrap();
    assert_eq!(summary.lines, 15_002);
    assert_eq!(summary.added_total(), 15_002);
    assert_eq!(summary.added["contact"], 9000);
    assert_eq!(export(&db).await.lines().count(), 15_002);
}

#[tokio::test]
async fn a_bad_record_on_the_last_line_of_a_large_file_leaves_the_database_untouched() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let mut lines = timeline(3000);
    lines.push(
        r#"{"type": "contact", "id": "late", "date": "2024-02-10", "enrolment": "e0", "kind": "dance"}"#
            .to_owned(),
    );
    let errors = invalid(import(&db, text(&lines)).await);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 15_003);
    assert_eq!(errors[0].record_type.as_deref(), Some("contact"));
    assert_eq!(errors[0].id.as_deref(), Some("late"));
    assert_eq!(errors[0].field, "kind");
    assert_eq!(
        export(&db).await,
        "",
        "nothing of 15,002 good records was kept"
    );
}

#[tokio::test]
async fn bad_records_in_the_middle_of_a_large_file_are_named_by_line_record_and_field() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let mut lines = timeline(3000);
    // Line 7001 (index 7000): a contact naming an enrolment nobody referred; line 9001: a date
    // that does not exist; line 12001: not JSON.
    lines[7000] =
        r#"{"type": "contact", "id": "odd", "date": "2024-02-05", "enrolment": "nope", "kind": "meeting"}"#
            .to_owned();
    lines[9000] =
        r#"{"type": "contact", "id": "feb", "date": "2024-02-30", "enrolment": "e1", "kind": "meeting"}"#
            .to_owned();
    lines[12000] = "{not json".to_owned();
    let errors = invalid(import(&db, text(&lines)).await);
    let found: Vec<(u64, Option<&str>, Option<&str>, &str)> = errors
        .iter()
        .map(|e| {
            (
                e.line,
                e.record_type.as_deref(),
                e.id.as_deref(),
                e.field.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (7001, Some("contact"), Some("odd"), "enrolment"),
            (9001, Some("contact"), Some("feb"), "date"),
            (12001, None, None, "(line)"),
        ]
    );
    assert_eq!(export(&db).await, "");
}

/// A reader that fails after `ok` bytes, as a file on a failing disk would.
struct FailingAfter {
    inner: Cursor<Vec<u8>>,
    ok: u64,
}

impl Read for FailingAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.ok.saturating_sub(self.inner.position());
        if left == 0 {
            return Err(std::io::Error::other("the disk went away"));
        }
        let n = buf.len().min(usize::try_from(left).unwrap());
        self.inner.read(&mut buf[..n])
    }
}

#[tokio::test]
async fn a_file_that_cannot_be_read_to_its_end_writes_nothing() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let text = text(&timeline(3000));
    let ok = (text.len() * 9 / 10) as u64;
    let reader = std::io::BufReader::new(FailingAfter {
        inner: Cursor::new(text.into_bytes()),
        ok,
    });
    let result = jobbro_store::import_timeline(&db, reader, &ctx()).await;
    assert!(
        matches!(result, Err(StoreError::Io(_))),
        "a read error fails the import: {result:?}"
    );
    assert_eq!(export(&db).await, "");
    // The database is usable afterwards: the same file, readable, imports.
    let summary = import(&db, self::text(&timeline(10))).await.unwrap();
    assert_eq!(summary.added_total(), 52);
}
