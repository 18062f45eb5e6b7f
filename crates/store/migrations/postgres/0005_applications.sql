-- The call for applications, first part: applications, their documents and their reviews.
-- Twin: sqlite/0005_applications.sql.

-- Application references come from a per-cohort counter, like proposal references.
create table application_counter (
    cohort_id uuid primary key references cohort(id) on delete cascade,
    last bigint not null
);

-- A candidate's application: scalar columns for lists and filters, the form as JSON. One per
-- person and cohort.
create table application (
    id uuid primary key,
    cohort_id uuid not null references cohort(id),
    rule_set_id uuid not null references rule_set(id),
    reference text not null unique,
    person_id uuid not null references person(id),
    status text not null check (status in ('draft', 'submitted', 'withdrawn', 'ineligible', 'in_preselection', 'info_requested', 'not_preselected', 'preselected', 'choices_submitted', 'interview_scheduled', 'interviewed', 'no_show', 'offered', 'accepted', 'declined', 'expired', 'not_selected')),
    version integer not null,
    form text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    submitted_at timestamptz,
    submission_hash text,
    status_reason text,
    info_request text,
    unique (cohort_id, person_id)
);
create index application_cohort on application(cohort_id, status);

-- The CV and other documents (PDF), in the database so that every instance serves them.
create table application_document (
    id uuid primary key,
    application_id uuid not null references application(id) on delete cascade,
    key text not null,
    filename text not null,
    size bigint not null,
    sha256 text not null,
    content bytea not null,
    uploaded_at timestamptz not null,
    unique (application_id, key)
);

-- Who reviews an application (assigned by the solver or moved by staff), and in which order the
-- reviewer reads their applications (random, drawn once).
create table application_reviewer (
    application_id uuid not null references application(id) on delete cascade,
    reviewer_id uuid not null references person(id) on delete cascade,
    assigned_by text not null check (assigned_by in ('auto', 'manual')),
    assigned_at timestamptz not null,
    read_order integer not null,
    primary key (application_id, reviewer_id)
);
create index application_reviewer_person on application_reviewer(reviewer_id);

-- A reviewer's scores on the grid (JSON: criterion → 0..scale), with a comment.
create table application_review (
    application_id uuid not null references application(id) on delete cascade,
    reviewer_id uuid not null references person(id) on delete cascade,
    scores text not null,
    comment text not null,
    submitted_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (application_id, reviewer_id)
);

-- A conflict of interest with a candidate, declared by a reviewer or staff: never assigned.
create table application_conflict (
    person_id uuid not null references person(id) on delete cascade,
    application_id uuid not null references application(id) on delete cascade,
    reason text not null,
    declared_at timestamptz not null,
    primary key (person_id, application_id)
);
