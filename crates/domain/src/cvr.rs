//! Danish company registration numbers (CVR, FORMAT.md §2 `company.cvr`). Once you hold a [`Cvr`]
//! it is eight digits, does not start with 0 and passes the modulus-11 check.
//!
//! A CVR number is public company data, so unlike a national id it may be shown and logged. This
//! module must never accept a number that fails the check, nor guess at a "corrected" one.

use serde::{Serialize, Serializer};

/// Why a text is not a CVR number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CvrError {
    #[error("a CVR number is exactly 8 digits")]
    Shape,
    #[error("a CVR number does not start with 0")]
    LeadingZero,
    #[error("`{0}` fails the CVR modulus-11 check")]
    CheckDigit(String),
}

/// A valid CVR number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cvr(String);

const WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];

impl Cvr {
    /// Accepts exactly 8 digits, surrounded by any whitespace.
    pub fn parse(input: &str) -> Result<Cvr, CvrError> {
        let text = input.trim();
        if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CvrError::Shape);
        }
        if text.starts_with('0') {
            return Err(CvrError::LeadingZero);
        }
        if !weighted_sum(text).is_multiple_of(11) {
            return Err(CvrError::CheckDigit(text.to_owned()));
        }
        Ok(Cvr(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for Cvr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Demo-data support: a valid CVR number for a counter, the same every time, and different for
/// every `n` below 4,500,000 (larger `n` wrap around).
///
/// The first seven digits are `1000000 + 2 * n`; the eighth is the one that makes the check pass.
/// When no digit can (the remainder needs a 10), the odd neighbour prefix is used instead: it adds
/// 2 to the weighted sum and so needs an 8, and no even prefix ever uses it.
pub fn generated_cvr(n: u32) -> Cvr {
    let even = 1_000_000 + 2 * (n % 4_500_000);
    [even, even + 1]
        .into_iter()
        .find_map(|prefix| {
            let check = (11 - weighted_sum(&prefix.to_string()) % 11) % 11;
            (check < 10).then(|| Cvr(format!("{prefix}{check}")))
        })
        // Unreachable (see above); a known valid number keeps this total without panicking.
        .unwrap_or_else(|| Cvr("57536209".to_owned()))
}

/// The weighted sum of the leading digits of `digits` (at most 8).
fn weighted_sum(digits: &str) -> u32 {
    digits
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_valid_cvrs_are_accepted() {
        for text in ["57536209", "51544307", "82991875", " 57536209\t"] {
            assert_eq!(Cvr::parse(text).unwrap().as_str(), text.trim());
        }
    }

    #[test]
    fn cvr_with_a_wrong_check_digit_is_rejected_and_named() {
        let error = Cvr::parse("57536208").unwrap_err();
        assert_eq!(error, CvrError::CheckDigit("57536208".to_owned()));
        assert_eq!(
            error.to_string(),
            "`57536208` fails the CVR modulus-11 check"
        );
    }

    #[test]
    fn cvr_of_the_wrong_shape_is_rejected() {
        for bad in [
            "",
            "5753620",
            "575362090",
            "DK57536209",
            "5753 6209",
            "5753620x",
            "５7536209",
        ] {
            assert_eq!(Cvr::parse(bad), Err(CvrError::Shape), "{bad}");
        }
    }

    #[test]
    fn cvr_starting_with_zero_is_rejected_even_if_the_sum_fits() {
        // 0 at the front adds nothing to the sum, so only this rule stops it.
        assert_eq!(Cvr::parse("07536209"), Err(CvrError::LeadingZero));
    }

    #[test]
    fn cvr_serializes_as_its_digits() {
        let cvr = Cvr::parse("82991875").unwrap();
        assert_eq!(serde_json::to_string(&cvr).unwrap(), "\"82991875\"");
    }

    #[test]
    fn generated_cvrs_for_the_first_counters_are_all_different() {
        let all: std::collections::BTreeSet<Cvr> = (0..20_000).map(generated_cvr).collect();
        assert_eq!(all.len(), 20_000);
    }

    proptest! {
        #[test]
        fn generated_cvr_is_valid_and_deterministic(n in any::<u32>()) {
            let cvr = generated_cvr(n);
            prop_assert_eq!(Cvr::parse(cvr.as_str()), Ok(cvr.clone()));
            prop_assert_eq!(generated_cvr(n), cvr);
        }

        #[test]
        fn generated_cvrs_differ_for_different_counters(a in 0u32..4_500_000, b in 0u32..4_500_000) {
            prop_assume!(a != b);
            prop_assert_ne!(generated_cvr(a), generated_cvr(b));
        }

        #[test]
        fn cvr_with_any_single_digit_changed_fails(position in 0usize..8, delta in 1u8..10) {
            let mut bytes = b"57536209".to_vec();
            bytes[position] = b'0' + (bytes[position] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(Cvr::parse(&changed).is_err(), "{} was accepted", changed);
        }
    }
}
