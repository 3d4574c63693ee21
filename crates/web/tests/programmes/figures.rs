//! The figures: what an analyst sees (suppressed, no caseload, no names), and the series and
//! funnel against the status report on the same days.

use crate::world::*;

#[tokio::test]
async fn an_analyst_sees_suppressed_figures_and_no_caseload_and_no_names() {
    let (_t, db, app) = setup().await;
    let (cookie, _) = log_in(&app, "ana").await;
    let page = get("/programmes/kib?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let report = jobbro_store::status_report(&db, "kib", d("2024-06-16"), None)
        .await
        .unwrap();
    assert_eq!(shown(&page.body, "figure", "referred"), report.referred);
    assert_eq!(shown(&page.body, "figure", "active"), report.active);
    assert!(
        page.body.contains("under 5"),
        "small breakdown cells are hidden"
    );
    for name in ["Anna Andersen", "Bo Berg", "Fatima", "Hodan"] {
        assert!(
            !page.body.contains(name),
            "an analyst sees no names ({name})"
        );
    }
    assert!(!page.body.contains("data-table=\"caseload\""));
    assert!(!page.body.contains("/reassign"));
    assert!(
        !page.body.contains("rule_contact_every_days"),
        "figures only"
    );

    let list = get("/programmes").cookie(&cookie).send(&app).await;
    assert!(list.body.contains("href=\"/programmes/kib\""));

    let secret = kib::token_in(&db, "default", Role::Analyst).await;
    let (status, _) = kib::call(
        &app,
        "GET",
        "/api/v1/programmes/kib/caseload",
        &secret,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = kib::call(&app, "GET", "/api/v1/programmes/kib/series", &secret, None).await;
    assert_eq!(status, StatusCode::OK);

    // A caseworker has no programme page; an admin edits rules but sees no figures.
    let (cookie, _) = log_in(&app, "cas").await;
    let page = get("/programmes/kib").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let (cookie, _) = log_in(&app, "adm").await;
    let page = get("/programmes/kib").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("rule_contact_every_days"));
    assert!(!page.body.contains("data-figure=\"referred\""));
}

#[tokio::test]
async fn the_series_and_the_funnel_agree_with_the_status_report_on_the_same_days() {
    let (_t, db, app) = setup().await;
    let secret = kib::token_in(&db, "default", Role::Lead).await;
    let (status, series) = kib::call(
        &app,
        "GET",
        "/api/v1/programmes/kib/series?from=2024-01-01&to=2024-06-16",
        &secret,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{series}");
    // Worked out from the timeline: (month end, [(situation, count)]).
    let expected: [(&str, &[(&str, u64)]); 5] = [
        ("2024-01-31", &[("coaching", 1), ("language_school", 1)]),
        (
            "2024-02-29",
            &[("internship", 1), ("language_school", 1), ("coaching", 1)],
        ),
        (
            "2024-03-31",
            &[
                ("internship", 1),
                ("language_school", 1),
                ("coaching", 2),
                ("wage_subsidy", 1),
            ],
        ),
        (
            "2024-04-30",
            &[
                ("job_full_time", 1),
                ("language_school", 1),
                ("coaching", 2),
                ("wage_subsidy", 1),
            ],
        ),
        (
            "2024-05-31",
            &[
                ("job_full_time", 1),
                ("language_school", 1),
                ("coaching", 1),
                ("wage_subsidy", 1),
            ],
        ),
    ];
    let points = series.as_array().unwrap();
    assert_eq!(points.len(), expected.len());
    for (point, (date, counts)) in points.iter().zip(expected) {
        assert_eq!(point["as_of"], date);
        for s in Situation::ALL {
            let want = counts
                .iter()
                .find(|(c, _)| *c == s.as_str())
                .map_or(0, |(_, n)| *n);
            assert_eq!(point["situation"][s.as_str()], want, "{date} {s}");
        }
        let total: u64 = counts.iter().map(|(_, n)| n).sum();
        assert_eq!(point["active"], total, "{date}");
        let report = jobbro_store::status_report(&db, "kib", d(date), None)
            .await
            .unwrap();
        assert_eq!(
            point["situation"],
            serde_json::to_value(&report.situation).unwrap()
        );
    }

    let (status, funnel) = kib::call(
        &app,
        "GET",
        "/api/v1/programmes/kib/funnel?as_of=2024-06-16",
        &secret,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{funnel}");
    // e1…e7 referred; e4 waits and e7 was declined; e1, e2, e5 started an activity other than
    // coaching; e1 (internship) and e5 (wage subsidy) at a company; e1 is in a full-time job.
    let stages: Vec<Value> = [
        "referred",
        "accepted",
        "first_activity",
        "first_company_activity",
        "job_or_education",
    ]
    .iter()
    .map(|k| funnel[*k].clone())
    .collect();
    assert_eq!(stages, [json!(7), json!(5), json!(3), json!(2), json!(1)]);
    let report = jobbro_store::status_report(&db, "kib", d("2024-06-16"), None)
        .await
        .unwrap();
    assert_eq!(funnel["referred"], report.referred);
    assert_eq!(funnel["accepted"], report.accepted);

    // The page shows the same.
    let (cookie, _) = log_in(&app, "lea").await;
    let page = get("/programmes/kib?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(shown(&page.body, "stage", "first_company_activity"), 2);
    assert_eq!(shown(&page.body, "situation", "job_full_time"), 1);
    assert!(page.body.contains("<svg viewBox"), "the charts are drawn");
    assert!(
        !page.body.contains("style="),
        "no inline style: the CSP forbids it"
    );
}

#[tokio::test]
async fn the_esf_figures_are_the_reports_for_a_lead_and_suppressed_for_an_analyst() {
    let (_t, db, app) = setup().await;
    let lead = kib::token_in(&db, "default", Role::Lead).await;
    let uri = "/api/v1/programmes/kib/esf?as_of=2024-06-16";
    let (status, esf) = kib::call(&app, "GET", uri, &lead, None).await;
    assert_eq!(status, StatusCode::OK, "{esf}");
    let want = jobbro_store::esf_report(
        &db,
        "kib",
        d("2024-06-16"),
        jobbro_domain::codes::Country::parse("DK").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(esf, serde_json::to_value(&want).unwrap());
    assert!(esf.get("suppressed_below").is_none());
    let status_report = jobbro_store::status_report(&db, "kib", d("2024-06-16"), None)
        .await
        .unwrap();
    assert_eq!(esf["output"]["EECO01"]["total"], status_report.accepted);

    // An analyst gets them suppressed; a bad member state is named.
    let analyst = kib::token_in(&db, "default", Role::Analyst).await;
    let (status, shown) = kib::call(&app, "GET", uri, &analyst, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown, serde_json::to_value(want.publish(Some(5))).unwrap());
    assert_eq!(shown["suppressed_below"], 5);
    assert_ne!(shown, esf, "KIB has small counts to hide");
    let (status, body) =
        kib::call(&app, "GET", &format!("{uri}&member_state=NO"), &lead, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], "member_state");
}

#[tokio::test]
async fn the_status_workbook_is_the_pages_report_suppressed_as_on_the_page() {
    let (_t, db, app) = setup().await;
    for (user, suppress) in [("lea", None), ("ana", Some(5))] {
        let (cookie, _) = log_in(&app, user).await;
        let page = get("/programmes/kib?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert!(
            page.body
                .contains("/programmes/kib/status.xlsx?as_of=2024-06-16")
        );
        let file = get("/programmes/kib/status.xlsx?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert_eq!(file.status, StatusCode::OK, "{user}");
        assert!(
            file.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("status-kib-2024-06-16.xlsx")
        );
        let report = jobbro_store::status_report(&db, "kib", d("2024-06-16"), suppress)
            .await
            .unwrap();
        assert_eq!(
            file.bytes,
            jobbro_formats::status_xlsx(&report).unwrap(),
            "{user}"
        );
    }
    // No figures, no workbook.
    let (cookie, _) = log_in(&app, "adm").await;
    let file = get("/programmes/kib/status.xlsx")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(file.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_esf_page_shows_the_esf_report_to_a_lead_and_suppressed_to_an_analyst() {
    let (_t, db, app) = setup().await;
    let (cookie, _) = log_in(&app, "lea").await;
    let page = get("/programmes/kib?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("/programmes/kib/esf?as_of=2024-06-16"));
    let esf = get("/programmes/kib/esf?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(esf.status, StatusCode::OK);
    let report = jobbro_store::esf_report(
        &db,
        "kib",
        d("2024-06-16"),
        jobbro_domain::codes::Country::parse("DK").unwrap(),
    )
    .await
    .unwrap();
    // Every row, in order, with every count.
    let want: Vec<String> = report
        .rows()
        .iter()
        .flat_map(|(_, _, g)| g.cells().map(|n| n.to_string()))
        .collect();
    assert_eq!(cell_texts(&esf.body), want);
    assert!(esf.body.contains("data-code=\"EECO01\""));
    assert!(!esf.body.contains('⟦'));

    // The analyst's page shows the counts the API gives an analyst, and says why some are not.
    let (cookie, _) = log_in(&app, "ana").await;
    let page = get("/programmes/kib?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("/programmes/kib/esf?as_of=2024-06-16"));
    let esf = get("/programmes/kib/esf?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(esf.status, StatusCode::OK);
    let published = report.publish(Some(5));
    let cells = cell_texts(&esf.body);
    let mut hidden = 0;
    for (cell, count) in cells
        .iter()
        .zip(published.rows().iter().flat_map(|(_, _, g)| g.cells()))
    {
        match count {
            Some(n) => assert_eq!(cell, &n.to_string()),
            None => {
                hidden += 1;
                assert!(
                    !cell.chars().any(|c| c.is_ascii_digit() && c != '5'),
                    "{cell}"
                );
            }
        }
    }
    assert!(hidden > 0);
    assert_eq!(cells.len(), report.rows().len() * 5);
}

#[tokio::test]
async fn the_company_report_is_the_same_in_the_api_and_on_the_page_and_suppressed_for_analysts() {
    let (_t, db, app) = setup().await;
    let report = jobbro_store::companies::company_report(&db, "kib", d("2024-06-16"))
        .await
        .unwrap();
    assert!(report.companies.len() > 1);
    // A sector given as a DB07 code counts under its section, named in the reader's language.
    let sectors: Vec<Option<&str>> = report.sectors.iter().map(|s| s.sector.as_deref()).collect();
    assert!(
        sectors.contains(&Some("Q")) && sectors.contains(&Some("food")),
        "{sectors:?}"
    );
    let uri = "/api/v1/programmes/kib/companies?as_of=2024-06-16";
    for (role, user, suppress) in [(Role::Lead, "lea", None), (Role::Analyst, "ana", Some(5))] {
        let token = kib::token_in(&db, "default", role).await;
        let (status, body) = kib::call(&app, "GET", uri, &token, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let published = report.publish(suppress);
        assert_eq!(body, serde_json::to_value(&published).unwrap(), "{role:?}");

        let (cookie, _) = log_in(&app, user).await;
        let page = get("/programmes/kib?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert!(
            page.body
                .contains("/programmes/kib/companies?as_of=2024-06-16")
        );
        let page = get("/programmes/kib/companies?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains('⟦'));
        // Every count of every line, in order: the companies (not for analysts), the sectors,
        // the total.
        let shown = |n: Option<u64>| n.map_or_else(|| "?".to_owned(), |n| n.to_string());
        let want: Vec<String> = published
            .lines()
            .iter()
            .flat_map(|(_, _, _, c)| c.cells().map(shown))
            .collect();
        let cells: Vec<String> = cell_texts(&page.body)
            .into_iter()
            .map(|c| {
                if c.chars().all(|ch| ch.is_ascii_digit()) {
                    c
                } else {
                    "?".to_owned()
                }
            })
            .collect();
        // The last cell of each line is its conversion rate.
        let per_line = want.len() / published.lines().len();
        let counts: Vec<String> = cells
            .chunks(per_line + 1)
            .flat_map(|line| line[..per_line].to_vec())
            .collect();
        assert_eq!(counts, want, "{role:?}");
        assert!(
            page.body
                .contains("Sundhedsvæsen og sociale foranstaltninger")
        );
        let company_link = format!("/companies/{}", report.companies[0].company);
        assert_eq!(
            page.body.contains(&company_link),
            suppress.is_none(),
            "{role:?}"
        );
    }
    let caseworker = kib::token_in(&db, "default", Role::Caseworker).await;
    let (status, _) = kib::call(&app, "GET", uri, &caseworker, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The texts of a page's numeric cells, in order.
fn cell_texts(body: &str) -> Vec<String> {
    body.split("<td class=\"num\"")
        .skip(1)
        .map(|rest| {
            let text = rest.split_once('>').unwrap().1;
            text.split("</td>").next().unwrap().trim().to_owned()
        })
        .collect()
}

#[tokio::test]
async fn each_table_page_downloads_its_table_as_a_workbook_suppressed_as_on_the_page() {
    let (_t, db, app) = setup().await;
    let day = d("2024-06-16");
    let dk = jobbro_domain::codes::Country::parse("DK").unwrap();
    let (from, to) = jobbro_domain::series::last_twelve_months(day);
    let series = jobbro_store::programme_admin::situation_series(&db, "kib", from, to)
        .await
        .unwrap();
    let esf = jobbro_store::esf_report(&db, "kib", day, dk).await.unwrap();
    let companies = jobbro_store::companies::company_report(&db, "kib", day)
        .await
        .unwrap();
    for (user, suppress) in [("lea", None), ("ana", Some(5))] {
        let (cookie, _) = log_in(&app, user).await;
        let cohorts = jobbro_store::cohort_report(&db, "kib", day, suppress)
            .await
            .unwrap();
        for (page, file, table) in [
            ("", "series", jobbro_domain::table::series_table(&series)),
            ("/esf", "esf", esf.publish(suppress).table()),
            (
                "/companies",
                "companies",
                companies.publish(suppress).table(),
            ),
            ("/cohorts", "cohorts", cohorts.table()),
        ] {
            let shown = get(&format!("/programmes/kib{page}?as_of=2024-06-16"))
                .cookie(&cookie)
                .send(&app)
                .await;
            let link = format!("/programmes/kib/{file}.xlsx?as_of=2024-06-16");
            assert!(shown.body.contains(&link), "{user}: {page} links {link}");
            let answer = get(&link).cookie(&cookie).send(&app).await;
            assert_eq!(answer.status, StatusCode::OK, "{user} {file}");
            let disposition = answer.headers["content-disposition"].to_str().unwrap();
            assert!(disposition.contains(&format!("{file}-kib-2024-06-16.xlsx")));
            let mut about = vec![
                ("programme", "kib".to_owned()),
                ("as_of", "2024-06-16".to_owned()),
            ];
            match file {
                "series" => about.push(("from", from.to_string())),
                "esf" => about.push(("member_state", "DK".to_owned())),
                _ => {}
            }
            let want = jobbro_formats::tables_xlsx(day, &about, &[table]).unwrap();
            assert_eq!(answer.bytes, want, "{user} {file}");
        }
    }
    let (cookie, _) = log_in(&app, "cas").await;
    let answer = get("/programmes/kib/companies.xlsx")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}
