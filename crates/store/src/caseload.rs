//! A caseload: the enrolments of some programmes — all of them, or one caseworker's — with each
//! one's status on a date and the worklist items (FORMAT.md §5) they raise. The caseworker's
//! day, the participant list and the programme's caseload per caseworker are all views of it.
//!
//! Status and worklist come from the domain's one definition of each; this module only reads the
//! timelines and keeps what the filter lets through. It returns names, so whoever shows them
//! writes the audit row (see the web pages).

use std::collections::HashMap;

use chrono::NaiveDate;
use jobbro_domain::enums::Benefit;
use jobbro_domain::rules::Rules;
use jobbro_domain::status::Status;
use jobbro_domain::worklist::{Item, Worklist};

use crate::StoreError;
use crate::backend::Backend;
use crate::derive::{PersonName, for_each_read, programmes_with_ids};

/// One enrolment as a caseload shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub enrolment: String,
    pub programme: String,
    pub person: String,
    pub name: PersonName,
    pub status: Status,
    /// The caseworker responsible on the day asked about.
    pub caseworker: Option<String>,
    /// The benefit the person had at referral.
    pub benefit: Option<Benefit>,
    /// The day of the last attended contact on or before the day asked about.
    pub last_contact: Option<NaiveDate>,
}

/// The enrolments a caseload holds, and their worklist, most overdue first.
#[derive(Debug, Clone, Default)]
pub struct Caseload {
    pub cases: Vec<Case>,
    pub items: Vec<Item>,
}

impl Caseload {
    /// How many of the cases are active.
    pub fn active(&self) -> usize {
        self.cases
            .iter()
            .filter(|c| matches!(c.status, Status::Active { .. }))
            .count()
    }

    /// How many worklist items are of the given kinds.
    pub fn count_items(&self, kinds: &[jobbro_domain::worklist::ItemKind]) -> usize {
        self.items
            .iter()
            .filter(|i| kinds.contains(&i.kind))
            .count()
    }
}

/// The caseload of `programmes` on `as_of`: every enrolment referred by then, or only those whose
/// caseworker on that day is `caseworker`. Items are kept the same way (a caseload warning
/// belongs to the caseworker it names).
pub async fn caseload<B: Backend + crate::network::NetworkStore>(
    db: &B,
    as_of: NaiveDate,
    programme_ids: &[String],
    caseworker: Option<&str>,
) -> Result<Caseload, StoreError> {
    let rules: HashMap<String, Rules> = programmes_with_ids(db, programme_ids)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p.rules.effective()))
        .collect();
    let mut out = Caseload::default();
    for programme in programme_ids {
        let Some(rules) = rules.get(programme) else {
            return Err(StoreError::UnknownProgramme(programme.clone()));
        };
        let mut list = Worklist::new(as_of);
        let interpreters =
            crate::network::worklist::InterpreterWork::load(db, as_of, Some(programme)).await?;
        // A caseworker's own caseload reads only the enrolments ever referred or assigned to
        // them (the caseworker index); whom they are responsible for is still decided by the
        // timeline below. Their worklist items, caseload warnings included, come only from these.
        let rows = match caseworker {
            Some(cw) => db.caseworker_timeline_rows(programme, cw),
            None => db.timeline_rows(Some(programme), true),
        };
        for_each_read(rows, |e| {
            let Some(t) = &e.timeline else { return };
            list.add(t, rules);
            out.items.extend(interpreters.items(t, rules));
            let Some(status) = t.status_on(as_of, rules) else {
                return;
            };
            let responsible = t.caseworker_on(as_of);
            if caseworker.is_some_and(|cw| responsible != Some(cw)) {
                return;
            }
            out.cases.push(Case {
                enrolment: t.id.clone(),
                programme: t.programme.clone(),
                person: t.person.clone(),
                name: e.name,
                status,
                caseworker: responsible.map(str::to_owned),
                benefit: e.person.benefit,
                last_contact: t
                    .contacts
                    .iter()
                    .filter(|c| c.attended && c.date <= as_of)
                    .map(|c| c.date)
                    .max(),
            });
        })
        .await?;
        out.items.extend(list.finish());
    }
    if let Some(cw) = caseworker {
        out.items.retain(|i| i.caseworker.as_deref() == Some(cw));
    }
    jobbro_domain::worklist::sort_most_overdue_first(&mut out.items);
    Ok(out)
}
