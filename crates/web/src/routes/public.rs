//! The public site. Each handler: extract, call one use case, build the view, render.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::public::{self as uc, PostCard};
use cohorte_domain::content::{BlogTag, Profile, Skill};
use cohorte_domain::figures::{DEFINITIONS, FigureId, Scope};
use cohorte_domain::lang::Lang;
use cohorte_domain::markdown::{RenderOptions, plain_text, render_markdown, sanitize_html};
use cohorte_domain::policy::Actor;
use cohorte_domain::query::{ChallengeQuery, PeopleQuery, RawChallengeQuery, RawPageQuery, RawPeopleQuery, parse_page_query};
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{Q, SlugPath};
use crate::i18n::Arg;
use crate::util::with_query;
use crate::views::pages::*;
use crate::views::{Chrome, Opt, Pager, render, render_public};

/// Resolves a relative link found in imported content: old-site pages to their new address,
/// anything else to the original site.
pub fn resolve_link(links: &BTreeMap<String, String>, url: &str) -> Option<String> {
    if url.starts_with('#') {
        return Some(url.to_owned());
    }
    if let Some(rest) = url.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let cut = url.find(['?', '#']).unwrap_or(url.len());
    let (path, suffix) = url.split_at(cut);
    let mut p = path.trim_start_matches("./");
    while let Some(rest) = p.strip_prefix("../") {
        p = rest;
    }
    let p = if p.starts_with('/') { p.to_owned() } else { format!("/{p}") };
    if let Some(to) = links.get(&p) {
        let fragment = suffix.find('#').map(|i| &suffix[i..]).unwrap_or("");
        return Some(format!("{to}{fragment}"));
    }
    Some(format!("{}{p}{suffix}", cohorte_domain::EIG_ORIGINAL_SITE))
}

fn markdown(state: &AppState, md: &str, heading_base: u8) -> String {
    let links = state.links();
    let resolve = move |u: &str| resolve_link(&links, u);
    render_markdown(md, &RenderOptions { heading_base, resolve_relative: &resolve })
}

fn html(state: &AppState, src: &str) -> String {
    let links = state.links();
    let resolve = move |u: &str| resolve_link(&links, u);
    sanitize_html(src, &RenderOptions { heading_base: 4, resolve_relative: &resolve })
}

fn skill_label(c: &Chrome, key: &str) -> String {
    c.t(&format!("skill-{key}"))
}

fn card(c: &Chrome, x: &uc::ChallengeCard) -> CardView {
    CardView {
        slug: x.slug.clone(),
        title: x.title.clone(),
        tagline: x.tagline.clone(),
        cohort: match c.lang {
            Lang::Fr => x.cohort_title_fr.clone(),
            Lang::En => x.cohort_title_en.clone(),
        },
        skills: x.skills.iter().map(|s| skill_label(c, s)).collect(),
        host: match &x.host_acronym {
            Some(a) => format!("{} ({a})", x.host_name),
            None => x.host_name.clone(),
        },
    }
}

fn tag_label(c: &Chrome, key: &str) -> String {
    match (c.lang, BlogTag::parse(key)) {
        (Lang::Fr, Some(t)) => t.label_fr().to_owned(),
        _ => c.t(&format!("tag-{key}")),
    }
}

fn post_view(c: &Chrome, p: &PostCard) -> PostView {
    PostView {
        slug: p.slug.clone(),
        title: p.title.clone(),
        description: p.description.clone(),
        tags: p.tags.iter().map(|t| tag_label(c, t)).collect(),
        published_on: p.published_on,
        author: p.author_label.clone(),
        lang: p.lang.clone(),
    }
}

fn options<T>(items: impl IntoIterator<Item = T>, selected: Option<&str>, f: impl Fn(&T) -> (String, String)) -> Vec<Opt> {
    items
        .into_iter()
        .map(|i| {
            let (value, label) = f(&i);
            Opt { selected: selected == Some(value.as_str()), value, label }
        })
        .collect()
}

