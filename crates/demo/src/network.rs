//! The demo's people around the participants (ISSUE 6, item 5), put beside the demo timeline:
//! mentors at the first demo companies, bridge builders and national-group contacts who speak the
//! participants' languages, interpreters (Arabic, Somali, Tigrinya, Farsi, Ukrainian…) with
//! usual waiting days from 2 to 10, and for a few of the demo caseworker's active participants an
//! interpreter need, links and planned meetings — one without an interpreter, so My day shows an
//! `interpreter_missing` item with its booking.
//!
//! Fictional people only: made-up names, phone numbers from unused ranges (`+45 00 …`), e-mail at
//! `example.org`. Written through the store's checked, audited writes, as a user's would be.

use chrono::{Days, NaiveDate};
use jobbro_domain::codes::Language;
use jobbro_domain::enums::ContactKind;
use jobbro_domain::network::{
    LinkRole, MeetingState, NetworkKind, NetworkLink, NetworkPerson, PlannedMeeting,
};
use jobbro_domain::records::Person;
use jobbro_domain::status::Status;
use jobbro_store::access::AccessStore;
use jobbro_store::network::ops;
use jobbro_store::{Context, Database, StoreError};

use crate::seed::DEMO_CASEWORKER;

/// `(id, name, kind, languages, waiting days)` of one demo network person.
type Planned = (
    &'static str,
    &'static str,
    NetworkKind,
    &'static [&'static str],
    Option<u16>,
);

/// The demo's network (mentors get the first companies).
const PEOPLE: &[Planned] = &[
    ("net-001", "Mette Kjær", NetworkKind::Mentor, &["da"], None),
    (
        "net-002",
        "Lars Holm",
        NetworkKind::Mentor,
        &["da", "en"],
        None,
    ),
    (
        "net-003",
        "Sofie Winther",
        NetworkKind::Mentor,
        &["da"],
        None,
    ),
    (
        "net-004",
        "Hodan Warsame",
        NetworkKind::BridgeBuilder,
        &["so", "da"],
        None,
    ),
    (
        "net-005",
        "Yonas Tesfamariam",
        NetworkKind::BridgeBuilder,
        &["ti", "ar"],
        None,
    ),
    (
        "net-006",
        "Leila Rahimi",
        NetworkKind::NationalGroupContact,
        &["fa", "ps"],
        None,
    ),
    (
        "net-007",
        "Nour Haddad",
        NetworkKind::NationalGroupContact,
        &["ar"],
        None,
    ),
    (
        "net-008",
        "Olena Kovalenko",
        NetworkKind::BridgeBuilder,
        &["uk", "ru"],
        None,
    ),
    (
        "net-009",
        "Samir Khalil",
        NetworkKind::Interpreter,
        &["ar"],
        Some(3),
    ),
    (
        "net-010",
        "Amal Yousef",
        NetworkKind::Interpreter,
        &["ar", "ku"],
        Some(6),
    ),
    (
        "net-011",
        "Faadumo Cali",
        NetworkKind::Interpreter,
        &["so"],
        Some(5),
    ),
    (
        "net-012",
        "Senait Gebre",
        NetworkKind::Interpreter,
        &["ti"],
        Some(8),
    ),
    (
        "net-013",
        "Dariush Karimi",
        NetworkKind::Interpreter,
        &["fa", "ps"],
        Some(2),
    ),
    (
        "net-014",
        "Iryna Shevchuk",
        NetworkKind::Interpreter,
        &["uk", "ru"],
        Some(10),
    ),
];

/// Languages a demo participant may need an interpreter in, most asked first.
const NEEDED: [&str; 6] = ["ar", "so", "ti", "fa", "uk", "ps"];

fn day(from: NaiveDate, days: u64) -> NaiveDate {
    from.checked_add_days(Days::new(days)).unwrap_or(from)
}

fn bad(reason: &str) -> StoreError {
    StoreError::BadInput {
        field: "demo network".into(),
        reason: reason.into(),
    }
}

