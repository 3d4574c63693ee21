//! Running a programme: its figures over time (the status report, the situation series and the
//! funnel, read in one pass), its caseload per caseworker, and the two changes a lead makes —
//! the rules and goals ([`update_rules_and_goals`]) and moving a caseload from one caseworker to
//! another ([`reassign`]). Every change is checked as an import checks it and audited in the same
//! transaction; nothing is half-written.
//!
//! The programme's record is the one stored record that is ever replaced (a programme is not an
//! event: it has no history of its own), and only through [`update_rules_and_goals`], which keeps
//! every other field of it. Nothing here asks the policy: the caller has. Nothing here logs.

mod sql;

use std::future::Future;

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use jobbro_domain::ips::ActiveCaseload;
use jobbro_domain::records::{Caseworker, Entity, Programme, Record, RecordError};
use jobbro_domain::report::{StatusReport, StatusReportBuilder};
use jobbro_domain::rules::Rules;
use jobbro_domain::series::{Funnel, FunnelBuilder, SeriesPoint, SituationSeries, month_ends};
use jobbro_domain::status::Status;
use jobbro_domain::timeline::EnrolmentTimeline;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::audit::AuditEntry;
use crate::backend::{Backend, EntityTable};
use crate::caseload::{Case, caseload};
use crate::derive::{for_each_enrolment, programme};
use crate::{Context, Database, LineError, StoreError};

/// A database whose programme records can be replaced.
pub trait ProgrammeWriteStore: Send + Sync {
    /// Replaces the body of programme `id` of `organisation`, if it is still `old_body`, and
    /// appends `audit` in the same transaction. `false` (nothing written) when the programme is
    /// not there or was changed meanwhile.
    fn replace_programme_body(
        &self,
        id: &str,
        organisation: &str,
        old_body: &str,
        new_body: &str,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
}

impl ProgrammeWriteStore for Database {
    async fn replace_programme_body(
        &self,
        id: &str,
        organisation: &str,
        old_body: &str,
        new_body: &str,
        audit: &[AuditEntry],
    ) -> Result<bool, StoreError> {
        match self {
            Database::Sqlite(db) => {
                db.replace_programme_body(id, organisation, old_body, new_body, audit)
                    .await
            }
            Database::Postgres(db) => {
                db.replace_programme_body(id, organisation, old_body, new_body, audit)
                    .await
            }
        }
    }
}

async fn known_programme<B: Backend>(db: &B, id: &str) -> Result<Programme, StoreError> {
    programme(db, id)
        .await?
        .ok_or_else(|| StoreError::UnknownProgramme(id.to_owned()))
}

/// What the programme page shows of a day: the status report, the situation at each month end
/// of a span, and the funnel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeFigures {
    pub report: StatusReport,
    pub series: Vec<SeriesPoint>,
    pub funnel: Funnel,
    /// The caseload per caseworker on `as_of`, when asked for.
    pub caseload: Option<Vec<CaseworkerLoad>>,
}

/// The status report on `as_of` (breakdown counts below `suppress` hidden), the situation series
/// over the month ends from `from` to `to`, the funnel on `as_of` and, when `caseload` is asked
/// for, the caseload per caseworker on `as_of`: one read of the programme.
pub async fn programme_figures<B: Backend>(
    db: &B,
    programme_id: &str,
    as_of: NaiveDate,
    (from, to): (NaiveDate, NaiveDate),
    suppress: Option<u64>,
    caseload: bool,
) -> Result<ProgrammeFigures, StoreError> {
    let p = known_programme(db, programme_id).await?;
    let rules = p.rules.effective();
    let mut report = StatusReportBuilder::new(&p.id, as_of, rules.clone(), p.goals.clone());
    let mut series = SituationSeries::new(&p.id, &month_ends(from, to), &rules);
    let mut funnel = FunnelBuilder::new(&p.id, as_of, rules.clone());
    let mut active = ActiveByCaseworker::default();
    for_each_enrolment(db, Some(programme_id), true, |e| {
        if let Some(t) = &e.timeline {
            report.add(t, &e.person);
            series.add(t);
            funnel.add(t);
            if caseload {
                active.add(t, as_of, &rules);
            }
        }
    })
    .await?;
    let caseload = if caseload {
        Some(active.loads(db, rules.max_caseload).await?)
    } else {
        None
    };
    Ok(ProgrammeFigures {
        report: report.finish(suppress),
        series: series.finish(),
        funnel: funnel.finish(),
        caseload,
    })
}

