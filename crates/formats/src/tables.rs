//! Any report that is a [`Table`] (the situation series, the ESF+ indicators, the company report,
//! …) as an XLSX workbook: the first sheet names the report, then a sheet per table with its
//! columns as the header (bold, frozen with the columns that name a row), counts and shares as
//! numbers, dates as text in ISO form, a hidden count as an empty cell.

use chrono::NaiveDate;
use jobbro_domain::table::{Cell, Table};
use rust_xlsxwriter::XlsxError as WriterError;

use crate::XlsxError;
use crate::xlsx::{count, header, workbook};

/// `tables` as the bytes of an `.xlsx` file dated `day`, its first sheet the `about` lines.
pub fn tables_xlsx(
    day: NaiveDate,
    about: &[(&str, String)],
    tables: &[Table],
) -> Result<Vec<u8>, XlsxError> {
    let (mut book, bold) = workbook(day, about)?;
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(table.name)?;
        let titles: Vec<&str> = table.columns.iter().map(String::as_str).collect();
        header(sheet, &bold, &titles)?;
        sheet.set_freeze_panes(1, table.key_columns)?;
        for col in 0..table.key_columns {
            sheet.set_column_width(col, 16)?;
        }
        for (line, row) in (1..).zip(&table.rows) {
            for (col, cell) in (0u16..).zip(row) {
                write(sheet, line, col, cell)?;
            }
        }
    }
    Ok(book.save_to_buffer()?)
}

fn write(
    sheet: &mut rust_xlsxwriter::Worksheet,
    line: u32,
    col: u16,
    cell: &Cell,
) -> Result<(), WriterError> {
    match cell {
        Cell::Text(s) => {
            sheet.write_string(line, col, s)?;
        }
        Cell::Date(d) => {
            sheet.write_string(line, col, d.to_string())?;
        }
        Cell::Count(c) => count(
            sheet,
            line,
            col,
            &c.map(|n| n.to_string()).unwrap_or_default(),
        )?,
        Cell::Percent(Some(p)) => {
            sheet.write_number(line, col, (p * 10.0).round() / 10.0)?;
        }
        Cell::Percent(None) => {}
        Cell::Number(x, _) => {
            sheet.write_number(line, col, *x)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
