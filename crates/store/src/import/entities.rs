//! Entities of an import: programmes, people, companies and caseworkers. A new one is queued for
//! writing; one already stored is skipped when identical (national id included) and refused when
//! not, or when the programme belongs to another organisation.

use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::{Entity, Event};
use jobbro_domain::report::Attributes;

use super::importer::{Importer, slot};
use crate::StoreError;
use crate::backend::{EntityTable, ImportTx, NewEntity, NewPerson};

fn table_of(entity: &Entity) -> EntityTable {
    match entity {
        Entity::Programme(_) => EntityTable::Programmes,
        Entity::Person(_) => EntityTable::Persons,
        Entity::Company(_) => EntityTable::Companies,
        Entity::Caseworker(_) => EntityTable::Caseworkers,
    }
}

impl<'k, T: ImportTx + 'k> Importer<'k, T> {
    /// Checks and queues an entity whose body was written by [`Prepared::new`] (a person's
    /// national id taken out, as `national_id`).
    ///
    /// [`Prepared::new`]: super::reading::Prepared::new
    pub(super) async fn entity(
        &mut self,
        line: u64,
        entity: Entity,
        body: String,
        national_id: Option<NationalId>,
    ) -> Result<(), StoreError> {
        let table = table_of(&entity);
        let ty = entity.record_type().as_str();
        let no_birth = match &entity {
            Entity::Person(p) => p.birth_date.is_none() && p.birth_year.is_none(),
            _ => false,
        };
        let id_birth_date = match (&national_id, no_birth) {
            (Some(nid), true) => Some(nid.birth_date(self.today)),
            _ => None,
        };
        let attributes = match (&entity, &self.digests) {
            (Entity::Person(p), Some(_)) => Some(Attributes::of(p, id_birth_date)),
            _ => None,
        };
        let id = match entity {
            Entity::Person(p) => p.id,
            Entity::Programme(p) => p.id,
            Entity::Company(c) => c.id,
            Entity::Caseworker(c) => c.id,
        };
        let met = self.entities[slot(table)].get(&id).is_some();
        let existing = if !met && self.entities[slot(table)].knows_absent(&id) {
            None
        } else {
            // Met earlier in this file: it is stored (or queued, and then it is flushed first).
            if met {
                self.flush().await?;
            }
            self.tx().await?.find_entity(table, &id).await?
        };
        if let Some(existing) = existing {
            let same_id = match (&existing.national_id_enc, &national_id) {
                (None, None) => true,
                (Some(sealed), Some(nid)) => self.keys.decrypt(sealed)? == nid.expose(),
                _ => false,
            };
            let other_organisation = existing
                .organisation
                .as_deref()
                .is_some_and(|o| o != self.organisation);
            if other_organisation {
                let reason = "a programme with this id belongs to another organisation";
                self.fail(line, Some("programme"), Some(&id), "id", reason);
            } else if existing.body == body && same_id {
                self.summary.skipped += 1;
            } else {
                let reason = format!(
                    "a {ty} with this id is already stored with different content (change a record by giving it a new id, or correct it in jobbro)"
                );
                self.fail(line, Some(ty), Some(&id), "id", &reason);
            }
            self.entities[slot(table)].insert(&id, ());
            return Ok(());
        }
        self.counters.entity_seq += 1;
        let seq = self.counters.entity_seq;
        self.entities[slot(table)].insert(&id, ());
        if table == EntityTable::Persons {
            let person = NewPerson {
                seq,
                body,
                national_id_enc: national_id
                    .as_ref()
                    .map(|n| self.keys.encrypt(n.expose()))
                    .transpose()?,
                national_id_hash: national_id
                    .as_ref()
                    .map(|n| self.keys.lookup_hash(&n.lookup_key())),
                id_birth_date,
                id,
            };
            if let (Some(d), Some(attributes)) = (&mut self.digests, attributes) {
                d.person(&person.id, attributes);
            }
            self.queued.persons.push(person);
        } else {
            self.queued.entities[slot(table)].push(NewEntity { id, seq, body });
        }
        self.count_added(ty);
        if self.queued.full() {
            self.flush().await?;
        }
        Ok(())
    }

    /// Checks that a named entity exists; records an error on `field` when not.
    pub(super) async fn require(
        &mut self,
        line: u64,
        event: &Event,
        table: EntityTable,
        field: &str,
        id: Option<&str>,
    ) -> Result<bool, StoreError> {
        let Some(id) = id else { return Ok(true) };
        let cache = &self.entities[slot(table)];
        if cache.get(id).is_some() {
            return Ok(true);
        }
        if !cache.knows_absent(id) && self.tx().await?.find_entity(table, id).await?.is_some() {
            self.entities[slot(table)].insert(id, ());
            return Ok(true);
        }
        let what = &table.name()[..table.name().len() - 1];
        let reason =
            format!("names {what} {id}, which is not in the database or earlier in the file");
        self.fail(
            line,
            Some(event.record_type().as_str()),
            Some(event.id()),
            field,
            &reason,
        );
        Ok(false)
    }
}
