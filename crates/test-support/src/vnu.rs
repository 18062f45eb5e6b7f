//! The Nu HTML checker (`vnu.jar` from the npm package `vnu-jar`, run with a JRE).
//!
//! When `COHORTE_HTML_DUMP=<dir>` is set, the web tests write every HTML answer they receive to
//! that folder ([`dump`]); `scripts/test.sh` then runs the checker over the folder. A test can
//! also check pages of its own ([`Vnu::check`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{env, repo_root};

/// The variable naming the folder where the tests write the HTML pages they receive.
pub const DUMP_VAR: &str = "COHORTE_HTML_DUMP";

/// The checker: a `java` and the jar.
pub struct Vnu {
    java: PathBuf,
    jar: PathBuf,
}

/// The jar installed by `npm ci` (`scripts/assets.sh`).
pub fn jar_path() -> PathBuf {
    repo_root().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

fn which(bin: &str) -> Option<PathBuf> {
    env("PATH")?.split(':').map(|d| Path::new(d).join(bin)).find(|p| p.is_file())
}

/// The checker, or `None` (printing `SKIPPED`) when java or the jar is missing. With
/// `REQUIRE_BROWSER=1` (CI) a missing checker fails instead.
pub fn vnu() -> Option<Vnu> {
    let jar = jar_path();
    let java = env("JAVA").map(PathBuf::from).or_else(|| which("java"));
    match java {
        Some(java) if jar.is_file() => Some(Vnu { java, jar }),
        _ => {
            assert!(
                !crate::require_browser(),
                "REQUIRE_BROWSER=1 but the Nu HTML checker cannot run: java ({}) or {} is missing (scripts/java.sh, npm ci)",
                if java.is_some() { "found" } else { "missing" },
                jar.display()
            );
            eprintln!(
                "SKIPPED HTML check: java or node_modules/vnu-jar is missing (make test installs them; REQUIRE_BROWSER=1 makes this fail)"
            );
            None
        }
    }
}

impl Vnu {
    /// Checks every `.html` file of a folder; returns the errors, one line each
    /// (`"file":line.column-line.column: error: message`). Warnings are not reported.
    pub fn check(&self, dir: &Path) -> Vec<String> {
        let out = Command::new(&self.java)
            .args(["-Xss4m", "-jar"])
            .arg(&self.jar)
            .args(["--errors-only", "--format", "gnu", "--skip-non-html"])
            .arg(dir)
            .output()
            .expect("run java -jar vnu.jar");
        let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
        let errors: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect();
        assert!(out.status.success() || !errors.is_empty(), "the checker failed without a message: {:?}", out.status);
        errors
    }
}

/// Writes an HTML answer to the folder named by `COHORTE_HTML_DUMP`, when set: one file per
/// distinct body (the first address it was received from, its language and a hash of the body).
pub fn dump(uri: &str, content_type: &str, body: &str) {
    if let Some(dir) = env(DUMP_VAR) {
        keep_page(Path::new(&dir), uri, content_type, body);
    }
}

/// Writes an HTML answer into a folder for the checker (nothing for other types, nothing twice).
pub fn keep_page(dir: &Path, uri: &str, content_type: &str, body: &str) {
    if !content_type.starts_with("text/html") || body.is_empty() {
        return;
    }
    let lang = body
        .find("<html lang=\"")
        .map(|i| &body[i + 12..])
        .and_then(|rest| rest.split('"').next())
        .filter(|l| l.len() <= 5)
        .unwrap_or("xx");
    let name: String = uri.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).take(120).collect();
    let hash = fnv1a(body.as_bytes());
    std::fs::create_dir_all(dir).expect("create the HTML dump folder");
    // The same page under another address (`/?lang=fr` and `/`) is checked once.
    let seen = std::fs::OpenOptions::new().write(true).create_new(true).open(dir.join(format!(".{hash:016x}")));
    if seen.is_err() {
        return;
    }
    let file = dir.join(format!("{name}.{lang}.{hash:016x}.html"));
    // Written aside then renamed: test processes run in parallel and the checker reads whole files.
    let tmp = dir.join(format!(".{name}.{hash:016x}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, body).expect("write to the HTML dump folder");
    std::fs::rename(&tmp, &file).expect("rename in the HTML dump folder");
}

/// A stable 64-bit hash (FNV-1a), to name files by their content.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
