//! The status report's breakdowns as tables for suppression: one table per attribute, each cell
//! a count of the breakdown, each constraint a sum the report lets a reader check.

use super::{Constraint, Total, suppress};
use crate::report::{Count, Group, Groups, StatusReport};

/// Cells per group: `active`, `accepted`, the eight situations, the eight best outcomes.
const PER_GROUP: usize = 18;
const SITUATION: usize = 2;
const BEST: usize = 10;

/// One breakdown of a report as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakdownTable {
    /// `gender`, `benefit`, `age_band` or `origin_country`.
    pub attribute: &'static str,
    /// The counts group by group, in the report's order; within a group `active`, `accepted`,
    /// the situations and the best outcomes, in the order of `Situation::ALL`.
    pub cells: Vec<Count>,
    /// A group's situations add up to its `active` and its best outcomes to its `accepted`;
    /// across the groups, each figure adds up to the report's headline figure.
    pub constraints: Vec<Constraint>,
}

/// The four breakdowns of `r` as tables, with the cells as `r` shows them.
pub fn breakdown_tables(r: &StatusReport) -> [BreakdownTable; 4] {
    let b = &r.breakdown;
    [
        table("gender", &b.gender, r),
        table("benefit", &b.benefit, r),
        table("age_band", &b.age_band, r),
        table("origin_country", &b.origin_country, r),
    ]
}

fn table(attribute: &'static str, groups: &Groups, r: &StatusReport) -> BreakdownTable {
    let mut cells = Vec::with_capacity(groups.0.len() * PER_GROUP);
    for (_, g) in &groups.0 {
        cells.extend([g.active, g.accepted]);
        cells.extend(g.situation.0);
        cells.extend(g.best_outcome.0);
    }
    let n = groups.0.len();
    let cell = |group: usize, offset: usize| group * PER_GROUP + offset;
    let mut constraints = Vec::new();
    for g in 0..n {
        constraints.push(Constraint {
            cells: (SITUATION..BEST).map(|o| cell(g, o)).collect(),
            total: Total::Cell(cell(g, 0)),
        });
        constraints.push(Constraint {
            cells: (BEST..PER_GROUP).map(|o| cell(g, o)).collect(),
            total: Total::Cell(cell(g, 1)),
        });
    }
    let across = |offset: usize, total: u64| Constraint {
        cells: (0..n).map(|g| cell(g, offset)).collect(),
        total: Total::Published(total),
    };
    constraints.push(across(0, r.active));
    constraints.push(across(1, r.accepted));
    for (s, &total) in r.situation.0.iter().enumerate() {
        constraints.push(across(SITUATION + s, total));
    }
    for (s, &total) in r.best_outcome.0.iter().enumerate() {
        constraints.push(across(BEST + s, total));
    }
    BreakdownTable {
        attribute,
        cells,
        constraints,
    }
}

/// Suppresses the breakdowns of `r` with threshold `k`, primary and secondary (see the module
/// above). The headline figures stay as they are. Meant for a report fresh from its builder: a
/// count that is already hidden stays hidden but is not protected by others.
pub fn suppress_report(r: &mut StatusReport, k: u64) {
    let tables = breakdown_tables(r);
    let b = &mut r.breakdown;
    let groups = [
        &mut b.gender,
        &mut b.benefit,
        &mut b.age_band,
        &mut b.origin_country,
    ];
    for (t, groups) in tables.iter().zip(groups) {
        let values: Vec<u64> = t.cells.iter().map(|c| c.unwrap_or(0)).collect();
        let mut shown = suppress(&values, &t.constraints, k);
        for (s, was) in shown.iter_mut().zip(&t.cells) {
            if was.is_none() {
                *s = None;
            }
        }
        for ((_, g), cells) in groups.0.iter_mut().zip(shown.chunks(PER_GROUP)) {
            write_back(g, cells);
        }
    }
}

fn write_back(g: &mut Group, cells: &[Count]) {
    let mut it = cells.iter().copied();
    let mut next = || it.next().flatten();
    g.active = next();
    g.accepted = next();
    for c in g.situation.0.iter_mut().chain(g.best_outcome.0.iter_mut()) {
        *c = next();
    }
}
