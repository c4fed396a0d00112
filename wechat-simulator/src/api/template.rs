//! Template messages: industry, private templates, sends (`/cgi-bin/template/*`, `/cgi-bin/message/template/send`).

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct Templates {}
