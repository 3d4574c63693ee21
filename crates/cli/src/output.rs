//! Writing answers: JSON (pretty, one object or array) and CSV, to stdout or a file.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use jobbro_domain::report::StatusReport;
use jobbro_domain::table::{Cell, Table};
use jobbro_domain::worklist::Item;
use jobbro_formats::{About, Labels, status_pdf};

use crate::commands::buffered;
use crate::{BadInput, ListFormat, ReportFormat, TableFormat};

/// Standard output, or the file given with `--out` (created or truncated).
pub fn open_out(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => {
            let file = std::fs::File::create(p)
                .map_err(|e| BadInput(format!("jobbro: cannot create {}: {e}", p.display())))?;
            Box::new(buffered(file))
        }
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// The status report in `format`; a PDF says `about` in the words of `labels`.
pub fn write_report(
    report: &StatusReport,
    format: ReportFormat,
    (about, labels): (&About<'_>, &dyn Labels),
    out: impl Write,
) -> Result<()> {
    match format {
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["section", "group", "key", "value"])?;
            for row in report.rows() {
                w.write_record(&row)?;
            }
            w.flush()?;
        }
        ReportFormat::Xlsx => write_bytes(&jobbro_formats::status_xlsx(report)?, out)?,
        ReportFormat::Pdf => write_bytes(&status_pdf(report, about, labels)?, out)?,
        ReportFormat::Json => write_json(report, out)?,
    }
    Ok(())
}

/// The status reports of several programmes: a JSON array, or one CSV table whose rows are led by
/// the programme. Workbooks and PDFs are one programme's.
pub fn write_reports(
    reports: &[StatusReport],
    format: ReportFormat,
    out: impl Write,
) -> Result<()> {
    match format {
        ReportFormat::Json => write_json(&reports, out)?,
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["programme", "section", "group", "key", "value"])?;
            for report in reports {
                for [section, group, key, value] in report.rows() {
                    w.write_record([&report.programme, &section, &group, &key, &value])?;
                }
            }
            w.flush()?;
        }
        ReportFormat::Xlsx | ReportFormat::Pdf => {
            return Err(BadInput("several programmes' reports are JSON or CSV".into()).into());
        }
    }
    Ok(())
}

/// A file made whole in memory (a workbook, a PDF).
pub fn write_bytes(bytes: &[u8], mut out: impl Write) -> Result<()> {
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Any report as pretty JSON and a newline.
pub fn write_json(report: &impl serde::Serialize, mut out: impl Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut out, report)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

pub fn write_worklist(items: &[Item], format: ListFormat, out: impl Write) -> Result<()> {
    match format {
        ListFormat::Json => write_json(&items, out)?,
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "kind",
                "enrolment",
                "person",
                "programme",
                "caseworker",
                "due",
                "days_overdue",
            ])?;
            for i in items {
                w.write_record([
                    i.kind.as_str(),
                    i.enrolment.as_deref().unwrap_or(""),
                    i.person.as_deref().unwrap_or(""),
                    &i.programme,
                    i.caseworker.as_deref().unwrap_or(""),
                    &i.due.to_string(),
                    &i.days_overdue.to_string(),
                ])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// A report that is a table: JSON as it is (`json`, the report itself), CSV with the table's
/// columns, or a workbook with a first sheet naming the report (`about`) and the table, dated
/// `day`.
pub fn write_table(
    json: &impl serde::Serialize,
    table: Table,
    about: (NaiveDate, &[(&str, String)]),
    format: TableFormat,
    mut out: impl Write,
) -> Result<()> {
    match format {
        TableFormat::Json => write_json(json, out)?,
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(&table.columns)?;
            for row in &table.rows {
                w.write_record(row.iter().map(Cell::text))?;
            }
            w.flush()?;
        }
        TableFormat::Xlsx => {
            let (day, lines) = about;
            out.write_all(&jobbro_formats::tables_xlsx(day, lines, &[table])?)?;
            out.flush()?;
        }
    }
    Ok(())
}
