//! Who may do what: the one policy function, [`can`], that every page, API route and command asks
//! before touching data. Handlers never decide on their own.
//!
//! The rules (ISSUE 3, and docs/ACCESS.md):
//! - nothing ever crosses organisations;
//! - `admin` manages users, programmes and settings, but reads no case data;
//! - `lead` does everything within their programmes;
//! - `caseworker` works on the enrolments assigned to them, and may search a programme of theirs
//!   (by name or exact national id) to take over a referral;
//! - `analyst` sees aggregate reports only, always with small-cell suppression;
//! - `auditor` reads the audit log and no case data.
//!
//! The policy is deny by default: a combination not allowed below is refused.

use serde::Serialize;

/// A user's role within their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Lead,
    Caseworker,
    Analyst,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Lead,
        Role::Caseworker,
        Role::Analyst,
        Role::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Lead => "lead",
            Role::Caseworker => "caseworker",
            Role::Analyst => "analyst",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// Who is asking: a logged-in user or an API token, as the access layer resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The user's (or token's) id, for the audit log.
    pub id: String,
    pub organisation: String,
    pub role: Role,
    /// The programmes this actor works in (leads, caseworkers, analysts; a token's scope).
    pub programmes: Vec<String>,
    /// For caseworkers: their id in the timeline (`caseworker` records), which assignments name.
    pub caseworker: Option<String>,
}

impl Actor {
    fn in_programme(&self, programme: &str) -> bool {
        self.programmes.iter().any(|p| p == programme)
    }
}

/// What the actor wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Read one enrolment's timeline and its person (masked national id).
    ReadCase,
    /// Record events on an enrolment (contact, activity, leaving…) or change its person.
    WriteCase,
    /// Refer a new person into a programme.
    Refer,
    /// Find people in a programme by name, phone or exact national id.
    Search,
    /// See a person's full national id (audited).
    ShowNationalId,
    /// A person's data export (GDPR Art. 15).
    ExportPerson,
    /// The programme's worklist (a caseworker sees only their own items).
    ViewWorklist,
    /// Aggregate figures: status report, series, funnels.
    ViewReport,
    /// Edit a programme's rules and goals.
    EditProgramme,
    /// Create programmes, import and export whole timelines.
    ManageData,
    /// Add, disable and reset users; issue API tokens.
    ManageUsers,
    /// Read the audit log and access extracts.
    ViewAudit,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::ReadCase,
        Action::WriteCase,
        Action::Refer,
        Action::Search,
        Action::ShowNationalId,
        Action::ExportPerson,
        Action::ViewWorklist,
        Action::ViewReport,
        Action::EditProgramme,
        Action::ManageData,
        Action::ManageUsers,
        Action::ViewAudit,
    ];
}

/// What the action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// The organisation as a whole (users, audit log, whole-timeline import and export).
    Organisation { organisation: &'a str },
    /// A programme (reports, rules, worklist, search, referral).
    Programme {
        organisation: &'a str,
        programme: &'a str,
    },
    /// One enrolment, with its current caseworker.
    Enrolment {
        organisation: &'a str,
        programme: &'a str,
        caseworker: Option<&'a str>,
    },
}

impl Resource<'_> {
    fn organisation(&self) -> &str {
        match self {
            Resource::Organisation { organisation }
            | Resource::Programme { organisation, .. }
            | Resource::Enrolment { organisation, .. } => organisation,
        }
    }

    fn programme(&self) -> Option<&str> {
        match self {
            Resource::Organisation { .. } => None,
            Resource::Programme { programme, .. } | Resource::Enrolment { programme, .. } => {
                Some(programme)
            }
        }
    }
}

/// The answer, with what it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Deny,
    Allow,
    /// Allowed, but counts below this size must be suppressed (analysts).
    AllowSuppressed {
        min_cell: u64,
    },
}

impl Decision {
    pub fn allowed(self) -> bool {
        !matches!(self, Decision::Deny)
    }
}

/// Small cells are hidden below this size for analysts.
pub const ANALYST_MIN_CELL: u64 = 5;

/// The policy. Deny unless a rule below allows.
pub fn can(actor: &Actor, action: Action, resource: &Resource<'_>) -> Decision {
    use Action as A;
    if actor.organisation != resource.organisation() {
        return Decision::Deny;
    }
    let in_programme = resource.programme().is_some_and(|p| actor.in_programme(p));
    let allow = |yes: bool| if yes { Decision::Allow } else { Decision::Deny };
    match actor.role {
        Role::Admin => allow(matches!(
            (action, resource),
            (
                A::ManageUsers | A::ManageData,
                Resource::Organisation { .. }
            ) | (A::EditProgramme, Resource::Programme { .. })
        )),
        Role::Auditor => allow(matches!(
            (action, resource),
            (A::ViewAudit, Resource::Organisation { .. })
        )),
        Role::Analyst => match (action, resource) {
            (A::ViewReport, Resource::Programme { .. }) if in_programme => {
                Decision::AllowSuppressed {
                    min_cell: ANALYST_MIN_CELL,
                }
            }
            _ => Decision::Deny,
        },
        Role::Lead => allow(
            in_programme
                && matches!(
                    (action, resource),
                    (
                        A::ReadCase | A::WriteCase | A::ShowNationalId | A::ExportPerson,
                        Resource::Enrolment { .. }
                    ) | (
                        A::Refer | A::Search | A::ViewWorklist | A::ViewReport | A::EditProgramme,
                        Resource::Programme { .. }
                    )
                ),
        ),
        Role::Caseworker => match resource {
            Resource::Enrolment { caseworker, .. } => {
                let assigned = actor.caseworker.is_some()
                    && caseworker.is_some()
                    && actor.caseworker.as_deref() == *caseworker;
                allow(
                    in_programme
                        && assigned
                        && matches!(
                            action,
                            A::ReadCase | A::WriteCase | A::ShowNationalId | A::ExportPerson
                        ),
                )
            }
            Resource::Programme { .. } => {
                allow(in_programme && matches!(action, A::Refer | A::Search | A::ViewWorklist))
            }
            Resource::Organisation { .. } => Decision::Deny,
        },
    }
}

#[cfg(test)]
mod tests;
