//! Demo accounts for each role, seeded by `serve --demo` (idempotent). The privileged ones share
//! a published TOTP secret so that a newcomer can pass the second factor (see the README).

use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{Email, Grant};
use cohorte_store::identity as store;

use crate::{AppError, Ctx};

/// The second-factor secret of the demo staff, validator and jury accounts (base32). Public on
/// purpose: demo only.
pub const DEMO_TOTP_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// A demo account: address, name, role, whether it has the demo second factor.
pub const DEMO_ACCOUNTS: [(&str, &str, RoleKind, bool); 6] = [
    ("staff@demo.cohorte.test", "Démo Équipe programme", RoleKind::ProgramStaff, true),
    ("validator@demo.cohorte.test", "Démo Validation", RoleKind::Validator, true),
    ("jury@demo.cohorte.test", "Démo Jury", RoleKind::JuryMember, true),
    ("mentor@demo.cohorte.test", "Démo Mentor", RoleKind::OperationalMentor, false),
    ("candidate@demo.cohorte.test", "Démo Candidature", RoleKind::Candidate, false),
    ("fellow@demo.cohorte.test", "Démo Entrepreneur", RoleKind::Fellow, false),
];

/// Creates the demo accounts that do not exist yet; returns how many were created.
pub async fn seed(ctx: &Ctx) -> Result<usize, AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let mut created = 0;
    for (address, name, role, totp) in DEMO_ACCOUNTS {
        let email = Email::parse(address).map_err(|_| AppError::Internal(address.into()))?;
        if store::person_by_email(&mut conn, &email).await?.is_some() {
            continue;
        }
        let slug = format!("demo-{}", address.split('@').next().unwrap_or("x"));
        let person = store::create_person(&mut conn, &slug, name).await?;
        store::add_email(&mut conn, person, &email, Some(now), now).await?;
        store::grant_role(&mut conn, person, &Grant::program(role), None, "demo", now).await?;
        if totp {
            store::set_totp_secret(&mut conn, person, DEMO_TOTP_SECRET, now).await?;
            store::use_totp_step(&mut conn, person, 0, Some(now)).await?;
        }
        created += 1;
    }
    tx.commit().await?;
    Ok(created)
}

/// The current code of the demo second factor (shown on the development mail page in demo mode).
pub fn current_demo_code(now: time::OffsetDateTime) -> String {
    let secret = totp_rs::Secret::try_from_base32(DEMO_TOTP_SECRET).ok();
    let totp = secret.and_then(|s| totp_rs::Builder::new().with_secret(s).build().ok());
    match (totp, u64::try_from(now.unix_timestamp())) {
        (Some(t), Ok(ts)) => t.generate(ts).to_string(),
        _ => String::new(),
    }
}
