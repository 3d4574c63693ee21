//! The mapping file: which sheet of a workbook (or which delimiter of a CSV file), which row holds
//! the headers, and for each field the column that holds it, with value maps and date formats
//! (docs/IMPORT.md describes every key). It is JSON so the CLI and the web app read and write it
//! with what jobbro already has.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::fields::Kind;

/// Date formats tried, in order, when a table names none.
pub const DEFAULT_DATE_FORMATS: [&str; 4] =
    ["yyyy-mm-dd", "dd-mm-yyyy", "dd.mm.yyyy", "dd/mm/yyyy"];

/// A whole mapping file: the tables of one file, imported in this order, all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub tables: Vec<Table>,
}

/// How one sheet (or one CSV file) is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub kind: Kind,
    /// The worksheet (XLSX); the first one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The field separator (CSV): `;`, `,` or tab; guessed from the header line when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// The row of the column headers, counted from 1 as the spreadsheet shows it.
    #[serde(default = "first_row")]
    pub header_row: u32,
    /// How dates written as text are read (`dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, …), tried
    /// in order; [`DEFAULT_DATE_FORMATS`] when empty. Date cells of a workbook need none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_formats: Vec<String>,
    /// Field name → column header.
    pub columns: BTreeMap<String, String>,
    /// Field name → (text in the sheet → value jobbro stores).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Field name → the same value for every row (such as `follow_up_months`: 6).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fixed: BTreeMap<String, String>,
}

fn first_row() -> u32 {
    1
}

impl Mapping {
    /// Reads a mapping file, checking that every table names only fields of its kind and maps
    /// every required one. The message names the table and the key.
    pub fn from_json(text: &str) -> Result<Mapping, String> {
        let mapping: Mapping = serde_json::from_str(text).map_err(|e| e.to_string())?;
        mapping.check()?;
        Ok(mapping)
    }

    /// The mapping as a file for `jobbro import-sheet --mapping`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn check(&self) -> Result<(), String> {
        if self.tables.is_empty() {
            return Err("tables: lists no table".into());
        }
        for (i, table) in self.tables.iter().enumerate() {
            table
                .check()
                .map_err(|reason| format!("tables[{i}] ({}): {reason}", table.kind.as_str()))?;
        }
        Ok(())
    }
}

impl Table {
    /// Whether a column says whom each row is about — a participant number, a national id or
    /// (for activities and contacts) an enrolment. A company row is about no one.
    pub fn identified(&self) -> bool {
        let who = ["person_id", "national_id", "enrolment_id"];
        self.kind == Kind::Companies
            || who
                .iter()
                .any(|w| self.kind.field(w).is_some() && self.columns.contains_key(*w))
    }

    /// An empty mapping of `kind`, to be filled in.
    pub fn new(kind: Kind) -> Table {
        Table {
            kind,
            sheet: None,
            delimiter: None,
            header_row: 1,
            date_formats: Vec::new(),
            columns: BTreeMap::new(),
            values: BTreeMap::new(),
            fixed: BTreeMap::new(),
        }
    }

    fn check(&self) -> Result<(), String> {
        if self.header_row == 0 {
            return Err("header_row: rows are counted from 1".into());
        }
        if let Some(d) = self.delimiter
            && !matches!(d, ';' | ',' | '\t' | '|')
        {
            return Err("delimiter: must be ; , | or a tab".into());
        }
        let keys = self
            .columns
            .keys()
            .map(|k| ("columns", k))
            .chain(self.values.keys().map(|k| ("values", k)))
            .chain(self.fixed.keys().map(|k| ("fixed", k)));
        for (section, name) in keys {
            if self.kind.field(name).is_none() {
                let known: Vec<&str> = self.kind.fields().iter().map(|f| f.name).collect();
                return Err(format!(
                    "{section}: {name} is not a field of {} (fields: {})",
                    self.kind.as_str(),
                    known.join(", ")
                ));
            }
        }
        if let Some(name) = self.columns.keys().find(|k| self.fixed.contains_key(*k)) {
            return Err(format!("{name}: is both in columns and in fixed"));
        }
        for field in self.kind.fields().iter().filter(|f| f.required) {
            if !self.columns.contains_key(field.name) && !self.fixed.contains_key(field.name) {
                return Err(format!("columns: {} is required", field.name));
            }
        }
        if !self.identified() {
            return Err(match self.kind {
                Kind::Participants => "columns: person_id or national_id is required",
                _ => "columns: enrolment_id, person_id or national_id is required",
            }
            .into());
        }
        for f in &self.date_formats {
            crate::cells::date_pattern(f).map_err(|reason| format!("date_formats: {reason}"))?;
        }
        Ok(())
    }

    /// The date formats to try, as chrono patterns.
    pub(crate) fn date_patterns(&self) -> Vec<String> {
        let given: Vec<&str> = if self.date_formats.is_empty() {
            DEFAULT_DATE_FORMATS.to_vec()
        } else {
            self.date_formats.iter().map(String::as_str).collect()
        };
        given
            .into_iter()
            .filter_map(|f| crate::cells::date_pattern(f).ok())
            .collect()
    }
}
