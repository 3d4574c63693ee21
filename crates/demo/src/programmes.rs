//! The generated programmes, their caseworkers and partner companies: everything that is written
//! before the first person.
//!
//! Four programme templates, modelled on the kinds of programme jobbro serves (a Danish programme
//! for women far from the labour market with contact every five days, a Swedish company-route
//! programme in Helsingborg, a youth programme aiming at education, a company-track programme
//! with default rules). Large timelines repeat the four in more municipalities, so caseloads and
//! the number of partner companies stay realistic at any size.

use chrono::{Datelike, NaiveDate};
use jobbro_domain::enums::{Benefit, Indicator};
use jobbro_domain::records::{Budget, Caseworker, Entity, Goal, Programme, Record};
use jobbro_domain::rules::{RuleSettings, Rules};
use serde_json::Number;

use crate::companies::{CompanyInfo, companies};
use crate::names::{NameSet, Origin, ascii_fold};
use crate::paths::TrackKind;
use crate::rng::{Rng, plus_days};

/// Enrolments per set of four programmes (one "municipality group").
pub(crate) const GROUP_ENROLMENTS: usize = 2_500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nation {
    Dk,
    Se,
}

impl Nation {
    /// The Danish or the Swedish text.
    pub(crate) fn text(self, dk: &'static str, se: &'static str) -> &'static str {
        match self {
            Nation::Dk => dk,
            Nation::Se => se,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    /// Women far from the labour market, contact every 5 days (Kvinder i beskæftigelse).
    Women,
    /// Swedish company route into work (Rekrytera).
    Recruit,
    /// Young people, into education first.
    Youth,
    /// Internship, wage subsidy, job; default rules.
    CompanyTrack,
}

/// Share of enrolments per template, in percent.
pub(crate) const TEMPLATES: [(Template, u32); 4] = [
    (Template::Women, 35),
    (Template::Recruit, 30),
    (Template::Youth, 15),
    (Template::CompanyTrack, 20),
];

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

impl Template {
    pub(crate) fn nation(self) -> Nation {
        match self {
            Template::Recruit => Nation::Se,
            _ => Nation::Dk,
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Template::Women => "kvinder",
            Template::Recruit => "rekrytera",
            Template::Youth => "ung",
            Template::CompanyTrack => "jobsporet",
        }
    }

    fn rules(self) -> RuleSettings {
        match self {
            Template::Women => RuleSettings {
                contact_every_days: Some(5),
                max_days_without_activity: Some(42),
                aftercare_contact_every_days: Some(7),
                follow_up_months: Some(vec![6]),
                max_caseload: Some(15),
                ..RuleSettings::default()
            },
            Template::Recruit => RuleSettings {
                contact_every_days: Some(7),
                aftercare_contact_every_days: Some(14),
                follow_up_months: Some(vec![6, 12]),
                full_time_hours: Some(35.0),
                max_caseload: Some(30),
                ..RuleSettings::default()
            },
            Template::Youth => RuleSettings {
                contact_every_days: Some(7),
                max_days_without_activity: Some(28),
                no_show_limit: Some(3),
                max_caseload: Some(10),
                ..RuleSettings::default()
            },
            Template::CompanyTrack => RuleSettings::default(),
        }
    }

    /// Goals as fractions of the expected number of enrolments.
    fn goals(self) -> &'static [(Indicator, f64)] {
        match self {
            Template::Women => &[
                (Indicator::Participants, 0.85),
                (Indicator::JobOrEducation, 0.4),
                (Indicator::Retained6m, 0.25),
            ],
            Template::Recruit => &[
                (Indicator::Participants, 0.9),
                (Indicator::Job, 0.35),
                (Indicator::Retained6m, 0.3),
            ],
            Template::Youth => &[
                (Indicator::Education, 0.4),
                (Indicator::JobOrEducation, 0.55),
            ],
            Template::CompanyTrack => &[(Indicator::Participants, 0.8), (Indicator::Job, 0.4)],
        }
    }

    /// Where participants come from.
    pub(crate) fn origins(self) -> [(Origin, u32); 11] {
        use Origin::*;
        let w = match self {
            Template::Women => [20, 12, 5, 12, 6, 15, 10, 8, 8, 0, 0],
            Template::Recruit => [25, 15, 3, 12, 6, 12, 10, 10, 4, 0, 5],
            Template::Youth => [10, 7, 2, 10, 3, 10, 8, 8, 7, 40, 0],
            Template::CompanyTrack => [10, 8, 2, 6, 3, 8, 5, 10, 8, 50, 0],
        };
        let o = [
            Syria,
            Iraq,
            Lebanon,
            Afghanistan,
            Iran,
            Somalia,
            Eritrea,
            Ukraine,
            Turkey,
            Denmark,
            Sweden,
        ];
        std::array::from_fn(|i| (o[i], w[i]))
    }

