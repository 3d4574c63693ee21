//! Matching (ISSUE 6, item 4): how well a participant's profile fits an opening, as a score out
//! of 100 that explains itself — every factor with its weight, the share of it earned, and why —
//! so a caseworker can see *why* someone is proposed and disagree with it. The same score ranks
//! candidates for an opening and openings for a participant; nobody already in a job or in
//! education is a candidate.
//!
//! The weights are a judgement, written once here ([`WEIGHTS`]) and shown on every list: the
//! occupation the participant wishes for weighs most (the seeds' programmes start from the
//! participant's own goal), then what they have done before, then whether the hours, the Danish
//! and the place fit. Nothing here decides: a caseworker proposes, and the record of proposals
//! and what came of them ([`crate::proposal`]) shows whether the score was worth following.

mod factors;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::enums::{Situation, codes};
use crate::opening::Opening;
use crate::profile::Profile;

pub use factors::Reason;

codes!(
    /// What a score is made of, in the order lists show it.
    FactorKind {
        Occupation = "occupation",
        Experience = "experience",
        Danish = "danish",
        Hours = "hours",
        Area = "area",
        DrivingLicence = "driving_licence",
    }
);

/// Each factor's weight: the points it gives when it fits fully. They sum to 100.
pub const WEIGHTS: [(FactorKind, u32); 6] = [
    (FactorKind::Occupation, 35),
    (FactorKind::Experience, 20),
    (FactorKind::Danish, 15),
    (FactorKind::Hours, 15),
    (FactorKind::Area, 10),
    (FactorKind::DrivingLicence, 5),
];

/// One factor of a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Factor {
    pub kind: FactorKind,
    /// The most points the factor can give.
    pub weight: u32,
    /// How much of it fits, in percent (0 to 100).
    pub fit: u32,
    /// Points earned: `weight × fit / 100`, in tenths of a point (so that they add up exactly).
    pub tenths: u32,
    pub reason: Reason,
}

/// A score and its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Out of 100, in tenths of a point (`734` is 73.4).
    pub tenths: u32,
    pub factors: Vec<Factor>,
}

impl Score {
    /// The score rounded to whole points, as lists show it.
    pub fn points(&self) -> u32 {
        (self.tenths + 5) / 10
    }
}

/// How well `profile` fits `opening`.
pub fn score(opening: &Opening, profile: &Profile) -> Score {
    let factors: Vec<Factor> = WEIGHTS
        .iter()
        .map(|&(kind, weight)| {
            let (fit, reason) = factors::fit(kind, opening, profile);
            let fit = fit.min(100);
            Factor {
                kind,
                weight,
                fit,
                tenths: weight * fit / 10,
                reason,
            }
        })
        .collect();
    Score {
        tenths: factors.iter().map(|f| f.tenths).sum(),
        factors,
    }
}

/// Whether an enrolment in `situation` on the day may be proposed: active, and not already in a
/// job (full or part time) or in education. `None` is an enrolment that is not active.
pub fn may_be_proposed(situation: Option<Situation>) -> bool {
    situation.is_some_and(|s| !s.is_aftercare())
}

/// One ranked entry: what was scored and its score.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked<T> {
    pub rank: usize,
    #[serde(flatten)]
    pub item: T,
    pub score: Score,
}

/// Ranks scored items best first; ties keep the order of `key` (an id), so the same data always
/// gives the same list.
pub fn rank<T, K: Ord>(mut scored: Vec<(T, Score)>, key: impl Fn(&T) -> K) -> Vec<Ranked<T>> {
    scored.sort_by(|(a, sa), (b, sb)| sb.tenths.cmp(&sa.tenths).then_with(|| key(a).cmp(&key(b))));
    scored
        .into_iter()
        .enumerate()
        .map(|(i, (item, score))| Ranked {
            rank: i + 1,
            item,
            score,
        })
        .collect()
}
