//! `audit`: the append-only, hash-chained log.

use cohorte_domain::identity::{AuditAction, AuditEntry};
use cohorte_store::Backend;
use cohorte_store::audit::{self, AuditFilter, ChainCheck};
use cohorte_test_support::TestDb;
use time::Duration;

use crate::support::{assert_corrupt, at, exec, person};

#[tokio::test]
async fn audit_entries_chain_filter_and_reveal_tampering() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        assert_eq!(audit::verify(&mut c).await.unwrap(), ChainCheck::Intact(0), "{db}");
        let ada = person(&mut c, "ada", "Ada").await;
        let entry = |minute: i64, action: AuditAction, object_id: &str| AuditEntry {
            // Nanoseconds: the log keeps whole seconds, the precision its hash is computed over.
            at: at(minute) + Duration::nanoseconds(789),
            actor: Some(ada),
            actor_label: "Ada".into(),
            action,
            object_type: "proposal".into(),
            object_id: object_id.into(),
            details: serde_json::json!({ "minute": minute, "note": "é\"<" }),
            ip: Some("192.0.2.1".into()),
        };
        assert_eq!(audit::append(&mut c, &entry(0, AuditAction::SignIn, "p-1")).await.unwrap(), 1, "{db}");
        assert_eq!(audit::append(&mut c, &entry(1, AuditAction::SignOut, "p-2")).await.unwrap(), 2);
        let system = AuditEntry { actor: None, actor_label: "system".into(), ip: None, ..entry(2, AuditAction::SignIn, "p-2") };
        assert_eq!(audit::append(&mut c, &system).await.unwrap(), 3);

        let (rows, total) = audit::list(&mut c, &AuditFilter { limit: 10, ..Default::default() }).await.unwrap();
        assert_eq!((rows.iter().map(|r| r.seq).collect::<Vec<_>>(), total), (vec![3, 2, 1], 3), "{db}: newest first");
        let first = &rows[2];
        assert_eq!(first.at, at(0).replace_nanosecond(0).unwrap(), "{db}");
        assert_eq!(
            (first.actor_id, first.actor_label.as_str(), first.action.as_str(), first.object_type.as_str(), first.object_id.as_str()),
            (Some(ada.as_uuid()), "Ada", "sign_in", "proposal", "p-1"),
            "{db}"
        );
        assert_eq!(serde_json::from_str::<serde_json::Value>(&first.details).unwrap(), entry(0, AuditAction::SignIn, "").details, "{db}");
        assert_eq!((first.ip.as_deref(), rows[0].ip.as_deref(), rows[0].actor_id), (Some("192.0.2.1"), None, None), "{db}");
        assert_eq!(first.prev_hash, "0".repeat(64), "{db}");
        assert_eq!((rows[1].prev_hash.as_str(), rows[0].prev_hash.as_str()), (first.hash.as_str(), rows[1].hash.as_str()), "{db}: chained");

        let filter = AuditFilter { limit: 10, ..Default::default() };
        for (f, want, total) in [
            (AuditFilter { action: Some("sign_in".into()), ..filter.clone() }, vec![3, 1], 2),
            (AuditFilter { actor: Some(ada), ..filter.clone() }, vec![2, 1], 2),
            (AuditFilter { object_id: Some("p-2".into()), ..filter.clone() }, vec![3, 2], 2),
            (AuditFilter { action: Some("sign_in".into()), object_id: Some("p-2".into()), ..filter.clone() }, vec![3], 1),
            (AuditFilter { limit: 1, offset: 1, ..filter.clone() }, vec![2], 3),
        ] {
            let (rows, n) = audit::list(&mut c, &f).await.unwrap();
            assert_eq!((rows.iter().map(|r| r.seq).collect::<Vec<_>>(), n), (want, total), "{db}: {f:?}");
        }
        assert_eq!(audit::verify(&mut c).await.unwrap(), ChainCheck::Intact(3), "{db}");

        // The table refuses changes; with its guard removed, a changed entry breaks the chain.
        assert!(exec(&mut c, "update audit_log set object_id = 'x' where seq = 2").await.is_err(), "{db}: append-only");
        assert!(exec(&mut c, "delete from audit_log where seq = 3").await.is_err(), "{db}: append-only");
        let unguard: &[&'static str] = match t.db.backend() {
            Backend::Sqlite => &["drop trigger audit_log_no_update", "drop trigger audit_log_no_delete"],
            Backend::Postgres => &["alter table audit_log disable trigger audit_log_no_update"],
        };
        for sql in unguard {
            exec(&mut c, sql).await.unwrap();
        }
        exec(&mut c, "update audit_log set object_id = 'x' where seq = 2").await.unwrap();
        assert_eq!(audit::verify(&mut c).await.unwrap(), ChainCheck::BrokenAt(2), "{db}");
        exec(&mut c, "update audit_log set object_id = 'p-2' where seq = 2").await.unwrap();
        assert_eq!(audit::verify(&mut c).await.unwrap(), ChainCheck::Intact(3), "{db}");
        // An action the program does not know is reported, not skipped.
        exec(&mut c, "update audit_log set action = 'bogus' where seq = 1").await.unwrap();
        assert_corrupt(audit::verify(&mut c).await, &db);
        exec(&mut c, "update audit_log set action = 'sign_in' where seq = 1").await.unwrap();
        // A removed last entry: the head no longer matches.
        exec(&mut c, "delete from audit_log where seq = 3").await.unwrap();
        assert_eq!(audit::verify(&mut c).await.unwrap(), ChainCheck::BrokenAt(3), "{db}");
    }
}
