//! Spreadsheet import against a database: the KIB fixture as spreadsheets gives the fixture's own
//! status report; a sheet with one bad row writes nothing; a dry run writes nothing and reports
//! what the store would refuse on the row and column it came from.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use jobbro_sheets::{Problem, SheetError, import_sheet};
use serde_json::Value;
use support::*;

const ENTITIES: &[&str] = &["programme", "caseworker", "company"];

async fn status(db: &jobbro_store::Database) -> Value {
    let report = jobbro_store::status_report(db, "kib", as_of(), None)
        .await
        .unwrap();
    serde_json::to_value(&report).unwrap()
}

fn assert_same_report(got: &Value, want: &Value) {
    if got != want {
        for key in want.as_object().unwrap().keys() {
            if got.get(key) != want.get(key) {
                eprintln!("{key}:\n  got  {}\n  want {}", got[key], want[key]);
            }
        }
        panic!("the sheets give another status report than the fixture");
    }
}

/// The bad rows (and their count) of importing `sheet` as CSV.
async fn bad_rows(
    db: &jobbro_store::Database,
    mapping: &jobbro_sheets::Mapping,
    sheet: &Sheet,
    dry_run: bool,
) -> (Vec<jobbro_sheets::RowError>, usize) {
    match import_sheet(db, mapping, &to_csv(sheet), "kib", &ctx(), dry_run).await {
        Err(SheetError::Rows { errors, total }) => (errors, total),
        other => panic!("expected bad rows, got {other:?}"),
    }
}

#[tokio::test]
async fn the_kib_fixture_as_two_csv_files_gives_the_fixtures_status_report() {
    let lines = fixture_lines();
    let (_f, fixture_db) = database_with(&lines, None).await;
    let want = status(&fixture_db).await;

    let participants = example_mapping("participants.mapping.json");
    let activities = example_mapping("activities.mapping.json");
    let (people, acts) = kib_sheets(&lines, &participants.tables[0], &activities.tables[0]);
    let (_t, db) = database_with(&lines, Some(ENTITIES)).await;
    let first = import_sheet(&db, &participants, &to_csv(&people), "kib", &ctx(), false)
        .await
        .unwrap();
    assert_eq!(first.rows, people.rows.len());
    let second = import_sheet(&db, &activities, &to_csv(&acts), "kib", &ctx(), false)
        .await
        .unwrap();
    assert_eq!(second.rows, acts.rows.len());
    assert_same_report(&status(&db).await, &want);
}

#[tokio::test]
async fn the_kib_fixture_as_one_workbook_gives_the_same_report_and_a_second_import_adds_nothing() {
    let lines = fixture_lines();
    let (_f, fixture_db) = database_with(&lines, None).await;
    let want = status(&fixture_db).await;

    let participants = example_mapping("participants.mapping.json").tables[0].clone();
    let activities = example_mapping("activities.mapping.json").tables[0].clone();
    let (people, acts) = kib_sheets(&lines, &participants, &activities);
    let book = to_xlsx(&[&people, &acts]);
    let mapping = workbook_mapping(&participants, &activities);
    let (_t, db) = database_with(&lines, Some(ENTITIES)).await;

    let dry = import_sheet(&db, &mapping, &book, "kib", &ctx(), true)
        .await
        .unwrap();
    let before = stored_records(&db).await;
    assert_eq!(
        before,
        lines
            .iter()
            .filter(|l| ENTITIES.contains(&l["type"].as_str().unwrap()))
            .count()
    );
    let done = import_sheet(&db, &mapping, &book, "kib", &ctx(), false)
        .await
        .unwrap();
    assert_eq!(dry.added, done.added, "the dry run foresaw the import");
    let expected_records: usize = [
        "person",
        "referred",
        "intake",
        "left",
        "follow_up",
        "activity_started",
        "activity_ended",
    ]
    .iter()
    .map(|t| lines.iter().filter(|l| l["type"] == *t).count())
    .sum();
    assert_eq!(done.added.values().sum::<u64>() as usize, expected_records);
    assert_eq!(stored_records(&db).await, before + expected_records);
    assert_same_report(&status(&db).await, &want);

    let again = import_sheet(&db, &mapping, &book, "kib", &ctx(), false)
        .await
        .unwrap();
    assert!(again.added.is_empty(), "{:?}", again.added);
    assert_eq!(
        again.skipped as usize,
        expected_records - lines.iter().filter(|l| l["type"] == "person").count()
    );
    assert_eq!(stored_records(&db).await, before + expected_records);
}

