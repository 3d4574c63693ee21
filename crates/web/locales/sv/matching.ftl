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
