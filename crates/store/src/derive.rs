//! The views derived from the timeline — status report and worklist — read from the database as
//! a stream of enrolments and computed by the domain's one definition of each.
//!
//! Each enrolment's events are parsed, folded and dropped before the next is read, so memory
//! does not grow with the number of enrolments.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use futures_util::stream::BoxStream;
use jobbro_domain::codes::Country;
use jobbro_domain::cohorts::{CohortBuilder, CohortReport};
use jobbro_domain::digest::{Chunk, DigestError};
use jobbro_domain::esf::{EsfAttributes, EsfReport, EsfReportBuilder};
use jobbro_domain::ips::{IpsBuilder, IpsReport};
use jobbro_domain::records::{Entity, Event, Person, Programme, Record};
use jobbro_domain::report::{Attributes, StatusReport, StatusReportBuilder};
use jobbro_domain::rules::Rules;
use jobbro_domain::timeline::EnrolmentTimeline;
use jobbro_domain::worklist::{Item, Worklist};

use crate::StoreError;
use crate::backend::{Backend, EntityTable, TimelineRow};
use crate::digests::{StatusDigests, StatusSink};

fn corrupt(record_type: &str, id: &str, reason: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: record_type.into(),
        id: id.into(),
        reason: reason.into(),
    }
}

fn parse_stored(body: &str, record_type: &str, id: &str) -> Result<Record, StoreError> {
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|_| corrupt(record_type, id, "body is not JSON"))?;
    Record::from_json(&value).map_err(|_| corrupt(record_type, id, "body is not a valid record"))
}

fn parse_programme(body: &str, id: &str) -> Result<Programme, StoreError> {
    match parse_stored(body, "programme", id)? {
        Record::Entity(Entity::Programme(p)) => Ok(p),
        _ => Err(corrupt("programme", id, "body is not a programme")),
    }
}

/// One programme, or `None`.
pub async fn programme<B: Backend>(db: &B, id: &str) -> Result<Option<Programme>, StoreError> {
    db.programme_body(id)
        .await?
        .map(|body| parse_programme(&body, id))
        .transpose()
}

/// Every programme, in the order they were recorded.
pub async fn programmes<B: Backend>(db: &B) -> Result<Vec<Programme>, StoreError> {
    let mut rows = db.entity_rows(EntityTable::Programmes);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await? {
        out.push(parse_programme(&row.body, &row.id)?);
    }
    Ok(out)
}

/// Beyond this many ids, [`programmes_with_ids`] reads every programme once instead of looking
/// each up: on SQLite every row crosses sqlx's worker thread, and at national scale (1,600
/// programmes) reading them all cost a caseworker's page more than their own cases did.
const FEW_PROGRAMMES: usize = 16;

/// The programmes with these ids, in the order of `ids`; ids of no programme are left out.
pub async fn programmes_with_ids<B: Backend>(
    db: &B,
    ids: &[String],
) -> Result<Vec<Programme>, StoreError> {
    if ids.len() <= FEW_PROGRAMMES {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(programme(db, id).await?);
        }
        return Ok(out);
    }
    let mut all: HashMap<String, Programme> = programmes(db)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    Ok(ids.iter().filter_map(|id| all.remove(id)).collect())
}

/// One enrolment read from the stream: its timeline and, from the referral row, its person.
pub(crate) struct EnrolmentRead {
    pub timeline: Option<EnrolmentTimeline>,
    pub person: Attributes,
    /// The person's given and family name (when people were asked for).
    pub name: PersonName,
    /// The person's record and the birth date read from their national id (when people were
    /// asked for), for figures that need more than `person`.
    pub record: Option<(Person, Option<NaiveDate>)>,
}

/// A person's name as the pages show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PersonName {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
}

impl PersonName {
    pub fn of(p: &Person) -> PersonName {
        PersonName {
            given_name: p.given_name.clone(),
            family_name: p.family_name.clone(),
        }
    }
}

/// Reads one stored row: its events into a timeline, its person (when asked for) into the
/// attributes reports group by. `None` for an enrolment without events.
pub(crate) fn read_row(row: TimelineRow) -> Result<Option<EnrolmentRead>, StoreError> {
    let TimelineRow {
        enrolment,
        events,
        person_body,
        id_birth_date,
    } = row;
    let Some(events) = events else {
        return Ok(None);
    };
    // Stored records were checked when written: read them back without re-checking.
    let events = Event::list_from_stored_json(&events).map_err(|e| {
        corrupt(
            "events of enrolment",
            &enrolment.to_string(),
            &e.to_string(),
        )
    })?;
    let (person, name, record) = match person_body {
        Some(pb) => {
            let p: Person = serde_json::from_str(&pb).map_err(|e| {
                corrupt(
                    "person of enrolment",
                    &enrolment.to_string(),
                    &e.to_string(),
                )
            })?;
            let attributes = Attributes::of(&p, id_birth_date);
            let name = PersonName::of(&p);
            (attributes, name, Some((p, id_birth_date)))
        }
        None => Default::default(),
    };
    Ok(Some(EnrolmentRead {
        timeline: EnrolmentTimeline::from_events(events),
        person,
        name,
        record,
    }))
}

