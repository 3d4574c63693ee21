//! The access policy written out: the whole matrix as a table that every cell of [`can`] is
//! checked against, the rules that must hold for any actor and resource (proptest), and role names.
//! docs/ACCESS.md shows the same table; a test keeps the two in step.

use super::*;

use proptest::prelude::*;
use proptest::sample::{select, subsequence};

fn actor(role: Role) -> Actor {
    Actor {
        id: "u1".into(),
        organisation: "helsingor".into(),
        role,
        programmes: vec!["kib".into()],
        caseworker: Some("cw1".into()),
    }
}

#[test]
fn nothing_crosses_organisations() {
    let other = Resource::Programme {
        organisation: "hjorring",
        programme: "kib",
    };
    for role in Role::ALL {
        for action in Action::ALL {
            assert_eq!(
                can(&actor(role), action, &other),
                Decision::Deny,
                "{role:?} {action:?}"
            );
        }
    }
}

// --- the matrix -------------------------------------------------------------------------------

/// The six kinds of resource, as seen by `actor(role)`: organisation helsingor, programme kib,
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
}

const KINDS: [Kind; 6] = [
    Kind::Organisation,
    Kind::OwnProgramme,
    Kind::OtherProgramme,
    Kind::AssignedToMe,
    Kind::ColleaguesInMyProgramme,
    Kind::InAnotherProgramme,
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
        }
    }
}

const N: Decision = Decision::Deny;
const Y: Decision = Decision::Allow;
/// Written as 5, not `ANALYST_MIN_CELL`, so that changing the threshold shows up here.
const K: Decision = Decision::AllowSuppressed { min_cell: 5 };

/// What every role may do to every kind of resource, columns in the order of [`KINDS`].
/// Change the policy and this table together; docs/ACCESS.md follows from it.
#[rustfmt::skip]
const EXPECTED: [(Role, Action, [Decision; 6]); 60] = {
    use Action::*;
    use Role::*;
    [
        //                          org own  other mine coll other-prog
        (Admin, ReadCase,          [N,  N,   N,    N,   N,   N]),
        (Admin, WriteCase,         [N,  N,   N,    N,   N,   N]),
        (Admin, Refer,             [N,  N,   N,    N,   N,   N]),
        (Admin, Search,            [N,  N,   N,    N,   N,   N]),
        (Admin, ShowNationalId,    [N,  N,   N,    N,   N,   N]),
        (Admin, ExportPerson,      [N,  N,   N,    N,   N,   N]),
        (Admin, ViewWorklist,      [N,  N,   N,    N,   N,   N]),
        (Admin, ViewReport,        [N,  N,   N,    N,   N,   N]),
        (Admin, EditProgramme,     [N,  Y,   Y,    N,   N,   N]),
        (Admin, ManageData,        [Y,  N,   N,    N,   N,   N]),
        (Admin, ManageUsers,       [Y,  N,   N,    N,   N,   N]),
        (Admin, ViewAudit,         [N,  N,   N,    N,   N,   N]),

        (Lead, ReadCase,           [N,  N,   N,    Y,   Y,   N]),
        (Lead, WriteCase,          [N,  N,   N,    Y,   Y,   N]),
        (Lead, Refer,              [N,  Y,   N,    N,   N,   N]),
        (Lead, Search,             [N,  Y,   N,    N,   N,   N]),
        (Lead, ShowNationalId,     [N,  N,   N,    Y,   Y,   N]),
        (Lead, ExportPerson,       [N,  N,   N,    Y,   Y,   N]),
        (Lead, ViewWorklist,       [N,  Y,   N,    N,   N,   N]),
        (Lead, ViewReport,         [N,  Y,   N,    N,   N,   N]),
        (Lead, EditProgramme,      [N,  Y,   N,    N,   N,   N]),
        (Lead, ManageData,         [N,  N,   N,    N,   N,   N]),
        (Lead, ManageUsers,        [N,  N,   N,    N,   N,   N]),
        (Lead, ViewAudit,          [N,  N,   N,    N,   N,   N]),

        (Caseworker, ReadCase,       [N,  N,   N,    Y,   N,   N]),
        (Caseworker, WriteCase,      [N,  N,   N,    Y,   N,   N]),
        (Caseworker, Refer,          [N,  Y,   N,    N,   N,   N]),
        (Caseworker, Search,         [N,  Y,   N,    N,   N,   N]),
        (Caseworker, ShowNationalId, [N,  N,   N,    Y,   N,   N]),
        (Caseworker, ExportPerson,   [N,  N,   N,    Y,   N,   N]),
        (Caseworker, ViewWorklist,   [N,  Y,   N,    N,   N,   N]),
        (Caseworker, ViewReport,     [N,  N,   N,    N,   N,   N]),
        (Caseworker, EditProgramme,  [N,  N,   N,    N,   N,   N]),
        (Caseworker, ManageData,     [N,  N,   N,    N,   N,   N]),
        (Caseworker, ManageUsers,    [N,  N,   N,    N,   N,   N]),
        (Caseworker, ViewAudit,      [N,  N,   N,    N,   N,   N]),

        (Analyst, ReadCase,        [N,  N,   N,    N,   N,   N]),
        (Analyst, WriteCase,       [N,  N,   N,    N,   N,   N]),
        (Analyst, Refer,           [N,  N,   N,    N,   N,   N]),
        (Analyst, Search,          [N,  N,   N,    N,   N,   N]),
        (Analyst, ShowNationalId,  [N,  N,   N,    N,   N,   N]),
        (Analyst, ExportPerson,    [N,  N,   N,    N,   N,   N]),
        (Analyst, ViewWorklist,    [N,  N,   N,    N,   N,   N]),
        (Analyst, ViewReport,      [N,  K,   N,    N,   N,   N]),
        (Analyst, EditProgramme,   [N,  N,   N,    N,   N,   N]),
        (Analyst, ManageData,      [N,  N,   N,    N,   N,   N]),
        (Analyst, ManageUsers,     [N,  N,   N,    N,   N,   N]),
        (Analyst, ViewAudit,       [N,  N,   N,    N,   N,   N]),

        (Auditor, ReadCase,        [N,  N,   N,    N,   N,   N]),
        (Auditor, WriteCase,       [N,  N,   N,    N,   N,   N]),
        (Auditor, Refer,           [N,  N,   N,    N,   N,   N]),
        (Auditor, Search,          [N,  N,   N,    N,   N,   N]),
        (Auditor, ShowNationalId,  [N,  N,   N,    N,   N,   N]),
        (Auditor, ExportPerson,    [N,  N,   N,    N,   N,   N]),
        (Auditor, ViewWorklist,    [N,  N,   N,    N,   N,   N]),
        (Auditor, ViewReport,      [N,  N,   N,    N,   N,   N]),
        (Auditor, EditProgramme,   [N,  N,   N,    N,   N,   N]),
        (Auditor, ManageData,      [N,  N,   N,    N,   N,   N]),
        (Auditor, ManageUsers,     [N,  N,   N,    N,   N,   N]),
        (Auditor, ViewAudit,       [Y,  N,   N,    N,   N,   N]),
    ]
};

