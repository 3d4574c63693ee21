//! The words of a PDF report come from the caller, in the reader's language: the web crate
//! implements [`Labels`] over its Fluent translations, so the PDF says what the page says.

use chrono::NaiveDate;

/// Every text a PDF report shows that is not a figure, in one language.
///
/// The keys are those of the Fluent files of the web crate (`prog-total-referred`,
/// `pdf-kind`, …): [`KEYS`] lists every message the report asks for and [`CODE_LISTS`] every
/// list of codes, so a test can check that each language has them all.
pub trait Labels {
    /// The message `key`.
    fn text(&self, key: &str) -> String;
    /// The message `key` with the number `n` as its `$n`.
    fn text_n(&self, key: &str, n: u64) -> String;
    /// The name of a code of the timeline format: `code("situation", "internship")`.
    fn code(&self, list: &str, code: &str) -> String;
    /// A date as the language writes it.
    fn date(&self, d: NaiveDate) -> String;
    /// The language's BCP 47 code (`da`, `sv`, `en`), for hyphenation.
    fn lang(&self) -> &'static str;
}

/// Every message key a status report PDF asks [`Labels::text`] or [`Labels::text_n`] for.
pub const KEYS: &[&str] = &[
    "pdf-kind",
    "pdf-programme-id",
    "pdf-as-of",
    "pdf-note",
    "pdf-suppressed-note",
    "pdf-key-figures",
    "pdf-chart-situation",
    "pdf-chart-best-outcome",
    "pdf-figures-heading",
    "pdf-share",
    "pdf-percent",
    "pdf-total",
    "pdf-measure-situation",
    "pdf-measure-best-outcome",
    "pdf-follow-up-none",
    "prog-total-referred",
    "prog-total-waiting",
    "prog-total-declined",
    "prog-total-accepted",
    "prog-total-active",
    "prog-total-ended",
    "prog-goals-heading",
    "prog-goals-none",
    "prog-indicator",
    "prog-target",
    "prog-actual",
    "prog-situation-heading",
    "prog-situation",
    "prog-active-now",
    "prog-best-outcome",
    "prog-left-heading",
    "prog-left-none",
    "prog-reason",
    "prog-enrolments",
    "prog-follow-up-heading",
    "prog-follow-up-months",
    "prog-follow-up-due",
    "prog-follow-up-retained",
    "prog-follow-up-not-retained",
    "prog-follow-up-unknown",
    "prog-breakdown-heading",
    "prog-by-gender",
    "prog-by-benefit",
    "prog-by-age-band",
    "prog-by-origin-country",
    "prog-group",
    "prog-unknown",
];

/// The lists of codes a status report PDF names with [`Labels::code`].
pub const CODE_LISTS: &[&str] = &[
    "situation",
    "indicator",
    "leave_reason",
    "gender",
    "benefit",
];

/// The heading key of each breakdown section (`breakdown.gender`, …) and the list its group
/// codes name (none: the code is shown as it is, as the programme page does for age bands and
/// countries).
pub(crate) fn breakdown(attribute: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match attribute {
        "gender" => ("prog-by-gender", Some("gender")),
        "benefit" => ("prog-by-benefit", Some("benefit")),
        "age_band" => ("prog-by-age-band", None),
        "origin_country" => ("prog-by-origin-country", None),
        _ => return None,
    })
}

/// The name of a breakdown group as the programme page shows it.
pub fn group_label(labels: &dyn Labels, attribute: &str, group: &str) -> String {
    match (group, breakdown(attribute).and_then(|(_, list)| list)) {
        ("unknown", _) => labels.text("prog-unknown"),
        (_, Some(list)) => labels.code(list, group),
        (_, None) => group.to_owned(),
    }
}
