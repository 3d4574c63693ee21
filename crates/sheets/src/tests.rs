#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use jobbro_domain::national_id::{NationalId, generated_cpr};
use jobbro_domain::records::{Entity, Event, Record};

use crate::{Directory, Kind, Mapping, Problem, SheetError, SheetRecord, Table, translate};

/// Nobody stored yet; a new person's id is made from the number's lookup key (tests only).
#[derive(Default)]
struct Memory {
    people: HashMap<String, Vec<(String, NaiveDate)>>,
}

impl Directory for Memory {
    fn person_with_national_id(&self, _: &NationalId) -> Option<String> {
        None
    }
    fn person_exists(&self, person: &str) -> bool {
        self.people.contains_key(person)
    }
    fn new_person_id(&self, nid: &NationalId) -> String {
        format!("new-{}", nid.lookup_key().len())
    }
    fn enrolments(&self, person: &str) -> Vec<(String, NaiveDate)> {
        self.people.get(person).cloned().unwrap_or_default()
    }
}

fn cpr(y: i32, m: u32, d: u32, serial: u16) -> String {
    generated_cpr(NaiveDate::from_ymd_opt(y, m, d).unwrap(), serial)
        .unwrap()
        .expose()
        .to_owned()
}

fn participants(columns: &[(&str, &str)]) -> Table {
    let mut t = Table::new(Kind::Participants);
    t.columns = columns
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect();
    t
}

fn one(table: Table) -> Mapping {
    Mapping {
        tables: vec![table],
    }
}

fn people_table() -> Table {
    participants(&[("person_id", "Nr"), ("referral_date", "Henvist")])
}

fn rows_of(result: Result<Vec<SheetRecord>, SheetError>) -> Vec<crate::RowError> {
    match result {
        Err(SheetError::Rows { errors, .. }) => errors,
        other => panic!("expected bad rows, got {other:?}"),
    }
}

/// The bad rows of a CSV text read with `table`, nobody stored.
fn bad_rows(table: Table, csv: &str) -> Vec<crate::RowError> {
    rows_of(translate(
        &one(table),
        csv.as_bytes(),
        "prog",
        &Memory::default(),
    ))
}

