//! The KIB fixture as spreadsheets: one row per enrolment (the person, the referral, intake,
//! leaving and the six-month follow-up) and one row per activity, with the sheet's own words for
//! codes (the inverse of the example mapping's value maps), written as CSV (Danish Excel: `;`,
//! `dd-mm-yyyy`, a byte-order mark) or as a workbook with date cells.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use jobbro_sheets::{Kind, Mapping, Table};
use jobbro_store::{Context, Database, testing};
use serde_json::Value;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture_lines() -> Vec<Value> {
    let text = std::fs::read_to_string(repo().join("../shared/fixtures/kib.jsonl"))
        .expect("the shared fixtures sit beside the repository");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub fn example_mapping(name: &str) -> Mapping {
    let text = std::fs::read_to_string(repo().join("docs/examples").join(name)).unwrap();
    Mapping::from_json(&text).unwrap()
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 16).unwrap()
}

pub fn ctx() -> Context {
    Context::at_day("test", as_of())
}

/// A fresh database holding the fixture lines of these types (all of them for `None`).
pub async fn database_with(lines: &[Value], types: Option<&[&str]>) -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let text: String = lines
        .iter()
        .filter(|l| types.is_none_or(|ts| ts.contains(&l["type"].as_str().unwrap())))
        .map(|l| format!("{l}\n"))
        .collect();
    jobbro_store::import_timeline(&db, std::io::Cursor::new(text.into_bytes()), &ctx())
        .await
        .unwrap();
    (t, db)
}

