//! The people around a participant, kept beside the timeline (ISSUE 6, item 5): the
//! organisation's network register, links of network people to enrolments, interpreter needs,
//! planned meetings with the interpreter booked, and who took part in a contact.
//!
//! The SQL is one text for both databases ([`sql`]); this file holds the trait it implements and
//! its delegation for [`Database`]. What is checked lives in the domain
//! (`jobbro_domain::network`); the worklist items made from these rows are made in
//! [`worklist`], by the domain's rule. Every write carries its audit rows into its transaction;
//! whoever shows names writes the read's audit row first. Nothing here logs what a row holds.

mod export;
pub mod ops;
mod sql;
pub mod worklist;

use std::future::Future;

use chrono::NaiveDate;
use jobbro_domain::codes::Language;
use jobbro_domain::network::{InterpreterNeed, NetworkLink, NetworkPerson, PlannedMeeting};

use crate::audit::AuditEntry;
use crate::{Context, Database, StoreError};

pub use export::{NetworkExport, network_export};

/// A network person as stored, with the number of saves (for version-checked edits).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NetworkEntry {
    #[serde(flatten)]
    pub person: NetworkPerson,
    pub version: i64,
}

/// What a version-checked save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the row's new version.
    Done { version: i64 },
    /// Someone saved since the version the edit started from: nothing was written.
    Stale { current: i64 },
    /// No such row (in the caller's organisation).
    Missing,
}

/// Which links to read.
#[derive(Debug, Clone, Copy)]
pub enum LinksOf<'a> {
    Enrolment(&'a str),
    NetworkPerson(&'a str),
}

/// One enrolment's interpreter work: its need and its planned meetings still lacking an
/// interpreter, with the organisation whose interpreters may come.
#[derive(Debug, Clone)]
pub struct InterpreterCase {
    pub enrolment: String,
    pub organisation: String,
    pub need: InterpreterNeed,
    pub meetings: Vec<PlannedMeeting>,
}

/// A contact and a network person who took part in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContactParticipant {
    pub contact: String,
    pub network_person: String,
}

