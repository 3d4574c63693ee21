//! The participant list (`GET /participants`): the enrolments of the caller's programmes that the
//! policy lets them read, filtered by programme, status or situation, caseworker and benefit, and
//! searched (`POST /participants`, so a national id typed in the box never reaches a URL) by part
//! of a name or phone number or an exact national id. The list is audited before it is shown
//! (in the store: one row per programme listed, and the search with its criterion masked).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use jobbro_domain::access::{Action, Actor, Resource, can};
use jobbro_domain::enums::{Benefit, Situation};
use jobbro_store::access::AccessStore;
use jobbro_store::participant::{ListEntry, ListFilter, Search, caseworkers, participant_list};
use jobbro_store::{Context, Database, StoreError};
use serde::Deserialize;

use super::page::full_name;
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// The statuses a list can be filtered by, before the situations of active enrolments.
const STATUSES: [&str; 4] = ["active", "waiting", "declined", "ended"];

/// The list's filters and search, as a query string or a form sends them (empty means any).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
pub struct ListQuery {
    /// One programme (default: every programme of the caller's).
    pub programme: Option<String>,
    /// A status (`waiting`, `declined`, `active`, `ended`) or a situation (FORMAT.md §3).
    pub situation: Option<String>,
    /// The caseworker responsible today (a caseworker id).
    pub caseworker: Option<String>,
    /// The benefit at referral (FORMAT.md §2).
    pub benefit: Option<String>,
    /// Part of a name or phone number (at least two characters); an exact national id only in a
    /// POST body.
    pub q: Option<String>,
}

/// Why a list was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListRefusal {
    /// The caller works in no programme they may list, or not in the one asked for.
    Forbidden,
    /// A filter value that is not one of the choices (the field named).
    Bad(&'static str),
}

/// The programmes the caller may list, and the entries of the list.
#[derive(Debug, Clone)]
pub struct Listed {
    pub programmes: Vec<(String, String)>,
    pub entries: Vec<ListEntry>,
    pub search: Option<Search>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The list for `actor` as `q` asks, or why not. Shared by the page and the API.
pub(crate) async fn list_for(
    db: &Database,
    actor: &Actor,
    ctx: &Context,
    q: &ListQuery,
) -> Result<Result<Listed, ListRefusal>, StoreError> {
    let ours = db.programmes_of(&actor.organisation).await?;
    let programmes: Vec<(String, String)> = jobbro_store::programmes(db)
        .await?
        .into_iter()
        .filter(|p| ours.contains(&p.id))
        .filter(|p| {
            let resource = Resource::Programme {
                organisation: &actor.organisation,
                programme: &p.id,
            };
            can(actor, Action::ViewWorklist, &resource).allowed()
        })
        .map(|p| (p.id, p.name))
        .collect();
    if programmes.is_empty() {
        return Ok(Err(ListRefusal::Forbidden));
    }
    let listed: Vec<String> = match given(&q.programme) {
        Some(p) if programmes.iter().any(|(id, _)| id == p) => vec![p.to_owned()],
        Some(_) => return Ok(Err(ListRefusal::Forbidden)),
        None => programmes.iter().map(|(id, _)| id.clone()).collect(),
    };
    let situation = given(&q.situation);
    if situation.is_some_and(|s| !STATUSES.contains(&s) && Situation::parse(s).is_none()) {
        return Ok(Err(ListRefusal::Bad("situation")));
    }
    let benefit = match given(&q.benefit) {
        Some(b) => match Benefit::parse(b) {
            Some(b) => Some(b),
            None => return Ok(Err(ListRefusal::Bad("benefit"))),
        },
        None => None,
    };
    let search = given(&q.q).and_then(Search::parse);
    if matches!(&search, Some(Search::Text(t)) if t.chars().count() < 2) {
        return Ok(Err(ListRefusal::Bad("q")));
    }
    let filter = ListFilter {
        situation: situation.map(str::to_owned),
        caseworker: given(&q.caseworker).map(str::to_owned),
        benefit,
        search: search.clone(),
    };
    let entries = participant_list(db, &listed, &filter, actor, ctx).await?;
    Ok(Ok(Listed {
        programmes,
        entries,
        search,
    }))
}

/// A choice of a filter.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One line of the list.
#[derive(Debug, Clone)]
pub struct ListRow {
    pub href: String,
    pub name: String,
    pub programme: String,
    pub status: String,
    pub caseworker: String,
    pub benefit: String,
    pub last_contact: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "participants_list.html")]
