//! The SQL of the network register and what hangs on it, one text for both databases (sqlx reads
//! `$1` placeholders on SQLite too), expanded for each by [`impl_network_store!`]. Rows become
//! domain values here; a row that no longer reads as one is reported as damaged, by id only.

use chrono::{NaiveDate, NaiveTime};
use jobbro_domain::codes::Language;
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{
    InterpreterNeed, LinkRole, MeetingState, NetworkKind, NetworkLink, NetworkPerson,
    PlannedMeeting,
};

use super::{NetworkEntry, corrupt, parse_languages};
use crate::backend::Backend;
use crate::{PgStore, SqliteStore, StoreError};

const PERSON_COLUMNS: &str = "id, name, kind, company, languages, area, waiting_days, phone, \
     email, notes, version";

type PersonRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

fn entry(row: PersonRow) -> Result<NetworkEntry, StoreError> {
    let (id, name, kind, company, languages, area, waiting_days, phone, email, notes, version) =
        row;
    let kind = NetworkKind::parse(&kind).ok_or_else(|| corrupt("network person", &id, "kind"))?;
    let waiting_days = waiting_days
        .map(u16::try_from)
        .transpose()
        .map_err(|_| corrupt("network person", &id, "waiting days"))?;
    Ok(NetworkEntry {
        person: NetworkPerson {
            languages: parse_languages(&id, &languages)?,
            id,
            name,
            kind,
            company,
            area,
            waiting_days,
            phone,
            email,
            notes,
        },
        version,
    })
}

const MEETING_COLUMNS: &str =
    "m.id, m.enrolment, m.date, m.time, m.kind, m.interpreter, m.caseworker, m.state, m.version";

type MeetingRow = (
    String,
    String,
    NaiveDate,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
);

fn meeting(row: MeetingRow) -> Result<PlannedMeeting, StoreError> {
    let (id, enrolment, date, time, kind, interpreter, caseworker, state, version) = row;
    let bad = |what: &str| corrupt("planned meeting", &id, what);
    let time = time
        .map(|t| NaiveTime::parse_from_str(&t, "%H:%M"))
        .transpose()
        .map_err(|_| bad("time"))?;
    let kind = ContactKind::parse(&kind).ok_or_else(|| bad("kind"))?;
    let state = MeetingState::parse(&state).ok_or_else(|| bad("state"))?;
    Ok(PlannedMeeting {
        id,
        enrolment,
        date,
        time,
        kind,
        interpreter,
        caseworker,
        state,
        version,
    })
}

