//! Status digests built while a file is imported (jobbro_store, module `import::digesting`) are
//! exactly the digests compaction builds from the stored timelines: for a grouped file, a file
//! whose enrolments are interleaved, a file with one late event, a file imported twice, and a
//! file imported in two parts, on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::collections::HashMap;
use std::io::Cursor;

use chrono::NaiveDate;
use jobbro_demo::DemoSpec;
use jobbro_domain::records::{Event, Record, Target};
use jobbro_store::{Context, Database, compact_status, testing};

/// 2,500 enrolments: three chunks of 1,024.
fn generated() -> Vec<Record> {
    let spec = DemoSpec {
        seed: 11,
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        enrolments: 2500,
    };
    let mut records = Vec::new();
    jobbro_demo::generate(&spec, |r| records.push(r));
    records
}

fn jsonl(records: &[Record]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        out.extend_from_slice(r.to_canonical_json().as_bytes());
        out.push(b'\n');
    }
    out
}

async fn import(db: &Database, records: &[Record]) {
    let ctx = Context::at_day("test", NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    jobbro_store::import_timeline(db, Cursor::new(jsonl(records)), &ctx)
        .await
        .unwrap();
}

/// Every stored chunk, by number.
async fn chunks(db: &Database) -> Vec<(i64, Vec<u8>)> {
    const SQL: &str = "SELECT chunk, body FROM status_chunks ORDER BY chunk";
    match db {
        Database::Sqlite(s) => sqlx::query_as(SQL).fetch_all(s.pool()).await.unwrap(),
        Database::Postgres(p) => sqlx::query_as(SQL).fetch_all(p.pool()).await.unwrap(),
    }
}

/// The chunks as stored, then as compaction rebuilds every one of them from the timelines.
async fn stored_and_rebuilt(db: &Database) -> (Vec<(i64, Vec<u8>)>, Vec<(i64, Vec<u8>)>) {
    let stored = chunks(db).await;
    const SQL: &str = "INSERT INTO status_dirty (enrolment) SELECT key FROM enrolments WHERE true \
                       ON CONFLICT (enrolment) DO NOTHING";
    match db {
        Database::Sqlite(s) => {
            sqlx::query(SQL).execute(s.pool()).await.unwrap();
        }
        Database::Postgres(p) => {
            sqlx::query(SQL).execute(p.pool()).await.unwrap();
        }
    }
    assert_eq!(compact_status(db).await.unwrap(), 3, "three chunks rebuilt");
    (stored, chunks(db).await)
}

async fn check(files: &[Vec<Record>]) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    for records in files {
        import(&db, records).await;
    }
    let (stored, rebuilt) = stored_and_rebuilt(&db).await;
    assert_eq!(rebuilt.len(), 3);
    assert!(
        stored == rebuilt,
        "the digests after the import differ from those rebuilt from the timelines"
    );
}

#[tokio::test]
async fn a_grouped_file_gives_the_digests_of_its_timelines() {
    check(&[generated()]).await;
}

/// The enrolment each event belongs to.
fn enrolment_of(records: &[Record]) -> Vec<Option<String>> {
    let mut of_activity: HashMap<String, String> = HashMap::new();
    let mut of_event: HashMap<String, String> = HashMap::new();
    records
        .iter()
        .map(|r| {
            let Record::Event(e) = r else { return None };
            let enrolment = match e.target() {
                Target::None => e.id().to_owned(),
                Target::Enrolment(id) => id.to_owned(),
                Target::Activity(id) => of_activity[id].clone(),
                Target::Record(_, id) => of_event[id].clone(),
            };
            if let Event::ActivityStarted(a) = e {
                of_activity.insert(a.id.clone(), enrolment.clone());
            }
            of_event.insert(e.id().to_owned(), enrolment.clone());
            Some(enrolment)
        })
        .collect()
}

