//! The attacker: what can be worked out about the hidden cells of a published table from the
//! cells that are shown and the totals of its constraints. Suppression runs it to decide what
//! else to hide; tests run it to show that nothing is given away.

use std::collections::BTreeMap;

use super::{Constraint, Total};

/// The value of every hidden cell the attacker can determine exactly (`None` for cells it cannot,
/// and for shown cells). It knows the shown cells, the constraints with their totals, and that
/// every count is a whole number, never negative; it does not know which rule hid a cell.
///
/// It alternates two methods until neither finds anything new: elimination over all the
/// constraints at once (so differences and sums of overlapping constraints count), and bounds
/// (each hidden cell is at least 0 and at most what its constraints leave for it).
pub fn attack(published: &[Option<u64>], constraints: &[Constraint]) -> Vec<Option<i64>> {
    let n = published.len();
    let equations = equations(constraints, n);
    let mut known: Vec<Option<i64>> = published.iter().map(|v| v.map(whole)).collect();
    let mut recovered = vec![None; n];
    loop {
        let mut found = eliminate(&equations, &known);
        found.extend(narrow(&equations, &known));
        let mut changed = false;
        for (cell, value) in found {
            if known[cell].is_none() {
                known[cell] = Some(value);
                recovered[cell] = Some(value);
                changed = true;
            }
        }
        if !changed {
            return recovered;
        }
    }
}

/// A constraint as a linear equation: the sum of coefficient × cell equals `constant`.
struct Equation {
    terms: Vec<(usize, i64)>,
    constant: i64,
}

