#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
//! A table's workbook read back with calamine is the table: the same header, the same cells as
//! the CSV writes them, counts as numbers and hidden counts empty.

use chrono::NaiveDate;
use jobbro_domain::company_report::{CompanyFacts, CompanyReportBuilder};
use jobbro_domain::records::Record;
use jobbro_domain::report::gather;
use jobbro_domain::table::{Cell, Table};

use super::*;
use crate::tests::read_back;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 16).unwrap()
}

/// Checks that the workbook of `tables` holds them, after the `report` sheet naming them.
fn check(tables: &[Table]) {
    let about = [
        ("programme", "kib".to_owned()),
        ("as_of", day().to_string()),
    ];
    let sheets = read_back(tables_xlsx(day(), &about, tables).unwrap());
    assert_eq!(sheets.len(), tables.len() + 1);
    assert_eq!(sheets[0].1[0], ["programme", "kib"]);
    for (table, (name, rows)) in tables.iter().zip(&sheets[1..]) {
        assert_eq!(name, table.name);
        assert_eq!(rows[0], table.columns);
        let want: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| row.iter().map(read_as).collect())
            .collect();
        // calamine drops trailing empty cells of a row only when the whole column is empty.
        let got: Vec<Vec<String>> = rows[1..]
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.resize(table.columns.len(), String::new());
                r
            })
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

/// A cell as `read_back` gives it: a share as a number, whole without decimals.
fn read_as(cell: &Cell) -> String {
    match cell {
        Cell::Percent(Some(p)) => {
            let p = (p * 10.0).round() / 10.0;
            if p.fract() == 0.0 {
                format!("{p:.0}")
            } else {
                format!("{p:.1}")
            }
        }
        other => other.text(),
    }
}

#[test]
fn a_table_with_every_kind_of_cell_reads_back_as_written() {
    let table = Table {
        name: "mixed",
        columns: ["day", "what", "count", "hidden", "share"]
            .map(String::from)
            .to_vec(),
        key_columns: 1,
        rows: vec![
            vec![
                Cell::Date(day()),
                Cell::from("Bageriet ApS; æøå"),
                Cell::Count(Some(12)),
                Cell::Count(None),
                Cell::Percent(Some(33.3)),
            ],
            vec![
                Cell::Date(day()),
                Cell::from(""),
                Cell::Count(Some(0)),
                Cell::Count(Some(7)),
                Cell::Percent(None),
            ],
        ],
    };
    let about = [("programme", "kib".to_owned())];
    let sheets = read_back(tables_xlsx(day(), &about, std::slice::from_ref(&table)).unwrap());
    assert_eq!(
        sheets[1].1[1][..4],
        ["2024-06-16", "Bageriet ApS; æøå", "12", ""]
    );
    assert_eq!(sheets[1].1[2][2..4], ["0", "7"]);
}

#[test]
fn the_kib_company_report_reads_back_as_its_table_suppressed_or_not() {
    let records = include_str!("../../../../../shared/fixtures/kib.jsonl")
        .lines()
        .map(|line| Record::from_json(&serde_json::from_str(line).unwrap()).unwrap());
    let g = gather(records);
    let mut b = CompanyReportBuilder::new("kib", day(), g.programmes["kib"].rules.effective());
    for t in &g.timelines {
        b.add(t);
    }
    let report = b.finish(|id| {
        g.companies.get(id).map(|c| CompanyFacts {
            name: c.name.clone(),
            sector: c.sector.clone(),
        })
    });
    assert!(report.companies.len() > 1);
    for suppress in [None, Some(5)] {
        check(&[report.publish(suppress).table()]);
    }
    // The same workbook for the same report.
    let table = [report.publish(None).table()];
    let about = [("programme", "kib".to_owned())];
    assert_eq!(
        tables_xlsx(day(), &about, &table).unwrap(),
        tables_xlsx(day(), &about, &table).unwrap()
    );
}
