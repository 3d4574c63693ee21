//! One cell into one value of the timeline format: a value map first (the sheet's words into
//! jobbro's codes), then the field's shape (a date from a date cell or from text in one of the
//! table's formats, a number written with a decimal comma, yes/no in da, sv or en).
//!
//! A cell's content is never put into a message: a misplaced column may hold national ids.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use crate::error::Problem;
use crate::fields::Shape;
use crate::grid::{Cell, number_text};

/// A date format written the way people write one (`dd-mm-yyyy`) as a chrono pattern.
pub(crate) fn date_pattern(format: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = format.trim();
    let (mut day, mut month, mut year) = (false, false, false);
    while !rest.is_empty() {
        let lower = rest.to_lowercase();
        let (token, len) = if lower.starts_with("yyyy") || lower.starts_with("åååå") {
            year = true;
            (
                "%Y",
                if lower.starts_with('å') {
                    "åååå".len()
                } else {
                    4
                },
            )
        } else if lower.starts_with("dd") {
            day = true;
            ("%d", 2)
        } else if lower.starts_with("mm") {
            month = true;
            ("%m", 2)
        } else if lower.starts_with('d') {
            day = true;
            ("%d", 1)
        } else if lower.starts_with('m') {
            month = true;
            ("%m", 1)
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                return Err(format!(
                    "{format} is not a date format (write it like dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd)"
                ));
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        out.push_str(token);
        rest = &rest[len..];
    }
    if !(day && month && year) {
        return Err(format!(
            "{format} needs a day (dd), a month (mm) and a four-digit year (yyyy)"
        ));
    }
    Ok(out)
}

/// The first date of 1900-based Excel serial numbers (a date typed into a cell formatted as a
/// number). Serials before 1 March 1900 are off by one in Excel; no participant data is that old.
fn excel_serial(n: f64) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    ((61.0..2_958_466.0).contains(&n) && n.fract() == 0.0)
        .then(|| epoch.checked_add_days(chrono::Days::new(n as u64)))
        .flatten()
}

fn date_of(cell: &Cell, patterns: &[String]) -> Result<NaiveDate, Problem> {
    let date = match cell {
        Cell::Date(d) => *d,
        Cell::Number(n) => excel_serial(*n).ok_or(Problem::NotADate)?,
        other => {
            let text = other.text();
            let found = patterns
                .iter()
                .find_map(|p| NaiveDate::parse_from_str(&text, p).ok())
                .ok_or(Problem::NotADate)?;
            if found.year() < 1000 {
                return Err(Problem::TwoDigitYear);
            }
            found
        }
    };
    Ok(date)
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "sand" | "sant" | "1" | "x" => Some(true),
        "nej" | "n" | "no" | "false" | "falsk" | "falskt" | "0" => Some(false),
        _ => None,
    }
}

/// Looks a text up in a value map: exactly first, then ignoring case and surrounding spaces.
fn mapped<'m>(map: Option<&'m BTreeMap<String, String>>, text: &str) -> Option<&'m str> {
    let map = map?;
    if let Some(v) = map.get(text) {
        return Some(v);
    }
    let wanted = text.trim().to_lowercase();
    map.iter()
        .find(|(k, _)| k.trim().to_lowercase() == wanted)
        .map(|(_, v)| v.as_str())
}

/// The value of one non-empty cell for a field of `shape`.
pub(crate) fn value_of(
    cell: &Cell,
    shape: Shape,
    values: Option<&BTreeMap<String, String>>,
    patterns: &[String],
) -> Result<Value, Problem> {
    let mapped_cell;
    let cell = match mapped(values, &cell.text()) {
        Some(v) if shape != Shape::Codes => {
            mapped_cell = Cell::Text(v.to_owned());
            &mapped_cell
        }
        _ => cell,
    };
    Ok(match shape {
        Shape::Text => Value::String(cell.text()),
        Shape::Code => Value::String(cell.text().to_lowercase()),
        Shape::Codes => Value::Array(
            cell.text()
                .split(|c: char| c == ',' || c == ';' || c == '/' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(mapped(values, s).unwrap_or(s).to_lowercase()))
                .collect(),
        ),
        Shape::Date => Value::String(date_of(cell, patterns)?.to_string()),
        Shape::WholeNumber => {
            let n = match cell {
                Cell::Number(n) => Some(*n),
                other => other.text().parse::<f64>().ok(),
            };
            match n {
                Some(n) if n.fract() == 0.0 && (0.0..1e15).contains(&n) => Value::from(n as u64),
                _ => return Err(Problem::NotAWholeNumber),
            }
        }
        Shape::Number => {
            let n = match cell {
                Cell::Number(n) => Some(*n),
                other => other.text().replace(',', ".").parse::<f64>().ok(),
            };
            n.and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or(Problem::NotANumber)?
        }
        Shape::YesNo => match cell {
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Number(n) if *n == 0.0 || *n == 1.0 => Value::Bool(*n == 1.0),
            other => Value::Bool(yes_no(&other.text()).ok_or(Problem::NotYesNo)?),
        },
        Shape::NationalId => match cell {
            // A CPR number typed into a number cell loses its leading zero (0101801234).
            Cell::Number(n) if n.fract() == 0.0 && (0.0..1e10).contains(n) => {
                Value::String(format!("{:010}", *n as u64))
            }
            Cell::Number(n) => Value::String(number_text(*n)),
            other => Value::String(other.text()),
        },
    })
}

/// The text values of one mapped column below the header row (cells that do not read are left
/// out); `None` when the field is not mapped or its column is not in the header row.
pub(crate) fn column_values(
    table: &crate::mapping::Table,
    grid: &crate::grid::Grid,
    field: &str,
) -> Option<Vec<String>> {
    let header = table.columns.get(field)?.trim().to_lowercase();
    let shape = table.kind.field(field)?.shape;
    let index = grid
        .row(table.header_row)
        .iter()
        .position(|h| h.text().to_lowercase() == header)?;
    let patterns = table.date_patterns();
    Some(
        grid.rows
            .iter()
            .skip(table.header_row as usize)
            .filter_map(|row| row.get(index).filter(|c| !c.is_empty()))
            .filter_map(|cell| value_of(cell, shape, table.values.get(field), &patterns).ok())
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
    )
}
