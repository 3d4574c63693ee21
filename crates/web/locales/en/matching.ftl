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

## The candidates of an opening and its proposals.
matching-candidates = Candidates
matching-candidates-intro = Active participants not in a job or education, best fit first. Open a score to see why. The score only suggests: you decide whom to propose.
matching-without-profile = { $n ->
    [one] One active participant has no profile for matching yet, and is not ranked.
   *[other] { $n } active participants have no profile for matching yet, and are not ranked.
}
matching-no-candidates = Nobody to propose: every active participant you work with is proposed already, in a job or education, or has no profile yet.
matching-participant = Participant
matching-situation = Situation now
matching-propose = Propose
matching-proposals = Proposals
matching-no-proposals = Nobody has been proposed yet.
matching-proposed-on = Proposed
matching-outcome = Outcome
matching-actions = Actions
matching-start-date = Start
matching-start = Start in the place
matching-decline = Decline
matching-someone-else = A participant of another caseworker
matching-outcome-waiting = Waiting for an answer
matching-outcome-declined = Declined
matching-outcome-ongoing = Started
matching-outcome-converted = Paid work followed
matching-outcome-completed = Completed
matching-outcome-ended_early = Ended early
matching-done-proposed = Proposed. Start them in the place when it is agreed, or decline.
matching-done-already_proposed = That participant is already proposed for this opening.
matching-done-started = Started: the activity is on the participant's timeline, and the company page and the reports count it.
matching-done-declined = Declined.
matching-done-not_open = Not started: the opening has no place left (filled or closed).
matching-done-already_started = That proposal has started already.
matching-done-was_declined = Not started: the proposal was declined.
matching-done-stale = Not changed: someone else changed the proposal just now. Look at it again.
matching-bad-date = The start date must be a date (YYYY-MM-DD).
matching-start-refused-heading = The place could not be started
matching-start-refused = The participant's timeline does not allow this start, and nothing was written:
matching-back-to-openings = Back to the openings

## A participant's openings.
matching-openings-heading = Openings for this participant
matching-openings-intro = Open places ranked for the participant's profile, best fit first, and the ones they were proposed for.
matching-back-to-participant = Back to the participant
matching-profile-link = Profile for matching
matching-not-offered = The participant is in a job or education now: no new openings are offered.
matching-no-profile = The participant has no profile for matching yet: every score is low until it is filled in.
matching-no-openings = No open openings right now.
matching-opening = Opening
matching-company = Company
matching-hours = Hours a week
matching-area = Area

## The programme's matching report.
matching-heading = Matching
matching-intro = What came of the proposals of the programme's participants made by the day: in all, and by the score they had when proposed. If matching works, higher scores lead to more starts and more paid work. docs/MATCHING.md says how each figure is read from the timeline.
matching-report-heading = Proposals and what came of them
matching-report-score = Score when proposed
matching-report-all = All proposals
matching-report-band = { $lo }–{ $hi } points
matching-report-conversion = Paid work, of those started
matching-report-proposed = Proposed
matching-report-declined = Declined
matching-report-waiting = Waiting
matching-report-started = Started
matching-report-ongoing = Ongoing
matching-report-converted = Paid work followed
matching-report-completed = Completed
matching-report-ended_early = Ended early
matching-report-rule = Started = ongoing + paid work followed + completed + ended early. Paid work followed: an internship followed by paid hours, a job or a wage subsidy at the same company.
