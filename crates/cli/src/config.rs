//! Configuration: defaults, then a TOML file, then `COHORTE_*` environment variables, then flags.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The effective settings of the `cohorte` binary. Every key can be set in the TOML file
/// (`--config FILE`, else `$COHORTE_CONFIG`, else `./cohorte.toml` when present) and overridden
/// by the environment variable named beside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `COHORTE_DATABASE_URL`: `sqlite://FILE` or `postgres://…`. Default: SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// `COHORTE_DATA_DIR`: where the default SQLite file lives. Default `var`.
    pub data_dir: PathBuf,
    /// `COHORTE_ADDR`: the address `serve` listens on. Default `127.0.0.1:8080`.
    pub addr: String,
    /// `COHORTE_PUBLIC_URL`: the public address (`https://…`): absolute links, HSTS.
    pub public_url: Option<String>,
    /// `COHORTE_ASSETS_DIR`: the folder holding `node_modules` (DSFR). Default `.`.
    pub assets_dir: PathBuf,
    /// `COHORTE_DEMO_DATA`: the EIG open data loaded by `serve --demo`. Default `data/eig-opendata`.
    pub demo_data: PathBuf,
    /// `COHORTE_CURATION`: the curation file of the EIG import. Default `data/curation/eig.yml`.
    pub curation: PathBuf,
    /// `COHORTE_LOG_FORMAT`: `pretty` or `json`. Default `pretty`.
    pub log_format: String,
    /// `COHORTE_LOG`: log filter (tracing syntax). Default `info,sqlx=warn`.
    pub log: String,
    /// `COHORTE_PAGE_CACHE`: keep rendered public pages in memory. Default `true`.
    pub page_cache: bool,
    /// `COHORTE_MAX_CONNECTIONS`: database pool size. Default 16.
    pub max_connections: u32,
    /// `COHORTE_SHUTDOWN_GRACE`: seconds to finish requests after SIGTERM. Default 30.
    pub shutdown_grace_secs: u64,
    /// `COHORTE_MODE`: `production` (SMTP mail, no development pages) or `development` (mail
    /// written to `mail_dir` and listed at `/dev/mail`). `serve --demo` runs in demo mode.
    /// Default `production`.
    pub mode: String,
    /// `COHORTE_MAIL_DIR`: the development mail folder. Default `<data_dir>/mail`.
    pub mail_dir: Option<PathBuf>,
    /// `COHORTE_MAIL_FROM`: the sender of emails. Default `Cohorte <no-reply@localhost>`.
    pub mail_from: String,
    /// `COHORTE_SMTP_HOST`: the SMTP server (required in production).
    pub smtp_host: Option<String>,
    /// `COHORTE_SMTP_PORT`: its port. Default 587.
    pub smtp_port: u16,
    /// `COHORTE_SMTP_TLS`: `starttls`, `tls` or `none`. Default `starttls`.
    pub smtp_tls: String,
    /// `COHORTE_SMTP_USERNAME`.
    pub smtp_username: Option<String>,
    /// `COHORTE_SMTP_PASSWORD` (secret).
    pub smtp_password: Option<String>,
    /// `COHORTE_OIDC_ISSUER`: the OpenID Provider's issuer URL (enables OpenID Connect sign-in).
    pub oidc_issuer: Option<String>,
    /// `COHORTE_OIDC_CLIENT_ID`.
    pub oidc_client_id: Option<String>,
    /// `COHORTE_OIDC_CLIENT_SECRET` (secret).
    pub oidc_client_secret: Option<String>,
    /// `COHORTE_OIDC_LABEL`: the provider's name on buttons. Default `ProConnect`.
    pub oidc_label: String,
    /// `COHORTE_WORKER`: run the job worker inside `serve`. Default `true`.
    pub worker: bool,
    /// `COHORTE_TRUSTED_PROXIES`: comma-separated addresses of the reverse proxies in front of
    /// Cohorte; only their `X-Forwarded-For` is believed (rate limits and session lists use the
    /// client's address). Default none.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("var"),
            addr: "127.0.0.1:8080".into(),
            public_url: None,
            assets_dir: PathBuf::from("."),
            demo_data: PathBuf::from("data/eig-opendata"),
            curation: PathBuf::from("data/curation/eig.yml"),
            log_format: "pretty".into(),
            log: "info,sqlx=warn".into(),
            page_cache: true,
            max_connections: 16,
            shutdown_grace_secs: 30,
            mode: "production".into(),
            mail_dir: None,
            mail_from: "Cohorte <no-reply@localhost>".into(),
            smtp_host: None,
            smtp_port: 587,
            smtp_tls: "starttls".into(),
            smtp_username: None,
            smtp_password: None,
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_label: "ProConnect".into(),
            worker: true,
            trusted_proxies: Vec::new(),
        }
    }
}

