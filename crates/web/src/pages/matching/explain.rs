//! A score as a table a caseworker can read between two meetings: the points, then one line per
//! factor with its weight, the points it gave and the reason in words. The reasons are the
//! domain's ([`Reason`]); the words are `matching-reason-<code>` in `matching.ftl`.

use jobbro_domain::enums::DanishLevel;
use jobbro_domain::matching::{Reason, Score};

use crate::i18n::{Arg, Tr};

/// One factor as the page shows it.
#[derive(Debug, Clone)]
pub struct FactorRow {
    pub name: String,
    pub weight: u32,
    /// Points given, with one decimal where it has one ("24.5", "35").
    pub points: String,
    pub reason: String,
}

/// A score as the page shows it.
#[derive(Debug, Clone)]
pub struct Explained {
    /// Out of 100, rounded.
    pub points: u32,
    pub factors: Vec<FactorRow>,
}

/// The score in the reader's language.
pub(crate) fn explain(score: &Score, tr: &Tr) -> Explained {
    let factors = score
        .factors
        .iter()
        .map(|f| FactorRow {
            name: tr.code("matching-factor", f.kind.as_str()),
            weight: f.weight,
            points: tenths(f.tenths),
            reason: reason(&f.reason, tr),
        })
        .collect();
    Explained {
        points: score.points(),
        factors,
    }
}

fn tenths(t: u32) -> String {
    if t.is_multiple_of(10) {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
}

/// The reason in words. Occupations are named in the reader's language, Danish levels as codes.
fn reason(reason: &Reason, tr: &Tr) -> String {
    let code = serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.get("code").and_then(|c| c.as_str().map(str::to_owned)))
        .unwrap_or_default();
    let level = |l: &DanishLevel| Arg::Text(tr.code("danish_level", l.as_str()));
    let text = |s: &str| Arg::Text(s.to_owned());
    let num = |n: u8| Arg::Num(i64::from(n));
    let args: Vec<(&'static str, Arg)> = match reason {
        Reason::WishedSame { occupation } => {
            vec![("occupation", text(&tr.occupation(*occupation)))]
        }
        Reason::WishedNear {
            wished,
            shared_digits,
        } => vec![
            ("occupation", text(&tr.occupation(*wished))),
            ("shared", num(*shared_digits)),
        ],
        Reason::WorkedSame { occupation, years } | Reason::WorkedNear { occupation, years } => {
            vec![
                ("occupation", text(&tr.occupation(*occupation))),
                ("years", num(*years)),
            ]
        }
        Reason::DanishMeets { has, needs }
        | Reason::DanishOneBelow { has, needs }
        | Reason::DanishBelow { has, needs } => vec![("has", level(has)), ("needs", level(needs))],
        Reason::DanishUnknown { needs } => vec![("needs", level(needs))],
        Reason::HoursEnough { has, needs } | Reason::HoursFewer { has, needs } => {
            vec![("has", num(*has)), ("needs", num(*needs))]
        }
        Reason::HoursUnknown { needs } => vec![("needs", num(*needs))],
        Reason::AreaSame { area } => vec![("area", text(area))],
        Reason::AreaOther { has, needs } => vec![("has", text(has)), ("needs", text(needs))],
        Reason::NotWished
        | Reason::NoWishes
        | Reason::OtherExperience
        | Reason::NoExperience
        | Reason::NoDanishRequired
        | Reason::AreaUnknown
        | Reason::NoLicenceRequired
        | Reason::HasLicence
        | Reason::NoLicence => vec![],
    };
    tr.t_with(&format!("matching-reason-{code}"), &args)
}

#[cfg(test)]
mod tests {
    use jobbro_domain::matching::FactorKind;

    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_reason_and_factor_has_words_in_every_language() {
        use jobbro_domain::occupation::Isco;
        let cook = Isco::parse("5120").unwrap_or_else(|e| panic!("{e}"));
        let reasons = [
            Reason::WishedSame { occupation: cook },
            Reason::WishedNear {
                wished: cook,
                shared_digits: 2,
            },
            Reason::NotWished,
            Reason::NoWishes,
            Reason::WorkedSame {
                occupation: cook,
                years: 3,
            },
            Reason::WorkedNear {
                occupation: cook,
                years: 1,
            },
            Reason::OtherExperience,
            Reason::NoExperience,
            Reason::NoDanishRequired,
            Reason::DanishMeets {
                has: DanishLevel::B1,
                needs: DanishLevel::A2,
            },
            Reason::DanishOneBelow {
                has: DanishLevel::A1,
                needs: DanishLevel::A2,
            },
            Reason::DanishBelow {
                has: DanishLevel::None,
                needs: DanishLevel::B1,
            },
            Reason::DanishUnknown {
                needs: DanishLevel::A2,
            },
            Reason::HoursEnough { has: 30, needs: 25 },
            Reason::HoursFewer { has: 20, needs: 25 },
            Reason::HoursUnknown { needs: 25 },
            Reason::AreaSame {
                area: "Helsingør".into(),
            },
            Reason::AreaOther {
                has: "Hillerød".into(),
                needs: "Helsingør".into(),
            },
            Reason::AreaUnknown,
            Reason::NoLicenceRequired,
            Reason::HasLicence,
            Reason::NoLicence,
        ];
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            for r in &reasons {
                let words = reason(r, &tr);
                assert!(
                    !words.contains('⟦') && !words.is_empty(),
                    "{lang:?} {r:?}: {words}"
                );
                assert!(
                    !words.contains("{"),
                    "{lang:?} {r:?}: an argument left out: {words}"
                );
            }
            for k in FactorKind::ALL {
                let name = tr.code("matching-factor", k.as_str());
                assert!(!name.contains('⟦'), "{lang:?} {k}");
            }
        }
        let tr = Tr::new(Lang::Da);
        assert!(reason(&reasons[0], &tr).contains("5120 Kokke"));
    }

    #[test]
    fn points_keep_their_tenths() {
        assert_eq!(tenths(245), "24.5");
        assert_eq!(tenths(350), "35");
        assert_eq!(tenths(0), "0");
    }
}
