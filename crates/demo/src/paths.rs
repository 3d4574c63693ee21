//! How an accepted enrolment unfolds: the activities one after another (language school,
//! internship, paid hours, full-time job; education; wage subsidy; leave; health…), their
//! extensions and ends, and how and when the participant leaves.
//!
//! A path is planned forward from acceptance and stops at `today`: nothing planned here is dated
//! after it. What is still open on `today` is simply left open (no end recorded), which is what
//! makes a participant active in a situation.

use chrono::NaiveDate;
use jobbro_domain::enums::{ActivityKind, EndReason, Gender, LeaveReason, Situation};

use crate::companies::CompanyInfo;
use crate::people::PersonFacts;
use crate::programmes::{Nation, ProgrammeInfo};
use crate::rng::{Rng, plus_days, weekday_from};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TrackKind {
    /// Language school → internship → paid hours → full-time job at the same company.
    LanguageToFullTime,
    /// Internship → wage subsidy → job at the same company.
    CompanyLadder,
    /// A short internship that turns into a job.
    InternshipToJob,
    /// Language school → internship → a part-time job (paid hours) that lasts.
    InternshipToPaidHours,
    /// Language school → course → education.
    LanguageToEducation,
    /// Preparatory course → education.
    YouthEducation,
    /// Internship → apprenticeship (voksenlære).
    Apprenticeship,
    /// Certificate course → internship → job.
    CourseToJob,
    /// Health first, small internships, no result.
    HealthFirst,
    /// Language school → maternity leave → internship → paid hours.
    Maternity,
    /// Drops out early.
    DropOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Nowhere,
    NewCompany,
    SameCompany,
}

#[derive(Debug, Clone, Copy)]
struct Step {
    kind: ActivityKind,
    /// Planned length in days; `None` for an ordinary job, which has no planned end.
    days: Option<(i64, i64)>,
    hours: Option<(i64, i64)>,
    place: Place,
}

const fn step(kind: ActivityKind, days: (i64, i64), place: Place) -> Step {
    Step {
        kind,
        days: Some(days),
        hours: None,
        place,
    }
}

const fn hours(mut s: Step, h: (i64, i64)) -> Step {
    s.hours = Some(h);
    s
}

const fn job(h: (i64, i64)) -> Step {
    Step {
        kind: ActivityKind::Job,
        days: None,
        hours: Some(h),
        place: Place::SameCompany,
    }
}

use ActivityKind as K;
use Place::{NewCompany as New, Nowhere, SameCompany as Same};

const LANGUAGE: Step = step(K::LanguageSchool, (120, 240), Nowhere);

enum Exit {
    Job,
    Education,
    Other([(LeaveReason, u32); 5]),
}

struct Track {
    steps: &'static [Step],
    exit: Exit,
    /// Chance that any one activity is dropped.
    drop: f64,
}

const NO_RESULT: [(LeaveReason, u32); 5] = [
    (LeaveReason::Rehabilitation, 25),
    (LeaveReason::Illness, 20),
    (LeaveReason::JobcentreDecision, 20),
    (LeaveReason::ReferredElsewhere, 20),
    (LeaveReason::Completed, 15),
];

const DROPPED: [(LeaveReason, u32); 5] = [
    (LeaveReason::DroppedOut, 45),
    (LeaveReason::Moved, 20),
    (LeaveReason::Illness, 15),
    (LeaveReason::ReferredElsewhere, 10),
    (LeaveReason::Other, 10),
];

