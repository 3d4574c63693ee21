//! The ESF+ report as published: with small-cell suppression for whoever may see only suppressed
//! figures (analysts, or `--suppress N`), by the same primary and secondary rules as the status
//! report's breakdowns ([`crate::suppression`]).
//!
//! The report is one table: a cell per row and gender column (the total included). Its sums are
//! those a reader can check: each row's genders add up to its total, and, column by column, the
//! rows of a partition of EECO01 (employment status, age band, education, origin) add up to
//! EECO01, and the six-month outcomes add up to `left_six_months_before`. EECO01's total is also
//! the status report's `accepted`, which is always shown, so the attacker knows it.

use super::{ByGender, EsfReport};
use crate::report::Count;
use crate::suppression::{Constraint, Total, suppress};

/// Cells per row: women, men, non-binary, unknown, total.
const COLUMNS: usize = 5;
const TOTAL: usize = 4;

/// Rows that add up, column by column, to another row: (that row, its parts).
const PARTITIONS: [(&str, &[&str]); 5] = [
    (
        "EECO01",
        &["EECO02", "EECO04", "EECO05", "employment_status_unknown"],
    ),
    (
        "EECO01",
        &["EECO06", "EECO07", "age_30_54", "EECO08", "age_unknown"],
    ),
    (
        "EECO01",
        &["EECO09", "EECO10", "EECO11", "education_unknown"],
    ),
    (
        "EECO01",
        &["EECO14", "origin_member_state", "origin_unknown"],
    ),
    (
        "left_six_months_before",
        &[
            "EECR05",
            "not_in_employment_six_months_after",
            "six_months_unknown",
        ],
    ),
];

impl EsfReport {
    /// The report as published: every count when `min_cell` is `None`; otherwise the counts from
    /// 1 to `min_cell − 1` hidden, and with them the counts that would give them away.
    pub fn publish(&self, min_cell: Option<u64>) -> EsfReport<Count> {
        let (values, constraints) = self.suppression_table();
        let shown = match min_cell {
            Some(k) => suppress(&values, &constraints, k),
            None => values.iter().copied().map(Some).collect(),
        };
        let mut published = EsfReport::<Count> {
            programme: self.programme.clone(),
            as_of: self.as_of,
            member_state: self.member_state,
            suppressed_below: min_cell,
            output: Default::default(),
            result: Default::default(),
        };
        for ((_, _, figure), cells) in published.rows_mut().into_iter().zip(shown.chunks(COLUMNS)) {
            *figure = ByGender {
                women: cells[0],
                men: cells[1],
                non_binary: cells[2],
                unknown: cells[3],
                total: cells[TOTAL],
            };
        }
        published
    }

    /// The report as a table for suppression: the cells row by row in the order of
    /// [`EsfReport::rows`], each row's five in the order of [`ByGender::cells`], and the sums
    /// that tie them together.
    pub fn suppression_table(&self) -> (Vec<u64>, Vec<Constraint>) {
        let rows = self.rows();
        let values: Vec<u64> = rows.iter().flat_map(|(_, _, g)| g.cells()).collect();
        let row = |key: &str| rows.iter().position(|(_, k, _)| *k == key);
        let cell = |row: usize, column: usize| row * COLUMNS + column;
        let mut constraints: Vec<Constraint> = (0..rows.len())
            .map(|r| Constraint {
                cells: (0..TOTAL).map(|c| cell(r, c)).collect(),
                total: Total::Cell(cell(r, TOTAL)),
            })
            .collect();
        for (whole, parts) in PARTITIONS {
            let (Some(whole), Some(parts)) = (
                row(whole),
                parts.iter().map(|p| row(p)).collect::<Option<Vec<_>>>(),
            ) else {
                continue;
            };
            constraints.extend((0..COLUMNS).map(|c| Constraint {
                cells: parts.iter().map(|&p| cell(p, c)).collect(),
                total: Total::Cell(cell(whole, c)),
            }));
        }
        if let Some(participants) = row("EECO01") {
            let total = cell(participants, TOTAL);
            constraints.push(Constraint {
                cells: vec![total],
                total: Total::Published(values[total]),
            });
        }
        (values, constraints)
    }
}