/// `/`.
pub async fn home(State(state): State<AppState>, c: Chrome) -> Result<Response, WebError> {
    let h = uc::home(&state.ctx, &Actor::Anonymous).await?;
    let lead = c.t("home-lead");
    let c = c.page("home", "").describe(lead);
    let figures = h
        .figures
        .iter()
        .filter(|f| f.scope == Scope::ALL)
        .map(|f| FigureTile {
            id: f.definition.id.as_str(),
            value: f.value,
            name_key: format!("figure-{}-short", f.definition.id.as_str()),
        })
        .collect();
    // The challenge figure counts projects; the challenge list counts pages.
    let projects = h.figures.iter().find(|f| f.scope == Scope::ALL && f.definition.id == FigureId::ChallengesCoached);
    let figures_note = projects
        .map(|f| i64::try_from(f.value).unwrap_or(i64::MAX))
        .filter(|p| *p != h.challenge_pages)
        .map(|p| crate::i18n::ta(c.lang, "home-figures-note", &[("projects", Arg::Num(p)), ("pages", Arg::Num(h.challenge_pages))]));
    let page = HomePage {
        figures,
        figures_note,
        cohorts: h.cohorts.iter().map(|x| CohortView::new(&c, x)).collect(),
        challenges: h.latest_challenges.iter().map(|x| card(&c, x)).collect(),
        posts: h.latest_posts.iter().map(|p| post_view(&c, p)).collect(),
        testimonials: h.testimonials,
        c,
    };
    Ok(render_public(&page))
}

/// `/challenges`.
pub async fn challenges(State(state): State<AppState>, c: Chrome, Q(raw): Q<RawChallengeQuery>) -> Result<Response, WebError> {
    let q = ChallengeQuery::parse(&raw)?;
    let list = uc::challenges(&state.ctx, &Actor::Anonymous, &q).await?;
    let title = c.t("challenges-title");
    let c = c.page("challenges", title);
    let cohort = q.cohort.as_ref().map(|s| s.to_string());
    let skill = q.skill.map(Skill::as_str);
    let admin = q.administration.as_ref().map(|s| s.to_string());
    let year = q.year.map(|y| y.to_string());
    let search = q.search.as_ref().map(|s| s.raw().to_owned()).unwrap_or_default();
    let href = |n: u32| {
        with_query(
            "/challenges",
            &[
                ("q", search.clone()),
                ("cohort", cohort.clone().unwrap_or_default()),
                ("skill", skill.unwrap_or("").to_owned()),
                ("administration", admin.clone().unwrap_or_default()),
                ("year", year.clone().unwrap_or_default()),
                ("page", if n > 1 { n.to_string() } else { String::new() }),
            ],
        )
    };
    let pager = Pager::new(list.page.page.get(), list.page.pages(), href);
    let page = ChallengesPage {
        q: search.clone(),
        cohort_options: options(&list.cohorts, cohort.as_deref(), |x| (x.code.clone(), format!("{} ({})", x.title(c.lang), x.year))),
        skill_options: options(&list.skills, skill, |(k, n)| (k.clone(), format!("{} ({n})", skill_label(&c, k)))),
        administration_options: options(&list.organisations, admin.as_deref(), |o| {
            let indent = "\u{a0}\u{a0}".repeat(o.depth());
            let name = match &o.acronym {
                Some(a) => format!("{} ({a})", o.name),
                None => o.name.clone(),
            };
            (o.slug.clone(), format!("{indent}{name} — {}", o.challenges))
        }),
        year_options: options(&list.years, year.as_deref(), |(y, n)| (y.to_string(), format!("{y} ({n})"))),
        filtered: q.is_filtered(),
        total: list.page.total,
        cards: list.page.items.iter().map(|x| card(&c, x)).collect(),
        pager,
        c,
    };
    Ok(render_public(&page))
}

