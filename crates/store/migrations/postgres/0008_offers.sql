-- Offers of the call for applications: the matching published by the validator, one offer per
-- placed candidate with a deadline; an answer or an expiry cascades the seat. Twin: sqlite/0008_offers.sql.
create table matching_round (
    cohort_id uuid primary key references cohort(id) on delete cascade,
    approved_by uuid not null references person(id),
    published_at timestamptz not null
);

create table offer (
    application_id uuid primary key references application(id) on delete cascade,
    challenge_id uuid not null references challenge(id) on delete cascade,
    profile text not null,
    offered_at timestamptz not null,
    deadline timestamptz not null,
    response text check (response in ('accepted', 'declined', 'expired')),
    responded_at timestamptz
);
