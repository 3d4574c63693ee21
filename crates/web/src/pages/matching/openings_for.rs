//! A participant's openings (`GET /enrolments/{enrolment}/openings`): the open openings ranked for
//! their profile, each score explained, with a "propose" button, and those they were proposed
//! for with what came of it. Nobody in a job or in education is offered new ones.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use jobbro_domain::matching::may_be_proposed;
use serde::Deserialize;

use super::candidates::matching_notice;
use super::explain::{Explained, explain};
use super::view::{self, Refused};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::companies::view::segment;
use crate::session::{PageError, SessionCaller};

#[derive(Deserialize)]
pub struct OpeningsQuery {
    done: Option<String>,
}

/// One opening as the participant's list shows it.
pub struct OfferRow {
    pub rank: usize,
    pub href: String,
    pub what: String,
    pub company: String,
    pub company_href: String,
    pub hours: String,
    pub start: String,
    pub area: String,
    pub score: Explained,
    pub propose_action: String,
    /// The outcome of the participant's proposal, when there is one: code and words.
    pub proposal: Option<(&'static str, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "matching_openings.html")]
pub struct OpeningsForPage {
    pub chrome: Chrome,
    pub heading: String,
    pub participant_href: String,
    pub profile_href: String,
    /// Why the list is empty or thin: no profile, or in a job or education.
    pub note: Option<String>,
    pub rows: Vec<OfferRow>,
    /// The enrolment the propose buttons propose.
    pub enrolment: String,
    pub back: String,
    pub notice: Option<(bool, String)>,
}

/// `GET /enrolments/{enrolment}/openings`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(enrolment): Path<String>,
    Query(q): Query<OpeningsQuery>,
) -> Result<Response, PageError> {
    let found = view::enrolment_openings(&state, &caller.actor, &caller.ctx, &enrolment)
        .await?
        .map_err(|r| match r {
            Refused::Forbidden => PageError::Forbidden("not your enrolment, or no openings"),
            Refused::NotFound => PageError::NotFound,
        })?;
    let back = format!("/enrolments/{}/openings", segment(&enrolment));
    let chrome = Chrome::new(&caller, Section::Openings, &back);
    let tr: &Tr = &chrome.tr;
    let companies = jobbro_store::participant::companies(state.db.as_ref()).await?;
    let company_name = |id: &str| {
        companies
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    };
    let rows = found
        .matched
        .openings
        .iter()
        .map(|r| {
            let o = &r.item.stored.opening;
            OfferRow {
                rank: r.rank,
                href: format!("/openings/{}", segment(&o.id)),
                what: format!(
                    "{} · {}",
                    tr.code("opening-kind", o.kind.as_str()),
                    tr.occupation(o.occupation)
                ),
                company: company_name(&o.company),
                company_href: format!("/companies/{}", segment(&o.company)),
                hours: o.hours_per_week.to_string(),
                start: tr.date(o.start),
                area: o.area.clone().unwrap_or_else(|| "–".into()),
                score: explain(&r.score, tr),
                propose_action: format!("/openings/{}/proposals", segment(&o.id)),
                proposal: r.item.proposal.as_ref().map(|p| {
                    (
                        p.outcome.as_str(),
                        tr.code("matching-outcome", p.outcome.as_str()),
                    )
                }),
            }
        })
        .collect();
    let note = if !may_be_proposed(found.matched.situation) {
        Some(tr.t("matching-not-offered"))
    } else if found.profile.is_none() {
        Some(tr.t("matching-no-profile"))
    } else {
        None
    };
    let page = OpeningsForPage {
        heading: tr.t("matching-openings-heading"),
        participant_href: format!("/participants/{}", segment(&found.person)),
        profile_href: format!("/enrolments/{}/profile", segment(&enrolment)),
        note,
        rows,
        notice: q.done.as_deref().and_then(|d| matching_notice(tr, d)),
        enrolment,
        back,
        chrome,
    };
    Ok(page.into_response())
}
