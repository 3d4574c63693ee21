//! The network part of a person's data export (GDPR Art. 15): for each of their enrolments, the
//! interpreter need, the network people linked (named: who was involved is the person's to
//! know), the planned meetings and who took part in their contacts. Read by `export_person`,
//! which audits the export; nothing here writes or logs.

use jobbro_domain::codes::Language;
use jobbro_domain::network::{NetworkKind, NetworkLink, PlannedMeeting};
use serde::Serialize;

use super::{LinksOf, NetworkStore};
use crate::StoreError;
use crate::access::AccessStore;

/// The network data about one person, by enrolment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NetworkExport {
    pub interpreter_needs: Vec<ExportedNeed>,
    pub links: Vec<ExportedLink>,
    pub meetings: Vec<PlannedMeeting>,
    pub contact_participants: Vec<ExportedParticipant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedNeed {
    pub enrolment: String,
    pub language: Language,
}

/// A link, with the network person's name and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedLink {
    #[serde(flatten)]
    pub link: NetworkLink,
    pub name: Option<String>,
    pub kind: Option<NetworkKind>,
}

/// A network person who took part in one of the person's contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedParticipant {
    pub enrolment: String,
    pub contact: String,
    pub network_person: String,
    pub name: Option<String>,
}

/// The network data of `enrolments` (each with its programme).
pub async fn network_export<B: NetworkStore + AccessStore>(
    db: &B,
    enrolments: &[(String, String)],
) -> Result<NetworkExport, StoreError> {
    let mut out = NetworkExport::default();
    for (enrolment, programme) in enrolments {
        let organisation = db
            .programme_organisation(programme)
            .await?
            .unwrap_or_default();
        let people = db.network_people(&organisation).await?;
        let name_of = |id: &str| people.iter().find(|p| p.person.id == id);
        if let Some(need) = db.interpreter_need(enrolment).await? {
            out.interpreter_needs.push(ExportedNeed {
                enrolment: enrolment.clone(),
                language: need.language,
            });
        }
        for link in db.links(LinksOf::Enrolment(enrolment)).await? {
            let found = name_of(&link.person);
            out.links.push(ExportedLink {
                name: found.map(|p| p.person.name.clone()),
                kind: found.map(|p| p.person.kind),
                link,
            });
        }
        out.meetings.extend(db.meetings(enrolment).await?);
        for cp in db.contact_participants(enrolment).await? {
            out.contact_participants.push(ExportedParticipant {
                enrolment: enrolment.clone(),
                name: name_of(&cp.network_person).map(|p| p.person.name.clone()),
                contact: cp.contact,
                network_person: cp.network_person,
            });
        }
    }
    Ok(out)
}
