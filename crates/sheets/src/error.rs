//! What can be wrong with a sheet: the file or the mapping as a whole ([`SheetError`]), or one
//! row ([`RowError`], naming the sheet, the row number as the spreadsheet shows it, the column
//! header and the field). No message holds a cell's content: a bad cell may be a national id.

use serde::Serialize;

/// At most this many bad rows are kept for the report; all are counted.
pub const MAX_REPORTED_ROWS: usize = 1000;

/// Why a value of a row is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", content = "reason", rename_all = "snake_case")]
pub enum Problem {
    /// The mapped column is not in the header row.
    ColumnMissing,
    /// Neither a person id nor a national id (participants), nor an enrolment (other rows).
    NoParticipant,
    /// The row names a participant who is neither stored nor earlier in the file.
    UnknownParticipant,
    /// The participant has no enrolment in the programme that started on or before the row's
    /// date.
    NoEnrolment,
    NotADate,
    TwoDigitYear,
    NotANumber,
    NotAWholeNumber,
    NotYesNo,
    /// The value breaks a rule of the timeline format (the domain's reason, in English).
    Invalid(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Problem::ColumnMissing => "no column with this header in the header row",
            Problem::NoParticipant => {
                "says nothing about who the row is about (no person id, national id or enrolment)"
            }
            Problem::UnknownParticipant => {
                "names a participant who is not in jobbro nor earlier in the file"
            }
            Problem::NoEnrolment => {
                "the participant has no enrolment in this programme referred on or before this date (import the participants first)"
            }
            Problem::NotADate => "is not a date in one of the table's date formats",
            Problem::TwoDigitYear => "has a two-digit year (write the year with four digits)",
            Problem::NotANumber => "is not a number",
            Problem::NotAWholeNumber => "is not a whole number",
            Problem::NotYesNo => "is not yes or no",
            Problem::Invalid(reason) => reason,
        })
    }
}

/// One problem with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// The worksheet (none for CSV).
    pub sheet: Option<String>,
    /// The row as the spreadsheet numbers it (the header row included).
    pub row: u32,
    /// The column header, when the problem is in one column.
    pub column: Option<String>,
    /// The field of the mapping (or of the timeline record, when no column carries it).
    pub field: Option<String>,
    pub problem: Problem,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "sheet \"{sheet}\", ")?;
        }
        write!(f, "row {}", self.row)?;
        match (&self.column, &self.field) {
            (Some(c), Some(field)) => write!(f, ", column \"{c}\" ({field})")?,
            (Some(c), None) => write!(f, ", column \"{c}\"")?,
            (None, Some(field)) => write!(f, ", {field}")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.problem)
    }
}

/// Why a sheet was not imported.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("the mapping: {0}")]
    Mapping(String),
    #[error("the file {0}")]
    File(String),
    #[error("no programme with id {0}")]
    UnknownProgramme(String),
    /// Bad rows: `errors` holds the first [`MAX_REPORTED_ROWS`], `total` counts them all.
    #[error("{total} problem(s) in the sheet; nothing was written")]
    Rows { errors: Vec<RowError>, total: usize },
    #[error(transparent)]
    Store(#[from] jobbro_store::StoreError),
}
