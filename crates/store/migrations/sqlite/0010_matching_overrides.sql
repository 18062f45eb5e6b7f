-- Staff overrides of the matching, before publication: a candidate placed on another list (or on
-- none), with the reason; the matching is re-checked for blocking pairs. Twin: the other tree's
-- 0010_matching_overrides.sql.
create table matching_override (
    application_id blob primary key references application(id) on delete cascade,
    cohort_id blob not null references cohort(id) on delete cascade,
    challenge_id blob references challenge(id) on delete cascade,
    profile text,
    reason text not null,
    by_person blob not null references person(id),
    created_at text not null
);
create index matching_override_cohort on matching_override(cohort_id);
