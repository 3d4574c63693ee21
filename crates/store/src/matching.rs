//! Matching as pages, the API and the command line use it (ISSUE 6, item 4): the ranked
//! candidates for an opening, a participant's ranked openings, and the proposals with what came of
//! them — all computed by the domain ([`jobbro_domain::matching`], [`jobbro_domain::proposal`])
//! over the timelines, profiles, openings and proposals read here.
//!
//! Candidates are the active enrolments of the programmes the caller may work in, not in a job or
//! education on the day, with a profile; profiles are read through [`read_profiles`], which
//! audits each read. Names are returned, so whoever shows them writes the audit row for the
//! programmes shown. Nothing here logs a name or a profile.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use jobbro_domain::enums::Situation;
use jobbro_domain::matching::{Ranked, Score, may_be_proposed, rank, score};
use jobbro_domain::opening::{Opening, OpeningState};
use jobbro_domain::profile::Profile;
use jobbro_domain::proposal::Outcome;
use jobbro_domain::rules::Rules;
use jobbro_domain::status::Status;
use jobbro_domain::timeline::EnrolmentTimeline;

use crate::backend::Backend;
use crate::derive::{PersonName, for_each_enrolment, programmes};
use crate::openings::{OpeningFilter, OpeningStore, StoredOpening};
use crate::profiles::{ProfileStore, read_profiles};
use crate::proposals::{ProposalStore, StoredProposal};
use crate::{Context, StoreError};

/// An active enrolment that may be proposed.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub enrolment: String,
    pub programme: String,
    pub person: String,
    pub name: PersonName,
    pub situation: Situation,
    /// The caseworker responsible on the day (for the caller's policy: who may see whom).
    pub caseworker: Option<String>,
}

/// A proposal with what came of it on the day, and (for the caller's programmes) who it names.
#[derive(Debug, Clone)]
pub struct ProposalLine {
    pub stored: StoredProposal,
    pub outcome: Outcome,
    /// The started activity's id, when it started.
    pub activity: Option<String>,
    /// `None` for an enrolment of a programme the caller does not work in.
    pub name: Option<PersonName>,
}

/// An opening's candidates and proposals.
#[derive(Debug, Clone)]
pub struct OpeningMatch {
    /// Candidates not yet proposed, best first.
    pub candidates: Vec<Ranked<Candidate>>,
    /// Active enrolments that could be proposed but have no profile yet.
    pub without_profile: usize,
    /// Every proposal for the opening, oldest first.
    pub proposals: Vec<ProposalLine>,
    pub state: OpeningState,
}

impl OpeningMatch {
    /// How many of the proposals started.
    pub fn started(&self) -> usize {
        started(&self.proposals)
    }
}

fn started(lines: &[ProposalLine]) -> usize {
    lines.iter().filter(|l| l.outcome.started()).count()
}

/// The timelines and names of the enrolments of `programme_ids`, for `each` to take.
async fn read_programmes<B: Backend>(
    db: &B,
    programme_ids: &BTreeSet<String>,
    mut each: impl FnMut(EnrolmentTimeline, PersonName),
) -> Result<(), StoreError> {
    for programme in programme_ids {
        for_each_enrolment(db, Some(programme), true, |e| {
            if let Some(t) = e.timeline {
                each(t, e.name);
            }
        })
        .await?;
    }
    Ok(())
}

/// Every programme's rules in force.
async fn rules_by_programme<B: Backend>(db: &B) -> Result<HashMap<String, Rules>, StoreError> {
    Ok(programmes(db)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p.rules.effective()))
        .collect())
}

/// The proposals `stored` with their outcomes on `on`, given the timelines read; named where
/// `may_read(programme, caseworker on the day)` allows.
fn lines(
    stored: Vec<StoredProposal>,
    timelines: &HashMap<String, (EnrolmentTimeline, PersonName)>,
    may_read: &impl Fn(&str, Option<&str>) -> bool,
    on: NaiveDate,
) -> Vec<ProposalLine> {
    stored
        .into_iter()
        .map(|s| {
            let read = timelines.get(&s.proposal.enrolment);
            let t = read.map(|(t, _)| t);
            ProposalLine {
                outcome: s.proposal.outcome(t, on),
                activity: s.proposal.started(t).map(|a| a.id.clone()),
                name: read
                    .filter(|(t, _)| may_read(&t.programme, t.caseworker_on(on)))
                    .map(|(_, n)| n.clone()),
                stored: s,
            }
        })
        .collect()
}

