//! Suppression: small breakdown counts hidden so that no one can be picked out.

use super::*;

#[test]
fn suppression_hides_counts_from_1_to_k_minus_1_and_the_counts_that_would_give_them_away() {
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(3);
    let r = report.of(&small_groups());
    let women = group(&r.breakdown.gender, "female")
        .cloned()
        .unwrap_or_default();
    assert_eq!(women.active, None);
    assert_eq!(women.accepted, None);
    assert_eq!(women.situation.get(Situation::Internship), None);
    assert_eq!(women.situation.get(Situation::JobFullTime), Some(0));
    let men = group(&r.breakdown.gender, "male")
        .cloned()
        .unwrap_or_default();
    // 5 accepted in all: the men's 3 shown would give the women's 2 away, so it is hidden too.
    assert_eq!(men.accepted, None);
    assert_eq!(men.active, None);
    assert_eq!(men.situation.get(Situation::Coaching), Some(3));
    assert_eq!(men.best_outcome.get(Situation::Education), Some(0));
}

#[test]
fn suppressed_counts_are_written_as_null() {
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(3);
    let v = serde_json::to_value(report.of(&small_groups())).unwrap_or_default();
    let women = &v["breakdown"]["gender"]["female"];
    assert_eq!(women["accepted"], Value::Null);
    assert_eq!(women["situation"]["internship"], Value::Null);
    assert_eq!(women["situation"]["education"], json!(0));
    assert_eq!(v["breakdown"]["gender"]["male"]["accepted"], Value::Null);
    assert_eq!(
        v["breakdown"]["gender"]["male"]["situation"]["coaching"],
        json!(3)
    );
}

#[test]
fn suppression_leaves_the_headline_figures_alone() {
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(100);
    let r = report.of(&small_groups());
    assert_eq!((r.accepted, r.active, r.ended), (5, 4, 1));
    assert_eq!(r.situation.get(Situation::Internship), 1);
}

#[test]
fn without_suppression_every_count_is_shown() {
    let r = status_report("2024-06-16", &small_groups());
    let women = group(&r.breakdown.gender, "female")
        .cloned()
        .unwrap_or_default();
    assert_eq!((women.active, women.accepted), (Some(1), Some(2)));
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(1);
    assert_eq!(report.of(&small_groups()), r);
}
