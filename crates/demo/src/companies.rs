//! Partner companies of the generated programmes: the sectors where participants do internships,
//! wage-subsidy jobs and paid hours (as DB07/SNI codes), and the job titles there. Which sectors
//! are short of labour where is the demo organisation's bottleneck list (`seed`).
//!
//! Names are made up from neutral place-like words; Danish companies get a CVR number from the
//! domain's `generated_cvr`, Swedish ones none (an organisationsnummer is not a CVR).

use chrono::NaiveDate;
use jobbro_domain::cvr::generated_cvr;
use jobbro_domain::records::{Company, Entity, Record};

use crate::programmes::Nation;
use crate::rng::{Rng, plus_days};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sector {
    Cleaning,
    ElderCare,
    HotelRestaurant,
    Retail,
    Logistics,
    Construction,
    Manufacturing,
    Childcare,
    Agriculture,
    Transport,
}

/// How often each sector is among the partner companies.
const SECTORS: [(Sector, u32); 10] = [
    (Sector::Cleaning, 14),
    (Sector::ElderCare, 14),
    (Sector::HotelRestaurant, 12),
    (Sector::Retail, 12),
    (Sector::Logistics, 10),
    (Sector::Construction, 8),
    (Sector::Manufacturing, 8),
    (Sector::Childcare, 7),
    (Sector::Agriculture, 5),
    (Sector::Transport, 6),
];

impl Sector {
    /// The sector as a DB07 (Danish) / SNI 2007 (Swedish) code of a typical activity in it, so
    /// that pages name its section in the reader's language and bottleneck lists can list it.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Sector::Cleaning => "81.21",
            Sector::ElderCare => "87.30",
            Sector::HotelRestaurant => "56.10",
            Sector::Retail => "47.11",
            Sector::Logistics => "52.10",
            Sector::Construction => "41.20",
            Sector::Manufacturing => "10.89",
            Sector::Childcare => "88.91",
            Sector::Agriculture => "01.19",
            Sector::Transport => "49.41",
        }
    }

    /// Entry-level job titles in the sector.
    pub(crate) fn titles(self, nation: Nation) -> [&'static str; 2] {
        match (nation, self) {
            (Nation::Dk, Sector::Cleaning) => ["Rengøringsassistent", "Servicemedarbejder"],
            (Nation::Dk, Sector::ElderCare) => {
                ["Serviceassistent i plejen", "Social- og sundhedshjælper"]
            }
            (Nation::Dk, Sector::HotelRestaurant) => ["Køkkenmedhjælper", "Stuepige"],
            (Nation::Dk, Sector::Retail) => ["Butiksmedhjælper", "Kasseassistent"],
            (Nation::Dk, Sector::Logistics) => ["Lagermedarbejder", "Pakkemedarbejder"],
            (Nation::Dk, Sector::Construction) => ["Håndværkerhjælper", "Byggepladsmedarbejder"],
            (Nation::Dk, Sector::Manufacturing) => ["Produktionsmedarbejder", "Operatør"],
            (Nation::Dk, Sector::Childcare) => ["Pædagogmedhjælper", "Køkkenassistent"],
            (Nation::Dk, Sector::Agriculture) => ["Gartnerimedhjælper", "Planteskolemedhjælper"],
            (Nation::Dk, Sector::Transport) => ["Chaufførmedhjælper", "Vaskehalmedarbejder"],
            (Nation::Se, Sector::Cleaning) => ["Lokalvårdare", "Städare"],
            (Nation::Se, Sector::ElderCare) => ["Vårdbiträde", "Undersköterska"],
            (Nation::Se, Sector::HotelRestaurant) => ["Kökbiträde", "Hotellstädare"],
            (Nation::Se, Sector::Retail) => ["Butiksbiträde", "Kassapersonal"],
            (Nation::Se, Sector::Logistics) => ["Lagerarbetare", "Truckförare"],
            (Nation::Se, Sector::Construction) => ["Byggarbetare", "Hantlangare"],
            (Nation::Se, Sector::Manufacturing) => ["Produktionsmedarbetare", "Maskinoperatör"],
            (Nation::Se, Sector::Childcare) => ["Barnskötare", "Förskoleassistent"],
            (Nation::Se, Sector::Agriculture) => ["Trädgårdsarbetare", "Växthusarbetare"],
            (Nation::Se, Sector::Transport) => ["Budbilsförare", "Fordonstvättare"],
        }
    }

    fn name(self, nation: Nation, word: &str) -> String {
        match (nation, self) {
            (Nation::Dk, Sector::Cleaning) => format!("{word} Rengøring ApS"),
            (Nation::Dk, Sector::ElderCare) => format!("Plejecenter {word}"),
            (Nation::Dk, Sector::HotelRestaurant) => format!("{word} Kro og Køkken ApS"),
            (Nation::Dk, Sector::Retail) => format!("{word} Dagligvarer ApS"),
            (Nation::Dk, Sector::Logistics) => format!("{word} Lager og Logistik A/S"),
            (Nation::Dk, Sector::Construction) => format!("{word} Byg ApS"),
            (Nation::Dk, Sector::Manufacturing) => format!("{word} Fødevarer A/S"),
            (Nation::Dk, Sector::Childcare) => format!("Privatinstitutionen {word}"),
            (Nation::Dk, Sector::Agriculture) => format!("{word} Gartneri ApS"),
            (Nation::Dk, Sector::Transport) => format!("{word} Vognmandsforretning ApS"),
            (Nation::Se, Sector::Cleaning) => format!("{word} Städ AB"),
            (Nation::Se, Sector::ElderCare) => format!("{word} Omsorg AB"),
            (Nation::Se, Sector::HotelRestaurant) => format!("Restaurang {word} AB"),
            (Nation::Se, Sector::Retail) => format!("{word} Livs AB"),
            (Nation::Se, Sector::Logistics) => format!("{word} Lager & Logistik AB"),
            (Nation::Se, Sector::Construction) => format!("{word} Bygg AB"),
            (Nation::Se, Sector::Manufacturing) => format!("{word} Industri AB"),
            (Nation::Se, Sector::Childcare) => format!("Förskolan {word}"),
            (Nation::Se, Sector::Agriculture) => format!("{word} Handelsträdgård AB"),
            (Nation::Se, Sector::Transport) => format!("{word} Åkeri AB"),
        }
    }
}

