//! Sign-in, sessions, the second factor, invitations, email changes, the audit chain and the job
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]
//! queue, on SQLite and PostgreSQL.

use std::sync::{Arc, Mutex};

use cohorte_app::identity::{self, LinkState, RequestMeta, Session, SignInOutcome};
use cohorte_app::mail::{MailError, Mailer, OutgoingMail};
use cohorte_app::worker::{Turn, Worker};
use cohorte_app::{AppError, Ctx, Settings};
use cohorte_domain::clock::Clock;
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuthMethod, Email, Grant, TokenPurpose, secret_hash};
use cohorte_domain::ids::PersonId;
use cohorte_domain::policy::Denied;
use cohorte_store::identity as store;
use cohorte_store::{Db, on_conn};
use cohorte_test_support::TestDb;
use time::{Duration, OffsetDateTime};

/// A clock the test moves.
#[derive(Debug)]
struct TestClock(Mutex<OffsetDateTime>);

impl TestClock {
    fn advance(&self, d: Duration) {
        let mut t = self.0.lock().unwrap();
        *t += d;
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
}

/// A mailer that keeps what it is given.
#[derive(Debug, Default)]
struct Outbox(Mutex<Vec<(String, OutgoingMail)>>);

#[async_trait::async_trait]
impl Mailer for Outbox {
    async fn send(&self, id: &str, mail: &OutgoingMail) -> Result<(), MailError> {
        self.0.lock().unwrap().push((id.to_owned(), mail.clone()));
        Ok(())
    }
}

impl Outbox {
    fn to(&self, address: &str) -> Vec<OutgoingMail> {
        self.0.lock().unwrap().iter().filter(|(_, m)| m.to == address).map(|(_, m)| m.clone()).collect()
    }
    fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

struct World {
    ctx: Ctx,
    clock: Arc<TestClock>,
    outbox: Arc<Outbox>,
    worker: Worker,
    db: TestDb,
}

impl World {
    async fn new(db: TestDb) -> World {
        let clock = Arc::new(TestClock(Mutex::new(time::macros::datetime!(2026-11-30 10:00 UTC))));
        let settings = Settings { base_url: "https://cohorte.test".into(), ..Settings::default() };
        let ctx = Ctx::new(db.db.clone()).with_settings(settings).unwrap().with_clock(clock.clone());
        let outbox = Arc::new(Outbox::default());
        let worker = Worker::new(ctx.clone(), outbox.clone(), "test-worker");
        World { ctx, clock, outbox, worker, db }
    }

    async fn run_jobs(&self) {
        while let Turn::Done(_) | Turn::Failed(..) = self.worker.run_once().await.unwrap() {}
    }

    async fn person(&self, email: &str, roles: &[RoleKind]) -> PersonId {
        let mut tx = self.ctx.db.begin().await.unwrap();
        let mut c = tx.conn();
        let slug = cohorte_domain::text::slugify(email);
        let p = store::create_person(&mut c, &slug, email).await.unwrap();
        store::add_email(&mut c, p, &Email::parse(email).unwrap(), Some(self.clock.now()), self.clock.now()).await.unwrap();
        for r in roles {
            store::grant_role(&mut c, p, &Grant::program(*r), None, "test", self.clock.now()).await.unwrap();
        }
        tx.commit().await.unwrap();
        p
    }

    async fn browser(&self) -> (Session, String) {
        let (s, cookie) = identity::start_session(&self.ctx, &meta()).await.unwrap();
        (s, cookie.token)
    }

    /// Requests a link and returns the token found in the mail.
    async fn link_for(&self, session: &Session, raw: &str) -> String {
        let normalised = Email::parse(raw).unwrap();
        let email = normalised.as_str();
        let before = self.outbox.to(email).len();
        identity::request_login_link(&self.ctx, session, raw, &meta()).await.unwrap();
        self.run_jobs().await;
        let mails = self.outbox.to(email);
        assert_eq!(mails.len(), before + 1, "{}: one mail", self.db.name());
        token_in(&mails[mails.len() - 1].text)
    }

    async fn load(&self, token: &str) -> Option<Session> {
        identity::load_session(&self.ctx, token).await.unwrap().map(|(s, _)| s)
    }

