//! Matching on whichever database the suite runs on: the candidates for an opening are the active
//! enrolments not in a job or education, with a profile, ranked by the domain's score; a proposal
//! leaves the list and, once started through the timeline, fills the opening's place, which the
//! company's placements and the status report then count like any other activity.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::{NaiveDate, TimeZone, Utc};
use jobbro_domain::enums::{DanishLevel, Situation};
use jobbro_domain::occupation::Isco;
use jobbro_domain::opening::{Opening, OpeningKind, OpeningState};
use jobbro_domain::profile::Profile;
use jobbro_domain::proposal::{Outcome, Proposal};
use jobbro_store::matching::{
    StartRefusal, match_enrolment, match_opening, matching_report, start_proposal,
};
use jobbro_store::openings::OpeningStore;
use jobbro_store::profiles::{Expected, save_profile};
use jobbro_store::proposals::{ProposalError, ProposalStore};
use jobbro_store::{Context, Database, status_report, testing};

/// Five enrolments in programme `p` on 2026-11-26: e1 and e2 in coaching, e3 in a full-time job,
/// e4 in coaching without a profile, e5 still waiting for intake. e2 is caseworker cw2's.
const TIMELINE: &str = r#"{"type":"programme","id":"p","name":"Job og praktik","start":"2026-01-01"}
{"type":"company","id":"c1","name":"Kro og Køkken ApS"}
{"type":"caseworker","id":"cw2","name":"Ole Test"}
{"type":"person","id":"x1","given_name":"Amina","family_name":"Test"}
{"type":"person","id":"x2","given_name":"Bashir","family_name":"Test"}
{"type":"person","id":"x3","given_name":"Cyrus","family_name":"Test"}
{"type":"person","id":"x4","given_name":"Dalia","family_name":"Test"}
{"type":"person","id":"x5","given_name":"Emre","family_name":"Test"}
{"type":"referred","id":"e1","programme":"p","person":"x1","date":"2026-10-01"}
{"type":"intake","id":"i1","enrolment":"e1","date":"2026-10-02","decision":"accepted"}
{"type":"referred","id":"e2","programme":"p","person":"x2","date":"2026-10-01","caseworker":"cw2"}
{"type":"intake","id":"i2","enrolment":"e2","date":"2026-10-02","decision":"accepted"}
{"type":"referred","id":"e3","programme":"p","person":"x3","date":"2026-10-01"}
{"type":"intake","id":"i3","enrolment":"e3","date":"2026-10-02","decision":"accepted"}
{"type":"activity_started","id":"a3","enrolment":"e3","date":"2026-11-01","kind":"job","hours_per_week":37}
{"type":"referred","id":"e4","programme":"p","person":"x4","date":"2026-10-01"}
{"type":"intake","id":"i4","enrolment":"e4","date":"2026-10-02","decision":"accepted"}
{"type":"referred","id":"e5","programme":"p","person":"x5","date":"2026-10-01"}
"#;

fn ctx() -> Context {
    Context::new(
        "anna",
        "default",
        Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap(),
    )
}

fn day(d: &str) -> NaiveDate {
    d.parse().unwrap()
}

fn cook_internship() -> Opening {
    Opening {
        id: "o1".into(),
        company: "c1".into(),
        kind: OpeningKind::Internship,
        occupation: Isco::parse("5120").unwrap(),
        title: None,
        hours_per_week: 25,
        start: day("2026-12-01"),
        planned_end: Some(day("2027-01-29")),
        danish_level: Some(DanishLevel::A2),
        driving_licence: false,
        area: Some("Helsingør".into()),
        places: 1,
        closed: false,
    }
}

fn wishes(code: &str) -> Profile {
    Profile {
        wished: vec![Isco::parse(code).unwrap()],
        danish_level: Some(DanishLevel::B1),
        hours_available: Some(30),
        area: Some("Helsingør".into()),
        ..Profile::default()
    }
}

