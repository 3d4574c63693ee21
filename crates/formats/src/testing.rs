//! For tests (this crate's and the CLI's and web's): a PDF's text as poppler's `pdftotext
//! -layout` reads it, so a test can check what a reader sees. Needs `pdftotext` (Debian's
//! `poppler-utils`, installed by `scripts/test`).
#![allow(clippy::expect_used, clippy::panic)] // only for tests: fail loudly

use std::io::Write;
use std::process::{Command, Stdio};

/// The text of `pdf`, laid out as on the page (columns kept apart by spaces).
pub fn pdf_text(pdf: &[u8]) -> String {
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8", "-", "-"], pdf);
    String::from_utf8(text).expect("pdftotext writes UTF-8")
}

/// The words after `label` (followed by at least two spaces, as `-layout` sets a table's columns
/// apart) on the first line holding it, from the line holding `heading` on: a table row's cells.
pub fn words_after(text: &str, heading: &str, label: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let from = lines
        .iter()
        .position(|l| l.contains(heading))
        .unwrap_or_else(|| panic!("no {heading:?} in\n{text}"));
    lines[from..]
        .iter()
        .find_map(|l| {
            let i = l.find(&format!("{label}  "))?;
            Some(
                l[i + label.len()..]
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
            )
        })
        .unwrap_or_else(|| panic!("no {label:?} after {heading:?} in\n{text}"))
}

/// Page `page` of `pdf` as a PNG at `dpi` dots per inch (for screenshots).
pub fn pdf_page_png(pdf: &[u8], page: u32, dpi: u32) -> Vec<u8> {
    let page = page.to_string();
    let dpi = dpi.to_string();
    let args = [
        "-png",
        "-r",
        &dpi,
        "-f",
        &page,
        "-l",
        &page,
        "-singlefile",
        "-",
    ];
    poppler("pdftoppm", &args, pdf)
}

fn poppler(tool: &str, args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed to read PDFs back ({e}): apt-get install poppler-utils")
        });
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("wait for poppler");
    writer.join().expect("writer").expect("write the PDF");
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
