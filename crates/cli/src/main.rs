//! `cohorte`: the one binary. `serve`, `migrate`, `import eig-opendata DIR`, `check-config`.

mod config;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use cohorte_app::import::{ImportSummary, Progress, import_eig};
use cohorte_app::{ConnectOptions, Ctx};
use cohorte_web::{AppState, WebConfig};
use config::Settings;
use indicatif::{ProgressBar, ProgressStyle};

/// Cohorte runs a public-interest fellowship program end to end.
#[derive(Debug, Parser)]
#[command(name = "cohorte", version, about)]
struct Cli {
    /// Configuration file (TOML). Default: $COHORTE_CONFIG, else ./cohorte.toml when present.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site.
    Serve {
        /// Address to listen on (HOST:PORT). Default 127.0.0.1:8080 ($COHORTE_ADDR).
        #[arg(long)]
        addr: Option<String>,
        /// Database URL: sqlite://FILE or postgres://… ($COHORTE_DATABASE_URL).
        #[arg(long)]
        database_url: Option<String>,
        /// Load the bundled EIG open data first when the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Run the job worker alone (sends mail; `serve` runs one too unless COHORTE_WORKER=false).
    Worker {
        /// Database URL.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Check the audit log's hash chain.
    AuditVerify {
        /// Database URL.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Apply pending database migrations.
    Migrate {
        /// Database URL.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Import data.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Print the effective configuration (secrets redacted) and check it.
    CheckConfig,
}

#[derive(Debug, Subcommand)]
enum ImportSource {
    /// The EIG open data folder (data/eig-opendata).
    EigOpendata {
        /// The folder.
        dir: PathBuf,
        /// The curation file (organisation tree, host rules, project groups).
        #[arg(long)]
        curation: Option<PathBuf>,
        /// Database URL.
        #[arg(long)]
        database_url: Option<String>,
        /// Print every report line (default: counts and the first lines of each kind).
        #[arg(long)]
        verbose: bool,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut settings = Settings::load(cli.config.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the runtime")?;
    match cli.command {
        Command::CheckConfig => {
            print!("{}", settings.redacted());
            let problems = settings.check();
            if problems.is_empty() {
                println!("# configuration OK");
                Ok(())
            } else {
                for p in &problems {
                    eprintln!("problem: {p}");
                }
                bail!("{} configuration problem(s)", problems.len())
            }
        }
        Command::Migrate { database_url } => {
            init_logs(&settings)?;
            if let Some(u) = database_url {
                settings.database_url = Some(u);
            }
            runtime.block_on(async {
                let db = open(&settings).await?;
                tracing::info!(database = %cohorte_store::redact_url(&settings.database_url()), "migrations applied");
                db.close().await;
                Ok(())
            })
        }
        Command::Import { source: ImportSource::EigOpendata { dir, curation, database_url, verbose } } => {
            init_logs(&settings)?;
            if let Some(u) = database_url {
                settings.database_url = Some(u);
            }
            let curation = curation.unwrap_or_else(|| settings.curation.clone());
            runtime.block_on(async {
                let db = open(&settings).await?;
                let ctx = Ctx::new(db.clone());
                let summary = import_with_progress(&ctx, &dir, &curation).await?;
                print_summary(&summary, verbose);
                db.close().await;
                Ok(())
            })
        }
        Command::Worker { database_url } => {
            if let Some(u) = database_url {
                settings.database_url = Some(u);
            }
            init_logs(&settings)?;
            runtime.block_on(async {
                let db = open(&settings).await?;
                let ctx = app_ctx(&settings, db.clone(), false)?;
                let mailer = mailer(&settings, &ctx, false)?;
                let (tx, rx) = tokio::sync::watch::channel(false);
                let worker = cohorte_app::worker::Worker::new(ctx, mailer, worker_id());
                tracing::info!("job worker started");
                let handle = tokio::spawn(worker.run(rx));
                shutdown_signal().await;
                let _ = tx.send(true);
                let _ = handle.await;
                db.close().await;
                tracing::info!("job worker stopped");
                Ok(())
            })
        }
        Command::AuditVerify { database_url } => {
            if let Some(u) = database_url {
                settings.database_url = Some(u);
            }
            runtime.block_on(async {
                let db = open(&settings).await?;
                let mut c = db.acquire().await?;
                let check = cohorte_store::audit::verify(&mut c.conn()).await?;
                drop(c);
                db.close().await;
                match check {
                    cohorte_store::audit::ChainCheck::Intact(n) => {
                        println!("audit log intact: {n} entries");
                        Ok(())
                    }
                    cohorte_store::audit::ChainCheck::BrokenAt(seq) => bail!("audit log broken at entry {seq}"),
                }
            })
        }
        Command::Serve { addr, database_url, demo } => {
            if let Some(a) = addr {
                settings.addr = a;
            }
            if let Some(u) = database_url {
                settings.database_url = Some(u);
            }
            init_logs(&settings)?;
            runtime.block_on(serve(settings, demo))
        }
    }
}

fn init_logs(s: &Settings) -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_new(&s.log).context("COHORTE_LOG is not a valid filter")?;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if s.log_format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.compact().init();
    }
    Ok(())
}

async fn open(s: &Settings) -> anyhow::Result<cohorte_app::Db> {
    let url = s.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&s.data_dir).with_context(|| format!("creating {}", s.data_dir.display()))?;
    }
    cohorte_app::open_database(&url, &ConnectOptions { max_connections: s.max_connections })
        .await
        .with_context(|| format!("opening {}", cohorte_store::redact_url(&url)))
}

async fn import_with_progress(ctx: &Ctx, dir: &std::path::Path, curation: &std::path::Path) -> anyhow::Result<ImportSummary> {
    let bar = ProgressBar::new(1);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:>14} [{bar:40}] {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let b = bar.clone();
    let progress = move |p: Progress| {
        b.set_length(p.total);
        b.set_position(p.done);
        b.set_message(p.stage);
    };
    let result = import_eig(ctx, dir, curation, &progress).await;
    bar.finish_and_clear();
    Ok(result?)
}

fn print_summary(s: &ImportSummary, verbose: bool) {
    println!("Import of the EIG open data — {} record(s) written", s.changes());
    println!("{:<18} {:>8} {:>8} {:>10} {:>8}", "", "created", "updated", "unchanged", "removed");
    for (kind, c) in &s.counts {
        println!("{kind:<18} {:>8} {:>8} {:>10} {:>8}", c.created, c.updated, c.unchanged, c.removed);
    }
    println!();
    println!("What the importer did about the data (nothing is dropped silently):");
    for kind in cohorte_domain::eig::ReportKind::ALL {
        let entries: Vec<_> = s.report.entries.iter().filter(|e| e.kind == *kind).collect();
        if entries.is_empty() {
            continue;
        }
        println!("  {} ({})", kind.as_str(), entries.len());
        let shown = if verbose { entries.len() } else { 5 };
        for e in entries.iter().take(shown) {
            println!("    - {}: {}", e.subject, e.detail);
        }
        if entries.len() > shown {
            println!("    … {} more (use --verbose)", entries.len() - shown);
        }
    }
}

fn worker_id() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_else(|_| "host".into());
    format!("{host}:{}", std::process::id())
}

/// The use cases' context for these settings.
fn app_ctx(s: &Settings, db: cohorte_app::Db, demo: bool) -> anyhow::Result<Ctx> {
    let mode = if demo {
        cohorte_app::Mode::Demo
    } else if s.mode == "development" {
        cohorte_app::Mode::Development
    } else {
        cohorte_app::Mode::Production
    };
    let oidc = match (&s.oidc_issuer, &s.oidc_client_id, &s.oidc_client_secret) {
        (Some(issuer), Some(id), Some(secret)) => Some(cohorte_app::oidc::OidcSettings {
            issuer: issuer.clone(),
            client_id: id.clone(),
            client_secret: secret.clone(),
            label: s.oidc_label.clone(),
        }),
        _ => None,
    };
    let settings = cohorte_app::Settings { base_url: s.base_url(), mode, mail_from: s.mail_from.clone(), oidc };
    Ok(Ctx::new(db).with_settings(settings)?)
}

/// How mail leaves: SMTP in production, the file sink in development and demo.
fn mailer(s: &Settings, ctx: &Ctx, demo: bool) -> anyhow::Result<Arc<dyn cohorte_app::mail::Mailer>> {
    if demo || ctx.settings.mode.is_dev() {
        return Ok(Arc::new(cohorte_app::mail::FileMailer { dir: s.mail_dir(), from: s.mail_from.clone(), clock: ctx.clock.clone() }));
    }
    let Some(host) = &s.smtp_host else {
        bail!("production mode sends mail through SMTP: set COHORTE_SMTP_HOST (or COHORTE_MODE=development)");
    };
    let smtp = cohorte_app::mail::SmtpSettings {
        host: host.clone(),
        port: s.smtp_port,
        tls: s.smtp_tls.clone(),
        username: s.smtp_username.clone(),
        password: s.smtp_password.clone(),
    };
    Ok(Arc::new(cohorte_app::mail::SmtpMailer::new(&smtp, &s.mail_from)?))
}

async fn serve(s: Settings, demo: bool) -> anyhow::Result<()> {
    let db = open(&s).await?;
    let ctx = app_ctx(&s, db.clone(), demo)?;
    let mailer = mailer(&s, &ctx, demo)?;
    if demo {
        if cohorte_app::import::is_empty(&ctx).await? {
            tracing::info!(dir = %s.demo_data.display(), "empty database: loading the EIG demo data");
            let summary = import_with_progress(&ctx, &s.demo_data, &s.curation).await?;
            tracing::info!(records = summary.changes(), report_lines = summary.report.entries.len(), "demo data loaded");
        } else {
            tracing::info!("database already holds content: demo data not reloaded");
        }
        let created = cohorte_app::demo::seed(&ctx).await?;
        if created > 0 {
            tracing::info!(accounts = created, "demo accounts created (see the README)");
        }
    }
    let config = WebConfig {
        public_url: s.public_url.clone(),
        assets_dir: s.assets_dir.clone(),
        page_cache: s.page_cache,
        mail_dir: ctx.settings.mode.is_dev().then(|| s.mail_dir()),
        trusted_proxies: s.trusted_proxies.clone(),
        ..WebConfig::default()
    };
    if !s.assets_dir.join("node_modules/@gouvfr/dsfr/dist").is_dir() {
        tracing::warn!(assets = %s.assets_dir.display(), "DSFR assets not found: run `npm ci` (pages will be unstyled)");
    }
    let state = AppState::new(ctx.clone(), config).await?;
    let watch = state.spawn_content_watch();
    let (stop_worker, worker_rx) = tokio::sync::watch::channel(false);
    let worker = s.worker.then(|| tokio::spawn(cohorte_app::worker::Worker::new(ctx.clone(), mailer.clone(), worker_id()).run(worker_rx)));
    let app = cohorte_web::router(state.clone());
    let listener = tokio::net::TcpListener::bind(&s.addr).await.with_context(|| format!("binding {}", s.addr))?;
    let local = listener.local_addr()?;
    tracing::info!(addr = %local, database = %cohorte_store::redact_url(&s.database_url()), "Cohorte is listening on http://{local}");

    let draining = Arc::new(tokio::sync::Notify::new());
    let signal_state = state.clone();
    let d = draining.clone();
    let server =
        axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).with_graceful_shutdown(async move {
            shutdown_signal().await;
            tracing::info!("shutting down: finishing requests in flight");
            signal_state.set_ready(false);
            d.notify_waiters();
        });
    let grace = Duration::from_secs(s.shutdown_grace_secs);
    let deadline = async move {
        draining.notified().await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        r = server => r.context("server")?,
        () = deadline => tracing::warn!(grace_secs = s.shutdown_grace_secs, "drain deadline passed: closing remaining connections"),
    }
    watch.abort();
    let _ = stop_worker.send(true);
    if let Some(w) = worker {
        let _ = tokio::time::timeout(Duration::from_secs(10), w).await;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
