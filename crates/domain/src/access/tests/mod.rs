//! The access policy written out: the whole matrix as a table that every cell of [`can`] is
//! checked against (`matrix`, which docs/ACCESS.md shows too), then the rules that must hold for
//! any actor and resource, feature by feature (proptest), and role names. What is shared — the
//! matrix's actor and the generators of actors and resources — is here.

use super::*;

use proptest::prelude::*;
use proptest::sample::{select, subsequence};

mod caseworker;
mod matrix;
mod person;
mod properties;
mod roles;
mod worklist;

/// The actor of the matrix and the examples: organisation helsingor, programme kib, caseworker
/// id cw1, whatever the role.
fn actor(role: Role) -> Actor {
    Actor {
        id: "u1".into(),
        organisation: "helsingor".into(),
        role,
        programmes: vec!["kib".into()],
        caseworker: Some("cw1".into()),
    }
}

/// The tests' own reading of "names a caseworker": an empty id names nobody.
fn someone(caseworker: Option<&str>) -> Option<&str> {
    caseworker.filter(|id| !id.is_empty())
}

const ORGANISATIONS: [&str; 2] = ["helsingor", "hjorring"];
const PROGRAMMES: [&str; 3] = ["kib", "jobsporet", "rekrytera"];
/// The empty id is there so that every property is also tried with it.
const CASEWORKERS: [&str; 4] = ["cw1", "cw2", "cw3", ""];

/// Case data: what admins and auditors must never reach.
const CASE_ACTIONS: [Action; 7] = [
    Action::ReadCase,
    Action::WriteCase,
    Action::TakeOver,
    Action::ShowNationalId,
    Action::ExportPerson,
    Action::Search,
    Action::ViewWorklist,
];

fn any_action() -> impl Strategy<Value = Action> {
    select(Action::ALL.to_vec())
}

fn any_caseworker() -> impl Strategy<Value = Option<&'static str>> {
    proptest::option::of(select(CASEWORKERS.to_vec()))
}

fn any_actor_as(roles: Vec<Role>) -> impl Strategy<Value = Actor> {
    (
        select(roles),
        select(ORGANISATIONS.to_vec()),
        subsequence(PROGRAMMES.to_vec(), 0..=PROGRAMMES.len()),
        any_caseworker(),
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

/// A resource as a generator can own it: a person's enrolments live here, and
/// [`Subject::resource`] lends them out.
#[derive(Debug, Clone)]
enum Subject {
    Plain(Resource<'static>),
    Person {
        organisation: &'static str,
        enrolments: Vec<(&'static str, Option<&'static str>)>,
    },
}

impl Subject {
    fn resource(&self) -> Resource<'_> {
        match self {
            Subject::Plain(resource) => *resource,
            Subject::Person {
                organisation,
                enrolments,
            } => Resource::Person {
                organisation,
                enrolments,
            },
        }
    }
}

fn any_enrolment() -> impl Strategy<Value = Resource<'static>> {
    (
        select(ORGANISATIONS.to_vec()),
        select(PROGRAMMES.to_vec()),
        any_caseworker(),
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

/// A person with up to four enrolments (none, too) in their organisation.
fn any_person() -> impl Strategy<Value = Subject> {
    (
        select(ORGANISATIONS.to_vec()),
        proptest::collection::vec((select(PROGRAMMES.to_vec()), any_caseworker()), 0..=4),
    )
        .prop_map(|(organisation, enrolments)| Subject::Person {
            organisation,
            enrolments,
        })
}

fn any_subject() -> impl Strategy<Value = Subject> {
    prop_oneof![
        select(ORGANISATIONS.to_vec())
            .prop_map(|organisation| Subject::Plain(Resource::Organisation { organisation })),
        any_programme().prop_map(Subject::Plain),
        any_enrolment().prop_map(Subject::Plain),
        any_person(),
    ]
}
