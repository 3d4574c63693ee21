//! One participant as the pages and the API show them: their profile (national id masked), their
//! enrolments and every event of each, read in one transaction together with the audit row that
//! records the reading ([`read_participant`]); the participant list of some programmes, filtered
//! and searched ([`participant_list`]); and the companies and caseworkers the pages' pickers offer.
//!
//! The policy decides what is shown: enrolments the actor may not read (`can(…, ReadCase, …)`)
//! are left out before anything is returned. Nothing here returns a national id in full, and
//! nothing here logs record contents.

mod directory;
mod list;
mod page;

pub use directory::{
    MATCHES, Named, caseworkers, caseworkers_with_ids, companies, companies_with_ids,
    search_caseworkers, search_companies,
};
pub use list::{ListEntry, ListFilter, Search, participant_list};
pub use page::{
    OpenActivity, Participant, ParticipantEnrolment, ParticipantRead, StatusView, TimelineEntry,
    activity_belongs_to, read_participant,
};
