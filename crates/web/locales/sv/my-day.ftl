# Min dag: handläggarens arbetslista och formulären på den.
my-day-heading = God dag, { $name }
my-day-counts = Dina ärenden i dag
my-day-active = Aktiva deltagare
my-day-contacts-overdue = Försenade kontakter
my-day-gaps = Utan aktivitet
my-day-follow-ups = Uppföljningar att göra
my-day-interpreters = Tolkar att boka
my-day-worklist = Att göra, mest försenat först
my-day-nothing = Inget är försenat. Bra jobbat.
due = Senast
due-soon = Snart dags
days-overdue = { $days ->
    [one] { $days } dag försenad
   *[other] { $days } dagar försenad
}
no-name = (inget namn)
action-log-contact = Registrera en kontakt
action-save-contact = Spara kontakten
action-plan-activity = Planera nästa aktivitet
action-record-follow-up = Registrera uppföljningen
action-save-follow-up = Spara uppföljningen
action-cancel = Avbryt
notice-contact-logged = Kontakten är sparad.
notice-follow-up-recorded = Uppföljningen är sparad.
my-day-more = … och { $n } till. Hitta dem i deltagarlistan.