/// Calls `each` with every enrolment of the programme (all for `None`), one at a time.
pub(crate) async fn for_each_enrolment<B: Backend>(
    db: &B,
    programme: Option<&str>,
    people: bool,
    each: impl FnMut(EnrolmentRead),
) -> Result<(), StoreError> {
    for_each_read(db.timeline_rows(programme, people), each).await
}

/// Calls `each` with every enrolment of `rows`, one at a time.
pub(crate) async fn for_each_read(
    mut rows: BoxStream<'_, Result<TimelineRow, StoreError>>,
    mut each: impl FnMut(EnrolmentRead),
) -> Result<(), StoreError> {
    while let Some(row) = rows.try_next().await? {
        if let Some(read) = read_row(row)? {
            each(read);
        }
    }
    Ok(())
}

/// The status report of one programme on `as_of` (FORMAT.md §4).
pub async fn status_report<B: Backend>(
    db: &B,
    programme_id: &str,
    as_of: NaiveDate,
    suppress: Option<u64>,
) -> Result<StatusReport, StoreError> {
    let p = programme(db, programme_id)
        .await?
        .ok_or_else(|| StoreError::UnknownProgramme(programme_id.to_owned()))?;
    let mut builder = StatusReportBuilder::new(&p.id, as_of, p.rules.effective(), p.goals.clone());
    for_each_enrolment(db, Some(programme_id), true, |e| {
        if let Some(t) = &e.timeline {
            builder.add(t, &e.person);
        }
    })
    .await?;
    Ok(builder.finish(suppress))
}

/// The status report of every programme on `as_of`, in programme-id order, each enrolment
/// counted by its own programme's builder (the same definition as [`status_report`]). Read from
/// the status digests (`crate::digests`) and the timelines of enrolments written since they
/// were last compacted, in one snapshot: at national scale this reads about a thousand chunks
/// instead of thirty million events.
pub async fn status_reports<B: Backend + StatusDigests>(
    db: &B,
    as_of: NaiveDate,
    suppress: Option<u64>,
) -> Result<Vec<StatusReport>, StoreError> {
    let builders = programmes(db)
        .await?
        .into_iter()
        .map(|p| {
            let builder = StatusReportBuilder::new(&p.id, as_of, p.rules.effective(), p.goals);
            (p.id, builder)
        })
        .collect();
    let mut sink = ReportSink {
        as_of,
        builders,
        dirty: HashSet::new(),
        t: EnrolmentTimeline::default(),
        person: Attributes::default(),
    };
    db.read_status(as_of, &mut sink).await?;
    Ok(sink
        .builders
        .into_values()
        .map(|b| b.finish(suppress))
        .collect())
}

/// Counts what a status read finds into each programme's report.
struct ReportSink {
    as_of: NaiveDate,
    builders: BTreeMap<String, StatusReportBuilder>,
    dirty: HashSet<i64>,
    /// Reused for every digest decoded.
    t: EnrolmentTimeline,
    person: Attributes,
}

fn damaged(e: DigestError) -> StoreError {
    corrupt("status digest chunk", "", &e.to_string())
}

impl StatusSink for ReportSink {
    fn dirty(&mut self, keys: HashSet<i64>) {
        self.dirty = keys;
    }

    fn chunk(&mut self, body: &[u8]) -> Result<(), StoreError> {
        let mut chunk = Chunk::read(body).map_err(damaged)?;
        while let Some(entry) = chunk.next_entry().map_err(damaged)? {
            if self.dirty.contains(&entry.key) || entry.referred().map_err(damaged)? > self.as_of {
                continue;
            }
            let Some(builder) = self.builders.get_mut(entry.programme) else {
                continue;
            };
            entry
                .decode(&mut self.t, &mut self.person)
                .map_err(damaged)?;
            builder.add(&self.t, &self.person);
        }
        Ok(())
    }

