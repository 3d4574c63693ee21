//! One enrolment's events, in the order a file lists them: referral, intake (waiting list,
//! decline or acceptance), the planned activities (`paths`), contacts at the programme's cadence
//! with no-shows and interpreters, reassignments, leaving, follow-ups, and now and then a mistake
//! corrected by a `void` and a new record.
//!
//! "Knobs" switch on the things a worklist is for (stale contacts, long gaps, no-shows in a row,
//! missing follow-ups), at realistic rates or, for showcases, on purpose. Nothing is dated after
//! `today`.

use chrono::NaiveDate;
use jobbro_domain::enums::{ActivityKind, Decision, FollowUpStatus, LeaveReason, RecordType};
use jobbro_domain::records::{
    ActivityEnded, ActivityExtended, ActivityStarted, Assigned, Contact, Event, FollowUp, Intake,
    Left, Referred, Void,
};
use jobbro_domain::worklist::add_months;

use crate::contacts::contacts;
use crate::paths::{TrackKind, walk};
use crate::people::PersonFacts;
use crate::programmes::ProgrammeInfo;
use crate::rng::{Rng, plus_days, weekday_from, weekday_until};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VoidKind {
    /// A contact recorded on the wrong day.
    Contact,
    /// An activity recorded with the wrong kind.
    Activity,
    /// A `left` recorded for a participant who had not left.
    Left,
}

/// The worklist-relevant quirks of one enrolment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Knobs {
    pub stall: bool,
    pub stale_contact: bool,
    pub no_show_tail: bool,
    pub skip_follow_up: bool,
    pub reassign: bool,
    pub void: Option<VoidKind>,
    pub decision: Option<Decision>,
    pub track: Option<TrackKind>,
}

impl Knobs {
    /// At the rates a real programme sees them.
    pub(crate) fn random(rng: &mut Rng) -> Knobs {
        Knobs {
            stall: rng.chance(0.07),
            stale_contact: rng.chance(0.12),
            no_show_tail: rng.chance(0.04),
            skip_follow_up: rng.chance(0.18),
            reassign: rng.chance(0.12),
            void: rng
                .chance(0.04)
                .then(|| *rng.pick(&[VoidKind::Contact, VoidKind::Activity, VoidKind::Left])),
            decision: None,
            track: None,
        }
    }
}

/// Who is referred where and when.
pub(crate) struct Enrolment<'a> {
    pub n: u64,
    pub programme: &'a ProgrammeInfo,
    pub person: &'a str,
    pub facts: &'a PersonFacts,
    pub referral: NaiveDate,
    pub today: NaiveDate,
    /// Contacts this many times further apart than the rules ask (benchmark timelines).
    pub contact_spacing: i64,
}

pub(crate) struct Generated {
    pub events: Vec<Event>,
    /// The day the enrolment was over (declined or left), if it is.
    pub closed: Option<NaiveDate>,
}

/// Numbers the records of one enrolment: `{prefix}-{enrolment}-{k}`.
pub(crate) struct Ids {
    n: u64,
    next: u32,
}

impl Ids {
    pub(crate) fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}-{:06}-{}", self.n, self.next)
    }
}

const DECISIONS: [(Decision, u32); 3] = [
    (Decision::Accepted, 84),
    (Decision::Waitlisted, 10),
    (Decision::Declined, 6),
];

