//! Referring someone, once for the page and the API: check the form, look for likely duplicates
//! (unless an existing person was picked or a new one confirmed), and write the `person` and
//! `referred` records with their audit rows in one `write_records` call — all or nothing.
//!
//! The programmes offered and accepted are those the policy lets the caller `Refer` into. The
//! candidates of a duplicate warning are personal data: their audit rows are written before they
//! are returned.

use jobbro_domain::access::{Action, Actor, Resource, can};
use jobbro_domain::records::{Programme, Record, RecordError};
use jobbro_store::access::AccessStore;
use jobbro_store::referrals::{Candidate, Referee, likely_duplicates, referable_person};
use jobbro_store::{Context, StoreError};
use serde_json::{Value, json};

use super::form::{ReferralForm, check_person, check_referral};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::enrolment_actions::{FieldMessage, message};
use crate::pages::forms::new_record_id;

/// What came of a referral.
pub(crate) enum Outcome {
    Referred {
        enrolment: String,
        person: String,
        programme: String,
        caseworker: Option<String>,
    },
    /// Nothing written: these people are probably the one being referred.
    Duplicates(Vec<Candidate>),
    /// Nothing written: a message by each wrong field.
    Refused(Vec<FieldMessage>),
}

/// The programmes of the caller's organisation the policy lets them refer into.
pub(crate) async fn referable_programmes(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<Programme>, StoreError> {
    let ours = state.db.programmes_of(&actor.organisation).await?;
    Ok(jobbro_store::programmes(state.db.as_ref())
        .await?
        .into_iter()
        .filter(|p| ours.contains(&p.id))
        .filter(|p| {
            let resource = Resource::Programme {
                organisation: &actor.organisation,
                programme: &p.id,
            };
            can(actor, Action::Refer, &resource).allowed()
        })
        .collect())
}

/// A record refused by the format's or the timeline's rules: the rule's reason (it names the
/// problem exactly, never a value), introduced in the user's language.
fn invalid(tr: &Tr, field: &str, reason: &str) -> FieldMessage {
    FieldMessage {
        field: field.to_owned(),
        message: tr.t_with("referral-error-invalid", &[("reason", Arg::from(reason))]),
    }
}

fn parsed(tr: &Tr, value: &Value, errors: &mut Vec<FieldMessage>) -> Option<Record> {
    match Record::from_json(value) {
        Ok(r) => Some(r),
        Err(RecordError { errors: found, .. }) => {
            errors.extend(found.iter().map(|e| invalid(tr, &e.field, &e.reason)));
            None
        }
    }
}

/// Refers the person the form describes (or picks) into its programme.
pub(crate) async fn refer(
    state: &AppState,
    actor: &Actor,
    ctx: &Context,
    tr: &Tr,
    form: &ReferralForm,
) -> Result<Outcome, StoreError> {
    let today = ctx.today();
    let db = state.db.as_ref();
    let ours = db.programmes_of(&actor.organisation).await?;
    let mut errors = Vec::new();
    let allowed = referable_programmes(state, actor).await?;
    if !allowed.iter().any(|p| p.id == form.programme) {
        errors.push(message(tr, "programme", "referral-error-programme"));
    }
    let date = check_referral(tr, form, today, &mut errors);
    let existing = form.existing_person();
    let new_person = match existing {
        Some(person) => {
            if !referable_person(db, person, &ours).await? {
                errors.push(message(tr, "person", "referral-error-person"));
            }
            None
        }
        None => Some(check_person(tr, form, today, &mut errors)),
    };
    if !errors.is_empty() {
        return Ok(Outcome::Refused(errors));
    }
    if let Some(new) = &new_person
        && !form.confirmed_new()
    {
        let who = Referee {
            national_id: new.national_id.as_ref(),
            given_name: &form.given_name,
            family_name: &form.family_name,
            birth_date: new.birth_date,
        };
        let candidates = likely_duplicates(db, &who, &ours).await?;
        if !candidates.is_empty() {
            let audit: Vec<_> = candidates
                .iter()
                .map(|c| {
                    let mut entry = ctx.audit("read", "person", &c.person, Some(&form.programme));
                    entry.purpose = Some("likely duplicate at referral".into());
                    entry
                })
                .collect();
            // Recorded before anything is shown: no audit row, no candidates.
            db.append_audit(&audit).await?;
            return Ok(Outcome::Duplicates(candidates));
        }
    }
    let person = existing.map_or_else(new_record_id, str::to_owned);
    let enrolment = new_record_id();
    let mut values = Vec::new();
    if let Some(new) = new_person {
        let mut record = new.record;
        record.insert("type".into(), json!("person"));
        record.insert("id".into(), json!(person));
        values.push(Value::Object(record));
    }
    let caseworker = Some(form.caseworker.trim().to_owned()).filter(|c| !c.is_empty());
    let mut referred = json!({
        "type": "referred", "id": enrolment, "programme": form.programme, "person": person,
        "date": date.map(|d| d.to_string()),
    });
    if let Some(obj) = referred.as_object_mut() {
        if let Some(cw) = &caseworker {
            obj.insert("caseworker".into(), json!(cw));
        }
        if !form.referrer.trim().is_empty() {
            obj.insert("referrer".into(), json!(form.referrer.trim()));
        }
    }
    values.push(referred);
    let records: Vec<Record> = values
        .iter()
        .filter_map(|v| parsed(tr, v, &mut errors))
        .collect();
    if !errors.is_empty() {
        return Ok(Outcome::Refused(errors));
    }
    let mut audit = Vec::new();
    if existing.is_none() {
        let mut entry = ctx.audit("create", "person", &person, Some(&form.programme));
        entry.purpose = Some("referral".into());
        audit.push(entry);
    }
    let mut entry = ctx.audit("create", "enrolment", &enrolment, Some(&form.programme));
    entry.purpose = Some("referred".into());
    audit.push(entry);
    match jobbro_store::write_records(db, records, ctx, audit).await {
        Ok(_) => Ok(Outcome::Referred {
            enrolment,
            person,
            programme: form.programme.clone(),
            caseworker,
        }),
        Err(StoreError::Invalid {
            errors: refused, ..
        }) => Ok(Outcome::Refused(
            refused
                .iter()
                .map(|e| invalid(tr, &e.field, &e.reason))
                .collect(),
        )),
        Err(other) => Err(other),
    }
}
