//! Read models of the public site. Every list query is scoped to what the public may see
//! (`PUBLIC_CHALLENGE` mirrors `ChallengeStatus::is_public`, checked by a conformance test).

use std::collections::{BTreeMap, HashMap};

use cohorte_domain::content::{DeclaredFigure, RoleKind};
use cohorte_domain::figures::{ChallengeFact, FigureFacts, FigureId, RoleFact};
use cohorte_domain::lang::Lang;
use time::Date;
use uuid::Uuid;

use crate::{Conn, StoreError, on_conn};

/// A team member's public profile: their own, else the profile of their announced fellowship on
/// that challenge (in the public profiles' terms; none for profiles the site does not name).
macro_rules! fellow_profile {
    () => {
        "coalesce(p.profile, (select case f.profile when 'data_scientist' then 'data-scientist' \
         when 'data_engineer' then 'data-engineer' when 'developer' then 'developer' when 'designer' then 'designer' end \
         from fellowship f where f.person_id = p.id and f.challenge_id = r.challenge_id and f.announced_at is not null))"
    };
}

/// The statuses the public sees (mirror of `ChallengeStatus::is_public`).
macro_rules! public_challenge {
    () => {
        "c.status not in ('framing', 'withdrawn')"
    };
}

/// A cohort with how many public challenges it has.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CohortRow {
    /// Code.
    pub code: String,
    /// `eig` or `dig`.
    pub kind: String,
    /// Number.
    pub number: Option<i32>,
    /// Year.
    pub year: i32,
    /// French title.
    pub title_fr: String,
    /// English title.
    pub title_en: String,
    /// Public challenges.
    pub challenges: i64,
}

impl CohortRow {
    /// The title in a language.
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.title_fr,
            Lang::En => &self.title_en,
        }
    }
}

/// Every cohort, oldest first.
pub async fn cohorts(conn: &mut Conn<'_>) -> Result<Vec<CohortRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(concat!(
        "select co.code, co.kind, co.number, co.year, co.title_fr, co.title_en, \
         (select count(*) from challenge c where c.cohort_id = co.id and ",
        public_challenge!(),
        ") as challenges from cohort co order by co.year, co.kind desc, co.number"
    ))
    .fetch_all(c)
    .await)?)
}

/// An organisation offered as a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgOption {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Materialised path (`/parent/child/`).
    pub path: String,
    /// Public challenges hosted by it or an organisation under it.
    pub challenges: i64,
}

impl OrgOption {
    /// Depth in the tree (0 for a root).
    pub fn depth(&self) -> usize {
        self.path.matches('/').count().saturating_sub(2)
    }
}

/// Organisations that host public challenges, directly or through one under them, in tree order.
pub async fn host_organisations(conn: &mut Conn<'_>) -> Result<Vec<OrgOption>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Org {
        slug: String,
        name: String,
        acronym: Option<String>,
        path: String,
    }
    let orgs: Vec<Org> =
        on_conn!(conn, |c| sqlx::query_as("select slug, name, acronym, path from organisation order by path").fetch_all(c).await)?;
    let hosted: Vec<(String, i64)> = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select h.path, count(*) from challenge c join organisation h on h.id = c.host_id where ",
        public_challenge!(),
        " group by h.path"
    ))
    .fetch_all(c)
    .await)?;
    // A challenge counts for its host and for every organisation above it (path prefixes).
    Ok(orgs
        .into_iter()
        .map(|o| {
            let challenges = hosted.iter().filter(|(p, _)| p.starts_with(&o.path)).map(|(_, n)| n).sum();
            OrgOption { slug: o.slug, name: o.name, acronym: o.acronym, path: o.path, challenges }
        })
        .filter(|o| o.challenges > 0)
        .collect())
}

/// The path of an organisation, for the "this one or under it" filter.
pub async fn organisation_path(conn: &mut Conn<'_>, slug: &str) -> Result<Option<String>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar("select path from organisation where slug = $1").bind(slug).fetch_optional(c).await)?)
}

/// Years with public challenges, and how many.
pub async fn challenge_years(conn: &mut Conn<'_>) -> Result<Vec<(i32, i64)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(concat!(
        "select c.year, count(*) from challenge c where ",
        public_challenge!(),
        " group by c.year order by c.year desc"
    ))
    .fetch_all(c)
    .await)?)
}

