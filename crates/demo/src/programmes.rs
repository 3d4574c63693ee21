//! The generated programmes, their caseworkers and partner companies: everything that is written
//! before the first person.
//!
//! Four programme templates, modelled on the kinds of programme jobbro serves (a Danish programme
//! for women far from the labour market with contact every five days, a Swedish company-route
//! programme in Helsingborg, a youth programme aiming at education, a company-track programme
//! with default rules). Large timelines repeat the four in more municipalities, so caseloads and
//! the number of partner companies stay realistic at any size. The templates themselves are in
//! `templates`.

use chrono::{Datelike, NaiveDate};
use jobbro_domain::records::{Budget, Caseworker, Entity, Goal, Programme, Record};
use jobbro_domain::rules::Rules;
use serde_json::Number;

use crate::companies::{CompanyInfo, companies};
use crate::names::{NameSet, Origin, ascii_fold};
use crate::rng::{Rng, plus_days};
pub(crate) use crate::templates::{Nation, TEMPLATES, Template};

/// Enrolments per set of four programmes (one "municipality group"); a timeline of fewer than
/// twice this many is one group.
pub(crate) const GROUP_ENROLMENTS: usize = 2_500;

const DK_MUNICIPALITIES: [&str; 20] = [
    "Helsingør",
    "Hjørring",
    "Ikast-Brande",
    "Odense",
    "Aarhus",
    "Aalborg",
    "Esbjerg",
    "Vejle",
    "Randers",
    "Kolding",
    "Horsens",
    "Silkeborg",
    "Næstved",
    "Holbæk",
    "Slagelse",
    "Roskilde",
    "Køge",
    "Ishøj",
    "Albertslund",
    "Høje-Taastrup",
];

const SE_MUNICIPALITIES: [&str; 12] = [
    "Helsingborg",
    "Malmö",
    "Landskrona",
    "Göteborg",
    "Borås",
    "Södertälje",
    "Norrköping",
    "Örebro",
    "Uppsala",
    "Västerås",
    "Eskilstuna",
    "Halmstad",
];
/// A programme as the enrolment generator needs it.
#[derive(Debug, Clone)]
pub(crate) struct ProgrammeInfo {
    pub id: String,
    pub template: Template,
    pub rules: Rules,
    pub caseworkers: Vec<(String, u32)>,
    pub companies: Vec<CompanyInfo>,
}

impl ProgrammeInfo {
    pub(crate) fn nation(&self) -> Nation {
        self.template.nation()
    }

    /// A caseworker by the programme's shares; `None` only if it has none.
    pub(crate) fn pick_caseworker(&self, rng: &mut Rng) -> Option<&str> {
        let total: u32 = self.caseworkers.iter().map(|(_, w)| *w).sum();
        let mut roll = u32::try_from(rng.below(total as usize)).unwrap_or(0);
        for (id, w) in &self.caseworkers {
            if roll < *w {
                return Some(id);
            }
            roll -= w;
        }
        self.caseworkers.first().map(|(id, _)| id.as_str())
    }
}

/// The programmes of every group, and the entity records to write first.
pub(crate) struct World {
    pub groups: Vec<Vec<ProgrammeInfo>>,
    pub entities: Vec<Record>,
}

/// First of the month three years and two months before `today`: every referral is after it.
pub(crate) fn programme_start(today: NaiveDate) -> NaiveDate {
    let d = plus_days(today, -(3 * 365 + 61));
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d)
}

