//! jobbro's domain: the records of the timeline format (FORMAT.md), their validation, and
//! everything derived from a timeline — status on a date, the worklist and the status report.
//!
//! This crate does no I/O: no files, no network, no clock, no randomness. Dates are parameters, so
//! every caller (web page, API, CLI, export) gets the same answer for the same timeline, and tests
//! control time.

pub mod access;
pub mod bottleneck;
pub mod codes;
pub mod cohorts;
pub mod company_register;
pub mod company_report;
pub mod cvr;
pub mod digest;
pub mod enums;
pub mod esf;
pub mod ips;
pub mod matching;
pub mod national_id;
pub mod network;
pub mod occupation;
pub mod opening;
pub mod profile;
pub mod proposal;
pub mod records;
pub mod report;
pub mod rules;
pub mod sector;
pub mod series;
pub mod status;
pub mod suppression;
pub mod table;
#[cfg(test)]
pub(crate) mod testkit;
pub mod timeline;
pub mod worklist;

pub use chrono::NaiveDate as Date;
