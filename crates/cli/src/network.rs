//! The network commands: `jobbro network add|list` (the organisation's mentors, bridge builders,
//! national-group contacts and interpreters) and `jobbro meeting plan ENROLMENT --date D
//! [--interpreter ID]`. The same checks as the pages and the API (the domain's one check, through
//! `jobbro_store::network::ops`), each write audited; a refusal names every wrong field and exits
//! with status 2. The list prints names and contact details to stdout only, never to a log.

use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use jobbro_domain::codes::Language;
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{MeetingState, NetworkKind, NetworkPerson, PlannedMeeting};
use jobbro_domain::records::FieldError;
use jobbro_store::access::AccessStore;
use jobbro_store::network::NetworkStore;
use jobbro_store::network::ops::{self, Refused};
use jobbro_store::{Context, Database};

use crate::BadInput;
use crate::output::write_json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Mentor,
    BridgeBuilder,
    NationalGroupContact,
    Interpreter,
}

impl Kind {
    fn domain(self) -> NetworkKind {
        match self {
            Kind::Mentor => NetworkKind::Mentor,
            Kind::BridgeBuilder => NetworkKind::BridgeBuilder,
            Kind::NationalGroupContact => NetworkKind::NationalGroupContact,
            Kind::Interpreter => NetworkKind::Interpreter,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Add a person to the organisation's network; prints their id
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        kind: Kind,
        /// A mentor's company (a company id)
        #[arg(long)]
        company: Option<String>,
        /// ISO 639-1 codes, comma-separated (`ar,ti`)
        #[arg(long, default_value = "")]
        languages: String,
        #[arg(long)]
        area: Option<String>,
        /// An interpreter's usual days from booking to the meeting
        #[arg(long)]
        waiting_days: Option<u16>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Set the language a participant needs an interpreter in (or, with --none, remove it)
    Need {
        /// The enrolment
        enrolment: String,
        /// ISO 639-1
        #[arg(long, required_unless_present = "none")]
        language: Option<String>,
        #[arg(long)]
        none: bool,
    },
    /// The organisation's network as JSON (names and contact details: to stdout only)
    List {
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Only those who speak this language (ISO 639-1)
        #[arg(long)]
        language: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Plan a meeting with a participant; prints its id
    Plan {
        /// The enrolment
        enrolment: String,
        #[arg(long)]
        date: String,
        /// HH:MM
        #[arg(long)]
        time: Option<String>,
        /// meeting, phone, video, home_visit or workplace_visit
        #[arg(long, default_value = "meeting")]
        kind: String,
        /// The interpreter booked (a network person's id)
        #[arg(long)]
        interpreter: Option<String>,
        /// Who holds the meeting (a caseworker id)
        #[arg(long)]
        caseworker: Option<String>,
    },
}

fn refused(what: &str, r: Refused) -> anyhow::Error {
    match r {
        Refused::Fields(problems) => BadInput(lines(what, &problems)).into(),
        Refused::Stale { .. } => BadInput(format!("jobbro {what}: changed meanwhile")).into(),
        Refused::Missing => BadInput(format!("jobbro {what}: not found")).into(),
    }
}

fn lines(what: &str, problems: &[FieldError]) -> String {
    problems
        .iter()
        .map(|p| {
            format!(
                "jobbro {what}: --{}: {}",
                p.field.replace('_', "-"),
                p.reason
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn id(prefix: &str) -> String {
    format!("{prefix}-{:016x}", rand::random::<u64>())
}

pub async fn network(db: &Database, ctx: &Context, command: &NetworkCommand) -> Result<()> {
    match command {
        NetworkCommand::Add {
            name,
            kind,
            company,
            languages,
            area,
            waiting_days,
            phone,
            email,
            notes,
        } => {
            let mut problems = Vec::new();
            let mut langs = Vec::new();
            for code in languages.split([',', ' ']).filter(|c| !c.is_empty()) {
                match Language::parse(code) {
                    Ok(l) => langs.push(l),
                    Err(e) => problems.push(FieldError {
                        field: "languages".into(),
                        reason: e.to_string(),
                    }),
                }
            }
            if !problems.is_empty() {
                return Err(BadInput(lines("network add", &problems)).into());
            }
            let person = NetworkPerson {
                id: id("net"),
                name: name.trim().to_owned(),
                kind: kind.domain(),
                company: company.clone(),
                languages: langs,
                area: area.clone(),
                waiting_days: *waiting_days,
                phone: phone.clone(),
                email: email.clone(),
                notes: notes.clone(),
            };
            ops::add_person(db, ctx, &person)
                .await?
                .map_err(|r| refused("network add", r))?;
            println!("{}", person.id);
        }
        NetworkCommand::Need {
            enrolment,
            language,
            none,
        } => {
            let language = match (language, none) {
                (_, true) => None,
                (Some(l), false) => Some(
                    Language::parse(l)
                        .map_err(|e| BadInput(format!("jobbro network need: --language: {e}")))?,
                ),
                (None, false) => None,
            };
            let access = own_enrolment(db, ctx, enrolment, "network need").await?;
            ops::set_need(db, ctx, enrolment, &access.programme, language).await?;
        }
        NetworkCommand::List { kind, language } => {
            let language = language
                .as_deref()
                .map(Language::parse)
                .transpose()
                .map_err(|e| BadInput(format!("jobbro network list: --language: {e}")))?;
            let mut entry = ctx.audit("read", "network_register", &ctx.organisation, None);
            entry.purpose = Some("network list (command line)".into());
            db.append_audit(&[entry]).await?;
            let people: Vec<_> = db
                .network_people(&ctx.organisation)
                .await?
                .into_iter()
                .filter(|e| kind.is_none_or(|k| e.person.kind == k.domain()))
                .filter(|e| language.is_none_or(|l| e.person.speaks(l)))
                .collect();
            write_json(&people, std::io::stdout().lock())?;
        }
    }
    Ok(())
}

pub async fn meeting(db: &Database, ctx: &Context, command: &MeetingCommand) -> Result<()> {
    match command {
        MeetingCommand::Plan {
            enrolment,
            date,
            time,
            kind,
            interpreter,
            caseworker,
        } => {
            let date = jobbro_domain::records::parse_date(date)
                .map_err(|r| BadInput(format!("jobbro meeting plan: --date {r}")))?;
            let time = time
                .as_deref()
                .map(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M"))
                .transpose()
                .map_err(|_| BadInput("jobbro meeting plan: --time must be HH:MM".into()))?;
            let kind = ContactKind::parse(kind).ok_or_else(|| {
                BadInput(format!(
                    "jobbro meeting plan: --kind must be one of: {}",
                    ContactKind::expected()
                ))
            })?;
            let access = own_enrolment(db, ctx, enrolment, "meeting plan").await?;
            let meeting = PlannedMeeting {
                id: id("mtg"),
                enrolment: enrolment.clone(),
                date,
                time,
                kind,
                interpreter: interpreter.clone(),
                caseworker: caseworker.clone().or(access.caseworker),
                state: MeetingState::Planned,
                version: 1,
            };
            ops::plan_meeting(db, ctx, &meeting, &access.programme)
                .await?
                .map_err(|r| refused("meeting plan", r))?;
            println!("{}", meeting.id);
        }
    }
    Ok(())
}

/// The enrolment's access facts, when it is one of the organisation's.
async fn own_enrolment(
    db: &Database,
    ctx: &Context,
    enrolment: &str,
    what: &str,
) -> Result<jobbro_store::people::EnrolmentAccess> {
    let found = jobbro_store::people::enrolment_access(db, enrolment, ctx.today()).await?;
    match found.filter(|(_, a)| a.organisation == ctx.organisation) {
        Some((_, access)) => Ok(access),
        None => Err(BadInput(format!("jobbro {what}: no enrolment {enrolment}")).into()),
    }
}
