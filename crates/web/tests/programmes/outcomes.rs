//! The cohort and IPS pages and their API: the figures shown are the store's reports, analysts
//! get the cohorts small-cell suppressed and no IPS measures, caseworkers get neither, and each
//! IPS read is audited.

use crate::world::*;

/// The part of `page` from the first row of `quarter` to the end of that row.
fn row<'a>(page: &'a str, quarter: &str) -> &'a str {
    let marker = format!("data-quarter=\"{quarter}\"");
    let rest = page
        .split(&marker)
        .nth(1)
        .unwrap_or_else(|| panic!("no row {quarter}"));
    rest.split("</tr>").next().unwrap()
}

/// The text of the cell `data-<attribute>="<code>"` in `html`.
fn cell<'a>(html: &'a str, attribute: &str, code: &str) -> &'a str {
    let marker = format!("data-{attribute}=\"{code}\"");
    let rest = html
        .split(&marker)
        .nth(1)
        .unwrap_or_else(|| panic!("no {marker}"));
    rest.split('>')
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .trim()
}

#[tokio::test]
async fn the_cohort_page_and_api_show_the_report_suppressed_for_an_analyst_and_not_to_a_caseworker()
{
    let (_t, db, app) = setup().await;
    let uri = "/api/v1/programmes/kib/cohorts?as_of=2024-06-16";
    for (user, role, suppress) in [("lea", Role::Lead, None), ("ana", Role::Analyst, Some(5))] {
        let want = jobbro_store::cohort_report(&db, "kib", d("2024-06-16"), suppress)
            .await
            .unwrap();
        let token = kib::token_in(&db, "default", role).await;
        let (status, body) = kib::call(&app, "GET", uri, &token, None).await;
        assert_eq!(status, StatusCode::OK, "{user}: {body}");
        assert_eq!(body, serde_json::to_value(&want).unwrap(), "{user}");

        let (cookie, _) = log_in(&app, user).await;
        let programme = get("/programmes/kib?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert!(
            programme
                .body
                .contains("/programmes/kib/cohorts?as_of=2024-06-16"),
            "{user}"
        );
        let page = get("/programmes/kib/cohorts?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert_eq!(page.status, StatusCode::OK, "{user}");
        assert!(!page.body.contains('⟦'));
        for c in want.cohorts.iter().chain([&want.total]) {
            let html = row(&page.body, &c.quarter);
            for (stage, n) in jobbro_domain::series::FunnelStage::ALL
                .iter()
                .zip(&c.counts.0)
            {
                let text = cell(html, "stage", stage.as_str());
                match n {
                    Some(n) => assert_eq!(text, n.to_string(), "{user} {} {stage:?}", c.quarter),
                    None => assert_eq!(text, "under 5", "{user} {} {stage:?}", c.quarter),
                }
            }
            let medians = row(
                page.body.split("cohort-medians").nth(1).unwrap(),
                &c.quarter,
            );
            for (i, m) in c.median_days.0.iter().enumerate() {
                let step = jobbro_domain::cohorts::step_name(i);
                let want = m.map_or_else(|| "–".to_owned(), |m| m.to_string());
                assert_eq!(
                    cell(medians, "step", &step),
                    want,
                    "{user} {} {step}",
                    c.quarter
                );
            }
        }
        if suppress.is_some() {
            let hidden = want
                .cohorts
                .iter()
                .flat_map(|c| c.counts.0)
                .filter(Option::is_none);
            assert!(hidden.count() > 0, "the fixture's small counts are hidden");
        }
    }

    let token = kib::token_in(&db, "default", Role::Caseworker).await;
    let (status, _) = kib::call(&app, "GET", uri, &token, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (cookie, _) = log_in(&app, "cas").await;
    let page = get("/programmes/kib/cohorts")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_ips_page_and_api_show_the_report_to_a_lead_only_and_every_read_is_audited() {
    let (_t, db, app) = setup().await;
    let uri = "/api/v1/programmes/kib/ips?as_of=2024-06-16";
    let want = jobbro_store::ips_report(&db, "kib", d("2024-06-16"))
        .await
        .unwrap();
    let lead = kib::token_in(&db, "default", Role::Lead).await;
    let (status, body) = kib::call(&app, "GET", uri, &lead, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, serde_json::to_value(&want).unwrap());

    let (cookie, _) = log_in(&app, "lea").await;
    let programme = get("/programmes/kib?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(
        programme
            .body
            .contains("/programmes/kib/ips?as_of=2024-06-16")
    );
    let page = get("/programmes/kib/ips?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains('⟦'));
    assert!(!want.caseload.caseworkers.is_empty());
    for l in &want.caseload.caseworkers {
        let marker = format!(
            "data-caseworker=\"{}\" data-active=\"{}\"",
            l.caseworker.as_deref().unwrap_or(""),
            l.active
        );
        assert!(page.body.contains(&marker), "{marker}");
    }
    assert!(page.body.contains("Anna Andersen"), "caseworkers by name");
    let t = &want.time_to_company;
    let f = &want.first_month_contact;
    for (key, value) in [
        ("reached", t.reached.to_string()),
        ("within_target", t.within_target.to_string()),
        (
            "median_days",
            t.median_days.map(|m| m.to_string()).unwrap_or_default(),
        ),
        ("jobs", f.jobs.to_string()),
        ("weekly_contact", f.weekly_contact.to_string()),
    ] {
        let marker = format!("data-key=\"{key}\" data-value=\"{value}\"");
        assert!(page.body.contains(&marker), "{marker}");
    }
    let ips_reads = db
        .audit_rows()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.purpose.as_deref() == Some("ips") && r.action == "read")
        .count();
    assert_eq!(ips_reads, 2, "the API read and the page view");

    // Analysts and caseworkers: nothing, on the page or through the API, and no link to it.
    for (user, role) in [("ana", Role::Analyst), ("cas", Role::Caseworker)] {
        let token = kib::token_in(&db, "default", role).await;
        let (status, _) = kib::call(&app, "GET", uri, &token, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user}");
        let (cookie, _) = log_in(&app, user).await;
        let page = get("/programmes/kib/ips").cookie(&cookie).send(&app).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        let programme = get("/programmes/kib").cookie(&cookie).send(&app).await;
        assert!(!programme.body.contains("/programmes/kib/ips"), "{user}");
    }
}
