//! The template structs of the public pages.

use askama::Template;
use cohorte_app::public::{ChallengeDetail, ChallengeLink, CohortRow, PersonDetail, TeamMember, TestimonialRow};
use time::Date;

use super::{Chrome, Opt, Pager};

/// A cohort as shown.
#[derive(Debug, Clone)]
pub struct CohortView {
    /// Code.
    pub code: String,
    /// Title in the page language.
    pub title: String,
    /// Year.
    pub year: i32,
    /// Public challenges.
    pub challenges: i64,
}

impl CohortView {
    /// From the read model.
    pub fn new(c: &Chrome, r: &CohortRow) -> Self {
        CohortView { code: r.code.clone(), title: r.title(c.lang).to_owned(), year: r.year, challenges: r.challenges }
    }
}

/// A challenge card.
#[derive(Debug, Clone)]
pub struct CardView {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Tagline.
    pub tagline: String,
    /// Cohort title.
    pub cohort: String,
    /// Skill labels.
    pub skills: Vec<String>,
    /// Host name.
    pub host: String,
}

/// A post card.
#[derive(Debug, Clone)]
pub struct PostView {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub description: Option<String>,
    /// Tag labels.
    pub tags: Vec<String>,
    /// Date.
    pub published_on: Date,
    /// Author.
    pub author: String,
    /// Language code of the post.
    pub lang: String,
}

/// A headline figure tile.
#[derive(Debug, Clone)]
pub struct FigureTile {
    /// The figure (`challenges-coached`); its definition is at `/figures#definition-<id>`.
    pub id: &'static str,
    /// Value.
    pub value: u64,
    /// Message key of its name.
    pub name_key: String,
}

/// `/`.
#[derive(Template)]
#[template(path = "pages/home.html")]
pub struct HomePage {
    /// Chrome.
    pub c: Chrome,
    /// Headline figures.
    pub figures: Vec<FigureTile>,
    /// Why the challenge figure differs from the number of challenge pages, when it does.
    pub figures_note: Option<String>,
    /// Cohorts.
    pub cohorts: Vec<CohortView>,
    /// Latest challenges.
    pub challenges: Vec<CardView>,
    /// Latest posts.
    pub posts: Vec<PostView>,
    /// Testimonials.
    pub testimonials: Vec<TestimonialRow>,
}

/// `/challenges`.
#[derive(Template)]
#[template(path = "pages/challenges.html")]
pub struct ChallengesPage {
    /// Chrome.
    pub c: Chrome,
    /// Search as typed.
    pub q: String,
    /// Cohort filter.
    pub cohort_options: Vec<Opt>,
    /// Skill filter.
    pub skill_options: Vec<Opt>,
    /// Administration filter.
    pub administration_options: Vec<Opt>,
    /// Year filter.
    pub year_options: Vec<Opt>,
    /// Any filter set.
    pub filtered: bool,
    /// How many match.
    pub total: u64,
    /// This page's cards.
    pub cards: Vec<CardView>,
    /// Pagination.
    pub pager: Pager,
}

/// `/challenges/{slug}`.
#[derive(Template)]
#[template(path = "pages/challenge.html")]
pub struct ChallengePage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb above the current page.
    pub crumbs: Vec<(String, String)>,
    /// The challenge.
    pub d: ChallengeDetail,
    /// Cohort title.
    pub cohort_title: String,
    /// (skill key, label).
    pub skills: Vec<(String, String)>,
    /// The description, rendered and sanitised.
    pub body_html: String,
    /// (formatted amount, description).
    pub key_figures: Vec<(String, String)>,
    /// Fellows (profile label filled).
    pub fellows: Vec<TeamView>,
    /// Mentors.
    pub mentors: Vec<TeamView>,
    /// Whether the administration as published differs from the host's name.
    pub show_label: bool,
    /// The challenge it renews.
    pub renewal_of: Option<ChallengeLink>,
    /// Challenges renewing it.
    pub renewed_by: Vec<ChallengeLink>,
}

/// A team member as shown.
#[derive(Debug, Clone)]
pub struct TeamView {
    /// Slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Linked when public.
    pub public_profile: bool,
    /// Profile label.
    pub profile: Option<String>,
}

impl TeamView {
    /// From the read model.
    pub fn new(c: &Chrome, m: &TeamMember) -> Self {
        TeamView {
            slug: m.slug.clone(),
            display_name: m.display_name.clone(),
            public_profile: m.public_profile,
            profile: m.profile.as_ref().map(|p| c.t(&format!("profile-{p}"))),
        }
    }
}

/// A person tile.
#[derive(Debug, Clone)]
pub struct PersonTile {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Profile label.
    pub profile: String,
    /// Cohorts, joined.
    pub cohorts: String,
}

/// `/community`.
#[derive(Template)]
#[template(path = "pages/community.html")]
pub struct CommunityPage {
    /// Chrome.
    pub c: Chrome,
    /// Search as typed.
    pub q: String,
    /// Cohort filter.
    pub cohort_options: Vec<Opt>,
    /// Profile filter.
    pub profile_options: Vec<Opt>,
    /// Any filter set.
    pub filtered: bool,
    /// How many match.
    pub total: u64,
    /// This page's people.
    pub cards: Vec<PersonTile>,
    /// Pagination.
    pub pager: Pager,
}

