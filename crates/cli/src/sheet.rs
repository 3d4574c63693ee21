//! `jobbro import-sheet FILE --mapping M --programme P [--dry-run]`: a spreadsheet through a
//! column mapping into a programme, all or nothing. Bad rows go to stderr by sheet, row and
//! column — never with a cell's content, which may be a national id — and exit with status 2.

use std::path::Path;

use anyhow::Result;
use jobbro_sheets::{Mapping, SheetError, SheetSummary};
use jobbro_store::{Context, Database};

use crate::BadInput;
use crate::commands::user_error;

fn read(what: &str, path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        BadInput(format!(
            "jobbro import-sheet: {what} {}: {e}",
            path.display()
        ))
        .into()
    })
}

pub async fn import_sheet(
    db: &Database,
    file: &Path,
    mapping: &Path,
    programme: &str,
    dry_run: bool,
    ctx: &Context,
) -> Result<()> {
    let text = String::from_utf8(read("mapping", mapping)?)
        .map_err(|_| BadInput("jobbro import-sheet: the mapping is not UTF-8 text".into()))?;
    let mapping = Mapping::from_json(&text)
        .map_err(|reason| BadInput(format!("jobbro import-sheet: the mapping {reason}")))?;
    let bytes = read("file", file)?;
    match jobbro_sheets::import_sheet(db, &mapping, &bytes, programme, ctx, dry_run).await {
        Ok(summary) => {
            println!("{}", describe(&summary));
            Ok(())
        }
        Err(SheetError::Rows { errors, total }) => {
            let mut text = String::new();
            for e in &errors {
                text.push_str(&e.to_string());
                text.push('\n');
            }
            if total > errors.len() {
                text.push_str(&format!("… and {} more\n", total - errors.len()));
            }
            text.push_str(&format!(
                "jobbro import-sheet: {total} problem(s) in the sheet; nothing was {}",
                if dry_run {
                    "written (dry run)"
                } else {
                    "imported"
                }
            ));
            Err(BadInput(text).into())
        }
        Err(SheetError::Store(e)) => Err(user_error(e)),
        Err(other) => Err(BadInput(format!("jobbro import-sheet: {other}")).into()),
    }
}

fn describe(s: &SheetSummary) -> String {
    let added: Vec<String> = s.added.iter().map(|(t, n)| format!("{n} {t}")).collect();
    let total: u64 = s.added.values().sum();
    format!(
        "{} {} row(s): {} {total} record(s){}{}; skipped {} already present",
        if s.dry_run { "dry run of" } else { "imported" },
        s.rows,
        if s.dry_run { "would add" } else { "added" },
        if added.is_empty() { "" } else { " — " },
        added.join(", "),
        s.skipped
    )
}
