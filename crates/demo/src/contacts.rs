//! Contacts of one enrolment: close contact at the programme's cadence while the participant looks
//! for work, the aftercare cadence once in job or education, little during leave; no-shows
//! rescheduled within days, interpreters for those who need one, workplace visits at work.

use chrono::NaiveDate;
use jobbro_domain::enums::{ContactKind, Situation};
use jobbro_domain::records::Contact;

use crate::enrolment::{Enrolment, Ids};
use crate::paths::Plan;
use crate::rng::{Rng, plus_days, weekday_from};

/// Contacts from acceptance up to `until`, at the programme's cadence for the situation of the
/// day: close contact while looking for work, aftercare once in job or education, little on leave.
pub(crate) fn contacts(
    rng: &mut Rng,
    e: &Enrolment<'_>,
    plan: &Plan,
    accepted: NaiveDate,
    until: NaiveDate,
    ids: &mut Ids,
) -> Vec<Contact> {
    let rules = &e.programme.rules;
    let nation = e.programme.nation();
    let every = i64::from(rules.contact_every_days);
    let aftercare = i64::from(rules.aftercare_contact_every_days);
    let enrolment = format!("enr-{:06}", e.n);
    let mut out = Vec::new();
    let mut day = accepted;
    while day <= until {
        let situation = plan.situation_on(day, rules.full_time_hours);
        let at_work = matches!(
            situation,
            Situation::JobFullTime
                | Situation::JobPartTime
                | Situation::WageSubsidy
                | Situation::Internship
                | Situation::Education
        );
        let kind = *rng.weighted(&[
            (ContactKind::Meeting, 50),
            (ContactKind::Phone, 20),
            (ContactKind::Video, 6),
            (ContactKind::HomeVisit, if at_work { 2 } else { 8 }),
            (ContactKind::WorkplaceVisit, if at_work { 30 } else { 0 }),
            (ContactKind::Message, 8),
        ]);
        let attended = !rng.chance(0.07);
        let spoken = !matches!(kind, ContactKind::Message);
        let interpreter = (e.facts.needs_interpreter && spoken && rng.chance(0.5))
            .then_some(e.facts.mother_tongue)
            .flatten();
        let note = (attended && rng.chance(0.12)).then(|| {
            let (dk, se) = *rng.pick(&[
                ("Opfølgning på praktik", "Uppföljning av praktik"),
                ("Samtale om næste skridt", "Samtal om nästa steg"),
                ("Jobsøgning gennemgået", "Genomgång av jobbansökningar"),
                (
                    "Trepartssamtale med virksomheden",
                    "Trepartssamtal med arbetsgivaren",
                ),
                ("Status på sprogundervisning", "Avstämning av SFI-studier"),
            ]);
            nation.text(dk, se).to_owned()
        });
        out.push(Contact {
            id: ids.id("con"),
            date: day,
            enrolment: enrolment.clone(),
            kind,
            attended: (!attended).then_some(false),
            interpreter_language: interpreter,
            caseworker: None,
            note,
        });
        let gap = if !attended {
            rng.range(1, 3)
        } else if situation == Situation::Leave {
            rng.range(21, 42)
        } else if situation.is_aftercare() {
            rng.range((aftercare - 5).max(2), aftercare + 1)
        } else {
            rng.range((every - 3).max(2), every + 1)
        };
        day = weekday_from(plus_days(day, gap * e.contact_spacing.max(1)));
    }
    out
}
