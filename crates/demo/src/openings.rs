//! A few openings at the demo's partner companies, so the openings pages, the list and (once
//! there) matching have something to show: mostly internships in occupations short of labour —
//! cooks and kitchen helpers, cleaners, shop sales, care workers, stock clerks, drivers — and a
//! paid-hours job, a wage subsidy and an ordinary job, starting in the weeks after `today`.
//! Fictional like the rest of the demo; no personal data.

use chrono::NaiveDate;
use jobbro_domain::enums::DanishLevel;
use jobbro_domain::occupation::Isco;
use jobbro_domain::opening::{Opening, OpeningKind};
use jobbro_store::openings::OpeningStore;
use jobbro_store::{Context, Database, StoreError};

use crate::rng::plus_days;

/// (company sector as its DB07 code, kind, ISCO-08 unit group, hours a week, days from today to the start,
/// weeks it runs (0: open-ended), Danish needed, driving licence, places).
type Plan = (
    &'static str,
    OpeningKind,
    &'static str,
    u8,
    i64,
    i64,
    Option<DanishLevel>,
    bool,
    u16,
);

const PLANS: [Plan; 9] = [
    (
        "56.10",
        OpeningKind::Internship,
        "5120",
        25,
        7,
        8,
        Some(DanishLevel::A2),
        false,
        2,
    ),
    (
        "56.10",
        OpeningKind::PaidHours,
        "9412",
        12,
        14,
        0,
        None,
        false,
        1,
    ),
    (
        "81.21",
        OpeningKind::Internship,
        "9112",
        20,
        5,
        6,
        None,
        false,
        3,
    ),
    (
        "47.11",
        OpeningKind::Internship,
        "5223",
        25,
        10,
        8,
        Some(DanishLevel::B1),
        false,
        1,
    ),
    (
        "87.30",
        OpeningKind::Internship,
        "5322",
        30,
        12,
        13,
        Some(DanishLevel::B1),
        false,
        2,
    ),
    (
        "87.30",
        OpeningKind::WageSubsidy,
        "5322",
        32,
        30,
        26,
        Some(DanishLevel::B1),
        false,
        1,
    ),
    (
        "52.10",
        OpeningKind::Internship,
        "4321",
        30,
        8,
        8,
        Some(DanishLevel::A1),
        false,
        2,
    ),
    (
        "49.41",
        OpeningKind::Job,
        "8322",
        37,
        21,
        0,
        Some(DanishLevel::A2),
        true,
        1,
    ),
    (
        "88.91",
        OpeningKind::Internship,
        "5311",
        25,
        14,
        8,
        Some(DanishLevel::B2),
        false,
        1,
    ),
];

/// Adds the planned openings at the first Danish company of each sector (one with a CVR number),
/// where the demo has one, as done by `ctx`. Returns how many were added.
pub(crate) async fn add_openings(
    db: &Database,
    ctx: &Context,
    today: NaiveDate,
) -> Result<usize, StoreError> {
    let companies = jobbro_store::companies::companies(db).await?;
    let mut added = 0;
    for (n, (sector, kind, code, hours, in_days, weeks, danish, licence, places)) in
        PLANS.into_iter().enumerate()
    {
        let Some(company) = companies
            .iter()
            .find(|c| c.cvr.is_some() && c.sector.as_deref() == Some(sector))
        else {
            continue;
        };
        let Ok(occupation) = Isco::parse(code) else {
            continue;
        };
        let start = plus_days(today, in_days);
        let opening = Opening {
            id: format!("op-{:03}", n + 1),
            company: company.id.clone(),
            kind,
            occupation,
            title: None,
            hours_per_week: hours,
            start,
            planned_end: (weeks > 0).then(|| plus_days(start, weeks * 7 - 1)),
            danish_level: danish,
            driving_licence: licence,
            area: Some("Helsingør".to_owned()),
            places,
            closed: false,
        };
        db.add_opening(&opening, ctx).await?;
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
mod tests {
    use jobbro_store::openings::{OpeningFilter, OpeningStore};
    use jobbro_store::testing;

    #[tokio::test]
    async fn the_demo_has_open_internships_in_occupations_short_of_labour() {
        let t = testing::fresh().await;
        let db = t.connect().await;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        crate::seed_demo(&db, today, chrono::Utc::now())
            .await
            .unwrap()
            .unwrap();
        let open = OpeningFilter {
            open_only: true,
            ..OpeningFilter::default()
        };
        let openings = db.openings("default", &open).await.unwrap();
        assert!(openings.len() >= 5, "{openings:?}");
        let internships = openings
            .iter()
            .filter(|o| o.opening.kind == jobbro_domain::opening::OpeningKind::Internship)
            .count();
        assert!(internships * 2 > openings.len(), "mostly internships");
        for o in &openings {
            assert!(o.opening.problems().is_empty(), "{o:?}");
            assert!(o.opening.start > today);
        }
    }
}