/// The situation of the programme's active enrolments at each month end from `from` to `to`.
pub async fn situation_series<B: Backend>(
    db: &B,
    programme_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SeriesPoint>, StoreError> {
    let p = known_programme(db, programme_id).await?;
    let mut series = SituationSeries::new(&p.id, &month_ends(from, to), &p.rules.effective());
    for_each_enrolment(db, Some(programme_id), false, |e| {
        if let Some(t) = &e.timeline {
            series.add(t);
        }
    })
    .await?;
    Ok(series.finish())
}

/// The programme's funnel on `as_of`.
pub async fn funnel<B: Backend>(
    db: &B,
    programme_id: &str,
    as_of: NaiveDate,
) -> Result<Funnel, StoreError> {
    let p = known_programme(db, programme_id).await?;
    let mut funnel = FunnelBuilder::new(&p.id, as_of, p.rules.effective());
    for_each_enrolment(db, Some(programme_id), false, |e| {
        if let Some(t) = &e.timeline {
            funnel.add(t);
        }
    })
    .await?;
    Ok(funnel.finish())
}

/// Every caseworker record, in the order recorded.
pub async fn caseworkers<B: Backend>(db: &B) -> Result<Vec<Caseworker>, StoreError> {
    let mut rows = db.entity_rows(EntityTable::Caseworkers);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await? {
        let value: Value = serde_json::from_str(&row.body).map_err(|_| corrupt(&row.id))?;
        match Record::from_json(&value) {
            Ok(Record::Entity(Entity::Caseworker(c))) => out.push(c),
            _ => return Err(corrupt(&row.id)),
        }
    }
    Ok(out)
}

fn corrupt(id: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: "caseworker".into(),
        id: id.into(),
        reason: "body is not a caseworker".into(),
    }
}

/// One caseworker's active caseload in a programme, against the programme's limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseworkerLoad {
    /// The caseworker's id; `None` for active enrolments nobody is responsible for.
    pub caseworker: Option<String>,
    /// The caseworker's name from their record, when there is one.
    pub name: Option<String>,
    pub active: u64,
    pub max_caseload: u32,
    pub over: bool,
}

/// Active enrolments per caseworker on `as_of` (FORMAT.md §5: the latest `assigned`, else the
/// referral's caseworker), every caseworker on record listed, unassigned ones last.
pub async fn caseload_per_caseworker<B: Backend>(
    db: &B,
    programme_id: &str,
    as_of: NaiveDate,
) -> Result<Vec<CaseworkerLoad>, StoreError> {
    let p = known_programme(db, programme_id).await?;
    let rules = p.rules.effective();
    let mut active = ActiveByCaseworker::default();
    for_each_enrolment(db, Some(programme_id), false, |e| {
        if let Some(t) = &e.timeline {
            active.add(t, as_of, &rules);
        }
    })
    .await?;
    active.loads(db, rules.max_caseload).await
}

/// Counts active enrolments by the caseworker responsible (the domain's `ips::ActiveCaseload`, as
/// `caseload::caseload` sees them
/// with `status_on` and `caseworker_on`), without keeping the cases.
#[derive(Debug, Default)]
struct ActiveByCaseworker(ActiveCaseload);

impl ActiveByCaseworker {
    fn add(&mut self, t: &EnrolmentTimeline, as_of: NaiveDate, rules: &Rules) {
        self.0.add(t, as_of, rules);
    }

    async fn loads<B: Backend>(
        mut self,
        db: &B,
        max: u32,
    ) -> Result<Vec<CaseworkerLoad>, StoreError> {
        let active = &mut self.0.0;
        let mut out = Vec::new();
        for cw in caseworkers(db).await? {
            let n = active.remove(&Some(cw.id.clone())).unwrap_or(0);
            out.push(load_of(Some(cw.id), Some(cw.name), n, max));
        }
        // Named on enrolments but without a record of their own, then nobody.
        let unassigned = active.remove(&None);
        for (cw, n) in std::mem::take(active) {
            out.push(load_of(cw, None, n, max));
        }
        out.extend(unassigned.map(|n| load_of(None, None, n, max)));
        Ok(out)
    }
}

fn load_of(
    caseworker: Option<String>,
    name: Option<String>,
    active: u64,
    max: u32,
) -> CaseworkerLoad {
    CaseworkerLoad {
        over: caseworker.is_some() && active > u64::from(max),
        caseworker,
        name,
        active,
        max_caseload: max,
    }
}

