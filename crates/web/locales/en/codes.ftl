# The codes of the timeline format (FORMAT.md §2), as people read them. One message per code:
# <list>-<code>. Keep the three languages in step (a test compares them).

gender-female = Woman
gender-male = Man
gender-other = Non-binary
gender-unknown = Unknown

danish_level-none = None
danish_level-a1 = A1
danish_level-a2 = A2
danish_level-b1 = B1
danish_level-b2 = B2
danish_level-c1 = C1
danish_level-c2 = C2

benefit-cash_benefit = Cash benefit
benefit-education_benefit = Education benefit
benefit-integration_benefit = Integration benefit
benefit-self_supporting = Self-supporting
benefit-unemployment_insurance = Unemployment insurance
benefit-sickness_benefit = Sickness benefit
benefit-other = Other benefit

decision-accepted = Accepted
decision-waitlisted = Waiting list
decision-declined = Declined

activity-job = Job
activity-education = Education
activity-apprenticeship = Apprenticeship
activity-wage_subsidy = Wage subsidy
activity-internship = Internship
activity-leave = Leave
activity-language_school = Language school
activity-course = Course
activity-health = Health
activity-coaching = Coaching

end_reason-completed = Completed
end_reason-dropped_out = Dropped out
end_reason-converted = Converted to a job
end_reason-other = Other

contact-meeting = Meeting
contact-phone = Phone call
contact-video = Video call
contact-home_visit = Home visit
contact-workplace_visit = Workplace visit
contact-message = Message

leave_reason-job = Job
leave_reason-education = Education
leave_reason-completed = Completed the programme
leave_reason-moved = Moved away
leave_reason-illness = Illness
leave_reason-rehabilitation = Rehabilitation
leave_reason-maternity = Maternity leave
leave_reason-referred_elsewhere = Referred elsewhere
leave_reason-jobcentre_decision = Jobcentre decision
leave_reason-dropped_out = Dropped out
leave_reason-other = Other

follow_up-job = In a job
follow_up-education = In education
follow_up-benefit = On benefit
follow_up-unknown = Unknown

indicator-participants = Participants
indicator-job = Into a job
indicator-education = Into education
indicator-job_or_education = Into a job or education
indicator-retained_6m = Still in a job or education after six months

situation-job_full_time = Full-time job
situation-education = Education
situation-job_part_time = Part-time job
situation-wage_subsidy = Wage subsidy
situation-internship = Internship
situation-leave = Leave
situation-language_school = Language school
situation-coaching = Coaching

status-waiting = Waiting
status-declined = Declined
status-active = Active
status-ended = Ended

record-programme = Programme
record-person = Person
record-company = Company
record-caseworker = Caseworker
record-referred = Referral
record-intake = Intake
record-activity_started = Activity started
record-activity_extended = Activity extended
record-activity_ended = Activity ended
record-contact = Contact
record-assigned = Caseworker assigned
record-left = Left the programme
record-follow_up = Follow-up
record-void = Correction

worklist-contact_overdue = Contact overdue
worklist-aftercare_contact_overdue = Aftercare contact overdue
worklist-activity_gap = No activity
worklist-activity_ending = Activity ending soon
worklist-no_show_flag = No-shows
worklist-caseload_over = Caseload over the limit
worklist-follow_up_due = Follow-up due

age_band-unknown = Unknown

# Interpreter languages offered on the contact form (ISO 639-1).
language-name-ar = Arabic
language-name-so = Somali
language-name-ti = Tigrinya
language-name-fa = Persian (Farsi, Dari)
language-name-ps = Pashto
language-name-ku = Kurdish
language-name-ur = Urdu
language-name-tr = Turkish
language-name-uk = Ukrainian
language-name-ru = Russian
language-name-pl = Polish
language-name-ro = Romanian
language-name-sq = Albanian
language-name-bs = Bosnian
language-name-th = Thai
language-name-en = English

## Countries of origin (ISO 3166-1): those most often met; other codes are shown as they are.
country-name-AF = Afghanistan
country-name-BA = Bosnia and Herzegovina
country-name-CN = China
country-name-DE = Germany
country-name-DK = Denmark
country-name-ER = Eritrea
country-name-ET = Ethiopia
country-name-IN = India
country-name-IQ = Iraq
country-name-IR = Iran
country-name-LB = Lebanon
country-name-LK = Sri Lanka
country-name-MA = Morocco
country-name-NO = Norway
country-name-PH = Philippines
country-name-PK = Pakistan
country-name-PL = Poland
country-name-PS = Palestine
country-name-RO = Romania
country-name-RU = Russia
country-name-SD = Sudan
country-name-SE = Sweden
country-name-SO = Somalia
country-name-SY = Syria
country-name-TH = Thailand
country-name-TR = Turkey
country-name-UA = Ukraine
country-name-VN = Vietnam
country-name-XK = Kosovo

## More languages (ISO 639-1) a person may speak; other codes are shown as they are.
language-name-da = Danish
language-name-sv = Swedish
language-name-no = Norwegian
language-name-de = German
language-name-fr = French
language-name-es = Spanish
language-name-am = Amharic
language-name-zh = Chinese
language-name-vi = Vietnamese