#[tokio::test]
async fn a_sheet_with_one_bad_row_writes_nothing_and_names_the_row_and_column() {
    let lines = fixture_lines();
    let participants = example_mapping("participants.mapping.json");
    let activities = example_mapping("activities.mapping.json");
    let (mut people, _) = kib_sheets(&lines, &participants.tables[0], &activities.tables[0]);
    let cpr_col = people.header.iter().position(|h| h == "CPR-nr.").unwrap();
    let secret = "310299-1234";
    people.rows[6][cpr_col] = support::Cell::Text(secret.into());
    let (_t, db) = database_with(&lines, Some(ENTITIES)).await;
    let before = stored_records(&db).await;

    let (errors, total) = bad_rows(&db, &participants, &people, false).await;
    assert_eq!(total, 1);
    assert_eq!(
        errors[0].row, 8,
        "row 7 of the data is spreadsheet row 8 under the header"
    );
    assert_eq!(errors[0].column.as_deref(), Some("CPR-nr."));
    assert!(!errors[0].to_string().contains(secret));
    assert_eq!(stored_records(&db).await, before, "nothing was written");
}

#[tokio::test]
async fn a_dry_run_reports_what_the_store_refuses_on_its_row_and_writes_nothing() {
    let lines = fixture_lines();
    let participants = example_mapping("participants.mapping.json");
    let activities = example_mapping("activities.mapping.json");
    let (mut people, _) = kib_sheets(&lines, &participants.tables[0], &activities.tables[0]);
    let referred = people.header.iter().position(|h| h == "Henvist").unwrap();
    let intake = people
        .header
        .iter()
        .position(|h| h == "Visitationsdato")
        .unwrap();
    // An intake before the referral breaks a rule only the timeline check knows.
    let support::Cell::Date(day) = people.rows[2][referred].clone() else {
        panic!("a referral date");
    };
    people.rows[2][intake] = support::Cell::Date(day.pred_opt().unwrap());
    let (_t, db) = database_with(&lines, Some(ENTITIES)).await;
    let before = stored_records(&db).await;

    for dry_run in [true, false] {
        let (errors, _) = bad_rows(&db, &participants, &people, dry_run).await;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].row, 4);
        assert_eq!(errors[0].column.as_deref(), Some("Visitationsdato"));
        assert!(matches!(errors[0].problem, Problem::Invalid(_)));
        assert_eq!(stored_records(&db).await, before);
    }
}

#[tokio::test]
async fn a_sheet_for_a_programme_that_does_not_exist_is_refused() {
    let lines = fixture_lines();
    let participants = example_mapping("participants.mapping.json");
    let (_t, db) = database_with(&lines, Some(ENTITIES)).await;
    let err = import_sheet(
        &db,
        &participants,
        b"Deltager-nr;Henvist\n",
        "nope",
        &ctx(),
        true,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, SheetError::UnknownProgramme(_)), "{err:?}");
}

#[tokio::test]
async fn one_run_reports_the_rows_that_do_not_read_and_those_the_timeline_refuses() {
    let lines = fixture_lines();
    let participants = example_mapping("participants.mapping.json");
    let activities = example_mapping("activities.mapping.json");
    let (mut people, _) = kib_sheets(&lines, &participants.tables[0], &activities.tables[0]);
    let col = |name: &str| people.header.iter().position(|h| h == name).unwrap();
    let (cpr, referred, intake) = (col("CPR-nr."), col("Henvist"), col("Visitationsdato"));
    people.rows[1][cpr] = support::Cell::Text("not a number".into());
    let support::Cell::Date(day) = people.rows[9][referred].clone() else {
        panic!("a referral date");
    };
    people.rows[9][intake] = support::Cell::Date(day.pred_opt().unwrap());
    let (_t, db) = database_with(&lines, Some(ENTITIES)).await;
    let before = stored_records(&db).await;
    let (errors, total) = bad_rows(&db, &participants, &people, false).await;
    assert_eq!(total, 2, "{errors:?}");
    let named: Vec<(u32, Option<&str>)> = errors
        .iter()
        .map(|e| (e.row, e.column.as_deref()))
        .collect();
    assert_eq!(named, [(3, Some("CPR-nr.")), (11, Some("Visitationsdato"))]);
    assert_eq!(stored_records(&db).await, before);
}
