//! A crawler follows every internal link from the home page, in both languages, and finds no
//! broken one.

use std::collections::{BTreeSet, VecDeque};

use axum::body::Body;
use http::Request;

use crate::support::TestApp;

fn internal_links(body: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(body);
    let mut out = Vec::new();
    for (sel, attr) in [("a[href]", "href"), ("link[href]", "href"), ("script[src]", "src")] {
        let s = scraper::Selector::parse(sel).unwrap();
        for e in html.select(&s) {
            if let Some(v) = e.value().attr(attr) {
                let v = v.split('#').next().unwrap_or("");
                if v.starts_with('/') && !v.starts_with("//") && !v.is_empty() {
                    out.push(v.to_owned());
                }
            }
        }
    }
    out
}

/// Crawls from `/`; every HTML page is also written to `keep` when given.
async fn crawl(app: &TestApp, cookie: Option<&str>, keep: Option<&std::path::Path>) -> BTreeSet<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<(String, String)> = VecDeque::from([("/".to_owned(), "(start)".to_owned())]);
    let mut broken = Vec::new();
    while let Some((url, from)) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let mut req = Request::get(&url);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let r = app.request(req.body(Body::empty()).unwrap()).await;
        match r.status.as_u16() {
            200 => {}
            301..=303 | 307 | 308 => {
                queue.push_back((r.header("location").to_owned(), url.clone()));
                continue;
            }
            s => {
                broken.push(format!("{s} {url} (linked from {from})"));
                continue;
            }
        }
        if r.header("content-type").starts_with("text/html") {
            if let Some(dir) = keep {
                cohorte_test_support::vnu::keep_page(dir, &url, r.header("content-type"), &r.body);
            }
            assert_eq!(r.texts("h1").len(), 1, "{url}: one h1");
            for link in internal_links(&r.body) {
                if !seen.contains(&link) {
                    queue.push_back((link, url.clone()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{} broken link(s):\n{}", broken.len(), broken.join("\n"));
    seen
}

#[tokio::test]
async fn crawler_follows_every_internal_link_from_home_and_finds_none_broken() {
    let app = TestApp::new().await;
    let fr = crawl(&app, None, None).await;
    let en = crawl(&app, Some("lang=en"), None).await;
    for seen in [&fr, &en] {
        assert!(seen.len() > 500, "{} pages visited", seen.len());
        assert!(seen.contains("/challenges/adex") && seen.contains("/community/adeline-celier"));
        assert!(seen.contains("/static/dsfr/dsfr.min.css"));
        assert_eq!(seen.iter().filter(|u| u.starts_with("/challenges/") && !u.contains('?')).count(), 71, "every challenge is reachable");
    }
}

/// The Nu HTML checker finds no error on any page the crawler reaches, in French and English.
/// (`scripts/test.sh` also checks every page any test received; see docs/testing.md.)
#[tokio::test]
async fn crawled_pages_have_no_nu_html_checker_error() {
    let Some(vnu) = cohorte_test_support::vnu::vnu() else { return };
    let app = TestApp::new().await;
    let pages = tempfile::tempdir().unwrap();
    crawl(&app, None, Some(pages.path())).await;
    crawl(&app, Some("lang=en"), Some(pages.path())).await;
    let checked = std::fs::read_dir(pages.path()).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "html")).count();
    assert!(checked > 500, "{checked} pages checked");
    let errors = vnu.check(pages.path());
    assert!(errors.is_empty(), "{} HTML error(s):\n{}", errors.len(), errors.join("\n"));
}
