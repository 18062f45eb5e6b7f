//! Views of sign-in, the account pages, the staff area and the development mail page.

use askama::Template;
use cohorte_app::mail::SentMail;

use super::{Chrome, Opt, Pager};

/// A page that says something and offers links (link sent, link expired, signed out…).
#[derive(Template)]
#[template(path = "pages/message.html")]
pub struct MessagePage {
    /// Chrome.
    pub c: Chrome,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// (label, href).
    pub links: Vec<(String, String)>,
    /// A DSFR alert type (`success`, `info`, `warning`, `error`), when the message is one.
    pub alert: Option<&'static str>,
}

/// `/login`.
#[derive(Template)]
#[template(path = "pages/login.html")]
pub struct LoginPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// The OpenID Connect button's label, when configured.
    pub oidc: Option<String>,
    /// The sign-up variant (`/signup`): the link also creates the account.
    pub signup: bool,
}

/// A confirmation form (sign-in link, invitation, email change): a GET shows it, only the POST acts.
#[derive(Template)]
#[template(path = "pages/confirm.html")]
pub struct ConfirmPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Where the form posts.
    pub action: String,
    /// The emailed token, carried in the form body (never logged).
    pub token: String,
    /// Explanation.
    pub text: String,
    /// Button label.
    pub button: String,
}

/// The second-factor form (sign-in and re-authentication).
#[derive(Template)]
#[template(path = "pages/second_factor.html")]
pub struct SecondFactorPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Where the form posts.
    pub action: String,
    /// Whether the previous code was refused.
    pub failed: bool,
    /// Whether recovery codes are accepted here.
    pub recovery: bool,
}

/// A role as shown on the account and staff pages.
#[derive(Debug, Clone)]
pub struct RoleLine {
    /// Assignment id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Scope (cohort, challenge).
    pub scope: String,
    /// Where it comes from.
    pub source: String,
    /// Revoked.
    pub revoked: bool,
}

/// A session line on the account page.
#[derive(Debug, Clone)]
pub struct SessionLine {
    /// The id posted to revoke it.
    pub id: String,
    /// This session.
    pub current: bool,
    /// How it signed in.
    pub method: String,
    /// Since.
    pub created: String,
    /// Last seen.
    pub last_seen: String,
    /// Browser.
    pub user_agent: String,
    /// Address.
    pub ip: String,
}

/// `/account`.
#[derive(Template)]
#[template(path = "pages/account.html")]
pub struct AccountPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Name.
    pub name: String,
    /// Public profile slug, when public.
    pub public_slug: Option<String>,
    /// (address, verified, primary).
    pub emails: Vec<(String, bool, bool)>,
    /// (issuer, email, linked on).
    pub oidc: Vec<(String, String, String)>,
    /// The OpenID Connect label, when linking is possible.
    pub oidc_label: Option<String>,
    /// Roles.
    pub roles: Vec<RoleLine>,
    /// Sessions.
    pub sessions: Vec<SessionLine>,
    /// Second factor on.
    pub totp: bool,
    /// Recovery codes left.
    pub recovery_left: i64,
    /// Deletion requested on.
    pub deletion: Option<String>,
    /// Privileged roles wait for a second factor.
    pub needs_second_factor: bool,
    /// Whether to link the staff area.
    pub staff_area: bool,
    /// Whether to link the jury area.
    pub jury_area: bool,
    /// How this session signed in.
    pub method: String,
    /// A notice to show first.
    pub notice: Option<String>,
}

/// `/account/second-factor` (setting it up).
#[derive(Template)]
#[template(path = "pages/totp_enrol.html")]
pub struct EnrolPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// The QR code as a data URI.
    pub qr_src: String,
    /// The secret, for manual entry.
    pub secret: String,
    /// Whether the previous code was refused.
    pub failed: bool,
}

/// Recovery codes, shown once.
#[derive(Template)]
#[template(path = "pages/recovery_codes.html")]
pub struct RecoveryCodesPage {
    /// Chrome.
    pub c: Chrome,
    /// The codes.
    pub codes: Vec<String>,
    /// Where "done" leads: the home after setting up the second factor, else the account.
    pub done: &'static str,
}

/// `/account/email`.
#[derive(Template)]
#[template(path = "pages/account_email.html")]
pub struct EmailPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Current address.
    pub current: String,
}

/// `/account/reauth`.
#[derive(Template)]
#[template(path = "pages/reauth.html")]
pub struct ReauthPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Whether a code can be given.
    pub totp: bool,
    /// Whether the previous code was refused.
    pub failed: bool,
    /// Where to return afterwards (a checked path of this site).
    pub next: String,
}

/// `/admin`.
#[derive(Template)]
#[template(path = "pages/admin.html")]
pub struct AdminPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// (slug, name, email, roles).
    pub people: Vec<(String, String, String, String)>,
    /// Roles that can be granted.
    pub role_options: Vec<Opt>,
    /// A notice to show first.
    pub notice: Option<String>,
}

/// `/admin/people/{slug}`.
#[derive(Template)]
#[template(path = "pages/admin_person.html")]
pub struct AdminPersonPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// Form token.
    pub csrf: String,
    /// Slug.
    pub slug: String,
    /// Addresses.
    pub emails: Vec<String>,
    /// Roles.
    pub roles: Vec<RoleLine>,
    /// Roles that can be granted.
    pub role_options: Vec<Opt>,
    /// Cohorts.
    pub cohort_options: Vec<Opt>,
}

/// An audit line.
#[derive(Debug, Clone)]
pub struct AuditLine {
    /// Sequence.
    pub seq: i64,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// On what.
    pub object: String,
    /// Details: (label, value) pairs, shown inert.
    pub details: Vec<(String, String)>,
    /// From where.
    pub ip: String,
}

/// `/admin/audit`.
#[derive(Template)]
#[template(path = "pages/admin_audit.html")]
pub struct AuditPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// Lines.
    pub lines: Vec<AuditLine>,
    /// How many match.
    pub total: i64,
    /// Action filter.
    pub action_options: Vec<Opt>,
    /// Object filter as typed.
    pub object: String,
    /// Whether the chain is intact, and the message.
    pub chain_ok: bool,
    /// The chain message.
    pub chain: String,
    /// Pagination.
    pub pager: Pager,
}

/// `/dev/mail`.
#[derive(Template)]
#[template(path = "pages/dev_mail.html")]
pub struct DevMailPage {
    /// Chrome.
    pub c: Chrome,
    /// Messages, newest first.
    pub mails: Vec<SentMail>,
    /// Links found in each message.
    pub links: Vec<Vec<String>>,
    /// The demo second-factor code, in demo mode.
    pub demo_code: Option<String>,
}
