//! The landing page at `/`: until the web app arrives, a plain page that says what this is and
//! where the API is. It shows no data, so it needs no login.

use axum::response::Html;

pub async fn home() -> Html<&'static str> {
    Html(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>jobbro</title></head>\n\
         <body><main><h1>jobbro</h1>\n\
         <p>Employment-integration programmes: timeline, status, worklist and reports.</p>\n\
         <p>The JSON API is at <code>/api/v1</code> (send <code>Authorization: Bearer &lt;token&gt;</code>; \
         issue a token with <code>jobbro token add</code>): <code>/api/v1/programmes</code>, \
         <code>/api/v1/programmes/{id}/status?as_of=YYYY-MM-DD</code>, \
         <code>/api/v1/worklist?as_of=YYYY-MM-DD</code>. Health: <a href=\"/health\">/health</a>.</p>\n\
         </main></body></html>\n",
    )
}
