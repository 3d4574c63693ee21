//! The status report, tested by part. How the report is asked for and the programmes most
//! tests count are here; how an enrolment is built is in `crate::testkit`.

use super::*;

use serde_json::{Value, json};

use crate::testkit::{Enrolment, d};

mod breakdown;
mod counts;
mod follow_up;
mod goals;
mod json_shape;
mod properties;
mod suppression;

struct Report<'a> {
    as_of: &'a str,
    rules: Rules,
    goals: Vec<Goal>,
    suppress: Option<u64>,
}

impl<'a> Report<'a> {
    fn on(as_of: &'a str) -> Self {
        Report {
            as_of,
            rules: Rules::default(),
            goals: Vec::new(),
            suppress: None,
        }
    }

    fn of(&self, enrolments: &[Enrolment]) -> StatusReport {
        let mut b =
            StatusReportBuilder::new("kib", d(self.as_of), self.rules.clone(), self.goals.clone());
        for e in enrolments {
            b.add(&e.timeline(), &e.person);
        }
        b.finish(self.suppress)
    }
}

fn status_report(as_of: &str, enrolments: &[Enrolment]) -> StatusReport {
    Report::on(as_of).of(enrolments)
}

fn gender(g: Gender) -> Attributes {
    Attributes {
        gender: Some(g),
        ..Attributes::default()
    }
}

fn group<'a>(groups: &'a Groups, key: &str) -> Option<&'a Group> {
    groups.0.iter().find(|(k, _)| k == key).map(|(_, g)| g)
}

fn keys(groups: &Groups) -> Vec<&str> {
    groups.0.iter().map(|(k, _)| k.as_str()).collect()
}

/// One enrolment of each kind the counts tell apart, referred 2024-01-02 unless it says so.
fn one_of_each() -> Vec<Enrolment> {
    vec![
        Enrolment::referred_as("waiting", "2024-01-02"),
        Enrolment::referred_as("waitlisted", "2024-01-02").intake("2024-01-03", "waitlisted"),
        Enrolment::referred_as("declined", "2024-01-02").intake("2024-01-03", "declined"),
        Enrolment::referred_as("left-unaccepted", "2024-01-02").left("2024-02-01", "moved"),
        Enrolment::accepted_as("active", "2024-01-02").activity("a1", "2024-02-01", "internship"),
        Enrolment::accepted_as("ended", "2024-01-02")
            .job("a1", "2024-02-01", 37.0)
            .left("2024-03-01", "job"),
        Enrolment::accepted_as("later", "2024-06-17"),
        Enrolment::referred_as("elsewhere", "2024-01-02")
            .with("programme", "other")
            .accepted("2024-01-02"),
    ]
}

/// Women: 1 active (internship), 2 accepted; men: 3 active (coaching).
fn small_groups() -> Vec<Enrolment> {
    let mut all = vec![
        Enrolment::accepted_as("f1", "2024-01-02")
            .activity("a1", "2024-02-01", "internship")
            .who(gender(Gender::Female)),
        Enrolment::accepted_as("f2", "2024-01-02")
            .left("2024-03-01", "moved")
            .who(gender(Gender::Female)),
    ];
    for i in 0..3 {
        all.push(Enrolment::accepted_as(&format!("m{i}"), "2024-01-02").who(gender(Gender::Male)));
    }
    all
}
