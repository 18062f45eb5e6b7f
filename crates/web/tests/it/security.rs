//! Headers on every response, and bad input answered with a clear 4xx page, never a 500.

use axum::body::Body;
use cohorte_web::WebConfig;
use http::Request;

use crate::support::TestApp;

fn assert_security_headers(r: &crate::support::Res, what: &str) {
    let csp = r.header("content-security-policy");
    for directive in
        ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]
    {
        assert!(csp.contains(directive), "{what}: CSP lacks {directive}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{what}: {csp}");
    assert_eq!(r.header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(r.header("x-frame-options"), "DENY", "{what}");
    assert_eq!(r.header("referrer-policy"), "strict-origin-when-cross-origin", "{what}");
    assert!(!r.header("permissions-policy").is_empty(), "{what}");
    assert!(r.headers.get("server").is_none(), "{what}: no version banner");
}

#[tokio::test]
async fn security_headers_are_on_every_response_including_errors_and_files() {
    let app = TestApp::new().await;
    for path in [
        "/",
        "/challenges/adex",
        "/nope",
        "/challenges/NOT-A-SLUG",
        "/challenges?cohort=%FF",
        "/static/dsfr/dsfr.min.css",
        "/static/app/app.css",
        "/static/dsfr/missing.css",
        "/api/v1/challenges",
        "/api/v1/challenges.csv",
        "/api/v1/challenges/nope",
        "/blog/feed.xml",
        "/robots.txt",
        "/healthz",
    ] {
        let r = app.get(path).await;
        assert_security_headers(&r, path);
        assert!(r.header("strict-transport-security").is_empty(), "no HSTS over plain http");
    }
    // A state-changing request without the form token is refused before anything else (a method
    // the route does not take is a 405, below).
    let post = app.request(Request::post("/account/profile").body(Body::from("x=1")).unwrap()).await;
    assert_eq!(post.status, 403);
    assert_security_headers(&post, "403");
    let get_logout = app.get("/logout").await;
    assert_eq!(get_logout.status, 405);
    assert_security_headers(&get_logout, "405");
    assert!(get_logout.header("allow").contains("POST"), "405 says what is allowed");
    assert!(get_logout.body.contains("Méthode non autorisée"));
    // Over https, HSTS too.
    let https = TestApp::with_config(WebConfig { public_url: Some("https://cohorte.example.org".into()), ..WebConfig::default() }).await;
    let r = https.get("/").await;
    assert!(r.header("strict-transport-security").starts_with("max-age=31536000"));
    assert!(r.attrs("link[hreflang=en]", "href")[0].starts_with("https://cohorte.example.org/"));
}

#[tokio::test]
async fn the_api_answers_cross_origin_reads_only_and_pages_set_no_cors() {
    let app = TestApp::new().await;
    let page = app.request(Request::get("/").header("origin", "null").body(Body::empty()).unwrap()).await;
    assert!(page.headers.get("access-control-allow-origin").is_none());
    for _ in 0..2 {
        // The second answer comes from the page cache and keeps the handler's headers.
        let api = app.get("/api/v1/figures").await;
        assert_eq!(api.header("access-control-allow-origin"), "*", "open data may be read from any origin");
        let csv = app.get("/api/v1/people.csv").await;
        assert!(csv.header("content-disposition").starts_with("attachment"));
        assert!(csv.header("link").contains("license"));
    }
}

#[tokio::test]
async fn unknown_pages_are_404_pages_in_the_visitor_language() {
    let app = TestApp::new().await;
    for path in [
        "/nope",
        "/challenges/does-not-exist",
        "/challenges/ADEX",
        "/community/nobody",
        "/blog/nope",
        "/blog/tags/nope",
        "/static/app/nope.js",
    ] {
        let fr = app.get(path).await;
        assert_eq!(fr.status, 404, "{path}");
        assert_eq!(fr.texts("h1"), ["Page non trouvée"], "{path}");
        let en = app.get_lang(path, "en").await;
        assert_eq!(en.texts("h1"), ["Page not found"], "{path}");
        assert_eq!(en.header("cache-control"), "no-store");
    }
    let api = app.get("/api/v1/challenges/nope").await;
    assert_eq!(api.status, 404);
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(json["error"]["status"], 404);
    assert_eq!(json["error"]["request_id"].as_str(), Some(api.header("x-request-id")));
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_never_a_500() {
    let app = TestApp::new().await;
    let cases: Vec<(String, u16, &str)> = vec![
        ("/challenges?cohort=EIG%202".into(), 400, "Promotion"),
        ("/challenges?skill=cuisine".into(), 400, "Compétence"),
        ("/challenges?year=20x8".into(), 400, "Année"),
        ("/challenges?page=0".into(), 400, "Page"),
        ("/challenges?page=99999999999999999999".into(), 400, "Page"),
        ("/challenges?q=a+b+c+d+e+f+g".into(), 400, "mots"),
        (format!("/challenges?q={}", "x".repeat(300)), 400, "trop long"),
        (format!("/challenges?cohort={}", "a".repeat(1000)), 400, "trop long"),
        ("/challenges?cohort=a&cohort=b".into(), 400, "répété"),
        ("/challenges?q=%FF%FE".into(), 400, "caractères invalides"),
        ("/challenges?q=a%00b".into(), 400, "caractères invalides"),
        ("/challenges?q=%G0".into(), 400, "caractères invalides"),
        ("/challenges/%FF".into(), 400, "caractères invalides"),
        ("/community?profile=wizard".into(), 400, "Profil"),
        ("/blog?page=-1".into(), 400, "Page"),
        (format!("/challenges?q={}", "y".repeat(3000)), 414, "trop longue"),
        ("/challenges/..%2F..%2Fetc%2Fpasswd".into(), 404, "non trouvée"),
        ("/static/dsfr/..%2F..%2F..%2FCargo.toml".into(), 404, "non trouvée"),
    ];
    for (uri, status, text) in cases {
        let r = app.get(&uri).await;
        assert_eq!(r.status.as_u16(), status, "{uri}");
        assert!(r.body.contains(text), "{uri}: the page says what is wrong ({text}):\n{}", r.texts("main").join(" "));
    }
    let en = app.get_lang("/challenges?year=abc", "en").await;
    assert_eq!(en.status, 400);
    assert_eq!(en.texts("#error-problems li"), ["Year: must be a year between 2000 and 2100"]);
    // The API answers in JSON.
    let r = app.get_lang("/api/v1/challenges/%FF", "en").await;
    assert_eq!(r.status, 400);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["error"]["fields"][0]["field"], "path");
    // Huge bodies are refused before being read.
    let big =
        app.request(Request::post("/challenges").header("content-length", "10000000").body(Body::from(vec![b'x'; 100_000])).unwrap()).await;
    assert!(matches!(big.status.as_u16(), 403 | 413), "{}", big.status);
}

#[tokio::test]
async fn health_and_readiness_report_the_state() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/healthz").await.body, "ok");
    assert_eq!(app.get("/readyz").await.status, 200);
    app.state.set_ready(false);
    let draining = app.get("/readyz").await;
    assert_eq!((draining.status.as_u16(), draining.body.as_str()), (503, "draining"), "draining instances leave the load balancer");
    assert_eq!(app.get("/healthz").await.status, 200);
    app.state.set_ready(true);
    app.db.db.close().await;
    assert_eq!(app.get("/readyz").await.status, 503, "no database, not ready");
}

