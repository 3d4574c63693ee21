//! Recording events through the API: `POST /api/v1/records` takes timeline records (FORMAT.md
//! §2) — a contact, an activity started, extended or ended, a leaving, a follow-up, an intake, an
//! assignment, a referral with its person, a correction (`void`) — checks each against the
//! policy, then writes them exactly as an import would: all or nothing, every bad record named,
//! one audit row per record in the same transaction. Whatever a page records, a system can
//! record here.
//!
//! The policy decides per record, on the enrolment it belongs to (found in the database, or in
//! the same request when the request refers the person): `WriteCase` for events, `Refer` for a
//! referral, `TakeOver` for a caseworker assigning an enrolment to themselves; entities other
//! than a referred person need `Import` (administrators). One record refused refuses the request.
//! Never log a record: it may carry a national id, names and notes.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::records::{Entity, Event, Record, RecordError, Target};
use jobbro_store::access::AccessStore;
use jobbro_store::audit::AuditEntry;
use jobbro_store::people::enrolment_access;
use jobbro_store::{ImportSummary, LineError, StoreError};
use serde::Deserialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(post_records))
}

/// Timeline records to write, in order (entities before the events that name them).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct RecordsRequest {
    /// Records in the timeline format (FORMAT.md §2), one JSON object each.
    #[schema(value_type = Vec<Object>)]
    records: Vec<Value>,
    /// Optional: the version of each enrolment the records were decided on (`{"E1": 17}`, the
    /// `version` `GET /participants/{id}` gives per enrolment). When one has changed since,
    /// nothing is written and the answer is 409 with the current version.
    #[serde(default)]
    versions: std::collections::BTreeMap<String, i64>,
}

impl std::fmt::Debug for RecordsRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordsRequest")
            .field("records", &self.records.len())
            .field("versions", &self.versions.len())
            .finish()
    }
}

/// The enrolment an event belongs to, as the policy needs it.
#[derive(Debug, Clone)]
struct EnrolmentFacts {
    programme: String,
    caseworker: Option<String>,
}

/// Writes timeline records, all or nothing, each allowed by the policy and audited.
#[utoipa::path(post, path = "/records", tag = "records", security(("bearer" = [])),
    request_body = RecordsRequest,
    responses(
        (status = 201, description = "Written: `{lines, added: {type: n}, skipped}` (a record already stored with the same content is skipped)", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "A record the caller may not write (the first is named in `field`: `records[i]`)", body = Object),
        (status = 400, description = "`versions` names an enrolment none of the records change (`field`: `versions.E1`)", body = Object),
        (status = 409, description = "An enrolment named in `versions` was changed since that version: `{error, field: \"versions.E1\", current}`; nothing written", body = Object),
        (status = 422, description = "Bad records, nothing written: `{errors: [{line, record_type, id, field, reason}], total}`, `line` 1 being the first record", body = Object),
    ))]
async fn post_records(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(request): Json<RecordsRequest>,
) -> Result<(StatusCode, Json<ImportSummary>), ApiError> {
    let records = parse(&request.records)?;
    let mut in_request: HashMap<String, EnrolmentFacts> = HashMap::new();
    let mut audit = Vec::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        let entry = allowed(&state, &caller, record, &mut in_request, &records)
            .await?
            .ok_or_else(|| ApiError::ForbiddenRecord(format!("records[{i}]")))?;
        audit.push(entry);
    }
    // Only the versions of enrolments these records change (and the caller may write) are
    // checked, so `versions` cannot be used to probe other enrolments.
    if let Some(other) = request.versions.keys().find(|e| {
        !audit
            .iter()
            .any(|a| a.subject_type == "enrolment" && &a.subject == *e)
    }) {
        return Err(ApiError::bad(
            &format!("versions.{other}"),
            "names no enrolment these records change",
        ));
    }
    let seen: Vec<(String, i64)> = request.versions.into_iter().collect();
    let summary =
        jobbro_store::write_records_at(state.db.as_ref(), records, &caller.ctx, audit, &seen)
            .await
            .map_err(|e| match e {
                StoreError::Invalid { errors, total } => ApiError::Invalid { errors, total },
                other => other.into(),
            })?;
    Ok((StatusCode::CREATED, Json(summary)))
}