/// Skills with how many public challenges ask for them.
pub async fn skill_counts(conn: &mut Conn<'_>) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(concat!(
        "select s.skill, count(*) from challenge_skill s join challenge c on c.id = s.challenge_id where ",
        public_challenge!(),
        " group by s.skill order by s.skill"
    ))
    .fetch_all(c)
    .await)?)
}

/// The filters of the challenge list, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChallengeFilter {
    /// Cohort code.
    pub cohort: Option<String>,
    /// Skill key.
    pub skill: Option<String>,
    /// Organisation path prefix.
    pub org_path: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Folded words (at most [`MAX_WORDS`]), each a word prefix of the searched text.
    pub words: Vec<String>,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// The most search words a query binds.
pub const MAX_WORDS: usize = 6;

/// A challenge in a list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeCard {
    /// Row id (to attach skills).
    #[sqlx(rename = "id")]
    pub(crate) id: Uuid,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Tagline.
    pub tagline: String,
    /// Year.
    pub year: i32,
    /// Cohort code.
    pub cohort_code: String,
    /// Cohort title in French.
    pub cohort_title_fr: String,
    /// Cohort title in English.
    pub cohort_title_en: String,
    /// Host name.
    pub host_name: String,
    /// Host acronym.
    pub host_acronym: Option<String>,
    /// Host slug.
    pub host_slug: String,
    /// City.
    pub city: Option<String>,
    /// Skills.
    #[sqlx(skip)]
    pub skills: Vec<String>,
}

macro_rules! challenge_from_where {
    () => {
        concat!(
            " from challenge c join cohort co on co.id = c.cohort_id join organisation h on h.id = c.host_id where ",
            public_challenge!(),
            " and ($1 is null or co.code = $1) \
              and ($2 is null or exists (select 1 from challenge_skill s where s.challenge_id = c.id and s.skill = $2)) \
              and ($3 is null or h.path like $3) \
              and ($4 is null or c.year = $4) \
              and ($5 is null or c.search_key like $5) and ($6 is null or c.search_key like $6) \
              and ($7 is null or c.search_key like $7) and ($8 is null or c.search_key like $8) \
              and ($9 is null or c.search_key like $9) and ($10 is null or c.search_key like $10)"
        )
    };
}

macro_rules! bind_challenge_filter {
    ($q:expr, $f:expr, $w:expr) => {
        $q.bind($f.cohort.as_deref())
            .bind($f.skill.as_deref())
            .bind($f.org_path.as_ref().map(|p| format!("{p}%")))
            .bind($f.year)
            .bind($w[0].as_deref())
            .bind($w[1].as_deref())
            .bind($w[2].as_deref())
            .bind($w[3].as_deref())
            .bind($w[4].as_deref())
            .bind($w[5].as_deref())
    };
}

fn word_patterns(words: &[String]) -> [Option<String>; MAX_WORDS] {
    let mut out: [Option<String>; MAX_WORDS] = Default::default();
    for (i, w) in words.iter().take(MAX_WORDS).enumerate() {
        // search keys are padded with spaces: "% word%" matches a word prefix.
        out[i] = Some(format!("% {w}%"));
    }
    out
}

/// One page of public challenges matching the filter, and how many match in all.
pub async fn list_challenges(conn: &mut Conn<'_>, f: &ChallengeFilter) -> Result<(Vec<ChallengeCard>, i64), StoreError> {
    let w = word_patterns(&f.words);
    let total: i64 =
        on_conn!(conn, |c| bind_challenge_filter!(sqlx::query_scalar(concat!("select count(*)", challenge_from_where!())), f, w)
            .fetch_one(c)
            .await)?;
    let mut cards: Vec<ChallengeCard> = on_conn!(conn, |c| bind_challenge_filter!(
        sqlx::query_as(concat!(
            "select c.id, c.slug, c.title, c.tagline, c.year, co.code as cohort_code, co.title_fr as cohort_title_fr, \
             co.title_en as cohort_title_en, h.name as host_name, h.acronym as host_acronym, h.slug as host_slug, c.city",
            challenge_from_where!(),
            " order by c.year desc, c.sort_key, c.slug limit $11 offset $12"
        )),
        f,
        w
    )
    .bind(f.limit)
    .bind(f.offset)
    .fetch_all(c)
    .await)?;
    let skills: Vec<(Uuid, String)> = on_conn!(conn, |c| bind_challenge_filter!(
        sqlx::query_as(concat!(
            "select cs.challenge_id, cs.skill from challenge_skill cs where cs.challenge_id in (select c.id",
            challenge_from_where!(),
            " order by c.year desc, c.sort_key, c.slug limit $11 offset $12) order by cs.skill"
        )),
        f,
        w
    )
    .bind(f.limit)
    .bind(f.offset)
    .fetch_all(c)
    .await)?;
    let mut by_id: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (id, s) in skills {
        by_id.entry(id).or_default().push(s);
    }
    for card in &mut cards {
        card.skills = by_id.remove(&card.id).unwrap_or_default();
    }
    Ok((cards, total))
}

