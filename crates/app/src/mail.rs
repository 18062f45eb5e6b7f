//! Emails: composed from templates (a text part and an HTML part, in the language of the request
//! that caused them), sent by the job worker through a [`Mailer`]: SMTP (lettre) in production,
//! a folder of JSON files in development and demo (listed by the `/dev/mail` page).

use std::path::PathBuf;

use askama::Template;
use cohorte_domain::lang::Lang;
use serde::{Deserialize, Serialize};

use crate::i18n::{self, Arg};

/// An email ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingMail {
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
    /// Attached files (calendar invitations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<MailAttachment>,
}

/// A file attached to an email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailAttachment {
    /// File name (`audition.ics`).
    pub filename: String,
    /// Media type (`text/calendar; charset=utf-8; method=REQUEST`).
    pub content_type: String,
    /// Content (text).
    pub content: String,
}

/// A message that went out through the file sink (what `/dev/mail` lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMail {
    /// The job that sent it.
    pub id: String,
    /// When (RFC 3339).
    pub sent_at: String,
    /// From.
    pub from: String,
    /// The message.
    #[serde(flatten)]
    pub mail: OutgoingMail,
}

/// Sending failed.
#[derive(Debug, thiserror::Error)]
#[error("mail: {0}")]
pub struct MailError(pub String);

/// Something that delivers mail.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// Sends one message; `id` identifies it (the job), so a retry can be recognised.
    async fn send(&self, id: &str, mail: &OutgoingMail) -> Result<(), MailError>;
}

/// SMTP settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// Host.
    pub host: String,
    /// Port.
    pub port: u16,
    /// `none`, `starttls` or `tls`.
    pub tls: String,
    /// User name.
    pub username: Option<String>,
    /// Password.
    pub password: Option<String>,
}

/// Sends through an SMTP server.
pub struct SmtpMailer {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpMailer {
    /// A mailer for these settings, sending as `from`.
    pub fn new(s: &SmtpSettings, from: &str) -> Result<Self, MailError> {
        use lettre::transport::smtp::authentication::Credentials;
        type T = lettre::AsyncSmtpTransport<lettre::Tokio1Executor>;
        let mut b = match s.tls.as_str() {
            "tls" => T::relay(&s.host).map_err(|e| MailError(e.to_string()))?,
            "starttls" => T::starttls_relay(&s.host).map_err(|e| MailError(e.to_string()))?,
            "none" => T::builder_dangerous(&s.host),
            other => return Err(MailError(format!("smtp tls must be none, starttls or tls, not {other:?}"))),
        }
        .port(s.port)
        .timeout(Some(std::time::Duration::from_secs(30)));
        if let (Some(u), Some(p)) = (&s.username, &s.password) {
            b = b.credentials(Credentials::new(u.clone(), p.clone()));
        }
        Ok(Self { transport: b.build(), from: from.parse().map_err(|e: lettre::address::AddressError| MailError(e.to_string()))? })
    }
}

/// Builds the MIME message.
pub fn message(from: &lettre::message::Mailbox, id: &str, mail: &OutgoingMail) -> Result<lettre::Message, MailError> {
    use lettre::message::{MultiPart, SinglePart, header::ContentType};
    let to: lettre::message::Mailbox = mail.to.parse().map_err(|e: lettre::address::AddressError| MailError(e.to_string()))?;
    let domain = from.email.domain().to_owned();
    lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{id}@{domain}>")))
        .multipart({
            let alternative = MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.text.clone()))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(mail.html.clone()));
            if mail.attachments.is_empty() {
                alternative
            } else {
                let mut mixed = MultiPart::mixed().multipart(alternative);
                for a in &mail.attachments {
                    let ct = ContentType::parse(&a.content_type).map_err(|e| MailError(e.to_string()))?;
                    mixed = mixed.singlepart(lettre::message::Attachment::new(a.filename.clone()).body(a.content.clone(), ct));
                }
                mixed
            }
        })
        .map_err(|e| MailError(e.to_string()))
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, id: &str, mail: &OutgoingMail) -> Result<(), MailError> {
        use lettre::AsyncTransport;
        let m = message(&self.from, id, mail)?;
        self.transport.send(m).await.map(|_| ()).map_err(|e| MailError(e.to_string()))
    }
}

