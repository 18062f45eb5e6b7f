//! Mail to people: one rule for where a person's mail goes and in which language, and the message
//! queued as a job in the caller's transaction (so it is sent only if the change commits).

use cohorte_domain::ids::PersonId;
use cohorte_domain::lang::Lang;
use cohorte_store::Conn;
use cohorte_store::identity::EmailRow;
use time::OffsetDateTime;

use crate::AppError;
use crate::jobs::{Job, enqueue};
use crate::mail::{self, MailAttachment};

/// Where a person's mail goes: their primary address when it is verified, else their first
/// verified address. An address nobody proved is never written to.
pub fn mail_address(emails: &[EmailRow]) -> Option<&str> {
    let verified = || emails.iter().filter(|e| e.verified_at.is_some());
    verified().find(|e| e.is_primary).or_else(|| verified().next()).map(|e| e.email.as_str())
}

/// A person as a recipient: their address and the language they read the site in (French, the
/// program's language, until they chose).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The address.
    pub to: String,
    /// Their language.
    pub lang: Lang,
}

/// The recipient of a person, if they have an address mail may go to.
pub async fn recipient(conn: &mut Conn<'_>, person: PersonId) -> Result<Option<Recipient>, AppError> {
    let Some((emails, lang)) = cohorte_store::identity::emails_and_lang(conn, person).await? else { return Ok(None) };
    let Some(to) = mail_address(&emails).map(str::to_owned) else { return Ok(None) };
    let lang = lang.and_then(|l| Lang::parse(&l)).unwrap_or(Lang::Fr);
    Ok(Some(Recipient { to, lang }))
}

/// A message to one person, written in their language (see [`person`]).
#[derive(Debug, Clone, Default)]
pub struct Message {
    /// Subject.
    pub subject: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// The link the message leads to.
    pub url: Option<String>,
    /// Attachments.
    pub attachments: Vec<MailAttachment>,
}

/// Queues a message to a person in the caller's transaction, written by `write` in the person's
/// language. `dedup` makes the job unique per person (a retried use case queues it once).
/// Returns whether a message was queued (none for a person without a verified address).
pub async fn person(
    conn: &mut Conn<'_>,
    person: PersonId,
    dedup: Option<&str>,
    now: OffsetDateTime,
    write: impl FnOnce(Lang) -> Message,
) -> Result<bool, AppError> {
    let Some(r) = recipient(conn, person).await? else { return Ok(false) };
    let msg = write(r.lang);
    let mut m = mail::message_mail(r.lang, &r.to, &msg.subject, &msg.paragraphs, msg.url.as_deref())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    m.attachments = msg.attachments;
    let dedup = dedup.map(|d| format!("{d}-{person}"));
    enqueue(conn, &Job::SendMail { mail: m }, dedup.as_deref(), now).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(email: &str, verified: bool, primary: bool) -> EmailRow {
        EmailRow { email: email.into(), verified_at: verified.then_some(time::macros::datetime!(2026-01-01 0:00 UTC)), is_primary: primary }
    }

    #[test]
    fn mail_goes_to_the_verified_primary_else_the_first_verified_never_an_unproved_address() {
        assert_eq!(mail_address(&[e("a@x.org", true, true), e("b@x.org", true, false)]), Some("a@x.org"));
        assert_eq!(mail_address(&[e("a@x.org", false, true), e("b@x.org", true, false)]), Some("b@x.org"));
        assert_eq!(mail_address(&[e("a@x.org", false, true)]), None);
        assert_eq!(mail_address(&[]), None);
    }
}
