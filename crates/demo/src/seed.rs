//! The demo, put into a database: the `serve --demo` timeline (see [`DemoSpec::demo`]), the
//! profiles for matching of most of its enrolments (`profiles`), and one user of every role, each with a fresh random password. `jobbro serve --demo` and the browser
//! tests seed through here, so what a tester sees in the browser is what the demo shows.
//!
//! A database that already holds programmes is never touched: seeding is for empty databases
//! only, and must never mix fictional people into real data. The passwords are handed back once,
//! to be shown to whoever started the demo; `Debug` never prints them.

use chrono::{DateTime, NaiveDate, Utc};
use jobbro_domain::access::Role;
use jobbro_store::users::{NewUser, add_user, generate_password};
use jobbro_store::{Context, DEFAULT_ORGANISATION, Database, StoreError};

use crate::DemoSpec;

/// The caseworker id of the demo caseworker user (the generator's first caseworker).
pub const DEMO_CASEWORKER: &str = "cw-001";

/// A demo user that can log in.
#[derive(Clone, PartialEq, Eq)]
pub struct DemoUser {
    /// What is typed as the user id at `/login`.
    pub id: String,
    pub name: String,
    pub role: Role,
    pub password: String,
}

impl std::fmt::Debug for DemoUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoUser")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// What seeding added.
#[derive(Debug, Clone)]
pub struct SeededDemo {
    /// Records of the generated timeline that were imported.
    pub records: u64,
    /// One user of every role, in the order admin, lead, caseworker, analyst, auditor.
    pub users: Vec<DemoUser>,
}

impl SeededDemo {
    /// The demo user of `role`.
    pub fn user(&self, role: Role) -> Option<&DemoUser> {
        self.users.iter().find(|u| u.role == role)
    }
}

