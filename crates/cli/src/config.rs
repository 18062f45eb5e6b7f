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
        if let Some(v) = get("COHORTE_SHUTDOWN_GRACE") {
            self.shutdown_grace_secs = v.parse().map_err(|_| ConfigError(format!("COHORTE_SHUTDOWN_GRACE: not a number: {v:?}")))?;
        }
        Ok(())
    }

    /// The database URL: the configured one, else SQLite in the data folder.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("cohorte.db").display()))
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