fn whole(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn equations(constraints: &[Constraint], n: usize) -> Vec<Equation> {
    constraints
        .iter()
        .filter(|c| c.fits(n))
        .map(|c| {
            let mut terms: BTreeMap<usize, i64> = BTreeMap::new();
            for &cell in &c.cells {
                *terms.entry(cell).or_default() += 1;
            }
            let constant = match c.total {
                Total::Published(t) => whole(t),
                Total::Cell(cell) => {
                    *terms.entry(cell).or_default() -= 1;
                    0
                }
            };
            Equation {
                terms: terms.into_iter().filter(|(_, a)| *a != 0).collect(),
                constant,
            }
        })
        .collect()
}

/// Arithmetic modulo a large prime: elimination stays exact without fractions that could
/// overflow. A determined count is a small whole number, so its residue is the count itself.
const P: u64 = (1 << 61) - 1;

fn residue(v: i128) -> u64 {
    // The remainder lies in 0..P, which fits.
    u64::try_from(v.rem_euclid(i128::from(P))).unwrap_or(0)
}

fn mul(a: u64, b: u64) -> u64 {
    u64::try_from(u128::from(a) * u128::from(b) % u128::from(P)).unwrap_or(0)
}

fn sub(a: u64, b: u64) -> u64 {
    if a >= b { a - b } else { a + (P - b) }
}

fn inverse(a: u64) -> u64 {
    // Fermat: a^(P-2).
    let (mut base, mut exp, mut out) = (a, P - 2, 1);
    while exp > 0 {
        if exp & 1 == 1 {
            out = mul(out, base);
        }
        base = mul(base, base);
        exp >>= 1;
    }
    out
}

fn signed(r: u64) -> i64 {
    if r > P / 2 { -whole(P - r) } else { whole(r) }
}

/// Reduces the equations in the hidden cells to row echelon form; a row left with a single
/// hidden cell determines it.
fn eliminate(equations: &[Equation], known: &[Option<i64>]) -> Vec<(usize, i64)> {
    let hidden: Vec<usize> = (0..known.len()).filter(|&c| known[c].is_none()).collect();
    let m = hidden.len();
    let mut column = vec![usize::MAX; known.len()];
    for (j, &c) in hidden.iter().enumerate() {
        column[c] = j;
    }
    let mut rows: Vec<Vec<u64>> = Vec::new();
    for e in equations {
        let mut row = vec![0; m + 1];
        let mut constant = i128::from(e.constant);
        for &(cell, a) in &e.terms {
            match known[cell] {
                Some(v) => constant -= i128::from(a) * i128::from(v),
                None => {
                    let j = column[cell];
                    row[j] = residue(i128::from(row[j]) + i128::from(a));
                }
            }
        }
        row[m] = residue(constant);
        if row[..m].iter().any(|&x| x != 0) {
            rows.push(row);
        }
    }
    let mut pivots = Vec::new();
    let mut r = 0;
    for col in 0..m {
        if r == rows.len() {
            break;
        }
        let Some(p) = (r..rows.len()).find(|&i| rows[i][col] != 0) else {
            continue;
        };
        rows.swap(r, p);
        let inv = inverse(rows[r][col]);
        let pivot: Vec<u64> = rows[r].iter().map(|&x| mul(x, inv)).collect();
        for (i, row) in rows.iter_mut().enumerate() {
            let f = row[col];
            if i != r && f != 0 {
                for (x, &y) in row.iter_mut().zip(&pivot).skip(col) {
                    *x = sub(*x, mul(f, y));
                }
            }
        }
        rows[r] = pivot;
        pivots.push((r, col));
        r += 1;
    }
    pivots
        .into_iter()
        .filter(|&(r, col)| (0..m).all(|j| j == col || rows[r][j] == 0))
        .map(|(r, col)| (hidden[col], signed(rows[r][m])))
        .collect()
}

fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn ceil_div(a: i128, b: i128) -> i128 {
    -floor_div(-a, b)
}

/// Narrows every hidden cell to what its equations leave room for, starting from "0 or more";
/// a cell whose lowest and highest possible values meet is determined.
fn narrow(equations: &[Equation], known: &[Option<i64>]) -> Vec<(usize, i64)> {
    let mut lo: Vec<i128> = known.iter().map(|v| i128::from(v.unwrap_or(0))).collect();
    let mut hi: Vec<Option<i128>> = known.iter().map(|v| v.map(i128::from)).collect();
    // Bounds only ever tighten and stay true, so stopping early is safe; 64 rounds is plenty
    // for tables of this size.
    for _ in 0..64 {
        let mut changed = false;
        for e in equations {
            for (j, &(cj, aj)) in e.terms.iter().enumerate() {
                if known[cj].is_some() {
                    continue;
                }
                // The other terms lie within [least, most]; None is unbounded.
                let (mut least, mut most) = (Some(0i128), Some(0i128));
                for (i, &(ci, ai)) in e.terms.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    let a = i128::from(ai);
                    let (low, high) = if a > 0 {
                        (Some(a * lo[ci]), hi[ci].map(|h| a * h))
                    } else {
                        (hi[ci].map(|h| a * h), Some(a * lo[ci]))
                    };
                    least = least.zip(low).map(|(x, y)| x + y);
                    most = most.zip(high).map(|(x, y)| x + y);
                }
                // aj × cell = constant − others, within [constant − most, constant − least].
                let b = i128::from(e.constant);
                let (low, high) = (most.map(|x| b - x), least.map(|x| b - x));
                let a = i128::from(aj);
                let (new_lo, new_hi) = if a > 0 {
                    (low.map(|l| ceil_div(l, a)), high.map(|h| floor_div(h, a)))
                } else {
                    (high.map(|h| ceil_div(h, a)), low.map(|l| floor_div(l, a)))
                };
                if let Some(l) = new_lo.filter(|&l| l > lo[cj]) {
                    lo[cj] = l;
                    changed = true;
                }
                if let Some(h) = new_hi.filter(|&h| hi[cj].is_none_or(|old| h < old)) {
                    hi[cj] = Some(h);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    (0..known.len())
        .filter(|&c| known[c].is_none() && hi[c] == Some(lo[c]))
        .filter_map(|c| i64::try_from(lo[c]).ok().map(|v| (c, v)))
        .collect()
}