    fn timeline(&mut self, row: TimelineRow) -> Result<(), StoreError> {
        if let Some(read) = read_row(row)?
            && let Some(t) = &read.timeline
            && let Some(builder) = self.builders.get_mut(&t.programme)
        {
            builder.add(t, &read.person);
        }
        Ok(())
    }
}

/// The ESF+ common indicators of one programme on `as_of` (docs/REPORTS.md), for an operation
/// in `member_state`.
pub async fn esf_report<B: Backend>(
    db: &B,
    programme_id: &str,
    as_of: NaiveDate,
    member_state: Country,
) -> Result<EsfReport, StoreError> {
    let p = programme(db, programme_id)
        .await?
        .ok_or_else(|| StoreError::UnknownProgramme(programme_id.to_owned()))?;
    let mut builder = EsfReportBuilder::new(&p.id, as_of, member_state);
    for_each_enrolment(db, Some(programme_id), true, |e| {
        if let (Some(t), Some((person, id_birth))) = (&e.timeline, &e.record) {
            builder.add(t, &EsfAttributes::of(person, *id_birth));
        }
    })
    .await?;
    Ok(builder.finish())
}

/// The cohorts of one programme on `as_of` by referral quarter (docs/REPORTS.md), quarter counts
/// below `suppress` hidden (with those that would give them away) when it is given.
pub async fn cohort_report<B: Backend>(
    db: &B,
    programme_id: &str,
    as_of: NaiveDate,
    suppress: Option<u64>,
) -> Result<CohortReport, StoreError> {
    let p = programme(db, programme_id)
        .await?
        .ok_or_else(|| StoreError::UnknownProgramme(programme_id.to_owned()))?;
    let mut builder = CohortBuilder::new(&p.id, as_of, p.rules.effective());
    for_each_enrolment(db, Some(programme_id), false, |e| {
        if let Some(t) = &e.timeline {
            builder.add(t);
        }
    })
    .await?;
    Ok(builder.finish(suppress))
}

/// The IPS fidelity measures of one programme on `as_of` (docs/REPORTS.md). It names
/// caseworkers: the caller decides who may see it, and audits the read.
pub async fn ips_report<B: Backend>(
    db: &B,
    programme_id: &str,
    as_of: NaiveDate,
) -> Result<IpsReport, StoreError> {
    let p = programme(db, programme_id)
        .await?
        .ok_or_else(|| StoreError::UnknownProgramme(programme_id.to_owned()))?;
    let mut builder = IpsBuilder::new(&p.id, as_of, p.rules.effective());
    for_each_enrolment(db, Some(programme_id), false, |e| {
        if let Some(t) = &e.timeline {
            builder.add(t);
        }
    })
    .await?;
    Ok(builder.finish())
}

/// The worklist on `as_of` (FORMAT.md §5), for one programme or all, for one caseworker or all.
pub async fn worklist<B: Backend + crate::network::NetworkStore>(
    db: &B,
    as_of: NaiveDate,
    programme_id: Option<&str>,
    caseworker: Option<&str>,
) -> Result<Vec<Item>, StoreError> {
    let known = match programme_id {
        Some(id) => programmes_with_ids(db, &[id.to_owned()]).await?,
        None => programmes(db).await?,
    };
    let rules: HashMap<String, Rules> = known
        .into_iter()
        .map(|p| (p.id.clone(), p.rules.effective()))
        .collect();
    if let Some(id) = programme_id
        && !rules.contains_key(id)
    {
        return Err(StoreError::UnknownProgramme(id.to_owned()));
    }
    let default_rules = Rules::default();
    let mut list = Worklist::new(as_of);
    let interpreters =
        crate::network::worklist::InterpreterWork::load(db, as_of, programme_id).await?;
    let mut network_items = Vec::new();
    // One caseworker's items of one programme come only from the enrolments ever referred or
    // assigned to them (the caseworker index); the filter below keeps exactly theirs.
    let rows = match (programme_id, caseworker) {
        (Some(p), Some(cw)) => db.caseworker_timeline_rows(p, cw),
        _ => db.timeline_rows(programme_id, false),
    };
    for_each_read(rows, |e| {
        if let Some(t) = &e.timeline {
            let rules = rules.get(&t.programme).unwrap_or(&default_rules);
            list.add(t, rules);
            network_items.extend(interpreters.items(t, rules));
        }
    })
    .await?;
    let mut items = list.finish();
    if !network_items.is_empty() {
        items.extend(network_items);
        jobbro_domain::worklist::sort_most_overdue_first(&mut items);
    }
    if let Some(cw) = caseworker {
        items.retain(|i| i.caseworker.as_deref() == Some(cw));
    }
    Ok(items)
}
