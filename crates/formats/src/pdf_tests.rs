#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
//! The PDF read back with pdftotext shows every figure of the report's long form next to its
//! label, a hidden count as the dash and never its number, the words as given (Danish letters
//! included), and the same report always gives the same bytes.

use chrono::NaiveDate;

use super::tests::kib;
use super::*;

/// Labels a reader of the test can predict: a message is its key, a code is itself, except a
/// note in Danish with its letters and the two short measures of the breakdowns.
struct Keys;

const DANISH: &str = "Lavet af jobbro på grundlag af tidslinjen — æøå ÆØÅ äö";

impl Labels for Keys {
    fn text(&self, key: &str) -> String {
        match key {
            "pdf-note" => DANISH.to_owned(),
            // Short, as the real ones: a long one would wrap in its narrow column.
            "pdf-measure-situation" => "NOW".to_owned(),
            "pdf-measure-best-outcome" => "BEST".to_owned(),
            _ => key.to_owned(),
        }
    }
    fn text_n(&self, key: &str, n: u64) -> String {
        format!("{key}({n})")
    }
    fn code(&self, _list: &str, code: &str) -> String {
        code.to_owned()
    }
    fn date(&self, d: NaiveDate) -> String {
        d.format("%d.%m.%Y").to_string()
    }
    fn lang(&self) -> &'static str {
        "da"
    }
}

fn pdf(report: &StatusReport, name: &str, suppress: Option<u64>) -> Vec<u8> {
    status_pdf(report, &About { name, suppress }, &Keys).unwrap()
}

/// Does `line` hold `word` as a whole (spaces or the line's ends around it)?
fn word_at(line: &str, word: &str) -> Option<usize> {
    line.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
    })
}

/// The first line from `from` on holding `label` as a whole, and the words after it.
fn cells_after(lines: &[&str], from: usize, label: &str) -> (usize, Vec<String>) {
    for (n, line) in lines.iter().enumerate().skip(from) {
        if let Some(i) = word_at(line, label) {
            let rest = &line[i + label.len()..];
            return (n, rest.split_whitespace().map(str::to_owned).collect());
        }
    }
    panic!(
        "no line with {label:?} after line {from}:\n{}",
        lines.join("\n")
    );
}

/// The line of a table's heading (a key, so unique in the document).
fn heading(lines: &[&str], key: &str) -> usize {
    lines
        .iter()
        .position(|l| word_at(l, key).is_some())
        .unwrap_or_else(|| panic!("no heading {key}:\n{}", lines.join("\n")))
}

/// Where each row of the long form is printed: the table's heading, the row's label, and which
/// word after the label is the figure (the breakdowns: the group's second line for best outcomes).
fn check(report: &StatusReport, text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut checked = 0;
    for [section, group, key, value] in report.rows() {
        let want = if value.is_empty() {
            HIDDEN.to_owned()
        } else {
            value.clone()
        };
        let got = match section.as_str() {
            "total" => {
                let at = heading(&lines, "pdf-key-figures");
                cells_after(&lines, at, &format!("prog-total-{key}")).1[0].clone()
            }
            "situation" | "best_outcome" => {
                let at = heading(&lines, "prog-situation-heading");
                cells_after(&lines, at, &key).1[usize::from(section == "best_outcome")].clone()
            }
            "left_reasons" => {
                let at = heading(&lines, "prog-left-heading");
                cells_after(&lines, at, &key).1[0].clone()
            }
            "follow_up" => {
                let at = heading(&lines, "prog-follow-up-heading");
                let columns = ["due", "retained", "not_retained", "unknown"];
                let col = columns.iter().position(|c| *c == key).unwrap();
                cells_after(&lines, at, &group).1[col].clone()
            }
            "goals" => {
                let at = heading(&lines, "prog-goals-heading");
                let cells = cells_after(&lines, at, &group).1;
                // Then the share of the target reached, in whole per cent, rounded half up.
                let goal = report
                    .goals
                    .iter()
                    .find(|g| g.indicator.as_str() == group)
                    .unwrap();
                let share = (goal.actual as f64 * 100.0 / goal.target as f64).round();
                assert_eq!(cells[2], format!("pdf-percent({share})"), "goal {group}");
                cells[usize::from(key == "actual")].clone()
            }
            breakdown => {
                let attribute = breakdown.strip_prefix("breakdown.").unwrap();
                let at = heading(&lines, &format!("prog-by-{}", attribute.replace('_', "-")));
                let label = if group == "unknown" {
                    "prog-unknown"
                } else {
                    group.as_str()
                };
                let (line, now) = cells_after(&lines, at, label);
                assert_eq!(now[0], "NOW", "{breakdown} {group}");
                let (_, best) = cells_after(&lines, line + 1, "BEST");
                let situation = |s: &str| {
                    jobbro_domain::enums::Situation::ALL
                        .iter()
                        .position(|x| x.as_str() == s)
                        .unwrap()
                };
                match key.as_str() {
                    "active" => now[1].clone(),
                    "accepted" => best[0].clone(),
                    k => match (
                        k.strip_prefix("situation."),
                        k.strip_prefix("best_outcome."),
                    ) {
                        (Some(s), _) => now[2 + situation(s)].clone(),
                        (_, Some(s)) => best[1 + situation(s)].clone(),
                        _ => panic!("unknown breakdown key {k}"),
                    },
                }
            }
        };
        assert_eq!(got, want, "{section} {group} {key}");
        checked += 1;
    }
    checked
}

#[test]
fn the_pdf_shows_every_figure_of_the_status_report_next_to_its_label() {
    let report = kib(None);
    let text = testing::pdf_text(&pdf(&report, "Kvinder i beskæftigelse", None));
    assert_eq!(check(&report, &text), report.rows().len());
    assert!(report.rows().len() > 50);
    assert!(text.contains("Kvinder i beskæftigelse"), "{text}");
    assert!(
        text.contains("16.06.2024"),
        "the date as the labels write it"
    );
    assert!(text.contains(DANISH), "Danish letters survive:\n{text}");
    assert!(
        !text.contains("pdf-suppressed-note"),
        "no note without suppression"
    );
}

#[test]
fn a_suppressed_count_shows_the_dash_not_its_number() {
    let report = kib(Some(5));
    let hidden = report.rows().iter().filter(|r| r[3].is_empty()).count();
    assert!(hidden > 0, "KIB has small cells");
    let text = testing::pdf_text(&pdf(&report, "KIB", Some(5)));
    assert_eq!(check(&report, &text), report.rows().len());
    assert!(
        text.contains("pdf-suppressed-note(5)"),
        "the note on hidden cells"
    );
    // The same cells unsuppressed hold numbers: the dash replaces them, it is not a layout accident.
    let open = kib(None);
    let open_text = testing::pdf_text(&pdf(&open, "KIB", None));
    assert_eq!(check(&open, &open_text), open.rows().len());
}

#[test]
fn a_programme_name_is_printed_as_it_is_never_read_as_markup() {
    let report = kib(None);
    let hostile = r#"#set page(width: 1cm) *b* _i_ $x$ [y] \z <l> @r // c"#;
    let text = testing::pdf_text(&pdf(&report, hostile, None));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(hostile), "{text}");
    assert_eq!(check(&report, &text), report.rows().len());
}

#[test]
fn the_same_report_gives_the_same_pdf() {
    let report = kib(Some(5));
    let first = pdf(&report, "KIB", Some(5));
    assert!(first.starts_with(b"%PDF-"));
    assert_eq!(first, pdf(&report, "KIB", Some(5)));
    assert_ne!(first, pdf(&kib(None), "KIB", None));
}