const LANGUAGE_TO_FULL_TIME: &[Step] = &[
    LANGUAGE,
    hours(step(K::Internship, (42, 91), New), (15, 25)),
    hours(step(K::Job, (91, 182), Same), (8, 16)),
    job((30, 37)),
];
const COMPANY_LADDER: &[Step] = &[
    hours(step(K::Internship, (28, 84), New), (20, 30)),
    hours(step(K::WageSubsidy, (120, 270), Same), (25, 37)),
    job((32, 37)),
];
const INTERNSHIP_TO_JOB: &[Step] = &[
    hours(step(K::Internship, (28, 70), New), (25, 37)),
    job((35, 40)),
];
const INTERNSHIP_TO_PAID_HOURS: &[Step] = &[
    step(K::LanguageSchool, (90, 180), Nowhere),
    hours(step(K::Internship, (42, 84), New), (12, 20)),
    job((8, 20)),
];
const LANGUAGE_TO_EDUCATION: &[Step] = &[
    step(K::LanguageSchool, (150, 300), Nowhere),
    step(K::Course, (28, 70), Nowhere),
    step(K::Education, (300, 700), Nowhere),
];
const YOUTH_EDUCATION: &[Step] = &[
    step(K::Course, (28, 84), Nowhere),
    step(K::Education, (300, 900), Nowhere),
];
const APPRENTICESHIP: &[Step] = &[
    hours(step(K::Internship, (28, 70), New), (30, 37)),
    hours(step(K::Apprenticeship, (365, 900), Same), (37, 37)),
];
const COURSE_TO_JOB: &[Step] = &[
    step(K::Course, (14, 42), Nowhere),
    hours(step(K::Internship, (28, 56), New), (20, 30)),
    job((30, 37)),
];
const HEALTH_FIRST: &[Step] = &[
    step(K::Health, (42, 120), Nowhere),
    hours(step(K::Internship, (56, 120), New), (6, 15)),
    step(K::Course, (28, 56), Nowhere),
    hours(step(K::Internship, (56, 112), New), (10, 20)),
];
const MATERNITY: &[Step] = &[
    step(K::LanguageSchool, (60, 180), Nowhere),
    step(K::Leave, (180, 330), Nowhere),
    hours(step(K::Internship, (42, 84), New), (15, 25)),
    job((10, 20)),
];
const DROP_OUT: &[Step] = &[
    step(K::LanguageSchool, (60, 200), Nowhere),
    hours(step(K::Internship, (28, 56), New), (15, 25)),
];

impl TrackKind {
    fn track(self) -> Track {
        let (steps, exit, drop) = match self {
            TrackKind::LanguageToFullTime => (LANGUAGE_TO_FULL_TIME, Exit::Job, 0.05),
            TrackKind::CompanyLadder => (COMPANY_LADDER, Exit::Job, 0.05),
            TrackKind::InternshipToJob => (INTERNSHIP_TO_JOB, Exit::Job, 0.05),
            TrackKind::InternshipToPaidHours => (INTERNSHIP_TO_PAID_HOURS, Exit::Job, 0.05),
            TrackKind::LanguageToEducation => (LANGUAGE_TO_EDUCATION, Exit::Education, 0.05),
            TrackKind::YouthEducation => (YOUTH_EDUCATION, Exit::Education, 0.08),
            TrackKind::Apprenticeship => (APPRENTICESHIP, Exit::Education, 0.06),
            TrackKind::CourseToJob => (COURSE_TO_JOB, Exit::Job, 0.05),
            TrackKind::HealthFirst => (HEALTH_FIRST, Exit::Other(NO_RESULT), 0.08),
            TrackKind::Maternity => (MATERNITY, Exit::Job, 0.03),
            TrackKind::DropOut => (DROP_OUT, Exit::Other(DROPPED), 0.5),
        };
        Track { steps, exit, drop }
    }
}

/// An activity as planned; only what is dated on or before `today` is kept.
#[derive(Debug, Clone)]
pub(crate) struct PlannedActivity {
    pub kind: ActivityKind,
    pub start: NaiveDate,
    pub planned_end: Option<NaiveDate>,
    /// `(date recorded, new planned end)`.
    pub extensions: Vec<(NaiveDate, NaiveDate)>,
    pub end: Option<(NaiveDate, EndReason)>,
    pub company: Option<String>,
    pub hours: Option<f64>,
    pub title: Option<&'static str>,
}

impl PlannedActivity {
    fn is_open_on(&self, d: NaiveDate) -> bool {
        self.start <= d && self.end.is_none_or(|(end, _)| end >= d)
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub activities: Vec<PlannedActivity>,
    pub left: Option<(NaiveDate, LeaveReason)>,
}

impl Plan {
    /// The participant leaves on `left` (if that is not after `today`): whatever is still open
    /// ends the day before.
    fn leave(mut self, left: NaiveDate, reason: LeaveReason, today: NaiveDate) -> Plan {
        if left > today {
            return self;
        }
        let last_day = plus_days(left, -1);
        for a in &mut self.activities {
            a.extensions.retain(|(d, _)| *d < left);
            let ends_late = a.end.is_none_or(|(end, _)| end > last_day);
            if ends_late {
                a.end = Some((last_day.max(a.start), EndReason::Other));
            }
        }
        self.left = Some((left, reason));
        self
    }

