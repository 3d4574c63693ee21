//! The status report as an XLSX workbook: a first sheet saying which programme and day, then one
//! sheet per section of the report (totals, situation, best outcome, leaving reasons, follow-up,
//! goals, and each breakdown), each a table of `group`, `key` and `value` — the long form the CSV
//! carries, split by section. Counts are stored as numbers, so a spreadsheet can sum them; a
//! suppressed count is an empty cell. Header rows are bold and frozen. The file is dated the
//! report's day, so the same report always gives the same bytes.

use chrono::Datelike;
use jobbro_domain::report::StatusReport;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError as WriterError,
};

/// Writing the workbook failed (only on a bug or an impossible sheet: the input is a report).
#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be written: {0}")]
pub struct XlsxError(#[from] WriterError);

/// The status report as the bytes of an `.xlsx` file.
pub fn status_xlsx(report: &StatusReport) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Dated the report's day, not the moment of writing: the same report gives the same file.
    let day = ExcelDateTime::from_ymd(
        u16::try_from(report.as_of.year()).unwrap_or(1900),
        u8::try_from(report.as_of.month()).unwrap_or(1),
        u8::try_from(report.as_of.day()).unwrap_or(1),
    )?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&day));
    let bold = Format::new().set_bold();

    let about = book.add_worksheet();
    about.set_name("report")?;
    about.write_string_with_format(0, 0, "programme", &bold)?;
    about.write_string(0, 1, &report.programme)?;
    about.write_string_with_format(1, 0, "as_of", &bold)?;
    about.write_string(1, 1, report.as_of.to_string())?;
    about.set_column_width(0, 14)?;
    about.set_column_width(1, 24)?;

    let rows = report.rows();
    let mut sections: Vec<&str> = Vec::new();
    for [section, ..] in &rows {
        if !sections.contains(&section.as_str()) {
            sections.push(section);
        }
    }
    for section in sections {
        let sheet = book.add_worksheet();
        sheet.set_name(section)?;
        header(sheet, &bold)?;
        for (line, [_, group, key, value]) in (1..).zip(rows.iter().filter(|r| r[0] == section)) {
            sheet.write_string(line, 0, group)?;
            sheet.write_string(line, 1, key)?;
            if let Ok(n) = value.parse::<u64>() {
                // Counts stay far below 2^53: exact as a spreadsheet number.
                #[allow(clippy::cast_precision_loss)]
                sheet.write_number(line, 2, n as f64)?;
            }
        }
    }
    Ok(book.save_to_buffer()?)
}

fn header(sheet: &mut Worksheet, bold: &Format) -> Result<(), WriterError> {
    for (col, title) in ["group", "key", "value"].into_iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(0);
        sheet.write_string_with_format(0, col, title, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 30)?;
    Ok(())
}