async fn db() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    jobbro_store::import_timeline(&db, std::io::Cursor::new(TIMELINE), &ctx())
        .await
        .unwrap();
    for (e, code) in [("e1", "5120"), ("e2", "9412"), ("e3", "5120")] {
        let saved = save_profile(&db, e, &wishes(code), Expected::Nothing, &ctx())
            .await
            .unwrap();
        assert!(matches!(saved, jobbro_store::profiles::Saved::Saved { .. }));
    }
    db.add_opening(&cook_internship(), &ctx()).await.unwrap();
    (t, db)
}

fn proposal(id: &str, enrolment: &str, score_tenths: u32) -> Proposal {
    Proposal {
        id: id.into(),
        opening: "o1".into(),
        enrolment: enrolment.into(),
        proposed_on: day("2026-11-26"),
        score_tenths,
        declined_on: None,
    }
}

fn audit(action: &str, enrolment: &str) -> Vec<jobbro_store::audit::AuditEntry> {
    vec![ctx().audit(action, "enrolment", enrolment, Some("p"))]
}

#[tokio::test]
async fn candidates_are_ranked_active_enrolments_with_a_profile_not_in_a_job() {
    let (_t, db) = db().await;
    let opening = db.opening("o1", "default").await.unwrap().unwrap();
    let m = match_opening(&db, &opening, &["p".into()], |_, _| true, &ctx())
        .await
        .unwrap();
    let ranked: Vec<&str> = m
        .candidates
        .iter()
        .map(|r| r.item.enrolment.as_str())
        .collect();
    assert_eq!(
        ranked,
        ["e1", "e2"],
        "e3 is in a job, e4 has no profile, e5 waits"
    );
    assert_eq!(m.without_profile, 1);
    assert!(m.candidates[0].score.tenths > m.candidates[1].score.tenths);
    assert_eq!(
        m.candidates[0].item.name.given_name.as_deref(),
        Some("Amina")
    );
    assert_eq!(m.state, OpeningState::Open);

    let only_e2 = match_opening(
        &db,
        &opening,
        &["p".into()],
        |_, cw| cw == Some("cw2"),
        &ctx(),
    )
    .await
    .unwrap();
    assert_eq!(only_e2.candidates.len(), 1, "the policy filter is applied");
    assert_eq!(only_e2.candidates[0].item.enrolment, "e2");
}