/// The candidates for `opening` among the enrolments of `programme_ids` that
/// `may_read(programme, caseworker)` lets through (the caller's policy: only those profiles are
/// read, only those proposals named), and every proposal for it, on `ctx`'s day.
pub async fn match_opening<B>(
    db: &B,
    stored: &StoredOpening,
    programme_ids: &[String],
    may_read: impl Fn(&str, Option<&str>) -> bool,
    ctx: &Context,
) -> Result<OpeningMatch, StoreError>
where
    B: Backend + ProfileStore + ProposalStore,
{
    let today = ctx.today();
    let opening = &stored.opening;
    let rules = rules_by_programme(db).await?;
    let proposals = db
        .proposals(&ctx.organisation, Some(&opening.id), None)
        .await?;
    let proposed: BTreeSet<&str> = proposals
        .iter()
        .map(|p| p.proposal.enrolment.as_str())
        .collect();
    let visible: BTreeSet<String> = programme_ids.iter().cloned().collect();
    let mut to_read = visible.clone();
    to_read.extend(proposals.iter().map(|p| p.programme.clone()));

    let mut pool = Vec::new();
    let mut timelines = HashMap::new();
    read_programmes(db, &to_read, |t, name| {
        if proposed.contains(t.id.as_str()) {
            timelines.insert(t.id.clone(), (t, name));
            return;
        }
        if !visible.contains(&t.programme) {
            return;
        }
        let Some(r) = rules.get(&t.programme) else {
            return;
        };
        let situation = match t.status_on(today, r) {
            Some(Status::Active { situation, .. }) => Some(situation),
            _ => None,
        };
        if let Some(situation) = situation.filter(|s| may_be_proposed(Some(*s))) {
            let candidate = Candidate {
                enrolment: t.id.clone(),
                programme: t.programme.clone(),
                person: t.person.clone(),
                caseworker: t.caseworker_on(today).map(str::to_owned),
                name,
                situation,
            };
            if may_read(&candidate.programme, candidate.caseworker.as_deref()) {
                pool.push(candidate);
            }
        }
    })
    .await?;

    let ids: Vec<String> = pool.iter().map(|c| c.enrolment.clone()).collect();
    let purpose = format!("candidates for opening {}", opening.id);
    let profiles: HashMap<String, Profile> = read_profiles(db, &ids, &purpose, ctx)
        .await?
        .into_iter()
        .map(|p| (p.enrolment, p.profile))
        .collect();
    let without_profile = pool.len() - profiles.len().min(pool.len());
    let scored: Vec<(Candidate, Score)> = pool
        .into_iter()
        .filter_map(|c| {
            let s = score(opening, profiles.get(&c.enrolment)?);
            Some((c, s))
        })
        .collect();
    let lines = lines(proposals, &timelines, &may_read, today);
    Ok(OpeningMatch {
        candidates: rank(scored, |c| c.enrolment.clone()),
        without_profile,
        state: opening.state(started(&lines)),
        proposals: lines,
    })
}

/// An opening as a participant's list shows it.
#[derive(Debug, Clone)]
pub struct OpeningForParticipant {
    pub stored: StoredOpening,
    /// The participant's proposal for it, if any.
    pub proposal: Option<ProposalLine>,
}

/// A participant's openings.
#[derive(Debug, Clone)]
pub struct EnrolmentMatch {
    /// The enrolment's situation on the day; `None` when it is not active.
    pub situation: Option<Situation>,
    /// Open openings ranked for the profile (none when the enrolment may not be proposed), and
    /// any the participant was proposed for, filled or not.
    pub openings: Vec<Ranked<OpeningForParticipant>>,
}