fn referral_dates(records: &[SheetRecord]) -> Vec<(u32, NaiveDate)> {
    records
        .iter()
        .filter_map(|r| match &r.record {
            Record::Event(Event::Referred(e)) => Some((r.row, e.date)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_mapping_naming_a_field_of_another_kind_is_refused() {
    let mut table = people_table();
    table
        .columns
        .insert("activity_kind_unused".into(), "x".into());
    let mapping = one(table);
    let err = mapping.check().unwrap_err();
    assert!(err.contains("activity_kind_unused"), "{err}");
}

#[test]
fn dates_are_read_in_each_of_the_tables_formats() {
    let mut table = people_table();
    table.date_formats = vec![
        "dd-mm-yyyy".into(),
        "dd.mm.yyyy".into(),
        "yyyy-mm-dd".into(),
    ];
    let csv = "Nr;Henvist\np1;03-02-2024\np2;3.2.2024\np3;2024-02-03\n";
    let made = translate(&one(table), csv.as_bytes(), "prog", &Memory::default()).unwrap();
    let expected = NaiveDate::from_ymd_opt(2024, 2, 3).unwrap();
    let dates = referral_dates(&made);
    assert_eq!(dates.len(), 3);
    assert!(dates.iter().all(|(_, d)| *d == expected), "{dates:?}");
    assert_eq!(dates.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [2, 3, 4]);
}

#[test]
fn a_two_digit_year_is_refused_on_its_row_and_column() {
    let table = people_table();
    let csv = "Nr;Henvist\np1;03-02-24\n";
    let errors = bad_rows(table, csv);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, 2);
    assert_eq!(errors[0].column.as_deref(), Some("Henvist"));
    assert!(matches!(
        errors[0].problem,
        Problem::TwoDigitYear | Problem::NotADate
    ));
}

#[test]
fn value_maps_turn_the_sheets_words_into_codes() {
    let mut table = people_table();
    table.columns.insert("gender".into(), "Køn".into());
    table.values.insert(
        "gender".into(),
        BTreeMap::from([("K".into(), "female".into()), ("M".into(), "male".into())]),
    );
    let csv = "Nr;Køn;Henvist\np1;K;2024-01-02\np2;m;2024-01-02\np3;female;2024-01-02\n";
    let made = translate(&one(table), csv.as_bytes(), "prog", &Memory::default()).unwrap();
    let genders: Vec<String> = made
        .iter()
        .filter_map(|r| match &r.record {
            Record::Entity(Entity::Person(p)) => p.gender.map(|g| g.as_str().to_owned()),
            _ => None,
        })
        .collect();
    assert_eq!(genders, ["female", "male", "female"]);
}

#[test]
fn a_csv_with_a_byte_order_mark_and_semicolons_is_read() {
    let mut table = people_table();
    table.columns.insert("gender".into(), "Køn".into());
    let csv = "\u{feff}Nr;Køn;Henvist\r\np1;female;2024-01-02\r\n";
    let made = translate(&one(table), csv.as_bytes(), "prog", &Memory::default()).unwrap();
    assert_eq!(referral_dates(&made).len(), 1);
}

#[test]
fn a_windows_1252_csv_from_danish_excel_is_read() {
    let mut table = people_table();
    table.columns.insert("gender".into(), "Køn".into());
    // "Køn" with ø as the single byte 0xF8.
    let mut bytes = b"Nr;K\xF8n;Henvist\n".to_vec();
    bytes.extend_from_slice(b"p1;female;2024-01-02\n");
    let made = translate(&one(table), &bytes, "prog", &Memory::default()).unwrap();
    assert_eq!(referral_dates(&made).len(), 1);
}

#[test]
fn a_mapped_column_missing_from_the_header_row_is_named() {
    let mut table = people_table();
    table.columns.insert("gender".into(), "Køn".into());
    let csv = "Nr;Gender;Henvist\np1;female;2024-01-02\n";
    let errors = bad_rows(table, csv);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, 1);
    assert_eq!(errors[0].column.as_deref(), Some("Køn"));
    assert_eq!(errors[0].problem, Problem::ColumnMissing);
}

#[test]
fn every_bad_national_id_is_reported_with_its_row_and_never_its_value() {
    let mut table = people_table();
    table.columns.remove("person_id");
    table.columns.insert("national_id".into(), "CPR".into());
    let good = cpr(1985, 8, 24, 3440);
    let bad_date = "320185-1234";
    let csv =
        format!("CPR;Henvist\n{good};2024-01-02\n{bad_date};2024-01-02\n;;\n12345;2024-01-02\n");
    let errors = bad_rows(table, &csv);
    assert_eq!(errors.iter().map(|e| e.row).collect::<Vec<_>>(), [3, 5]);
    for e in &errors {
        assert_eq!(e.column.as_deref(), Some("CPR"));
        let text = e.to_string();
        assert!(
            !text.contains(bad_date) && !text.contains("12345"),
            "{text}"
        );
    }
}

#[test]
fn empty_rows_are_skipped_and_later_rows_keep_their_numbers() {
    let table = people_table();
    let csv = "Nr;Henvist;Note\np1;2024-01-02;\n;;\n\n;;only a note\np2;2024-01-03;\n";
    let made = translate(&one(table), csv.as_bytes(), "prog", &Memory::default()).unwrap();
    let rows: Vec<u32> = referral_dates(&made).iter().map(|(r, _)| *r).collect();
    assert_eq!(rows, [2, 6]);
}

#[test]
fn an_activity_row_finds_the_enrolment_made_by_the_participant_sheet_before_it() {
    let people = {
        let mut t = people_table();
        t.sheet = Some("Deltagere".into());
        t
    };
    let mut acts = Table::new(Kind::Activities);
    acts.sheet = Some("Aktiviteter".into());
    acts.columns = BTreeMap::from([
        ("person_id".into(), "Nr".into()),
        ("kind".into(), "Aktivitet".into()),
        ("start_date".into(), "Start".into()),
        ("end_date".into(), "Slut".into()),
    ]);
    acts.values.insert(
        "kind".into(),
        BTreeMap::from([("Praktik".into(), "internship".into())]),
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet().set_name("Deltagere").unwrap();
    s.write_row(0, 0, ["Nr", "Henvist"]).unwrap();
    s.write_string(1, 0, "p1").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 2).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    s.write_datetime_with_format(1, 1, &date, &format).unwrap();
    let a = book.add_worksheet().set_name("Aktiviteter").unwrap();
    a.write_row(0, 0, ["Nr", "Aktivitet", "Start", "Slut"])
        .unwrap();
    a.write_row(1, 0, ["p1", "Praktik", "05-01-2024", "31-01-2024"])
        .unwrap();
    a.write_row(2, 0, ["p9", "Praktik", "05-01-2024", ""])
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mapping = Mapping {
        tables: vec![people, acts],
    };
    let errors = rows_of(translate(&mapping, &bytes, "prog", &Memory::default()));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].sheet.as_deref(), Some("Aktiviteter"));
    assert_eq!(errors[0].row, 3);
    assert_eq!(errors[0].problem, Problem::UnknownParticipant);

    let mut mapping = mapping;
    mapping.tables[1].columns.remove("end_date");
    let book_without_p9 = {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet().set_name("Deltagere").unwrap();
        s.write_row(0, 0, ["Nr", "Henvist"]).unwrap();
        s.write_string(1, 0, "p1").unwrap();
        s.write_datetime_with_format(1, 1, &date, &format).unwrap();
        let a = book.add_worksheet().set_name("Aktiviteter").unwrap();
        a.write_row(0, 0, ["Nr", "Aktivitet", "Start"]).unwrap();
        a.write_row(1, 0, ["p1", "Praktik", "05-01-2024"]).unwrap();
        book.save_to_buffer().unwrap()
    };
    let made = translate(&mapping, &book_without_p9, "prog", &Memory::default()).unwrap();
    let referred = made.iter().find_map(|r| match &r.record {
        Record::Event(Event::Referred(e)) => Some(e.clone()),
        _ => None,
    });
    let started = made.iter().find_map(|r| match &r.record {
        Record::Event(Event::ActivityStarted(e)) => Some(e.clone()),
        _ => None,
    });
    let (referred, started) = (referred.unwrap(), started.unwrap());
    assert_eq!(referred.date, NaiveDate::from_ymd_opt(2024, 1, 2).unwrap());
    assert_eq!(started.enrolment, referred.id);
    assert_eq!(started.kind.as_str(), "internship");
}

