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
