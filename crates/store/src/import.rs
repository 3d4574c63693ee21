//! `import_timeline(reader)`: reads a timeline file (FORMAT.md §1) line by line into the
//! database, all or nothing.
//!
//! Every line is checked — its own fields, that what it names exists (in the database or earlier
//! in the file), and that its dates are plausible — and every bad line is reported with its line
//! number, record and field. One bad line anywhere and nothing is written. A record already
//! stored with identical content is skipped, so imports are safe to retry; the same id with other
//! content is refused. The file is streamed: memory holds a bounded cache of ids, never the file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use chrono::NaiveDate;
use jobbro_domain::records::{
    Entity, Event, FieldError, Person, Record, RecordError, Target, parse_line,
};
use jobbro_domain::timeline::{ActivityFacts, EnrolmentFacts, check_event};
use serde::Serialize;

use crate::audit::AuditEntry;
use crate::backend::{Backend, Counters, EntityTable, ImportTx, NewEvent, NewPerson};
use crate::digests::StatusDigests;
use crate::keys::Keys;
use crate::{Context, StoreError};

/// Events are written in batches of this many rows.
const BATCH: usize = 1000;
/// Id caches are emptied past this many entries (then the database answers).
const CACHE_LIMIT: usize = 1_000_000;
/// At most this many bad lines are kept for the report; all are counted.
pub const MAX_REPORTED_ERRORS: usize = 1000;
/// From this many records added, an import refreshes the planner's statistics afterwards
/// ([`Backend::refresh_statistics`]); a page saving one record does not.
const STATISTICS_AFTER: u64 = 1000;

/// One problem with one line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    pub line: u64,
    pub record_type: Option<String>,
    pub id: Option<String>,
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(t) = &self.record_type {
            write!(f, ": {t}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " {id}")?;
        }
        write!(f, ": {} {}", self.field, self.reason)
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub lines: u64,
    /// Records added, by type.
    pub added: BTreeMap<String, u64>,
    /// Records already present with identical content.
    pub skipped: u64,
}

impl ImportSummary {
    pub fn added_total(&self) -> u64 {
        self.added.values().sum()
    }
}

/// Imports a timeline file in one transaction, into the context's organisation, and records the
/// import in the audit log in the same transaction. On any bad line, nothing is written and the
/// error lists the bad lines ([`StoreError::Invalid`]). The context's day dates the reading of
/// short Swedish personnummer (their century).
pub async fn import_timeline<B: Backend + StatusDigests>(
    db: &B,
    mut reader: impl BufRead,
    ctx: &Context,
) -> Result<ImportSummary, StoreError> {
    let mut imp = Importer::begin(db, ctx).await?;
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        match std::str::from_utf8(&buf) {
            Ok(text) => imp.line(line_no, text).await?,
            Err(_) => imp.fail(line_no, None, None, "(line)", "is not valid UTF-8"),
        }
    }
    imp.summary.lines = line_no;
    let summary = imp
        .finish(db, |summary| {
            let mut entry = ctx.audit("import", "organisation", &ctx.organisation, None);
            entry.purpose = Some(format!("{} record(s) added", summary.added_total()));
            vec![entry]
        })
        .await?;
    // The import is committed whatever happens here: digests left stale are still read
    // correctly (from the timelines), only more slowly, until the next compaction.
    if let Err(e) = crate::digests::compact_status(db).await {
        tracing::warn!(error = %e, "compacting the status digests after an import failed");
    }
    Ok(summary)
}

/// Writes records made in jobbro itself (a contact logged on a page, a referral) with exactly the
/// checks of an import, all or nothing, and with `audit`'s rows in the same transaction. Errors
/// name the record by its position (`line` 1 is the first record).
pub async fn write_records<B: Backend>(
    db: &B,
    records: Vec<Record>,
    ctx: &Context,
    audit: Vec<AuditEntry>,
) -> Result<ImportSummary, StoreError> {
    let mut imp = Importer::begin(db, ctx).await?;
    imp.records(records).await?;
    imp.finish(db, |_| audit).await
}