/// A database that keeps the network register and what hangs on it.
pub trait NetworkStore: Send + Sync {
    /// The organisation's network people, by name.
    fn network_people(
        &self,
        organisation: &str,
    ) -> impl Future<Output = Result<Vec<NetworkEntry>, StoreError>> + Send;
    /// One network person of the organisation.
    fn network_person(
        &self,
        organisation: &str,
        id: &str,
    ) -> impl Future<Output = Result<Option<NetworkEntry>, StoreError>> + Send;
    /// Adds a network person (version 1) of `ctx`'s organisation, with its audit rows.
    fn insert_network_person(
        &self,
        person: &NetworkPerson,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Replaces a network person of `ctx`'s organisation if it is still at `version`.
    fn update_network_person(
        &self,
        person: &NetworkPerson,
        version: i64,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<Saved, StoreError>> + Send;
    /// Links of one enrolment or of one network person, oldest first.
    fn links(
        &self,
        of: LinksOf<'_>,
    ) -> impl Future<Output = Result<Vec<NetworkLink>, StoreError>> + Send;
    fn insert_link(
        &self,
        link: &NetworkLink,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Ends a link of `enrolment` on `to` (inclusive); false when there is no such link.
    fn end_link(
        &self,
        enrolment: &str,
        id: &str,
        to: NaiveDate,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    fn interpreter_need(
        &self,
        enrolment: &str,
    ) -> impl Future<Output = Result<Option<InterpreterNeed>, StoreError>> + Send;
    /// Sets (or, with `None`, removes) the enrolment's interpreter need. With `was`, only if the
    /// need stored is still that one (the one the form showed); otherwise
    /// [`StoreError::Conflict`] and nothing written.
    fn set_interpreter_need(
        &self,
        enrolment: &str,
        language: Option<Language>,
        was: Option<Option<Language>>,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The enrolment's planned meetings, by date.
    fn meetings(
        &self,
        enrolment: &str,
    ) -> impl Future<Output = Result<Vec<PlannedMeeting>, StoreError>> + Send;
    fn meeting(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<PlannedMeeting>, StoreError>> + Send;
    /// Adds a meeting (its `version` is stored as 1).
    fn insert_meeting(
        &self,
        meeting: &PlannedMeeting,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Replaces a meeting if it is still at `meeting.version`.
    fn update_meeting(
        &self,
        meeting: &PlannedMeeting,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<Saved, StoreError>> + Send;
    /// Who took part in the contacts of one enrolment.
    fn contact_participants(
        &self,
        enrolment: &str,
    ) -> impl Future<Output = Result<Vec<ContactParticipant>, StoreError>> + Send;
    /// The day of a recorded contact.
    fn contact_day(
        &self,
        contact: &str,
    ) -> impl Future<Output = Result<Option<NaiveDate>, StoreError>> + Send;
    /// Records who took part in a contact already recorded, with its audit rows.
    fn add_contact_participants(
        &self,
        contact: &str,
        people: &[String],
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Enrolments (of one programme, or all) with an interpreter need and a planned meeting on or
    /// after `from` with no interpreter booked.
    fn interpreter_cases(
        &self,
        programme: Option<&str>,
        from: NaiveDate,
    ) -> impl Future<Output = Result<Vec<InterpreterCase>, StoreError>> + Send;
}

macro_rules! delegate {
    ($self:ident, $db:ident => $call:expr) => {
        match $self {
            Database::Sqlite($db) => $call,
            Database::Postgres($db) => $call,
        }
    };
}

impl NetworkStore for Database {
    async fn network_people(&self, organisation: &str) -> Result<Vec<NetworkEntry>, StoreError> {
        delegate!(self, db => db.network_people(organisation).await)
    }
    async fn network_person(
        &self,
        organisation: &str,
        id: &str,
    ) -> Result<Option<NetworkEntry>, StoreError> {
        delegate!(self, db => db.network_person(organisation, id).await)
    }
    async fn insert_network_person(
        &self,
        person: &NetworkPerson,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> Result<(), StoreError> {
        delegate!(self, db => db.insert_network_person(person, ctx, audit).await)
    }
    async fn update_network_person(
        &self,
        person: &NetworkPerson,
        version: i64,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> Result<Saved, StoreError> {
        delegate!(self, db => db.update_network_person(person, version, ctx, audit).await)
    }
    async fn links(&self, of: LinksOf<'_>) -> Result<Vec<NetworkLink>, StoreError> {
        delegate!(self, db => db.links(of).await)
    }
    async fn insert_link(
        &self,
        link: &NetworkLink,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> Result<(), StoreError> {
        delegate!(self, db => db.insert_link(link, ctx, audit).await)
    }
    async fn end_link(
        &self,
        enrolment: &str,
        id: &str,
        to: NaiveDate,
        audit: &[AuditEntry],
    ) -> Result<bool, StoreError> {
        delegate!(self, db => db.end_link(enrolment, id, to, audit).await)
    }
    async fn interpreter_need(
        &self,
        enrolment: &str,
    ) -> Result<Option<InterpreterNeed>, StoreError> {
        delegate!(self, db => db.interpreter_need(enrolment).await)
    }
    async fn set_interpreter_need(
        &self,
        enrolment: &str,
        language: Option<Language>,
        was: Option<Option<Language>>,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> Result<(), StoreError> {
        delegate!(self, db => db.set_interpreter_need(enrolment, language, was, ctx, audit).await)
    }
    async fn meetings(&self, enrolment: &str) -> Result<Vec<PlannedMeeting>, StoreError> {
        delegate!(self, db => db.meetings(enrolment).await)
    }
    async fn meeting(&self, id: &str) -> Result<Option<PlannedMeeting>, StoreError> {
        delegate!(self, db => db.meeting(id).await)
    }
    async fn insert_meeting(
        &self,
        meeting: &PlannedMeeting,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> Result<(), StoreError> {
        delegate!(self, db => db.insert_meeting(meeting, ctx, audit).await)
    }
    async fn update_meeting(
        &self,
        meeting: &PlannedMeeting,
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> Result<Saved, StoreError> {
        delegate!(self, db => db.update_meeting(meeting, ctx, audit).await)
    }
    async fn contact_participants(
        &self,
        enrolment: &str,
    ) -> Result<Vec<ContactParticipant>, StoreError> {
        delegate!(self, db => db.contact_participants(enrolment).await)
    }
    async fn contact_day(&self, contact: &str) -> Result<Option<NaiveDate>, StoreError> {
        delegate!(self, db => db.contact_day(contact).await)
    }
    async fn add_contact_participants(
        &self,
        contact: &str,
        people: &[String],
        ctx: &Context,
        audit: &[AuditEntry],
    ) -> Result<(), StoreError> {
        delegate!(self, db => db.add_contact_participants(contact, people, ctx, audit).await)
    }
    async fn interpreter_cases(
        &self,
        programme: Option<&str>,
        from: NaiveDate,
    ) -> Result<Vec<InterpreterCase>, StoreError> {
        delegate!(self, db => db.interpreter_cases(programme, from).await)
    }
}

/// Languages as stored: `,ar,ti,` (so `LIKE '%,ar,%'` finds one).
pub(crate) fn languages_column(languages: &[Language]) -> String {
    let mut out = String::from(",");
    for l in languages {
        out.push_str(l.as_str());
        out.push(',');
    }
    out
}

/// Languages read back; a code that no longer parses marks the row as damaged.
pub(crate) fn parse_languages(id: &str, stored: &str) -> Result<Vec<Language>, StoreError> {
    stored
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|c| Language::parse(c).map_err(|_| corrupt("network person", id, "bad language")))
        .collect()
}

pub(crate) fn corrupt(record_type: &str, id: &str, reason: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: record_type.into(),
        id: id.into(),
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_stored_so_one_pattern_finds_each() {
        let langs = vec![Language::parse("ar").unwrap()];
        assert_eq!(languages_column(&langs), ",ar,");
        assert_eq!(languages_column(&[]), ",");
        assert_eq!(
            parse_languages("n", ",ar,ti,").map(|l| l.len()).ok(),
            Some(2)
        );
        assert!(parse_languages("n", ",xx,").is_err());
    }
}
