//! Size and speed of generated timelines. Ignored by default: run in release mode with
//! `cargo test --release -p jobbro-demo --test scale -- --ignored --nocapture`.
//! (Timings are reported, never asserted.)

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::{all_records, day, demo_spec, timelines};
use jobbro_demo::DemoSpec;
use jobbro_domain::records::Record;
use jobbro_domain::status::Status;
use jobbro_domain::worklist::Worklist;

#[test]
#[ignore = "prints a profile of the demo timeline"]
fn profile_of_the_demo_timeline() {
    let spec = demo_spec();
    let records = all_records(&spec);
    let mut status: BTreeMap<String, usize> = BTreeMap::new();
    let mut caseloads: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut worklist = Worklist::new(spec.today);
    for (t, rules) in timelines(&records) {
        let s = t.status_on(spec.today, &rules).unwrap();
        let key = match s {
            Status::Active { situation, .. } => {
                let cw = t.caseworker_on(spec.today).unwrap_or("-").to_owned();
                *caseloads.entry((t.programme.clone(), cw)).or_default() += 1;
                format!("active {situation}")
            }
            Status::Ended { reason, .. } => format!("ended {reason}"),
            other => format!("{other:?}"),
        };
        *status.entry(key).or_default() += 1;
        worklist.add(&t, &rules);
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for item in worklist.finish() {
        *kinds.entry(item.kind.as_str()).or_default() += 1;
    }
    println!("records {}", records.len());
    println!("status {status:#?}");
    println!("caseloads {caseloads:#?}");
    println!("worklist {kinds:#?}");
}

#[allow(clippy::unwrap_used)] // test support
fn measure(enrolments: usize) {
    let spec = DemoSpec {
        seed: 1,
        today: day(2026, 11, 26),
        enrolments,
    };
    let started = Instant::now();
    let summary = jobbro_demo::generate(&spec, |_| {});
    let generated = started.elapsed();
    let started = Instant::now();
    let lines = jobbro_demo::write_jsonl(&spec, std::io::sink()).unwrap();
    let written = started.elapsed();
    // What building every record through `Record::from_json` would add.
    let started = Instant::now();
    let mut failed = 0u64;
    jobbro_demo::generate(&spec, |r| {
        let value = serde_json::to_value(&r).unwrap();
        if Record::from_json(&value).is_err() {
            failed += 1;
        }
    });
    let via_json = started.elapsed();
    println!(
        "{enrolments} enrolments: {} records, {} events, {:.1} events per enrolment; \
         generate {generated:.2?}; generate + JSON lines {written:.2?} ({lines} lines); \
         generate + from_json of every record {via_json:.2?} ({failed} failed)",
        summary.records,
        summary.events,
        summary.events as f64 / summary.enrolments as f64,
    );
}

#[test]
#[ignore = "timing; run in release mode"]
fn time_100_000_enrolments() {
    measure(300);
    measure(100_000);
}

#[test]
#[ignore = "timing; run in release mode"]
fn time_1_000_000_enrolments() {
    measure(1_000_000);
}
