//! `jobbro report series`: the situation counts at each month end agree with `report status` on
//! that day, in JSON and in CSV, and bad dates are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;

fn series(t: &jobbro_store::testing::TestDb, format: &str) -> Run {
    jobbro(
        t,
        &[
            "report",
            "series",
            "--programme",
            "kib",
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--format",
            format,
        ],
    )
}

#[tokio::test]
async fn each_month_end_of_the_series_is_the_status_report_of_that_day() {
    let t = with_kib().await;
    let json = series(&t, "json");
    json.assert_ok();
    let points = json.json();
    let points = points.as_array().unwrap();
    assert_eq!(points.len(), 12, "one point per month end of 2023");
    let csv = series(&t, "csv");
    csv.assert_ok();
    let mut lines = csv.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[..2], ["as_of", "active"]);
    for (point, line) in points.iter().zip(lines) {
        let day = point["as_of"].as_str().unwrap();
        let status = jobbro(
            &t,
            &["report", "status", "--programme", "kib", "--as-of", day],
        );
        status.assert_ok();
        let status = status.json();
        assert_eq!(point["active"], status["active"], "{day}");
        assert_eq!(point["situation"], status["situation"], "{day}");
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[0], day);
        for (name, cell) in header.iter().zip(&cells).skip(1) {
            let want = if *name == "active" {
                &point["active"]
            } else {
                &point["situation"][*name]
            };
            assert_eq!(want.to_string(), *cell, "{day} {name}");
        }
    }
}

#[tokio::test]
async fn a_series_that_ends_before_it_starts_is_bad_input() {
    let t = with_kib().await;
    let run = jobbro(
        &t,
        &[
            "report",
            "series",
            "--programme",
            "kib",
            "--from",
            "2024-01-01",
            "--to",
            "2023-01-01",
        ],
    );
    run.assert_bad_input();
    assert_eq!(run.stdout, "");
}
