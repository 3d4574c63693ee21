//! The `jobbro` command (FORMAT.md §6): import, export, report, worklist, serve.
//!
//! Exit status: 0 on success, 2 on bad input (errors on stderr, naming line, record and field),
//! 1 on any other failure. Output goes to stdout or `--out`; diagnostics to stderr. Nothing
//! printed here contains a national id except the exports themselves (`export`, `person export`).

mod admin;
mod backup;
mod commands;
mod gdpr;
mod matching;
mod network;
mod openings;
mod output;
mod profile;
mod register;
mod sheet;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// jemalloc instead of the system allocator: an import allocates and frees a few dozen small
/// values per record across two threads (the importer and SQLite's worker), and glibc's malloc
/// was about a fifth of its time (docs/BENCHMARKS.md, W3).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Debug, Parser)]
#[command(
    name = "jobbro",
    version,
    about = "Employment-integration programmes: timeline, status, worklist and reports"
)]
struct Cli {
    /// Database: sqlite:PATH or postgres://user@host/db
    #[arg(long, env = "JOBBRO_DB", global = true)]
    db: Option<String>,
    /// Key file for national ids (default: beside the SQLite file, or ./jobbro.key)
    #[arg(long, env = "JOBBRO_KEY_FILE", global = true)]
    key_file: Option<PathBuf>,
    /// The organisation (municipality or operator) imports go into and commands act for
    #[arg(
        long,
        env = "JOBBRO_ORGANISATION",
        global = true,
        default_value = "default"
    )]
    organisation: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a timeline file (JSON Lines), all or nothing
    Import {
        /// The file to import (`-` for standard input)
        file: PathBuf,
    },
    /// Import participants, activities or contacts from a spreadsheet (XLSX or CSV) through a
    /// column mapping (docs/IMPORT.md), all or nothing
    ImportSheet {
        /// The workbook or CSV file
        file: PathBuf,
        /// The mapping file (JSON): sheet, header row, column per field, value maps, date formats
        #[arg(long)]
        mapping: PathBuf,
        /// The programme the rows belong to
        #[arg(long)]
        programme: String,
        /// Check every row and report every bad one; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the whole timeline in the timeline format
    Export {
        /// Write here instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A consistent copy of the whole SQLite database while it is in use (the key file is not in
    /// it); for PostgreSQL, the pg_dump procedure
    Backup {
        /// The backup file to write; must not exist
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into the new (missing or empty) SQLite database --db, after checking it
    /// and with the key it was made with; migrates it forward if older. PostgreSQL: pg_restore
    Restore {
        /// The backup file
        #[arg(long)]
        from: PathBuf,
    },
    /// Reports
    Report {
        #[command(subcommand)]
        report: ReportCommand,
    },
    /// What needs doing on a date: overdue contacts, gaps, endings, no-shows, follow-ups
    Worklist {
        /// The day to look from (YYYY-MM-DD)
        #[arg(long)]
        as_of: String,
        #[arg(long)]
        programme: Option<String>,
        #[arg(long)]
        caseworker: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run the web server
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Fill an empty database with generated demo data (default database: sqlite:jobbro-demo.db)
        #[arg(long)]
        demo: bool,
        /// Mark the session cookie Secure: set whenever users reach jobbro over https
        #[arg(long)]
        secure_cookies: bool,
        /// Believe X-Forwarded-For/-Proto/-Host: set only when jobbro is reachable solely through
        /// one reverse proxy that sets them
        #[arg(long)]
        trusted_proxy: bool,
    },
    /// Users of the web app and API: add, list, disable, reset a password
    User {
        #[command(subcommand)]
        command: admin::UserCommand,
    },
    /// API tokens for other systems: add (shown once), list, revoke
    Token {
        #[command(subcommand)]
        command: admin::TokenCommand,
    },
    /// The audit log: verify its hash chain, or extract the accesses to one person
    Audit {
        #[command(subcommand)]
        command: admin::AuditCommand,
    },
    /// Matching: an opening's ranked candidates, a participant's openings, proposals and the report
    Match {
        #[command(subcommand)]
        command: matching::MatchCommand,
    },
    /// Openings at companies: internships, paid hours, wage-subsidy and ordinary jobs
    Opening {
        #[command(subcommand)]
        command: openings::OpeningCommand,
    },
    /// One person's data: export everything held about them (GDPR Art. 15)
    Person {
        #[command(subcommand)]
        command: gdpr::PersonCommand,
    },
    /// A participant's profile for matching: show it, or save one from a JSON file
    Profile {
        #[command(subcommand)]
        command: profile::ProfileCommand,
    },
    /// The retention rule: anonymise people whose enrolments all ended more than N years ago
    Retention {
        #[command(subcommand)]
        command: gdpr::RetentionCommand,
    },
    /// The people around the participants: mentors, bridge builders, national-group contacts,
    /// interpreters
    Network {
        #[command(subcommand)]
        command: network::NetworkCommand,
    },
    /// Meetings planned with participants (an interpreter booked for those who need one)
    Meeting {
        #[command(subcommand)]
        command: network::MeetingCommand,
    },
    /// The company register: add a company (docs/COMPANIES.md)
    Company {
        #[command(subcommand)]
        command: register::CompanyCommand,
    },
    /// Bottleneck sectors per municipality: list, add, remove (docs/COMPANIES.md)
    Bottlenecks {
        #[command(subcommand)]
        command: register::BottleneckCommand,
    },
    /// The occupations (ISCO-08 unit groups) with their labels, or those a search finds
    Occupations {
        /// A code prefix (`51`) or words of the occupation's name, in --lang or English
        #[arg(long)]
        search: Option<String>,
        #[arg(long, value_enum, default_value_t = register::LabelLang::Da)]
        lang: register::LabelLang,
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a generated timeline of fictional people (for trials and benchmarks)
    Generate {
        #[arg(long, default_value_t = 300)]
        enrolments: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The generated history ends on this day (default: today)
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum ReportCommand {
    /// A programme's status on a date (FORMAT.md §4); with --all-programmes, every programme's
    /// (a JSON array in programme-id order, or CSV rows led by the programme)
    Status {
        #[arg(long, required_unless_present = "all_programmes")]
        programme: Option<String>,
        #[arg(long, conflicts_with = "programme")]
        all_programmes: bool,
        #[arg(long)]
        as_of: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Hide breakdown counts below N, and the counts that would give them away
        #[arg(long)]
        suppress: Option<u64>,
        /// The language of the PDF: da, sv or en
        #[arg(long, value_enum, default_value_t = ReportLang::Da)]
        lang: ReportLang,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A programme's situation counts at each month end between two dates
    Series {
        #[arg(long)]
        programme: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, value_enum, default_value_t = TableFormat::Json)]
        format: TableFormat,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A programme's ESF+ common indicators on a date, by gender (docs/REPORTS.md)
    Esf {
        #[arg(long)]
        programme: String,
        #[arg(long)]
        as_of: String,
        /// The country where the operation runs: DK or SE (for "foreign background")
        #[arg(long, default_value = "DK")]
        member_state: String,
        #[arg(long, value_enum, default_value_t = TableFormat::Json)]
        format: TableFormat,
        /// Hide counts below N (null in the JSON, empty in CSV and XLSX), and the counts that
        /// would give them away
        #[arg(long)]
        suppress: Option<u64>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A programme's placements per company and sector on a date, and internships converted into
    /// paid hours, jobs or wage subsidies (docs/REPORTS.md)
    Companies {
        #[arg(long)]
        programme: String,
        #[arg(long)]
        as_of: String,
        #[arg(long, value_enum, default_value_t = TableFormat::Json)]
        format: TableFormat,
        /// Leave the company lines out and hide sector counts below N (null in JSON, empty in
        /// CSV), with the counts that would give them away
        #[arg(long)]
        suppress: Option<u64>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The funnel by referral quarter on a date: stage counts and median days between stages
    Cohorts {
        #[arg(long)]
        programme: String,
        #[arg(long)]
        as_of: String,
        #[arg(long, value_enum, default_value_t = TableFormat::Json)]
        format: TableFormat,
        /// Hide quarter counts below N, and the counts that would give them away
        #[arg(long)]
        suppress: Option<u64>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// IPS fidelity measures on a date: caseload per caseworker, days to a first company
    /// activity, weekly contact in a job's first month
    Ips {
        #[arg(long)]
        programme: String,
        #[arg(long)]
        as_of: String,
        #[arg(long, value_enum, default_value_t = TableFormat::Json)]
        format: TableFormat,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Json,
    Csv,
    Xlsx,
    Pdf,
}

/// A report that is one table: JSON as the API gives it, CSV, or an XLSX workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Json,
    Csv,
    Xlsx,
}

/// The language of a report's words (the PDF's): Danish by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportLang {
    Da,
    Sv,
    En,
}

impl ReportLang {
    fn lang(self) -> jobbro_web::i18n::Lang {
        match self {
            ReportLang::Da => jobbro_web::i18n::Lang::Da,
            ReportLang::Sv => jobbro_web::i18n::Lang::Sv,
            ReportLang::En => jobbro_web::i18n::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Json,
    Csv,
}

/// A failure the user can fix (exit status 2), as opposed to anything else (1).
#[derive(Debug)]
pub struct BadInput(pub String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("JOBBRO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("jobbro: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if is_broken_pipe(&e) {
                // The reader went away (`jobbro report … | head`): not a failure of ours.
                ExitCode::SUCCESS
            } else if let Some(bad) = e.downcast_ref::<BadInput>() {
                eprintln!("{bad}");
                ExitCode::from(2)
            } else {
                eprintln!("jobbro: {e:#}");
                ExitCode::from(1)
            }
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
            || cause.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
