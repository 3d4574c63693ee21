//! `jobbro match …`: matching from the command line — an opening's ranked candidates, a
//! participant's ranked openings, each score with its factors (docs/MATCHING.md); proposing,
//! starting (the timeline's activity at the company) and declining; and the programme's matching
//! report. The operator sees every programme of the organisation; reads that name people and
//! every write are audited as `cli:<system user>`.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use jobbro_store::access::AccessStore;
use jobbro_store::matching::{
    StartRefusal, decline, match_enrolment, match_opening, matching_report, propose, start_audit,
    start_proposal,
};
use jobbro_store::openings::{OpeningStore, StoredOpening};
use jobbro_store::people::enrolment_access;
use jobbro_store::profiles::read_profile;
use jobbro_store::proposals::{ProposalError, ProposalStore};
use jobbro_store::{Context, Database, StoreError};
use serde_json::json;

use crate::BadInput;
use crate::output::write_json;

#[derive(Debug, Subcommand)]
pub enum MatchCommand {
    /// An opening's candidates, best first, each score explained, and its proposals (JSON)
    Opening {
        /// The opening's id
        id: String,
    },
    /// A participant's open openings ranked for their profile, and their proposals (JSON)
    Enrolment {
        /// The enrolment's id
        id: String,
    },
    /// Propose a participant for an opening, with the score they have now
    Propose {
        #[arg(long)]
        opening: String,
        #[arg(long)]
        enrolment: String,
    },
    /// Start a proposal: write the timeline's activity at the opening's company
    Start {
        /// The proposal's id
        id: String,
        /// The first day in the place (YYYY-MM-DD)
        #[arg(long)]
        date: String,
    },
    /// Decline (or withdraw) a proposal
    Decline {
        /// The proposal's id
        id: String,
        /// Refuse if the proposal is no longer at this version (default: whatever it is)
        #[arg(long)]
        if_version: Option<i64>,
    },
    /// What came of a programme's proposals by a day, in all and by score (JSON)
    Report {
        #[arg(long)]
        programme: String,
        /// The day (YYYY-MM-DD; default today)
        #[arg(long)]
        as_of: Option<String>,
    },
}

fn bad(text: impl Into<String>) -> anyhow::Error {
    BadInput(format!("jobbro: {}", text.into())).into()
}

fn day(text: &str, flag: &str) -> Result<NaiveDate> {
    text.trim()
        .parse()
        .map_err(|_| bad(format!("{flag}: must be a date (YYYY-MM-DD)")))
}

async fn opening(db: &Database, ctx: &Context, id: &str) -> Result<StoredOpening> {
    db.opening(id, &ctx.organisation)
        .await?
        .ok_or_else(|| bad(format!("no opening with id {id}")))
}

/// The programme of enrolment `id` in the operator's organisation.
async fn programme_of(db: &Database, ctx: &Context, id: &str) -> Result<String> {
    enrolment_access(db, id, ctx.today())
        .await?
        .map(|(_, a)| a)
        .filter(|a| a.organisation == ctx.organisation)
        .map(|a| a.programme)
        .ok_or_else(|| bad(format!("no enrolment with id {id}")))
}

