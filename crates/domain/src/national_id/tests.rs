use super::*;
use proptest::prelude::*;

// Made-up numbers only. CPRs born before 2007 that fail modulus 11 were never issued.
const CPR: &str = "150375-1234";
const TOLVAN: &str = "121212-1212"; // Skatteverket's well-known example number

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn id(text: &str) -> Result<NationalId, IdError> {
    NationalId::parse(text)
}

#[test]
fn cpr_with_or_without_dash_and_whitespace_is_the_same_number() {
    let cpr = Cpr::parse(CPR).unwrap();
    assert_eq!(Cpr::parse("  1503751234\n").unwrap(), cpr);
    assert_eq!(cpr.expose(), CPR);
    assert_eq!(cpr.birth_date(), day(1975, 3, 15));
    assert_eq!(cpr.lookup_key(), "1503751234");
    assert_eq!(cpr.masked(), "150375-xxxx");
}

#[test]
fn cpr_with_day_32_or_month_13_is_rejected() {
    for bad in ["320375-1234", "151375-1234", "000375-1234"] {
        assert_eq!(Cpr::parse(bad), Err(IdError::NotADate), "{bad}");
    }
}

#[test]
fn cpr_of_the_wrong_shape_is_rejected() {
    for bad in [
        "15037-51234",
        "150375 1234",
        "150375-123",
        "15o375-1234",
        "１５0375-12",
    ] {
        assert_eq!(Cpr::parse(bad), Err(IdError::CprShape), "{bad}");
    }
    assert_eq!(Cpr::parse(" "), Err(IdError::Empty));
}

#[test]
fn cpr_century_follows_the_seventh_digit() {
    for (text, year) in [
        ("010199-3001", 1999),
        ("010137-4000", 1937),
        ("010136-4000", 2036),
        ("010137-9001", 1937),
        ("010136-9000", 2036),
        ("010157-5000", 2057),
        ("010158-8000", 1858),
    ] {
        assert_eq!(
            Cpr::parse(text).unwrap().birth_date(),
            day(year, 1, 1),
            "{text}"
        );
    }
}

#[test]
fn cpr_on_29_february_needs_a_leap_year_in_its_century() {
    assert_eq!(
        Cpr::parse("290200-4321").unwrap().birth_date(),
        day(2000, 2, 29)
    );
    assert_eq!(Cpr::parse("290200-1234"), Err(IdError::NotADate));
}

#[test]
fn cpr_that_fails_modulus11_is_still_accepted() {
    assert!(!Cpr::parse(CPR).unwrap().passes_modulus11());
    assert!(Cpr::parse("010130-4000").unwrap().passes_modulus11()); // born 2030
}

#[test]
fn debug_never_shows_the_number_but_json_export_does() {
    let cpr = Cpr::parse(CPR).unwrap();
    let pn = Personnummer::parse(TOLVAN).unwrap();
    assert_eq!(format!("{cpr:?}"), "Cpr(<redacted>)");
    assert_eq!(format!("{pn:#?}"), "Personnummer(<redacted>)");
    assert_eq!(format!("{:?}", id(CPR).unwrap()), "NationalId(<redacted>)");
    assert_eq!(serde_json::to_string(&cpr).unwrap(), format!("\"{CPR}\""));
    assert_eq!(serde_json::to_string(&pn).unwrap(), format!("\"{TOLVAN}\""));
}

#[test]
fn personnummer_is_accepted_in_every_written_form() {
    for text in [
        TOLVAN,
        "121212+1212",
        "191212121212",
        "19121212-1212",
        " 811218-9876 ",
    ] {
        assert!(Personnummer::parse(text).is_ok(), "{text}");
    }
}

#[test]
fn personnummer_without_separator_or_with_a_wrong_one_is_rejected() {
    for bad in [
        "1212121212",
        "121212 1212",
        "19121212+1212",
        "1912121212123",
    ] {
        assert_eq!(
            Personnummer::parse(bad),
            Err(IdError::PersonnummerShape),
            "{bad}"
        );
    }
}

#[test]
fn personnummer_with_wrong_check_digit_or_date_is_rejected() {
    assert_eq!(Personnummer::parse("811218-9875"), Err(IdError::CheckDigit));
    assert_eq!(Personnummer::parse("811318-9876"), Err(IdError::NotADate));
    assert_eq!(
        Personnummer::parse("18991231-9876"),
        Err(IdError::CheckDigit)
    );
    assert_eq!(Personnummer::parse("19000229-1235"), Err(IdError::NotADate));
}

#[test]
fn samordningsnummer_is_accepted_with_the_real_birth_day() {
    let pn = Personnummer::parse("811278-9873").unwrap();
    assert_eq!(pn.birth_date(day(2024, 1, 1)), day(1981, 12, 18));
}

#[test]
fn short_personnummer_is_born_in_the_latest_century_not_after_the_reference() {
    let pn = Personnummer::parse(TOLVAN).unwrap();
    assert_eq!(pn.birth_date(day(2024, 1, 1)), day(2012, 12, 12));
    assert_eq!(pn.birth_date(day(2012, 12, 12)), day(2012, 12, 12));
    assert_eq!(pn.birth_date(day(2012, 12, 11)), day(1912, 12, 12));
    let leap = Personnummer::parse("000229-1235").unwrap();
    assert_eq!(leap.birth_date(day(2003, 6, 1)), day(2000, 2, 29));
}

