//! OpenID Connect sign-in (ProConnect-style) for staff and juries: discovery, authorization code
//! with PKCE, `state`, `nonce`, ID-token checks by the `openidconnect` crate, and accounts linked
//! by (issuer, subject), never silently by email. A person links their OpenID account from their
//! account page, once signed in; afterwards that account signs them in with a strong session.

use std::time::{Duration, Instant};

use cohorte_domain::identity::{AuditAction, AuthMethod, constant_time_eq};
use cohorte_store::identity as store;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::identity::{NewCookie, RequestMeta, Session, SignInOutcome};
use crate::uow::Uow;
use crate::{AppError, Ctx};

/// The relying party's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcSettings {
    /// The provider's issuer URL (discovery is at `/.well-known/openid-configuration`).
    pub issuer: String,
    /// Client id.
    pub client_id: String,
    /// Client secret.
    pub client_secret: String,
    /// The name shown on the button (`ProConnect`).
    pub label: String,
}

/// The provider: settings, an HTTP client that never follows redirects, and the discovered
/// metadata (kept 10 minutes).
pub struct Oidc {
    settings: OidcSettings,
    http: openidconnect::reqwest::Client,
    meta: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Oidc").field("issuer", &self.settings.issuer).finish()
    }
}

/// The flow in progress, kept in the server session (never in the browser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Flow {
    state: String,
    nonce: String,
    verifier: String,
    link: bool,
    started_at: i64,
}

/// The provider failed or answered something we refuse.
fn refused(what: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("openid connect: {what}"))
}

impl Oidc {
    /// A relying party for these settings.
    pub fn new(settings: OidcSettings) -> Result<Self, AppError> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(refused)?;
        Ok(Self { settings, http, meta: Mutex::new(None) })
    }

    /// The button label.
    pub fn label(&self) -> &str {
        &self.settings.label
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, AppError> {
        let mut guard = self.meta.lock().await;
        if let Some((at, m)) = guard.as_ref()
            && at.elapsed() < Duration::from_secs(600)
        {
            return Ok(m.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(refused)?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http).await.map_err(refused)?;
        *guard = Some((Instant::now(), m.clone()));
        Ok(m)
    }
}

fn provider(ctx: &Ctx) -> Result<&Oidc, AppError> {
    ctx.oidc.as_deref().ok_or(AppError::NotFound)
}

fn redirect_uri(ctx: &Ctx) -> Result<RedirectUrl, AppError> {
    RedirectUrl::new(format!("{}/auth/oidc/callback", ctx.settings.base_url)).map_err(refused)
}

/// Starts a sign-in (or, for a signed-in person, the linking of their account): returns the
/// provider's authorization URL. `state`, `nonce` and the PKCE verifier stay in the session.
pub async fn start(ctx: &Ctx, session: &Session, link: bool) -> Result<String, AppError> {
    let op = provider(ctx)?;
    let meta = op.metadata().await?;
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new(op.settings.client_id.clone()),
        Some(ClientSecret::new(op.settings.client_secret.clone())),
    )
    .set_redirect_uri(redirect_uri(ctx)?);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let flow = Flow {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        link: link && session.actor.person().is_some(),
        started_at: ctx.clock.now().unix_timestamp(),
    };
    let json = serde_json::to_string(&flow).map_err(refused)?;
    let mut c = ctx.db.acquire().await?;
    store::set_oidc_state(&mut c.conn(), &session.hash, Some(&json)).await?;
    Ok(url.to_string())
}

/// The parameters the provider sends back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Callback {
    /// Authorization code.
    pub code: Option<String>,
    /// State.
    pub state: Option<String>,
    /// Issuer (RFC 9207).
    pub iss: Option<String>,
    /// Error code.
    pub error: Option<String>,
}

/// What the callback did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    /// Signed in (strong session).
    SignedIn(NewCookie),
    /// The account was linked to the signed-in person, who is now strongly signed in.
    Linked(NewCookie),
    /// The provider's account is linked to no one here.
    Unlinked,
    /// Anything refused (state, issuer, token, nonce…).
    Refused,
}

