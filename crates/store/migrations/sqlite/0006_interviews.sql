-- Interviews of the call for applications: slots staff open and the one booking each holds.
-- Twin: postgres/0006_interviews.sql.

-- A slot (Paris time in the pages, UTC here), for a challenge or the whole cohort.
create table interview_slot (
    id blob primary key,
    cohort_id blob not null references cohort(id) on delete cascade,
    challenge_id blob references challenge(id) on delete cascade,
    starts_at text not null,
    duration_minutes integer not null,
    mode text not null check (mode in ('onsite', 'video')),
    location text not null,
    sequence integer not null default 0,
    created_at text not null
);
create index interview_slot_cohort on interview_slot(cohort_id, starts_at);

-- One candidate per slot and one slot per application: two candidates racing for the last slot
-- cannot both have it (the primary key settles it).
create table interview_booking (
    slot_id blob primary key references interview_slot(id) on delete cascade,
    application_id blob not null unique references application(id) on delete cascade,
    booked_at text not null
);
