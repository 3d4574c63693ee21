//! `jobbro report status --format pdf`: an A4 PDF in the language asked for (Danish by default),
//! with the programme's name and the figures of the JSON report next to their labels, hidden
//! counts as dashes with `--suppress`; an unknown language is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use jobbro_domain::enums::Situation;
use jobbro_formats::testing::{pdf_text, words_after as after};
use jobbro_web::i18n::{Lang, Tr};

fn status(t: &jobbro_store::testing::TestDb, extra: &[&str]) -> Run {
    let mut args = vec![
        "report",
        "status",
        "--programme",
        "kib",
        "--as-of",
        "2024-06-16",
    ];
    args.extend(extra);
    jobbro(t, &args)
}

#[tokio::test]
async fn the_status_report_is_written_as_a_pdf_in_the_language_asked_for() {
    let t = with_kib().await;
    let json = status(&t, &["--format", "json"]).assert_ok().json();
    for (lang, flag) in [
        (Lang::Da, None),
        (Lang::Sv, Some("sv")),
        (Lang::En, Some("en")),
    ] {
        let file = t.dir.path().join(format!("status-{}.pdf", lang.code()));
        let mut args = vec!["--format", "pdf", "--out", file.to_str().unwrap()];
        if let Some(flag) = flag {
            args.extend(["--lang", flag]);
        }
        let run = status(&t, &args);
        run.assert_ok();
        assert_eq!(run.stdout, "", "with --out nothing goes to stdout");
        let text = pdf_text(&std::fs::read(&file).unwrap());
        let tr = Tr::new(lang);
        assert!(
            text.contains("Kvinder i beskæftigelse"),
            "the programme's name:\n{text}"
        );
        assert!(
            text.contains(&tr.t("pdf-key-figures")),
            "{}:\n{text}",
            lang.code()
        );
        assert!(!text.contains('⟦'), "every word is translated:\n{text}");
        for key in [
            "referred", "waiting", "declined", "accepted", "active", "ended",
        ] {
            let label = tr.t(&format!("prog-total-{key}"));
            let shown = after(&text, &tr.t("pdf-key-figures"), &label);
            assert_eq!(shown[0], json[key].to_string(), "{} {key}", lang.code());
        }
        for (reason, n) in json["left_reasons"].as_object().unwrap() {
            let label = tr.code("leave_reason", reason);
            let shown = after(&text, &tr.t("prog-left-heading"), &label);
            assert_eq!(shown[0], n.to_string(), "{} {reason}", lang.code());
        }
    }
}

#[tokio::test]
async fn suppressed_counts_are_dashes_in_the_pdf() {
    let t = with_kib().await;
    let json = status(&t, &["--format", "json", "--suppress", "5"])
        .assert_ok()
        .json();
    let file = t.dir.path().join("status.pdf");
    let args = [
        "--format",
        "pdf",
        "--suppress",
        "5",
        "--out",
        file.to_str().unwrap(),
    ];
    status(&t, &args).assert_ok();
    let text = pdf_text(&std::fs::read(&file).unwrap());
    let tr = Tr::new(Lang::Da);
    // Every age band's best outcome row: accepted, then each situation — null as the dash.
    for (band, group) in json["breakdown"]["age_band"].as_object().unwrap() {
        // Situations in the format's order (best first), as the columns are.
        let want: Vec<String> = std::iter::once(&group["accepted"])
            .chain(
                Situation::ALL
                    .iter()
                    .map(|s| &group["best_outcome"][s.as_str()]),
            )
            .map(|v| {
                if v.is_null() {
                    "–".to_owned()
                } else {
                    v.to_string()
                }
            })
            .collect();
        let label = if band == "unknown" {
            tr.t("prog-unknown")
        } else {
            band.clone()
        };
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains(&tr.t("prog-by-age-band")))
            .unwrap();
        let row = lines[at..]
            .iter()
            .position(|l| l.trim_start().starts_with(&label))
            .unwrap_or_else(|| panic!("no row {label}:\n{text}"));
        // The group's second line: the best-outcome measure, then its figures.
        let measure = tr.t("pdf-measure-best-outcome");
        let best: Vec<&str> = lines[at + row + 1..]
            .iter()
            .find_map(|l| l.split_once(&measure))
            .unwrap()
            .1
            .split_whitespace()
            .collect();
        assert_eq!(best[..want.len()], want[..], "age band {band}");
    }
    assert!(
        json["breakdown"]["age_band"].to_string().contains("null"),
        "KIB's age bands have hidden cells"
    );
}

#[tokio::test]
async fn an_unknown_language_is_refused() {
    let t = with_kib().await;
    let file = t.dir.path().join("status.pdf");
    let run = status(
        &t,
        &[
            "--format",
            "pdf",
            "--lang",
            "de",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(run.stderr.contains("--lang"), "{}", run.describe());
    assert!(!file.exists(), "no file is left behind");
}
