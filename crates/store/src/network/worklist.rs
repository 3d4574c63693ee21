//! The worklist items that come from the network data beside the timeline: `interpreter_missing`
//! (a planned meeting of a participant who needs an interpreter, with none booked), made by the
//! domain's one rule (`jobbro_domain::network::interpreter_missing`) for each enrolment as the
//! worklist streams past. Read before the stream: only enrolments with a need and an unbooked
//! meeting ahead, and the interpreters of their organisations — a handful of rows, whatever the
//! size of the timeline. A timeline with no such rows gets exactly FORMAT.md §5's worklist.

use std::collections::HashMap;

use chrono::NaiveDate;
use jobbro_domain::network::{InterpreterPool, interpreter_missing};
use jobbro_domain::rules::Rules;
use jobbro_domain::timeline::EnrolmentTimeline;
use jobbro_domain::worklist::Item;

use super::{InterpreterCase, NetworkStore};
use crate::StoreError;

/// What the interpreter rule needs, for one worklist's day.
#[derive(Debug, Default)]
pub struct InterpreterWork {
    as_of: Option<NaiveDate>,
    cases: HashMap<String, InterpreterCase>,
    pools: HashMap<String, InterpreterPool>,
}

impl InterpreterWork {
    /// The cases of `programme` (all when `None`) as of `as_of`, and their organisations'
    /// interpreters.
    pub async fn load<B: NetworkStore>(
        db: &B,
        as_of: NaiveDate,
        programme: Option<&str>,
    ) -> Result<Self, StoreError> {
        let mut work = InterpreterWork {
            as_of: Some(as_of),
            ..InterpreterWork::default()
        };
        for case in db.interpreter_cases(programme, as_of).await? {
            if !work.pools.contains_key(&case.organisation) {
                let people = db.network_people(&case.organisation).await?;
                work.pools.insert(
                    case.organisation.clone(),
                    InterpreterPool::new(people.into_iter().map(|e| e.person)),
                );
            }
            work.cases.insert(case.enrolment.clone(), case);
        }
        Ok(work)
    }

    /// The `interpreter_missing` items of one enrolment.
    pub fn items(&self, t: &EnrolmentTimeline, rules: &Rules) -> Vec<Item> {
        let (Some(as_of), Some(case)) = (self.as_of, self.cases.get(&t.id)) else {
            return Vec::new();
        };
        let empty = InterpreterPool::default();
        let pool = self.pools.get(&case.organisation).unwrap_or(&empty);
        interpreter_missing(t, rules, as_of, Some(case.need), &case.meetings, pool)
    }
}