#[tokio::test]
async fn robots_and_sitemap_list_the_public_pages() {
    let app = TestApp::new().await;
    let robots = app.get("/robots.txt").await;
    assert!(robots.body.contains("Sitemap: /sitemap.xml"));
    let sitemap = app.request(Request::get("/sitemap.xml").header("host", "cohorte.test").body(Body::empty()).unwrap()).await;
    assert_eq!(sitemap.header("content-type"), "application/xml; charset=utf-8");
    let mut reader = quick_xml::Reader::from_str(&sitemap.body);
    let mut locs = Vec::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"loc" => in_loc = true,
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(String::from_utf8_lossy(t.as_ref()).into_owned());
                in_loc = false;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(locs.contains(&"http://cohorte.test/challenges/adex".to_owned()));
    assert!(locs.contains(&"http://cohorte.test/community/adeline-celier".to_owned()));
    assert!(!locs.iter().any(|l| l.contains("emmanuelle-bermes")), "no page for people without a public profile");
    assert_eq!(locs.iter().filter(|l| l.contains("/challenges/")).count(), 71);
}

#[tokio::test]
async fn a_panic_becomes_a_500_page_in_the_visitor_language_with_every_header() {
    let app = TestApp::new().await;
    async fn boom() -> &'static str {
        panic!("secret detail 42")
    }
    let routes = axum::Router::new().route("/boom", axum::routing::get(boom));
    let router = cohorte_web::layered(routes, app.state.clone());
    let crashed = TestApp { router, ..app };
    let fr = crashed.get("/boom").await;
    assert_eq!(fr.status, 500);
    assert_eq!(fr.texts("h1"), ["Erreur inattendue"]);
    assert!(!fr.body.contains("secret detail"), "the cause is logged, never shown");
    let id = fr.header("x-request-id").to_owned();
    assert_eq!(id.len(), 36, "a request id is returned");
    assert!(fr.texts("#error-reference")[0].ends_with(&id), "the page gives the reference to quote");
    assert_security_headers(&fr, "500");
    let en = crashed.get_lang("/boom", "en").await;
    assert_eq!(en.texts("h1"), ["Unexpected error"]);
}