const DK_WORDS: [&str; 24] = [
    "Nordkyst",
    "Bøgely",
    "Solsikke",
    "Havnefront",
    "Egelund",
    "Lyngbakke",
    "Kildedal",
    "Fyrtårn",
    "Sundkig",
    "Ravnehøj",
    "Mågevig",
    "Skovbryn",
    "Engblomst",
    "Strandlyst",
    "Kornmark",
    "Møllebakke",
    "Tjørnehave",
    "Hyldely",
    "Stenhøj",
    "Ellemose",
    "Vestervang",
    "Østerlund",
    "Bakkedal",
    "Klitrose",
];

const SE_WORDS: [&str; 16] = [
    "Sundsvy",
    "Kullabacken",
    "Ekdalen",
    "Havsbris",
    "Björkhagen",
    "Ljungslätt",
    "Fyrbåken",
    "Klippan Norra",
    "Vallmon",
    "Stenrösen",
    "Måsviken",
    "Lindgården",
    "Ängsbacken",
    "Tallåsen",
    "Sjöbris",
    "Rönnbäret",
];

/// A company as the generator knows it.
#[derive(Debug, Clone)]
pub(crate) struct CompanyInfo {
    pub id: String,
    pub sector: Sector,
}

/// `count` companies of one nation; `next_number` numbers them across the whole timeline.
pub(crate) fn companies(
    rng: &mut Rng,
    nation: Nation,
    count: usize,
    next_number: &mut u32,
    today: NaiveDate,
    out: &mut Vec<Record>,
) -> Vec<CompanyInfo> {
    let mut infos = Vec::with_capacity(count);
    for i in 0..count {
        let n = *next_number;
        *next_number += 1;
        let sector = *rng.weighted(&SECTORS);
        let word = match nation {
            Nation::Dk => DK_WORDS[i % DK_WORDS.len()],
            Nation::Se => SE_WORDS[i % SE_WORDS.len()],
        };
        let id = format!("co-{:04}", n + 1);
        let company = Company {
            id: id.clone(),
            name: sector.name(nation, word),
            cvr: (nation == Nation::Dk).then(|| generated_cvr(n)),
            sector: Some(sector.code().to_owned()),
            // Whether the sector is short of labour is the job centre's list per municipality
            // (`seed::seed_register`), not a flag on the company.
            bottleneck: None,
            partner_since: rng
                .chance(0.7)
                .then(|| plus_days(today, -rng.range(200, 3000))),
            diploma: rng.chance(0.2).then_some(true),
        };
        out.push(Record::Entity(Entity::Company(company)));
        infos.push(CompanyInfo { id, sector });
    }
    infos
}