    async fn db_text(&self, sql: &'static str) -> Vec<String> {
        let mut c = self.ctx.db.acquire().await.unwrap();
        on_conn!(&mut c.conn(), |x| sqlx::query_scalar(sql).fetch_all(x).await).unwrap()
    }
}

fn meta() -> RequestMeta {
    RequestMeta { ip: Some("192.0.2.1".into()), user_agent: Some("test".into()), lang: cohorte_domain::lang::Lang::Fr }
}

fn token_in(text: &str) -> String {
    let i = text.find("token=").expect("a link with a token");
    text[i + 6..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

/// The token of the half-signed-in session that waits for a second factor.
fn second_factor_next(out: SignInOutcome) -> String {
    match out {
        SignInOutcome::SecondFactor(c) => c.token,
        other => panic!("expected the second factor next, got {other:?}"),
    }
}

fn signed_in(out: SignInOutcome) -> (String, Vec<Grant>) {
    match out {
        SignInOutcome::SignedIn(c, g) => (c.token, g),
        other => panic!("expected a sign-in, got {other:?}"),
    }
}

#[tokio::test]
async fn login_link_is_random_hashed_single_use_short_lived_and_bound_to_the_browser() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let name = w.db.name().to_owned();
        w.person("ada@example.org", &[RoleKind::Candidate]).await;
        let (browser, old_token) = w.browser().await;
        let token = w.link_for(&browser, "Ada@Example.org ").await;
        assert_eq!(token.len(), 64, "256 bits");
        let mail = &w.outbox.to("ada@example.org")[0];
        assert!(mail.text.contains("https://cohorte.test/login/confirm?token="), "the configured address, never a request's Host");
        // Only the hash is stored.
        let stored = w.db_text("select token_hash from email_token").await;
        assert_eq!(stored, [secret_hash(&token)], "{name}");
        assert!(!stored.contains(&token));
        // Another browser cannot use it; looking does not consume it.
        let (other, _) = w.browser().await;
        assert_eq!(identity::peek_link(&w.ctx, Some(&other), TokenPurpose::Login, &token).await.unwrap(), LinkState::OtherBrowser);
        assert_eq!(identity::confirm_login(&w.ctx, &other, &token, &meta()).await.unwrap(), SignInOutcome::Invalid, "{name}");
        for _ in 0..3 {
            assert_eq!(identity::peek_link(&w.ctx, Some(&browser), TokenPurpose::Login, &token).await.unwrap(), LinkState::Valid);
        }
        // It is bound to a purpose.
        assert_eq!(identity::peek_link(&w.ctx, Some(&browser), TokenPurpose::Invite, &token).await.unwrap(), LinkState::Invalid);
        let (new_token, _) = signed_in(identity::confirm_login(&w.ctx, &browser, &token, &meta()).await.unwrap());
        // Single use.
        assert_eq!(identity::confirm_login(&w.ctx, &browser, &token, &meta()).await.unwrap(), SignInOutcome::Invalid, "{name}");
        // The session was rotated: the old token is dead, the new one signed in.
        assert!(w.load(&old_token).await.is_none(), "{name}: rotation at sign-in");
        let s = w.load(&new_token).await.unwrap();
        assert_eq!(s.actor.person().unwrap().method, AuthMethod::MagicLink);
        // A link expires after 15 minutes.
        let (b2, _) = w.browser().await;
        let late = w.link_for(&b2, "ada@example.org").await;
        w.clock.advance(Duration::minutes(15));
        assert_eq!(identity::confirm_login(&w.ctx, &b2, &late, &meta()).await.unwrap(), SignInOutcome::Invalid, "{name}: expired");
    }
}

#[tokio::test]
async fn login_requests_look_the_same_for_unknown_addresses_and_the_mail_sent_is_capped() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let name = w.db.name().to_owned();
        w.person("ada@example.org", &[]).await;
        let (b, _) = w.browser().await;
        identity::request_login_link(&w.ctx, &b, "nobody@example.org", &meta()).await.unwrap();
        w.run_jobs().await;
        assert_eq!(w.outbox.len(), 0, "nothing is sent to an unknown address");
        assert!(matches!(identity::request_login_link(&w.ctx, &b, "not an email", &meta()).await, Err(AppError::Invalid(_))));
        // Per address, whatever the spelling and the client: 3 links in 15 minutes, every request
        // answered the same.
        for i in 0..8 {
            let m = RequestMeta { ip: Some(format!("198.51.100.{i}")), ..meta() };
            let spelled = if i % 2 == 0 { "ADA@example.org" } else { " ada@EXAMPLE.org" };
            identity::request_login_link(&w.ctx, &b, spelled, &m).await.unwrap();
        }
        w.run_jobs().await;
        assert_eq!(w.outbox.to("ada@example.org").len(), 3, "{name}");
        // Another address is not affected; unknown addresses are never counted.
        w.person("bob@example.org", &[]).await;
        for _ in 0..20 {
            identity::request_login_link(&w.ctx, &b, "ghost@example.org", &RequestMeta { ip: None, ..meta() }).await.unwrap();
        }
        identity::request_login_link(&w.ctx, &b, "bob@example.org", &meta()).await.unwrap();
        w.run_jobs().await;
        assert_eq!(w.outbox.to("bob@example.org").len(), 1, "{name}");
        // The window slides: 15 minutes after the first links, one more; 10 a day at most.
        for i in 0..12 {
            w.clock.advance(Duration::minutes(16));
            let m = RequestMeta { ip: Some(format!("192.0.2.{i}")), ..meta() };
            identity::request_login_link(&w.ctx, &b, "ada@example.org", &m).await.unwrap();
        }
        w.run_jobs().await;
        assert_eq!(w.outbox.to("ada@example.org").len(), 10, "{name}: 10 a day");
        w.clock.advance(Duration::hours(24));
        identity::request_login_link(&w.ctx, &b, "ada@example.org", &meta()).await.unwrap();
        w.run_jobs().await;
        assert_eq!(w.outbox.to("ada@example.org").len(), 11, "{name}: the next day");
        // A link used means the mail was wanted: the address's count starts again.
        for _ in 0..2 {
            identity::request_login_link(&w.ctx, &b, "ada@example.org", &meta()).await.unwrap();
        }
        w.run_jobs().await;
        assert_eq!(w.outbox.to("ada@example.org").len(), 12, "{name}: 2 from one client in 15 minutes");
        let link = token_in(&w.outbox.to("ada@example.org").last().unwrap().text);
        signed_in(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        let (b, _) = w.browser().await;
        for _ in 0..2 {
            identity::request_login_link(&w.ctx, &b, "ada@example.org", &meta()).await.unwrap();
        }
        w.run_jobs().await;
        assert_eq!(w.outbox.to("ada@example.org").len(), 14, "{name}: counted again from zero");
    }
}

#[tokio::test]
async fn a_successful_sign_in_voids_every_other_link_of_the_address() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        w.person("ada@example.org", &[]).await;
        let (b, _) = w.browser().await;
        let first = w.link_for(&b, "ada@example.org").await;
        let second = w.link_for(&b, "ada@example.org").await;
        signed_in(identity::confirm_login(&w.ctx, &b, &second, &meta()).await.unwrap());
        let (b2, _) = w.browser().await;
        let _ = b2;
        assert_eq!(
            identity::peek_link(&w.ctx, Some(&b), TokenPurpose::Login, &first).await.unwrap(),
            LinkState::Invalid,
            "{}",
            w.db.name()
        );
    }
}

