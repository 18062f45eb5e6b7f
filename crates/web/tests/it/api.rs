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

#[tokio::test]
async fn openapi_document_is_valid_openapi_3_1_for_an_independent_validator() {
    let app = TestApp::new().await;
    for lang in ["fr", "en"] {
        let r = app.get(&format!("/api/openapi.json?lang={lang}")).await;
        assert_eq!(r.status, 200);
        let Some(problems) = cohorte_test_support::peers::openapi_problems(&r.body) else { return };
        assert!(problems.is_empty(), "openapi-spec-validator ({lang}):\n{}", problems.join("\n"));
    }
}

/// The documented operations, as (method, path).
fn documented(doc: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys().filter(|k| !matches!(k.as_str(), "parameters" | "summary" | "description")) {
            out.push((method.clone(), path.clone()));
        }
    }
    out
}

#[tokio::test]
async fn every_documented_path_answers_with_its_documented_content_type() {
    let app = TestApp::new().await;
    let doc: serde_json::Value = serde_json::from_str(&app.get("/api/openapi.json").await.body).unwrap();
    let operations = documented(&doc);
    assert_eq!(operations.len(), 6, "{operations:?}");
    for (method, path) in operations {
        assert_eq!(method, "get", "{path}: the open data is read-only");
        let uri = path.replace("{slug}", "adex");
        let r = app.get(&uri).await;
        assert_eq!(r.status, 200, "{uri}");
        let media_type = r.header("content-type").split(';').next().unwrap().trim().to_owned();
        let documented = doc["paths"][&path]["get"]["responses"]["200"]["content"].as_object().unwrap();
        assert!(
            documented.contains_key(&media_type),
            "{uri} answers {media_type}; documented: {:?}",
            documented.keys().collect::<Vec<_>>()
        );
        let missing = app.get(&path.replace("{slug}", "no-such-challenge")).await;
        if path.contains("{slug}") {
            assert_eq!(missing.status, 404, "{path}");
            assert!(doc["paths"][&path]["get"]["responses"].get("404").is_some(), "{path}: its 404 is documented");
            assert_eq!(missing.header("content-type").split(';').next(), Some("application/json"), "{path}: the 404 is JSON");
        }
    }
}

#[tokio::test]
async fn undeclared_methods_on_api_routes_answer_405_with_allow() {
    let app = TestApp::new().await;
    let doc: serde_json::Value = serde_json::from_str(&app.get("/api/openapi.json").await.body).unwrap();
    let mut paths: Vec<String> = documented(&doc).into_iter().map(|(_, p)| p.replace("{slug}", "adex")).collect();
    paths.extend(["/api/openapi.json".to_owned(), "/api/docs".to_owned()]);
    for path in &paths {
        for method in ["TRACE", "PUT", "DELETE", "POST", "PATCH", "OPTIONS"] {
            let req = http::Request::builder().method(method).uri(path.as_str()).body(axum::body::Body::empty()).unwrap();
            let r = app.request(req).await;
            assert_eq!(r.status, 405, "{method} {path}");
            let allow: Vec<&str> = r.header("allow").split(',').map(str::trim).collect();
            assert_eq!(allow, ["GET", "HEAD"], "{method} {path}: Allow");
        }
    }
}

#[tokio::test]
async fn openapi_document_is_in_the_reader_language_and_gives_the_data_licence() {
    let app = TestApp::new().await;
    let fr: serde_json::Value = serde_json::from_str(&app.get("/api/openapi.json?lang=fr").await.body).unwrap();
    let en: serde_json::Value = serde_json::from_str(&app.get_lang("/api/openapi.json", "en").await.body).unwrap();
    for doc in [&fr, &en] {
        // The data's licence, not the software's (Cargo's MIT, which utoipa puts there by default).
        assert_eq!(
            doc["info"]["license"],
            serde_json::json!({"name": "Licence Ouverte / Open Licence 2.0 (Etalab)", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"})
        );
        assert!(doc["info"]["description"].as_str().unwrap().contains("MIT"), "the software's licence is named apart");
    }
    assert_eq!(fr["info"]["title"], "Données ouvertes de Cohorte");
    assert_eq!(fr["paths"]["/api/v1/challenges"]["get"]["summary"], "Tous les défis publics (JSON).");
    assert_eq!(
        fr["paths"]["/api/v1/challenges/{slug}"]["get"]["responses"]["404"]["description"],
        "Aucun défi public ne porte cet identifiant."
    );
    assert_eq!(fr["components"]["schemas"]["Challenge"]["properties"]["skills"]["description"], "Compétences recherchées.");
    assert_eq!(fr["paths"]["/api/v1/people"]["get"]["tags"], serde_json::json!(["Données ouvertes"]));
    assert_eq!(en["paths"]["/api/v1/challenges"]["get"]["summary"], "Every public challenge (JSON).");
    // The English messages are the doc comments utoipa reads: one text, not two that drift apart.
    let derived = serde_json::to_value(<cohorte_web::routes::api::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
    let texts = cohorte_web::routes::api::texts(&derived);
    assert!(texts.len() > 100, "{} texts", texts.len());
    for (pointer, key) in texts {
        let comment = derived.pointer(&pointer).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("{pointer}: no text to translate"));
        assert_eq!(en.pointer(&pointer).and_then(|v| v.as_str()), Some(comment), "{key}: the English message is the doc comment");
        assert!(cohorte_web::i18n::has(cohorte_domain::lang::Lang::Fr, &key), "{key}: a French message");
    }
}

#[tokio::test]
async fn api_docs_page_gives_swagger_ui_the_document_and_its_labels_in_the_page_language() {
    let app = TestApp::new().await;
    let fr = app.get("/api/docs?lang=fr").await;
    assert_eq!(fr.attrs("#swagger-ui", "data-url"), ["/api/openapi.json?lang=fr"]);
    let labels: std::collections::BTreeMap<String, String> = serde_json::from_str(&fr.attrs("#swagger-ui", "data-labels")[0]).unwrap();
    assert_eq!(labels.get("Parameters").map(String::as_str), Some("Paramètres"));
    assert_eq!(labels.get("Try it out").map(String::as_str), Some("Essayer"));
    assert!(labels.len() >= 25, "{labels:?}");
    assert!(!fr.body.contains("MIT"), "the page names no software licence as the data's");
    let en = app.get("/api/docs?lang=en").await;
    assert_eq!(en.attrs("#swagger-ui", "data-url"), ["/api/openapi.json?lang=en"]);
    assert_eq!(en.attrs("#swagger-ui", "data-labels"), ["{}"], "Swagger UI is in English already");
}
