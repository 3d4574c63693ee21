## Matchning: en score og hvorfor (kandidater til en åbning, en borgers åbninger).
matching-score = Score
matching-score-of = { $points } af 100
matching-why = Hvorfor denne score
matching-factor = Faktor
matching-weight = Vægt
matching-fit = Passer
matching-points = Point
matching-reason = Hvorfor
matching-factor-occupation = Ønsket fag
matching-factor-experience = Erfaring
matching-factor-danish = Dansk
matching-factor-hours = Timer
matching-factor-area = Område
matching-factor-driving_licence = Kørekort
matching-reason-wished_same = Ønsker at arbejde som { $occupation }
matching-reason-wished_near = Ønsker { $occupation }, { $shared ->
    [1] i samme hovedgruppe
   *[other] i samme faggruppe
}
matching-reason-not_wished = Ønsker andet arbejde
matching-reason-no_wishes = Intet ønsket fag registreret
matching-reason-worked_same = { $years ->
    [0] Under et år som { $occupation }
    [one] Et år som { $occupation }
   *[other] { $years } år som { $occupation }
}
matching-reason-worked_near = { $years ->
    [0] Under et år som { $occupation }, et beslægtet fag
    [one] Et år som { $occupation }, et beslægtet fag
   *[other] { $years } år som { $occupation }, et beslægtet fag
}
matching-reason-other_experience = Erfaring fra andet arbejde
matching-reason-no_experience = Ingen erfaring registreret
matching-reason-no_danish_required = Intet krav om dansk
matching-reason-danish_meets = Dansk { $has }; kravet er { $needs }
matching-reason-danish_one_below = Dansk { $has }, et trin under kravet { $needs }
matching-reason-danish_below = Dansk { $has }; kravet er { $needs }
matching-reason-danish_unknown = Dansk niveau ikke registreret; kravet er { $needs }
matching-reason-hours_enough = Kan arbejde { $has } timer om ugen; { $needs } ønskes
matching-reason-hours_fewer = Kan arbejde { $has } timer om ugen; { $needs } ønskes
matching-reason-hours_unknown = Timer ikke registreret; { $needs } om ugen ønskes
matching-reason-area_same = Bor i { $area }, hvor arbejdet er
matching-reason-area_other = Bor i { $has }; arbejdet er i { $needs }
matching-reason-area_unknown = Område ikke registreret
matching-reason-no_licence_required = Kørekort kræves ikke
matching-reason-has_licence = Har det kørekort, arbejdet kræver
matching-reason-no_licence = Intet kørekort; arbejdet kræver det

## Kandidater til en åbning og forslagene.
matching-candidates = Kandidater
matching-candidates-intro = Aktive borgere, der ikke er i job eller uddannelse, bedst egnede først. Åbn en score for at se hvorfor. Scoren er kun et forslag: du bestemmer, hvem der foreslås.
matching-without-profile = { $n ->
    [one] En aktiv borger har endnu ingen matchprofil og er ikke rangeret.
   *[other] { $n } aktive borgere har endnu ingen matchprofil og er ikke rangeret.
}
matching-no-candidates = Ingen at foreslå: alle aktive borgere, du arbejder med, er allerede foreslået, i job eller uddannelse, eller mangler en profil.
matching-participant = Borger
matching-situation = Situation nu
matching-propose = Foreslå
matching-proposals = Forslag
matching-no-proposals = Ingen er foreslået endnu.
matching-proposed-on = Foreslået
matching-outcome = Udfald
matching-actions = Handlinger
matching-start-date = Start
matching-start = Start på pladsen
matching-decline = Afvis
matching-someone-else = En borger hos en anden sagsbehandler
matching-outcome-waiting = Venter på svar
matching-outcome-declined = Afvist
matching-outcome-ongoing = Startet
matching-outcome-converted = Blev til lønnet arbejde
matching-outcome-completed = Gennemført
matching-outcome-ended_early = Afbrudt
matching-done-proposed = Foreslået. Start borgeren på pladsen, når det er aftalt, eller afvis.
matching-done-already_proposed = Borgeren er allerede foreslået til denne åbning.
matching-done-started = Startet: aktiviteten står på borgerens tidslinje, og virksomhedssiden og rapporterne tæller den med.
matching-done-declined = Afvist.
matching-done-not_open = Ikke startet: åbningen har ingen ledig plads (besat eller lukket).
matching-done-already_started = Forslaget er allerede startet.
matching-done-was_declined = Ikke startet: forslaget er afvist.
matching-done-stale = Ikke ændret: en anden har netop ændret forslaget. Se det igen.
matching-bad-date = Startdatoen skal være en dato (ÅÅÅÅ-MM-DD).
matching-start-refused-heading = Pladsen kunne ikke startes
matching-start-refused = Borgerens tidslinje tillader ikke denne start, og intet er gemt:
matching-back-to-openings = Tilbage til åbningerne

## En borgers åbninger.
matching-openings-heading = Åbninger til denne borger
matching-openings-intro = Ledige pladser rangeret efter borgerens profil, bedst egnede først, og dem borgeren er foreslået til.
matching-back-to-participant = Tilbage til borgeren
matching-profile-link = Matchprofil
matching-not-offered = Borgeren er i job eller uddannelse nu: der tilbydes ingen nye åbninger.
matching-no-profile = Borgeren har endnu ingen matchprofil: alle scorer er lave, til den er udfyldt.
matching-no-openings = Ingen ledige åbninger lige nu.
matching-opening = Åbning
matching-company = Virksomhed
matching-hours = Timer om ugen
matching-area = Område

## Programmets matchrapport.
matching-heading = Matchning
matching-intro = Hvad der kom ud af forslagene til programmets borgere frem til dagen: i alt og efter den score, de havde, da de blev foreslået. Virker matchningen, fører højere scorer til flere starter og mere lønnet arbejde. docs/MATCHING.md beskriver, hvordan hvert tal læses af tidslinjen.
matching-report-heading = Forslag og hvad der kom ud af dem
matching-report-score = Score ved forslag
matching-report-all = Alle forslag
matching-report-band = { $lo }–{ $hi } point
matching-report-conversion = Lønnet arbejde, af de startede
matching-report-proposed = Foreslået
matching-report-declined = Afvist
matching-report-waiting = Venter
matching-report-started = Startet
matching-report-ongoing = I gang
matching-report-converted = Blev til lønnet arbejde
matching-report-completed = Gennemført
matching-report-ended_early = Afbrudt
matching-report-rule = Startet = i gang + blev til lønnet arbejde + gennemført + afbrudt. Blev til lønnet arbejde: en praktik efterfulgt af løntimer, job eller løntilskud i samme virksomhed.