#[test]
fn a_cpr_number_typed_into_a_number_cell_gets_its_leading_zero_back() {
    let mut table = people_table();
    table.columns.remove("person_id");
    table.columns.insert("national_id".into(), "CPR".into());
    let number = cpr(1980, 1, 1, 1000);
    assert!(number.starts_with('0'));
    let digits: f64 = number.replace('-', "").parse().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write_row(0, 0, ["CPR", "Henvist"]).unwrap();
    s.write_number(1, 0, digits).unwrap();
    s.write_string(1, 1, "2024-01-02").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let made = translate(&one(table), &bytes, "prog", &Memory::default()).unwrap();
    let person = made.iter().find_map(|r| match &r.record {
        Record::Entity(Entity::Person(p)) => p.national_id.clone(),
        _ => None,
    });
    assert_eq!(person.unwrap().expose(), number);
}

#[test]
fn contact_rows_read_yes_no_and_find_the_enrolment_of_the_day() {
    let mut directory = Memory::default();
    let early = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    let late = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    directory.people.insert(
        "p1".into(),
        vec![("e-early".into(), early), ("e-late".into(), late)],
    );
    let mut table = Table::new(Kind::Contacts);
    table.columns = BTreeMap::from([
        ("person_id".into(), "Nr".into()),
        ("date".into(), "Dato".into()),
        ("kind".into(), "Form".into()),
        ("attended".into(), "Mødt".into()),
    ]);
    table.values.insert(
        "kind".into(),
        BTreeMap::from([("Møde".into(), "meeting".into())]),
    );
    let csv = "Nr;Dato;Form;Mødt\np1;2024-03-01;Møde;ja\np1;2024-07-01;phone;Nej\np1;2024-07-02;phone;måske\n";
    let result = translate(&one(table.clone()), csv.as_bytes(), "prog", &directory);
    let errors = rows_of(result);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].row, errors[0].problem.clone()),
        (4, Problem::NotYesNo)
    );

    let csv = "Nr;Dato;Form;Mødt\np1;2024-03-01;Møde;ja\np1;2024-07-01;phone;Nej\n";
    let made = translate(&one(table), csv.as_bytes(), "prog", &directory).unwrap();
    let contacts: Vec<(String, bool, &str)> = made
        .iter()
        .filter_map(|r| match &r.record {
            Record::Event(Event::Contact(c)) => {
                Some((c.enrolment.clone(), c.was_attended(), c.kind.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        contacts,
        [
            ("e-early".to_owned(), true, "meeting"),
            ("e-late".to_owned(), false, "phone")
        ]
    );
}

#[test]
fn hours_with_a_decimal_comma_are_read_and_a_word_is_refused() {
    let mut directory = Memory::default();
    let referred = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    directory
        .people
        .insert("p1".into(), vec![("e1".into(), referred)]);
    let mut table = Table::new(Kind::Activities);
    table.columns = BTreeMap::from([
        ("person_id".into(), "Nr".into()),
        ("kind".into(), "Type".into()),
        ("start_date".into(), "Start".into()),
        ("hours_per_week".into(), "Timer".into()),
    ]);
    let csv = "Nr;Type;Start;Timer\np1;job;2024-02-01;\"37,5\"\np1;job;2024-03-01;mange\n";
    let errors = rows_of(translate(
        &one(table.clone()),
        csv.as_bytes(),
        "prog",
        &directory,
    ));
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].row, errors[0].problem.clone()),
        (3, Problem::NotANumber)
    );
    let made = translate(
        &one(table),
        &csv.as_bytes()[..csv.find("p1;job;2024-03").unwrap()],
        "prog",
        &directory,
    )
    .unwrap();
    let hours = made.iter().find_map(|r| match &r.record {
        Record::Event(Event::ActivityStarted(a)) => a.hours_per_week,
        _ => None,
    });
    assert_eq!(hours, Some(37.5));
}

