//! The harness's own checks can fail: axe reports a page built to break its rules, so a clean
//! report on jobbro's pages means something.

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread")]
async fn axe_reports_an_image_without_text_and_an_unlabelled_field() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let broken = "data:text/html,<!doctype html><html lang=en><title>broken</title>\
                  <main><img src=x.png><input type=text></main>";
    b.session().goto(broken).await;
    let found = b.axe_violations("broken").await.join("\n");
    assert!(found.contains("image-alt"), "axe missed the image: {found}");
    assert!(
        found.contains("label"),
        "axe missed the unlabelled field: {found}"
    );
    b.close().await;
}
