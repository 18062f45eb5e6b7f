//! Helpers shared by the conformance modules.

use cohorte_domain::identity::Email;
use cohorte_domain::ids::PersonId;
use cohorte_store::call::{self, CohortAdminRow, NewCohort};
use cohorte_store::{Conn, StoreError, identity, on_conn};
use time::OffsetDateTime;
use time::macros::datetime;

/// An instant `minutes` after the tests' origin. It carries microseconds, the precision both
/// databases keep, so that every round trip compares the fraction too.
pub fn at(minutes: i64) -> OffsetDateTime {
    datetime!(2026-03-02 09:30:00.123456 UTC) + time::Duration::minutes(minutes)
}

/// A parsed address.
pub fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

/// A new person without public profile.
pub async fn person(c: &mut Conn<'_>, slug: &str, name: &str) -> PersonId {
    identity::create_person(c, slug, name).await.unwrap()
}

/// A new cohort `code` of `year`, as staff see it.
pub async fn cohort(c: &mut Conn<'_>, code: &str, number: i32, year: i32) -> CohortAdminRow {
    let new = NewCohort {
        code: code.into(),
        kind: "eig".into(),
        number: Some(number),
        year,
        title_fr: format!("Promotion {number}"),
        title_en: format!("Class {number}"),
    };
    let id = call::create_cohort(c, &new).await.unwrap();
    call::cohort(c, id).await.unwrap().unwrap()
}

/// Runs a statement the store has no function for (corrupting or tampering with a row).
pub async fn exec(c: &mut Conn<'_>, sql: &'static str) -> Result<u64, StoreError> {
    Ok(on_conn!(c, |x| sqlx::query(sql).execute(x).await.map(|r| r.rows_affected()))?)
}

/// Counts rows with a statement the store has no function for.
pub async fn count(c: &mut Conn<'_>, sql: &'static str, id: uuid::Uuid) -> i64 {
    on_conn!(c, |x| sqlx::query_scalar(sql).bind(id).fetch_one(x).await).unwrap()
}

/// Whether the error is a refused write (uniqueness or foreign key).
#[track_caller]
pub fn assert_conflict<T: std::fmt::Debug>(r: Result<T, StoreError>, db: &str) {
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{db}: expected a conflict, got {r:?}");
}

/// Whether the error is a stored value that could not be read back.
#[track_caller]
pub fn assert_corrupt<T: std::fmt::Debug>(r: Result<T, StoreError>, db: &str) {
    assert!(matches!(r, Err(StoreError::Corrupt(_))), "{db}: expected a corrupt row, got {r:?}");
}

/// A cohort with its rules, three people and an organisation: what the call-for-projects tests
/// start from.
pub struct World {
    /// `eig-9`.
    pub co: CohortAdminRow,
    /// Its first rules (EIG5).
    pub rules: call::RuleSetRow,
    /// Three people.
    pub ada: PersonId,
    /// Bob.
    pub bob: PersonId,
    /// Cat.
    pub cat: PersonId,
    /// The DINUM.
    pub org: cohorte_domain::ids::OrganisationId,
}

/// Builds the [`World`].
pub async fn world(c: &mut Conn<'_>) -> World {
    let (ada, bob, cat) = (person(c, "ada", "Ada").await, person(c, "bob", "Bob").await, person(c, "cat", "Cat").await);
    let co = cohort(c, "eig-9", 9, 2026).await;
    let rules = call::save_rules(c, co.cohort_id(), &cohorte_domain::cohort::RuleSet::eig5(), Some(ada), at(0)).await.unwrap();
    let dinum = cohorte_domain::content::Organisation {
        slug: crate::slug("dinum"),
        name: "Direction interministérielle du numérique".into(),
        acronym: Some("DINUM".into()),
        kind: cohorte_domain::content::OrganisationKind::CentralAdmin,
        parent: None,
        website: None,
        aliases: vec!["Etalab".into()],
    };
    let (org, _, _) = cohorte_store::content::upsert_organisation(c, &dinum, None).await.unwrap();
    World { co, rules, ada, bob, cat, org }
}
