## Matchning: ett poängtal och varför (kandidater till en plats, en deltagares platser).
matching-score = Poäng
matching-score-of = { $points } av 100
matching-why = Varför detta poängtal
matching-factor = Faktor
matching-weight = Vikt
matching-fit = Passar
matching-points = Poäng
matching-reason = Varför
matching-factor-occupation = Önskat yrke
matching-factor-experience = Erfarenhet
matching-factor-danish = Danska
matching-factor-hours = Timmar
matching-factor-area = Område
matching-factor-driving_licence = Körkort
matching-reason-wished_same = Vill arbeta som { $occupation }
matching-reason-wished_near = Önskar { $occupation }, { $shared ->
    [1] i samma yrkesområde
   *[other] i samma yrkesgrupp
}
matching-reason-not_wished = Önskar annat arbete
matching-reason-no_wishes = Inget önskat yrke registrerat
matching-reason-worked_same = { $years ->
    [0] Under ett år som { $occupation }
    [one] Ett år som { $occupation }
   *[other] { $years } år som { $occupation }
}
matching-reason-worked_near = { $years ->
    [0] Under ett år som { $occupation }, ett närliggande yrke
    [one] Ett år som { $occupation }, ett närliggande yrke
   *[other] { $years } år som { $occupation }, ett närliggande yrke
}
matching-reason-other_experience = Erfarenhet av annat arbete
matching-reason-no_experience = Ingen erfarenhet registrerad
matching-reason-no_danish_required = Inget krav på danska
matching-reason-danish_meets = Danska { $has }; kravet är { $needs }
matching-reason-danish_one_below = Danska { $has }, ett steg under kravet { $needs }
matching-reason-danish_below = Danska { $has }; kravet är { $needs }
matching-reason-danish_unknown = Nivå i danska inte registrerad; kravet är { $needs }
matching-reason-hours_enough = Kan arbeta { $has } timmar i veckan; { $needs } efterfrågas
matching-reason-hours_fewer = Kan arbeta { $has } timmar i veckan; { $needs } efterfrågas
matching-reason-hours_unknown = Timmar inte registrerade; { $needs } i veckan efterfrågas
matching-reason-area_same = Bor i { $area }, där arbetet finns
matching-reason-area_other = Bor i { $has }; arbetet finns i { $needs }
matching-reason-area_unknown = Område inte registrerat
matching-reason-no_licence_required = Körkort krävs inte
matching-reason-has_licence = Har det körkort arbetet kräver
matching-reason-no_licence = Inget körkort; arbetet kräver det

## Kandidater till en plats och förslagen.
matching-candidates = Kandidater
matching-candidates-intro = Aktiva deltagare som inte har arbete eller studerar, bäst lämpade först. Öppna ett poängtal för att se varför. Poängen är bara ett förslag: du bestämmer vem som föreslås.
matching-without-profile = { $n ->
    [one] En aktiv deltagare har ännu ingen matchningsprofil och är inte rangordnad.
   *[other] { $n } aktiva deltagare har ännu ingen matchningsprofil och är inte rangordnade.
}
matching-no-candidates = Ingen att föreslå: alla aktiva deltagare du arbetar med är redan föreslagna, har arbete eller studerar, eller saknar profil.
matching-participant = Deltagare
matching-situation = Situation nu
matching-propose = Föreslå
matching-proposals = Förslag
matching-no-proposals = Ingen har föreslagits ännu.
matching-proposed-on = Föreslagen
matching-outcome = Utfall
matching-actions = Åtgärder
matching-start-date = Start
matching-start = Börja på platsen
matching-decline = Avböj
matching-someone-else = En deltagare hos en annan handläggare
matching-outcome-waiting = Väntar på svar
matching-outcome-declined = Avböjd
matching-outcome-ongoing = Påbörjad
matching-outcome-converted = Blev betalt arbete
matching-outcome-completed = Genomförd
matching-outcome-ended_early = Avbruten
matching-done-proposed = Föreslagen. Låt deltagaren börja på platsen när det är överenskommet, eller avböj.
matching-done-already_proposed = Deltagaren är redan föreslagen till den här platsen.
matching-done-started = Påbörjad: aktiviteten finns på deltagarens tidslinje, och företagssidan och rapporterna räknar den.
matching-done-declined = Avböjd.
matching-done-not_open = Inte påbörjad: platsen har ingen plats kvar (tillsatt eller stängd).
matching-done-already_started = Förslaget är redan påbörjat.
matching-done-was_declined = Inte påbörjad: förslaget avböjdes.
matching-done-stale = Inte ändrat: någon annan ändrade nyss förslaget. Titta på det igen.
matching-bad-date = Startdatumet måste vara ett datum (ÅÅÅÅ-MM-DD).
matching-start-refused-heading = Platsen kunde inte påbörjas
matching-start-refused = Deltagarens tidslinje tillåter inte den här starten, och inget sparades:
matching-back-to-openings = Tillbaka till platserna

## En deltagares platser.
matching-openings-heading = Platser för den här deltagaren
matching-openings-intro = Lediga platser rangordnade efter deltagarens profil, bäst lämpade först, och de deltagaren har föreslagits till.
matching-back-to-participant = Tillbaka till deltagaren
matching-profile-link = Matchningsprofil
matching-not-offered = Deltagaren har arbete eller studerar nu: inga nya platser erbjuds.
matching-no-profile = Deltagaren har ännu ingen matchningsprofil: alla poängtal är låga tills den är ifylld.
matching-no-openings = Inga lediga platser just nu.
matching-opening = Plats
matching-company = Företag
matching-hours = Timmar i veckan
matching-area = Område

## Programmets matchningsrapport.
matching-heading = Matchning
matching-intro = Vad förslagen till programmets deltagare ledde till fram till dagen: totalt och efter poängtalet när de föreslogs. Fungerar matchningen leder högre poäng till fler starter och mer betalt arbete. docs/MATCHING.md beskriver hur varje siffra läses ur tidslinjen.
matching-report-heading = Förslag och vad de ledde till
matching-report-score = Poäng vid förslag
matching-report-all = Alla förslag
matching-report-band = { $lo }–{ $hi } poäng
matching-report-conversion = Betalt arbete, av de påbörjade
matching-report-proposed = Föreslagna
matching-report-declined = Avböjda
matching-report-waiting = Väntar
matching-report-started = Påbörjade
matching-report-ongoing = Pågår
matching-report-converted = Blev betalt arbete
matching-report-completed = Genomförda
matching-report-ended_early = Avbrutna
matching-report-rule = Påbörjade = pågår + blev betalt arbete + genomförda + avbrutna. Blev betalt arbete: en praktik följd av betalda timmar, ett arbete eller lönebidrag på samma företag.
