//! The whole URL map, in one place.

pub mod account;
pub mod admin;
pub mod api;
pub mod auth;
pub mod dev;
pub mod public;
pub mod system;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
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
        .route("/login", get(auth::login_form).post(auth::login_submit))
        .route("/login/confirm", get(auth::login_confirm_page).post(auth::login_confirm))
        .route("/login/second-factor", get(auth::second_factor_page).post(auth::second_factor_submit))
        .route("/logout", post(auth::logout))
        .route("/auth/oidc/login", post(auth::oidc_login))
        .route("/auth/oidc/link", post(auth::oidc_link))
        .route("/auth/oidc/callback", get(auth::oidc_callback))
        .route("/invitations/accept", get(auth::invitation_page).post(auth::invitation_accept))
        .route("/account", get(account::page))
        .route("/account/profile", post(account::profile))
        .route("/account/sessions/revoke", post(account::revoke_session))
        .route("/account/second-factor", get(account::second_factor).post(account::second_factor_confirm))
        .route("/account/second-factor/remove", post(account::remove_second_factor))
        .route("/account/recovery-codes", post(account::recovery_codes))
        .route("/account/reauth", get(account::reauth_page).post(account::reauth_link))
        .route("/account/reauth/code", post(account::reauth_code))
        .route("/account/email", get(account::email_page).post(account::email_submit))
        .route("/account/email/confirm", get(account::email_confirm_page).post(account::email_confirm))
        .route("/account/export.json", get(account::export))
        .route("/account/delete", post(account::delete))
        .route("/admin", get(admin::home))
        .route("/admin/invitations", post(admin::invite))
        .route("/admin/people/{slug}", get(admin::person))
        .route("/admin/people/{slug}/roles", post(admin::grant))
        .route("/admin/people/{slug}/roles/revoke", post(admin::revoke))
        .route("/admin/audit", get(admin::audit))
        .route("/dev/mail", get(dev::mail))
        .route("/static/app/{file}", get(system::app_asset))
        .nest("/static/dsfr", dsfr)
        .nest("/static/swagger-ui", swagger)
        .fallback(system::not_found)
}