#[tokio::test]
async fn sessions_end_when_idle_past_their_absolute_limit_or_signed_out() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        w.person("ada@example.org", &[RoleKind::Candidate]).await;
        let (b, _) = w.browser().await;
        let link = w.link_for(&b, "ada@example.org").await;
        let (token, _) = signed_in(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        // Candidates: 2 h idle.
        w.clock.advance(Duration::minutes(119));
        assert!(w.load(&token).await.is_some());
        w.clock.advance(Duration::minutes(119));
        assert!(w.load(&token).await.is_some(), "activity keeps it alive");
        w.clock.advance(Duration::minutes(121));
        assert!(w.load(&token).await.is_none(), "{}: idle timeout", w.db.name());
        // Sign-out kills the server session.
        let (b, _) = w.browser().await;
        let link = w.link_for(&b, "ada@example.org").await;
        let (token, _) = signed_in(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        let s = w.load(&token).await.unwrap();
        identity::sign_out(&w.ctx, &s, &meta()).await.unwrap();
        assert!(w.load(&token).await.is_none(), "{}: sign-out is server side", w.db.name());
        // Absolute limit (7 days), even with activity.
        let (b, _) = w.browser().await;
        let link = w.link_for(&b, "ada@example.org").await;
        let (token, _) = signed_in(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        for _ in 0..(7 * 24) {
            w.clock.advance(Duration::hours(1));
            if w.load(&token).await.is_none() {
                break;
            }
        }
        assert!(w.load(&token).await.is_none(), "{}: absolute limit", w.db.name());
    }
}

#[tokio::test]
async fn privileged_roles_need_a_second_factor_and_codes_are_single_use() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let name = w.db.name().to_owned();
        let staff = w.person("staff@example.org", &[RoleKind::ProgramStaff]).await;
        // A link alone: signed in, but the staff role is not usable.
        let (b, _) = w.browser().await;
        let link = w.link_for(&b, "staff@example.org").await;
        let (token, _) = signed_in(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        let s = w.load(&token).await.unwrap();
        let me = s.actor.person().unwrap();
        assert!(!me.acts_as(RoleKind::ProgramStaff) && me.needs_second_factor(), "{name}");
        assert!(matches!(cohorte_app::admin::people(&w.ctx, &s).await, Err(AppError::Denied(Denied::SecondFactorRequired))));
        // Enrol: the session becomes strong and recovery codes are given once.
        let enrol = cohorte_app::account::start_enrolment(&w.ctx, &s).await.unwrap();
        assert!(enrol.url.starts_with("otpauth://totp/"));
        assert!(enrol.qr_svg.contains("<svg"));
        assert!(
            matches!(
                cohorte_app::account::confirm_enrolment(&w.ctx, &s, "000000", &meta()).await.unwrap(),
                cohorte_app::account::EnrolmentOutcome::Retry(_)
            ),
            "{name}: a wrong code shows the same enrolment again"
        );
        let code = totp_code(&enrol.secret, w.clock.now());
        let cohorte_app::account::EnrolmentOutcome::Confirmed(cookie, recovery) =
            cohorte_app::account::confirm_enrolment(&w.ctx, &s, &code, &meta()).await.unwrap()
        else {
            panic!("{name}: the right code confirms")
        };
        assert_eq!(recovery.len(), 10);
        let strong = w.load(&cookie.token).await.unwrap();
        assert!(strong.actor.person().unwrap().acts_as(RoleKind::ProgramStaff));
        assert!(cohorte_app::admin::people(&w.ctx, &strong).await.is_ok());
        // Next sign-in: the link leads to the second factor.
        let (b, bt) = w.browser().await;
        let link = w.link_for(&b, "staff@example.org").await;
        let pt = second_factor_next(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        assert!(w.load(&bt).await.is_none(), "{name}: the session before the link is dead");
        let pending = w.load(&pt).await.unwrap();
        assert_eq!(pending.pending, Some(staff));
        assert!(pending.actor.person().is_none(), "{name}: not signed in before the second factor");
        // The code used at enrolment cannot be replayed.
        assert_eq!(
            identity::verify_second_factor(&w.ctx, &pending, &code, &meta()).await.unwrap(),
            SignInOutcome::Invalid,
            "{name}: replay"
        );
        w.clock.advance(Duration::seconds(30));
        let fresh = totp_code(&enrol.secret, w.clock.now());
        let (t2, _) = signed_in(identity::verify_second_factor(&w.ctx, &pending, &fresh, &meta()).await.unwrap());
        assert_eq!(w.load(&t2).await.unwrap().actor.person().unwrap().method, AuthMethod::Totp);
        // A recovery code works once.
        let (b, _) = w.browser().await;
        let link = w.link_for(&b, "staff@example.org").await;
        let pt = second_factor_next(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        let pending = w.load(&pt).await.unwrap();
        let (t3, _) = signed_in(identity::verify_second_factor(&w.ctx, &pending, &recovery[0], &meta()).await.unwrap());
        assert_eq!(w.load(&t3).await.unwrap().actor.person().unwrap().method, AuthMethod::RecoveryCode);
        let (b, _) = w.browser().await;
        let link = w.link_for(&b, "staff@example.org").await;
        let pt = second_factor_next(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
        let pending = w.load(&pt).await.unwrap();
        assert_eq!(
            identity::verify_second_factor(&w.ctx, &pending, &recovery[0], &meta()).await.unwrap(),
            SignInOutcome::Invalid,
            "{name}: recovery codes are single use"
        );
    }
}

fn totp_code(secret: &str, now: OffsetDateTime) -> String {
    let s = totp_rs::Secret::try_from_base32(secret).unwrap();
    totp_rs::Builder::new().with_secret(s).build().unwrap().generate(now.unix_timestamp() as u64).to_string()
}

async fn sign_in(w: &World, email: &str) -> (Session, String) {
    let (b, _) = w.browser().await;
    let link = w.link_for(&b, email).await;
    let (token, _) = signed_in(identity::confirm_login(&w.ctx, &b, &link, &meta()).await.unwrap());
    (w.load(&token).await.unwrap(), token)
}

async fn strong_staff(w: &World, email: &str) -> (Session, String) {
    w.person(email, &[RoleKind::ProgramStaff]).await;
    let (s, _) = sign_in(w, email).await;
    let e = cohorte_app::account::start_enrolment(&w.ctx, &s).await.unwrap();
    let code = totp_code(&e.secret, w.clock.now());
    let cohorte_app::account::EnrolmentOutcome::Confirmed(cookie, _) =
        cohorte_app::account::confirm_enrolment(&w.ctx, &s, &code, &meta()).await.unwrap()
    else {
        panic!("the right code confirms")
    };
    w.clock.advance(Duration::seconds(31));
    (w.load(&cookie.token).await.unwrap(), cookie.token)
}

#[tokio::test]
async fn role_changes_rotate_the_session_and_take_effect_at_the_next_request() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let (staff, _) = strong_staff(&w, "staff@example.org").await;
        w.person("bob@example.org", &[RoleKind::Candidate]).await;
        let (bob, bob_token) = sign_in(&w, "bob@example.org").await;
        assert!(!bob.actor.person().unwrap().acts_as(RoleKind::Fellow));
        let slug = cohorte_domain::text::slugify("bob@example.org");
        assert!(cohorte_app::admin::grant(&w.ctx, &staff, &slug, RoleKind::Fellow, Some("nope"), &meta()).await.is_err(), "unknown cohort");
        assert!(cohorte_app::admin::grant(&w.ctx, &staff, &slug, RoleKind::Fellow, None, &meta()).await.unwrap());
        assert!(
            !cohorte_app::admin::grant(&w.ctx, &staff, &slug, RoleKind::Fellow, None, &meta()).await.unwrap(),
            "granting twice changes nothing"
        );
        // Bob's next request gets a new token with the new role; the old token is dead.
        let (s, rotated) = identity::load_session(&w.ctx, &bob_token).await.unwrap().unwrap();
        let rotated = rotated.expect("a new cookie");
        assert!(s.actor.person().unwrap().acts_as(RoleKind::Fellow), "{}", w.db.name());
        assert!(w.load(&bob_token).await.is_none(), "{}: the old token is dead", w.db.name());
        // Revocation is effective at the next request too.
        let roles = cohorte_app::admin::person(&w.ctx, &staff, &slug).await.unwrap().roles;
        let fellow = roles.iter().find(|r| r.role == "fellow").unwrap();
        cohorte_app::admin::revoke(&w.ctx, &staff, &slug, cohorte_domain::ids::RoleAssignmentId::from_uuid(fellow.id), &meta())
            .await
            .unwrap();
        let (s, _) = identity::load_session(&w.ctx, &rotated.token).await.unwrap().unwrap();
        assert!(!s.actor.person().unwrap().acts_as(RoleKind::Fellow), "{}", w.db.name());
        // Bob may not grant roles.
        assert!(matches!(
            cohorte_app::admin::grant(&w.ctx, &s, &slug, RoleKind::ProgramStaff, None, &meta()).await,
            Err(AppError::Denied(Denied::Forbidden))
        ));
    }
}

#[tokio::test]
async fn changing_ones_email_needs_a_recent_sign_in_and_revokes_other_sessions() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let ada = w.person("ada@example.org", &[]).await;
        let (_, other_token) = sign_in(&w, "ada@example.org").await;
        let (_, token) = sign_in(&w, "ada@example.org").await;
        w.clock.advance(Duration::minutes(6));
        let s = w.load(&token).await.unwrap();
        assert!(matches!(
            identity::request_email_change(&w.ctx, &s, "new@example.org", &meta()).await,
            Err(AppError::Denied(Denied::ReauthenticationRequired))
        ));
        // Re-authenticate with a fresh link in the same browser.
        identity::request_reauthentication(&w.ctx, &s, &meta()).await.unwrap();
        w.run_jobs().await;
        let link = token_in(&w.outbox.to("ada@example.org").last().unwrap().text);
        let (token, _) = signed_in(identity::confirm_login(&w.ctx, &s, &link, &meta()).await.unwrap());
        let s = w.load(&token).await.unwrap();
        identity::request_email_change(&w.ctx, &s, "New@Example.org", &meta()).await.unwrap();
        w.run_jobs().await;
        let confirm = w.outbox.to("new@example.org");
        assert_eq!(confirm.len(), 1);
        assert!(w.outbox.to("ada@example.org").iter().any(|m| m.subject.contains("Changement d’adresse")), "the old address is told");
        let ct = token_in(&confirm[0].text);
        assert!(identity::confirm_email_change(&w.ctx, &s, &ct, &meta()).await.unwrap(), "{}", w.db.name());
        assert!(!identity::confirm_email_change(&w.ctx, &s, &ct, &meta()).await.unwrap(), "single use");
        let mut c = w.ctx.db.acquire().await.unwrap();
        let emails = store::emails_of(&mut c.conn(), ada).await.unwrap();
        assert_eq!(emails.iter().map(|e| e.email.as_str()).collect::<Vec<_>>(), ["new@example.org"]);
        drop(c);
        assert!(w.load(&other_token).await.is_none(), "{}: other sessions revoked", w.db.name());
        assert!(w.load(&token).await.is_some(), "this one stays");
    }
}

