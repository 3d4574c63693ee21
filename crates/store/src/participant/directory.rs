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

/// How many matches a picker's search offers.
pub const MATCHES: i64 = 20;

fn names(table: EntityTable, rows: Vec<(String, String)>) -> Result<Vec<Named>, StoreError> {
    #[derive(serde::Deserialize)]
    struct Body {
        name: Option<String>,
    }
    rows.into_iter()
        .map(|(id, body)| {
            let body: Body = serde_json::from_str(&body).map_err(|_| StoreError::Corrupt {
                record_type: table.name().into(),
                id: id.clone(),
                reason: "body is not JSON".into(),
            })?;
            let name = body.name.unwrap_or_else(|| id.clone());
            Ok(Named { id, name })
        })
        .collect()
}

/// The companies with these ids, to name the ones a participant's timeline mentions.
pub async fn companies_with_ids<B: Backend>(
    db: &B,
    ids: &[String],
) -> Result<Vec<Named>, StoreError> {
    let rows = db.entities_with_ids(EntityTable::Companies, ids).await?;
    names(EntityTable::Companies, rows)
}

/// The caseworkers with these ids, to name the ones a participant's timeline mentions.
pub async fn caseworkers_with_ids<B: Backend>(
    db: &B,
    ids: &[String],
) -> Result<Vec<Named>, StoreError> {
    let rows = db.entities_with_ids(EntityTable::Caseworkers, ids).await?;
    names(EntityTable::Caseworkers, rows)
}

/// Up to [`MATCHES`] companies whose name, id or CVR contains `text`: the company picker's
/// suggestions, so a page never carries the whole national register.
pub async fn search_companies<B: Backend>(db: &B, text: &str) -> Result<Vec<Named>, StoreError> {
    let rows = db
        .search_entities(EntityTable::Companies, text, MATCHES)
        .await?;
    names(EntityTable::Companies, rows)
}

/// Up to [`MATCHES`] caseworkers whose name or id contains `text`: the reassignment picker's
/// suggestions.
pub async fn search_caseworkers<B: Backend>(db: &B, text: &str) -> Result<Vec<Named>, StoreError> {
    let rows = db
        .search_entities(EntityTable::Caseworkers, text, MATCHES)
        .await?;
    names(EntityTable::Caseworkers, rows)
}
