//! Caseloads: a caseworker with more active enrolments than the programme allows.

use super::*;

/// `n` enrolments referred to caseworker `cw` and accepted.
fn caseload(prefix: &str, n: usize, cw: &str) -> Vec<Enrolment> {
    (0..n)
        .map(|i| {
            Enrolment::referred_as(&format!("{prefix}{i}"), "2024-01-02")
                .with("caseworker", cw)
                .accepted("2024-01-02")
        })
        .collect()
}

fn caseload_items(enrolments: &[Enrolment], as_of: &str, rules: &Rules) -> Vec<Item> {
    let refs: Vec<&Enrolment> = enrolments.iter().collect();
    worklist(&refs, as_of, rules)
        .into_iter()
        .filter(|i| i.kind == ItemKind::CaseloadOver)
        .collect()
}

#[test]
fn a_caseworker_with_max_caseload_active_enrolments_is_not_over() {
    let all = caseload("e", 25, "cw1");
    assert!(caseload_items(&all, "2024-01-03", &Rules::default()).is_empty());
}

#[test]
fn a_caseworker_with_more_than_max_caseload_active_enrolments_is_over() {
    let all = caseload("e", 26, "cw1");
    let items = caseload_items(&all, "2024-01-03", &Rules::default());
    assert_eq!(
        items,
        vec![Item {
            kind: ItemKind::CaseloadOver,
            enrolment: None,
            person: None,
            programme: "kib".to_owned(),
            caseworker: Some("cw1".to_owned()),
            due: d("2024-01-03"),
            days_overdue: 0,
            meeting: None,
        }]
    );
}

#[test]
fn the_caseload_uses_the_latest_assignment_over_the_referral_s_caseworker() {
    let rules = rules_with(|r| r.max_caseload = 2);
    let mut all = caseload("e", 3, "cw1");
    let moved = all.remove(0).assigned("2024-02-01", "cw2");
    all.push(moved);
    assert_eq!(
        caseload_items(&all, "2024-01-31", &rules)
            .iter()
            .map(|i| i.caseworker.as_deref())
            .collect::<Vec<_>>(),
        vec![Some("cw1")]
    );
    assert!(caseload_items(&all, "2024-02-01", &rules).is_empty());
}

#[test]
fn only_active_enrolments_count_towards_a_caseload() {
    let rules = rules_with(|r| r.max_caseload = 2);
    let mut all = caseload("e", 2, "cw1");
    all.push(Enrolment::referred_as("w", "2024-01-02").with("caseworker", "cw1"));
    all.push(
        Enrolment::referred_as("x", "2024-01-02")
            .with("caseworker", "cw1")
            .accepted("2024-01-02")
            .left("2024-01-03", "moved"),
    );
    assert!(caseload_items(&all, "2024-01-03", &rules).is_empty());
}

#[test]
fn enrolments_without_a_caseworker_make_no_caseload() {
    let rules = rules_with(|r| r.max_caseload = 1);
    let all: Vec<Enrolment> = (0..3)
        .map(|i| Enrolment::accepted_as(&format!("e{i}"), "2024-01-02"))
        .collect();
    assert!(caseload_items(&all, "2024-01-03", &rules).is_empty());
}
