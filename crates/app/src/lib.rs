#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod error;
pub mod import;
pub mod public;

use std::sync::Arc;

use cohorte_domain::clock::Clock;
pub use cohorte_store::{Backend, ConnectOptions, Db};
pub use error::AppError;
use time::OffsetDateTime;

/// What every use case needs.
#[derive(Clone)]
pub struct Ctx {
    /// The database.
    pub db: Db,
    /// The clock (read once per use case).
    pub clock: Arc<dyn Clock>,
}

impl Ctx {
    /// A context over a database, with the system clock.
    pub fn new(db: Db) -> Self {
        Self { db, clock: Arc::new(SystemClock) }
    }
}

/// The real clock.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        #[expect(clippy::disallowed_methods, reason = "the one place that reads the system clock")]
        OffsetDateTime::now_utc()
    }
}

/// Opens and migrates the database named by the URL.
pub async fn open_database(url: &str, opts: &ConnectOptions) -> Result<Db, AppError> {
    let db = Db::connect(url, opts).await.map_err(AppError::from)?;
    db.migrate().await.map_err(AppError::from)?;
    Ok(db)
}

/// Whether the database answers (for `/readyz`).
pub async fn ping(ctx: &Ctx) -> Result<(), AppError> {
    ctx.db.ping().await.map_err(AppError::from)
}

/// The content version: page caches watch it to drop stale pages.
pub async fn content_version(ctx: &Ctx) -> Result<i64, AppError> {
    let mut c = ctx.db.acquire().await?;
    Ok(cohorte_store::meta::content_version(&mut c.conn()).await?)
}
