//! The accessibility check: the vendored axe-core (`vendor/axe-core`, a fixed version, nothing
//! downloaded) injected into the page the browser shows, run with its default rules, and every
//! violation of `serious` or `critical` impact listed in the failure. Lesser findings are printed
//! so they can be seen, but do not fail the test.

use serde::Deserialize;
use serde_json::Value;

use super::webdriver::Session;

/// axe-core, compiled into the test binary.
const AXE: &str = include_str!("vendor/axe-core/axe.min.js");

/// Runs axe on the whole document and hands back what it found, as axe reports it.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ["violations"] })
  .then(results => done({ violations: results.violations }))
  .catch(error => done({ error: String(error) }));
"#;

/// Impacts that fail the check.
const FAILING: [&str; 2] = ["serious", "critical"];

#[derive(Debug, Deserialize)]
struct Outcome {
    #[serde(default)]
    violations: Vec<Violation>,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    #[serde(rename = "helpUrl", default)]
    help_url: String,
    #[serde(default)]
    nodes: Vec<Node>,
}

#[derive(Debug, Deserialize)]
struct Node {
    #[serde(default)]
    target: Vec<Value>,
    #[serde(rename = "failureSummary", default)]
    failure_summary: Option<String>,
}

impl Violation {
    fn fails(&self) -> bool {
        self.impact
            .as_deref()
            .is_some_and(|impact| FAILING.contains(&impact))
    }

    fn describe(&self) -> String {
        let mut text = format!(
            "- {} ({}): {} <{}>",
            self.id,
            self.impact.as_deref().unwrap_or("no impact"),
            self.help,
            self.help_url
        );
        for node in &self.nodes {
            let target: Vec<String> = node
                .target
                .iter()
                .map(|t| t.as_str().map_or_else(|| t.to_string(), str::to_owned))
                .collect();
            text.push_str(&format!("\n    at {}", target.join(" ")));
            if let Some(summary) = &node.failure_summary {
                text.push_str(&format!(": {}", summary.replace('\n', " ")));
            }
        }
        text
    }
}

/// Runs axe on the page the browser shows now: the serious and critical violations, described
/// (rule, impact, help, and each element with what is wrong); lesser ones are printed.
pub async fn serious_violations(browser: &Session, page: &str) -> Vec<String> {
    // The script defines `window.axe`; injecting it twice into one page is harmless.
    browser.execute(AXE, Vec::new()).await;
    let answer = browser.execute_async(RUN, Vec::new()).await;
    let outcome: Outcome = serde_json::from_value(answer).unwrap();
    if let Some(error) = outcome.error {
        panic!("axe could not check the {page} page: {error}");
    }
    let (failing, other): (Vec<&Violation>, Vec<&Violation>) =
        outcome.violations.iter().partition(|v| v.fails());
    for v in &other {
        eprintln!("axe, {page} page (not failing the test):\n{}", v.describe());
    }
    failing.iter().map(|v| v.describe()).collect()
}

/// Checks the page the browser shows now; fails the test, naming `page`, if axe finds any
/// serious or critical violation.
pub async fn axe_check(browser: &Session, page: &str) {
    let failing = serious_violations(browser, page).await;
    assert!(
        failing.is_empty(),
        "axe found {} serious or critical accessibility violation(s) on the {page} page:\n{}",
        failing.len(),
        failing.join("\n")
    );
}
