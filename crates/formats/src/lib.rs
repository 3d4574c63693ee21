//! jobbro's reports as files. Each format renders a report type of the domain crate
//! ([`StatusReport`], …) and never counts anything itself: the figures in a workbook or a PDF are
//! the figures of the JSON and the CSV, row for row.
//!
//! - [`status_xlsx`]: the status report as an Excel workbook.
//! - [`status_pdf`]: the status report as an A4 PDF in the reader's language ([`Labels`]).
//! - [`tables_xlsx`]: any report that is a [`jobbro_domain::table::Table`] as a workbook.

mod pdf;
mod tables;
mod xlsx;

pub use pdf::{About, CODE_LISTS, HIDDEN, KEYS, Labels, PdfError, group_label, status_pdf};
pub use tables::tables_xlsx;
pub use xlsx::{XlsxError, status_xlsx};

#[cfg(test)]
mod tests;

#[cfg(test)]
mod pdf_tests;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use jobbro_domain::report::StatusReport;

/// The colour of each situation, best first (the Okabe–Ito palette, readable with colour
/// blindness): the programme page's charts and the PDF's.
pub const SITUATION_FILLS: [&str; 8] = [
    "#0b4f8a", "#009e73", "#56b4e9", "#e69f00", "#f0e442", "#cc79a7", "#d55e00", "#8c8c8c",
];

/// The report's long form ([`StatusReport::rows`]) split by section, in the rows' order: what
/// each format walks, so every format shows the same figures.
pub(crate) fn sections(rows: &[[String; 4]]) -> Vec<(&str, Vec<&[String; 4]>)> {
    let mut out: Vec<(&str, Vec<&[String; 4]>)> = Vec::new();
    for row in rows {
        match out.iter_mut().find(|(s, _)| *s == row[0]) {
            Some((_, rows)) => rows.push(row),
            None => out.push((&row[0], vec![row])),
        }
    }
    out
}
