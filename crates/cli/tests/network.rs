//! `jobbro network add|list|need` and `jobbro meeting plan`, and the worklist with the
//! `interpreter_missing` item they make, in FORMAT.md §5's item shape; bad input named by flag
//! with exit status 2. On whichever database the suite runs on.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use serde_json::Value;

#[tokio::test]
async fn a_meeting_planned_without_an_interpreter_is_on_the_worklist_until_one_is_booked() {
    let t = with_kib().await;
    let add = jobbro(
        &t,
        &[
            "network",
            "add",
            "--name",
            "Samir Khalil",
            "--kind",
            "interpreter",
            "--languages",
            "ar",
            "--waiting-days",
            "3",
            "--phone",
            "+45 00 00 09 01",
        ],
    );
    add.assert_ok();
    let interpreter = add.stdout.trim().to_owned();
    assert!(interpreter.starts_with("net-"), "{}", add.describe());

    let list = jobbro(&t, &["network", "list", "--language", "ar"]);
    list.assert_ok();
    assert_eq!(list.json()[0]["name"], "Samir Khalil");
    assert_eq!(list.json()[0]["waiting_days"], 3);
    let none = jobbro(&t, &["network", "list", "--kind", "mentor"]);
    assert_eq!(none.json(), serde_json::json!([]));

    // e0119 is active on 2024-06-16 (an activity gap in the published worklist).
    jobbro(&t, &["network", "need", "e0119", "--language", "ar"]).assert_ok();
    let plan = jobbro(
        &t,
        &[
            "meeting",
            "plan",
            "e0119",
            "--date",
            "2024-06-20",
            "--time",
            "10:00",
        ],
    );
    plan.assert_ok();

    let worklist = |t| {
        jobbro(
            t,
            &["worklist", "--as-of", "2024-06-16", "--programme", "kib"],
        )
        .assert_ok()
        .json()
    };
    let items = worklist(&t);
    let missing: Vec<&Value> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "interpreter_missing")
        .collect();
    assert_eq!(missing.len(), 1);
    let item = missing[0];
    assert_eq!(item["enrolment"], "e0119");
    assert_eq!(item["person"], "p0119");
    assert_eq!(item["due"], "2024-06-17");
    assert_eq!(item["days_overdue"], 0);
    assert_eq!(item["meeting"]["language"], "ar");
    // The published items are all still there, unchanged.
    let want = read_json(KIB_WORKLIST);
    for w in want.as_array().unwrap() {
        assert!(items.as_array().unwrap().contains(w), "{w}");
    }

    // A second meeting, booked at once: no new item.
    jobbro(
        &t,
        &[
            "meeting",
            "plan",
            "e0119",
            "--date",
            "2024-06-27",
            "--interpreter",
            &interpreter,
        ],
    )
    .assert_ok();
    let after = worklist(&t);
    assert_eq!(
        after.as_array().unwrap().len(),
        want.as_array().unwrap().len() + 1
    );
}

#[tokio::test]
async fn bad_network_input_is_named_by_flag_and_nothing_is_written() {
    let t = with_kib().await;
    let run = jobbro(
        &t,
        &[
            "network",
            "add",
            "--name",
            "X",
            "--kind",
            "interpreter",
            "--languages",
            "ar",
        ],
    );
    run.assert_bad_input();
    assert!(run.stderr.contains("--waiting-days"), "{}", run.describe());
    let run = jobbro(
        &t,
        &[
            "network",
            "add",
            "--name",
            "Y",
            "--kind",
            "mentor",
            "--languages",
            "xx",
        ],
    );
    run.assert_bad_input();
    assert!(run.stderr.contains("--languages"), "{}", run.describe());
    assert_eq!(
        jobbro(&t, &["network", "list"]).json(),
        serde_json::json!([])
    );

    let run = jobbro(&t, &["meeting", "plan", "e9999", "--date", "2024-06-20"]);
    run.assert_bad_input();
    assert!(
        run.stderr.contains("no enrolment e9999"),
        "{}",
        run.describe()
    );
    let run = jobbro(
        &t,
        &[
            "meeting",
            "plan",
            "e0119",
            "--date",
            "2024-06-20",
            "--interpreter",
            "nobody",
        ],
    );
    run.assert_bad_input();
    assert!(run.stderr.contains("--interpreter"), "{}", run.describe());
}