/// A member of a challenge's team.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TeamMember {
    /// Person slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Whether their profile page is public.
    pub public_profile: bool,
    /// Profile key.
    pub profile: Option<String>,
    /// Role key.
    pub role: String,
}

impl TeamMember {
    /// The role, parsed.
    pub fn role_kind(&self) -> Option<RoleKind> {
        RoleKind::parse(&self.role)
    }

    /// Whether they are (were) one of the challenge's fellows, rather than a mentor.
    pub fn is_fellow(&self) -> bool {
        self.role_kind() == Some(RoleKind::Fellow)
    }
}

/// A deliverable.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeliverableRow {
    /// Title.
    pub title: String,
    /// Link.
    pub url: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Link label.
    pub call_to_action: Option<String>,
}

/// A link to another challenge (renewals).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeLink {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Year.
    pub year: i32,
}

/// Everything a challenge page shows.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeDetail {
    /// Row id.
    #[sqlx(rename = "id")]
    pub(crate) id: Uuid,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Tagline.
    pub tagline: String,
    /// Year.
    pub year: i32,
    /// Duration.
    pub duration_months: i32,
    /// Status key.
    pub status: String,
    /// Cohort code.
    pub cohort_code: String,
    /// Cohort kind.
    pub cohort_kind: String,
    /// Cohort title (fr).
    pub cohort_title_fr: String,
    /// Cohort title (en).
    pub cohort_title_en: String,
    /// Host slug.
    pub host_slug: String,
    /// Host name.
    pub host_name: String,
    /// Host acronym.
    pub host_acronym: Option<String>,
    /// Parent of the host.
    pub host_parent_name: Option<String>,
    /// Parent slug.
    pub host_parent_slug: Option<String>,
    /// The administration as published.
    pub administration_label: String,
    /// Its site.
    pub administration_website: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Body (Markdown).
    pub body_md: String,
    /// Demo site.
    pub website: Option<String>,
    /// Skills.
    #[sqlx(skip)]
    pub skills: Vec<String>,
    /// Key figures (amount, description).
    #[sqlx(skip)]
    pub key_figures: Vec<(i64, String)>,
    /// Deliverables.
    #[sqlx(skip)]
    pub deliverables: Vec<DeliverableRow>,
    /// Repositories.
    #[sqlx(skip)]
    pub repositories: Vec<String>,
    /// Team: fellows then mentors.
    #[sqlx(skip)]
    pub team: Vec<TeamMember>,
    /// The challenge it renews.
    #[sqlx(skip)]
    pub renewal_of: Option<ChallengeLink>,
    /// Challenges that renew it.
    #[sqlx(skip)]
    pub renewed_by: Vec<ChallengeLink>,
}

