-- Twin: postgres/0004_review_fixes.sql.
-- Proposal references come from a per-cohort counter: a deleted draft's number is never reused,
-- and two proposals never get the same one.
create table proposal_counter (
    cohort_id blob primary key references cohort(id) on delete cascade,
    last integer not null
);
insert into proposal_counter (cohort_id, last)
select p.cohort_id, max(cast(replace(p.reference, upper(c.code) || '-', '') as integer))
from proposal p join cohort c on c.id = p.cohort_id
group by p.cohort_id;

-- The language a person reads the site in: mail to them is written in it.
alter table person add column lang text check (lang in ('fr', 'en'));

-- A challenge's former addresses: renaming a published challenge keeps its old links working
-- (the public page redirects permanently to the current address).
create table challenge_alias (
    slug text primary key,
    challenge_id blob not null references challenge(id) on delete cascade
);
