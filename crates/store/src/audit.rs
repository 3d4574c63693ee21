//! The audit log: who read, searched, created, changed, exported or deleted personal data, when,
//! about whom, in which programme, for what purpose, in which request.
//!
//! Rows are append-only (database triggers refuse UPDATE and DELETE on both backends) and
//! hash-chained with a keyed HMAC ([`Keys::audit_link`]), so [`verify_chain`] finds any row edited,
//! inserted or removed directly in the database. Rows never hold a national id: a search by
//! national id is logged by its masked form.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::keys::Keys;

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audited access, before it is chained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub organisation: String,
    /// A user id, `token:<id>`, or `cli:<system user>` for the command line.
    pub actor: String,
    /// `read`, `search`, `create`, `update`, `export`, `delete`, `show_national_id`, `import`…
    pub action: String,
    /// `person`, `enrolment`, `search`, `programme` or `organisation`.
    pub subject_type: String,
    /// The id, or the search criterion.
    pub subject: String,
    pub programme: Option<String>,
    pub purpose: Option<String>,
    pub request_id: Option<String>,
}

/// A stored audit row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub organisation: String,
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject: String,
    pub programme: Option<String>,
    pub purpose: Option<String>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Timestamps are stored as text in one fixed form, so the hash is the same on both databases.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

impl AuditRow {
    /// Chains an entry after the row `(prev_seq, prev_hash)`.
    pub fn chain(entry: &AuditEntry, prev_seq: i64, prev_hash: &str, keys: &Keys) -> AuditRow {
        let mut row = AuditRow {
            seq: prev_seq + 1,
            at: timestamp(entry.at),
            organisation: entry.organisation.clone(),
            actor: entry.actor.clone(),
            action: entry.action.clone(),
            subject_type: entry.subject_type.clone(),
            subject: entry.subject.clone(),
            programme: entry.programme.clone(),
            purpose: entry.purpose.clone(),
            request_id: entry.request_id.clone(),
            prev_hash: prev_hash.to_owned(),
            hash: String::new(),
        };
        row.hash = keys.audit_link(prev_hash, &row.payload());
        row
    }

    /// The fields the link covers, in one unambiguous text (a JSON array).
    fn payload(&self) -> String {
        serde_json::json!([
            self.seq,
            self.at,
            self.organisation,
            self.actor,
            self.action,
            self.subject_type,
            self.subject,
            self.programme,
            self.purpose,
            self.request_id
        ])
        .to_string()
    }
}

/// One problem found in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainProblem {
    pub seq: i64,
    pub problem: String,
}

/// Checks rows (in `seq` order): numbering without gaps, each row linked to the one before, each
/// link matching its row. Returns every problem; empty means the log is intact.
pub fn verify_chain<'a>(
    rows: impl IntoIterator<Item = &'a AuditRow>,
    keys: &Keys,
) -> Vec<ChainProblem> {
    verify_chain_from(rows, keys, None)
}

/// Where a pruned log starts: the last pruned row's `seq` and `hash`, with a keyed seal so that
/// nobody without the key can move it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
    pub seal: String,
}

impl Anchor {
    pub fn new(seq: i64, hash: &str, keys: &Keys) -> Anchor {
        Anchor {
            seq,
            hash: hash.to_owned(),
            seal: keys.audit_link("anchor", &format!("{seq}:{hash}")),
        }
    }

    pub fn is_sealed_by(&self, keys: &Keys) -> bool {
        keys.audit_link("anchor", &format!("{}:{}", self.seq, self.hash)) == self.seal
    }
}

/// [`verify_chain`] for a log pruned up to `anchor` (the rows after it must follow it).
pub fn verify_chain_from<'a>(
    rows: impl IntoIterator<Item = &'a AuditRow>,
    keys: &Keys,
    anchor: Option<&Anchor>,
) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    let (mut prev_seq, mut prev_hash) = match anchor {
        Some(a) if a.is_sealed_by(keys) => (a.seq, a.hash.clone()),
        Some(a) => {
            problems.push(ChainProblem {
                seq: a.seq,
                problem:
                    "the retention anchor is not sealed with this database's key (it was moved)"
                        .into(),
            });
            (a.seq, a.hash.clone())
        }
        None => (0, GENESIS.to_owned()),
    };
    for row in rows {
        let mut problem = |text: &str| {
            problems.push(ChainProblem {
                seq: row.seq,
                problem: text.to_owned(),
            })
        };
        if row.seq != prev_seq + 1 {
            problem(&format!(
                "rows {} to {} are missing (removed)",
                prev_seq + 1,
                row.seq - 1
            ));
        }
        if row.prev_hash != prev_hash {
            problem("does not follow the row before it (a row was inserted or removed)");
        }
        if keys.audit_link(&row.prev_hash, &row.payload()) != row.hash {
            problem("its content does not match its hash (the row was edited or forged)");
        }
        prev_seq = row.seq;
        prev_hash = row.hash.clone();
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(subject: &str) -> AuditEntry {
        AuditEntry {
            at: DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
            organisation: "default".into(),
            actor: "lead1".into(),
            action: "read".into(),
            subject_type: "person".into(),
            subject: subject.into(),
            programme: Some("kib".into()),
            purpose: None,
            request_id: Some("r1".into()),
        }
    }

    fn chain(keys: &Keys, n: usize) -> Vec<AuditRow> {
        let mut rows: Vec<AuditRow> = Vec::new();
        for i in 0..n {
            let (seq, hash) = rows
                .last()
                .map_or((0, GENESIS.to_owned()), |r| (r.seq, r.hash.clone()));
            rows.push(AuditRow::chain(&entry(&format!("p{i}")), seq, &hash, keys));
        }
        rows
    }

    #[test]
    fn an_intact_chain_verifies() {
        let keys = Keys::from_master(&[3; 32]);
        assert!(verify_chain(&chain(&keys, 5), &keys).is_empty());
    }

    #[test]
    fn an_edited_row_is_found() {
        let keys = Keys::from_master(&[3; 32]);
        let mut rows = chain(&keys, 5);
        rows[2].subject = "someone else".into();
        let problems = verify_chain(&rows, &keys);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].seq, 3);
    }

    #[test]
    fn a_removed_row_is_found() {
        let keys = Keys::from_master(&[3; 32]);
        let mut rows = chain(&keys, 5);
        rows.remove(1);
        assert!(verify_chain(&rows, &keys).iter().any(|p| p.seq == 3));
    }

    #[test]
    fn a_row_forged_without_the_key_is_found() {
        let keys = Keys::from_master(&[3; 32]);
        let forger = Keys::from_master(&[4; 32]);
        let mut rows = chain(&keys, 2);
        let last = rows[1].clone();
        rows.push(AuditRow::chain(
            &entry("forged"),
            last.seq,
            &last.hash,
            &forger,
        ));
        let problems = verify_chain(&rows, &keys);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].seq, 3);
    }
}
