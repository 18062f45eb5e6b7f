//! `jobs`: the queue every instance claims from.

use cohorte_store::jobs;
use cohorte_test_support::TestDb;
use uuid::Uuid;

use crate::support::at;

#[tokio::test]
async fn jobs_are_claimed_once_retried_leased_and_purged() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        assert!(jobs::enqueue(&mut c, "send_mail", r#"{"to":"ada"}"#, Some("mail:1"), 100, 3, at(0)).await.unwrap(), "{db}");
        assert!(!jobs::enqueue(&mut c, "send_mail", "{}", Some("mail:1"), 100, 3, at(0)).await.unwrap(), "{db}: deduplicated");
        assert!(jobs::enqueue(&mut c, "send_mail", "{}", None, 101, 2, at(0)).await.unwrap());
        assert!(jobs::enqueue(&mut c, "purge", "{}", None, 200, 1, at(0)).await.unwrap());
        assert!(jobs::enqueue(&mut c, "purge", "{}", None, 10_000, 1, at(0)).await.unwrap(), "{db}: no key, no deduplication");

        assert_eq!(jobs::claim(&mut c, "w1", 99, 60).await.unwrap(), None, "{db}: nothing due");
        let j1 = jobs::claim(&mut c, "w1", 100, 60).await.unwrap().unwrap();
        assert_eq!((j1.kind.as_str(), j1.payload.as_str(), j1.attempts, j1.max_attempts), ("send_mail", r#"{"to":"ada"}"#, 1, 3), "{db}");
        assert_eq!(jobs::status(&mut c, j1.id).await.unwrap(), Some(("running".to_owned(), 1, None)), "{db}");
        assert_eq!(jobs::claim(&mut c, "w2", 100, 60).await.unwrap(), None, "{db}: the due job is held");
        let j2 = jobs::claim(&mut c, "w2", 101, 60).await.unwrap().unwrap();
        assert_eq!((j2.attempts, j2.max_attempts), (1, 2), "{db}");

        assert!(!jobs::complete(&mut c, j1.id, "w2", at(1)).await.unwrap(), "{db}: only its holder completes it");
        assert!(jobs::complete(&mut c, j1.id, "w1", at(1)).await.unwrap(), "{db}");
        assert!(!jobs::complete(&mut c, j1.id, "w1", at(1)).await.unwrap(), "{db}: once");
        assert_eq!(jobs::status(&mut c, j1.id).await.unwrap(), Some(("done".to_owned(), 1, None)), "{db}");

        // A failure with a retry time goes back to the queue; without one, it is final.
        jobs::fail(&mut c, j2.id, "w1", "not mine", Some(150), at(1)).await.unwrap();
        assert_eq!(jobs::status(&mut c, j2.id).await.unwrap(), Some(("running".to_owned(), 1, None)), "{db}: only its holder fails it");
        jobs::fail(&mut c, j2.id, "w2", "smtp down", Some(150), at(1)).await.unwrap();
        assert_eq!(jobs::status(&mut c, j2.id).await.unwrap(), Some(("pending".to_owned(), 1, Some("smtp down".to_owned()))), "{db}");
        assert_eq!(jobs::claim(&mut c, "w3", 149, 60).await.unwrap(), None, "{db}: retried at 150");
        let again = jobs::claim(&mut c, "w3", 150, 60).await.unwrap().unwrap();
        assert_eq!((again.id, again.attempts), (j2.id, 2), "{db}");
        jobs::fail(&mut c, j2.id, "w3", "still down", None, at(2)).await.unwrap();
        assert_eq!(jobs::status(&mut c, j2.id).await.unwrap(), Some(("failed".to_owned(), 2, Some("still down".to_owned()))), "{db}");

        // A lease that ran out (a crashed worker) is claimed again.
        let j3 = jobs::claim(&mut c, "w4", 200, 60).await.unwrap().unwrap();
        assert_eq!(jobs::claim(&mut c, "w5", 260, 60).await.unwrap(), None, "{db}: leased until 260");
        let taken = jobs::claim(&mut c, "w5", 261, 60).await.unwrap().unwrap();
        assert_eq!((taken.id, taken.attempts), (j3.id, 2), "{db}");
        assert!(!jobs::complete(&mut c, j3.id, "w4", at(3)).await.unwrap(), "{db}: the lease was lost");
        assert!(jobs::complete(&mut c, j3.id, "w5", at(3)).await.unwrap(), "{db}");

        assert_eq!(
            jobs::counts(&mut c).await.unwrap(),
            [("done".to_owned(), 2), ("failed".to_owned(), 1), ("pending".to_owned(), 1)],
            "{db}"
        );
        assert_eq!(jobs::purge(&mut c, at(2)).await.unwrap(), 1, "{db}: finished before minute 2");
        assert_eq!(jobs::purge(&mut c, at(10)).await.unwrap(), 2, "{db}");
        assert_eq!(jobs::counts(&mut c).await.unwrap(), [("pending".to_owned(), 1)], "{db}: a pending job is never purged");
        assert_eq!(jobs::status(&mut c, j1.id).await.unwrap(), None, "{db}");
        assert_eq!(jobs::status(&mut c, Uuid::now_v7()).await.unwrap(), None);
    }
}
