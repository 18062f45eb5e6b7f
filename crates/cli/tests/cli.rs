//! The `cohorte` binary, run as a user runs it.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_cohorte");

fn repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cohorte(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .current_dir(repo())
        .env("COHORTE_DATA_DIR", dir)
        .env_remove("COHORTE_DATABASE_URL")
        .env_remove("COHORTE_CONFIG")
        .output()
        .unwrap()
}

#[test]
fn cli_import_reports_what_it_did_and_a_second_run_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let first = cohorte(&["import", "eig-opendata", "data/eig-opendata"], tmp.path());
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains("challenges") && out.contains("71"), "{out}");
    assert!(out.contains("merged") && out.contains("reclassified") && out.contains("created"), "{out}");
    assert!(out.contains("Pierre–Alain Jachiet"), "{out}");
    let second = cohorte(&["import", "eig-opendata", "data/eig-opendata"], tmp.path());
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(out.starts_with("Import of the EIG open data — 0 record(s) written"), "{out}");
}

#[test]
fn cli_import_refuses_a_malformed_file_with_its_name_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data-copy");
    cohorte_test_support::copy_dir(&repo().join("data/eig-opendata"), &data);
    std::fs::write(data.join("data/promos.yml"), "\"DIG\":\n  slug: [oops\n").unwrap();
    let out = cohorte(&["import", "eig-opendata", data.to_str().unwrap()], tmp.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("promos.yml:"), "{err}");
}

#[test]
fn cli_check_config_redacts_secrets_and_reports_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("cohorte.toml");
    std::fs::write(&cfg, "addr = \"not an address\"\ndatabase_url = \"postgres://u:s3cret@db/x\"\n").unwrap();
    let out = Command::new(BIN).args(["--config", cfg.to_str().unwrap(), "check-config"]).current_dir(repo()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stdout.contains("postgres://u:***@db/x") && !stdout.contains("s3cret"), "{stdout}");
    assert!(stderr.contains("addr"), "{stderr}");
    // The environment overrides the file.
    let out = Command::new(BIN)
        .args(["--config", cfg.to_str().unwrap(), "check-config"])
        .env("COHORTE_ADDR", "127.0.0.1:9999")
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("addr = \"127.0.0.1:9999\""));
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// A response read off the wire.
struct Http {
    status: u16,
    head: String,
    body: String,
}

impl Http {
    fn header(&self, name: &str) -> Vec<String> {
        self.head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }
}

/// One HTTP/1.1 request with `Connection: close`, as a browser on this site would send it.
fn http(addr: &str, method: &str, path: &str, cookie: Option<&str>, form: Option<&str>) -> Http {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n");
    if let Some(c) = cookie {
        req.push_str(&format!("Cookie: {c}\r\n"));
    }
    if let Some(f) = form {
        req.push_str(&format!("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n", f.len()));
    }
    req.push_str("\r\n");
    req.push_str(form.unwrap_or(""));
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, mut body) = raw.split_once("\r\n\r\n").map(|(h, b)| (h.to_owned(), b.to_owned())).unwrap();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        let mut out = String::new();
        let mut rest = body.as_str();
        while let Some((size, after)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            out.push_str(&after[..n]);
            rest = &after[n + 2..];
        }
        body = out;
    }
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Http { status, head, body }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = text.find(start)? + start.len();
    let j = text[i..].find(end)? + i;
    Some(&text[i..j])
}

