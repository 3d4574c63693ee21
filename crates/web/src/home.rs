//! The landing page at `/`: until the web app arrives, a plain list of the programmes with links
//! to their figures in the JSON API. No script, no personal data.

use axum::extract::State;
use axum::response::Html;
use chrono::NaiveDate;

use crate::{ApiError, AppState};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes an id for a URL path or query.
fn url_part(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn home(State(state): State<AppState>) -> Result<Html<String>, ApiError> {
    let programmes = jobbro_store::programmes(state.db.as_ref()).await?;
    Ok(Html(page(&programmes, (state.today)())))
}

fn page(programmes: &[jobbro_domain::records::Programme], today: NaiveDate) -> String {
    let mut rows = String::new();
    for p in programmes {
        let id = url_part(&p.id);
        rows.push_str(&format!(
            "<li><strong>{name}</strong> ({op}) — <a href=\"/api/v1/programmes/{id}/status?as_of={today}\">status today</a> · \
             <a href=\"/api/v1/worklist?as_of={today}&amp;programme={id}\">worklist today</a></li>\n",
            name = escape(&p.name),
            op = escape(p.operator.as_deref().unwrap_or(&p.id)),
        ));
    }
    if rows.is_empty() {
        rows.push_str("<li>No programmes yet: <code>jobbro import FILE.jsonl</code>, or start with <code>serve --demo</code>.</li>");
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>jobbro</title></head>\n\
         <body><main><h1>jobbro</h1>\n<p>Programmes on {today}:</p>\n<ul>\n{rows}</ul>\n\
         <p>JSON API: <code>/api/v1/programmes</code>, <code>/api/v1/programmes/{{id}}/status?as_of=YYYY-MM-DD</code>, \
         <code>/api/v1/worklist?as_of=YYYY-MM-DD</code>. Health: <a href=\"/health\">/health</a>.</p>\
         </main></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programme_names_are_escaped_and_ids_encoded() {
        let p: jobbro_domain::records::Programme = match jobbro_domain::records::Record::from_json(
            &serde_json::json!({"type": "programme", "id": "a&b", "name": "<script>x</script>", "start": "2024-01-01"}),
        ) {
            Ok(jobbro_domain::records::Record::Entity(
                jobbro_domain::records::Entity::Programme(p),
            )) => p,
            other => panic!("{other:?}"),
        };
        let html = page(&[p], NaiveDate::from_ymd_opt(2024, 6, 16).unwrap());
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("/api/v1/programmes/a%26b/status?as_of=2024-06-16"));
    }
}
