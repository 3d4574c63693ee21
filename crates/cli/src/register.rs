//! The company register from the command line: `jobbro company add` (the same check and write as
//! the web's form: a wrong CVR number is refused by its flag, one already registered names the
//! company that has it), `jobbro bottlenecks list|add|remove` (the organisation's bottleneck
//! sectors per municipality) and `jobbro occupations` (the ISCO-08 unit groups, searched as the
//! forms search them). Acts for `--organisation`, as the operator; audited like the web's writes.
//! Prints no notes and no personal data.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use jobbro_domain::bottleneck::BottleneckSector;
use jobbro_domain::company_register::{CompanyDetails, CompanyDraft};
use jobbro_domain::occupation::search;
use jobbro_domain::records::FieldError;
use jobbro_store::companies::{
    Added, RegisterStore, add_bottleneck_lines, register_company, remove_bottleneck_line,
};
use jobbro_store::{Context, Database};

use crate::output::open_out;
use crate::{BadInput, ListFormat};

#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Add a company to the register (a `company` timeline record, id `cvr-<number>` or from the
    /// name), with the organisation's municipality for it
    Add {
        #[arg(long)]
        name: String,
        /// 8 digits, modulus-11 checked
        #[arg(long)]
        cvr: Option<String>,
        /// A DB07 section letter or code (`I`, `56.10`), or free text
        #[arg(long)]
        sector: Option<String>,
        /// YYYY-MM-DD
        #[arg(long)]
        partner_since: Option<String>,
        /// The company has the social-responsibility diploma
        #[arg(long)]
        diploma: bool,
        /// The municipality the company is in
        #[arg(long)]
        area: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BottleneckCommand {
    /// The organisation's bottleneck sectors per municipality, with their ids
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add a bottleneck sector for a municipality
    Add {
        #[arg(long)]
        municipality: String,
        /// A DB07 section letter, A to U
        #[arg(long)]
        section: String,
        /// The first day it is in force (YYYY-MM-DD); none: always
        #[arg(long)]
        from: Option<String>,
        /// The last day it is in force (YYYY-MM-DD); none: until further notice
        #[arg(long)]
        to: Option<String>,
    },
    /// Remove a line of the list, by its id (`jobbro bottlenecks list` shows them)
    Remove { id: String },
}

/// The language of occupation labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LabelLang {
    Da,
    Sv,
    En,
}

impl LabelLang {
    fn code(self) -> &'static str {
        match self {
            LabelLang::Da => "da",
            LabelLang::Sv => "sv",
            LabelLang::En => "en",
        }
    }
}

/// Every problem of a refused input, as `jobbro <what>: --<flag> <reason>` lines.
fn refused(what: &str, errors: impl IntoIterator<Item = FieldError>) -> anyhow::Error {
    let lines: Vec<String> = errors
        .into_iter()
        .map(|e| {
            format!(
                "jobbro {what}: --{} {}",
                e.field.replace('_', "-"),
                e.reason
            )
        })
        .collect();
    BadInput(lines.join("\n")).into()
}

pub async fn company(db: &Database, ctx: &Context, command: &CompanyCommand) -> Result<()> {
    let CompanyCommand::Add {
        name,
        cvr,
        sector,
        partner_since,
        diploma,
        area,
    } = command;
    let draft = CompanyDraft {
        name: name.clone(),
        cvr: cvr.clone().unwrap_or_default(),
        sector: sector.clone().unwrap_or_default(),
        partner_since: partner_since.clone().unwrap_or_default(),
        diploma: *diploma,
    };
    let details = CompanyDetails::typed(area.as_deref().unwrap_or_default(), "");
    match register_company(db, &draft, &details, ctx).await? {
        Added::Added(company) => {
            println!("added company {}: {}", company.id, company.name);
            Ok(())
        }
        Added::Refused(problems) => Err(refused(
            "company add",
            problems.into_iter().map(FieldError::from),
        )),
        Added::CvrTaken(other) => Err(BadInput(format!(
            "jobbro company add: --cvr {} is already registered, as company {} ({}); nothing was added",
            other.cvr.as_ref().map_or("", |c| c.as_str()),
            other.id,
            other.name
        ))
        .into()),
        Added::IdTaken(other) => Err(BadInput(format!(
            "jobbro company add: --name: company {} ({}) is already registered without a CVR number; nothing was added",
            other.id, other.name
        ))
        .into()),
    }
}

pub async fn bottlenecks(db: &Database, ctx: &Context, command: &BottleneckCommand) -> Result<()> {
    match command {
        BottleneckCommand::List { format, out } => {
            let list = db.bottlenecks(&ctx.organisation).await?;
            let mut writer = open_out(out.as_deref())?;
            match format {
                ListFormat::Json => {
                    serde_json::to_writer_pretty(&mut writer, &list)?;
                    writeln!(writer)?;
                }
                ListFormat::Csv => {
                    let mut w = csv::Writer::from_writer(&mut writer);
                    w.write_record(["id", "municipality", "section", "from", "to"])?;
                    for l in &list.lines {
                        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
                        w.write_record([
                            l.id.clone(),
                            l.line.municipality.clone(),
                            l.line.section.to_string(),
                            day(l.line.from).unwrap_or_default(),
                            day(l.line.to).unwrap_or_default(),
                        ])?;
                    }
                    w.flush()?;
                }
            }
            writer.flush()?;
        }
        BottleneckCommand::Add {
            municipality,
            section,
            from,
            to,
        } => {
            let line = BottleneckSector::typed(
                municipality,
                section,
                from.as_deref().unwrap_or_default(),
                to.as_deref().unwrap_or_default(),
            )
            .map_err(|errors| refused("bottlenecks add", errors))?;
            let version = add_bottleneck_lines(db, vec![line], ctx).await?;
            println!(
                "added; the list of {} is now version {version}",
                ctx.organisation
            );
        }
        BottleneckCommand::Remove { id } => match remove_bottleneck_line(db, id, ctx).await? {
            Some(version) => {
                println!(
                    "removed {id}; the list of {} is now version {version}",
                    ctx.organisation
                )
            }
            None => {
                return Err(BadInput(format!(
                    "jobbro bottlenecks remove: {} has no bottleneck line with id {id}",
                    ctx.organisation
                ))
                .into());
            }
        },
    }
    Ok(())
}

/// `jobbro occupations`: no database needed.
pub fn occupations(
    text: Option<&str>,
    lang: LabelLang,
    format: ListFormat,
    out: Option<&std::path::Path>,
) -> Result<()> {
    let found = search(text.unwrap_or_default(), lang.code());
    let mut writer = open_out(out)?;
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = found
                .iter()
                .map(|o| serde_json::json!({"code": o.code, "label": o.label(lang.code())}))
                .collect();
            serde_json::to_writer_pretty(&mut writer, &rows)?;
            writeln!(writer)?;
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut writer);
            w.write_record(["code", "label"])?;
            for o in &found {
                w.write_record([o.code.as_string().as_str(), o.label(lang.code())])?;
            }
            w.flush()?;
        }
    }
    writer.flush()?;
    Ok(())
}