/// A public challenge by slug.
pub async fn challenge_by_slug(conn: &mut Conn<'_>, slug: &str) -> Result<Option<ChallengeDetail>, StoreError> {
    let found: Option<ChallengeDetail> = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select c.id, c.slug, c.title, c.tagline, c.year, c.duration_months, c.status, co.code as cohort_code, \
         co.kind as cohort_kind, co.title_fr as cohort_title_fr, co.title_en as cohort_title_en, h.slug as host_slug, \
         h.name as host_name, h.acronym as host_acronym, p.name as host_parent_name, p.slug as host_parent_slug, \
         c.administration_label, c.administration_website, c.city, c.body_md, c.website \
         from challenge c join cohort co on co.id = c.cohort_id join organisation h on h.id = c.host_id \
         left join organisation p on p.id = h.parent_id where c.slug = $1 and ",
        public_challenge!()
    ))
    .bind(slug)
    .fetch_optional(c)
    .await)?;
    let Some(mut d) = found else { return Ok(None) };
    let id = d.id;
    d.skills = on_conn!(conn, |c| sqlx::query_scalar("select skill from challenge_skill where challenge_id = $1 order by skill")
        .bind(id)
        .fetch_all(c)
        .await)?;
    d.key_figures = on_conn!(conn, |c| sqlx::query_as(
        "select amount, description from challenge_key_figure where challenge_id = $1 order by position"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    d.deliverables = on_conn!(conn, |c| sqlx::query_as(
        "select title, url, description, call_to_action from challenge_deliverable where challenge_id = $1 order by position"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    d.repositories =
        on_conn!(conn, |c| sqlx::query_scalar("select url from challenge_repository where challenge_id = $1 order by position")
            .bind(id)
            .fetch_all(c)
            .await)?;
    d.team = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select p.slug, p.display_name, p.public_profile, ",
        fellow_profile!(),
        " as profile, r.role from role_assignment r \
         join person p on p.id = r.person_id where r.challenge_id = $1 and r.revoked_at is null \
         order by case r.role when 'fellow' then 0 else 1 end, p.sort_key"
    ))
    .bind(id)
    .fetch_all(c)
    .await)?;
    d.renewal_of = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select c.slug, c.title, c.year from challenge c join challenge x on x.renewal_of_id = c.id where x.id = $1 and ",
        public_challenge!()
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?;
    d.renewed_by = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select c.slug, c.title, c.year from challenge c where c.renewal_of_id = $1 and ",
        public_challenge!(),
        " order by c.year"
    ))
    .bind(id)
    .fetch_all(c)
    .await)?;
    Ok(Some(d))
}

/// Every public challenge with its children, for the open-data export (a fixed number of queries).
pub async fn export_challenges(conn: &mut Conn<'_>) -> Result<Vec<ChallengeDetail>, StoreError> {
    let mut all: Vec<ChallengeDetail> = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select c.id, c.slug, c.title, c.tagline, c.year, c.duration_months, c.status, co.code as cohort_code, \
         co.kind as cohort_kind, co.title_fr as cohort_title_fr, co.title_en as cohort_title_en, h.slug as host_slug, \
         h.name as host_name, h.acronym as host_acronym, p.name as host_parent_name, p.slug as host_parent_slug, \
         c.administration_label, c.administration_website, c.city, c.body_md, c.website \
         from challenge c join cohort co on co.id = c.cohort_id join organisation h on h.id = c.host_id \
         left join organisation p on p.id = h.parent_id where ",
        public_challenge!(),
        " order by c.year desc, c.sort_key, c.slug"
    ))
    .fetch_all(c)
    .await)?;
    let mut idx: HashMap<Uuid, usize> = HashMap::new();
    for (i, d) in all.iter().enumerate() {
        idx.insert(d.id, i);
    }
    let skills: Vec<(Uuid, String)> =
        on_conn!(conn, |c| sqlx::query_as("select challenge_id, skill from challenge_skill order by skill").fetch_all(c).await)?;
    for (id, s) in skills {
        if let Some(&i) = idx.get(&id) {
            all[i].skills.push(s);
        }
    }
    let figures: Vec<(Uuid, i64, String)> = on_conn!(conn, |c| sqlx::query_as(
        "select challenge_id, amount, description from challenge_key_figure order by challenge_id, position"
    )
    .fetch_all(c)
    .await)?;
    for (id, a, d) in figures {
        if let Some(&i) = idx.get(&id) {
            all[i].key_figures.push((a, d));
        }
    }
    #[derive(sqlx::FromRow)]
    struct Owned {
        challenge_id: Uuid,
        #[sqlx(flatten)]
        d: DeliverableRow,
    }
    let deliverables: Vec<Owned> = on_conn!(conn, |c| sqlx::query_as(
        "select challenge_id, title, url, description, call_to_action from challenge_deliverable order by challenge_id, position"
    )
    .fetch_all(c)
    .await)?;
    for o in deliverables {
        if let Some(&i) = idx.get(&o.challenge_id) {
            all[i].deliverables.push(o.d);
        }
    }
    let repos: Vec<(Uuid, String)> =
        on_conn!(conn, |c| sqlx::query_as("select challenge_id, url from challenge_repository order by challenge_id, position")
            .fetch_all(c)
            .await)?;
    for (id, url) in repos {
        if let Some(&i) = idx.get(&id) {
            all[i].repositories.push(url);
        }
    }
    let team: Vec<(Uuid, String, String, bool, Option<String>, String)> = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select r.challenge_id, p.slug, p.display_name, p.public_profile, ",
        fellow_profile!(),
        " as profile, r.role from role_assignment r \
         join person p on p.id = r.person_id where r.challenge_id is not null and r.revoked_at is null \
         order by case r.role when 'fellow' then 0 else 1 end, p.sort_key"
    ))
    .fetch_all(c)
    .await)?;
    for (id, slug, display_name, public_profile, profile, role) in team {
        if let Some(&i) = idx.get(&id) {
            all[i].team.push(TeamMember { slug, display_name, public_profile, profile, role });
        }
    }
    Ok(all)
}

