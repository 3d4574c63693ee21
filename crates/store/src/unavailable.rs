//! Which failures are the database's state of the moment rather than the request's: a full disk,
//! a file that cannot be written, a lock held too long, a connection lost or refused, a server
//! shutting down. The request was fine and nothing it sent was written (its transaction rolled
//! back); it can be sent again once the fault clears. Pages and the API answer these with 503
//! and a message saying so, never with "internal error".

use crate::StoreError;

/// SQLite primary result codes (the low byte of an extended code) that mean "not now".
const SQLITE_UNAVAILABLE: [i64; 7] = [
    5,  // SQLITE_BUSY: the write lock was held past the busy timeout
    6,  // SQLITE_LOCKED
    8,  // SQLITE_READONLY: the file or its directory cannot be written
    10, // SQLITE_IOERR
    13, // SQLITE_FULL: the disk is full
    14, // SQLITE_CANTOPEN
    7,  // SQLITE_NOMEM
];

/// PostgreSQL SQLSTATE classes and codes that mean "not now".
fn postgres_unavailable(state: &str) -> bool {
    state.starts_with("08") // connection exception
        || state.starts_with("53") // insufficient resources: disk full, out of memory, too many connections
        || state.starts_with("57P") // operator intervention: shutting down, crashed, cannot connect now
        || state == "25006" // read-only transaction (a standby, or default_transaction_read_only)
        || state == "40P01" // deadlock detected: the transaction was rolled back
        || state == "55P03" // lock not available
}

impl StoreError {
    /// Whether this is a fault of the moment in the database (see the module doc): answer 503,
    /// "nothing was saved, try again", not 500.
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Database(e) = self else {
            return false;
        };
        match e {
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::Tls(_) => true,
            sqlx::Error::Database(db) => {
                let Some(code) = db.code() else {
                    return false;
                };
                match code.parse::<i64>() {
                    // SQLite gives its extended result code as a number.
                    Ok(n) if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() => {
                        SQLITE_UNAVAILABLE.contains(&(n & 0xff))
                    }
                    _ => postgres_unavailable(&code),
                }
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_faults_of_the_moment_are_unavailable_and_others_are_not() {
        for state in [
            "08006", "08001", "53100", "57P01", "57P03", "25006", "40P01",
        ] {
            assert!(postgres_unavailable(state), "{state}");
        }
        for state in ["23505", "23503", "42P01", "22001", "40001"] {
            assert!(!postgres_unavailable(state), "{state}");
        }
    }

    #[test]
    fn a_lost_connection_is_unavailable_and_a_bad_request_is_not() {
        assert!(StoreError::Database(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(!StoreError::BadUrl.is_unavailable());
        assert!(!StoreError::Database(sqlx::Error::RowNotFound).is_unavailable());
    }
}