/// Writes each message as `<id>.json` in a folder (development and demo).
pub struct FileMailer {
    /// The folder.
    pub dir: PathBuf,
    /// The sender shown.
    pub from: String,
    /// The clock (for the timestamp).
    pub clock: std::sync::Arc<dyn cohorte_domain::clock::Clock>,
}

#[async_trait::async_trait]
impl Mailer for FileMailer {
    async fn send(&self, id: &str, mail: &OutgoingMail) -> Result<(), MailError> {
        tokio::fs::create_dir_all(&self.dir).await.map_err(|e| MailError(e.to_string()))?;
        let sent_at = self.clock.now().format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let sent = SentMail { id: id.to_owned(), sent_at, from: self.from.clone(), mail: mail.clone() };
        let body = serde_json::to_vec_pretty(&sent).map_err(|e| MailError(e.to_string()))?;
        // Same id, same file: a retried job does not send twice.
        let tmp = self.dir.join(format!(".{id}.tmp"));
        tokio::fs::write(&tmp, body).await.map_err(|e| MailError(e.to_string()))?;
        tokio::fs::rename(&tmp, self.dir.join(format!("{id}.json"))).await.map_err(|e| MailError(e.to_string()))
    }
}

/// The messages of a file sink, newest first.
pub fn read_sink(dir: &std::path::Path) -> Vec<SentMail> {
    let mut out: Vec<SentMail> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|b| serde_json::from_slice(&b).ok())
        .collect();
    out.sort_by(|a: &SentMail, b: &SentMail| b.sent_at.cmp(&a.sent_at).then_with(|| b.id.cmp(&a.id)));
    out
}

/// What every mail template can call.
pub struct MailChrome {
    /// Language.
    pub lang: Lang,
    /// Subject.
    pub subject: String,
}

impl MailChrome {
    /// A message.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }
    /// A message with a count.
    pub fn tn(&self, key: &str, n: &i64) -> String {
        i18n::ta(self.lang, key, &[("count", Arg::Num(*n))])
    }
    /// A message with a text argument.
    pub fn ts(&self, key: &str, name: &'static str, value: &str) -> String {
        i18n::ta(self.lang, key, &[(name, Arg::Str(value))])
    }
}

#[derive(Template)]
#[template(path = "mail/login_link.txt")]
struct LoginText<'a> {
    m: &'a MailChrome,
    url: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/login_link.html")]
struct LoginHtml<'a> {
    m: &'a MailChrome,
    url: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/invitation.txt")]
struct InviteText<'a> {
    m: &'a MailChrome,
    url: &'a str,
    inviter: &'a str,
    roles: &'a [String],
    days: i64,
}

#[derive(Template)]
#[template(path = "mail/invitation.html")]
struct InviteHtml<'a> {
    m: &'a MailChrome,
    url: &'a str,
    inviter: &'a str,
    roles: &'a [String],
    days: i64,
}

#[derive(Template)]
#[template(path = "mail/email_change.txt")]
struct EmailChangeText<'a> {
    m: &'a MailChrome,
    url: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/email_change.html")]
struct EmailChangeHtml<'a> {
    m: &'a MailChrome,
    url: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/notice.txt")]
struct NoticeText<'a> {
    m: &'a MailChrome,
    text: &'a str,
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct NoticeHtml<'a> {
    m: &'a MailChrome,
    text: &'a str,
}

#[derive(Template)]
#[template(path = "mail/message.txt")]
struct MessageText<'a> {
    m: &'a MailChrome,
    paragraphs: &'a [String],
    url: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "mail/message.html")]
struct MessageHtml<'a> {
    m: &'a MailChrome,
    paragraphs: &'a [String],
    url: Option<&'a str>,
}

fn render(
    text: Result<String, askama::Error>,
    html: Result<String, askama::Error>,
    to: &str,
    m: &MailChrome,
) -> Result<OutgoingMail, MailError> {
    Ok(OutgoingMail {
        to: to.to_owned(),
        subject: m.subject.clone(),
        text: text.map_err(|e| MailError(e.to_string()))?,
        html: html.map_err(|e| MailError(e.to_string()))?,
        attachments: Vec::new(),
    })
}

