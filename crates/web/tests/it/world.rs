//! Signed-in journeys over HTTP: a world (the router over a database, a clock the test moves,
//! mail written by the real job worker to a file sink) and a browser (one cookie jar, the form
//! token it was given, the same-origin headers a browser sends).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use cohorte_app::mail::{FileMailer, SentMail, read_sink};
use cohorte_app::worker::{Turn, Worker};
use cohorte_app::{Ctx, Mode, Settings};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{Email, Grant};
use cohorte_domain::ids::PersonId;
use cohorte_store::identity as store;
use cohorte_test_support::clock::TestClock;
use cohorte_test_support::{TestDb, eig_curation_file, eig_data_dir};
use cohorte_web::{AppState, WebConfig};
use http::Request;
use time::OffsetDateTime;

use crate::support::{Res, TestApp};

/// The application, its clock and its mail.
pub struct World {
    pub app: TestApp,
    pub clock: Arc<TestClock>,
    pub mail: tempfile::TempDir,
    pub settings: Settings,
    worker: Worker,
}

/// A moment of the test clock's choosing, in whole seconds (as the real clock gives).
pub fn start_time() -> OffsetDateTime {
    time::macros::datetime!(2026-11-30 10:00 UTC)
}

impl World {
    /// Development mode on loopback, no OpenID provider.
    pub async fn new(db: TestDb) -> World {
        Self::with(db, Settings { mode: Mode::Development, ..Settings::default() }, start_time()).await
    }

    /// Development mode, with the EIG data imported (public pages have content).
    pub async fn with_eig(db: TestDb) -> World {
        let ctx = Ctx::new(db.db.clone());
        cohorte_app::import::import_eig(&ctx, &eig_data_dir(), &eig_curation_file(), &crate::support::no_progress).await.unwrap();
        Self::new(db).await
    }

    /// Any settings; the web layer's public address is the settings' base URL.
    pub async fn with(db: TestDb, settings: Settings, now: OffsetDateTime) -> World {
        let clock = Arc::new(TestClock::at(now));
        let mail = tempfile::tempdir().unwrap();
        let ctx = Ctx::new(db.db.clone()).with_settings(settings.clone()).unwrap().with_clock(clock.clone());
        let mailer = FileMailer { dir: mail.path().to_owned(), from: settings.mail_from.clone(), clock: clock.clone() };
        let worker = Worker::new(ctx.clone(), Arc::new(mailer), "test-worker");
        let config =
            WebConfig { public_url: Some(settings.base_url.clone()), mail_dir: Some(mail.path().to_owned()), ..WebConfig::default() };
        let app = TestApp::from_ctx(db, ctx, config).await;
        World { app, clock, mail, settings, worker }
    }

    /// Another instance of the application on the same database (as behind a load balancer).
    pub async fn second_instance(&self) -> Router {
        let ctx = self.app.state.ctx.clone();
        let state = AppState::new(ctx, (*self.app.state.config).clone()).await.unwrap();
        cohorte_web::router(state)
    }

    /// Delivers every queued mail.
    pub async fn run_jobs(&self) {
        while let Turn::Done(_) | Turn::Failed(..) = self.worker.run_once().await.unwrap() {}
    }

    /// The mail sent to an address, newest first.
    pub fn mails_to(&self, address: &str) -> Vec<SentMail> {
        read_sink(self.mail.path()).into_iter().filter(|m| m.mail.to == address).collect()
    }

    /// A person with a verified address and program-wide roles.
    pub async fn person(&self, name: &str, email: &str, roles: &[RoleKind]) -> PersonId {
        let now = self.clock_now();
        let mut tx = self.app.state.ctx.db.begin().await.unwrap();
        let mut c = tx.conn();
        let slug = cohorte_domain::text::slugify(name);
        let p = store::create_person(&mut c, &slug, name).await.unwrap();
        store::add_email(&mut c, p, &Email::parse(email).unwrap(), Some(now), now).await.unwrap();
        for r in roles {
            store::grant_role(&mut c, p, &Grant::program(*r), None, "test", now).await.unwrap();
        }
        tx.commit().await.unwrap();
        p
    }

    /// Gives a person a confirmed second factor with this secret.
    pub async fn give_totp(&self, person: PersonId, secret: &str) {
        let now = self.clock_now();
        let mut c = self.app.state.ctx.db.acquire().await.unwrap();
        let mut conn = c.conn();
        store::set_totp_secret(&mut conn, person, secret, now).await.unwrap();
        store::use_totp_step(&mut conn, person, 0, Some(now)).await.unwrap();
    }

    pub fn clock_now(&self) -> OffsetDateTime {
        cohorte_domain::clock::Clock::now(&*self.clock)
    }

    /// The TOTP code of a secret at the test clock's time.
    pub fn totp(&self, secret: &str) -> String {
        let s = totp_rs::Secret::try_from_base32(secret).unwrap();
        let t = totp_rs::Builder::new().with_secret(s).build().unwrap();
        t.generate(u64::try_from(self.clock_now().unix_timestamp()).unwrap()).to_string()
    }

    /// A new browser (French).
    pub fn browser(&self) -> Browser<'_> {
        Browser::new(&self.app.router, self)
    }

    /// The path and query of the last link sent to an address (`/login/confirm?token=…`).
    pub fn last_link(&self, address: &str) -> String {
        let mails = self.mails_to(address);
        let mail = mails.first().unwrap_or_else(|| panic!("no mail to {address}"));
        link_in(&mail.mail.text, &self.settings.base_url)
    }
}