/// The open openings of the organisation ranked for `enrolment`'s `profile` (the enrolment is
/// in `programme`), with the enrolment's own proposals.
pub async fn match_enrolment<B>(
    db: &B,
    enrolment: &str,
    programme: &str,
    profile: &Profile,
    ctx: &Context,
) -> Result<EnrolmentMatch, StoreError>
where
    B: Backend + OpeningStore + ProposalStore,
{
    let today = ctx.today();
    let rules = rules_by_programme(db).await?;
    let filter = OpeningFilter {
        open_only: true,
        ..OpeningFilter::default()
    };
    let openings = db.openings(&ctx.organisation, &filter).await?;
    let all = db.proposals(&ctx.organisation, None, None).await?;
    let mut to_read: BTreeSet<String> = all.iter().map(|p| p.programme.clone()).collect();
    to_read.insert(programme.to_owned());
    let wanted: BTreeSet<&str> = all.iter().map(|p| p.proposal.enrolment.as_str()).collect();
    let mut timelines = HashMap::new();
    let mut situation = None;
    read_programmes(db, &to_read, |t, name| {
        if t.id == enrolment
            && let Some(Status::Active { situation: s, .. }) =
                rules.get(&t.programme).and_then(|r| t.status_on(today, r))
        {
            situation = Some(s);
        }
        if wanted.contains(t.id.as_str()) {
            timelines.insert(t.id.clone(), (t, name));
        }
    })
    .await?;
    // Only the participant's own proposals are named, and the caller may read those.
    let mut by_opening: HashMap<String, Vec<ProposalLine>> = HashMap::new();
    let own = |p: &str, _: Option<&str>| p == programme;
    for line in lines(all, &timelines, &own, today) {
        by_opening
            .entry(line.stored.proposal.opening.clone())
            .or_default()
            .push(line);
    }
    let scored: Vec<(OpeningForParticipant, Score)> = openings
        .into_iter()
        .filter_map(|stored| {
            let lines = by_opening.get(&stored.opening.id);
            let proposal = lines.and_then(|ls| {
                ls.iter()
                    .find(|l| l.stored.proposal.enrolment == enrolment)
                    .cloned()
            });
            let open = stored.opening.state(lines.map_or(0, |l| started(l))) == OpeningState::Open;
            // A filled opening is still listed for the one proposed for it; nobody in a job or
            // education is offered new ones.
            if proposal.is_none() && !(open && may_be_proposed(situation)) {
                return None;
            }
            let s = score(&stored.opening, profile);
            Some((OpeningForParticipant { stored, proposal }, s))
        })
        .collect();
    Ok(EnrolmentMatch {
        situation,
        openings: rank(scored, |o| o.stored.opening.id.clone()),
    })
}

