//! The status report as a PDF, typeset with typst used as a library: a fixed template
//! (`status.typ`) reads the report's figures and words from a JSON file (see [`data`]), with
//! the fonts vendored in `crates/formats/fonts` and embedded in the binary. Nothing is read from
//! disk or the network, and "today" is the report's day: the same report, labels and name give
//! the same bytes.

mod data;
mod labels;

use std::sync::LazyLock;

use chrono::Datelike;
use jobbro_domain::report::StatusReport;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

pub use data::{About, HIDDEN};
pub use labels::{CODE_LISTS, KEYS, Labels, group_label};

/// The typst template of the status report.
const TEMPLATE: &str = include_str!("status.typ");

/// The fonts every PDF is set in (see `fonts/README.md`).
static FONT_FILES: [&[u8]; 2] = [
    include_bytes!("../../fonts/Inter-Regular.otf"),
    include_bytes!("../../fonts/Inter-Bold.otf"),
];

static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    FONT_FILES
        .iter()
        .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
        .collect()
});

static BOOK: LazyLock<LazyHash<FontBook>> =
    LazyLock::new(|| LazyHash::new(FontBook::from_fonts(FONTS.iter())));

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Typesetting the report failed: a bug in the template or a missing font, never the data.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be made: {0}")]
pub struct PdfError(String);

/// The status report as the bytes of a PDF file, in the language of `labels`.
pub fn status_pdf(
    report: &StatusReport,
    about: &About<'_>,
    labels: &dyn Labels,
) -> Result<Vec<u8>, PdfError> {
    let data = serde_json::to_vec(&data::document(report, about, labels))
        .map_err(|e| PdfError(e.to_string()))?;
    let today = Datetime::from_ymd(
        report.as_of.year(),
        u8::try_from(report.as_of.month()).unwrap_or(1),
        u8::try_from(report.as_of.day()).unwrap_or(1),
    )
    .ok_or_else(|| PdfError(format!("no date {}", report.as_of)))?;
    let world = ReportWorld {
        main: Source::new(file_id("/main.typ")?, TEMPLATE.to_owned()),
        data_id: file_id("/data.json")?,
        data: Bytes::new(data),
        today,
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let document = compiled.map_err(|errors| world.error(&errors))?;
    let options = PdfOptions {
        // A stable document id and date, so the same report gives the same file.
        ident: Smart::Custom(format!(
            "jobbro-status-{}-{}",
            report.programme, report.as_of
        )),
        creator: Smart::Custom(Some("jobbro".into())),
        timestamp: Some(Timestamp::new_utc(today)),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| world.error(&errors));
    // typst memoises across calls; drop what the last few documents did not use, so a server
    // making many reports does not grow.
    typst::comemo::evict(4);
    pdf
}

fn file_id(path: &str) -> Result<FileId, PdfError> {
    let vpath = VirtualPath::new(path).map_err(|e| PdfError(format!("{path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The template, its data, the fonts and the day: all a report needs.
struct ReportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

impl ReportWorld {
    /// typst's errors, each with its line in the template.
    fn error(&self, errors: &[SourceDiagnostic]) -> PdfError {
        let text = errors
            .iter()
            .map(|e| match self.range(e.span) {
                Some(range) => {
                    let line = TEMPLATE[..range.start.min(TEMPLATE.len())].lines().count();
                    format!("status.typ line {line}: {}", e.message)
                }
                None => e.message.to_string(),
            })
            .collect::<Vec<_>>();
        PdfError(text.join("; "))
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &BOOK
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