#[test]
fn company_rows_become_company_records_and_a_bad_cvr_is_named_by_row_and_column() {
    let directory = Memory::default();
    let mut table = Table::new(Kind::Companies);
    table.columns = BTreeMap::from([
        ("name".into(), "Virksomhed".into()),
        ("cvr".into(), "CVR-nr".into()),
        ("sector".into(), "Branche".into()),
        ("bottleneck".into(), "Mangelområde".into()),
    ]);
    // 57536209 passes the modulus-11 check (the KIB fixture's c0001); 57536208 does not.
    let csv = "Virksomhed;CVR-nr;Branche;Mangelområde\nBageriet ApS;57536209;56.10;ja\nPlejehjemmet;;Q;nej\nForkert A/S;57536208;F;ja\n";
    let errors = rows_of(translate(
        &one(table.clone()),
        csv.as_bytes(),
        "prog",
        &directory,
    ));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].row, 4);
    assert_eq!(errors[0].column.as_deref(), Some("CVR-nr"));

    let good: String = csv.lines().take(3).map(|l| format!("{l}\n")).collect();
    let made = translate(&one(table), good.as_bytes(), "prog", &directory).unwrap();
    let companies: Vec<(String, String, Option<String>, Option<bool>)> = made
        .iter()
        .filter_map(|r| match &r.record {
            Record::Entity(Entity::Company(c)) => {
                Some((c.id.clone(), c.name.clone(), c.sector.clone(), c.bottleneck))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        companies,
        [
            (
                "cvr-57536209".to_owned(),
                "Bageriet ApS".to_owned(),
                Some("56.10".to_owned()),
                Some(true)
            ),
            (
                "company-plejehjemmet".to_owned(),
                "Plejehjemmet".to_owned(),
                Some("Q".to_owned()),
                Some(false)
            ),
        ]
    );
}
