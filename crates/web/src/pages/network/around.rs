//! "People around the participant" on the participant page: the network people linked to each
//! enrolment, its interpreter need and planned meetings, with the choices its forms offer
//! (`around_forms`).

use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{InterpreterPool, LinkRole, MeetingState, NetworkPerson};
use jobbro_store::access::AccessStore;
use jobbro_store::network::{LinksOf, NetworkStore};
use jobbro_store::participant::ParticipantEnrolment;

use super::register::language_name;
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::companies::view::segment;
use crate::pages::enrolment_actions::INTERPRETER_LANGUAGES;
use crate::session::{PageError, SessionCaller};

/// A network person linked to an enrolment, as the section lists them.
pub struct LinkedPerson {
    pub href: String,
    pub name: String,
    pub role: String,
    pub languages: String,
    pub phone: String,
    pub period: String,
}

/// A planned meeting as the section lists it, with its booking choices.
pub struct MeetingLine {
    pub id: String,
    pub version: i64,
    pub when: String,
    pub kind: String,
    pub state: String,
    pub planned: bool,
    pub interpreter: Option<String>,
    /// Planned, ahead, a need and nobody booked: the line is marked and offers the booking.
    pub lacks_interpreter: bool,
    /// `(id, "name · 3 days' wait")`, the shortest wait first.
    pub interpreters: Vec<(String, String)>,
}

/// One enrolment's part of the section.
pub struct AroundEnrolment {
    pub id: String,
    pub programme: String,
    pub may_write: bool,
    pub people: Vec<LinkedPerson>,
    pub need: Option<String>,
    pub need_code: String,
    pub meetings: Vec<MeetingLine>,
    /// Who may be ticked as having taken part in a contact today: `(id, name)`.
    pub took_part: Vec<(String, String)>,
}

/// The section "People around the participant" (`network_around.html`).
pub struct Around {
    pub enrolments: Vec<AroundEnrolment>,
    pub today: String,
    pub meeting_kinds: Vec<(&'static str, String)>,
    pub roles: Vec<(&'static str, String)>,
    pub languages: Vec<(String, String)>,
    /// The organisation's network people to link: `(id, "name (kind)")`.
    pub register: Vec<(String, String)>,
}

impl Around {
    /// The people who may be ticked on the contact form of `enrolment`.
    pub fn took_part(&self, enrolment: &str) -> &[(String, String)] {
        self.enrolments
            .iter()
            .find(|e| e.id == enrolment)
            .map_or(&[], |e| e.took_part.as_slice())
    }
}

fn waiting(tr: &Tr, p: &NetworkPerson) -> String {
    match p.waiting_days {
        Some(d) => format!(
            "{} · {}",
            p.name,
            tr.t_with("network-waiting-days", &[("days", Arg::from(i64::from(d)))])
        ),
        None => p.name.clone(),
    }
}

/// The section for the enrolments the page shows (those the caller may read). Audited first:
/// one row for the register's names it shows.
pub(crate) async fn around(
    state: &AppState,
    caller: &SessionCaller,
    person: &str,
    enrolments: &[ParticipantEnrolment],
    names: &(dyn Fn(&str) -> String + Send + Sync),
) -> Result<Around, PageError> {
    let db = state.db.as_ref();
    let tr = Tr::new(caller.lang);
    let today = caller.ctx.today();
    let org = &caller.actor.organisation;
    let mut entry = caller.ctx.audit("read", "network_register", org, None);
    entry.purpose = Some(format!("people around participant {person}"));
    db.append_audit(&[entry]).await?;
    let register: Vec<NetworkPerson> = db
        .network_people(org)
        .await?
        .into_iter()
        .map(|e| e.person)
        .collect();
    let pool = InterpreterPool::new(register.iter().cloned());
    let find = |id: &str| register.iter().find(|p| p.id == id);
    let mut out = Vec::new();
    for e in enrolments {
        let resource = Resource::Enrolment {
            organisation: org,
            programme: &e.programme,
            caseworker: e.caseworker.as_deref(),
        };
        let may_write = can(&caller.actor, Action::WriteCase, &resource) == Decision::Allow;
        let links = db.links(LinksOf::Enrolment(&e.id)).await?;
        let need = db.interpreter_need(&e.id).await?.map(|n| n.language);
        let people = links
            .iter()
            .filter_map(|l| find(&l.person).map(|p| (l, p)))
            .map(|(l, p)| LinkedPerson {
                href: format!("/network/{}", segment(&p.id)),
                name: p.name.clone(),
                role: tr.code("network-kind", l.role.as_str()),
                languages: p
                    .languages
                    .iter()
                    .map(|x| language_name(&tr, *x))
                    .collect::<Vec<_>>()
                    .join(", "),
                phone: p.phone.clone().unwrap_or_default(),
                period: match l.to {
                    Some(to) => format!("{} – {}", tr.date(l.from), tr.date(to)),
                    None => tr.t_with(
                        "network-linked-since",
                        &[("date", Arg::from(tr.date(l.from).as_str()))],
                    ),
                },
            })
            .collect();
        let choices: Vec<(String, String)> = match need {
            Some(l) => pool.for_language(l),
            None => Vec::new(),
        }
        .into_iter()
        .map(|p| (p.id.clone(), waiting(&tr, p)))
        .collect();
        let meetings = db
            .meetings(&e.id)
            .await?
            .into_iter()
            .map(|m| MeetingLine {
                when: match m.time {
                    Some(t) => format!("{} {}", tr.date(m.date), t.format("%H:%M")),
                    None => tr.date(m.date),
                },
                kind: tr.code("contact", m.kind.as_str()),
                state: tr.code("meeting-state", m.state.as_str()),
                planned: m.state == MeetingState::Planned,
                interpreter: m
                    .interpreter
                    .as_deref()
                    .map(|i| find(i).map_or_else(|| i.to_owned(), |p| p.name.clone())),
                lacks_interpreter: need.is_some() && m.lacks_interpreter_on(today),
                interpreters: choices.clone(),
                version: m.version,
                id: m.id,
            })
            .collect();
        let took_part = links
            .iter()
            .filter(|l| l.holds_on(today))
            .filter_map(|l| find(&l.person))
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect();
        out.push(AroundEnrolment {
            id: e.id.clone(),
            programme: names(&e.programme),
            may_write,
            people,
            need: need.map(|l| language_name(&tr, l)),
            need_code: need.map(|l| l.as_str().to_owned()).unwrap_or_default(),
            meetings,
            took_part,
        });
    }
    let mut languages: Vec<String> = INTERPRETER_LANGUAGES
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
    for p in &register {
        languages.extend(p.languages.iter().map(|l| l.as_str().to_owned()));
    }
    languages.sort_unstable();
    languages.dedup();
    Ok(Around {
        enrolments: out,
        today: today.to_string(),
        meeting_kinds: ContactKind::ALL
            .iter()
            .filter(|k| **k != ContactKind::Message)
            .map(|k| (k.as_str(), tr.code("contact", k.as_str())))
            .collect(),
        roles: LinkRole::ALL
            .iter()
            .map(|r| (r.as_str(), tr.code("network-kind", r.as_str())))
            .collect(),
        languages: languages
            .into_iter()
            .map(|l| {
                let name = tr.name_or_code("language-name", &l);
                (l, name)
            })
            .collect(),
        register: register
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    format!("{} ({})", p.name, tr.code("network-kind", p.kind.as_str())),
                )
            })
            .collect(),
    })
}