/// The filters of the people list, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleFilter {
    /// Cohort code.
    pub cohort: Option<String>,
    /// Profile key.
    pub profile: Option<String>,
    /// Folded name words.
    pub words: Vec<String>,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// A person in a list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonCard {
    /// Row id.
    #[sqlx(rename = "id")]
    pub(crate) id: Uuid,
    /// Slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Profile key.
    pub profile: Option<String>,
    /// Profile as published.
    pub profile_label: Option<String>,
    /// Cohorts (code, fr title, en title), oldest first.
    #[sqlx(skip)]
    pub cohorts: Vec<(String, String, String)>,
}

macro_rules! people_from_where {
    () => {
        " from person p where p.public_profile = true \
          and ($1 is null or exists (select 1 from role_assignment r join cohort co on co.id = r.cohort_id \
               where r.person_id = p.id and co.code = $1)) \
          and ($2 is null or p.profile = $2) \
          and ($3 is null or p.search_key like $3) and ($4 is null or p.search_key like $4) \
          and ($5 is null or p.search_key like $5) and ($6 is null or p.search_key like $6) \
          and ($7 is null or p.search_key like $7) and ($8 is null or p.search_key like $8)"
    };
}

macro_rules! bind_people_filter {
    ($q:expr, $f:expr, $w:expr) => {
        $q.bind($f.cohort.as_deref())
            .bind($f.profile.as_deref())
            .bind($w[0].as_deref())
            .bind($w[1].as_deref())
            .bind($w[2].as_deref())
            .bind($w[3].as_deref())
            .bind($w[4].as_deref())
            .bind($w[5].as_deref())
    };
}

/// One page of people with a public profile, and how many match.
pub async fn list_people(conn: &mut Conn<'_>, f: &PeopleFilter) -> Result<(Vec<PersonCard>, i64), StoreError> {
    let w = word_patterns(&f.words);
    let total: i64 = on_conn!(conn, |c| bind_people_filter!(sqlx::query_scalar(concat!("select count(*)", people_from_where!())), f, w)
        .fetch_one(c)
        .await)?;
    let mut cards: Vec<PersonCard> = on_conn!(conn, |c| bind_people_filter!(
        sqlx::query_as(concat!(
            "select p.id, p.slug, p.display_name, p.profile, p.profile_label",
            people_from_where!(),
            " order by p.sort_key, p.slug limit $9 offset $10"
        )),
        f,
        w
    )
    .bind(f.limit)
    .bind(f.offset)
    .fetch_all(c)
    .await)?;
    let cohorts: Vec<(Uuid, String, String, String)> = on_conn!(conn, |c| bind_people_filter!(
        sqlx::query_as(concat!(
            "select distinct r.person_id, co.code, co.title_fr, co.title_en, co.year from role_assignment r \
             join cohort co on co.id = r.cohort_id where r.person_id in (select p.id",
            people_from_where!(),
            " order by p.sort_key, p.slug limit $9 offset $10) order by co.year, co.code"
        )),
        f,
        w
    )
    .bind(f.limit)
    .bind(f.offset)
    .fetch_all(c)
    .await)
    .map(|rows: Vec<(Uuid, String, String, String, i32)>| rows.into_iter().map(|(a, b, c, d, _)| (a, b, c, d)).collect())?;
    let mut by_id: HashMap<Uuid, Vec<(String, String, String)>> = HashMap::new();
    for (id, code, fr, en) in cohorts {
        by_id.entry(id).or_default().push((code, fr, en));
    }
    for card in &mut cards {
        card.cohorts = by_id.remove(&card.id).unwrap_or_default();
    }
    Ok((cards, total))
}

