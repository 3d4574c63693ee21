# Tidslinjeformatets koder (FORMAT.md §2), som människor läser dem. Ett meddelande per kod:
# <lista>-<kod>. Håll de tre språken i takt (ett test jämför dem).

gender-female = Kvinna
gender-male = Man
gender-other = Icke-binär
gender-unknown = Okänt

danish_level-none = Ingen
danish_level-a1 = A1
danish_level-a2 = A2
danish_level-b1 = B1
danish_level-b2 = B2
danish_level-c1 = C1
danish_level-c2 = C2

benefit-cash_benefit = Försörjningsstöd
benefit-education_benefit = Utbildningsstöd
benefit-integration_benefit = Etableringsersättning
benefit-self_supporting = Självförsörjande
benefit-unemployment_insurance = A-kassa
benefit-sickness_benefit = Sjukpenning
benefit-other = Annan ersättning

decision-accepted = Antagen
decision-waitlisted = Väntelista
decision-declined = Avvisad

activity-job = Arbete
activity-education = Utbildning
activity-apprenticeship = Lärlingsutbildning
activity-wage_subsidy = Lönebidrag
activity-internship = Praktik
activity-leave = Ledighet
activity-language_school = SFI
activity-course = Kurs
activity-health = Hälsa
activity-coaching = Coachning

end_reason-completed = Genomförd
end_reason-dropped_out = Avbruten
end_reason-converted = Övergick till arbete
end_reason-other = Annat

contact-meeting = Möte
contact-phone = Telefonsamtal
contact-video = Videosamtal
contact-home_visit = Hembesök
contact-workplace_visit = Arbetsplatsbesök
contact-message = Meddelande

leave_reason-job = Arbete
leave_reason-education = Utbildning
leave_reason-completed = Avslutat programmet
leave_reason-moved = Flyttat
leave_reason-illness = Sjukdom
leave_reason-rehabilitation = Rehabilitering
leave_reason-maternity = Föräldraledighet
leave_reason-referred_elsewhere = Hänvisad annanstans
leave_reason-jobcentre_decision = Arbetsförmedlingens beslut
leave_reason-dropped_out = Avbrutit
leave_reason-other = Annat

follow_up-job = I arbete
follow_up-education = I utbildning
follow_up-benefit = På ersättning
follow_up-unknown = Okänt

indicator-participants = Deltagare
indicator-job = Till arbete
indicator-education = Till utbildning
indicator-job_or_education = Till arbete eller utbildning
indicator-retained_6m = Kvar i arbete eller utbildning efter sex månader

situation-job_full_time = Heltidsarbete
situation-education = Utbildning
situation-job_part_time = Deltidsarbete
situation-wage_subsidy = Lönebidrag
situation-internship = Praktik
situation-leave = Ledighet
situation-language_school = SFI
situation-coaching = Coachning

status-waiting = Väntar
status-declined = Avvisad
status-active = Aktiv
status-ended = Avslutad

record-programme = Projekt
record-person = Person
record-company = Företag
record-caseworker = Handläggare
record-referred = Anvisning
record-intake = Inskrivning
record-activity_started = Aktivitet startad
record-activity_extended = Aktivitet förlängd
record-activity_ended = Aktivitet avslutad
record-contact = Kontakt
record-assigned = Handläggare tilldelad
record-left = Avslutad i programmet
record-follow_up = Uppföljning
record-void = Rättelse

worklist-contact_overdue = Kontakt försenad
worklist-aftercare_contact_overdue = Efterstödskontakt försenad
worklist-activity_gap = Ingen aktivitet
worklist-activity_ending = Aktivitet slutar snart
worklist-no_show_flag = Uteblivna besök
worklist-caseload_over = Ärendemängd över gränsen
worklist-follow_up_due = Uppföljning förfallen

age_band-unknown = Okänd

# Tolkspråk i kontaktformuläret (ISO 639-1).
language-name-ar = Arabiska
language-name-so = Somaliska
language-name-ti = Tigrinja
language-name-fa = Persiska (farsi, dari)
language-name-ps = Pashto
language-name-ku = Kurdiska
language-name-ur = Urdu
language-name-tr = Turkiska
language-name-uk = Ukrainska
language-name-ru = Ryska
language-name-pl = Polska
language-name-ro = Rumänska
language-name-sq = Albanska
language-name-bs = Bosniska
language-name-th = Thailändska
language-name-en = Engelska

## Countries of origin (ISO 3166-1): those most often met; other codes are shown as they are.
country-name-AF = Afghanistan
country-name-BA = Bosnien och Hercegovina
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
country-name-MA = Marocko
country-name-NO = Norge
country-name-PH = Filippinerna
country-name-PK = Pakistan
country-name-PL = Polen
country-name-PS = Palestina
country-name-RO = Rumänien
country-name-RU = Ryssland
country-name-SD = Sudan
country-name-SE = Sverige
country-name-SO = Somalia
country-name-SY = Syrien
country-name-TH = Thailand
country-name-TR = Turkiet
country-name-UA = Ukraina
country-name-VN = Vietnam
country-name-XK = Kosovo

## More languages (ISO 639-1) a person may speak; other codes are shown as they are.
language-name-da = Danska
language-name-sv = Svenska
language-name-no = Norska
language-name-de = Tyska
language-name-fr = Franska
language-name-es = Spanska
language-name-am = Amhariska
language-name-zh = Kinesiska
language-name-vi = Vietnamesiska
