//! What every form of the pages has in common: the CSRF check a state-changing form must pass,
//! where a form may send the browser back to, the ids of records made in jobbro, and turning the
//! store's refusal of a record into messages for the form's fields.

use axum::http::{HeaderMap, Uri};
use jobbro_store::{LineError, StoreError};
use rand::RngCore;

use crate::AppState;
use crate::session::{PageError, SessionCaller, is_cross_site};

/// Refuses a state-changing form that is not this session's own: a missing or wrong CSRF token,
/// or a request another site made the browser send.
pub fn check_form(
    caller: &SessionCaller,
    csrf: Option<&str>,
    headers: &HeaderMap,
    uri: &Uri,
    state: &AppState,
) -> Result<(), PageError> {
    if is_cross_site(headers, uri, &state.config) || !caller.csrf_matches(csrf) {
        return Err(PageError::Forbidden("the form is not from this session"));
    }
    Ok(())
}

/// A path on this site to send the browser back to: `/…` but not `//…` (another host).
pub fn local_path(path: &str) -> Option<&str> {
    let ok = path.starts_with('/') && !path.starts_with("//") && !path.contains('\\');
    ok.then_some(path)
}

/// A fresh id for a record made in jobbro: `web-` and 16 random hex digits.
pub fn new_record_id() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("web-{}", hex::encode(bytes))
}

/// The field errors of a refused record, or the error itself when it was not a refusal.
pub fn refusal(e: StoreError) -> Result<Vec<LineError>, PageError> {
    match e {
        StoreError::Invalid { errors, .. } => Ok(errors),
        other => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_gone_back_to() {
        assert_eq!(local_path("/participants/p-1"), Some("/participants/p-1"));
        assert_eq!(local_path("//evil.example/x"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil.example"), None);
    }

    #[test]
    fn record_ids_are_fresh_and_well_formed() {
        let a = new_record_id();
        assert!(a.starts_with("web-") && a.len() == 20);
        assert_ne!(a, new_record_id());
        assert!(jobbro_domain::records::check_id(&a).is_ok());
    }
}
