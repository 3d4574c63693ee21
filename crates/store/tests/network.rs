//! The network beside the timeline, on whichever database the suite runs on: network people
//! saved and edited with a version check, links, interpreter needs and planned meetings, the
//! worklist's `interpreter_missing` item that booking an interpreter clears, who took part in a
//! contact written with the contact or not at all, the person export and retention — and the
//! KIB fixture's worklist exactly as published, network data or not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::BufReader;

use chrono::NaiveDate;
use jobbro_domain::codes::Language;
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{
    LinkRole, MeetingState, NetworkKind, NetworkLink, NetworkPerson, PlannedMeeting,
};
use jobbro_domain::records::Record;
use jobbro_domain::worklist::ItemKind;
use jobbro_store::access::AccessStore;
use jobbro_store::network::ops::{self, Refused};
use jobbro_store::network::{LinksOf, NetworkStore};
use jobbro_store::{Context, Database, testing};
use serde_json::Value;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ctx() -> Context {
    Context::at_day("cli:test", d("2026-11-26"))
}

fn lang(code: &str) -> Language {
    Language::parse(code).unwrap()
}

const TIMELINE: &str = r#"{"type":"programme","id":"kib","name":"KIB","start":"2025-01-01"}
{"type":"caseworker","id":"cw-1","name":"Anna"}
{"type":"company","id":"c-1","name":"Byg ApS"}
{"type":"person","id":"p-1","given_name":"Amina","family_name":"Tesfay","languages":["ti"]}
{"type":"person","id":"p-2","given_name":"Omar","family_name":"Ali"}
{"type":"referred","id":"e-1","programme":"kib","person":"p-1","date":"2026-01-05","caseworker":"cw-1"}
{"type":"intake","id":"i-1","enrolment":"e-1","date":"2026-01-06","decision":"accepted"}
{"type":"contact","id":"k-1","enrolment":"e-1","date":"2026-11-20","kind":"meeting"}
{"type":"referred","id":"e-2","programme":"kib","person":"p-2","date":"2026-01-05","caseworker":"cw-1"}
{"type":"intake","id":"i-2","enrolment":"e-2","date":"2026-01-06","decision":"accepted"}
{"type":"left","id":"l-2","enrolment":"e-2","date":"2026-03-01","reason":"moved"}
"#;

async fn office() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    jobbro_store::import_timeline(&db, std::io::Cursor::new(TIMELINE), &ctx())
        .await
        .unwrap();
    (t, db)
}

fn interpreter(id: &str, languages: &[&str], waiting_days: u16) -> NetworkPerson {
    NetworkPerson {
        id: id.into(),
        name: format!("Tolk {id}"),
        kind: NetworkKind::Interpreter,
        company: None,
        languages: languages.iter().map(|l| lang(l)).collect(),
        area: Some("Helsingør".into()),
        waiting_days: Some(waiting_days),
        phone: Some("+45 20 00 00 01".into()),
        email: None,
        notes: None,
    }
}

fn meeting(id: &str, enrolment: &str, date: &str) -> PlannedMeeting {
    PlannedMeeting {
        id: id.into(),
        enrolment: enrolment.into(),
        date: d(date),
        time: Some("10:30".parse().unwrap()),
        kind: ContactKind::Meeting,
        interpreter: None,
        caseworker: Some("cw-1".into()),
        state: MeetingState::Planned,
        version: 1,
    }
}

async fn add(db: &Database, person: &NetworkPerson) {
    ops::add_person(db, &ctx(), person).await.unwrap().unwrap();
}

async fn interpreter_items(db: &Database) -> Vec<jobbro_domain::worklist::Item> {
    jobbro_store::worklist(db, d("2026-11-26"), Some("kib"), None)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.kind == ItemKind::InterpreterMissing)
        .collect()
}

#[tokio::test]
async fn a_network_person_is_saved_read_back_and_edited_only_from_the_latest_version() {
    let (_t, db) = office().await;
    let mentor = NetworkPerson {
        id: "n-m".into(),
        name: "Mette Mentor".into(),
        kind: NetworkKind::Mentor,
        company: Some("c-1".into()),
        languages: vec![lang("da"), lang("ar")],
        area: None,
        waiting_days: None,
        phone: None,
        email: Some("mette@example.org".into()),
        notes: Some("Køkkenchef".into()),
    };
    add(&db, &mentor).await;
    let stored = db.network_person("default", "n-m").await.unwrap().unwrap();
    assert_eq!((stored.person.clone(), stored.version), (mentor.clone(), 1));
    assert!(db.network_person("other", "n-m").await.unwrap().is_none());

    let mut edit = mentor.clone();
    edit.area = Some("Espergærde".into());
    let v = ops::update_person(&db, &ctx(), &edit, 1).await.unwrap();
    assert_eq!(v, Ok(2));
    edit.area = Some("Snekkersten".into());
    let stale = ops::update_person(&db, &ctx(), &edit, 1).await.unwrap();
    assert_eq!(stale, Err(Refused::Stale { current: 2 }));
    let now = db.network_person("default", "n-m").await.unwrap().unwrap();
    assert_eq!(now.person.area.as_deref(), Some("Espergærde"));

    let mut unknown_company = mentor.clone();
    unknown_company.id = "n-x".into();
    unknown_company.company = Some("c-404".into());
    let refused = ops::add_person(&db, &ctx(), &unknown_company)
        .await
        .unwrap();
    let Err(Refused::Fields(fields)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(fields[0].field, "company");
    assert!(db.network_person("default", "n-x").await.unwrap().is_none());

    let audit = db.audit_rows_about("network_person", "n-m").await.unwrap();
    let actions: Vec<_> = audit.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["create", "update"]);
}

