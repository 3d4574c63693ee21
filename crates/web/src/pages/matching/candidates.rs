//! The candidates section of an opening's page (`openings_candidates.html`): the ranked list,
//! each score explained, with a "propose" button; then the opening's proposals with what came of
//! each, and "start" (a date, then the timeline's activity at the company) or "decline" buttons.

use chrono::NaiveDate;
use jobbro_domain::proposal::Outcome;
use jobbro_store::matching::OpeningMatch;
use jobbro_store::openings::StoredOpening;

use super::explain::{Explained, explain};
use crate::i18n::{Arg, Tr};
use crate::pages::companies::view::segment;

/// One candidate as the list shows them.
pub struct CandidateRow {
    pub rank: usize,
    pub name: String,
    pub href: String,
    pub enrolment: String,
    pub programme: String,
    /// The situation's code (for styling and tests) and its words.
    pub situation_code: &'static str,
    pub situation: String,
    pub score: Explained,
}

/// One proposal as the list shows it.
pub struct ProposalRow {
    pub id: String,
    pub name: String,
    pub href: Option<String>,
    pub proposed_on: String,
    pub score: u32,
    /// The outcome's code (for styling and tests) and its words.
    pub outcome_code: &'static str,
    pub outcome: String,
    /// Waiting: may be started or declined.
    pub waiting: bool,
    pub version: i64,
}

/// The section under an opening's facts.
pub struct Candidates {
    pub propose_action: String,
    pub rows: Vec<CandidateRow>,
    /// "3 active participants have no profile yet", or nothing.
    pub without_profile: Option<String>,
    pub proposals: Vec<ProposalRow>,
    /// The opening can take one more start.
    pub can_start: bool,
    /// The start date a start form offers: the opening's start, or today when that has passed.
    pub start_default: String,
}

/// A name as lists show it, or a dash when the person has none recorded.
pub(crate) fn full_name(given: Option<&str>, family: Option<&str>) -> String {
    let name = [given, family]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() { "–".into() } else { name }
}

/// The section for `stored` and its match, on `today`.
pub(crate) fn candidates_section(
    tr: &Tr,
    stored: &StoredOpening,
    m: &OpeningMatch,
    today: NaiveDate,
) -> Candidates {
    let o = &stored.opening;
    let rows = m
        .candidates
        .iter()
        .map(|r| CandidateRow {
            rank: r.rank,
            name: full_name(
                r.item.name.given_name.as_deref(),
                r.item.name.family_name.as_deref(),
            ),
            href: format!("/participants/{}", segment(&r.item.person)),
            enrolment: r.item.enrolment.clone(),
            programme: r.item.programme.clone(),
            situation_code: r.item.situation.as_str(),
            situation: tr.code("situation", r.item.situation.as_str()),
            score: explain(&r.score, tr),
        })
        .collect();
    let proposals = m
        .proposals
        .iter()
        .map(|l| {
            let p = &l.stored.proposal;
            let (name, href) = match &l.name {
                Some(n) => (
                    full_name(n.given_name.as_deref(), n.family_name.as_deref()),
                    Some(format!("/enrolments/{}/openings", segment(&p.enrolment))),
                ),
                None => (tr.t("matching-someone-else"), None),
            };
            ProposalRow {
                id: p.id.clone(),
                name,
                href,
                proposed_on: tr.date(p.proposed_on),
                score: (p.score_tenths + 5) / 10,
                outcome_code: l.outcome.as_str(),
                outcome: tr.code("matching-outcome", l.outcome.as_str()),
                waiting: l.outcome == Outcome::Waiting && l.name.is_some(),
                version: l.stored.version,
            }
        })
        .collect();
    Candidates {
        propose_action: format!("/openings/{}/proposals", segment(&o.id)),
        rows,
        without_profile: (m.without_profile > 0).then(|| {
            tr.t_with(
                "matching-without-profile",
                &[("n", Arg::from(m.without_profile))],
            )
        }),
        proposals,
        can_start: m.state == jobbro_domain::opening::OpeningState::Open,
        start_default: o.start.max(today).to_string(),
    }
}

/// The notice a page shows after a matching action (`?done=`): `(ok, words)`.
pub(crate) fn matching_notice(tr: &Tr, done: &str) -> Option<(bool, String)> {
    let ok = matches!(done, "proposed" | "started" | "declined");
    let known = ok
        || matches!(
            done,
            "already_proposed" | "not_open" | "already_started" | "was_declined" | "stale"
        );
    known.then(|| (ok, tr.t(&format!("matching-done-{done}"))))
}
