//! View models: one askama template struct per page, built from the use cases' read models.
//! Templates receive these, never rows; every string goes through [`Chrome::t`].

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cohorte_domain::lang::Lang;
use time::Date;

use crate::cache::Cacheable;
use crate::i18n::{self, Arg};
use crate::util::{encode, with_query};
use crate::{AppState, WebConfig};

pub mod apply;
pub mod auth;
pub mod call;
pub mod home;
pub mod pages;
pub mod selection;

/// What every page shares: language, location, navigation, title.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The page language.
    pub lang: Lang,
    /// The request path.
    pub path: String,
    /// The query string without `lang`.
    pub query: String,
    /// The active section of the main navigation.
    pub section: &'static str,
    /// The page title (without the site name).
    pub title: String,
    /// The page description (meta).
    pub description: String,
    /// Base of absolute URLs.
    pub base_url: String,
    /// The request's session, read when the header is rendered (after the handler signed
    /// someone in or out).
    viewer: Option<Viewer>,
}

/// The session slot of the request, for the header. Never printed (it holds the form token).
#[derive(Clone)]
struct Viewer(crate::session::SessionSlot);

impl std::fmt::Debug for Viewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Viewer")
    }
}

/// The signed-in person, as the header shows them.
#[derive(Debug, Clone)]
pub struct Me {
    /// Their name.
    pub name: String,
    /// The form token (the sign-out button posts it).
    pub csrf: String,
    /// The areas their roles open (one entry of the navigation, a menu when several).
    pub areas: Vec<Area>,
    /// The menu's name: the staff area for staff, else "my areas".
    pub menu_label: String,
    /// The page is in one of the areas.
    pub in_area: bool,
}

/// A link of the header's role menu.
#[derive(Debug, Clone)]
pub struct Area {
    /// Element id.
    pub id: &'static str,
    /// Label.
    pub label: String,
    /// Where it goes.
    pub href: &'static str,
    /// Whether it is this page.
    pub current: bool,
}

/// Numbers the templates print.
pub trait AsI64 {
    /// As i64.
    fn as_i64(&self) -> i64;
}
impl AsI64 for i64 {
    fn as_i64(&self) -> i64 {
        *self
    }
}
impl AsI64 for i32 {
    fn as_i64(&self) -> i64 {
        i64::from(*self)
    }
}
impl AsI64 for u64 {
    fn as_i64(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}
impl AsI64 for u32 {
    fn as_i64(&self) -> i64 {
        i64::from(*self)
    }
}
impl AsI64 for usize {
    fn as_i64(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}
impl<T: AsI64> AsI64 for &T {
    fn as_i64(&self) -> i64 {
        (*self).as_i64()
    }
}

impl Chrome {
    fn build(lang: Lang, path: &str, query: Option<&str>, config: &WebConfig) -> Self {
        let query = query.unwrap_or("").split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect::<Vec<_>>().join("&");
        Chrome {
            lang,
            path: path.to_owned(),
            query,
            section: "",
            title: String::new(),
            description: String::new(),
            base_url: config.base_url().to_owned(),
            viewer: None,
        }
    }

    /// The chrome of an error page.
    pub fn for_error(lang: Lang, path: &str, config: &WebConfig) -> Self {
        Self::build(lang, path, None, config)
    }

    /// Sets the section and the title.
    pub fn page(mut self, section: &'static str, title: impl Into<String>) -> Self {
        self.section = section;
        self.title = title.into();
        self
    }

    /// Sets the description.
    pub fn describe(mut self, d: impl Into<String>) -> Self {
        self.description = d.into();
        self
    }

    /// A message.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// A message with a count (plural forms).
    pub fn tn(&self, key: &str, n: impl AsI64) -> String {
        i18n::ta(self.lang, key, &[("count", Arg::Num(n.as_i64()))])
    }

    /// A message with one text argument.
    pub fn ts(&self, key: &str, name: &'static str, value: &str) -> String {
        i18n::ta(self.lang, key, &[(name, Arg::Str(value))])
    }

    /// A message with several text arguments.
    pub fn tsa(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (*k, Arg::Str(v))).collect();
        i18n::ta(self.lang, key, &args)
    }

    /// A number with digit grouping.
    pub fn int(&self, n: impl AsI64) -> String {
        i18n::int(self.lang, n.as_i64())
    }

    /// A date.
    pub fn date(&self, d: &Date) -> String {
        i18n::date(self.lang, *d)
    }

    /// `fr` or `en`.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// Whether the page is in English (imported content stays French and is marked `lang="fr"`).
    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }

