//! What the program knows of a person beyond their identity: the language they read in.

use cohorte_domain::ids::PersonId;

use crate::{Conn, StoreError, on_conn};

/// The language a person reads the site in (`fr` or `en`), once known.
pub async fn lang(conn: &mut Conn<'_>, person: PersonId) -> Result<Option<String>, StoreError> {
    let v: Option<Option<String>> =
        on_conn!(conn, |c| sqlx::query_scalar("select lang from person where id = $1").bind(person.as_uuid()).fetch_optional(c).await)?;
    Ok(v.flatten())
}

/// Records the language a person reads the site in.
pub async fn set_lang(conn: &mut Conn<'_>, person: PersonId, lang: &str) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update person set lang = $2 where id = $1 and (lang is null or lang <> $2)")
        .bind(person.as_uuid())
        .bind(lang)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(())
}
