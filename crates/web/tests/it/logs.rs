//! What reaches the logs (LOG-01, LOG-02, LOG-06): refusals are security events with a request
//! id and a pseudonymous actor; no token, cookie, form token, second-factor secret or recovery
//! code is ever written, whatever the level; the audit viewer shows hostile names as text.

use std::io::Write;
use std::sync::{Arc, Mutex};

use cohorte_domain::content::RoleKind;
use cohorte_test_support::TestDb;

use crate::world::World;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn security_events_are_logged_and_no_secret_ever_reaches_the_logs() {
    let logs = Captured::default();
    let writer = logs.clone();
    // Everything, at every level, as JSON (the production format).
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let w = World::new(TestDb::sqlite().await).await;
    let grace = w.person("Grace Hopper", "grace@example.org", &[RoleKind::ProgramStaff]).await;
    let mut secrets = Vec::new();
    let mut b = w.browser();

    // A forged form, then a full sign-in with enrolment of the second factor.
    b.get("/login").await;
    secrets.push(b.cookie.clone().unwrap());
    secrets.push(b.csrf.clone().unwrap());
    let r = b.post_raw("/login", &[("email", "grace@example.org"), ("_csrf", "forged")]).await;
    assert_eq!(r.status, 403);
    let r = b.sign_in_by_link("grace@example.org").await;
    assert_eq!(r.header("location"), "/home");
    let link = w.last_link("grace@example.org");
    secrets.push(link.split("token=").nth(1).unwrap().to_owned());
    secrets.push(b.cookie.clone().unwrap());
    let page = b.get("/account/second-factor").await;
    let secret = page.texts("#totp-secret")[0].clone();
    secrets.push(secret.clone());
    let code = w.totp(&secret);
    let done = b.post("/account/second-factor", &[("code", &code)]).await;
    secrets.extend(done.texts("#recovery-codes li"));
    secrets.push(b.cookie.clone().unwrap());

    // The staff area: invite someone with a hostile name; the audit viewer shows it as text.
    b.get("/admin").await;
    secrets.push(b.csrf.clone().unwrap());
    let r = b
        .post("/admin/invitations", &[("email", "eve@example.org"), ("name", "Eve\u{1b}[31m\r\nforged: entry"), ("role", "candidate")])
        .await;
    assert_eq!(r.status, 400, "control characters in a name are refused");
    let hostile = "<img src=x onerror=alert(1)> \"Grace\"";
    let r = b.post("/account/profile", &[("name", hostile)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    b.get("/admin").await;
    let r = b.post("/admin/invitations", &[("email", "eve@example.org"), ("name", hostile), ("role", "candidate")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    w.run_jobs().await;
    let invite = w.last_link("eve@example.org");
    secrets.push(invite.split("token=").nth(1).unwrap().to_owned());
    let audit = b.get("/admin/audit").await;
    assert_eq!(audit.status, 200);
    let html = audit.html();
    let imgs = scraper::Selector::parse("#audit img").unwrap();
    assert_eq!(html.select(&imgs).count(), 0, "a name in the audit log is text, not markup");
    assert!(audit.texts("#audit td").iter().any(|t| t.contains("<img src=x onerror=alert(1)>")), "shown as text");

    // Someone who may not enter the staff area.
    let mut other = w.browser();
    w.person("Ada Lovelace", "ada@example.org", &[RoleKind::Fellow]).await;
    other.sign_in_by_link("ada@example.org").await;
    assert_eq!(other.get("/admin").await.status, 403);
    secrets.push(other.cookie.clone().unwrap());

    // Sign-in mail withheld by a cap: the same answer, and a security event.
    let mut stranger = w.browser();
    stranger.get("/login").await;
    for _ in 0..4 {
        assert_eq!(stranger.post("/login", &[("email", "grace@example.org")]).await.status, 200);
    }

    drop(_guard);
    let text = logs.text();
    assert!(!text.is_empty());
    // LOG-02: no secret, at any level.
    for s in secrets.iter().filter(|s| s.len() >= 6) {
        assert!(!text.contains(s.as_str()), "a secret reached the logs: {s}");
    }
    assert!(!text.contains("grace@example.org") && !text.contains("eve@example.org"), "no addresses in the logs");
    // LOG-03: one event per line, hostile text escaped.
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not one JSON event per line ({e}): {line}"));
        assert!(v.get("timestamp").is_some(), "{line}");
    }
    // LOG-01: the refusals are security events, with the request id and a pseudonymous actor.
    let events: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["target"] == "cohorte::security")
        .collect();
    let csrf = events.iter().find(|e| e["event"] == "csrf_rejected").expect("a csrf_rejected event");
    assert_eq!(csrf["actor"], "anonymous");
    assert_eq!(csrf["path"], "/login");
    let denied = events.iter().find(|e| e["event"] == "access_denied").expect("an access_denied event");
    assert_eq!(denied["path"], "/admin");
    assert_ne!(denied["actor"], "anonymous");
    assert!(denied["actor"].as_str().unwrap().len() == 36, "a person id, not a name: {denied}");
    let withheld = events.iter().find(|e| e["event"] == "rate_limited").expect("a rate_limited event");
    assert_eq!(withheld["cap"], "address");
    let _ = grace;
}
