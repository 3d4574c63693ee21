//! Rules that hold for any actor and any resource: organisations, the roles without case data,
//! small cells, and actors without programmes.

use super::*;

#[test]
fn nothing_crosses_organisations() {
    let others = [
        Resource::Organisation {
            organisation: "hjorring",
        },
        Resource::Programme {
            organisation: "hjorring",
            programme: "kib",
        },
        Resource::Enrolment {
            organisation: "hjorring",
            programme: "kib",
            caseworker: Some("cw1"),
        },
        Resource::Person {
            organisation: "hjorring",
            enrolments: &[("kib", Some("cw1"))],
        },
    ];
    for role in Role::ALL {
        for action in Action::ALL {
            for other in &others {
                assert_eq!(
                    can(&actor(role), action, other),
                    Decision::Deny,
                    "{role:?} {action:?} {other:?}"
                );
            }
        }
    }
}

proptest! {
    #[test]
    fn no_decision_is_ever_allowed_across_organisations(
        actor in any_actor(),
        action in any_action(),
        subject in any_subject(),
    ) {
        let resource = subject.resource();
        prop_assume!(resource.organisation() != actor.organisation);
        prop_assert_eq!(can(&actor, action, &resource), Decision::Deny);
    }

    #[test]
    fn admins_and_auditors_never_reach_case_data(
        actor in any_actor_as(vec![Role::Admin, Role::Auditor]),
        action in select(CASE_ACTIONS.to_vec()),
        subject in any_subject(),
    ) {
        prop_assert_eq!(can(&actor, action, &subject.resource()), Decision::Deny);
    }

    /// API tokens never carry the admin role, so an admin's programme list means nothing: the
    /// admin rules must give the same answer whatever it (or the caseworker id) says.
    #[test]
    fn admin_decisions_do_not_depend_on_programmes_or_caseworker_id(
        actor in any_actor_as(vec![Role::Admin]),
        action in any_action(),
        subject in any_subject(),
    ) {
        let bare = Actor { programmes: Vec::new(), caseworker: None, ..actor.clone() };
        let resource = subject.resource();
        prop_assert_eq!(can(&actor, action, &resource), can(&bare, action, &resource));
    }

    #[test]
    fn analysts_only_ever_get_suppressed_reports_of_their_programmes(
        actor in any_actor_as(vec![Role::Analyst]),
        action in any_action(),
        subject in any_subject(),
    ) {
        let resource = subject.resource();
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
        subject in any_subject(),
    ) {
        let decision = can(&actor, action, &subject.resource());
        prop_assert!(!matches!(decision, Decision::AllowSuppressed { .. }), "{:?}", decision);
    }

    /// Admin's `edit_programme` is the one exception: admins manage every programme of their
    /// organisation without working in any (see the matrix).
    #[test]
    fn actor_without_programmes_is_denied_everything_in_programmes_enrolments_and_persons(
        actor in any_actor(),
        action in any_action(),
        subject in prop_oneof![
            any_programme().prop_map(Subject::Plain),
            any_enrolment().prop_map(Subject::Plain),
            any_person(),
        ],
    ) {
        let actor = Actor { programmes: Vec::new(), ..actor };
        let resource = subject.resource();
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
}
