//! Small-cell suppression, primary and secondary (issue 5, item 7): which counts of a published
//! table are hidden so that no small group can be singled out, not even by arithmetic on the
//! figures that are shown.
//!
//! # Small-cell suppression
//!
//! A table is a list of counts (cells) and the sums that tie them together (constraints): the
//! cells of a constraint add up to a published total, or to another cell of the table. In the
//! status report each breakdown (gender, benefit, age band, country of origin) is one table: a
//! group's situations add up to its `active`, its best outcomes to its `accepted`, and across the
//! groups each figure adds up to the headline figure of the report (`active`, `accepted`, each
//! situation, each best outcome), which is always shown.
//!
//! - **Primary:** every count from 1 to k − 1 is hidden. Zero stays shown (FORMAT.md §4: "below N
//!   (but above 0)"); k itself is shown.
//! - **Secondary:** while [`attack`] can still work out a hidden count from what is shown, one more
//!   cell is hidden: first, for a constraint with a single hidden cell, the smallest shown cell of
//!   that constraint; otherwise the smallest shown cell of any constraint the recovered cell is in.
//!   Ties go to the cell that comes first in the table, so the same figures always hide the same
//!   cells. The smallest is chosen because hiding it loses the least information; a zero may be
//!   chosen, since an attacker cannot tell a hidden zero from a hidden small count. A cell whose
//!   value follows from the published totals alone is never chosen: hiding it protects nothing.
//! - **Totals that cannot be hidden.** The headline figures are always shown, so a cell equal to
//!   one of them (a breakdown with a single group, such as a programme for women only) can be
//!   hidden but not protected. It is hidden anyway, so that every count below k stays hidden, and
//!   [`entailed`] names these cells; [`attack`] may recover them, and only them.
//!
//! The attacker knows every shown cell, every constraint and its total, and that counts are whole
//! numbers, never negative. It solves the constraints by elimination (which also combines
//! overlapping constraints, e.g. two groups' totals minus a shared column) and narrows each hidden
//! cell's bounds; a cell is recovered when a single value remains. It does not use inequalities
//! between cells (a group's `active` is at most its `accepted`) or the order of outcomes, and it
//! does not combine bounds across several overlapping sums (from a + b + e = 1, a + b + c = 2 and
//! c + d = 1 it does not conclude c = 1). Tables shaped like the report's breakdowns are also
//! tested against every possible filling of their hidden cells, and withstand it; arbitrary
//! overlapping tables would need an integer-programming attacker to be safe.
//!
//! This module never sees people, only counts, and logs nothing.

mod attack;
mod report;

pub use attack::attack;
pub use report::{BreakdownTable, breakdown_tables, suppress_report};

/// One additive constraint of a table: its cells add up to `total`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    /// Indexes into the table; a constraint naming a cell outside the table is ignored.
    pub cells: Vec<usize>,
    pub total: Total,
}

/// What the cells of a constraint add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// A figure that is always shown (a headline figure of the report).
    Published(u64),
    /// Another cell of the table, which may itself be hidden.
    Cell(usize),
}

impl Constraint {
    /// Every cell the constraint touches, its total cell included.
    fn touches(&self) -> impl Iterator<Item = usize> + '_ {
        let total = match self.total {
            Total::Cell(c) => Some(c),
            Total::Published(_) => None,
        };
        self.cells.iter().copied().chain(total)
    }

    fn fits(&self, cells: usize) -> bool {
        self.touches().all(|c| c < cells)
    }
}

/// The table as published: each cell's value, or `None` where it is hidden. Primary suppression
/// hides the counts from 1 to `k - 1`; secondary suppression hides more until [`attack`] recovers
/// no hidden cell outside [`entailed`]. Shown cells keep their value.
pub fn suppress(values: &[u64], constraints: &[Constraint], k: u64) -> Vec<Option<u64>> {
    let n = values.len();
    let mut shown: Vec<Option<u64>> = values
        .iter()
        .map(|&v| (v == 0 || v >= k).then_some(v))
        .collect();
    if shown.iter().all(Option::is_some) {
        return shown;
    }
    let constraints: Vec<Constraint> = constraints.iter().filter(|c| c.fits(n)).cloned().collect();
    let fixed = entailed(n, &constraints);
    // Among `cells`, the shown one that hides the least: smallest value, then first in the table.
    let smallest = |shown: &[Option<u64>], cells: &mut dyn Iterator<Item = usize>| {
        cells
            .filter(|&c| shown[c].is_some() && !fixed[c])
            .min_by_key(|&c| (values[c], c))
    };
    loop {
        // The cheap case first: a constraint with one hidden cell gives it away by subtraction.
        let single = constraints.iter().find_map(|c| {
            let mut hidden = c.touches().filter(|&i| shown[i].is_none());
            match (hidden.next(), hidden.next()) {
                (Some(h), None) if !fixed[h] => smallest(&shown, &mut c.touches()),
                _ => None,
            }
        });
        if let Some(c) = single {
            shown[c] = None;
            continue;
        }
        let recovered = attack(&shown, &constraints);
        let Some(exposed) = (0..n).find(|&c| recovered[c].is_some() && !fixed[c]) else {
            break;
        };
        let near = smallest(
            &shown,
            &mut constraints
                .iter()
                .filter(|c| c.touches().any(|i| i == exposed))
                .flat_map(|c| c.touches()),
        );
        match near.or_else(|| smallest(&shown, &mut (0..n))) {
            Some(c) => shown[c] = None,
            // Everything that could be hidden is; nothing more protects the cell.
            None => break,
        }
    }
    shown
}

/// The cells whose value follows from the published totals alone, whatever else is shown: a
/// breakdown with one group, or a column whose total is 0. Hiding them protects nothing.
pub fn entailed(cells: usize, constraints: &[Constraint]) -> Vec<bool> {
    attack(&vec![None; cells], constraints)
        .iter()
        .map(Option::is_some)
        .collect()
}

/// For tests of published tables: `shown` is `values` published with threshold `k` — nothing
/// from 1 to k − 1 shown, nothing shown changed, and no hidden cell outside [`entailed`] recovered
/// by [`attack`].
#[cfg(test)]
#[allow(clippy::panic)]
pub(crate) fn assert_protected(
    values: &[u64],
    constraints: &[Constraint],
    shown: &[Option<u64>],
    k: u64,
) {
    assert_eq!(shown.len(), values.len());
    for (i, (&value, &cell)) in values.iter().zip(shown).enumerate() {
        if (1..k).contains(&value) {
            assert_eq!(cell, None, "cell {i} ({value}) is below {k} and shown");
        }
        if let Some(c) = cell {
            assert_eq!(c, value, "cell {i} is shown changed");
        }
    }
    let fixed = entailed(values.len(), constraints);
    for (i, r) in attack(shown, constraints).iter().enumerate() {
        if shown[i].is_none() && !fixed[i] {
            assert_eq!(*r, None, "hidden cell {i} ({}) recovered", values[i]);
        }
    }
}

#[cfg(test)]
mod tests;
