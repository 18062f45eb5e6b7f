//! `identity`: people and addresses, OpenID Connect links, role grants, sessions, emailed tokens,
//! the second factor, rate limits and deletion requests.

use std::collections::HashSet;

use cohorte_domain::content::{Organisation, OrganisationKind, RoleKind};
use cohorte_domain::identity::Grant;
use cohorte_domain::ids::{CohortId, PersonId};
use cohorte_domain::text::name_key;
use cohorte_store::identity::{self, EmailRow, OidcRow, PersonRow, SessionRow, TokenRow, TotpRow};
use cohorte_store::{content, on_conn, people};
use cohorte_test_support::TestDb;
use time::Duration;

use crate::slug;
use crate::support::{assert_conflict, at, cohort, email, person};

#[tokio::test]
async fn identity_people_and_addresses_round_trip() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let ada = identity::create_person(&mut c, "ada", "Ada Lovelace").await.unwrap();
        let row = identity::person(&mut c, ada).await.unwrap().unwrap();
        assert_eq!(
            row,
            PersonRow { id: ada.as_uuid(), slug: "ada".into(), display_name: "Ada Lovelace".into(), public_profile: false },
            "{db}"
        );
        assert_eq!(row.person_id(), ada);
        assert_eq!(identity::person_by_slug(&mut c, "ada").await.unwrap(), Some(row), "{db}");
        assert_eq!(identity::person(&mut c, PersonId::new()).await.unwrap(), None);
        assert_eq!(identity::person_by_slug(&mut c, "nobody").await.unwrap(), None);
        assert_conflict(identity::create_person(&mut c, "ada", "Another Ada").await, &db);

        identity::rename_person(&mut c, ada, "Ada Byron-King").await.unwrap();
        assert_eq!(identity::person(&mut c, ada).await.unwrap().unwrap().display_name, "Ada Byron-King", "{db}");
        let keys: (String, String) = on_conn!(&mut c, |x| sqlx::query_as("select sort_key, search_key from person where id = $1")
            .bind(ada.as_uuid())
            .fetch_one(x)
            .await)
        .unwrap();
        assert_eq!(keys, (name_key("Ada Byron-King"), format!(" {} ", name_key("Ada Byron-King"))), "{db}: renaming refreshes the keys");

        // Addresses: the first is primary; verification is recorded once.
        let (first, second, third) = (email("ada@example.org"), email("ada@work.example"), email("ada.king@example.org"));
        assert_eq!(identity::person_by_email(&mut c, &first).await.unwrap(), None);
        identity::add_email(&mut c, ada, &first, None, at(0)).await.unwrap();
        identity::add_email(&mut c, ada, &second, Some(at(1)), at(1)).await.unwrap();
        assert_eq!(
            identity::emails_of(&mut c, ada).await.unwrap(),
            [
                EmailRow { email: first.as_str().into(), verified_at: None, is_primary: true },
                EmailRow { email: second.as_str().into(), verified_at: Some(at(1)), is_primary: false },
            ],
            "{db}: primary first"
        );
        assert_eq!(identity::person_by_email(&mut c, &first).await.unwrap(), Some((ada, false)), "{db}");
        assert_eq!(identity::person_by_email(&mut c, &second).await.unwrap(), Some((ada, true)), "{db}");
        let bob = person(&mut c, "bob", "Bob").await;
        assert_conflict(identity::add_email(&mut c, bob, &first, None, at(2)).await, &db);
        identity::verify_email(&mut c, ada, &first, at(3)).await.unwrap();
        identity::verify_email(&mut c, ada, &first, at(4)).await.unwrap();
        identity::verify_email(&mut c, bob, &second, at(4)).await.unwrap();
        let emails = identity::emails_of(&mut c, ada).await.unwrap();
        assert_eq!(
            emails.iter().map(|e| e.verified_at).collect::<Vec<_>>(),
            [Some(at(3)), Some(at(1))],
            "{db}: the first verification stays"
        );
        // With the language, in one read: the same addresses; a person without any, none; nobody, None.
        let (same, lang) = identity::emails_and_lang(&mut c, ada).await.unwrap().unwrap();
        assert_eq!((same, lang), (emails.clone(), None), "{db}");
        people::set_lang(&mut c, ada, "en").await.unwrap();
        assert_eq!(identity::emails_and_lang(&mut c, ada).await.unwrap().unwrap().1.as_deref(), Some("en"), "{db}");
        let nobody_yet = person(&mut c, "cy", "Cy").await;
        assert_eq!(identity::emails_and_lang(&mut c, nobody_yet).await.unwrap(), Some((vec![], None)), "{db}");
        assert_eq!(identity::emails_and_lang(&mut c, PersonId::new()).await.unwrap(), None, "{db}");

        // A change of address leaves the new one, verified, as the only one.
        identity::replace_primary_email(&mut c, ada, &third, at(5)).await.unwrap();
        assert_eq!(
            identity::emails_of(&mut c, ada).await.unwrap(),
            [EmailRow { email: third.as_str().into(), verified_at: Some(at(5)), is_primary: true }],
            "{db}"
        );
        assert_eq!(identity::person_by_email(&mut c, &first).await.unwrap(), None, "{db}: the old address is free again");
        assert_eq!(identity::person_by_email(&mut c, &third).await.unwrap(), Some((ada, true)));
    }
}