pub async fn matching(db: &Database, ctx: &Context, command: &MatchCommand) -> Result<()> {
    let out = std::io::stdout().lock();
    match command {
        MatchCommand::Opening { id } => {
            let stored = opening(db, ctx, id).await?;
            let programmes = db.programmes_of(&ctx.organisation).await?;
            let m = match_opening(db, &stored, &programmes, |_, _| true, ctx).await?;
            let audit: Vec<_> = programmes
                .iter()
                .map(|p| {
                    let mut e = ctx.audit("read", "programme", p, Some(p));
                    e.purpose = Some(format!("candidates for opening {id}"));
                    e
                })
                .collect();
            db.append_audit(&audit).await?;
            let candidates: Vec<_> = m
                .candidates
                .iter()
                .map(|r| {
                    json!({
                        "rank": r.rank, "enrolment": r.item.enrolment,
                        "programme": r.item.programme, "person": r.item.person,
                        "given_name": r.item.name.given_name,
                        "family_name": r.item.name.family_name,
                        "situation": r.item.situation, "score": r.score,
                    })
                })
                .collect();
            let proposals: Vec<_> = m
                .proposals
                .iter()
                .map(|l| {
                    json!({
                        "proposal": l.stored.proposal, "version": l.stored.version,
                        "outcome": l.outcome, "activity": l.activity,
                    })
                })
                .collect();
            let answer = json!({
                "opening": id, "state": m.state, "started": m.started(),
                "without_profile": m.without_profile,
                "candidates": candidates, "proposals": proposals,
            });
            write_json(&answer, out)?;
        }
        MatchCommand::Enrolment { id } => {
            let programme = programme_of(db, ctx, id).await?;
            let profile = read_profile(db, id, "openings for the participant", ctx)
                .await?
                .map(|p| p.profile)
                .unwrap_or_default();
            let m = match_enrolment(db, id, &programme, &profile, ctx).await?;
            let openings: Vec<_> = m
                .openings
                .iter()
                .map(|r| {
                    json!({
                        "rank": r.rank, "opening": r.item.stored.opening, "score": r.score,
                        "proposal": r.item.proposal.as_ref().map(|l| json!({
                            "id": l.stored.proposal.id, "outcome": l.outcome,
                        })),
                    })
                })
                .collect();
            let answer = json!({"enrolment": id, "situation": m.situation, "openings": openings});
            write_json(&answer, out)?;
        }
        MatchCommand::Propose {
            opening: o,
            enrolment,
        } => {
            let stored = opening(db, ctx, o).await?;
            let programme = programme_of(db, ctx, enrolment).await?;
            let id = format!("cli-{}", ctx.now.format("%Y%m%d%H%M%S%9f"));
            let saved = match propose(db, &stored, enrolment, &programme, id, ctx).await {
                Ok(saved) => saved,
                Err(ProposalError::AlreadyProposed) => {
                    return Err(bad("this participant is already proposed for this opening"));
                }
                Err(e) => return Err(e.into()),
            };
            write_json(
                &json!({"proposal": saved.proposal, "version": saved.version}),
                out,
            )?;
        }
        MatchCommand::Start { id, date } => {
            let date = day(date, "--date")?;
            let p = db
                .proposal(id, &ctx.organisation)
                .await?
                .ok_or_else(|| bad(format!("no proposal with id {id}")))?;
            let stored = opening(db, ctx, &p.proposal.opening).await?;
            let audit = vec![start_audit(&p, ctx)];
            match start_proposal(db, &stored, id, date, ctx, audit).await {
                Ok(Ok(_)) => write_json(
                    &json!({"enrolment": p.proposal.enrolment, "activity": p.proposal.activity_id(date)}),
                    out,
                )?,
                Ok(Err(refusal)) => {
                    return Err(bad(match refusal {
                        StartRefusal::NotFound => "no such proposal for this opening",
                        StartRefusal::Declined => "the proposal was declined",
                        StartRefusal::AlreadyStarted => "the proposal has started already",
                        StartRefusal::NotOpen => "the opening has no place left (filled or closed)",
                    }));
                }
                Err(StoreError::Invalid { errors, .. }) => {
                    let reasons: Vec<String> = errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.reason))
                        .collect();
                    return Err(bad(format!(
                        "the timeline refuses the start: {}",
                        reasons.join("; ")
                    )));
                }
                Err(e) => return Err(e.into()),
            }
        }
        MatchCommand::Decline { id, if_version } => {
            let p = db
                .proposal(id, &ctx.organisation)
                .await?
                .ok_or_else(|| bad(format!("no proposal with id {id}")))?;
            let version = if_version.unwrap_or(p.version);
            match decline(db, &p, version, ctx).await {
                Ok(saved) => write_json(
                    &json!({"proposal": saved.proposal, "version": saved.version}),
                    out,
                )?,
                Err(ProposalError::Stale) => {
                    return Err(bad(format!(
                        "--if-version: the proposal is at version {}, not {version}; nothing written",
                        p.version
                    )));
                }
                Err(e) => return Err(e.into()),
            }
        }
        MatchCommand::Report { programme, as_of } => {
            let as_of = match as_of {
                Some(d) => day(d, "--as-of")?,
                None => ctx.today(),
            };
            if db.programme_organisation(programme).await?.as_deref() != Some(&ctx.organisation) {
                return Err(bad(format!(
                    "--programme: no programme with id {programme}"
                )));
            }
            let report = matching_report(db, &ctx.organisation, programme, as_of).await?;
            write_json(&report, out)?;
        }
    }
    Ok(())
}
