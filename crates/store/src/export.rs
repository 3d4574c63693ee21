//! `export_timeline(writer)`: the whole database in the timeline format (FORMAT.md §1) —
//! programmes, caseworkers, companies and persons, then every event in the order recorded, voided
//! ones included. Importing the output into an empty database gives the same database.
//!
//! The export holds national ids in clear (it is the full record); callers decide who may run it.

use std::io::Write;

use futures_util::TryStreamExt;
use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::{Entity, Record};

use crate::access::AccessStore;
use crate::backend::{Backend, EntityRow, EntityTable};
use crate::{Context, StoreError};

/// Writes every record, one per line; returns the number of lines. The export is recorded in the
/// audit log before anything is written.
pub async fn export_timeline<B: Backend + AccessStore>(
    db: &B,
    mut out: impl Write,
    ctx: &Context,
) -> Result<u64, StoreError> {
    db.append_audit(&[ctx.audit("export", "organisation", &ctx.organisation, None)])
        .await?;
    let mut lines = 0u64;
    for table in EntityTable::ALL {
        let mut rows = db.entity_rows(table);
        while let Some(row) = rows.try_next().await? {
            let text = match (&row.national_id_enc, table) {
                (Some(sealed), EntityTable::Persons) => with_national_id(db, &row, sealed)?,
                _ => row.body,
            };
            writeln!(out, "{text}")?;
            lines += 1;
        }
    }
    let mut events = db.event_bodies();
    while let Some(body) = events.try_next().await? {
        writeln!(out, "{body}")?;
        lines += 1;
    }
    out.flush()?;
    Ok(lines)
}

/// The person's canonical record with the decrypted national id put back.
fn with_national_id<B: Backend>(
    db: &B,
    row: &EntityRow,
    sealed: &[u8],
) -> Result<String, StoreError> {
    let corrupt = |reason: &str| StoreError::Corrupt {
        record_type: "person".into(),
        id: row.id.clone(),
        reason: reason.into(),
    };
    let value: serde_json::Value =
        serde_json::from_str(&row.body).map_err(|_| corrupt("body is not JSON"))?;
    let Ok(Record::Entity(Entity::Person(mut person))) = Record::from_json(&value) else {
        return Err(corrupt("body is not a valid person"));
    };
    let clear = db.keys().decrypt(sealed)?;
    person.national_id =
        Some(NationalId::parse(&clear).map_err(|_| corrupt("national id does not parse"))?);
    Ok(Record::Entity(Entity::Person(person)).to_canonical_json())
}
