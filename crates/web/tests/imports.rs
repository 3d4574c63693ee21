//! Spreadsheet import in the web app, step by step as a browser without JavaScript does it:
//! only a lead of the programme may; the upload goes on to a mapping page whose columns are
//! preselected from the headers; a dry run lists every bad row by row and column (never the
//! value) and writes nothing; an import of a file with a bad row writes nothing; a good file is
//! imported, all of it; the mapping downloads as a file for the command line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::Router;
use axum::http::StatusCode;
use chrono::NaiveDate;
use jobbro_domain::national_id::generated_cpr;
use jobbro_store::{Context, Database};

use http::{encode, get, post, post_with};
use office::{now, office, session};

const BOUNDARY: &str = "jobbro-test-boundary";
const MULTIPART: &str = "multipart/form-data; boundary=jobbro-test-boundary";

fn cpr(year: i32, serial: u16) -> String {
    generated_cpr(NaiveDate::from_ymd_opt(year, 3, 14).unwrap(), serial)
        .unwrap()
        .expose()
        .to_owned()
}

/// Three fictional participants the way a Danish sheet has them; `bad` spoils the second one's
/// national id (a day that does not exist).
fn sheet(bad: Option<&str>) -> String {
    let second = bad.map_or_else(|| cpr(1980, 2000), str::to_owned);
    format!(
        "Deltager-nr;CPR-nr.;Køn;Henvist;Visitationsdato;Afgørelse\n\
         x-1;{};K;02-03-2026;09-03-2026;accepted\n\
         x-2;{second};M;03-03-2026;;\n\
         x-3;{};K;04-03-2026;10-03-2026;accepted\n",
        cpr(1975, 1000),
        cpr(1990, 3000),
    )
}

fn multipart(csrf: &str, kind: &str, file: &str) -> String {
    multipart_with(csrf, kind, file, None)
}