/// Completes the flow: checks state and issuer, exchanges the code with the PKCE verifier,
/// verifies the ID token (signature, issuer, audience, expiry, nonce), then signs in the person
/// linked to (issuer, subject).
pub async fn finish(ctx: &Ctx, session: &Session, cb: &Callback, meta: &RequestMeta) -> Result<Finished, AppError> {
    let op = provider(ctx)?;
    let now = ctx.clock.now();
    // The flow is single use.
    {
        let mut c = ctx.db.acquire().await?;
        store::set_oidc_state(&mut c.conn(), &session.hash, None).await?;
    }
    let refuse = |reason: &str| {
        let reason = reason.to_owned();
        async move {
            let mut w = Uow::begin(ctx, meta).await?;
            w.audit_as(None, "anonymous", AuditAction::SignInFailed, ("oidc", "callback"), serde_json::json!({"reason": reason})).await?;
            w.commit().await?;
            Ok::<_, AppError>(Finished::Refused)
        }
    };
    let Some(flow) = session.oidc_state.as_deref().and_then(|s| serde_json::from_str::<Flow>(s).ok()) else {
        return refuse("no_flow").await;
    };
    if now.unix_timestamp() - flow.started_at > 600 {
        return refuse("flow_expired").await;
    }
    if cb.error.is_some() {
        return refuse("provider_error").await;
    }
    let (Some(code), Some(state)) = (&cb.code, &cb.state) else { return refuse("missing_code").await };
    if !constant_time_eq(state, &flow.state) {
        return refuse("state_mismatch").await;
    }
    let md = op.metadata().await?;
    let issuer = md.issuer().to_string();
    if let Some(iss) = &cb.iss
        && iss != &issuer
    {
        return refuse("issuer_mismatch").await;
    }
    let client = CoreClient::from_provider_metadata(
        md,
        ClientId::new(op.settings.client_id.clone()),
        Some(ClientSecret::new(op.settings.client_secret.clone())),
    )
    .set_redirect_uri(redirect_uri(ctx)?);
    let exchange = match client.exchange_code(AuthorizationCode::new(code.clone())) {
        Ok(r) => r.set_pkce_verifier(PkceCodeVerifier::new(flow.verifier.clone())).request_async(&op.http).await,
        Err(_) => return refuse("no_token_endpoint").await,
    };
    let Ok(tokens) = exchange else { return refuse("token_exchange").await };
    let Some(id_token) = tokens.id_token() else { return refuse("no_id_token").await };
    let verifier = client.id_token_verifier();
    let Ok(claims) = id_token.claims(&verifier, &Nonce::new(flow.nonce.clone())) else { return refuse("id_token_invalid").await };
    let subject = claims.subject().to_string();
    let email = claims.email().map(|e| e.to_string());
    let mut w = Uow::begin(ctx, meta).await?;
    let linked = store::person_by_oidc(&mut w.conn(), &issuer, &subject).await?;
    let (person, linking) = match (linked, flow.link, session.actor.person()) {
        // Linking an account that already belongs to someone else: refused, nobody is switched.
        (Some(p), true, Some(me)) if p != me.id => {
            drop(w);
            return refuse("linked_to_another_person").await;
        }
        (Some(p), _, _) => (p, false),
        (None, true, Some(me)) => {
            store::link_oidc(&mut w.conn(), &issuer, &subject, me.id, email.as_deref(), now).await?;
            w.audit(me, AuditAction::OidcLinked, ("person", &me.id.to_string()), serde_json::json!({"issuer": issuer})).await?;
            (me.id, true)
        }
        _ => {
            // Never linked silently by email, even when it matches a person here.
            w.audit_as(
                None,
                "anonymous",
                AuditAction::SignInFailed,
                ("oidc", "callback"),
                serde_json::json!({"reason": "unlinked_account", "issuer": issuer}),
            )
            .await?;
            w.commit().await?;
            return Ok(Finished::Unlinked);
        }
    };
    store::touch_oidc(&mut w.conn(), &issuer, &subject, now).await?;
    let name = store::person(&mut w.conn(), person).await?.map(|p| p.display_name).unwrap_or_default();
    let out = crate::identity::sign_in_with(
        &mut w.conn(),
        session,
        person,
        AuthMethod::Oidc,
        now,
        meta,
        serde_json::json!({"issuer": issuer}),
        &name,
    )
    .await?;
    w.commit().await?;
    Ok(match out {
        SignInOutcome::SignedIn(cookie, _) if linking => Finished::Linked(cookie),
        SignInOutcome::SignedIn(cookie, _) => Finished::SignedIn(cookie),
        _ => Finished::Refused,
    })
}
