//! Development and demo pages: the mail that went out (absent in production).

use axum::extract::State;
use axum::response::Response;
use cohorte_app::Mode;

use crate::AppState;
use crate::error::WebError;
use crate::views::auth::DevMailPage;
use crate::views::{Chrome, render};

/// `GET /dev/mail`: every message of the file sink, with its links.
pub async fn mail(State(state): State<AppState>, c: Chrome) -> Result<Response, WebError> {
    if !state.ctx.settings.mode.is_dev() {
        return Err(WebError::NotFound);
    }
    let Some(dir) = state.config.mail_dir.clone() else { return Err(WebError::NotFound) };
    let mails =
        tokio::task::spawn_blocking(move || cohorte_app::mail::read_sink(&dir)).await.map_err(|e| WebError::Internal(e.to_string()))?;
    let links = mails
        .iter()
        .map(|m| {
            m.mail.text.split_whitespace().filter(|w| w.starts_with("http://") || w.starts_with("https://")).map(str::to_owned).collect()
        })
        .collect();
    let demo_code = (state.ctx.settings.mode == Mode::Demo).then(|| cohorte_app::demo::current_demo_code(state.ctx.clock.now()));
    let title = c.t("devmail-title");
    Ok(render(&DevMailPage { c: c.page("", title), mails, links, demo_code }))
}
