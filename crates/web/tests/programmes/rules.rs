//! Rules and goals: the lead edits them and the worklist follows; bad values are named in the
//! user's language; every page is whole in every language.

use crate::world::*;

#[tokio::test]
async fn a_lead_changes_a_rule_and_the_worklist_follows_it() {
    let (_t, db, app) = setup().await;
    let (cookie, csrf) = log_in(&app, "lea").await;
    let today = now().date_naive();
    let overdue = |items: &[jobbro_domain::worklist::Item]| {
        items
            .iter()
            .filter(|i| i.kind == ItemKind::ContactOverdue)
            .count()
    };
    let before = jobbro_store::worklist(&db, today, Some("kib"), None)
        .await
        .unwrap();
    assert!(
        overdue(&before) > 0,
        "nobody has had a contact: all are overdue"
    );

    let page = get("/programmes/kib").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"rule_contact_every_days\""));
    assert!(page.body.contains("Standard: 7"), "the default is shown");

    let saved = send_form(
        &app,
        &cookie,
        "/programmes/kib/rules",
        &[
            ("csrf", &csrf),
            ("rule_contact_every_days", "400"),
            ("rule_follow_up_months", "6, 12"),
            ("goal_indicator_0", "participants"),
            ("goal_target_0", "12"),
            ("goal_indicator_1", "job_or_education"),
            ("goal_target_1", "5"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some("/programmes/kib?done=rules"));

    let after = jobbro_store::worklist(&db, today, Some("kib"), None)
        .await
        .unwrap();
    assert_eq!(
        overdue(&after),
        0,
        "a contact every 400 days is not overdue yet"
    );
    let p = jobbro_store::programme(&db, "kib").await.unwrap().unwrap();
    assert_eq!(p.rules.contact_every_days, Some(400));
    assert_eq!(p.rules.follow_up_months, Some(vec![6, 12]));
    assert_eq!(p.goals.len(), 2);
    assert_eq!(
        p.name, "Kvinder i beskæftigelse",
        "the rest of the record is kept"
    );
    let audit = db.audit_rows().await.unwrap();
    assert!(audit.iter().any(|r| r.action == "update"
        && r.subject_type == "programme"
        && r.subject == "kib"
        && r.purpose.as_deref() == Some("rules and goals")));

    let page = get("/programmes/kib?done=rules")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("Reglerne og målene er gemt."));
    assert!(page.body.contains("value=\"400\""));
    assert_eq!(
        shown(&page.body, "goal", "job_or_education"),
        1,
        "e1 is in a full-time job"
    );

    // The edited programme survives an export and an import into an empty database.
    let ctx = Context::new("test", "default", now());
    let mut exported = Vec::new();
    jobbro_store::export_timeline(&db, &mut exported, &ctx)
        .await
        .unwrap();
    let t2 = testing::fresh().await;
    let db2 = t2.connect().await;
    jobbro_store::import_timeline(&db2, Cursor::new(exported.clone()), &ctx)
        .await
        .unwrap();
    let mut again = Vec::new();
    jobbro_store::export_timeline(&db2, &mut again, &ctx)
        .await
        .unwrap();
    assert_eq!(exported, again);
    assert!(
        String::from_utf8(exported)
            .unwrap()
            .contains("\"contact_every_days\":400")
    );
}

#[tokio::test]
async fn bad_rule_values_are_refused_by_name_in_the_users_language_and_nothing_is_saved() {
    let (_t, db, app) = setup().await;
    let (cookie, csrf) = log_in(&app, "lea").await;
    let before = jobbro_store::programme(&db, "kib").await.unwrap();
    let answer = send_form(
        &app,
        &cookie,
        "/programmes/kib/rules",
        &[
            ("csrf", &csrf),
            ("rule_contact_every_days", "0"),
            ("rule_full_time_hours", "many"),
            ("rule_max_caseload", "20"),
            ("goal_indicator_0", "participants"),
            ("goal_target_0", "-3"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &answer.body;
    assert!(
        body.contains("Kontakt mindst hver (dage): Skriv et helt tal fra 1 til 3650."),
        "{body}"
    );
    assert!(body.contains("Fuldtidsjob fra (timer om ugen): Skriv et antal timer over 0"));
    assert!(body.contains("Mål 1: Vælg en indikator og skriv et måltal"));
    assert!(body.contains("value=\"20\""), "what was typed is kept");
    assert!(!body.contains("⟦"));
    assert_eq!(jobbro_store::programme(&db, "kib").await.unwrap(), before);

    // A rule only the domain can refuse (in range for a number, not for a rule), and a goal
    // repeated: named by the domain, placed by their fields.
    let answer = send_form(
        &app,
        &cookie,
        "/programmes/kib/rules",
        &[
            ("csrf", &csrf),
            ("rule_no_show_limit", "4000"),
            ("goal_indicator_0", "job"),
            ("goal_target_0", "3"),
            ("goal_indicator_1", "job"),
            ("goal_target_1", "4"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .body
            .contains("Udeblivelser i træk før markering: Skriv et helt tal")
    );
    assert!(answer.body.contains("Mål 2: Vælg en indikator"));
    assert_eq!(jobbro_store::programme(&db, "kib").await.unwrap(), before);

    // The API names the field the domain refused.
    let secret = kib::token_in(&db, "default", Role::Lead).await;
    let (status, answer) = kib::call(
        &app,
        "PUT",
        "/api/v1/programmes/kib/rules",
        &secret,
        Some(&json!({"rules": {"max_caseload": 0}, "goals": []})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["errors"][0]["field"], "rules.max_caseload");
    assert_eq!(jobbro_store::programme(&db, "kib").await.unwrap(), before);
}

#[tokio::test]
async fn the_pages_are_whole_in_every_language() {
    let (_t, db, app) = setup().await;
    let (cookie, csrf) = log_in(&app, "lea").await;
    for lang in ["da", "sv", "en"] {
        let pairs = [("csrf", csrf.as_str()), ("language", lang), ("back", "/")];
        let answer = send_form(&app, &cookie, "/language", &pairs).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        for uri in [
            "/programmes",
            "/programmes/kib",
            "/programmes/kib?as_of=2024-02-29",
        ] {
            let page = get(uri).cookie(&cookie).send(&app).await;
            assert_eq!(page.status, StatusCode::OK, "{uri} in {lang}");
            assert!(
                !page.body.contains('⟦'),
                "{uri} in {lang} misses a message: {}",
                page.body
            );
        }
        let bad = [
            ("csrf", csrf.as_str()),
            ("rule_max_caseload", "x"),
            ("from", ""),
        ];
        let answer = send_form(&app, &cookie, "/programmes/kib/rules", &bad).await;
        assert!(!answer.body.contains('⟦'));
        let answer = send_form(&app, &cookie, "/programmes/kib/reassign", &bad).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!answer.body.contains('⟦'));
    }
    assert!(
        db.audit_rows()
            .await
            .unwrap()
            .iter()
            .any(|r| r.purpose.as_deref() == Some("caseload"))
    );
}
