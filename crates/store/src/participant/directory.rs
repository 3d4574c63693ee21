//! The companies and caseworkers the participant page's pickers offer: id and name of each, in
//! the order they were recorded. Neither is personal data of a participant.

use futures_util::TryStreamExt;

use crate::StoreError;
use crate::backend::{Backend, EntityTable};

/// An entity's id and name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

async fn named<B: Backend>(db: &B, table: EntityTable) -> Result<Vec<Named>, StoreError> {
    let mut rows = db.entity_rows(table);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await? {
        let body: serde_json::Value =
            serde_json::from_str(&row.body).map_err(|_| StoreError::Corrupt {
                record_type: table.name().into(),
                id: row.id.clone(),
                reason: "body is not JSON".into(),
            })?;
        let name = body["name"].as_str().unwrap_or(&row.id).to_owned();
        out.push(Named { id: row.id, name });
    }
    Ok(out)
}

/// Every company, for the activity form's company picker.
pub async fn companies<B: Backend>(db: &B) -> Result<Vec<Named>, StoreError> {
    named(db, EntityTable::Companies).await
}

/// Every caseworker, for the reassignment picker and to show caseworkers by name.
pub async fn caseworkers<B: Backend>(db: &B) -> Result<Vec<Named>, StoreError> {
    named(db, EntityTable::Caseworkers).await
}