#[tokio::test]
async fn a_started_proposal_fills_the_place_and_counts_as_an_internship_at_the_company() {
    let (_t, db) = db().await;
    let opening = db.opening("o1", "default").await.unwrap().unwrap();
    let stored = db
        .propose(
            &proposal("pr1", "e1", 900),
            "default",
            "anna",
            &audit("create", "e1"),
        )
        .await
        .unwrap();
    assert_eq!(stored.programme, "p");
    let again = db
        .propose(
            &proposal("pr2", "e1", 900),
            "default",
            "anna",
            &audit("create", "e1"),
        )
        .await;
    assert!(matches!(again, Err(ProposalError::AlreadyProposed)));

    let m = match_opening(&db, &opening, &["p".into()], |_, _| true, &ctx())
        .await
        .unwrap();
    assert_eq!(
        m.candidates.len(),
        1,
        "a proposed candidate leaves the list"
    );
    assert_eq!(m.proposals.len(), 1);
    assert_eq!(m.proposals[0].outcome, Outcome::Waiting);

    let start = day("2026-12-01");
    let written = start_proposal(&db, &opening, "pr1", start, &ctx(), audit("create", "e1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(written.added_total(), 1);
    let twice = start_proposal(&db, &opening, "pr1", start, &ctx(), audit("create", "e1"))
        .await
        .unwrap();
    assert_eq!(twice.unwrap_err(), StartRefusal::AlreadyStarted);

    let later = Context::new(
        "anna",
        "default",
        Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap(),
    );
    let m = match_opening(&db, &opening, &["p".into()], |_, _| true, &later)
        .await
        .unwrap();
    assert_eq!(m.proposals[0].outcome, Outcome::Ongoing);
    assert_eq!(m.proposals[0].activity.as_deref(), Some("pr1-2026-12-01"));
    assert_eq!(m.state, OpeningState::Filled);
    assert_eq!(m.started(), 1);

    // The other candidate cannot start in the filled place.
    db.propose(
        &proposal("pr3", "e2", 500),
        "default",
        "anna",
        &audit("create", "e2"),
    )
    .await
    .unwrap();
    let full = start_proposal(&db, &opening, "pr3", start, &later, audit("create", "e2"))
        .await
        .unwrap();
    assert_eq!(full.unwrap_err(), StartRefusal::NotOpen);

    // The matching report counts both proposals, the start, and none converted yet.
    let r = matching_report(&db, "default", "p", day("2026-12-02"))
        .await
        .unwrap();
    assert_eq!(
        (r.total.proposed, r.total.waiting, r.total.started),
        (2, 1, 1)
    );
    assert_eq!(r.total.ongoing, 1);
    assert_eq!(r.by_score[2].2.started, 1, "the start had a score of 90");

    // The status report counts the internship, as it counts any activity.
    let report = status_report(&db, "p", day("2026-12-02"), None)
        .await
        .unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["situation"]["internship"], 1, "{json}");
}

#[tokio::test]
async fn a_participant_is_offered_open_openings_and_keeps_seeing_the_one_they_took() {
    let (_t, db) = db().await;
    let opening = db.opening("o1", "default").await.unwrap().unwrap();
    let offered = match_enrolment(&db, "e2", "p", &wishes("9412"), &ctx())
        .await
        .unwrap();
    assert_eq!(offered.situation, Some(Situation::Coaching));
    let offered = offered.openings;
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].item.stored.opening.id, "o1");
    assert!(offered[0].score.factors.iter().any(|f| f.fit < 100));

    let in_job = match_enrolment(&db, "e3", "p", &wishes("9412"), &ctx())
        .await
        .unwrap();
    assert_eq!(in_job.situation, Some(Situation::JobFullTime));
    assert!(
        in_job.openings.is_empty(),
        "nobody in a job is offered openings"
    );

    db.propose(
        &proposal("pr1", "e1", 900),
        "default",
        "anna",
        &audit("create", "e1"),
    )
    .await
    .unwrap();
    start_proposal(
        &db,
        &opening,
        "pr1",
        day("2026-11-26"),
        &ctx(),
        audit("create", "e1"),
    )
    .await
    .unwrap()
    .unwrap();
    let filled = match_enrolment(&db, "e2", "p", &wishes("9412"), &ctx())
        .await
        .unwrap();
    assert!(
        filled.openings.is_empty(),
        "a filled opening is not offered"
    );
    let mine = match_enrolment(&db, "e1", "p", &wishes("5120"), &ctx())
        .await
        .unwrap();
    let mine = mine.openings;
    assert_eq!(mine.len(), 1, "the one who took it still sees it");
    assert_eq!(
        mine[0].item.proposal.as_ref().map(|p| p.outcome),
        Some(Outcome::Ongoing)
    );
}

#[tokio::test]
async fn a_declined_proposal_cannot_start_and_a_stale_decline_writes_nothing() {
    let (_t, db) = db().await;
    let opening = db.opening("o1", "default").await.unwrap().unwrap();
    let stored = db
        .propose(
            &proposal("pr1", "e1", 900),
            "default",
            "anna",
            &audit("create", "e1"),
        )
        .await
        .unwrap();
    let declined = Proposal {
        declined_on: Some(day("2026-11-26")),
        ..stored.proposal.clone()
    };
    let saved = db
        .update(&declined, "default", stored.version, &audit("update", "e1"))
        .await
        .unwrap();
    assert_eq!(saved.version, stored.version + 1);
    let stale = db
        .update(
            &stored.proposal,
            "default",
            stored.version,
            &audit("update", "e1"),
        )
        .await;
    assert!(matches!(stale, Err(ProposalError::Stale)), "{stale:?}");
    let read = db.proposal("pr1", "default").await.unwrap().unwrap();
    assert_eq!(
        read.proposal.declined_on,
        Some(day("2026-11-26")),
        "nothing overwritten"
    );
    assert!(db.proposal("pr1", "elsewhere").await.unwrap().is_none());

    let refused = start_proposal(
        &db,
        &opening,
        "pr1",
        day("2026-12-01"),
        &ctx(),
        audit("create", "e1"),
    )
    .await
    .unwrap();
    assert_eq!(refused.unwrap_err(), StartRefusal::Declined);
}