/// A role on a person's page.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonRole {
    /// Role key.
    pub role: String,
    /// Cohort code.
    pub cohort_code: Option<String>,
    /// Cohort title (fr).
    pub cohort_title_fr: Option<String>,
    /// Cohort title (en).
    pub cohort_title_en: Option<String>,
    /// Cohort year.
    pub cohort_year: Option<i32>,
    /// Challenge slug (public challenges only).
    pub challenge_slug: Option<String>,
    /// Challenge title.
    pub challenge_title: Option<String>,
}

/// A person's page.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonDetail {
    /// Row id.
    #[sqlx(rename = "id")]
    pub(crate) id: Uuid,
    /// Slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Profile key.
    pub profile: Option<String>,
    /// Profile as published.
    pub profile_label: Option<String>,
    /// Whether the profile is public.
    pub public_profile: bool,
    /// Biography.
    pub bio_md: Option<String>,
    /// GitHub handle.
    pub github: Option<String>,
    /// GitLab handle.
    pub gitlab: Option<String>,
    /// LinkedIn URL.
    pub linkedin: Option<String>,
    /// Twitter handle.
    pub twitter: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Roles, oldest cohort first.
    #[sqlx(skip)]
    pub roles: Vec<PersonRole>,
    /// Blog posts they wrote (slug, title, date).
    #[sqlx(skip)]
    pub posts: Vec<(String, String, Date)>,
}

/// A person by slug (public or not: the use case applies the policy).
pub async fn person_by_slug(conn: &mut Conn<'_>, slug: &str) -> Result<Option<PersonDetail>, StoreError> {
    let found: Option<PersonDetail> = on_conn!(conn, |c| sqlx::query_as(
        "select id, slug, display_name, profile, profile_label, public_profile, bio_md, github, gitlab, linkedin, twitter, website \
         from person where slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)?;
    let Some(mut d) = found else { return Ok(None) };
    let id = d.id;
    d.roles = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select r.role, co.code as cohort_code, co.title_fr as cohort_title_fr, co.title_en as cohort_title_en, \
         co.year as cohort_year, c.slug as challenge_slug, c.title as challenge_title \
         from role_assignment r left join cohort co on co.id = r.cohort_id \
         left join challenge c on c.id = r.challenge_id and ",
        public_challenge!(),
        " where r.person_id = $1 order by co.year, co.code, c.sort_key, r.role"
    ))
    .bind(id)
    .fetch_all(c)
    .await)?;
    d.posts = on_conn!(conn, |c| sqlx::query_as(
        "select slug, title, published_on from blog_post where author_id = $1 and status = 'published' order by published_on desc"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    Ok(Some(d))
}

/// Every public person with their roles, for the open-data export.
pub async fn export_people(conn: &mut Conn<'_>) -> Result<Vec<PersonDetail>, StoreError> {
    let mut all: Vec<PersonDetail> = on_conn!(conn, |c| sqlx::query_as(
        "select id, slug, display_name, profile, profile_label, public_profile, bio_md, github, gitlab, linkedin, twitter, website \
         from person where public_profile = true order by sort_key, slug"
    )
    .fetch_all(c)
    .await)?;
    let idx: HashMap<Uuid, usize> = all.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    #[derive(sqlx::FromRow)]
    struct Owned {
        person_id: Uuid,
        #[sqlx(flatten)]
        role: PersonRole,
    }
    let roles: Vec<Owned> = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select r.person_id, r.role, co.code as cohort_code, co.title_fr as cohort_title_fr, co.title_en as cohort_title_en, \
         co.year as cohort_year, c.slug as challenge_slug, c.title as challenge_title \
         from role_assignment r left join cohort co on co.id = r.cohort_id \
         left join challenge c on c.id = r.challenge_id and ",
        public_challenge!(),
        " order by co.year, co.code, c.sort_key, r.role"
    ))
    .fetch_all(c)
    .await)?;
    for o in roles {
        if let Some(&i) = idx.get(&o.person_id) {
            all[i].roles.push(o.role);
        }
    }
    Ok(all)
}

