//! Every text in every language: the three languages have the same messages, file by file, and
//! every code of the timeline format has a name in each — so no page can show an untranslated
//! key (a missing one would appear as `⟦key⟧`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jobbro_domain::enums::{
    ActivityKind, Benefit, ContactKind, DanishLevel, Decision, EndReason, FollowUpStatus, Gender,
    Indicator, LeaveReason, RecordType, Situation,
};
use jobbro_domain::worklist::ItemKind;
use jobbro_web::i18n::{Lang, Tr};

/// `file name → message ids` of one language.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code());
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let ids = text
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect();
        out.insert(
            path.file_name().unwrap().to_string_lossy().into_owned(),
            ids,
        );
    }
    out
}

#[test]
fn every_language_has_the_same_messages_file_by_file() {
    let danish = messages(Lang::Da);
    assert!(danish.len() >= 5, "{:?}", danish.keys());
    for lang in [Lang::Sv, Lang::En] {
        let other = messages(lang);
        assert_eq!(
            danish.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "files of da and {}",
            lang.code()
        );
        for (file, ids) in &danish {
            let theirs = &other[file];
            let missing: Vec<_> = ids.difference(theirs).collect();
            let extra: Vec<_> = theirs.difference(ids).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}/{file}: missing {missing:?}, not in da {extra:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn every_code_of_the_timeline_format_has_a_name_in_every_language() {
    let lists: Vec<(&str, Vec<&str>)> = vec![
        ("gender", Gender::ALL.iter().map(|c| c.as_str()).collect()),
        (
            "danish_level",
            DanishLevel::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        ("benefit", Benefit::ALL.iter().map(|c| c.as_str()).collect()),
        (
            "decision",
            Decision::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "activity",
            ActivityKind::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "end_reason",
            EndReason::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "contact",
            ContactKind::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "leave_reason",
            LeaveReason::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "follow_up",
            FollowUpStatus::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "indicator",
            Indicator::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "situation",
            Situation::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "record",
            RecordType::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        (
            "worklist",
            ItemKind::ALL.iter().map(|c| c.as_str()).collect(),
        ),
        ("status", vec!["waiting", "declined", "active", "ended"]),
    ];
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for (list, codes) in &lists {
            for code in codes {
                let name = tr.code(list, code);
                assert!(
                    !name.contains('⟦') && !name.is_empty(),
                    "{}: {list} {code} has no name",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn the_languages_really_differ() {
    // A copy-pasted file would pass the key comparison; the words must be the language's own.
    let da = Tr::new(Lang::Da).t("nav-my-day");
    let sv = Tr::new(Lang::Sv).t("nav-my-day");
    let en = Tr::new(Lang::En).t("nav-my-day");
    assert_eq!(
        (da.as_str(), sv.as_str(), en.as_str()),
        ("Min dag", "Min dag", "My day")
    );
    assert_ne!(
        Tr::new(Lang::Da).t("log-out"),
        Tr::new(Lang::Sv).t("log-out")
    );
}
