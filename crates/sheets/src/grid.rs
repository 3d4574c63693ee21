//! A file's cells as a grid numbered the way the spreadsheet shows it: row 1 is the first row,
//! whatever the file leaves empty above it. Workbooks (XLSX, XLS, ODS) are read with calamine,
//! which gives date cells as dates; CSV files as text, in UTF-8 with or without a byte-order
//! mark, or in Windows-1252 (what Danish Excel writes for "CSV (semikolonsepareret)").

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;

/// The largest file accepted: a programme's sheet is a few thousand rows, not a data warehouse.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (a header, a value to look up in a value map).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// Whole numbers without a decimal point (`6`, not `6.0`).
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// One sheet's cells; `rows[0]` is spreadsheet row 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The worksheet's name (none for CSV).
    pub sheet: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The cells of spreadsheet row `row` (1-based); empty when past the end.
    pub fn row(&self, row: u32) -> &[Cell] {
        row.checked_sub(1)
            .and_then(|i| self.rows.get(i as usize))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Whether the bytes are a workbook (a zip archive, or an old binary XLS) rather than CSV text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The worksheet names of a workbook (none for CSV).
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    if !is_workbook(bytes) {
        return Ok(Vec::new());
    }
    let book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| "is not a workbook jobbro can read (XLSX, XLS, ODS) nor CSV text")?;
    Ok(book.sheet_names())
}

/// Reads one sheet: `sheet` of a workbook (the first when `None`), or the CSV text with
/// `delimiter` (guessed from the header row when `None`). Errors are about the file, never its
/// contents.
pub fn read_grid(
    bytes: &[u8],
    sheet: Option<&str>,
    delimiter: Option<char>,
    header_row: u32,
) -> Result<Grid, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "is larger than {} MB",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    if is_workbook(bytes) {
        read_workbook(bytes, sheet)
    } else {
        Ok(read_csv(&decode(bytes), delimiter, header_row))
    }
}

fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Grid, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| "is not a workbook jobbro can read (XLSX, XLS, ODS)".to_string())?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "has no sheet named \"{s}\" (its sheets: {})",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "has no sheets".to_string())?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|_| format!("sheet \"{name}\" cannot be read"))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
    for data in range.rows() {
        let mut row = vec![Cell::Empty; left as usize];
        row.extend(data.iter().map(cell_of));
        rows.push(row);
    }
    Ok(Grid {
        sheet: Some(name),
        rows,
    })
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(d) => Cell::Date(d.date()),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// The text of a CSV file: UTF-8 (a byte-order mark dropped), else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The separator used most in the header line: `;` (Danish and Swedish Excel), `,` or tab.
fn guess_delimiter(text: &str, header_row: u32) -> u8 {
    let line = text
        .lines()
        .nth(header_row.saturating_sub(1) as usize)
        .unwrap_or_default();
    let count = |c: char| line.matches(c).count();
    [b';', b',', b'\t', b'|']
        .into_iter()
        .max_by_key(|&d| (count(char::from(d)), d == b';'))
        .unwrap_or(b';')
}

fn read_csv(text: &str, delimiter: Option<char>, header_row: u32) -> Grid {
    let delimiter = match delimiter {
        Some(d) => u8::try_from(d).unwrap_or(b';'),
        None => guess_delimiter(text, header_row),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else { continue };
        // The csv reader skips blank lines; the record's line keeps the numbers the user sees.
        let line = record
            .position()
            .map_or(rows.len() as u64 + 1, |p| p.line());
        while (rows.len() as u64) + 1 < line {
            rows.push(Vec::new());
        }
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_owned())
                    }
                })
                .collect(),
        );
    }
    Grid { sheet: None, rows }
}
