//! Writing the public content (the import): upserts keyed on natural keys (slugs, codes), with a
//! fingerprint so that a second import of the same data changes nothing.

use std::collections::HashSet;

use cohorte_domain::content::{BlogPost, Challenge, Cohort, DeclaredFigure, FaqEntry, Organisation, Person, RoleKind, Testimonial};
use cohorte_domain::ids::{ChallengeId, CohortId, OrganisationId, PersonId, PostId, ProgramId};
use cohorte_domain::text::name_key;
use uuid::Uuid;

use crate::{Conn, StoreError, fingerprint, on_conn};

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    /// The row is new.
    Created,
    /// The row existed and changed.
    Updated,
    /// The row existed, identical.
    Unchanged,
}

async fn existing(conn: &mut Conn<'_>, sql: &'static str, key: &str) -> Result<Option<(Uuid, String)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(sql).bind(key).fetch_optional(c).await)?)
}

/// The program row (created once).
pub async fn ensure_program(conn: &mut Conn<'_>, slug: &str, name: &str) -> Result<ProgramId, StoreError> {
    let id: Uuid = on_conn!(conn, |c| sqlx::query_scalar(
        "insert into program (id, slug, name) values ($1, $2, $3) \
         on conflict (slug) do update set name = excluded.name returning id"
    )
    .bind(Uuid::now_v7())
    .bind(slug)
    .bind(name)
    .fetch_one(c)
    .await)?;
    Ok(ProgramId::from_uuid(id))
}

