//! Real peers: mail over the SMTP protocol to an SMTP server (aiosmtpd), and TOTP codes checked
//! against an independent implementation (pyotp).

use cohorte_app::identity::check_totp;
use cohorte_app::mail::{Mailer, SmtpMailer, SmtpSettings, login_link};
use cohorte_domain::lang::Lang;
use cohorte_test_support::peers;

#[tokio::test]
async fn mail_goes_out_over_smtp_with_both_parts_and_the_link_intact() {
    let Some(server) = peers::smtp() else { return };
    let mailer = SmtpMailer::new(
        &SmtpSettings { host: "127.0.0.1".into(), port: server.port, tls: "none".into(), username: None, password: None },
        "Cohorte <no-reply@cohorte.test>",
    )
    .unwrap();
    let url = "https://cohorte.test/login/confirm?token=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let mail = login_link(Lang::Fr, "elodie@example.org", url).unwrap();
    mailer.send("job-42", &mail).await.unwrap();
    let received = server.messages();
    assert_eq!(received.len(), 1);
    let raw = &received[0];
    assert!(raw.contains("X-RcptTo: elodie@example.org"), "{raw}");
    assert!(raw.contains("Message-ID: <job-42@cohorte.test>"), "{raw}");
    assert!(raw.contains("multipart/alternative"));
    let decoded = peers::decode_quoted_printable(raw);
    assert!(decoded.contains(url), "the link survives the transfer encoding");
    assert!(decoded.contains("Votre lien de connexion") || raw.contains("Subject: =?utf-8?"), "{raw}");
    // A server that refuses the connection is an error (the job will be retried).
    let closed = SmtpMailer::new(
        &SmtpSettings { host: "127.0.0.1".into(), port: peers::free_port(), tls: "none".into(), username: None, password: None },
        "a@b.org",
    )
    .unwrap();
    assert!(closed.send("job-43", &mail).await.is_err());
}

#[test]
fn totp_codes_agree_with_an_independent_implementation() {
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    for t in [59_i64, 1_111_111_109, 1_234_567_890, 2_000_000_000] {
        let Some(theirs) = peers::pyotp_code(secret, t) else { return };
        let now = time::OffsetDateTime::from_unix_timestamp(t).unwrap();
        // Ours accepts their code, and theirs accepts ours.
        assert_eq!(check_totp(secret, &theirs, now), Some(t / 30), "t={t}");
        let ours = cohorte_app::demo::current_demo_code(now);
        assert_eq!(ours, theirs, "t={t}");
        assert_eq!(peers::pyotp_verify(secret, &ours, t), Some(true));
    }
    // RFC 6238 values, cut to 6 digits.
    let at = |t: i64| peers::pyotp_code(secret, t);
    if let Some(c) = at(59) {
        assert_eq!(c, "287082");
    }
    // A code of the previous and next step is accepted (one step of skew), not two steps away.
    let t = 1_234_567_890_i64;
    let Some(prev) = peers::pyotp_code(secret, t - 30) else { return };
    let Some(far) = peers::pyotp_code(secret, t - 90) else { return };
    let now = time::OffsetDateTime::from_unix_timestamp(t).unwrap();
    assert!(check_totp(secret, &prev, now).is_some());
    assert!(check_totp(secret, &far, now).is_none());
    assert!(check_totp(secret, "12345", now).is_none());
    assert!(check_totp(secret, "abcdef", now).is_none());
}
