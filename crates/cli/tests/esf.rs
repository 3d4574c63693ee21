//! `jobbro report esf`: the ESF+ common indicators of a programme on a date, as JSON, over the
//! KIB fixture on whichever database the suite runs on — each figure split by gender adding up,
//! the participants those the status report counts as accepted, no national id printed, and bad
//! input refused with exit status 2.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use serde_json::Value;

fn esf(t: &jobbro_store::testing::TestDb, extra: &[&str]) -> Run {
    let mut args = vec![
        "report",
        "esf",
        "--programme",
        "kib",
        "--as-of",
        "2024-06-16",
    ];
    args.extend_from_slice(extra);
    jobbro(t, &args)
}

#[tokio::test]
async fn the_esf_indicators_of_kib_add_up_and_count_the_accepted_participants() {
    let t = with_kib().await;
    let run = esf(&t, &[]);
    run.assert_ok();
    assert_no_national_id("report esf", &run.stdout, &kib_national_ids());
    let report = run.json();
    assert_eq!(report["member_state"], "DK");
    // Every person of KIB has one enrolment, so the participants are the accepted enrolments.
    let status = read_json(KIB_STATUS);
    assert_eq!(report["output"]["EECO01"]["total"], status["accepted"]);
    let mut figures = 0;
    for part in ["output", "result"] {
        for (code, by_gender) in report[part].as_object().unwrap() {
            let parts: u64 = ["women", "men", "non_binary", "unknown"]
                .iter()
                .map(|g| by_gender[*g].as_u64().unwrap())
                .sum();
            assert_eq!(Value::from(parts), by_gender["total"], "{part} {code}");
            figures += 1;
        }
    }
    assert!(figures >= 17, "{figures} figures");
    // Each way of dividing the participants at entry counts every one of them once.
    let total = |codes: &[&str]| -> u64 {
        codes
            .iter()
            .map(|c| report["output"][*c]["total"].as_u64().unwrap())
            .sum()
    };
    let participants = total(&["EECO01"]);
    for partition in [
        &["EECO02", "EECO04", "EECO05", "employment_status_unknown"][..],
        &["EECO06", "EECO07", "age_30_54", "EECO08", "age_unknown"],
        &["EECO09", "EECO10", "EECO11", "education_unknown"],
        &["EECO14", "origin_member_state", "origin_unknown"],
    ] {
        assert_eq!(total(partition), participants, "{partition:?}");
    }
}

#[tokio::test]
async fn a_member_state_other_than_denmark_or_sweden_is_bad_input() {
    let t = with_kib().await;
    let run = esf(&t, &["--member-state", "NO"]);
    run.assert_bad_input();
    assert!(run.stderr.contains("NO"), "{}", run.describe());
    assert_eq!(run.stdout, "");
    esf(&t, &["--member-state", "SE"]).assert_ok();
}

#[tokio::test]
async fn with_suppress_no_count_below_it_is_printed_and_every_shown_count_is_the_reports() {
    let t = with_kib().await;
    let plain = esf(&t, &[]);
    plain.assert_ok();
    let plain = plain.json();
    let run = esf(&t, &["--suppress", "5"]);
    run.assert_ok();
    let shown = run.json();
    assert_eq!(shown["suppressed_below"], 5);
    assert!(plain.get("suppressed_below").is_none());
    let (mut hidden, mut cells) = (0, 0);
    for part in ["output", "result"] {
        for (code, by_gender) in plain[part].as_object().unwrap() {
            for g in ["women", "men", "non_binary", "unknown", "total"] {
                let value = by_gender[g].as_u64().unwrap();
                let cell = &shown[part][code][g];
                cells += 1;
                if cell.is_null() {
                    hidden += 1;
                } else {
                    assert_eq!(cell.as_u64(), Some(value), "{part} {code} {g}");
                    assert!(
                        value == 0 || value >= 5,
                        "{part} {code} {g} = {value} shown"
                    );
                }
            }
        }
    }
    assert!(hidden > 0 && hidden < cells, "{hidden} of {cells} hidden");
}