#[tokio::test]
async fn a_planned_meeting_without_an_interpreter_is_on_the_worklist_until_one_is_booked() {
    let (_t, db) = office().await;
    add(&db, &interpreter("n-slow", &["ti"], 10)).await;
    add(&db, &interpreter("n-quick", &["ti", "ar"], 4)).await;
    add(&db, &interpreter("n-ar", &["ar"], 2)).await;
    ops::plan_meeting(&db, &ctx(), &meeting("m-1", "e-1", "2026-12-10"), "kib")
        .await
        .unwrap()
        .unwrap();
    assert!(interpreter_items(&db).await.is_empty(), "no need, no item");

    ops::set_need(&db, &ctx(), "e-1", "kib", Some(lang("ti")))
        .await
        .unwrap();
    let items = interpreter_items(&db).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].due, d("2026-12-06"), "the shortest wait, 4 days");
    assert_eq!(items[0].enrolment.as_deref(), Some("e-1"));
    assert_eq!(items[0].caseworker.as_deref(), Some("cw-1"));
    let day = jobbro_store::caseload::caseload(&db, d("2026-11-26"), &["kib".into()], None)
        .await
        .unwrap();
    assert_eq!(day.count_items(&[ItemKind::InterpreterMissing]), 1);

    // An Arabic interpreter is refused for a Tigrinya need; nothing changes.
    let mut wrong = db.meeting("m-1").await.unwrap().unwrap();
    wrong.interpreter = Some("n-ar".into());
    let refused = ops::update_meeting(&db, &ctx(), &wrong, "kib")
        .await
        .unwrap();
    assert!(matches!(refused, Err(Refused::Fields(ref f)) if f[0].field == "interpreter"));

    let mut booked = db.meeting("m-1").await.unwrap().unwrap();
    booked.interpreter = Some("n-quick".into());
    assert_eq!(
        ops::update_meeting(&db, &ctx(), &booked, "kib")
            .await
            .unwrap(),
        Ok(2)
    );
    assert!(interpreter_items(&db).await.is_empty());

    // A second save from the version both started from is refused, not lost.
    let mut late = booked.clone();
    late.interpreter = None;
    assert_eq!(
        ops::update_meeting(&db, &ctx(), &late, "kib")
            .await
            .unwrap(),
        Err(Refused::Stale { current: 2 })
    );
    assert_eq!(
        db.meeting("m-1")
            .await
            .unwrap()
            .unwrap()
            .interpreter
            .as_deref(),
        Some("n-quick")
    );
}

#[tokio::test]
async fn an_ended_enrolment_and_a_cancelled_meeting_give_no_item() {
    let (_t, db) = office().await;
    ops::set_need(&db, &ctx(), "e-2", "kib", Some(lang("so")))
        .await
        .unwrap();
    ops::plan_meeting(&db, &ctx(), &meeting("m-2", "e-2", "2026-12-01"), "kib")
        .await
        .unwrap()
        .unwrap();
    ops::set_need(&db, &ctx(), "e-1", "kib", Some(lang("so")))
        .await
        .unwrap();
    let mut cancelled = meeting("m-3", "e-1", "2026-12-01");
    cancelled.state = MeetingState::Cancelled;
    ops::plan_meeting(&db, &ctx(), &cancelled, "kib")
        .await
        .unwrap()
        .unwrap();
    assert!(interpreter_items(&db).await.is_empty());
    ops::plan_meeting(&db, &ctx(), &meeting("m-4", "e-1", "2026-12-01"), "kib")
        .await
        .unwrap()
        .unwrap();
    let items = interpreter_items(&db).await;
    assert_eq!(items.len(), 1);
    // No Somali interpreter: due today, and the item says so.
    assert_eq!(items[0].due, d("2026-11-26"));
    let gap = items[0].meeting.as_ref().unwrap();
    assert_eq!((gap.interpreters, gap.waiting_days), (0, None));
}

