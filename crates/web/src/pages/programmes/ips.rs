//! `GET /programmes/{programme}/ips?as_of=YYYY-MM-DD`: the IPS fidelity measures of the programme
//! on a day (docs/REPORTS.md) — caseload per caseworker against 20, days from acceptance to a
//! first company activity against 30, weekly contact in a job's first four weeks. It names
//! caseworkers, so it is for those who see the whole caseload and unsuppressed figures (leads),
//! as in the API, and each view is audited as the caseload is. Nothing is counted here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_store::access::AccessStore;
use jobbro_store::programme_admin::caseworkers;
use serde::Deserialize;

use super::{ProgrammeAccess, SubPage};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::Chrome;
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct IpsQuery {
    as_of: Option<String>,
}

/// One caseworker's line.
pub struct LoadRow {
    pub caseworker: String,
    pub name: String,
    pub active: u64,
    pub over: bool,
}

/// One figure: its key in the report (for `data-key`), its label, the value as the JSON has it
/// (for `data-value`) and as shown.
pub struct Measure {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "programmes_ips.html")]
pub struct IpsPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub as_of_text: String,
    pub date_error: Option<String>,
    pub caseload_intro: String,
    pub loads: Vec<LoadRow>,
    /// (heading message, intro message, figures): days to a company, then the first month.
    pub sections: Vec<(&'static str, &'static str, Vec<Measure>)>,
}

fn count(tr: &Tr, key: &'static str, n: u64) -> Measure {
    Measure {
        key,
        label: tr.t(&format!("ips-{key}")),
        value: n.to_string(),
        text: n.to_string(),
    }
}

fn share(tr: &Tr, key: &'static str, x: Option<f64>) -> Measure {
    Measure {
        key,
        label: tr.t(&format!("ips-{key}")),
        value: x.map(|x| x.to_string()).unwrap_or_default(),
        text: x.map_or_else(
            || "–".to_owned(),
            |x| {
                tr.t_with(
                    "ips-percent",
                    &[("n", Arg::from((x * 100.0).round() as i64))],
                )
            },
        ),
    }
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<IpsQuery>,
) -> Result<Response, PageError> {
    let opened = SubPage::open(
        &state,
        &caller,
        (&id, "ips"),
        q.as_of.as_deref(),
        (
            ProgrammeAccess::ips,
            "the IPS measures name caseworkers: for the programme's lead",
        ),
    )
    .await?;
    let (programme, chrome) = (opened.programme, opened.chrome);
    let (as_of, date_error) = (opened.as_of, opened.date_error);
    let tr = chrome.tr.clone();
    let mut entry = caller.ctx.audit("read", "programme", &id, Some(&id));
    entry.purpose = Some("ips".into());
    // Recorded before anything is shown: no audit row, no page.
    state.db.append_audit(&[entry]).await?;
    let db = state.db.as_ref();
    let report = jobbro_store::ips_report(db, &programme.id, as_of).await?;
    let names = caseworkers(db).await?;
    let loads = report
        .caseload
        .caseworkers
        .iter()
        .map(|l| LoadRow {
            caseworker: l.caseworker.clone().unwrap_or_default(),
            name: match &l.caseworker {
                Some(cw) => names
                    .iter()
                    .find(|n| &n.id == cw)
                    .map_or_else(|| cw.clone(), |n| n.name.clone()),
                None => tr.t("prog-unassigned"),
            },
            active: l.active,
            over: l.over,
        })
        .collect();
    let t = &report.time_to_company;
    let median = Measure {
        key: "median_days",
        label: tr.t("ips-median_days"),
        value: t.median_days.map(|m| m.to_string()).unwrap_or_default(),
        text: t
            .median_days
            .map_or_else(|| "–".to_owned(), |m| m.to_string()),
    };
    let time_to_company = vec![
        count(&tr, "reached", t.reached),
        count(&tr, "within_target", t.within_target),
        share(&tr, "share_within_target", t.share_within_target),
        median,
        count(
            &tr,
            "still_waiting_over_target",
            t.still_waiting_over_target,
        ),
    ];
    let f = &report.first_month_contact;
    let first_month = vec![
        count(&tr, "jobs", f.jobs),
        count(&tr, "weekly_contact", f.weekly_contact),
        share(&tr, "share", f.share),
    ];
    let page = IpsPage {
        id: programme.id,
        name: programme.name,
        as_of: as_of.to_string(),
        as_of_text: tr.date(as_of),
        date_error,
        caseload_intro: tr.t_with(
            "ips-caseload-intro",
            &[("n", Arg::from(report.caseload.max as i64))],
        ),
        loads,
        sections: vec![
            ("ips-company-heading", "ips-company-intro", time_to_company),
            (
                "ips-first-month-heading",
                "ips-first-month-intro",
                first_month,
            ),
        ],
        chrome,
    };
    Ok(page.into_response())
}