/// Every record read as the timeline format reads it; every bad one reported.
fn parse(values: &[Value]) -> Result<Vec<Record>, ApiError> {
    let mut records = Vec::with_capacity(values.len());
    let mut errors = Vec::new();
    for (i, value) in values.iter().enumerate() {
        match Record::from_json(value) {
            Ok(r) => records.push(r),
            Err(RecordError {
                record_type,
                id,
                errors: fields,
            }) => errors.extend(fields.into_iter().map(|f| LineError {
                line: i as u64 + 1,
                record_type: record_type.clone(),
                id: id.clone(),
                field: f.field,
                reason: f.reason,
            })),
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        let total = errors.len();
        Err(ApiError::Invalid { errors, total })
    }
}

/// The audit row of a record the caller may write, or `None` when the policy refuses it.
async fn allowed(
    state: &AppState,
    caller: &ApiCaller,
    record: &Record,
    in_request: &mut HashMap<String, EnrolmentFacts>,
    all: &[Record],
) -> Result<Option<AuditEntry>, ApiError> {
    let actor = &caller.actor;
    let organisation = actor.organisation.as_str();
    let ctx = &caller.ctx;
    let importer = can(
        actor,
        Action::Import,
        &Resource::Organisation { organisation },
    )
    .allowed();
    let event = match record {
        Record::Entity(Entity::Person(p)) => {
            let referred_here = all
                .iter()
                .any(|r| matches!(r, Record::Event(Event::Referred(x)) if x.person == p.id));
            let ok = importer || referred_here;
            return Ok(ok.then(|| ctx.audit("create", "person", &p.id, None)));
        }
        Record::Entity(entity) => {
            let kind = entity.record_type().as_str();
            return Ok(importer.then(|| ctx.audit("create", kind, entity.id(), None)));
        }
        Record::Event(event) => event,
    };
    if let Event::Referred(r) = event {
        let own = state.db.programme_organisation(&r.programme).await?;
        let resource = Resource::Programme {
            organisation,
            programme: &r.programme,
        };
        let ok = own.as_deref() == Some(organisation)
            && can(actor, Action::Refer, &resource) == Decision::Allow;
        in_request.insert(
            r.id.clone(),
            EnrolmentFacts {
                programme: r.programme.clone(),
                caseworker: r.caseworker.clone(),
            },
        );
        return Ok(ok.then(|| ctx.audit("create", "enrolment", &r.id, Some(&r.programme))));
    }
    let Some(enrolment) = enrolment_named(state, event, all).await? else {
        // Names nothing stored or sent: the write reports it as a bad record.
        return Ok(Some(ctx.audit("create", "enrolment", event.id(), None)));
    };
    let facts = match in_request.get(&enrolment) {
        Some(f) => f.clone(),
        None => match enrolment_access(state.db.as_ref(), &enrolment, ctx.today()).await? {
            Some((_, a)) if a.organisation == organisation => EnrolmentFacts {
                programme: a.programme,
                caseworker: a.caseworker,
            },
            _ => return Ok(None),
        },
    };
    let resource = Resource::Enrolment {
        organisation,
        programme: &facts.programme,
        caseworker: facts.caseworker.as_deref(),
    };
    let mut ok = can(actor, Action::WriteCase, &resource) == Decision::Allow;
    if let Event::Assigned(a) = event {
        let takes_over = actor.caseworker.as_deref() == Some(a.caseworker.as_str())
            && can(actor, Action::TakeOver, &resource) == Decision::Allow;
        ok |= takes_over;
        if ok && let Some(f) = in_request.get_mut(&enrolment) {
            f.caseworker = Some(a.caseworker.clone());
        }
    }
    let mut entry = ctx.audit("create", "enrolment", &enrolment, Some(&facts.programme));
    entry.purpose = Some(event.record_type().as_str().to_owned());
    Ok(ok.then_some(entry))
}

/// The id of the enrolment an event belongs to: named, or through its activity or the record
/// it voids — looked up in this request first, then in the database.
async fn enrolment_named(
    state: &AppState,
    event: &Event,
    all: &[Record],
) -> Result<Option<String>, StoreError> {
    let in_request = |ty: &str, id: &str| {
        all.iter().find_map(|r| match r {
            Record::Event(e) if e.record_type().as_str() == ty && e.id() == id => {
                match e.target() {
                    Target::Enrolment(en) => Some(en.to_owned()),
                    Target::None => Some(e.id().to_owned()),
                    _ => None,
                }
            }
            _ => None,
        })
    };
    match event.target() {
        Target::Enrolment(e) => Ok(Some(e.to_owned())),
        Target::None => Ok(Some(event.id().to_owned())),
        Target::Activity(a) => match in_request("activity_started", a) {
            Some(e) => Ok(Some(e)),
            None => state.db.enrolment_of("activity", a).await,
        },
        Target::Record(ty, id) => match in_request(ty.as_str(), id) {
            Some(e) => Ok(Some(e)),
            None if ty.as_str() == "referred" => Ok(Some(id.to_owned())),
            None => state.db.enrolment_of(ty.as_str(), id).await,
        },
    }
}