/// Writes the demo network as of `today`; the number of network people added.
pub async fn seed_network(
    db: &Database,
    ctx: &Context,
    today: NaiveDate,
) -> Result<usize, StoreError> {
    let companies = jobbro_store::companies::companies(db).await?;
    let mut mentors_at = companies.iter().map(|c| c.id.clone());
    for (n, (id, name, kind, languages, waiting_days)) in PEOPLE.iter().enumerate() {
        let person = NetworkPerson {
            id: (*id).into(),
            name: (*name).into(),
            kind: *kind,
            company: if *kind == NetworkKind::Mentor {
                mentors_at.next()
            } else {
                None
            },
            languages: languages
                .iter()
                .filter_map(|l| Language::parse(l).ok())
                .collect(),
            area: (*kind != NetworkKind::Mentor).then(|| "Helsingør".to_owned()),
            waiting_days: *waiting_days,
            phone: Some(format!("+45 00 00 09 {n:02}")),
            email: Some(format!("{id}@example.org")),
            notes: None,
        };
        if let Err(refused) = ops::add_person(db, ctx, &person).await? {
            return Err(bad(&format!("{id}: {refused:?}")));
        }
    }
    let programmes = jobbro_store::programmes(db).await?;
    let Some(first) = programmes.first() else {
        return Ok(PEOPLE.len());
    };
    let load = jobbro_store::caseload::caseload(
        db,
        today,
        std::slice::from_ref(&first.id),
        Some(DEMO_CASEWORKER),
    )
    .await?;
    let mut planned = 0;
    for case in load
        .cases
        .iter()
        .filter(|c| matches!(c.status, Status::Active { .. }))
    {
        if planned == 4 {
            break;
        }
        let Some((body, _)) = db.person_row(&case.person).await? else {
            continue;
        };
        let Ok(person) = serde_json::from_str::<Person>(&body) else {
            continue;
        };
        let Some(language) = person
            .languages
            .iter()
            .find(|l| NEEDED.contains(&l.as_str()))
            .copied()
        else {
            continue;
        };
        ops::set_need(db, ctx, &case.enrolment, &first.id, Some(language)).await?;
        let speaks = |kinds: &[NetworkKind]| {
            PEOPLE
                .iter()
                .find(|(_, _, k, langs, _)| kinds.contains(k) && langs.contains(&language.as_str()))
        };
        let mut links = Vec::new();
        if let Some((id, ..)) = speaks(&[
            NetworkKind::BridgeBuilder,
            NetworkKind::NationalGroupContact,
        ]) {
            links.push((*id, None));
        }
        links.push((PEOPLE[planned % 3].0, Some(LinkRole::Mentor)));
        for (n, (person, role)) in links.into_iter().enumerate() {
            let link = NetworkLink {
                id: format!("lnk-{}-{n}", case.enrolment),
                person: person.into(),
                enrolment: case.enrolment.clone(),
                role: role.unwrap_or(LinkRole::BridgeBuilder),
                from: day(today, 0)
                    .checked_sub_days(Days::new(30))
                    .unwrap_or(today),
                to: None,
                activity: None,
            };
            if let Err(refused) = ops::add_link(db, ctx, &link, &first.id).await? {
                return Err(bad(&format!("{}: {refused:?}", link.id)));
            }
        }
        // The first participant's meeting has no interpreter yet: My day lists it.
        let interpreter = match planned {
            0 => None,
            _ => speaks(&[NetworkKind::Interpreter]).map(|(id, ..)| (*id).to_owned()),
        };
        let meeting = PlannedMeeting {
            id: format!("mtg-{}", case.enrolment),
            enrolment: case.enrolment.clone(),
            date: day(today, 6 + 2 * planned as u64),
            time: "10:00".parse().ok(),
            kind: ContactKind::Meeting,
            interpreter,
            caseworker: Some(DEMO_CASEWORKER.into()),
            state: MeetingState::Planned,
            version: 1,
        };
        if let Err(refused) = ops::plan_meeting(db, ctx, &meeting, &first.id).await? {
            return Err(bad(&format!("{}: {refused:?}", meeting.id)));
        }
        planned += 1;
    }
    Ok(PEOPLE.len())
}