/// A blog post in a list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PostCard {
    /// Row id.
    #[sqlx(rename = "id")]
    pub(crate) id: Uuid,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Author as written.
    pub author_label: String,
    /// Author's page, when public.
    pub author_slug: Option<String>,
    /// Summary.
    pub description: Option<String>,
    /// Date.
    pub published_on: Date,
    /// Language code.
    pub lang: String,
    /// Tags.
    #[sqlx(skip)]
    pub tags: Vec<String>,
}

macro_rules! post_cols {
    () => {
        "select b.id, b.slug, b.title, b.author_label, (case when a.public_profile then a.slug end) as author_slug, \
         b.description, b.published_on, b.lang from blog_post b left join person a on a.id = b.author_id"
    };
}

async fn attach_tags(conn: &mut Conn<'_>, cards: &mut [PostCard]) -> Result<(), StoreError> {
    let tags: Vec<(Uuid, String)> = on_conn!(conn, |c| sqlx::query_as(
        "select t.post_id, t.tag from blog_post_tag t join blog_post b on b.id = t.post_id where b.status = 'published' order by t.tag"
    )
    .fetch_all(c)
    .await)?;
    let mut by_id: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (id, t) in tags {
        by_id.entry(id).or_default().push(t);
    }
    for card in cards {
        card.tags = by_id.remove(&card.id).unwrap_or_default();
    }
    Ok(())
}

/// One page of published posts, newest first, optionally with a tag; and how many match.
pub async fn list_posts(conn: &mut Conn<'_>, tag: Option<&str>, limit: i64, offset: i64) -> Result<(Vec<PostCard>, i64), StoreError> {
    let total: i64 = on_conn!(conn, |c| sqlx::query_scalar(
        "select count(*) from blog_post b where b.status = 'published' \
         and ($1 is null or exists (select 1 from blog_post_tag t where t.post_id = b.id and t.tag = $1))"
    )
    .bind(tag)
    .fetch_one(c)
    .await)?;
    let mut cards: Vec<PostCard> = on_conn!(conn, |c| {
        sqlx::query_as(concat!(
        post_cols!(),
        " where b.status = 'published' and ($1 is null or exists (select 1 from blog_post_tag t where t.post_id = b.id and t.tag = $1)) \
         order by b.published_on desc, b.slug limit $2 offset $3"
    ))
    .bind(tag)
    .bind(limit)
    .bind(offset)
    .fetch_all(c)
    .await
    })?;
    attach_tags(conn, &mut cards).await?;
    Ok((cards, total))
}

/// A post by slug (any status: the use case applies the policy), with its body and status.
pub async fn post_by_slug(conn: &mut Conn<'_>, slug: &str) -> Result<Option<(PostCard, String, String)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        card: PostCard,
        body_md: String,
        status: String,
    }
    let row: Option<Row> = on_conn!(conn, |c| sqlx::query_as(
        "select b.id, b.slug, b.title, b.author_label, (case when a.public_profile then a.slug end) as author_slug, \
         b.description, b.published_on, b.lang, b.body_md, b.status from blog_post b left join person a on a.id = b.author_id \
         where b.slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)?;
    let Some(mut row) = row else { return Ok(None) };
    row.card.tags = on_conn!(conn, |c| sqlx::query_scalar("select tag from blog_post_tag where post_id = $1 order by tag")
        .bind(row.card.id)
        .fetch_all(c)
        .await)?;
    Ok(Some((row.card, row.body_md, row.status)))
}

/// Tags of published posts, with counts.
pub async fn tag_counts(conn: &mut Conn<'_>) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select t.tag, count(*) from blog_post_tag t join blog_post b on b.id = t.post_id where b.status = 'published' \
         group by t.tag order by t.tag"
    )
    .fetch_all(c)
    .await)?)
}

/// A FAQ entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FaqRow {
    /// Audience key.
    pub audience: String,
    /// Question.
    pub question: String,
    /// Answer (HTML, to sanitise).
    pub answer_html: String,
    /// Anchor.
    pub anchor: String,
}

