//! The public site and the open-data API: read use cases. Each applies the visibility policy of
//! `cohorte_domain::policy` (a resource the actor may not see is "not found").

use std::collections::BTreeMap;

use cohorte_domain::content::{ChallengeStatus, DeclaredFigure, PostStatus};
use cohorte_domain::figures::{ComputedFigure, FigureFacts, compute_all};
use cohorte_domain::lang::Lang;
use cohorte_domain::paging::{PageNo, Paged};
use cohorte_domain::policy::{self, Actor};
use cohorte_domain::query::{ChallengeQuery, PeopleQuery};
use cohorte_domain::text::Slug;
use cohorte_store::read;
pub use cohorte_store::read::{
    ChallengeCard, ChallengeDetail, ChallengeFilter, CohortRow, FaqRow, OrgOption, PeopleFilter, PersonCard, PersonDetail, PostCard,
    TestimonialRow,
};

use crate::{AppError, Ctx};

pub use cohorte_store::read::{ChallengeLink, DeliverableRow, PersonRole, TeamMember};

/// Challenges per page.
pub const CHALLENGES_PER_PAGE: u32 = 24;
/// People per page.
pub const PEOPLE_PER_PAGE: u32 = 48;
/// Posts per page (as on the original site).
pub const POSTS_PER_PAGE: u32 = 8;

/// The home page.
#[derive(Debug, Clone)]
pub struct Home {
    /// Headline figures on every cohort.
    pub figures: Vec<ComputedFigure>,
    /// Cohorts.
    pub cohorts: Vec<CohortRow>,
    /// The most recent challenges.
    pub latest_challenges: Vec<ChallengeCard>,
    /// How many public challenge pages there are (as the challenge list counts them).
    pub challenge_pages: i64,
    /// The latest posts.
    pub latest_posts: Vec<PostCard>,
    /// Testimonials.
    pub testimonials: Vec<TestimonialRow>,
}

/// Reads the home page.
pub async fn home(ctx: &Ctx, _actor: &Actor) -> Result<Home, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let facts = read::figure_facts(&mut conn).await?;
    let cohorts = read::cohorts(&mut conn).await?;
    let (latest_challenges, challenge_pages) =
        read::list_challenges(&mut conn, &ChallengeFilter { limit: 6, ..Default::default() }).await?;
    let (latest_posts, _) = read::list_posts(&mut conn, None, 3, 0).await?;
    let testimonials = read::testimonials(&mut conn).await?;
    Ok(Home { figures: compute_all(&facts), cohorts, latest_challenges, challenge_pages, latest_posts, testimonials })
}

/// The challenge list with what its filters offer.
#[derive(Debug, Clone)]
pub struct ChallengeList {
    /// The matching challenges.
    pub page: Paged<ChallengeCard>,
    /// Cohorts.
    pub cohorts: Vec<CohortRow>,
    /// Skills with counts.
    pub skills: Vec<(String, i64)>,
    /// Years with counts.
    pub years: Vec<(i32, i64)>,
    /// Host organisations (tree order) with counts.
    pub organisations: Vec<OrgOption>,
}

/// Lists public challenges.
pub async fn challenges(ctx: &Ctx, _actor: &Actor, q: &ChallengeQuery) -> Result<ChallengeList, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let org_path = match &q.administration {
        Some(slug) => Some(read::organisation_path(&mut conn, slug.as_str()).await?.unwrap_or_else(|| "/-/".to_owned())),
        None => None,
    };
    let filter = ChallengeFilter {
        cohort: q.cohort.as_ref().map(|s| s.to_string()),
        skill: q.skill.map(|s| s.as_str().to_owned()),
        org_path,
        year: q.year,
        words: q.search.as_ref().map(|s| s.words().to_vec()).unwrap_or_default(),
        limit: i64::from(CHALLENGES_PER_PAGE),
        offset: q.page.offset(CHALLENGES_PER_PAGE),
    };
    let (items, total) = read::list_challenges(&mut conn, &filter).await?;
    Ok(ChallengeList {
        page: Paged { items, total: total as u64, page: q.page, size: CHALLENGES_PER_PAGE },
        cohorts: read::cohorts(&mut conn).await?,
        skills: read::skill_counts(&mut conn).await?,
        years: read::challenge_years(&mut conn).await?,
        organisations: read::host_organisations(&mut conn).await?,
    })
}