pub(super) fn time_column(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

type LinkRow = (
    String,
    String,
    String,
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<String>,
);

fn link(row: LinkRow) -> Result<NetworkLink, StoreError> {
    let (id, person, enrolment, role, from, to, activity) = row;
    let role = LinkRole::parse(&role).ok_or_else(|| corrupt("network link", &id, "role"))?;
    Ok(NetworkLink {
        id,
        person,
        enrolment,
        role,
        from,
        to,
        activity,
    })
}

fn need(enrolment: &str, language: &str) -> Result<InterpreterNeed, StoreError> {
    Ok(InterpreterNeed {
        language: Language::parse(language)
            .map_err(|_| corrupt("interpreter need", enrolment, "language"))?,
    })
}

macro_rules! impl_network_store {
    ($store:ty, $chain:path) => {
        impl super::NetworkStore for $store {
            async fn network_people(
                &self,
                organisation: &str,
            ) -> Result<Vec<NetworkEntry>, StoreError> {
                let rows: Vec<PersonRow> = sqlx::query_as(&format!(
                    "SELECT {PERSON_COLUMNS} FROM network_people WHERE organisation = $1 \
                     ORDER BY name, id"
                ))
                .bind(organisation)
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(entry).collect()
            }

            async fn network_person(
                &self,
                organisation: &str,
                id: &str,
            ) -> Result<Option<NetworkEntry>, StoreError> {
                let row: Option<PersonRow> = sqlx::query_as(&format!(
                    "SELECT {PERSON_COLUMNS} FROM network_people WHERE organisation = $1 AND id = $2"
                ))
                .bind(organisation)
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
                row.map(entry).transpose()
            }

            async fn insert_network_person(
                &self,
                p: &NetworkPerson,
                ctx: &$crate::Context,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO network_people (id, organisation, name, kind, company, languages, \
                     area, waiting_days, phone, email, notes, version, changed_at, changed_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13)",
                )
                .bind(&p.id)
                .bind(&ctx.organisation)
                .bind(&p.name)
                .bind(p.kind.as_str())
                .bind(&p.company)
                .bind(super::languages_column(&p.languages))
                .bind(&p.area)
                .bind(p.waiting_days.map(i64::from))
                .bind(&p.phone)
                .bind(&p.email)
                .bind(&p.notes)
                .bind(ctx.now.to_rfc3339())
                .bind(&ctx.actor)
                .execute(&mut *tx)
                .await?;
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_network_person(
                &self,
                p: &NetworkPerson,
                version: i64,
                ctx: &$crate::Context,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<super::Saved, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE network_people SET name = $1, kind = $2, company = $3, languages = $4, \
                     area = $5, waiting_days = $6, phone = $7, email = $8, notes = $9, \
                     version = version + 1, changed_at = $10, changed_by = $11 \
                     WHERE id = $12 AND organisation = $13 AND version = $14",
                )
                .bind(&p.name)
                .bind(p.kind.as_str())
                .bind(&p.company)
                .bind(super::languages_column(&p.languages))
                .bind(&p.area)
                .bind(p.waiting_days.map(i64::from))
                .bind(&p.phone)
                .bind(&p.email)
                .bind(&p.notes)
                .bind(ctx.now.to_rfc3339())
                .bind(&ctx.actor)
                .bind(&p.id)
                .bind(&ctx.organisation)
                .bind(version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done == 0 {
                    let current: Option<i64> = sqlx::query_scalar(
                        "SELECT version FROM network_people WHERE id = $1 AND organisation = $2",
                    )
                    .bind(&p.id)
                    .bind(&ctx.organisation)
                    .fetch_optional(&mut *tx)
                    .await?;
                    tx.rollback().await?;
                    return Ok(match current {
                        Some(current) => super::Saved::Stale { current },
                        None => super::Saved::Missing,
                    });
                }
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(super::Saved::Done {
                    version: version + 1,
                })
            }

            async fn links(
                &self,
                of: super::LinksOf<'_>,
            ) -> Result<Vec<NetworkLink>, StoreError> {
                let (column, id) = match of {
                    super::LinksOf::Enrolment(e) => ("enrolment", e),
                    super::LinksOf::NetworkPerson(p) => ("network_person", p),
                };
                let rows: Vec<LinkRow> = sqlx::query_as(&format!(
                    "SELECT id, network_person, enrolment, role, from_date, to_date, activity \
                     FROM network_links WHERE {column} = $1 ORDER BY from_date, id"
                ))
                .bind(id)
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(link).collect()
            }

            async fn insert_link(
                &self,
                l: &NetworkLink,
                ctx: &$crate::Context,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO network_links (id, network_person, enrolment, role, from_date, \
                     to_date, activity, added_at, added_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&l.id)
                .bind(&l.person)
                .bind(&l.enrolment)
                .bind(l.role.as_str())
                .bind(l.from)
                .bind(l.to)
                .bind(&l.activity)
                .bind(ctx.now.to_rfc3339())
                .bind(&ctx.actor)
                .execute(&mut *tx)
                .await?;
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn end_link(
                &self,
                enrolment: &str,
                id: &str,
                to: NaiveDate,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE network_links SET to_date = $1 WHERE id = $2 AND enrolment = $3",
                )
                .bind(to)
                .bind(id)
                .bind(enrolment)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done == 0 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn interpreter_need(
                &self,
                enrolment: &str,
            ) -> Result<Option<InterpreterNeed>, StoreError> {
                let language: Option<String> =
                    sqlx::query_scalar("SELECT language FROM interpreter_needs WHERE enrolment = $1")
                        .bind(enrolment)
                        .fetch_optional(self.pool())
                        .await?;
                language.map(|l| need(enrolment, &l)).transpose()
            }

            async fn set_interpreter_need(
                &self,
                enrolment: &str,
                language: Option<Language>,
                was: Option<Option<Language>>,
                ctx: &$crate::Context,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                if let Some(was) = was {
                    let stored: Option<String> = sqlx::query_scalar(
                        "SELECT language FROM interpreter_needs WHERE enrolment = $1",
                    )
                    .bind(enrolment)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if stored.as_deref() != was.map(|l| l.as_str()) {
                        tx.rollback().await?;
                        return Err(StoreError::Conflict {
                            record_type: "interpreter need".into(),
                            id: enrolment.into(),
                        });
                    }
                }
                sqlx::query("DELETE FROM interpreter_needs WHERE enrolment = $1")
                    .bind(enrolment)
                    .execute(&mut *tx)
                    .await?;
                if let Some(language) = language {
                    sqlx::query(
                        "INSERT INTO interpreter_needs (enrolment, language, noted_at, noted_by) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(enrolment)
                    .bind(language.as_str())
                    .bind(ctx.now.to_rfc3339())
                    .bind(&ctx.actor)
                    .execute(&mut *tx)
                    .await?;
                }
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn meetings(&self, enrolment: &str) -> Result<Vec<PlannedMeeting>, StoreError> {
                let rows: Vec<MeetingRow> = sqlx::query_as(&format!(
                    "SELECT {MEETING_COLUMNS} FROM planned_meetings m WHERE m.enrolment = $1 \
                     ORDER BY m.date, m.time, m.id"
                ))
                .bind(enrolment)
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(meeting).collect()
            }

            async fn meeting(&self, id: &str) -> Result<Option<PlannedMeeting>, StoreError> {
                let row: Option<MeetingRow> = sqlx::query_as(&format!(
                    "SELECT {MEETING_COLUMNS} FROM planned_meetings m WHERE m.id = $1"
                ))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
                row.map(meeting).transpose()
            }

            async fn insert_meeting(
                &self,
                m: &PlannedMeeting,
                ctx: &$crate::Context,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO planned_meetings (id, enrolment, date, time, kind, interpreter, \
                     caseworker, state, version, changed_at, changed_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10)",
                )
                .bind(&m.id)
                .bind(&m.enrolment)
                .bind(m.date)
                .bind(time_column(m.time))
                .bind(m.kind.as_str())
                .bind(&m.interpreter)
                .bind(&m.caseworker)
                .bind(m.state.as_str())
                .bind(ctx.now.to_rfc3339())
                .bind(&ctx.actor)
                .execute(&mut *tx)
                .await?;
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_meeting(
                &self,
                m: &PlannedMeeting,
                ctx: &$crate::Context,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<super::Saved, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE planned_meetings SET date = $1, time = $2, kind = $3, \
                     interpreter = $4, caseworker = $5, state = $6, version = version + 1, \
                     changed_at = $7, changed_by = $8 \
                     WHERE id = $9 AND enrolment = $10 AND version = $11",
                )
                .bind(m.date)
                .bind(time_column(m.time))
                .bind(m.kind.as_str())
                .bind(&m.interpreter)
                .bind(&m.caseworker)
                .bind(m.state.as_str())
                .bind(ctx.now.to_rfc3339())
                .bind(&ctx.actor)
                .bind(&m.id)
                .bind(&m.enrolment)
                .bind(m.version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done == 0 {
                    let current: Option<i64> = sqlx::query_scalar(
                        "SELECT version FROM planned_meetings WHERE id = $1 AND enrolment = $2",
                    )
                    .bind(&m.id)
                    .bind(&m.enrolment)
                    .fetch_optional(&mut *tx)
                    .await?;
                    tx.rollback().await?;
                    return Ok(match current {
                        Some(current) => super::Saved::Stale { current },
                        None => super::Saved::Missing,
                    });
                }
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(super::Saved::Done {
                    version: m.version + 1,
                })
            }

            async fn contact_participants(
                &self,
                enrolment: &str,
            ) -> Result<Vec<super::ContactParticipant>, StoreError> {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT cp.contact, cp.network_person FROM contact_participants cp \
                     JOIN events ev ON ev.type = 'contact' AND ev.id = cp.contact \
                     JOIN enrolments e ON e.key = ev.enrolment \
                     WHERE e.id = $1 ORDER BY ev.seq, cp.network_person",
                )
                .bind(enrolment)
                .fetch_all(self.pool())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(contact, network_person)| super::ContactParticipant {
                        contact,
                        network_person,
                    })
                    .collect())
            }

            async fn contact_day(&self, contact: &str) -> Result<Option<NaiveDate>, StoreError> {
                Ok(sqlx::query_scalar("SELECT date FROM events WHERE type = 'contact' AND id = $1")
                    .bind(contact)
                    .fetch_optional(self.pool())
                    .await?)
            }

            async fn add_contact_participants(
                &self,
                contact: &str,
                people: &[String],
                ctx: &$crate::Context,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                for person in people {
                    sqlx::query(
                        "INSERT INTO contact_participants (contact, network_person, added_at, \
                         added_by) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (contact, network_person) DO NOTHING",
                    )
                    .bind(contact)
                    .bind(person)
                    .bind(ctx.now.to_rfc3339())
                    .bind(&ctx.actor)
                    .execute(&mut *tx)
                    .await?;
                }
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn interpreter_cases(
                &self,
                programme: Option<&str>,
                from: NaiveDate,
            ) -> Result<Vec<super::InterpreterCase>, StoreError> {
                let filter = if programme.is_some() {
                    " AND e.programme = $2"
                } else {
                    ""
                };
                let sql = format!(
                    "SELECT n.enrolment, p.organisation, n.language, {MEETING_COLUMNS} \
                     FROM interpreter_needs n \
                     JOIN enrolments e ON e.id = n.enrolment \
                     JOIN programmes p ON p.id = e.programme \
                     JOIN planned_meetings m ON m.enrolment = n.enrolment \
                     WHERE m.state = 'planned' AND m.interpreter IS NULL AND m.date >= $1{filter} \
                     ORDER BY n.enrolment, m.date, m.id"
                );
                let mut query = sqlx::query(&sql).bind(from);
                if let Some(p) = programme {
                    query = query.bind(p);
                }
                let rows = query.fetch_all(self.pool()).await?;
                let mut out: Vec<super::InterpreterCase> = Vec::new();
                for row in rows {
                    use sqlx::Row;
                    let enrolment: String = row.try_get(0)?;
                    let m = meeting((
                        row.try_get(3)?,
                        row.try_get(4)?,
                        row.try_get(5)?,
                        row.try_get(6)?,
                        row.try_get(7)?,
                        row.try_get(8)?,
                        row.try_get(9)?,
                        row.try_get(10)?,
                        row.try_get(11)?,
                    ))?;
                    match out.last_mut() {
                        Some(case) if case.enrolment == enrolment => case.meetings.push(m),
                        _ => {
                            let language: String = row.try_get(2)?;
                            out.push(super::InterpreterCase {
                                need: need(&enrolment, &language)?,
                                organisation: row.try_get(1)?,
                                enrolment,
                                meetings: vec![m],
                            });
                        }
                    }
                }
                Ok(out)
            }
        }
    };
}

impl_network_store!(SqliteStore, crate::sqlite::chain_audit);
impl_network_store!(PgStore, crate::postgres::chain_audit);