fn cell(decision: Decision) -> String {
    match decision {
        Decision::Deny => "no".into(),
        Decision::Allow => "yes".into(),
        Decision::AllowSuppressed { min_cell } => format!("yes, k = {min_cell}"),
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

const ACCESS_MD: &str = include_str!("../../../../docs/ACCESS.md");

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

// --- rules for any actor and resource -----------------------------------------------------------

const ORGANISATIONS: [&str; 2] = ["helsingor", "hjorring"];
const PROGRAMMES: [&str; 3] = ["kib", "jobsporet", "rekrytera"];
const CASEWORKERS: [&str; 3] = ["cw1", "cw2", "cw3"];

/// Case data: what admins and auditors must never reach.
const CASE_ACTIONS: [Action; 6] = [
    Action::ReadCase,
    Action::WriteCase,
    Action::ShowNationalId,
    Action::ExportPerson,
    Action::Search,
    Action::ViewWorklist,
];

fn any_action() -> impl Strategy<Value = Action> {
    select(Action::ALL.to_vec())
}

fn any_actor_as(roles: Vec<Role>) -> impl Strategy<Value = Actor> {
    (
        select(roles),
        select(ORGANISATIONS.to_vec()),
        subsequence(PROGRAMMES.to_vec(), 0..=PROGRAMMES.len()),
        proptest::option::of(select(CASEWORKERS.to_vec())),
    )
        .prop_map(|(role, organisation, programmes, caseworker)| Actor {
            id: "u1".into(),
            organisation: organisation.into(),
            role,
            programmes: programmes.into_iter().map(String::from).collect(),
            caseworker: caseworker.map(String::from),
        })
}

fn any_actor() -> impl Strategy<Value = Actor> {
    any_actor_as(Role::ALL.to_vec())
}

fn any_enrolment() -> impl Strategy<Value = Resource<'static>> {
    (
        select(ORGANISATIONS.to_vec()),
        select(PROGRAMMES.to_vec()),
        proptest::option::of(select(CASEWORKERS.to_vec())),
    )
        .prop_map(
            |(organisation, programme, caseworker)| Resource::Enrolment {
                organisation,
                programme,
                caseworker,
            },
        )
}

fn any_programme() -> impl Strategy<Value = Resource<'static>> {
    (select(ORGANISATIONS.to_vec()), select(PROGRAMMES.to_vec())).prop_map(
        |(organisation, programme)| Resource::Programme {
            organisation,
            programme,
        },
    )
}

fn any_resource() -> impl Strategy<Value = Resource<'static>> {
    prop_oneof![
        select(ORGANISATIONS.to_vec())
            .prop_map(|organisation| Resource::Organisation { organisation }),
        any_programme(),
        any_enrolment(),
    ]
}

