//! People's identities, sign-in and sessions: the rules, without I/O.
//!
//! Tokens are random (the app draws them) and stored only as their SHA-256; sessions have idle
//! and absolute limits that depend on the roles they carry; privileged roles (staff, validator,
//! pre-selector, jury) need a strong sign-in (OpenID Connect or a second factor): a sign-in link
//! alone never grants them.

use std::fmt;

use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use unicode_normalization::UnicodeNormalization;

use crate::content::{RoleKind, str_enum};
use crate::ids::{ChallengeId, CohortId, OrganisationId, PersonId};
use crate::text::TextError;

/// How long a sign-in link is valid.
pub const LOGIN_LINK_TTL: Duration = Duration::minutes(15);
/// How long an invitation is valid.
pub const INVITE_TTL: Duration = Duration::days(7);
/// How long an email-change confirmation is valid.
pub const EMAIL_CHANGE_TTL: Duration = Duration::minutes(30);
/// How recent a sign-in must be for sensitive actions (changing one's email).
pub const REAUTH_WINDOW: Duration = Duration::minutes(5);
/// How long a visitor's session without sign-in lives (it carries the form token).
pub const ANONYMOUS_SESSION_TTL: Duration = Duration::hours(2);

/// An email address, normalised (trimmed, NFC, lower case) and checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// The longest address accepted (RFC 5321).
    pub const MAX: usize = 254;

    /// Parses an address typed by someone.
    pub fn parse(s: &str) -> Result<Self, TextError> {
        let s: String = s.trim().nfc().collect::<String>().to_lowercase();
        if s.is_empty() {
            return Err(TextError::Empty);
        }
        if s.chars().count() > Self::MAX {
            return Err(TextError::TooLong { max: Self::MAX });
        }
        let Some((local, domain)) = s.split_once('@') else { return Err(TextError::BadCharacters) };
        let ok = !local.is_empty()
            && local.len() <= 64
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@')
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';' | '(' | ')' | '[' | ']' | '\\'));
        if ok { Ok(Self(s)) } else { Err(TextError::BadCharacters) }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The SHA-256 of a secret, in hex: what the database keeps of tokens and codes.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

str_enum!(
    /// How a session was signed in.
    AuthMethod {
        /// A sign-in link sent by email.
        MagicLink => "magic_link",
        /// OpenID Connect (ProConnect-style).
        Oidc => "oidc",
        /// A sign-in link and a time-based one-time code.
        Totp => "totp",
        /// A sign-in link and a recovery code.
        RecoveryCode => "recovery_code",
    }
);

impl AuthMethod {
    /// Whether this sign-in is strong enough for privileged roles.
    pub fn is_strong(self) -> bool {
        !matches!(self, AuthMethod::MagicLink)
    }
}

str_enum!(
    /// What an emailed token is for (a token for one purpose never serves another).
    TokenPurpose {
        /// Sign in.
        Login => "login",
        /// Accept an invitation.
        Invite => "invite",
        /// Confirm a new email address.
        EmailChange => "email_change",
    }
);

impl TokenPurpose {
    /// How long a token of this purpose is valid.
    pub fn ttl(self) -> Duration {
        match self {
            TokenPurpose::Login => LOGIN_LINK_TTL,
            TokenPurpose::Invite => INVITE_TTL,
            TokenPurpose::EmailChange => EMAIL_CHANGE_TTL,
        }
    }
}

/// Whether a role needs a strong sign-in.
pub fn is_privileged(role: RoleKind) -> bool {
    matches!(role, RoleKind::ProgramStaff | RoleKind::EigLink | RoleKind::Validator | RoleKind::Preselector | RoleKind::JuryMember)
}

/// A role held by a person, with its scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Grant {
    /// The role.
    pub role: RoleKind,
    /// Scoped to a cohort.
    pub cohort: Option<CohortId>,
    /// Scoped to a challenge.
    pub challenge: Option<ChallengeId>,
    /// Scoped to an organisation.
    pub organisation: Option<OrganisationId>,
}

impl Grant {
    /// A role over the whole program.
    pub fn program(role: RoleKind) -> Self {
        Grant { role, cohort: None, challenge: None, organisation: None }
    }
}

/// Idle and absolute limits of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLimits {
    /// Ends after this long without a request.
    pub idle: Duration,
    /// Ends this long after sign-in, whatever the activity.
    pub absolute: Duration,
}

