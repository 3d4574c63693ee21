//! Who may do what: the one policy function, [`can`], that every page, API route and command asks
//! before touching data, and [`may_see_item`], the filter for a worklist that [`can`] allowed only
//! in part. Handlers never decide on their own, and nothing here does I/O.
//!
//! The rules (ISSUE 3, and docs/ACCESS.md):
//! - nothing ever crosses organisations;
//! - `admin` manages users, programmes and imports across the organisation, whatever programmes
//!   the admin is listed in, but reads no case data (API tokens never carry this role);
//! - `lead` does everything within their programmes, spreadsheet imports into them included;
//! - `caseworker` works on the enrolments assigned to them, and may search a programme of theirs
//!   (by name or exact national id) and take over an enrolment in it;
//! - `lead` and `caseworker` both keep the organisation's companies and openings;
//! - `analyst` sees aggregate reports only, always with small-cell suppression;
//! - `auditor` reads the audit log and no case data.
//!
//! Whole-timeline export (every national id in clear) is deliberately no [`Action`]: no role has
//! it over the web or the API; only the operator's command line, with direct database access,
//! exports a timeline.
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
    /// The programmes this actor works in (leads, caseworkers, analysts; a token's scope). The
    /// admin rules never read it: admins are people who log in and act organisation-wide.
    pub programmes: Vec<String>,
    /// For caseworkers: their id in the timeline (`caseworker` records), which assignments name.
    /// An empty id counts as none.
    pub caseworker: Option<String>,
}

impl Actor {
    fn in_programme(&self, programme: &str) -> bool {
        self.programmes.iter().any(|p| p == programme)
    }

    fn caseworker_id(&self) -> Option<&str> {
        named(self.caseworker.as_deref())
    }
}

/// A caseworker id as the rules see it: an empty id names nobody, on the actor and on enrolments
/// alike, so two empty ids never make a match.
fn named(caseworker: Option<&str>) -> Option<&str> {
    caseworker.filter(|id| !id.is_empty())
}

/// What the actor wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Read one enrolment's timeline and its person (masked national id). On a
    /// [`Resource::Person`], allowed when at least one of the person's enrolments is readable; the
    /// page then shows only the enrolments the actor may read.
    ReadCase,
    /// Record events on an enrolment (contact, activity, leaving…) or change its person.
    WriteCase,
    /// Take over an enrolment: become its caseworker (audited where it is done).
    TakeOver,
    /// Refer a new person into a programme.
    Refer,
    /// Find people in a programme by name, phone or exact national id.
    Search,
    /// See a person's full national id (audited). On a [`Resource::Person`], only when every one
    /// of the person's enrolments is readable.
    ShowNationalId,
    /// A person's data export (GDPR Art. 15). Only on a [`Resource::Person`], and only when every
    /// one of the person's enrolments is readable.
    ExportPerson,
    /// The programme's worklist. [`Decision::AllowOwn`] means: show only the items
    /// [`may_see_item`] lets through.
    ViewWorklist,
    /// Aggregate figures: status report, series, funnels.
    ViewReport,
    /// Edit a programme's rules and goals.
    EditProgramme,
    /// Import timelines and create programmes. Not export: see the module documentation.
    Import,
    /// Import participants, activities and contacts into one programme from a spreadsheet
    /// (through a column mapping, all or nothing).
    ImportRecords,
    /// Add, disable and reset users; issue API tokens.
    ManageUsers,
    /// Read the audit log and access extracts.
    ViewAudit,
    /// Read and keep the organisation's company register: companies, their contact people and
    /// placement counts (no person named unless [`Action::ReadCase`] allows it).
    UseCompanies,
    /// Read and keep the organisation's openings at companies (internships, paid hours, wage
    /// subsidy, jobs): create, edit, close and reopen them. Openings name no participant.
    UseOpenings,
    /// Read and keep the organisation's network register: mentors, bridge builders,
    /// national-group contacts and interpreters. Linking one to an enrolment, its interpreter
    /// need and its planned meetings are case data: they follow [`Action::ReadCase`] and
    /// [`Action::WriteCase`] on that enrolment.
    UseNetwork,
    /// Keep the organisation's list of bottleneck sectors per municipality (add and remove
    /// lines). Reading the list is [`Action::UseCompanies`].
    KeepBottlenecks,
}

impl Action {
    pub const ALL: [Action; 18] = [
        Action::ReadCase,
        Action::WriteCase,
        Action::TakeOver,
        Action::Refer,
        Action::Search,
        Action::ShowNationalId,
        Action::ExportPerson,
        Action::ViewWorklist,
        Action::ViewReport,
        Action::EditProgramme,
        Action::Import,
        Action::ImportRecords,
        Action::ManageUsers,
        Action::ViewAudit,
        Action::UseCompanies,
        Action::UseOpenings,
        Action::UseNetwork,
        Action::KeepBottlenecks,
    ];
}

/// What the action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// The organisation as a whole (users, audit log, imports).
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
    /// A person, with every one of their enrolments in `organisation` as (programme, current
    /// caseworker). Leave none out: the export and the full national id are allowed only when the
    /// actor may read all of them.
    Person {
        organisation: &'a str,
        enrolments: &'a [(&'a str, Option<&'a str>)],
    },
}