/// Writes one `contact` record as [`write_records`] does and, in the same transaction, which
/// network people took part in it (ids the caller checked are linked to the enrolment), so a
/// refused contact leaves no participants behind.
pub async fn write_contact<B: Backend>(
    db: &B,
    contact: Record,
    took_part: &[String],
    ctx: &Context,
    audit: Vec<AuditEntry>,
) -> Result<ImportSummary, StoreError> {
    let id = contact.id().to_owned();
    let mut imp = Importer::begin(db, ctx).await?;
    imp.records(vec![contact]).await?;
    imp.flush().await?;
    if imp.error_count == 0 && !took_part.is_empty() {
        imp.tx
            .insert_contact_participants(&id, took_part, ctx)
            .await?;
    }
    imp.finish(db, |_| audit).await
}

/// Runs `records` through every check of [`write_records`] inside a transaction that is rolled
/// back whatever happens: a dry run. Reports what would be added or skipped, or every bad record.
pub async fn check_records<B: Backend>(
    db: &B,
    records: Vec<Record>,
    ctx: &Context,
) -> Result<ImportSummary, StoreError> {
    let mut imp = Importer::begin(db, ctx).await?;
    imp.records(records).await?;
    imp.flush().await?;
    imp.tx.rollback().await?;
    if imp.error_count > 0 {
        return Err(StoreError::Invalid {
            errors: imp.errors,
            total: imp.error_count,
        });
    }
    Ok(imp.summary)
}

struct Importer<'k, T> {
    tx: T,
    keys: &'k Keys,
    today: NaiveDate,
    organisation: &'k str,
    counters: Counters,
    entities: HashSet<(EntityTable, String)>,
    enrolments: HashMap<String, (i64, NaiveDate)>,
    activities: HashMap<String, (i64, NaiveDate)>,
    pending: Vec<(u64, NewEvent)>,
    errors: Vec<LineError>,
    error_count: usize,
    summary: ImportSummary,
}

fn table_of(entity: &Entity) -> EntityTable {
    match entity {
        Entity::Programme(_) => EntityTable::Programmes,
        Entity::Person(_) => EntityTable::Persons,
        Entity::Company(_) => EntityTable::Companies,
        Entity::Caseworker(_) => EntityTable::Caseworkers,
    }
}

impl<'k, T: ImportTx> Importer<'k, T> {
    /// Opens the write transaction an import or a recording runs in.
    async fn begin<B: Backend<Import<'k> = T>>(
        db: &'k B,
        ctx: &'k Context,
    ) -> Result<Self, StoreError> {
        let mut tx = db.begin_import().await?;
        let counters = tx.counters().await?;
        Ok(Importer {
            tx,
            keys: db.keys(),
            today: ctx.today(),
            organisation: &ctx.organisation,
            counters,
            entities: HashSet::new(),
            enrolments: HashMap::new(),
            activities: HashMap::new(),
            pending: Vec::with_capacity(BATCH),
            errors: Vec::new(),
            error_count: 0,
            summary: ImportSummary::default(),
        })
    }

    /// Commits what was written, with the audit rows `audit` gives for it (none when nothing
    /// was added); or, when any record was bad, writes nothing and reports every bad record.
    async fn finish<B: Backend>(
        mut self,
        db: &B,
        audit: impl FnOnce(&ImportSummary) -> Vec<AuditEntry>,
    ) -> Result<ImportSummary, StoreError> {
        self.flush().await?;
        if self.error_count > 0 {
            self.tx.rollback().await?;
            return Err(StoreError::Invalid {
                errors: self.errors,
                total: self.error_count,
            });
        }
        if self.summary.added_total() > 0 {
            let entries = audit(&self.summary);
            if !entries.is_empty() {
                self.tx.append_audit(&entries, db.keys()).await?;
            }
        }
        self.tx.commit().await?;
        if self.summary.added_total() >= STATISTICS_AFTER {
            // What was imported is committed whatever happens here: a failure only costs speed.
            if let Err(e) = db.refresh_statistics().await {
                tracing::warn!(error = %e, "refreshing the planner's statistics failed");
            }
        }
        Ok(self.summary)
    }
}

