//! jobbro's reports as files. Each format renders a report type of the domain crate
//! ([`StatusReport`], …) and never counts anything itself: the figures in a workbook are the
//! figures of the JSON and the CSV, row for row.
//!
//! - [`status_xlsx`]: the status report as an Excel workbook.
//! - [`tables_xlsx`]: any report that is a [`jobbro_domain::table::Table`] as a workbook.

mod tables;
mod xlsx;

pub use tables::tables_xlsx;
pub use xlsx::{XlsxError, status_xlsx};

#[cfg(test)]
mod tests;

pub use jobbro_domain::report::StatusReport;
