//! Placements: the activities at a company, read through the domain's timeline (voids applied),
//! each with its outcome on a day — ended (and why) or ongoing — and, for an internship, the paid
//! work it turned into (`jobbro_domain::company_report::converted_to`). Also the company report
//! of a programme.

use std::collections::HashMap;

use chrono::NaiveDate;
use jobbro_domain::company_report::{self, CompanyFacts, CompanyReport, CompanyReportBuilder};
use jobbro_domain::enums::{ActivityKind, EndReason};
use jobbro_domain::records::{Event, Person};
use jobbro_domain::timeline::{Activity, EnrolmentTimeline};

use super::{CompanyStore, PlacementRow};
use crate::StoreError;
use crate::derive::PersonName;

/// One activity at a company, as known on the day asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub enrolment: String,
    pub programme: String,
    pub person: String,
    /// The participant's name: personal data, to be shown only to whom the policy lets read the
    /// enrolment (and audited).
    pub name: PersonName,
    /// The enrolment's caseworker on the day asked about (for the policy).
    pub caseworker: Option<String>,
    pub activity: String,
    pub kind: ActivityKind,
    pub start: NaiveDate,
    /// The last day, when it had ended by the day asked about.
    pub end: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    /// The planned end in force on the day asked about.
    pub planned_end: Option<NaiveDate>,
    pub hours_per_week: Option<f64>,
    /// For an internship: the kind of paid work at the same company it led to.
    pub converted_to: Option<ActivityKind>,
}

impl Placement {
    pub fn ongoing(&self) -> bool {
        self.end.is_none()
    }
}

/// Groups rows by enrolment into timelines, keeping only enrolments of `programmes`.
fn timelines(
    rows: Vec<PlacementRow>,
    programmes: &[String],
) -> Result<Vec<(EnrolmentTimeline, PersonName)>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        // Only enrolments with an activity at a company have placements.
        if !programmes.contains(&row.programme) || !row.events.contains("\"company\":") {
            continue;
        }
        let events =
            Event::list_from_stored_json(&row.events).map_err(|_| StoreError::Corrupt {
                record_type: "events of enrolment".into(),
                id: row.enrolment.clone(),
                reason: "not a list of events".into(),
            })?;
        let name = match row.person_body.as_deref() {
            Some(body) => serde_json::from_str::<Person>(body)
                .map(|p| PersonName::of(&p))
                .unwrap_or_default(),
            None => PersonName::default(),
        };
        if let Some(t) = EnrolmentTimeline::from_events(events) {
            out.push((t, name));
        }
    }
    Ok(out)
}

fn placement(t: &EnrolmentTimeline, name: &PersonName, a: &Activity, on: NaiveDate) -> Placement {
    let end = a.end_on(on);
    let converted_to = company_report::converted_to(t, a, on).map(|b| b.kind);
    Placement {
        enrolment: t.id.clone(),
        programme: t.programme.clone(),
        person: t.person.clone(),
        name: name.clone(),
        caseworker: t.caseworker_on(on).map(str::to_owned),
        activity: a.id.clone(),
        kind: a.kind,
        start: a.start,
        end,
        end_reason: end.and_then(|_| a.ends.first().and_then(|(_, r)| *r)),
        planned_end: a.planned_end_on(on),
        hours_per_week: a.hours_per_week,
        converted_to,
    }
}

/// The placements at `company` in `programmes` started on or before `on`, most recent first.
pub async fn company_placements<S: CompanyStore>(
    db: &S,
    company: &str,
    programmes: &[String],
    on: NaiveDate,
) -> Result<Vec<Placement>, StoreError> {
    let rows = db.placement_rows(Some(company)).await?;
    let mut out: Vec<Placement> = timelines(rows, programmes)?
        .iter()
        .flat_map(|(t, name)| {
            t.activities
                .iter()
                .filter(|a| a.company.as_deref() == Some(company) && a.start <= on)
                .map(move |a| placement(t, name, a, on))
        })
        .collect();
    out.sort_by(|a, b| b.start.cmp(&a.start).then(a.activity.cmp(&b.activity)));
    Ok(out)
}

/// How many placements each company has in `programmes` (started on or before `on`): `(all,
/// ongoing)` by company id.
pub async fn placement_counts<S: CompanyStore>(
    db: &S,
    programmes: &[String],
    on: NaiveDate,
) -> Result<HashMap<String, (usize, usize)>, StoreError> {
    let rows = db.placement_rows(None).await?;
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (t, _) in timelines(rows, programmes)? {
        for a in t.activities.iter().filter(|a| a.start <= on) {
            if let Some(company) = &a.company {
                let entry = counts.entry(company.clone()).or_default();
                entry.0 += 1;
                if a.end_on(on).is_none() {
                    entry.1 += 1;
                }
            }
        }
    }
    Ok(counts)
}

/// The company report of `programme` on `as_of` (docs/REPORTS.md): placements per company and
/// sector, and internships converted into paid work. Counts only; no person is read.
pub async fn company_report<S: CompanyStore + crate::Backend>(
    db: &S,
    programme: &str,
    as_of: NaiveDate,
) -> Result<CompanyReport, StoreError> {
    let rules = crate::programme(db, programme)
        .await?
        .ok_or_else(|| StoreError::UnknownProgramme(programme.to_owned()))?
        .rules
        .effective();
    let rows = db.placement_rows(None).await?;
    let mut builder = CompanyReportBuilder::new(programme, as_of, rules);
    for (t, _) in timelines(rows, &[programme.to_owned()])? {
        builder.add(&t);
    }
    let companies: HashMap<String, CompanyFacts> = super::companies(db)
        .await?
        .into_iter()
        .map(|c| {
            let facts = CompanyFacts {
                name: c.name,
                sector: c.sector,
            };
            (c.id, facts)
        })
        .collect();
    Ok(builder.finish(|id| companies.get(id).cloned()))
}
