//! Occupations (ISCO-08 unit groups) through the API: the same search a form's occupation field
//! uses (`jobbro_domain::occupation::search`: a code prefix, or words of the label in the asked
//! language, then in English), for any logged-in caller. Public classification data: nothing
//! personal, nothing to audit.

use axum::Json;
use axum::extract::Query;
use jobbro_domain::occupation::search;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::i18n::Lang;
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_occupations))
}

#[derive(Debug, Deserialize)]
struct OccupationQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    lang: Option<String>,
}

/// One occupation as the API lists it.
#[derive(Debug, Serialize)]
struct OccupationOut {
    code: String,
    label: &'static str,
}

/// The ISCO-08 unit groups matching `q` (a code prefix, or words of the label; all when empty),
/// labelled in `lang` (`da`, `sv` or `en`; default `da`).
#[utoipa::path(get, path = "/occupations", tag = "occupations", security(("bearer" = [])),
    params(
        ("q" = Option<String>, Query, description = "A code prefix (`51`) or words of the occupation's name, in `lang` or English"),
        ("lang" = Option<String>, Query, description = "The labels' language: da, sv or en (default da)"),
    ),
    responses(
        (status = 200, description = "`[{code, label}]`: codes first, then label matches in `lang`, then in English", body = [Object]),
        (status = 400, description = "An unknown language, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
    ))]
async fn list_occupations(
    _caller: ApiCaller,
    Query(query): Query<OccupationQuery>,
) -> Result<Json<Vec<OccupationOut>>, ApiError> {
    let lang = match query.lang.as_deref() {
        None | Some("") => Lang::Da,
        Some(code) => {
            Lang::parse(code).ok_or_else(|| ApiError::bad("lang", "must be da, sv or en"))?
        }
    };
    Ok(Json(
        search(&query.q, lang.code())
            .into_iter()
            .map(|o| OccupationOut {
                code: o.code.as_string(),
                label: o.label(lang.code()),
            })
            .collect(),
    ))
}