fn contact(id: &str, date: &str) -> Record {
    let v: Value = serde_json::json!({"type": "contact", "id": id, "enrolment": "e-1",
        "date": date, "kind": "meeting"});
    Record::from_json(&v).unwrap()
}

#[tokio::test]
async fn who_took_part_is_written_with_the_contact_or_not_at_all() {
    let (_t, db) = office().await;
    add(&db, &interpreter("n-t", &["ti"], 3)).await;
    let link = NetworkLink {
        id: "l-1".into(),
        person: "n-t".into(),
        enrolment: "e-1".into(),
        role: LinkRole::Interpreter,
        from: d("2026-11-01"),
        to: None,
        activity: None,
    };
    ops::add_link(&db, &ctx(), &link, "kib")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        db.links(LinksOf::NetworkPerson("n-t")).await.unwrap(),
        [link]
    );
    let linked = ops::linked_on(&db, &ctx(), "e-1", d("2026-11-25"))
        .await
        .unwrap();
    assert_eq!(linked.len(), 1);

    jobbro_store::write_contact(
        &db,
        contact("k-2", "2026-11-25"),
        &["n-t".into()],
        &ctx(),
        vec![],
    )
    .await
    .unwrap();
    // A contact refused by the timeline's rules (the same id again, other content) leaves no
    // participants behind.
    let refused = jobbro_store::write_contact(
        &db,
        contact("k-2", "2026-11-24"),
        &["n-t".into()],
        &ctx(),
        vec![],
    )
    .await;
    assert!(refused.is_err());
    let took_part = db.contact_participants("e-1").await.unwrap();
    assert_eq!(took_part.len(), 1);
    assert_eq!(took_part[0].contact, "k-2");
}

#[tokio::test]
async fn the_person_export_holds_the_network_and_retention_removes_the_planning() {
    let (_t, db) = office().await;
    add(&db, &interpreter("n-t", &["ti"], 3)).await;
    ops::set_need(&db, &ctx(), "e-2", "kib", Some(lang("ti")))
        .await
        .unwrap();
    ops::plan_meeting(&db, &ctx(), &meeting("m-9", "e-2", "2026-02-20"), "kib")
        .await
        .unwrap()
        .unwrap();
    let link = NetworkLink {
        id: "l-9".into(),
        person: "n-t".into(),
        enrolment: "e-2".into(),
        role: LinkRole::Interpreter,
        from: d("2026-01-10"),
        to: Some(d("2026-02-28")),
        activity: None,
    };
    ops::add_link(&db, &ctx(), &link, "kib")
        .await
        .unwrap()
        .unwrap();

    let export = jobbro_store::export_person(&db, "p-2", &ctx())
        .await
        .unwrap();
    let json = serde_json::to_value(&export).unwrap();
    assert_eq!(json["network"]["interpreter_needs"][0]["language"], "ti");
    assert_eq!(json["network"]["links"][0]["name"], "Tolk n-t");
    assert_eq!(json["network"]["meetings"][0]["id"], "m-9");

    let later = Context::at_day("cli:test", d("2032-01-01"));
    let summary = jobbro_store::run_retention(&db, 5, false, &later)
        .await
        .unwrap();
    assert_eq!(summary.anonymised, ["p-2"]);
    assert_eq!(summary.network_rows_removed, 2);
    assert!(db.interpreter_need("e-2").await.unwrap().is_none());
    assert!(db.meetings("e-2").await.unwrap().is_empty());
    assert_eq!(db.links(LinksOf::Enrolment("e-2")).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_kib_fixture_worklist_is_unchanged_by_network_data_that_asks_nothing() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/kib.jsonl"
    );
    let as_of = d("2024-06-16");
    jobbro_store::import_timeline(
        &db,
        BufReader::new(std::fs::File::open(path).unwrap()),
        &Context::at_day("test", as_of),
    )
    .await
    .unwrap();
    let before = jobbro_store::worklist(&db, as_of, Some("kib"), None)
        .await
        .unwrap();
    let ctx = Context::at_day("test", as_of);
    ops::add_person(&db, &ctx, &interpreter("n-t", &["ar"], 3))
        .await
        .unwrap()
        .unwrap();
    ops::set_need(&db, &ctx, "e0150", "kib", Some(lang("ar")))
        .await
        .unwrap();
    let mut booked = meeting("m-1", "e0150", "2024-06-20");
    booked.interpreter = Some("n-t".into());
    ops::plan_meeting(&db, &ctx, &booked, "kib")
        .await
        .unwrap()
        .unwrap();
    let after = jobbro_store::worklist(&db, as_of, Some("kib"), None)
        .await
        .unwrap();
    assert_eq!(before, after);
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/fixtures/kib.worklist.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut got: Vec<String> = after
        .iter()
        .map(|i| serde_json::to_value(i).unwrap().to_string())
        .collect();
    let mut want: Vec<String> = want
        .as_array()
        .unwrap()
        .iter()
        .map(Value::to_string)
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}
