## The cohort page (programmes part): the funnel by referral quarter.
cohorts-heading = Kohorter efter remisskvartal
cohorts-intro = För deltagarna som remitterades varje kvartal: hur många som hade nått varje steg på dagen, och medianen av antal dagar mellan stegen. docs/REPORTS.md beskriver hur varje siffra tas fram.
cohorts-counts = Nådda steg
cohorts-medians = Median antal dagar mellan steg
cohorts-median-rule = Bland deltagarna som nådde båda stegen; vid ett jämnt antal det lägre av de två mittersta värdena. Ett streck: ingen, eller för få för att visas.
cohorts-quarter = Remitterad
cohorts-total = Alla kvartal
cohorts-step-referred_to_accepted = Remiss till antagning
cohorts-step-accepted_to_first_activity = Antagning till första aktivitet
cohorts-step-first_activity_to_first_company_activity = Första aktivitet till första arbetsplatsaktivitet
cohorts-step-first_company_activity_to_job_or_education = Arbetsplatsaktivitet till arbete eller studier
