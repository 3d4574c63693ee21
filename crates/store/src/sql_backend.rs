//! The part of both backends that is the same SQL: reads of the timeline, and the import
//! transaction. sqlx reads `$1` placeholders on SQLite as on PostgreSQL, so one text serves both;
//! the backend modules keep only what really differs (connecting, locking, migrations).
//!
//! Only SQL lives here; what the SQL means is in `import`, `export` and `derive`.

/// Implements `Backend` for `$store` and `ImportTx` for a new `$import` transaction type.
/// `$store` must have `pool()`, `keys`, `begin_write()` and `begin_import_write()`.
macro_rules! impl_backend {
    ($store:ident, $import:ident, $db:ty, $row:ty) => {
        impl $store {
            /// Records the key's check value in a new database, and refuses a key that does not
            /// match the one the database was written with.
            async fn check_key(&self) -> Result<(), StoreError> {
                let check = self.keys.check_value();
                sqlx::query("INSERT INTO meta (key, value) VALUES ('key_check', $1) ON CONFLICT (key) DO NOTHING")
                    .bind(&check)
                    .execute(self.pool())
                    .await?;
                let stored: String = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'key_check'")
                    .fetch_one(self.pool())
                    .await?;
                if stored == check { Ok(()) } else { Err(StoreError::WrongKey) }
            }
        }

        pub struct $import<'a> {
            tx: sqlx::Transaction<'a, $db>,
        }

        /// Statements run in order, as they are pushed: on a backend with `STATEMENT_LISTS`
        /// (SQLite) sent as one list, once; elsewhere each run before the next is begun.
        struct StatementList<'a> {
            q: sqlx::QueryBuilder<'a, $db>,
            statements: usize,
        }

        impl<'a> StatementList<'a> {
            fn new() -> Self {
                StatementList { q: sqlx::QueryBuilder::new(""), statements: 0 }
            }

            /// The builder to push the next statement on.
            async fn next(
                &mut self,
                tx: &mut <$db as sqlx::Database>::Connection,
            ) -> Result<&mut sqlx::QueryBuilder<'a, $db>, StoreError> {
                if self.statements > 0 {
                    if <$store>::STATEMENT_LISTS {
                        self.q.push("; ");
                    } else {
                        self.run(tx).await?;
                    }
                }
                self.statements += 1;
                Ok(&mut self.q)
            }

            /// Runs the statements pushed and not yet run. A list differs from batch to batch
            /// (its row counts do): it is not kept prepared.
            async fn run(&mut self, tx: &mut <$db as sqlx::Database>::Connection) -> Result<(), StoreError> {
                if self.statements > 0 {
                    self.q
                        .build()
                        .persistent(!<$store>::STATEMENT_LISTS)
                        .execute(&mut *tx)
                        .await?;
                    self.q.reset();
                    self.statements = 0;
                }
                Ok(())
            }
        }

        /// Programmes, caseworkers or companies; `organisation` is stored for programmes.
        fn push_entities<'a>(
            q: &mut sqlx::QueryBuilder<'a, $db>,
            table: EntityTable,
            rows: &'a [NewEntity],
            organisation: &'a str,
        ) {
            let programmes = table == EntityTable::Programmes;
            q.push("INSERT INTO ");
            q.push(table.name());
            q.push(if programmes { " (id, seq, body, organisation) " } else { " (id, seq, body) " });
            q.push_values(rows, |mut b, e| {
                b.push_bind(&e.id).push_bind(e.seq).push_bind(&e.body);
                if programmes {
                    b.push_bind(organisation);
                }
            });
        }

        fn push_persons<'a>(q: &mut sqlx::QueryBuilder<'a, $db>, rows: &'a [NewPerson]) {
            q.push("INSERT INTO persons (id, seq, body, national_id_enc, national_id_hash, id_birth_date) ");
            q.push_values(rows, |mut b, p| {
                b.push_bind(&p.id)
                    .push_bind(p.seq)
                    .push_bind(&p.body)
                    .push_bind(&p.national_id_enc)
                    .push_bind(&p.national_id_hash)
                    .push_bind(p.id_birth_date);
            });
        }

        fn push_enrolments<'a>(q: &mut sqlx::QueryBuilder<'a, $db>, rows: &'a [NewEnrolment]) {
            q.push("INSERT INTO enrolments (key, id, programme, person, referred) ");
            q.push_values(rows, |mut b, e| {
                b.push_bind(e.key)
                    .push_bind(&e.id)
                    .push_bind(&e.programme)
                    .push_bind(&e.person)
                    .push_bind(<$store>::date_arg(e.referred));
            });
        }

        fn push_activities<'a>(q: &mut sqlx::QueryBuilder<'a, $db>, rows: &'a [NewActivity]) {
            q.push("INSERT INTO activities (id, enrolment, start) ");
            q.push_values(rows, |mut b, a| {
                b.push_bind(&a.id)
                    .push_bind(a.enrolment)
                    .push_bind(<$store>::date_arg(a.start));
            });
        }

        impl Backend for $store {
            type Import<'a> = $import<'a>;

            fn keys(&self) -> &Keys {
                &self.keys
            }

            async fn begin_import(&self) -> Result<$import<'_>, StoreError> {
                Ok($import {
                    tx: self.begin_import_write().await?,
                })
            }

            async fn refresh_statistics(&self) -> Result<(), StoreError> {
                sqlx::query(<$store>::STATISTICS_SQL).execute(self.pool()).await?;
                Ok(())
            }

            fn timeline_rows<'a>(
                &'a self,
                programme: Option<&'a str>,
                people: bool,
            ) -> BoxStream<'a, Result<TimelineRow, StoreError>> {
                const SQL: [[&str; 2]; 2] = $crate::backend::timeline_sql!("$1");
                let sql = SQL[usize::from(programme.is_some())][usize::from(people)];
                let mut query = sqlx::query(sql);
                if let Some(p) = programme {
                    query = query.bind(p);
                }
                query
                    .fetch(&self.pool)
                    .map_err(StoreError::from)
                    .and_then(|row| async move { $crate::backend::timeline_row(&row) })
                    .boxed()
            }

            fn caseworker_timeline_rows<'a>(
                &'a self,
                programme: &'a str,
                caseworker: &'a str,
            ) -> BoxStream<'a, Result<TimelineRow, StoreError>> {
                const SQL: &str = concat!(
                    $crate::backend::timeline_select!(people),
                    " WHERE e.programme = $1 AND e.key IN ",
                    "(SELECT enrolment FROM enrolment_caseworkers WHERE caseworker = $2) ORDER BY e.key"
                );
                sqlx::query(SQL)
                    .bind(programme)
                    .bind(caseworker)
                    .fetch(&self.pool)
                    .map_err(StoreError::from)
                    .and_then(|row| async move { $crate::backend::timeline_row(&row) })
                    .boxed()
            }

            async fn entities_with_ids(
                &self,
                table: EntityTable,
                ids: &[String],
            ) -> Result<Vec<(String, String)>, StoreError> {
                let mut out = Vec::with_capacity(ids.len());
                for chunk in ids.chunks(EVENT_BATCH) {
                    // Table names cannot be bound; `name()` is one of four fixed words.
                    let mut q = sqlx::QueryBuilder::<$db>::new(format!(
                        "SELECT id, body FROM {} WHERE id IN (",
                        table.name()
                    ));
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(id);
                    }
                    q.push(") ORDER BY seq");
                    out.extend(q.build_query_as::<(String, String)>().fetch_all(&self.pool).await?);
                }
                Ok(out)
            }

            async fn search_entities(
                &self,
                table: EntityTable,
                text: &str,
                limit: i64,
            ) -> Result<Vec<(String, String)>, StoreError> {
                // LIKE's own wildcards in what was typed match themselves.
                let escaped = text
                    .to_lowercase()
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                let pattern = format!("%{escaped}%");
                let sql = format!(
                    "SELECT id, body FROM {} WHERE lower(id) LIKE $1 ESCAPE '\\' \
                     OR lower(body) LIKE $1 ESCAPE '\\' ORDER BY seq LIMIT $2",
                    table.name()
                );
                Ok(sqlx::query_as(&sql)
                    .bind(pattern)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?)
            }

            fn entity_rows(&self, table: EntityTable) -> BoxStream<'_, Result<EntityRow, StoreError>> {
                sqlx::query(entity_sql(table).list)
                    .fetch(&self.pool)
                    .map_err(StoreError::from)
                    .and_then(|row| async move { entity_row(&row) })
                    .boxed()
            }

            fn event_bodies(&self) -> BoxStream<'_, Result<String, StoreError>> {
                sqlx::query_scalar("SELECT body FROM events ORDER BY seq")
                    .fetch(&self.pool)
                    .map_err(StoreError::from)
                    .boxed()
            }

            async fn programme_body(&self, id: &str) -> Result<Option<String>, StoreError> {
                Ok(
                    sqlx::query_scalar("SELECT body FROM programmes WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?,
                )
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }
        }

        impl ImportTx for $import<'_> {
            async fn counters(&mut self) -> Result<Counters, StoreError> {
                let row = sqlx::query(
                    "SELECT \
                       (SELECT COALESCE(MAX(m), 0) FROM (SELECT MAX(seq) AS m FROM programmes UNION ALL \
                          SELECT MAX(seq) FROM persons UNION ALL SELECT MAX(seq) FROM companies UNION ALL \
                          SELECT MAX(seq) FROM caseworkers) AS s), \
                       (SELECT COALESCE(MAX(seq), 0) FROM events), \
                       (SELECT COALESCE(MAX(key), 0) FROM enrolments), \
                       (SELECT COUNT(*) FROM (SELECT 1 FROM programmes LIMIT 1) AS t), \
                       (SELECT COUNT(*) FROM (SELECT 1 FROM caseworkers LIMIT 1) AS t), \
                       (SELECT COUNT(*) FROM (SELECT 1 FROM companies LIMIT 1) AS t), \
                       (SELECT COUNT(*) FROM (SELECT 1 FROM persons LIMIT 1) AS t), \
                       (SELECT COUNT(*) FROM (SELECT 1 FROM enrolments LIMIT 1) AS t), \
                       (SELECT COUNT(*) FROM (SELECT 1 FROM activities LIMIT 1) AS t)",
                )
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(Counters {
                    entity_seq: row.try_get(0)?,
                    event_seq: row.try_get(1)?,
                    enrolment_key: row.try_get(2)?,
                    empty: EmptyTables {
                        entities: [
                            row.try_get::<i64, _>(3)? == 0,
                            row.try_get::<i64, _>(4)? == 0,
                            row.try_get::<i64, _>(5)? == 0,
                            row.try_get::<i64, _>(6)? == 0,
                        ],
                        enrolments: row.try_get::<i64, _>(7)? == 0,
                        activities: row.try_get::<i64, _>(8)? == 0,
                    },
                })
            }

            async fn find_entity(
                &mut self,
                table: EntityTable,
                id: &str,
            ) -> Result<Option<EntityRow>, StoreError> {
                let row = sqlx::query(entity_sql(table).find)
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.as_ref().map(entity_row).transpose()
            }

            async fn insert_rows(&mut self, rows: &BatchRows<'_>) -> Result<u64, StoreError> {
                // Everything the events name, and what the events mark, first: on SQLite as one
                // list of statements, so its worker thread goes from one to the next without
                // waiting to be sent it (a third of its time, one statement at a time).
                let mut list = StatementList::new();
                for (table, entities) in EntityTable::ALL.into_iter().zip(rows.entities) {
                    for chunk in entities.chunks(EVENT_BATCH) {
                        push_entities(list.next(&mut *self.tx).await?, table, chunk, rows.organisation);
                    }
                }
                for chunk in rows.persons.chunks(EVENT_BATCH) {
                    push_persons(list.next(&mut *self.tx).await?, chunk);
                }
                for chunk in rows.enrolments.chunks(EVENT_BATCH) {
                    push_enrolments(list.next(&mut *self.tx).await?, chunk);
                }
                for chunk in rows.activities.chunks(EVENT_BATCH) {
                    push_activities(list.next(&mut *self.tx).await?, chunk);
                }
                // The status digests of the enrolments these events can change are stale from
                // this transaction on (crate::digests).
                let mut dirty: Vec<i64> = rows
                    .events
                    .iter()
                    .filter(|e| e.mark_dirty && jobbro_domain::digest::changes_status(e.record_type))
                    .map(|e| e.enrolment)
                    .collect();
                dirty.sort_unstable();
                dirty.dedup();
                for chunk in dirty.chunks(EVENT_BATCH) {
                    let q = list.next(&mut *self.tx).await?;
                    q.push("INSERT INTO status_dirty (enrolment) ");
                    q.push_values(chunk, |mut b, key| {
                        b.push_bind(*key);
                    });
                    q.push(" ON CONFLICT (enrolment) DO NOTHING");
                }
                let named: Vec<(&str, i64)> = rows
                    .events
                    .iter()
                    .filter_map(|e| e.caseworker.as_deref().map(|cw| (cw, e.enrolment)))
                    .collect();
                for chunk in named.chunks(EVENT_BATCH) {
                    let q = list.next(&mut *self.tx).await?;
                    q.push("INSERT INTO enrolment_caseworkers (caseworker, enrolment) ");
                    q.push_values(chunk, |mut b, (cw, key)| {
                        b.push_bind(*cw).push_bind(*key);
                    });
                    q.push(" ON CONFLICT (caseworker, enrolment) DO NOTHING");
                }
                // The events on their own: a full batch is always the same statement, which is
                // prepared once (compiling 4,000 rows of parameters takes as long as running
                // them). Built while the list runs: building is a millisecond of this thread's.
                let build_events = async {
                    rows.events
                        .chunks(EVENT_BATCH)
                        .map(|chunk| {
                            let mut q = sqlx::QueryBuilder::<$db>::new(
                                "INSERT INTO events (seq, type, id, enrolment, date, body) ",
                            );
                            q.push_values(chunk, |mut b, e| {
                                b.push_bind(e.seq)
                                    .push_bind(e.record_type)
                                    .push_bind(&e.id)
                                    .push_bind(e.enrolment)
                                    .push_bind(<$store>::date_arg(e.date))
                                    .push_bind(&e.body);
                            });
                            q.push(" ON CONFLICT (type, id) DO NOTHING");
                            q
                        })
                        .collect::<Vec<_>>()
                };
                let (ran, mut events) = futures_util::join!(list.run(&mut *self.tx), build_events);
                ran?;
                let mut inserted = 0;
                for q in &mut events {
                    inserted += q.build().execute(&mut *self.tx).await?.rows_affected();
                }
                Ok(inserted)
            }

            async fn find_enrolment(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
                Ok(
                    sqlx::query_as("SELECT key, referred FROM enrolments WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *self.tx)
                        .await?,
                )
            }

            async fn enrolment_version(&mut self, id: &str) -> Result<Option<i64>, StoreError> {
                // Over the enrolment's events by the (enrolment, seq) index: a few dozen rows.
                Ok(sqlx::query_scalar(
                    "SELECT (SELECT COALESCE(MAX(e.seq), 0) FROM events e WHERE e.enrolment = n.key \
                       AND e.type NOT IN ('contact', 'follow_up')) FROM enrolments n WHERE n.id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?)
            }

            async fn find_activity(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
                Ok(
                    sqlx::query_as("SELECT enrolment, start FROM activities WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *self.tx)
                        .await?,
                )
            }

            async fn find_event(
                &mut self,
                record_type: &str,
                id: &str,
            ) -> Result<Option<(i64, i64, String)>, StoreError> {
                Ok(
                    sqlx::query_as("SELECT seq, enrolment, body FROM events WHERE type = $1 AND id = $2")
                        .bind(record_type)
                        .bind(id)
                        .fetch_optional(&mut *self.tx)
                        .await?,
                )
            }

            async fn find_events(
                &mut self,
                keys: &[(&'static str, String)],
            ) -> Result<StoredEvents, StoreError> {
                let mut found = HashMap::new();
                for chunk in keys.chunks(EVENT_BATCH) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "SELECT type, id, seq, body FROM events WHERE (type, id) IN (",
                    );
                    q.push_values(chunk, |mut b, (ty, id)| {
                        b.push_bind(*ty).push_bind(id);
                    });
                    q.push(")");
                    for row in q.build().fetch_all(&mut *self.tx).await? {
                        found.insert(
                            (row.try_get(0)?, row.try_get(1)?),
                            (row.try_get(2)?, row.try_get(3)?),
                        );
                    }
                }
                Ok(found)
            }

            async fn store_status_chunk(
                &mut self,
                (chunk, built): $crate::import::BuiltChunk,
            ) -> Result<(), StoreError> {
                $crate::digests::store_chunk!(&mut *self.tx, chunk, built);
                Ok(())
            }

            async fn mark_chunk_dirty(&mut self, chunk: i64) -> Result<(), StoreError> {
                let (first, end) = $crate::digests::chunk_keys(chunk);
                sqlx::query(
                    "INSERT INTO status_dirty (enrolment) SELECT key FROM enrolments \
                     WHERE key >= $1 AND key < $2 ON CONFLICT (enrolment) DO NOTHING",
                )
                .bind(first)
                .bind(end)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn insert_contact_participants(
                &mut self,
                contact: &str,
                people: &[String],
                ctx: &crate::Context,
            ) -> Result<(), StoreError> {
                for person in people {
                    sqlx::query(
                        "INSERT INTO contact_participants (contact, network_person, added_at, added_by) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (contact, network_person) DO NOTHING",
                    )
                    .bind(contact)
                    .bind(person)
                    .bind(ctx.now.to_rfc3339())
                    .bind(&ctx.actor)
                    .execute(&mut *self.tx)
                    .await?;
                }
                Ok(())
            }

            async fn append_audit(
                &mut self,
                entries: &[crate::audit::AuditEntry],
                keys: &Keys,
            ) -> Result<(), StoreError> {
                chain_audit(&mut self.tx, entries, keys).await
            }

            async fn commit(mut self) -> Result<(), StoreError> {
                if let Some(sql) = <$store>::IMPORT_END_SQL {
                    sqlx::query(sql).execute(&mut *self.tx).await?;
                }
                self.tx.commit().await?;
                Ok(())
            }

            async fn rollback(mut self) -> Result<(), StoreError> {
                if let Some(sql) = <$store>::IMPORT_END_SQL {
                    sqlx::query(sql).execute(&mut *self.tx).await?;
                }
                self.tx.rollback().await?;
                Ok(())
            }
        }

        fn entity_row(row: &$row) -> Result<EntityRow, StoreError> {
            Ok(EntityRow {
                id: row.try_get(0)?,
                body: row.try_get(1)?,
                national_id_enc: row.try_get(2)?,
                organisation: row.try_get(3)?,
            })
        }
    };
}
pub(crate) use impl_backend;
