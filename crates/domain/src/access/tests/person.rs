//! A person is reached through their enrolments: reading needs one readable enrolment; the export
//! (GDPR Art. 15) and the full national id need every one, so neither shows an enrolment the
//! actor could not read.

use super::*;

/// Whether `actor` could read each of the person's enrolments on its own.
fn readable(actor: &Actor, subject: &Subject) -> Vec<bool> {
    let Subject::Person {
        organisation,
        enrolments,
    } = subject
    else {
        return Vec::new();
    };
    enrolments
        .iter()
        .map(|&(programme, caseworker)| {
            let enrolment = Resource::Enrolment {
                organisation,
                programme,
                caseworker,
            };
            can(actor, Action::ReadCase, &enrolment) == Decision::Allow
        })
        .collect()
}

#[test]
fn a_persons_export_is_not_an_enrolment_action() {
    let mine = Resource::Enrolment {
        organisation: "helsingor",
        programme: "kib",
        caseworker: Some("cw1"),
    };
    for role in Role::ALL {
        assert_eq!(
            can(&actor(role), Action::ExportPerson, &mine),
            Decision::Deny,
            "{role:?}"
        );
    }
}

#[test]
fn lead_may_not_export_a_person_also_enrolled_in_a_programme_outside_theirs() {
    let person = Resource::Person {
        organisation: "helsingor",
        enrolments: &[("kib", None), ("rekrytera", Some("cw7"))],
    };
    let lead = actor(Role::Lead);
    assert_eq!(can(&lead, Action::ReadCase, &person), Decision::Allow);
    assert_eq!(can(&lead, Action::ExportPerson, &person), Decision::Deny);
    assert_eq!(can(&lead, Action::ShowNationalId, &person), Decision::Deny);
}

proptest! {
    #[test]
    fn export_and_full_national_id_need_every_enrolment_readable(
        actor in any_actor(),
        action in select(vec![Action::ExportPerson, Action::ShowNationalId]),
        person in any_person(),
    ) {
        let readable = readable(&actor, &person);
        let every = !readable.is_empty() && readable.iter().all(|r| *r);
        let expected = if every { Decision::Allow } else { Decision::Deny };
        prop_assert_eq!(can(&actor, action, &person.resource()), expected);
    }

    #[test]
    fn reading_a_person_needs_one_readable_enrolment(
        actor in any_actor(),
        person in any_person(),
    ) {
        let any = readable(&actor, &person).into_iter().any(|r| r);
        let expected = if any { Decision::Allow } else { Decision::Deny };
        prop_assert_eq!(can(&actor, Action::ReadCase, &person.resource()), expected);
    }

    #[test]
    fn a_person_is_only_read_exported_or_shown_in_full(
        actor in any_actor(),
        action in any_action(),
        person in any_person(),
    ) {
        prop_assume!(!matches!(
            action,
            Action::ReadCase | Action::ExportPerson | Action::ShowNationalId
        ));
        prop_assert_eq!(can(&actor, action, &person.resource()), Decision::Deny);
    }

    #[test]
    fn nobody_reaches_a_person_without_enrolments(
        actor in any_actor(),
        action in any_action(),
        organisation in select(ORGANISATIONS.to_vec()),
    ) {
        let person = Resource::Person { organisation, enrolments: &[] };
        prop_assert_eq!(can(&actor, action, &person), Decision::Deny);
    }

    /// Adding an enrolment the actor cannot read takes the export away; it never grants it.
    #[test]
    fn an_unreadable_enrolment_takes_the_export_away(
        actor in any_actor(),
        person in any_person(),
        extra in (select(PROGRAMMES.to_vec()), any_caseworker()),
    ) {
        let Subject::Person { organisation, mut enrolments } = person else {
            return Ok(());
        };
        let alone = Subject::Person { organisation, enrolments: vec![extra] };
        prop_assume!(readable(&actor, &alone) == [false]);
        enrolments.push(extra);
        let person = Subject::Person { organisation, enrolments };
        prop_assert_eq!(can(&actor, Action::ExportPerson, &person.resource()), Decision::Deny);
    }
}
