//! Rows into timeline records: each row's cells become field values ([`crate::cells`]), the
//! values become the records FORMAT.md defines (a participant row: `person` when new, `referred`,
//! and `intake`, `left`, `follow_up` when the row has them; an activity row: `activity_started`
//! and `activity_ended`; a contact row: `contact`), and every record is read back through the
//! domain's `Record::from_json`, so a sheet obeys exactly the rules of a timeline file. Each
//! problem is reported with the row and the column it came from; every bad row is reported.
//!
//! Ids the sheet does not carry are made from what identifies the row (the person, the referral
//! date, the activity's kind and start), so importing the same sheet again adds nothing.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::Record;
use serde_json::{Map, Value};

use crate::cells::value_of;
use crate::error::{Problem, RowError};
use crate::fields::Kind;
use crate::grid::{Cell, Grid};
use crate::mapping::Table;

mod kinds;

/// What is already stored, as far as reading a sheet needs to know.
pub trait Directory {
    /// The id of the stored person with this national id.
    fn person_with_national_id(&self, national_id: &NationalId) -> Option<String>;
    /// Whether a person with this id is stored.
    fn person_exists(&self, person: &str) -> bool;
    /// The id a new person with this national id gets: the same number always gives the same
    /// id, and the id does not give the number away.
    fn new_person_id(&self, national_id: &NationalId) -> String;
    /// The person's stored enrolments in the programme: (enrolment id, referral date).
    fn enrolments(&self, person: &str) -> Vec<(String, NaiveDate)>;
}

/// One timeline record made from one row, with where each of its fields came from.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRecord {
    pub sheet: Option<String>,
    pub row: u32,
    pub record: Record,
    /// Record field → (mapping field, column header if a column carried it).
    pub origin: Origin,
}

impl SheetRecord {
    /// An error on this record's `field` (a field of the timeline record), placed on its column.
    pub fn error(&self, record_field: &str, problem: Problem) -> RowError {
        error_at(
            self.sheet.clone(),
            self.row,
            &self.origin,
            self.record.record_type().as_str(),
            record_field,
            problem,
        )
    }
}

type Origin = BTreeMap<String, (String, Option<String>)>;

/// A problem with `record_field` of a record made from `row`: on the column that field came from
/// when a column carried it, else named by the record's type and field.
fn error_at(
    sheet: Option<String>,
    row: u32,
    origin: &Origin,
    record_type: &str,
    record_field: &str,
    problem: Problem,
) -> RowError {
    let (field, column) = match origin.get(record_field) {
        Some((f, c)) => (f.clone(), c.clone()),
        None => (format!("{record_type}.{record_field}"), None),
    };
    RowError {
        sheet,
        row,
        column,
        field: Some(field),
        problem,
    }
}

/// Reads tables one after the other, remembering the people and enrolments made by earlier
/// rows, so an activity sheet may name participants of the participant sheet before it.
pub struct Translator<'d, D> {
    directory: &'d D,
    programme: String,
    new_people: HashMap<String, ()>,
    new_by_national_id: HashMap<String, String>,
    new_enrolments: HashMap<String, Vec<(String, NaiveDate)>>,
    pub records: Vec<SheetRecord>,
    pub errors: Vec<RowError>,
}

/// The values of one row, by field, with their columns.
struct RowValues<'t> {
    table: &'t Table,
    sheet: Option<String>,
    row: u32,
    values: BTreeMap<&'static str, Value>,
}

impl RowValues<'_> {
    fn get(&self, field: &str) -> Option<&Value> {
        self.values.get(field)
    }

    fn text(&self, field: &str) -> Option<&str> {
        self.get(field).and_then(Value::as_str)
    }

    fn date(&self, field: &str) -> Option<NaiveDate> {
        self.text(field).and_then(|d| d.parse().ok())
    }

    fn error(&self, field: &str, problem: Problem) -> RowError {
        RowError {
            sheet: self.sheet.clone(),
            row: self.row,
            column: self.table.columns.get(field).cloned(),
            field: Some(field.to_owned()),
            problem,
        }
    }
}

/// A record being put together from a row's values.
struct Draft<'r, 't> {
    values: &'r RowValues<'t>,
    object: Map<String, Value>,
    origin: Origin,
}

impl<'r, 't> Draft<'r, 't> {
    fn new(values: &'r RowValues<'t>, record_type: &str, id: &str, id_field: &str) -> Self {
        let mut d = Draft {
            values,
            object: Map::new(),
            origin: BTreeMap::new(),
        };
        d.object.insert("type".into(), Value::from(record_type));
        d.put("id", Value::from(id), id_field);
        d
    }

