//! The published KIB fixture's status report on 2024-06-16, suppressed with k = 5 as an analyst
//! sees it, attacked with the published figures.

use super::*;
use crate::records::Record;
use crate::report::{StatusReport, status_report_of};
use crate::testkit::d;

/// The status report of `kib` on 2024-06-16, read from the fixture.
fn kib_report(suppress: Option<u64>) -> StatusReport {
    let records = include_str!("../../../../../../shared/fixtures/kib.jsonl")
        .lines()
        .map(|line| Record::from_json(&serde_json::from_str(line).unwrap()).unwrap());
    status_report_of(records, "kib", d("2024-06-16"), suppress).unwrap()
}

#[test]
fn the_fixture_is_read_as_the_published_figures() {
    let published: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../../../shared/fixtures/kib.status.json"
    ))
    .unwrap();
    assert_eq!(serde_json::to_value(kib_report(None)).unwrap(), published);
}

#[test]
fn an_attacker_recovers_no_hidden_count_of_the_kib_report() {
    let plain = kib_report(None);
    let hidden = kib_report(Some(5));
    let mut hidden_cells = 0;
    for (before, after) in breakdown_tables(&plain)
        .iter()
        .zip(&breakdown_tables(&hidden))
    {
        assert_eq!(
            before.constraints, after.constraints,
            "headline figures stay"
        );
        let truth: Vec<u64> = before.cells.iter().map(|c| c.unwrap()).collect();
        for (c, (&v, shown)) in truth.iter().zip(&after.cells).enumerate() {
            match shown {
                Some(s) => assert_eq!(*s, v, "{} cell {c} changed", after.attribute),
                None => hidden_cells += 1,
            }
            if (1..5).contains(&v) {
                assert_eq!(*shown, None, "{} cell {c} is {v}", after.attribute);
            }
        }
        let fixed = entailed(truth.len(), &after.constraints);
        for (c, v) in recovered(&after.cells, &after.constraints) {
            assert!(fixed[c], "{} cell {c} recovered as {v}", after.attribute);
        }
    }
    assert!(hidden_cells > 0);
}

#[test]
fn only_breakdowns_with_one_group_give_anything_away_and_that_is_the_headline() {
    // Every KIB participant is a woman on cash benefit: those breakdowns repeat the headline.
    let hidden = kib_report(Some(5));
    for t in breakdown_tables(&hidden) {
        let found = recovered(&t.cells, &t.constraints);
        match t.attribute {
            "gender" | "benefit" => {
                assert!(entailed(t.cells.len(), &t.constraints).iter().all(|&f| f));
                assert_eq!(found.len(), hidden_count(&t.cells), "{}", t.attribute);
            }
            _ => assert_eq!(found, [], "{}", t.attribute),
        }
    }
}

#[test]
fn primary_suppression_alone_would_give_counts_away() {
    // The test above can fail: with only the small counts hidden, the attacker finds some.
    let plain = kib_report(None);
    let country = &breakdown_tables(&plain)[3];
    let primary: Vec<Option<u64>> = country
        .cells
        .iter()
        .map(|c| c.filter(|&v| v == 0 || v >= 5))
        .collect();
    let fixed = entailed(primary.len(), &country.constraints);
    let found = recovered(&primary, &country.constraints);
    assert!(found.iter().any(|&(c, _)| !fixed[c]), "{found:?}");
}

#[test]
fn the_headline_figures_are_never_hidden() {
    let plain = kib_report(None);
    let mut hidden = kib_report(Some(5));
    assert_ne!(hidden.breakdown, plain.breakdown);
    hidden.breakdown = plain.breakdown.clone();
    assert_eq!(hidden, plain);
}

fn hidden_count(cells: &[Option<u64>]) -> usize {
    cells.iter().filter(|c| c.is_none()).count()
}
