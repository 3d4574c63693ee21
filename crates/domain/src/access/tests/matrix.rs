//! The whole policy as a table: every role × action × kind of resource, each cell checked against
//! [`can`], and the same table in docs/ACCESS.md.

use super::*;

/// The kinds of resource, as seen by `actor(role)`: organisation helsingor, programme kib,
/// caseworker id cw1. Every role carries that caseworker id, so the matrix also shows that being
/// named on an enrolment gives no role more than its own rules allow.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Organisation,
    OwnProgramme,
    OtherProgramme,
    AssignedToMe,
    ColleaguesInMyProgramme,
    InAnotherProgramme,
    PersonAllMine,
    PersonMineAndColleagues,
    PersonMineAndAnotherProgramme,
    PersonWithoutEnrolments,
}

const KINDS: [Kind; 10] = [
    Kind::Organisation,
    Kind::OwnProgramme,
    Kind::OtherProgramme,
    Kind::AssignedToMe,
    Kind::ColleaguesInMyProgramme,
    Kind::InAnotherProgramme,
    Kind::PersonAllMine,
    Kind::PersonMineAndColleagues,
    Kind::PersonMineAndAnotherProgramme,
    Kind::PersonWithoutEnrolments,
];

impl Kind {
    fn resource(self) -> Resource<'static> {
        let organisation = "helsingor";
        match self {
            Kind::Organisation => Resource::Organisation { organisation },
            Kind::OwnProgramme => Resource::Programme {
                organisation,
                programme: "kib",
            },
            Kind::OtherProgramme => Resource::Programme {
                organisation,
                programme: "jobsporet",
            },
            Kind::AssignedToMe => Resource::Enrolment {
                organisation,
                programme: "kib",
                caseworker: Some("cw1"),
            },
            Kind::ColleaguesInMyProgramme => Resource::Enrolment {
                organisation,
                programme: "kib",
                caseworker: Some("cw2"),
            },
            // Still names cw1: an assignment outside the actor's programmes counts for nothing.
            Kind::InAnotherProgramme => Resource::Enrolment {
                organisation,
                programme: "jobsporet",
                caseworker: Some("cw1"),
            },
            // Enrolled twice in kib, both times with cw1.
            Kind::PersonAllMine => Resource::Person {
                organisation,
                enrolments: &[("kib", Some("cw1")), ("kib", Some("cw1"))],
            },
            Kind::PersonMineAndColleagues => Resource::Person {
                organisation,
                enrolments: &[("kib", Some("cw1")), ("kib", Some("cw2"))],
            },
            Kind::PersonMineAndAnotherProgramme => Resource::Person {
                organisation,
                enrolments: &[("kib", Some("cw1")), ("jobsporet", Some("cw1"))],
            },
            Kind::PersonWithoutEnrolments => Resource::Person {
                organisation,
                enrolments: &[],
            },
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::OwnProgramme => "own programme",
            Kind::OtherProgramme => "other programme",
            Kind::AssignedToMe => "enrolment assigned to me",
            Kind::ColleaguesInMyProgramme => "another caseworker's enrolment, my programme",
            Kind::InAnotherProgramme => "enrolment in another programme",
            Kind::PersonAllMine => "person whose enrolments are all mine",
            Kind::PersonMineAndColleagues => {
                "person with one enrolment of mine and one of a colleague's"
            }
            Kind::PersonMineAndAnotherProgramme => {
                "person with one enrolment of mine and one in another programme"
            }
            Kind::PersonWithoutEnrolments => "person with no enrolments",
        }
    }
}

const N: Decision = Decision::Deny;
const Y: Decision = Decision::Allow;
/// Written as 5, not `ANALYST_MIN_CELL`, so that changing the threshold shows up here.
const K: Decision = Decision::AllowSuppressed { min_cell: 5 };
const O: Decision = Decision::AllowOwn;

