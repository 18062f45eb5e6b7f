-- Staff overrides of the matching, before publication: a candidate placed on another list (or on
-- none), with the reason; the matching is re-checked for blocking pairs. Twin: the other tree's
-- 0010_matching_overrides.sql.
create table matching_override (
    application_id uuid primary key references application(id) on delete cascade,
    cohort_id uuid not null references cohort(id) on delete cascade,
    challenge_id uuid references challenge(id) on delete cascade,
    profile text,
    reason text not null,
    by_person uuid not null references person(id),
    created_at timestamptz not null
);
create index matching_override_cohort on matching_override(cohort_id);
