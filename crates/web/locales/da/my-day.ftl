# Min dag: jobkonsulentens arbejdsliste og formularerne på den.
my-day-heading = Goddag, { $name }
my-day-counts = Din sagsstamme i dag
my-day-active = Aktive borgere
my-day-contacts-overdue = Kontakter overskredet
my-day-gaps = Uden aktivitet
my-day-follow-ups = Opfølgninger forfaldne
my-day-interpreters = Tolke at bestille
my-day-worklist = Opgaver, mest overskredne først
my-day-nothing = Intet er overskredet. Godt klaret.
due = Frist
due-soon = Frist snart
days-overdue = { $days ->
    [one] { $days } dag over fristen
   *[other] { $days } dage over fristen
}
no-name = (intet navn)
action-log-contact = Registrér en kontakt
action-save-contact = Gem kontakten
action-plan-activity = Planlæg næste aktivitet
action-record-follow-up = Registrér opfølgningen
action-save-follow-up = Gem opfølgningen
action-cancel = Annullér
notice-contact-logged = Kontakten er gemt.
notice-follow-up-recorded = Opfølgningen er gemt.
my-day-more = … og { $n } mere. Find dem i borgerlisten.
