//! A profile for matching as a reader reads it, in their language: occupations named
//! (`Tr::occupation`), the ISCED level and field of education named, Danish level, hours,
//! driving licence and area — and the participant page's section of them, one per enrolment the
//! page shows, read in one audited read.

use jobbro_domain::profile::Profile;
use jobbro_store::profiles::{StoredProfile, read_profiles};
use jobbro_store::{Context, Database, StoreError};

use crate::i18n::{Arg, Tr};

/// One line of a profile: what, and its value in the reader's language.
pub type Line = (String, String);

/// A profile's lines, the empty parts left out.
pub fn lines(tr: &Tr, p: &Profile) -> Vec<Line> {
    let mut out = Vec::new();
    let mut add = |key: &str, value: String| {
        if !value.is_empty() {
            out.push((tr.t(key), value));
        }
    };
    add(
        "profile-wished",
        p.wished
            .iter()
            .map(|c| tr.occupation(*c))
            .collect::<Vec<_>>()
            .join(", "),
    );
    add(
        "profile-experience",
        p.experience
            .iter()
            .map(|e| {
                let occupation = tr.occupation(e.occupation);
                let years = tr.t_with(
                    "profile-years-value",
                    &[("n", Arg::from(i64::from(e.years)))],
                );
                match e.country {
                    Some(c) => format!(
                        "{occupation}: {years} ({})",
                        tr.name_or_code("country-name", c.as_str())
                    ),
                    None => format!("{occupation}: {years}"),
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    add(
        "profile-education",
        p.education
            .as_ref()
            .map(|e| {
                let level = level_name(tr, e.level);
                match e.field {
                    Some(f) => format!("{level} · {}", tr.code("education_field", f.as_str())),
                    None => level,
                }
            })
            .unwrap_or_default(),
    );
    add(
        "profile-danish",
        p.danish_level
            .map(|l| tr.code("danish_level", l.as_str()))
            .unwrap_or_default(),
    );
    add(
        "profile-hours",
        p.hours_available
            .map(|h| tr.t_with("profile-hours-value", &[("n", Arg::from(i64::from(h)))]))
            .unwrap_or_default(),
    );
    add(
        "profile-licence",
        tr.t(if p.driving_licence {
            "profile-yes"
        } else {
            "profile-no"
        }),
    );
    add("profile-area", p.area.clone().unwrap_or_default());
    out
}

/// An ISCED level with its name: "ISCED 3: Gymnasial uddannelse".
pub fn level_name(tr: &Tr, level: u8) -> String {
    format!("ISCED {level}: {}", tr.t(&format!("profile-isced-{level}")))
}

/// One enrolment's profile on the participant page.
#[derive(Debug, Clone)]
pub struct ProfileSection {
    pub enrolment: String,
    /// The programme's name (a person may be in several).
    pub programme: String,
    pub lines: Vec<Line>,
    /// "Saved 16.06.2024 by anna", or empty when there is no profile yet.
    pub saved: String,
    pub may_edit: bool,
}

/// The sections of the enrolments a participant page shows, given as (enrolment, programme
/// name, whether the reader may edit it). The profiles are read in one read, each audited
/// (purpose "participant page"); the caller has asked the policy to read every one.
pub async fn sections(
    db: &Database,
    ctx: &Context,
    tr: &Tr,
    shown: &[(String, String, bool)],
) -> Result<Vec<ProfileSection>, StoreError> {
    let ids: Vec<String> = shown.iter().map(|(id, ..)| id.clone()).collect();
    let found = read_profiles(db, &ids, "participant page", ctx).await?;
    Ok(shown
        .iter()
        .map(|(id, programme, may_edit)| {
            let stored = found.iter().find(|p| &p.enrolment == id);
            ProfileSection {
                enrolment: id.clone(),
                programme: programme.clone(),
                lines: stored.map(|s| lines(tr, &s.profile)).unwrap_or_default(),
                saved: stored.map(|s| saved(tr, s)).unwrap_or_default(),
                may_edit: *may_edit,
            }
        })
        .collect())
}

/// When and by whom a profile was last saved.
pub fn saved(tr: &Tr, p: &StoredProfile) -> String {
    let day = p
        .updated_at
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| p.updated_at.clone(), |d| tr.date(d));
    tr.t_with(
        "profile-saved-by",
        &[
            ("date", Arg::from(day.as_str())),
            ("who", Arg::from(p.updated_by.as_str())),
        ],
    )
}
