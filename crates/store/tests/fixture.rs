//! The acceptance fixture: importing `shared/fixtures/kib.jsonl` gives exactly the published
//! status report and worklist, on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::BufReader;
use std::path::PathBuf;

use chrono::NaiveDate;
use jobbro_store::testing;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
}

fn read_json(name: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join(name))
        .expect("the shared fixtures sit beside the repository");
    serde_json::from_str(&text).unwrap()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 16).unwrap()
}

async fn imported() -> (testing::TestDb, jobbro_store::Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let file = std::fs::File::open(fixtures().join("kib.jsonl")).unwrap();
    let summary = jobbro_store::import_timeline(
        &db,
        BufReader::new(file),
        &jobbro_store::Context::at_day("test", as_of()),
    )
    .await
    .unwrap();
    assert_eq!(summary.skipped, 0);
    assert_eq!(summary.added_total(), 14_067);
    (t, db)
}

#[tokio::test]
async fn kib_status_report_matches_the_published_figures() {
    let (_t, db) = imported().await;
    let report = jobbro_store::status_report(&db, "kib", as_of(), None)
        .await
        .unwrap();
    let got = serde_json::to_value(&report).unwrap();
    let want = read_json("kib.status.json");
    if got != want {
        for key in want.as_object().unwrap().keys() {
            if got.get(key) != want.get(key) {
                eprintln!("{key}:\n  got  {}\n  want {}", got[key], want[key]);
            }
        }
        panic!("status report differs from kib.status.json");
    }
}

#[tokio::test]
async fn kib_worklist_matches_the_published_items_most_overdue_first() {
    let (_t, db) = imported().await;
    let items = jobbro_store::worklist(&db, as_of(), Some("kib"), None)
        .await
        .unwrap();
    let got: Vec<Value> = items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap())
        .collect();
    let want = read_json("kib.worklist.json");
    let want = want.as_array().unwrap();
    let key = |v: &Value| v.to_string();
    let mut got_set: Vec<String> = got.iter().map(key).collect();
    let mut want_set: Vec<String> = want.iter().map(key).collect();
    got_set.sort();
    want_set.sort();
    let missing: Vec<_> = want_set.iter().filter(|w| !got_set.contains(w)).collect();
    let extra: Vec<_> = got_set.iter().filter(|g| !want_set.contains(g)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    let overdue: Vec<i64> = got
        .iter()
        .map(|v| v["days_overdue"].as_i64().unwrap())
        .collect();
    assert!(
        overdue.windows(2).all(|w| w[0] >= w[1]),
        "not sorted most overdue first: {overdue:?}"
    );
}

/// The cohorts and IPS measures read from the database agree with the store's other views of the
/// same day: the cohorts' total row is the funnel, the IPS caseload the caseload per caseworker.
#[tokio::test]
async fn the_kib_cohorts_and_ips_measures_agree_with_the_funnel_and_the_caseload() {
    let (_t, db) = imported().await;
    let cohorts = jobbro_store::cohort_report(&db, "kib", as_of(), None)
        .await
        .unwrap();
    let funnel = jobbro_store::programme_admin::funnel(&db, "kib", as_of())
        .await
        .unwrap();
    let total: Vec<u64> = cohorts.total.counts.0.iter().map(|n| n.unwrap()).collect();
    let stages: Vec<u64> = funnel.stages().iter().map(|(_, n)| *n).collect();
    assert_eq!(total, stages);

    let ips = jobbro_store::ips_report(&db, "kib", as_of()).await.unwrap();
    let loads = jobbro_store::programme_admin::caseload_per_caseworker(&db, "kib", as_of())
        .await
        .unwrap();
    let with_cases: Vec<(Option<String>, u64)> = loads
        .into_iter()
        .filter(|l| l.active > 0)
        .map(|l| (l.caseworker, l.active))
        .collect();
    let mut ips_loads: Vec<(Option<String>, u64)> = ips
        .caseload
        .caseworkers
        .iter()
        .map(|l| (l.caseworker.clone(), l.active))
        .collect();
    let mut expected = with_cases.clone();
    ips_loads.sort();
    expected.sort();
    assert_eq!(ips_loads, expected);
    assert!(
        !with_cases.is_empty(),
        "KIB has active enrolments on the day"
    );
    assert_eq!(ips.time_to_company.reached, funnel.first_company_activity);

    let unknown = jobbro_store::cohort_report(&db, "nope", as_of(), None).await;
    assert!(matches!(
        unknown,
        Err(jobbro_store::StoreError::UnknownProgramme(_))
    ));
}
