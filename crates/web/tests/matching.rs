//! Matching as a job consultant uses it: a new internship place at a company lists the
//! consultant's own active participants not in a job, ranked, each score explained; proposing one
//! and starting them in the place writes the internship to their timeline, which the company page
//! and the status report then count; a filled place starts nobody else; a stale decline changes
//! nothing. The API says the same. On whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::http::StatusCode;
use jobbro_domain::enums::DanishLevel;
use jobbro_domain::occupation::Isco;
use jobbro_domain::opening::{Opening, OpeningKind};
use jobbro_domain::profile::Profile;
use jobbro_store::openings::OpeningStore;
use jobbro_store::profiles::{Expected, save_profile};
use jobbro_store::{Context, Database};

use http::{encode, get, post, post_json};
use office::{lead_token, now, office, session, today};

/// Two more of Anna's participants, both accepted and in coaching (no activity): Hamid wishes for
/// care work, Sara for kitchen work.
const MORE: &str = r#"{"type":"person","id":"p-3","given_name":"Hamid","family_name":"Rahimi","gender":"male"}
{"type":"person","id":"p-4","given_name":"Sara","family_name":"Tesfaye","gender":"female"}
{"type":"referred","id":"e-3","programme":"kib","person":"p-3","date":"2026-09-01","caseworker":"cw-1"}
{"type":"intake","id":"i-3","enrolment":"e-3","date":"2026-09-02","decision":"accepted"}
{"type":"referred","id":"e-4","programme":"kib","person":"p-4","date":"2026-09-01","caseworker":"cw-1"}
{"type":"intake","id":"i-4","enrolment":"e-4","date":"2026-09-02","decision":"accepted"}
"#;

fn isco(code: &str) -> Isco {
    Isco::parse(code).unwrap()
}

/// A care-work internship at Plejecenter Solgården, one place.
fn care_internship() -> Opening {
    Opening {
        id: "o-1".into(),
        company: "c-2".into(),
        kind: OpeningKind::Internship,
        occupation: isco("5322"),
        title: None,
        hours_per_week: 20,
        start: today(),
        planned_end: Some(today() + chrono::Duration::weeks(8)),
        danish_level: Some(DanishLevel::A2),
        driving_licence: false,
        area: Some("Helsingør".into()),
        places: 1,
        closed: false,
    }
}

async fn setup() -> (jobbro_store::testing::TestDb, Database, axum::Router) {
    let (t, db, app) = office().await;
    let ctx = Context::new("test", "default", now());
    jobbro_store::import_timeline(&db, std::io::Cursor::new(MORE), &ctx)
        .await
        .unwrap();
    for (enrolment, wish) in [
        ("e-3", "5322"),
        ("e-4", "9412"),
        ("e-1", "5322"),
        ("e-2", "5322"),
    ] {
        let profile = Profile {
            wished: vec![isco(wish)],
            danish_level: Some(DanishLevel::A2),
            hours_available: Some(25),
            area: Some("Helsingør".into()),
            ..Profile::default()
        };
        let saved = save_profile(&db, enrolment, &profile, Expected::Nothing, &ctx)
            .await
            .unwrap();
        assert!(matches!(saved, jobbro_store::profiles::Saved::Saved { .. }));
    }
    db.add_opening(&care_internship(), &ctx).await.unwrap();
    (t, db, app)
}