proptest! {
    #[test]
    fn no_decision_is_ever_allowed_across_organisations(
        actor in any_actor(),
        action in any_action(),
        resource in any_resource(),
    ) {
        prop_assume!(resource.organisation() != actor.organisation);
        prop_assert_eq!(can(&actor, action, &resource), Decision::Deny);
    }

    #[test]
    fn admins_and_auditors_never_reach_case_data(
        actor in any_actor_as(vec![Role::Admin, Role::Auditor]),
        action in select(CASE_ACTIONS.to_vec()),
        resource in any_resource(),
    ) {
        prop_assert_eq!(can(&actor, action, &resource), Decision::Deny);
    }

    #[test]
    fn analysts_only_ever_get_suppressed_reports_of_their_programmes(
        actor in any_actor_as(vec![Role::Analyst]),
        action in any_action(),
        resource in any_resource(),
    ) {
        let own_programme = matches!(
            resource,
            Resource::Programme { organisation, programme }
                if organisation == actor.organisation && actor.programmes.iter().any(|p| p == programme)
        );
        let expected = if action == Action::ViewReport && own_programme {
            Decision::AllowSuppressed { min_cell: 5 }
        } else {
            Decision::Deny
        };
        prop_assert_eq!(can(&actor, action, &resource), expected);
    }

    #[test]
    fn only_analysts_are_ever_given_suppressed_figures(
        actor in any_actor_as(vec![Role::Admin, Role::Lead, Role::Caseworker, Role::Auditor]),
        action in any_action(),
        resource in any_resource(),
    ) {
        let decision = can(&actor, action, &resource);
        prop_assert!(!matches!(decision, Decision::AllowSuppressed { .. }), "{:?}", decision);
    }

    #[test]
    fn caseworker_never_reaches_an_enrolment_not_assigned_to_them(
        actor in any_actor_as(vec![Role::Caseworker]),
        action in any_action(),
        resource in any_enrolment(),
    ) {
        let assigned_to_them = matches!(
            resource,
            Resource::Enrolment { caseworker: Some(c), .. } if actor.caseworker.as_deref() == Some(c)
        );
        prop_assume!(!assigned_to_them);
        prop_assert_eq!(can(&actor, action, &resource), Decision::Deny);
    }

    #[test]
    fn caseworker_user_without_a_caseworker_id_never_reaches_any_enrolment(
        actor in any_actor_as(vec![Role::Caseworker]),
        action in any_action(),
        resource in any_enrolment(),
    ) {
        let actor = Actor { caseworker: None, ..actor };
        prop_assert_eq!(can(&actor, action, &resource), Decision::Deny);
    }

    /// Admin's `edit_programme` is the one exception: admins manage every programme of their
    /// organisation without working in any (see the matrix).
    #[test]
    fn actor_without_programmes_is_denied_everything_in_programmes_and_enrolments(
        actor in any_actor(),
        action in any_action(),
        resource in prop_oneof![any_programme(), any_enrolment()],
    ) {
        let actor = Actor { programmes: Vec::new(), ..actor };
        let decision = can(&actor, action, &resource);
        if actor.role == Role::Admin && action == Action::EditProgramme {
            let Resource::Programme { organisation, .. } = resource else {
                prop_assert_eq!(decision, Decision::Deny);
                return Ok(());
            };
            prop_assert_eq!(decision.allowed(), organisation == actor.organisation);
        } else {
            prop_assert_eq!(decision, Decision::Deny);
        }
    }

    #[test]
    fn only_the_five_role_names_parse(text in "\\PC{0,12}|admin|lead|caseworker|analyst|auditor") {
        let known = Role::ALL.iter().any(|r| r.as_str() == text);
        prop_assert_eq!(Role::parse(&text).is_some(), known);
    }
}

#[test]
fn unassigned_enrolment_is_open_to_the_lead_but_not_to_a_caseworker() {
    let unassigned = Resource::Enrolment {
        organisation: "helsingor",
        programme: "kib",
        caseworker: None,
    };
    assert_eq!(
        can(&actor(Role::Lead), Action::ReadCase, &unassigned),
        Decision::Allow
    );
    assert_eq!(
        can(&actor(Role::Caseworker), Action::ReadCase, &unassigned),
        Decision::Deny
    );
}

// --- role names ---------------------------------------------------------------------------------

#[test]
fn every_role_reads_back_from_its_name() {
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Some(role));
    }
}

#[test]
fn role_names_match_their_json_form() {
    for role in Role::ALL {
        assert_eq!(
            serde_json::to_value(role).ok(),
            Some(serde_json::json!(role.as_str()))
        );
    }
}

#[test]
fn unknown_role_names_are_refused() {
    for text in [
        "",
        "Admin",
        "ADMIN",
        " admin",
        "admin ",
        "superuser",
        "case worker",
        "lead\n",
        "auditors",
    ] {
        assert_eq!(Role::parse(text), None, "{text:?}");
    }
}