#[tokio::test]
async fn identity_openid_accounts_are_linked_by_issuer_and_subject() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let (ada, bob) = (person(&mut c, "ada", "Ada").await, person(&mut c, "bob", "Bob").await);
        let iss = "https://id.example";
        assert_eq!(identity::person_by_oidc(&mut c, iss, "s-1").await.unwrap(), None);
        identity::link_oidc(&mut c, iss, "s-1", ada, Some("ada@example.org"), at(0)).await.unwrap();
        identity::link_oidc(&mut c, "https://other.example", "s-1", bob, None, at(1)).await.unwrap();
        assert_eq!(identity::person_by_oidc(&mut c, iss, "s-1").await.unwrap(), Some(ada), "{db}");
        assert_eq!(identity::person_by_oidc(&mut c, "https://other.example", "s-1").await.unwrap(), Some(bob), "{db}");
        assert_eq!(identity::person_by_oidc(&mut c, iss, "s-2").await.unwrap(), None);
        assert_conflict(identity::link_oidc(&mut c, iss, "s-1", bob, None, at(2)).await, &db);
        identity::touch_oidc(&mut c, iss, "s-1", at(10)).await.unwrap();
        identity::link_oidc(&mut c, iss, "s-3", ada, None, at(20)).await.unwrap();
        assert_eq!(
            identity::oidc_of(&mut c, ada).await.unwrap(),
            [
                OidcRow {
                    issuer: iss.into(),
                    subject: "s-1".into(),
                    email: Some("ada@example.org".into()),
                    linked_at: at(0),
                    last_login_at: Some(at(10)),
                },
                OidcRow { issuer: iss.into(), subject: "s-3".into(), email: None, linked_at: at(20), last_login_at: Some(at(20)) },
            ],
            "{db}: oldest link first"
        );
    }
}

