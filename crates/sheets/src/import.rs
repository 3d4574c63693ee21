//! `import_sheet`: a sheet into a programme, all or nothing, or its dry run. Asks the database
//! who the sheet's people are, translates the rows ([`crate::translate`]), then hands the records
//! to the store's `write_records` (or `check_records` for a dry run), whose errors are put back
//! on the row and column they came from. The import is audited in the same transaction.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use jobbro_domain::national_id::NationalId;
use jobbro_store::sheet_lookup::{SheetLookup, person_id_for, persons_with_national_id};
use jobbro_store::{Context, StoreError, check_records, write_records};
use serde::Serialize;

use crate::error::{Problem, RowError, SheetError};
use crate::mapping::Mapping;
use crate::rows::{Directory, SheetRecord};

/// What an import did, or a dry run would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SheetSummary {
    pub dry_run: bool,
    /// Rows that made records.
    pub rows: usize,
    /// Records made from the rows.
    pub records: usize,
    /// Records added (or that would be), by type.
    pub added: BTreeMap<String, u64>,
    /// Records already stored with identical content.
    pub skipped: u64,
}

/// The stored people the sheet names, looked up before the rows are read.
#[derive(Default)]
struct Known {
    by_national_id: HashMap<String, String>,
    new_ids: HashMap<String, String>,
    stored: HashSet<String>,
    enrolments: HashMap<String, Vec<(String, NaiveDate)>>,
}

impl Directory for Known {
    fn person_with_national_id(&self, national_id: &NationalId) -> Option<String> {
        self.by_national_id.get(&national_id.lookup_key()).cloned()
    }
    fn person_exists(&self, person: &str) -> bool {
        self.stored.contains(person)
    }
    fn new_person_id(&self, national_id: &NationalId) -> String {
        self.new_ids
            .get(&national_id.lookup_key())
            .cloned()
            .unwrap_or_default()
    }
    fn enrolments(&self, person: &str) -> Vec<(String, NaiveDate)> {
        self.enrolments.get(person).cloned().unwrap_or_default()
    }
}

async fn known<B: SheetLookup>(
    db: &B,
    mapping: &Mapping,
    bytes: &[u8],
    programme: &str,
) -> Result<Known, SheetError> {
    let (ids, national_ids) = crate::people_named(mapping, bytes)?;
    let mut known = Known::default();
    for id in ids {
        if db.person_stored(&id).await? {
            known.stored.insert(id);
        }
    }
    for nid in national_ids {
        let key = nid.lookup_key();
        if known.by_national_id.contains_key(&key) || known.new_ids.contains_key(&key) {
            continue;
        }
        match persons_with_national_id(db, &nid).await?.into_iter().next() {
            Some(person) => {
                known.stored.insert(person.clone());
                known.by_national_id.insert(key, person);
            }
            None => {
                known.new_ids.insert(key, person_id_for(db, &nid));
            }
        }
    }
    for person in &known.stored {
        let dates = db.enrolment_dates(person, programme).await?;
        known.enrolments.insert(person.clone(), dates);
    }
    Ok(known)
}

/// Imports the tables of `mapping` from `bytes` into `programme` of the context's organisation,
/// all or nothing; with `dry_run`, checks everything and writes nothing. Bad rows come back as
/// [`SheetError::Rows`], each on its sheet, row and column.
pub async fn import_sheet<B: SheetLookup>(
    db: &B,
    mapping: &Mapping,
    bytes: &[u8],
    programme: &str,
    ctx: &Context,
    dry_run: bool,
) -> Result<SheetSummary, SheetError> {
    match db.programme_organisation(programme).await? {
        Some(org) if org == ctx.organisation => {}
        _ => return Err(SheetError::UnknownProgramme(programme.to_owned())),
    }
    let known = known(db, mapping, bytes, programme).await?;
    let (made, bad_rows) = crate::translation(mapping, bytes, programme, &known)?;
    let records = made.iter().map(|m| m.record.clone()).collect();
    let mut rows: Vec<u32> = made.iter().map(|m| m.row).collect();
    rows.dedup();
    // With bad rows already found, the good ones are still checked (and nothing written), so
    // one run reports every problem of the sheet.
    let result = if dry_run || !bad_rows.is_empty() {
        check_records(db, records, ctx).await
    } else {
        let mut entry = ctx.audit("import", "programme", programme, Some(programme));
        entry.purpose = Some(format!("spreadsheet import: {} row(s)", rows.len()));
        write_records(db, records, ctx, vec![entry]).await
    };
    match result {
        Ok(_) if !bad_rows.is_empty() => Err(crate::rows_error(mapping, bad_rows)),
        Ok(summary) => Ok(SheetSummary {
            dry_run,
            rows: rows.len(),
            records: made.len(),
            added: summary.added,
            skipped: summary.skipped,
        }),
        Err(StoreError::Invalid { errors, total }) => {
            // The store lists its first problems and counts them all.
            let unlisted = total.saturating_sub(errors.len());
            let mut all = bad_rows;
            all.extend(on_rows(&made, errors));
            let mut error = crate::rows_error(mapping, all);
            if let SheetError::Rows { total, .. } = &mut error {
                *total += unlisted;
            }
            Err(error)
        }
        Err(other) => Err(other.into()),
    }
}

/// The store's errors (by record position) put back on the rows the records came from.
fn on_rows(made: &[SheetRecord], errors: Vec<jobbro_store::LineError>) -> Vec<RowError> {
    errors
        .into_iter()
        .filter_map(|e| {
            let record = usize::try_from(e.line)
                .ok()
                .and_then(|l| l.checked_sub(1))
                .and_then(|i| made.get(i))?;
            Some(record.error(&e.field, Problem::Invalid(e.reason)))
        })
        .collect()
}
