-- The panels' ranked lists of the call for applications: one per (challenge, profile), best
-- first; the matching reads them. Twin: postgres/0007_rankings.sql.
create table application_ranking (
    cohort_id blob not null references cohort(id) on delete cascade,
    challenge_id blob not null references challenge(id) on delete cascade,
    profile text not null,
    application_id blob not null references application(id) on delete cascade,
    position integer not null,
    ranked_at text not null,
    primary key (challenge_id, profile, application_id),
    unique (challenge_id, profile, position)
);
create index application_ranking_cohort on application_ranking(cohort_id);