fn is_active(case: &Case) -> bool {
    matches!(case.status, Status::Active { .. })
}

/// The enrolments of the programme that are active on `as_of` with `caseworker` responsible.
pub async fn active_cases_of(
    db: &Database,
    programme_id: &str,
    caseworker: &str,
    as_of: NaiveDate,
) -> Result<Vec<Case>, StoreError> {
    let load = caseload(db, as_of, &[programme_id.to_owned()], Some(caseworker)).await?;
    Ok(load.cases.into_iter().filter(is_active).collect())
}

/// Moving cases to another caseworker from a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassignment {
    pub programme: String,
    pub to: String,
    pub date: NaiveDate,
    /// The enrolments to move (see [`active_cases_of`]).
    pub enrolments: Vec<String>,
}

/// Writes one `assigned` record per enrolment (ids from `new_id`), all in one transaction with
/// one audit row per enrolment, checked as an import checks them: all or nothing. The number
/// of enrolments moved.
pub async fn reassign(
    db: &Database,
    r: &Reassignment,
    ctx: &Context,
    mut new_id: impl FnMut() -> String,
) -> Result<usize, StoreError> {
    let mut records = Vec::with_capacity(r.enrolments.len());
    let mut audit = Vec::with_capacity(r.enrolments.len());
    for enrolment in &r.enrolments {
        let value = json!({"type": "assigned", "id": new_id(), "enrolment": enrolment,
                           "date": r.date.to_string(), "caseworker": r.to});
        records.push(Record::from_json(&value).map_err(|e| invalid(&e))?);
        let mut entry = ctx.audit("create", "enrolment", enrolment, Some(&r.programme));
        entry.purpose = Some("reassign caseload".into());
        audit.push(entry);
    }
    if records.is_empty() {
        return Ok(0);
    }
    crate::write_records(db, records, ctx, audit).await?;
    Ok(r.enrolments.len())
}

/// A record refused on its own, as the store reports refused records.
fn invalid(e: &RecordError) -> StoreError {
    StoreError::Invalid {
        total: e.errors.len(),
        errors: e
            .errors
            .iter()
            .map(|f| LineError {
                line: 1,
                record_type: e.record_type.clone(),
                id: e.id.clone(),
                field: f.field.clone(),
                reason: f.reason.clone(),
            })
            .collect(),
    }
}

/// Replaces the programme's `rules` (an object, FORMAT.md "Programme rules") and `goals` (a list
/// of `{indicator, target}`), keeping every other field of its record. The edited record is
/// checked as an import reads one (`Record::from_json`): a bad rule or goal is refused with its
/// field (`rules.contact_every_days`, `goals[1]`) and nothing is written. The change is audited
/// (action `update`, subject the programme, purpose "rules and goals") in the same transaction.
pub async fn update_rules_and_goals(
    db: &Database,
    programme_id: &str,
    rules: &Map<String, Value>,
    goals: &[Value],
    ctx: &Context,
) -> Result<Programme, StoreError> {
    let unknown = || StoreError::UnknownProgramme(programme_id.to_owned());
    let old_body = db.programme_body(programme_id).await?.ok_or_else(unknown)?;
    let mut edited: Map<String, Value> =
        serde_json::from_str(&old_body).map_err(|_| StoreError::Corrupt {
            record_type: "programme".into(),
            id: programme_id.into(),
            reason: "body is not JSON".into(),
        })?;
    edited.remove("rules");
    edited.remove("goals");
    if !rules.is_empty() {
        edited.insert("rules".into(), Value::Object(rules.clone()));
    }
    if !goals.is_empty() {
        edited.insert("goals".into(), Value::Array(goals.to_vec()));
    }
    let record = Record::from_json(&Value::Object(edited)).map_err(|e| invalid(&e))?;
    let Record::Entity(Entity::Programme(p)) = &record else {
        return Err(unknown());
    };
    let p = p.clone();
    let new_body = record.to_canonical_json();
    if new_body == old_body {
        return Ok(p);
    }
    let mut entry = ctx.audit("update", "programme", programme_id, Some(programme_id));
    entry.purpose = Some("rules and goals".into());
    let written = db
        .replace_programme_body(
            programme_id,
            &ctx.organisation,
            &old_body,
            &new_body,
            &[entry],
        )
        .await?;
    if !written {
        return Err(StoreError::BadInput {
            field: "programme".into(),
            reason: "was changed by someone else meanwhile (or is not in this organisation); reload and try again".into(),
        });
    }
    Ok(p)
}
