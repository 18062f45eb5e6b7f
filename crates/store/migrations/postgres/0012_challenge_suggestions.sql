-- An interview panel proposes a candidate for another challenge (a list they did not choose),
-- with a note; the candidate accepts (the list joins their ranked choices, after their own) or
-- declines. Twin: the other tree's 0012_challenge_suggestions.sql.
create table challenge_suggestion (
    id uuid primary key,
    application_id uuid not null references application(id) on delete cascade,
    cohort_id uuid not null references cohort(id) on delete cascade,
    challenge_id uuid not null references challenge(id) on delete cascade,
    profile text not null,
    note text not null,
    by_person uuid not null references person(id),
    created_at timestamptz not null,
    answer text,
    answered_at timestamptz,
    unique (application_id, challenge_id, profile)
);
create index challenge_suggestion_cohort on challenge_suggestion(cohort_id);
