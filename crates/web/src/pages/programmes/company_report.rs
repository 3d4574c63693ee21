//! `GET /programmes/{programme}/companies?as_of=YYYY-MM-DD`: the company report of the programme
//! on a day (docs/REPORTS.md) — placements per company and per sector, and the internships that
//! turned into paid hours, a job or a wage subsidy. An analyst sees no company lines and the
//! sector counts small-cell suppressed, as the API gives them (`CompanyReport::publish`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_domain::company_report::{COLUMNS, PlacementCounts};
use jobbro_domain::report::Count;
use serde::Deserialize;

use super::page::{shown_count, suppressed_note};
use super::{ProgrammeAccess, SubPage};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct AsOfQuery {
    as_of: Option<String>,
}

/// One line of a table: what it is (a company's name, a sector), where it links, its counts as
/// shown (in the order of `COLUMNS`) and its conversion rate.
pub struct Line {
    pub label: String,
    pub href: Option<String>,
    /// The sector (companies) or the number of companies (sectors).
    pub second: String,
    pub counts: Vec<String>,
    pub conversion: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "programmes_companies.html")]
pub struct CompanyReportPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub as_of_text: String,
    pub date_error: Option<String>,
    /// The column headings of the counts, in the order of `COLUMNS`.
    pub columns: Vec<String>,
    /// Per company (not for analysts), then per sector with the total.
    pub tables: Vec<Table>,
    pub suppressed_note: Option<String>,
}

/// A table of the page: its heading, the headings of its first two columns, its lines.
pub struct Table {
    pub heading: &'static str,
    pub first: &'static str,
    pub second: &'static str,
    pub lines: Vec<Line>,
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<Response, PageError> {
    let opened = SubPage::open(
        &state,
        &caller,
        (&id, "companies"),
        q.as_of.as_deref(),
        (ProgrammeAccess::figures, "no figures for this role"),
    )
    .await?;
    let (programme, chrome) = (opened.programme, opened.chrome);
    let (as_of, date_error) = (opened.as_of, opened.date_error);
    let suppress = opened.access.figures.flatten();
    let tr = chrome.tr.clone();
    let report = jobbro_store::companies::company_report(state.db.as_ref(), &programme.id, as_of)
        .await?
        .publish(suppress);
    let shown = shown_count(&tr, suppress);
    let line =
        |label: String, href: Option<String>, second: String, c: &PlacementCounts<Count>| Line {
            label,
            href,
            second,
            counts: c.cells().map(&shown).to_vec(),
            conversion: c
                .conversion_percent()
                .map_or_else(String::new, |p| format!("{p:.0} %")),
        };
    let unknown = tr.t("prog-unknown");
    let companies: Vec<Line> = report
        .companies
        .iter()
        .map(|c| {
            line(
                c.name.clone().unwrap_or_else(|| c.company.clone()),
                Some(format!("/companies/{}", c.company)),
                c.sector
                    .as_deref()
                    .map_or_else(|| unknown.clone(), |s| tr.sector(s)),
                &c.counts,
            )
        })
        .collect();
    let mut sectors: Vec<Line> = report
        .sectors
        .iter()
        .map(|s| {
            let label = s
                .sector
                .as_deref()
                .map_or_else(|| unknown.clone(), |s| tr.sector(s));
            line(label, None, s.companies.to_string(), &s.counts)
        })
        .collect();
    let companies_total: u64 = report.sectors.iter().map(|s| s.companies).sum();
    sectors.push(line(
        tr.t("companies-total"),
        None,
        companies_total.to_string(),
        &report.total,
    ));
    let page = CompanyReportPage {
        id: programme.id,
        name: programme.name,
        as_of: as_of.to_string(),
        as_of_text: tr.date(as_of),
        date_error,
        columns: columns(&tr),
        tables: [
            Table {
                heading: "companies-companies",
                first: "company-name",
                second: "company-sector",
                lines: companies,
            },
            Table {
                heading: "companies-sectors",
                first: "company-sector",
                second: "companies-companies-count",
                lines: sectors,
            },
        ]
        .into_iter()
        .filter(|t| !t.lines.is_empty())
        .collect(),
        suppressed_note: suppressed_note(&tr, suppress),
        chrome,
    };
    Ok(page.into_response())
}

fn columns(tr: &Tr) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| tr.t(&format!("companies-{c}")))
        .collect()
}
