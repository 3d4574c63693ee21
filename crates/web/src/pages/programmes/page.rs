//! `GET /programmes/{programme}?as_of=YYYY-MM-DD`: the programme page. Status on the day (today
//! unless a date is picked), goal progress, the situation at each month end of the twelve months
//! before it and the funnel (charts and tables), breakdowns (suppressed for analysts), the
//! caseload per caseworker with the reassignment form, and the rules and goals form — each part
//! only for those the policy gives it to ([`super::ProgrammeAccess`]).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_domain::enums::Situation;
use jobbro_domain::report::{Count, Groups, StatusReport};
use jobbro_domain::series::last_twelve_months;
use jobbro_store::access::AccessStore;
use jobbro_store::programme_admin::{
    CaseworkerLoad, ProgrammeFigures, caseload_per_caseworker, programme_figures,
};
use serde::Deserialize;

use super::charts::{Chart, SITUATION_FILLS, funnel_chart, series_chart};
use super::reassign::{ReassignForm, reassign_form};
use super::rules::{RulesForm, rules_form};
use super::{as_of_param, programme_for};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    as_of: Option<String>,
    done: Option<String>,
    moved: Option<u64>,
}

/// A labelled count.
#[derive(Debug, Clone)]
pub struct Figure {
    pub code: &'static str,
    pub label: String,
    pub n: u64,
}

/// One situation: active in it on the day, and best outcome.
#[derive(Debug, Clone)]
pub struct SituationRow {
    pub code: &'static str,
    pub label: String,
    pub fill: &'static str,
    pub active: u64,
    pub best: u64,
}

#[derive(Debug, Clone)]
pub struct GoalRow {
    pub code: &'static str,
    pub label: String,
    pub target: u64,
    pub actual: u64,
}

/// One month end of the series: the count in each situation, then the active total.
#[derive(Debug, Clone)]
pub struct SeriesRow {
    pub date: String,
    /// `(situation, count)`, best situation first.
    pub cells: Vec<(String, u64)>,
    pub active: u64,
}

#[derive(Debug, Clone)]
pub struct FollowUpRow {
    pub months: u32,
    pub due: u64,
    pub retained: u64,
    pub not_retained: u64,
    pub unknown: u64,
}

/// One breakdown (by gender, benefit, age band or country): a row per group.
#[derive(Debug, Clone)]
pub struct Breakdown {
    pub heading: String,
    pub rows: Vec<(String, Vec<String>)>,
}

/// The figures of the day, as the page shows them.
#[derive(Debug, Clone)]
pub struct Figures {
    pub totals: Vec<Figure>,
    pub situations: Vec<SituationRow>,
    pub left_reasons: Vec<Figure>,
    pub follow_up: Vec<FollowUpRow>,
    pub goals: Vec<GoalRow>,
    pub series: Vec<SeriesRow>,
    pub series_chart: Chart,
    pub series_desc: String,
    pub funnel: Vec<Figure>,
    pub funnel_chart: Chart,
    pub funnel_desc: String,
    pub breakdown_columns: Vec<String>,
    pub breakdowns: Vec<Breakdown>,
    /// The note on hidden small cells, for analysts.
    pub suppressed_note: Option<String>,
}

/// One caseworker's line of the caseload table.
#[derive(Debug, Clone)]
pub struct LoadRow {
    pub caseworker: String,
    pub name: String,
    pub active: u64,
    pub max: u32,
    pub over: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "programmes_page.html")]
pub struct ProgrammePage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub as_of_text: String,
    pub date_error: Option<String>,
    pub notice: Option<String>,
    pub figures: Option<Figures>,
    pub caseload: Option<Vec<LoadRow>>,
    pub reassign: Option<ReassignForm>,
    pub rules: Option<RulesForm>,
    /// Whether the ESF+ page is there for the caller (unsuppressed figures only).
    pub esf: bool,
    /// Whether the cohort page is (figures, suppressed or not) and the IPS page (leads).
    pub cohorts: bool,
    pub ips: bool,
    /// Whether the caller may import a spreadsheet into the programme.
    pub import: bool,
}

