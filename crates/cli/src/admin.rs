//! Administration from the command line: users, API tokens and the audit log. Passwords and token
//! secrets are printed once, to stdout, and never logged.

use anyhow::Result;
use chrono::{Duration, Utc};
use clap::Subcommand;
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::audit::{timestamp, verify_chain_from};
use jobbro_store::sessions::{disable_user, end_sessions_of};
use jobbro_store::users::{
    NewUser, TokenRequest, add_user, generate_password, hash_password, issue_token,
};
use jobbro_store::{Backend, Context, Database};

use crate::BadInput;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; prints a generated password once
    Add {
        /// Login name
        id: String,
        #[arg(long)]
        name: String,
        /// admin, lead, caseworker, analyst or auditor
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: Option<String>,
        /// For caseworkers: their caseworker id in the timeline
        #[arg(long)]
        caseworker: Option<String>,
        /// A programme the user works in (repeat for several)
        #[arg(long = "programme")]
        programmes: Vec<String>,
    },
    /// List the organisation's users
    List,
    /// Disable a user: they can no longer log in, and their sessions end at once
    Disable { id: String },
    /// Set a new generated password (ending the user's sessions); prints it once
    ResetPassword { id: String },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a token for another system; prints the secret once
    Add {
        #[arg(long)]
        name: String,
        /// lead, caseworker, analyst or auditor (never admin)
        #[arg(long)]
        role: String,
        #[arg(long)]
        programme: Option<String>,
        /// Days until it expires
        #[arg(long, default_value_t = 90)]
        days: i64,
    },
    /// List the organisation's tokens (never their secrets)
    List,
    /// Revoke a token by its id
    Revoke { id: String },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain: reports any row edited, inserted or removed
    Verify,
    /// Every recorded access to one person: when, who, what, for which purpose
    Person { id: String },
    /// Delete audit rows older than the retention period; the chain stays verifiable
    Prune {
        /// Keep this many years of audit log
        #[arg(long, env = "JOBBRO_AUDIT_RETENTION_YEARS", default_value_t = 5)]
        years: u32,
    },
}

fn role_arg(text: &str) -> Result<Role> {
    Role::parse(text).ok_or_else(|| {
        BadInput(format!(
            "jobbro: --role must be one of admin, lead, caseworker, analyst, auditor (not {text})"
        ))
        .into()
    })
}

/// Store errors that are the user's to fix become exit status 2.
fn bad_input(e: jobbro_store::StoreError) -> anyhow::Error {
    match e {
        jobbro_store::StoreError::BadInput { field, reason } => {
            BadInput(format!("jobbro: {field} {reason}")).into()
        }
        other => anyhow::Error::new(other),
    }
}

pub async fn user(db: &Database, ctx: &Context, command: &UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            id,
            name,
            role,
            email,
            caseworker,
            programmes,
        } => {
            let password = generate_password();
            let new = NewUser {
                id: id.clone(),
                organisation: ctx.organisation.clone(),
                name: name.clone(),
                email: email.clone(),
                role: role_arg(role)?,
                caseworker: caseworker.clone(),
                programmes: programmes.clone(),
                password: Some(password.clone()),
            };
            for p in programmes {
                if jobbro_store::programme(db, p).await?.is_none() {
                    return Err(
                        BadInput(format!("jobbro: --programme {p}: no such programme")).into(),
                    );
                }
            }
            add_user(db, new, ctx.now).await.map_err(bad_input)?;
            println!("added user {id}; password (shown once): {password}");
        }
        UserCommand::List => {
            println!(
                "{:<20} {:<12} {:<12} {:<28} status",
                "id", "role", "caseworker", "programmes"
            );
            for u in db.users(Some(&ctx.organisation)).await? {
                let status = if u.disabled_at.is_some() {
                    "disabled"
                } else {
                    "active"
                };
                println!(
                    "{:<20} {:<12} {:<12} {:<28} {status}",
                    u.id,
                    u.role,
                    u.caseworker.as_deref().unwrap_or("-"),
                    u.programmes.join(",")
                );
            }
        }
        UserCommand::Disable { id } => {
            if !disable_user(db, id, ctx.now).await? {
                return Err(BadInput(format!("jobbro: no user {id}")).into());
            }
            println!("disabled user {id}");
        }
        UserCommand::ResetPassword { id } => {
            let password = generate_password();
            let hash = hash_password(&password).map_err(bad_input)?;
            if !db.set_password(id, &hash, &timestamp(ctx.now)).await? {
                return Err(BadInput(format!("jobbro: no user {id}")).into());
            }
            end_sessions_of(db, id).await?;
            println!("new password for {id} (shown once): {password}");
        }
    }
    Ok(())
}

