//! `jobbro report companies`: the KIB fixture's placements per company and sector, on whichever
//! database the suite runs on — the total the fixture's company activities, JSON and CSV the same
//! figures, and with `--suppress` no company line and no small count.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use serde_json::Value;

fn companies(t: &jobbro_store::testing::TestDb, extra: &[&str]) -> Run {
    let mut args = vec![
        "report",
        "companies",
        "--programme",
        "kib",
        "--as-of",
        "2024-06-16",
    ];
    args.extend_from_slice(extra);
    jobbro(t, &args)
}

/// The fixture's activities at a company started by the day, counted from its lines.
fn company_activities_by(day: &str) -> u64 {
    std::fs::read_to_string(KIB)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "activity_started" && v["company"].is_string())
        .filter(|v| v["date"].as_str().unwrap() <= day)
        .count() as u64
}

#[tokio::test]
async fn the_companies_of_kib_add_up_to_its_company_activities_in_json_and_csv() {
    let t = with_kib().await;
    let run = companies(&t, &[]);
    run.assert_ok();
    assert_no_national_id("report companies", &run.stdout, &kib_national_ids());
    let report = run.json();
    let total = report["total"]["placements"].as_u64().unwrap();
    assert_eq!(total, company_activities_by("2024-06-16"));
    let lines = report["companies"].as_array().unwrap();
    assert!(lines.len() > 1);
    let sum: u64 = lines
        .iter()
        .map(|c| c["placements"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, total);

    let csv = companies(&t, &["--format", "csv"]);
    csv.assert_ok();
    let mut rows = csv.stdout.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(header[..4], ["level", "id", "name", "placements"]);
    let rows: Vec<Vec<&str>> = rows.map(|r| r.split(',').collect()).collect();
    let company_rows: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "company").collect();
    assert_eq!(company_rows.len(), lines.len());
    for (row, line) in company_rows.iter().zip(lines) {
        assert_eq!(row[1], line["company"]);
        for (i, column) in header.iter().enumerate().skip(3) {
            if *column != "conversion_percent" {
                assert_eq!(row[i], line[*column].to_string(), "{column}");
            }
        }
    }
    let last = rows.last().unwrap();
    assert_eq!((last[0], last[3]), ("total", total.to_string().as_str()));
}

#[tokio::test]
async fn suppressed_the_report_has_no_company_line_and_no_small_count() {
    let t = with_kib().await;
    let run = companies(&t, &["--suppress", "5"]);
    run.assert_ok();
    let report = run.json();
    assert_eq!(report["suppressed_below"], 5);
    assert_eq!(report["companies"], Value::Array(vec![]));
    let mut hidden = 0;
    for counts in report["sectors"]
        .as_array()
        .unwrap()
        .iter()
        .chain([&report["total"]])
    {
        for column in ["placements", "internship", "paid_hours", "to_paid_hours"] {
            match counts[column].as_u64() {
                Some(n) => assert!(n == 0 || n >= 5, "{column} = {n}"),
                None => hidden += 1,
            }
        }
    }
    assert!(hidden > 0, "KIB has sectors with few placements");
    let bad = jobbro(
        &t,
        &[
            "report",
            "companies",
            "--programme",
            "kib",
            "--as-of",
            "2024-13-01",
        ],
    );
    bad.assert_bad_input();
    assert!(bad.stderr.contains("--as-of"), "{}", bad.describe());
}

/// The rows of the workbook's second sheet (the first names the report), as CSV would write them.
fn xlsx_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "report");
    let range = book.worksheet_range(&names[1]).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Float(f) => f.to_string(),
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn each_table_report_gives_the_same_cells_as_csv_and_as_xlsx() {
    let t = with_kib().await;
    let dir = tempfile::tempdir().unwrap();
    for (report, extra) in [
        ("companies", &["--as-of", "2024-06-16"][..]),
        (
            "companies",
            &["--as-of", "2024-06-16", "--suppress", "5"][..],
        ),
        ("esf", &["--as-of", "2024-06-16", "--suppress", "5"][..]),
        (
            "series",
            &["--from", "2023-01-01", "--to", "2023-12-31"][..],
        ),
    ] {
        let mut args = vec!["report", report, "--programme", "kib"];
        args.extend_from_slice(extra);
        let csv = jobbro(&t, &[&args[..], &["--format", "csv"]].concat());
        csv.assert_ok();
        let path = dir.path().join(format!("{report}.xlsx"));
        let out = path.to_str().unwrap();
        jobbro(
            &t,
            &[&args[..], &["--format", "xlsx", "--out", out]].concat(),
        )
        .assert_ok();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.stdout.as_bytes());
        let from_csv: Vec<Vec<String>> = reader
            .records()
            .map(|r| {
                r.unwrap()
                    .iter()
                    // The workbook stores numbers as numbers: "100.0" reads back as 100.
                    .map(|cell| {
                        cell.parse::<f64>()
                            .map_or_else(|_| cell.to_owned(), |f| f.to_string())
                    })
                    .collect()
            })
            .collect();
        let mut from_xlsx = xlsx_rows(&path);
        for row in &mut from_xlsx {
            row.resize(from_csv[0].len(), String::new());
        }
        assert!(from_csv.len() > 2, "{report}");
        assert_eq!(from_xlsx, from_csv, "{report} {extra:?}");
    }
}
