//! The company report on small hand-built timelines, figure by figure, on the KIB fixture against
//! figures worked out here from its JSON lines, and published suppressed against the attacker.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::records::Record;
use crate::report::gather;
use crate::testkit::{Enrolment, d};

const KIB: &str = include_str!("../../../../../shared/fixtures/kib.jsonl");
const KIB_ARGS: &str = include_str!("../../../../../shared/fixtures/kib.args");

fn facts(companies: &[(&str, &str, Option<&str>)]) -> impl Fn(&str) -> Option<CompanyFacts> {
    let map: HashMap<String, CompanyFacts> = companies
        .iter()
        .map(|(id, name, sector)| {
            (
                (*id).to_owned(),
                CompanyFacts {
                    name: (*name).to_owned(),
                    sector: sector.map(str::to_owned),
                },
            )
        })
        .collect();
    move |id| map.get(id).cloned()
}

fn report_on(as_of: &str, enrolments: &[Enrolment]) -> CompanyReport {
    let mut b = CompanyReportBuilder::new("kib", d(as_of), Rules::default());
    for e in enrolments {
        b.add(&e.timeline());
    }
    b.finish(facts(&[
        ("c1", "Bageriet", Some("food")),
        ("c2", "Plejehjemmet", Some("care")),
        ("c3", "Hotellet", Some("food")),
    ]))
}

fn at(e: Enrolment, company: &str) -> Enrolment {
    e.with("company", company)
}

fn line<'a>(r: &'a CompanyReport, company: &str) -> &'a PlacementCounts {
    &r.companies
        .iter()
        .find(|c| c.company == company)
        .unwrap()
        .counts
}

#[test]
fn an_internship_converts_into_the_first_paid_work_at_the_same_company_on_or_after_its_start() {
    let r = report_on(
        "2024-06-30",
        &[
            // Paid hours at the internship's company: converted to paid hours.
            at(
                at(
                    Enrolment::accepted_as("e1", "2024-01-02").activity(
                        "i1",
                        "2024-01-10",
                        "internship",
                    ),
                    "c1",
                )
                .job("j1", "2024-03-01", 15.0),
                "c1",
            ),
            // A full-time job elsewhere: not a conversion.
            at(
                at(
                    Enrolment::accepted_as("e2", "2024-01-02").activity(
                        "i2",
                        "2024-01-10",
                        "internship",
                    ),
                    "c1",
                )
                .job("j2", "2024-03-01", 37.0),
                "c2",
            ),
            // A wage subsidy at the same company: converted to a wage subsidy.
            at(
                at(
                    Enrolment::accepted_as("e3", "2024-01-02").activity(
                        "i3",
                        "2024-01-10",
                        "internship",
                    ),
                    "c2",
                )
                .activity("w3", "2024-02-01", "wage_subsidy"),
                "c2",
            ),
            // A job there that began before the internship: not a conversion of it.
            at(
                at(
                    Enrolment::accepted_as("e4", "2024-01-02").job("j4", "2024-01-05", 37.0),
                    "c1",
                )
                .activity("i4", "2024-02-01", "internship"),
                "c1",
            ),
            // Converted only after the report date: not yet.
            at(
                at(
                    Enrolment::accepted_as("e5", "2024-01-02").activity(
                        "i5",
                        "2024-05-01",
                        "internship",
                    ),
                    "c3",
                )
                .job("j5", "2024-07-01", 37.0),
                "c3",
            ),
            // Started after the report date: no placement; without a company: none either.
            at(
                Enrolment::accepted_as("e6", "2024-01-02").activity(
                    "i6",
                    "2024-07-01",
                    "internship",
                ),
                "c3",
            )
            .activity("k6", "2024-01-03", "course"),
        ],
    );
    let c1 = line(&r, "c1");
    assert_eq!(
        (c1.placements, c1.internship, c1.paid_hours, c1.job),
        (5, 3, 1, 1),
        "{c1:?}"
    );
    assert_eq!(
        (
            c1.internships_converted,
            c1.to_paid_hours,
            c1.to_job,
            c1.to_wage_subsidy
        ),
        (1, 1, 0, 0)
    );
    let c2 = line(&r, "c2");
    assert_eq!(
        (c2.placements, c2.internship, c2.job, c2.wage_subsidy),
        (3, 1, 1, 1)
    );
    assert_eq!((c2.internships_converted, c2.to_wage_subsidy), (1, 1));
    let c3 = line(&r, "c3");
    assert_eq!(
        (c3.placements, c3.internship, c3.internships_converted),
        (1, 1, 0)
    );
    assert_eq!(
        r.publish(None).companies[0].counts.conversion_percent(),
        Some(100.0 / 3.0)
    );
    // Most placements first; names and sectors from the register.
    let order: Vec<&str> = r.companies.iter().map(|c| c.company.as_str()).collect();
    assert_eq!(order, ["c1", "c2", "c3"]);
    assert_eq!(r.companies[0].name.as_deref(), Some("Bageriet"));
    // Sectors add their companies up; the total adds the sectors up.
    let food = r
        .sectors
        .iter()
        .find(|s| s.sector.as_deref() == Some("food"))
        .unwrap();
    assert_eq!((food.companies, food.counts.placements), (2, 6));
    assert_eq!(r.total.placements, 9);
    assert_eq!(r.total.internships_converted, 2);
}

