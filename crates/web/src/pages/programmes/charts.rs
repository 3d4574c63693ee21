//! The programme page's two charts as plain SVG shapes computed here and drawn by the template:
//! the situation over time (one stacked bar per month end) and the funnel (one bar per stage).
//! Only presentation attributes (`x`, `width`, `fill`…): the pages' CSP allows no inline style.
//! Every shape carries its figure in a `<title>`, and the page shows the same figures in a table.

use jobbro_domain::enums::Situation;
use jobbro_domain::series::{Funnel, SeriesPoint};

use crate::i18n::Tr;

/// The fill of each situation, best first (the Okabe–Ito palette, readable with colour
/// blindness), shared with the PDF report.
pub use jobbro_formats::SITUATION_FILLS;

/// A filled rectangle with its figure as a tooltip.
#[derive(Debug, Clone)]
pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub fill: &'static str,
    pub title: String,
}

/// A text in the chart.
#[derive(Debug, Clone)]
pub struct Label {
    pub x: i64,
    pub y: i64,
    pub anchor: &'static str,
    pub text: String,
}

/// A chart: its size (the `viewBox`) and what is drawn in it.
#[derive(Debug, Clone)]
pub struct Chart {
    pub width: i64,
    pub height: i64,
    pub bars: Vec<Bar>,
    pub labels: Vec<Label>,
    /// Horizontal grid lines: `(y, label)`.
    pub grid: Vec<(i64, String)>,
    /// The x of the left end of the grid lines and of their right end.
    pub grid_from: i64,
    pub grid_to: i64,
}

const WIDTH: i64 = 640;

/// Scales `n` of `max` to `len` (rounded; `max` 0 draws nothing).
fn scale(n: u64, max: u64, len: i64) -> i64 {
    if max == 0 {
        return 0;
    }
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let max = i64::try_from(max).unwrap_or(i64::MAX);
    (n.saturating_mul(len) + max / 2) / max
}

/// The situation series as stacked bars, best situation at the bottom.
pub fn series_chart(tr: &Tr, points: &[SeriesPoint]) -> Chart {
    let (left, right, top, bottom) = (44, 8, 12, 28);
    let height = 260;
    let plot_h = height - top - bottom;
    let max = points.iter().map(|p| p.active).max().unwrap_or(0).max(1);
    let n = i64::try_from(points.len()).unwrap_or(1).max(1);
    let slot = (WIDTH - left - right) / n;
    let bar_w = (slot * 7 / 10).max(2);
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let i = i64::try_from(i).unwrap_or(0);
        let x = left + i * slot + (slot - bar_w) / 2;
        let month = p.as_of.format("%Y-%m").to_string();
        let mut below = 0u64;
        for (k, s) in Situation::ALL.iter().enumerate() {
            let count = p.situation.get(*s);
            if count == 0 {
                continue;
            }
            let y0 = scale(below, max, plot_h);
            let y1 = scale(below + count, max, plot_h);
            bars.push(Bar {
                x,
                y: top + plot_h - y1,
                width: bar_w,
                height: (y1 - y0).max(1),
                fill: SITUATION_FILLS[k],
                title: format!("{month}: {} {count}", tr.code("situation", s.as_str())),
            });
            below += count;
        }
        labels.push(Label {
            x: x + bar_w / 2,
            y: height - 8,
            anchor: "middle",
            text: month,
        });
    }
    let grid = [0, max / 2, max]
        .into_iter()
        .map(|v| (top + plot_h - scale(v, max, plot_h), v.to_string()))
        .collect();
    Chart {
        width: WIDTH,
        height,
        bars,
        labels,
        grid,
        grid_from: left,
        grid_to: WIDTH - right,
    }
}

/// The funnel as one bar per stage, each as long as its share of the referrals.
pub fn funnel_chart(tr: &Tr, funnel: &Funnel) -> Chart {
    let (left, row, bar_h) = (8, 46, 20);
    let stages = funnel.stages();
    let height = row * i64::try_from(stages.len()).unwrap_or(0) + 8;
    let bar_len = WIDTH - left - 70;
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (i, (stage, n)) in stages.iter().enumerate() {
        let y = row * i64::try_from(i).unwrap_or(0);
        let name = tr.t(&format!("prog-funnel-{}", stage.as_str()));
        let width = scale(*n, funnel.referred, bar_len).max(1);
        labels.push(Label {
            x: left,
            y: y + 16,
            anchor: "start",
            text: name.clone(),
        });
        bars.push(Bar {
            x: left,
            y: y + 22,
            width,
            height: bar_h,
            fill: "#0b4f8a",
            title: format!("{name}: {n}"),
        });
        labels.push(Label {
            x: left + width + 6,
            y: y + 37,
            anchor: "start",
            text: n.to_string(),
        });
    }
    Chart {
        width: WIDTH,
        height,
        bars,
        labels,
        grid: Vec::new(),
        grid_from: 0,
        grid_to: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use jobbro_domain::report::BySituation;

    #[test]
    fn counts_are_scaled_in_proportion_and_nothing_is_drawn_for_no_data() {
        assert_eq!(scale(1, 2, 100), 50);
        assert_eq!(scale(2, 3, 100), 67);
        assert_eq!(scale(5, 0, 100), 0);
    }

    #[test]
    fn the_tallest_month_fills_the_plot_and_each_bar_says_its_figure() {
        let d = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let point = |as_of, coaching, internship| SeriesPoint {
            as_of: d(as_of),
            active: coaching + internship,
            situation: BySituation([0, 0, 0, 0, internship, 0, 0, coaching]),
        };
        let tr = Tr::new(Lang::En);
        let chart = series_chart(&tr, &[point("2024-01-31", 1, 1), point("2024-02-29", 4, 0)]);
        let plot = chart.height - 12 - 28;
        let february: i64 = chart
            .bars
            .iter()
            .filter(|b| b.title.starts_with("2024-02"))
            .map(|b| b.height)
            .sum();
        assert_eq!(february, plot);
        assert!(
            chart
                .bars
                .iter()
                .any(|b| b.title == "2024-01: Internship 1")
        );
        assert_eq!(chart.labels.len(), 2);
    }
}