    /// Sets `record_field` to a value that comes from the mapping field `field`.
    fn put(&mut self, record_field: &str, value: Value, field: &str) -> &mut Self {
        self.object.insert(record_field.to_owned(), value);
        self.origin.insert(
            record_field.to_owned(),
            (
                field.to_owned(),
                self.values.table.columns.get(field).cloned(),
            ),
        );
        self
    }

    /// Copies the row's `field` (when it has one) into `record_field`.
    fn copy(&mut self, record_field: &str, field: &str) -> &mut Self {
        if let Some(v) = self.values.get(field) {
            self.put(record_field, v.clone(), field);
        }
        self
    }

    fn same(&mut self, fields: &[&str]) -> &mut Self {
        for f in fields {
            self.copy(f, f);
        }
        self
    }
}

fn column_index(grid: &Grid, table: &Table) -> (BTreeMap<&'static str, usize>, Vec<RowError>) {
    let headers: Vec<String> = grid.row(table.header_row).iter().map(Cell::text).collect();
    let mut found = BTreeMap::new();
    let mut missing = Vec::new();
    for (name, header) in &table.columns {
        let Some(field) = table.kind.field(name) else {
            continue;
        };
        let wanted = header.trim().to_lowercase();
        match headers.iter().position(|h| h.to_lowercase() == wanted) {
            Some(i) => {
                found.insert(field.name, i);
            }
            None => missing.push(RowError {
                sheet: grid.sheet.clone(),
                row: table.header_row,
                column: Some(header.clone()),
                field: Some(name.clone()),
                problem: Problem::ColumnMissing,
            }),
        }
    }
    (found, missing)
}

impl<'d, D: Directory> Translator<'d, D> {
    pub fn new(directory: &'d D, programme: &str) -> Self {
        Translator {
            directory,
            programme: programme.to_owned(),
            new_people: HashMap::new(),
            new_by_national_id: HashMap::new(),
            new_enrolments: HashMap::new(),
            records: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Reads every row below the header row of `grid` as `table` says.
    pub fn table(&mut self, table: &Table, grid: &Grid) {
        let (columns, missing) = column_index(grid, table);
        if !missing.is_empty() {
            self.errors.extend(missing);
            return;
        }
        let patterns = table.date_patterns();
        for (i, cells) in grid.rows.iter().enumerate().skip(table.header_row as usize) {
            let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let mut values = RowValues {
                table,
                sheet: grid.sheet.clone(),
                row,
                values: BTreeMap::new(),
            };
            if columns
                .values()
                .all(|&c| cells.get(c).is_none_or(Cell::is_empty))
            {
                continue;
            }
            let mut bad = false;
            let fixed = table.fixed.iter().filter_map(|(name, text)| {
                let field = table.kind.field(name)?;
                Some((field, Cell::Text(text.clone())))
            });
            let from_columns = columns.iter().filter_map(|(name, &c)| {
                let cell = cells.get(c).filter(|c| !c.is_empty())?;
                Some((table.kind.field(name)?, cell.clone()))
            });
            for (field, cell) in from_columns.chain(fixed) {
                match value_of(&cell, field.shape, table.values.get(field.name), &patterns) {
                    Ok(v) => {
                        values.values.insert(field.name, v);
                    }
                    Err(problem) => {
                        bad = true;
                        self.errors.push(values.error(field.name, problem));
                    }
                }
            }
            if !bad {
                self.row(&values);
            }
        }
    }

    fn row(&mut self, v: &RowValues<'_>) {
        let drafts = match v.table.kind {
            Kind::Participants => self.participant(v),
            Kind::Activities => self.activity(v),
            Kind::Contacts => self.contact(v),
            Kind::Companies => Ok(self.company(v)),
        };
        let drafts = match drafts {
            Ok(d) => d,
            Err(e) => {
                self.errors.push(e);
                return;
            }
        };
        for draft in drafts {
            let ty = draft
                .object
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("record")
                .to_owned();
            match Record::from_json(&Value::Object(draft.object)) {
                Ok(record) => self.records.push(SheetRecord {
                    sheet: v.sheet.clone(),
                    row: v.row,
                    record,
                    origin: draft.origin,
                }),
                Err(e) => {
                    for fe in e.errors {
                        self.errors.push(error_at(
                            v.sheet.clone(),
                            v.row,
                            &draft.origin,
                            &ty,
                            &fe.field,
                            Problem::Invalid(fe.reason),
                        ));
                    }
                }
            }
        }
    }
}