pub(crate) fn build_world(seed: u64, today: NaiveDate, enrolments: usize) -> World {
    // Whole groups only: a timeline of 4,999 enrolments is one group, so its programmes are big.
    let groups = (enrolments / GROUP_ENROLMENTS).max(1);
    let mut rng = Rng::stream(seed, u64::MAX);
    let mut entities = Vec::new();
    let mut caseworker_records = Vec::new();
    let mut company_records = Vec::new();
    let (mut next_caseworker, mut next_company) = (0u32, 0u32);
    let mut out = Vec::with_capacity(groups);
    for g in 0..groups {
        let expected = (enrolments / groups).max(1);
        let dk_companies = companies(
            &mut rng,
            Nation::Dk,
            36,
            &mut next_company,
            today,
            &mut company_records,
        );
        let se_companies = companies(
            &mut rng,
            Nation::Se,
            12,
            &mut next_company,
            today,
            &mut company_records,
        );
        let mut programmes = Vec::with_capacity(TEMPLATES.len());
        let mut danish = 0;
        for (template, share) in &TEMPLATES {
            let municipality = match template.nation() {
                Nation::Dk => DK_MUNICIPALITIES[(3 * g + danish) % DK_MUNICIPALITIES.len()],
                Nation::Se => SE_MUNICIPALITIES[g % SE_MUNICIPALITIES.len()],
            };
            if template.nation() == Nation::Dk {
                danish += 1;
            }
            let id = match g {
                0 => format!("p-{}", template.slug()),
                _ => format!("p-{}-{:04}", template.slug(), g + 1),
            };
            let expected_here = expected as f64 * f64::from(*share) / 100.0;
            entities.push(Record::Entity(Entity::Programme(programme_record(
                &id,
                *template,
                municipality,
                expected_here,
                today,
            ))));
            let caseworkers = template
                .caseworker_weights(expected_here)
                .iter()
                .enumerate()
                .map(|(k, w)| {
                    next_caseworker += 1;
                    let cw = caseworker(
                        &mut rng,
                        next_caseworker,
                        template.nation(),
                        k,
                        municipality,
                    );
                    let id = cw.id.clone();
                    caseworker_records.push(Record::Entity(Entity::Caseworker(cw)));
                    (id, *w)
                })
                .collect();
            let companies = match template.nation() {
                Nation::Dk => dk_companies.clone(),
                Nation::Se => se_companies.clone(),
            };
            programmes.push(ProgrammeInfo {
                id,
                template: *template,
                rules: template.rules().effective(),
                caseworkers,
                companies,
            });
        }
        out.push(programmes);
    }
    entities.append(&mut caseworker_records);
    entities.append(&mut company_records);
    World {
        groups: out,
        entities,
    }
}

fn programme_record(
    id: &str,
    template: Template,
    municipality: &str,
    expected: f64,
    today: NaiveDate,
) -> Programme {
    let (name, operator, funder, target_group, budget) = match template {
        Template::Women => (
            "Kvinder i beskæftigelse".to_owned(),
            format!("Jobcenter {municipality}"),
            "Styrelsen for Arbejdsmarked og Rekruttering",
            "Kvinder med ikke-vestlig baggrund, mere end tre år på kontanthjælp",
            (12_000_000u64, "DKK"),
        ),
        Template::Recruit => (
            "Rekrytera".to_owned(),
            format!("Arbetsmarknadsförvaltningen, {municipality} stad"),
            "Europeiska socialfonden",
            "Vuxna med försörjningsstöd som står långt från arbetsmarknaden",
            (25_000_000, "SEK"),
        ),
        Template::Youth => (
            "Ung i uddannelse og job".to_owned(),
            format!("Jobcenter {municipality}, Ungeenheden"),
            "Kommunal finansiering",
            "Unge 18–29 år uden uddannelse ud over grundskolen",
            (4_500_000, "DKK"),
        ),
        Template::CompanyTrack => (
            "Jobsporet".to_owned(),
            format!("Jobcenter {municipality}"),
            "Styrelsen for Arbejdsmarked og Rekruttering",
            "Ledige på kontanthjælp eller dagpenge med behov for en virksomhedsrettet indsats",
            (6_000_000, "DKK"),
        ),
    };
    Programme {
        id: id.to_owned(),
        name,
        start: programme_start(today),
        end: None,
        operator: Some(operator),
        funder: Some(funder.to_owned()),
        budget: Some(Budget {
            amount: Number::from(budget.0),
            currency: budget.1.to_owned(),
        }),
        target_group: Some(target_group.to_owned()),
        rules: template.rules(),
        goals: template
            .goals()
            .iter()
            .map(|(indicator, share)| Goal {
                indicator: *indicator,
                target: (expected * share).round().max(1.0) as u64,
            })
            .collect(),
    }
}

/// A job consultant. Every third is a bridge builder who shares many participants' language.
fn caseworker(rng: &mut Rng, n: u32, nation: Nation, k: usize, municipality: &str) -> Caseworker {
    let names: &NameSet = match nation {
        _ if k % 3 == 2 => rng
            .pick(&[Origin::Syria, Origin::Somalia, Origin::Afghanistan])
            .names(),
        Nation::Dk => Origin::Denmark.names(),
        Nation::Se => Origin::Sweden.names(),
    };
    let given_list = if rng.chance(0.7) {
        names.female
    } else {
        names.male
    };
    let given = rng.pick_slice(given_list).copied().unwrap_or("Kim");
    let family = rng.pick_slice(names.family).copied().unwrap_or("Holm");
    Caseworker {
        id: format!("cw-{n:03}"),
        name: format!("{given} {family}"),
        email: Some(format!(
            "{}.{}@{}.example.org",
            ascii_fold(given),
            ascii_fold(family),
            ascii_fold(municipality)
        )),
    }
}
