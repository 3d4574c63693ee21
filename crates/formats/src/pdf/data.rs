//! What the typst template is given: the report's figures and every word of the page, as one
//! JSON document the template reads with `json(…)`. Text from the data is never parsed as typst
//! markup, so a programme called `#set page(…)` prints as it is.
//!
//! The figures are the report's long form ([`StatusReport::rows`], the rows of the CSV and the
//! XLSX), section by section: nothing here counts.

use jobbro_domain::report::StatusReport;
use serde_json::{Value, json};

use super::labels::{Labels, breakdown, group_label};
use crate::{SITUATION_FILLS, sections};

/// What the report does not say itself: the programme's name, and the suppression it was made
/// with (`Some(k)`: counts below k are hidden), for the note explaining the dashes.
#[derive(Debug, Clone, Copy)]
pub struct About<'a> {
    pub name: &'a str,
    pub suppress: Option<u64>,
}

/// How a hidden (suppressed) count is printed.
pub const HIDDEN: &str = "–";

/// A figure as printed: the count, or the hidden mark.
fn cell(value: &str) -> String {
    if value.is_empty() {
        HIDDEN.to_owned()
    } else {
        value.to_owned()
    }
}

/// The data of the template for one report.
pub fn document(report: &StatusReport, about: &About<'_>, l: &dyn Labels) -> Value {
    let rows = report.rows();
    let by_section = sections(&rows);
    let section = |name: &str| -> Vec<&[String; 4]> {
        by_section
            .iter()
            .find(|(s, _)| *s == name)
            .map(|(_, rows)| rows.clone())
            .unwrap_or_default()
    };
    let totals: Vec<Value> = section("total")
        .iter()
        .map(|[_, _, key, value]| {
            json!({"label": l.text(&format!("prog-total-{key}")), "value": cell(value)})
        })
        .collect();
    let situation = section("situation");
    let best = section("best_outcome");
    let chart = |title: String, rows: &[&[String; 4]]| {
        let items: Vec<Value> = rows
            .iter()
            .zip(SITUATION_FILLS)
            .map(|([_, _, key, value], fill)| {
                json!({"label": l.code("situation", key), "fill": fill,
                       "n": value.parse::<u64>().unwrap_or(0), "value": cell(value)})
            })
            .collect();
        json!({"title": title, "items": items})
    };
    let mut situation_rows: Vec<Value> = situation
        .iter()
        .zip(&best)
        .map(|([_, _, key, now], [_, _, _, best])| {
            json!([l.code("situation", key), cell(now), cell(best)])
        })
        .collect();
    situation_rows.push(json!([
        l.text("pdf-total"),
        report.active.to_string(),
        report.accepted.to_string()
    ]));
    let tables = vec![
        table(
            l.text("pdf-key-figures"),
            vec![String::new(), l.text("prog-enrolments")],
            totals
                .iter()
                .map(|t| json!([t["label"], t["value"]]))
                .collect(),
            None,
        ),
        with_total_row(table(
            l.text("prog-situation-heading"),
            vec![
                l.text("prog-situation"),
                l.text("prog-active-now"),
                l.text("prog-best-outcome"),
            ],
            situation_rows,
            None,
        )),
        table(
            l.text("prog-left-heading"),
            vec![l.text("prog-reason"), l.text("prog-enrolments")],
            section("left_reasons")
                .iter()
                .map(|[_, _, key, value]| json!([l.code("leave_reason", key), cell(value)]))
                .collect(),
            Some(l.text("prog-left-none")),
        ),
        table(
            l.text("prog-follow-up-heading"),
            vec![
                l.text("prog-follow-up-months"),
                l.text("prog-follow-up-due"),
                l.text("prog-follow-up-retained"),
                l.text("prog-follow-up-not-retained"),
                l.text("prog-follow-up-unknown"),
            ],
            wide(&section("follow_up"), |g| g.to_owned()),
            Some(l.text("pdf-follow-up-none")),
        ),
    ];
    let breakdowns: Vec<Value> = by_section
        .iter()
        .filter_map(|(name, rows)| {
            let attribute = name.strip_prefix("breakdown.")?;
            let (heading, _) = breakdown(attribute)?;
            Some(breakdown_table(l, l.text(heading), attribute, rows))
        })
        .collect();
    json!({
        "lang": l.lang(),
        "kind": l.text("pdf-kind"),
        "name": about.name,
        "id_label": l.text("pdf-programme-id"),
        "id": report.programme,
        "as_of_label": l.text("pdf-as-of"),
        "as_of": l.date(report.as_of),
        "note": l.text("pdf-note"),
        "hidden_note": about.suppress.map(|k| l.text_n("pdf-suppressed-note", k)),
        "key_figures": {"heading": l.text("pdf-key-figures"), "items": totals},
        "goals": goals(l, &section("goals")),
        "charts": [
            chart(l.text("pdf-chart-situation"), &situation),
            chart(l.text("pdf-chart-best-outcome"), &best),
        ],
        "figures_heading": l.text("pdf-figures-heading"),
        "tables": tables,
        "breakdown_heading": l.text("prog-breakdown-heading"),
        "breakdowns": breakdowns,
    })
}