#[tokio::test]
async fn identity_roles_are_granted_revoked_and_granted_again() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let (ada, bob, cat, dan) = (
            person(&mut c, "ada", "Ada").await,
            person(&mut c, "bob", "Bob").await,
            person(&mut c, "cat", "Cat").await,
            person(&mut c, "dan", "Dan").await,
        );
        identity::add_email(&mut c, ada, &email("ada@example.org"), None, at(0)).await.unwrap();
        let co = cohort(&mut c, "eig-9", 9, 2026).await;
        assert_eq!(identity::cohort_id(&mut c, "eig-9").await.unwrap(), Some(co.cohort_id()), "{db}");
        assert_eq!(identity::cohort_id(&mut c, "eig-0").await.unwrap(), None);
        let dinum = Organisation {
            slug: slug("dinum"),
            name: "DINUM".into(),
            acronym: None,
            kind: OrganisationKind::CentralAdmin,
            parent: None,
            website: None,
            aliases: vec![],
        };
        let (org, _, _) = content::upsert_organisation(&mut c, &dinum, None).await.unwrap();

        let staff = Grant::program(RoleKind::ProgramStaff);
        let juror = Grant { cohort: Some(co.cohort_id()), ..Grant::program(RoleKind::JuryMember) };
        let contact = Grant { organisation: Some(org), ..Grant::program(RoleKind::AdminContact) };
        let (staff_id, changed) = identity::grant_role(&mut c, ada, &staff, None, "staff", at(1)).await.unwrap();
        assert!(changed, "{db}");
        assert_eq!(identity::grant_role(&mut c, ada, &staff, Some(bob), "staff", at(2)).await.unwrap(), (staff_id, false), "{db}");
        assert!(identity::grant_role(&mut c, ada, &juror, Some(bob), "staff", at(3)).await.unwrap().1);
        assert!(identity::grant_role(&mut c, ada, &contact, Some(bob), "demo", at(4)).await.unwrap().1);
        let unknown_cohort = Grant { cohort: Some(CohortId::new()), ..Grant::program(RoleKind::Validator) };
        assert_conflict(identity::grant_role(&mut c, ada, &unknown_cohort, None, "staff", at(4)).await, &db);
        let active: HashSet<Grant> = identity::active_grants(&mut c, ada).await.unwrap().into_iter().collect();
        assert_eq!(active, HashSet::from([staff.clone(), juror.clone(), contact.clone()]), "{db}");

        // Revocation: only by the holder's assignment id, once.
        assert_eq!(identity::revoke_role(&mut c, bob, staff_id, bob, at(5)).await.unwrap(), None, "{db}: not bob's");
        assert_eq!(identity::revoke_role(&mut c, ada, staff_id, bob, at(5)).await.unwrap().as_deref(), Some("program_staff"), "{db}");
        assert_eq!(identity::revoke_role(&mut c, ada, staff_id, bob, at(6)).await.unwrap(), None, "{db}: already revoked");
        assert!(!identity::active_grants(&mut c, ada).await.unwrap().contains(&staff), "{db}");
        // The name and the active grants in one read; a person without any role has none; nobody, none.
        let (name, grants) = identity::name_and_grants(&mut c, ada).await.unwrap().unwrap();
        let grants: HashSet<Grant> = grants.into_iter().collect();
        let ada_name = identity::person(&mut c, ada).await.unwrap().unwrap().display_name;
        assert_eq!((name, grants), (ada_name, HashSet::from([juror.clone(), contact.clone()])), "{db}");
        assert_eq!(identity::name_and_grants(&mut c, bob).await.unwrap().map(|(_, g)| g.len()), Some(0), "{db}");
        assert_eq!(identity::name_and_grants(&mut c, PersonId::new()).await.unwrap(), None, "{db}");
        let roles = identity::roles_of(&mut c, ada).await.unwrap();
        assert_eq!(
            roles
                .iter()
                .map(|r| (r.role.as_str(), r.cohort_code.as_deref(), r.organisation_slug.as_deref(), r.source.as_str()))
                .collect::<Vec<_>>(),
            [
                ("admin_contact", None, Some("dinum"), "demo"),
                ("jury_member", Some("eig-9"), None, "staff"),
                ("program_staff", None, None, "staff")
            ],
            "{db}: active ones first, by role"
        );
        assert_eq!((roles[2].id, roles[2].granted_at, roles[2].revoked_at), (staff_id.as_uuid(), Some(at(1)), Some(at(5))), "{db}");
        assert_eq!((roles[0].challenge_slug.as_deref(), roles[1].revoked_at), (None, None));

        // Granting a revoked role again revives the same assignment.
        assert_eq!(identity::grant_role(&mut c, ada, &staff, Some(bob), "demo", at(7)).await.unwrap(), (staff_id, true), "{db}");
        let again = identity::roles_of(&mut c, ada).await.unwrap().into_iter().find(|r| r.id == staff_id.as_uuid()).unwrap();
        assert_eq!((again.granted_at, again.revoked_at, again.source.as_str()), (Some(at(7)), None, "demo"), "{db}");

        // The staff page lists people holding an active role granted by staff or demo, once each.
        let fellow = Grant::program(RoleKind::Fellow);
        identity::grant_role(&mut c, cat, &fellow, None, "eig-opendata", at(8)).await.unwrap();
        let (dan_role, _) = identity::grant_role(&mut c, dan, &fellow, None, "staff", at(8)).await.unwrap();
        identity::revoke_role(&mut c, dan, dan_role, ada, at(9)).await.unwrap();
        identity::grant_role(&mut c, bob, &juror, Some(ada), "staff", at(9)).await.unwrap();
        let listed = identity::people_with_grants(&mut c).await.unwrap();
        assert_eq!(
            listed.iter().map(|(p, e)| (p.slug.as_str(), e.as_deref())).collect::<Vec<_>>(),
            [("ada", Some("ada@example.org")), ("bob", None)],
            "{db}: imported and revoked roles are not listed; sorted by name"
        );
    }
}