/// What every role may do to every kind of resource, columns in the order of [`KINDS`].
/// Change the policy and this table together; docs/ACCESS.md follows from it.
#[rustfmt::skip]
const EXPECTED: [(Role, Action, [Decision; 10]); 90] = {
    use Action::*;
    use Role::*;
    [
        //                                      enrolment:      person:
        //                          org own other mine coll oth  all coll oth none
        (Admin, ReadCase,          [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, WriteCase,         [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, TakeOver,          [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, Refer,             [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, Search,            [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, ShowNationalId,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, ExportPerson,      [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, ViewWorklist,      [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, ViewReport,        [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, EditProgramme,     [N,  Y,  Y,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, Import,            [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, ImportRecords,     [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, ManageUsers,       [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, ViewAudit,         [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, UseCompanies,      [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, UseOpenings,       [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, UseNetwork,        [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Admin, KeepBottlenecks,   [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),

        (Lead, ReadCase,           [N,  N,  N,    Y,   Y,   N,   Y,  Y,   Y,  N]),
        (Lead, WriteCase,          [N,  N,  N,    Y,   Y,   N,   N,  N,   N,  N]),
        (Lead, TakeOver,           [N,  N,  N,    Y,   Y,   N,   N,  N,   N,  N]),
        (Lead, Refer,              [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, Search,             [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, ShowNationalId,     [N,  N,  N,    Y,   Y,   N,   Y,  Y,   N,  N]),
        (Lead, ExportPerson,       [N,  N,  N,    N,   N,   N,   Y,  Y,   N,  N]),
        (Lead, ViewWorklist,       [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, ViewReport,         [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, EditProgramme,      [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, Import,             [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, ImportRecords,      [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, ManageUsers,        [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, ViewAudit,          [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, UseCompanies,       [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, UseOpenings,        [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, UseNetwork,         [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Lead, KeepBottlenecks,    [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),

        (Caseworker, ReadCase,       [N,  N,  N,    Y,   N,   N,   Y,  Y,   Y,  N]),
        (Caseworker, WriteCase,      [N,  N,  N,    Y,   N,   N,   N,  N,   N,  N]),
        (Caseworker, TakeOver,       [N,  N,  N,    Y,   Y,   N,   N,  N,   N,  N]),
        (Caseworker, Refer,          [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, Search,         [N,  Y,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, ShowNationalId, [N,  N,  N,    Y,   N,   N,   Y,  N,   N,  N]),
        (Caseworker, ExportPerson,   [N,  N,  N,    N,   N,   N,   Y,  N,   N,  N]),
        (Caseworker, ViewWorklist,   [N,  O,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, ViewReport,     [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, EditProgramme,  [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, Import,         [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, ImportRecords,  [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, ManageUsers,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, ViewAudit,      [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, UseCompanies,   [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, UseOpenings,    [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, UseNetwork,     [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Caseworker, KeepBottlenecks, [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),

        (Analyst, ReadCase,        [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, WriteCase,       [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, TakeOver,        [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, Refer,           [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, Search,          [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, ShowNationalId,  [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, ExportPerson,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, ViewWorklist,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, ViewReport,      [N,  K,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, EditProgramme,   [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, Import,          [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, ImportRecords,   [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, ManageUsers,     [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, ViewAudit,       [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, UseCompanies,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, UseOpenings,     [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, UseNetwork,      [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Analyst, KeepBottlenecks, [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),

        (Auditor, ReadCase,        [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, WriteCase,       [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, TakeOver,        [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, Refer,           [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, Search,          [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, ShowNationalId,  [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, ExportPerson,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, ViewWorklist,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, ViewReport,      [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, EditProgramme,   [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, Import,          [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, ImportRecords,   [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, ManageUsers,     [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, ViewAudit,       [Y,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, UseCompanies,    [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, UseOpenings,     [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, UseNetwork,      [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
        (Auditor, KeepBottlenecks, [N,  N,  N,    N,   N,   N,   N,  N,   N,  N]),
    ]
};

fn cell(decision: Decision) -> String {
    match decision {
        Decision::Deny => "no".into(),
        Decision::Allow => "yes".into(),
        Decision::AllowSuppressed { min_cell } => format!("yes, k = {min_cell}"),
        Decision::AllowOwn => "own items".into(),
    }
}

fn action_name(action: Action) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_else(|| format!("{action:?}"))
}

#[test]
fn every_cell_of_the_policy_matches_the_written_matrix() {
    let mut differences = Vec::new();
    for (role, action, row) in EXPECTED {
        for (kind, expected) in KINDS.into_iter().zip(row) {
            let got = can(&actor(role), action, &kind.resource());
            if got != expected {
                differences.push(format!(
                    "{} {} on {}: matrix says {}, policy says {}",
                    role.as_str(),
                    action_name(action),
                    kind.heading(),
                    cell(expected),
                    cell(got),
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "the policy differs from the matrix in {} cells:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn matrix_names_every_role_and_action_exactly_once() {
    for role in Role::ALL {
        for action in Action::ALL {
            let rows = EXPECTED
                .iter()
                .filter(|(r, a, _)| *r == role && *a == action)
                .count();
            assert_eq!(rows, 1, "{role:?} {action:?} has {rows} rows in the matrix");
        }
    }
}

/// Whole-timeline export holds every national id in clear, so it is the operator's command line
/// only; a new `export_*` action would have to be argued for here first.
#[test]
fn no_action_exports_more_than_one_person() {
    let exports: Vec<String> = Action::ALL
        .into_iter()
        .map(action_name)
        .filter(|name| name.contains("export"))
        .collect();
    assert_eq!(exports, ["export_person"]);
}

/// One role's part of the matrix as a Markdown table, as docs/ACCESS.md shows it.
fn markdown_table(role: Role) -> String {
    let mut out = format!("| {} may … |", role.as_str());
    for kind in KINDS {
        out.push_str(&format!(" {} |", kind.heading()));
    }
    out.push_str("\n| --- |");
    out.push_str(&" --- |".repeat(KINDS.len()));
    for (_, action, row) in EXPECTED.iter().filter(|(r, _, _)| *r == role) {
        out.push_str(&format!("\n| `{}` |", action_name(*action)));
        for decision in row {
            out.push_str(&format!(" {} |", cell(*decision)));
        }
    }
    out.push('\n');
    out
}

const ACCESS_MD: &str = include_str!("../../../../../docs/ACCESS.md");

#[test]
fn access_document_shows_the_matrix_the_tests_check() {
    let stale: Vec<String> = Role::ALL
        .into_iter()
        .filter(|role| !ACCESS_MD.contains(&markdown_table(*role)))
        .map(markdown_table)
        .collect();
    assert!(
        stale.is_empty(),
        "docs/ACCESS.md is out of step with the matrix; replace these tables with:\n\n{}",
        stale.join("\n")
    );
}
