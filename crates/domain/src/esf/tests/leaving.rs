//! Who has left, what they were upon leaving and six months later, and which participation of a
//! person who re-entered counts.

use super::*;

/// Enrolment `id` of person `person`, referred and accepted on `date`.
fn participation(id: &str, person: &str, date: &str) -> Enrolment {
    Enrolment::referred_as(id, date)
        .with("person", person)
        .accepted(date)
}

#[test]
fn a_participant_who_re_enters_counts_once_with_entry_from_the_first_and_result_from_the_last() {
    // 29 on the first entry, 30 on the second.
    let young = with(|a| a.birth = Some(Birth::Date(d("1993-06-01"))));
    let first = participation("e1", "p1", "2023-01-10").left("2023-06-01", "job");
    let again = participation("e2", "p1", "2024-01-10");
    let dropped = participation("e3", "p2", "2023-02-01").left("2023-03-01", "dropped_out");
    let back_to_work = participation("e4", "p2", "2023-05-01").left("2023-08-01", "job");
    let in_order = [
        (first.clone(), young.clone()),
        (again.clone(), young.clone()),
        (dropped.clone(), woman()),
        (back_to_work.clone(), woman()),
    ];
    let reversed = [
        (back_to_work, woman()),
        (dropped, woman()),
        (again, young.clone()),
        (first, young),
    ];
    let r = report(&in_order);
    assert_eq!(
        r,
        report(&reversed),
        "the order enrolments come in does not matter"
    );
    assert_eq!(r.output.participants.total, 2);
    assert_eq!(r.output.age_18_29.total, 1, "p1's age on the first entry");
    assert_eq!(
        r.result.left.total, 1,
        "p1 is back in the operation: not a leaver"
    );
    assert_eq!(
        r.result.in_employment.total, 1,
        "p2's last exit was for a job"
    );
}

#[test]
fn results_upon_leaving_read_the_reason_and_the_four_weeks_from_the_leave_date() {
    let inactive = with(|a| a.benefit = Some(Benefit::SelfSupporting));
    let left = |id: &str| Enrolment::accepted_as(id, "2024-01-02");
    let r = report(&[
        (left("r1").left("2024-03-01", "job"), woman()),
        (
            left("r2")
                .job("j2", "2024-02-01", 10.0)
                .left("2024-03-01", "completed"),
            woman(),
        ),
        (
            left("r3")
                .left("2024-03-01", "completed")
                .job("j3", "2024-03-28", 37.0),
            woman(),
        ),
        (
            left("r4")
                .left("2024-03-01", "completed")
                .job("j4", "2024-03-29", 37.0),
            inactive.clone(),
        ),
        (
            left("r5")
                .job("j5", "2024-02-01", 10.0)
                .ended("j5", "2024-02-29")
                .left("2024-03-01", "completed"),
            woman(),
        ),
        (left("r6").left("2024-03-01", "education"), woman()),
        (
            left("r7")
                .left("2024-03-01", "other")
                .activity("a7", "2024-03-10", "apprenticeship"),
            woman(),
        ),
        (
            left("r8")
                .activity("a8", "2024-02-01", "education")
                .left("2024-03-01", "completed"),
            inactive.clone(),
        ),
        (left("r9").left("2024-03-01", "moved"), inactive),
        (
            left("r10")
                .left("2024-06-20", "completed")
                .job("j10", "2024-07-01", 37.0),
            woman(),
        ),
        (left("r11"), woman()),
        (left("r12").left("2024-07-05", "job"), woman()),
    ]);
    let res = &r.result;
    assert_eq!(
        res.left.total, 10,
        "r11 is active and r12 leaves after the report date"
    );
    assert_eq!(
        res.in_employment.total, 3,
        "r1 by reason, r2 and r3 by a job open"
    );
    assert_eq!(res.in_education_or_training.total, 3, "r6, r7 and r8");
    assert_eq!(
        res.job_searching.total, 1,
        "r4: inactive at entry, completed, no job yet"
    );
}

#[test]
fn employment_six_months_after_leaving_comes_from_the_six_month_follow_up() {
    let gone = || Enrolment::accepted_on("2023-11-01").left("2024-01-15", "job");
    let one = |as_of: &str, e: Enrolment| report_on(as_of, &[(e, woman())]).result;
    assert_eq!(one("2024-07-14", gone()).left_six_months_before.total, 0);
    let due = one("2024-07-15", gone());
    assert_eq!(due.left_six_months_before.total, 1);
    assert_eq!(due.six_months_unknown.total, 1, "no follow-up");

    const LATER: &str = "2024-08-01";
    let followed = |months: u32, status: &str| gone().follow_up("2024-07-20", months, status);
    let r = one(LATER, followed(6, "job"));
    assert_eq!(r.in_employment_six_months_after.women, 1);
    for status in ["benefit", "education"] {
        let r = one(LATER, followed(6, status));
        assert_eq!(r.not_in_employment_six_months_after.total, 1, "{status}");
        assert_eq!(r.in_employment_six_months_after.total, 0, "{status}");
    }
    assert_eq!(
        one(LATER, followed(6, "unknown")).six_months_unknown.total,
        1
    );
    assert_eq!(one(LATER, followed(12, "job")).six_months_unknown.total, 1);
    assert_eq!(
        one("2024-07-19", followed(6, "job"))
            .six_months_unknown
            .total,
        1,
        "a follow-up dated after the report date is not known on it"
    );
    let moved = Enrolment::accepted_on("2023-11-01")
        .left("2024-01-15", "moved")
        .follow_up("2024-07-20", 6, "job");
    assert_eq!(one(LATER, moved).in_employment_six_months_after.total, 1);
}
