# Företag: listan, företagets sida med placeringar och kontaktpersoner.
company-search = Namn, organisationsnummer (CVR) eller bransch
company-search-button = Sök
company-count = { $n ->
    [one] { $n } företag
   *[other] { $n } företag
}
company-name = Företag
company-cvr = CVR-nummer
company-sector = Bransch
company-bottleneck = Bristyrke
company-partner-since = Samarbetspartner sedan
company-diploma = CSR-diplom
company-placements = Placeringar
company-ongoing = Pågår nu
company-yes = Ja
company-no = Nej
company-back-to-list = Alla företag
company-facts = Om företaget
company-placements-heading = Placeringar
company-placements-none = Ingen har varit placerad här ännu.
company-placement-who = Deltagare
company-placement-kind = Typ
company-placement-start = Start
company-placement-end = Slut
company-placement-outcome = Utfall
company-outcome-ongoing = Pågår
company-outcome-ended = Avslutad
company-converted = Blev: { $kind }
company-hidden-participant = En annan handläggares deltagare
company-hidden-count = { $n ->
    [one] { $n } placering gäller en deltagare du inte arbetar med: räknad, inte namngiven.
   *[other] { $n } placeringar gäller deltagare du inte arbetar med: räknade, inte namngivna.
}
company-conversion = { $converted } av { $internships } praktiker här blev betalt arbete (timanställning, lönebidrag eller jobb).
company-contacts-heading = Kontaktpersoner
company-contacts-none = Inga kontaktpersoner ännu.
company-contact-name = Namn
company-contact-role = Roll eller titel
company-contact-phone = Telefon
company-contact-email = E-post
company-contact-add = Lägg till en kontaktperson
company-contact-save = Spara kontaktpersonen
company-contact-added = Kontaktpersonen är sparad.
company-error-name-required = Skriv kontaktpersonens namn.
company-error-too-long = Det är för långt (högst 200 tecken).
company-error-phone = Skriv ett telefonnummer: siffror och mellanslag, ev. med + först.
company-error-email = Skriv en e-postadress, t.ex. namn@exempel.se.
