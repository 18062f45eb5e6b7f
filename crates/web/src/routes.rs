//! The whole URL map, in one place.

pub mod account;
pub mod admin;
pub mod api;
pub mod apply;
pub mod auth;
pub mod call;
pub mod dev;
pub mod home;
pub mod public;
pub mod selection;
pub mod system;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware::from_fn;
use axum::routing::get;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

/// Declares every route once: the router is built from this list, and the list is public so that
/// the authorization matrix test can check that every route has a row.
macro_rules! route_table {
    ($( $method:ident $path:literal => $handler:path ; )*) => {
        /// Every page and endpoint (method, path pattern), in the order of the router.
        pub const TABLE: &[(&str, &str)] = &[ $( (stringify!($method), $path) ),* ];

        /// The form-token check wraps each handler, not the router's answer to a method no route
        /// declares: that is a 405 with `Allow`, whatever the session (TRACE included).
        fn table() -> Router<AppState> {
            Router::new() $( .route($path, axum::routing::$method($handler).route_layer(from_fn(crate::session::csrf_layer))) )*
        }
    };
}

route_table! {
    get  "/" => public::home;
    get  "/challenges" => public::challenges;
    get  "/challenges/{slug}" => public::challenge;
    get  "/community" => public::community;
    get  "/community/{slug}" => public::person;
    get  "/coaching" => public::coaching;
    get  "/blog" => public::blog;
    get  "/blog/feed.xml" => public::feed;
    get  "/blog/tags/{tag}" => public::blog_tag;
    get  "/blog/{slug}" => public::post;
    get  "/faq" => public::faq;
    get  "/publications" => public::publications;
    get  "/figures" => public::figures;
    get  "/accessibility" => public::accessibility;
    get  "/legal" => public::legal;
    get  "/site-map" => public::site_map;
    get  "/sitemap.xml" => public::sitemap_xml;
    get  "/robots.txt" => system::robots;
    get  "/healthz" => system::healthz;
    get  "/readyz" => system::readyz;
    get  "/defis/{year}/{page}" => system::legacy_redirect;
    get  "/communaute/{year}/{page}" => system::legacy_redirect;
    get  "/api/docs" => api::docs;
    get  "/api/openapi.json" => api::openapi;
    get  "/api/v1/challenges" => api::challenges;
    get  "/api/v1/challenges.csv" => api::challenges_csv;
    get  "/api/v1/challenges/{slug}" => api::challenge;
    get  "/api/v1/people" => api::people;
    get  "/api/v1/people.csv" => api::people_csv;
    get  "/api/v1/figures" => api::figures;
    get  "/login" => auth::login_form;
    post "/login" => auth::login_submit;
    get  "/signup" => auth::signup_form;
    post "/signup" => auth::signup_submit;
    get  "/login/confirm" => auth::login_confirm_page;
    post "/login/confirm" => auth::login_confirm;
    get  "/login/second-factor" => auth::second_factor_page;
    post "/login/second-factor" => auth::second_factor_submit;
    post "/logout" => auth::logout;
    post "/auth/oidc/login" => auth::oidc_login;
    post "/auth/oidc/link" => auth::oidc_link;
    get  "/auth/oidc/callback" => auth::oidc_callback;
    get  "/invitations/accept" => auth::invitation_page;
    post "/invitations/accept" => auth::invitation_accept;
    get  "/home" => home::page;
    get  "/account" => account::page;
    post "/account/profile" => account::profile;
    post "/account/sessions/revoke" => account::revoke_session;
    get  "/account/second-factor" => account::second_factor;
    post "/account/second-factor" => account::second_factor_confirm;
    post "/account/second-factor/remove" => account::remove_second_factor;
    post "/account/recovery-codes" => account::recovery_codes;
    get  "/account/reauth" => account::reauth_page;
    post "/account/reauth" => account::reauth_link;
    post "/account/reauth/code" => account::reauth_code;
    get  "/account/email" => account::email_page;
    post "/account/email" => account::email_submit;
    get  "/account/email/confirm" => account::email_confirm_page;
    post "/account/email/confirm" => account::email_confirm;
    get  "/account/export.json" => account::export;
    post "/account/delete" => account::delete;
    get  "/admin" => admin::home;
    post "/admin/invitations" => admin::invite;
    get  "/admin/people/{slug}" => admin::person;
    post "/admin/people/{slug}/roles" => admin::grant;
    post "/admin/people/{slug}/roles/revoke" => admin::revoke;
    get  "/admin/audit" => admin::audit;
    get  "/dev/mail" => dev::mail;
    get  "/calls" => call::calls_page;
    get  "/applications" => apply::mine;
    post "/calls/{slug}/applications" => apply::start;
    get  "/applications/{id}" => apply::page;
    post "/applications/{id}" => apply::save;
    post "/applications/{id}/autosave" => apply::autosave;
    post "/applications/{id}/submit" => apply::submit;
    post "/applications/{id}/documents" => apply::upload;
    get  "/applications/{id}/documents/{key}" => apply::download;
    post "/applications/{id}/withdraw" => apply::withdraw;
    post "/applications/{id}/information" => apply::information;
    post "/applications/{id}/choices" => apply::choices;
    post "/applications/{id}/interview" => apply::book;
    post "/applications/{id}/interview/cancel" => apply::cancel_interview;
    post "/applications/{id}/interview/move" => apply::move_interview;
    post "/applications/{id}/suggestion" => apply::answer_suggestion;
    post "/applications/{id}/offer" => apply::answer_offer;
    get  "/reviews/{slug}" => selection::reviews;
    post "/reviews/{slug}/{id}" => selection::review;
    get  "/panel/{slug}" => selection::panel;
    post "/panel/{slug}/{id}" => selection::panel_score;
    post "/panel/{slug}/{id}/suggest" => selection::panel_suggest;
    get  "/admin/cohorts/{slug}/applications" => selection::desk;
    get  "/admin/cohorts/{slug}/applications/rules" => selection::rules_page;
    post "/admin/cohorts/{slug}/applications/rules" => selection::rules_save;
    post "/admin/cohorts/{slug}/applications/assign" => selection::assign;
    post "/admin/cohorts/{slug}/applications/{id}/step" => selection::step;
    post "/admin/cohorts/{slug}/applications/{id}/interview" => selection::interview;
    get  "/admin/cohorts/{slug}/interviews" => selection::interviews;
    post "/admin/cohorts/{slug}/interviews" => selection::open_slot;
    get  "/admin/cohorts/{slug}/matching" => selection::matching;
    post "/admin/cohorts/{slug}/rankings" => selection::ranking;
    post "/admin/cohorts/{slug}/matching/override" => selection::override_seat;
    post "/admin/cohorts/{slug}/matching/override/remove" => selection::clear_override;
    post "/admin/cohorts/{slug}/matching/publish" => selection::publish;
    post "/admin/cohorts/{slug}/teams/announce" => selection::announce;
    post "/calls/{slug}/proposals" => call::start;
    get  "/proposals" => call::my_proposals;
    get  "/proposals/{id}" => call::proposal_page;
    post "/proposals/{id}" => call::proposal_save;
    post "/proposals/{id}/autosave" => call::autosave;
    get  "/proposals/{id}/organisations" => call::organisation_search;
    get  "/proposals/{id}/submit" => call::submit_page;
    post "/proposals/{id}/submit" => call::submit;
    post "/proposals/{id}/documents" => call::upload;
    get  "/proposals/{id}/documents/{key}" => call::download;
    post "/proposals/{id}/contacts" => call::invite_contact;
    post "/proposals/{id}/withdraw" => call::withdraw;
    post "/proposals/{id}/delete" => call::delete_draft;
    post "/proposals/{id}/provide" => call::provide;
    post "/proposals/{id}/review" => call::review;
    post "/proposals/{id}/step" => call::step;
    get  "/review/{slug}" => call::review_list;
    get  "/admin/cohorts" => call::admin_cohorts;
    post "/admin/cohorts" => call::create_cohort;
    get  "/admin/cohorts/{slug}" => call::admin_cohort;
    post "/admin/cohorts/{slug}/calendar" => call::calendar;
    get  "/admin/cohorts/{slug}/rules" => call::rules_page;
    post "/admin/cohorts/{slug}/rules" => call::rules_save;
    get  "/admin/cohorts/{slug}/panels" => call::panels_page;
    post "/admin/cohorts/{slug}/panels" => call::create_panel;
    post "/admin/cohorts/{slug}/jurors" => call::add_juror;
    post "/admin/cohorts/{slug}/jurors/remove" => call::remove_juror;
    post "/admin/cohorts/{slug}/assign" => call::auto_assign;
    post "/admin/cohorts/{slug}/assign-one" => call::assign_one;
    post "/admin/cohorts/{slug}/hearings" => call::schedule;
    get  "/admin/cohorts/{slug}/proposals.csv" => call::export_csv;
    get  "/admin/cohorts/{slug}/proposals.xlsx" => call::export_xlsx;
    get  "/jury" => call::jury_page;
    get  "/jury/proposals/{id}" => call::kit_page;
    post "/jury/proposals/{id}/evaluation" => call::evaluate;
    post "/jury/proposals/{id}/heard" => call::heard;
    post "/jury/proposals/{id}/conflict" => call::conflict;
    get  "/jury/panels/{id}/ranking" => call::ranking_page;
    post "/jury/panels/{id}/ranking" => call::ranking_save;
    get  "/decisions/{slug}" => call::decisions_page;
    post "/decisions/{slug}/stage" => call::stage;
    post "/decisions/{slug}/approve" => call::approve;
    get  "/admin/challenges" => call::challenges_page;
    get  "/admin/challenges/{slug}" => call::challenge_page;
    post "/admin/challenges/{slug}" => call::challenge_save;
}

/// Every route, the static files and the fallback.
pub fn routes(state: &AppState) -> Router<AppState> {
    let assets = &state.config.assets_dir;
    let static_cache = SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    let dsfr = Router::new().fallback_service(ServeDir::new(assets.join("node_modules/@gouvfr/dsfr/dist"))).layer(static_cache.clone());
    let swagger = Router::new().fallback_service(ServeDir::new(assets.join("node_modules/swagger-ui-dist"))).layer(static_cache);
    table()
        .route("/static/app/{file}", get(system::app_asset))
        .nest("/static/dsfr", dsfr)
        .nest("/static/swagger-ui", swagger)
        .fallback(system::not_found)
}
