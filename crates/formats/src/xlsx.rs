//! The status report as an XLSX workbook: a first sheet saying which programme and day, then one
//! sheet per section of the report (totals, situation, best outcome, leaving reasons, follow-up,
//! goals: tables of `group`, `key` and `value`, the long form the CSV carries, split by section),
//! and one sheet per breakdown with a row per group and a column per figure. Counts are stored as numbers, so a spreadsheet can sum them; a
//! suppressed count is an empty cell. Header rows are bold and frozen. The file is dated the
//! report's day, so the same report always gives the same bytes.

use chrono::{Datelike, NaiveDate};
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
    let (mut book, bold) = workbook(
        report.as_of,
        &[
            ("programme", report.programme.clone()),
            ("as_of", report.as_of.to_string()),
        ],
    )?;

    let rows = report.rows();
    for (section, rows) in crate::sections(&rows) {
        let sheet = book.add_worksheet();
        sheet.set_name(section)?;
        if section.starts_with("breakdown.") {
            wide(sheet, &bold, &rows)?;
        } else {
            long(sheet, &bold, &rows)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

/// A workbook dated `day` (not the moment of writing: the same report gives the same file), with
/// a first sheet `report` of `(what, value)` lines naming the report; and the bold header format.
pub(crate) fn workbook(
    day: NaiveDate,
    about: &[(&str, String)],
) -> Result<(Workbook, Format), WriterError> {
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(
        u16::try_from(day.year()).unwrap_or(1900),
        u8::try_from(day.month()).unwrap_or(1),
        u8::try_from(day.day()).unwrap_or(1),
    )?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("report")?;
    for (line, (what, value)) in (0..).zip(about) {
        sheet.write_string_with_format(line, 0, *what, &bold)?;
        sheet.write_string(line, 1, value)?;
    }
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 24)?;
    Ok((book, bold))
}

/// `group`, `key`, `value`: one figure a row.
fn long(sheet: &mut Worksheet, bold: &Format, rows: &[&[String; 4]]) -> Result<(), WriterError> {
    header(sheet, bold, &["group", "key", "value"])?;
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 30)?;
    for (line, [_, group, key, value]) in (1..).zip(rows) {
        sheet.write_string(line, 0, group)?;
        sheet.write_string(line, 1, key)?;
        count(sheet, line, 2, value)?;
    }
    Ok(())
}

/// A breakdown as the reader wants it: a row per group (women, men, …), a column per figure
/// (active, accepted, each situation, each best outcome), the group column frozen too.
fn wide(sheet: &mut Worksheet, bold: &Format, rows: &[&[String; 4]]) -> Result<(), WriterError> {
    let mut keys: Vec<&str> = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    for [_, group, key, _] in rows {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
        if !groups.contains(&group.as_str()) {
            groups.push(group);
        }
    }
    let mut titles = vec!["group"];
    titles.extend(&keys);
    header(sheet, bold, &titles)?;
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_column_width(0, 18)?;
    for (line, group) in (1..).zip(&groups) {
        sheet.write_string(line, 0, *group)?;
        for [_, g, key, value] in rows.iter().filter(|r| r[1] == *group) {
            debug_assert_eq!(g, group);
            let col = keys.iter().position(|k| k == key).unwrap_or(0) + 1;
            count(sheet, line, u16::try_from(col).unwrap_or(u16::MAX), value)?;
        }
    }
    Ok(())
}

/// A count as a number; a suppressed one (no value) as an empty cell.
pub(crate) fn count(
    sheet: &mut Worksheet,
    line: u32,
    col: u16,
    value: &str,
) -> Result<(), WriterError> {
    if let Ok(n) = value.parse::<u64>() {
        // Counts stay far below 2^53: exact as a spreadsheet number.
        #[allow(clippy::cast_precision_loss)]
        sheet.write_number(line, col, n as f64)?;
    }
    Ok(())
}

pub(crate) fn header(
    sheet: &mut Worksheet,
    bold: &Format,
    titles: &[&str],
) -> Result<(), WriterError> {
    for (col, title) in (0u16..).zip(titles) {
        sheet.write_string_with_format(0, col, *title, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
