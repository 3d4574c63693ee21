//! What the company pages and the company API both show, decided once: who may see companies at
//! all, the list with its placement counts, and one company with its placements — a participant
//! named only when the policy lets the caller read that enrolment, the others counted but
//! anonymous — and its contact people.
//!
//! The policy has no action for companies yet (they are organisation-wide records, not a
//! programme's): the caller may see them when they may search people in at least one programme
//! of their organisation (caseworkers and leads), and participants' names follow `ReadCase` on
//! each enrolment. Names of participants and contact people are audited before they are returned.

use chrono::NaiveDate;
use jobbro_domain::access::{Action, Actor, Decision, Resource, can};
use jobbro_domain::bottleneck::{Bottleneck, company_bottleneck};
use jobbro_domain::enums::ActivityKind;
use jobbro_domain::records::Company;
use jobbro_store::access::AccessStore;
use jobbro_store::companies::{
    CompanyStore, ContactPerson, Placement, RegisterStore, companies, company, company_placements,
    matches_search, placement_counts,
};
use jobbro_store::{Context, StoreError};

use crate::AppState;

/// The programmes of the caller's organisation, when the caller may see companies; `None` when
/// not.
pub(crate) async fn company_programmes(
    state: &AppState,
    actor: &Actor,
) -> Result<Option<Vec<String>>, StoreError> {
    let register = Resource::Organisation {
        organisation: &actor.organisation,
    };
    if !can(actor, Action::UseCompanies, &register).allowed() {
        return Ok(None);
    }
    Ok(Some(state.db.programmes_of(&actor.organisation).await?))
}

/// A company in the list, with its placements counted, its area and whether it is in a
/// bottleneck sector (as the caller's organisation keeps them).
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct ListedCompany {
    #[serde(flatten)]
    pub company: Company,
    pub placements: usize,
    pub ongoing: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Why the company is in a bottleneck sector today (the domain's rule), when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottleneck_sector: Option<Bottleneck>,
}

/// Which companies the list shows.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ListFilter<'a> {
    /// Part of the name or sector, or the CVR number (empty: all).
    pub search: &'a str,
    /// Only companies in a bottleneck sector today.
    pub only_bottleneck: bool,
}

/// The companies `filter` lets through, with the placements of `programmes` counted, for the
/// caller's `organisation`. No personal data: nothing to audit.
pub(crate) async fn company_list(
    state: &AppState,
    organisation: &str,
    programmes: &[String],
    filter: ListFilter<'_>,
    today: NaiveDate,
) -> Result<Vec<ListedCompany>, StoreError> {
    let counts = placement_counts(state.db.as_ref(), programmes, today).await?;
    let areas = state.db.company_areas(organisation).await?;
    let list = state.db.bottlenecks(organisation).await?.sectors();
    Ok(companies(state.db.as_ref())
        .await?
        .into_iter()
        .filter(|c| matches_search(c, filter.search))
        .map(|company| {
            let (placements, ongoing) = counts.get(&company.id).copied().unwrap_or_default();
            let area = areas.get(&company.id).cloned();
            let bottleneck_sector = company_bottleneck(&company, area.as_deref(), &list, today);
            ListedCompany {
                company,
                placements,
                ongoing,
                area,
                bottleneck_sector,
            }
        })
        .filter(|l| !filter.only_bottleneck || l.bottleneck_sector.is_some())
        .collect())
}

/// A placement as the caller may see it.
#[derive(Debug, Clone)]
pub(crate) struct ShownPlacement {
    pub placement: Placement,
    /// Whether the caller may read the enrolment (and so see who it is).
    pub named: bool,
}

/// One company as the caller may see it.
#[derive(Debug, Clone)]
pub(crate) struct CompanyView {
    pub company: Company,
    pub placements: Vec<ShownPlacement>,
    pub contacts: Vec<ContactPerson>,
    pub internships: usize,
    /// Internships that turned into paid work at the company.
    pub converted: usize,
}

impl CompanyView {
    pub fn hidden(&self) -> usize {
        self.placements.iter().filter(|p| !p.named).count()
    }
}

/// The company `id` with its placements in `programmes` on `today` and its contact people, or
/// `None` when there is no such company. Audited before it is returned: one row for the company
/// (its contact people), one per programme whose participants are named.
pub(crate) async fn company_view(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    id: &str,
    programmes: &[String],
) -> Result<Option<CompanyView>, StoreError> {
    let Some(company) = company(state.db.as_ref(), id).await? else {
        return Ok(None);
    };
    let today = ctx.today();
    let placements: Vec<ShownPlacement> =
        company_placements(state.db.as_ref(), id, programmes, today)
            .await?
            .into_iter()
            .map(|placement| {
                let resource = Resource::Enrolment {
                    organisation: &actor.organisation,
                    programme: &placement.programme,
                    caseworker: placement.caseworker.as_deref(),
                };
                let named = can(actor, Action::ReadCase, &resource) == Decision::Allow;
                ShownPlacement { placement, named }
            })
            .collect();
    let mut audit = vec![{
        let mut entry = ctx.audit("read", "company", id, None);
        entry.purpose = Some("company page: placements and contact people".into());
        entry
    }];
    let mut named_programmes: Vec<&str> = placements
        .iter()
        .filter(|p| p.named)
        .map(|p| p.placement.programme.as_str())
        .collect();
    named_programmes.sort_unstable();
    named_programmes.dedup();
    for p in named_programmes {
        let mut entry = ctx.audit("read", "programme", p, Some(p));
        entry.purpose = Some(format!("placements at company {id}"));
        audit.push(entry);
    }
    // Recorded before anything is shown: no audit row, no names.
    state.db.append_audit(&audit).await?;
    let contacts = state.db.contacts(id, &actor.organisation).await?;
    let internships = placements
        .iter()
        .filter(|p| p.placement.kind == ActivityKind::Internship)
        .count();
    let converted = placements
        .iter()
        .filter(|p| p.placement.converted_to.is_some())
        .count();
    Ok(Some(CompanyView {
        company,
        placements,
        contacts,
        internships,
        converted,
    }))
}

/// An id as one segment of a path: anything but unreserved characters percent-encoded, so any
/// id makes a valid link and redirect.
pub(crate) fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn any_id_makes_one_path_segment() {
        assert_eq!(segment("c-001"), "c-001");
        assert_eq!(segment("a/b?c"), "a%2Fb%3Fc");
        assert_eq!(segment("bæ"), "b%C3%A6");
    }
}
