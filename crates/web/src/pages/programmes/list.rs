//! `GET /programmes`: the programmes of the caller's organisation that the policy gives them a
//! page of, each with its headline figures today (when the caller may see figures).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use jobbro_store::access::AccessStore;

use super::ProgrammeAccess;
use crate::AppState;
use crate::pages::chrome::{Chrome, Section};
use crate::session::{PageError, SessionCaller};

/// One programme as the list shows it.
#[derive(Debug, Clone)]
pub struct ProgrammeRow {
    pub id: String,
    pub name: String,
    pub period: String,
    /// `(active, accepted, referred)` today, when the caller may see figures.
    pub figures: Option<(u64, u64, u64)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "programmes_list.html")]
pub struct ListPage {
    pub chrome: Chrome,
    pub today: String,
    pub rows: Vec<ProgrammeRow>,
}

/// `GET /programmes`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
) -> Result<Response, PageError> {
    let today = caller.ctx.today();
    let own = state.db.programmes_of(&caller.actor.organisation).await?;
    let chrome = Chrome::new(&caller, Section::Programmes, "/programmes");
    let tr = chrome.tr.clone();
    let mut rows = Vec::new();
    for p in jobbro_store::programmes(state.db.as_ref()).await? {
        if !own.contains(&p.id) {
            continue;
        }
        let access = ProgrammeAccess::of(&caller.actor, &p.id);
        if !access.any() {
            continue;
        }
        let figures = match access.figures {
            Some(suppress) => {
                let r =
                    jobbro_store::status_report(state.db.as_ref(), &p.id, today, suppress).await?;
                Some((r.active, r.accepted, r.referred))
            }
            None => None,
        };
        rows.push(ProgrammeRow {
            period: match p.end {
                Some(end) => format!("{} – {}", tr.date(p.start), tr.date(end)),
                None => format!("{} –", tr.date(p.start)),
            },
            id: p.id,
            name: p.name,
            figures,
        });
    }
    let page = ListPage {
        today: tr.date(today),
        rows,
        chrome,
    };
    Ok(page.into_response())
}