pub struct ListPage {
    pub chrome: Chrome,
    pub rows: Vec<ListRow>,
    pub count: String,
    pub programmes: Vec<Opt>,
    pub situations: Vec<Opt>,
    pub caseworkers: Vec<Opt>,
    pub benefits: Vec<Opt>,
    /// The text searched for (never a national id: that is shown masked in `searched`).
    pub q: String,
    pub searched: Option<String>,
    pub error: Option<String>,
    pub filters: ListQuery,
}

/// `GET /participants`: the list, filtered as the query asks. A national id in `q` is refused:
/// it belongs in the search form, which posts it.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    if matches!(
        given(&q.q).and_then(Search::parse),
        Some(Search::NationalId(_))
    ) {
        let tr = Tr::new(caller.lang);
        let filters = ListQuery { q: None, ..q };
        return render(
            &state,
            &caller,
            filters,
            Some(tr.t("participant-error-id-in-url")),
        )
        .await;
    }
    render(&state, &caller, q, None).await
}

#[derive(Deserialize)]
pub struct SearchForm {
    csrf: Option<String>,
    #[serde(flatten)]
    query: ListQuery,
}

/// `POST /participants`: the search box — a name, phone number or exact national id.
pub async fn search(
    State(state): State<AppState>,
    caller: SessionCaller,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<SearchForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    render(&state, &caller, form.query, None).await
}

async fn render(
    state: &AppState,
    caller: &SessionCaller,
    q: ListQuery,
    error: Option<String>,
) -> Result<Response, PageError> {
    let db = state.db.as_ref();
    let chrome = Chrome::new(caller, Section::Participants, "/participants");
    let tr = chrome.tr.clone();
    let (listed, error, status) = match list_for(db, &caller.actor, &caller.ctx, &q).await? {
        Ok(listed) => (Some(listed), error, StatusCode::OK),
        Err(ListRefusal::Forbidden) => return Err(PageError::Forbidden("no programme to list")),
        Err(ListRefusal::Bad(field)) => (
            None,
            Some(tr.t_with("participant-error-filter", &[("field", Arg::from(field))])),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    let all_caseworkers = caseworkers(db).await?;
    let programme_names = match &listed {
        Some(l) => l.programmes.clone(),
        None => Vec::new(),
    };
    let name_of = |list: &[(String, String)], id: &str| {
        list.iter()
            .find(|(i, _)| i == id)
            .map_or_else(|| id.to_owned(), |(_, n)| n.clone())
    };
    let cw_names: Vec<(String, String)> = all_caseworkers
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let rows: Vec<ListRow> = listed
        .as_ref()
        .map(|l| l.entries.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|e| ListRow {
            href: format!("/participants/{}", e.person),
            name: full_name(
                &tr,
                e.name.given_name.as_deref(),
                e.name.family_name.as_deref(),
            ),
            programme: name_of(&programme_names, &e.programme),
            status: match e.status.situation {
                Some(s) => tr.code("situation", s.as_str()),
                None => tr.code("status", e.status.status),
            },
            caseworker: e
                .caseworker
                .as_deref()
                .map_or_else(|| "–".to_owned(), |c| name_of(&cw_names, c)),
            benefit: e
                .benefit
                .map_or_else(|| "–".to_owned(), |b| tr.code("benefit", b.as_str())),
            last_contact: tr.date_or_dash(e.last_contact),
        })
        .collect();
    let opts = |choices: Vec<(String, String)>, chosen: Option<&str>| -> Vec<Opt> {
        choices
            .into_iter()
            .map(|(value, label)| Opt {
                selected: chosen == Some(value.as_str()),
                value,
                label,
            })
            .collect()
    };
    let situations = STATUSES
        .iter()
        .map(|s| (s.to_string(), tr.code("status", s)))
        .chain(
            Situation::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), tr.code("situation", s.as_str()))),
        )
        .collect();
    let benefits = Benefit::ALL
        .iter()
        .map(|b| (b.as_str().to_owned(), tr.code("benefit", b.as_str())))
        .collect();
    let searched = listed
        .as_ref()
        .and_then(|l| l.search.as_ref())
        .map(|s| match s {
            Search::Text(t) => t.clone(),
            Search::NationalId(id) => id.masked(),
        });
    let q_text = match listed.as_ref().and_then(|l| l.search.as_ref()) {
        Some(Search::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let page = ListPage {
        count: tr.t_with("participant-count", &[("n", Arg::from(rows.len()))]),
        rows,
        programmes: opts(programme_names, given(&q.programme)),
        situations: opts(situations, given(&q.situation)),
        caseworkers: opts(cw_names, given(&q.caseworker)),
        benefits: opts(benefits, given(&q.benefit)),
        q: q_text,
        searched,
        error,
        filters: ListQuery { q: None, ..q },
        chrome,
    };
    Ok((status, page).into_response())
}
