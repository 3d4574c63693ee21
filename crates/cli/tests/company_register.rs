//! `jobbro company add`, `jobbro bottlenecks` and `jobbro occupations`, on whichever database the
//! suite runs on: a wrong CVR number is refused by its flag with exit status 2 and nothing added,
//! a company already registered is named, a good one is added as a timeline company with its
//! municipality; the bottleneck list is added to, listed and removed from, per organisation; the
//! occupations are listed and searched in each language, as JSON and CSV.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use jobbro_domain::cvr::generated_cvr;
use jobbro_store::companies::RegisterStore;
use jobbro_store::testing;

#[tokio::test]
async fn a_company_is_added_once_with_its_municipality_and_a_wrong_cvr_is_refused() {
    let t = testing::fresh().await;
    let cvr = generated_cvr(5);
    let bad = jobbro(
        &t,
        &[
            "company",
            "add",
            "--name",
            "Kantinen ApS",
            "--cvr",
            "12345678",
        ],
    );
    bad.assert_bad_input();
    assert!(
        bad.stderr
            .contains("--cvr `12345678` fails the CVR modulus-11 check"),
        "{}",
        bad.describe()
    );
    let good = jobbro(
        &t,
        &[
            "company",
            "add",
            "--name",
            "Kantinen ApS",
            "--cvr",
            cvr.as_str(),
            "--sector",
            "56.10",
            "--partner-since",
            "2025-03-01",
            "--diploma",
            "--area",
            "Hjørring",
        ],
    );
    good.assert_ok();
    let id = format!("cvr-{}", cvr.as_str());
    assert!(
        good.stdout
            .contains(&format!("added company {id}: Kantinen ApS"))
    );
    let again = jobbro(
        &t,
        &[
            "company",
            "add",
            "--name",
            "Kantinen",
            "--cvr",
            cvr.as_str(),
        ],
    );
    again.assert_bad_input();
    assert!(
        again.stderr.contains(&format!(
            "is already registered, as company {id} (Kantinen ApS)"
        )),
        "{}",
        again.describe()
    );

    let db = t.connect().await;
    let companies = jobbro_store::companies::companies(&db).await.unwrap();
    assert_eq!(companies.len(), 1);
    assert_eq!(companies[0].diploma, Some(true));
    let details = db.company_details(&id, "default").await.unwrap().unwrap();
    assert_eq!(details.details.area.as_deref(), Some("Hjørring"));
    let export = export(&t);
    assert!(
        export.contains(&format!(r#""id":"{id}""#)),
        "a timeline record: {export}"
    );
}

#[tokio::test]
async fn the_bottleneck_list_is_added_to_listed_and_removed_from_per_organisation() {
    let t = testing::fresh().await;
    let bad = jobbro(
        &t,
        &[
            "bottlenecks",
            "add",
            "--municipality",
            "Hjørring",
            "--section",
            "Z",
        ],
    );
    bad.assert_bad_input();
    assert!(
        bad.stderr
            .contains("--section must be a DB07 section letter"),
        "{}",
        bad.describe()
    );
    jobbro(
        &t,
        &[
            "bottlenecks",
            "add",
            "--municipality",
            "Hjørring",
            "--section",
            "q",
            "--from",
            "2025-01-01",
        ],
    )
    .assert_ok();
    let list = jobbro(&t, &["bottlenecks", "list"]);
    list.assert_ok();
    let list = list.json();
    assert_eq!(list["version"], 1);
    assert_eq!(list["lines"][0]["section"], "Q");
    assert_eq!(list["lines"][0]["from"], "2025-01-01");
    let id = list["lines"][0]["id"].as_str().unwrap().to_owned();

    let elsewhere = jobbro(
        &t,
        &[
            "--organisation",
            "other",
            "bottlenecks",
            "list",
            "--format",
            "csv",
        ],
    );
    elsewhere.assert_ok();
    assert_eq!(elsewhere.stdout.trim(), "id,municipality,section,from,to");
    jobbro(
        &t,
        &["--organisation", "other", "bottlenecks", "remove", &id],
    )
    .assert_bad_input();

    let csv = jobbro(&t, &["bottlenecks", "list", "--format", "csv"]);
    assert!(csv.stdout.contains(&format!("{id},Hjørring,Q,2025-01-01,")));
    jobbro(&t, &["bottlenecks", "remove", &id]).assert_ok();
    let list = jobbro(&t, &["bottlenecks", "list"]).json();
    assert_eq!(list["lines"].as_array().unwrap().len(), 0);
    assert_eq!(list["version"], 2);
}

#[test]
fn occupations_are_listed_and_searched_in_each_language() {
    let t = unopened_db();
    let all = jobbro(&t, &["occupations"]);
    all.assert_ok();
    assert_eq!(all.json().as_array().unwrap().len(), 436);
    let cooks = jobbro(&t, &["occupations", "--search", "kock", "--lang", "sv"]).json();
    assert_eq!(cooks[0]["code"], "5120");
    assert_eq!(cooks[0]["label"], "Kockar");
    let csv = jobbro(
        &t,
        &[
            "occupations",
            "--search",
            "94",
            "--lang",
            "en",
            "--format",
            "csv",
        ],
    );
    csv.assert_ok();
    assert_eq!(
        csv.stdout,
        "code,label\n9411,Fast food preparers\n9412,Kitchen helpers\n"
    );
}

/// A database URL that is never opened (`jobbro occupations` needs none).
fn unopened_db() -> jobbro_store::testing::TestDb {
    let dir = tempfile::tempdir().unwrap();
    jobbro_store::testing::TestDb {
        url: format!("sqlite:{}", dir.path().join("unused.db").display()),
        dir,
    }
}
