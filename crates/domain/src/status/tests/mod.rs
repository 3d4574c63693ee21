//! Status on a date, situation and best outcome, tested by feature. What a test asks of an
//! enrolment is here; how an enrolment is built is in `crate::testkit`.

use super::*;

use crate::testkit::{Enrolment, d};

mod best_outcome;
mod lifecycle;
mod properties;
mod situation;

/// What a test asks of an enrolment: its status, situation and best outcome under the default
/// rules.
impl Enrolment {
    fn status_on(&self, date: &str) -> Option<Status> {
        self.timeline().status_on(d(date), &Rules::default())
    }

    fn situation_on(&self, date: &str) -> Option<Situation> {
        match self.status_on(date) {
            Some(Status::Active { situation, .. }) => Some(situation),
            _ => None,
        }
    }

    fn best_outcome_on(&self, date: &str) -> Option<Situation> {
        self.timeline().best_outcome_on(d(date), &Rules::default())
    }
}

fn active(accepted: &str, situation: Situation) -> Option<Status> {
    Some(Status::Active {
        accepted: d(accepted),
        situation,
    })
}
