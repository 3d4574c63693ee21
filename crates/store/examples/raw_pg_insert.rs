//! The raw PostgreSQL insert rate: the PostgreSQL baseline of issue 7's W3 (`scripts/bench-w3`),
//! what the server itself takes in on this disk, against which jobbro's import into PostgreSQL
//! is measured, as `raw_insert` is for SQLite.
//!
//! Every record of a timeline file becomes one row — its type, its id and the whole JSON line as
//! body — in one table with a primary key, in one transaction, written one of two ways:
//!
//! - `insert`: one prepared INSERT, executed once a row (the issue's definition of the raw rate);
//! - `copy`: `COPY … FROM STDIN`, PostgreSQL's bulk path: the fastest it takes rows at all.
//!
//! It creates the table `records` and fails when it exists: point it at a new, empty database,
//! never at real data. It prints counts and times only, never a record.
//!
//! ```sh
//! cargo run --release -p jobbro-store --example raw_pg_insert -- insert|copy TIMELINE.jsonl postgres://…/new_db
//! ```

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::time::Instant;

use sqlx::Connection;

#[path = "shared/records.rs"]
mod records;
use records::Records;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Insert,
    Copy,
}

/// Bytes of COPY text sent to the server at a time.
const COPY_CHUNK: usize = 1 << 20;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(mode), Some(timeline), Some(url), None) =
        (args.next(), args.next(), args.next(), args.next())
    else {
        return Err("usage: raw_pg_insert insert|copy TIMELINE.jsonl postgres://…/new_db".into());
    };
    let mode = match mode.as_str() {
        "insert" => Mode::Insert,
        "copy" => Mode::Copy,
        other => return Err(format!("unknown mode {other}: insert or copy").into()),
    };
    let started = Instant::now();
    let mut records = Records::new(BufReader::with_capacity(1 << 16, File::open(&timeline)?));
    let mut conn = sqlx::PgConnection::connect(&url).await?;
    sqlx::query(records::CREATE_TABLE)
        .execute(&mut conn)
        .await?;
    let mut tx = conn.begin().await?;
    let rows = match mode {
        Mode::Insert => insert_rows(&mut tx, &mut records).await?,
        Mode::Copy => copy_rows(&mut tx, &mut records).await?,
    };
    tx.commit().await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "rows={rows} seconds={seconds:.3} rows_per_s={:.0}",
        rows as f64 / seconds
    );
    Ok(())
}

/// One prepared INSERT a row, each awaited before the next line is read.
async fn insert_rows(
    tx: &mut sqlx::PgConnection,
    records: &mut Records<impl BufRead>,
) -> Result<u64, Box<dyn Error>> {
    let mut rows = 0;
    while let Some((head, body)) = records.next_record()? {
        sqlx::query("INSERT INTO records (type, id, body) VALUES ($1, $2, $3)")
            .bind(&*head.record_type)
            .bind(&*head.id)
            .bind(body)
            .execute(&mut *tx)
            .await?;
        rows += 1;
    }
    Ok(rows)
}

/// The whole file through one COPY, sent a megabyte at a time.
async fn copy_rows(
    tx: &mut sqlx::PgConnection,
    records: &mut Records<impl BufRead>,
) -> Result<u64, Box<dyn Error>> {
    let mut copy = tx
        .copy_in_raw("COPY records (type, id, body) FROM STDIN")
        .await?;
    let mut buffer = String::with_capacity(COPY_CHUNK + (1 << 16));
    let mut rows = 0;
    while let Some((head, body)) = records.next_record()? {
        copy_text(&mut buffer, &head.record_type);
        buffer.push('\t');
        copy_text(&mut buffer, &head.id);
        buffer.push('\t');
        copy_text(&mut buffer, body);
        buffer.push('\n');
        rows += 1;
        if buffer.len() >= COPY_CHUNK {
            copy.send(buffer.as_bytes()).await?;
            buffer.clear();
        }
    }
    copy.send(buffer.as_bytes()).await?;
    copy.finish().await?;
    Ok(rows)
}

/// `field` in COPY's text format: backslash, tab, newline and carriage return escaped.
fn copy_text(out: &mut String, field: &str) {
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}
