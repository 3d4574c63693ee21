//! Spreadsheet import: participants, activities and contacts kept in Excel (XLSX, XLS, ODS) or
//! CSV, read through a column mapping ([`Mapping`], a JSON file; docs/IMPORT.md) into the
//! records of the timeline format, then written by the store's own import, all or nothing.
//!
//! The rules live in one place: a sheet only *translates* rows into timeline records; every
//! record is checked by the domain (`Record::from_json`) and by the store (what it names exists,
//! its dates fit) exactly as a line of a timeline file is, and each problem is reported against
//! the row and column the user sees in the spreadsheet. Nothing here logs or prints a cell: a
//! misplaced column may hold national ids.
//!
//! - [`translate`]: the pure part — mapping, file bytes and what is stored → records or every
//!   bad row.
//! - [`import_sheet`]: the whole import (or its dry run) against a database.

mod cells;
mod error;
mod fields;
mod grid;
mod import;
mod mapping;
mod rows;

pub use error::{MAX_REPORTED_ROWS, Problem, RowError, SheetError};
pub use fields::{Field, Kind, Shape, guess_field};
pub use grid::{Cell, Grid, MAX_FILE_BYTES, is_workbook, read_grid, sheet_names};
pub use import::{SheetSummary, import_sheet};
pub use mapping::{DEFAULT_DATE_FORMATS, Mapping, Table};
pub use rows::{Directory, SheetRecord, Translator};

use jobbro_domain::national_id::NationalId;

/// Reads every table of `mapping` from `bytes` into timeline records for `programme`, or
/// reports every bad row (the first [`MAX_REPORTED_ROWS`], all counted).
pub fn translate<D: Directory>(
    mapping: &Mapping,
    bytes: &[u8],
    programme: &str,
    directory: &D,
) -> Result<Vec<SheetRecord>, SheetError> {
    let (records, errors) = translation(mapping, bytes, programme, directory)?;
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(rows_error(mapping, errors))
    }
}

/// The records of the good rows and the problems of the bad ones.
pub(crate) fn translation<D: Directory>(
    mapping: &Mapping,
    bytes: &[u8],
    programme: &str,
    directory: &D,
) -> Result<(Vec<SheetRecord>, Vec<RowError>), SheetError> {
    mapping.check().map_err(SheetError::Mapping)?;
    let grids = grids(mapping, bytes)?;
    let mut translator = Translator::new(directory, programme);
    for (table, grid) in mapping.tables.iter().zip(&grids) {
        translator.table(table, grid);
    }
    Ok((translator.records, translator.errors))
}

/// Bad rows in the order of the mapping's tables and their rows, the first
/// [`MAX_REPORTED_ROWS`] kept, all counted.
pub(crate) fn rows_error(mapping: &Mapping, mut errors: Vec<RowError>) -> SheetError {
    let table_of = |sheet: &Option<String>| {
        mapping
            .tables
            .iter()
            .position(|t| t.sheet.is_some() && t.sheet == *sheet)
            .unwrap_or(0)
    };
    errors.sort_by_key(|e| (table_of(&e.sheet), e.row));
    let total = errors.len();
    errors.truncate(MAX_REPORTED_ROWS);
    SheetError::Rows { errors, total }
}

fn grids(mapping: &Mapping, bytes: &[u8]) -> Result<Vec<Grid>, SheetError> {
    if !is_workbook(bytes) && mapping.tables.len() > 1 {
        return Err(SheetError::Mapping(
            "a CSV file holds one table: map it with one table, or use a workbook".into(),
        ));
    }
    mapping
        .tables
        .iter()
        .map(|t| {
            read_grid(bytes, t.sheet.as_deref(), t.delimiter, t.header_row)
                .map_err(SheetError::File)
        })
        .collect()
}

/// Who the rows of `mapping` name: the person ids and the national ids in their columns (values
/// that do not read are left for [`translate`] to report). What a [`Directory`] is asked about.
pub fn people_named(
    mapping: &Mapping,
    bytes: &[u8],
) -> Result<(Vec<String>, Vec<NationalId>), SheetError> {
    let grids = grids(mapping, bytes)?;
    let mut ids = Vec::new();
    let mut national_ids = Vec::new();
    for (table, grid) in mapping.tables.iter().zip(&grids) {
        for (field, out) in [("person_id", false), ("national_id", true)] {
            let Some(value) = cells::column_values(table, grid, field) else {
                continue;
            };
            for text in value {
                if out {
                    if let Ok(nid) = NationalId::parse(&text) {
                        national_ids.push(nid);
                    }
                } else {
                    ids.push(text);
                }
            }
        }
    }
    ids.sort();
    ids.dedup();
    Ok((ids, national_ids))
}

#[cfg(test)]
mod tests;
