//! A report as a table: named columns and rows of cells, the shape every file format writes
//! (CSV one table, XLSX a sheet per table). Each report says once, here in the domain, which
//! columns it has and in which order, so the CSV and the workbook cannot disagree.

use chrono::NaiveDate;

use crate::company_report::{COLUMNS as COMPANY_COLUMNS, CompanyReport};
use crate::enums::Situation;
use crate::esf::EsfReport;
use crate::report::Count;
use crate::series::SeriesPoint;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    /// A count; `None` where it is hidden by small-cell suppression.
    Count(Count),
    /// A share in per cent, to one decimal in text; `None` where there is none.
    Percent(Option<f64>),
    /// Any other number, with its text as the report writes it.
    Number(f64, String),
}

impl Cell {
    /// The cell as CSV text: a hidden count and a missing share are empty.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.to_string(),
            Cell::Count(c) => c.map_or_else(String::new, |n| n.to_string()),
            Cell::Percent(p) => p.map_or_else(String::new, |p| format!("{p:.1}")),
            Cell::Number(_, text) => text.clone(),
        }
    }

    /// A cell from a report's text: empty is a missing (or hidden) count, a whole number a
    /// count, another number a number, anything else text.
    pub fn parse(text: &str) -> Cell {
        if text.is_empty() {
            Cell::Count(None)
        } else if let Ok(n) = text.parse::<u64>() {
            Cell::Count(Some(n))
        } else if let Ok(x) = text.parse::<f64>() {
            Cell::Number(x, text.to_owned())
        } else {
            Cell::Text(text.to_owned())
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

/// A named table: its column names (the JSON's keys where there are some), its rows, and how many
/// leading columns name the row (frozen in a spreadsheet).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<String>,
    pub key_columns: u16,
    pub rows: Vec<Vec<Cell>>,
}

/// The column names of a table.
fn names(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| (*c).to_owned()).collect()
}

/// A table of a report's text rows, each cell read by [`Cell::parse`].
pub fn parsed(
    name: &'static str,
    columns: Vec<String>,
    key_columns: u16,
    rows: impl IntoIterator<Item = impl IntoIterator<Item = impl AsRef<str>>>,
) -> Table {
    Table {
        name,
        columns,
        key_columns,
        rows: rows
            .into_iter()
            .map(|row| row.into_iter().map(|c| Cell::parse(c.as_ref())).collect())
            .collect(),
    }
}

/// The situation series: a row per month end, a column per situation.
pub fn series_table(points: &[SeriesPoint]) -> Table {
    let mut columns = vec!["as_of", "active"];
    columns.extend(Situation::ALL.iter().map(|s| s.as_str()));
    let rows = points
        .iter()
        .map(|p| {
            let mut row = vec![Cell::Date(p.as_of), Cell::Count(Some(p.active))];
            row.extend(
                Situation::ALL
                    .iter()
                    .map(|s| Cell::Count(Some(p.situation.get(*s)))),
            );
            row
        })
        .collect();
    Table {
        name: "series",
        columns: names(&columns),
        key_columns: 1,
        rows,
    }
}

impl EsfReport<Count> {
    /// A row per indicator, in the order of the JSON: section, the ESF+ code (or jobbro's name of
    /// a row without one), the counts by gender.
    pub fn table(&self) -> Table {
        let rows = self
            .rows()
            .into_iter()
            .map(|(section, key, g)| {
                let section = match section {
                    crate::esf::EsfSection::Output => "output",
                    crate::esf::EsfSection::Result => "result",
                };
                let mut row = vec![Cell::from(section), Cell::from(key)];
                row.extend(g.cells().map(Cell::Count));
                row
            })
            .collect();
        Table {
            name: "esf",
            columns: names(&[
                "section",
                "indicator",
                "women",
                "men",
                "non_binary",
                "unknown",
                "total",
            ]),
            key_columns: 2,
            rows,
        }
    }
}

impl CompanyReport<Count> {
    /// A row per company, then per sector, then the total: level, id (company id or sector),
    /// company name, the counts, the conversion rate.
    pub fn table(&self) -> Table {
        let mut columns = vec!["level", "id", "name"];
        columns.extend(COMPANY_COLUMNS);
        columns.push("conversion_percent");
        let rows = self
            .lines()
            .into_iter()
            .map(|(level, id, name, counts)| {
                let mut row = vec![Cell::from(level), Cell::from(id), Cell::from(name)];
                row.extend(counts.cells().map(Cell::Count));
                row.push(Cell::Percent(counts.conversion_percent()));
                row
            })
            .collect();
        Table {
            name: "companies",
            columns: names(&columns),
            key_columns: 3,
            rows,
        }
    }
}

impl crate::cohorts::CohortReport {
    /// A row per referral quarter and the total, as the CSV has them.
    pub fn table(&self) -> Table {
        parsed("cohorts", Self::header(), 1, self.rows())
    }
}

impl crate::ips::IpsReport {
    /// The measures as `section, group, key, value` rows, as the CSV has them.
    pub fn table(&self) -> Table {
        parsed(
            "ips",
            names(&["section", "group", "key", "value"]),
            3,
            self.rows(),
        )
    }
}