pub(crate) fn enrolment(rng: &mut Rng, e: &Enrolment<'_>, knobs: &Knobs) -> Generated {
    let p = e.programme;
    let nation = p.nation();
    let today = e.today;
    let enrolment = format!("enr-{:06}", e.n);
    let mut ids = Ids { n: e.n, next: 0 };
    let mut events = Vec::with_capacity(64);
    let first_caseworker = rng
        .chance(0.9)
        .then(|| p.pick_caseworker(rng))
        .flatten()
        .map(str::to_owned);
    events.push(Event::Referred(Referred {
        id: enrolment.clone(),
        date: e.referral,
        programme: p.id.clone(),
        person: e.person.to_owned(),
        referrer: rng
            .chance(0.8)
            .then(|| (*rng.pick(&p.template.referrers())).to_owned()),
        caseworker: first_caseworker.clone(),
    }));
    let waiting = Generated {
        events: Vec::new(),
        closed: None,
    };
    let intake_date = weekday_from(plus_days(e.referral, rng.range(3, 21)));
    if intake_date > today {
        return Generated { events, ..waiting };
    }
    let intake = |date, decision, reason: Option<&str>, ids: &mut Ids| {
        Event::Intake(Intake {
            id: ids.id("intake"),
            date,
            enrolment: enrolment.clone(),
            decision,
            reason: reason.map(str::to_owned),
        })
    };
    let declined_reason = |rng: &mut Rng| {
        *rng.pick(&[
            nation.text("Uden for målgruppen", "Utanför målgruppen"),
            nation.text("Ønsker ikke at deltage", "Vill inte delta"),
            nation.text(
                "Ikke aktuel på grund af sygdom",
                "Inte aktuell på grund av sjukdom",
            ),
        ])
    };
    let decision = knobs.decision.unwrap_or(*rng.weighted(&DECISIONS));
    let accepted = match decision {
        Decision::Declined => {
            let reason = declined_reason(rng);
            events.push(intake(intake_date, decision, Some(reason), &mut ids));
            return Generated {
                events,
                closed: Some(intake_date),
            };
        }
        Decision::Waitlisted => {
            let reason = nation.text(
                "Venteliste til næste holdstart",
                "Väntelista till nästa grupp",
            );
            events.push(intake(intake_date, decision, Some(reason), &mut ids));
            let second = weekday_from(plus_days(intake_date, rng.range(14, 90)));
            if second > today {
                return Generated { events, ..waiting };
            }
            if rng.chance(0.12) {
                let reason = declined_reason(rng);
                events.push(intake(second, Decision::Declined, Some(reason), &mut ids));
                return Generated {
                    events,
                    closed: Some(second),
                };
            }
            second
        }
        Decision::Accepted => intake_date,
    };
    events.push(intake(accepted, Decision::Accepted, None, &mut ids));

    let mut assignments: Vec<(NaiveDate, String)> = Vec::new();
    if first_caseworker.is_none()
        && let Some(cw) = p.pick_caseworker(rng)
    {
        assignments.push((accepted, cw.to_owned()));
    }
    let plan = walk(rng, p, e.facts, accepted, today, knobs.stall, knobs.track);
    let active_today = plan.left.is_none();
    let mut contacts_until = match plan.left {
        Some((left, _)) => plus_days(left, -1),
        None => today,
    };
    if knobs.stale_contact && active_today {
        let every = i64::from(p.rules.contact_every_days);
        contacts_until = plus_days(today, -rng.range(every + 2, every + 30));
    }
    if knobs.reassign && contacts_until > plus_days(accepted, 40) {
        let date = weekday_until(rng.date_between(plus_days(accepted, 30), contacts_until));
        let current = assignments
            .last()
            .map(|(_, cw)| cw.clone())
            .or(first_caseworker.clone());
        let others: Vec<&str> = p
            .caseworkers
            .iter()
            .map(|(id, _)| id.as_str())
            .filter(|id| Some(*id) != current.as_deref())
            .collect();
        if let Some(cw) = rng.pick_slice(&others) {
            assignments.push((date, (*cw).to_owned()));
        }
    }
    let caseworker_on = |d: NaiveDate| {
        assignments
            .iter()
            .rev()
            .find(|(date, _)| *date <= d)
            .map(|(_, cw)| cw.clone())
            .or(first_caseworker.clone())
    };

    for (j, a) in plan.activities.iter().enumerate() {
        let activity = format!("act-{:06}-{}", e.n, j + 1);
        events.push(Event::ActivityStarted(ActivityStarted {
            id: activity.clone(),
            date: a.start,
            enrolment: enrolment.clone(),
            kind: a.kind,
            planned_end: a.planned_end,
            company: a.company.clone(),
            hours_per_week: a.hours,
            title: a.title.map(str::to_owned),
        }));
        for (date, planned_end) in &a.extensions {
            events.push(Event::ActivityExtended(ActivityExtended {
                id: ids.id("ext"),
                date: *date,
                activity: activity.clone(),
                planned_end: *planned_end,
            }));
        }
        if let Some((date, reason)) = a.end {
            events.push(Event::ActivityEnded(ActivityEnded {
                id: ids.id("end"),
                date,
                activity: activity.clone(),
                reason: Some(reason),
            }));
        }
    }

    let mut contacts = contacts(rng, e, &plan, accepted, contacts_until, &mut ids);
    if knobs.no_show_tail {
        let limit = usize::try_from(p.rules.no_show_limit).unwrap_or(2);
        if contacts.len() > limit {
            for c in contacts.iter_mut().rev().take(limit) {
                c.attended = Some(false);
                c.note = None;
            }
        }
    }
    for c in &mut contacts {
        c.caseworker = caseworker_on(c.date);
    }
    let first_contact = contacts.first().map(|c| (c.date, c.kind));
    events.extend(contacts.into_iter().map(Event::Contact));
    for (date, caseworker) in &assignments {
        events.push(Event::Assigned(Assigned {
            id: ids.id("asg"),
            date: *date,
            enrolment: enrolment.clone(),
            caseworker: caseworker.clone(),
        }));
    }
    if let Some((date, reason)) = plan.left {
        events.push(Event::Left(Left {
            id: ids.id("left"),
            date,
            enrolment: enrolment.clone(),
            reason,
        }));
        if reason.is_result() && !knobs.skip_follow_up {
            for &months in &p.rules.follow_up_months {
                let date = weekday_from(plus_days(add_months(date, months), rng.range(0, 21)));
                if date <= today {
                    events.push(Event::FollowUp(FollowUp {
                        id: ids.id("fu"),
                        date,
                        enrolment: enrolment.clone(),
                        months,
                        status: follow_up_status(rng, reason),
                    }));
                }
            }
        }
    }

    // A mistake and its correction: the wrong record, then a void naming it.
    let void = |record_type, record: String, date: NaiveDate, dk, se, ids: &mut Ids| {
        Event::Void(Void {
            id: ids.id("void"),
            date,
            record_type,
            record,
            reason: Some(nation.text(dk, se).to_owned()),
        })
    };
    let window_end = contacts_until.min(today);
    match knobs.void {
        Some(VoidKind::Contact) => {
            if let Some((date, kind)) = first_contact {
                let wrong_day = weekday_from(plus_days(date, 1));
                let noticed = weekday_from(plus_days(wrong_day, rng.range(1, 5)));
                if noticed <= today {
                    let id = ids.id("con");
                    events.push(Event::Contact(Contact {
                        id: id.clone(),
                        date: wrong_day,
                        enrolment: enrolment.clone(),
                        kind,
                        attended: None,
                        interpreter_language: None,
                        caseworker: caseworker_on(wrong_day),
                        note: None,
                    }));
                    let v = void(
                        RecordType::Contact,
                        id,
                        noticed,
                        "Registreret på forkert dato",
                        "Registrerad på fel datum",
                        &mut ids,
                    );
                    events.push(v);
                }
            }
        }
        Some(VoidKind::Activity) => {
            let first = plan
                .activities
                .iter()
                .find(|a| a.kind != ActivityKind::Coaching);
            if let Some(a) = first {
                let noticed = weekday_from(plus_days(a.start, rng.range(1, 6)));
                if noticed <= today {
                    let id = format!("act-{:06}-{}", e.n, plan.activities.len() + 1);
                    let wrong_kind = match a.kind {
                        ActivityKind::Internship => ActivityKind::WageSubsidy,
                        ActivityKind::LanguageSchool => ActivityKind::Course,
                        _ => ActivityKind::Internship,
                    };
                    events.push(Event::ActivityStarted(ActivityStarted {
                        id: id.clone(),
                        date: a.start,
                        enrolment: enrolment.clone(),
                        kind: wrong_kind,
                        planned_end: a.planned_end,
                        company: a.company.clone(),
                        hours_per_week: a.hours,
                        title: a.title.map(str::to_owned),
                    }));
                    let v = void(
                        RecordType::ActivityStarted,
                        id,
                        noticed,
                        "Forkert aktivitetstype",
                        "Fel aktivitetstyp",
                        &mut ids,
                    );
                    events.push(v);
                }
            }
        }
        Some(VoidKind::Left) => {
            let from = plus_days(accepted, 20);
            let to = plus_days(window_end, -10);
            if from < to {
                let date = weekday_until(rng.date_between(from, to));
                let noticed = weekday_from(plus_days(date, rng.range(1, 7)));
                let id = ids.id("left");
                events.push(Event::Left(Left {
                    id: id.clone(),
                    date,
                    enrolment: enrolment.clone(),
                    reason: LeaveReason::DroppedOut,
                }));
                let v = void(
                    RecordType::Left,
                    id,
                    noticed,
                    "Fejlregistrering – borgeren er fortsat i forløbet",
                    "Felregistrering – deltagaren är kvar i insatsen",
                    &mut ids,
                );
                events.push(v);
            }
        }
        None => {}
    }

    // Events of one enrolment in date order; the same day keeps the order built above.
    events.sort_by_key(Event::date);
    Generated {
        closed: plan.left.map(|(d, _)| d),
        events,
    }
}

fn follow_up_status(rng: &mut Rng, reason: LeaveReason) -> FollowUpStatus {
    use FollowUpStatus::*;
    let table = match reason {
        LeaveReason::Education => [(Education, 60), (Job, 20), (Benefit, 12), (Unknown, 8)],
        _ => [(Job, 70), (Education, 5), (Benefit, 15), (Unknown, 10)],
    };
    *rng.weighted(&table)
}