/// A role as shown.
#[derive(Debug, Clone)]
pub struct RoleView {
    /// Cohort title and year.
    pub cohort: String,
    /// Role label.
    pub role: String,
    /// (slug, title) of the challenge.
    pub challenge: Option<(String, String)>,
}

/// `/community/{slug}`.
#[derive(Template)]
#[template(path = "pages/person.html")]
pub struct PersonPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// The person.
    pub d: PersonDetail,
    /// Profile label.
    pub profile: Option<String>,
    /// Biography, rendered.
    pub bio_html: String,
    /// Roles.
    pub roles: Vec<RoleView>,
    /// (label, href).
    pub links: Vec<(String, String)>,
}

/// `/blog` and `/blog/tags/{tag}`.
#[derive(Template)]
#[template(path = "pages/blog.html")]
pub struct BlogPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb (tag pages).
    pub crumbs: Vec<(String, String)>,
    /// The tag, on a tag page.
    pub tag: Option<String>,
    /// (key, label, count, current).
    pub tags: Vec<(String, String, i64, bool)>,
    /// How many posts.
    pub total: u64,
    /// The posts.
    pub posts: Vec<PostView>,
    /// Pagination.
    pub pager: Pager,
}

/// `/blog/{slug}`.
#[derive(Template)]
#[template(path = "pages/post.html")]
pub struct PostPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// The post.
    pub post: PostView,
    /// Author's page.
    pub author_slug: Option<String>,
    /// (key, label).
    pub tags: Vec<(String, String)>,
    /// Body, rendered.
    pub body_html: String,
}

/// A FAQ entry as shown.
#[derive(Debug, Clone)]
pub struct FaqView {
    /// Element id.
    pub id: String,
    /// Question.
    pub question: String,
    /// Answer, sanitised.
    pub answer_html: String,
}

/// `/faq`.
#[derive(Template)]
#[template(path = "pages/faq.html")]
pub struct FaqPage {
    /// Chrome.
    pub c: Chrome,
    /// (id, title, entries).
    pub sections: Vec<(String, String, Vec<FaqView>)>,
}

/// A row of the figures table.
#[derive(Debug, Clone)]
pub struct FigureRow {
    /// Figure id.
    pub id: String,
    /// Versioned key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Definition.
    pub definition: String,
    /// On every cohort.
    pub all: u64,
    /// On EIG 1–3 + DIG.
    pub eig13: u64,
    /// What the program declared.
    pub declared: String,
}

/// `/figures`.
#[derive(Template)]
#[template(path = "pages/figures.html")]
pub struct FiguresPage {
    /// Chrome.
    pub c: Chrome,
    /// Rows.
    pub rows: Vec<FigureRow>,
    /// Declared figures, described.
    pub declared: Vec<String>,
    /// Cohorts.
    pub cohorts: Vec<CohortView>,
}

/// `/coaching`.
#[derive(Template)]
#[template(path = "pages/coaching.html")]
pub struct CoachingPage {
    /// Chrome.
    pub c: Chrome,
    /// (format key, icon class).
    pub formats: Vec<(&'static str, &'static str)>,
}

/// `/publications`.
#[derive(Template)]
#[template(path = "pages/publications.html")]
pub struct PublicationsPage {
    /// Chrome.
    pub c: Chrome,
}

/// A page of text sections (accessibility statement, legal notice).
#[derive(Template)]
#[template(path = "pages/text.html")]
pub struct TextPage {
    /// Chrome.
    pub c: Chrome,
    /// (heading, paragraphs).
    pub sections: Vec<(String, Vec<String>)>,
}

/// `/site-map`.
#[derive(Template)]
#[template(path = "pages/sitemap.html")]
pub struct SiteMapPage {
    /// Chrome.
    pub c: Chrome,
    /// Cohorts.
    pub cohorts: Vec<CohortView>,
}

/// `/api/docs`.
#[derive(Template)]
#[template(path = "pages/api_docs.html")]
pub struct ApiDocsPage {
    /// Chrome.
    pub c: Chrome,
    /// Swagger UI's labels in the page's language, as JSON (English label → label).
    pub labels: String,
    /// The OpenAPI document in the page's language.
    pub document_url: String,
}

/// A feed entry.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// RFC 3339 date.
    pub date: String,
    /// Author.
    pub author: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Summary.
    pub summary: String,
    /// HTML content (escaped by the template).
    pub content: String,
}

/// `/blog/feed.xml`.
#[derive(Template)]
#[template(path = "feed.xml")]
pub struct Feed {
    /// Base URL.
    pub base: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: String,
    /// Last update.
    pub updated: String,
    /// Licence and attribution.
    pub rights: String,
    /// Entries.
    pub entries: Vec<FeedEntry>,
}

/// `/sitemap.xml`.
#[derive(Template)]
#[template(path = "sitemap.xml")]
pub struct SitemapXml {
    /// Base URL.
    pub base: String,
    /// Paths.
    pub urls: Vec<String>,
}