/// One challenge's page.
pub async fn challenge(ctx: &Ctx, actor: &Actor, slug: &Slug) -> Result<ChallengeDetail, AppError> {
    let mut c = ctx.db.acquire().await?;
    let d = read::challenge_by_slug(&mut c.conn(), slug.as_str()).await?.ok_or(AppError::NotFound)?;
    let status = ChallengeStatus::parse(&d.status).ok_or_else(|| AppError::Internal(format!("bad status {}", d.status)))?;
    policy::can_view_challenge(actor, status)?;
    Ok(d)
}

/// A challenge's page, or where it moved.
#[derive(Debug, Clone)]
pub enum ChallengeAt {
    /// The page.
    Here(Box<ChallengeDetail>),
    /// Renamed after publication: its current address.
    Moved(String),
}

/// A public challenge by its address, or by a former one (kept when it was renamed after
/// publication): the page, or where it moved.
pub async fn challenge_at(ctx: &Ctx, actor: &Actor, slug: &Slug) -> Result<ChallengeAt, AppError> {
    match challenge(ctx, actor, slug).await {
        Err(AppError::NotFound) => {}
        other => return other.map(|d| ChallengeAt::Here(Box::new(d))),
    }
    let mut c = ctx.db.acquire().await?;
    match cohorte_store::call::challenge_by_alias(&mut c.conn(), slug.as_str()).await? {
        Some((new, status)) if policy::can_view_challenge(actor, status).is_ok() => Ok(ChallengeAt::Moved(new)),
        _ => Err(AppError::NotFound),
    }
}

/// The community list.
#[derive(Debug, Clone)]
pub struct PeopleList {
    /// The matching people.
    pub page: Paged<PersonCard>,
    /// Cohorts.
    pub cohorts: Vec<CohortRow>,
}

/// Lists people with a public profile.
pub async fn people(ctx: &Ctx, _actor: &Actor, q: &PeopleQuery) -> Result<PeopleList, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let filter = PeopleFilter {
        cohort: q.cohort.as_ref().map(|s| s.to_string()),
        profile: q.profile.map(|p| p.as_str().to_owned()),
        words: q.search.as_ref().map(|s| s.words().to_vec()).unwrap_or_default(),
        limit: i64::from(PEOPLE_PER_PAGE),
        offset: q.page.offset(PEOPLE_PER_PAGE),
    };
    let (items, total) = read::list_people(&mut conn, &filter).await?;
    Ok(PeopleList {
        page: Paged { items, total: total as u64, page: q.page, size: PEOPLE_PER_PAGE },
        cohorts: read::cohorts(&mut conn).await?,
    })
}

/// One person's page.
pub async fn person(ctx: &Ctx, actor: &Actor, slug: &Slug) -> Result<PersonDetail, AppError> {
    let mut c = ctx.db.acquire().await?;
    let d = read::person_by_slug(&mut c.conn(), slug.as_str()).await?.ok_or(AppError::NotFound)?;
    policy::can_view_person(actor, d.public_profile)?;
    Ok(d)
}

/// The blog list.
#[derive(Debug, Clone)]
pub struct Blog {
    /// The posts.
    pub page: Paged<PostCard>,
    /// Tags with counts.
    pub tags: Vec<(String, i64)>,
}

