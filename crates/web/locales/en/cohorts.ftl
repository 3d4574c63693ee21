## The cohort page (programmes part): the funnel by referral quarter.
cohorts-heading = Cohorts by referral quarter
cohorts-intro = For the participants referred in each quarter: how many had reached each stage by the day, and the median number of days between stages. docs/REPORTS.md says how each figure is derived.
cohorts-counts = Stages reached
cohorts-medians = Median days between stages
cohorts-median-rule = Over the participants who reached both stages; with an even number of them, the lower of the two middle values. A dash: nobody, or too few to show.
cohorts-quarter = Referred in
cohorts-total = All quarters
cohorts-step-referred_to_accepted = Referral to acceptance
cohorts-step-accepted_to_first_activity = Acceptance to first activity
cohorts-step-first_activity_to_first_company_activity = First activity to first company activity
cohorts-step-first_company_activity_to_job_or_education = Company activity to job or education
