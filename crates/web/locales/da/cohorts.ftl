## The cohort page (programmes part): the funnel by referral quarter.
cohorts-heading = Årgange efter henvisningskvartal
cohorts-intro = For deltagerne henvist i hvert kvartal: hvor mange der havde nået hvert trin på dagen, og medianen af dage mellem trinene. docs/REPORTS.md beskriver, hvordan hvert tal udledes.
cohorts-counts = Nåede trin
cohorts-medians = Median antal dage mellem trin
cohorts-median-rule = Blandt deltagerne, der nåede begge trin; ved et lige antal den laveste af de to midterste værdier. En streg: ingen, eller for få til at blive vist.
cohorts-quarter = Henvist i
cohorts-total = Alle kvartaler
cohorts-step-referred_to_accepted = Henvisning til optagelse
cohorts-step-accepted_to_first_activity = Optagelse til første aktivitet
cohorts-step-first_activity_to_first_company_activity = Første aktivitet til første virksomhedsforløb
cohorts-step-first_company_activity_to_job_or_education = Virksomhedsforløb til job eller uddannelse