/// Lists published posts, optionally of one tag.
pub async fn blog(ctx: &Ctx, _actor: &Actor, tag: Option<&str>, page: PageNo) -> Result<Blog, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (items, total) = read::list_posts(&mut conn, tag, i64::from(POSTS_PER_PAGE), page.offset(POSTS_PER_PAGE)).await?;
    Ok(Blog { page: Paged { items, total: total as u64, page, size: POSTS_PER_PAGE }, tags: read::tag_counts(&mut conn).await? })
}

/// The latest posts, for the feed.
pub async fn feed(ctx: &Ctx, _actor: &Actor) -> Result<Vec<(PostCard, String)>, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (cards, _) = read::list_posts(&mut conn, None, 20, 0).await?;
    let mut out = Vec::new();
    for card in cards {
        if let Some((card, body, _)) = read::post_by_slug(&mut conn, &card.slug).await? {
            out.push((card, body));
        }
    }
    Ok(out)
}

/// One post: the card and its Markdown body.
pub async fn post(ctx: &Ctx, actor: &Actor, slug: &Slug) -> Result<(PostCard, String), AppError> {
    let mut c = ctx.db.acquire().await?;
    let (card, body, status) = read::post_by_slug(&mut c.conn(), slug.as_str()).await?.ok_or(AppError::NotFound)?;
    let status = PostStatus::parse(&status).ok_or_else(|| AppError::Internal(format!("bad post status {status}")))?;
    policy::can_view_post(actor, status)?;
    Ok((card, body))
}

/// The FAQ in a language.
pub async fn faq(ctx: &Ctx, _actor: &Actor, lang: Lang) -> Result<Vec<FaqRow>, AppError> {
    let mut c = ctx.db.acquire().await?;
    Ok(read::faq(&mut c.conn(), lang).await?)
}

/// The figures page.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Every definition on every shown scope.
    pub computed: Vec<ComputedFigure>,
    /// The figures the program declared.
    pub declared: Vec<DeclaredFigure>,
    /// The facts they were computed from (for counts shown beside them).
    pub facts: FigureFacts,
    /// Cohorts.
    pub cohorts: Vec<CohortRow>,
}

/// Computes the headline figures from the stored data.
pub async fn figures(ctx: &Ctx, _actor: &Actor) -> Result<Figures, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let facts = read::figure_facts(&mut conn).await?;
    Ok(Figures {
        computed: compute_all(&facts),
        declared: read::declared_figures(&mut conn).await?,
        cohorts: read::cohorts(&mut conn).await?,
        facts,
    })
}

/// Every public page, for the sitemap: (challenges, people, posts, tags).
pub async fn sitemap(ctx: &Ctx, _actor: &Actor) -> Result<(Vec<String>, Vec<String>, Vec<String>, Vec<String>), AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (ch, pe, po) = read::sitemap(&mut conn).await?;
    let tags = read::tag_counts(&mut conn).await?.into_iter().map(|(t, _)| t).collect();
    Ok((ch, pe, po, tags))
}

/// Where the original site's pages now live (legacy path → new path).
pub async fn legacy_links(ctx: &Ctx) -> Result<BTreeMap<String, String>, AppError> {
    let mut c = ctx.db.acquire().await?;
    let rows = read::legacy_paths(&mut c.conn()).await?;
    Ok(rows
        .into_iter()
        .map(|(path, (kind, slug))| {
            let to = if kind == "challenge" { format!("/challenges/{slug}") } else { format!("/community/{slug}") };
            (path, to)
        })
        .collect())
}

/// Every public challenge with its details (open data).
pub async fn export_challenges(ctx: &Ctx, _actor: &Actor) -> Result<Vec<ChallengeDetail>, AppError> {
    let mut c = ctx.db.acquire().await?;
    Ok(read::export_challenges(&mut c.conn()).await?)
}

/// Every public person with their roles (open data).
pub async fn export_people(ctx: &Ctx, _actor: &Actor) -> Result<Vec<PersonDetail>, AppError> {
    let mut c = ctx.db.acquire().await?;
    Ok(read::export_people(&mut c.conn()).await?)
}
