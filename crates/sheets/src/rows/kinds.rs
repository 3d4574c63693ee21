//! What each kind of row becomes: a participant row a `person` (when new), `referred`, and
//! `intake`, `left`, `follow_up` when the row has them; an activity row `activity_started` and
//! `activity_ended`; a contact row a `contact` — and whom a row is about.

use chrono::NaiveDate;
use jobbro_domain::national_id::NationalId;
use serde_json::Value;

use super::{Directory, Draft, RowValues, Translator};
use crate::error::{Problem, RowError};

/// The row's own id (`field`), or one made from its enrolment, kind and date, so the same row
/// imported again gives the same id.
fn made_id(v: &RowValues<'_>, field: &str, enrolment: &str, date: Option<NaiveDate>) -> String {
    match v.text(field) {
        Some(id) => id.to_owned(),
        None => format!(
            "{enrolment}-{}-{}",
            v.text("kind").unwrap_or_default(),
            date.map(|d| d.format("%Y%m%d").to_string())
                .unwrap_or_default()
        ),
    }
}

impl<D: Directory> Translator<'_, D> {
    /// The person a row is about: (id, national id if given, whether the id is new).
    fn person(&self, v: &RowValues<'_>) -> Result<Option<(String, bool)>, RowError> {
        let national_id = match v.text("national_id") {
            Some(text) => Some(
                NationalId::parse(text)
                    .map_err(|e| v.error("national_id", Problem::Invalid(e.to_string())))?,
            ),
            None => None,
        };
        if let Some(id) = v.text("person_id") {
            let known = self.directory.person_exists(id) || self.new_people.contains_key(id);
            return Ok(Some((id.to_owned(), !known)));
        }
        let Some(nid) = national_id else {
            return Ok(None);
        };
        if let Some(id) = self.new_by_national_id.get(&nid.lookup_key()) {
            return Ok(Some((id.clone(), false)));
        }
        Ok(Some(match self.directory.person_with_national_id(&nid) {
            Some(id) => (id, false),
            None => (self.directory.new_person_id(&nid), true),
        }))
    }

    fn enrolments_of(&self, person: &str) -> Vec<(String, NaiveDate)> {
        let mut all = self.directory.enrolments(person);
        all.extend(
            self.new_enrolments
                .get(person)
                .into_iter()
                .flatten()
                .cloned(),
        );
        all
    }

    pub(super) fn participant<'r, 't>(
        &mut self,
        v: &'r RowValues<'t>,
    ) -> Result<Vec<Draft<'r, 't>>, RowError> {
        let Some((person, new)) = self.person(v)? else {
            return Err(v.error("national_id", Problem::NoParticipant));
        };
        let who = if v.get("person_id").is_some() {
            "person_id"
        } else {
            "national_id"
        };
        let mut drafts = Vec::new();
        if new {
            let mut p = Draft::new(v, "person", &person, who);
            p.same(&[
                "national_id",
                "given_name",
                "family_name",
                "gender",
                "birth_date",
                "birth_year",
                "origin_country",
                "languages",
                "danish_level",
                "education_level",
                "benefit",
                "benefit_since",
                "phone",
                "email",
            ]);
            self.new_people.insert(person.clone(), ());
            if let Some(nid) = v
                .text("national_id")
                .and_then(|t| NationalId::parse(t).ok())
            {
                self.new_by_national_id
                    .insert(nid.lookup_key(), person.clone());
            }
            drafts.push(p);
        }
        let referred = v.date("referral_date");
        let enrolment = match (v.text("enrolment_id"), referred) {
            (Some(id), _) => id.to_owned(),
            (None, Some(date)) => self
                .enrolments_of(&person)
                .into_iter()
                .find(|(_, d)| *d == date)
                .map(|(id, _)| id)
                .unwrap_or_else(|| {
                    format!("{person}-{}-{}", self.programme, date.format("%Y%m%d"))
                }),
            (None, None) => format!("{person}-{}", self.programme),
        };
        let enrolment_field = if v.get("enrolment_id").is_some() {
            "enrolment_id"
        } else {
            "referral_date"
        };
        let mut r = Draft::new(v, "referred", &enrolment, enrolment_field);
        r.copy("date", "referral_date")
            .put(
                "programme",
                Value::from(self.programme.as_str()),
                "programme",
            )
            .put("person", Value::from(person.as_str()), who)
            .same(&["referrer", "caseworker"]);
        drafts.push(r);
        if let Some(date) = referred {
            self.new_enrolments
                .entry(person)
                .or_default()
                .push((enrolment.clone(), date));
        }
        let on = |fields: &[&str]| fields.iter().any(|f| v.get(f).is_some());
        if on(&["intake_date", "decision", "intake_reason"]) {
            let mut d = Draft::new(v, "intake", &format!("{enrolment}-intake"), "intake_date");
            d.put(
                "enrolment",
                Value::from(enrolment.as_str()),
                enrolment_field,
            )
            .copy("date", "intake_date")
            .copy("decision", "decision")
            .copy("reason", "intake_reason");
            drafts.push(d);
        }
        if on(&["left_date", "left_reason"]) {
            let mut d = Draft::new(v, "left", &format!("{enrolment}-left"), "left_date");
            d.put(
                "enrolment",
                Value::from(enrolment.as_str()),
                enrolment_field,
            )
            .copy("date", "left_date")
            .copy("reason", "left_reason");
            drafts.push(d);
        }
        if on(&["follow_up_date", "follow_up_status"]) {
            let months = v
                .get("follow_up_months")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            let id = format!("{enrolment}-follow-up-{months}");
            let mut d = Draft::new(v, "follow_up", &id, "follow_up_date");
            d.put(
                "enrolment",
                Value::from(enrolment.as_str()),
                enrolment_field,
            )
            .copy("date", "follow_up_date")
            .copy("months", "follow_up_months")
            .copy("status", "follow_up_status");
            drafts.push(d);
        }
        Ok(drafts)
    }

    /// The enrolment an activity or contact row belongs to: the one named, or the participant's
    /// latest enrolment in the programme referred on or before `date`.
    fn enrolment(
        &self,
        v: &RowValues<'_>,
        date: Option<NaiveDate>,
    ) -> Result<(String, &'static str), RowError> {
        if let Some(id) = v.text("enrolment_id") {
            return Ok((id.to_owned(), "enrolment_id"));
        }
        let who = if v.get("person_id").is_some() {
            "person_id"
        } else {
            "national_id"
        };
        let Some((person, new)) = self.person(v)? else {
            return Err(v.error(who, Problem::NoParticipant));
        };
        if new {
            return Err(v.error(who, Problem::UnknownParticipant));
        }
        let date = date.unwrap_or(NaiveDate::MAX);
        self.enrolments_of(&person)
            .into_iter()
            .filter(|(_, referred)| *referred <= date)
            .max_by_key(|(_, referred)| *referred)
            .map(|(id, _)| (id, who))
            .ok_or_else(|| v.error(who, Problem::NoEnrolment))
    }

    pub(super) fn activity<'r, 't>(
        &mut self,
        v: &'r RowValues<'t>,
    ) -> Result<Vec<Draft<'r, 't>>, RowError> {
        let start = v.date("start_date");
        let (enrolment, via) = self.enrolment(v, start)?;
        let id = made_id(v, "activity_id", &enrolment, start);
        let mut a = Draft::new(v, "activity_started", &id, "activity_id");
        a.put("enrolment", Value::from(enrolment.as_str()), via)
            .copy("date", "start_date")
            .same(&["kind", "planned_end", "company", "hours_per_week", "title"]);
        let mut drafts = vec![a];
        if v.get("end_date").is_some() || v.get("end_reason").is_some() {
            let mut e = Draft::new(v, "activity_ended", &format!("{id}-end"), "end_date");
            e.put("activity", Value::from(id.as_str()), "activity_id")
                .copy("date", "end_date")
                .copy("reason", "end_reason");
            drafts.push(e);
        }
        Ok(drafts)
    }

    pub(super) fn contact<'r, 't>(
        &mut self,
        v: &'r RowValues<'t>,
    ) -> Result<Vec<Draft<'r, 't>>, RowError> {
        let date = v.date("date");
        let (enrolment, via) = self.enrolment(v, date)?;
        let id = made_id(v, "contact_id", &enrolment, date);
        let mut c = Draft::new(v, "contact", &id, "contact_id");
        c.put("enrolment", Value::from(enrolment.as_str()), via)
            .same(&[
                "date",
                "kind",
                "attended",
                "interpreter_language",
                "caseworker",
                "note",
            ]);
        Ok(vec![c])
    }

    /// A company of the register. Its id is the sheet's, or the register's rule
    /// (`company_register::company_id`: from the CVR number, or without one the name), so that
    /// importing the same sheet again, or a company already typed in, adds nothing.
    pub(super) fn company<'r, 't>(&mut self, v: &'r RowValues<'t>) -> Vec<Draft<'r, 't>> {
        let id = match v.text("company_id") {
            Some(id) => id.to_owned(),
            None => jobbro_domain::company_register::company_id(
                v.text("cvr"),
                v.text("name").unwrap_or_default(),
            ),
        };
        let mut c = Draft::new(v, "company", &id, "company_id");
        c.same(&[
            "name",
            "cvr",
            "sector",
            "bottleneck",
            "partner_since",
            "diploma",
        ]);
        vec![c]
    }
}