/// The first link to this site in a text, as a path and query.
pub fn link_in(text: &str, base: &str) -> String {
    let start = text.find(base).unwrap_or_else(|| panic!("no link to {base} in {text}"));
    let url: String = text[start + base.len()..].chars().take_while(|c| !c.is_whitespace()).collect();
    url
}

/// One browser: a cookie jar holding our session cookie, and the last form token it saw.
pub struct Browser<'a> {
    router: &'a Router,
    world: &'a World,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
    pub lang: &'static str,
    /// Sent as `Sec-Fetch-Site` on form posts (a browser says `same-origin` for our own forms).
    pub fetch_site: &'static str,
    /// The TCP peer the server sees (none: in-process requests have no peer).
    pub peer: Option<std::net::SocketAddr>,
    /// An `X-Forwarded-For` header to send.
    pub forwarded_for: Option<String>,
}

impl<'a> Browser<'a> {
    fn new(router: &'a Router, world: &'a World) -> Self {
        Browser { router, world, cookie: None, csrf: None, lang: "fr", fetch_site: "same-origin", peer: None, forwarded_for: None }
    }

    /// The same browser talking to another instance.
    pub fn on<'b>(&self, router: &'b Router) -> Browser<'b>
    where
        'a: 'b,
    {
        Browser {
            router,
            world: self.world,
            cookie: self.cookie.clone(),
            csrf: self.csrf.clone(),
            lang: self.lang,
            fetch_site: self.fetch_site,
            peer: self.peer,
            forwarded_for: self.forwarded_for.clone(),
        }
    }

    pub fn cookie_name(&self) -> &'static str {
        cohorte_web::session::cookie_name(&self.world.app.state)
    }

    async fn send(&mut self, mut req: Request<Body>) -> Res {
        let h = req.headers_mut();
        h.insert("accept-language", self.lang.parse().unwrap());
        h.insert("user-agent", "Cohorte test browser".parse().unwrap());
        if let Some(c) = &self.cookie {
            h.insert("cookie", format!("{}={c}", self.cookie_name()).parse().unwrap());
        }
        if let Some(f) = &self.forwarded_for {
            h.insert("x-forwarded-for", f.parse().unwrap());
        }
        if let Some(p) = self.peer {
            req.extensions_mut().insert(axum::extract::ConnectInfo(p));
        }
        let uri = req.uri().to_string();
        let res = tower::ServiceExt::oneshot(self.router.clone(), req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
        let res = Res::received(&uri, status, headers, &bytes);
        for set in res.headers.get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let prefix = format!("{}=", self.cookie_name());
            if let Some(rest) = set.strip_prefix(&prefix) {
                let value = rest.split(';').next().unwrap_or("");
                self.cookie = (!value.is_empty() && !set.contains("Max-Age=0")).then(|| value.to_owned());
            }
        }
        if let Some(t) = res.attrs("input[name=_csrf]", "value").first() {
            self.csrf = Some(t.clone());
        }
        res
    }

    pub async fn get(&mut self, uri: &str) -> Res {
        self.send(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    /// Posts a form with the token this browser was given, as a browser does.
    pub async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> Res {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone().unwrap_or_default();
        all.push(("_csrf", &csrf));
        self.post_raw(uri, &all).await
    }

    /// Posts exactly these fields.
    pub async fn post_raw(&mut self, uri: &str, fields: &[(&str, &str)]) -> Res {
        let body = fields.iter().map(|(k, v)| format!("{k}={}", cohorte_web::util::encode(v))).collect::<Vec<_>>().join("&");
        let req = Request::post(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", self.fetch_site)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Posts a multipart form (a file upload), the form token first, as our upload form does.
    pub async fn post_multipart(&mut self, uri: &str, fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> Res {
        let boundary = "----cohorte-test-boundary";
        let mut body = Vec::new();
        let csrf = self.csrf.clone().unwrap_or_default();
        for (k, v) in std::iter::once(&("_csrf", csrf.as_str())).chain(fields.iter()) {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
        }
        let (name, filename, bytes) = file;
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
        body.extend(bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(uri)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .header("sec-fetch-site", self.fetch_site)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Signs in with an emailed link (the person has no second factor, or it is asked next).
    pub async fn sign_in_by_link(&mut self, email: &str) -> Res {
        let login = self.get("/login").await;
        assert_eq!(login.status, 200);
        let sent = self.post("/login", &[("email", email)]).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        self.world.run_jobs().await;
        let link = self.world.last_link(email);
        let confirm = self.get(&link).await;
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        let token = confirm.attrs("input[name=token]", "value");
        assert_eq!(token.len(), 1, "a confirmation form: {}", confirm.body);
        self.post("/login/confirm", &[("token", &token[0])]).await
    }

    /// Signs in with the link then the code of a second factor.
    pub async fn sign_in_strong(&mut self, email: &str, secret: &str) -> Res {
        let r = self.sign_in_by_link(email).await;
        assert_eq!(r.header("location"), "/login/second-factor", "{}", r.body);
        let page = self.get("/login/second-factor").await;
        assert_eq!(page.status, 200);
        let code = self.world.totp(secret);
        self.post("/login/second-factor", &[("code", &code)]).await
    }
}
