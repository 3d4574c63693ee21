//! Status digests: the part of an enrolment's timeline that status on a date and the status
//! report read (referral, intake decisions, each activity's kind, hours, start and ends, leavings,
//! follow-ups) and the person's report attributes, packed into a few dozen bytes.
//!
//! A national report of every programme reads a million of these instead of thirty million events
//! (docs/ARCHITECTURE.md, "Status at national scale"). Digests are packed into [`Chunk`]s of
//! enrolments with neighbouring keys, the unit the store keeps.
//!
//! Decoding gives back an [`EnrolmentTimeline`] and [`Attributes`], so the status and the report
//! are computed by the same code whichever way an enrolment was read. What a digest leaves out
//! (contacts, assignments, planned ends, activity ids and companies, the enrolment's id and
//! person) must never be read from a decoded timeline.

use chrono::{Datelike, NaiveDate};

use crate::codes::Country;
use crate::enums::{ActivityKind, Benefit, Decision, FollowUpStatus, Gender, LeaveReason};
use crate::report::{Attributes, Birth};
use crate::timeline::{Activity, EnrolmentTimeline};

/// Whether an event of this record type can change what a digest holds: every event but
/// contacts and assignments, which the status report does not read.
pub fn changes_status(record_type: &str) -> bool {
    !matches!(record_type, "contact" | "assigned")
}

/// The first byte of every chunk; a chunk written in another layout is refused, not misread.
const VERSION: u8 = 1;

/// Why bytes are not a chunk of digests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("status digest chunk is corrupt: {0}")]
pub struct DigestError(&'static str);

/// Builds one chunk: the digests of enrolments added in key order.
#[derive(Debug, Default)]
pub struct ChunkWriter {
    programmes: Vec<String>,
    records: Vec<u8>,
    count: u64,
    min_referred: Option<NaiveDate>,
}

impl ChunkWriter {
    /// Adds the digest of enrolment `key`.
    pub fn add(&mut self, key: i64, t: &EnrolmentTimeline, person: &Attributes) {
        let programme = match self.programmes.iter().position(|p| *p == t.programme) {
            Some(i) => i,
            None => {
                self.programmes.push(t.programme.clone());
                self.programmes.len() - 1
            }
        };
        let mut record = Vec::with_capacity(64);
        encode(&mut record, programme, t, person);
        put_signed(&mut self.records, key);
        put_unsigned(&mut self.records, record.len() as u64);
        self.records.extend_from_slice(&record);
        self.count += 1;
        self.min_referred = Some(self.min_referred.map_or(t.referred, |m| m.min(t.referred)));
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The earliest referral in the chunk: a report on an earlier day can skip the chunk.
    pub fn min_referred(&self) -> Option<NaiveDate> {
        self.min_referred
    }

    /// The chunk's bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut out = vec![VERSION];
        put_unsigned(&mut out, self.programmes.len() as u64);
        for p in &self.programmes {
            put_unsigned(&mut out, p.len() as u64);
            out.extend_from_slice(p.as_bytes());
        }
        put_unsigned(&mut out, self.count);
        out.extend_from_slice(&self.records);
        out
    }
}

/// A chunk being read: its programmes, then its digests one at a time.
pub struct Chunk<'a> {
    programmes: Vec<&'a str>,
    reader: Reader<'a>,
    left: u64,
}

/// One enrolment of a chunk, not decoded yet.
pub struct Entry<'a> {
    pub key: i64,
    pub programme: &'a str,
    reader: Reader<'a>,
}

impl<'a> Chunk<'a> {
    pub fn read(bytes: &'a [u8]) -> Result<Self, DigestError> {
        let mut reader = Reader(bytes);
        if reader.byte()? != VERSION {
            return Err(DigestError("unknown version"));
        }
        let n = reader.len()?;
        let mut programmes = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            let len = reader.len()?;
            let text = std::str::from_utf8(reader.take(len)?)
                .map_err(|_| DigestError("a programme id is not UTF-8"))?;
            programmes.push(text);
        }
        let left = reader.unsigned()?;
        Ok(Chunk {
            programmes,
            reader,
            left,
        })
    }

    /// The next enrolment, or `None` at the end.
    pub fn next_entry(&mut self) -> Result<Option<Entry<'a>>, DigestError> {
        if self.left == 0 {
            return if self.reader.0.is_empty() {
                Ok(None)
            } else {
                Err(DigestError("bytes after the last digest"))
            };
        }
        self.left -= 1;
        let key = self.reader.signed()?;
        let len = self.reader.len()?;
        let mut reader = Reader(self.reader.take(len)?);
        let programme = *self
            .programmes
            .get(reader.len()?)
            .ok_or(DigestError("programme index out of range"))?;
        Ok(Some(Entry {
            key,
            programme,
            reader,
        }))
    }
}

