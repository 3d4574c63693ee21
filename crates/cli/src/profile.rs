//! `jobbro profile show ENROLMENT` and `jobbro profile set ENROLMENT --file profile.json`: an
//! enrolment's profile for matching (ISSUE 6), read and saved by the operator. The file has the
//! JSON shape of the domain's `Profile` (docs/PROFILES.md) and is checked by `Profile::from_json`,
//! the check the page form and the API use: a wrong field is named, with exit status 2, and
//! nothing is written.
//!
//! Both are audited like any other read or write (actor `cli:<user>`). A profile is personal
//! data: it goes to stdout only, never to a log.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use jobbro_domain::profile::Profile;
use jobbro_store::profiles::{Expected, Saved, read_profile, save_profile};
use jobbro_store::{Context, Database};

use crate::BadInput;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// `{enrolment, programme, version, updated_at, updated_by, profile}`
    Json,
    /// One line per part, in English
    Text,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show an enrolment's profile for matching (audited)
    Show {
        /// The enrolment's id
        enrolment: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Save an enrolment's profile for matching from a JSON file (the shape of `show --format
    /// json`'s `profile`), replacing the one there; audited
    Set {
        /// The enrolment's id
        enrolment: String,
        /// The profile as JSON (`-` for standard input)
        #[arg(long)]
        file: PathBuf,
        /// Replace only this version (as `show` gives it; 0 for "no profile yet"): refused if
        /// someone saved since
        #[arg(long)]
        if_version: Option<i64>,
    },
}

fn bad(text: String) -> anyhow::Error {
    BadInput(format!("jobbro: {text}")).into()
}

pub async fn profile(db: &Database, ctx: &Context, command: &ProfileCommand) -> Result<()> {
    match command {
        ProfileCommand::Show { enrolment, format } => show(db, ctx, enrolment, *format).await,
        ProfileCommand::Set {
            enrolment,
            file,
            if_version,
        } => set(db, ctx, enrolment, file, *if_version).await,
    }
}

async fn known_enrolment(db: &Database, enrolment: &str) -> Result<()> {
    use jobbro_store::access::AccessStore;
    if db.enrolment_person(enrolment).await?.is_none() {
        return Err(bad(format!("no enrolment with id {enrolment}")));
    }
    Ok(())
}

async fn show(db: &Database, ctx: &Context, enrolment: &str, format: ShowFormat) -> Result<()> {
    known_enrolment(db, enrolment).await?;
    let Some(stored) = read_profile(db, enrolment, "command line", ctx).await? else {
        return Err(bad(format!("enrolment {enrolment} has no profile yet")));
    };
    let mut out = std::io::stdout().lock();
    match format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stored)?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            let p = &stored.profile;
            let names = |codes: Vec<String>| {
                if codes.is_empty() {
                    "–".to_owned()
                } else {
                    codes.join(", ")
                }
            };
            writeln!(
                out,
                "enrolment {} (programme {}), version {}, saved {} by {}",
                stored.enrolment,
                stored.programme,
                stored.version,
                stored.updated_at,
                stored.updated_by
            )?;
            writeln!(
                out,
                "wished:      {}",
                names(
                    p.wished
                        .iter()
                        .map(|c| format!("{c} {}", c.label("en")))
                        .collect()
                )
            )?;
            writeln!(
                out,
                "experience:  {}",
                names(
                    p.experience
                        .iter()
                        .map(|e| {
                            let country = e.country.map(|c| c.as_str()).unwrap_or("–");
                            format!(
                                "{} {}: {} year(s), {country}",
                                e.occupation,
                                e.occupation.label("en"),
                                e.years
                            )
                        })
                        .collect()
                )
            )?;
            let education = p.education.as_ref().map_or_else(
                || "–".to_owned(),
                |e| {
                    let field = e.field.map(|f| f.as_str()).unwrap_or("–");
                    format!("ISCED {}, {field}", e.level)
                },
            );
            writeln!(out, "education:   {education}")?;
            let or_dash = |v: Option<String>| v.unwrap_or_else(|| "–".into());
            writeln!(
                out,
                "danish:      {}",
                or_dash(p.danish_level.map(|l| l.as_str().to_owned()))
            )?;
            writeln!(
                out,
                "hours:       {}",
                or_dash(p.hours_available.map(|h| h.to_string()))
            )?;
            writeln!(
                out,
                "licence:     {}",
                if p.driving_licence { "yes" } else { "no" }
            )?;
            writeln!(out, "area:        {}", or_dash(p.area.clone()))?;
        }
    }
    out.flush()?;
    Ok(())
}

async fn set(
    db: &Database,
    ctx: &Context,
    enrolment: &str,
    file: &std::path::Path,
    if_version: Option<i64>,
) -> Result<()> {
    let text = if file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(file)
    }
    .map_err(|e| bad(format!("{}: {e}", file.display())))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| bad(format!("{}: not JSON ({e})", file.display())))?;
    let profile = Profile::from_json(&value).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("  {}: {}", e.field, e.reason))
            .collect();
        bad(format!(
            "{}: the profile has {} wrong field(s); nothing was written\n{}",
            file.display(),
            errors.len(),
            lines.join("\n")
        ))
    })?;
    known_enrolment(db, enrolment).await?;
    let expected = if_version.map_or(Expected::Any, |v| Expected::from_version(Some(v)));
    match save_profile(db, enrolment, &profile, expected, ctx).await? {
        Saved::Saved { version } => {
            eprintln!("saved the profile of enrolment {enrolment}: version {version}");
            Ok(())
        }
        Saved::Stale { current } => Err(bad(format!(
            "the profile of enrolment {enrolment} is at version {} now, not the one given: nothing was written",
            current.unwrap_or(0)
        ))),
        Saved::NoEnrolment => Err(bad(format!("no enrolment with id {enrolment}"))),
    }
}
