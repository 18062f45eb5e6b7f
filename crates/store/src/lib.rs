#![doc = include_str!("../README.md")]

pub mod applications;
pub mod audit;
pub mod call;
pub mod content;
pub mod dialect;
pub mod identity;
pub mod jobs;
pub mod meta;
pub mod people;
pub mod read;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};

/// A pool on either database.
#[derive(Clone, Debug)]
pub enum Db {
    /// An embedded SQLite file.
    Sqlite(SqlitePool),
    /// A PostgreSQL server.
    Postgres(PgPool),
}

/// A connection borrowed from a pool or a transaction.
pub enum Conn<'a> {
    /// SQLite.
    Sqlite(&'a mut sqlx::SqliteConnection),
    /// PostgreSQL.
    Postgres(&'a mut sqlx::PgConnection),
}

/// Runs the same body once per backend; `$c` is the native connection.
#[macro_export]
macro_rules! on_conn {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::Conn::Sqlite(inner) => {
                let $c = &mut **inner;
                $body
            }
            $crate::Conn::Postgres(inner) => {
                let $c = &mut **inner;
                $body
            }
        }
    };
}

/// A transaction on either database.
pub enum Tx {
    /// SQLite.
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    /// PostgreSQL.
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// The transaction's connection.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(&mut *t),
            Tx::Postgres(t) => Conn::Postgres(&mut *t),
        }
    }

    /// Commits; the data is durable when this returns (SQLite `synchronous=FULL`).
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// A connection held from the pool.
pub enum PoolConn {
    /// SQLite.
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    /// PostgreSQL.
    Postgres(sqlx::pool::PoolConnection<Postgres>),
}

impl PoolConn {
    /// The connection.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            PoolConn::Sqlite(c) => Conn::Sqlite(&mut *c),
            PoolConn::Postgres(c) => Conn::Postgres(&mut *c),
        }
    }
}

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such row.
    #[error("not found")]
    NotFound,
    /// A uniqueness or foreign-key constraint refused the write.
    #[error("conflict on {constraint}")]
    Conflict {
        /// The constraint.
        constraint: String,
    },
    /// A stored value could not be read back into a domain type.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The database URL is not one we support.
    #[error("unsupported database URL (use sqlite://FILE or postgres://…): {0}")]
    UnsupportedUrl(String),
    /// The database failed.
    #[error(transparent)]
    Db(sqlx::Error),
    /// A migration failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(d) if d.is_unique_violation() || d.is_foreign_key_violation() => {
                StoreError::Conflict { constraint: d.constraint().unwrap_or("unknown").to_owned() }
            }
            sqlx::Error::ColumnDecode { index, source } => StoreError::Corrupt(format!("column {index}: {source}")),
            _ => StoreError::Db(e),
        }
    }
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// Reads the scheme of a database URL.
    pub fn of_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(redact_url(url)))
        }
    }
}

/// A database URL without its password, for logs and `check-config`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Options for opening the database.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// The most connections in the pool.
    pub max_connections: u32,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self { max_connections: 8 }
    }
}

impl Db {
    /// Opens the database named by the URL (SQLite: created when missing, WAL,
    /// `synchronous=FULL`, foreign keys on, 5 s busy timeout).
    pub async fn connect(url: &str, opts: &ConnectOptions) -> Result<Self, StoreError> {
        match Backend::of_url(url)? {
            Backend::Sqlite => {
                let o = SqliteConnectOptions::from_str(url)
                    .map_err(|_| StoreError::UnsupportedUrl(url.to_owned()))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                let pool = SqlitePoolOptions::new().max_connections(opts.max_connections).connect_with(o).await?;
                Ok(Db::Sqlite(pool))
            }
            Backend::Postgres => {
                let o = PgConnectOptions::from_str(url).map_err(|_| StoreError::UnsupportedUrl(redact_url(url)))?;
                let pool = PgPoolOptions::new()
                    .max_connections(opts.max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(o)
                    .await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the pending migrations of this backend.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Db::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Starts a transaction. On SQLite it is `BEGIN IMMEDIATE`: it takes the write lock at once
    /// (waiting up to the busy timeout), so two transactions that read then write never deadlock,
    /// which SQLite would otherwise answer with an immediate "database is locked".
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Takes a connection from the pool (for reads).
    pub async fn acquire(&self) -> Result<PoolConn, StoreError> {
        Ok(match self {
            Db::Sqlite(p) => PoolConn::Sqlite(p.acquire().await?),
            Db::Postgres(p) => PoolConn::Postgres(p.acquire().await?),
        })
    }

    /// Checks the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut c = self.acquire().await?;
        let mut conn = c.conn();
        let one: i64 = on_conn!(&mut conn, |c| sqlx::query_scalar("select cast(1 as bigint)").fetch_one(c).await)?;
        if one == 1 { Ok(()) } else { Err(StoreError::Corrupt("select 1".into())) }
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// A stable fingerprint of a record (FNV-1a 64 over its debug form): an import compares it to
/// tell "unchanged" from "updated" without reading every column back.
pub fn fingerprint(value: &impl std::fmt::Debug) -> String {
    let text = format!("{value:?}");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_url_hides_passwords_only() {
        assert_eq!(redact_url("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("sqlite://var/x.db"), "sqlite://var/x.db");
    }

    #[test]
    fn backend_of_url_refuses_other_schemes() {
        assert_eq!(Backend::of_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of_url("postgresql://h/db").unwrap(), Backend::Postgres);
        assert!(matches!(Backend::of_url("mysql://h/db"), Err(StoreError::UnsupportedUrl(_))));
    }

    #[test]
    fn fingerprint_is_stable_and_discriminating() {
        assert_eq!(fingerprint(&("a", 1)), fingerprint(&("a", 1)));
        assert_ne!(fingerprint(&("a", 1)), fingerprint(&("a", 2)));
        assert_eq!(fingerprint(&"x").len(), 16);
    }
}