impl SessionLimits {
    /// Limits for a person holding these roles: privileged roles get 30 min idle / 12 h absolute,
    /// everyone else 2 h / 7 days.
    pub fn for_roles(roles: &[Grant]) -> Self {
        if roles.iter().any(|g| is_privileged(g.role)) {
            SessionLimits { idle: Duration::minutes(30), absolute: Duration::hours(12) }
        } else {
            SessionLimits { idle: Duration::hours(2), absolute: Duration::days(7) }
        }
    }

    /// Limits of a session without sign-in.
    pub fn anonymous() -> Self {
        SessionLimits { idle: ANONYMOUS_SESSION_TTL, absolute: ANONYMOUS_SESSION_TTL }
    }
}

/// A stored session, as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionState {
    /// Last request.
    pub last_seen_at: OffsetDateTime,
    /// Idle limit.
    pub idle_timeout: Duration,
    /// Absolute end.
    pub absolute_expires_at: OffsetDateTime,
    /// Revoked (sign-out, revocation).
    pub revoked: bool,
}

impl SessionState {
    /// Whether the session may still be used at `now`.
    pub fn is_alive(&self, now: OffsetDateTime) -> bool {
        !self.revoked && now < self.absolute_expires_at && now - self.last_seen_at < self.idle_timeout
    }
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Actor {
    /// A visitor who is not signed in.
    #[default]
    Anonymous,
    /// A signed-in person.
    Person(SignedIn),
}

/// A signed-in person and what their session proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Who.
    pub id: PersonId,
    /// Their name.
    pub name: String,
    /// Every role they hold now.
    pub grants: Vec<Grant>,
    /// How the session was signed in.
    pub method: AuthMethod,
    /// When the person last proved who they are (sign-in or re-authentication).
    pub authenticated_at: OffsetDateTime,
}

impl SignedIn {
    /// The roles this session may use: privileged roles only after a strong sign-in.
    pub fn effective(&self) -> impl Iterator<Item = &Grant> {
        let strong = self.method.is_strong();
        self.grants.iter().filter(move |g| strong || !is_privileged(g.role))
    }

    /// Whether the session may use this role (any scope).
    pub fn acts_as(&self, role: RoleKind) -> bool {
        self.effective().any(|g| g.role == role)
    }

    /// Whether the session may use this role for a cohort (a program-wide grant counts).
    pub fn acts_as_in(&self, role: RoleKind, cohort: CohortId) -> bool {
        self.effective().any(|g| g.role == role && g.cohort.is_none_or(|c| c == cohort))
    }

    /// Whether the person holds this role for the cohort, whatever their session (to answer
    /// "second factor required" rather than "forbidden").
    pub fn holds_in(&self, role: RoleKind, cohort: CohortId) -> bool {
        self.grants.iter().any(|g| g.role == role && g.cohort.is_none_or(|c| c == cohort))
    }

    /// Whether the person holds a privileged role their session cannot use yet.
    pub fn needs_second_factor(&self) -> bool {
        !self.method.is_strong() && self.grants.iter().any(|g| is_privileged(g.role))
    }

    /// Whether the last sign-in is recent enough for a sensitive action.
    pub fn recently_authenticated(&self, now: OffsetDateTime) -> bool {
        now - self.authenticated_at <= REAUTH_WINDOW
    }
}

impl Actor {
    /// The signed-in person, if any.
    pub fn person(&self) -> Option<&SignedIn> {
        match self {
            Actor::Anonymous => None,
            Actor::Person(p) => Some(p),
        }
    }
}

/// A fixed window of a rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window.
    pub max: i64,
    /// The window, in seconds.
    pub window_secs: i64,
}

impl RateLimit {
    /// Second-factor attempts per person.
    pub const TOTP_PER_PERSON: RateLimit = RateLimit { max: 10, window_secs: 900 };

    /// The start of the window holding `now` (unix seconds).
    pub fn window_start(&self, now: OffsetDateTime) -> i64 {
        let t = now.unix_timestamp();
        t - t.rem_euclid(self.window_secs)
    }
}

/// A cap on what is sent, over a sliding window: at most `max` in the last `window_secs` seconds
/// (a day at most: older counts are purged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendCap {
    /// Sent at most, in the window.
    pub max: i64,
    /// The window, in seconds.
    pub window_secs: i64,
}

impl SendCap {
    /// What counts at `now`: what was sent after this moment (unix seconds).
    pub fn since(&self, now: OffsetDateTime) -> i64 {
        now.unix_timestamp() - self.window_secs
    }

    /// Whether one more may be sent, `sent` having been sent in the window.
    pub fn allows(&self, sent: i64) -> bool {
        sent < self.max
    }
}

