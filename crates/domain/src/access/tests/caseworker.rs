//! Enrolments and who works on them: a caseworker reaches only what is assigned to them, anyone
//! with the right takes an enrolment over, and an empty caseworker id names nobody.

use super::*;

fn enrolment(programme: &'static str, caseworker: Option<&'static str>) -> Resource<'static> {
    Resource::Enrolment {
        organisation: "helsingor",
        programme,
        caseworker,
    }
}

#[test]
fn unassigned_enrolment_is_open_to_the_lead_but_not_to_a_caseworker() {
    let unassigned = enrolment("kib", None);
    assert_eq!(
        can(&actor(Role::Lead), Action::ReadCase, &unassigned),
        Decision::Allow
    );
    assert_eq!(
        can(&actor(Role::Caseworker), Action::ReadCase, &unassigned),
        Decision::Deny
    );
}

#[test]
fn caseworker_may_take_over_an_unassigned_referral_in_their_programme_but_not_elsewhere() {
    let caseworker = actor(Role::Caseworker);
    assert_eq!(
        can(&caseworker, Action::TakeOver, &enrolment("kib", None)),
        Decision::Allow
    );
    assert_eq!(
        can(&caseworker, Action::TakeOver, &enrolment("jobsporet", None)),
        Decision::Deny
    );
}

#[test]
fn empty_caseworker_ids_on_both_sides_do_not_make_an_assignment() {
    let nameless = Actor {
        caseworker: Some(String::new()),
        ..actor(Role::Caseworker)
    };
    for action in [Action::ReadCase, Action::WriteCase, Action::TakeOver] {
        assert_eq!(
            can(&nameless, action, &enrolment("kib", Some(""))),
            Decision::Deny,
            "{action:?}"
        );
    }
}

#[test]
fn enrolment_with_an_empty_caseworker_id_is_unassigned() {
    let blank = enrolment("kib", Some(""));
    assert_eq!(
        can(&actor(Role::Caseworker), Action::ReadCase, &blank),
        Decision::Deny
    );
    assert_eq!(
        can(&actor(Role::Caseworker), Action::TakeOver, &blank),
        Decision::Allow
    );
    assert_eq!(
        can(&actor(Role::Lead), Action::ReadCase, &blank),
        Decision::Allow
    );
}

proptest! {
    /// Taking over is how a caseworker gets an enrolment that is not theirs; nothing else reaches it.
    #[test]
    fn caseworker_never_reaches_an_enrolment_not_assigned_to_them_except_to_take_it_over(
        actor in any_actor_as(vec![Role::Caseworker]),
        action in any_action(),
        resource in any_enrolment(),
    ) {
        let assigned_to_them = matches!(
            resource,
            Resource::Enrolment { caseworker, .. }
                if someone(caseworker).is_some() && someone(caseworker) == someone(actor.caseworker.as_deref())
        );
        prop_assume!(!assigned_to_them && action != Action::TakeOver);
        prop_assert_eq!(can(&actor, action, &resource), Decision::Deny);
    }

    #[test]
    fn caseworker_user_without_a_caseworker_id_never_reaches_any_enrolment_or_person(
        actor in any_actor_as(vec![Role::Caseworker]),
        action in any_action(),
        subject in prop_oneof![any_enrolment().prop_map(Subject::Plain), any_person()],
        caseworker in prop_oneof![Just(None), Just(Some(String::new()))],
    ) {
        let actor = Actor { caseworker, ..actor };
        prop_assert_eq!(can(&actor, action, &subject.resource()), Decision::Deny);
    }

    #[test]
    fn only_leads_and_caseworkers_take_over_and_only_in_their_programmes(
        actor in any_actor(),
        subject in any_subject(),
    ) {
        let resource = subject.resource();
        let in_their_programme = matches!(
            resource,
            Resource::Enrolment { organisation, programme, .. }
                if organisation == actor.organisation && actor.programmes.iter().any(|p| p == programme)
        );
        let may = in_their_programme
            && match actor.role {
                Role::Lead => true,
                Role::Caseworker => someone(actor.caseworker.as_deref()).is_some(),
                Role::Admin | Role::Analyst | Role::Auditor => false,
            };
        let expected = if may { Decision::Allow } else { Decision::Deny };
        prop_assert_eq!(can(&actor, Action::TakeOver, &resource), expected);
    }

    #[test]
    fn an_empty_caseworker_id_counts_as_none_on_the_actor(
        actor in any_actor(),
        action in any_action(),
        subject in any_subject(),
    ) {
        let empty = Actor { caseworker: Some(String::new()), ..actor.clone() };
        let none = Actor { caseworker: None, ..actor };
        let resource = subject.resource();
        prop_assert_eq!(can(&empty, action, &resource), can(&none, action, &resource));
    }

    #[test]
    fn an_empty_caseworker_id_counts_as_none_on_an_enrolment(
        actor in any_actor(),
        action in any_action(),
        organisation in select(ORGANISATIONS.to_vec()),
        programme in select(PROGRAMMES.to_vec()),
    ) {
        let with = |caseworker| Resource::Enrolment { organisation, programme, caseworker };
        prop_assert_eq!(can(&actor, action, &with(Some(""))), can(&actor, action, &with(None)));
    }
}