impl Entry<'_> {
    /// The referral date, read without decoding the rest.
    pub fn referred(&self) -> Result<NaiveDate, DigestError> {
        self.reader.clone().date()
    }

    /// Decodes the digest into `t` and `person`, reusing their allocations. Of `t`, only what a
    /// digest keeps is filled in (see the module's documentation).
    pub fn decode(
        mut self,
        t: &mut EnrolmentTimeline,
        person: &mut Attributes,
    ) -> Result<(), DigestError> {
        let r = &mut self.reader;
        t.id.clear();
        t.person.clear();
        t.referred_caseworker = None;
        t.contacts.clear();
        t.assignments.clear();
        t.programme.clear();
        t.programme.push_str(self.programme);
        t.referred = r.date()?;
        t.intakes.clear();
        for _ in 0..r.len()? {
            t.intakes.push((r.date()?, r.code(Decision::ALL)?));
        }
        let n = r.len()?;
        t.activities.truncate(n);
        for i in 0..n {
            let kind = r.code(ActivityKind::ALL)?;
            let start = r.date()?;
            let hours = match r.byte()? {
                0 => None,
                _ => Some(f64::from_bits(u64::from_le_bytes(
                    r.take(8)?.try_into().map_err(|_| DigestError("hours"))?,
                ))),
            };
            if i == t.activities.len() {
                t.activities.push(Activity {
                    id: String::new(),
                    kind,
                    start,
                    hours_per_week: hours,
                    company: None,
                    plans: Vec::new(),
                    ends: Vec::new(),
                });
            }
            let a = &mut t.activities[i];
            a.kind = kind;
            a.start = start;
            a.hours_per_week = hours;
            a.ends.clear();
            for _ in 0..r.len()? {
                a.ends.push((r.date()?, None));
            }
        }
        t.leavings.clear();
        for _ in 0..r.len()? {
            t.leavings.push((r.date()?, r.code(LeaveReason::ALL)?));
        }
        t.follow_ups.clear();
        for _ in 0..r.len()? {
            let date = r.date()?;
            let months = u32::try_from(r.unsigned()?).map_err(|_| DigestError("months"))?;
            t.follow_ups
                .push((date, months, r.code(FollowUpStatus::ALL)?));
        }
        person.gender = r.optional_code(Gender::ALL)?;
        person.benefit = r.optional_code(Benefit::ALL)?;
        person.birth = match r.byte()? {
            0 => None,
            1 => Some(Birth::Date(r.date()?)),
            2 => Some(Birth::Year(
                i32::try_from(r.signed()?).map_err(|_| DigestError("birth year"))?,
            )),
            _ => return Err(DigestError("birth")),
        };
        person.origin_country = match r.len()? {
            0 => None,
            len => {
                let code = std::str::from_utf8(r.take(len)?).map_err(|_| DigestError("country"))?;
                Some(Country::parse(code).map_err(|_| DigestError("country"))?)
            }
        };
        if r.0.is_empty() {
            Ok(())
        } else {
            Err(DigestError("bytes after a digest"))
        }
    }
}

fn encode(out: &mut Vec<u8>, programme: usize, t: &EnrolmentTimeline, person: &Attributes) {
    put_unsigned(out, programme as u64);
    put_date(out, t.referred);
    put_unsigned(out, t.intakes.len() as u64);
    for (date, decision) in &t.intakes {
        put_date(out, *date);
        out.push(*decision as u8);
    }
    put_unsigned(out, t.activities.len() as u64);
    for a in &t.activities {
        out.push(a.kind as u8);
        put_date(out, a.start);
        match a.hours_per_week {
            None => out.push(0),
            Some(h) => {
                out.push(1);
                out.extend_from_slice(&h.to_bits().to_le_bytes());
            }
        }
        put_unsigned(out, a.ends.len() as u64);
        for (end, _) in &a.ends {
            put_date(out, *end);
        }
    }
    put_unsigned(out, t.leavings.len() as u64);
    for (date, reason) in &t.leavings {
        put_date(out, *date);
        out.push(*reason as u8);
    }
    put_unsigned(out, t.follow_ups.len() as u64);
    for (date, months, status) in &t.follow_ups {
        put_date(out, *date);
        put_unsigned(out, u64::from(*months));
        out.push(*status as u8);
    }
    out.push(person.gender.map_or(0, |g| g as u8 + 1));
    out.push(person.benefit.map_or(0, |b| b as u8 + 1));
    match person.birth {
        None => out.push(0),
        Some(Birth::Date(d)) => {
            out.push(1);
            put_date(out, d);
        }
        Some(Birth::Year(y)) => {
            out.push(2);
            put_signed(out, i64::from(y));
        }
    }
    let country = person.origin_country.map_or("", |c| c.as_str());
    put_unsigned(out, country.len() as u64);
    out.extend_from_slice(country.as_bytes());
}

fn put_unsigned(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_unsigned(out, ((v << 1) ^ (v >> 63)) as u64);
}

fn put_date(out: &mut Vec<u8>, d: NaiveDate) {
    put_signed(out, i64::from(d.num_days_from_ce()));
}

#[derive(Clone)]
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, DigestError> {
        let (first, rest) = self.0.split_first().ok_or(DigestError("ends early"))?;
        self.0 = rest;
        Ok(*first)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DigestError> {
        if n > self.0.len() {
            return Err(DigestError("ends early"));
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(taken)
    }

    fn unsigned(&mut self) -> Result<u64, DigestError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(DigestError("number too long"))
    }

    fn len(&mut self) -> Result<usize, DigestError> {
        usize::try_from(self.unsigned()?).map_err(|_| DigestError("length"))
    }

    fn signed(&mut self) -> Result<i64, DigestError> {
        let v = self.unsigned()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    fn date(&mut self) -> Result<NaiveDate, DigestError> {
        i32::try_from(self.signed()?)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or(DigestError("date out of range"))
    }

    fn code<T: Copy>(&mut self, all: &[T]) -> Result<T, DigestError> {
        all.get(usize::from(self.byte()?))
            .copied()
            .ok_or(DigestError("unknown code"))
    }

    fn optional_code<T: Copy>(&mut self, all: &[T]) -> Result<Option<T>, DigestError> {
        match self.byte()? {
            0 => Ok(None),
            n => all
                .get(usize::from(n - 1))
                .copied()
                .map(Some)
                .ok_or(DigestError("unknown code")),
        }
    }
}

#[cfg(test)]
mod tests;