fn multipart_with(csrf: &str, kind: &str, file: &str, mapping: Option<&str>) -> String {
    let part = |name: &str, extra: &str, body: &str| {
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"{extra}\r\n\r\n{body}\r\n"
        )
    };
    let mut body = part("csrf", "", csrf);
    body.push_str(&part("kind", "", kind));
    body.push_str(&part(
        "file",
        "; filename=\"deltagere.csv\"\r\nContent-Type: text/csv",
        file,
    ));
    if let Some(mapping) = mapping {
        body.push_str(&part(
            "mapping",
            "; filename=\"mapping.json\"\r\nContent-Type: application/json",
            mapping,
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

async fn records(db: &Database) -> u64 {
    let ctx = Context::new("test", "default", now());
    jobbro_store::export_timeline(db, std::io::sink(), &ctx)
        .await
        .unwrap()
}

/// Uploads `file` as `user`; the mapping page's path.
async fn upload(app: &Router, cookie: &str, csrf: &str, file: &str) -> String {
    let answer = post_with(
        "/programmes/kib/import",
        MULTIPART,
        multipart(csrf, "participants", file),
    )
    .cookie(cookie)
    .send(app)
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let to = answer.location().unwrap().to_owned();
    assert!(to.starts_with("/programmes/kib/import/"), "{to}");
    to
}

/// The mapping a lead would choose on the page, with `action`.
fn mapping_form(csrf: &str, action: &str) -> String {
    encode(&[
        ("csrf", csrf),
        ("action", action),
        ("header_row", "1"),
        ("delimiter", ";"),
        ("date_formats", "dd-mm-yyyy"),
        ("col.person_id", "Deltager-nr"),
        ("col.national_id", "CPR-nr."),
        ("col.gender", "Køn"),
        ("col.referral_date", "Henvist"),
        ("col.intake_date", "Visitationsdato"),
        ("col.decision", "Afgørelse"),
        ("fix.referrer", "Jobcenter"),
        ("map.gender.0.from", "K"),
        ("map.gender.0.to", "female"),
        ("map.gender.1.from", "M"),
        ("map.gender.1.to", "male"),
    ])
}

#[tokio::test]
async fn only_a_lead_of_the_programme_may_import_and_only_with_the_sessions_form() {
    let (_t, _db, app) = office().await;
    let (anna, anna_csrf) = session(&app, "anna").await;
    let refused = get("/programmes/kib/import").cookie(&anna).send(&app).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = post_with(
        "/programmes/kib/import",
        MULTIPART,
        multipart(&anna_csrf, "participants", &sheet(None)),
    )
    .cookie(&anna)
    .send(&app)
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let (lene, lene_csrf) = session(&app, "lene").await;
    let page = get("/programmes/kib").cookie(&lene).send(&app).await;
    assert!(page.body.contains("href=\"/programmes/kib/import\""));
    let form = get("/programmes/kib/import").cookie(&lene).send(&app).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    let forged = post_with(
        "/programmes/kib/import",
        MULTIPART,
        multipart("forged", "participants", &sheet(None)),
    )
    .cookie(&lene)
    .send(&app)
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let path = upload(&app, &lene, &lene_csrf, &sheet(None)).await;
    // Another user cannot reach the upload, even knowing its address.
    let other = get(&path).cookie(&anna).send(&app).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let missing = get("/programmes/nope/import")
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let _ = lene_csrf;
}

#[tokio::test]
async fn a_lead_maps_the_columns_sees_every_bad_row_and_imports_all_or_nothing() {
    let (_t, db, app) = office().await;
    let (lene, csrf) = session(&app, "lene").await;
    let before = records(&db).await;

    // A sheet with a bad national id in its second data row (spreadsheet row 3).
    let secret = "310299-1234";
    let path = upload(&app, &lene, &csrf, &sheet(Some(secret))).await;
    let page = get(&path).cookie(&lene).send(&app).await;
    assert_eq!(page.status, StatusCode::OK);
    for header in [
        "Deltager-nr",
        "CPR-nr.",
        "Køn",
        "Henvist",
        "Visitationsdato",
        "Afgørelse",
    ] {
        assert!(
            page.body
                .contains(&format!("<option value=\"{header}\" selected>")),
            "{header} is preselected"
        );
    }
    assert!(
        page.body.contains("data-values=\"gender\""),
        "the gender column's values are offered"
    );
    assert!(!page.body.contains(secret));

    for action in ["dry_run", "import"] {
        let answer = post(&path, &mapping_form(&csrf, action))
            .cookie(&lene)
            .send(&app)
            .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{action}");
        assert!(answer.body.contains("data-row=\"3\""), "{}", answer.body);
        assert_eq!(answer.body.matches("<tr data-row=").count(), 1);
        assert!(!answer.body.contains(secret));
        assert_eq!(records(&db).await, before, "{action} wrote nothing");
    }

    let path = upload(&app, &lene, &csrf, &sheet(None)).await;
    let dry = post(&path, &mapping_form(&csrf, "dry_run"))
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(dry.body.contains("data-dry-run=\"true\""));
    assert_eq!(records(&db).await, before);

    let download = post(&path, &mapping_form(&csrf, "download"))
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(
        download.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let mapping = jobbro_sheets::Mapping::from_json(&download.body).unwrap();
    assert_eq!(mapping.tables[0].columns["national_id"], "CPR-nr.");

    let done = post(&path, &mapping_form(&csrf, "import"))
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    // Three people, three referrals and two intakes.
    assert_eq!(records(&db).await, before + 8);
    // The upload is gone once imported.
    let again = get(&path).cookie(&lene).send(&app).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(again.location().unwrap().ends_with("import?expired=1"));
}

fn api_body(file: &str, mapping: &str) -> String {
    let part = |name: &str, body: &str| {
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\n\r\n{body}\r\n"
        )
    };
    format!(
        "{}{}--{BOUNDARY}--\r\n",
        part("file", file),
        part("mapping", mapping)
    )
}

const API_MAPPING: &str = r#"{"tables": [{"kind": "participants", "date_formats": ["dd-mm-yyyy"],
  "columns": {"person_id": "Deltager-nr", "national_id": "CPR-nr.", "gender": "Køn",
              "referral_date": "Henvist", "intake_date": "Visitationsdato", "decision": "Afgørelse"},
  "values": {"gender": {"K": "female", "M": "male"}}}]}"#;

