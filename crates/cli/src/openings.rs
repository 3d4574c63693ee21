//! `jobbro opening add|list|close`: openings at companies from the command line, read by the
//! domain's one reading of an opening (`OpeningDraft`) like the pages and the API, so a wrong
//! field is refused with the same words — every one named on stderr by its flag, exit status 2,
//! nothing written. Writes are audited as `cli:<system user>`.

use anyhow::Result;
use clap::Subcommand;
use jobbro_domain::opening::OpeningDraft;
use jobbro_store::matching::started_counts;
use jobbro_store::openings::{OpeningFilter, OpeningStore, StoredOpening};
use jobbro_store::{Context, Database, StoreError};

use crate::output::write_json;
use crate::{BadInput, ListFormat};

#[derive(Debug, Subcommand)]
pub enum OpeningCommand {
    /// Add an opening at a company (printed as JSON, with its id)
    Add(Box<AddArgs>),
    /// The organisation's openings, by start date
    List {
        /// Only this company's
        #[arg(long)]
        company: Option<String>,
        /// Only those that can still take someone (not closed, not filled)
        #[arg(long)]
        open: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
    },
    /// Close an opening (withdrawn, or filled outside jobbro)
    Close {
        /// The opening's id
        id: String,
    },
}

/// The flags of `opening add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The company's id
    #[arg(long)]
    company: String,
    /// internship, paid_hours, wage_subsidy or job
    #[arg(long)]
    kind: String,
    /// An ISCO-08 unit group, four digits (5120: cooks)
    #[arg(long)]
    occupation: String,
    /// Hours a week, 1 to 48
    #[arg(long)]
    hours: String,
    /// The first day (YYYY-MM-DD)
    #[arg(long)]
    start: String,
    /// When a time-limited place ends (YYYY-MM-DD)
    #[arg(long)]
    planned_end: Option<String>,
    /// The least Danish the work needs: none, a1, a2, b1, b2, c1 or c2
    #[arg(long)]
    danish: Option<String>,
    /// How many places (default 1)
    #[arg(long)]
    places: Option<String>,
    /// Where the work is
    #[arg(long)]
    area: Option<String>,
    /// The work needs a driving licence
    #[arg(long)]
    driving_licence: bool,
    /// The company's own title for the place
    #[arg(long)]
    title: Option<String>,
}

/// The flag a field of an opening is given with.
fn flag(field: &str) -> &str {
    match field {
        "hours_per_week" => "--hours",
        "danish_level" => "--danish",
        "planned_end" => "--planned-end",
        "driving_licence" => "--driving-licence",
        "kind" => "--kind",
        "occupation" => "--occupation",
        "start" => "--start",
        "places" => "--places",
        "area" => "--area",
        "title" => "--title",
        _ => "--company",
    }
}

/// The store's refusals that are the user's to fix, named for `command`.
fn refused(command: &str, e: StoreError) -> anyhow::Error {
    match e {
        StoreError::UnknownCompany(id) => BadInput(format!(
            "jobbro {command}: --company: no company with id {id}"
        ))
        .into(),
        StoreError::UnknownOpening(id) => {
            BadInput(format!("jobbro {command}: no opening with id {id}")).into()
        }
        StoreError::BadInput { field, reason } => {
            BadInput(format!("jobbro {command}: {}: {reason}", flag(&field))).into()
        }
        other => crate::commands::user_error(other),
    }
}

/// One opening as printed: the stored opening with its state.
fn shown(stored: &StoredOpening, started: usize) -> serde_json::Value {
    let mut value = serde_json::to_value(stored).unwrap_or_default();
    value["state"] = stored.opening.state(started).as_str().into();
    value
}

pub async fn opening(db: &Database, ctx: &Context, command: &OpeningCommand) -> Result<()> {
    match command {
        OpeningCommand::Add(args) => {
            let AddArgs {
                company,
                kind,
                occupation,
                hours,
                start,
                planned_end,
                danish,
                places,
                area,
                driving_licence,
                title,
            } = args.as_ref();
            let draft = OpeningDraft {
                kind: kind.clone(),
                occupation: occupation.clone(),
                title: title.clone().unwrap_or_default(),
                hours_per_week: hours.clone(),
                start: start.clone(),
                planned_end: planned_end.clone().unwrap_or_default(),
                danish_level: danish.clone().unwrap_or_default(),
                driving_licence: *driving_licence,
                area: area.clone().unwrap_or_default(),
                places: places.clone().unwrap_or_default(),
            };
            let id = format!(
                "cli-{}-{}",
                ctx.now.format("%Y%m%d%H%M%S%6f"),
                std::process::id()
            );
            let opening = draft.opening(&id, company).map_err(|errors| {
                let lines: Vec<String> = errors
                    .iter()
                    .map(|e| format!("jobbro opening add: {}: {}", flag(&e.field), e.reason))
                    .collect();
                BadInput(format!(
                    "{}\njobbro opening add: {} wrong field(s); nothing was written",
                    lines.join("\n"),
                    errors.len()
                ))
            })?;
            let stored = db
                .add_opening(&opening, ctx)
                .await
                .map_err(|e| refused("opening add", e))?;
            write_json(&shown(&stored, 0), std::io::stdout().lock())?;
        }
        OpeningCommand::List {
            company,
            open,
            format,
        } => {
            let filter = OpeningFilter {
                company: company.clone(),
                open_only: *open,
                ..OpeningFilter::default()
            };
            let list = db
                .openings(&ctx.organisation, &filter)
                .await
                .map_err(crate::commands::user_error)?;
            let started = started_counts(db, ctx)
                .await
                .map_err(crate::commands::user_error)?;
            let rows: Vec<serde_json::Value> = list
                .iter()
                .map(|s| shown(s, started.get(&s.opening.id).copied().unwrap_or_default()))
                .filter(|v| !*open || v["state"] == "open")
                .collect();
            match format {
                ListFormat::Json => write_json(&rows, std::io::stdout().lock())?,
                ListFormat::Csv => write_csv(&rows)?,
            }
        }
        OpeningCommand::Close { id } => {
            let stored = db
                .set_opening_closed(id, true, ctx)
                .await
                .map_err(|e| refused("opening close", e))?;
            eprintln!(
                "closed opening {} (version {})",
                stored.opening.id, stored.version
            );
        }
    }
    Ok(())
}

/// The columns of `opening list --format csv`.
const COLUMNS: [&str; 15] = [
    "id",
    "company",
    "kind",
    "occupation",
    "title",
    "hours_per_week",
    "start",
    "planned_end",
    "danish_level",
    "driving_licence",
    "area",
    "places",
    "closed",
    "state",
    "version",
];

fn write_csv(rows: &[serde_json::Value]) -> Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    w.write_record(COLUMNS)?;
    for row in rows {
        w.write_record(COLUMNS.iter().map(|c| match &row[*c] {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }))?;
    }
    w.flush()?;
    Ok(())
}
