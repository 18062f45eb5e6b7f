//! The real peers tests talk to: an SMTP server (aiosmtpd), an OpenID Provider
//! (node-oidc-provider) and an independent TOTP implementation (pyotp). `scripts/peers.sh`
//! installs them under `tests/peers/`. Without them a test is skipped loudly, unless
//! `REQUIRE_PEERS=1` (CI), where it fails.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{env, repo_root};

/// Whether a missing peer fails the test.
pub fn required() -> bool {
    env("REQUIRE_PEERS").as_deref() == Some("1")
}

fn skip(what: &str) -> Option<()> {
    assert!(!required(), "REQUIRE_PEERS=1 but {what} is not installed (run scripts/peers.sh)");
    eprintln!("SKIPPED: {what} is not installed (run scripts/peers.sh; REQUIRE_PEERS=1 makes this fail)");
    None
}

/// A free port on the loopback.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn python() -> PathBuf {
    repo_root().join("tests/peers/.venv/bin/python")
}

fn wait_for_port(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "peer did not open port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A running peer, killed when dropped.
pub struct Peer {
    child: Child,
    /// Its port.
    pub port: u16,
    /// Its folder (SMTP: the Maildir).
    pub dir: Option<tempfile::TempDir>,
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Peer {
    /// The messages an SMTP peer received, oldest first (raw RFC 5322 text).
    pub fn messages(&self) -> Vec<String> {
        let Some(d) = &self.dir else { return vec![] };
        let mut files: Vec<_> = std::fs::read_dir(d.path().join("maildir/new")).into_iter().flatten().flatten().map(|e| e.path()).collect();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
    }
}

/// Starts an SMTP server (aiosmtpd, Maildir handler) on a free port.
pub fn smtp() -> Option<Peer> {
    if !python().exists() {
        return skip("the SMTP peer (aiosmtpd)").and(None);
    }
    let port = free_port();
    let dir = tempfile::tempdir().expect("temp dir");
    let child = Command::new(python())
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(dir.path().join("maildir"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    wait_for_port(port);
    Some(Peer { child, port, dir: Some(dir) })
}

/// Starts the OpenID Provider on a free port, for a relying party on `app_port`.
pub fn oidc_provider(app_port: u16, account: &str) -> Option<Peer> {
    let script = repo_root().join("tests/peers/oidc/provider.mjs");
    if !repo_root().join("tests/peers/oidc/node_modules/oidc-provider").exists() {
        return skip("the OpenID Provider (node-oidc-provider)").and(None);
    }
    let port = free_port();
    let mut child = Command::new("node")
        .arg(script)
        .env("OIDC_PORT", port.to_string())
        .env("APP_PORT", app_port.to_string())
        .env("OIDC_ACCOUNT", account)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start node");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let ready = lines.next().and_then(Result::ok).unwrap_or_default();
    assert!(ready.starts_with("oidc-provider ready"), "provider said {ready:?}");
    // Keep reading: node dies of EPIPE if its stdout closes.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    Some(Peer { child, port, dir: None })
}

/// The code pyotp gives for a base32 secret at unix time `t`.
pub fn pyotp_code(secret: &str, t: i64) -> Option<String> {
    if !python().exists() {
        return skip("pyotp").and(None);
    }
    let out = Command::new(python())
        .args(["-c", "import sys,pyotp; print(pyotp.TOTP(sys.argv[1]).at(int(sys.argv[2])))", secret, &t.to_string()])
        .output()
        .expect("run pyotp");
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Whether pyotp accepts a code for a secret at unix time `t` (its own window of one step).
pub fn pyotp_verify(secret: &str, code: &str, t: i64) -> Option<bool> {
    if !python().exists() {
        return skip("pyotp").and(None);
    }
    let out = Command::new(python())
        .args([
            "-c",
            "import sys,pyotp; print(pyotp.TOTP(sys.argv[1]).verify(sys.argv[2], for_time=int(sys.argv[3]), valid_window=1))",
            secret,
            code,
            &t.to_string(),
        ])
        .output()
        .expect("run pyotp");
    Some(String::from_utf8_lossy(&out.stdout).trim() == "True")
}

/// Decodes a quoted-printable body (soft line breaks and `=XX`).
pub fn decode_quoted_printable(s: &str) -> String {
    let joined = s.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The problems openapi-spec-validator (PyPI, independent of utoipa) finds in an OpenAPI 3.1
/// document, one line each; empty when the document is valid.
pub fn openapi_problems(document: &str) -> Option<Vec<String>> {
    if !python().exists() {
        return skip("the OpenAPI validator (openapi-spec-validator)").and(None);
    }
    let script = "import json, sys\n\
        from openapi_spec_validator import OpenAPIV31SpecValidator\n\
        spec = json.load(sys.stdin)\n\
        if not str(spec.get('openapi', '')).startswith('3.1.'):\n\
        \x20   print('openapi: not a 3.1 document: %r' % spec.get('openapi'))\n\
        for e in OpenAPIV31SpecValidator(spec).iter_errors():\n\
        \x20   print('/'.join(str(p) for p in e.absolute_path) + ': ' + e.message.replace('\\n', ' '))\n";
    let mut child = Command::new(python())
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run openapi-spec-validator");
    {
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(document.as_bytes()).expect("write the document");
    }
    let out = child.wait_with_output().expect("openapi-spec-validator output");
    assert!(out.status.success(), "openapi-spec-validator failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect())
}
