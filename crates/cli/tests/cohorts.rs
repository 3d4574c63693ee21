//! `jobbro report cohorts` and `jobbro report ips` over the KIB fixture, on whichever database
//! the suite runs on: the cohorts add up to the status report's referred and accepted, the CSV
//! carries the JSON's figures, `--suppress` hides small quarter counts but never the total, the
//! IPS caseload covers every active enrolment, and bad input is refused with exit status 2.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use serde_json::Value;

const STAGES: [&str; 5] = [
    "referred",
    "accepted",
    "first_activity",
    "first_company_activity",
    "job_or_education",
];

fn report(t: &jobbro_store::testing::TestDb, which: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "report",
        which,
        "--programme",
        "kib",
        "--as-of",
        "2024-06-16",
    ];
    args.extend_from_slice(extra);
    jobbro(t, &args)
}

fn count(row: &Value, stage: &str) -> Option<u64> {
    row["counts"][stage].as_u64()
}

#[tokio::test]
async fn the_kib_cohorts_add_up_to_the_status_reports_referred_and_accepted() {
    let t = with_kib().await;
    let run = report(&t, "cohorts", &[]);
    run.assert_ok();
    let r = run.json();
    let status = read_json(KIB_STATUS);
    assert_eq!(r["total"]["counts"]["referred"], status["referred"]);
    assert_eq!(r["total"]["counts"]["accepted"], status["accepted"]);
    let cohorts = r["cohorts"].as_array().unwrap();
    assert!(cohorts.len() > 4, "{} quarters", cohorts.len());
    for stage in STAGES {
        let sum: u64 = cohorts.iter().map(|c| count(c, stage).unwrap()).sum();
        assert_eq!(Some(sum), count(&r["total"], stage), "{stage}");
    }
    for c in cohorts {
        let n: Vec<u64> = STAGES.iter().map(|s| count(c, s).unwrap()).collect();
        assert!(
            n.windows(2).all(|w| w[1] <= w[0]),
            "{}: {n:?}",
            c["quarter"]
        );
    }

    // The CSV: a row per quarter and the total, the same figures.
    let csv = report(&t, "cohorts", &["--format", "csv"]);
    csv.assert_ok();
    let mut lines = csv.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "quarter");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), cohorts.len() + 1);
    for (row, c) in rows.iter().zip(cohorts.iter().chain([&r["total"]])) {
        assert_eq!(Some(row[0]), c["quarter"].as_str());
        for (i, stage) in STAGES.iter().enumerate() {
            assert_eq!(row[1 + i], count(c, stage).unwrap().to_string(), "{stage}");
        }
        for (name, cell) in header.iter().zip(row).skip(6) {
            let step = name.strip_prefix("median_days_").unwrap();
            let median = &c["median_days"][step];
            assert!(median.is_null() || median.is_i64(), "{step}");
            let want = median.as_i64().map(|m| m.to_string()).unwrap_or_default();
            assert_eq!(*cell, want, "{name}");
        }
    }
}

#[tokio::test]
async fn suppression_hides_small_quarter_counts_but_not_the_total() {
    let t = with_kib().await;
    let open = report(&t, "cohorts", &[]).assert_ok().json();
    let run = report(&t, "cohorts", &["--suppress", "5"]);
    run.assert_ok();
    let r = run.json();
    assert_eq!(r["suppressed_below"], 5);
    assert_eq!(r["total"], open["total"]);
    let mut hidden = 0;
    for (c, o) in r["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .zip(open["cohorts"].as_array().unwrap())
    {
        for stage in STAGES {
            match count(c, stage) {
                Some(n) => {
                    assert!(n == 0 || n >= 5, "{} {stage}: {n}", c["quarter"]);
                    assert_eq!(Some(n), count(o, stage));
                }
                None => hidden += 1,
            }
        }
    }
    assert!(hidden > 0, "KIB has small quarter counts");
}

#[tokio::test]
async fn the_ips_caseload_covers_every_active_enrolment_and_the_csv_has_the_jsons_figures() {
    let t = with_kib().await;
    let run = report(&t, "ips", &[]);
    run.assert_ok();
    let r = run.json();
    let status = read_json(KIB_STATUS);
    let loads = r["caseload"]["caseworkers"].as_array().unwrap();
    let active: u64 = loads.iter().map(|l| l["active"].as_u64().unwrap()).sum();
    assert_eq!(Value::from(active), status["active"]);
    assert_eq!(r["caseload"]["max"], 20);
    let t2c = &r["time_to_company"];
    assert!(t2c["within_target"].as_u64() <= t2c["reached"].as_u64());
    let cohorts = report(&t, "cohorts", &[]).assert_ok().json();
    assert_eq!(
        t2c["reached"],
        cohorts["total"]["counts"]["first_company_activity"]
    );

    let csv = report(&t, "ips", &["--format", "csv"]);
    csv.assert_ok();
    let value = |section: &str, key: &str| {
        csv.stdout
            .lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .find(|f| f[0] == section && f[1].is_empty() && f[2] == key)
            .map(|f| f[3].to_owned())
            .unwrap()
    };
    assert_eq!(
        value("time_to_company", "reached"),
        t2c["reached"].to_string()
    );
    assert_eq!(
        value("first_month_contact", "jobs"),
        r["first_month_contact"]["jobs"].to_string()
    );
}

#[tokio::test]
async fn a_bad_date_or_an_unknown_programme_is_bad_input() {
    let t = with_kib().await;
    for which in ["cohorts", "ips"] {
        let run = jobbro(
            &t,
            &[
                "report",
                which,
                "--programme",
                "kib",
                "--as-of",
                "2024-13-01",
            ],
        );
        run.assert_bad_input();
        assert!(run.stderr.contains("--as-of"), "{}", run.describe());
        let run = jobbro(
            &t,
            &[
                "report",
                which,
                "--programme",
                "nope",
                "--as-of",
                "2024-06-16",
            ],
        );
        run.assert_bad_input();
        assert!(run.stderr.contains("nope"), "{}", run.describe());
    }
}