#[test]
fn plus_means_a_hundred_years_older_and_the_long_form_ignores_the_reference() {
    let plus = Personnummer::parse("121212+1212").unwrap();
    assert_eq!(plus.birth_date(day(2024, 1, 1)), day(1912, 12, 12));
    assert_eq!(plus.birth_date(day(2012, 12, 11)), day(1812, 12, 12));
    let long = Personnummer::parse("191212121212").unwrap();
    assert_eq!(long.birth_date(day(2200, 1, 1)), day(1912, 12, 12));
}

#[test]
fn personnummer_is_masked_and_keyed_by_its_last_ten_digits() {
    let long = Personnummer::parse("19121212-1212").unwrap();
    assert_eq!(long.masked(), "19121212-xxxx");
    assert_eq!(long.expose(), "19121212-1212");
    assert_eq!(long.lookup_key(), "1212121212");
    let masked = |t: &str| Personnummer::parse(t).unwrap().masked();
    assert_eq!(masked("191212121212"), "19121212-xxxx");
    assert_eq!(masked(TOLVAN), "121212-xxxx");
    assert_eq!(masked("121212+1212"), "121212+xxxx");
}

#[test]
fn national_id_tells_the_two_kinds_apart() {
    let is_cpr = |t: &str| matches!(id(t).unwrap(), NationalId::Cpr(_));
    assert!(is_cpr(CPR));
    assert!(is_cpr(TOLVAN), "a text that reads as both is a CPR");
    assert!(!is_cpr("811218-9876"));
    assert!(!is_cpr("191212121212"));
    assert!(!is_cpr("121212+1212"));
}

#[test]
fn national_id_gives_the_most_helpful_error_and_never_the_number() {
    for (bad, error) in [
        ("811218-9875", IdError::CheckDigit),
        ("991399-1234", IdError::NotADate),
        ("8112189876", IdError::NotADate), // never a personnummer without separator
        ("19121212+1212", IdError::Shape),
        ("12345", IdError::Shape),
        ("  ", IdError::Empty),
    ] {
        assert_eq!(id(bad), Err(error), "{bad}");
        let message = error.to_string();
        assert!(
            !message.contains("8112") && !message.contains("9875") && !message.contains("1399")
        );
    }
    assert!(IdError::Shape.to_string().contains("DDMMYY-SSSS"));
}

#[test]
fn national_id_delegates_and_keeps_the_countries_apart() {
    // The same ten digits: a CPR, and a samordningsnummer (day 80 = 20th) from 1901.
    let (dk, se) = (id("010180-1231").unwrap(), id("19010180-1231").unwrap());
    assert_eq!(dk.lookup_key(), "dk:0101801231");
    assert_eq!(se.lookup_key(), "se:0101801231");
    assert_eq!(
        (dk.masked(), dk.expose()),
        ("010180-xxxx".into(), "010180-1231")
    );
    assert_eq!(dk.birth_date(day(2024, 1, 1)), day(1980, 1, 1));
    assert_eq!(se.birth_date(day(2024, 1, 1)), day(1901, 1, 20));
    assert_eq!(serde_json::to_string(&se).unwrap(), "\"19010180-1231\"");
}

#[test]
fn generated_cpr_refuses_births_from_2007_on() {
    assert_eq!(generated_cpr(day(2007, 1, 1), 0), None);
    assert_eq!(generated_cpr(day(1857, 12, 31), 0), None);
    assert!(generated_cpr(day(2006, 12, 31), 0).is_some());
}

proptest! {
    #[test]
    fn generated_cpr_is_valid_for_its_birth_date_and_never_issued(
        offset in 0i64..54_422, serial in any::<u16>(),
    ) {
        let birth = day(1858, 1, 1) + chrono::Duration::days(offset);
        let cpr = generated_cpr(birth, serial).unwrap();
        prop_assert_eq!(cpr.birth_date(), birth);
        prop_assert!(!cpr.passes_modulus11());
        prop_assert_eq!(Cpr::parse(cpr.expose()), Ok(cpr.clone()));
        prop_assert_eq!(Cpr::parse(&cpr.lookup_key()), Ok(cpr.clone()));
        prop_assert_eq!(generated_cpr(birth, serial), Some(cpr));
    }

    #[test]
    fn personnummer_with_any_single_digit_changed_fails_luhn(
        offset in 0i64..39_446, serial in 0u32..1000, position in 0usize..10, delta in 1u8..10,
    ) {
        let birth = day(1900, 1, 1) + chrono::Duration::days(offset);
        let body = format!("{}-{serial:03}", birth.format("%y%m%d"));
        let valid = (0..10).map(|c| format!("{body}{c}"))
            .find(|t| Personnummer::parse(t).is_ok()).unwrap();
        let mut bytes = valid.into_bytes();
        let at = if position < 6 { position } else { position + 1 };
        bytes[at] = b'0' + (bytes[at] - b'0' + delta) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(Personnummer::parse(&changed).is_err(), "{} was accepted", changed);
    }
}