/// The sign-in link email.
pub fn login_link(lang: Lang, to: &str, url: &str) -> Result<OutgoingMail, MailError> {
    let m = MailChrome { lang, subject: i18n::t(lang, "mail-login-subject") };
    let minutes = cohorte_domain::identity::LOGIN_LINK_TTL.whole_minutes();
    render(LoginText { m: &m, url, minutes }.render(), LoginHtml { m: &m, url, minutes }.render(), to, &m)
}

/// The invitation email.
pub fn invitation(lang: Lang, to: &str, url: &str, inviter: &str, roles: &[String]) -> Result<OutgoingMail, MailError> {
    let m = MailChrome { lang, subject: i18n::t(lang, "mail-invite-subject") };
    let days = cohorte_domain::identity::INVITE_TTL.whole_days();
    render(InviteText { m: &m, url, inviter, roles, days }.render(), InviteHtml { m: &m, url, inviter, roles, days }.render(), to, &m)
}

/// The confirmation sent to a new address.
pub fn email_change(lang: Lang, to: &str, url: &str) -> Result<OutgoingMail, MailError> {
    let m = MailChrome { lang, subject: i18n::t(lang, "mail-email-change-subject") };
    let minutes = cohorte_domain::identity::EMAIL_CHANGE_TTL.whole_minutes();
    render(EmailChangeText { m: &m, url, minutes }.render(), EmailChangeHtml { m: &m, url, minutes }.render(), to, &m)
}

/// A short notice (the old address is told its replacement was asked for, …).
pub fn notice(lang: Lang, to: &str, subject_key: &str, text: &str) -> Result<OutgoingMail, MailError> {
    let m = MailChrome { lang, subject: i18n::t(lang, subject_key) };
    render(NoticeText { m: &m, text }.render(), NoticeHtml { m: &m, text }.render(), to, &m)
}

/// A message of a few paragraphs (already translated), with an optional link.
pub fn message_mail(lang: Lang, to: &str, subject: &str, paragraphs: &[String], url: Option<&str>) -> Result<OutgoingMail, MailError> {
    let m = MailChrome { lang, subject: subject.to_owned() };
    render(MessageText { m: &m, paragraphs, url }.render(), MessageHtml { m: &m, paragraphs, url }.render(), to, &m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_mail_has_both_parts_in_the_language_and_escapes_html() {
        let m = login_link(Lang::Fr, "ada@example.org", "https://cohorte.test/login/confirm?token=abc&x=<b>").unwrap();
        assert_eq!(m.subject, "Votre lien de connexion");
        assert!(m.text.contains("https://cohorte.test/login/confirm?token=abc&x=<b>"), "{}", m.text);
        assert!(m.text.contains("15 minutes"));
        assert!(m.html.contains("token=abc&#38;x=&#60;b&#62;"), "{}", m.html);
        assert!(m.html.starts_with("<!doctype html>\n<html lang=\"fr\">"));
        let en = login_link(Lang::En, "ada@example.org", "https://x.test/l").unwrap();
        assert_eq!(en.subject, "Your sign-in link");
    }

    #[test]
    fn invitation_lists_the_roles_and_names_the_inviter_inertly() {
        let m = invitation(Lang::En, "bob@example.org", "https://x.test/i", "<script>Eve</script>", &["Jury member".into()]).unwrap();
        assert!(m.html.contains("&#60;script&#62;Eve"), "{}", m.html);
        assert!(!m.html.contains("<script>"));
        assert!(m.text.contains("- Jury member"));
        assert!(m.text.contains("7 days"));
    }

    #[test]
    fn the_mime_message_has_a_text_and_an_html_part() {
        let from: lettre::message::Mailbox = "Cohorte <no-reply@cohorte.test>".parse().unwrap();
        let mail = login_link(Lang::Fr, "ada@example.org", "https://x.test/l").unwrap();
        let raw = String::from_utf8(message(&from, "job-1", &mail).unwrap().formatted()).unwrap();
        assert!(raw.contains("Message-ID: <job-1@cohorte.test>"), "{raw}");
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/plain") && raw.contains("text/html"));
    }
}
