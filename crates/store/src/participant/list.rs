//! The participant list: the enrolments of some programmes with each one's status today, kept by
//! the policy (only enrolments the actor may read), then by the filters — situation or status,
//! caseworker, benefit at referral — and a search: part of a name or a phone number, or an exact
//! national id found through its keyed hash (never by decrypting every row).
//!
//! The list shows names, so it is audited before it is returned: one `read` row per programme
//! listed, and for a search one `search` row per programme with the criterion (a national id
//! masked).

use std::collections::HashSet;

use chrono::NaiveDate;
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::enums::Benefit;
use jobbro_domain::national_id::NationalId;
use serde::Serialize;

use super::page::StatusView;
use crate::access::AccessStore;
use crate::backend::Backend;
use crate::caseload::caseload;
use crate::people::{digits, people_matching};
use crate::{Context, PersonName, StoreError};

/// What the search box asked for.
#[derive(Debug, Clone)]
pub enum Search {
    /// Part of a name (any case) or of a phone number (digits compared, spaces ignored).
    Text(String),
    /// An exact national id; people whose phone number holds the same digits are found too,
    /// since a ten-digit phone number can look like a CPR number.
    NationalId(NationalId),
}

impl Search {
    /// Reads what was typed: nothing, a national id, or text.
    pub fn parse(typed: &str) -> Option<Search> {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        Some(match NationalId::parse(typed) {
            Ok(id) => Search::NationalId(id),
            Err(_) => Search::Text(typed.to_owned()),
        })
    }

    /// The criterion as the audit log records it: text as given, a national id masked.
    pub fn for_audit(&self) -> String {
        match self {
            Search::Text(text) => format!("text:{text}"),
            Search::NationalId(id) => format!("national_id:{}", id.masked()),
        }
    }
}

/// Which participants to list; `None` lets everything through.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// A status (`waiting`, `declined`, `active`, `ended`) or a situation code (FORMAT.md §3).
    pub situation: Option<String>,
    /// The caseworker responsible today.
    pub caseworker: Option<String>,
    /// The benefit at referral.
    pub benefit: Option<Benefit>,
    pub search: Option<Search>,
}

/// One enrolment of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListEntry {
    pub enrolment: String,
    pub programme: String,
    pub person: String,
    pub name: PersonName,
    pub status: StatusView,
    pub caseworker: Option<String>,
    pub benefit: Option<Benefit>,
    pub last_contact: Option<NaiveDate>,
}

/// The participants of `programmes` on `ctx.today()` that `actor` may read and `filter` lets
/// through, by name. Audited before it is returned.
pub async fn participant_list<B: Backend + AccessStore + crate::network::NetworkStore>(
    db: &B,
    programmes: &[String],
    filter: &ListFilter,
    actor: &Actor,
    ctx: &Context,
) -> Result<Vec<ListEntry>, StoreError> {
    let today = ctx.today();
    let wanted = match &filter.search {
        Some(search) => Some(matching_people(db, programmes, search).await?),
        None => None,
    };
    let load = caseload(db, today, programmes, filter.caseworker.as_deref()).await?;
    let mut out: Vec<ListEntry> = load
        .cases
        .into_iter()
        .filter(|c| {
            let resource = Resource::Enrolment {
                organisation: &actor.organisation,
                programme: &c.programme,
                caseworker: c.caseworker.as_deref(),
            };
            can(actor, Action::ReadCase, &resource) == Decision::Allow
        })
        .filter(|c| wanted.as_ref().is_none_or(|w| w.contains(&c.person)))
        .filter(|c| filter.benefit.is_none_or(|b| c.benefit == Some(b)))
        .map(|c| ListEntry {
            status: StatusView::of(Some(c.status)),
            enrolment: c.enrolment,
            programme: c.programme,
            person: c.person,
            name: c.name,
            caseworker: c.caseworker,
            benefit: c.benefit,
            last_contact: c.last_contact,
        })
        .filter(|e| {
            filter
                .situation
                .as_deref()
                .is_none_or(|s| e.status.matches(s))
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |e: &ListEntry| {
            (
                e.name
                    .family_name
                    .clone()
                    .unwrap_or_default()
                    .to_lowercase(),
                e.name.given_name.clone().unwrap_or_default().to_lowercase(),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.enrolment.cmp(&b.enrolment))
    });
    let mut audit = Vec::new();
    for programme in programmes {
        let mut entry = ctx.audit("read", "programme", programme, Some(programme));
        entry.purpose = Some("participant list".into());
        audit.push(entry);
        if let Some(search) = &filter.search {
            let mut entry = ctx.audit("search", "search", &search.for_audit(), Some(programme));
            entry.purpose = Some("find a participant".into());
            audit.push(entry);
        }
    }
    // Recorded before anything is returned: no audit row, no list.
    db.append_audit(&audit).await?;
    Ok(out)
}

/// The persons of `programmes` the search finds.
async fn matching_people<B: Backend + AccessStore>(
    db: &B,
    programmes: &[String],
    search: &Search,
) -> Result<HashSet<String>, StoreError> {
    let mut found = HashSet::new();
    let (needle, phone) = match search {
        Search::NationalId(id) => {
            let hash = db.keys().lookup_hash(&id.lookup_key());
            found.extend(db.persons_by_national_id_hash(&hash).await?);
            (None, digits(id.expose()))
        }
        Search::Text(text) => (Some(text.to_lowercase()), digits(text)),
    };
    // A phone number is matched on at least four digits, so a year in a name search finds no one.
    let phone = (phone.len() >= 4).then_some(phone);
    if needle.is_none() && phone.is_none() {
        return Ok(found);
    }
    for programme in programmes {
        let hits = people_matching(db, programme, needle.as_deref(), phone.as_deref()).await?;
        found.extend(hits.into_iter().map(|(person, _)| person));
    }
    Ok(found)
}