#[test]
fn an_ended_placement_is_not_ongoing_and_a_voided_one_is_not_there() {
    let r = report_on(
        "2024-06-30",
        &[
            at(
                Enrolment::accepted_as("e1", "2024-01-02").activity(
                    "i1",
                    "2024-01-10",
                    "internship",
                ),
                "c1",
            )
            .ended("i1", "2024-02-10"),
            at(
                Enrolment::accepted_as("e2", "2024-01-02").activity(
                    "i2",
                    "2024-01-10",
                    "internship",
                ),
                "c1",
            )
            .with_id("i2")
            .void("2024-01-11", "activity_started", "i2"),
            at(
                Enrolment::accepted_as("e3", "2024-01-02").activity(
                    "i3",
                    "2024-01-10",
                    "internship",
                ),
                "c1",
            ),
        ],
    );
    let c1 = line(&r, "c1");
    assert_eq!((c1.placements, c1.ongoing), (2, 1), "{c1:?}");
}

/// Every line's kinds add up to its placements and its conversions to its converted internships;
/// the sectors add up to the total.
fn assert_adds_up(r: &CompanyReport) {
    for c in r
        .companies
        .iter()
        .map(|c| &c.counts)
        .chain(r.sectors.iter().map(|s| &s.counts))
    {
        let cells = c.cells();
        for (whole, parts) in SUMS {
            assert_eq!(
                cells[whole],
                parts.iter().map(|&p| cells[p]).sum::<u64>(),
                "{c:?}"
            );
        }
        assert!(c.internships_converted <= c.internship && c.ongoing <= c.placements);
    }
    for i in 0..CELLS {
        let sectors: u64 = r.sectors.iter().map(|s| s.counts.cells()[i]).sum();
        let companies: u64 = r.companies.iter().map(|c| c.counts.cells()[i]).sum();
        assert_eq!(
            (sectors, companies),
            (r.total.cells()[i], r.total.cells()[i])
        );
    }
}

/// KIB's placements on `as_of` worked out from its JSON lines: per company, (placements,
/// internships, converted internships). KIB voids nothing.
fn by_hand(as_of: NaiveDate) -> BTreeMap<String, (u64, u64, u64)> {
    let starts: Vec<Value> = KIB
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "activity_started" && v["company"].is_string())
        .filter(|v| v["date"].as_str().unwrap().parse::<NaiveDate>().unwrap() <= as_of)
        .collect();
    let mut out: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    for a in &starts {
        let line = out
            .entry(a["company"].as_str().unwrap().to_owned())
            .or_default();
        line.0 += 1;
        if a["kind"] == "internship" {
            line.1 += 1;
            let converted = starts.iter().any(|b| {
                (b["kind"] == "job" || b["kind"] == "wage_subsidy")
                    && b["enrolment"] == a["enrolment"]
                    && b["company"] == a["company"]
                    && b["date"].as_str() >= a["date"].as_str()
            });
            line.2 += u64::from(converted);
        }
    }
    out
}

fn kib_report(as_of: NaiveDate) -> CompanyReport {
    let records = KIB
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| Record::from_json(&serde_json::from_str(l).unwrap()).unwrap());
    let g = gather(records);
    let programme = KIB_ARGS.split_whitespace().next().unwrap();
    let rules = g.programmes[programme].rules.effective();
    let mut b = CompanyReportBuilder::new(programme, as_of, rules);
    for t in &g.timelines {
        b.add(t);
    }
    b.finish(|id| {
        g.companies.get(id).map(|c| CompanyFacts {
            name: c.name.clone(),
            sector: c.sector.clone(),
        })
    })
}

#[test]
fn the_kib_placements_match_those_worked_out_from_the_fixture_itself() {
    for as_of in ["2022-06-30", "2023-06-30", "2024-06-16"] {
        let r = kib_report(d(as_of));
        assert_adds_up(&r);
        let hand = by_hand(d(as_of));
        let built: BTreeMap<String, (u64, u64, u64)> = r
            .companies
            .iter()
            .map(|c| {
                let n = &c.counts;
                (
                    c.company.clone(),
                    (n.placements, n.internship, n.internships_converted),
                )
            })
            .collect();
        assert_eq!(built, hand, "{as_of}");
        assert!(r.total.placements > 0 && r.companies.iter().all(|c| c.name.is_some()));
    }
}

/// Checks `published` against `report` suppressed with threshold `k`.
fn assert_protected(report: &CompanyReport, k: u64) {
    let published = report.publish(Some(k));
    assert_eq!(published.suppressed_below, Some(k));
    assert!(
        published.companies.is_empty(),
        "no company lines suppressed"
    );
    let (values, constraints) = report.suppression_table();
    let shown: Vec<Option<u64>> = published
        .sectors
        .iter()
        .map(|s| s.counts)
        .chain([published.total])
        .flat_map(|c| c.cells())
        .collect();
    crate::suppression::assert_protected(&values, &constraints, &shown, k);
}

#[test]
fn published_unsuppressed_is_the_report_and_suppressed_gives_no_small_count_away() {
    let r = kib_report(d("2024-06-16"));
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::to_value(r.publish(None)).unwrap()
    );
    for k in [2, 3, 5, 10] {
        assert_protected(&r, k);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_placements_published_suppressed_give_no_small_count_away(
        placements in prop::collection::vec((0..3usize, 0..5usize, any::<bool>()), 0..40),
        k in 2u64..7,
    ) {
        let kinds = ["internship", "wage_subsidy", "job", "course", "internship"];
        let enrolments: Vec<Enrolment> = placements
            .iter()
            .enumerate()
            .map(|(i, &(company, kind, paid))| {
                let company = ["c1", "c2", "c3"][company];
                let e = at(
                    Enrolment::accepted_as(&format!("e{i}"), "2024-01-02")
                        .activity(&format!("a{i}"), "2024-02-01", kinds[kind]),
                    company,
                );
                if paid { at(e.job(&format!("j{i}"), "2024-04-01", 12.0), company) } else { e }
            })
            .collect();
        let r = report_on("2024-06-30", &enrolments);
        assert_adds_up(&r);
        assert_protected(&r, k);
    }
}
