//! Step 1: the upload form, and the upload itself (multipart: the file, what its rows are, and
//! optionally a mapping file saved from an earlier import). The file is kept in memory and the
//! browser sent on to the mapping step.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_sheets::{Kind, Mapping};
use serde::Deserialize;

use super::import_programme;
use super::uploads::{Upload, Uploads};
use crate::AppState;
use crate::pages::chrome::{Chrome, Section};
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

#[derive(Debug, Deserialize)]
pub struct UploadQuery {
    expired: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "imports_upload.html")]
pub struct UploadPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    /// (code, label) of each kind of row.
    pub kinds: Vec<(&'static str, String)>,
    pub kind: &'static str,
    pub notice: Option<String>,
    pub error: Option<String>,
}

fn upload_page(
    caller: &SessionCaller,
    id: &str,
    name: &str,
    kind: Kind,
    notice: Option<String>,
    error: Option<String>,
) -> UploadPage {
    let chrome = Chrome::new(
        caller,
        Section::Programmes,
        &format!("/programmes/{id}/import"),
    );
    let kinds = Kind::ALL
        .iter()
        .map(|k| (k.as_str(), chrome.tr.t(&format!("imp-kind-{}", k.as_str()))))
        .collect();
    UploadPage {
        chrome,
        id: id.to_owned(),
        name: name.to_owned(),
        kinds,
        kind: kind.as_str(),
        notice,
        error,
    }
}

pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<UploadQuery>,
) -> Result<Response, PageError> {
    let programme = import_programme(&state, &caller, &id).await?;
    let tr = crate::i18n::Tr::new(caller.lang);
    let notice = q.expired.map(|_| tr.t("imp-expired"));
    Ok(upload_page(
        &caller,
        &id,
        &programme.name,
        Kind::Participants,
        notice,
        None,
    )
    .into_response())
}

/// What the multipart form carried.
#[derive(Default)]
struct Received {
    csrf: Option<String>,
    kind: Option<String>,
    file: Vec<u8>,
    mapping: Vec<u8>,
}

async fn read_parts(mut multipart: Multipart) -> Result<Received, PageError> {
    let mut got = Received::default();
    let bad = |_| PageError::Forbidden("the upload could not be read");
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(bad)?;
        match name.as_str() {
            "csrf" => got.csrf = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "kind" => got.kind = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "file" => got.file = bytes.to_vec(),
            "mapping" => got.mapping = bytes.to_vec(),
            _ => {}
        }
    }
    Ok(got)
}

pub async fn receive(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Extension(uploads): Extension<Arc<Uploads>>,
    multipart: Multipart,
) -> Result<Response, PageError> {
    let programme = import_programme(&state, &caller, &id).await?;
    let got = read_parts(multipart).await?;
    check_form(&caller, got.csrf.as_deref(), &headers, &uri, &state)?;
    let kind = got
        .kind
        .as_deref()
        .and_then(Kind::parse)
        .unwrap_or(Kind::Participants);
    let tr = crate::i18n::Tr::new(caller.lang);
    let refuse = |key: &str| {
        let page = upload_page(&caller, &id, &programme.name, kind, None, Some(tr.t(key)));
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    if got.file.is_empty() {
        return refuse("imp-no-file");
    }
    if got.file.len() > jobbro_sheets::MAX_FILE_BYTES {
        return refuse("imp-too-large");
    }
    let table = if got.mapping.is_empty() {
        None
    } else {
        let text = String::from_utf8(got.mapping).unwrap_or_default();
        match Mapping::from_json(&text) {
            Ok(m) => match m.tables.into_iter().find(|t| t.kind == kind) {
                Some(t) => Some(t),
                None => return refuse("imp-mapping-other-kind"),
            },
            Err(_) => return refuse("imp-mapping-unreadable"),
        }
    };
    let token = uploads.keep(Upload {
        owner: caller.actor.id.clone(),
        programme: id.clone(),
        kind,
        bytes: Arc::new(got.file),
        table,
        used: caller.ctx.now,
    });
    Ok(Redirect::to(&format!("/programmes/{id}/import/{token}")).into_response())
}
