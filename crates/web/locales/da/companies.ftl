# Virksomheder: listen, virksomhedens side med praktikker og kontaktpersoner.
company-search = Navn, CVR-nummer eller branche
company-search-button = Søg
company-count = { $n ->
    [one] { $n } virksomhed
   *[other] { $n } virksomheder
}
company-name = Virksomhed
company-cvr = CVR-nummer
company-sector = Branche
company-bottleneck = Flaskehalsområde
company-partner-since = Samarbejdspartner siden
company-diploma = CSR-diplom
company-placements = Forløb i virksomheden
company-ongoing = I gang nu
company-yes = Ja
company-no = Nej
company-back-to-list = Alle virksomheder
company-facts = Om virksomheden
company-placements-heading = Forløb i virksomheden
company-placements-none = Ingen har haft forløb her endnu.
company-placement-who = Borger
company-placement-kind = Type
company-placement-start = Start
company-placement-end = Slut
company-placement-outcome = Resultat
company-outcome-ongoing = I gang
company-outcome-ended = Afsluttet
company-converted = Blev til: { $kind }
company-hidden-participant = En anden sagsbehandlers borger
company-hidden-count = { $n ->
    [one] { $n } forløb er med en borger, du ikke arbejder med: talt med, ikke navngivet.
   *[other] { $n } forløb er med borgere, du ikke arbejder med: talt med, ikke navngivet.
}
company-conversion = { $converted } af { $internships } virksomhedspraktikker her blev til lønnet arbejde (løntimer, løntilskud eller job).
company-contacts-heading = Kontaktpersoner
company-contacts-none = Ingen kontaktpersoner endnu.
company-contact-name = Navn
company-contact-role = Rolle eller titel
company-contact-phone = Telefon
company-contact-email = E-mail
company-contact-add = Tilføj en kontaktperson
company-contact-save = Gem kontaktpersonen
company-contact-added = Kontaktpersonen er gemt.
company-error-name-required = Skriv kontaktpersonens navn.
company-error-too-long = Det er for langt (højst 200 tegn).
company-error-phone = Skriv et telefonnummer: cifre og mellemrum, evt. med + foran.
company-error-email = Skriv en e-mailadresse, fx navn@eksempel.dk.