    /// Share of women, in percent.
    pub(crate) fn female_percent(self) -> u32 {
        match self {
            Template::Women => 97,
            Template::Recruit => 50,
            Template::Youth => 45,
            Template::CompanyTrack => 40,
        }
    }

    /// Age at referral, in years.
    pub(crate) fn ages(self) -> (i64, i64) {
        match self {
            Template::Women => (25, 58),
            Template::Recruit => (20, 60),
            Template::Youth => (18, 29),
            Template::CompanyTrack => (25, 63),
        }
    }

    /// The benefit at referral.
    pub(crate) fn benefits(self) -> [(Benefit, u32); 6] {
        use Benefit::*;
        match self {
            Template::Women => [
                (CashBenefit, 80),
                (IntegrationBenefit, 20),
                (EducationBenefit, 0),
                (UnemploymentInsurance, 0),
                (SicknessBenefit, 0),
                (SelfSupporting, 0),
            ],
            Template::Recruit => [
                (CashBenefit, 80),
                (Other, 12),
                (SicknessBenefit, 5),
                (SelfSupporting, 3),
                (EducationBenefit, 0),
                (UnemploymentInsurance, 0),
            ],
            Template::Youth => [
                (EducationBenefit, 60),
                (CashBenefit, 25),
                (IntegrationBenefit, 15),
                (SelfSupporting, 0),
                (SicknessBenefit, 0),
                (Other, 0),
            ],
            Template::CompanyTrack => [
                (CashBenefit, 45),
                (UnemploymentInsurance, 20),
                (IntegrationBenefit, 15),
                (SicknessBenefit, 10),
                (SelfSupporting, 5),
                (Other, 5),
            ],
        }
    }

    /// How enrolments unfold (see `paths`).
    pub(crate) fn tracks(self) -> [(TrackKind, u32); 11] {
        use TrackKind::*;
        let w = match self {
            Template::Women => [25, 10, 5, 15, 12, 0, 0, 5, 12, 8, 8],
            Template::Recruit => [10, 10, 35, 5, 8, 0, 0, 10, 10, 4, 8],
            Template::Youth => [0, 5, 12, 5, 8, 35, 12, 5, 6, 2, 10],
            Template::CompanyTrack => [5, 30, 20, 5, 3, 0, 5, 12, 12, 2, 6],
        };
        let t = [
            LanguageToFullTime,
            CompanyLadder,
            InternshipToJob,
            InternshipToPaidHours,
            LanguageToEducation,
            YouthEducation,
            Apprenticeship,
            CourseToJob,
            HealthFirst,
            Maternity,
            DropOut,
        ];
        std::array::from_fn(|i| (t[i], w[i]))
    }

    /// How referrals are shared among the programme's caseworkers. The first one always carries
    /// more than the others, enough to go over `max_caseload` (a worklist warning the demo must
    /// show); in large timelines there are as many caseworkers as keep the rest under it.
    fn caseworker_weights(self, expected_enrolments: f64) -> Vec<u32> {
        let small: &[u32] = match self {
            Template::Women => &[60, 25, 15],
            Template::Recruit => &[34, 33, 33],
            Template::Youth => &[60, 40],
            Template::CompanyTrack => &[50, 50],
        };
        let max_caseload = f64::from(self.rules().effective().max_caseload);
        // About a third of the enrolments referred over three years are active on a given day.
        let active = expected_enrolments * 0.33;
        let needed = (active / (0.9 * max_caseload)).ceil() as usize;
        if needed <= small.len() {
            return small.to_vec();
        }
        let mut weights = vec![10; needed];
        weights[0] = 20;
        weights
    }

    pub(crate) fn referrers(self) -> [&'static str; 3] {
        match self {
            Template::Recruit => [
                "Arbetsförmedlingen",
                "Socialtjänsten, ekonomiskt bistånd",
                "Egen anmälan",
            ],
            Template::Youth => ["Ungeenheden", "UU-vejleder", "Jobcenter, ydelsesteam"],
            _ => [
                "Jobcenter, ydelsesteam",
                "Integrationsteamet",
                "Sprogcenter",
            ],
        }
    }
}

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
    let groups = enrolments.div_ceil(GROUP_ENROLMENTS).max(1);
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
        for (t, (template, share)) in TEMPLATES.iter().enumerate() {
            let municipality = match template.nation() {
                Nation::Dk => DK_MUNICIPALITIES[(3 * g + t) % DK_MUNICIPALITIES.len()],
                Nation::Se => SE_MUNICIPALITIES[g % SE_MUNICIPALITIES.len()],
            };
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