impl<T: ImportTx> Importer<'_, T> {
    fn fail(&mut self, line: u64, ty: Option<&str>, id: Option<&str>, field: &str, reason: &str) {
        self.error_count += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(LineError {
                line,
                record_type: ty.map(str::to_owned),
                id: id.map(str::to_owned),
                field: field.to_owned(),
                reason: reason.to_owned(),
            });
        }
    }

    fn fail_record(&mut self, line: u64, record: &Record, errors: &[FieldError]) {
        for e in errors {
            self.fail(
                line,
                Some(record.record_type().as_str()),
                Some(record.id()),
                &e.field,
                &e.reason,
            );
        }
    }

    /// Checks and writes records made in memory; `line` 1 is the first.
    async fn records(&mut self, records: Vec<Record>) -> Result<(), StoreError> {
        let mut line_no = 0u64;
        for record in records {
            line_no += 1;
            match record {
                Record::Entity(entity) => self.entity(line_no, entity).await?,
                Record::Event(event) => self.event(line_no, event).await?,
            }
        }
        self.summary.lines = line_no;
        Ok(())
    }

    async fn line(&mut self, line: u64, text: &str) -> Result<(), StoreError> {
        match parse_line(text) {
            Ok(None) => Ok(()),
            Ok(Some(Record::Entity(entity))) => self.entity(line, entity).await,
            Ok(Some(Record::Event(event))) => self.event(line, event).await,
            Err(RecordError {
                record_type,
                id,
                errors,
            }) => {
                for e in errors {
                    self.fail(
                        line,
                        record_type.as_deref(),
                        id.as_deref(),
                        &e.field,
                        &e.reason,
                    );
                }
                Ok(())
            }
        }
    }

    async fn entity(&mut self, line: u64, entity: Entity) -> Result<(), StoreError> {
        let table = table_of(&entity);
        let id = entity.id().to_owned();
        let (body, national_id) = match &entity {
            Entity::Person(p) => {
                let mut stored: Person = p.clone();
                let nid = stored.national_id.take();
                (
                    Record::Entity(Entity::Person(stored)).to_canonical_json(),
                    nid,
                )
            }
            _ => (Record::Entity(entity.clone()).to_canonical_json(), None),
        };
        if let Some(existing) = self.tx.find_entity(table, &id).await? {
            let same_id = match (&existing.national_id_enc, &national_id) {
                (None, None) => true,
                (Some(sealed), Some(nid)) => self.keys.decrypt(sealed)? == nid.expose(),
                _ => false,
            };
            let other_organisation = existing
                .organisation
                .as_deref()
                .is_some_and(|o| o != self.organisation);
            if other_organisation {
                let reason = "a programme with this id belongs to another organisation";
                self.fail(line, Some("programme"), Some(&id), "id", reason);
            } else if existing.body == body && same_id {
                self.summary.skipped += 1;
            } else {
                let ty = entity.record_type().as_str();
                let reason = format!(
                    "a {ty} with this id is already stored with different content (change a record by giving it a new id, or correct it in jobbro)"
                );
                self.fail(line, Some(ty), Some(&id), "id", &reason);
            }
            self.remember_entity(table, id);
            return Ok(());
        }
        self.counters.entity_seq += 1;
        let seq = self.counters.entity_seq;
        match &entity {
            Entity::Person(p) => {
                let id_birth_date = match (&national_id, p.birth_date, p.birth_year) {
                    (Some(nid), None, None) => Some(nid.birth_date(self.today)),
                    _ => None,
                };
                let person = NewPerson {
                    id: id.clone(),
                    seq,
                    body,
                    national_id_enc: national_id
                        .as_ref()
                        .map(|n| self.keys.encrypt(n.expose()))
                        .transpose()?,
                    national_id_hash: national_id
                        .as_ref()
                        .map(|n| self.keys.lookup_hash(&n.lookup_key())),
                    id_birth_date,
                };
                self.tx.insert_person(&person).await?;
            }
            _ => {
                self.tx
                    .insert_entity(table, &id, seq, &body, self.organisation)
                    .await?
            }
        }
        *self
            .summary
            .added
            .entry(entity.record_type().as_str().to_owned())
            .or_default() += 1;
        self.remember_entity(table, id);
        Ok(())
    }

    fn remember_entity(&mut self, table: EntityTable, id: String) {
        if self.entities.len() >= CACHE_LIMIT {
            self.entities.clear();
        }
        self.entities.insert((table, id));
    }

    /// Checks that a named entity exists; records an error on `field` when not.
    async fn require(
        &mut self,
        line: u64,
        event: &Event,
        table: EntityTable,
        field: &str,
        id: Option<&str>,
    ) -> Result<bool, StoreError> {
        let Some(id) = id else { return Ok(true) };
        if self.entities.contains(&(table, id.to_owned())) {
            return Ok(true);
        }
        if self.tx.find_entity(table, id).await?.is_some() {
            self.remember_entity(table, id.to_owned());
            return Ok(true);
        }
        let what = &table.name()[..table.name().len() - 1];
        let reason =
            format!("names {what} {id}, which is not in the database or earlier in the file");
        self.fail(
            line,
            Some(event.record_type().as_str()),
            Some(event.id()),
            field,
            &reason,
        );
        Ok(false)
    }

    async fn enrolment(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
        if let Some(found) = self.enrolments.get(id) {
            return Ok(Some(*found));
        }
        let found = self.tx.find_enrolment(id).await?;
        if let Some(found) = found {
            cache(&mut self.enrolments, id, found);
        }
        Ok(found)
    }

    async fn activity(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
        if let Some(found) = self.activities.get(id) {
            return Ok(Some(*found));
        }
        let found = self.tx.find_activity(id).await?;
        if let Some(found) = found {
            cache(&mut self.activities, id, found);
        }
        Ok(found)
    }

    async fn event(&mut self, line: u64, event: Event) -> Result<(), StoreError> {
        let Some(enrolment) = self.resolve(line, &event).await? else {
            return Ok(());
        };
        self.counters.event_seq += 1;
        let caseworker = match &event {
            Event::Referred(r) => r.caseworker.clone(),
            Event::Assigned(a) => Some(a.caseworker.clone()),
            _ => None,
        };
        let row = NewEvent {
            caseworker,
            seq: self.counters.event_seq,
            record_type: event.record_type().as_str(),
            id: event.id().to_owned(),
            enrolment,
            date: event.date(),
            body: Record::Event(event).to_canonical_json(),
        };
        self.pending.push((line, row));
        if self.pending.len() >= BATCH {
            self.flush().await?;
        }
        Ok(())
    }

    /// Finds the enrolment an event belongs to, checking what it names and its dates; `None`
    /// (with the errors recorded) when the event cannot be accepted.
    async fn resolve(&mut self, line: u64, event: &Event) -> Result<Option<i64>, StoreError> {
        let errors_before = self.error_count;
        let refs: Vec<(EntityTable, &str, Option<&str>)> = match event {
            Event::Referred(r) => vec![
                (EntityTable::Programmes, "programme", Some(&r.programme)),
                (EntityTable::Persons, "person", Some(&r.person)),
                (
                    EntityTable::Caseworkers,
                    "caseworker",
                    r.caseworker.as_deref(),
                ),
            ],
            Event::ActivityStarted(a) => {
                vec![(EntityTable::Companies, "company", a.company.as_deref())]
            }
            Event::Contact(c) => vec![(
                EntityTable::Caseworkers,
                "caseworker",
                c.caseworker.as_deref(),
            )],
            Event::Assigned(a) => {
                vec![(EntityTable::Caseworkers, "caseworker", Some(&a.caseworker))]
            }
            _ => Vec::new(),
        };
        for (table, field, id) in refs {
            self.require(line, event, table, field, id).await?;
        }
        let ty = event.record_type().as_str();
        let (key, problems) = match event.target() {
            Target::None => {
                let Event::Referred(r) = event else {
                    return Ok(None);
                };
                if self.error_count > errors_before {
                    return Ok(None);
                }
                match self.enrolment(&r.id).await? {
                    // Stored already: the event row decides whether this is a retry or a conflict.
                    Some((key, _)) => (key, Vec::new()),
                    None => {
                        self.counters.enrolment_key += 1;
                        let key = self.counters.enrolment_key;
                        self.tx
                            .insert_enrolment(key, &r.id, &r.programme, &r.person, r.date)
                            .await?;
                        cache(&mut self.enrolments, &r.id, (key, r.date));
                        (key, Vec::new())
                    }
                }
            }
            Target::Enrolment(id) => {
                let Some((key, referred)) = self.enrolment(id).await? else {
                    let reason = format!(
                        "names enrolment {id}, which has no referred record in the database or earlier in the file"
                    );
                    self.fail(line, Some(ty), Some(event.id()), "enrolment", &reason);
                    return Ok(None);
                };
                let problems = check_event(event, &EnrolmentFacts { referred }, None);
                if let (Event::ActivityStarted(a), true) = (event, problems.is_empty())
                    && self.activity(&a.id).await?.is_none()
                {
                    self.tx.insert_activity(&a.id, key, a.date).await?;
                    cache(&mut self.activities, &a.id, (key, a.date));
                }
                (key, problems)
            }
            Target::Activity(id) => {
                let Some((key, start)) = self.activity(id).await? else {
                    let reason = format!(
                        "names activity {id}, which has no activity_started record in the database or earlier in the file"
                    );
                    self.fail(line, Some(ty), Some(event.id()), "activity", &reason);
                    return Ok(None);
                };
                let facts = EnrolmentFacts {
                    referred: NaiveDate::MIN,
                };
                (
                    key,
                    check_event(event, &facts, Some(&ActivityFacts { start })),
                )
            }
            Target::Record(record_type, id) => {
                // The voided record may still be waiting in the batch.
                self.flush().await?;
                match self.tx.find_event(record_type.as_str(), id).await? {
                    Some((_, key, _)) => (key, Vec::new()),
                    None => {
                        let reason = format!(
                            "names {record_type} {id}, which is not in the database or earlier in the file"
                        );
                        self.fail(line, Some(ty), Some(event.id()), "record", &reason);
                        return Ok(None);
                    }
                }
            }
        };
        let record = Record::Event(event.clone());
        self.fail_record(line, &record, &problems);
        Ok((self.error_count == errors_before).then_some(key))
    }

    /// Writes the pending events; an event already stored is skipped when identical and
    /// refused when not.
    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let rows: Vec<NewEvent> = pending.iter().map(|(_, r)| r.clone()).collect();
        let inserted = self.tx.insert_events(&rows).await?;
        if inserted == rows.len() as u64 {
            for row in &rows {
                *self
                    .summary
                    .added
                    .entry(row.record_type.to_owned())
                    .or_default() += 1;
            }
        } else {
            let keys: Vec<(&'static str, String)> =
                rows.iter().map(|r| (r.record_type, r.id.clone())).collect();
            let stored = self.tx.find_events(&keys).await?;
            for (line, row) in &pending {
                match stored.get(&(row.record_type.to_owned(), row.id.clone())) {
                    Some((seq, _)) if *seq == row.seq => {
                        *self
                            .summary
                            .added
                            .entry(row.record_type.to_owned())
                            .or_default() += 1;
                    }
                    Some((_, body)) if *body == row.body => self.summary.skipped += 1,
                    _ => {
                        let reason = format!(
                            "a {} with this id is already stored with different content (correct an event with a void and a new record)",
                            row.record_type
                        );
                        self.fail(*line, Some(row.record_type), Some(&row.id), "id", &reason);
                    }
                }
            }
        }
        self.pending = pending;
        self.pending.clear();
        Ok(())
    }
}

fn cache(map: &mut HashMap<String, (i64, NaiveDate)>, id: &str, value: (i64, NaiveDate)) {
    if map.len() >= CACHE_LIMIT {
        map.clear();
    }
    map.insert(id.to_owned(), value);
}
