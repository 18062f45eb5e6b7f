-- The interview panel's scores on the grid: each member's own, and the consensus staff record
-- (scorer 'consensus'). Twin: the other tree's 0011_interview_evaluations.sql.
create table interview_evaluation (
    application_id blob not null references application(id) on delete cascade,
    scorer text not null,
    scores text not null,
    comment text not null,
    updated_at text not null,
    primary key (application_id, scorer)
);