/// `GET /programmes/{programme}`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let (programme, access) = programme_for(&state, &caller, &id).await?;
    let path = format!("/programmes/{id}");
    let chrome = Chrome::new(&caller, Section::Programmes, &path);
    let tr = chrome.tr.clone();
    let today = caller.ctx.today();
    let (as_of, date_error) = as_of_param(q.as_of.as_deref(), today, &tr);
    if access.caseload {
        let mut entry = caller.ctx.audit("read", "programme", &id, Some(&id));
        entry.purpose = Some("caseload".into());
        // Recorded before anything is shown: no audit row, no page.
        state.db.append_audit(&[entry]).await?;
    }
    let db = state.db.as_ref();
    let (figures, loads) = match access.figures {
        Some(suppress) => {
            let span = last_twelve_months(as_of);
            let f = programme_figures(db, &id, as_of, span, suppress, access.caseload).await?;
            (Some(figures(&tr, &f, suppress)), f.caseload)
        }
        None if access.caseload => (None, Some(caseload_per_caseworker(db, &id, as_of).await?)),
        None => (None, None),
    };
    let reassign = match loads {
        Some(_) => Some(reassign_form(&state, &tr, today, None).await?),
        None => None,
    };
    let caseload = loads.map(|l| caseload_rows(l, &tr));
    let import = crate::pages::imports::may_import(&caller.actor, &id);
    let page = ProgrammePage {
        id,
        name: programme.name.clone(),
        as_of: as_of.to_string(),
        as_of_text: tr.date(as_of),
        date_error,
        notice: notice(&tr, &q),
        figures,
        caseload,
        reassign,
        rules: access.edit.then(|| rules_form(&tr, &programme)),
        esf: access.figures(),
        cohorts: access.figures(),
        ips: access.ips(),
        import,
        chrome,
    };
    Ok(page.into_response())
}

fn notice(tr: &Tr, q: &PageQuery) -> Option<String> {
    match q.done.as_deref()? {
        "rules" => Some(tr.t("prog-notice-rules-saved")),
        "reassigned" => Some(tr.t_with(
            "prog-notice-reassigned",
            &[("n", Arg::from(q.moved.unwrap_or(0) as usize))],
        )),
        _ => None,
    }
}

fn caseload_rows(loads: Vec<CaseworkerLoad>, tr: &Tr) -> Vec<LoadRow> {
    loads
        .into_iter()
        .map(|l| LoadRow {
            name: l
                .name
                .clone()
                .or_else(|| l.caseworker.clone())
                .unwrap_or_else(|| tr.t("prog-unassigned")),
            caseworker: l.caseworker.unwrap_or_default(),
            active: l.active,
            max: l.max_caseload,
            over: l.over,
        })
        .collect()
}

fn figure(code: &'static str, label: String, n: u64) -> Figure {
    Figure { code, label, n }
}