fn session(id_hash: &str, person: Option<PersonId>, created: i64) -> SessionRow {
    SessionRow {
        id_hash: id_hash.into(),
        person_id: person.map(|p| p.as_uuid()),
        csrf_token: format!("csrf-{id_hash}"),
        auth_method: person.map(|_| "magic_link".into()),
        authenticated_at: person.map(|_| at(created)),
        created_at: at(created),
        last_seen_at: at(created),
        idle_timeout_secs: 24 * 3600,
        absolute_expires_at: at(created + 12 * 60),
        user_agent: Some("Firefox".into()),
        ip: Some("192.0.2.1".into()),
        pending_person_id: None,
        oidc_state: None,
        revoked_at: None,
    }
}

#[tokio::test]
async fn identity_sessions_round_trip_rotate_expire_and_revoke() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let (ada, bob) = (person(&mut c, "ada", "Ada").await, person(&mut c, "bob", "Bob").await);
        let s1 = session("h1", Some(ada), 0);
        identity::insert_session(&mut c, &s1).await.unwrap();
        assert_eq!(identity::session(&mut c, "h1").await.unwrap(), Some(s1.clone()), "{db}");
        assert_eq!(identity::session(&mut c, "h0").await.unwrap(), None);
        assert_conflict(identity::insert_session(&mut c, &s1).await, &db);

        // Activity is recorded at most once a minute.
        identity::touch_session(&mut c, "h1", at(0) + Duration::seconds(30)).await.unwrap();
        assert_eq!(identity::session(&mut c, "h1").await.unwrap().unwrap().last_seen_at, at(0), "{db}");
        identity::touch_session(&mut c, "h1", at(2)).await.unwrap();
        assert_eq!(identity::session(&mut c, "h1").await.unwrap().unwrap().last_seen_at, at(2), "{db}");

        // The fields of a sign-in in progress.
        identity::set_oidc_state(&mut c, "h1", Some(r#"{"nonce":"n"}"#)).await.unwrap();
        identity::set_auth_method(&mut c, "h1", "totp").await.unwrap();
        let s = identity::session(&mut c, "h1").await.unwrap().unwrap();
        assert_eq!((s.oidc_state.as_deref(), s.auth_method.as_deref()), (Some(r#"{"nonce":"n"}"#), Some("totp")), "{db}");
        identity::set_oidc_state(&mut c, "h1", None).await.unwrap();
        let s = identity::session(&mut c, "h1").await.unwrap().unwrap();
        assert_eq!(s.oidc_state, None, "{db}");
        let _ = bob;

        // A role change flags every live session of the person for a new token.
        identity::insert_session(&mut c, &session("h2", Some(ada), 1)).await.unwrap();
        identity::insert_session(&mut c, &session("anon", None, 1)).await.unwrap();
        let in_use = async |c: &mut cohorte_store::Conn<'_>, h: &str| identity::session_in_use(c, h).await.unwrap();
        let h1 = in_use(&mut c, "h1").await.unwrap();
        assert_eq!((h1.must_rotate, Some(h1.row)), (false, identity::session(&mut c, "h1").await.unwrap()), "{db}: the row as read");
        assert_eq!(identity::flag_rotation(&mut c, ada).await.unwrap(), 2, "{db}");
        assert!(in_use(&mut c, "h1").await.unwrap().must_rotate, "{db}");
        let anon = in_use(&mut c, "anon").await.unwrap();
        assert_eq!((anon.must_rotate, anon.person), (false, None), "{db}: nobody signed in");
        // The person comes with the session: their name and active grants, as read on their own.
        for role in [RoleKind::ProgramStaff, RoleKind::JuryMember] {
            identity::grant_role(&mut c, ada, &Grant::program(role), None, "staff", at(2)).await.unwrap();
        }
        let with = in_use(&mut c, "h1").await.unwrap().person.map(|(n, g)| (n, g.into_iter().collect::<HashSet<_>>()));
        let alone = identity::name_and_grants(&mut c, ada).await.unwrap().map(|(n, g)| (n, g.into_iter().collect::<HashSet<_>>()));
        assert!(with.as_ref().is_some_and(|(_, g)| g.len() == 2) && with == alone, "{db}: {with:?} {alone:?}");
        assert!(in_use(&mut c, "gone").await.is_none(), "{db}: an unknown session");
        identity::rotate_session(&mut c, "h1", &session("h3", Some(ada), 4)).await.unwrap();
        assert_eq!(identity::session(&mut c, "h1").await.unwrap(), None, "{db}: the old token stops working");
        assert!(!in_use(&mut c, "h3").await.unwrap().must_rotate, "{db}");

        // Live sessions: not revoked, not past their absolute end nor idle for longer than allowed.
        let mut idle = session("idle", Some(ada), 5);
        idle.idle_timeout_secs = 60;
        identity::insert_session(&mut c, &idle).await.unwrap();
        let live = |v: Vec<SessionRow>| v.into_iter().map(|s| s.id_hash).collect::<Vec<_>>();
        assert_eq!(live(identity::sessions_of(&mut c, ada, at(5)).await.unwrap()), ["idle", "h3", "h2"], "{db}: latest activity first");
        assert_eq!(live(identity::sessions_of(&mut c, ada, at(7)).await.unwrap()), ["h3", "h2"], "{db}: idle for two minutes");
        assert_eq!(live(identity::sessions_of(&mut c, ada, at(12 * 60 + 2)).await.unwrap()), ["h3"], "{db}: h2 reached its end");
        assert!(identity::revoke_session(&mut c, "h3", at(8)).await.unwrap(), "{db}");
        assert!(!identity::revoke_session(&mut c, "h3", at(9)).await.unwrap(), "{db}: already revoked");
        assert_eq!(identity::session(&mut c, "h3").await.unwrap().unwrap().revoked_at, Some(at(8)), "{db}");
        assert_eq!(live(identity::sessions_of(&mut c, ada, at(8)).await.unwrap()), ["h2"], "{db}");

        identity::insert_session(&mut c, &session("h4", Some(ada), 9)).await.unwrap();
        identity::insert_session(&mut c, &session("h5", Some(ada), 9)).await.unwrap();
        assert_eq!(identity::revoke_person_sessions(&mut c, ada, Some("h5"), at(10)).await.unwrap(), 3, "{db}: h2, idle, h4");
        assert_eq!(live(identity::sessions_of(&mut c, ada, at(10)).await.unwrap()), ["h5"], "{db}");
        assert_eq!(identity::revoke_person_sessions(&mut c, ada, None, at(11)).await.unwrap(), 1, "{db}");

        // Purging removes sessions revoked or ended before the cutoff.
        assert_eq!(identity::purge_sessions(&mut c, at(10)).await.unwrap(), 1, "{db}: h3, revoked at 8");
        assert_eq!(identity::purge_sessions(&mut c, at(12 * 60 + 30)).await.unwrap(), 5, "{db}: every other, anon included");
        assert_eq!(identity::purge_sessions(&mut c, at(12 * 60 + 30)).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn identity_emailed_tokens_are_used_once_and_expire() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let ada = person(&mut c, "ada", "Ada").await;
        let addr = email("ada@example.org");
        identity::insert_token(&mut c, "t1", "login", &addr, Some(ada), Some("sess"), "{}", at(0), at(15)).await.unwrap();
        identity::insert_token(&mut c, "t2", "login", &addr, None, None, r#"{"k":1}"#, at(0), at(15)).await.unwrap();
        identity::insert_token(&mut c, "t3", "invite", &addr, None, None, "{}", at(0), at(60)).await.unwrap();
        assert_conflict(identity::insert_token(&mut c, "t1", "login", &addr, None, None, "{}", at(0), at(15)).await, &db);
        let t1 = TokenRow {
            purpose: "login".into(),
            email: addr.as_str().into(),
            person_id: Some(ada.as_uuid()),
            session_hash: Some("sess".into()),
            payload: "{}".into(),
            expires_at: at(15),
        };
        assert_eq!(identity::peek_token(&mut c, "t1", "login", at(1)).await.unwrap(), Some(t1.clone()), "{db}");
        assert_eq!(identity::peek_token(&mut c, "t1", "invite", at(1)).await.unwrap(), None, "{db}: another purpose");
        assert_eq!(identity::peek_token(&mut c, "t1", "login", at(15)).await.unwrap(), None, "{db}: expired");
        assert_eq!(identity::take_token(&mut c, "t1", "login", at(15)).await.unwrap(), None, "{db}: expired");
        assert_eq!(identity::take_token(&mut c, "t1", "login", at(2)).await.unwrap(), Some(t1), "{db}");
        assert_eq!(identity::take_token(&mut c, "t1", "login", at(2)).await.unwrap(), None, "{db}: single use");
        assert_eq!(identity::peek_token(&mut c, "t1", "login", at(2)).await.unwrap(), None, "{db}");

        assert_eq!(identity::void_tokens(&mut c, &addr, "login", at(3)).await.unwrap(), 1, "{db}: t2 only");
        assert_eq!(identity::take_token(&mut c, "t2", "login", at(4)).await.unwrap(), None, "{db}");
        assert_eq!(identity::take_token(&mut c, "t3", "invite", at(4)).await.unwrap().map(|t| t.expires_at), Some(at(60)), "{db}");
    }
}

#[tokio::test]
async fn identity_second_factor_refuses_replays_and_spent_codes() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let (ada, bob) = (person(&mut c, "ada", "Ada").await, person(&mut c, "bob", "Bob").await);
        assert_eq!(identity::totp_of(&mut c, ada).await.unwrap(), None);
        assert!(!identity::use_totp_step(&mut c, ada, 1, None).await.unwrap(), "{db}: no credential");
        identity::set_totp_secret(&mut c, ada, "SECRET1", at(0)).await.unwrap();
        assert_eq!(
            identity::totp_of(&mut c, ada).await.unwrap(),
            Some(TotpRow { secret: "SECRET1".into(), confirmed_at: None, last_step: None }),
            "{db}"
        );
        assert!(identity::use_totp_step(&mut c, ada, 100, Some(at(1))).await.unwrap(), "{db}");
        assert!(!identity::use_totp_step(&mut c, ada, 100, Some(at(2))).await.unwrap(), "{db}: replay");
        assert!(!identity::use_totp_step(&mut c, ada, 99, None).await.unwrap(), "{db}: an older step");
        assert!(identity::use_totp_step(&mut c, ada, 101, Some(at(3))).await.unwrap());
        assert_eq!(
            identity::totp_of(&mut c, ada).await.unwrap(),
            Some(TotpRow { secret: "SECRET1".into(), confirmed_at: Some(at(1)), last_step: Some(101) }),
            "{db}: confirmed once"
        );
        identity::set_totp_secret(&mut c, ada, "SECRET2", at(4)).await.unwrap();
        assert_eq!(
            identity::totp_of(&mut c, ada).await.unwrap(),
            Some(TotpRow { secret: "SECRET2".into(), confirmed_at: None, last_step: None }),
            "{db}: a new enrolment starts over"
        );

        let codes = ["c1".to_owned(), "c2".to_owned(), "c3".to_owned()];
        identity::replace_recovery_codes(&mut c, ada, &codes).await.unwrap();
        assert_eq!(identity::recovery_codes_left(&mut c, ada).await.unwrap(), 3, "{db}");
        assert!(!identity::use_recovery_code(&mut c, bob, "c1", at(5)).await.unwrap(), "{db}: not bob's");
        assert!(identity::use_recovery_code(&mut c, ada, "c1", at(5)).await.unwrap(), "{db}");
        assert!(!identity::use_recovery_code(&mut c, ada, "c1", at(6)).await.unwrap(), "{db}: spent");
        assert!(!identity::use_recovery_code(&mut c, ada, "zz", at(6)).await.unwrap());
        assert_eq!(identity::recovery_codes_left(&mut c, ada).await.unwrap(), 2, "{db}");
        identity::replace_recovery_codes(&mut c, ada, &["c4".to_owned()]).await.unwrap();
        assert!(!identity::use_recovery_code(&mut c, ada, "c2", at(7)).await.unwrap(), "{db}: replaced");
        assert_eq!(identity::recovery_codes_left(&mut c, ada).await.unwrap(), 1, "{db}");

        identity::delete_totp(&mut c, ada).await.unwrap();
        assert_eq!(identity::totp_of(&mut c, ada).await.unwrap(), None, "{db}");
        assert_eq!(identity::recovery_codes_left(&mut c, ada).await.unwrap(), 0, "{db}: the codes go with it");
    }
}

#[tokio::test]
async fn identity_rate_limits_count_per_window_and_deletion_requests_stay_single() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        for want in 1..=3 {
            assert_eq!(identity::hit(&mut c, "login:1.2.3.4", 60).await.unwrap(), want, "{db}");
        }
        assert_eq!(identity::hit(&mut c, "login:1.2.3.4", 120).await.unwrap(), 1, "{db}: a new window");
        assert_eq!(identity::hit(&mut c, "login:5.6.7.8", 60).await.unwrap(), 1, "{db}: another bucket");
        assert_eq!(identity::purge_rate_limits(&mut c, 120).await.unwrap(), 2, "{db}");
        assert_eq!(identity::hit(&mut c, "login:1.2.3.4", 60).await.unwrap(), 1, "{db}: counted anew");
        assert_eq!(identity::hit(&mut c, "login:1.2.3.4", 120).await.unwrap(), 2, "{db}: kept");

        // Sliding windows: a bucket's events counted after an instant; a lock row that no window
        // counts; a bucket cleared.
        for t in [1000, 1100, 1200] {
            identity::hit(&mut c, "mail:ada", t).await.unwrap();
        }
        identity::lock_bucket(&mut c, "mail:ada").await.unwrap();
        identity::lock_bucket(&mut c, "mail:ada").await.unwrap();
        assert_eq!(identity::hits_since(&mut c, "mail:ada", 1050).await.unwrap(), 2, "{db}");
        assert_eq!(identity::hits_since(&mut c, "mail:ada", 0).await.unwrap(), 3, "{db}: the lock row is never counted");
        assert_eq!(identity::hits_since(&mut c, "mail:bob", 0).await.unwrap(), 0, "{db}");
        assert!(identity::clear_bucket(&mut c, "mail:ada").await.unwrap() >= 3, "{db}");
        assert_eq!(identity::hits_since(&mut c, "mail:ada", 0).await.unwrap(), 0, "{db}");

        let (ada, bob) = (person(&mut c, "ada", "Ada").await, person(&mut c, "bob", "Bob").await);
        assert_eq!(identity::open_deletion_request(&mut c, ada).await.unwrap(), None);
        assert!(identity::request_deletion(&mut c, ada, Some("Je pars"), at(0)).await.unwrap(), "{db}");
        assert!(!identity::request_deletion(&mut c, ada, None, at(1)).await.unwrap(), "{db}: one open request at a time");
        assert_eq!(identity::open_deletion_request(&mut c, ada).await.unwrap(), Some(at(0)), "{db}");
        assert_eq!(identity::open_deletion_request(&mut c, bob).await.unwrap(), None, "{db}");
    }
}

#[tokio::test]
async fn people_language_is_recorded_and_checked() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let ada = person(&mut c, "ada", "Ada").await;
        assert_eq!(people::lang(&mut c, ada).await.unwrap(), None, "{db}");
        assert_eq!(people::lang(&mut c, PersonId::new()).await.unwrap(), None, "{db}: nobody");
        people::set_lang(&mut c, ada, "en").await.unwrap();
        assert_eq!(people::lang(&mut c, ada).await.unwrap().as_deref(), Some("en"), "{db}");
        people::set_lang(&mut c, ada, "fr").await.unwrap();
        people::set_lang(&mut c, ada, "fr").await.unwrap();
        assert_eq!(people::lang(&mut c, ada).await.unwrap().as_deref(), Some("fr"), "{db}");
        assert!(people::set_lang(&mut c, ada, "de").await.is_err(), "{db}: only fr and en");
        assert_eq!(people::lang(&mut c, ada).await.unwrap().as_deref(), Some("fr"), "{db}");
    }
}
