-- Cohorte content schema (PostgreSQL). Keep in step with ../sqlite/0001_content.sql:
-- the same tables and columns (checked by the schema_parity test).

create table program (
    id uuid primary key,
    slug text not null unique,
    name text not null
);

create table cohort (
    id uuid primary key,
    program_id uuid not null references program(id),
    code text not null unique,
    kind text not null check (kind in ('eig', 'dig')),
    number integer,
    year integer not null,
    title_fr text not null,
    title_en text not null,
    fingerprint text not null
);

create table organisation (
    id uuid primary key,
    slug text not null unique,
    name text not null,
    acronym text,
    kind text not null check (kind in ('ministry', 'central_admin', 'operator', 'deconcentrated_service', 'aai', 'jurisdiction', 'local_authority', 'health_establishment', 'other_public')),
    parent_id uuid references organisation(id),
    website text,
    path text not null,
    sort_key text not null,
    fingerprint text not null
);

create table organisation_alias (
    organisation_id uuid not null references organisation(id) on delete cascade,
    alias text not null,
    alias_key text not null,
    primary key (organisation_id, alias_key)
);

create table person (
    id uuid primary key,
    slug text not null unique,
    display_name text not null,
    name_key text not null,
    sort_key text not null,
    profile text check (profile in ('data-scientist', 'data-engineer', 'developer', 'designer', 'mentor', 'program-team')),
    profile_label text,
    public_profile boolean not null,
    github text,
    gitlab text,
    linkedin text,
    twitter text,
    website text,
    legacy_path text,
    fingerprint text not null,
    search_key text not null,
    bio_md text
);
create index person_name_key on person(name_key);

create table challenge (
    id uuid primary key,
    slug text not null unique,
    source_key text not null,
    cohort_id uuid not null references cohort(id),
    year integer not null,
    title text not null,
    tagline text not null,
    duration_months integer not null,
    host_id uuid not null references organisation(id),
    administration_label text not null,
    administration_website text,
    city text,
    website text,
    project_key text not null,
    renewal_of_id uuid references challenge(id),
    status text not null check (status in ('framing', 'open_for_applications', 'matching', 'staffed', 'running', 'closing', 'completed', 'withdrawn')),
    legacy_path text,
    sort_key text not null,
    fingerprint text not null,
    -- Large columns last: SQLite reads the columns before them without touching overflow pages.
    search_key text not null,
    body_md text not null
);
create index challenge_cohort on challenge(cohort_id);
create index challenge_host on challenge(host_id);

create table challenge_skill (
    challenge_id uuid not null references challenge(id) on delete cascade,
    skill text not null check (skill in ('dev', 'design', 'datascience', 'dataengineering', 'geomatique')),
    primary key (challenge_id, skill)
);

create table challenge_key_figure (
    challenge_id uuid not null references challenge(id) on delete cascade,
    position integer not null,
    amount bigint not null,
    description text not null,
    primary key (challenge_id, position)
);

create table challenge_deliverable (
    challenge_id uuid not null references challenge(id) on delete cascade,
    position integer not null,
    title text not null,
    url text,
    description text,
    call_to_action text,
    primary key (challenge_id, position)
);

create table challenge_repository (
    challenge_id uuid not null references challenge(id) on delete cascade,
    position integer not null,
    url text not null,
    primary key (challenge_id, position)
);

create table role_assignment (
    id uuid primary key,
    person_id uuid not null references person(id) on delete cascade,
    role text not null check (role in ('program_staff', 'eig_link', 'validator', 'preselector', 'jury_member', 'candidate', 'fellow', 'operational_mentor', 'executive_sponsor', 'project_team_member', 'hr_contact', 'finance_contact', 'admin_contact', 'alumni', 'guest_expert')),
    cohort_id uuid references cohort(id),
    challenge_id uuid references challenge(id) on delete cascade,
    organisation_id uuid references organisation(id),
    scope_key text not null,
    source text not null,
    valid_from date,
    valid_to date,
    unique (person_id, role, scope_key)
);
create index role_assignment_challenge on role_assignment(challenge_id);
create index role_assignment_cohort on role_assignment(cohort_id);

create table blog_post (
    id uuid primary key,
    slug text not null unique,
    title text not null,
    author_label text not null,
    author_id uuid references person(id),
    description text,
    published_on date not null,
    lang text not null check (lang in ('fr', 'en')),
    lang_ref text,
    status text not null check (status in ('draft', 'published')),
    legacy_path text,
    fingerprint text not null,
    body_md text not null
);

create table blog_post_tag (
    post_id uuid not null references blog_post(id) on delete cascade,
    tag text not null,
    primary key (post_id, tag)
);

create table faq_entry (
    id uuid primary key,
    audience text not null check (audience in ('administrations', 'candidates')),
    lang text not null check (lang in ('fr', 'en')),
    position integer not null,
    question text not null,
    answer_html text not null,
    anchor text not null,
    fingerprint text not null,
    unique (audience, lang, anchor)
);

create table testimonial (
    id uuid primary key,
    position integer not null unique,
    text text not null,
    author_name text not null,
    author_id uuid references person(id),
    author_position text,
    fingerprint text not null
);

create table declared_figure (
    figure text not null,
    lang text not null check (lang in ('fr', 'en')),
    value bigint not null,
    source text not null,
    as_of date not null,
    primary key (figure, lang)
);

create table import_run (
    id uuid primary key,
    source text not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    changes bigint not null,
    summary text not null
);

create table content_version (
    id integer primary key check (id = 1),
    version bigint not null
);
insert into content_version (id, version) values (1, 0);