/// The value of `attr="…"` on the first element whose text around it holds `marker`.
fn attr_after(body: &str, marker: &str, attr: &str) -> String {
    let at = body
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in {body}"));
    let rest = &body[at..];
    let key = format!("{attr}=\"");
    let start = rest.find(&key).unwrap() + key.len();
    rest[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_consultant_goes_from_a_new_place_to_a_ranked_explained_list_to_a_started_internship() {
    let (_t, db, app) = setup().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let before = jobbro_store::status_report(&db, "kib", today(), None)
        .await
        .unwrap();

    let page = get("/openings/o-1").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let list = page.body.split("candidate-list").nth(1).unwrap();
    let hamid = list.find("Hamid Rahimi").expect("Hamid is a candidate");
    let sara = list.find("Sara Tesfaye").expect("Sara is a candidate");
    assert!(hamid < sara, "the one who wishes for care work ranks first");
    assert!(
        list.contains("Ønsker at arbejde som 5322"),
        "the score says why, in Danish"
    );
    assert!(
        !page.body.contains("Fatima"),
        "Bo's participant is neither listed nor named"
    );
    // Ali is in a wage-subsidy job: still a candidate (not in a job or education).
    assert!(list.contains("Ali Hassan"));

    let propose = encode(&[("csrf", &csrf), ("enrolment", "e-3")]);
    let answer = post("/openings/o-1/proposals", &propose)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.location(),
        Some("/openings/o-1?done=proposed#proposals")
    );
    let again = post("/openings/o-1/proposals", &propose)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(
        again.location(),
        Some("/openings/o-1?done=already_proposed#proposals")
    );

    let page = get("/openings/o-1?done=proposed")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("Foreslået."), "{}", page.body);
    let proposal = attr_after(&page.body, "proposal-list", "data-proposal");
    assert!(page.body.contains(r#"data-outcome="waiting""#));
    let candidates = page.body.split("candidate-list").nth(1).unwrap();
    let candidates = candidates.split("</table>").next().unwrap();
    assert!(
        !candidates.contains("Hamid"),
        "a proposed candidate leaves the list"
    );

    let start = encode(&[("csrf", &csrf), ("date", &today().to_string())]);
    let answer = post(&format!("/proposals/{proposal}/start"), &start)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.location(),
        Some("/openings/o-1?done=started#proposals")
    );
    let page = get("/openings/o-1").cookie(&cookie).send(&app).await;
    assert!(
        page.body.contains(r#"data-outcome="ongoing""#),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"data-state="filled""#));

    // The company page counts the internship, and names Hamid to his caseworker.
    let company = get("/companies/c-2").cookie(&cookie).send(&app).await;
    assert!(company.body.contains("Hamid Rahimi"), "{}", company.body);
    // The status report counts one more participant in an internship.
    let after = jobbro_store::status_report(&db, "kib", today(), None)
        .await
        .unwrap();
    let (b, a) = (
        serde_json::to_value(&before).unwrap(),
        serde_json::to_value(&after).unwrap(),
    );
    assert_eq!(
        a["situation"]["internship"].as_u64().unwrap(),
        b["situation"]["internship"].as_u64().unwrap() + 1
    );
    assert_eq!(
        a["situation"]["coaching"].as_u64().unwrap() + 1,
        b["situation"]["coaching"].as_u64().unwrap()
    );

    // The lead sees the proposal counted as started in the programme's matching report.
    let (lene, _) = session(&app, "lene").await;
    let report = get("/programmes/kib/matching")
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let all = report.body.split("Alle forslag").nth(1).unwrap();
    let all = all.split("</tr>").next().unwrap();
    let cells: Vec<&str> = all
        .split("<td")
        .skip(1)
        .map(|c| c.split('>').nth(1).unwrap().split('<').next().unwrap())
        .collect();
    assert_eq!(cells[..5], ["1", "0", "0", "1", "1"], "{all}");

    // The place is filled: Sara, proposed now, cannot start in it.
    let propose = encode(&[("csrf", &csrf), ("enrolment", "e-4")]);
    post("/openings/o-1/proposals", &propose)
        .cookie(&cookie)
        .send(&app)
        .await;
    let page = get("/openings/o-1").cookie(&cookie).send(&app).await;
    let rows: Vec<&str> = page.body.split("data-proposal=\"").skip(1).collect();
    let sara = rows.iter().find(|r| r.contains("Sara")).unwrap();
    let sara_id = sara.split('"').next().unwrap();
    assert!(
        !sara.contains("/start"),
        "no start button on a filled place"
    );
    let answer = post(&format!("/proposals/{sara_id}/start"), &start)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(
        answer.location(),
        Some("/openings/o-1?done=not_open#proposals")
    );
}

#[tokio::test]
async fn a_stale_decline_changes_nothing_and_another_caseworker_cannot_propose() {
    let (_t, _db, app) = setup().await;
    let (cookie, csrf) = session(&app, "anna").await;
    post(
        "/openings/o-1/proposals",
        &encode(&[("csrf", &csrf), ("enrolment", "e-3")]),
    )
    .cookie(&cookie)
    .send(&app)
    .await;
    let page = get("/openings/o-1").cookie(&cookie).send(&app).await;
    let proposal = attr_after(&page.body, "proposal-list", "data-proposal");

    let stale = encode(&[("csrf", &csrf), ("version", "7")]);
    let answer = post(&format!("/proposals/{proposal}/decline"), &stale)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(
        answer.location(),
        Some("/openings/o-1?done=stale#proposals")
    );
    let page = get("/openings/o-1?done=stale")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("en anden har netop ændret forslaget"));
    assert!(page.body.contains(r#"data-outcome="waiting""#));

    let fresh = encode(&[("csrf", &csrf), ("version", "1")]);
    let answer = post(&format!("/proposals/{proposal}/decline"), &fresh)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(
        answer.location(),
        Some("/openings/o-1?done=declined#proposals")
    );
    let page = get("/openings/o-1").cookie(&cookie).send(&app).await;
    assert!(page.body.contains(r#"data-outcome="declined""#));

    // Bo may not propose Anna's participant.
    let (bo, bo_csrf) = session(&app, "bo").await;
    let answer = post(
        "/openings/o-1/proposals",
        &encode(&[("csrf", &bo_csrf), ("enrolment", "e-4")]),
    )
    .cookie(&bo)
    .send(&app)
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_participants_openings_are_ranked_for_their_profile() {
    let (_t, _db, app) = setup().await;
    let (cookie, _) = session(&app, "anna").await;
    let page = get("/enrolments/e-3/openings")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("offer-list"));
    assert!(page.body.contains("5322"), "{}", page.body);
    let bo = session(&app, "bo").await.0;
    let refused = get("/enrolments/e-3/openings").cookie(&bo).send(&app).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_ranks_candidates_and_starts_a_proposal() {
    let (_t, db, app) = setup().await;
    let token = lead_token(&db).await;
    let auth = format!("Bearer {token}");
    let headers = [("authorization", auth.as_str())];

    let answer = get("/api/v1/openings/o-1/candidates")
        .headers(&headers)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let json = answer.json();
    let first = &json["candidates"][0];
    assert!(["e-1", "e-2", "e-3"].contains(&first["enrolment"].as_str().unwrap()));
    let factors = first["score"]["factors"].as_array().unwrap();
    assert_eq!(factors.len(), 6);
    assert_eq!(factors[0]["kind"], "occupation");
    assert_eq!(factors[0]["reason"]["code"], "wished_same");
    assert_eq!(json["state"], "open");

    let answer = post_json("/api/v1/openings/o-1/proposals", r#"{"enrolment":"e-4"}"#)
        .headers(&headers)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let id = answer.json()["proposal"]["id"].as_str().unwrap().to_owned();
    let again = post_json("/api/v1/openings/o-1/proposals", r#"{"enrolment":"e-4"}"#)
        .headers(&headers)
        .send(&app)
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let body = format!(r#"{{"date":"{}"}}"#, today());
    let answer = post_json(&format!("/api/v1/proposals/{id}/start"), &body)
        .headers(&headers)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(answer.json()["activity"], format!("{id}-{}", today()));

    let answer = get("/api/v1/enrolments/e-4/openings")
        .headers(&headers)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let json = answer.json();
    assert_eq!(json["openings"][0]["proposal"]["outcome"], "ongoing");

    let answer = get("/api/v1/programmes/kib/matching")
        .headers(&headers)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let json = answer.json();
    assert_eq!(json["total"]["proposed"], 1);
    assert_eq!(json["total"]["started"], 1);
    assert_eq!(json["by_score"].as_array().unwrap().len(), 3);
}