    /// The other language's code.
    pub fn other_code(&self) -> &'static str {
        self.lang.other().code()
    }

    /// The other language's name, in itself.
    pub fn other_name(&self) -> &'static str {
        self.lang.other().native_name()
    }

    /// This page in a language (`?lang=`).
    pub fn href_in(&self, code: &str) -> String {
        if self.query.is_empty() { format!("{}?lang={code}", self.path) } else { format!("{}?{}&lang={code}", self.path, self.query) }
    }

    /// The absolute URL of this page in a language (for `hreflang`).
    pub fn alternate(&self, code: &str) -> String {
        format!("{}{}", self.base_url, self.href_in(code))
    }

    /// Whether a navigation entry is the current section.
    pub fn nav(&self, section: &str) -> bool {
        self.section == section
    }

    /// The signed-in person (none for anonymous visitors, and on error pages), with the areas
    /// their session may open now.
    pub fn me(&self) -> Option<Me> {
        let session = self.viewer.as_ref()?.0.current()?;
        let person = session.actor.person()?;
        let m = cohorte_app::home::menu(&session.actor);
        let links = [
            (m.staff, "menu-cohorts", "menu-cohorts", "/admin/cohorts"),
            (m.staff, "menu-challenges", "menu-challenges", "/admin/challenges"),
            (m.staff, "menu-people", "menu-people", "/admin"),
            (m.audit, "menu-audit", "admin-audit", "/admin/audit"),
            (m.jury, "menu-jury", "jury-title", "/jury"),
            (m.decisions, "menu-decisions", "menu-decisions", "/home#validation"),
        ];
        let areas = links
            .into_iter()
            .filter(|(on, ..)| *on)
            .map(|(_, id, key, href)| Area { id, label: self.t(key), href, current: self.path == href })
            .collect();
        Some(Me {
            name: person.name.clone(),
            csrf: session.csrf_token,
            areas,
            menu_label: self.t(if m.staff { "admin-title" } else { "menu-areas" }),
            in_area: self.section == "admin" || self.section == "jury",
        })
    }

    /// The `<title>`.
    pub fn full_title(&self) -> String {
        if self.title.is_empty() { self.t("site-name") } else { format!("{} — {}", self.title, self.t("site-name")) }
    }
}

impl FromRequestParts<AppState> for Chrome {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let mut c = Chrome::build(lang, parts.uri.path(), parts.uri.query(), &state.config);
        c.viewer = parts.extensions.get::<crate::session::SessionSlot>().cloned().map(Viewer);
        Ok(c)
    }
}

/// Renders a template as an HTML response (500 if rendering fails).
pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => ([(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))], html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Renders a form again with its errors, under an error status (422): the page is kept as is,
/// not replaced by the generic error page.
pub fn render_invalid<T: Template>(t: &T) -> Response {
    let mut r = render(t);
    if r.status() == StatusCode::OK {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        r.extensions_mut().insert(crate::layers::KeepBody);
    }
    r
}

/// Renders a public page that depends only on URL, language and content (kept by the page cache).
pub fn render_public<T: Template>(t: &T) -> Response {
    let mut r = render(t);
    if r.status() == StatusCode::OK {
        r.extensions_mut().insert(Cacheable);
    }
    r
}

/// An option of a filter.
#[derive(Debug, Clone)]
pub struct Opt {
    /// Value.
    pub value: String,
    /// Label.
    pub label: String,
    /// Selected.
    pub selected: bool,
}

/// One link of a pagination.
#[derive(Debug, Clone)]
pub struct PageLink {
    /// Page number.
    pub number: u32,
    /// Where it goes.
    pub href: String,
    /// Whether it is this page.
    pub current: bool,
}

/// A pagination.
#[derive(Debug, Clone)]
pub struct Pager {
    /// Links to show (with gaps skipped).
    pub links: Vec<Option<PageLink>>,
    /// First page.
    pub first: Option<String>,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// Last page.
    pub last: Option<String>,
    /// More than one page.
    pub show: bool,
}

impl Pager {
    /// A pagination over `pages`, `current` being shown, `href` making a page's URL.
    pub fn new(current: u32, pages: u32, href: impl Fn(u32) -> String) -> Self {
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=pages {
            if n == 1 || n == pages || n.abs_diff(current) <= 2 {
                if n > last_shown + 1 {
                    links.push(None);
                }
                links.push(Some(PageLink { number: n, href: href(n), current: n == current }));
                last_shown = n;
            }
        }
        Pager {
            links,
            first: (current > 1).then(|| href(1)),
            prev: (current > 1).then(|| href(current - 1)),
            next: (current < pages).then(|| href(current + 1)),
            last: (current < pages).then(|| href(pages)),
            show: pages > 1,
        }
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "pages/error.html")]
pub struct ErrorPage {
    /// Chrome.
    pub c: Chrome,
    /// Status code.
    pub status: u16,
    /// Explanation.
    pub message: String,
    /// What is wrong with the input.
    pub problems: Vec<String>,
    /// The request id, shown on server errors so that a report can be matched with the logs.
    pub reference: String,
}

impl ErrorPage {
    /// The page for a status and the invalid fields.
    pub fn new(c: Chrome, status: StatusCode, fields: &[(&'static str, &'static str)]) -> Self {
        let key = crate::layers::error_key(status);
        let title = c.t(&key);
        let message = c.t(&key.replacen("error-title-", "error-text-", 1));
        let problems = fields
            .iter()
            .map(|(field, code)| {
                let field_label = c.t(&format!("field-{field}"));
                i18n::ta(c.lang, "error-field", &[("field", Arg::Str(&field_label)), ("problem", Arg::Str(&c.t(&format!("error-{code}"))))])
            })
            .collect();
        ErrorPage { c: c.page("", title), status: status.as_u16(), message, problems, reference: String::new() }
    }
}

/// Encodes for a URL (templates).
pub fn url_encode(s: &str) -> String {
    encode(s)
}

/// Builds a URL with parameters (templates).
pub fn url_with(path: &str, params: &[(&str, String)]) -> String {
    with_query(path, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_shows_ends_and_neighbours() {
        let p = Pager::new(5, 10, |n| format!("?page={n}"));
        let shown: Vec<Option<u32>> = p.links.iter().map(|l| l.as_ref().map(|l| l.number)).collect();
        assert_eq!(shown, [Some(1), None, Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(10)]);
        assert_eq!(p.prev.as_deref(), Some("?page=4"));
        assert_eq!(p.next.as_deref(), Some("?page=6"));
        let single = Pager::new(1, 1, |n| n.to_string());
        assert!(!single.show && single.prev.is_none() && single.next.is_none());
    }
}
