#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
//! The workbook read back with calamine holds the report's figures, row for row, as numbers.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use jobbro_domain::records::Record;
use jobbro_domain::report::status_report_of;

use super::*;

pub(crate) fn kib(suppress: Option<u64>) -> StatusReport {
    let records = include_str!("../../../../shared/fixtures/kib.jsonl")
        .lines()
        .map(|line| Record::from_json(&serde_json::from_str(line).unwrap()).unwrap());
    let day = NaiveDate::from_ymd_opt(2024, 6, 16).unwrap();
    status_report_of(records, "kib", day, suppress).unwrap()
}

/// Every sheet of the workbook: its name and its rows as text (whole numbers without decimals).
pub(crate) fn read_back(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|cell| match cell {
                            // A count is whole; a share has one decimal (a count read back with
                            // one then differs from the report's figure).
                            Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                            Data::Float(f) => format!("{f:.1}"),
                            Data::Int(i) => i.to_string(),
                            Data::String(s) => s.clone(),
                            Data::Empty => String::new(),
                            other => panic!("unexpected cell {other:?}"),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn check(report: &StatusReport) -> usize {
    let sheets = read_back(status_xlsx(report).unwrap());
    let (name, about) = &sheets[0];
    assert_eq!(name, "report");
    assert_eq!(about[0], ["programme", "kib"]);
    assert_eq!(about[1], ["as_of", "2024-06-16"]);
    let mut rows_seen = 0;
    for (section, rows) in &sheets[1..] {
        let want: Vec<Vec<String>> = report
            .rows()
            .into_iter()
            .filter(|r| r[0] == *section)
            .map(|[_, group, key, value]| vec![group, key, value])
            .collect();
        // calamine leaves out trailing empty cells of a row: pad to the header's width. A
        // breakdown sheet is wide (a row per group, a column per figure): read it back long.
        let width = rows[0].len();
        let padded = rows[1..].iter().map(|r| {
            let mut r = r.clone();
            r.resize(width, String::new());
            r
        });
        let got: Vec<Vec<String>> = if section.starts_with("breakdown.") {
            padded
                .flat_map(|r| {
                    let header = &rows[0];
                    (1..width)
                        .map(|c| vec![r[0].clone(), header[c].clone(), r[c].clone()])
                        .collect::<Vec<_>>()
                })
                .collect()
        } else {
            assert_eq!(rows[0], ["group", "key", "value"], "{section}");
            padded.collect()
        };
        assert_eq!(got, want, "sheet {section}");
        rows_seen += got.len();
    }
    assert_eq!(rows_seen, report.rows().len(), "every figure is in a sheet");
    rows_seen
}

#[test]
fn the_workbook_holds_every_figure_of_the_status_report_as_numbers() {
    let report = kib(None);
    assert!(check(&report) > 50);
    let sections: std::collections::BTreeSet<String> =
        report.rows().into_iter().map(|r| r[0].clone()).collect();
    assert!(sections.contains("breakdown.gender") && sections.contains("goals"));
}

#[test]
fn a_suppressed_count_is_an_empty_cell() {
    let report = kib(Some(5));
    assert!(
        report.rows().iter().any(|r| r[3].is_empty()),
        "KIB has small cells"
    );
    check(&report);
}

#[test]
fn the_same_report_gives_the_same_file() {
    let report = kib(Some(5));
    assert_eq!(status_xlsx(&report).unwrap(), status_xlsx(&report).unwrap());
    assert_ne!(
        status_xlsx(&report).unwrap(),
        status_xlsx(&kib(None)).unwrap()
    );
}
