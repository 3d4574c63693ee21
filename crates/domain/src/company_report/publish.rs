//! The company report as published. Unsuppressed, it is the report. With small-cell suppression
//! (analysts, `--suppress k`) the company lines are left out — a company's placements are a
//! handful of people whom the workplace itself makes easy to single out — and the sector lines
//! and the total are one table for [`crate::suppression`]: within a line, the five kinds add up
//! to `placements` and the three conversions to `internships_converted`; column by column, the
//! sectors add up to the total.

use super::{CELLS, CompanyLine, CompanyReport, PlacementCounts, SUMS, SectorLine};
use crate::report::Count;
use crate::suppression::{Constraint, Total, suppress};

impl CompanyReport {
    /// The report as published: every line and count when `min_cell` is `None`; otherwise no
    /// company lines, and the sector and total counts from 1 to `min_cell − 1` hidden with those
    /// that would give them away.
    pub fn publish(&self, min_cell: Option<u64>) -> CompanyReport<Count> {
        let shown = |c: &PlacementCounts| PlacementCounts::from_cells(c.cells().map(Some));
        let Some(k) = min_cell else {
            return CompanyReport {
                programme: self.programme.clone(),
                as_of: self.as_of,
                suppressed_below: None,
                companies: self
                    .companies
                    .iter()
                    .map(|c| CompanyLine {
                        company: c.company.clone(),
                        name: c.name.clone(),
                        sector: c.sector.clone(),
                        counts: shown(&c.counts),
                    })
                    .collect(),
                sectors: self
                    .sectors
                    .iter()
                    .map(|s| sector(s, shown(&s.counts)))
                    .collect(),
                total: shown(&self.total),
            };
        };
        let (values, constraints) = self.suppression_table();
        let cells = suppress(&values, &constraints, k);
        let mut lines = cells.chunks(CELLS).map(|line| {
            PlacementCounts::from_cells(std::array::from_fn(|i| line.get(i).copied().flatten()))
        });
        let sectors = self
            .sectors
            .iter()
            .zip(lines.by_ref())
            .map(|(s, counts)| sector(s, counts))
            .collect();
        CompanyReport {
            programme: self.programme.clone(),
            as_of: self.as_of,
            suppressed_below: Some(k),
            companies: Vec::new(),
            sectors,
            total: lines.next().unwrap_or_default(),
        }
    }

    /// The sector lines and then the total as one table for suppression: the cells line by line,
    /// each in the order of [`PlacementCounts::cells`], and the sums that tie them together.
    pub fn suppression_table(&self) -> (Vec<u64>, Vec<Constraint>) {
        let lines: Vec<&PlacementCounts> = self
            .sectors
            .iter()
            .map(|s| &s.counts)
            .chain([&self.total])
            .collect();
        let values: Vec<u64> = lines.iter().flat_map(|c| c.cells()).collect();
        let cell = |line: usize, column: usize| line * CELLS + column;
        let total_line = lines.len() - 1;
        let mut constraints = Vec::new();
        for line in 0..lines.len() {
            for (whole, parts) in SUMS {
                constraints.push(Constraint {
                    cells: parts.iter().map(|&p| cell(line, p)).collect(),
                    total: Total::Cell(cell(line, whole)),
                });
            }
        }
        for column in 0..CELLS {
            constraints.push(Constraint {
                cells: (0..total_line).map(|s| cell(s, column)).collect(),
                total: Total::Cell(cell(total_line, column)),
            });
        }
        (values, constraints)
    }
}

fn sector<C>(s: &SectorLine, counts: PlacementCounts<C>) -> SectorLine<C> {
    SectorLine {
        sector: s.sector.clone(),
        companies: s.companies,
        counts,
    }
}