#[tokio::test]
async fn invitations_grant_roles_on_acceptance_once_and_expire() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let (staff, _) = strong_staff(&w, "staff@example.org").await;
        identity::invite(&w.ctx, &staff, "juror@example.org", "Jules Juré", &[RoleKind::JuryMember], &meta()).await.unwrap();
        w.run_jobs().await;
        let mail = w.outbox.to("juror@example.org");
        assert_eq!(mail.len(), 1);
        assert!(mail[0].text.contains("Membre de jury"), "{}", mail[0].text);
        let token = token_in(&mail[0].text);
        // Nothing is granted before acceptance.
        let mut c = w.ctx.db.acquire().await.unwrap();
        assert!(store::person_by_email(&mut c.conn(), &Email::parse("juror@example.org").unwrap()).await.unwrap().is_none());
        drop(c);
        let (b, _) = w.browser().await;
        let (jt, grants) = signed_in(identity::accept_invitation(&w.ctx, &b, &token, &meta()).await.unwrap());
        assert_eq!(grants.iter().map(|g| g.role).collect::<Vec<_>>(), [RoleKind::JuryMember]);
        let juror = w.load(&jt).await.unwrap();
        assert!(juror.actor.person().unwrap().needs_second_factor(), "{}: a juror must add a second factor", w.db.name());
        let (b2, _) = w.browser().await;
        assert_eq!(identity::accept_invitation(&w.ctx, &b2, &token, &meta()).await.unwrap(), SignInOutcome::Invalid, "single use");
        // Someone with a second factor who accepts gives it next, from a session with a new id.
        strong_staff(&w, "grace@example.org").await;
        identity::invite(&w.ctx, &staff, "grace@example.org", "Grace", &[RoleKind::Validator], &meta()).await.unwrap();
        w.run_jobs().await;
        let again = token_in(&w.outbox.to("grace@example.org").last().unwrap().text);
        let (b3, b3t) = w.browser().await;
        let pt = second_factor_next(identity::accept_invitation(&w.ctx, &b3, &again, &meta()).await.unwrap());
        assert!(w.load(&b3t).await.is_none(), "{}: the session before is dead", w.db.name());
        let pending = w.load(&pt).await.unwrap();
        assert!(pending.pending.is_some() && pending.actor.person().is_none() && pending.csrf_token != b3.csrf_token);
        // An expired invitation does nothing.
        identity::invite(&w.ctx, &staff, "late@example.org", "Léa Tard", &[RoleKind::Validator], &meta()).await.unwrap();
        w.run_jobs().await;
        let late = token_in(&w.outbox.to("late@example.org")[0].text);
        w.clock.advance(Duration::days(7));
        assert_eq!(
            identity::accept_invitation(&w.ctx, &b2, &late, &meta()).await.unwrap(),
            SignInOutcome::Invalid,
            "{}: expired",
            w.db.name()
        );
        // Only staff invite.
        assert!(matches!(
            identity::invite(&w.ctx, &juror, "x@example.org", "X", &[RoleKind::ProgramStaff], &meta()).await,
            Err(AppError::Denied(_))
        ));
    }
}

