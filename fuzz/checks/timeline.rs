//! The timeline parser and validator: any bytes, read as lines of a timeline file. Each line is
//! read as `jobbro import` reads it (`parse_line`); a record read must survive its canonical form
//! (written, read again: the same record). The events read are folded into an enrolment's
//! timeline, which is then asked everything the reports and the worklist ask, on several days.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/timeline.rs`) and the replay of its corpus and
//! regressions in the test suite.

use chrono::NaiveDate;
use jobbro_domain::records::{Event, Record, parse_line};
use jobbro_domain::report::{Attributes, StatusReportBuilder};
use jobbro_domain::rules::Rules;
use jobbro_domain::timeline::EnrolmentTimeline;
use jobbro_domain::worklist::Worklist;

/// Panics when the input breaks a rule.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut events: Vec<Event> = Vec::new();
    for line in text.lines() {
        let Ok(Some(record)) = parse_line(line) else {
            continue;
        };
        let canonical = serde_json::to_string(&record).expect("a record serialises");
        let again = parse_line(&canonical).expect("its canonical form reads back");
        assert_eq!(again.as_ref(), Some(&record), "canonical round trip");
        if let Record::Event(event) = record {
            events.push(event);
        }
    }
    let Some(timeline) = EnrolmentTimeline::from_events(events) else {
        return;
    };
    let rules = Rules::default();
    for day in ["2000-01-01", "2021-06-15", "2026-11-26", "2099-12-31"] {
        let Ok(d) = day.parse::<NaiveDate>() else {
            continue;
        };
        let _ = timeline.status_on(d, &rules);
        let _ = timeline.caseworker_on(d);
        let mut worklist = Worklist::new(d);
        worklist.add(&timeline, &rules);
        let _ = worklist.finish();
        let mut report = StatusReportBuilder::new("p", d, rules.clone(), Vec::new());
        report.add(&timeline, &Attributes::default());
    }
}
