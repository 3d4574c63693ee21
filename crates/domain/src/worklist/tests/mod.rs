//! The worklist, tested item kind by item kind. What a test asks of an enrolment (its items on a
//! date) is here; how an enrolment is built is in `crate::testkit`.

use super::*;

use crate::testkit::{Enrolment, d, rules_with};

mod caseload;
mod contact;
mod ending;
mod follow_up;
mod gap;
mod list;
mod no_show;

/// What a test asks of an enrolment: its worklist items on a date.
impl Enrolment {
    fn items_on(&self, as_of: &str) -> Vec<Item> {
        worklist(&[self], as_of, &Rules::default())
    }

    fn items_on_under(&self, as_of: &str, rules: &Rules) -> Vec<Item> {
        worklist(&[self], as_of, rules)
    }

    /// Whether an item of `kind` is listed on `as_of` under `rules`.
    fn lists(&self, kind: ItemKind, as_of: &str, rules: &Rules) -> bool {
        self.items_on_under(as_of, rules)
            .iter()
            .any(|i| i.kind == kind)
    }

    /// The one item of `kind` on `as_of`, if listed.
    fn item(&self, kind: ItemKind, as_of: &str) -> Option<Item> {
        let mut items: Vec<Item> = self
            .items_on(as_of)
            .into_iter()
            .filter(|i| i.kind == kind)
            .collect();
        assert!(items.len() <= 1, "{kind:?} listed twice: {items:?}");
        items.pop()
    }

    fn due(&self, kind: ItemKind, as_of: &str) -> Option<NaiveDate> {
        self.item(kind, as_of).map(|i| i.due)
    }
}

fn worklist(enrolments: &[&Enrolment], as_of: &str, rules: &Rules) -> Vec<Item> {
    let mut w = Worklist::new(d(as_of));
    for e in enrolments {
        w.add(&e.timeline(), rules);
    }
    w.finish()
}

fn kinds(items: &[Item]) -> Vec<ItemKind> {
    items.iter().map(|i| i.kind).collect()
}