str_enum!(
    /// What a cap on sign-in mail counts.
    MailCapScope {
        /// Mail to one address, whoever asked.
        Address => "address",
        /// Mail to one address asked from one client address (a stranger gets only a share).
        AddressFromClient => "address_from_client",
        /// Mail asked from one client address, to anyone (an office behind one address).
        Client => "client",
    }
);

/// The caps on sign-in mail (links and re-authentication links). What is sent is capped, never
/// what is asked: the page answers the same whatever happens, so a stranger learns nothing and
/// cannot lock anyone out, and a person can always use a link already received.
pub const SIGN_IN_MAIL_CAPS: [(MailCapScope, SendCap); 5] = [
    (MailCapScope::Address, SendCap { max: 3, window_secs: 15 * 60 }),
    (MailCapScope::Address, SendCap { max: 10, window_secs: 24 * 3600 }),
    (MailCapScope::AddressFromClient, SendCap { max: 2, window_secs: 15 * 60 }),
    (MailCapScope::AddressFromClient, SendCap { max: 5, window_secs: 24 * 3600 }),
    (MailCapScope::Client, SendCap { max: 200, window_secs: 3600 }),
];

str_enum!(
    /// What an audit entry records.
    AuditAction {
        /// A person signed in.
        SignIn => "sign_in",
        /// A sign-in failed.
        SignInFailed => "sign_in_failed",
        /// A person signed out.
        SignOut => "sign_out",
        /// A sign-in link was requested.
        LoginLinkRequested => "login_link_requested",
        /// A request was refused by a rate limit.
        RateLimited => "rate_limited",
        /// A session was revoked.
        SessionRevoked => "session_revoked",
        /// A role was granted.
        RoleGranted => "role_granted",
        /// A role was revoked.
        RoleRevoked => "role_revoked",
        /// Someone was invited.
        InvitationSent => "invitation_sent",
        /// An invitation was accepted.
        InvitationAccepted => "invitation_accepted",
        /// A new email address was requested.
        EmailChangeRequested => "email_change_requested",
        /// An email address changed.
        EmailChanged => "email_changed",
        /// A second factor was set up.
        TotpEnrolled => "totp_enrolled",
        /// A second factor was removed.
        TotpRemoved => "totp_removed",
        /// New recovery codes were made.
        RecoveryCodesRegenerated => "recovery_codes_regenerated",
        /// An OpenID Connect account was linked.
        OidcLinked => "oidc_linked",
        /// Someone downloaded their data.
        DataExported => "data_exported",
        /// Someone asked for their account to be deleted.
        DeletionRequested => "deletion_requested",
        /// Profile details changed.
        ProfileUpdated => "profile_updated",
        /// Data was imported.
        DataImported => "data_imported",
        /// An authorization check refused a request.
        AccessDenied => "access_denied",
        /// A cohort was created.
        CohortCreated => "cohort_created",
        /// A cohort's calendar changed.
        CalendarChanged => "calendar_changed",
        /// A cohort's rules got a new version.
        RulesChanged => "rules_changed",
        /// An organisation was added to the tree.
        OrganisationCreated => "organisation_created",
        /// A proposal was started.
        ProposalCreated => "proposal_created",
        /// A contact was invited to a proposal.
        ProposalMemberInvited => "proposal_member_invited",
        /// A document was attached.
        DocumentUploaded => "document_uploaded",
        /// A proposal was submitted.
        ProposalSubmitted => "proposal_submitted",
        /// A proposal was withdrawn.
        ProposalWithdrawn => "proposal_withdrawn",
        /// A draft proposal was deleted.
        ProposalDeleted => "proposal_deleted",
        /// A proposal changed status (pre-selection, hearing).
        ProposalStatusChanged => "proposal_status_changed",
        /// More information was requested.
        InformationRequested => "information_requested",
        /// The information requested was sent.
        InformationProvided => "information_provided",
        /// A pre-selection review was saved.
        ReviewSaved => "review_saved",
        /// A jury panel was created or changed.
        PanelChanged => "panel_changed",
        /// A juror declared a conflict of interest.
        ConflictDeclared => "conflict_declared",
        /// Proposals were assigned to panels.
        AssignmentChanged => "assignment_changed",
        /// A hearing was scheduled.
        HearingScheduled => "hearing_scheduled",
        /// A juror or a panel scored a proposal.
        EvaluationSaved => "evaluation_saved",
        /// A panel ranked its proposals.
        RankingSaved => "ranking_saved",
        /// Staff staged an outcome.
        DecisionStaged => "decision_staged",
        /// The validator approved the outcomes.
        DecisionApproved => "decision_approved",
        /// The results were published.
        ResultsPublished => "results_published",
        /// A selected proposal became a challenge.
        ChallengeCreated => "challenge_created",
        /// A challenge page was published.
        ChallengePublished => "challenge_published",
        /// A challenge page was edited.
        ChallengeEdited => "challenge_edited",
        /// Staff downloaded an export.
        ExportDownloaded => "export_downloaded",
        /// A candidate started an application.
        ApplicationCreated => "application_created",
        /// A candidate submitted their application.
        ApplicationSubmitted => "application_submitted",
        /// A candidate withdrew their application.
        ApplicationWithdrawn => "application_withdrawn",
        /// A candidate deleted their draft.
        ApplicationDeleted => "application_deleted",
        /// Staff assigned reviewers to applications.
        ReviewersAssigned => "reviewers_assigned",
        /// A reviewer scored an application.
        ApplicationReviewed => "application_reviewed",
        /// An application changed status (pre-selection, information, choices).
        ApplicationStatusChanged => "application_status_changed",
        /// Staff opened an interview slot.
        InterviewSlotOpened => "interview_slot_opened",
        /// A candidate booked an interview slot.
        InterviewBooked => "interview_booked",
        /// A candidate cancelled their interview.
        InterviewCancelled => "interview_cancelled",
        /// A candidate moved their interview to another slot.
        InterviewMoved => "interview_moved",
        /// A (challenge, profile) list of candidates was ranked.
        CandidatesRanked => "candidates_ranked",
        /// The validator published the matching: offers went out.
        MatchingPublished => "matching_published",
        /// A candidate answered an offer, or it expired.
        OfferAnswered => "offer_answered",
        /// Staff announced the teams: the fellows show on the challenge pages.
        TeamsAnnounced => "teams_announced",
        /// A panel member scored an interview (or staff recorded the consensus).
        InterviewScored => "interview_scored",
        /// Staff placed a candidate elsewhere in the matching (or removed the override).
        MatchingOverridden => "matching_overridden",
        /// Someone made their account with a sign-up link.
        AccountCreated => "account_created",
        /// An interview panel proposed another challenge to a candidate.
        ChallengeSuggested => "challenge_suggested",
        /// A candidate accepted or declined a challenge a panel proposed.
        SuggestionAnswered => "suggestion_answered",
    }
);

