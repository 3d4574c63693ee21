//! The closed code lists of the timeline format (FORMAT.md §2): genders, benefits, activity kinds,
//! reasons, decisions and the rest. Codes are lower-case English snake_case on the wire; the user
//! interface translates them. Every enum knows its full list (`ALL`), so reports can show every
//! key, zero or not, and tests can walk every code.
//!
//! Never accept a code that is not in the list: an unknown code is an input error naming the field.

/// Defines a code enum with its wire names, `ALL`, `as_str`, `parse` and `Serialize`.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every code, in the order FORMAT.md lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as written in the timeline format.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads a code; `None` when it is not one of [`Self::ALL`].
            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The allowed codes, for error messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&code).ok_or_else(|| {
                    serde::de::Error::custom(format!("must be one of: {}", $name::expected()))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use codes;

codes!(Gender { Female = "female", Male = "male", Other = "other", Unknown = "unknown" });

codes!(DanishLevel {
    None = "none", A1 = "a1", A2 = "a2", B1 = "b1", B2 = "b2", C1 = "c1", C2 = "c2",
});

codes!(Benefit {
    CashBenefit = "cash_benefit",
    EducationBenefit = "education_benefit",
    IntegrationBenefit = "integration_benefit",
    SelfSupporting = "self_supporting",
    UnemploymentInsurance = "unemployment_insurance",
    SicknessBenefit = "sickness_benefit",
    Other = "other",
});

codes!(Decision { Accepted = "accepted", Waitlisted = "waitlisted", Declined = "declined" });

codes!(ActivityKind {
    Job = "job",
    Education = "education",
    Apprenticeship = "apprenticeship",
    WageSubsidy = "wage_subsidy",
    Internship = "internship",
    Leave = "leave",
    LanguageSchool = "language_school",
    Course = "course",
    Health = "health",
    Coaching = "coaching",
});

codes!(EndReason {
    Completed = "completed", DroppedOut = "dropped_out", Converted = "converted", Other = "other",
});

codes!(ContactKind {
    Meeting = "meeting",
    Phone = "phone",
    Video = "video",
    HomeVisit = "home_visit",
    WorkplaceVisit = "workplace_visit",
    Message = "message",
});

codes!(LeaveReason {
    Job = "job",
    Education = "education",
    Completed = "completed",
    Moved = "moved",
    Illness = "illness",
    Rehabilitation = "rehabilitation",
    Maternity = "maternity",
    ReferredElsewhere = "referred_elsewhere",
    JobcentreDecision = "jobcentre_decision",
    DroppedOut = "dropped_out",
    Other = "other",
});

impl LeaveReason {
    /// Leaving for a job or education is a result, followed up after `follow_up_months`.
    pub fn is_result(self) -> bool {
        matches!(self, LeaveReason::Job | LeaveReason::Education)
    }
}

codes!(FollowUpStatus { Job = "job", Education = "education", Benefit = "benefit", Unknown = "unknown" });

codes!(Indicator {
    Participants = "participants",
    Job = "job",
    Education = "education",
    JobOrEducation = "job_or_education",
    Retained6m = "retained_6m",
});

codes!(
    /// The situation of an active enrolment on a date, best first (FORMAT.md §3). The order of
    /// the variants *is* the ranking: a smaller value is a better situation.
    Situation {
        JobFullTime = "job_full_time",
        Education = "education",
        JobPartTime = "job_part_time",
        WageSubsidy = "wage_subsidy",
        Internship = "internship",
        Leave = "leave",
        LanguageSchool = "language_school",
        Coaching = "coaching",
    }
);

impl Situation {
    /// In job or education: contact follows the aftercare cadence.
    pub fn is_aftercare(self) -> bool {
        matches!(
            self,
            Situation::JobFullTime | Situation::Education | Situation::JobPartTime
        )
    }
}

codes!(
    /// The record types of the timeline format, in the order a file lists them.
    RecordType {
        Programme = "programme",
        Person = "person",
        Company = "company",
        Caseworker = "caseworker",
        Referred = "referred",
        Intake = "intake",
        ActivityStarted = "activity_started",
        ActivityExtended = "activity_extended",
        ActivityEnded = "activity_ended",
        Contact = "contact",
        Assigned = "assigned",
        Left = "left",
        FollowUp = "follow_up",
        Void = "void",
    }
);

impl RecordType {
    /// Entities are named by events; events make up an enrolment's timeline.
    pub fn is_entity(self) -> bool {
        matches!(
            self,
            RecordType::Programme
                | RecordType::Person
                | RecordType::Company
                | RecordType::Caseworker
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_itself() {
        for s in Situation::ALL {
            assert_eq!(Situation::parse(s.as_str()), Some(*s));
        }
        for r in RecordType::ALL {
            assert_eq!(RecordType::parse(r.as_str()), Some(*r));
        }
        for r in LeaveReason::ALL {
            assert_eq!(LeaveReason::parse(r.as_str()), Some(*r));
        }
    }

    #[test]
    fn codes_are_case_sensitive_and_closed() {
        assert_eq!(Gender::parse("Female"), None);
        assert_eq!(ActivityKind::parse("praktik"), None);
        assert_eq!(Benefit::parse("cash_benefit"), Some(Benefit::CashBenefit));
    }

    #[test]
    fn situations_rank_best_first() {
        assert!(Situation::JobFullTime < Situation::Education);
        assert!(Situation::Education < Situation::JobPartTime);
        assert!(Situation::LanguageSchool < Situation::Coaching);
    }
}
