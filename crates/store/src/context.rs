//! Who is acting, in which organisation, and when: every write and every audited read carries a
//! [`Context`], so the audit log can say who did what, and time is a parameter, not read ad hoc.

use chrono::{DateTime, NaiveDate, Utc};

use crate::audit::AuditEntry;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// A user id, `token:<id>`, or `cli:<system user>`.
    pub actor: String,
    pub organisation: String,
    pub now: DateTime<Utc>,
    pub request_id: Option<String>,
}

/// The organisation of a single-organisation deployment, and of data imported without one.
pub const DEFAULT_ORGANISATION: &str = "default";

impl Context {
    pub fn new(actor: &str, organisation: &str, now: DateTime<Utc>) -> Self {
        Context {
            actor: actor.to_owned(),
            organisation: organisation.to_owned(),
            now,
            request_id: None,
        }
    }

    /// A context at noon UTC of `day`, in the default organisation (tests, generated data).
    pub fn at_day(actor: &str, day: NaiveDate) -> Self {
        let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
        Context::new(actor, DEFAULT_ORGANISATION, noon)
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// An audit entry for an action by this context's actor.
    pub fn audit(
        &self,
        action: &str,
        subject_type: &str,
        subject: &str,
        programme: Option<&str>,
    ) -> AuditEntry {
        AuditEntry {
            at: self.now,
            organisation: self.organisation.clone(),
            actor: self.actor.clone(),
            action: action.to_owned(),
            subject_type: subject_type.to_owned(),
            subject: subject.to_owned(),
            programme: programme.map(str::to_owned),
            purpose: None,
            request_id: self.request_id.clone(),
        }
    }
}
