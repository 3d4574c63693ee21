//! What the opening pages and the opening API both decide, once: who may use openings (the
//! policy's `UseOpenings` on the caller's organisation), how many have started in each opening
//! (which makes it filled), and an opening as one row of a table in the reader's language.

use std::collections::HashMap;

use jobbro_domain::access::{Action, Actor, Resource, can};
use jobbro_domain::opening::{Opening, OpeningState};
use jobbro_store::StoreError;
use jobbro_store::openings::StoredOpening;

use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::companies::view::segment;

/// Whether the caller may see and keep the organisation's openings.
pub(crate) fn may_use_openings(actor: &Actor) -> bool {
    let organisation = Resource::Organisation {
        organisation: &actor.organisation,
    };
    can(actor, Action::UseOpenings, &organisation).allowed()
}

/// How many participants have started in each of `openings`, by opening id (the store's one
/// count, [`jobbro_store::openings::started_counts`]).
pub(crate) async fn started_counts(
    state: &AppState,
    openings: &[StoredOpening],
) -> Result<HashMap<String, usize>, StoreError> {
    jobbro_store::openings::started_counts(state.db.as_ref(), openings).await
}

/// The state of `opening` given the counts of [`started_counts`].
pub(crate) fn state_of(opening: &Opening, started: &HashMap<String, usize>) -> OpeningState {
    opening.state(started.get(&opening.id).copied().unwrap_or_default())
}

/// An opening as a row of a table, in the reader's language.
pub struct OpeningRow {
    pub href: String,
    pub company: String,
    pub company_href: String,
    pub kind: String,
    pub occupation: String,
    pub title: String,
    pub hours: String,
    pub start: String,
    pub places: String,
    /// `open`, `filled` or `closed` (for styling and tests).
    pub state_code: &'static str,
    pub state: String,
}

/// The row of `opening`, at the company called `company_name`.
pub(crate) fn opening_row(
    tr: &Tr,
    opening: &Opening,
    company_name: &str,
    state: OpeningState,
) -> OpeningRow {
    OpeningRow {
        href: format!("/openings/{}", segment(&opening.id)),
        company: company_name.to_owned(),
        company_href: format!("/companies/{}", segment(&opening.company)),
        kind: tr.code("opening-kind", opening.kind.as_str()),
        occupation: tr.occupation(opening.occupation),
        title: opening.title.clone().unwrap_or_default(),
        hours: tr.t_with(
            "openings-hours-value",
            &[("n", Arg::from(usize::from(opening.hours_per_week)))],
        ),
        start: tr.date(opening.start),
        places: opening.places.to_string(),
        state_code: state.as_str(),
        state: tr.code("opening-state", state.as_str()),
    }
}