/// Fills an empty database with the demo timeline as of `today` and its users, recorded as
/// done by `demo` at `now`. `None` (and nothing written) when the database already has
/// programmes.
pub async fn seed_demo(
    db: &Database,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<SeededDemo>, StoreError> {
    if !jobbro_store::programmes(db).await?.is_empty() {
        return Ok(None);
    }
    let mut timeline = Vec::new();
    crate::write_jsonl(&DemoSpec::demo(today), &mut timeline)?;
    let ctx = Context::new("demo", DEFAULT_ORGANISATION, now);
    let summary = jobbro_store::import_timeline(db, std::io::Cursor::new(timeline), &ctx).await?;
    for (enrolment, profile) in crate::demo_profiles(&DemoSpec::demo(today)) {
        let expected = jobbro_store::profiles::Expected::Nothing;
        let _ =
            jobbro_store::profiles::save_profile(db, &enrolment, &profile, expected, &ctx).await?;
    }
    crate::openings::add_openings(db, &ctx, today).await?;
    seed_register(db, &ctx, today).await?;
    let users = add_demo_users(db, &ctx).await?;
    crate::network::seed_network(db, &ctx, today).await?;
    Ok(Some(SeededDemo {
        records: summary.added_total(),
        users,
    }))
}

/// The municipalities of the demo's first programmes (`programmes.rs`): Danish companies are
/// spread over the three Danish ones, Swedish companies are in Helsingborg.
const DK_AREAS: [&str; 3] = ["Helsingør", "Hjørring", "Ikast-Brande"];
const SE_AREA: &str = "Helsingborg";

/// The demo organisation's bottleneck sectors: (municipality, DB07 section, days ago it was
/// listed from, or always). Fictional lists in the spirit of the published ones: care,
/// cleaning, hotels and restaurants, construction and transport short of labour in some places.
const BOTTLENECKS: [(&str, char, Option<i64>); 8] = [
    ("Helsingør", 'Q', None),
    ("Helsingør", 'N', Some(400)),
    ("Hjørring", 'Q', None),
    ("Hjørring", 'I', Some(200)),
    ("Hjørring", 'F', Some(600)),
    ("Ikast-Brande", 'H', None),
    ("Helsingborg", 'Q', None),
    ("Helsingborg", 'I', Some(300)),
];

/// The register beside the timeline: each demo company's municipality (as the demo
/// organisation keeps it) and the organisation's bottleneck list.
async fn seed_register(db: &Database, ctx: &Context, today: NaiveDate) -> Result<(), StoreError> {
    use jobbro_domain::bottleneck::BottleneckSector;
    use jobbro_domain::company_register::CompanyDetails;
    use jobbro_store::companies::{add_bottleneck_lines, companies, save_details};

    let mut danish = 0;
    for company in companies(db).await? {
        let area = if company.cvr.is_some() {
            danish += 1;
            DK_AREAS[(danish - 1) % DK_AREAS.len()]
        } else {
            SE_AREA
        };
        let details = CompanyDetails::typed(area, "");
        save_details(db, &company.id, &details, 0, ctx).await?;
    }
    let lines = BOTTLENECKS
        .iter()
        .map(|(municipality, section, days_ago)| BottleneckSector {
            municipality: (*municipality).to_owned(),
            section: *section,
            from: days_ago.map(|d| crate::rng::plus_days(today, -d)),
            to: None,
        })
        .collect();
    add_bottleneck_lines(db, lines, ctx).await?;
    Ok(())
}

/// One user of every role: the admin and auditor see no programme's people, the lead and the
/// analyst see every programme, the caseworker is `cw-001` in the first programme.
async fn add_demo_users(db: &Database, ctx: &Context) -> Result<Vec<DemoUser>, StoreError> {
    let programmes: Vec<String> = jobbro_store::programmes(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let first: Vec<String> = programmes.first().cloned().into_iter().collect();
    let plan = [
        ("admin", "Demo Administrator", Role::Admin, None, Vec::new()),
        (
            "lead",
            "Demo Programme Lead",
            Role::Lead,
            None,
            programmes.clone(),
        ),
        (
            "caseworker",
            "Demo Job Consultant",
            Role::Caseworker,
            Some(DEMO_CASEWORKER.to_owned()),
            first,
        ),
        ("analyst", "Demo Analyst", Role::Analyst, None, programmes),
        ("auditor", "Demo Auditor", Role::Auditor, None, Vec::new()),
    ];
    let mut users = Vec::with_capacity(plan.len());
    for (id, name, role, caseworker, programmes) in plan {
        let password = generate_password();
        let new = NewUser {
            id: id.to_owned(),
            organisation: ctx.organisation.clone(),
            name: name.to_owned(),
            email: None,
            role,
            caseworker,
            programmes,
            password: Some(password.clone()),
        };
        add_user(db, new, ctx.now).await?;
        users.push(DemoUser {
            id: id.to_owned(),
            name: name.to_owned(),
            role,
            password,
        });
    }
    Ok(users)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
mod tests {
    use super::*;
    use jobbro_store::access::AccessStore;
    use jobbro_store::testing;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[tokio::test]
    async fn seeding_adds_the_demo_once_and_never_into_a_database_with_data() {
        let t = testing::fresh().await;
        let db = t.connect().await;
        let seeded = seed_demo(&db, today(), Utc::now()).await.unwrap().unwrap();
        assert!(seeded.records > 1_000, "{} records", seeded.records);
        let roles: Vec<Role> = seeded.users.iter().map(|u| u.role).collect();
        assert_eq!(roles, Role::ALL);
        let caseworker = seeded.user(Role::Caseworker).unwrap();
        let stored = db.user(&caseworker.id).await.unwrap().unwrap();
        assert_eq!(stored.caseworker.as_deref(), Some(DEMO_CASEWORKER));
        assert_eq!(stored.programmes.len(), 1);

        assert!(seed_demo(&db, today(), Utc::now()).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn the_demo_companies_have_municipalities_and_some_are_in_listed_bottleneck_sectors() {
        use jobbro_domain::bottleneck::{Bottleneck, company_bottleneck};
        use jobbro_store::companies::{RegisterStore, companies};

        let t = testing::fresh().await;
        let db = t.connect().await;
        seed_demo(&db, today(), Utc::now()).await.unwrap().unwrap();
        let list = db.bottlenecks(DEFAULT_ORGANISATION).await.unwrap();
        assert_eq!(list.lines.len(), BOTTLENECKS.len());
        let areas = db.company_areas(DEFAULT_ORGANISATION).await.unwrap();
        let all = companies(&db).await.unwrap();
        assert_eq!(
            areas.len(),
            all.len(),
            "every demo company has a municipality"
        );
        let listed: Vec<Bottleneck> = all
            .iter()
            .filter_map(|c| {
                let area = areas.get(&c.id).map(String::as_str);
                company_bottleneck(c, area, &list.sectors(), today())
            })
            .collect();
        assert!(
            listed.len() >= 3 && listed.len() < all.len(),
            "some, not all: {} of {}",
            listed.len(),
            all.len()
        );
        assert!(
            listed
                .iter()
                .any(|b| matches!(b, Bottleneck::Listed { municipality, .. } if municipality == "Helsingborg"))
        );
    }

    #[test]
    fn debug_of_a_demo_user_hides_the_password() {
        let user = DemoUser {
            id: "admin".into(),
            name: "Demo Administrator".into(),
            role: Role::Admin,
            password: "s3cret-password-value".into(),
        };
        let shown = format!("{user:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("admin"), "{shown}");
    }
}