fn table(heading: String, head: Vec<String>, rows: Vec<Value>, none: Option<String>) -> Value {
    json!({"heading": heading, "head": head, "rows": rows, "none": none})
}

/// A table whose last row is the total of the others (printed bold).
fn with_total_row(mut table: Value) -> Value {
    table["total_last"] = Value::Bool(true);
    table
}

/// Rows of `(group, key, value)` as a row per group with its values in the rows' order.
fn wide(rows: &[&[String; 4]], label: impl Fn(&str) -> String) -> Vec<Value> {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for [_, group, _, value] in rows {
        match groups.iter_mut().find(|(g, _)| g == group) {
            Some((_, cells)) => cells.push(cell(value)),
            None => groups.push((group, vec![cell(value)])),
        }
    }
    groups
        .into_iter()
        .map(|(group, cells)| {
            let mut row = vec![label(group)];
            row.extend(cells);
            json!(row)
        })
        .collect()
}

/// The goals: indicator, target, reached, the share of the target reached (whole per cent) and
/// how far the bar is filled (0 to 1).
fn goals(l: &dyn Labels, rows: &[&[String; 4]]) -> Value {
    let mut items = Vec::new();
    let mut indicators: Vec<&str> = Vec::new();
    for [_, group, ..] in rows {
        if !indicators.contains(&group.as_str()) {
            indicators.push(group);
        }
    }
    for indicator in indicators {
        let value = |key: &str| {
            rows.iter()
                .find(|[_, g, k, _]| g == indicator && k == key)
                .and_then(|[.., v]| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let (target, actual) = (value("target"), value("actual"));
        // The share in whole per cent, rounded; no target, no share (a dash, an empty bar).
        let percent = (actual.saturating_mul(100).saturating_add(target / 2)).checked_div(target);
        let share = percent.map_or_else(|| HIDDEN.to_owned(), |p| l.text_n("pdf-percent", p));
        // Counts are far below 2^53: exact as floats.
        #[allow(clippy::cast_precision_loss)]
        let fill = if target == 0 {
            0.0
        } else {
            (actual as f64 / target as f64).min(1.0)
        };
        items.push(json!({
            "label": l.code("indicator", indicator),
            "target": target.to_string(), "actual": actual.to_string(),
            "share": share, "fill": fill,
        }));
    }
    json!({
        "heading": l.text("prog-goals-heading"),
        "none": l.text("prog-goals-none"),
        "head": [l.text("prog-indicator"), l.text("prog-target"), l.text("prog-actual"),
                 l.text("pdf-share")],
        "rows": items,
    })
}

/// One breakdown: a column per situation; per group, a row of where its active participants
/// are now (total: active) and a row of its best outcomes (total: accepted).
fn breakdown_table(
    l: &dyn Labels,
    heading: String,
    attribute: &str,
    rows: &[&[String; 4]],
) -> Value {
    let mut groups: Vec<&str> = Vec::new();
    for [_, group, ..] in rows {
        if !groups.contains(&group.as_str()) {
            groups.push(group);
        }
    }
    let value = |group: &str, key: &str| {
        rows.iter()
            .find(|[_, g, k, _]| g == group && k == key)
            .map_or_else(|| HIDDEN.to_owned(), |[.., v]| cell(v))
    };
    let situations: Vec<&str> = rows
        .iter()
        .filter_map(|[_, _, key, _]| key.strip_prefix("situation."))
        .fold(Vec::new(), |mut seen, s| {
            if !seen.contains(&s) {
                seen.push(s);
            }
            seen
        });
    let line = |group: &str, total: &str, prefix: &str| {
        let mut cells = vec![value(group, total)];
        cells.extend(
            situations
                .iter()
                .map(|s| value(group, &format!("{prefix}.{s}"))),
        );
        cells
    };
    let groups: Vec<Value> = groups
        .iter()
        .map(|g| {
            json!({
                "label": group_label(l, attribute, g),
                "now": line(g, "active", "situation"),
                "best": line(g, "accepted", "best_outcome"),
            })
        })
        .collect();
    let mut head = vec![l.text("prog-group"), String::new(), l.text("pdf-total")];
    head.extend(situations.iter().map(|s| l.code("situation", s)));
    json!({
        "heading": heading,
        "head": head,
        "fills": SITUATION_FILLS,
        "now": l.text("pdf-measure-situation"),
        "best": l.text("pdf-measure-best-outcome"),
        "groups": groups,
    })
}