#[tokio::test]
async fn the_audit_log_chains_every_step_refuses_edits_and_detects_tampering() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let name = w.db.name().to_owned();
        w.person("ada@example.org", &[]).await;
        let (s, _) = sign_in(&w, "ada@example.org").await;
        identity::sign_out(&w.ctx, &s, &meta()).await.unwrap();
        let actions = w.db_text("select action from audit_log order by seq").await;
        assert_eq!(actions, ["login_link_requested", "sign_in", "sign_out"], "{name}");
        let details = w.db_text("select details from audit_log").await.join(" ");
        assert!(!details.contains("ada@example.org"), "{name}: addresses are hashed in the log");
        let mut c = w.ctx.db.acquire().await.unwrap();
        assert_eq!(cohorte_store::audit::verify(&mut c.conn()).await.unwrap(), cohorte_store::audit::ChainCheck::Intact(3));
        // Updates and deletes are refused by the database.
        let upd =
            on_conn!(&mut c.conn(), |x| sqlx::query("update audit_log set actor_label = 'x' where seq = 2").execute(x).await.map(|_| ()));
        assert!(upd.is_err(), "{name}: update refused");
        let del = on_conn!(&mut c.conn(), |x| sqlx::query("delete from audit_log where seq = 1").execute(x).await.map(|_| ()));
        assert!(del.is_err(), "{name}: delete refused");
        // Altered out of band (trigger dropped): the chain says where.
        match &w.ctx.db {
            Db::Sqlite(_) => {
                on_conn!(&mut c.conn(), |x| sqlx::query("drop trigger audit_log_no_update").execute(x).await.map(|_| ())).unwrap();
            }
            Db::Postgres(_) => {
                on_conn!(&mut c.conn(), |x| sqlx::query("alter table audit_log disable trigger audit_log_no_update")
                    .execute(x)
                    .await
                    .map(|_| ()))
                .unwrap();
            }
        }
        on_conn!(&mut c.conn(), |x| sqlx::query("update audit_log set actor_label = 'someone else' where seq = 2")
            .execute(x)
            .await
            .map(|_| ()))
        .unwrap();
        assert_eq!(cohorte_store::audit::verify(&mut c.conn()).await.unwrap(), cohorte_store::audit::ChainCheck::BrokenAt(2), "{name}");
    }
}

