//! What each subcommand does: parse its arguments, call the store, print the answer.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use jobbro_domain::records::parse_date;
use jobbro_store::{Context, Database, StoreError};

use crate::output::{open_out, write_report, write_reports, write_table, write_worklist};
use crate::{BadInput, Cli, Command, ReportCommand, ReportFormat, TableFormat};

/// The default database when none is given.
const DEFAULT_DB: &str = "sqlite:jobbro.db";
/// The default database of `serve --demo`, kept apart from real data.
const DEMO_DB: &str = "sqlite:jobbro-demo.db";

fn date_arg(flag: &str, value: &str) -> Result<NaiveDate> {
    parse_date(value).map_err(|reason| BadInput(format!("jobbro: {flag} {reason}")).into())
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A report of `programme` on a day, written as `format` asks to `out` (standard output when
/// none); a workbook's first sheet names the programme, the day and the `more` lines.
fn write_day_report(
    report: &impl serde::Serialize,
    table: jobbro_domain::table::Table,
    (programme, as_of, more): (&str, NaiveDate, &[(&str, String)]),
    format: TableFormat,
    out: &Option<std::path::PathBuf>,
) -> Result<()> {
    let mut about = vec![
        ("programme", programme.to_owned()),
        ("as_of", as_of.to_string()),
    ];
    about.extend(more.iter().cloned());
    write_table(
        report,
        table,
        (as_of, &about),
        format,
        open_out(out.as_deref())?,
    )
}

/// Store errors that are the user's to fix become exit status 2.
pub(crate) fn user_error(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Invalid { errors, total } => {
            let mut text = String::new();
            for err in &errors {
                text.push_str(&err.to_string());
                text.push('\n');
            }
            if total > errors.len() {
                text.push_str(&format!("… and {} more\n", total - errors.len()));
            }
            text.push_str(&format!(
                "jobbro import: {total} bad line(s); nothing was imported"
            ));
            BadInput(text).into()
        }
        StoreError::UnknownProgramme(id) => {
            BadInput(format!("jobbro: no programme with id {id}")).into()
        }
        StoreError::BadUrl => BadInput(format!("jobbro: {}", StoreError::BadUrl)).into(),
        other => anyhow::Error::new(other),
    }
}

pub(crate) async fn connect(url: &str, key_file: Option<&Path>) -> Result<Database> {
    Database::connect(url, key_file)
        .await
        .map_err(user_error)
        .with_context(|| "opening the database")
}

/// Commands act as `cli:<system user>`, so the audit log can name who ran them.
fn cli_context(organisation: &str) -> Context {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".into());
    Context::new(&format!("cli:{user}"), organisation, chrono::Utc::now())
}

pub async fn run(cli: Cli) -> Result<()> {
    let key_file = cli.key_file.as_deref();
    let ctx = cli_context(&cli.organisation);
    let db_url = |demo: bool| {
        cli.db
            .clone()
            .unwrap_or_else(|| (if demo { DEMO_DB } else { DEFAULT_DB }).to_owned())
    };
    match cli.command {
        Command::Import { ref file } => {
            let db = connect(&db_url(false), key_file).await?;
            let reader: Box<dyn Read + Send> = if file.as_os_str() == "-" {
                Box::new(std::io::stdin())
            } else {
                Box::new(
                    File::open(file)
                        .map_err(|e| BadInput(format!("jobbro import: {}: {e}", file.display())))?,
                )
            };
            let summary =
                jobbro_store::import_timeline(&db, BufReader::with_capacity(1 << 16, reader), &ctx)
                    .await
                    .map_err(user_error)?;
            let added: Vec<String> = summary
                .added
                .iter()
                .map(|(t, n)| format!("{n} {t}"))
                .collect();
            println!(
                "imported {} line(s): added {} record(s){}{}; skipped {} already present",
                summary.lines,
                summary.added_total(),
                if added.is_empty() { "" } else { " — " },
                added.join(", "),
                summary.skipped
            );
        }
        Command::ImportSheet {
            ref file,
            ref mapping,
            ref programme,
            dry_run,
        } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::sheet::import_sheet(&db, file, mapping, programme, dry_run, &ctx).await?;
        }
        Command::Export { ref out } => {
            let db = connect(&db_url(false), key_file).await?;
            let writer = open_out(out.as_deref())?;
            let lines = jobbro_store::export_timeline(&db, writer, &ctx)
                .await
                .map_err(user_error)?;
            if out.is_some() {
                eprintln!("exported {lines} record(s)");
            }
        }
        Command::Backup { ref out } => {
            crate::backup::backup(&db_url(false), key_file, out, &ctx).await?;
        }
        Command::Restore { ref from } => {
            crate::backup::restore(&db_url(false), key_file, from, &ctx).await?;
        }
        Command::Report {
            report:
                ReportCommand::Status {
                    programme: None,
                    ref as_of,
                    format,
                    suppress,
                    ref out,
                    ..
                },
        } => {
            let as_of = date_arg("--as-of", as_of)?;
            if matches!(format, ReportFormat::Xlsx | ReportFormat::Pdf) {
                return Err(BadInput(
                    "jobbro report status --all-programmes: --format must be json or csv".into(),
                )
                .into());
            }
            let db = connect(&db_url(false), key_file).await?;
            let reports = jobbro_store::status_reports(&db, as_of, suppress)
                .await
                .map_err(user_error)?;
            write_reports(&reports, format, open_out(out.as_deref())?)?;
        }
        Command::Report {
            report:
                ReportCommand::Status {
                    programme: Some(ref programme),
                    ref as_of,
                    format,
                    suppress,
                    lang,
                    ref out,
                    ..
                },
        } => {
            let as_of = date_arg("--as-of", as_of)?;
            let db = connect(&db_url(false), key_file).await?;
            let report = jobbro_store::status_report(&db, programme, as_of, suppress)
                .await
                .map_err(user_error)?;
            // The PDF's header names the programme; its words are in --lang.
            let name = match format {
                ReportFormat::Pdf => jobbro_store::programme(&db, programme)
                    .await
                    .map_err(user_error)?
                    .map(|p| p.name),
                _ => None,
            };
            let about = jobbro_formats::About {
                name: name.as_deref().unwrap_or(programme),
                suppress,
            };
            let tr = jobbro_web::i18n::Tr::new(lang.lang());
            write_report(&report, format, (&about, &tr), open_out(out.as_deref())?)?;
        }
        Command::Report {
            report:
                ReportCommand::Series {
                    ref programme,
                    ref from,
                    ref to,
                    format,
                    ref out,
                },
        } => {
            let (from, to) = (date_arg("--from", from)?, date_arg("--to", to)?);
            if from > to {
                return Err(BadInput(format!(
                    "jobbro report series: --from {from} is after --to {to}"
                ))
                .into());
            }
            let db = connect(&db_url(false), key_file).await?;
            let series = jobbro_store::programme_admin::situation_series(&db, programme, from, to)
                .await
                .map_err(user_error)?;
            let about = [
                ("programme", programme.clone()),
                ("from", from.to_string()),
                ("to", to.to_string()),
            ];
            let table = jobbro_domain::table::series_table(&series);
            write_table(
                &series,
                table,
                (to, &about),
                format,
                open_out(out.as_deref())?,
            )?;
        }
        Command::Report {
            report:
                ReportCommand::Esf {
                    ref programme,
                    ref as_of,
                    ref member_state,
                    format,
                    suppress,
                    ref out,
                },
        } => {
            let as_of = date_arg("--as-of", as_of)?;
            let member_state = match jobbro_domain::codes::Country::parse(member_state) {
                Ok(c) if matches!(c.as_str(), "DK" | "SE") => c,
                _ => {
                    return Err(BadInput(format!(
                        "jobbro report esf: --member-state must be DK or SE, not {member_state:?}"
                    ))
                    .into());
                }
            };
            let db = connect(&db_url(false), key_file).await?;
            let report = jobbro_store::esf_report(&db, programme, as_of, member_state)
                .await
                .map_err(user_error)?
                .publish(suppress);
            let about = [("member_state", member_state.as_str().to_owned())];
            write_day_report(
                &report,
                report.table(),
                (programme, as_of, &about),
                format,
                out,
            )?;
        }
        Command::Report {
            report:
                ReportCommand::Companies {
                    ref programme,
                    ref as_of,
                    format,
                    suppress,
                    ref out,
                },
        } => {
            let as_of = date_arg("--as-of", as_of)?;
            let db = connect(&db_url(false), key_file).await?;
            let report = jobbro_store::companies::company_report(&db, programme, as_of)
                .await
                .map_err(user_error)?
                .publish(suppress);
            write_day_report(
                &report,
                report.table(),
                (programme, as_of, &[]),
                format,
                out,
            )?;
        }
        Command::Report {
            report:
                ReportCommand::Cohorts {
                    ref programme,
                    ref as_of,
                    format,
                    suppress,
                    ref out,
                },
        } => {
            let as_of = date_arg("--as-of", as_of)?;
            let db = connect(&db_url(false), key_file).await?;
            let report = jobbro_store::cohort_report(&db, programme, as_of, suppress)
                .await
                .map_err(user_error)?;
            write_day_report(
                &report,
                report.table(),
                (programme, as_of, &[]),
                format,
                out,
            )?;
        }
        Command::Report {
            report:
                ReportCommand::Ips {
                    ref programme,
                    ref as_of,
                    format,
                    ref out,
                },
        } => {
            let as_of = date_arg("--as-of", as_of)?;
            let db = connect(&db_url(false), key_file).await?;
            let report = jobbro_store::ips_report(&db, programme, as_of)
                .await
                .map_err(user_error)?;
            write_day_report(
                &report,
                report.table(),
                (programme, as_of, &[]),
                format,
                out,
            )?;
        }
        Command::Worklist {
            ref as_of,
            ref programme,
            ref caseworker,
            format,
            ref out,
        } => {
            let as_of = date_arg("--as-of", as_of)?;
            let db = connect(&db_url(false), key_file).await?;
            let items =
                jobbro_store::worklist(&db, as_of, programme.as_deref(), caseworker.as_deref())
                    .await
                    .map_err(user_error)?;
            write_worklist(&items, format, open_out(out.as_deref())?)?;
        }
        Command::Serve {
            ref addr,
            demo,
            secure_cookies,
            trusted_proxy,
        } => {
            let db = connect(&db_url(demo), key_file).await?;
            if demo {
                fill_demo(&db).await?;
            }
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| BadInput(format!("jobbro serve: cannot listen on {addr}: {e}")))?;
            let local = listener.local_addr()?;
            eprintln!("jobbro is listening on http://{local}/ (health: http://{local}/health)");
            let config = jobbro_web::WebConfig {
                secure_cookies,
                trusted_proxy,
                ..jobbro_web::WebConfig::default()
            };
            let sso = jobbro_web::oidc::OidcConfig::from_env()
                .map_err(|e| BadInput(format!("jobbro serve: single sign-on settings: {e}")))?;
            if sso.is_some() {
                eprintln!("single sign-on: on (JOBBRO_OIDC_ISSUER)");
            }
            jobbro_web::serve_with_sso(listener, db, config, sso).await?;
        }
        Command::User { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::admin::user(&db, &ctx, command).await?;
        }
        Command::Token { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::admin::token(&db, &ctx, command).await?;
        }
        Command::Audit { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::admin::audit(&db, &ctx, command).await?;
        }
        Command::Match { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::matching::matching(&db, &ctx, command).await?;
        }
        Command::Opening { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::openings::opening(&db, &ctx, command).await?;
        }
        Command::Person { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::gdpr::person(&db, &ctx, command).await?;
        }
        Command::Profile { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::profile::profile(&db, &ctx, command).await?;
        }
        Command::Network { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::network::network(&db, &ctx, command).await?;
        }
        Command::Meeting { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::network::meeting(&db, &ctx, command).await?;
        }
        Command::Retention { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::gdpr::retention(&db, &ctx, command).await?;
        }
        Command::Company { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::register::company(&db, &ctx, command).await?;
        }
        Command::Bottlenecks { ref command } => {
            let db = connect(&db_url(false), key_file).await?;
            crate::register::bottlenecks(&db, &ctx, command).await?;
        }
        Command::Occupations {
            ref search,
            lang,
            format,
            ref out,
        } => {
            crate::register::occupations(search.as_deref(), lang, format, out.as_deref())?;
        }
        Command::Generate {
            enrolments,
            seed,
            ref as_of,
            ref out,
        } => {
            let today = match as_of {
                Some(d) => date_arg("--as-of", d)?,
                None => today(),
            };
            let spec = jobbro_demo::DemoSpec {
                seed,
                today,
                enrolments,
            };
            let mut writer = open_out(out.as_deref())?;
            let lines = jobbro_demo::write_jsonl(&spec, &mut writer)?;
            writer.flush()?;
            if out.is_some() {
                eprintln!("wrote {lines} record(s)");
            }
        }
    }
    Ok(())
}

/// Fills an empty database with a generated demo (`jobbro_demo::seed`): a few hundred fictional
/// enrolments over the last three years and one user of every role, their passwords printed
/// once. A database that already has programmes is left as it is.
async fn fill_demo(db: &Database) -> Result<()> {
    let seeded = jobbro_demo::seed_demo(db, today(), chrono::Utc::now())
        .await
        .map_err(user_error)
        .context("loading the demo data")?;
    let Some(seeded) = seeded else {
        eprintln!("the database already holds data; not adding demo data");
        return Ok(());
    };
    eprintln!(
        "demo data: {} record(s) of fictional people added",
        seeded.records
    );
    print_demo_users(&seeded.users);
    Ok(())
}

fn print_demo_users(users: &[jobbro_demo::DemoUser]) {
    eprintln!("demo users (passwords shown once; log in at /login with the user name):");
    eprintln!("  {:<11} {:<11} password", "user", "role");
    for user in users {
        eprintln!(
            "  {:<11} {:<11} {}",
            user.id,
            user.role.as_str(),
            user.password
        );
    }
}

/// A file writer with a large buffer: exports are millions of lines.
pub(crate) fn buffered(file: File) -> BufWriter<File> {
    BufWriter::with_capacity(1 << 16, file)
}
