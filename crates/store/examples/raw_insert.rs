//! The raw SQLite insert rate: the baseline of issue 7's W3 (`scripts/bench-w3`), what SQLite
//! itself can write on this disk, against which jobbro's import is measured.
//!
//! Every record of a timeline file becomes one row — its type, its id and the whole JSON line as
//! body — in one table with a primary key, through one prepared INSERT in one transaction, with
//! the PRAGMAs of jobbro's SQLite backend (`journal_mode=WAL`, `synchronous=FULL`,
//! `foreign_keys=ON`: crates/store/src/sqlite.rs). It links the very SQLite jobbro links (the
//! bundled `libsqlite3-sys` that sqlx uses), called directly through rusqlite, so the figure has
//! none of jobbro's costs: no validation, no lookups, no driver thread.
//!
//! It creates its own database file and refuses one that exists: never point it at real data.
//! It prints counts and times only, never a record.
//!
//! ```sh
//! cargo run --release -p jobbro-store --example raw_insert -- TIMELINE.jsonl NEW.db
//! ```

use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "shared/records.rs"]
mod records;
use records::Records;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(timeline), Some(db), None) = (args.next(), args.next(), args.next()) else {
        return Err("usage: raw_insert TIMELINE.jsonl NEW.db".into());
    };
    let db = PathBuf::from(db);
    if db.exists() {
        return Err(format!("{} exists: raw_insert writes a new file only", db.display()).into());
    }
    let started = Instant::now();
    let mut records = Records::new(BufReader::with_capacity(1 << 16, File::open(&timeline)?));
    let mut conn = rusqlite::Connection::open(&db)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.execute_batch(records::CREATE_TABLE)?;
    let tx = conn.transaction()?;
    let mut rows = 0u64;
    let mut inserting = Duration::ZERO;
    {
        let mut insert = tx.prepare("INSERT INTO records (type, id, body) VALUES (?1, ?2, ?3)")?;
        while let Some((head, body)) = records.next_record()? {
            let t = Instant::now();
            insert.execute((&*head.record_type, &*head.id, body))?;
            inserting += t.elapsed();
            rows += 1;
        }
    }
    let t = Instant::now();
    tx.commit()?;
    inserting += t.elapsed();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "rows={rows} seconds={seconds:.3} rows_per_s={:.0} insert_seconds={:.3}",
        rows as f64 / seconds,
        inserting.as_secs_f64()
    );
    Ok(())
}
