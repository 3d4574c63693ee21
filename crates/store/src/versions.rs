//! Enrolment versions: how two people changing one enrolment never lose an update.
//!
//! A timeline only grows, so no write can overwrite another; what can be lost is a *decision*
//! made on a page that no longer shows the enrolment as it is: two caseworkers extend the same
//! activity to different days, or one records that the participant left while another starts a
//! course. So every form that changes an enrolment carries the version it was shown, and the
//! write is refused, inside its own transaction, when the version has moved on
//! ([`crate::write_records_at`], [`crate::StoreError::EnrolmentChanged`]).
//!
//! The version is the sequence number of the enrolment's newest event that changes what such a
//! decision rests on: everything but contacts and follow-ups. Those only add to the record, are
//! never refused for being late, and never make another form stale.

/// Record types that do not move an enrolment's version (the SQL in `sql_backend` names the
/// same list; a test below keeps them together).
pub const UNVERSIONED: [&str; 2] = ["contact", "follow_up"];

/// An enrolment's version from its stored events as `(seq, record type)`: the highest sequence
/// number of an event whose type is not in [`UNVERSIONED`], or 0 when there is none.
pub fn enrolment_version<'a>(events: impl IntoIterator<Item = (i64, &'a str)>) -> i64 {
    events
        .into_iter()
        .filter(|(_, ty)| !UNVERSIONED.contains(ty))
        .map(|(seq, _)| seq)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_and_follow_ups_do_not_move_the_version() {
        let events = [
            (3, "referred"),
            (9, "activity_started"),
            (12, "contact"),
            (15, "follow_up"),
        ];
        assert_eq!(enrolment_version(events), 9);
        assert_eq!(enrolment_version([(4, "contact")]), 0);
        assert_eq!(enrolment_version([(4, "void"), (2, "left")]), 4);
    }

    #[test]
    fn the_sql_leaves_out_the_same_types() {
        let sql = include_str!("sql_backend.rs");
        let list = UNVERSIONED.map(|t| format!("'{t}'")).join(", ");
        assert!(
            sql.contains(&format!("e.type NOT IN ({list})")),
            "the version query must leave out exactly {list}"
        );
    }
}