/// How many have started in each opening of `ctx`'s organisation (by opening id; none: not
/// listed), as known on `ctx`'s day. Names nobody.
pub async fn started_counts<B>(db: &B, ctx: &Context) -> Result<HashMap<String, usize>, StoreError>
where
    B: Backend + ProposalStore,
{
    let all = db.proposals(&ctx.organisation, None, None).await?;
    let to_read: BTreeSet<String> = all.iter().map(|p| p.programme.clone()).collect();
    let wanted: BTreeSet<&str> = all.iter().map(|p| p.proposal.enrolment.as_str()).collect();
    let mut timelines = HashMap::new();
    read_programmes(db, &to_read, |t, name| {
        if wanted.contains(t.id.as_str()) {
            timelines.insert(t.id.clone(), (t, name));
        }
    })
    .await?;
    let mut counts = HashMap::new();
    for line in lines(
        all,
        &timelines,
        &|_: &str, _: Option<&str>| false,
        ctx.today(),
    ) {
        if line.outcome.started() {
            *counts.entry(line.stored.proposal.opening).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// Whether `opening` can take one more start, given its proposals' outcomes.
pub fn can_start(opening: &Opening, proposals: &[ProposalLine]) -> bool {
    opening.state(started(proposals)) == OpeningState::Open
}

/// Why a proposal cannot start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartRefusal {
    /// No such proposal for this opening.
    NotFound,
    Declined,
    AlreadyStarted,
    /// As many have started as the opening has places, or it was closed.
    NotOpen,
}

/// Starts proposal `proposal` for `stored`'s opening on `date`: writes the timeline's
/// `activity_started` ([`Opening::start`]) with `audit`, all or nothing, after checking that
/// the proposal is neither declined nor started and the opening still has a place. The timeline's
/// own checks (an enrolment that has ended, a start before the referral) refuse as any record's.
pub async fn start_proposal<B>(
    db: &B,
    stored: &StoredOpening,
    proposal: &str,
    date: NaiveDate,
    ctx: &Context,
    audit: Vec<crate::audit::AuditEntry>,
) -> Result<Result<crate::ImportSummary, StartRefusal>, StoreError>
where
    B: Backend + ProposalStore,
{
    let opening = &stored.opening;
    let proposals = db
        .proposals(&ctx.organisation, Some(&opening.id), None)
        .await?;
    let to_read: BTreeSet<String> = proposals.iter().map(|p| p.programme.clone()).collect();
    let wanted: BTreeSet<&str> = proposals
        .iter()
        .map(|p| p.proposal.enrolment.as_str())
        .collect();
    let mut timelines = HashMap::new();
    read_programmes(db, &to_read, |t, name| {
        if wanted.contains(t.id.as_str()) {
            timelines.insert(t.id.clone(), (t, name));
        }
    })
    .await?;
    // Outcomes as of the start day and of today: a start dated ahead must see today's starts too.
    let on = date.max(ctx.today());
    let lines = lines(proposals, &timelines, &|_: &str, _: Option<&str>| false, on);
    let Some(line) = lines.iter().find(|l| l.stored.proposal.id == proposal) else {
        return Ok(Err(StartRefusal::NotFound));
    };
    if line.outcome.started() {
        return Ok(Err(StartRefusal::AlreadyStarted));
    }
    if line.outcome == Outcome::Declined {
        return Ok(Err(StartRefusal::Declined));
    }
    if !can_start(opening, &lines) {
        return Ok(Err(StartRefusal::NotOpen));
    }
    let p = &line.stored.proposal;
    let record = opening.start(&p.activity_id(date), &p.enrolment, date);
    let record = match jobbro_domain::records::parse_line(&record.to_string()) {
        Ok(Some(r)) => r,
        Ok(None) => return Err(bad_start("the start record is empty")),
        Err(e) => return Err(bad_start(&format!("{e:?}"))),
    };
    Ok(Ok(crate::write_records(db, vec![record], ctx, audit).await?))
}

fn bad_start(reason: &str) -> StoreError {
    StoreError::BadInput {
        field: "opening".into(),
        reason: reason.to_owned(),
    }
}

/// The matching report of `programme` on `as_of` (the proposals of its enrolments in
/// `organisation`, by what came of them). Names nobody.
pub async fn matching_report<B>(
    db: &B,
    organisation: &str,
    programme: &str,
    as_of: NaiveDate,
) -> Result<jobbro_domain::proposal::MatchingReport, StoreError>
where
    B: Backend + ProposalStore,
{
    let mine: Vec<StoredProposal> = db
        .proposals(organisation, None, None)
        .await?
        .into_iter()
        .filter(|p| p.programme == programme)
        .collect();
    let mut timelines = HashMap::new();
    read_programmes(db, &BTreeSet::from([programme.to_owned()]), |t, _| {
        timelines.insert(t.id.clone(), t);
    })
    .await?;
    let outcomes: Vec<(&jobbro_domain::proposal::Proposal, Outcome)> = mine
        .iter()
        .map(|s| {
            let t = timelines.get(&s.proposal.enrolment);
            (&s.proposal, s.proposal.outcome(t, as_of))
        })
        .collect();
    Ok(jobbro_domain::proposal::MatchingReport::of(
        programme, as_of, &outcomes,
    ))
}

/// Proposes `enrolment` (of `programme`) for `stored`'s opening with the score its profile gives
/// now (the profile read audited), as proposal `id`, by `ctx`'s actor, with its audit row — one
/// rule for the pages, the API and the command line.
pub async fn propose<B>(
    db: &B,
    stored: &StoredOpening,
    enrolment: &str,
    programme: &str,
    id: String,
    ctx: &Context,
) -> Result<StoredProposal, crate::proposals::ProposalError>
where
    B: Backend + ProfileStore + ProposalStore,
{
    let opening = &stored.opening;
    let purpose = format!("proposal for opening {}", opening.id);
    let profile = crate::profiles::read_profile(db, enrolment, &purpose, ctx)
        .await?
        .map(|p| p.profile)
        .unwrap_or_default();
    let proposal = jobbro_domain::proposal::Proposal {
        id,
        opening: opening.id.clone(),
        enrolment: enrolment.to_owned(),
        proposed_on: ctx.today(),
        score_tenths: score(opening, &profile).tenths,
        declined_on: None,
    };
    let mut entry = ctx.audit("create", "enrolment", enrolment, Some(programme));
    entry.purpose = Some(purpose);
    db.propose(&proposal, &ctx.organisation, &ctx.actor, &[entry])
        .await
}

/// Declines `stored` today if it is still at `version`, with its audit row.
pub async fn decline<B>(
    db: &B,
    stored: &StoredProposal,
    version: i64,
    ctx: &Context,
) -> Result<StoredProposal, crate::proposals::ProposalError>
where
    B: ProposalStore,
{
    let p = &stored.proposal;
    let declined = jobbro_domain::proposal::Proposal {
        declined_on: Some(ctx.today()),
        ..p.clone()
    };
    let mut entry = ctx.audit("update", "enrolment", &p.enrolment, Some(&stored.programme));
    entry.purpose = Some(format!("declined for opening {}", p.opening));
    db.update(&declined, &ctx.organisation, version, &[entry])
        .await
}

/// The audit row of starting `stored` in `opening`.
pub fn start_audit(stored: &StoredProposal, ctx: &Context) -> crate::audit::AuditEntry {
    let p = &stored.proposal;
    let mut entry = ctx.audit("create", "enrolment", &p.enrolment, Some(&stored.programme));
    entry.purpose = Some(format!("started in opening {}", p.opening));
    entry
}
