//! Matching in the pages (ISSUE 6, item 4): a score shown with its explanation — every factor,
//! its weight, how much of it fits and why, in the reader's language — on the candidate list of
//! an opening and on a participant's list of openings.

mod explain;
pub(crate) mod view;

pub(crate) use explain::{Explained, explain};
