//! The generator's own small random number source (SplitMix64).
//!
//! Why not `rand`: a demo timeline must be the same for the same seed on every machine and after
//! every dependency upgrade, and `rand`'s `StdRng` promises no such thing across versions. The
//! numbers only need to look varied, not be unpredictable; this must never be used for secrets.
//!
//! Every enrolment draws from its own stream (`Rng::stream(seed, n)`), so the same seed gives the
//! same enrolment whatever was generated before it.

use chrono::{Datelike, Days, NaiveDate, Weekday};

#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// An independent stream for `(seed, stream)`.
    pub(crate) fn stream(seed: u64, stream: u64) -> Rng {
        Rng(mix(
            seed.wrapping_mul(GOLDEN) ^ mix(stream.wrapping_add(GOLDEN))
        ))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * n as u128;
        usize::try_from(wide >> 64).unwrap_or(0)
    }

    /// A number in `lo..=hi` (`lo` when the range is empty).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = usize::try_from(hi - lo + 1).unwrap_or(usize::MAX);
        lo + i64::try_from(self.below(span)).unwrap_or(0)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        // 53 random bits as a fraction in [0, 1).
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    /// One item of a constant, non-empty table.
    pub(crate) fn pick<'a, T, const N: usize>(&mut self, items: &'a [T; N]) -> &'a T {
        const { assert!(N > 0) };
        &items[self.below(N)]
    }

    /// One item of a slice, `None` only when it is empty.
    pub(crate) fn pick_slice<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// One item of a constant, non-empty table of `(item, weight)`.
    pub(crate) fn weighted<'a, T, const N: usize>(&mut self, items: &'a [(T, u32); N]) -> &'a T {
        const { assert!(N > 0) };
        let total: u32 = items.iter().map(|(_, w)| *w).sum();
        let mut roll = u32::try_from(self.below(total as usize)).unwrap_or(0);
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        &items[N - 1].0
    }

    /// A day in `from..=to`.
    pub(crate) fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        plus_days(from, self.range(0, (to - from).num_days()))
    }
}

/// `d` plus `n` days (minus when negative); `d` itself if that leaves the calendar.
pub(crate) fn plus_days(d: NaiveDate, n: i64) -> NaiveDate {
    let step = Days::new(n.unsigned_abs());
    let moved = if n >= 0 {
        d.checked_add_days(step)
    } else {
        d.checked_sub_days(step)
    };
    moved.unwrap_or(d)
}

/// `d`, or the Monday after it if it falls on a weekend: offices are closed then.
pub(crate) fn weekday_from(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => plus_days(d, 2),
        Weekday::Sun => plus_days(d, 1),
        _ => d,
    }
}

/// `d`, or the Friday before it if it falls on a weekend.
pub(crate) fn weekday_until(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => plus_days(d, -1),
        Weekday::Sun => plus_days(d, -2),
        _ => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_stream_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5).map(|_| Rng::stream(7, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut r = Rng::stream(7, 3);
        let mut s = Rng::stream(7, 4);
        assert_ne!(r.next_u64(), s.next_u64());
    }

    #[test]
    fn ranges_stay_inside_their_bounds() {
        let mut r = Rng::stream(1, 1);
        for _ in 0..10_000 {
            let x = r.range(-3, 4);
            assert!((-3..=4).contains(&x));
            assert!(r.below(5) < 5);
        }
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn weights_are_respected_roughly() {
        let mut r = Rng::stream(2, 2);
        let table = [("rare", 1), ("common", 9)];
        let common = (0..10_000)
            .filter(|_| *r.weighted(&table) == "common")
            .count();
        assert!((8_500..9_500).contains(&common), "{common}");
    }
}
