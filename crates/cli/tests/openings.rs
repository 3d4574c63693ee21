//! `jobbro opening add|list|close` on whichever database the suite runs on: an internship added
//! and listed as JSON and CSV, every wrong flag named on stderr with exit status 2 and nothing
//! written, an unknown company refused, and a closed opening left out of `--open`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use jobbro_store::testing;

async fn with_company() -> testing::TestDb {
    let t = testing::fresh().await;
    let file = t.dir.path().join("base.jsonl");
    std::fs::write(&file, BASE).unwrap();
    jobbro(&t, &["import", file.to_str().unwrap()]).assert_ok();
    t
}

const COOK: [&str; 14] = [
    "opening",
    "add",
    "--company",
    "c1",
    "--kind",
    "internship",
    "--occupation",
    "5120",
    "--hours",
    "25",
    "--start",
    "2026-12-01",
    "--places",
    "2",
];

#[tokio::test]
async fn an_internship_is_added_listed_as_json_and_csv_and_closed() {
    let t = with_company().await;
    let mut args = COOK.to_vec();
    args.extend(["--danish", "a2", "--area", "Helsingør", "--driving-licence"]);
    let added = jobbro(&t, &args).assert_ok().json();
    assert_eq!(added["version"], 1);
    assert_eq!(added["state"], "open");
    assert_eq!(added["driving_licence"], true);
    let id = added["id"].as_str().unwrap().to_owned();

    let list = jobbro(&t, &["opening", "list", "--open"])
        .assert_ok()
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["occupation"], "5120");

    let csv = jobbro(&t, &["opening", "list", "--format", "csv"]);
    csv.assert_ok();
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(lines[0].starts_with("id,company,kind,occupation,title,hours_per_week,start"));
    assert!(
        lines[1].starts_with(&format!(
            "{id},c1,internship,5120,,25,2026-12-01,,a2,true,Helsingør,2,false,open,1"
        )),
        "{}",
        lines[1]
    );

    jobbro(&t, &["opening", "close", &id]).assert_ok();
    let open = jobbro(&t, &["opening", "list", "--open"])
        .assert_ok()
        .json();
    assert_eq!(open, serde_json::json!([]));
    let all = jobbro(&t, &["opening", "list", "--company", "c1"])
        .assert_ok()
        .json();
    assert_eq!(all[0]["state"], "closed");
    assert_eq!(all[0]["version"], 2);
}

#[tokio::test]
async fn every_wrong_flag_is_named_with_exit_status_2_and_nothing_is_written() {
    let t = with_company().await;
    let mut args = COOK.to_vec();
    args[7] = "0000";
    args[9] = "60";
    args.extend(["--planned-end", "2026-11-01"]);
    let run = jobbro(&t, &args);
    run.assert_bad_input();
    assert!(
        run.stderr
            .contains("--occupation: is not an ISCO-08 unit group"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr
            .contains("--hours: must be from 1 to 48 hours a week")
    );
    assert!(
        run.stderr
            .contains("--planned-end: must not be before the start")
    );
    assert!(run.stderr.contains("3 wrong field(s); nothing was written"));

    let mut zero = COOK.to_vec();
    zero[9] = "0";
    jobbro(&t, &zero).assert_bad_input();

    let mut elsewhere = COOK.to_vec();
    elsewhere[3] = "nope";
    let run = jobbro(&t, &elsewhere);
    run.assert_bad_input();
    assert!(
        run.stderr.contains("--company: no company with id nope"),
        "{}",
        run.describe()
    );

    let run = jobbro(&t, &["opening", "close", "nope"]);
    run.assert_bad_input();
    let list = jobbro(&t, &["opening", "list"]).assert_ok().json();
    assert_eq!(list, serde_json::json!([]), "nothing was written");
}