/// The demo as the README tells a newcomer to try it: sign in as the demo staff member with the
/// link and the code shown on `/dev/mail`, reach the staff area.
fn demo_staff_signs_in(addr: &str) {
    let cookie_of = |r: &Http| {
        r.header("set-cookie").iter().find_map(|c| c.split(';').next().filter(|c| c.starts_with("__Host-cohorte=")).map(str::to_owned))
    };
    let login = http(addr, "GET", "/login", None, None);
    assert_eq!(login.status, 200);
    let mut cookie = cookie_of(&login).expect("a session cookie");
    let csrf = between(&login.body, "name=\"_csrf\" value=\"", "\"").unwrap().to_owned();
    let sent = http(addr, "POST", "/login", Some(&cookie), Some(&format!("email=staff%40demo.cohorte.test&_csrf={csrf}")));
    assert_eq!(sent.status, 200, "{}", sent.body);
    // The worker inside `serve` sends the mail to the file sink; /dev/mail lists it.
    let start = Instant::now();
    let (token, code) = loop {
        let page = http(addr, "GET", "/dev/mail", None, None);
        assert_eq!(page.status, 200, "/dev/mail exists in demo mode");
        if let Some(t) = between(&page.body, "/login/confirm?token=", "\"") {
            let code = between(&page.body, "<strong>", "</strong>").unwrap().to_owned();
            break (t.to_owned(), code);
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no mail on /dev/mail");
        std::thread::sleep(Duration::from_millis(200));
    };
    let confirm = http(addr, "GET", &format!("/login/confirm?token={token}"), Some(&cookie), None);
    assert_eq!(confirm.status, 200);
    let r = http(addr, "POST", "/login/confirm", Some(&cookie), Some(&format!("token={token}&_csrf={csrf}")));
    assert_eq!(r.header("location"), ["/login/second-factor"], "{}", r.head);
    // The half-signed-in session has a new id and form token: the browser follows the redirect.
    cookie = cookie_of(&r).expect("a new session id after the link");
    let page = http(addr, "GET", "/login/second-factor", Some(&cookie), None);
    assert_eq!(page.status, 200);
    let csrf = between(&page.body, "name=\"_csrf\" value=\"", "\"").unwrap().to_owned();
    let r = http(addr, "POST", "/login/second-factor", Some(&cookie), Some(&format!("code={code}&_csrf={csrf}")));
    assert_eq!(r.header("location"), ["/home"], "the demo code passes the second factor: {}", r.head);
    cookie = cookie_of(&r).expect("a new session id");
    let admin = http(addr, "GET", "/admin", Some(&cookie), None);
    assert_eq!(admin.status, 200);
    // The home shows what waits in the demo call (README: where each role lands).
    let home = http(addr, "GET", "/home", Some(&cookie), None);
    assert_eq!(home.status, 200);
    assert!(home.body.contains("id=\"staff-eig-demo\""), "the demo call's work is on the staff home");
    // The demo call for projects: open, with proposals at every step.
    let calls = http(addr, "GET", "/calls", None, None);
    assert!(calls.body.contains("(démonstration)"), "the demo call is listed");
    let review = http(addr, "GET", "/review/eig-demo", Some(&cookie), None);
    for status in [
        "Brouillon",
        "Déposée",
        "En présélection",
        "Compléments demandés",
        "Invitée en audition",
        "Auditionnée",
        "Non présélectionnée",
        "Retirée",
    ] {
        assert!(review.body.contains(status), "a demo proposal is {status}");
    }
    for demo in [
        "validator@demo.cohorte.test",
        "jury@demo.cohorte.test",
        "preselector@demo.cohorte.test",
        "administration@demo.cohorte.test",
        "mentor@demo.cohorte.test",
        "candidate@demo.cohorte.test",
        "fellow@demo.cohorte.test",
    ] {
        assert!(admin.body.contains(demo), "the demo accounts are listed: {demo}");
    }
}

#[test]
fn cli_serve_demo_loads_the_data_logs_json_and_stops_cleanly_on_sigterm() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .current_dir(repo())
        .env("COHORTE_DATA_DIR", tmp.path())
        .env("COHORTE_LOG_FORMAT", "json")
        .env_remove("COHORTE_DATABASE_URL")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut addr = None;
    let mut logged = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("not a JSON log line: {line}"));
        logged.push(v.clone());
        if let Some(a) = v["addr"].as_str() {
            addr = Some(a.to_owned());
            break;
        }
    }
    let addr = addr.expect("the server logs its address");
    assert!(logged.iter().any(|v| v["message"].as_str().unwrap_or("").contains("demo data loaded")), "{logged:?}");
    let page = http_get(&addr, "/challenges/adex");
    assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains("<h1>ADEX</h1>"));
    assert!(http_get(&addr, "/readyz").ends_with("ready"));
    demo_staff_signs_in(&addr);
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(40), "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    // A second start finds the data and does not load it again.
    let again = Command::new(BIN)
        .args(["import", "eig-opendata", "data/eig-opendata"])
        .current_dir(repo())
        .env("COHORTE_DATA_DIR", tmp.path())
        .env_remove("COHORTE_DATABASE_URL")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 record(s) written"));
}