/// The FAQ of a language, grouped by audience, in order.
pub async fn faq(conn: &mut Conn<'_>, lang: Lang) -> Result<Vec<FaqRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select audience, question, answer_html, anchor from faq_entry where lang = $1 order by audience, position"
    )
    .bind(lang.code())
    .fetch_all(c)
    .await)?)
}

/// A testimonial.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TestimonialRow {
    /// Text.
    pub text: String,
    /// Author.
    pub author_name: String,
    /// Author's page, when public.
    pub author_slug: Option<String>,
    /// Author's position.
    pub author_position: Option<String>,
}

/// Every testimonial, in order.
pub async fn testimonials(conn: &mut Conn<'_>) -> Result<Vec<TestimonialRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select t.text, t.author_name, (case when p.public_profile then p.slug end) as author_slug, t.author_position \
         from testimonial t left join person p on p.id = t.author_id order by t.position"
    )
    .fetch_all(c)
    .await)?)
}

/// What the headline figures are computed from.
pub async fn figure_facts(conn: &mut Conn<'_>) -> Result<FigureFacts, StoreError> {
    let challenges: Vec<(String, String, String)> = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select co.code, c.project_key, h.slug from challenge c join cohort co on co.id = c.cohort_id \
         join organisation h on h.id = c.host_id where ",
        public_challenge!()
    ))
    .fetch_all(c)
    .await)?;
    let roles: Vec<(String, String, Option<String>, Option<String>)> = on_conn!(conn, |c| sqlx::query_as(
        "select p.slug, r.role, co.code, p.profile from role_assignment r join person p on p.id = r.person_id \
         left join cohort co on co.id = r.cohort_id"
    )
    .fetch_all(c)
    .await)?;
    Ok(FigureFacts {
        challenges: challenges.into_iter().map(|(cohort, project_key, host)| ChallengeFact { cohort, project_key, host }).collect(),
        roles: roles
            .into_iter()
            .filter_map(|(person, role, cohort, profile)| {
                Some(RoleFact {
                    person,
                    role: RoleKind::parse(&role)?,
                    cohort,
                    person_is_program_team: profile.as_deref() == Some("program-team"),
                })
            })
            .collect(),
    })
}

/// The figures the program declared.
pub async fn declared_figures(conn: &mut Conn<'_>) -> Result<Vec<DeclaredFigure>, StoreError> {
    let rows: Vec<(String, String, i64, String, Date)> =
        on_conn!(conn, |c| sqlx::query_as("select figure, lang, value, source, as_of from declared_figure order by lang, figure")
            .fetch_all(c)
            .await)?;
    rows.into_iter()
        .map(|(figure, lang, value, source, as_of)| {
            Ok(DeclaredFigure {
                figure: FigureId::parse(&figure).ok_or_else(|| StoreError::Corrupt(format!("figure {figure}")))?,
                lang: Lang::parse(&lang).ok_or_else(|| StoreError::Corrupt(format!("lang {lang}")))?,
                value,
                source,
                as_of,
            })
        })
        .collect()
}

/// Where pages of the original site now live: legacy path → (kind, slug), public pages only.
pub async fn legacy_paths(conn: &mut Conn<'_>) -> Result<BTreeMap<String, (String, String)>, StoreError> {
    let rows: Vec<(String, String, String)> = on_conn!(conn, |c| sqlx::query_as(concat!(
        "select c.legacy_path, 'challenge', c.slug from challenge c where c.legacy_path is not null and ",
        public_challenge!(),
        " union all select legacy_path, 'person', slug from person where legacy_path is not null and public_profile = true"
    ))
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|(path, kind, slug)| (path, (kind, slug))).collect())
}

/// Every public page's slug, for the sitemap: (challenges, people, posts).
pub async fn sitemap(conn: &mut Conn<'_>) -> Result<(Vec<String>, Vec<String>, Vec<String>), StoreError> {
    let challenges =
        on_conn!(conn, |c| sqlx::query_scalar(concat!("select c.slug from challenge c where ", public_challenge!(), " order by c.slug"))
            .fetch_all(c)
            .await)?;
    let people =
        on_conn!(conn, |c| sqlx::query_scalar("select slug from person where public_profile = true order by slug").fetch_all(c).await)?;
    let posts =
        on_conn!(conn, |c| sqlx::query_scalar("select slug from blog_post where status = 'published' order by slug").fetch_all(c).await)?;
    Ok((challenges, people, posts))
}
