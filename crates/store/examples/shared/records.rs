//! The records of a timeline file as the raw baselines of `scripts/bench-w3` read them: each
//! line's type and id (its key) and the line itself, with nothing of jobbro's checking.

use std::borrow::Cow;
use std::error::Error;
use std::io::BufRead;

use serde::Deserialize;

/// The one table a baseline writes: a record a row, keyed as jobbro keys events.
pub const CREATE_TABLE: &str = "CREATE TABLE records (
    type TEXT NOT NULL,
    id   TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (type, id)
)";

/// What a baseline needs of a record: its key.
#[derive(Deserialize)]
pub struct Head<'a> {
    #[serde(rename = "type", borrow)]
    pub record_type: Cow<'a, str>,
    #[serde(borrow)]
    pub id: Cow<'a, str>,
}

/// The records of a timeline file, one line at a time; blank lines and comments skipped.
pub struct Records<R> {
    reader: R,
    line: String,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R) -> Self {
        Records {
            reader,
            line: String::new(),
        }
    }

    /// The next record: its key and its line; `None` at the end of the file.
    pub fn next_record(&mut self) -> Result<Option<(Head<'_>, &str)>, Box<dyn Error>> {
        loop {
            self.line.clear();
            if self.reader.read_line(&mut self.line)? == 0 {
                return Ok(None);
            }
            let body = self.line.trim_end_matches(['\n', '\r']);
            if !body.trim().is_empty() && !body.starts_with('#') {
                break;
            }
        }
        let body = self.line.trim_end_matches(['\n', '\r']);
        Ok(Some((serde_json::from_str(body)?, body)))
    }
}
