//! The company register beside the timeline, on both databases: a company typed in becomes a
//! timeline record (once: a CVR number or id already registered names the company that has it),
//! its details are kept per organisation and a save from an old version is refused, and the
//! bottleneck list is kept per organisation with the same guard on replacing it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::{NaiveDate, TimeZone, Utc};
use jobbro_domain::bottleneck::{Bottleneck, BottleneckSector, company_bottleneck};
use jobbro_domain::company_register::{CompanyDetails, CompanyDraft};
use jobbro_store::access::AccessStore;
use jobbro_store::companies::{
    Added, Change, ListedBottleneck, RegisterStore, Saved, companies, company, register_company,
};
use jobbro_store::{Context, Database, testing};

fn ctx(organisation: &str) -> Context {
    Context::new(
        "lea",
        organisation,
        Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap(),
    )
}

fn draft(name: &str, cvr: &str, sector: &str) -> CompanyDraft {
    CompanyDraft {
        name: name.into(),
        cvr: cvr.into(),
        sector: sector.into(),
        ..CompanyDraft::default()
    }
}

async fn add(db: &Database, d: CompanyDraft, area: &str) -> Added {
    register_company(db, &d, &CompanyDetails::typed(area, ""), &ctx("default"))
        .await
        .unwrap()
}

fn change<'a>(organisation: &'a str, audit: &'a [jobbro_store::audit::AuditEntry]) -> Change<'a> {
    Change {
        organisation,
        at: "2025-03-03T09:00:00+00:00",
        by: "lea",
        audit,
    }
}

#[tokio::test]
async fn a_company_typed_in_is_a_timeline_company_with_its_area_and_an_audit_row() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let added = add(&db, draft("Kantinen ApS", "57536209", "56.10"), "Hjørring").await;
    let Added::Added(c) = added else {
        panic!("{added:?}")
    };
    assert_eq!(c.id, "cvr-57536209");
    let stored = company(&db, "cvr-57536209").await.unwrap().unwrap();
    assert_eq!(stored.name, "Kantinen ApS");
    assert_eq!(stored.sector.as_deref(), Some("56.10"));
    let details = db
        .company_details("cvr-57536209", "default")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(details.details.area.as_deref(), Some("Hjørring"));
    assert_eq!(details.version, 1);
    let audit = db.audit_rows().await.unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r.action == "create" && r.subject == "cvr-57536209"),
        "{audit:?}"
    );
}

#[tokio::test]
async fn a_cvr_number_or_name_already_registered_adds_nothing_and_names_the_company() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add(&db, draft("Kantinen ApS", "57536209", ""), "").await;
    match add(&db, draft("Kantinen (ny)", "5753 6209", ""), "").await {
        Added::CvrTaken(other) => assert_eq!(other.name, "Kantinen ApS"),
        other => panic!("{other:?}"),
    }
    add(&db, draft("Bager Hansen", "", ""), "").await;
    match add(&db, draft("bager hansen", "", ""), "").await {
        Added::IdTaken(other) => assert_eq!(other.id, "company-bager-hansen"),
        other => panic!("{other:?}"),
    }
    match add(&db, draft("Forkert ApS", "57536208", ""), "").await {
        Added::Refused(problems) => assert_eq!(problems[0].field, "cvr"),
        other => panic!("{other:?}"),
    }
    assert_eq!(companies(&db).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_save_from_an_old_version_is_refused_and_the_newer_save_stays() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add(&db, draft("Kantinen ApS", "57536209", ""), "").await;
    let id = "cvr-57536209";
    assert_eq!(db.company_details(id, "default").await.unwrap(), None);
    let first = CompanyDetails::typed("Hjørring", "Ring før kl. 9.");
    let saved = db
        .save_company_details(id, &first, 0, &change("default", &[]))
        .await
        .unwrap();
    assert_eq!(saved, Saved::Saved(1));
    // Two people opened version 1; the first saves, the second is told.
    let mine = CompanyDetails::typed("Hjørring", "Ring efter kl. 9.");
    let theirs = CompanyDetails::typed("Frederikshavn", "");
    assert_eq!(
        db.save_company_details(id, &mine, 1, &change("default", &[]))
            .await
            .unwrap(),
        Saved::Saved(2)
    );
    assert_eq!(
        db.save_company_details(id, &theirs, 1, &change("default", &[]))
            .await
            .unwrap(),
        Saved::Stale(2)
    );
    let now = db.company_details(id, "default").await.unwrap().unwrap();
    assert_eq!(now.details, mine);
    assert!(
        !format!("{now:?}").contains("Ring"),
        "Debug leaves notes out"
    );
}