/// A mailer that counts each message id, shared by two "instances".
#[derive(Debug, Default)]
struct Counter(Mutex<std::collections::HashMap<String, u32>>);

#[async_trait::async_trait]
impl Mailer for Counter {
    async fn send(&self, id: &str, _mail: &OutgoingMail) -> Result<(), MailError> {
        *self.0.lock().unwrap().entry(id.to_owned()).or_default() += 1;
        tokio::task::yield_now().await;
        Ok(())
    }
}

#[tokio::test]
async fn two_instances_on_one_database_run_each_job_exactly_once() {
    for t in TestDb::all().await {
        // Two pools on the same database: two instances.
        let other = cohorte_store::Db::connect(&t.url, &cohorte_store::ConnectOptions { max_connections: 4 }).await.unwrap();
        let a = Ctx::new(t.db.clone());
        let b = Ctx::new(other.clone());
        let now = a.clock.now();
        let n = 120;
        {
            let mut tx = a.db.begin().await.unwrap();
            for i in 0..n {
                let m = OutgoingMail {
                    to: format!("p{i}@example.org"),
                    subject: "s".into(),
                    text: "t".into(),
                    html: "h".into(),
                    attachments: vec![],
                };
                cohorte_app::jobs::enqueue(&mut tx.conn(), &cohorte_app::jobs::Job::SendMail { mail: m }, None, now).await.unwrap();
            }
            tx.commit().await.unwrap();
        }
        let counter = Arc::new(Counter::default());
        let run = |ctx: Ctx, id: &'static str| {
            let counter = counter.clone();
            async move {
                let w = Worker::new(ctx, counter, id);
                let mut done = 0;
                loop {
                    match w.run_once().await.unwrap() {
                        Turn::Done(_) => done += 1,
                        Turn::Idle => break,
                        Turn::Failed(_, e) => panic!("{e}"),
                    }
                }
                done
            }
        };
        let (x, y, z, u) = tokio::join!(run(a.clone(), "a1"), run(a.clone(), "a2"), run(b.clone(), "b1"), run(b.clone(), "b2"));
        let counts = counter.0.lock().unwrap().clone();
        assert_eq!(counts.len(), n, "{}: every job ran", t.name());
        assert!(counts.values().all(|c| *c == 1), "{}: each exactly once", t.name());
        assert_eq!(x + y + z + u, n);
        other.close().await;
    }
}

