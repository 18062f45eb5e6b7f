//! Open data: JSON, CSV and the OpenAPI document.

use cohorte_web::WebConfig;

use crate::support::{TestApp, data_copy};

#[tokio::test]
async fn api_lists_challenges_people_and_figures_with_the_attribution() {
    let app = TestApp::new().await;
    let r = app.get("/api/v1/challenges").await;
    assert_eq!(r.header("content-type"), "application/json");
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["count"], 71);
    assert_eq!(v["data"].as_array().unwrap().len(), 71);
    assert!(v["licence"]["attribution"].as_str().unwrap().contains("Etalab / DINUM"));
    let adex = v["data"].as_array().unwrap().iter().find(|c| c["slug"] == "adex").unwrap();
    assert_eq!(adex["administration"]["acronym"], "HAS");
    assert_eq!(adex["fellows"].as_array().unwrap().len(), 3);
    assert_eq!(adex["key_figures"][0]["amount"], 1288);
    let one: serde_json::Value = serde_json::from_str(&app.get("/api/v1/challenges/adex").await.body).unwrap();
    assert_eq!(one["data"]["title"], "ADEX");
    assert!(one["licence"]["url"].as_str().unwrap().contains("licence-ouverte"));
    let people: serde_json::Value = serde_json::from_str(&app.get("/api/v1/people").await.body).unwrap();
    assert_eq!(people["count"], 261);
    let figures: serde_json::Value = serde_json::from_str(&app.get("/api/v1/figures").await.body).unwrap();
    let coached = figures["computed"].as_array().unwrap().iter().find(|f| f["id"] == "challenges-coached").unwrap();
    assert_eq!((coached["eig1_3_dig"].as_u64(), coached["all_cohorts"].as_u64()), (Some(53), Some(70)));
    assert_eq!(coached["definition_key"], "challenges-coached@1");
    assert!(coached["definition_en"].as_str().unwrap().contains("Sequoia"));
    let admins = figures["computed"].as_array().unwrap().iter().find(|f| f["id"] == "administrations-helped").unwrap();
    assert_eq!(admins["eig1_3_dig"], 40);
    assert_eq!(figures["declared"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn csv_exports_carry_the_attribution_and_neutralise_formulas() {
    let data = data_copy();
    let defis = data.path().join("data/defis.yml");
    let text = std::fs::read_to_string(&defis).unwrap().replacen(
        "description: Prévenir les conflits d'intérêts dans le domaine médical",
        "description: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"",
        1,
    );
    std::fs::write(&defis, text).unwrap();
    let app = TestApp::with_data(data.path(), WebConfig::default()).await;
    let r = app.get("/api/v1/challenges.csv").await;
    assert_eq!(r.header("content-type"), "text/csv; charset=utf-8");
    assert!(r.header("content-disposition").starts_with("attachment"));
    let body = r.body.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.get(0), Some("slug"));
    assert_eq!(headers.iter().next_back(), Some("source"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 71);
    let adex = rows.iter().find(|r| r.get(0) == Some("adex")).unwrap();
    assert_eq!(adex.get(2), Some("'=HYPERLINK(\"http://evil\",\"x\")"), "formula neutralised");
    assert!(rows.iter().all(|r| r.iter().next_back().unwrap().contains("Licence Ouverte")));
    let people = app.get("/api/v1/people.csv").await;
    assert_eq!(csv::Reader::from_reader(people.body.trim_start_matches('\u{feff}').as_bytes()).records().count(), 261);
}

#[tokio::test]
async fn openapi_document_describes_every_endpoint_and_has_a_self_hosted_viewer() {
    let app = TestApp::new().await;
    let doc: serde_json::Value = serde_json::from_str(&app.get("/api/openapi.json").await.body).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/v1/challenges",
        "/api/v1/challenges.csv",
        "/api/v1/challenges/{slug}",
        "/api/v1/people",
        "/api/v1/people.csv",
        "/api/v1/figures",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} documented");
    }
    assert!(doc["components"]["schemas"].get("ChallengeList").is_some());
    let viewer = app.get("/api/docs").await;
    let scripts = viewer.attrs("script[src]", "src");
    assert!(scripts.iter().all(|s| s.starts_with('/')), "self-hosted, no CDN: {scripts:?}");
    assert!(scripts.contains(&"/static/swagger-ui/swagger-ui-bundle.js".to_owned()));
    assert_eq!(app.get("/static/swagger-ui/swagger-ui-bundle.js").await.status, 200);
    assert!(viewer.texts("script").iter().all(|s| s.trim().is_empty()), "no inline script");
}
