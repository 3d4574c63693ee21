//! National ids and CVR numbers: which are accepted, and that a national id never leaks into
//! an error or debug output.

use super::*;

#[test]
fn a_valid_cpr_number_is_accepted_in_both_written_forms() {
    for cpr in [NEVER_ISSUED_CPR, "0101901234"] {
        let Record::Entity(Entity::Person(p)) =
            read(&line_with("person", "national_id", json!(cpr)))
        else {
            panic!("not a person");
        };
        let id = p.national_id.unwrap_or_else(|| panic!("no national id"));
        assert_eq!(id.expose(), NEVER_ISSUED_CPR);
    }
}

#[test]
fn a_valid_personnummer_is_accepted() {
    read(&line_with(
        "person",
        "national_id",
        json!(EXAMPLE_PERSONNUMMER),
    ));
    read(&line_with("person", "national_id", json!("19811218-9876")));
}

#[test]
fn a_bad_national_id_is_refused_naming_national_id() {
    for bad in [
        "310290-1234",   // 31 February
        "12345",         // no shape at all
        "811218-9875",   // personnummer with a wrong check digit
        "010190-12345",  // too long
        "0101901234567", // too long
    ] {
        let e = refused(&line_with("person", "national_id", json!(bad)));
        assert_eq!(fields_named(&e), vec!["national_id"], "{bad}");
    }
}

#[test]
fn the_cpr_century_follows_the_seventh_digit() {
    // 29 February 2000 is real, 29 February 1900 is not: the 7th digit decides which it is.
    read(&line_with("person", "national_id", json!("290200-4123")));
    read(&line_with("person", "national_id", json!("290200-5123")));
    let e = refused(&line_with("person", "national_id", json!("290200-1123")));
    assert_eq!(fields_named(&e), vec!["national_id"]);
}

#[test]
fn a_bad_national_id_error_never_echoes_the_number() {
    let e = refused(&line_with("person", "national_id", json!("310290-1234")));
    let text = format!("{e:?} {}", serde_json::to_string(&e).unwrap_or_default());
    assert!(!text.contains("310290"), "{text}");
    assert!(!text.contains("1234"), "{text}");
}

#[test]
fn a_cpr_number_failing_modulus_11_is_still_accepted() {
    // FORMAT.md §2: the modulus-11 check is not required.
    read(&line_with("person", "national_id", json!(NEVER_ISSUED_CPR)));
}

#[test]
fn a_valid_cvr_number_is_accepted() {
    let Record::Entity(Entity::Company(c)) = read(&line_with("company", "cvr", json!("24256790")))
    else {
        panic!("not a company");
    };
    assert_eq!(
        c.cvr.map(|c| c.as_str().to_owned()).as_deref(),
        Some("24256790")
    );
}

#[test]
fn a_bad_cvr_number_is_refused_naming_cvr() {
    for bad in ["24256791", "2425679", "242567900", "2425679a", "04256790"] {
        let e = refused(&line_with("company", "cvr", json!(bad)));
        assert_eq!(fields_named(&e), vec!["cvr"], "{bad}");
    }
}

#[test]
fn a_person_debug_output_never_shows_the_national_id() {
    for id in [
        NEVER_ISSUED_CPR,
        "0101901234",
        EXAMPLE_PERSONNUMMER,
        "19811218-9876",
    ] {
        let record = read(&line_with("person", "national_id", json!(id)));
        let Record::Entity(Entity::Person(person)) = &record else {
            panic!("not a person");
        };
        for debug in [
            format!("{person:?}"),
            format!("{person:#?}"),
            format!("{record:?}"),
        ] {
            assert!(!debug.contains(id), "{debug}");
            assert!(
                !debug.contains("1234") && !debug.contains("9876"),
                "{debug}"
            );
        }
    }
}
