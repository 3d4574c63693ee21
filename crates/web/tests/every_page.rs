//! Every page in every language, as every role sees it: over the demo data, the lead, the
//! caseworker and the analyst each pick Danish, Swedish and English and open every main page (a
//! participant's, a programme's and a company's included); not one shows an untranslated message
//! (`⟦key⟧`), each says its language in `<html lang>`, and the pages a role may not open refuse
//! in that language too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;

use axum::Router;
use axum::http::StatusCode;
use chrono::{DateTime, TimeZone, Utc};
use jobbro_demo::seed::seed_demo;
use jobbro_domain::access::Role;
use jobbro_store::testing;

use http::{HOME, csrf_of, encode, get, login, post};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
}

/// The first link on `page` that starts with `prefix` and goes deeper than it.
fn first_link(page: &str, prefix: &str) -> Option<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|href| {
            href.starts_with(prefix)
                && href.len() > prefix.len()
                && !href.contains('?')
                && !matches!(*href, "/companies/new" | "/companies/bottlenecks")
        })
        .map(|href| href.split('#').next().unwrap().to_owned())
}

async fn set_language(app: &Router, cookie: &str, lang: &str) {
    let csrf = csrf_of(app, cookie).await;
    let body = encode(&[("csrf", &csrf), ("language", lang), ("back", "/")]);
    let answer = post("/language", &body).cookie(cookie).send(app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
}

#[tokio::test]
async fn no_page_shows_an_untranslated_message_in_any_language_for_any_role() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let demo = seed_demo(&db, now().date_naive(), now())
        .await
        .unwrap()
        .unwrap();
    let app = jobbro_web::app_with_clock(db, now);
    let mut seen = 0;
    for role in [Role::Lead, Role::Caseworker, Role::Analyst] {
        let user = demo.user(role).unwrap();
        let answer = login(&app, &user.id, &user.password, HOME).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let cookie = answer.session_cookie().unwrap();
        // The pages behind the lists: the first participant, programme and company linked.
        let mut paths: Vec<String> = [
            "/",
            "/participants",
            "/programmes",
            "/companies",
            "/openings",
            "/network",
        ]
        .map(str::to_owned)
        .to_vec();
        paths.push("/referrals/new".to_owned());
        for register in [
            "/companies/new",
            "/companies/bottlenecks",
            "/companies?bottleneck=1",
        ] {
            paths.push(register.to_owned());
        }
        for (list, prefix) in [
            ("/participants", "/participants/"),
            ("/programmes", "/programmes/"),
            ("/companies", "/companies/"),
            ("/openings", "/openings/"),
            ("/network", "/network/"),
        ] {
            let page = get(list).cookie(&cookie).send(&app).await;
            if let Some(link) = first_link(&page.body, prefix) {
                if prefix == "/companies/" {
                    paths.push(format!("{link}/openings/new"));
                }
                if prefix == "/programmes/" {
                    for sub in ["esf", "companies", "cohorts", "matching", "ips"] {
                        paths.push(format!("{link}/{sub}"));
                    }
                }
                if prefix == "/participants/" {
                    // The profile form for matching, where the role may edit it.
                    let person = get(&link).cookie(&cookie).send(&app).await;
                    let enrolment_links: Vec<&str> = person
                        .body
                        .split("href=\"")
                        .filter_map(|rest| rest.split('"').next())
                        .filter(|href| href.starts_with("/enrolments/"))
                        .collect();
                    // …and the participant's openings, ranked for that profile.
                    for end in ["/profile", "/openings"] {
                        if let Some(href) = enrolment_links.iter().find(|h| h.ends_with(end)) {
                            paths.push((*href).to_owned());
                        }
                    }
                }
                paths.push(link);
            } else if match role {
                Role::Lead => true,
                Role::Caseworker => list != "/programmes",
                _ => list == "/programmes",
            } {
                panic!("{role:?}: no link to {prefix}… on {list}");
            }
        }
        for lang in ["da", "sv", "en"] {
            set_language(&app, &cookie, lang).await;
            for path in &paths {
                let page = get(path).cookie(&cookie).send(&app).await;
                let allowed = [StatusCode::OK, StatusCode::FORBIDDEN, StatusCode::SEE_OTHER];
                assert!(
                    allowed.contains(&page.status),
                    "{role:?} {lang} {path}: {}",
                    page.status
                );
                if page.status == StatusCode::SEE_OTHER {
                    continue;
                }
                assert!(
                    page.body.contains(&format!("<html lang=\"{lang}\"")),
                    "{role:?} {lang} {path}: not in {lang}"
                );
                if let Some(at) = page.body.find('⟦') {
                    let end = (at + 80).min(page.body.len());
                    panic!(
                        "{role:?} {lang} {path}: an untranslated message: {}",
                        &page.body[at..page.body.floor_char_boundary(end)]
                    );
                }
                seen += 1;
            }
        }
    }
    // Without a session: the login page in each language the browser asks for.
    for lang in ["da", "sv", "en"] {
        let page = get("/login")
            .headers(&[("accept-language", lang)])
            .send(&app)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("<html lang=\"{lang}\"")));
        assert!(!page.body.contains('⟦'), "login in {lang}");
        seen += 1;
    }
    assert!(seen >= 60, "only {seen} pages checked");
}