/// `/challenges/{slug}`.
pub async fn challenge(State(state): State<AppState>, c: Chrome, SlugPath(slug): SlugPath) -> Result<Response, WebError> {
    let d = match uc::challenge_at(&state.ctx, &Actor::Anonymous, &slug).await? {
        uc::ChallengeAt::Here(d) => *d,
        uc::ChallengeAt::Moved(new) => return Ok(Redirect::permanent(&format!("/challenges/{new}")).into_response()),
    };
    let c = c.page("challenges", d.title.clone()).describe(d.tagline.clone());
    let cohort_title = match c.lang {
        Lang::Fr => d.cohort_title_fr.clone(),
        Lang::En => d.cohort_title_en.clone(),
    };
    let (fellows, mentors): (Vec<_>, Vec<_>) = d.team.iter().partition(|m| m.is_fellow());
    let show_label = cohorte_domain::text::name_key(&d.administration_label) != cohorte_domain::text::name_key(&d.host_name);
    let page = ChallengePage {
        crumbs: vec![(c.t("nav-challenges"), "/challenges".to_owned())],
        cohort_title,
        skills: d.skills.iter().map(|s| (s.clone(), skill_label(&c, s))).collect(),
        body_html: markdown(&state, &d.body_md, 3),
        key_figures: d.key_figures.iter().map(|(a, t)| (c.int(*a), t.clone())).collect(),
        fellows: fellows.iter().map(|m| TeamView::new(&c, m)).collect(),
        mentors: mentors.iter().map(|m| TeamView::new(&c, m)).collect(),
        show_label,
        renewal_of: d.renewal_of.clone(),
        renewed_by: d.renewed_by.clone(),
        d,
        c,
    };
    Ok(render_public(&page))
}

