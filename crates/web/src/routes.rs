//! The whole URL map, in one place.

pub mod api;
pub mod public;
pub mod system;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

/// Every route.
pub fn routes(state: &AppState) -> Router<AppState> {
    let assets = &state.config.assets_dir;
    let static_cache = SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    let dsfr = Router::new().fallback_service(ServeDir::new(assets.join("node_modules/@gouvfr/dsfr/dist"))).layer(static_cache.clone());
    let swagger = Router::new().fallback_service(ServeDir::new(assets.join("node_modules/swagger-ui-dist"))).layer(static_cache);
    Router::new()
        .route("/", get(public::home))
        .route("/challenges", get(public::challenges))
        .route("/challenges/{slug}", get(public::challenge))
        .route("/community", get(public::community))
        .route("/community/{slug}", get(public::person))
        .route("/coaching", get(public::coaching))
        .route("/blog", get(public::blog))
        .route("/blog/feed.xml", get(public::feed))
        .route("/blog/tags/{tag}", get(public::blog_tag))
        .route("/blog/{slug}", get(public::post))
        .route("/faq", get(public::faq))
        .route("/publications", get(public::publications))
        .route("/figures", get(public::figures))
        .route("/accessibility", get(public::accessibility))
        .route("/legal", get(public::legal))
        .route("/site-map", get(public::site_map))
        .route("/sitemap.xml", get(public::sitemap_xml))
        .route("/robots.txt", get(system::robots))
        .route("/healthz", get(system::healthz))
        .route("/readyz", get(system::readyz))
        .route("/defis/{year}/{page}", get(system::legacy_redirect))
        .route("/communaute/{year}/{page}", get(system::legacy_redirect))
        .route("/api/docs", get(api::docs))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/v1/challenges", get(api::challenges))
        .route("/api/v1/challenges.csv", get(api::challenges_csv))
        .route("/api/v1/challenges/{slug}", get(api::challenge))
        .route("/api/v1/people", get(api::people))
        .route("/api/v1/people.csv", get(api::people_csv))
        .route("/api/v1/figures", get(api::figures))
        .route("/static/app/{file}", get(system::app_asset))
        .nest("/static/dsfr", dsfr)
        .nest("/static/swagger-ui", swagger)
        .fallback(system::not_found)
}
