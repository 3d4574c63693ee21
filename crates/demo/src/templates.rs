//! The four programme templates and what they say about their participants and paths: rules and
//! goals, where participants come from, their age and benefit, how enrolments tend to unfold and
//! how the caseload is shared. Modelled on the kinds of programme jobbro serves; the figures are
//! plausible, not taken from any real person.

use jobbro_domain::enums::{Benefit, Indicator};
use jobbro_domain::rules::RuleSettings;

use crate::names::Origin;
use crate::paths::TrackKind;

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

impl Template {
    pub(crate) fn nation(self) -> Nation {
        match self {
            Template::Recruit => Nation::Se,
            _ => Nation::Dk,
        }
    }

    pub(crate) fn slug(self) -> &'static str {
        match self {
            Template::Women => "kvinder",
            Template::Recruit => "rekrytera",
            Template::Youth => "ung",
            Template::CompanyTrack => "jobsporet",
        }
    }

    pub(crate) fn rules(self) -> RuleSettings {
        match self {
            Template::Women => RuleSettings {
                contact_every_days: Some(5),
                max_days_without_activity: Some(42),
                aftercare_contact_every_days: Some(7),
                follow_up_months: Some(vec![6]),
                max_caseload: Some(12),
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
    pub(crate) fn goals(self) -> &'static [(Indicator, f64)] {
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
    pub(crate) fn caseworker_weights(self, expected_enrolments: f64) -> Vec<u32> {
        let small: &[u32] = match self {
            Template::Women => &[65, 20, 15],
            Template::Recruit => &[34, 33, 33],
            Template::Youth => &[60, 40],
            Template::CompanyTrack => &[50, 50],
        };
        if expected_enrolments < 500.0 {
            return small.to_vec();
        }
        let max_caseload = f64::from(self.rules().effective().max_caseload);
        // About a third of the enrolments referred over three years are active on a given day.
        let active = expected_enrolments * 0.33;
        let needed = ((active / (0.9 * max_caseload)).ceil() as usize).max(small.len());
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
