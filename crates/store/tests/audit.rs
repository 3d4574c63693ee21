//! The audit log is append-only and tamper-evident on both databases: the triggers refuse
//! UPDATE and DELETE, and when someone with database rights gets round them, `verify_chain`
//! reports the edited, removed or inserted row.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::NaiveDate;
use jobbro_store::access::AccessStore;
use jobbro_store::audit::verify_chain;
use jobbro_store::{Backend, Context, Database, testing};

fn ctx() -> Context {
    Context::at_day("lead1", NaiveDate::from_ymd_opt(2024, 6, 16).unwrap())
}

async fn with_five_rows() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let c = ctx();
    let entries: Vec<_> = (1..=5)
        .map(|i| c.audit("read", "person", &format!("p{i}"), Some("kib")))
        .collect();
    db.append_audit(&entries[..2]).await.unwrap();
    db.append_audit(&entries[2..]).await.unwrap();
    (t, db)
}

/// Runs SQL as someone with direct database rights would.
async fn raw(db: &Database, sql: &str) -> Result<(), sqlx::Error> {
    match db {
        Database::Sqlite(s) => sqlx::query(sql).execute(s.pool()).await.map(|_| ()),
        Database::Postgres(p) => sqlx::query(sql).execute(p.pool()).await.map(|_| ()),
    }
}

async fn drop_triggers(db: &Database) {
    match db {
        Database::Sqlite(_) => {
            raw(db, "DROP TRIGGER audit_log_no_update").await.unwrap();
            raw(db, "DROP TRIGGER audit_log_no_delete").await.unwrap();
        }
        Database::Postgres(_) => raw(db, "ALTER TABLE audit_log DISABLE TRIGGER USER")
            .await
            .unwrap(),
    }
}

async fn problems(db: &Database) -> Vec<i64> {
    let rows = db.audit_rows().await.unwrap();
    verify_chain(&rows, db.keys())
        .into_iter()
        .map(|p| p.seq)
        .collect()
}

#[tokio::test]
async fn an_untouched_log_verifies() {
    let (_t, db) = with_five_rows().await;
    assert_eq!(db.audit_rows().await.unwrap().len(), 5);
    assert!(problems(&db).await.is_empty());
}

#[tokio::test]
async fn the_database_refuses_to_update_or_delete_audit_rows() {
    let (_t, db) = with_five_rows().await;
    assert!(
        raw(&db, "UPDATE audit_log SET subject = 'x' WHERE seq = 1")
            .await
            .is_err()
    );
    assert!(
        raw(&db, "DELETE FROM audit_log WHERE seq = 5")
            .await
            .is_err()
    );
    assert!(problems(&db).await.is_empty());
}

#[tokio::test]
async fn an_edited_row_is_reported() {
    let (_t, db) = with_five_rows().await;
    drop_triggers(&db).await;
    raw(
        &db,
        "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3",
    )
    .await
    .unwrap();
    assert_eq!(problems(&db).await, vec![3]);
}

#[tokio::test]
async fn a_removed_row_is_reported() {
    let (_t, db) = with_five_rows().await;
    drop_triggers(&db).await;
    raw(&db, "DELETE FROM audit_log WHERE seq = 2")
        .await
        .unwrap();
    assert!(problems(&db).await.contains(&3));
}

#[tokio::test]
async fn an_inserted_row_is_reported() {
    let (_t, db) = with_five_rows().await;
    let last = db.audit_rows().await.unwrap().pop().unwrap();
    let sql = format!(
        "INSERT INTO audit_log (seq, at, organisation, actor, action, subject_type, subject, prev_hash, hash) \
         VALUES (6, '2024-06-16T13:00:00.000000Z', 'default', 'ghost', 'read', 'person', 'p9', '{}', '{}')",
        last.hash,
        "ab".repeat(32)
    );
    raw(&db, &sql).await.unwrap();
    assert_eq!(problems(&db).await, vec![6]);
}

#[tokio::test]
async fn an_import_and_an_export_are_audited_in_order() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let line = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2021-06-01"}"#;
    jobbro_store::import_timeline(&db, std::io::Cursor::new(line.as_bytes().to_vec()), &ctx())
        .await
        .unwrap();
    jobbro_store::export_timeline(&db, std::io::sink(), &ctx())
        .await
        .unwrap();
    let actions: Vec<String> = db
        .audit_rows()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(actions, vec!["import", "export"]);
    assert!(problems(&db).await.is_empty());
}

#[tokio::test]
async fn pruning_old_rows_keeps_the_rest_verifiable_and_records_itself() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let old = Context::at_day("lead1", NaiveDate::from_ymd_opt(2018, 1, 1).unwrap());
    let new = ctx();
    db.append_audit(&[
        old.audit("read", "person", "p1", None),
        old.audit("read", "person", "p2", None),
    ])
    .await
    .unwrap();
    db.append_audit(&[new.audit("read", "person", "p3", None)])
        .await
        .unwrap();
    let removed = db
        .prune_audit("2020-01-01T00:00:00.000000Z", &new)
        .await
        .unwrap();
    assert_eq!(removed, 2);
    let rows = db.audit_rows().await.unwrap();
    let kept: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(kept, vec!["read", "prune"]);
    let anchor = db.audit_anchor().await.unwrap().unwrap();
    assert_eq!(anchor.seq, 2);
    assert!(jobbro_store::audit::verify_chain_from(&rows, db.keys(), Some(&anchor)).is_empty());
    // Pruning is the one way rows go: a plain delete is still refused.
    assert!(
        raw(&db, "DELETE FROM audit_log WHERE seq = 3")
            .await
            .is_err()
    );
    // Nothing older: nothing to do.
    assert_eq!(
        db.prune_audit("2020-01-01T00:00:00.000000Z", &new)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_moved_anchor_or_a_row_removed_after_pruning_is_reported() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let old = Context::at_day("lead1", NaiveDate::from_ymd_opt(2018, 1, 1).unwrap());
    db.append_audit(&[old.audit("read", "person", "p1", None)])
        .await
        .unwrap();
    db.append_audit(&[
        ctx().audit("read", "person", "p2", None),
        ctx().audit("read", "person", "p3", None),
    ])
    .await
    .unwrap();
    db.prune_audit("2020-01-01T00:00:00.000000Z", &ctx())
        .await
        .unwrap();
    let mut anchor = db.audit_anchor().await.unwrap().unwrap();
    let rows = db.audit_rows().await.unwrap();
    // Someone drops the first kept row and moves the anchor forward without the key.
    anchor.seq += 1;
    anchor.hash = rows[0].hash.clone();
    let problems = jobbro_store::audit::verify_chain_from(&rows[1..], db.keys(), Some(&anchor));
    assert!(!problems.is_empty());
    // Or drops it and leaves the anchor.
    let real = db.audit_anchor().await.unwrap().unwrap();
    assert!(!jobbro_store::audit::verify_chain_from(&rows[1..], db.keys(), Some(&real)).is_empty());
}
