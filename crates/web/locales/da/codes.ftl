# Tidslinjeformatets koder (FORMAT.md §2), som mennesker læser dem. Én besked pr. kode:
# <liste>-<kode>. Hold de tre sprog i takt (en test sammenligner dem).

gender-female = Kvinde
gender-male = Mand
gender-other = Nonbinær
gender-unknown = Ukendt

danish_level-none = Ingen
danish_level-a1 = A1
danish_level-a2 = A2
danish_level-b1 = B1
danish_level-b2 = B2
danish_level-c1 = C1
danish_level-c2 = C2

benefit-cash_benefit = Kontanthjælp
benefit-education_benefit = Uddannelseshjælp
benefit-integration_benefit = Selvforsørgelses- og hjemrejseydelse
benefit-self_supporting = Selvforsørgende
benefit-unemployment_insurance = Dagpenge
benefit-sickness_benefit = Sygedagpenge
benefit-other = Anden ydelse

decision-accepted = Optaget
decision-waitlisted = Venteliste
decision-declined = Afvist

activity-job = Job
activity-education = Uddannelse
activity-apprenticeship = Voksenlære
activity-wage_subsidy = Løntilskud
activity-internship = Virksomhedspraktik
activity-leave = Orlov
activity-language_school = Sprogcenter
activity-course = Kursus
activity-health = Sundhed
activity-coaching = Coaching

end_reason-completed = Gennemført
end_reason-dropped_out = Afbrudt
end_reason-converted = Overgået til job
end_reason-other = Andet

contact-meeting = Samtale
contact-phone = Telefonsamtale
contact-video = Videosamtale
contact-home_visit = Hjemmebesøg
contact-workplace_visit = Virksomhedsbesøg
contact-message = Besked

leave_reason-job = Job
leave_reason-education = Uddannelse
leave_reason-completed = Forløb afsluttet
leave_reason-moved = Fraflyttet
leave_reason-illness = Sygdom
leave_reason-rehabilitation = Ressourceforløb
leave_reason-maternity = Barsel
leave_reason-referred_elsewhere = Henvist andetsteds
leave_reason-jobcentre_decision = Jobcenterets afgørelse
leave_reason-dropped_out = Udeblevet
leave_reason-other = Andet

follow_up-job = I job
follow_up-education = I uddannelse
follow_up-benefit = På ydelse
follow_up-unknown = Ukendt

indicator-participants = Deltagere
indicator-job = I job
indicator-education = I uddannelse
indicator-job_or_education = I job eller uddannelse
indicator-retained_6m = Stadig i job eller uddannelse efter seks måneder

situation-job_full_time = Fuldtidsjob
situation-education = Uddannelse
situation-job_part_time = Deltidsjob
situation-wage_subsidy = Løntilskud
situation-internship = Virksomhedspraktik
situation-leave = Orlov
situation-language_school = Sprogcenter
situation-coaching = Coaching

status-waiting = Venter
status-declined = Afvist
status-active = Aktiv
status-ended = Afsluttet

record-programme = Projekt
record-person = Person
record-company = Virksomhed
record-caseworker = Jobkonsulent
record-referred = Henvisning
record-intake = Visitation
record-activity_started = Aktivitet startet
record-activity_extended = Aktivitet forlænget
record-activity_ended = Aktivitet afsluttet
record-contact = Kontakt
record-assigned = Jobkonsulent tildelt
record-left = Afmeldt
record-follow_up = Opfølgning
record-void = Rettelse

worklist-contact_overdue = Kontakt overskredet
worklist-aftercare_contact_overdue = Efterværnskontakt overskredet
worklist-activity_gap = Ingen aktivitet
worklist-activity_ending = Aktivitet slutter snart
worklist-no_show_flag = Udeblivelser
worklist-caseload_over = Sagsstamme over grænsen
worklist-follow_up_due = Opfølgning forfalden

age_band-unknown = Ukendt

# Tolkesprog på kontaktformularen (ISO 639-1).
language-name-ar = Arabisk
language-name-so = Somali
language-name-ti = Tigrinya
language-name-fa = Persisk (farsi, dari)
language-name-ps = Pashto
language-name-ku = Kurdisk
language-name-ur = Urdu
language-name-tr = Tyrkisk
language-name-uk = Ukrainsk
language-name-ru = Russisk
language-name-pl = Polsk
language-name-ro = Rumænsk
language-name-sq = Albansk
language-name-bs = Bosnisk
language-name-th = Thai
language-name-en = Engelsk

## Countries of origin (ISO 3166-1): those most often met; other codes are shown as they are.
country-name-AF = Afghanistan
country-name-BA = Bosnien-Hercegovina
country-name-CN = Kina
country-name-DE = Tyskland
country-name-DK = Danmark
country-name-ER = Eritrea
country-name-ET = Etiopien
country-name-IN = Indien
country-name-IQ = Irak
country-name-IR = Iran
country-name-LB = Libanon
country-name-LK = Sri Lanka
country-name-MA = Marokko
country-name-NO = Norge
country-name-PH = Filippinerne
country-name-PK = Pakistan
country-name-PL = Polen
country-name-PS = Palæstina
country-name-RO = Rumænien
country-name-RU = Rusland
country-name-SD = Sudan
country-name-SE = Sverige
country-name-SO = Somalia
country-name-SY = Syrien
country-name-TH = Thailand
country-name-TR = Tyrkiet
country-name-UA = Ukraine
country-name-VN = Vietnam
country-name-XK = Kosovo

## More languages (ISO 639-1) a person may speak; other codes are shown as they are.
language-name-da = Dansk
language-name-sv = Svensk
language-name-no = Norsk
language-name-de = Tysk
language-name-fr = Fransk
language-name-es = Spansk
language-name-am = Amharisk
language-name-zh = Kinesisk
language-name-vi = Vietnamesisk
