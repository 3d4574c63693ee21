## Matching: a score and why (the candidates of an opening, a participant's openings).
matching-score = Score
matching-score-of = { $points } of 100
matching-why = Why this score
matching-factor = Factor
matching-weight = Weight
matching-fit = Fits
matching-points = Points
matching-reason = Why
matching-factor-occupation = Wished occupation
matching-factor-experience = Experience
matching-factor-danish = Danish
matching-factor-hours = Hours
matching-factor-area = Area
matching-factor-driving_licence = Driving licence
matching-reason-wished_same = Wishes to work as { $occupation }
matching-reason-wished_near = Wishes for { $occupation }, { $shared ->
    [1] in the same major group
   *[other] in the same occupational group
}
matching-reason-not_wished = Wishes for other kinds of work
matching-reason-no_wishes = No wished occupation recorded
matching-reason-worked_same = { $years ->
    [0] Less than a year as { $occupation }
    [one] One year as { $occupation }
   *[other] { $years } years as { $occupation }
}
matching-reason-worked_near = { $years ->
    [0] Less than a year as { $occupation }, a related occupation
    [one] One year as { $occupation }, a related occupation
   *[other] { $years } years as { $occupation }, a related occupation
}
matching-reason-other_experience = Experience in other kinds of work
matching-reason-no_experience = No experience recorded
matching-reason-no_danish_required = No Danish required
matching-reason-danish_meets = Danish { $has }; { $needs } required
matching-reason-danish_one_below = Danish { $has }, one step below the { $needs } required
matching-reason-danish_below = Danish { $has }; { $needs } required
matching-reason-danish_unknown = Danish level not recorded; { $needs } required
matching-reason-hours_enough = Can work { $has } hours a week; { $needs } asked
matching-reason-hours_fewer = Can work { $has } hours a week; { $needs } asked
matching-reason-hours_unknown = Hours not recorded; { $needs } a week asked
matching-reason-area_same = Lives in { $area }, where the work is
matching-reason-area_other = Lives in { $has }; the work is in { $needs }
matching-reason-area_unknown = Area not recorded
matching-reason-no_licence_required = No driving licence needed
matching-reason-has_licence = Has the driving licence the work needs
matching-reason-no_licence = No driving licence; the work needs one