/// A mailer that fails the first times.
#[derive(Debug, Default)]
struct Flaky(Mutex<u32>);

#[async_trait::async_trait]
impl Mailer for Flaky {
    async fn send(&self, _id: &str, _mail: &OutgoingMail) -> Result<(), MailError> {
        let mut n = self.0.lock().unwrap();
        *n += 1;
        if *n < 3 { Err(MailError("421 try later".into())) } else { Ok(()) }
    }
}

#[tokio::test]
async fn failed_jobs_are_retried_with_backoff() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let flaky = Arc::new(Flaky::default());
        let worker = Worker::new(w.ctx.clone(), flaky.clone(), "flaky");
        {
            let m =
                OutgoingMail { to: "a@example.org".into(), subject: "s".into(), text: "t".into(), html: "h".into(), attachments: vec![] };
            let mut tx = w.ctx.db.begin().await.unwrap();
            cohorte_app::jobs::enqueue(&mut tx.conn(), &cohorte_app::jobs::Job::SendMail { mail: m }, None, w.clock.now()).await.unwrap();
            tx.commit().await.unwrap();
        }
        let Turn::Failed(id, _) = worker.run_once().await.unwrap() else { panic!("first attempt fails") };
        assert_eq!(worker.run_once().await.unwrap(), Turn::Idle, "{}: not before its retry time", w.db.name());
        w.clock.advance(Duration::seconds(11));
        assert!(matches!(worker.run_once().await.unwrap(), Turn::Failed(..)));
        w.clock.advance(Duration::seconds(41));
        assert_eq!(worker.run_once().await.unwrap(), Turn::Done(id));
        let mut c = w.ctx.db.acquire().await.unwrap();
        assert_eq!(cohorte_store::jobs::status(&mut c.conn(), id).await.unwrap().map(|s| (s.0, s.1)), Some(("done".to_owned(), 3)));
    }
}