/// The number of records stored (the length of the export).
pub async fn stored_records(db: &Database) -> usize {
    jobbro_store::export_timeline(db, std::io::sink(), &ctx())
        .await
        .unwrap() as usize
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The sheet's word for a code: the first key of the table's value map that maps to it.
fn word(table: &Table, field: &str, code: &str) -> String {
    table
        .values
        .get(field)
        .and_then(|m| m.iter().find(|(_, v)| v.as_str() == code))
        .map_or_else(|| code.to_owned(), |(k, _)| k.clone())
}

fn cell(table: &Table, field: &str, v: Option<&Value>) -> Cell {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Cell::Empty;
    };
    let shape = table.kind.field(field).unwrap().shape;
    match (shape, v) {
        (jobbro_sheets::Shape::Date, Value::String(s)) => Cell::Date(s.parse().unwrap()),
        (_, Value::Number(n)) => Cell::Number(n.as_f64().unwrap()),
        (_, Value::Array(items)) => Cell::Text(
            items
                .iter()
                .map(|i| i.as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (jobbro_sheets::Shape::Code, Value::String(s)) => Cell::Text(word(table, field, s)),
        (_, Value::String(s)) => Cell::Text(s.clone()),
        (_, other) => Cell::Text(other.to_string()),
    }
}

/// (field of the sheet, record type, field of the record) for every column of the example
/// mappings.
const PARTICIPANT_COLUMNS: &[(&str, &str, &str)] = &[
    ("person_id", "person", "id"),
    ("national_id", "person", "national_id"),
    ("given_name", "person", "given_name"),
    ("family_name", "person", "family_name"),
    ("gender", "person", "gender"),
    ("birth_date", "person", "birth_date"),
    ("origin_country", "person", "origin_country"),
    ("languages", "person", "languages"),
    ("danish_level", "person", "danish_level"),
    ("education_level", "person", "education_level"),
    ("benefit", "person", "benefit"),
    ("benefit_since", "person", "benefit_since"),
    ("referral_date", "referred", "date"),
    ("referrer", "referred", "referrer"),
    ("caseworker", "referred", "caseworker"),
    ("intake_date", "intake", "date"),
    ("decision", "intake", "decision"),
    ("intake_reason", "intake", "reason"),
    ("left_date", "left", "date"),
    ("left_reason", "left", "reason"),
    ("follow_up_date", "follow_up", "date"),
    ("follow_up_status", "follow_up", "status"),
];

const ACTIVITY_COLUMNS: &[(&str, &str, &str)] = &[
    ("person_id", "referred", "person"),
    ("kind", "activity_started", "kind"),
    ("start_date", "activity_started", "date"),
    ("planned_end", "activity_started", "planned_end"),
    ("company", "activity_started", "company"),
    ("hours_per_week", "activity_started", "hours_per_week"),
    ("title", "activity_started", "title"),
    ("end_date", "activity_ended", "date"),
    ("end_reason", "activity_ended", "reason"),
];

fn sheet(
    table: &Table,
    name: &str,
    spec: &[(&str, &str, &str)],
    rows: Vec<BTreeMap<&str, &Value>>,
) -> Sheet {
    assert_eq!(
        table.columns.len(),
        spec.len(),
        "the test knows every mapped column"
    );
    let header = spec
        .iter()
        .map(|(f, _, _)| table.columns[*f].clone())
        .collect();
    let rows = rows
        .into_iter()
        .map(|by_type| {
            spec.iter()
                .map(|(f, ty, field)| cell(table, f, by_type.get(ty).and_then(|r| r.get(field))))
                .collect()
        })
        .collect();
    Sheet {
        name: name.to_owned(),
        header,
        rows,
    }
}

/// The participant and activity sheets of the fixture, for the example mappings' tables.
pub fn kib_sheets(lines: &[Value], participants: &Table, activities: &Table) -> (Sheet, Sheet) {
    assert_eq!(participants.kind, Kind::Participants);
    assert_eq!(activities.kind, Kind::Activities);
    fn of<'a>(lines: &'a [Value], ty: &'a str) -> impl Iterator<Item = &'a Value> {
        lines.iter().filter(move |l| l["type"] == ty)
    }
    let by = |ty: &str, key: &str| -> BTreeMap<String, &Value> {
        lines
            .iter()
            .filter(|l| l["type"] == ty)
            .map(|l| (l[key].as_str().unwrap().to_owned(), l))
            .collect()
    };
    let people = by("person", "id");
    let (intakes, lefts, follow_ups) = (
        by("intake", "enrolment"),
        by("left", "enrolment"),
        by("follow_up", "enrolment"),
    );
    assert_eq!(
        intakes.len(),
        of(lines, "intake").count(),
        "one intake per enrolment"
    );
    assert_eq!(
        follow_ups.len(),
        of(lines, "follow_up").count(),
        "one follow-up per enrolment"
    );
    assert!(
        of(lines, "follow_up").all(|f| f["months"] == 6),
        "the mapping fixes six months"
    );
    let referrals = by("referred", "id");
    let participant_rows = of(lines, "referred")
        .map(|r| {
            let e = r["id"].as_str().unwrap();
            let mut row = BTreeMap::from([
                ("referred", r),
                ("person", people[r["person"].as_str().unwrap()]),
            ]);
            for (ty, map) in [
                ("intake", &intakes),
                ("left", &lefts),
                ("follow_up", &follow_ups),
            ] {
                if let Some(v) = map.get(e) {
                    row.insert(ty, *v);
                }
            }
            row
        })
        .collect();
    let ends = by("activity_ended", "activity");
    assert_eq!(
        ends.len(),
        of(lines, "activity_ended").count(),
        "one end per activity"
    );
    let activity_rows = of(lines, "activity_started")
        .map(|a| {
            let mut row = BTreeMap::from([
                ("activity_started", a),
                ("referred", referrals[a["enrolment"].as_str().unwrap()]),
            ]);
            if let Some(end) = ends.get(a["id"].as_str().unwrap()) {
                row.insert("activity_ended", *end);
            }
            row
        })
        .collect();
    (
        sheet(
            participants,
            "Deltagere",
            PARTICIPANT_COLUMNS,
            participant_rows,
        ),
        sheet(activities, "Aktiviteter", ACTIVITY_COLUMNS, activity_rows),
    )
}

/// The sheet as Danish Excel saves "CSV (semikolonsepareret)" in UTF-8: a byte-order mark,
/// `;`, dates `dd-mm-yyyy`, decimal commas.
pub fn to_csv(sheet: &Sheet) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(&sheet.header).unwrap();
    for row in &sheet.rows {
        let texts: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Text(t) => t.clone(),
                Cell::Number(n) => n.to_string().replace('.', ","),
                Cell::Date(d) => d.format("%d-%m-%Y").to_string(),
            })
            .collect();
        w.write_record(&texts).unwrap();
    }
    w.into_inner().unwrap()
}

/// The sheets as one workbook, dates as date cells and numbers as numbers.
pub fn to_xlsx(sheets: &[&Sheet]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    for sheet in sheets {
        let ws = book.add_worksheet().set_name(&sheet.name).unwrap();
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    Cell::Date(d) => {
                        let dt =
                            rust_xlsxwriter::ExcelDateTime::parse_from_str(&d.to_string()).unwrap();
                        ws.write_datetime_with_format(r, c, &dt, &date_format)
                            .unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The example mappings' tables as one mapping for a workbook with both sheets.
pub fn workbook_mapping(participants: &Table, activities: &Table) -> Mapping {
    let mut p = participants.clone();
    let mut a = activities.clone();
    p.sheet = Some("Deltagere".into());
    a.sheet = Some("Aktiviteter".into());
    Mapping { tables: vec![p, a] }
}
