//! The mapping form: one row per field with a choice of the file's columns (preselected from the
//! header, or from a mapping file) or a value for every row, and for each coded field the values
//! found in its column with the code each one means. Read back from the posted form into a
//! [`Table`] of `jobbro-sheets`, which is also what the mapping file holds.

use std::collections::BTreeMap;

use jobbro_domain::enums::{
    ActivityKind, Benefit, ContactKind, DanishLevel, Decision, EndReason, FollowUpStatus, Gender,
    LeaveReason,
};
use jobbro_domain::national_id::NationalId;
use jobbro_sheets::{Grid, Kind, Shape, Table, guess_field};

use crate::i18n::Tr;

/// Distinct values shown for one coded column at most.
const MAX_VALUES: usize = 40;

/// One field's row of the form.
pub struct FieldRow {
    pub name: &'static str,
    pub label: String,
    pub required: bool,
    /// The chosen column header ("" for none).
    pub column: String,
    /// The value for every row ("" for none).
    pub fixed: String,
}

/// One value found in a coded column and the code it means ("" for: as written).
pub struct ValueRow {
    pub from: String,
    pub to: String,
}

/// The value map of one coded field.
pub struct ValueMap {
    pub field: &'static str,
    pub label: String,
    pub rows: Vec<ValueRow>,
    /// (code, label) to choose from; empty for open lists (countries, languages): a text field.
    pub options: Vec<(String, String)>,
}

/// The whole form as shown.
pub struct MappingForm {
    pub sheets: Vec<String>,
    pub sheet: String,
    pub header_row: u32,
    pub delimiter: String,
    pub date_formats: String,
    pub headers: Vec<String>,
    pub fields: Vec<FieldRow>,
    pub maps: Vec<ValueMap>,
}

/// The codes of a coded field and the Fluent list that names them.
fn codes(kind: Kind, field: &str) -> Option<(&'static str, Vec<&'static str>)> {
    fn all<T: Copy>(list: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
        list.iter().map(|c| code(*c)).collect()
    }
    Some(match (kind, field) {
        (_, "gender") => ("gender", all(Gender::ALL, Gender::as_str)),
        (_, "danish_level") => ("danish_level", all(DanishLevel::ALL, DanishLevel::as_str)),
        (_, "benefit") => ("benefit", all(Benefit::ALL, Benefit::as_str)),
        (_, "decision") => ("decision", all(Decision::ALL, Decision::as_str)),
        (_, "left_reason") => ("leave_reason", all(LeaveReason::ALL, LeaveReason::as_str)),
        (_, "follow_up_status") => (
            "follow_up",
            all(FollowUpStatus::ALL, FollowUpStatus::as_str),
        ),
        (Kind::Activities, "kind") => ("activity", all(ActivityKind::ALL, ActivityKind::as_str)),
        (Kind::Contacts, "kind") => ("contact", all(ContactKind::ALL, ContactKind::as_str)),
        (_, "end_reason") => ("end_reason", all(EndReason::ALL, EndReason::as_str)),
        _ => return None,
    })
}

/// The table a new upload starts with: each field on the column whose header usually holds it.
pub fn guessed(kind: Kind, headers: &[String]) -> Table {
    let mut table = Table::new(kind);
    for header in headers {
        if let Some(field) = guess_field(kind, header) {
            table
                .columns
                .entry(field.name.to_owned())
                .or_insert_with(|| header.clone());
        }
    }
    table
}

/// The non-empty headers of the table's header row.
pub fn headers(grid: &Grid, table: &Table) -> Vec<String> {
    grid.row(table.header_row)
        .iter()
        .map(jobbro_sheets::Cell::text)
        .filter(|h| !h.is_empty())
        .collect()
}