#[tokio::test]
async fn interleaved_enrolments_give_the_digests_of_their_timelines() {
    // Every entity first, then the first event of every enrolment, then every second event…
    let records = generated();
    let owners = enrolment_of(&records);
    let mut entities = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut events: HashMap<String, Vec<Record>> = HashMap::new();
    for (r, owner) in records.into_iter().zip(owners) {
        match owner {
            None => entities.push(r),
            Some(e) => {
                if !events.contains_key(&e) {
                    order.push(e.clone());
                }
                events.entry(e).or_default().push(r);
            }
        }
    }
    let mut lists: Vec<std::vec::IntoIter<Record>> = order
        .iter()
        .map(|e| events.remove(e).unwrap().into_iter())
        .collect();
    let mut file = entities;
    loop {
        let before = file.len();
        file.extend(lists.iter_mut().filter_map(Iterator::next));
        if file.len() == before {
            break;
        }
    }
    check(&[file]).await;
}

#[tokio::test]
async fn an_event_late_in_the_file_reaches_its_digest() {
    // The leaving of an early enrolment moved to the end of the file, after its chunk is built.
    let mut records = generated();
    let late = records
        .iter()
        .position(|r| matches!(r, Record::Event(Event::Left(_))))
        .unwrap();
    let left = records.remove(late);
    records.push(left);
    check(&[records]).await;
}

#[tokio::test]
async fn a_file_imported_twice_keeps_its_digests() {
    let records = generated();
    check(&[records.clone(), records]).await;
}

#[tokio::test]
async fn a_file_imported_in_two_parts_gives_the_digests_of_its_timelines() {
    // Split at a person in the middle of the second chunk: the second import's first enrolments
    // share a chunk with stored ones.
    let records = generated();
    let referred: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Record::Event(Event::Referred(_))))
        .map(|(i, _)| i)
        .collect();
    let mut split = referred[1500];
    while !matches!(records[split], Record::Entity(_)) {
        split -= 1;
    }
    check(&[records[..split].to_vec(), records[split..].to_vec()]).await;
}

#[tokio::test]
async fn a_line_repeated_in_the_file_is_in_its_digest_once() {
    // An identical line twice is stored once (the second is skipped as already stored).
    let mut records = generated();
    let first = records
        .iter()
        .position(|r| matches!(r, Record::Event(Event::ActivityStarted(_))))
        .unwrap();
    records.insert(first + 1, records[first].clone());
    check(&[records]).await;
}

/// The position of the `n`th referral (0 is the first).
fn referral(records: &[Record], n: usize) -> usize {
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Record::Event(Event::Referred(_))))
        .nth(n)
        .unwrap()
        .0
}

#[tokio::test]
async fn an_event_a_few_enrolments_late_reaches_every_digest_of_its_chunk() {
    // A leaving moved past the next ten enrolments, in the chunk being built: the enrolments
    // between, whose digests were being built, are rebuilt from their timelines.
    let mut records = generated();
    let left = records
        .iter()
        .position(|r| matches!(r, Record::Event(Event::Left(_))))
        .unwrap();
    let moved = records.remove(left);
    let after = records[..left]
        .iter()
        .filter(|r| matches!(r, Record::Event(Event::Referred(_))))
        .count();
    records.insert(referral(&records, after + 10), moved);
    check(&[records]).await;
}

#[tokio::test]
async fn a_line_repeated_as_a_chunk_closes_leaves_no_digest_behind() {
    // The enrolment with key 1,024 begins the second chunk; its second line repeated (skipped
    // as stored) in the batch that closes the first chunk.
    let mut records = generated();
    let first_of_second_chunk = referral(&records, 1023);
    let repeated = records[first_of_second_chunk + 1].clone();
    records.insert(first_of_second_chunk + 2, repeated);
    check(&[records]).await;
}

#[tokio::test]
async fn a_line_repeated_at_the_end_of_the_file_leaves_no_digest_behind() {
    // Found stored only as the last batch is written, after the last chunk closed.
    let mut records = generated();
    let last = records.last().unwrap().clone();
    assert!(matches!(last, Record::Event(_)));
    records.push(last);
    check(&[records]).await;
}