/// `/community`.
pub async fn community(State(state): State<AppState>, c: Chrome, Q(raw): Q<RawPeopleQuery>) -> Result<Response, WebError> {
    let q = PeopleQuery::parse(&raw)?;
    let list = uc::people(&state.ctx, &Actor::Anonymous, &q).await?;
    let title = c.t("community-title");
    let c = c.page("community", title);
    let cohort = q.cohort.as_ref().map(|s| s.to_string());
    let profile = q.profile.map(Profile::as_str);
    let search = q.search.as_ref().map(|s| s.raw().to_owned()).unwrap_or_default();
    let href = |n: u32| {
        with_query(
            "/community",
            &[
                ("q", search.clone()),
                ("cohort", cohort.clone().unwrap_or_default()),
                ("profile", profile.unwrap_or("").to_owned()),
                ("page", if n > 1 { n.to_string() } else { String::new() }),
            ],
        )
    };
    let pager = Pager::new(list.page.page.get(), list.page.pages(), href);
    let cards = list
        .page
        .items
        .iter()
        .map(|p| PersonTile {
            slug: p.slug.clone(),
            name: p.display_name.clone(),
            profile: p.profile.as_ref().map(|k| c.t(&format!("profile-{k}"))).unwrap_or_default(),
            cohorts: p
                .cohorts
                .iter()
                .map(|(_, fr, en)| match c.lang {
                    Lang::Fr => fr.clone(),
                    Lang::En => en.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let page = CommunityPage {
        q: search.clone(),
        cohort_options: options(&list.cohorts, cohort.as_deref(), |x| (x.code.clone(), format!("{} ({})", x.title(c.lang), x.year))),
        profile_options: options(Profile::ALL.iter(), profile, |p| (p.as_str().to_owned(), c.t(&format!("profile-{}", p.as_str())))),
        filtered: q.cohort.is_some() || q.profile.is_some() || q.search.is_some(),
        total: list.page.total,
        cards,
        pager,
        c,
    };
    Ok(render_public(&page))
}

/// `/community/{slug}`.
pub async fn person(State(state): State<AppState>, c: Chrome, SlugPath(slug): SlugPath) -> Result<Response, WebError> {
    let d = uc::person(&state.ctx, &Actor::Anonymous, &slug).await?;
    let c = c.page("community", d.display_name.clone());
    let roles = d
        .roles
        .iter()
        .map(|r| RoleView {
            cohort: match (c.lang, &r.cohort_title_fr, &r.cohort_title_en, r.cohort_year) {
                (Lang::Fr, Some(t), _, Some(y)) | (Lang::En, _, Some(t), Some(y)) => format!("{t} ({y})"),
                _ => String::new(),
            },
            role: c.t(&format!("role-{}", r.role)),
            challenge: r.challenge_slug.clone().zip(r.challenge_title.clone()),
        })
        .collect();
    let mut links = Vec::new();
    if let Some(h) = &d.github {
        links.push((c.ts("person-github", "handle", h), format!("https://github.com/{h}")));
    }
    if let Some(h) = &d.gitlab {
        links.push((c.ts("person-gitlab", "handle", h), format!("https://gitlab.com/{h}")));
    }
    if let Some(u) = &d.linkedin {
        links.push((c.t("person-linkedin"), u.clone()));
    }
    if let Some(h) = &d.twitter {
        links.push((c.ts("person-twitter", "handle", h), format!("https://twitter.com/{h}")));
    }
    if let Some(u) = &d.website {
        links.push((c.t("person-website"), u.clone()));
    }
    let page = PersonPage {
        crumbs: vec![(c.t("nav-community"), "/community".to_owned())],
        profile: d.profile.as_ref().map(|p| c.t(&format!("profile-{p}"))),
        bio_html: d.bio_md.as_deref().map(|b| markdown(&state, b, 3)).unwrap_or_default(),
        roles,
        links,
        d,
        c,
    };
    Ok(render_public(&page))
}

/// `/coaching`.
pub async fn coaching(c: Chrome) -> Response {
    let title = c.t("coaching-title");
    let page = CoachingPage {
        c: c.page("coaching", title),
        formats: vec![
            ("bootcamp", "fr-icon-team-line"),
            ("plenary", "fr-icon-calendar-event-line"),
            ("seminar", "fr-icon-road-map-line"),
            ("followup", "fr-icon-chat-3-line"),
            ("bulletin", "fr-icon-mail-line"),
            ("peer", "fr-icon-group-line"),
            ("demoday", "fr-icon-slideshow-line"),
            ("showcase", "fr-icon-award-line"),
        ],
    };
    render_public(&page)
}

async fn blog_page(state: &AppState, c: Chrome, tag: Option<BlogTag>, raw: &RawPageQuery) -> Result<Response, WebError> {
    let page_no = parse_page_query(raw)?;
    let b = uc::blog(&state.ctx, &Actor::Anonymous, tag.map(BlogTag::as_str), page_no).await?;
    let (title, base, crumbs) = match tag {
        Some(t) => (
            c.ts("blog-tag-title", "tag", &tag_label(&c, t.as_str())),
            format!("/blog/tags/{}", t.as_str()),
            vec![(c.t("nav-blog"), "/blog".to_owned())],
        ),
        None => (c.t("blog-title"), "/blog".to_owned(), vec![]),
    };
    let c = c.page("blog", title);
    let pager = Pager::new(b.page.page.get(), b.page.pages(), |n| {
        with_query(&base, &[("page", if n > 1 { n.to_string() } else { String::new() })])
    });
    let tags = b.tags.iter().map(|(k, n)| (k.clone(), tag_label(&c, k), *n, tag.map(BlogTag::as_str) == Some(k.as_str()))).collect();
    let page = BlogPage {
        crumbs,
        tag: tag.map(|t| t.as_str().to_owned()),
        tags,
        total: b.page.total,
        posts: b.page.items.iter().map(|p| post_view(&c, p)).collect(),
        pager,
        c,
    };
    Ok(render_public(&page))
}

/// `/blog`.
pub async fn blog(State(state): State<AppState>, c: Chrome, Q(raw): Q<RawPageQuery>) -> Result<Response, WebError> {
    blog_page(&state, c, None, &raw).await
}

/// `/blog/tags/{tag}`.
pub async fn blog_tag(
    State(state): State<AppState>,
    c: Chrome,
    Path(tag): Path<String>,
    Q(raw): Q<RawPageQuery>,
) -> Result<Response, WebError> {
    let tag = BlogTag::parse(&tag).ok_or(WebError::NotFound)?;
    blog_page(&state, c, Some(tag), &raw).await
}

/// `/blog/{slug}`.
pub async fn post(State(state): State<AppState>, c: Chrome, SlugPath(slug): SlugPath) -> Result<Response, WebError> {
    let (card, body) = uc::post(&state.ctx, &Actor::Anonymous, &slug).await?;
    let c = c.page("blog", card.title.clone());
    let page = PostPage {
        crumbs: vec![(c.t("nav-blog"), "/blog".to_owned())],
        post: post_view(&c, &card),
        author_slug: card.author_slug.clone(),
        tags: card.tags.iter().map(|t| (t.clone(), tag_label(&c, t))).collect(),
        body_html: markdown(&state, &body, 2),
        c,
    };
    Ok(render_public(&page))
}

/// `/blog/feed.xml` (Atom).
pub async fn feed(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let entries = uc::feed(&state.ctx, &Actor::Anonymous).await?;
    let base = base_url(&state, &headers);
    let date = |d: time::Date| d.midnight().assume_utc().format(&Rfc3339).unwrap_or_default();
    let updated = entries.first().map(|(p, _)| date(p.published_on)).unwrap_or_else(|| "2022-09-05T00:00:00Z".to_owned());
    let feed = Feed {
        title: crate::i18n::t(Lang::Fr, "blog-feed-title"),
        subtitle: crate::i18n::t(Lang::Fr, "blog-lead"),
        updated,
        rights: cohorte_domain::EIG_ATTRIBUTION.to_owned() + " — " + cohorte_domain::EIG_LICENCE,
        entries: entries
            .iter()
            .map(|(p, body)| FeedEntry {
                slug: p.slug.clone(),
                title: p.title.clone(),
                date: date(p.published_on),
                author: p.author_label.clone(),
                tags: p.tags.clone(),
                summary: p.description.clone().unwrap_or_else(|| plain_text(body, 300)),
                content: markdown(&state, body, 2),
            })
            .collect(),
        base,
    };
    let mut r = render(&feed);
    r.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    Ok(r)
}

/// The base of absolute URLs: the configured public URL, else this request's host.
pub fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let configured = state.config.base_url();
    if !configured.is_empty() {
        return configured.to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c)));
    format!("http://{}", host.unwrap_or("localhost"))
}

/// `/faq`.
pub async fn faq(State(state): State<AppState>, c: Chrome) -> Result<Response, WebError> {
    let rows = uc::faq(&state.ctx, &Actor::Anonymous, c.lang).await?;
    let title = c.t("faq-title");
    let c = c.page("faq", title);
    let section = |audience: &str| -> Vec<FaqView> {
        rows.iter()
            .filter(|r| r.audience == audience)
            .map(|r| FaqView {
                id: format!("{audience}-{}", r.anchor),
                question: r.question.clone(),
                answer_html: html(&state, &r.answer_html),
            })
            .collect()
    };
    let page = FaqPage {
        sections: vec![
            ("administrations".to_owned(), c.t("faq-administrations"), section("administrations")),
            ("candidates".to_owned(), c.t("faq-candidates"), section("candidates")),
        ],
        c,
    };
    Ok(render_public(&page))
}

/// `/publications` (empty until documents exist).
pub async fn publications(c: Chrome) -> Response {
    let title = c.t("publications-title");
    render_public(&PublicationsPage { c: c.page("publications", title) })
}

/// `/figures`.
pub async fn figures(State(state): State<AppState>, c: Chrome) -> Result<Response, WebError> {
    let f = uc::figures(&state.ctx, &Actor::Anonymous).await?;
    let title = c.t("figures-title");
    let c = c.page("figures", title);
    let value =
        |id: FigureId, scope: Scope| f.computed.iter().find(|x| x.definition.id == id && x.scope == scope).map(|x| x.value).unwrap_or(0);
    let rows = DEFINITIONS
        .iter()
        .map(|d| {
            let declared: Vec<String> = f
                .declared
                .iter()
                .filter(|x| x.figure == d.id)
                .map(|x| format!("{} ({})", c.int(x.value), x.lang.code().to_uppercase()))
                .collect();
            FigureRow {
                id: d.id.as_str().to_owned(),
                key: d.key(),
                name: c.t(&format!("figure-{}-v{}-name", d.id.as_str(), d.version)),
                definition: c.t(&format!("figure-{}-v{}-definition", d.id.as_str(), d.version)),
                all: value(d.id, Scope::ALL),
                eig13: value(d.id, Scope::EIG1_3_DIG),
                declared: declared.join(" · "),
            }
        })
        .collect();
    let declared = f
        .declared
        .iter()
        .map(|x| {
            let name = c.t(&format!("figure-{}-short", x.figure.as_str()));
            crate::i18n::ta(
                c.lang,
                "figures-declared-line",
                &[
                    ("figure", Arg::Str(&name)),
                    ("value", Arg::Str(&c.int(x.value))),
                    ("source", Arg::Str(&x.source)),
                    ("date", Arg::Str(&c.date(&x.as_of))),
                ],
            )
        })
        .collect();
    let page = FiguresPage { rows, declared, cohorts: f.cohorts.iter().map(|x| CohortView::new(&c, x)).collect(), c };
    Ok(render_public(&page))
}

fn text_page(c: Chrome, section: &'static str, prefix: &str, count: usize, paragraphs: usize) -> Response {
    let title = c.t(&format!("{prefix}-title"));
    let c = c.page(section, title);
    let sections = (1..=count)
        .map(|i| {
            let heading = c.t(&format!("{prefix}-s{i}-title"));
            let ps =
                (1..=paragraphs).map(|j| format!("{prefix}-s{i}-p{j}")).filter(|k| crate::i18n::has(c.lang, k)).map(|k| c.t(&k)).collect();
            (heading, ps)
        })
        .collect();
    render_public(&TextPage { c, sections })
}

/// `/accessibility`: the accessibility statement.
pub async fn accessibility(c: Chrome) -> Response {
    text_page(c, "", "a11y", 7, 4)
}

/// `/legal`: the legal notice.
pub async fn legal(c: Chrome) -> Response {
    text_page(c, "", "legal", 6, 4)
}

/// `/site-map`.
pub async fn site_map(State(state): State<AppState>, c: Chrome) -> Result<Response, WebError> {
    let f = uc::figures(&state.ctx, &Actor::Anonymous).await?;
    let title = c.t("footer-sitemap");
    let c = c.page("", title);
    Ok(render_public(&SiteMapPage { cohorts: f.cohorts.iter().map(|x| CohortView::new(&c, x)).collect(), c }))
}

/// `/sitemap.xml`.
pub async fn sitemap_xml(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let (challenges, people, posts, tags) = uc::sitemap(&state.ctx, &Actor::Anonymous).await?;
    let mut urls: Vec<String> = [
        "/",
        "/challenges",
        "/community",
        "/coaching",
        "/blog",
        "/faq",
        "/publications",
        "/figures",
        "/accessibility",
        "/legal",
        "/site-map",
        "/api/docs",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    urls.extend(challenges.iter().map(|s| format!("/challenges/{s}")));
    urls.extend(people.iter().map(|s| format!("/community/{s}")));
    urls.extend(posts.iter().map(|s| format!("/blog/{s}")));
    urls.extend(tags.iter().map(|s| format!("/blog/tags/{s}")));
    let mut r = render(&SitemapXml { base: base_url(&state, &headers), urls });
    r.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/xml; charset=utf-8"));
    Ok(r.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_site_links_resolve_to_new_pages_or_the_original_site() {
        let mut links = BTreeMap::new();
        links.insert("/defis/2018/labsante.html".to_owned(), "/challenges/labsante".to_owned());
        assert_eq!(resolve_link(&links, "/defis/2018/labsante.html").as_deref(), Some("/challenges/labsante"));
        assert_eq!(resolve_link(&links, "../defis/2018/labsante.html#x").as_deref(), Some("/challenges/labsante#x"));
        assert_eq!(resolve_link(&links, "#top").as_deref(), Some("#top"));
        assert_eq!(resolve_link(&links, "//commons.wikimedia.org/x").as_deref(), Some("https://commons.wikimedia.org/x"));
        assert_eq!(
            resolve_link(&links, "/candidature-defi.html").as_deref(),
            Some("https://entrepreneur-interet-general.etalab.gouv.fr/candidature-defi.html")
        );
    }
}
