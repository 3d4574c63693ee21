//! My day's `interpreter_missing` items with their one-click action: the meeting, the language
//! and the wait the due date counts from, and a form booking one of the organisation's
//! interpreters of that language (shortest wait first) from the meeting's current version.

use jobbro_domain::network::InterpreterPool;
use jobbro_domain::worklist::{Item, ItemKind};
use jobbro_store::network::NetworkStore;

use super::register::language_name;
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::my_day::{DayItem, ItemAction};
use crate::session::{PageError, SessionCaller};

/// What My day's booking form needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Booking {
    pub meeting: String,
    pub version: i64,
    /// `(id, "name · 3 days' wait")`, the shortest wait first.
    pub choices: Vec<(String, String)>,
    /// The meeting and language, in words.
    pub about: String,
}

/// `shown` (My day's items, the first of `items` in order) with the booking forms filled in.
pub(crate) async fn with_bookings(
    state: &AppState,
    caller: &SessionCaller,
    mut shown: Vec<DayItem>,
    items: &[Item],
) -> Result<Vec<DayItem>, PageError> {
    if !items.iter().any(|i| i.kind == ItemKind::InterpreterMissing) {
        return Ok(shown);
    }
    let tr = Tr::new(caller.lang);
    let people = state.db.network_people(&caller.actor.organisation).await?;
    let pool = InterpreterPool::new(people.into_iter().map(|e| e.person));
    for (day_item, item) in shown.iter_mut().zip(items) {
        let (ItemAction::BookInterpreter(booking), Some(gap)) =
            (&mut day_item.action, item.meeting.as_ref())
        else {
            continue;
        };
        let Some(meeting) = state.db.meeting(&gap.id).await? else {
            continue;
        };
        let language = language_name(&tr, gap.language);
        booking.meeting = meeting.id;
        booking.version = meeting.version;
        booking.choices = pool
            .for_language(gap.language)
            .into_iter()
            .map(|p| {
                let wait = p.waiting_days.map(i64::from).unwrap_or_default();
                (
                    p.id.clone(),
                    format!(
                        "{} · {}",
                        p.name,
                        tr.t_with("network-waiting-days", &[("days", Arg::from(wait))])
                    ),
                )
            })
            .collect();
        booking.about = match gap.waiting_days {
            Some(days) => tr.t_with(
                "network-item-about",
                &[
                    ("date", Arg::from(tr.date(gap.date).as_str())),
                    ("language", Arg::from(language.as_str())),
                    ("days", Arg::from(i64::from(days))),
                ],
            ),
            None => tr.t_with(
                "network-item-no-interpreter",
                &[
                    ("date", Arg::from(tr.date(gap.date).as_str())),
                    ("language", Arg::from(language.as_str())),
                ],
            ),
        };
    }
    Ok(shown)
}
