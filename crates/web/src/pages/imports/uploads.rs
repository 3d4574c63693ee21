//! Uploaded sheets between the steps of an import: held in memory only (a sheet of participants
//! is personal data and is never written to disk here), under a random token, for the user who
//! uploaded it and the programme it is for, for [`KEEP_MINUTES`] at most. Each user holds at most
//! [`PER_USER`] uploads; an older one makes room for a newer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use jobbro_sheets::{Kind, Table};
use rand::RngCore;

/// How long an upload is kept after it was last used.
pub const KEEP_MINUTES: i64 = 30;
/// Uploads one user may hold at a time.
pub const PER_USER: usize = 2;

/// One uploaded file.
#[derive(Clone)]
pub struct Upload {
    pub owner: String,
    pub programme: String,
    pub kind: Kind,
    pub bytes: Arc<Vec<u8>>,
    /// The table of a mapping file uploaded with it (the columns chosen last time).
    pub table: Option<Table>,
    pub used: DateTime<Utc>,
}

/// The uploads of every user, by token.
#[derive(Default)]
pub struct Uploads {
    held: Mutex<HashMap<String, Upload>>,
}

impl Uploads {
    fn held(&self) -> std::sync::MutexGuard<'_, HashMap<String, Upload>> {
        // A panic while holding the lock leaves the map usable: it holds plain data.
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn purge(held: &mut HashMap<String, Upload>, now: DateTime<Utc>) {
        held.retain(|_, u| now - u.used < Duration::minutes(KEEP_MINUTES));
    }

    /// Keeps an upload; returns its token.
    pub fn keep(&self, upload: Upload) -> String {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let mut held = self.held();
        Self::purge(&mut held, upload.used);
        let mut mine: Vec<(String, DateTime<Utc>)> = held
            .iter()
            .filter(|(_, u)| u.owner == upload.owner)
            .map(|(t, u)| (t.clone(), u.used))
            .collect();
        mine.sort_by_key(|(_, used)| *used);
        while mine.len() >= PER_USER {
            let (oldest, _) = mine.remove(0);
            held.remove(&oldest);
        }
        held.insert(token.clone(), upload);
        token
    }

    /// The upload `token` of `owner` for `programme`, if it is still held (its time restarts).
    pub fn get(
        &self,
        token: &str,
        owner: &str,
        programme: &str,
        now: DateTime<Utc>,
    ) -> Option<Upload> {
        let mut held = self.held();
        Self::purge(&mut held, now);
        let upload = held
            .get_mut(token)
            .filter(|u| u.owner == owner && u.programme == programme)?;
        upload.used = now;
        Some(upload.clone())
    }

    /// Forgets an upload (after it was imported).
    pub fn forget(&self, token: &str, owner: &str) {
        let mut held = self.held();
        if held.get(token).is_some_and(|u| u.owner == owner) {
            held.remove(token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(owner: &str, at: DateTime<Utc>) -> Upload {
        Upload {
            owner: owner.into(),
            programme: "kib".into(),
            kind: Kind::Participants,
            bytes: Arc::new(b"a;b\n".to_vec()),
            table: None,
            used: at,
        }
    }

    #[test]
    fn an_upload_is_only_given_to_its_owner_for_its_programme_and_not_after_it_expires() {
        let uploads = Uploads::default();
        let now = Utc::now();
        let token = uploads.keep(upload("u1", now));
        assert!(uploads.get(&token, "u2", "kib", now).is_none());
        assert!(uploads.get(&token, "u1", "other", now).is_none());
        assert!(uploads.get(&token, "u1", "kib", now).is_some());
        let later = now + Duration::minutes(KEEP_MINUTES + 1);
        assert!(uploads.get(&token, "u1", "kib", later).is_none());
    }

    #[test]
    fn a_user_holds_at_most_a_few_uploads_and_the_oldest_goes_first() {
        let uploads = Uploads::default();
        let now = Utc::now();
        let tokens: Vec<String> = (0..=PER_USER as i64)
            .map(|i| uploads.keep(upload("u1", now + Duration::seconds(i))))
            .collect();
        let at = now + Duration::seconds(10);
        assert!(uploads.get(&tokens[0], "u1", "kib", at).is_none());
        assert!(
            tokens[1..]
                .iter()
                .all(|t| uploads.get(t, "u1", "kib", at).is_some())
        );
    }
}
