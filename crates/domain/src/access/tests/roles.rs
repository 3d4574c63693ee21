//! Role names: how roles are written in the store, the CLI and JSON.

use super::*;

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

proptest! {
    #[test]
    fn only_the_five_role_names_parse(text in "\\PC{0,12}|admin|lead|caseworker|analyst|auditor") {
        let known = Role::ALL.iter().any(|r| r.as_str() == text);
        prop_assert_eq!(Role::parse(&text).is_some(), known);
    }
}
