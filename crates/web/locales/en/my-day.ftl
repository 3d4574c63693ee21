# My day: the caseworker's worklist and the forms on it.
my-day-heading = Good day, { $name }
my-day-counts = Your caseload today
my-day-active = Active participants
my-day-contacts-overdue = Contacts overdue
my-day-gaps = Without an activity
my-day-follow-ups = Follow-ups due
my-day-interpreters = Interpreters to book
my-day-worklist = To do, most overdue first
my-day-nothing = Nothing is overdue. Well done.
due = Due
due-soon = Due soon
days-overdue = { $days ->
    [one] { $days } day overdue
   *[other] { $days } days overdue
}
no-name = (no name)
action-log-contact = Log a contact
action-save-contact = Save the contact
action-plan-activity = Plan the next activity
action-record-follow-up = Record the follow-up
action-save-follow-up = Save the follow-up
action-cancel = Cancel
notice-contact-logged = The contact is saved.
notice-follow-up-recorded = The follow-up is saved.
my-day-more = … and { $n } more. Find them in the participant list.
