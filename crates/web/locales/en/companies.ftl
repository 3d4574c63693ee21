# Companies: the list, the company page with its placements and contact people.
company-search = Name, CVR number or sector
company-search-button = Search
company-count = { $n ->
    [one] { $n } company
   *[other] { $n } companies
}
company-name = Company
company-cvr = CVR number
company-sector = Sector
company-bottleneck = Sector short of labour
company-partner-since = Partner since
company-diploma = Social-responsibility diploma
company-placements = Placements
company-ongoing = Ongoing now
company-yes = Yes
company-no = No
company-back-to-list = All companies
company-facts = About the company
company-placements-heading = Placements
company-placements-none = No one has been placed here yet.
company-placement-who = Participant
company-placement-kind = Kind
company-placement-start = Started
company-placement-end = Ended or ends
company-placement-outcome = Outcome
company-outcome-ongoing = Ongoing
company-outcome-ended = Ended
company-converted = Became: { $kind }
company-hidden-participant = Another caseworker's participant
company-hidden-count = { $n ->
    [one] { $n } placement is of a participant you do not work with: counted, not named.
   *[other] { $n } placements are of participants you do not work with: counted, not named.
}
company-conversion = { $converted } of { $internships } internships here turned into paid work (paid hours, wage subsidy or a job).
company-contacts-heading = Contact people
company-contacts-none = No contact people yet.
company-contact-name = Name
company-contact-role = Role or title
company-contact-phone = Phone
company-contact-email = E-mail
company-contact-add = Add a contact person
company-contact-save = Save the contact person
company-contact-added = The contact person is saved.
company-error-name-required = Give the contact person's name.
company-error-too-long = This is too long (at most 200 characters).
company-error-phone = Give a phone number: digits and spaces, optionally with a leading +.
company-error-email = Give an e-mail address, like name@example.dk.
