-- Identity, sessions, protections and records (PostgreSQL). Keep in step with ../sqlite/0002_identity.sql.

-- A person's email addresses; a verified address can receive sign-in links.
create table person_email (
    person_id uuid not null references person(id) on delete cascade,
    email text not null unique,
    verified_at timestamptz,
    is_primary boolean not null,
    created_at timestamptz not null,
    primary key (person_id, email)
);

-- OpenID Connect accounts linked to a person, by (issuer, subject); never by email.
create table oidc_identity (
    issuer text not null,
    subject text not null,
    person_id uuid not null references person(id) on delete cascade,
    email text,
    linked_at timestamptz not null,
    last_login_at timestamptz,
    primary key (issuer, subject)
);

-- Role grants by staff (imported roles have no granter); a revoked grant is kept for the record.
alter table role_assignment add column granted_by uuid references person(id);
alter table role_assignment add column granted_at timestamptz;
alter table role_assignment add column revoked_at timestamptz;
alter table role_assignment add column revoked_by uuid references person(id);

-- Browser sessions: the cookie holds a random token, the database only its SHA-256.
create table session (
    id_hash text primary key,
    person_id uuid references person(id) on delete cascade,
    csrf_token text not null,
    auth_method text check (auth_method in ('magic_link', 'oidc', 'totp', 'recovery_code')),
    strong_auth_at timestamptz,
    authenticated_at timestamptz,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    idle_timeout_secs bigint not null,
    absolute_expires_at timestamptz not null,
    user_agent text,
    ip text,
    pending_person_id uuid references person(id) on delete cascade,
    oidc_state text,
    must_rotate boolean not null default false,
    revoked_at timestamptz
);
create index session_person on session(person_id);

-- Single-use tokens sent by email (sign-in links, invitations, email changes); only hashes stored.
create table email_token (
    token_hash text primary key,
    purpose text not null check (purpose in ('login', 'invite', 'email_change')),
    email text not null,
    person_id uuid references person(id) on delete cascade,
    session_hash text,
    payload text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz
);
create index email_token_email on email_token(email);

-- Second factor.
create table totp_credential (
    person_id uuid primary key references person(id) on delete cascade,
    secret text not null,
    confirmed_at timestamptz,
    last_step bigint,
    created_at timestamptz not null
);

create table recovery_code (
    person_id uuid not null references person(id) on delete cascade,
    code_hash text not null,
    used_at timestamptz,
    primary key (person_id, code_hash)
);

-- Fixed-window counters shared by every instance.
create table rate_limit (
    bucket text not null,
    window_start bigint not null,
    hits bigint not null,
    primary key (bucket, window_start)
);

-- Append-only, tamper-evident audit log: each entry's hash covers the previous one's.
create table audit_log (
    seq bigint primary key,
    at timestamptz not null,
    actor_id uuid,
    actor_label text not null,
    action text not null,
    object_type text not null,
    object_id text not null,
    details text not null,
    ip text,
    prev_hash text not null,
    hash text not null
);
create index audit_log_action on audit_log(action);
create index audit_log_actor on audit_log(actor_id);

create table audit_head (
    id integer primary key check (id = 1),
    seq bigint not null,
    hash text not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only();

-- Background jobs (mail and others), claimed with one portable statement.
create table job (
    id uuid primary key,
    kind text not null,
    payload text not null,
    dedup_key text unique,
    status text not null check (status in ('pending', 'running', 'done', 'failed')),
    run_at bigint not null,
    attempts bigint not null,
    max_attempts bigint not null,
    locked_by text,
    locked_until bigint,
    last_error text,
    created_at timestamptz not null,
    finished_at timestamptz
);
create index job_ready on job(status, run_at);

-- Requests to delete one's account and data, handled by staff.
create table deletion_request (
    id uuid primary key,
    person_id uuid not null references person(id) on delete cascade,
    reason text,
    requested_at timestamptz not null,
    status text not null check (status in ('open', 'done', 'refused'))
);