fn figures(tr: &Tr, f: &ProgrammeFigures, suppress: Option<u64>) -> Figures {
    let r = &f.report;
    let totals = [
        ("referred", r.referred),
        ("waiting", r.waiting),
        ("declined", r.declined),
        ("accepted", r.accepted),
        ("active", r.active),
        ("ended", r.ended),
    ]
    .into_iter()
    .map(|(code, n)| figure(code, tr.t(&format!("prog-total-{code}")), n))
    .collect();
    let situations = Situation::ALL
        .iter()
        .zip(SITUATION_FILLS)
        .map(|(s, fill)| SituationRow {
            code: s.as_str(),
            label: tr.code("situation", s.as_str()),
            fill,
            active: r.situation.get(*s),
            best: r.best_outcome.get(*s),
        })
        .collect();
    let series: Vec<SeriesRow> = f
        .series
        .iter()
        .map(|p| SeriesRow {
            date: tr.date(p.as_of),
            cells: Situation::ALL
                .iter()
                .map(|s| (tr.code("situation", s.as_str()), p.situation.get(*s)))
                .collect(),
            active: p.active,
        })
        .collect();
    let funnel = f
        .funnel
        .stages()
        .iter()
        .map(|(stage, n)| {
            let key = format!("prog-funnel-{}", stage.as_str());
            figure(stage.as_str(), tr.t(&key), *n)
        })
        .collect();
    let first = f
        .series
        .first()
        .map_or_else(String::new, |p| tr.date(p.as_of));
    let last = f
        .series
        .last()
        .map_or_else(String::new, |p| tr.date(p.as_of));
    Figures {
        totals,
        situations,
        left_reasons: r
            .left_reasons
            .iter()
            .map(|(reason, n)| {
                figure(
                    reason.as_str(),
                    tr.code("leave_reason", reason.as_str()),
                    *n,
                )
            })
            .collect(),
        follow_up: r
            .follow_up
            .iter()
            .map(|(months, c)| FollowUpRow {
                months: *months,
                due: c.due,
                retained: c.retained,
                not_retained: c.not_retained,
                unknown: c.unknown,
            })
            .collect(),
        goals: r
            .goals
            .iter()
            .map(|g| GoalRow {
                code: g.indicator.as_str(),
                label: tr.code("indicator", g.indicator.as_str()),
                target: g.target,
                actual: g.actual,
            })
            .collect(),
        series_chart: series_chart(tr, &f.series),
        series_desc: tr.t_with(
            "prog-series-desc",
            &[("from", Arg::from(first)), ("to", Arg::from(last))],
        ),
        series,
        funnel_chart: funnel_chart(tr, &f.funnel),
        funnel_desc: tr.t_with(
            "prog-funnel-desc",
            &[("date", Arg::from(tr.date(f.funnel.as_of)))],
        ),
        funnel,
        breakdown_columns: breakdown_columns(tr),
        breakdowns: breakdowns(tr, r, suppress),
        suppressed_note: suppressed_note(tr, suppress),
    }
}

/// The note under figures with small counts hidden below `suppress`, if any are.
pub(super) fn suppressed_note(tr: &Tr, suppress: Option<u64>) -> Option<String> {
    suppress.map(|k| tr.t_with("prog-suppressed-note", &[("n", Arg::from(k as usize))]))
}

/// A count as shown: the number, or "fewer than k" where it is hidden.
pub(super) fn shown_count(tr: &Tr, suppress: Option<u64>) -> impl Fn(Count) -> String {
    let hidden = suppress.map_or_else(String::new, |k| {
        tr.t_with("prog-suppressed", &[("n", Arg::from(k as usize))])
    });
    move |c: Count| c.map_or_else(|| hidden.clone(), |n| n.to_string())
}

/// The result situations a breakdown shows as best outcome.
const RESULTS: [Situation; 3] = [
    Situation::JobFullTime,
    Situation::Education,
    Situation::JobPartTime,
];

fn breakdown_columns(tr: &Tr) -> Vec<String> {
    let mut columns = vec![tr.t("prog-total-accepted"), tr.t("prog-total-active")];
    columns.extend(RESULTS.iter().map(|s| {
        tr.t_with(
            "prog-best-outcome-of",
            &[("situation", Arg::from(tr.code("situation", s.as_str())))],
        )
    }));
    columns
}

fn breakdowns(tr: &Tr, r: &StatusReport, suppress: Option<u64>) -> Vec<Breakdown> {
    let cell = shown_count(tr, suppress);
    let b = &r.breakdown;
    let table = |key: &str, list: &str, groups: &Groups| Breakdown {
        heading: tr.t(key),
        rows: groups
            .0
            .iter()
            .map(|(group, g)| {
                let name = match (group.as_str(), list) {
                    ("unknown", _) => tr.t("prog-unknown"),
                    (_, "gender" | "benefit") => tr.code(list, group),
                    _ => group.clone(),
                };
                let mut cells = vec![cell(g.accepted), cell(g.active)];
                cells.extend(RESULTS.iter().map(|s| cell(g.best_outcome.get(*s))));
                (name, cells)
            })
            .collect(),
    };
    vec![
        table("prog-by-gender", "gender", &b.gender),
        table("prog-by-benefit", "benefit", &b.benefit),
        table("prog-by-age-band", "age_band", &b.age_band),
        table("prog-by-origin-country", "country", &b.origin_country),
    ]
}
