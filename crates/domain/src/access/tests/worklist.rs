//! Worklists: a lead sees all of their programme's worklist, a caseworker only their own items
//! (`AllowOwn`), and [`may_see_item`] is the one filter that says which.

use super::*;

#[test]
fn own_items_still_count_as_allowed() {
    assert!(Decision::AllowOwn.allowed());
}

#[test]
fn caseworker_sees_their_own_caseload_item_but_not_a_colleagues_or_an_unassigned_one() {
    let caseworker = actor(Role::Caseworker);
    assert!(may_see_item(&caseworker, "kib", Some("cw1")));
    assert!(!may_see_item(&caseworker, "kib", Some("cw2")));
    assert!(!may_see_item(&caseworker, "kib", None));
    assert!(!may_see_item(&caseworker, "jobsporet", Some("cw1")));
}

proptest! {
    #[test]
    fn only_a_caseworker_in_the_programme_is_limited_to_own_items(
        actor in any_actor(),
        action in any_action(),
        subject in any_subject(),
    ) {
        let resource = subject.resource();
        let own_worklist = actor.role == Role::Caseworker
            && action == Action::ViewWorklist
            && matches!(
                resource,
                Resource::Programme { organisation, programme }
                    if organisation == actor.organisation && actor.programmes.iter().any(|p| p == programme)
            );
        prop_assert_eq!(can(&actor, action, &resource) == Decision::AllowOwn, own_worklist);
    }

    #[test]
    fn caseworker_sees_only_items_naming_them_in_their_programmes(
        actor in any_actor_as(vec![Role::Caseworker]),
        programme in select(PROGRAMMES.to_vec()),
        caseworker in any_caseworker(),
    ) {
        let me = someone(actor.caseworker.as_deref());
        let expected = actor.programmes.iter().any(|p| p == programme)
            && me.is_some()
            && someone(caseworker) == me;
        prop_assert_eq!(may_see_item(&actor, programme, caseworker), expected);
    }

    #[test]
    fn lead_sees_every_item_of_their_programmes(
        actor in any_actor_as(vec![Role::Lead]),
        programme in select(PROGRAMMES.to_vec()),
        caseworker in any_caseworker(),
    ) {
        let expected = actor.programmes.iter().any(|p| p == programme);
        prop_assert_eq!(may_see_item(&actor, programme, caseworker), expected);
    }

    #[test]
    fn admins_analysts_and_auditors_see_no_worklist_item(
        actor in any_actor_as(vec![Role::Admin, Role::Analyst, Role::Auditor]),
        programme in select(PROGRAMMES.to_vec()),
        caseworker in any_caseworker(),
    ) {
        prop_assert!(!may_see_item(&actor, programme, caseworker));
    }

    /// The filter shows exactly what the policy allows: the worklist itself, and the case behind
    /// the item.
    #[test]
    fn an_item_is_visible_exactly_when_the_worklist_and_its_case_are_allowed(
        actor in any_actor(),
        programme in select(PROGRAMMES.to_vec()),
        caseworker in any_caseworker(),
    ) {
        let organisation = actor.organisation.as_str();
        let worklist = Resource::Programme { organisation, programme };
        let enrolment = Resource::Enrolment { organisation, programme, caseworker };
        let expected = can(&actor, Action::ViewWorklist, &worklist).allowed()
            && can(&actor, Action::ReadCase, &enrolment) == Decision::Allow;
        prop_assert_eq!(may_see_item(&actor, programme, caseworker), expected);
    }
}