/// One audit entry, before it is chained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When.
    pub at: OffsetDateTime,
    /// Who (none for the system or an anonymous visitor).
    pub actor: Option<PersonId>,
    /// Who, as text (`Ada Lovelace`, `anonymous`, `system`).
    pub actor_label: String,
    /// What.
    pub action: AuditAction,
    /// On what kind of object.
    pub object_type: String,
    /// Which object.
    pub object_id: String,
    /// Details (JSON object; never a token or a secret).
    pub details: serde_json::Value,
    /// From where.
    pub ip: Option<String>,
}

/// The hash chaining an entry to the previous one: SHA-256 over the previous hash and every field.
pub fn audit_hash(prev_hash: &str, seq: i64, e: &AuditEntry, at_text: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        &seq.to_string(),
        at_text,
        &e.actor.map(|a| a.to_string()).unwrap_or_default(),
        &e.actor_label,
        e.action.as_str(),
        &e.object_type,
        &e.object_id,
        &e.details.to_string(),
        e.ip.as_deref().unwrap_or(""),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Ada.Lovelace@Example.ORG ").unwrap().as_str(), "ada.lovelace@example.org");
        assert_eq!(Email::parse("élodie@exemple.fr").unwrap().as_str(), "élodie@exemple.fr");
        let nfd = "e\u{301}lodie@exemple.fr";
        assert_eq!(Email::parse(nfd).unwrap().as_str(), "élodie@exemple.fr", "NFC");
        for bad in [
            "",
            "ada",
            "ada@",
            "@x.org",
            "ada@x",
            "a b@x.org",
            "ada@x..org",
            "ada@.x.org",
            "ada@x.org.",
            "a@b@c.org",
            "a\u{0}@x.org",
            "<a>@x.org",
            "a,b@x.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Email::parse(&format!("{}@x.org", "a".repeat(65))).is_err());
        assert_eq!(Email::parse(&format!("a@{}.org", "b".repeat(260))), Err(TextError::TooLong { max: 254 }));
    }

    #[test]
    fn secrets_are_hashed_and_compared_in_constant_time() {
        assert_eq!(secret_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }

    #[test]
    fn a_link_alone_never_grants_privileged_roles() {
        let now = time::macros::datetime!(2026-11-30 10:00 UTC);
        let p = SignedIn {
            id: PersonId::new(),
            name: "A".into(),
            grants: vec![Grant::program(RoleKind::ProgramStaff), Grant::program(RoleKind::Fellow)],
            method: AuthMethod::MagicLink,
            authenticated_at: now,
        };
        assert!(!p.acts_as(RoleKind::ProgramStaff));
        assert!(p.acts_as(RoleKind::Fellow));
        assert!(p.needs_second_factor());
        let strong = SignedIn { method: AuthMethod::Totp, ..p.clone() };
        assert!(strong.acts_as(RoleKind::ProgramStaff) && !strong.needs_second_factor());
        let oidc = SignedIn { method: AuthMethod::Oidc, ..p };
        assert!(oidc.acts_as(RoleKind::ProgramStaff));
        assert!(oidc.recently_authenticated(now + Duration::minutes(5)));
        assert!(!oidc.recently_authenticated(now + Duration::minutes(6)));
    }

    #[test]
    fn sessions_end_when_idle_expired_or_revoked() {
        let t = time::macros::datetime!(2026-11-30 10:00 UTC);
        let limits = SessionLimits::for_roles(&[Grant::program(RoleKind::JuryMember)]);
        assert_eq!((limits.idle, limits.absolute), (Duration::minutes(30), Duration::hours(12)));
        let other = SessionLimits::for_roles(&[Grant::program(RoleKind::Candidate)]);
        assert_eq!((other.idle, other.absolute), (Duration::hours(2), Duration::days(7)));
        let s = SessionState { last_seen_at: t, idle_timeout: limits.idle, absolute_expires_at: t + limits.absolute, revoked: false };
        assert!(s.is_alive(t + Duration::minutes(29)));
        assert!(!s.is_alive(t + Duration::minutes(30)));
        let busy = SessionState { last_seen_at: t + Duration::hours(12), ..s.clone() };
        assert!(!busy.is_alive(t + Duration::hours(12) + Duration::seconds(1)), "activity never extends the absolute limit");
        assert!(!SessionState { revoked: true, ..s }.is_alive(t));
    }

    #[test]
    fn rate_limit_windows_are_aligned() {
        let t = time::macros::datetime!(2026-11-30 10:59:59 UTC);
        assert_eq!(RateLimit::TOTP_PER_PERSON.window_start(t), time::macros::datetime!(2026-11-30 10:45 UTC).unix_timestamp());
    }

    #[test]
    fn send_caps_slide_and_leave_an_address_room_that_one_client_cannot_take() {
        let t = time::macros::datetime!(2026-11-30 10:00 UTC);
        let cap = SendCap { max: 3, window_secs: 900 };
        assert_eq!(cap.since(t), t.unix_timestamp() - 900);
        assert!(cap.allows(2) && !cap.allows(3));
        for (scope, share) in SIGN_IN_MAIL_CAPS.iter().filter(|(s, _)| *s == MailCapScope::AddressFromClient) {
            let whole = SIGN_IN_MAIL_CAPS
                .iter()
                .find(|(s, c)| *s == MailCapScope::Address && c.window_secs == share.window_secs)
                .map(|(_, c)| c.max)
                .unwrap_or(0);
            assert!(share.max < whole, "{scope}: one client takes only part of an address's budget");
        }
        assert!(SIGN_IN_MAIL_CAPS.iter().all(|(_, c)| c.window_secs <= 24 * 3600), "counts are kept a day");
        let client = SIGN_IN_MAIL_CAPS.iter().find(|(s, _)| *s == MailCapScope::Client).map(|(_, c)| c.max).unwrap_or(0);
        assert!(client >= 100, "an office behind one address");
    }

    #[test]
    fn audit_hashes_chain_and_detect_any_change() {
        let e = AuditEntry {
            at: time::macros::datetime!(2026-11-30 10:00 UTC),
            actor: None,
            actor_label: "system".into(),
            action: AuditAction::DataImported,
            object_type: "import".into(),
            object_id: "eig".into(),
            details: serde_json::json!({"changes": 3}),
            ip: None,
        };
        let h1 = audit_hash("0", 1, &e, "2026-11-30T10:00:00Z");
        assert_eq!(h1.len(), 64);
        assert_eq!(h1, audit_hash("0", 1, &e, "2026-11-30T10:00:00Z"));
        assert_ne!(h1, audit_hash("1", 1, &e, "2026-11-30T10:00:00Z"), "the previous hash counts");
        let changed = AuditEntry { details: serde_json::json!({"changes": 4}), ..e.clone() };
        assert_ne!(h1, audit_hash("0", 1, &changed, "2026-11-30T10:00:00Z"));
        assert_ne!(h1, audit_hash("0", 2, &e, "2026-11-30T10:00:00Z"));
    }
}