pub async fn token(db: &Database, ctx: &Context, command: &TokenCommand) -> Result<()> {
    match command {
        TokenCommand::Add {
            name,
            role,
            programme,
            days,
        } => {
            if let Some(p) = programme
                && jobbro_store::programme(db, p).await?.is_none()
            {
                return Err(BadInput(format!("jobbro: --programme {p}: no such programme")).into());
            }
            let request = TokenRequest {
                organisation: ctx.organisation.clone(),
                name: name.clone(),
                role: role_arg(role)?,
                programme: programme.clone(),
                expires: ctx.now + Duration::days(*days),
            };
            let issued = issue_token(db, &request, &ctx.actor, ctx.now)
                .await
                .map_err(bad_input)?;
            println!(
                "issued token {} (expires {})",
                issued.row.id, issued.row.expires_at
            );
            println!(
                "secret (shown once, send as `Authorization: Bearer …`): {}",
                issued.secret
            );
        }
        TokenCommand::List => {
            println!(
                "{:<22} {:<20} {:<12} {:<12} {:<28} status",
                "id", "name", "role", "programme", "expires"
            );
            let now = timestamp(Utc::now());
            for t in db.tokens(Some(&ctx.organisation)).await? {
                let status = match (&t.revoked_at, t.expires_at < now) {
                    (Some(_), _) => "revoked",
                    (None, true) => "expired",
                    (None, false) => "active",
                };
                println!(
                    "{:<22} {:<20} {:<12} {:<12} {:<28} {status}",
                    t.id,
                    t.name,
                    t.role,
                    t.programme.as_deref().unwrap_or("(all)"),
                    t.expires_at
                );
            }
        }
        TokenCommand::Revoke { id } => {
            if !db.revoke_token(id, &timestamp(ctx.now)).await? {
                return Err(BadInput(format!("jobbro: no active token {id}")).into());
            }
            println!("revoked token {id}");
        }
    }
    Ok(())
}

pub async fn audit(db: &Database, ctx: &Context, command: &AuditCommand) -> Result<()> {
    match command {
        AuditCommand::Prune { years } => {
            if !(1..=100).contains(years) {
                return Err(BadInput("jobbro: --years must be from 1 to 100".into()).into());
            }
            let cutoff = ctx.now - Duration::days(i64::from(*years) * 365 + i64::from(*years / 4));
            let removed = db.prune_audit(&timestamp(cutoff), ctx).await?;
            println!(
                "pruned {removed} audit row(s) dated before {}",
                timestamp(cutoff)
            );
        }
        AuditCommand::Verify => {
            let rows = db.audit_rows().await?;
            let anchor = db.audit_anchor().await?;
            let problems = verify_chain_from(&rows, db.keys(), anchor.as_ref());
            if problems.is_empty() {
                println!(
                    "audit log intact: {} row(s), hash chain verified",
                    rows.len()
                );
            } else {
                for p in &problems {
                    println!("row {}: {}", p.seq, p.problem);
                }
                anyhow::bail!(
                    "the audit log has been tampered with: {} problem(s)",
                    problems.len()
                );
            }
        }
        AuditCommand::Person { id } => {
            let rows = db.audit_rows_about("person", id).await?;
            println!("accesses to person {id}: {}", rows.len());
            for r in rows {
                println!(
                    "{}  {:<20} {:<18} {}{}",
                    r.at,
                    r.actor,
                    r.action,
                    r.programme
                        .as_deref()
                        .map(|p| format!("programme {p}"))
                        .unwrap_or_default(),
                    r.purpose
                        .as_deref()
                        .map(|p| format!(" — {p}"))
                        .unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}
