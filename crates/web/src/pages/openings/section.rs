//! The "Openings" section of a company page (`openings_section.html`): the organisation's
//! openings at the company, open or not, with the link to add one. Shown only to callers who may
//! keep openings.

use jobbro_domain::records::Company;
use jobbro_store::openings::{OpeningFilter, OpeningStore};

use super::view::{OpeningRow, may_use_openings, opening_row, started_counts, state_of};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::companies::view::segment;
use crate::session::SessionCaller;

/// What the section shows.
pub struct OpeningsSection {
    pub rows: Vec<OpeningRow>,
    /// `/companies/{company}/openings/new`.
    pub new_href: String,
}

/// The section for `company`, or `None` when the caller may not keep openings.
pub(crate) async fn company_openings(
    state: &AppState,
    caller: &SessionCaller,
    company: &Company,
) -> Result<Option<OpeningsSection>, jobbro_store::StoreError> {
    if !may_use_openings(&caller.actor) {
        return Ok(None);
    }
    let filter = OpeningFilter {
        company: Some(company.id.clone()),
        ..OpeningFilter::default()
    };
    let stored = state
        .db
        .openings(&caller.actor.organisation, &filter)
        .await?;
    let started = started_counts(state, &caller.ctx).await?;
    let tr = Tr::new(caller.lang);
    Ok(Some(OpeningsSection {
        rows: stored
            .iter()
            .map(|s| {
                opening_row(
                    &tr,
                    &s.opening,
                    &company.name,
                    state_of(&s.opening, &started),
                )
            })
            .collect(),
        new_href: format!("/companies/{}/openings/new", segment(&company.id)),
    }))
}
