//! The status report as a PDF from the programme page: the page's figures in the user's
//! language, suppressed for an analyst as the page is, and nothing for a role without figures.

use jobbro_formats::testing::{pdf_text, words_after as after};
use jobbro_web::i18n::{Arg, Lang, Tr};

use crate::http::encode;
use crate::world::*;

#[tokio::test]
async fn the_status_pdf_shows_the_pages_figures_in_the_users_language() {
    let (_t, db, app) = setup().await;
    for (user, lang, suppress) in [("lea", Lang::Sv, None), ("ana", Lang::Da, Some(5))] {
        let (cookie, csrf) = log_in(&app, user).await;
        if lang != Lang::Da {
            let body = encode(&[("csrf", &csrf), ("language", lang.code()), ("back", "/")]);
            let answer = post("/language", &body).cookie(&cookie).send(&app).await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        }
        let page = get("/programmes/kib?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert!(
            page.body
                .contains("/programmes/kib/status.pdf?as_of=2024-06-16")
        );
        let file = get("/programmes/kib/status.pdf?as_of=2024-06-16")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert_eq!(file.status, StatusCode::OK, "{user}");
        assert_eq!(file.headers["content-type"], "application/pdf");
        let disposition = file.headers["content-disposition"].to_str().unwrap();
        assert!(
            disposition.contains("status-kib-2024-06-16.pdf"),
            "{disposition}"
        );

        // The report of the day as the role may see it, in the user's language, byte for byte.
        let report = jobbro_store::status_report(&db, "kib", d("2024-06-16"), suppress)
            .await
            .unwrap();
        let tr = Tr::new(lang);
        let about = jobbro_formats::About {
            name: "Kvinder i beskæftigelse",
            suppress,
        };
        assert_eq!(
            file.bytes,
            jobbro_formats::status_pdf(&report, &about, &tr).unwrap()
        );

        // And a reader sees the page's figures by the page's words.
        let text = pdf_text(&file.bytes);
        assert!(text.contains("Kvinder i beskæftigelse"), "{text}");
        assert!(text.contains(&tr.date(d("2024-06-16"))), "{text}");
        assert!(!text.contains('⟦'), "every word is translated:\n{text}");
        for code in ["referred", "accepted", "active", "ended"] {
            let label = tr.t(&format!("prog-total-{code}"));
            let shown_in_pdf = after(&text, &tr.t("pdf-key-figures"), &label);
            let on_page = shown(&page.body, "figure", code);
            assert_eq!(shown_in_pdf[0], on_page.to_string(), "{user} {code}");
        }
        let situation = tr.code("situation", "job_full_time");
        let row = after(&text, &tr.t("prog-situation-heading"), &situation);
        assert_eq!(
            row[1],
            report.best_outcome.get(Situation::JobFullTime).to_string()
        );
        let note = tr.t_with("pdf-suppressed-note", &[("n", Arg::from(5usize))]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            flat.contains(&note),
            suppress.is_some(),
            "{user}: the note on hidden counts only when counts are hidden:\n{text}"
        );
        let hidden = report.rows().iter().filter(|r| r[3].is_empty()).count();
        assert_eq!(
            hidden > 0,
            suppress.is_some(),
            "the analyst's report hides cells"
        );
    }
    // No figures, no PDF: a caseworker and an admin are refused.
    for user in ["cas", "adm"] {
        let (cookie, _) = log_in(&app, user).await;
        let file = get("/programmes/kib/status.pdf")
            .cookie(&cookie)
            .send(&app)
            .await;
        assert_eq!(file.status, StatusCode::FORBIDDEN, "{user}");
    }
}

/// Page 1 of the KIB fixture's report in Danish as a PNG: always made and checked, written to
/// `docs/screenshots/status-report-pdf.png` with `JOBBRO_UPDATE_SCREENSHOTS=1`.
#[test]
fn the_first_page_of_the_kib_report_as_a_picture() {
    use jobbro_domain::records::Record;
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let timeline = std::fs::read_to_string(root.join("../shared/fixtures/kib.jsonl")).unwrap();
    let records = timeline
        .lines()
        .map(|line| Record::from_json(&serde_json::from_str(line).unwrap()).unwrap());
    let report =
        jobbro_domain::report::status_report_of(records, "kib", d("2024-06-16"), None).unwrap();
    let about = jobbro_formats::About {
        name: "Kvinder i beskæftigelse",
        suppress: None,
    };
    let pdf = jobbro_formats::status_pdf(&report, &about, &Tr::new(Lang::Da)).unwrap();
    let png = jobbro_formats::testing::pdf_page_png(&pdf, 1, 70);
    assert!(
        png.len() > 10_000 && png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} bytes",
        png.len()
    );
    if std::env::var("JOBBRO_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        let dir = root.join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("status-report-pdf.png"), png).unwrap();
    }
}

/// Every message the PDF asks for is there in every language (the web test above only reads the
/// messages a KIB report needs).
#[test]
fn every_word_of_the_pdf_is_translated_in_every_language() {
    assert!(jobbro_formats::KEYS.len() > 30);
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for key in jobbro_formats::KEYS {
            let text = tr.t_with(key, &[("n", Arg::from(5usize))]);
            assert!(
                !text.contains('⟦') && !text.is_empty(),
                "{} {key}",
                lang.code()
            );
        }
        assert!(!tr.t("pdf-download").contains('⟦'));
    }
}