    /// The situation on `d` by the same ranking as the domain's status (best open activity).
    pub(crate) fn situation_on(&self, d: NaiveDate, full_time_hours: f64) -> Situation {
        self.activities
            .iter()
            .filter(|a| a.is_open_on(d))
            .map(|a| match a.kind {
                K::Job if a.hours.is_some_and(|h| h >= full_time_hours) => Situation::JobFullTime,
                K::Job => Situation::JobPartTime,
                K::Education | K::Apprenticeship => Situation::Education,
                K::WageSubsidy => Situation::WageSubsidy,
                K::Internship => Situation::Internship,
                K::Leave => Situation::Leave,
                K::LanguageSchool => Situation::LanguageSchool,
                K::Course | K::Health | K::Coaching => Situation::Coaching,
            })
            .min()
            .unwrap_or(Situation::Coaching)
    }
}

fn title(rng: &mut Rng, kind: ActivityKind, nation: Nation) -> &'static str {
    let options: [(&str, &str); 3] = match kind {
        K::LanguageSchool => [
            ("Danskuddannelse 2, modul 2", "SFI kurs B"),
            ("Danskuddannelse 1, modul 3", "SFI kurs C"),
            ("Arbejdsmarkedsrettet dansk", "Yrkessvenska"),
        ],
        K::Course => [
            ("Hygiejnebevis", "Hygienutbildning"),
            ("Truckcertifikat", "Truckkort"),
            ("AMU: Erhvervsrengøring", "Yrkesintroduktion"),
        ],
        K::Education => [
            (
                "Social- og sundhedshjælperuddannelsen",
                "Vård- och omsorgsutbildning (Komvux)",
            ),
            ("Erhvervsgrunduddannelse (EGU)", "Barnskötarutbildning"),
            (
                "Pædagogisk assistentuddannelse",
                "Yrkesvux: lager och logistik",
            ),
        ],
        K::Health => [
            ("Fysioterapi", "Fysioterapi"),
            ("Samtaleforløb hos psykolog", "Samtalsstöd"),
            ("Helbredsafklaring", "Arbetsförmågebedömning"),
        ],
        K::Coaching => [
            ("Kompetenceafklaring", "Kartläggning"),
            ("CV og jobsøgning", "CV-verkstad"),
            ("Jobsøgningsforløb", "Jobbcoachning"),
        ],
        K::Leave => [
            ("Barsel", "Föräldraledighet"),
            ("Barselsorlov", "Föräldraledighet"),
            ("Barsel", "Föräldraledighet"),
        ],
        _ => [("Virksomhedsrettet forløb", "Arbetsplatsförlagd aktivitet"); 3],
    };
    let (dk, se) = *rng.pick(&options);
    nation.text(dk, se)
}

fn coaching(rng: &mut Rng, start: NaiveDate, today: NaiveDate, nation: Nation) -> PlannedActivity {
    let planned = plus_days(start, rng.range(14, 35));
    PlannedActivity {
        kind: K::Coaching,
        start,
        planned_end: Some(planned),
        extensions: Vec::new(),
        end: (planned < today).then_some((planned, EndReason::Completed)),
        company: None,
        hours: None,
        title: Some(title(rng, K::Coaching, nation)),
    }
}

