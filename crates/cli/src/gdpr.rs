//! The data-protection commands: `jobbro person export ID` (everything held about one person,
//! for their right of access) and `jobbro retention run` (anonymise the people whose enrolments
//! all ended more than N years ago).
//!
//! The person export is the only output here with personal data (the person's own, national id
//! included); it goes to stdout or `--out`, never to a log. The retention summary names people by
//! id only.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use jobbro_store::person_data::DEFAULT_RETENTION_YEARS;
use jobbro_store::{Context, Database, StoreError};

use crate::BadInput;
use crate::output::open_out;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Everything held about one person as one JSON document (GDPR Art. 15): the record with the
    /// national id, every enrolment with its events, and every recorded access; audited
    Export {
        /// The person's id
        id: String,
        /// Write here instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Anonymise every person whose enrolments all ended more than --years years ago: names,
    /// national id, contact details and free text go; codes, dates and report attributes stay
    Run {
        /// Years after leaving that a person's identity is kept
        #[arg(long, env = "JOBBRO_RETENTION_YEARS", default_value_t = DEFAULT_RETENTION_YEARS,
              value_parser = clap::value_parser!(u32).range(1..=100))]
        years: u32,
        /// Report who would be anonymised, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// Store errors that are the user's to fix become exit status 2.
fn user_error(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::UnknownPerson(id) => BadInput(format!("jobbro: no person with id {id}")).into(),
        StoreError::BadInput { field, reason } => {
            BadInput(format!("jobbro: --{field} {reason}")).into()
        }
        other => anyhow::Error::new(other),
    }
}

pub async fn person(db: &Database, ctx: &Context, command: &PersonCommand) -> Result<()> {
    match command {
        PersonCommand::Export { id, out } => {
            let export = jobbro_store::export_person(db, id, ctx)
                .await
                .map_err(user_error)?;
            let mut writer = open_out(out.as_deref())?;
            serde_json::to_writer_pretty(&mut writer, &export)?;
            writeln!(writer)?;
            writer.flush()?;
            if out.is_some() {
                eprintln!(
                    "exported person {id}: {} enrolment(s), {} audit row(s)",
                    export.enrolments.len(),
                    export.audit.len()
                );
            }
        }
    }
    Ok(())
}

pub async fn retention(db: &Database, ctx: &Context, command: &RetentionCommand) -> Result<()> {
    match command {
        RetentionCommand::Run { years, dry_run } => {
            let s = jobbro_store::run_retention(db, *years, *dry_run, ctx)
                .await
                .map_err(user_error)?;
            let verb = if s.dry_run {
                "would anonymise"
            } else {
                "anonymised"
            };
            println!(
                "retention ({years} year(s): enrolments that left before {}): {verb} {} person(s), {} enrolment(s), {} event record(s), {} profile(s) for matching deleted; kept {} person(s) with an enrolment not yet due; {} already anonymised",
                s.cutoff,
                s.anonymised.len(),
                s.enrolments,
                s.events_rewritten,
                s.profiles_deleted,
                s.kept_for_another_enrolment,
                s.already_anonymised
            );
            if s.dry_run {
                for id in &s.anonymised {
                    println!("  {id}");
                }
                println!("dry run: nothing was written");
            }
        }
    }
    Ok(())
}