/// A configuration problem.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// Reads an environment variable (the one place that does).
pub fn env(name: &str) -> Option<String> {
    #[expect(clippy::disallowed_methods, reason = "the configuration loader is the one place that reads the environment")]
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl Settings {
    /// Loads the settings: defaults, file, environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let path = file.map(Path::to_path_buf).or_else(|| env("COHORTE_CONFIG").map(PathBuf::from)).or_else(|| {
            let p = PathBuf::from("cohorte.toml");
            p.exists().then_some(p)
        });
        let mut s = match &path {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| ConfigError(format!("{}: {e}", p.display())))?;
                toml::from_str(&text).map_err(|e| ConfigError(format!("{}: {e}", p.display())))?
            }
            None => Settings::default(),
        };
        s.apply_env(env)?;
        Ok(s)
    }

    /// Applies `COHORTE_*` variables read through `get`.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let parse_bool = |k: &str, v: String| match v.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok(true),
            "0" | "false" | "no" | "off" => Ok(false),
            _ => Err(ConfigError(format!("{k}: expected true or false, got {v:?}"))),
        };
        if let Some(v) = get("COHORTE_DATABASE_URL") {
            self.database_url = Some(v);
        }
        if let Some(v) = get("COHORTE_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = get("COHORTE_ADDR") {
            self.addr = v;
        }
        if let Some(v) = get("COHORTE_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = get("COHORTE_ASSETS_DIR") {
            self.assets_dir = v.into();
        }
        if let Some(v) = get("COHORTE_DEMO_DATA") {
            self.demo_data = v.into();
        }
        if let Some(v) = get("COHORTE_CURATION") {
            self.curation = v.into();
        }
        if let Some(v) = get("COHORTE_LOG_FORMAT") {
            self.log_format = v;
        }
        if let Some(v) = get("COHORTE_LOG") {
            self.log = v;
        }
        if let Some(v) = get("COHORTE_PAGE_CACHE") {
            self.page_cache = parse_bool("COHORTE_PAGE_CACHE", v)?;
        }
        if let Some(v) = get("COHORTE_MAX_CONNECTIONS") {
            self.max_connections = v.parse().map_err(|_| ConfigError(format!("COHORTE_MAX_CONNECTIONS: not a number: {v:?}")))?;
        }
        for (key, slot) in [
            ("COHORTE_SMTP_HOST", &mut self.smtp_host),
            ("COHORTE_SMTP_USERNAME", &mut self.smtp_username),
            ("COHORTE_SMTP_PASSWORD", &mut self.smtp_password),
            ("COHORTE_OIDC_ISSUER", &mut self.oidc_issuer),
            ("COHORTE_OIDC_CLIENT_ID", &mut self.oidc_client_id),
            ("COHORTE_OIDC_CLIENT_SECRET", &mut self.oidc_client_secret),
        ] {
            if let Some(v) = get(key) {
                *slot = Some(v);
            }
        }
        if let Some(v) = get("COHORTE_MODE") {
            self.mode = v;
        }
        if let Some(v) = get("COHORTE_MAIL_DIR") {
            self.mail_dir = Some(v.into());
        }
        if let Some(v) = get("COHORTE_MAIL_FROM") {
            self.mail_from = v;
        }
        if let Some(v) = get("COHORTE_SMTP_TLS") {
            self.smtp_tls = v;
        }
        if let Some(v) = get("COHORTE_OIDC_LABEL") {
            self.oidc_label = v;
        }
        if let Some(v) = get("COHORTE_SMTP_PORT") {
            self.smtp_port = v.parse().map_err(|_| ConfigError(format!("COHORTE_SMTP_PORT: not a port: {v:?}")))?;
        }
        if let Some(v) = get("COHORTE_WORKER") {
            self.worker = parse_bool("COHORTE_WORKER", v)?;
        }
        if let Some(v) = get("COHORTE_TRUSTED_PROXIES") {
            self.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().map_err(|_| ConfigError(format!("COHORTE_TRUSTED_PROXIES: not an IP address: {x:?}"))))
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = get("COHORTE_SHUTDOWN_GRACE") {
            self.shutdown_grace_secs = v.parse().map_err(|_| ConfigError(format!("COHORTE_SHUTDOWN_GRACE: not a number: {v:?}")))?;
        }
        Ok(())
    }

    /// The database URL: the configured one, else SQLite in the data folder.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("cohorte.db").display()))
    }

    /// The development mail folder.
    pub fn mail_dir(&self) -> PathBuf {
        self.mail_dir.clone().unwrap_or_else(|| self.data_dir.join("mail"))
    }

    /// The public address links point to: the configured one, else `http://<addr>`.
    pub fn base_url(&self) -> String {
        self.public_url.clone().map(|u| u.trim_end_matches('/').to_owned()).unwrap_or_else(|| format!("http://{}", self.addr))
    }

    /// Checks what can be checked without the network; returns the problems found.
    pub fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if let Err(e) = cohorte_store::Backend::of_url(&self.database_url()) {
            problems.push(e.to_string());
        }
        if self.addr.parse::<std::net::SocketAddr>().is_err() {
            problems.push(format!("addr: {:?} is not HOST:PORT", self.addr));
        }
        if !matches!(self.log_format.as_str(), "pretty" | "json") {
            problems.push(format!("log_format: {:?} is neither pretty nor json", self.log_format));
        }
        if let Some(u) = &self.public_url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            problems.push(format!("public_url: {u:?} must start with http:// or https://"));
        }
        if !matches!(self.mode.as_str(), "production" | "development") {
            problems.push(format!("mode: {:?} is neither production nor development", self.mode));
        }
        if self.mode == "production" && self.smtp_host.is_none() {
            problems.push("smtp_host: production mode sends mail through SMTP (set COHORTE_SMTP_HOST, or COHORTE_MODE=development)".into());
        }
        if !matches!(self.smtp_tls.as_str(), "starttls" | "tls" | "none") {
            problems.push(format!("smtp_tls: {:?} is not starttls, tls or none", self.smtp_tls));
        }
        if self.oidc_issuer.is_some() && (self.oidc_client_id.is_none() || self.oidc_client_secret.is_none()) {
            problems.push("oidc: an issuer needs a client id and a client secret".into());
        }
        if self.mode == "production" && self.public_url.is_none() {
            problems.push("public_url: production mode needs the public address (links in emails use it)".into());
        }
        let dsfr = self.assets_dir.join("node_modules/@gouvfr/dsfr/dist/dsfr.min.css");
        if !dsfr.exists() {
            problems.push(format!("assets: {} is missing (run `npm ci`)", dsfr.display()));
        }
        problems
    }

    /// The settings as TOML, the database password redacted.
    pub fn redacted(&self) -> String {
        let mut lines = vec![
            format!("database_url = {:?}", cohorte_store::redact_url(&self.database_url())),
            format!("data_dir = {:?}", self.data_dir.display().to_string()),
            format!("addr = {:?}", self.addr),
            format!("public_url = {:?}", self.public_url.clone().unwrap_or_default()),
            format!("assets_dir = {:?}", self.assets_dir.display().to_string()),
            format!("demo_data = {:?}", self.demo_data.display().to_string()),
            format!("curation = {:?}", self.curation.display().to_string()),
            format!("log_format = {:?}", self.log_format),
            format!("log = {:?}", self.log),
            format!("page_cache = {}", self.page_cache),
            format!("max_connections = {}", self.max_connections),
            format!("shutdown_grace_secs = {}", self.shutdown_grace_secs),
            format!("mode = {:?}", self.mode),
            format!("mail_dir = {:?}", self.mail_dir().display().to_string()),
            format!("mail_from = {:?}", self.mail_from),
            format!("smtp_host = {:?}", self.smtp_host.clone().unwrap_or_default()),
            format!("smtp_port = {}", self.smtp_port),
            format!("smtp_tls = {:?}", self.smtp_tls),
            format!("smtp_username = {:?}", self.smtp_username.clone().unwrap_or_default()),
            format!("smtp_password = {:?}", if self.smtp_password.is_some() { "***" } else { "" }),
            format!("oidc_issuer = {:?}", self.oidc_issuer.clone().unwrap_or_default()),
            format!("oidc_client_id = {:?}", self.oidc_client_id.clone().unwrap_or_default()),
            format!("oidc_client_secret = {:?}", if self.oidc_client_secret.is_some() { "***" } else { "" }),
            format!("oidc_label = {:?}", self.oidc_label),
            format!("worker = {}", self.worker),
            format!("trusted_proxies = {:?}", self.trusted_proxies.iter().map(ToString::to_string).collect::<Vec<_>>()),
        ];
        lines.push(String::new());
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_the_file_and_bad_values_are_refused() {
        let mut s: Settings = toml::from_str("addr = \"0.0.0.0:9000\"\npage_cache = false").unwrap();
        assert_eq!(s.addr, "0.0.0.0:9000");
        s.apply_env(|k| match k {
            "COHORTE_ADDR" => Some("127.0.0.1:7000".into()),
            "COHORTE_DATABASE_URL" => Some("postgres://u:pw@h/db".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.addr, "127.0.0.1:7000");
        assert!(!s.page_cache);
        assert!(s.redacted().contains("postgres://u:***@h/db"));
        assert!(!s.redacted().contains("pw"));
        let err = s.apply_env(|k| (k == "COHORTE_PAGE_CACHE").then(|| "maybe".into())).unwrap_err();
        assert!(err.0.contains("COHORTE_PAGE_CACHE"));
        assert!(toml::from_str::<Settings>("unknown_key = 1").is_err());
    }

    #[test]
    fn default_database_is_sqlite_in_the_data_dir() {
        let s = Settings::default();
        assert_eq!(s.database_url(), "sqlite://var/cohorte.db");
        let mut bad = Settings { database_url: Some("mysql://x".into()), addr: "nope".into(), ..Settings::default() };
        bad.log_format = "xml".into();
        let problems = bad.check();
        assert!(problems.iter().any(|p| p.contains("unsupported database URL")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("addr")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("log_format")), "{problems:?}");
    }
}