/// Plans the activities and the leaving of an enrolment accepted on `accepted`, along `track` or
/// one typical of the programme. With `stall`, one step is preceded by a long gap without activity.
pub(crate) fn walk(
    rng: &mut Rng,
    programme: &ProgrammeInfo,
    facts: &PersonFacts,
    accepted: NaiveDate,
    today: NaiveDate,
    stall: bool,
    track: Option<TrackKind>,
) -> Plan {
    let nation = programme.nation();
    let mut kind = track.unwrap_or_else(|| *rng.weighted(&programme.template.tracks()));
    if kind == TrackKind::Maternity && facts.gender != Gender::Female {
        kind = TrackKind::CompanyLadder;
    }
    let track = kind.track();
    let steps: Vec<Step> = track
        .steps
        .iter()
        .filter(|s| !(facts.origin.is_nordic() && s.kind == K::LanguageSchool))
        .copied()
        .collect();
    let mut plan = Plan::default();
    let mut cursor = weekday_from(plus_days(accepted, rng.range(0, 7)));
    let deadline = plus_days(accepted, 900);
    let mut company: Option<&CompanyInfo> = None;
    let stall_at = stall.then(|| rng.below(steps.len()));
    let mut converted = false;
    if rng.chance(0.35) && cursor <= today {
        plan.activities.push(coaching(rng, cursor, today, nation));
    }
    for (i, s) in steps.iter().enumerate() {
        let gap = if stall_at == Some(i) {
            let gap = rng.range(50, 150);
            let during = weekday_from(plus_days(cursor, rng.range(3, 14)));
            if rng.chance(0.6) && during <= today {
                plan.activities.push(coaching(rng, during, today, nation));
            }
            gap
        } else if converted {
            0
        } else if rng.chance(0.1) {
            rng.range(10, 30)
        } else {
            rng.range(0, 7)
        };
        let start = weekday_from(plus_days(cursor, gap));
        if start > today {
            return plan;
        }
        if start > deadline {
            let reason = *rng.pick(&[LeaveReason::Completed, LeaveReason::JobcentreDecision]);
            return plan.leave(start, reason, today);
        }
        let here = match s.place {
            Nowhere => None,
            New => rng.pick_slice(&programme.companies),
            Same => company.or_else(|| rng.pick_slice(&programme.companies)),
        };
        if here.is_some() {
            company = here;
        }
        let title = match here {
            Some(c) => *rng.pick(&c.sector.titles(nation)),
            None => title(rng, s.kind, nation),
        };
        let planned = s.days.map(|(lo, hi)| plus_days(start, rng.range(lo, hi)));
        let mut act = PlannedActivity {
            kind: s.kind,
            start,
            planned_end: planned,
            extensions: Vec::new(),
            end: None,
            company: here.map(|c| c.id.clone()),
            hours: s.hours.map(|(lo, hi)| rng.range(lo, hi) as f64),
            title: Some(title),
        };

        let last = i + 1 == steps.len();
        if last && matches!(track.exit, Exit::Job | Exit::Education) {
            // The result: the participant stays for aftercare, then leaves with it.
            let (stay, reason) = match track.exit {
                Exit::Education => (rng.range(30, 180), LeaveReason::Education),
                _ => (rng.range(60, 240), LeaveReason::Job),
            };
            plan.activities.push(act);
            let left = plus_days(start, stay);
            if left <= today {
                plan.left = Some((left, reason));
            }
            return plan;
        }
        if s.kind == K::Leave && rng.chance(0.4) {
            plan.activities.push(act);
            let left = plus_days(start, rng.range(1, 14));
            return plan.leave(left, LeaveReason::Maternity, today);
        }

        let mut last_day = planned.unwrap_or_else(|| plus_days(start, 365));
        let extendable = !matches!(s.kind, K::Job | K::Apprenticeship);
        let mut extensions = 0;
        while extendable && extensions < 2 && rng.chance(if extensions == 0 { 0.2 } else { 0.25 }) {
            let recorded = plus_days(last_day, -rng.range(2, 14)).max(plus_days(start, 1));
            last_day = plus_days(last_day, rng.range(28, 84));
            act.extensions.push((recorded, last_day));
            extensions += 1;
        }
        let dropped = rng.chance(track.drop);
        if dropped {
            let span = (last_day - start).num_days();
            last_day = plus_days(start, rng.range(2, (span * 2 / 3).max(3)));
            act.extensions.retain(|(d, _)| *d <= last_day);
        }
        if last_day >= today {
            act.extensions.retain(|(d, _)| *d <= today);
            plan.activities.push(act);
            return plan;
        }
        let next_same = steps.get(i + 1).is_some_and(|n| n.place == Same);
        converted = !dropped && next_same && here.is_some();
        let reason = match (dropped, converted) {
            (true, _) => EndReason::DroppedOut,
            (false, true) => EndReason::Converted,
            (false, false) => EndReason::Completed,
        };
        act.end = Some((last_day, reason));
        plan.activities.push(act);
        cursor = plus_days(last_day, 1);
        if dropped && (matches!(track.exit, Exit::Other(_)) || rng.chance(0.5)) {
            let left = plus_days(cursor, rng.range(0, 14));
            let reason = *rng.weighted(&DROPPED);
            return plan.leave(left, reason, today);
        }
    }
    let reason = match track.exit {
        Exit::Other(reasons) => *rng.weighted(&reasons),
        _ => LeaveReason::Completed,
    };
    let left = plus_days(cursor, rng.range(0, 20));
    plan.leave(left, reason, today)
}