#[tokio::test]
async fn the_api_checks_and_imports_a_sheet_with_its_mapping_all_or_nothing() {
    let (_t, db, app) = office().await;
    let token = office::lead_token(&db).await;
    let auth = format!("Bearer {token}");
    let before = records(&db).await;
    let send = |uri: &'static str, body: String| {
        let auth = auth.clone();
        let app = app.clone();
        async move {
            post_with(uri, MULTIPART, body)
                .headers(&[("authorization", auth.as_str())])
                .send(&app)
                .await
        }
    };

    let bad = send(
        "/api/v1/programmes/kib/import",
        api_body(&sheet(Some("310299-1234")), API_MAPPING),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let json = bad.json();
    assert_eq!(json["total"], 1);
    assert_eq!(json["errors"][0]["row"], 3);
    assert_eq!(json["errors"][0]["column"], "CPR-nr.");
    assert!(!bad.body.contains("310299"));
    assert_eq!(records(&db).await, before);

    let dry = send(
        "/api/v1/programmes/kib/import?dry_run=true",
        api_body(&sheet(None), API_MAPPING),
    )
    .await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert_eq!(dry.json()["rows"], 3);
    assert_eq!(records(&db).await, before);

    let done = send(
        "/api/v1/programmes/kib/import",
        api_body(&sheet(None), API_MAPPING),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let added: u64 = done.json()["added"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(records(&db).await, before + added);
    assert_eq!(added, 8);
}

#[tokio::test]
async fn a_mapping_saved_earlier_fills_the_form_again_with_its_value_maps() {
    let (_t, _db, app) = office().await;
    let (lene, csrf) = session(&app, "lene").await;
    let plain = upload(&app, &lene, &csrf, &sheet(None)).await;
    let page = get(&plain).cookie(&lene).send(&app).await;
    assert!(
        !page.body.contains("<option value=\"female\" selected>"),
        "K is not guessed"
    );

    let body = multipart_with(&csrf, "participants", &sheet(None), Some(API_MAPPING));
    let answer = post_with("/programmes/kib/import", MULTIPART, body)
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let page = get(answer.location().unwrap())
        .cookie(&lene)
        .send(&app)
        .await;
    assert!(
        page.body.contains("<option value=\"female\" selected>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"dd-mm-yyyy\""));

    let wrong = multipart_with(&csrf, "activities", &sheet(None), Some(API_MAPPING));
    let refused = post_with("/programmes/kib/import", MULTIPART, wrong)
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_lead_imports_the_companies_register_and_a_wrong_cvr_is_named_on_its_row() {
    let (_t, db, app) = office().await;
    let (lene, csrf) = session(&app, "lene").await;
    let before = records(&db).await;
    let register = |cvr: &str| {
        format!("Virksomhed;CVR-nr;Branche\nBageriet ApS;57536209;56.10\nForkert A/S;{cvr};F\n")
    };
    let form = |action: &str| {
        encode(&[
            ("csrf", csrf.as_str()),
            ("action", action),
            ("header_row", "1"),
            ("delimiter", ";"),
            ("col.name", "Virksomhed"),
            ("col.cvr", "CVR-nr"),
            ("col.sector", "Branche"),
        ])
    };
    for (cvr, status, added) in [
        // 57536208 fails the modulus-11 check; 51544307 passes it.
        ("57536208", StatusCode::UNPROCESSABLE_ENTITY, 0),
        ("51544307", StatusCode::OK, 2),
    ] {
        let answer = post_with(
            "/programmes/kib/import",
            MULTIPART,
            multipart(&csrf, "companies", &register(cvr)),
        )
        .cookie(&lene)
        .send(&app)
        .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let path = answer.location().unwrap().to_owned();
        let page = get(&path).cookie(&lene).send(&app).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<option value=\"CVR-nr\" selected>"));
        let done = post(&path, &form("import")).cookie(&lene).send(&app).await;
        assert_eq!(done.status, status, "{}", done.body);
        if status != StatusCode::OK {
            assert!(done.body.contains("data-row=\"3\""), "{}", done.body);
        }
        assert_eq!(records(&db).await, before + added, "{cvr}");
    }
}