/// Creates or updates a cohort by code.
pub async fn upsert_cohort(conn: &mut Conn<'_>, program: ProgramId, co: &Cohort) -> Result<(CohortId, Upserted), StoreError> {
    let fp = fingerprint(&(co, program));
    let found = existing(conn, "select id, fingerprint from cohort where code = $1", co.code.as_str()).await?;
    let (id, what) = match found {
        Some((id, old)) if old == fp => return Ok((CohortId::from_uuid(id), Upserted::Unchanged)),
        Some((id, _)) => (id, Upserted::Updated),
        None => (Uuid::now_v7(), Upserted::Created),
    };
    on_conn!(conn, |c| sqlx::query(
        "insert into cohort (id, program_id, code, kind, number, year, title_fr, title_en, fingerprint) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         on conflict (code) do update set program_id = excluded.program_id, kind = excluded.kind, number = excluded.number, \
         year = excluded.year, title_fr = excluded.title_fr, title_en = excluded.title_en, fingerprint = excluded.fingerprint"
    )
    .bind(id)
    .bind(program.as_uuid())
    .bind(co.code.as_str())
    .bind(co.kind.as_str())
    .bind(co.number)
    .bind(co.year)
    .bind(&co.title_fr)
    .bind(&co.title_en)
    .bind(&fp)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok((CohortId::from_uuid(id), what))
}

/// Creates or updates an organisation by slug, with its aliases. `parent` is the parent's id and
/// materialised path; the returned path (`/parent/child/`) serves the "this organisation or one
/// under it" filter.
pub async fn upsert_organisation(
    conn: &mut Conn<'_>,
    o: &Organisation,
    parent: Option<(OrganisationId, &str)>,
) -> Result<(OrganisationId, String, Upserted), StoreError> {
    let path = format!("{}{}/", parent.map(|(_, p)| p).unwrap_or("/"), o.slug);
    let fp = fingerprint(&(o, &path));
    let found = existing(conn, "select id, fingerprint from organisation where slug = $1", o.slug.as_str()).await?;
    let (id, what) = match found {
        Some((id, old)) if old == fp => return Ok((OrganisationId::from_uuid(id), path, Upserted::Unchanged)),
        Some((id, _)) => (id, Upserted::Updated),
        None => (Uuid::now_v7(), Upserted::Created),
    };
    on_conn!(conn, |c| sqlx::query(
        "insert into organisation (id, slug, name, acronym, kind, parent_id, website, path, sort_key, fingerprint) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         on conflict (slug) do update set name = excluded.name, acronym = excluded.acronym, kind = excluded.kind, \
         parent_id = excluded.parent_id, website = excluded.website, path = excluded.path, sort_key = excluded.sort_key, \
         fingerprint = excluded.fingerprint"
    )
    .bind(id)
    .bind(o.slug.as_str())
    .bind(&o.name)
    .bind(&o.acronym)
    .bind(o.kind.as_str())
    .bind(parent.map(|(p, _)| p.as_uuid()))
    .bind(&o.website)
    .bind(&path)
    .bind(name_key(&o.name))
    .bind(&fp)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(conn, |c| sqlx::query("delete from organisation_alias where organisation_id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let mut seen = HashSet::new();
    for a in &o.aliases {
        let key = name_key(a);
        if !seen.insert(key.clone()) {
            continue;
        }
        on_conn!(conn, |c| sqlx::query("insert into organisation_alias (organisation_id, alias, alias_key) values ($1, $2, $3)")
            .bind(id)
            .bind(a)
            .bind(&key)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok((OrganisationId::from_uuid(id), path, what))
}

/// Creates or updates a person by slug.
pub async fn upsert_person(conn: &mut Conn<'_>, p: &Person) -> Result<(PersonId, Upserted), StoreError> {
    let fp = fingerprint(p);
    let found = existing(conn, "select id, fingerprint from person where slug = $1", p.slug.as_str()).await?;
    let (id, what) = match found {
        Some((id, old)) if old == fp => return Ok((PersonId::from_uuid(id), Upserted::Unchanged)),
        Some((id, _)) => (id, Upserted::Updated),
        None => (Uuid::now_v7(), Upserted::Created),
    };
    let search = cohorte_domain::text::search_fold(&p.display_name);
    on_conn!(conn, |c| sqlx::query(
        "insert into person (id, slug, display_name, name_key, sort_key, search_key, profile, profile_label, public_profile, \
         bio_md, github, gitlab, linkedin, twitter, website, legacy_path, fingerprint) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         on conflict (slug) do update set display_name = excluded.display_name, name_key = excluded.name_key, \
         sort_key = excluded.sort_key, search_key = excluded.search_key, profile = excluded.profile, \
         profile_label = excluded.profile_label, public_profile = excluded.public_profile, bio_md = excluded.bio_md, \
         github = excluded.github, gitlab = excluded.gitlab, linkedin = excluded.linkedin, twitter = excluded.twitter, \
         website = excluded.website, legacy_path = excluded.legacy_path, fingerprint = excluded.fingerprint"
    )
    .bind(id)
    .bind(p.slug.as_str())
    .bind(&p.display_name)
    .bind(name_key(&p.display_name))
    .bind(name_key(&p.display_name))
    .bind(&search)
    .bind(p.profile.map(|x| x.as_str()))
    .bind(&p.profile_label)
    .bind(p.public_profile)
    .bind(&p.bio_md)
    .bind(&p.links.github)
    .bind(&p.links.gitlab)
    .bind(&p.links.linkedin)
    .bind(&p.links.twitter)
    .bind(&p.links.website)
    .bind(&p.legacy_path)
    .bind(&fp)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok((PersonId::from_uuid(id), what))
}

/// Resolved references of a challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeRefs {
    /// Its cohort.
    pub cohort: CohortId,
    /// Its host organisation.
    pub host: OrganisationId,
    /// The folded text it is searched by.
    pub search_key: String,
}

/// Creates or updates a challenge by slug, with its skills, key figures, deliverables and
/// repositories. The renewal link is set by [`set_renewal`] once every challenge exists.
pub async fn upsert_challenge(conn: &mut Conn<'_>, ch: &Challenge, refs: &ChallengeRefs) -> Result<(ChallengeId, Upserted), StoreError> {
    let mut without_link = ch.clone();
    without_link.renewal_of = None;
    let fp = fingerprint(&(&without_link, refs.cohort, refs.host, &refs.search_key));
    let found = existing(conn, "select id, fingerprint from challenge where slug = $1", ch.slug.as_str()).await?;
    let (id, what) = match found {
        Some((id, old)) if old == fp => return Ok((ChallengeId::from_uuid(id), Upserted::Unchanged)),
        Some((id, _)) => (id, Upserted::Updated),
        None => (Uuid::now_v7(), Upserted::Created),
    };
    on_conn!(conn, |c| sqlx::query(
        "insert into challenge (id, slug, source_key, cohort_id, year, title, tagline, duration_months, host_id, \
         administration_label, administration_website, city, body_md, website, project_key, status, legacy_path, \
         sort_key, search_key, fingerprint) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
         on conflict (slug) do update set source_key = excluded.source_key, cohort_id = excluded.cohort_id, \
         year = excluded.year, title = excluded.title, tagline = excluded.tagline, duration_months = excluded.duration_months, \
         host_id = excluded.host_id, administration_label = excluded.administration_label, \
         administration_website = excluded.administration_website, city = excluded.city, body_md = excluded.body_md, \
         website = excluded.website, project_key = excluded.project_key, status = excluded.status, \
         legacy_path = excluded.legacy_path, sort_key = excluded.sort_key, search_key = excluded.search_key, \
         fingerprint = excluded.fingerprint"
    )
    .bind(id)
    .bind(ch.slug.as_str())
    .bind(&ch.source_key)
    .bind(refs.cohort.as_uuid())
    .bind(ch.year)
    .bind(&ch.title)
    .bind(&ch.tagline)
    .bind(ch.duration_months)
    .bind(refs.host.as_uuid())
    .bind(&ch.administration_label)
    .bind(&ch.administration_website)
    .bind(&ch.city)
    .bind(&ch.body_md)
    .bind(&ch.website)
    .bind(&ch.project_key)
    .bind(ch.status.as_str())
    .bind(&ch.legacy_path)
    .bind(name_key(&ch.title))
    .bind(&refs.search_key)
    .bind(&fp)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    for sql in [
        "delete from challenge_skill where challenge_id = $1",
        "delete from challenge_key_figure where challenge_id = $1",
        "delete from challenge_deliverable where challenge_id = $1",
        "delete from challenge_repository where challenge_id = $1",
    ] {
        on_conn!(conn, |c| sqlx::query(sql).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    }
    for s in &ch.skills {
        on_conn!(conn, |c| sqlx::query("insert into challenge_skill (challenge_id, skill) values ($1, $2)")
            .bind(id)
            .bind(s.as_str())
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    for (i, k) in ch.key_figures.iter().enumerate() {
        on_conn!(conn, |c| sqlx::query(
            "insert into challenge_key_figure (challenge_id, position, amount, description) values ($1, $2, $3, $4)"
        )
        .bind(id)
        .bind(i as i32)
        .bind(k.amount)
        .bind(&k.description)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    for (i, d) in ch.deliverables.iter().enumerate() {
        on_conn!(conn, |c| sqlx::query(
            "insert into challenge_deliverable (challenge_id, position, title, url, description, call_to_action) \
             values ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(i as i32)
        .bind(&d.title)
        .bind(&d.url)
        .bind(&d.description)
        .bind(&d.call_to_action)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    for (i, url) in ch.repositories.iter().enumerate() {
        on_conn!(conn, |c| sqlx::query("insert into challenge_repository (challenge_id, position, url) values ($1, $2, $3)")
            .bind(id)
            .bind(i as i32)
            .bind(url)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok((ChallengeId::from_uuid(id), what))
}

/// Sets which challenge a challenge renews; `true` when it changed.
pub async fn set_renewal(conn: &mut Conn<'_>, id: ChallengeId, renewal_of: Option<ChallengeId>) -> Result<bool, StoreError> {
    let current: Option<Uuid> =
        on_conn!(conn, |c| sqlx::query_scalar("select renewal_of_id from challenge where id = $1").bind(id.as_uuid()).fetch_one(c).await)?;
    let wanted = renewal_of.map(|r| r.as_uuid());
    if current == wanted {
        return Ok(false);
    }
    on_conn!(conn, |c| sqlx::query("update challenge set renewal_of_id = $2 where id = $1")
        .bind(id.as_uuid())
        .bind(wanted)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(true)
}

/// A role assignment, with resolved ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RoleRow {
    /// Who.
    pub person: PersonId,
    /// Which role.
    pub role: RoleKind,
    /// In which cohort.
    pub cohort: Option<CohortId>,
    /// On which challenge.
    pub challenge: Option<ChallengeId>,
}

impl RoleRow {
    fn scope_key(&self) -> String {
        format!(
            "cohort:{}|challenge:{}",
            self.cohort.map(|c| c.to_string()).unwrap_or_default(),
            self.challenge.map(|c| c.to_string()).unwrap_or_default()
        )
    }
}

/// Makes the roles recorded from `source` exactly `roles`: adds the missing ones and removes
/// those no longer listed. Returns (added, removed). Roles from other sources are untouched, and a
/// role another source already recorded is not added again.
pub async fn sync_roles(conn: &mut Conn<'_>, source: &str, roles: &[RoleRow]) -> Result<(u64, u64), StoreError> {
    let current: Vec<(Uuid, Uuid, String, String)> =
        on_conn!(conn, |c| sqlx::query_as("select id, person_id, role, scope_key from role_assignment where source = $1")
            .bind(source)
            .fetch_all(c)
            .await)?;
    let wanted: HashSet<(Uuid, &'static str, String)> =
        roles.iter().map(|r| (r.person.as_uuid(), r.role.as_str(), r.scope_key())).collect();
    let mut have: HashSet<(Uuid, String, String)> = HashSet::new();
    let mut removed = 0;
    for (id, person, role, scope) in current {
        if wanted.contains(&(person, role_static(&role), scope.clone())) {
            have.insert((person, role, scope));
        } else {
            on_conn!(conn, |c| sqlx::query("delete from role_assignment where id = $1")
                .bind(id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            removed += 1;
        }
    }
    let mut added = 0;
    for r in roles {
        let key = (r.person.as_uuid(), r.role.as_str().to_owned(), r.scope_key());
        if have.contains(&key) {
            continue;
        }
        // A role held already (recorded by another source) is not recorded twice.
        let inserted = on_conn!(conn, |c| sqlx::query(
            "insert into role_assignment (id, person_id, role, cohort_id, challenge_id, scope_key, source) \
             values ($1, $2, $3, $4, $5, $6, $7) on conflict (person_id, role, scope_key) do nothing"
        )
        .bind(Uuid::now_v7())
        .bind(r.person.as_uuid())
        .bind(r.role.as_str())
        .bind(r.cohort.map(|x| x.as_uuid()))
        .bind(r.challenge.map(|x| x.as_uuid()))
        .bind(&key.2)
        .bind(source)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        have.insert(key);
        added += inserted;
    }
    Ok((added, removed))
}

fn role_static(s: &str) -> &'static str {
    RoleKind::parse(s).map(RoleKind::as_str).unwrap_or("")
}

/// Creates or updates a blog post by slug, with its tags.
pub async fn upsert_post(conn: &mut Conn<'_>, p: &BlogPost, author: Option<PersonId>) -> Result<(PostId, Upserted), StoreError> {
    let fp = fingerprint(&(p, author));
    let found = existing(conn, "select id, fingerprint from blog_post where slug = $1", p.slug.as_str()).await?;
    let (id, what) = match found {
        Some((id, old)) if old == fp => return Ok((PostId::from_uuid(id), Upserted::Unchanged)),
        Some((id, _)) => (id, Upserted::Updated),
        None => (Uuid::now_v7(), Upserted::Created),
    };
    on_conn!(conn, |c| sqlx::query(
        "insert into blog_post (id, slug, title, author_label, author_id, description, published_on, body_md, lang, lang_ref, \
         status, legacy_path, fingerprint) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         on conflict (slug) do update set title = excluded.title, author_label = excluded.author_label, \
         author_id = excluded.author_id, description = excluded.description, published_on = excluded.published_on, \
         body_md = excluded.body_md, lang = excluded.lang, lang_ref = excluded.lang_ref, status = excluded.status, \
         legacy_path = excluded.legacy_path, fingerprint = excluded.fingerprint"
    )
    .bind(id)
    .bind(p.slug.as_str())
    .bind(&p.title)
    .bind(&p.author_label)
    .bind(author.map(|a| a.as_uuid()))
    .bind(&p.description)
    .bind(p.published_on)
    .bind(&p.body_md)
    .bind(p.lang.code())
    .bind(&p.lang_ref)
    .bind(p.status.as_str())
    .bind(&p.legacy_path)
    .bind(&fp)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(conn, |c| sqlx::query("delete from blog_post_tag where post_id = $1").bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    for t in &p.tags {
        on_conn!(conn, |c| sqlx::query("insert into blog_post_tag (post_id, tag) values ($1, $2)")
            .bind(id)
            .bind(t.as_str())
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok((PostId::from_uuid(id), what))
}

/// Creates or updates a FAQ entry by (audience, language, anchor).
pub async fn upsert_faq_entry(conn: &mut Conn<'_>, e: &FaqEntry) -> Result<Upserted, StoreError> {
    let fp = fingerprint(e);
    let found: Option<(Uuid, String)> =
        on_conn!(conn, |c| sqlx::query_as("select id, fingerprint from faq_entry where audience = $1 and lang = $2 and anchor = $3")
            .bind(e.audience.as_str())
            .bind(e.lang.code())
            .bind(e.anchor.as_str())
            .fetch_optional(c)
            .await)?;
    let (id, what) = match found {
        Some((_, old)) if old == fp => return Ok(Upserted::Unchanged),
        Some((id, _)) => (id, Upserted::Updated),
        None => (Uuid::now_v7(), Upserted::Created),
    };
    on_conn!(conn, |c| sqlx::query(
        "insert into faq_entry (id, audience, lang, position, question, answer_html, anchor, fingerprint) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) \
         on conflict (audience, lang, anchor) do update set position = excluded.position, question = excluded.question, \
         answer_html = excluded.answer_html, fingerprint = excluded.fingerprint"
    )
    .bind(id)
    .bind(e.audience.as_str())
    .bind(e.lang.code())
    .bind(e.position)
    .bind(&e.question)
    .bind(&e.answer_html)
    .bind(e.anchor.as_str())
    .bind(&fp)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(what)
}

/// Creates or updates a testimonial by position.
pub async fn upsert_testimonial(conn: &mut Conn<'_>, t: &Testimonial, author: Option<PersonId>) -> Result<Upserted, StoreError> {
    let fp = fingerprint(&(t, author));
    let found: Option<(Uuid, String)> = on_conn!(conn, |c| sqlx::query_as("select id, fingerprint from testimonial where position = $1")
        .bind(t.position)
        .fetch_optional(c)
        .await)?;
    let (id, what) = match found {
        Some((_, old)) if old == fp => return Ok(Upserted::Unchanged),
        Some((id, _)) => (id, Upserted::Updated),
        None => (Uuid::now_v7(), Upserted::Created),
    };
    on_conn!(conn, |c| sqlx::query(
        "insert into testimonial (id, position, text, author_name, author_id, author_position, fingerprint) \
         values ($1, $2, $3, $4, $5, $6, $7) \
         on conflict (position) do update set text = excluded.text, author_name = excluded.author_name, \
         author_id = excluded.author_id, author_position = excluded.author_position, fingerprint = excluded.fingerprint"
    )
    .bind(id)
    .bind(t.position)
    .bind(&t.text)
    .bind(&t.author_name)
    .bind(author.map(|a| a.as_uuid()))
    .bind(&t.author_position)
    .bind(&fp)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(what)
}

/// Creates or updates a declared figure by (figure, language).
pub async fn upsert_declared_figure(conn: &mut Conn<'_>, d: &DeclaredFigure) -> Result<Upserted, StoreError> {
    let found: Option<(i64, String, time::Date)> =
        on_conn!(conn, |c| sqlx::query_as("select value, source, as_of from declared_figure where figure = $1 and lang = $2")
            .bind(d.figure.as_str())
            .bind(d.lang.code())
            .fetch_optional(c)
            .await)?;
    let what = match found {
        Some((v, s, a)) if v == d.value && s == d.source && a == d.as_of => return Ok(Upserted::Unchanged),
        Some(_) => Upserted::Updated,
        None => Upserted::Created,
    };
    on_conn!(conn, |c| sqlx::query(
        "insert into declared_figure (figure, lang, value, source, as_of) values ($1, $2, $3, $4, $5) \
         on conflict (figure, lang) do update set value = excluded.value, source = excluded.source, as_of = excluded.as_of"
    )
    .bind(d.figure.as_str())
    .bind(d.lang.code())
    .bind(d.value)
    .bind(&d.source)
    .bind(d.as_of)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(what)
}