impl Resource<'_> {
    fn organisation(&self) -> &str {
        match self {
            Resource::Organisation { organisation }
            | Resource::Programme { organisation, .. }
            | Resource::Enrolment { organisation, .. }
            | Resource::Person { organisation, .. } => organisation,
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
    /// Allowed, but only for the actor's own part: keep each item only if [`may_see_item`] says
    /// so (a caseworker's worklist).
    AllowOwn,
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
    if actor.organisation != resource.organisation() {
        return Decision::Deny;
    }
    if let Resource::Person {
        organisation,
        enrolments,
    } = *resource
    {
        return person(actor, action, organisation, enrolments);
    }
    match actor.role {
        // The admin and auditor rules never read the actor: they cannot depend on programmes.
        Role::Admin => admin(action, resource),
        Role::Auditor => allow(matches!(
            (action, resource),
            (Action::ViewAudit, Resource::Organisation { .. })
        )),
        Role::Analyst => match (action, resource) {
            (Action::ViewReport, Resource::Programme { programme, .. })
                if actor.in_programme(programme) =>
            {
                Decision::AllowSuppressed {
                    min_cell: ANALYST_MIN_CELL,
                }
            }
            _ => Decision::Deny,
        },
        Role::Lead => lead(actor, action, resource),
        Role::Caseworker => caseworker(actor, action, resource),
    }
}

/// Whether a worklist item of `programme` naming `caseworker` (the enrolment's, or the one whose
/// caseload is over the limit) may be shown to `actor`: only if the actor may see the programme's
/// worklist at all and could read such an enrolment. For a caseworker that is their own items;
/// for a lead, every item of their programme. `programme` is one of the actor's organisation.
pub fn may_see_item(actor: &Actor, programme: &str, caseworker: Option<&str>) -> bool {
    let organisation = actor.organisation.as_str();
    let worklist = Resource::Programme {
        organisation,
        programme,
    };
    let enrolment = Resource::Enrolment {
        organisation,
        programme,
        caseworker,
    };
    can(actor, Action::ViewWorklist, &worklist).allowed()
        && can(actor, Action::ReadCase, &enrolment) == Decision::Allow
}

fn allow(yes: bool) -> Decision {
    if yes { Decision::Allow } else { Decision::Deny }
}

/// Admins are organisation-wide people who log in (API tokens never carry the role), so nothing
/// here looks at the actor's programmes.
fn admin(action: Action, resource: &Resource<'_>) -> Decision {
    allow(matches!(
        (action, resource),
        (
            Action::ManageUsers | Action::Import,
            Resource::Organisation { .. }
        ) | (Action::EditProgramme, Resource::Programme { .. })
    ))
}

fn lead(actor: &Actor, action: Action, resource: &Resource<'_>) -> Decision {
    use Action as A;
    match *resource {
        Resource::Programme { programme, .. } if actor.in_programme(programme) => allow(matches!(
            action,
            A::Refer
                | A::Search
                | A::ViewWorklist
                | A::ViewReport
                | A::EditProgramme
                | A::ImportRecords
        )),
        Resource::Enrolment { programme, .. } if actor.in_programme(programme) => allow(matches!(
            action,
            A::ReadCase | A::WriteCase | A::TakeOver | A::ShowNationalId
        )),
        Resource::Organisation { .. } => allow(matches!(
            action,
            A::UseCompanies | A::UseOpenings | A::UseNetwork | A::KeepBottlenecks
        )),
        _ => Decision::Deny,
    }
}

fn caseworker(actor: &Actor, action: Action, resource: &Resource<'_>) -> Decision {
    use Action as A;
    match *resource {
        Resource::Programme { programme, .. } if actor.in_programme(programme) => match action {
            A::Refer | A::Search => Decision::Allow,
            A::ViewWorklist => Decision::AllowOwn,
            _ => Decision::Deny,
        },
        Resource::Enrolment {
            programme,
            caseworker,
            ..
        } if actor.in_programme(programme) => {
            // Without an id of their own a caseworker can neither be assigned nor take over.
            let Some(me) = actor.caseworker_id() else {
                return Decision::Deny;
            };
            let assigned_to_me = named(caseworker) == Some(me);
            allow(match action {
                A::TakeOver => true,
                A::ReadCase | A::WriteCase | A::ShowNationalId => assigned_to_me,
                _ => false,
            })
        }
        Resource::Organisation { .. } => allow(matches!(
            action,
            A::UseCompanies | A::UseOpenings | A::UseNetwork
        )),
        _ => Decision::Deny,
    }
}

/// A person is reached through their enrolments: reading needs one readable enrolment, the export
/// and the full national id need every one, so neither reveals an enrolment the actor may not read.
fn person(
    actor: &Actor,
    action: Action,
    organisation: &str,
    enrolments: &[(&str, Option<&str>)],
) -> Decision {
    let readable = |&(programme, caseworker): &(&str, Option<&str>)| {
        let enrolment = Resource::Enrolment {
            organisation,
            programme,
            caseworker,
        };
        can(actor, Action::ReadCase, &enrolment) == Decision::Allow
    };
    allow(match action {
        Action::ReadCase => enrolments.iter().any(readable),
        Action::ExportPerson | Action::ShowNationalId => {
            !enrolments.is_empty() && enrolments.iter().all(readable)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests;
