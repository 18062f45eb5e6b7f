//! The few places where SQLite and PostgreSQL need different SQL. Everything else is written
//! once. (Empty for now: the content schema needs no dialect-specific query; the job claim and
//! full-text search will live here.)

use crate::Backend;

/// The name of the backend, for logs and `check-config`.
pub fn name(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}