#[tokio::test]
async fn details_and_bottleneck_lists_belong_to_one_organisation() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add(&db, draft("Kantinen ApS", "57536209", ""), "Hjørring").await;
    assert_eq!(
        db.company_details("cvr-57536209", "other").await.unwrap(),
        None
    );
    assert!(db.company_areas("other").await.unwrap().is_empty());
    assert_eq!(
        db.company_areas("default").await.unwrap()["cvr-57536209"],
        "Hjørring"
    );
    let line = ListedBottleneck {
        id: "b1".into(),
        line: BottleneckSector {
            municipality: "Hjørring".into(),
            section: 'I',
            from: None,
            to: None,
        },
    };
    db.add_bottlenecks(&[line], &change("default", &[]))
        .await
        .unwrap();
    assert!(db.bottlenecks("other").await.unwrap().lines.is_empty());
    assert_eq!(
        db.remove_bottleneck("b1", &change("other", &[]))
            .await
            .unwrap(),
        None,
        "another organisation cannot remove it"
    );
    assert_eq!(db.bottlenecks("default").await.unwrap().lines.len(), 1);
}

#[tokio::test]
async fn the_bottleneck_list_is_kept_and_decides_which_companies_are_in_short_sectors() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    add(&db, draft("Kantinen ApS", "57536209", "56.10"), "Hjørring").await;
    let line = |id: &str, municipality: &str, section: char, from: Option<&str>| ListedBottleneck {
        id: id.into(),
        line: BottleneckSector {
            municipality: municipality.into(),
            section,
            from: from.map(|d| d.parse().unwrap()),
            to: None,
        },
    };
    let v1 = db
        .add_bottlenecks(
            &[
                line("b1", "Hjørring", 'Q', None),
                line("b2", "hjørring", 'I', Some("2025-01-01")),
            ],
            &change("default", &[]),
        )
        .await
        .unwrap();
    assert_eq!(v1, 1);
    let list = db.bottlenecks("default").await.unwrap();
    assert_eq!(list.version, 1);
    assert_eq!(
        list.lines[0].line.section, 'I',
        "by municipality, then section"
    );
    assert_eq!(
        list.lines[0].line.from,
        Some(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
    );
    let kantinen = company(&db, "cvr-57536209").await.unwrap().unwrap();
    let area = db.company_areas("default").await.unwrap();
    let on = |d: &str| {
        company_bottleneck(
            &kantinen,
            area.get("cvr-57536209").map(String::as_str),
            &list.sectors(),
            d.parse().unwrap(),
        )
    };
    assert_eq!(on("2024-12-31"), None);
    assert!(matches!(on("2025-03-03"), Some(Bottleneck::Listed { .. })));

    // Replacing the list from the version read works once; a second copy of version 1 is stale.
    let replaced = db
        .replace_bottlenecks(
            &[line("b3", "Frederikshavn", 'I', None)],
            1,
            &change("default", &[]),
        )
        .await
        .unwrap();
    assert_eq!(replaced, Saved::Saved(2));
    let stale = db
        .replace_bottlenecks(&[], 1, &change("default", &[]))
        .await
        .unwrap();
    assert_eq!(stale, Saved::Stale(2));
    let list = db.bottlenecks("default").await.unwrap();
    assert_eq!(list.lines.len(), 1);
    assert_eq!(list.lines[0].id, "b3");
    assert_eq!(
        db.remove_bottleneck("b3", &change("default", &[]))
            .await
            .unwrap(),
        Some(3)
    );
    assert!(db.bottlenecks("default").await.unwrap().lines.is_empty());
}
