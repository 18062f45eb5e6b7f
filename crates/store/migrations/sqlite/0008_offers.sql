-- Offers of the call for applications: the matching published by the validator, one offer per
-- placed candidate with a deadline; an answer or an expiry cascades the seat. Twin: postgres/0008_offers.sql.
create table matching_round (
    cohort_id blob primary key references cohort(id) on delete cascade,
    approved_by blob not null references person(id),
    published_at text not null
);

create table offer (
    application_id blob primary key references application(id) on delete cascade,
    challenge_id blob not null references challenge(id) on delete cascade,
    profile text not null,
    offered_at text not null,
    deadline text not null,
    response text check (response in ('accepted', 'declined', 'expired')),
    responded_at text
);