/// The distinct values of one column below the header row (never one that reads as a national
/// id: a wrongly chosen column must not put them on the page).
fn distinct(grid: &Grid, table: &Table, header: &str, split: bool) -> Vec<String> {
    let wanted = header.trim().to_lowercase();
    let Some(index) = grid
        .row(table.header_row)
        .iter()
        .position(|h| h.text().to_lowercase() == wanted)
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for row in grid.rows.iter().skip(table.header_row as usize) {
        let text = row
            .get(index)
            .map(jobbro_sheets::Cell::text)
            .unwrap_or_default();
        let items: Vec<String> = if split {
            text.split([',', ';', '/', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            vec![text]
        };
        for item in items {
            if item.is_empty() || NationalId::parse(&item).is_ok() || out.contains(&item) {
                continue;
            }
            out.push(item);
            if out.len() >= MAX_VALUES {
                return out;
            }
        }
    }
    out
}

/// The form for `table` over the file's `grid`.
pub fn mapping_form(tr: &Tr, table: &Table, grid: &Grid, sheets: Vec<String>) -> MappingForm {
    let headers = headers(grid, table);
    let fields = table
        .kind
        .fields()
        .iter()
        .map(|f| FieldRow {
            name: f.name,
            label: tr.t(&format!("imp-field-{}", f.name)),
            required: f.required,
            column: table.columns.get(f.name).cloned().unwrap_or_default(),
            fixed: table.fixed.get(f.name).cloned().unwrap_or_default(),
        })
        .collect();
    let mut maps = Vec::new();
    for f in table.kind.fields().iter().filter(|f| f.coded) {
        let Some(column) = table.columns.get(f.name) else {
            continue;
        };
        let known = table.values.get(f.name);
        let options: Vec<(String, String)> = match (f.shape, codes(table.kind, f.name)) {
            (Shape::YesNo, _) => vec![
                ("true".to_owned(), tr.t("imp-yes")),
                ("false".to_owned(), tr.t("imp-no")),
            ],
            (_, Some((list, codes))) => codes
                .into_iter()
                .map(|c| (c.to_owned(), tr.code(list, c)))
                .collect(),
            _ => Vec::new(),
        };
        let rows = distinct(grid, table, column, f.shape == Shape::Codes)
            .into_iter()
            .map(|from| {
                let to = known
                    .and_then(|m| m.get(&from))
                    .cloned()
                    .or_else(|| {
                        let lower = from.to_lowercase();
                        options
                            .iter()
                            .find(|(code, label)| *code == lower || label.to_lowercase() == lower)
                            .map(|(code, _)| code.clone())
                    })
                    .unwrap_or_default();
                ValueRow { from, to }
            })
            .collect();
        maps.push(ValueMap {
            field: f.name,
            label: tr.t(&format!("imp-field-{}", f.name)),
            rows,
            options,
        });
    }
    MappingForm {
        sheets,
        sheet: table.sheet.clone().unwrap_or_default(),
        header_row: table.header_row,
        delimiter: match table.delimiter {
            Some('\t') => "tab".into(),
            Some(c) => c.to_string(),
            None => String::new(),
        },
        date_formats: table.date_formats.join(", "),
        headers,
        fields,
        maps,
    }
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

/// The table the posted form describes.
pub fn table_from_form(kind: Kind, form: &[(String, String)]) -> Table {
    let mut table = Table::new(kind);
    table.sheet = Some(field(form, "sheet"))
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    table.header_row = field(form, "header_row").parse().unwrap_or(1).max(1);
    table.delimiter = match field(form, "delimiter") {
        "tab" => Some('\t'),
        d => d.chars().next(),
    };
    table.date_formats = field(form, "date_formats")
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect();
    for f in kind.fields() {
        let column = field(form, &format!("col.{}", f.name));
        if !column.is_empty() {
            table.columns.insert(f.name.to_owned(), column.to_owned());
        }
        let fixed = field(form, &format!("fix.{}", f.name));
        if !fixed.is_empty() && column.is_empty() {
            table.fixed.insert(f.name.to_owned(), fixed.to_owned());
        }
        let mut map = BTreeMap::new();
        for n in 0.. {
            let Some((_, from)) = form
                .iter()
                .find(|(k, _)| *k == format!("map.{}.{n}.from", f.name))
            else {
                break;
            };
            let to = field(form, &format!("map.{}.{n}.to", f.name));
            if !to.is_empty() && !from.is_empty() {
                map.insert(from.clone(), to.to_owned());
            }
        }
        if !map.is_empty() {
            table.values.insert(f.name.to_owned(), map);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_back_into_the_table_it_shows() {
        let form: Vec<(String, String)> = [
            ("sheet", "Deltagere"),
            ("header_row", "2"),
            ("delimiter", "tab"),
            ("date_formats", "dd-mm-yyyy, yyyy-mm-dd"),
            ("col.person_id", "Nr"),
            ("col.referral_date", "Henvist"),
            ("col.gender", "Køn"),
            ("fix.referrer", "Jobcenter"),
            ("map.gender.0.from", "K"),
            ("map.gender.0.to", "female"),
            ("map.gender.1.from", "M"),
            ("map.gender.1.to", ""),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let table = table_from_form(Kind::Participants, &form);
        assert_eq!(table.sheet.as_deref(), Some("Deltagere"));
        assert_eq!(table.header_row, 2);
        assert_eq!(table.delimiter, Some('\t'));
        assert_eq!(table.date_formats, ["dd-mm-yyyy", "yyyy-mm-dd"]);
        assert_eq!(table.columns.len(), 3);
        assert_eq!(
            table.fixed.get("referrer").map(String::as_str),
            Some("Jobcenter")
        );
        assert_eq!(table.values["gender"].len(), 1, "as written is no entry");
        assert!(
            jobbro_sheets::Mapping {
                tables: vec![table]
            }
            .check()
            .is_ok()
        );
    }
}
