//! Changing a programme: its rules and goals (by the lead), and moving a caseload from one
//! caseworker to another; every change audited in the same transaction.
