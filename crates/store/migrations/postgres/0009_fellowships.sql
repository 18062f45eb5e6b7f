-- Fellowships: an accepted offer makes the person a fellow of the challenge in the cohort; the
-- team is announced by staff (then the public challenge page shows it). Twin: sqlite/0009_fellowships.sql.
create table fellowship (
    id uuid primary key,
    application_id uuid not null unique references application(id) on delete cascade,
    person_id uuid not null references person(id),
    cohort_id uuid not null references cohort(id) on delete cascade,
    challenge_id uuid not null references challenge(id) on delete cascade,
    profile text not null,
    state text not null check (state in ('onboarding', 'active', 'extended', 'ended', 'left_early')),
    salary_net_monthly_eur integer,
    created_at timestamptz not null,
    announced_at timestamptz
);
create index fellowship_challenge on fellowship(challenge_id);
create index fellowship_cohort on fellowship(cohort_id);
