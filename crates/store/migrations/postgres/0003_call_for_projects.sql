-- The call for projects (PostgreSQL). Keep in step with ../sqlite/0003_call_for_projects.sql.

-- A cohort's dated steps, in UTC (entered and shown in Europe/Paris time).
create table cohort_milestone (
    cohort_id uuid not null references cohort(id) on delete cascade,
    kind text not null,
    starts_at timestamptz not null,
    ends_at timestamptz,
    primary key (cohort_id, kind)
);

-- A cohort's rules, versioned: a version used by a proposal is never edited.
create table rule_set (
    id uuid primary key,
    cohort_id uuid not null references cohort(id) on delete cascade,
    version integer not null,
    body text not null,
    created_at timestamptz not null,
    created_by uuid references person(id),
    unique (cohort_id, version)
);

-- A challenge proposal: scalar columns for lists and filters, the form as JSON.
create table proposal (
    id uuid primary key,
    cohort_id uuid not null references cohort(id),
    rule_set_id uuid not null references rule_set(id),
    reference text not null unique,
    name text not null,
    organisation_id uuid references organisation(id),
    status text not null check (status in ('draft', 'submitted', 'withdrawn', 'ineligible', 'incomplete', 'under_review', 'info_requested', 'shortlisted', 'not_shortlisted', 'heard', 'no_show', 'selected', 'reserve', 'not_selected')),
    version integer not null,
    form text not null,
    created_by uuid not null references person(id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    submitted_at timestamptz,
    submission_hash text,
    status_reason text,
    info_request text,
    reopened text,
    challenge_id uuid references challenge(id)
);
create index proposal_cohort on proposal(cohort_id, status);

-- Who works on a proposal: its author and the contacts they invited.
create table proposal_member (
    proposal_id uuid not null references proposal(id) on delete cascade,
    person_id uuid not null references person(id) on delete cascade,
    role text not null,
    added_at timestamptz not null,
    primary key (proposal_id, person_id)
);
create index proposal_member_person on proposal_member(person_id);

-- Attached documents (PDF), stored in the database so that every instance serves them.
create table proposal_document (
    id uuid primary key,
    proposal_id uuid not null references proposal(id) on delete cascade,
    key text not null,
    filename text not null,
    size bigint not null,
    sha256 text not null,
    content bytea not null,
    uploaded_at timestamptz not null,
    uploaded_by uuid not null references person(id),
    unique (proposal_id, key)
);

-- Pre-selection reviews, one per reviewer.
create table proposal_review (
    proposal_id uuid not null references proposal(id) on delete cascade,
    reviewer_id uuid not null references person(id),
    eligible boolean,
    complete boolean,
    notes text not null,
    questions text not null,
    recommendation text check (recommendation in ('shortlist', 'reject', 'more_information')),
    updated_at timestamptz not null,
    primary key (proposal_id, reviewer_id)
);

-- Jury panels of a cohort's call for projects.
create table jury_panel (
    id uuid primary key,
    cohort_id uuid not null references cohort(id) on delete cascade,
    name text not null,
    referent_id uuid references person(id),
    created_at timestamptz not null,
    unique (cohort_id, name)
);

-- A juror, with the organisation they belong to (a proposal from it, or from a parent or child of
-- it, is a conflict of interest).
create table jury_panel_member (
    panel_id uuid not null references jury_panel(id) on delete cascade,
    person_id uuid not null references person(id) on delete cascade,
    organisation_id uuid references organisation(id),
    primary key (panel_id, person_id)
);
create index jury_panel_member_person on jury_panel_member(person_id);

-- A juror's declared conflict with a proposal.
create table conflict_declaration (
    person_id uuid not null references person(id) on delete cascade,
    proposal_id uuid not null references proposal(id) on delete cascade,
    reason text not null,
    declared_at timestamptz not null,
    primary key (person_id, proposal_id)
);

-- Which panel hears a proposal, and when.
create table panel_assignment (
    proposal_id uuid primary key references proposal(id) on delete cascade,
    panel_id uuid not null references jury_panel(id) on delete cascade,
    assigned_by text not null check (assigned_by in ('auto', 'manual')),
    assigned_at timestamptz not null,
    hearing_at timestamptz,
    duration_minutes integer,
    mode text check (mode in ('onsite', 'video')),
    location text,
    hearing_sequence integer not null default 0,
    heard boolean not null default false
);
create index panel_assignment_panel on panel_assignment(panel_id);

-- Scores: one per juror, and the panel's consensus (author null).
create table evaluation (
    id uuid primary key,
    proposal_id uuid not null references proposal(id) on delete cascade,
    panel_id uuid not null references jury_panel(id) on delete cascade,
    author_id uuid references person(id),
    scores text not null,
    opinion text check (opinion in ('favourable', 'unfavourable')),
    coup_de_coeur boolean not null,
    comment text not null,
    submitted_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index evaluation_author on evaluation(proposal_id, author_id);
create unique index evaluation_consensus on evaluation(proposal_id) where author_id is null;

-- A panel's ranking of its proposals.
create table panel_ranking (
    panel_id uuid not null references jury_panel(id) on delete cascade,
    proposal_id uuid not null references proposal(id) on delete cascade,
    position integer not null,
    explanation text not null,
    primary key (panel_id, proposal_id)
);

-- The outcome of the call: staged by staff, approved by the validator, published at a set time.
create table decision_round (
    cohort_id uuid primary key references cohort(id) on delete cascade,
    status text not null check (status in ('staging', 'approved', 'published')),
    approved_by uuid references person(id),
    approved_at timestamptz,
    publish_at timestamptz,
    published_at timestamptz
);

create table decision_entry (
    cohort_id uuid not null references decision_round(cohort_id) on delete cascade,
    proposal_id uuid not null references proposal(id) on delete cascade,
    outcome text not null check (outcome in ('selected', 'reserve', 'not_selected')),
    staged_by uuid not null references person(id),
    staged_at timestamptz not null,
    primary key (cohort_id, proposal_id)
);
