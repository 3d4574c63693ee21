//! A participant's timeline as the page shows it: every event of the enrolments the caller may
//! read, newest first (same day: last recorded first), each with what it was and its details in
//! the user's language — voided events kept and marked, as the history is the audit.

use std::collections::HashMap;

use jobbro_domain::records::Event;
use jobbro_store::participant::Participant;

use crate::i18n::{Arg, Tr};

/// Names to show for the ids events carry.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub programmes: HashMap<String, String>,
    pub companies: HashMap<String, String>,
    pub caseworkers: HashMap<String, String>,
}

impl Names {
    fn of<'a>(map: &'a HashMap<String, String>, id: &'a str) -> &'a str {
        map.get(id).map_or(id, String::as_str)
    }
    pub fn programme<'a>(&'a self, id: &'a str) -> &'a str {
        Self::of(&self.programmes, id)
    }
    pub fn company<'a>(&'a self, id: &'a str) -> &'a str {
        Self::of(&self.companies, id)
    }
    pub fn caseworker<'a>(&'a self, id: &'a str) -> &'a str {
        Self::of(&self.caseworkers, id)
    }
}

/// One line of the timeline.
#[derive(Debug, Clone)]
pub struct TimelineRow {
    pub date: String,
    /// The record type (FORMAT.md §2), for the type filter and tests.
    pub code: &'static str,
    pub what: String,
    pub detail: String,
    pub programme: String,
    pub voided: bool,
}

/// The timeline newest first, only events of type `only` when given.
pub fn rows(tr: &Tr, p: &Participant, names: &Names, only: Option<&str>) -> Vec<TimelineRow> {
    let mut all: Vec<(chrono::NaiveDate, i64, TimelineRow)> = p
        .enrolments
        .iter()
        .flat_map(|e| e.events.iter().map(move |t| (e, t)))
        .filter(|(_, t)| only.is_none_or(|o| t.record.record_type().as_str() == o))
        .map(|(e, t)| {
            let code = t.record.record_type().as_str();
            let row = TimelineRow {
                date: tr.date(t.record.date()),
                code,
                what: tr.code("record", code),
                detail: detail(tr, &t.record, names),
                programme: names.programme(&e.programme).to_owned(),
                voided: t.voided,
            };
            (t.record.date(), t.seq, row)
        })
        .collect();
    all.sort_by_key(|(date, seq, _)| std::cmp::Reverse((*date, *seq)));
    all.into_iter().map(|(_, _, row)| row).collect()
}

/// What an event says, in a few words.
fn detail(tr: &Tr, event: &Event, names: &Names) -> String {
    let mut parts: Vec<String> = Vec::new();
    let planned = |d: chrono::NaiveDate| {
        tr.t_with(
            "participant-planned-end-on",
            &[("date", Arg::from(tr.date(d).as_str()))],
        )
    };
    match event {
        Event::Referred(r) => {
            if let Some(cw) = &r.caseworker {
                parts.push(names.caseworker(cw).to_owned());
            }
        }
        Event::Intake(i) => parts.push(tr.code("decision", i.decision.as_str())),
        Event::ActivityStarted(a) => {
            parts.push(tr.code("activity", a.kind.as_str()));
            if let Some(c) = &a.company {
                parts.push(names.company(c).to_owned());
            }
            if let Some(t) = &a.title {
                parts.push(t.clone());
            }
            if let Some(h) = a.hours_per_week {
                parts.push(tr.t_with(
                    "participant-hours-a-week",
                    &[("hours", Arg::from(format!("{h}").as_str()))],
                ));
            }
            if let Some(d) = a.planned_end {
                parts.push(planned(d));
            }
        }
        Event::ActivityExtended(x) => parts.push(planned(x.planned_end)),
        Event::ActivityEnded(x) => {
            if let Some(r) = x.reason {
                parts.push(tr.code("end_reason", r.as_str()));
            }
        }
        Event::Contact(c) => {
            parts.push(tr.code("contact", c.kind.as_str()));
            parts.push(if c.was_attended() {
                tr.t("attended-yes")
            } else {
                tr.t("attended-no")
            });
            if let Some(l) = &c.interpreter_language {
                let language = tr.name_or_code("language-name", l.as_str());
                parts.push(tr.t_with(
                    "participant-interpreter",
                    &[("language", Arg::from(language.as_str()))],
                ));
            }
            if let Some(n) = &c.note {
                parts.push(n.clone());
            }
        }
        Event::Assigned(a) => parts.push(names.caseworker(&a.caseworker).to_owned()),
        Event::Left(l) => parts.push(tr.code("leave_reason", l.reason.as_str())),
        Event::FollowUp(f) => {
            parts.push(tr.t_with(
                "participant-months",
                &[("months", Arg::from(i64::from(f.months)))],
            ));
            parts.push(tr.code("follow_up", f.status.as_str()));
        }
        Event::Void(v) => {
            parts.push(tr.code("record", v.record_type.as_str()));
            if let Some(r) = &v.reason {
                parts.push(r.clone());
            }
        }
    }
    parts.join(" · ")
}