#[tokio::test]
async fn concurrent_email_changes_confirm_only_the_address_each_link_was_sent_to() {
    for t in TestDb::all().await {
        let w = World::new(t).await;
        let ada = w.person("ada@example.org", &[]).await;
        let (s, _) = sign_in(&w, "ada@example.org").await;
        // Twenty requests at once, alternating two new addresses (devise CVE-2026-32700).
        let mut set = tokio::task::JoinSet::new();
        for i in 0..20 {
            let (ctx, s) = (w.ctx.clone(), s.clone());
            let to = if i % 2 == 0 { "first@example.org" } else { "second@example.org" };
            set.spawn(async move { identity::request_email_change(&ctx, &s, to, &meta()).await });
        }
        while let Some(r) = set.join_next().await {
            r.unwrap().unwrap();
        }
        w.run_jobs().await;
        let mut links: Vec<(String, String)> = Vec::new();
        for to in ["first@example.org", "second@example.org"] {
            let mails = w.outbox.to(to);
            assert_eq!(mails.len(), 10, "{}: every request got its own mail", w.db.name());
            links.extend(mails.iter().map(|m| (to.to_owned(), token_in(&m.text))));
        }
        // Confirm in an interleaved order: each link sets exactly the address it was sent to.
        links.sort_by(|a, b| a.1.cmp(&b.1));
        let mut confirmed = 0;
        for (to, token) in &links {
            if identity::confirm_email_change(&w.ctx, &s, token, &meta()).await.unwrap() {
                confirmed += 1;
                let mut c = w.ctx.db.acquire().await.unwrap();
                let emails = store::emails_of(&mut c.conn(), ada).await.unwrap();
                let primary: Vec<&str> = emails.iter().filter(|e| e.is_primary).map(|e| e.email.as_str()).collect();
                assert_eq!(primary, [to.as_str()], "{}: a link confirms its own address only", w.db.name());
            }
        }
        assert!(confirmed >= 1, "{}", w.db.name());
    }
}
